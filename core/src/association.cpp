// Associations: defining them (keys and foreign key constraints), their
// instance accessors, and eager loading. An include is loaded with one query
// per association and level (keys IN (...)), never one query per parent; a
// required include filters the parents with EXISTS so limit and offset
// still count parents.
#include "association_impl.hpp"
#include "database_impl.hpp"
#include "inflection.hpp"
#include "model_impl.hpp"

#include <tabula/errors.hpp>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <iterator>
#include <optional>
#include <unordered_map>
#include <unordered_set>

namespace tabula {

namespace {

std::string capitalize(std::string s) {
    if (!s.empty()) s[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(s[0])));
    return s;
}

// The type of a foreign key pointing at `key`: an auto-increment INTEGER
// key is pointed at by a plain INTEGER.
Attribute foreignKeyAttribute(const Attribute& key, bool primary) {
    Attribute a;
    a.type = key.type;
    a.allowNull = !primary;
    a.primaryKey = primary;
    return a;
}

sql::ColumnDef::Reference reference(const ModelImpl& to, const std::string& keyAttribute,
                                    const std::string& onDelete, const std::string& onUpdate) {
    const AttributeInfo& key = to.attributes[to.indexOf(keyAttribute, "association key")];
    return {to.table, key.column, onDelete, onUpdate};
}

// A key for matching included rows to their parents: an integer as an
// integer (the usual key), anything else by its text, so that a key read
// back as the text "7" still meets the integer 7.
struct MatchKey {
    std::int64_t i = 0;
    std::string text;
    bool integer = false;
    bool operator==(const MatchKey&) const = default;
};

struct MatchKeyHash {
    size_t operator()(const MatchKey& k) const noexcept {
        return k.integer ? std::hash<std::int64_t>{}(k.i) : std::hash<std::string>{}(k.text);
    }
};

template <class T>
using ByKey = std::unordered_map<MatchKey, T, MatchKeyHash>;

MatchKey matchKey(const Value& v) {
    if (v.kind() == ValueKind::Int) return {v.asInt(), {}, true};
    std::string text = v.asString();
    std::int64_t i = 0;
    const char* end = text.data() + text.size();
    if (auto [p, ec] = std::from_chars(text.data(), end, i);
        ec == std::errc() && p == end && std::to_string(i) == text)
        return {i, {}, true};
    return {0, std::move(text), false};
}

// The value of an attribute of rows of one model, by index rather than name.
struct KeyReader {
    size_t index;
    KeyReader(const Model& model, const std::string& attribute)
        : index(model.impl().indexOf(attribute, "association key")) {}
    const Value& operator()(const Instance& row) const { return row.values()[index]; }
};

constexpr size_t noParent = static_cast<size_t>(-1);

// The parents of an include by key: for each distinct key the first and last
// parent that has it, and for each parent the next one with the same key
// (several parents share a key only through belongsTo). The distinct keys,
// in row order, are what the child query asks for.
struct ParentIndex {
    ByKey<std::pair<size_t, size_t>> ends;
    std::vector<size_t> next;
    std::vector<Value> keys;

