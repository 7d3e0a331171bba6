// Model: definition (table name, id and timestamps), sync, and the
// model-level finders and bulk operations.
#include "database_impl.hpp"
#include "inflection.hpp"
#include "model_impl.hpp"

#include <tabula/errors.hpp>

#include <boost/container/small_vector.hpp>

#include <algorithm>
#include <optional>

namespace tabula {

namespace {

template <class T>
void inherit(std::optional<T>& own, const std::optional<T>& fallback) {
    if (!own && fallback) own = fallback;
}

// createdAt/updatedAt/deletedAt: enabled?, and the attribute's name.
std::optional<std::string> timestampName(const std::optional<TimestampName>& option,
                                         const char* standard) {
    if (!option) return std::string(standard);
    if (!option->name.empty()) return option->name;
    if (!option->enabled) return std::nullopt;
    return std::string(standard);
}

// A table or column name the database would cut short (PostgreSQL keeps 63
// bytes) is refused when the model is defined, rather than read back as
// null once two names share their first 63 bytes or the cut one is asked for.
void checkIdentifier(const ModelImpl& m, const std::string& what, const std::string& name) {
    const std::int32_t limit = m.dbi->profile.max_identifier_length;
    if (limit <= 0 || name.size() <= static_cast<std::size_t>(limit)) return;
    throw UsageError("model '" + m.name + "': " + what + " '" + name + "' is " +
                     std::to_string(name.size()) + " bytes long, and the " + m.dbi->dialect +
                     " dialect keeps names of at most " + std::to_string(limit) + " bytes");
}

// An ENUM value with a NUL byte would end the SQL text that lists it there.
void checkEnumValues(const ModelImpl& m, const std::string& attribute, const DataType& type) {
    for (const DataType* t = &type; t; t = t->element())
        for (const std::string& value : t->values())
            if (value.find('\0') != std::string::npos)
                throw UsageError("model '" + m.name + "': an ENUM value of attribute '" +
                                 attribute + "' holds a NUL byte, after '" +
                                 value.substr(0, value.find('\0')) + "'");
}

template <class F>
auto later(F&& f) {
    return std::async(std::launch::async, std::forward<F>(f));
}

} // namespace

const char* toString(Hook hook) {
    switch (hook) {
    case Hook::beforeValidate: return "beforeValidate";
    case Hook::afterValidate: return "afterValidate";
    case Hook::beforeCreate: return "beforeCreate";
    case Hook::afterCreate: return "afterCreate";
    case Hook::beforeUpdate: return "beforeUpdate";
    case Hook::afterUpdate: return "afterUpdate";
    case Hook::beforeSave: return "beforeSave";
    case Hook::afterSave: return "afterSave";
    case Hook::beforeDestroy: return "beforeDestroy";
    case Hook::afterDestroy: return "afterDestroy";
    case Hook::beforeBulkCreate: return "beforeBulkCreate";
    case Hook::afterBulkCreate: return "afterBulkCreate";
    case Hook::beforeBulkUpdate: return "beforeBulkUpdate";
    case Hook::afterBulkUpdate: return "afterBulkUpdate";
    case Hook::beforeBulkDestroy: return "beforeBulkDestroy";
    case Hook::afterBulkDestroy: return "afterBulkDestroy";
    case Hook::beforeFind: return "beforeFind";
    case Hook::afterFind: return "afterFind";
    }
    return "unknown";
}

Model::Model(Database& db, std::string name, AttributeList attributes, ModelOptions options)
    : impl_(std::make_unique<ModelImpl>()) {
    ModelImpl& m = *impl_;
    m.self = this;
    m.db = &db;
    m.dbi = &db.impl();
    m.name = std::move(name);
    if (m.name.empty()) throw UsageError("define: the model needs a name");

    const ModelOptions& defaults = db.options().define;
    inherit(options.freezeTableName, defaults.freezeTableName);
    inherit(options.timestamps, defaults.timestamps);
    inherit(options.createdAt, defaults.createdAt);
    inherit(options.updatedAt, defaults.updatedAt);
    inherit(options.deletedAt, defaults.deletedAt);
    inherit(options.paranoid, defaults.paranoid);
    inherit(options.underscored, defaults.underscored);
    // Application-wide hooks and validators run first, then the model's own.
    options.hooks.insert(options.hooks.begin(), defaults.hooks.begin(), defaults.hooks.end());
    options.validate.insert(options.validate.begin(), defaults.validate.begin(),
                            defaults.validate.end());
    if (!options.defaultScope) options.defaultScope = defaults.defaultScope;
    m.options = options;
    m.hooks = options.hooks;

    const bool underscored = options.underscored.value_or(false);
    const bool timestamps = options.timestamps.value_or(true);
    m.paranoid = options.paranoid.value_or(false);
    if (m.paranoid && !timestamps)
        throw UsageError("model '" + m.name + "': paranoid needs timestamps (deletedAt is one)");
    if (!options.tableName.empty())
        m.table = options.tableName;
    else
        m.table = options.freezeTableName.value_or(false) ? m.name : detail::pluralize(m.name);
    checkIdentifier(m, "table name", m.table);

    auto add = [&](std::string attrName, Attribute def, bool front = false) {
        if (m.byName.count(attrName))
            throw UsageError("model '" + m.name + "' defines attribute '" + attrName + "' twice");
        AttributeInfo info{attrName, def.field, std::move(def), std::nullopt};
        if (info.column.empty())
            info.column = underscored ? detail::underscore(attrName) : attrName;
        if (info.def.primaryKey) info.def.allowNull = false;
        if (info.def.autoIncrement && info.def.type.kind() != DataKind::Integer &&
            info.def.type.kind() != DataKind::BigInt)
            throw UsageError("model '" + m.name + "': autoIncrement on '" + attrName +
                             "' needs INTEGER or BIGINT, not " + info.def.type.describe());
        if (!info.isVirtual())
            checkIdentifier(m,
                            info.column == attrName ? std::string("attribute")
                                                    : "column of attribute '" + attrName + "'",
                            info.column);
        checkEnumValues(m, attrName, info.def.type);
        if (front)
            m.attributes.insert(m.attributes.begin(), std::move(info));
        else
            m.attributes.push_back(std::move(info));
        m.byName.clear();
        for (size_t i = 0; i < m.attributes.size(); ++i)
            m.byName[m.attributes[i].name] = i;
    };

    for (auto& a : attributes)
        add(a.name, std::move(a.attribute));
    const bool hasKey = std::any_of(m.attributes.begin(), m.attributes.end(),
                                    [](const AttributeInfo& a) { return a.def.primaryKey; });
    if (!hasKey) {
        Attribute id;
        id.type = DataTypes::INTEGER;
        id.allowNull = false;
        id.primaryKey = true;
        id.autoIncrement = true;
        add("id", id, true);
    }
    if (timestamps) {
        auto stamp = [&](const std::optional<TimestampName>& option, const char* standard,
                         bool allowNull) -> int {
            auto n = timestampName(option, standard);
            if (!n) return -1;
            if (auto existing = m.find(*n)) return static_cast<int>(*existing);
            Attribute def;
            def.type = DataTypes::DATE;
            def.allowNull = allowNull;
            add(*n, def);
            return static_cast<int>(m.attributes.size() - 1);
        };
        m.createdAt = stamp(options.createdAt, "createdAt", false);
        m.updatedAt = stamp(options.updatedAt, "updatedAt", false);
        if (m.paranoid) m.deletedAt = stamp(options.deletedAt, "deletedAt", true);
        if (m.paranoid && m.deletedAt < 0)
            throw UsageError("model '" + m.name + "': paranoid needs deletedAt enabled");
    }
    for (size_t i = 0; i < m.attributes.size(); ++i) {
        m.byColumn[m.attributes[i].column] = i;
        if (m.attributes[i].def.primaryKey) m.primaryKeys.push_back(i);
    }
    // As Sequelize refuses at definition: one autoIncrement attribute at most,
    // and no model-wide validator named like an attribute.
    std::string autoIncremented;
    for (const AttributeInfo& a : m.attributes) {
        if (!a.def.autoIncrement) continue;
        if (!autoIncremented.empty())
            throw UsageError("model '" + m.name + "' has two autoIncrement attributes, '" +
                             autoIncremented + "' and '" + a.name + "'; it may have one");
        autoIncremented = a.name;
    }
    for (const auto& [rule, check] : m.options.validate)
        if (m.find(rule))
            throw UsageError("model '" + m.name + "': the model validator '" + rule +
                             "' has the name of an attribute");
}

Model::~Model() = default;

const std::string& Model::name() const { return impl_->name; }
const std::string& Model::tableName() const { return impl_->table; }
Database& Model::database() const { return *impl_->db; }

std::vector<std::string> Model::attributeNames() const {
    std::vector<std::string> names;
    for (const auto& a : impl_->attributes)
        names.push_back(a.name);
    return names;
}

const Attribute& Model::attribute(const std::string& name) const {
    return impl_->attributes[impl_->indexOf(name, "attribute")].def;
}

bool Model::hasAttribute(const std::string& name) const { return impl_->find(name).has_value(); }

std::string Model::primaryKeyAttribute() const { return impl_->primary().name; }

Model& Model::sync(SyncOptions options) {
    ModelImpl& m = *impl_;
    if (options.force) drop({.transaction = options.transaction});
    for (const auto& statement : m.dbi->sql().createTable(m.createTable()))
        m.dbi->runDdl(statement, options.transaction);
    if (options.alter) {
        // The table's columns as the database reports them for an empty result.
        sql::Select probe;
        probe.table = m.table;
        probe.limit = 0;
        detail::ResultSet rs = m.dbi->run(m.dbi->sql().select(probe), options.transaction);
        const std::vector<std::string> existing =
            rs.columns ? *rs.columns : std::vector<std::string>{};
        for (const auto& a : m.attributes) {
            if (a.isVirtual()) continue;
            if (std::find(existing.begin(), existing.end(), a.column) != existing.end()) continue;
            sql::ColumnDef c = m.columnDef(a);
            c.primaryKey = false; // a key cannot be added to a table with rows
            for (const auto& s : m.dbi->sql().addColumn(m.table, c))
                m.dbi->runDdl(s, options.transaction);
        }
    }
    return *this;
}

void Model::drop(DropOptions options) {
    ModelImpl& m = *impl_;
    sql::DropTable q;
    q.table = m.table;
    q.ifExists = options.ifExists;
    for (const auto& a : m.attributes)
        if (!a.isVirtual()) q.columns.push_back(m.columnDef(a));
    for (const auto& s : m.dbi->sql().dropTable(q))
        m.dbi->runDdl(s, options.transaction);
}

Instance Model::withDefaults() const {
    std::vector<Value> initial(impl_->attributes.size());
    for (size_t i = 0; i < initial.size(); ++i)
        if (impl_->attributes[i].def.defaultValue.kind != DefaultKind::None)
            initial[i] = impl_->defaultFor(i);
    return Instance(*this, std::move(initial), true);
}

Instance Model::build(const Values& values) const {
    Instance inst = withDefaults();
    inst.set(values);
    return inst;
}

Instance Model::build(Values&& values) const {
    Instance inst = withDefaults();
    inst.set(std::move(values));
    return inst;
}

Instance Model::create(const Values& values, CreateOptions options) {
    const detail::StatementTimeout limit(options.timeout);
    Instance inst = build(values);
    inst.save({options.fields, options.transaction, options.timeout});
    return inst;
}

std::vector<Instance> Model::bulkCreate(const std::vector<Values>& rows,
                                        BulkCreateOptions options) {
    std::vector<Instance> instances;
    instances.reserve(rows.size());
    for (const auto& values : rows)
        instances.push_back(build(values));
    return insertAll(std::move(instances), std::move(options));
}

std::vector<Instance> Model::bulkCreate(std::vector<Values>&& rows, BulkCreateOptions options) {
    std::vector<Instance> instances;
    instances.reserve(rows.size());
    // Each row is freed once its instance holds its values, so the next
    // instance can take its memory rather than fresh pages.
    for (auto& values : rows)
        instances.push_back(build(Values(std::move(values))));
    return insertAll(std::move(instances), std::move(options));
}

std::vector<Instance> Model::insertAll(std::vector<Instance> instances, BulkCreateOptions options) {
    const detail::StatementTimeout limit(options.timeout);
    ModelImpl& m = *impl_;
    if (instances.empty()) return instances;
    Value stamp = m.now();
    std::vector<size_t> chosen;
    if (options.fields.empty()) {
        for (size_t i = 0; i < m.attributes.size(); ++i)
            chosen.push_back(i);
    } else {
        chosen = m.fieldIndexes(options.fields, "bulkCreate fields");
        for (int t : {m.createdAt, m.updatedAt})
            if (t >= 0 && std::find(chosen.begin(), chosen.end(), size_t(t)) == chosen.end())
                chosen.push_back(static_cast<size_t>(t));
    }
    HookEvent before{Hook::beforeBulkCreate};
    before.transaction = options.transaction;
    before.instances = &instances;
    m.fire(Hook::beforeBulkCreate, before);
    // Validate every row before any SQL is sent, and report every row's
    // failures, each item naming its row.
    std::vector<ValidationErrorItem> failures;
    for (size_t r = 0; r < instances.size(); ++r) {
        Instance& inst = instances[r];
        auto& v = inst.mutableValues();
        if (m.createdAt >= 0 && v[m.createdAt].isNull()) v[m.createdAt] = stamp;
        if (m.updatedAt >= 0 && v[m.updatedAt].isNull()) v[m.updatedAt] = stamp;
        try {
            m.validate(inst, chosen);
        } catch (const ValidationError& e) {
            for (ValidationErrorItem item : e.errors()) {
                item.record = r;
                failures.push_back(std::move(item));
            }
        }
    }
    if (!failures.empty()) {
        std::string message = detail::validationMessage(failures); // before the items move
        throw ValidationError(message, std::move(failures));
    }

    std::vector<size_t> columns;
    for (size_t i : chosen) {
        const auto& a = m.attributes[i];
        if (a.isVirtual()) continue;
        if (a.def.autoIncrement) {
            size_t given =
                std::count_if(instances.begin(), instances.end(),
                              [&](const Instance& x) { return !x.values()[i].isNull(); });
            if (given == 0) continue;
            if (given != instances.size())
                throw UsageError("bulkCreate: either every row or none must give '" + a.name + "'");
        }
        columns.push_back(i);
    }

    sql::Insert q;
    q.table = m.table;
    for (size_t i : columns)
        q.columns.push_back(m.attributes[i].column);
    const bool returning = options.returning && m.dbi->supports(TABULA_SUPPORTS_RETURNING);
    q.returning = returning;
    // A plain INSERT stores the values sent: only the key and the columns the
    // rows left to the database come back, written over the instances in
    // place. An upsert's row may be the one already stored, so it returns
    // every column and replaces the instance.
    const bool plain = !options.ignoreDuplicates && options.updateOnDuplicate.empty();
    if (returning && plain) {
        for (size_t i = 0; i < m.attributes.size(); ++i) {
            const auto& a = m.attributes[i];
            if (a.isVirtual()) continue;
            const bool key =
                std::find(m.primaryKeys.begin(), m.primaryKeys.end(), i) != m.primaryKeys.end();
            if (key || std::find(columns.begin(), columns.end(), i) == columns.end())
                q.returningColumns.push_back(a.column);
        }
        // Nothing the database chose: nothing to read back.
        if (q.returningColumns.empty()) q.returning = false;
    }
    if (!plain) {
        sql::Upsert u;
        u.ignore = options.ignoreDuplicates;
        const std::vector<size_t> conflict =
            options.conflictAttributes.empty()
                ? m.firstUniqueKey()
                : m.fieldIndexes(options.conflictAttributes, "conflictAttributes");
        for (size_t k : conflict)
            u.conflictColumns.push_back(m.attributes[k].column);
        for (size_t i : m.fieldIndexes(options.updateOnDuplicate, "updateOnDuplicate"))
            u.updateColumns.push_back(m.attributes[i].column);
        q.upsert = u;
    }
    const int maxParams = std::max(1, m.dbi->profile.max_params);
    size_t perChunk = std::max<size_t>(1, maxParams / std::max<size_t>(1, columns.size()));
    // One statement text for every full chunk, prepared once and reused: a
    // few hundred rows a statement already make the round trips negligible,
    // while a huge statement costs more to parse than its rows to insert.
    perChunk = std::min<size_t>(perChunk, 500);
    if (m.dbi->profile.max_insert_rows > 0)
        perChunk = std::min(perChunk, static_cast<size_t>(m.dbi->profile.max_insert_rows));
    // The text of a statement of n rows depends on n alone, and when its
    // parameters are the rows' values row by row, they are bound from the
    // instances where they are: rendered once, a full chunk's statement
    // only needs the next chunk's values.
    sql::Statement st;
    size_t renderedRows = 0;
    bool inOrder = false;
    std::vector<const Value*> refs;
    // The chosen values of rows [start, end), row after row, where they lie.
    const auto collectRefs = [&](size_t start, size_t end) {
        refs.clear();
        for (size_t r = start; r < end; ++r)
            for (size_t i : columns)
                refs.push_back(&instances[r].values()[i]);
    };
    // Rows that read nothing back go through the dialect's bulk load (COPY)
    // where it has one, a few thousand rows a call to bound the cells' memory.
    // Asked for keys, a dialect without RETURNING still reports them below.
    const bool bulkLoad = !options.returning && plain && instances.size() > 1 && !columns.empty() &&
                          m.dbi->supports(TABULA_SUPPORTS_BULK_INSERT);
    if (bulkLoad) {
        std::vector<std::string> names;
        for (size_t i : columns)
            names.push_back(m.attributes[i].column);
        constexpr size_t rowsPerLoad = 5000;
        for (size_t start = 0; start < instances.size(); start += rowsPerLoad) {
            collectRefs(start, std::min(instances.size(), start + rowsPerLoad));
            m.dbi->bulkInsert(m.table, names, refs, options.transaction);
        }
    }
    for (size_t start = 0; !bulkLoad && start < instances.size(); start += perChunk) {
        const size_t end = std::min(instances.size(), start + perChunk);
        if (end - start != renderedRows) {
            q.rows.clear();
            for (size_t r = start; r < end; ++r) {
                std::vector<Value> row;
                row.reserve(columns.size());
                for (size_t i : columns)
                    row.push_back(instances[r].values()[i]);
                q.rows.push_back(std::move(row));
            }
            st = m.dbi->sql().insert(q);
            renderedRows = end - start;
            inOrder = st.params.size() == renderedRows * columns.size();
        }
        // A plain INSERT returns one row per row sent, in order.
        size_t returned = start;
        detail::Connection::RowCallback assign;
        if (q.returning && plain)
            assign = [&](const detail::Connection::Columns& names, const tabula_value* cells,
                         int count) {
                if (returned < end) m.assignCells(instances[returned++], names, cells, count);
            };
        detail::ResultSet rs;
        if (inOrder) {
            collectRefs(start, end);
            rs = m.dbi->run(st.sql, refs, options.transaction, assign);
        } else {
            rs = m.dbi->run(st, options.transaction, assign);
            renderedRows = 0; // render the next chunk with its own values
        }
        if (returning && !plain && rs.rows.size() == end - start) {
            std::vector<Instance> stored = m.instancesFrom(std::move(rs), false);
            for (size_t r = start; r < end; ++r)
                instances[r] = std::move(stored[r - start]);
        } else if (!returning && m.autoIncrementKey() && rs.lastInsertId > 0 &&
                   !options.ignoreDuplicates && options.updateOnDuplicate.empty()) {
            // Without RETURNING the dialect reports the first row's key; the
            // rest follow it in order.
            const size_t key = m.primaryKeys.front();
            for (size_t r = start; r < end; ++r)
                if (instances[r].values()[key].isNull())
                    instances[r].mutableValues()[key] =
                        Value(static_cast<long long>(rs.lastInsertId + (r - start)));
        }
    }
    for (auto& inst : instances)
        inst.markSaved();
    HookEvent after{Hook::afterBulkCreate};
    after.transaction = options.transaction;
    after.instances = &instances;
    m.fire(Hook::afterBulkCreate, after);
    return instances;
}

Instance Model::upsert(const Values& values, UpsertOptions options) {
    const detail::StatementTimeout limit(options.timeout);
    ModelImpl& m = *impl_;
    Instance inst = build(values);
    Value stamp = m.now();
    auto& v = inst.mutableValues();
    if (m.createdAt >= 0 && v[m.createdAt].isNull()) v[m.createdAt] = stamp;
    if (m.updatedAt >= 0) v[m.updatedAt] = stamp;
    // Every attribute goes into a new row; fields (if named) limit what is
    // validated and what an existing row takes, as in Sequelize.
    std::vector<size_t> chosen;
    for (size_t i = 0; i < m.attributes.size(); ++i)
        if (!(m.attributes[i].def.autoIncrement && v[i].isNull())) chosen.push_back(i);
    const std::vector<size_t> named =
        options.fields.empty() ? chosen : m.fieldIndexes(options.fields, "upsert fields");
    m.validate(inst, named);

    // An existing row takes the attributes the caller gave (of those named
    // in fields, if any) and a new updatedAt; defaults only fill new rows.
    auto updates = [&](size_t i) {
        if (static_cast<int>(i) == m.updatedAt) return true;
        if (static_cast<int>(i) == m.createdAt || m.attributes[i].isVirtual()) return false;
        if (std::find(named.begin(), named.end(), i) == named.end()) return false;
        const std::string& name = m.attributes[i].name;
        return std::any_of(values.begin(), values.end(),
                           [&](const auto& entry) { return entry.first == name; });
    };
    std::vector<size_t> conflict;
    if (!options.conflictFields.empty())
        conflict = m.fieldIndexes(options.conflictFields, "upsert conflictFields");
    else
        conflict = m.upsertKey(updates);

    sql::Insert q;
    q.table = m.table;
    q.returning = m.dbi->supports(TABULA_SUPPORTS_RETURNING);
    if (q.returning) q.returningColumns = m.storedColumns();
    q.rows.emplace_back();
    sql::Upsert u;
    for (size_t k : conflict)
        u.conflictColumns.push_back(m.attributes[k].column);
    for (size_t i : chosen) {
        const auto& a = m.attributes[i];
        if (a.isVirtual()) continue;
        q.columns.push_back(a.column);
        q.rows.front().push_back(v[i]);
        const bool isConflict = std::find(conflict.begin(), conflict.end(), i) != conflict.end();
        if (!isConflict && updates(i)) u.updateColumns.push_back(a.column);
    }
    q.upsert = u;
    detail::ResultSet rs = m.dbi->run(m.dbi->sql().insert(q), options.transaction);
    if (q.returning && !rs.rows.empty()) return m.instanceFromRow(rs, 0, false);

    // Without RETURNING: read the row back by its key or conflict values.
    FindOptions find;
    find.paranoid = false;
    find.transaction = options.transaction;
    std::vector<Where> parts;
    bool known = true;
    for (size_t k : conflict) {
        if (v[k].isNull()) known = false;
        parts.emplace_back(m.attributes[k].name, v[k]);
    }
    if (!known && m.autoIncrementKey() && rs.lastInsertId > 0) {
        parts = {Where(m.primary().name, Value(static_cast<long long>(rs.lastInsertId)))};
        known = true;
    }
    if (!known) {
        inst.markSaved();
        return inst;
    }
    find.where = Where::all(std::move(parts));
    auto stored = findOne(find);
    if (!stored)
        throw EmptyResultError("upsert: the row of '" + m.name +
                               "' was not found after writing it");
    return *stored;
}

std::vector<Instance> Model::findAll(FindOptions options) const {
    return impl_->find(impl_->withDefaultScope(std::move(options)));
}

std::optional<Instance> Model::findOne(FindOptions options) const {
    options.limit = 1;
    auto rows = findAll(options);
    if (rows.empty()) {
        if (options.rejectOnEmpty)
            throw EmptyResultError("no '" + impl_->name + "' matched findOne");
        return std::nullopt;
    }
    return std::move(rows.front());
}

std::optional<Instance> Model::findByPk(const Value& key) const {
    if (key.isNull() || impl_->keyCannotExist(key)) return std::nullopt;
    std::optional<Instance> found;
    if (impl_->findPlainByKey(key, nullptr, found)) return found;
    return findByPk(key, FindOptions{});
}

std::optional<Instance> Model::findByPk(const Value& key, FindOptions options) const {
    const detail::StatementTimeout limit(options.timeout);
    if (key.isNull()) return std::nullopt;
    const ModelImpl& m = *impl_;
    // The common lookup (no options that change the SQL, no scope or hooks
    // that could) reuses its rendered SQL: only the key changes.
    const bool plain = options.where.empty() && options.include.empty() &&
                       options.attributes.empty() && options.order.empty() && !options.limit &&
                       !options.offset && options.group.empty() && options.having.empty() &&
                       !options.raw && options.paranoid;
    std::optional<Instance> found;
    if (m.keyCannotExist(key)) {
        // No row: nothing to ask the database.
    } else if (!plain || !m.findPlainByKey(key, options.transaction, found)) {
        options.where = options.where && Where(m.primary().name, key);
        options.limit = 1;
        std::vector<Instance> rows = findAll(options);
        if (!rows.empty()) found = std::move(rows.front());
    }
    if (!found && options.rejectOnEmpty)
        throw EmptyResultError("no '" + m.name + "' with " + m.primary().name + " = " +
                               key.asString());
    return found;
}

std::pair<Instance, bool> Model::findOrCreate(FindOrCreateOptions options) {
    const detail::StatementTimeout limit(options.timeout);
    if (options.where.empty()) throw UsageError("findOrCreate needs a where clause");
    if (auto found = findOne({.where = options.where, .transaction = options.transaction}))
        return {std::move(*found), false};
    // The new row takes the equalities of where, then the defaults.
    Values values;
    auto collect = [&](const Where& w, auto&& self) -> void {
        if (w.type() == Where::Type::Compare && w.op() == OpKind::eq)
            values.emplace_back(w.attribute(), w.value());
        else if (w.type() == Where::Type::And)
            for (const auto& c : w.children())
                self(c, self);
    };
    collect(options.where, collect);
    for (auto& d : options.defaults)
        values.push_back(d);
    try {
        return {create(values, {.transaction = options.transaction}), true};
    } catch (const UniqueConstraintError&) {
        // Another writer created it between our find and create.
        if (auto found = findOne({.where = options.where, .transaction = options.transaction}))
            return {std::move(*found), false};
        throw;
    }
}

CountedRows Model::findAndCountAll(FindOptions options) const {
    CountedRows result;
    FindOptions countOptions = options;
    countOptions.limit.reset();
    countOptions.offset.reset();
    countOptions.order.clear();
    result.count = count(countOptions);
    result.rows = findAll(std::move(options));
    return result;
}

std::int64_t Model::count(FindOptions options) const {
    return impl_->count(impl_->withDefaultScope(std::move(options)));
}

Model& Model::addHook(Hook hook, HookFunction function) {
    if (!function)
        throw UsageError(std::string("addHook(") + toString(hook) + "): no function given");
    impl_->hooks.emplace_back(hook, std::move(function));
    return *this;
}

// As in Sequelize, naming scopes replaces the default scope; name
// "defaultScope" among them to keep it.
Scoped Model::scope(const std::string& name) const { return unscoped().scope(name); }

Scoped Model::scope(std::initializer_list<std::string> names) const {
    Scoped s = unscoped();
    for (const auto& n : names)
        s = s.scope(n);
    return s;
}

Scoped Model::unscoped() const { return Scoped(*this, {}); }

Value Model::max(const std::string& attribute, FindOptions options) const {
    return impl_->aggregate("MAX", attribute, impl_->withDefaultScope(std::move(options)));
}
Value Model::min(const std::string& attribute, FindOptions options) const {
    return impl_->aggregate("MIN", attribute, impl_->withDefaultScope(std::move(options)));
}
Value Model::sum(const std::string& attribute, FindOptions options) const {
    return impl_->aggregate("SUM", attribute, impl_->withDefaultScope(std::move(options)));
}

namespace {

// The key of an update of the common shape: every set attribute a column,
// and the where clause one or more `attribute = value` with a value that is
// neither null nor a list, on attributes that are not ENUM or JSON (whose
// operands are checked or rendered by kind). Such an update renders as the
// same text whatever the values, with the set values and then the where
// values as parameters; the where values, coerced as the where clause
// coerces them, go to whereValues. Empty: another shape.
using WhereValues = boost::container::small_vector<Value, 4>;

std::string updateShape(const ModelImpl& m, std::span<const size_t> chosen, const Where& where,
                        bool paranoidFilter, WhereValues& whereValues) {
    const bool one = where.type() == Where::Type::Compare;
    if (!one && (where.type() != Where::Type::And || where.children().empty())) return {};
    // Numbers seven bits a byte, the last byte of each flagged: the count of
    // set attributes, their indexes, the paranoid filter, the where's indexes.
    // Read back in that order the bytes give one shape only.
    std::string key;
    auto append = [&key](size_t n) {
        for (; n >= 0x80; n >>= 7)
            key += static_cast<char>(n & 0x7f);
        key += static_cast<char>(n | 0x80);
    };
    append(chosen.size());
    for (size_t i : chosen) {
        if (m.attributes[i].isVirtual()) return {};
        append(i);
    }
    append(paranoidFilter ? 1 : 0);
    auto addTerm = [&](const Where& term) {
        if (term.type() != Where::Type::Compare || term.op() != OpKind::eq) return false;
        const ValueKind kind = term.value().kind();
        if (kind == ValueKind::Null || kind == ValueKind::Array || kind == ValueKind::Json)
            return false;
        const auto i = m.find(term.attribute());
        if (!i) return false;
        const DataKind type = m.attributes[*i].def.type.kind();
        if (type == DataKind::Enum || type == DataKind::Json || type == DataKind::JsonB)
            return false;
        Value coerced = m.coerce(*i, term.value());
        if (coerced.isNull() || coerced.kind() == ValueKind::Array) return false;
        whereValues.push_back(std::move(coerced));
        append(*i);
        return true;
    };
    if (one) return addTerm(where) ? key : std::string();
    for (const Where& child : where.children())
        if (!addTerm(child)) return {};
    return key;
}

} // namespace

std::int64_t Model::update(const Values& given, UpdateOptions options) {
    if (options.where.empty()) throw UsageError(impl_->missingWhere("update"));
    // As Sequelize: the default scope's where applies to updates too.
    if (impl_->options.defaultScope)
        options.where = impl_->options.defaultScope->where && options.where;
    return updateRows(given, std::move(options));
}

std::int64_t Model::updateRows(const Values& requested, UpdateOptions options) {
    const detail::StatementTimeout limit(options.timeout);
    ModelImpl& m = *impl_;
    // As Sequelize: names that are not attributes are left out, and the
    // setters of those that are run on a built row, whose changes (a
    // VIRTUAL attribute's setter writing others) are written too. The
    // common update names attributes without setters and is used as given.
    bool unknown = false, setters = false;
    for (const auto& [name, value] : requested) {
        const auto i = m.find(name);
        unknown = unknown || !i;
        setters = setters || (i && m.attributes[*i].def.set);
    }
    Values filtered;
    if (unknown || setters) {
        // A new row holding nothing: only what set() writes counts as changed.
        Instance built(*this, std::vector<Value>(m.attributes.size()), true);
        built.set(requested);
        auto take = [&](const std::string& name) {
            if (std::none_of(filtered.begin(), filtered.end(),
                             [&](const auto& v) { return v.first == name; }))
                filtered.emplace_back(name, built.getDataValue(name));
        };
        for (const auto& [name, value] : requested)
            if (m.find(name)) take(name); // null too, which changes nothing here
        for (const std::string& name : built.changed())
            take(name);
    }
    const Values& given = unknown || setters ? filtered : requested;
    // The hooks may change the values: they get a copy, made only for them.
    std::optional<Values> hooked;
    if (m.hasHooks(Hook::beforeBulkUpdate) || m.hasHooks(Hook::afterBulkUpdate)) {
        hooked.emplace(given);
        HookEvent before{Hook::beforeBulkUpdate};
        before.transaction = options.transaction;
        before.values = &*hooked;
        before.where = &options.where;
        m.fire(Hook::beforeBulkUpdate, before);
    }
    const Values& values = hooked ? *hooked : given;
    // The attributes set (chosen) and their coerced values (set[k] for
    // chosen[k]), on the stack for the few an update has.
    boost::container::small_vector<size_t, 16> chosen;
    boost::container::small_vector<Value, 8> set;
    for (const auto& [name, value] : values) {
        const size_t i = m.indexOf(name, "update");
        Value coerced = m.coerce(i, value);
        // Naming an attribute twice keeps the last value, as a record would.
        if (auto at = std::find(chosen.begin(), chosen.end(), i); at != chosen.end()) {
            set[static_cast<size_t>(at - chosen.begin())] = std::move(coerced);
            continue;
        }
        chosen.push_back(i);
        set.push_back(std::move(coerced));
    }
    if (chosen.empty()) return 0;
    if (m.updatedAt >= 0 &&
        std::find(chosen.begin(), chosen.end(), size_t(m.updatedAt)) == chosen.end()) {
        chosen.push_back(static_cast<size_t>(m.updatedAt));
        set.push_back(m.now());
    }
    const std::span<const size_t> chosenList(chosen.data(), chosen.size());
    m.validateValues(chosenList, {set.data(), set.size()}); // model-wide rules need whole rows
    auto finish = [&](std::int64_t changed) {
        if (!hooked) return changed;
        HookEvent after{Hook::afterBulkUpdate};
        after.transaction = options.transaction;
        after.values = &*hooked;
        after.where = &options.where;
        m.fire(Hook::afterBulkUpdate, after);
        return changed;
    };
    // The common shape is rendered once and then bound from the values.
    WhereValues whereValues;
    const bool paranoidFilter = m.paranoid && options.paranoid && m.deletedAt >= 0;
    const std::string shape =
        options.limit ? std::string()
                      : updateShape(m, chosenList, options.where, paranoidFilter, whereValues);
    // Kept on the stack for the few parameters an update has.
    boost::container::small_vector<const Value*, 16> params;
    if (!shape.empty()) {
        for (const Value& v : set)
            params.push_back(&v);
        for (const Value& v : whereValues)
            params.push_back(&v);
        // A loop of updates repeats one shape: each thread remembers the
        // last it ran, so a repeat takes no lock and no lookup.
        struct LastShape {
            std::uint64_t model = 0;
            std::size_t version = 0;
            std::string shape;
            std::shared_ptr<const std::string> sql;
        };
        thread_local LastShape last;
        // A local reference: a logger that runs updates of its own may
        // replace `last` while this statement runs.
        std::shared_ptr<const std::string> sql;
        if (last.sql && last.model == m.serial && last.version == m.attributesVersion &&
            last.shape == shape) {
            sql = last.sql;
        } else {
            {
                std::lock_guard lock(m.updateSqlMutex);
                if (m.updateSqlVersion != m.attributesVersion) {
                    m.updateSql.clear();
                    m.updateSqlVersion = m.attributesVersion;
                }
                if (auto it = m.updateSql.find(shape); it != m.updateSql.end()) sql = it->second;
            }
            if (sql) last = {m.serial, m.attributesVersion, shape, sql};
        }
        if (sql)
            return finish(m.dbi
                              ->run(*sql, detail::ParamRefs(params.data(), params.size()),
                                    options.transaction)
                              .changes);
    }
    sql::Update q;
    q.table = m.table;
    for (size_t k = 0; k < chosen.size(); ++k)
        if (!m.attributes[chosen[k]].isVirtual())
            q.set.emplace_back(m.attributes[chosen[k]].column, sql::Node::param(set[k]));
    q.where = m.scopeCondition(options.where, options.paranoid);
    m.applyLimit(q, options.limit, "update");
    sql::Statement st = m.dbi->sql().update(q);
    // Kept for the shape only when it bound exactly what a reuse will bind.
    if (!shape.empty() && st.params.size() == params.size() &&
        std::equal(
            st.params.begin(), st.params.end(), params.begin(),
            [](const Value& a, const Value* b) { return a.kind() == b->kind() && a == *b; })) {
        std::lock_guard lock(m.updateSqlMutex);
        if (m.updateSql.size() >= 64) m.updateSql.clear(); // programs use a few shapes
        if (m.updateSqlVersion == m.attributesVersion)
            m.updateSql.emplace(shape, std::make_shared<const std::string>(st.sql));
    }
    return finish(m.dbi->run(st, options.transaction).changes);
}

std::int64_t Model::destroy(DestroyOptions options) {
    if (options.where.empty() && !options.truncate)
        throw UsageError(impl_->missingWhere("destroy"));
    // As Sequelize: the default scope's where applies to deletes too.
    if (impl_->options.defaultScope)
        options.where = impl_->options.defaultScope->where && options.where;
    return destroyRows(std::move(options));
}

std::int64_t Model::destroyRows(DestroyOptions options) {
    const detail::StatementTimeout limit(options.timeout);
    ModelImpl& m = *impl_;
    HookEvent before{Hook::beforeBulkDestroy};
    before.transaction = options.transaction;
    before.where = &options.where;
    m.fire(Hook::beforeBulkDestroy, before);
    std::int64_t changed = 0;
    if (m.paranoid && !options.force) {
        sql::Update q;
        q.table = m.table;
        q.set.emplace_back(m.attributes[m.deletedAt].column, sql::Node::param(m.now()));
        q.where = m.scopeCondition(options.where, true);
        m.applyLimit(q, options.limit, "destroy");
        changed = m.dbi->run(m.dbi->sql().update(q), options.transaction).changes;
    } else {
        sql::Delete q;
        q.table = m.table;
        q.where = m.condition(options.where);
        m.applyLimit(q, options.limit, "destroy");
        changed = m.dbi->run(m.dbi->sql().remove(q), options.transaction).changes;
    }
    HookEvent after{Hook::afterBulkDestroy};
    after.transaction = options.transaction;
    after.where = &options.where;
    m.fire(Hook::afterBulkDestroy, after);
    return changed;
}

std::int64_t Model::restore(RestoreOptions options) {
    const detail::StatementTimeout limit(options.timeout);
    ModelImpl& m = *impl_;
    if (!m.paranoid) throw UsageError("restore: model '" + m.name + "' is not paranoid");
    sql::Update q;
    q.table = m.table;
    q.set.emplace_back(m.attributes[m.deletedAt].column, sql::Node::param(Value()));
    sql::Condition deleted = sql::Condition::negate(sql::Condition::compare(
        sql::Node::column(m.attributes[m.deletedAt].column), OpKind::eq, Value()));
    sql::Condition c = m.condition(options.where);
    q.where = c.empty() ? deleted : sql::Condition::all({std::move(c), std::move(deleted)});
    return m.dbi->run(m.dbi->sql().update(q), options.transaction).changes;
}

std::int64_t Model::increment(const std::string& attribute, IncrementOptions by, Where where) {
    const detail::StatementTimeout limit(by.timeout);
    ModelImpl& m = *impl_;
    size_t i = m.indexOf(attribute, "increment");
    sql::Update q;
    q.table = m.table;
    const std::string& column = m.attributes[i].column;
    q.set.emplace_back(column,
                       sql::Node::binary(sql::Node::column(column), "+",
                                         sql::Node::param(Value(static_cast<long long>(by.by)))));
    if (m.updatedAt >= 0)
        q.set.emplace_back(m.attributes[m.updatedAt].column, sql::Node::param(m.now()));
    q.where = m.scopeCondition(where, true);
    return m.dbi->run(m.dbi->sql().update(q), by.transaction).changes;
}

std::future<std::vector<Instance>> Model::findAllAsync(FindOptions options) const {
    return later([this, options = std::move(options)] { return findAll(options); });
}
std::future<std::optional<Instance>> Model::findOneAsync(FindOptions options) const {
    return later([this, options = std::move(options)] { return findOne(options); });
}
std::future<std::optional<Instance>> Model::findByPkAsync(Value key, FindOptions options) const {
    return later([this, key = std::move(key), options = std::move(options)] {
        return findByPk(key, options);
    });
}
std::future<std::int64_t> Model::countAsync(FindOptions options) const {
    return later([this, options = std::move(options)] { return count(options); });
}
std::future<Instance> Model::createAsync(Values values, CreateOptions options) {
    return later([this, values = std::move(values), options = std::move(options)] {
        return create(values, options);
    });
}
std::future<std::vector<Instance>> Model::bulkCreateAsync(std::vector<Values> rows,
                                                          BulkCreateOptions options) {
    return later([this, rows = std::move(rows), options = std::move(options)] {
        return bulkCreate(rows, options);
    });
}
std::future<std::int64_t> Model::updateAsync(Values values, UpdateOptions options) {
    return later([this, values = std::move(values), options = std::move(options)] {
        return update(values, options);
    });
}
std::future<std::int64_t> Model::destroyAsync(DestroyOptions options) {
    return later([this, options = std::move(options)] { return destroy(options); });
}
std::future<void> Model::dropAsync(DropOptions options) {
    return later([this, options] { drop(options); });
}
std::future<std::pair<Instance, bool>> Model::findOrCreateAsync(FindOrCreateOptions options) {
    return later([this, options = std::move(options)] { return findOrCreate(options); });
}
std::future<CountedRows> Model::findAndCountAllAsync(FindOptions options) const {
    return later([this, options = std::move(options)] { return findAndCountAll(options); });
}
std::future<Value> Model::maxAsync(std::string attribute, FindOptions options) const {
    return later([this, attribute = std::move(attribute), options = std::move(options)] {
        return max(attribute, options);
    });
}
std::future<Value> Model::minAsync(std::string attribute, FindOptions options) const {
    return later([this, attribute = std::move(attribute), options = std::move(options)] {
        return min(attribute, options);
    });
}
std::future<Value> Model::sumAsync(std::string attribute, FindOptions options) const {
    return later([this, attribute = std::move(attribute), options = std::move(options)] {
        return sum(attribute, options);
    });
}
std::future<Instance> Model::upsertAsync(Values values, UpsertOptions options) {
    return later([this, values = std::move(values), options = std::move(options)] {
        return upsert(values, options);
    });
}
std::future<std::int64_t> Model::restoreAsync(RestoreOptions options) {
    return later([this, options = std::move(options)] { return restore(options); });
}
std::future<std::int64_t> Model::incrementAsync(std::string attribute, IncrementOptions by,
                                                Where where) {
    return later([this, attribute = std::move(attribute), by, where = std::move(where)] {
        return increment(attribute, by, where);
    });
}
std::future<void> Model::syncAsync(SyncOptions options) {
    return later([this, options] { sync(options); });
}

} // namespace tabula
