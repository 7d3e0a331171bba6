// Models and instances: define(), sync(), the finders and instance methods.
#pragma once

#include <tabula/association.hpp>
#include <tabula/data_types.hpp>
#include <tabula/query.hpp>
#include <tabula/transaction.hpp>
#include <tabula/value.hpp>

#include <chrono>
#include <cstdint>
#include <functional>
#include <future>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace Poco::JSON {
class Object;
}

namespace tabula {

class Database;
class Model;

// `unique: true` or `unique: "indexName"` (columns sharing a name form one key).
struct Unique {
    Unique() = default;
    Unique(bool on) : on(on) {}
    Unique(const char* name) : on(true), name(name) {}
    Unique(std::string name) : on(true), name(std::move(name)) {}
    bool on = false;
    std::string name{};
};

class Instance;

// Bounds for the `len` validator, in characters.
struct Length {
    std::size_t min = 0;
    std::size_t max = static_cast<std::size_t>(-1);
};

// Sequelize's attribute validators. Each failing rule adds a
// ValidationErrorItem named after it ("isEmail", "len", ...); null values
// are checked only by allowNull.
struct Validate {
    bool notEmpty = false; // not "" (nor only white space)
    std::optional<Length> len{};
    bool isEmail = false;
    bool isUrl = false;   // http, https or ftp URL with a host
    bool isInt = false;   // an integer, or text that is one
    bool isFloat = false; // a number, or text that is one
    std::optional<double> min{};
    std::optional<double> max{};
    std::vector<Value> isIn{};
    std::vector<Value> notIn{};
    std::string is{}; // an ECMAScript regular expression the whole text must match
    // Named rules of the program's own: throw (a std::exception) to fail.
    std::vector<std::pair<std::string, std::function<void(const Value&)>>> custom{};
};

using Getter = std::function<Value(const Instance&)>;
using Setter = std::function<void(Instance&, const Value&)>;

// One attribute's definition, written with designated initializers:
//   {"id", {.type = DataTypes::INTEGER, .primaryKey = true, .autoIncrement = true}}
struct Attribute {
    DataType type = DataType(DataKind::String, 255);
    bool allowNull = true;
    DefaultValue defaultValue{};
    bool primaryKey = false;
    bool autoIncrement = false;
    Unique unique{};
    std::string field{}; // column name, when it differs from the attribute name
    std::string comment{};
    Validate validate{};
    // get: what Instance::get returns (read the stored value with
    // getDataValue); set: what Instance::set stores (with setDataValue).
    Getter get{};
    Setter set{};
};

// A name and its definition: {"firstName", DataTypes::STRING} or
// {"email", {.type = DataTypes::STRING, .allowNull = false}}.
struct AttributeDef {
    AttributeDef(std::string name, DataType type) : name(std::move(name)) {
        attribute.type = std::move(type);
    }
    AttributeDef(std::string name, Attribute attribute)
        : name(std::move(name)), attribute(std::move(attribute)) {}
    std::string name{};
    Attribute attribute;
};

using AttributeList = std::vector<AttributeDef>;

// createdAt/updatedAt/deletedAt: true or false, or the attribute's name.
struct TimestampName {
    TimestampName() = default;
    TimestampName(bool enabled) : enabled(enabled) {}
    TimestampName(const char* rename) : name(rename) {}
    TimestampName(std::string rename) : name(std::move(rename)) {}
    bool enabled = true;
    std::string name{};
};

// Model options; unset ones fall back to the Database's `define` defaults.
// Lifecycle hooks, Sequelize's names. A hook throws to abort the operation.
enum class Hook {
    beforeValidate,
    afterValidate,
    beforeCreate,
    afterCreate,
    beforeUpdate,
    afterUpdate,
    beforeSave,
    afterSave,
    beforeDestroy,
    afterDestroy,
    beforeBulkCreate,
    afterBulkCreate,
    beforeBulkUpdate,
    afterBulkUpdate,
    beforeBulkDestroy,
    afterBulkDestroy,
    beforeFind,
    afterFind
};

const char* toString(Hook hook);

// What a hook sees; the pointers that apply to its kind are set.
struct HookEvent {
    Hook hook;
    Transaction* transaction = nullptr;
    Instance* instance = nullptr;               // instance hooks
    std::vector<Instance>* instances = nullptr; // bulkCreate, afterFind
    FindOptions* find = nullptr;                // beforeFind: may change the query
    Values* values = nullptr;                   // bulk update: may change the values
    Where* where = nullptr;                     // bulk update and destroy
};

using HookFunction = std::function<void(HookEvent&)>;

// A validator across attributes: throw (a std::exception) to fail.
using ModelValidator = std::function<void(const Instance&)>;

struct ModelOptions {
    std::string tableName{};
    std::optional<bool> freezeTableName{};
    std::optional<bool> timestamps{};
    std::optional<TimestampName> createdAt{};
    std::optional<TimestampName> updatedAt{};
    std::optional<TimestampName> deletedAt{};
    std::optional<bool> paranoid{};
    std::optional<bool> underscored{};
    std::vector<std::pair<std::string, ModelValidator>> validate{};
    std::vector<std::pair<Hook, HookFunction>> hooks{};
    std::optional<FindOptions> defaultScope{};
    std::vector<std::pair<std::string, FindOptions>> scopes{};
};

struct SyncOptions {
    bool force = false; // drop and recreate
    bool alter = false; // add missing columns
    Transaction* transaction = nullptr;
};

struct DropOptions {
    bool ifExists = true;
    Transaction* transaction = nullptr;
};

struct CreateOptions {
    std::vector<std::string> fields{}; // only these attributes are inserted
    Transaction* transaction = nullptr;
    std::optional<std::chrono::milliseconds> timeout{}; // as FindOptions::timeout
};

struct SaveOptions {
    std::vector<std::string> fields{};
    Transaction* transaction = nullptr;
    std::optional<std::chrono::milliseconds> timeout{}; // as FindOptions::timeout
};

struct UpdateOptions {
    Where where{};
    bool paranoid = true;
    std::optional<std::int64_t> limit{};
    Transaction* transaction = nullptr;
    std::optional<std::chrono::milliseconds> timeout{}; // as FindOptions::timeout
};

struct DestroyOptions {
    Where where{};
    bool force = false; // really delete rows of a paranoid model
    std::optional<std::int64_t> limit{};
    bool truncate = false;
    Transaction* transaction = nullptr;
    std::optional<std::chrono::milliseconds> timeout{}; // as FindOptions::timeout
};

struct RestoreOptions {
    Where where{};
    Transaction* transaction = nullptr;
    std::optional<std::chrono::milliseconds> timeout{}; // as FindOptions::timeout
};

struct BulkCreateOptions {
    std::vector<std::string> fields{};
    bool ignoreDuplicates = false;
    std::vector<std::string> updateOnDuplicate{};
    // The key updateOnDuplicate conflicts on; default: the first unique key,
    // else the primary key (as Sequelize chooses).
    std::vector<std::string> conflictAttributes{};
    bool returning = true; // read back generated ids where the dialect can
    Transaction* transaction = nullptr;
    std::optional<std::chrono::milliseconds> timeout{}; // as FindOptions::timeout
};

struct UpsertOptions {
    std::vector<std::string> fields{};
    std::vector<std::string> conflictFields{}; // default: the primary key
    Transaction* transaction = nullptr;
    std::optional<std::chrono::milliseconds> timeout{}; // as FindOptions::timeout
};

struct FindOrCreateOptions {
    Where where{};
    Values defaults{};
    Transaction* transaction = nullptr;
    std::optional<std::chrono::milliseconds> timeout{}; // as FindOptions::timeout
};

struct IncrementOptions {
    std::int64_t by = 1;
    Transaction* transaction = nullptr;
    std::optional<std::chrono::milliseconds> timeout{}; // as FindOptions::timeout
};

// A row of a model: values held by attribute index, plus change tracking.
class Instance {
public:
    Instance(const Model& model, std::vector<Value> values, bool isNewRecord);
    Instance(const Instance& other);
    Instance(Instance&& other) noexcept;
    Instance& operator=(const Instance& other);
    Instance& operator=(Instance&& other) noexcept;
    ~Instance();