    ParentIndex(const std::vector<Instance>& rows, const KeyReader& key)
        : next(rows.size(), noParent) {
        ends.reserve(rows.size());
        for (size_t i = 0; i < rows.size(); ++i) {
            const Value& v = key(rows[i]);
            if (v.isNull()) continue;
            auto [it, fresh] = ends.try_emplace(matchKey(v), i, i);
            if (fresh) {
                keys.push_back(v);
            } else {
                next[it->second.second] = i;
                it->second.second = i;
            }
        }
    }
    // The first parent with this key, or noParent.
    size_t first(const Value& v) const {
        if (v.isNull()) return noParent;
        auto it = ends.find(matchKey(v));
        return it == ends.end() ? noParent : it->second.first;
    }
};

// The rows of `model` whose `attribute` is one of `keys`, in queries that
// fit the dialect's parameters; each query's statement goes to `run`. With
// `keys` null the keys are those of every row of the parent's table, and the
// rows are read as `attribute IS NOT NULL` instead: one query without a
// thousand-value IN list to send and probe. Rows that match no parent are
// dropped by the caller either way.
void queriesFor(const ModelImpl& m, const std::string& attribute, const std::vector<Value>* keys,
                FindOptions options, const std::function<void(FindOptions)>& run) {
    const Where base = options.where;
    if (!keys) {
        options.where = base && Where(attribute, {Cond(OpKind::not_, nullptr)});
        run(m.withDefaultScope(std::move(options)));
        return;
    }
    const size_t chunk = static_cast<size_t>(
        std::max(1, std::min(1000, m.dbi->library->profile().max_params - 100)));
    for (size_t start = 0; start < keys->size(); start += chunk) {
        std::vector<Value> part(
            keys->begin() + static_cast<std::ptrdiff_t>(start),
            keys->begin() + static_cast<std::ptrdiff_t>(std::min(keys->size(), start + chunk)));
        options.where = base && Where(attribute, Cond(Op::in, Value::array(std::move(part))));
        run(m.withDefaultScope(options));
    }
}

std::vector<Instance> findIn(const Model& model, const std::string& attribute,
                             const std::vector<Value>* keys, FindOptions options) {
    const ModelImpl& m = model.impl();
    std::vector<Instance> out;
    queriesFor(m, attribute, keys, std::move(options), [&](FindOptions o) {
        auto rows = m.find(std::move(o));
        if (out.empty())
            out = std::move(rows);
        else
            std::move(rows.begin(), rows.end(), std::back_inserter(out));
    });
    return out;
}

// Makes sure a picked attribute list still reads the key used for matching.
Attributes withKey(Attributes attributes, const std::string& key) {
    std::erase(attributes.excluded, key);
    if (attributes.only.empty()) return attributes;
    for (const auto& s : attributes.only)
        if (s.expr.kind == Expr::Kind::Column && s.as.empty() && s.expr.name == key)
            return attributes;
    attributes.only.emplace_back(key);
    return attributes;
}

Where keyWhere(const std::string& attribute, const Value& value) { return Where(attribute, value); }

std::vector<Value> keysOf(const std::vector<Instance>& rows, const std::string& attribute) {
    std::vector<Value> keys;
    for (const auto& r : rows)
        keys.push_back(r.getDataValue(attribute));
    return keys;
}

// attribute IN (the rows' values of key).
Where keyIn(const std::string& attribute, const std::vector<Instance>& rows,
            const std::string& key) {
    return Where(attribute, Cond(Op::in, Value::array(keysOf(rows, key))));
}

} // namespace

Association::Association(std::unique_ptr<AssociationImpl> impl) : impl_(std::move(impl)) {}
Association::~Association() = default;

AssociationType Association::type() const { return impl_->type; }
const std::string& Association::as() const { return impl_->as; }
Model& Association::source() const { return *impl_->source; }
Model& Association::target() const { return *impl_->target; }
const std::string& Association::foreignKey() const { return impl_->foreignKey; }
Model* Association::through() const { return impl_->through; }

void ModelImpl::removeAttribute(const std::string& attrName) {
    auto i = find(attrName);
    if (!i) return;
    attributes.erase(attributes.begin() + static_cast<std::ptrdiff_t>(*i));
    ++attributesVersion;
    byName.clear();
    byColumn.clear();
    primaryKeys.clear();
    for (size_t k = 0; k < attributes.size(); ++k) {
        byName[attributes[k].name] = k;
        byColumn[attributes[k].column] = k;
        if (attributes[k].def.primaryKey) primaryKeys.push_back(k);
    }
    auto index = [&](int old) {
        return old < 0 ? -1 : (old > static_cast<int>(*i) ? old - 1 : old);
    };
    createdAt = index(createdAt);
    updatedAt = index(updatedAt);
    deletedAt = index(deletedAt);
}

void ModelImpl::addAttribute(const std::string& attrName, Attribute def,
                             std::optional<sql::ColumnDef::Reference> ref) {
    if (auto existing = find(attrName)) {
        // The program defined the key itself; keep its definition, add the constraint.
        if (ref && !attributes[*existing].reference) attributes[*existing].reference = ref;
        return;
    }
    AttributeInfo info{attrName, def.field, std::move(def), std::move(ref)};
    if (info.column.empty())
        info.column = options.underscored.value_or(false) ? detail::underscore(attrName) : attrName;
    attributes.push_back(std::move(info));
    ++attributesVersion;
    const size_t i = attributes.size() - 1;
    byName[attrName] = i;
    byColumn[attributes[i].column] = i;
    if (attributes[i].def.primaryKey) primaryKeys.push_back(i);
}

