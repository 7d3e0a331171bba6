// Instance: values by attribute index with change tracking, and the
// instance methods (save, reload, destroy, ...).
#include "database_impl.hpp"
#include "model_impl.hpp"

#include <tabula/errors.hpp>

#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>

#include <algorithm>
#include <memory>

namespace tabula {

struct Instance::State {
    std::vector<Value> previous;
    std::vector<bool> dirty; // attributes past the 64th; empty: none changed
    Values extra;
    std::vector<RelatedRows> related;
    // Loaded by a query that picked attributes: those it read (shared by
    // the query's rows). Null: all of them.
    std::shared_ptr<const std::vector<bool>> loaded;
};

namespace {

// Every Instance object, moved-from ones too, counts in its definition's
// liveInstances from construction to destruction (see Database::define).
void hold(const Model* model) noexcept {
    model->impl().liveInstances.fetch_add(1, std::memory_order_relaxed);
}
void letGo(const Model* model) noexcept {
    model->impl().liveInstances.fetch_sub(1, std::memory_order_release);
}

} // namespace

Instance::Instance(const Model& model, std::vector<Value> values, bool isNewRecord)
    : model_(&model), values_(std::move(values)), isNewRecord_(isNewRecord) {
    // Defaults count as changes of a new record; nulls do not.
    if (isNewRecord)
        for (size_t i = 0; i < values_.size(); ++i)
            if (!values_[i].isNull()) markChanged(i);
    hold(model_); // last: a constructor that throws never reaches the destructor
}

Instance::Instance(const Instance& other)
    : model_(other.model_), values_(other.values_),
      state_(other.state_ ? std::make_unique<State>(*other.state_) : nullptr),
      changedBits_(other.changedBits_), isNewRecord_(other.isNewRecord_),
      previousIsCurrent_(other.previousIsCurrent_) {
    hold(model_);
}

Instance::Instance(Instance&& other) noexcept
    : model_(other.model_), values_(std::move(other.values_)), state_(std::move(other.state_)),
      changedBits_(other.changedBits_), isNewRecord_(other.isNewRecord_),
      previousIsCurrent_(other.previousIsCurrent_) {
    hold(model_);
}

Instance& Instance::operator=(const Instance& other) {
    if (this != &other) *this = Instance(other);
    return *this;
}

Instance& Instance::operator=(Instance&& other) noexcept {
    if (model_ != other.model_) {
        hold(other.model_);
        letGo(model_);
        model_ = other.model_;
    }
    values_ = std::move(other.values_);
    state_ = std::move(other.state_);
    changedBits_ = other.changedBits_;
    isNewRecord_ = other.isNewRecord_;
    previousIsCurrent_ = other.previousIsCurrent_;
    return *this;
}

Instance::~Instance() { letGo(model_); }

Instance::State& Instance::state() {
    if (!state_) state_ = std::make_unique<State>();
    return *state_;
}

void Instance::markChanged(size_t i) {
    if (i < 64) {
        changedBits_ |= std::uint64_t{1} << i;
        return;
    }
    std::vector<bool>& dirty = state().dirty;
    if (dirty.size() != values_.size()) dirty.assign(values_.size(), false);
    dirty[i] = true;
}

void Instance::clearChanged(size_t i) {
    if (i < 64) {
        changedBits_ &= ~(std::uint64_t{1} << i);
        return;
    }
    if (state_ && i < state_->dirty.size()) state_->dirty[i] = false;
}

bool Instance::anyChanged() const {
    if (changedBits_ != 0) return true;
    return state_ &&
           std::find(state_->dirty.begin(), state_->dirty.end(), true) != state_->dirty.end();
}

bool Instance::isChanged(size_t i) const {
    if (i < 64) return (changedBits_ >> i) & 1;
    return state_ && i < state_->dirty.size() && state_->dirty[i];
}

void Instance::clearChanged() {
    changedBits_ = 0;
    if (state_) state_->dirty.clear();
}

void Instance::copyPrevious() {
    state().previous = values_;
    previousIsCurrent_ = false;
}

const Values& Instance::extras() const {
    static const Values none;
    return state_ ? state_->extra : none;
}

Value Instance::get(std::string_view attribute) const {
    Value computed;
    const Value& v = valueOf(attribute, computed);
    if (&v == &computed) return computed; // moved out
    return v;
}

const Value& Instance::valueOf(std::string_view attribute, Value& computed) const {
    const ModelImpl& m = model_->impl();
    if (auto i = m.find(attribute)) {
        const Getter& getter = m.attributes[*i].def.get;
        if (!getter) return values_[*i];
        computed = getter(*this);
        return computed;
    }
    for (const auto& [name, value] : extras())
        if (name == attribute) return value;
    m.indexOf(attribute, "get"); // throws, listing the attributes
    return computed;
}

Value Instance::getDataValue(std::string_view attribute) const {
    const ModelImpl& m = model_->impl();
    if (auto i = m.find(attribute)) return values_[*i];
    for (const auto& [name, value] : extras())
        if (name == attribute) return value;
    m.indexOf(attribute, "getDataValue");
    return {};
}

Instance& Instance::set(const std::string& attribute, Value value) {
    // As Sequelize's set: a name that is not an attribute is ignored.
    if (auto i = model_->impl().find(attribute)) setIndexed(*i, std::move(value));
    return *this;
}

void Instance::setIndexed(size_t i, Value&& value) {
    const ModelImpl& m = model_->impl();
    if (const Setter& setter = m.attributes[i].def.set) {
        setter(*this, value);
        return;
    }
    // As Sequelize's set: the primary key and the timestamps of a stored row
    // keep their values; setDataValue still writes them. (A record being
    // built takes a key given in place of the key's default.)
    if (!isNewRecord_ && (m.isTimestamp(i) || (m.isPrimaryKey(i) && !values_[i].isNull()))) return;
    setAt(i, std::move(value));
}

Instance& Instance::setDataValue(const std::string& attribute, Value value) {
    setAt(model_->impl().indexOf(attribute, "setDataValue"), std::move(value));
    return *this;
}

void Instance::setAt(size_t i, Value&& value) {
    const ModelImpl& m = model_->impl();
    // Most values arrive as the attribute's type already: no conversion.
    if (!m.holds(i, value)) value = m.coerce(i, std::move(value));
    Value& current = values_[i];
    if (value.kind() == current.kind() && value == current) return;
    keepPrevious();
    current = std::move(value);
    markChanged(i);
}

void Instance::setPrevious(size_t i, Value value) {
    keepPrevious();
    std::vector<Value>& previous = state().previous;
    if (previous.size() != values_.size()) previous.resize(values_.size()); // never saved
    previous[i] = std::move(value);
}

Instance& Instance::set(const Values& values) {
    for (const auto& [name, value] : values)
        set(name, value);
    return *this;
}

namespace {

// The attribute indexes of the last list of names a thread set, by position:
// rows built one after another (bulkCreate, create in a loop) name the same
// attributes in the same order, and checking a name where it was found last
// costs less than finding it again.
struct LastNames {
    std::uint64_t model = 0;
    std::size_t version = 0;
    std::vector<size_t> slots;
};
thread_local LastNames lastNames;

} // namespace

Instance& Instance::set(Values&& values) {
    const ModelImpl& m = model_->impl();
    LastNames& last = lastNames;
    if (last.model != m.serial || last.version != m.attributesVersion) {
        last.model = m.serial;
        last.version = m.attributesVersion;
        last.slots.clear();
    }
    if (last.slots.size() < values.size())
        last.slots.resize(values.size(), static_cast<size_t>(-1));
    // Read through a plain pointer: the thread-local is looked up once, not
    // for every value.
    size_t* const slots = last.slots.data();
    for (size_t k = 0; k < values.size(); ++k) {
        auto& [name, value] = values[k];
        size_t& slot = slots[k];
        if (slot >= m.attributes.size() || m.attributes[slot].name != name) {
            // As Sequelize's set: a name that is not an attribute is ignored.
            const auto found = m.find(name);
            if (!found) {
                slot = static_cast<size_t>(-1);
                continue;
            }
            slot = *found;
        }
        // A record being built takes a value of the attribute's own type
        // where nothing was set yet: what setAt would do, without its checks.
        Value& current = values_[slot];
        if (isNewRecord_ && !previousIsCurrent_ && current.isNull() && !value.isNull() &&
            !m.attributes[slot].def.set && m.holds(slot, value)) {
            // Null holds nothing to release: the value is built in its place.
            std::destroy_at(&current);
            std::construct_at(&current, std::move(value));
            markChanged(slot);
            continue;
        }
        setIndexed(slot, std::move(value));
    }
    return *this;
}

std::vector<std::string> Instance::changed() const {
    std::vector<std::string> names;
    const auto& attrs = model_->impl().attributes;
    for (size_t i = 0; i < values_.size(); ++i)
        if (isChanged(i)) names.push_back(attrs[i].name);
    return names;
}

bool Instance::changed(std::string_view attribute) const {
    const size_t i = model_->impl().indexOf(attribute, "changed");
    // None is changed until a value is set.
    return isChanged(i);
}

Value Instance::previous(std::string_view attribute) const {
    const size_t i = model_->impl().indexOf(attribute, "previous");
    if (previousIsCurrent_) return values_[i];
    if (!state_ || i >= state_->previous.size()) return Value(); // never saved: nothing before
    return state_->previous[i];
}

void Instance::markSaved() {
    if (state_) state_->previous.clear();
    clearChanged();
    previousIsCurrent_ = true;
    isNewRecord_ = false;
}

void Instance::markSaved(std::span<const size_t> saved) {
    if (!previousIsCurrent_ && state_ && state_->previous.size() == values_.size())
        for (size_t i : saved)
            state_->previous[i] = values_[i];
    for (size_t i : saved)
        clearChanged(i);
    // Nothing else was pending: the stored row and the instance agree.
    if (!anyChanged()) markSaved();
    isNewRecord_ = false;
}

void Instance::setLoaded(std::shared_ptr<const std::vector<bool>> loaded) {
    state().loaded = std::move(loaded);
}

void Instance::setExtra(const std::string& name, Value value) {
    Values& extra = state().extra;
    for (auto& [n, v] : extra)
        if (n == name) {
            v = std::move(value);
            return;
        }
    extra.emplace_back(name, std::move(value));
}

Value Instance::primaryKeyValue() const { return values_[model_->impl().primaryKeys.at(0)]; }

Instance& Instance::save(SaveOptions options) {
    const detail::StatementTimeout limit(options.timeout);
    ModelImpl& m = model_->impl();
    if (isNewRecord_)
        m.insert(*this, options.fields, options.transaction);
    else
        m.saveChanges(*this, options.fields, options.transaction);
    return *this;
}

Instance& Instance::update(const Values& values, SaveOptions options) {
    // As Sequelize's update: with fields, only those (and VIRTUAL ones) are
    // set; without, the attributes it writes are those it was given that
    // changed, and those their setters changed. Changes made earlier and not
    // saved stay pending.
    const std::vector<std::string> changedBefore = changed();
    auto listed = [](const std::vector<std::string>& names, const std::string& name) {
        return std::find(names.begin(), names.end(), name) != names.end();
    };
    // VIRTUAL attributes are set whatever fields say, as Sequelize sets
    // them: their setters may write the fields named.
    const ModelImpl& m = model_->impl();
    auto isVirtual = [&](const std::string& name) {
        const auto i = m.find(name);
        return i && m.attributes[*i].isVirtual();
    };
    for (const auto& [name, value] : values)
        if (options.fields.empty() || listed(options.fields, name) || isVirtual(name))
            set(name, value);
    // A record not stored yet is inserted whole.
    if (!options.fields.empty() || isNewRecord_) return save(std::move(options));
    for (const std::string& name : changed()) {
        const bool given = std::any_of(values.begin(), values.end(),
                                       [&](const auto& v) { return v.first == name; });
        if (given || !listed(changedBefore, name)) options.fields.push_back(name);
    }
    if (options.fields.empty()) return *this; // nothing it was given changed
    return save(std::move(options));
}

Instance& Instance::reload(Transaction* transaction) {
    const ModelImpl& m = model_->impl();
    FindOptions options;
    options.paranoid = false;
    options.transaction = transaction;
    auto fresh = model_->findByPk(m.primaryKeys.size() == 1 ? primaryKeyValue() : Value(), options);
    if (!fresh)
        throw EmptyResultError("instance of '" + m.name +
                               "' could not be reloaded: it does not exist anymore");
    values_ = fresh->values_;
    if (state_ || !fresh->extras().empty()) state().extra = fresh->extras();
    if (state_) state_->loaded.reset(); // every attribute is read now
    markSaved();
    return *this;
}

void Instance::destroy(bool force, Transaction* transaction) {
    ModelImpl& m = model_->impl();
    HookEvent event{Hook::beforeDestroy};
    event.transaction = transaction;
    event.instance = this;
    m.fire(Hook::beforeDestroy, event);
    removeRow(force, transaction);
    m.fire(Hook::afterDestroy, event);
}

void Instance::removeRow(bool force, Transaction* transaction) {
    ModelImpl& m = model_->impl();
    if (m.paranoid && !force) {
        // As Sequelize: stamped once, and saved with whatever else changed
        // (a beforeDestroy hook's changes too), without the save hooks.
        if (values_[m.deletedAt].isNull()) setAt(m.deletedAt, m.now());
        m.saveChanges(*this, {}, transaction, false);
        return;
    }
    sql::Delete q;
    q.table = m.table;
    q.where = m.keyCondition(*this);
    m.dbi->run(m.dbi->sql().remove(q), transaction);
}

void Instance::restore(Transaction* transaction) {
    ModelImpl& m = model_->impl();
    if (!m.paranoid) throw UsageError("restore: model '" + m.name + "' is not paranoid");
    sql::Update q;
    q.table = m.table;
    q.set.emplace_back(m.attributes[m.deletedAt].column, sql::Node::param(Value()));
    q.where = m.keyCondition(*this);
    m.dbi->run(m.dbi->sql().update(q), transaction);
    setPrevious(m.deletedAt, Value());
    values_[m.deletedAt] = Value();
}

Instance& Instance::increment(const std::string& attribute, std::int64_t by,
                              Transaction* transaction) {
    ModelImpl& m = model_->impl();
    m.indexOf(attribute, "increment");
    std::vector<Where> parts;
    for (size_t k : m.primaryKeys)
        parts.emplace_back(m.attributes[k].name, values_[k]);
    const_cast<Model*>(model_)->increment(attribute, {by, transaction},
                                          Where::all(std::move(parts)));
    return reload(transaction);
}

Instance& Instance::decrement(const std::string& attribute, std::int64_t by,
                              Transaction* transaction) {
    return increment(attribute, -by, transaction);
}

const std::vector<Instance>& Instance::related(const std::string& as) const {
    if (state_)
        for (const auto& r : state_->related)
            if (r.as == as) return r.rows;
    throw UsageError("'" + as + "' was not loaded for this '" + model_->name() +
                     "': add it to the query's include");
}

bool Instance::hasRelated(const std::string& as) const {
    return state_ && std::any_of(state_->related.begin(), state_->related.end(),
                                 [&](const RelatedRows& r) { return r.as == as; });
}

void Instance::setRelated(const std::string& as, std::vector<Instance> rows, bool single) {
    std::vector<RelatedRows>& related = state().related;
    for (auto& r : related)
        if (r.as == as) {
            r.rows = std::move(rows);
            r.single = single;
            return;
        }
    // Rows are usually loaded with one or two includes: room for two from
    // the start spares the second a reallocation.
    if (related.empty()) related.reserve(2);
    related.push_back({as, single, std::move(rows)});
}

std::future<void> Instance::saveAsync(SaveOptions options) {
    return std::async(std::launch::async, [this, options = std::move(options)] { save(options); });
}
std::future<void> Instance::reloadAsync(Transaction* transaction) {
    return std::async(std::launch::async, [this, transaction] { reload(transaction); });
}
std::future<void> Instance::destroyAsync(bool force, Transaction* transaction) {
    return std::async(std::launch::async,
                      [this, force, transaction] { destroy(force, transaction); });
}

std::string Instance::toJSON() const {
    const auto& attrs = model_->impl().attributes;
    std::string out = "{";
    bool first = true;
    auto field = [&](const std::string& name, const Value& v) {
        if (!first) out += ',';
        first = false;
        out += Value(name).toJSONText();
        out += ':';
        out += v.toJSONText();
    };
    // Through get(), as Sequelize's toJSON: getters apply, VIRTUALs appear;
    // attributes a query did not read are left out.
    const std::vector<bool>* loaded = state_ ? state_->loaded.get() : nullptr;
    for (size_t i = 0; i < attrs.size(); ++i)
        if (!loaded || (*loaded)[i]) field(attrs[i].name, get(attrs[i].name));
    for (const auto& [name, value] : extras())
        field(name, value);
    // Included rows nest as Sequelize's do: a list, or one object or null.
    static const std::vector<RelatedRows> none;
    for (const auto& r : state_ ? state_->related : none) {
        out += ",";
        out += Value(r.as).toJSONText() + ":";
        if (r.single) {
            out += r.rows.empty() ? "null" : r.rows.front().toJSON();
            continue;
        }
        out += "[";
        for (size_t i = 0; i < r.rows.size(); ++i) {
            if (i) out += ",";
            out += r.rows[i].toJSON();
        }
        out += "]";
    }
    return out + "}";
}

Poco::JSON::Object Instance::toJSONObject() const {
    Poco::JSON::Parser parser;
    auto parsed = parser.parse(toJSON());
    return *parsed.extract<Poco::JSON::Object::Ptr>();
}

} // namespace tabula