    const Model& model() const { return *model_; }
    Value get(std::string_view attribute) const;
    // The value as T, through the attribute's getter if it has one:
    // row.get<std::string>("name"), row.get<std::int64_t>("id"). Converts as
    // Value::as<T>() does, without copying the Value first.
    template <class T>
    T get(std::string_view attribute) const {
        Value computed;
        return valueOf(attribute, computed).as<T>();
    }
    Value operator[](std::string_view attribute) const { return get(attribute); }
    Instance& set(const std::string& attribute, Value value);
    Instance& set(const Values& values);
    Instance& set(Values&& values); // takes the values over
    // The stored value and its raw setter, bypassing an attribute's get/set.
    Value getDataValue(std::string_view attribute) const;
    Instance& setDataValue(const std::string& attribute, Value value);

    // Attribute names changed since the last save or load.
    std::vector<std::string> changed() const;
    bool changed(std::string_view attribute) const;
    Value previous(std::string_view attribute) const;
    bool isNewRecord() const { return isNewRecord_; }

    Instance& save(SaveOptions options = {});
    Instance& update(const Values& values, SaveOptions options = {});
    Instance& reload(Transaction* transaction = nullptr);
    // Soft delete on a paranoid model unless force.
    void destroy(bool force = false, Transaction* transaction = nullptr);
    void restore(Transaction* transaction = nullptr);
    Instance& increment(const std::string& attribute, std::int64_t by = 1,
                        Transaction* transaction = nullptr);
    Instance& decrement(const std::string& attribute, std::int64_t by = 1,
                        Transaction* transaction = nullptr);