namespace {

Association& remember(ModelImpl& m, std::unique_ptr<AssociationImpl> impl) {
    // As Sequelize: an association may not be named like an attribute of
    // its source, its own foreign key included.
    if (m.find(impl->as))
        throw UsageError("naming collision between attribute '" + impl->as + "' and association '" +
                         impl->as + "' on model '" + m.name +
                         "': change either foreignKey or as in the association's definition");
    for (const auto& a : m.associations)
        if (a->as() == impl->as)
            throw UsageError("model '" + m.name + "' already has an association named '" +
                             impl->as + "'; give this one another name with `as`");
    m.associations.push_back(std::make_unique<Association>(std::move(impl)));
    return *m.associations.back();
}

} // namespace

Association& Model::hasOne(Model& target, AssociationOptions options) {
    return hasTarget(target, std::move(options), AssociationType::HasOne);
}

Association& Model::hasTarget(Model& target, AssociationOptions options, AssociationType type) {
    auto a = std::make_unique<AssociationImpl>();
    a->type = type;
    a->source = this;
    a->target = &target;
    a->aliased = !options.as.empty();
    a->as =
        options.as.empty()
            ? (type == AssociationType::HasMany ? detail::pluralize(target.name()) : target.name())
            : options.as;
    a->sourceKey = options.sourceKey.empty() ? primaryKeyAttribute() : options.sourceKey;
    // As Sequelize names it: after the alias of a hasOne given `as`, else
    // after the source model, singular.
    const std::string owner =
        detail::singularize(type == AssociationType::HasOne && a->aliased ? options.as : name());
    a->foreignKey =
        options.foreignKey.empty() ? owner + capitalize(a->sourceKey) : options.foreignKey;
    target.impl().addAttribute(a->foreignKey, foreignKeyAttribute(attribute(a->sourceKey), false),
                               reference(*impl_, a->sourceKey,
                                         options.onDelete.empty() ? "SET NULL" : options.onDelete,
                                         options.onUpdate.empty() ? "CASCADE" : options.onUpdate));
    return remember(*impl_, std::move(a));
}

Association& Model::hasMany(Model& target, AssociationOptions options) {
    return hasTarget(target, std::move(options), AssociationType::HasMany);
}

Association& Model::belongsTo(Model& target, AssociationOptions options) {
    auto a = std::make_unique<AssociationImpl>();
    a->type = AssociationType::BelongsTo;
    a->source = this;
    a->target = &target;
    a->aliased = !options.as.empty();
    a->as = options.as.empty() ? target.name() : options.as;
    a->targetKey = options.targetKey.empty() ? target.primaryKeyAttribute() : options.targetKey;
    a->foreignKey =
        options.foreignKey.empty() ? a->as + capitalize(a->targetKey) : options.foreignKey;
    impl_->addAttribute(a->foreignKey, foreignKeyAttribute(target.attribute(a->targetKey), false),
                        reference(target.impl(), a->targetKey,
                                  options.onDelete.empty() ? "SET NULL" : options.onDelete,
                                  options.onUpdate.empty() ? "CASCADE" : options.onUpdate));
    return remember(*impl_, std::move(a));
}

