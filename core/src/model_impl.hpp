// A model's resolved definition: attributes by index with their columns,
// the key and timestamp attributes, and the translation of options into SQL.
#pragma once

#include "connection.hpp"
#include "sql/ast.hpp"
#include "validators.hpp"

#include <tabula/errors.hpp>
#include <tabula/model.hpp>

#include <algorithm>
#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

namespace tabula {

struct DatabaseImpl;

struct AttributeInfo {
    std::string name;
    std::string column;
    Attribute def;
    std::optional<sql::ColumnDef::Reference> reference; // a foreign key
    bool hasRules = detail::hasRules(def.validate);     // any Attribute::validate rule
    bool isVirtual() const { return def.type.kind() == DataKind::Virtual; }
};

struct ModelImpl {
    // Unique for the life of the process, unlike the object's address.
    const std::uint64_t serial = newSerial();
    static std::uint64_t newSerial();
    Model* self = nullptr;
    Database* db = nullptr;
    DatabaseImpl* dbi = nullptr;
    std::string name;
    std::string table;
    ModelOptions options; // merged with the Database's define defaults
    std::vector<AttributeInfo> attributes;
    // Attribute name → index; looked up by string_view without a copy.
    struct NameHash {
        using is_transparent = void;
        size_t operator()(std::string_view s) const noexcept {
            return std::hash<std::string_view>{}(s);
        }
    };
    std::unordered_map<std::string, size_t, NameHash, std::equal_to<>> byName;
    std::unordered_map<std::string, size_t> byColumn;
    std::vector<size_t> primaryKeys;
    int createdAt = -1, updatedAt = -1, deletedAt = -1;
    bool paranoid = false;

    size_t indexOf(std::string_view attribute, const char* where) const;
    std::optional<size_t> find(std::string_view attribute) const;
    const AttributeInfo& primary() const; // the single primary key; throws if composite
    bool isPrimaryKey(size_t index) const {
        return std::find(primaryKeys.begin(), primaryKeys.end(), index) != primaryKeys.end();
    }
    // createdAt, updatedAt or deletedAt.
    bool isTimestamp(size_t index) const {
        const int i = static_cast<int>(index);
        return i == createdAt || i == updatedAt || i == deletedAt;
    }
    bool autoIncrementKey() const;

    // Converts a value to what the attribute holds (text → timestamp, ...);
    // returns the value unchanged when it cannot be converted losslessly.
    // By value: the common case hands the value back unchanged, moved.
    Value coerce(size_t index, Value value) const;
    // True when the value is null or already of the attribute's kind, which
    // coerce hands back unchanged.
    bool holds(size_t index, const Value& value) const;
    // Cell from the database → value of the attribute's type.
    Value hydrate(size_t index, Value cell) const;
    // A driver's cell → value of the attribute's type, without the general
    // Value in between for the cell types dialects hand back for each type.
    Value hydrateCell(size_t index, const tabula_value& cell) const;
    Instance instanceFromRow(const detail::ResultSet& rs, size_t row, bool raw) const;
    // Moves the cells out of rs into the instances.
    std::vector<Instance> instancesFrom(detail::ResultSet&& rs, bool raw) const;
    // Runs a statement that returns this model's rows and builds each
    // instance as its row arrives, straight from the driver's cells.
    std::vector<Instance> fetch(const sql::Statement& statement, Transaction* transaction,
                                bool raw) const;
    // The first row of a statement whose parameters live elsewhere, as an
    // instance; no vector for a result of one row.
    std::optional<Instance> fetchOne(const std::string& sql, detail::ParamRefs params,
                                     Transaction* transaction) const;
    // Writes the cells of a returned row (RETURNING, OUTPUT INSERTED) over
    // the instance's values of the attributes they hold.
    void assignCells(Instance& instance, const detail::Connection::Columns& columns,
                     const tabula_value* cells, int count) const;
    // Runs such a statement without making instances: each row's values,
    // hydrated and indexed like the attributes (unselected ones null), go to
    // onRow in one vector that the next row overwrites.
    void readValues(const sql::Statement& statement, Transaction* transaction,
                    const std::function<void(const std::vector<Value>&)>& onRow) const;