    // Rows loaded with include, by association name: a list for hasMany and
    // belongsToMany, zero or one row for hasOne and belongsTo.
    const std::vector<Instance>& related(const std::string& as) const;
    bool hasRelated(const std::string& as) const;
    void setRelated(const std::string& as, std::vector<Instance> rows, bool single);

    // Futures of the instance methods; the instance must outlive them.
    std::future<void> saveAsync(SaveOptions options = {});
    std::future<void> reloadAsync(Transaction* transaction = nullptr);
    std::future<void> destroyAsync(bool force = false, Transaction* transaction = nullptr);

    // JSON text: {"id":1,"firstName":"John",...}
    std::string toJSON() const;
    Poco::JSON::Object toJSONObject() const;

    // For the model implementation.
    const std::vector<Value>& values() const { return values_; }
    std::vector<Value>& mutableValues() {
        keepPrevious();
        return values_;
    }
    void markSaved();
    // Only these attributes were written: their changes are saved, others
    // stay pending.
    void markSaved(std::span<const size_t> saved);
    Value primaryKeyValue() const;
    // Loaded by a query that picked attributes: which it read, by index
    // (toJSON leaves the others out).
    void setLoaded(std::shared_ptr<const std::vector<bool>> loaded);
    // Selected values that are not attributes, e.g. {fn("COUNT", col("id")), "n"}.
    void setExtra(const std::string& name, Value value);
    const Values& extras() const;

private:
    // The stored value, or the getter's result kept in `computed`.
    const Value& valueOf(std::string_view attribute, Value& computed) const;
    void removeRow(bool force, Transaction* transaction);
    // After a save or a load the previous values are the current ones; they
    // are copied only when something is about to change.
    void keepPrevious() {
        if (previousIsCurrent_) copyPrevious();
    }
    void copyPrevious();
    void setPrevious(size_t index, Value value);
    void setAt(size_t index, Value&& value);
    void setIndexed(size_t index, Value&& value); // through the attribute's setter, if any
    // Changed flags: a bit each in changedBits_ for the first 64 attributes,
    // the rest in the state block, so that building a new row allocates
    // nothing beside its values.
    void markChanged(size_t index);
    bool isChanged(size_t index) const;
    void clearChanged();
    void clearChanged(size_t index);
    bool anyChanged() const;

    // What a loaded row seldom needs, allocated on first use: previous
    // values, changed flags past the 64th, selected extras and included
    // rows. An instance is then two pointers, its values and a word of
    // flags, cheap to build and to move.
    struct State;
    State& state();
    const Model* model_;
    std::vector<Value> values_;
    std::unique_ptr<State> state_;
    std::uint64_t changedBits_ = 0;
    bool isNewRecord_;
    bool previousIsCurrent_ = false;
};

struct CountedRows {
    std::int64_t count = 0;
    std::vector<Instance> rows{};
};

struct ModelImpl;

class Model {
public:
    Model(Database& db, std::string name, AttributeList attributes, ModelOptions options);
    ~Model();
    Model(const Model&) = delete;
    Model& operator=(const Model&) = delete;

    const std::string& name() const;
    const std::string& tableName() const;
    Database& database() const;
    // Attribute names in definition order, including id and timestamps.
    std::vector<std::string> attributeNames() const;
    const Attribute& attribute(const std::string& name) const;
    bool hasAttribute(const std::string& name) const;
    std::string primaryKeyAttribute() const;

    Model& sync(SyncOptions options = {});
    void drop(DropOptions options = {});

    Instance build(const Values& values = {}) const;
    // Takes the values over instead of copying them.
    Instance build(Values&& values) const;
    Instance create(const Values& values, CreateOptions options = {});
    std::vector<Instance> bulkCreate(const std::vector<Values>& rows,
                                     BulkCreateOptions options = {});
    // Takes the rows' values over: bulkCreate(std::move(rows)).
    std::vector<Instance> bulkCreate(std::vector<Values>&& rows, BulkCreateOptions options = {});
    // Inserts or updates by primary key or unique key; returns the row as stored.
    Instance upsert(const Values& values, UpsertOptions options = {});

    std::vector<Instance> findAll(FindOptions options = {}) const;
    std::optional<Instance> findOne(FindOptions options = {}) const;
    std::optional<Instance> findByPk(const Value& key) const;
    std::optional<Instance> findByPk(const Value& key, FindOptions options) const;
    // The row matching where, created from where + defaults if missing.
    std::pair<Instance, bool> findOrCreate(FindOrCreateOptions options);
    CountedRows findAndCountAll(FindOptions options = {}) const;
    std::int64_t count(FindOptions options = {}) const;
    Value max(const std::string& attribute, FindOptions options = {}) const;
    Value min(const std::string& attribute, FindOptions options = {}) const;
    Value sum(const std::string& attribute, FindOptions options = {}) const;