Association& Model::belongsToMany(Model& target, AssociationOptions options) {
    if (options.through.empty())
        throw UsageError("belongsToMany from '" + name() + "' to '" + target.name() +
                         "' needs `through`: the junction model or table name");
    auto a = std::make_unique<AssociationImpl>();
    a->type = AssociationType::BelongsToMany;
    a->source = this;
    a->target = &target;
    a->aliased = !options.as.empty();
    a->as = options.as.empty() ? detail::pluralize(target.name()) : options.as;
    a->sourceKey = options.sourceKey.empty() ? primaryKeyAttribute() : options.sourceKey;
    a->targetKey = options.targetKey.empty() ? target.primaryKeyAttribute() : options.targetKey;
    a->foreignKey = options.foreignKey.empty()
                        ? detail::singularize(name()) + capitalize(a->sourceKey)
                        : options.foreignKey;
    a->otherKey = options.otherKey.empty()
                      ? detail::singularize(target.name()) + capitalize(a->targetKey)
                      : options.otherKey;
    if (a->foreignKey == a->otherKey)
        throw UsageError("belongsToMany '" + a->as + "': foreignKey and otherKey are both '" +
                         a->foreignKey + "'; name them with foreignKey and otherKey");
    Database& db = database();
    // A junction of Tabula's own making has the pair of keys as its primary
    // key; a junction model the program defined keeps its own.
    const bool ownJunction = !db.isDefined(options.through);
    Model& junction = ownJunction ? db.define(options.through, {}, {.tableName = options.through})
                                  : db.model(options.through);
    const std::string onDelete = options.onDelete.empty() ? "CASCADE" : options.onDelete;
    const std::string onUpdate = options.onUpdate.empty() ? "CASCADE" : options.onUpdate;
    ModelImpl& j = junction.impl();
    const bool ownKey = ownJunction;
    if (ownJunction) j.removeAttribute("id");
    j.addAttribute(a->foreignKey, foreignKeyAttribute(attribute(a->sourceKey), ownKey),
                   reference(*impl_, a->sourceKey, onDelete, onUpdate));
    j.addAttribute(a->otherKey, foreignKeyAttribute(target.attribute(a->targetKey), ownKey),
                   reference(target.impl(), a->targetKey, onDelete, onUpdate));
    a->through = &junction;
    return remember(*impl_, std::move(a));
}

Association& Model::association(const std::string& as) const {
    for (const auto& a : impl_->associations)
        if (a->as() == as) return *a;
    std::string known;
    for (const auto& a : impl_->associations)
        known += (known.empty() ? "" : ", ") + a->as();
    throw UsageError(
        "model '" + name() + "' has no association '" + as + "'" +
        (known.empty() ? std::string(" (it has none)") : " (associations: " + known + ")"));
}

const Association& ModelImpl::resolveInclude(const Include& include) const {
    if (!include.as.empty()) return self->association(include.as);
    if (!include.model) throw UsageError("an include needs .model or .as");
    // As Sequelize: the only association to the model, or else the one
    // defined without `as`.
    const Association* only = nullptr;
    const Association* unaliased = nullptr;
    int count = 0;
    for (const auto& a : associations) {
        if (&a->target() != include.model) continue;
        ++count;
        only = a.get();
        if (!a->impl().aliased) {
            if (unaliased)
                throw UsageError("model '" + name + "' has several associations to '" +
                                 include.model->name() + "'; say which with .as");
            unaliased = a.get();
        }
    }
    if (count == 0)
        throw UsageError("model '" + include.model->name() + "' is not associated to '" + name +
                         "'");
    if (count == 1) return *only;
    if (!unaliased)
        throw UsageError("model '" + include.model->name() + "' is associated to '" + name +
                         "' several times; say which with .as");
    return *unaliased;
}

sql::Condition ModelImpl::requiredIncludes(const std::vector<Include>& includes) const {
    std::vector<sql::Condition> parts;
    for (const auto& inc : includes) {
        if (!inc.required.value_or(!inc.where.empty())) continue;
        const AssociationImpl& a = resolveInclude(inc).impl();
        const ModelImpl& t = a.tgt();
        auto col = [](const ModelImpl& m, const std::string& attr) {
            return m.attributes[m.indexOf(attr, "include")].column;
        };
        // The target's own where and nested required includes, inside the subquery.
        sql::Condition inner = t.scopeCondition(inc.where, true);
        sql::Condition nested = t.requiredIncludes(inc.include);
        auto joinAll = [](std::vector<sql::Condition> c) {
            return sql::Condition::all(std::move(c));
        };
        sql::Select sub;
        sub.table = t.table;
        sub.columns = {{sql::Node::star(), ""}};
        switch (a.type) {
        case AssociationType::HasOne:
        case AssociationType::HasMany:
            sub.where = joinAll(
                {sql::Condition::columnsEqual(sql::Node::column(col(t, a.foreignKey), t.table),
                                              sql::Node::column(col(*this, a.sourceKey), table)),
                 inner, nested});
            break;
        case AssociationType::BelongsTo:
            sub.where = joinAll(
                {sql::Condition::columnsEqual(sql::Node::column(col(t, a.targetKey), t.table),
                                              sql::Node::column(col(*this, a.foreignKey), table)),
                 inner, nested});
            break;
        case AssociationType::BelongsToMany: {
            const ModelImpl& j = a.through->impl();
            sub.where = joinAll(
                {sql::Condition::columnsEqual(sql::Node::column(col(t, a.targetKey), t.table),
                                              sql::Node::column(col(j, a.otherKey), j.table)),
                 inner, nested});
            sql::Select junction;
            junction.table = j.table;
            junction.columns = {{sql::Node::star(), ""}};
            junction.where = joinAll(
                {sql::Condition::columnsEqual(sql::Node::column(col(j, a.foreignKey), j.table),
                                              sql::Node::column(col(*this, a.sourceKey), table)),
                 sql::Condition::exists(std::move(sub))});
            parts.push_back(sql::Condition::exists(std::move(junction)));
            continue;
        }
        }
        parts.push_back(sql::Condition::exists(std::move(sub)));
    }
    return sql::Condition::all(std::move(parts));
}