    // Throws ValidationError listing every failing attribute of `chosen`
    // (and, with modelRules, every failing model-wide validator).
    void validate(const Instance& instance, std::span<const size_t> chosen,
                  bool modelRules = true) const;
    // The same attribute checks for values held apart from an instance:
    // values[k] is the value of attribute chosen[k]. No model-wide rules,
    // which need a whole row.
    void validateValues(std::span<const size_t> chosen, std::span<const Value> values) const;
    // Adds to `errors` what is wrong with the value of each attribute in
    // `chosen`; valueOf(n, chosen[n]) gives that value.
    template <class ValueOf>
    void checkValues(std::span<const size_t> chosen, ValueOf valueOf,
                     std::vector<ValidationErrorItem>& errors) const;

    std::vector<std::pair<Hook, HookFunction>> hooks;
    std::vector<std::unique_ptr<Association>> associations;

    // Removes an attribute after definition (the id of a junction model).
    void removeAttribute(const std::string& name);
    // Adds an attribute after definition (a foreign key of an association).
    void addAttribute(const std::string& name, Attribute def,
                      std::optional<sql::ColumnDef::Reference> reference);
    const Association& resolveInclude(const Include& include) const;
    // A picked attribute list with the keys that `includes` match on added,
    // as Sequelize adds them.
    // `also`: one more attribute to read.
    Attributes withIncludeKeys(Attributes attributes, const std::vector<Include>& includes,
                               const std::string& also = {}) const;
    // EXISTS conditions for required includes, against this model's table.
    sql::Condition requiredIncludes(const std::vector<Include>& includes) const;
    // Loads each include with one query per level and attaches the rows.
    // wholeTable: rows are every row of this model's table (a find without
    // where, limit or offset), so their children need no list of keys.
    void loadIncludes(std::vector<Instance>& rows, const std::vector<Include>& includes,
                      Transaction* transaction, bool wholeTable = false) const;
    void fire(Hook hook, HookEvent& event) const;
    bool hasHooks(Hook hook) const;
    // The SQL of a plain findByPk, rendered once for the current attributes:
    // the same text every time, with the key as its one parameter. nullptr
    // when the model's lookup needs more than that (a composite or ENUM key).
    // The text lives as long as the model.
    const std::string* keySelect(const Value& key) const;
    // A findByPk without options, scope or find hooks: the row of `key` read
    // with keySelect's SQL into `found`. False, with nothing run, when the
    // lookup needs the general finder.
    // Whether no row can have this primary key because the key's type cannot
    // hold it (4.7e30 or 1.5 for an integer key): findByPk finds nothing
    // rather than sending what the database would refuse.
    bool keyCannotExist(const Value& key) const;
    bool findPlainByKey(const Value& key, Transaction* transaction,
                        std::optional<Instance>& found) const;
    // Counts changes to the attribute list (an association adds its foreign
    // key), so that SQL rendered for an older list is rendered again.
    std::size_t attributesVersion = 0;
    // keySelect's text for one attribute version. Every version rendered is
    // kept until the model goes (there are a few), so that a lookup reads
    // the current one without a lock or a reference count: threads sharing
    // a model would otherwise all write to the same cache line.
    struct KeySelect {
        std::size_t version;
        std::string sql; // empty: the lookup needs the general finder
    };
    mutable std::mutex keySelectMutex;
    mutable std::vector<std::unique_ptr<const KeySelect>> keySelects; // under the mutex
    mutable std::atomic<const KeySelect*> keySelectCurrent{nullptr};
    // Model::update's statements of the common shape, `SET a = ?, ... WHERE
    // k = ? AND ...`, by a key naming the set and where attributes (see
    // updateShape in model.cpp). Cleared when the attribute list changes.
    mutable std::mutex updateSqlMutex;
    mutable std::unordered_map<std::string, std::shared_ptr<const std::string>> updateSql;
    mutable std::size_t updateSqlVersion = static_cast<std::size_t>(-1);