    // Returns the number of affected rows.
    std::int64_t update(const Values& values, UpdateOptions options);
    std::int64_t destroy(DestroyOptions options = {});
    std::int64_t restore(RestoreOptions options = {});
    std::int64_t increment(const std::string& attribute, IncrementOptions by, Where where);

    std::future<std::vector<Instance>> findAllAsync(FindOptions options = {}) const;
    std::future<std::optional<Instance>> findOneAsync(FindOptions options = {}) const;
    std::future<std::optional<Instance>> findByPkAsync(Value key, FindOptions options = {}) const;
    std::future<std::int64_t> countAsync(FindOptions options = {}) const;
    std::future<Instance> createAsync(Values values, CreateOptions options = {});
    std::future<std::vector<Instance>> bulkCreateAsync(std::vector<Values> rows,
                                                       BulkCreateOptions options = {});
    std::future<std::int64_t> updateAsync(Values values, UpdateOptions options);
    std::future<std::int64_t> destroyAsync(DestroyOptions options = {});
    std::future<void> syncAsync(SyncOptions options = {});
    std::future<void> dropAsync(DropOptions options = {});
    std::future<std::pair<Instance, bool>> findOrCreateAsync(FindOrCreateOptions options);
    std::future<CountedRows> findAndCountAllAsync(FindOptions options = {}) const;
    std::future<Value> maxAsync(std::string attribute, FindOptions options = {}) const;
    std::future<Value> minAsync(std::string attribute, FindOptions options = {}) const;
    std::future<Value> sumAsync(std::string attribute, FindOptions options = {}) const;
    std::future<Instance> upsertAsync(Values values, UpsertOptions options = {});
    std::future<std::int64_t> restoreAsync(RestoreOptions options = {});
    std::future<std::int64_t> incrementAsync(std::string attribute, IncrementOptions by,
                                             Where where);

    // Associations. The foreign key attribute is added to the model that
    // holds it (a junction model is defined for belongsToMany).
    Association& hasOne(Model& target, AssociationOptions options = {});
    Association& belongsTo(Model& target, AssociationOptions options = {});
    Association& hasMany(Model& target, AssociationOptions options = {});
    Association& belongsToMany(Model& target, AssociationOptions options);
    Association& association(const std::string& as) const;

    // Adds a lifecycle hook; hooks of one kind run in the order added.
    Model& addHook(Hook hook, HookFunction function);

    // Finders with named scopes applied (and the default scope, unless
    // unscoped() comes first): User.scope("active").findAll().
    class Scoped scope(const std::string& name) const;
    class Scoped scope(std::initializer_list<std::string> names) const;
    class Scoped unscoped() const;

    ModelImpl& impl() const { return *impl_; }

private:
    // A new instance holding the attributes' defaults.
    Instance withDefaults() const;
    // Validates and inserts built instances (bulkCreate).
    std::vector<Instance> insertAll(std::vector<Instance> instances, BulkCreateOptions options);
    // update and destroy once the scopes' where clauses are in options.where.
    std::int64_t updateRows(const Values& values, UpdateOptions options);
    std::int64_t destroyRows(DestroyOptions options);
    // hasOne and hasMany.
    Association& hasTarget(Model& target, AssociationOptions options, AssociationType type);
    friend class Scoped;
    std::unique_ptr<ModelImpl> impl_;
};

struct RelatedRows {
    std::string as;
    bool single = false;
    std::vector<Instance> rows;
};

// A model seen through scopes: each scope's options are merged into the
// query's (where clauses joined by AND; the query's own order, attributes,
// limit and offset win over the scopes').
class Scoped {
public:
    Scoped(const Model& model, std::vector<const FindOptions*> scopes)
        : model_(&model), scopes_(std::move(scopes)) {}
    Scoped scope(const std::string& name) const;

    std::vector<Instance> findAll(FindOptions options = {}) const;
    std::optional<Instance> findOne(FindOptions options = {}) const;
    std::optional<Instance> findByPk(const Value& key, FindOptions options = {}) const;
    std::int64_t count(FindOptions options = {}) const;
    // Model::update and Model::destroy on the rows the scopes' where clauses
    // select: User.unscoped().update(...) reaches rows the default scope hides.
    std::int64_t update(const Values& values, UpdateOptions options) const;
    std::int64_t destroy(DestroyOptions options = {}) const;
    // The merged options, as the finders use them.
    FindOptions merged(FindOptions options) const;

private:
    void removeRow(bool force, Transaction* transaction);

    const Model* model_;
    std::vector<const FindOptions*> scopes_;
};

} // namespace tabula