Attributes ModelImpl::withIncludeKeys(Attributes attributes, const std::vector<Include>& includes,
                                      const std::string& also) const {
    if (attributes.empty()) return attributes;
    if (!also.empty()) attributes = withKey(std::move(attributes), also);
    for (const Include& inc : includes) {
        const AssociationImpl& a = resolveInclude(inc).impl();
        attributes = withKey(std::move(attributes),
                             a.type == AssociationType::BelongsTo ? a.foreignKey : a.sourceKey);
    }
    return attributes;
}

void ModelImpl::loadIncludes(std::vector<Instance>& rows, const std::vector<Include>& includes,
                             Transaction* transaction, bool wholeTable) const {
    for (const auto& inc : includes) {
        const AssociationImpl& a = resolveInclude(inc).impl();
        FindOptions child;
        child.where = inc.where;
        child.include = inc.include;
        child.order = inc.order;
        child.transaction = transaction;
        // parent.sourceKey = child.foreignKey, or for belongsTo
        // parent.foreignKey = child.targetKey.
        const bool belongs = a.type == AssociationType::BelongsTo;
        const ParentIndex parents(rows, KeyReader(*self, belongs ? a.foreignKey : a.sourceKey));
        // Each child, with the first of the parents it belongs to, in the
        // order the queries read them.
        std::vector<Instance> children;
        std::vector<size_t> owner;
        if (!parents.keys.empty()) {
            // A belongsTo's parents point at a few targets, not at all of them.
            const std::vector<Value>* keys = wholeTable && !belongs ? nullptr : &parents.keys;
            if (a.type != AssociationType::BelongsToMany) {
                const KeyReader childKey(*a.target, belongs ? a.targetKey : a.foreignKey);
                child.attributes = withKey(inc.attributes, belongs ? a.targetKey : a.foreignKey);
                children = findIn(*a.target, belongs ? a.targetKey : a.foreignKey, keys, child);
                owner.reserve(children.size());
                for (const auto& c : children)
                    owner.push_back(parents.first(childKey(c)));
            } else {
                // The junction rows are only read for their two keys: no
                // instances, hooks or scopes of the junction model's own.
                const ModelImpl& through = a.through->impl();
                const size_t source = through.indexOf(a.foreignKey, "association key");
                const size_t target = through.indexOf(a.otherKey, "association key");
                FindOptions links;
                links.transaction = transaction;
                links.attributes = Attributes{a.foreignKey, a.otherKey};
                std::vector<std::pair<size_t, MatchKey>> pairs; // (first parent, target key)
                std::vector<Value> targetKeys;
                std::unordered_set<MatchKey, MatchKeyHash> seen;
                queriesFor(through, a.foreignKey, keys, links, [&](FindOptions o) {
                    through.readValues(dbi->sql().select(through.select(o)), transaction,
                                       [&](const std::vector<Value>& link) {
                                           const size_t p = parents.first(link[source]);
                                           if (p == noParent || link[target].isNull()) return;
                                           MatchKey k = matchKey(link[target]);
                                           if (seen.insert(k).second)
                                               targetKeys.push_back(link[target]);
                                           pairs.emplace_back(p, std::move(k));
                                       });
                });
                const KeyReader targetKey(*a.target, a.targetKey);
                child.attributes = withKey(inc.attributes, a.targetKey);
                std::vector<Instance> targets = findIn(*a.target, a.targetKey, &targetKeys, child);
                ByKey<size_t> targetAt;
                targetAt.reserve(targets.size());
                for (size_t t = 0; t < targets.size(); ++t)
                    if (const Value& k = targetKey(targets[t]); !k.isNull())
                        targetAt.emplace(matchKey(k), t);
                // One child per link, in link order; a target linked to several
                // parents is copied for each.
                children.reserve(pairs.size());
                owner.reserve(pairs.size());
                for (const auto& [p, k] : pairs)
                    if (auto it = targetAt.find(k); it != targetAt.end()) {
                        children.push_back(targets[it->second]);
                        owner.push_back(p);
                    }
            }
        }
        // Each parent takes its children in the order read, its list sized
        // first; a child whose key several parents share (belongsTo) is copied
        // for all but the last of them, which takes it.
        std::vector<std::vector<Instance>> lists(rows.size());
        std::vector<size_t> counts(rows.size(), 0);
        for (size_t p : owner)
            for (; p != noParent; p = parents.next[p])
                ++counts[p];
        for (size_t i = 0; i < rows.size(); ++i)
            lists[i].reserve(a.many() ? counts[i] : std::min<size_t>(counts[i], 1));
        for (size_t c = 0; c < children.size(); ++c)
            for (size_t p = owner[c]; p != noParent; p = parents.next[p]) {
                if (!a.many() && !lists[p].empty()) continue; // hasOne, belongsTo: the first
                if (parents.next[p] == noParent)
                    lists[p].push_back(std::move(children[c]));
                else
                    lists[p].push_back(children[c]);
            }
        for (size_t i = 0; i < rows.size(); ++i)
            rows[i].setRelated(a.as, std::move(lists[i]), !a.many());
    }
}