    // Finders below the scopes: hooks run, no scope is added.
    std::vector<Instance> find(FindOptions options) const;
    std::int64_t count(FindOptions options) const;
    // The query with the default scope merged in.
    // Sequelize's conflict target for an upsert that names none: the first
    // unique key holding an attribute the upsert updates, or the primary key
    // when there is none or the primary key is among the updated attributes.
    std::vector<size_t> upsertKey(const std::function<bool(size_t)>& updates) const;
    // The unique keys from the attributes' `unique`, in definition order.
    std::vector<std::vector<size_t>> uniqueKeys() const;
    // Sequelize's conflict target of bulkCreate's updateOnDuplicate: the
    // first unique key, else the primary key.
    std::vector<size_t> firstUniqueKey() const;
    // Which attributes a query with these attributes reads, by index; null
    // when it reads them all.
    std::shared_ptr<const std::vector<bool>> loadedMask(const Attributes& picked) const;
    // The UsageError message of an update or destroy without a where clause.
    std::string missingWhere(const char* verb) const;
    FindOptions withDefaultScope(FindOptions options) const;
    const FindOptions& namedScope(const std::string& scope) const;

    // For HAVING, `aliases` is the select list: a name there stands for its
    // expression, since not every dialect accepts aliases in HAVING.
    sql::Condition condition(const Where& where,
                             const std::vector<sql::SelectItem>* aliases = nullptr) const;
    sql::Condition scopeCondition(const Where& where, bool paranoidFilter) const;
    sql::Node expression(const Expr& expr) const;
    sql::Node attributeNode(const std::string& attribute) const;
    sql::Select select(const FindOptions& options) const;
    // The columns of every attribute that is stored (not VIRTUAL).
    std::vector<std::string> storedColumns() const;
    // Sets an UPDATE's or DELETE's limit, with the key columns a dialect
    // without LIMIT there picks its rows by. `verb` names it in errors.
    template <class Statement>
    void applyLimit(Statement& q, const std::optional<std::int64_t>& limit,
                    const char* verb) const {
        if (!limit) return;
        if (*limit < 0)
            throw UsageError(std::string(verb) + " of '" + name +
                             "': limit must not be negative, got " + std::to_string(*limit));
        q.limit = *limit;
        for (size_t k : primaryKeys)
            q.keyColumns.push_back(attributes[k].column);
    }
    std::optional<sql::Node> includedOrder(const OrderBy& order) const;
    sql::CreateTable createTable() const;
    sql::ColumnDef columnDef(const AttributeInfo& attribute) const;
    sql::Condition keyCondition(const Instance& instance) const;

    // Inserts a new instance, filling generated keys and timestamps in.
    void insert(Instance& instance, const std::vector<std::string>& fields,
                Transaction* transaction);
    // Writes a stored instance's changes (or `fields`); hooks = false skips
    // the validate, update and save hooks, as a soft delete does.
    void saveChanges(Instance& instance, const std::vector<std::string>& fields,
                     Transaction* transaction, bool hooks = true);
    Value aggregate(const char* function, const std::string& attribute,
                    const FindOptions& options) const;
    Value now() const;

    std::vector<size_t> fieldIndexes(const std::vector<std::string>& names,
                                     const char* where) const;
    Value defaultFor(size_t index) const;

    // Definitions alive in the process: what a test reads to see that a
    // redefinition frees the definition it replaces.
    static std::size_t liveDefinitions();
    struct Counted {
        Counted();
        ~Counted();
        Counted(const Counted&) = delete;
        Counted& operator=(const Counted&) = delete;
    } counted;

    // Instances built from this definition that are still alive, counted by
    // Instance's constructors and destructor: Database::define gives a
    // redefinition this definition's Model object only when there are none.
    // On a cache line of its own, away from what every query reads.
    alignas(64) mutable std::atomic<std::size_t> liveInstances{0};
};

} // namespace tabula