// ---- instance accessors -------------------------------------------------

std::vector<Instance> Association::get(const Instance& source, FindOptions options) const {
    const AssociationImpl& a = *impl_;
    switch (a.type) {
    case AssociationType::HasOne:
    case AssociationType::HasMany:
        options.where = options.where && keyWhere(a.foreignKey, source.getDataValue(a.sourceKey));
        return a.target->findAll(std::move(options));
    case AssociationType::BelongsTo: {
        Value key = source.getDataValue(a.foreignKey);
        if (key.isNull()) return {};
        options.where = options.where && keyWhere(a.targetKey, key);
        return a.target->findAll(std::move(options));
    }
    case AssociationType::BelongsToMany: {
        auto links =
            a.through->findAll({.where = keyWhere(a.foreignKey, source.getDataValue(a.sourceKey)),
                                .transaction = options.transaction});
        std::vector<Value> keys = keysOf(links, a.otherKey);
        if (keys.empty()) return {};
        options.where =
            options.where && Where(a.targetKey, Cond(Op::in, Value::array(std::move(keys))));
        return a.target->findAll(std::move(options));
    }
    }
    return {};
}

std::optional<Instance> Association::getOne(const Instance& source, FindOptions options) const {
    options.limit = 1;
    auto rows = get(source, std::move(options));
    if (rows.empty()) return std::nullopt;
    return std::move(rows.front());
}

std::int64_t Association::count(const Instance& source, FindOptions options) const {
    const AssociationImpl& a = *impl_;
    if (a.type == AssociationType::BelongsToMany) {
        return static_cast<std::int64_t>(get(source, std::move(options)).size());
    }
    if (a.type == AssociationType::BelongsTo) {
        Value key = source.getDataValue(a.foreignKey);
        if (key.isNull()) return 0;
        options.where = options.where && keyWhere(a.targetKey, key);
        return a.target->count(std::move(options));
    }
    options.where = options.where && keyWhere(a.foreignKey, source.getDataValue(a.sourceKey));
    return a.target->count(std::move(options));
}

void Association::add(Instance& source, const std::vector<Instance>& targets,
                      Transaction* transaction) const {
    const AssociationImpl& a = *impl_;
    if (targets.empty()) return;
    const Value sourceKey = source.getDataValue(a.sourceKey);
    switch (a.type) {
    case AssociationType::HasOne:
    case AssociationType::HasMany: {
        const std::string pk = a.target->primaryKeyAttribute();
        a.target->update({{a.foreignKey, sourceKey}},
                         {.where = keyIn(pk, targets, pk), .transaction = transaction});
        break;
    }
    case AssociationType::BelongsTo: set(source, targets, transaction); break;
    case AssociationType::BelongsToMany: {
        // One query for the links that exist already, then one insert.
        auto existing =
            a.through->findAll({.where = Where::all({Where(a.foreignKey, sourceKey),
                                                     keyIn(a.otherKey, targets, a.targetKey)}),
                                .transaction = transaction});
        std::unordered_set<MatchKey, MatchKeyHash> linked;
        for (const auto& e : existing)
            linked.insert(matchKey(e.getDataValue(a.otherKey)));
        std::vector<Values> rows;
        for (const auto& t : targets) {
            Value other = t.getDataValue(a.targetKey);
            if (!linked.insert(matchKey(other)).second) continue;
            rows.push_back({{a.foreignKey, sourceKey}, {a.otherKey, other}});
        }
        a.through->bulkCreate(std::move(rows), {.transaction = transaction});
        break;
    }
    }
}

void Association::remove(Instance& source, const std::vector<Instance>& targets,
                         Transaction* transaction) const {
    const AssociationImpl& a = *impl_;
    if (targets.empty()) return;
    const Value sourceKey = source.getDataValue(a.sourceKey);
    switch (a.type) {
    case AssociationType::HasOne:
    case AssociationType::HasMany: {
        const std::string pk = a.target->primaryKeyAttribute();
        a.target->update(
            {{a.foreignKey, nullptr}},
            {.where = Where::all({Where(a.foreignKey, sourceKey), keyIn(pk, targets, pk)}),
             .transaction = transaction});
        break;
    }
    case AssociationType::BelongsTo: set(source, {}, transaction); break;
    case AssociationType::BelongsToMany:
        a.through->destroy({.where = Where::all({Where(a.foreignKey, sourceKey),
                                                 keyIn(a.otherKey, targets, a.targetKey)}),
                            .force = true,
                            .transaction = transaction});
        break;
    }
}

void Association::set(Instance& source, const std::vector<Instance>& targets,
                      Transaction* transaction) const {
    const AssociationImpl& a = *impl_;
    if (!a.many() && targets.size() > 1)
        throw UsageError("'" + a.as + "' holds one row; set was given " +
                         std::to_string(targets.size()));
    if (a.type == AssociationType::BelongsTo) {
        source.set(a.foreignKey,
                   targets.empty() ? Value() : targets.front().getDataValue(a.targetKey));
        source.save({.fields = {a.foreignKey}, .transaction = transaction});
        return;
    }
    const Value sourceKey = source.getDataValue(a.sourceKey);
    if (a.type == AssociationType::BelongsToMany) {
        a.through->destroy(
            {.where = Where(a.foreignKey, sourceKey), .force = true, .transaction = transaction});
    } else {
        a.target->update({{a.foreignKey, nullptr}},
                         {.where = Where(a.foreignKey, sourceKey), .transaction = transaction});
    }
    add(source, targets, transaction);
}

bool Association::has(const Instance& source, const std::vector<Instance>& targets,
                      Transaction* transaction) const {
    const AssociationImpl& a = *impl_;
    if (targets.empty()) return true;
    const std::string key =
        a.type == AssociationType::BelongsToMany || a.type == AssociationType::BelongsTo
            ? a.targetKey
            : a.target->primaryKeyAttribute();
    auto found = get(source, {.where = keyIn(key, targets, key), .transaction = transaction});
    return found.size() == targets.size();
}

Instance Association::create(Instance& source, const Values& values,
                             Transaction* transaction) const {
    const AssociationImpl& a = *impl_;
    switch (a.type) {
    case AssociationType::HasOne:
    case AssociationType::HasMany: {
        Values withKey = values;
        withKey.emplace_back(a.foreignKey, source.getDataValue(a.sourceKey));
        return a.target->create(withKey, {.transaction = transaction});
    }
    case AssociationType::BelongsTo: {
        // As Sequelize's createAssociation: the target first, then the
        // source's key pointing at it.
        Instance made = a.target->create(values, {.transaction = transaction});
        set(source, {made}, transaction);
        return made;
    }
    case AssociationType::BelongsToMany: {
        Instance made = a.target->create(values, {.transaction = transaction});
        add(source, {made}, transaction);
        return made;
    }
    }
    throw UsageError("unknown association kind");
}

} // namespace tabula
