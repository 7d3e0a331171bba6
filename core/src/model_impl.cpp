// ModelImpl: attribute resolution, value coercion and hydration, validation,
// and the translation of find options into the query AST.
#include "model_impl.hpp"

#include "association_impl.hpp"
#include "database_impl.hpp"
#include "validators.hpp"

#include <tabula/errors.hpp>

#include <Poco/Dynamic/Var.h>
#include <Poco/Exception.h>
#include <Poco/JSON/Array.h>
#include <Poco/JSON/Parser.h>
#include <Poco/UUID.h>
#include <Poco/UUIDGenerator.h>

#include <algorithm>
#include <atomic>
#include <cctype>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <typeinfo>

namespace tabula {

namespace {

bool isInteger(DataKind k) { return k == DataKind::Integer || k == DataKind::BigInt; }

bool parseWholeInt(std::string_view s, std::int64_t& out) {
    if (s.empty()) return false;
    size_t i = (s[0] == '-' || s[0] == '+') ? 1 : 0;
    if (i == s.size()) return false;
    for (size_t j = i; j < s.size(); ++j)
        if (!std::isdigit(static_cast<unsigned char>(s[j]))) return false;
    if (s[0] == '+') s.remove_prefix(1); // from_chars takes no plus sign
    // Out of range is not a whole number this can hold.
    return std::from_chars(s.data(), s.data() + s.size(), out).ec == std::errc();
}

bool parseNumber(std::string_view s, double& out) {
    if (s.empty()) return false;
    const std::string terminated(s); // strtod reads up to a NUL
    char* end = nullptr;
    out = std::strtod(terminated.c_str(), &end);
    return end == terminated.c_str() + terminated.size();
}

bool looksLikeDecimal(std::string_view s) {
    if (s.empty()) return false;
    size_t i = (s[0] == '-' || s[0] == '+') ? 1 : 0;
    bool digits = false, dot = false;
    for (; i < s.size(); ++i) {
        if (std::isdigit(static_cast<unsigned char>(s[i]))) {
            digits = true;
        } else if (s[i] == '.' && !dot) {
            dot = true;
        } else {
            return false;
        }
    }
    return digits;
}

std::string formatFixed(double d, int scale) {
    scale = std::max(scale, 0);
    // Same digits as printf's %.*f. The quick way scales to an integer count
    // of units; it is used when the product is small enough to hold its
    // fraction to within 5e-7 and is not near a tie, where %f rounds the
    // exact binary value half to even and an integer product could not tell.
    static constexpr double unit[] = {1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9};
    if (std::isfinite(d) && scale < static_cast<int>(std::size(unit))) {
        const double scaled = std::fabs(d) * unit[scale];
        const double whole = std::floor(scaled);
        if (scaled < 4294967296.0 && std::fabs(scaled - whole - 0.5) > 1e-6) {
            const auto units = static_cast<std::uint64_t>(whole) + (scaled - whole > 0.5 ? 1 : 0);
            char digits[24];
            const auto fraction = static_cast<size_t>(scale);
            // At least one digit before the point: zeros in front of short counts.
            char* start = digits + 1 + fraction;
            auto [end, ec] = std::to_chars(start, digits + sizeof digits, units);
            while (static_cast<size_t>(end - start) <= fraction)
                *--start = '0';
            char text[32];
            char* out = text;
            if (std::signbit(d)) *out++ = '-';
            char* point = end - fraction;
            out = std::copy(start, point, out);
            if (fraction) {
                *out++ = '.';
                out = std::copy(point, end, out);
            }
            return std::string(text, out);
        }
    }
    char buf[64];
    auto [end, ec] = std::to_chars(buf, buf + sizeof buf, d, std::chars_format::fixed, scale);
    if (ec == std::errc()) return std::string(buf, end);
    std::vector<char> big(400 + static_cast<size_t>(scale));
    std::snprintf(big.data(), big.size(), "%.*f", scale, d);
    return big.data();
}

// A double as DECIMAL text: to the column's scale, or, for a DECIMAL
// without a precision, the shortest digits that read back as the same double.
std::string decimalText(double d, const DataType& type) {
    if (type.precision() > 0) return formatFixed(d, type.scale());
    char buf[400];
    auto [end, ec] = std::to_chars(buf, buf + sizeof buf, d, std::chars_format::fixed);
    if (ec == std::errc()) return std::string(buf, end);
    return formatFixed(d, 0);
}

bool validDateOnly(std::string_view s) {
    if (s.size() == 10 && s[4] == '-' && s[7] == '-') {
        for (size_t i : {0, 1, 2, 3, 5, 6, 8, 9})
            if (s[i] < '0' || s[i] > '9') return false;
        return true;
    }
    return Value::parseDate(s).has_value(); // a year past 9999 or before 0
}

std::string dateOf(Timestamp t) {
    const std::string text = Value::formatTimestamp(t);
    return text.substr(0, text.find(' '));
}

// 122 random bits from the system's generator on every call: no state per
// thread to be seeded (or copied by fork), and the version 4, variant 10
// bits set by Poco::UUID.
std::string randomUuid() {
    return Poco::UUIDGenerator::defaultGenerator().createRandom().toString();
}

// The array JSON text holds; nothing when the text is not a JSON array.
std::optional<Value> jsonToArray(std::string_view text) {
    try {
        Poco::JSON::Parser parser;
        Poco::Dynamic::Var parsed = parser.parse(std::string(text));
        if (parsed.type() != typeid(Poco::JSON::Array::Ptr)) return std::nullopt;
        const auto arr = parsed.extract<Poco::JSON::Array::Ptr>();
        std::vector<Value> items;
        items.reserve(arr->size());
        for (size_t i = 0; i < arr->size(); ++i)
            items.push_back(Value::fromVar(arr->get(i)));
        return Value::array(std::move(items));
    } catch (const Poco::Exception&) {
        return std::nullopt;
    }
}

// An ENUM compared with a value outside its list is a mistake in the program;
// say so on every dialect rather than let one refuse and another match nothing.
void checkEnumOperand(const AttributeInfo& a, const Value& value) {
    auto check = [&](const Value& v) {
        if (v.isNull() || v.kind() != ValueKind::Text) return;
        const auto& allowed = a.def.type.values();
        if (std::find(allowed.begin(), allowed.end(), v.text()) == allowed.end())
            throw UsageError("where on '" + a.name + "': '" + std::string(v.text()) +
                             "' is not one of " + a.def.type.describe());
    };
    if (value.kind() == ValueKind::Array) {
        for (const auto& v : value.asArray())
            check(v);
    } else {
        check(value);
    }
}

sql::Nulls nullsFrom(const std::string& rest, const std::string& direction) {
    if (rest.empty()) return sql::Nulls::Default;
    if (rest == "NULLS FIRST") return sql::Nulls::First;
    if (rest == "NULLS LAST") return sql::Nulls::Last;
    throw UsageError("bad order direction '" + direction +
                     "': use ASC or DESC, optionally followed by NULLS FIRST or NULLS LAST");
}

} // namespace

std::optional<size_t> ModelImpl::find(std::string_view attribute) const {
    // Most models have a few attributes: comparing lengths, then bytes, finds
    // one in half the instructions of hashing the name (measured on a
    // 10-attribute model: 235 → 117 per Instance::get).
    if (attributes.size() <= 16) {
        for (size_t i = 0; i < attributes.size(); ++i)
            if (attributes[i].name == attribute) return i;
        return std::nullopt;
    }
    auto it = byName.find(attribute);
    if (it == byName.end()) return std::nullopt;
    return it->second;
}

size_t ModelImpl::indexOf(std::string_view attribute, const char* where) const {
    if (auto i = find(attribute)) return *i;
    std::string known;
    for (const auto& a : attributes)
        known += (known.empty() ? "" : ", ") + a.name;
    throw UsageError(std::string(where) + ": model '" + name + "' has no attribute '" +
                     std::string(attribute) + "' (attributes: " + known + ")");
}

const AttributeInfo& ModelImpl::primary() const {
    if (primaryKeys.size() != 1)
        throw UsageError("model '" + name + "' has a composite primary key; use where instead");
    return attributes[primaryKeys.front()];
}

bool ModelImpl::autoIncrementKey() const {
    return primaryKeys.size() == 1 && attributes[primaryKeys.front()].def.autoIncrement;
}

Value ModelImpl::now() const {
    // Milliseconds: what every dialect stores, so a value round-trips unchanged.
    auto t =
        std::chrono::time_point_cast<std::chrono::milliseconds>(std::chrono::system_clock::now());
    return Value(Timestamp(t));
}

Value ModelImpl::defaultFor(size_t index) const {
    const auto& d = attributes[index].def.defaultValue;
    switch (d.kind) {
    case DefaultKind::Literal: return coerce(index, d.value);
    case DefaultKind::Now: return now();
    case DefaultKind::UuidV4: return Value::uuid(randomUuid());
    case DefaultKind::None: break;
    }
    return Value();
}

bool ModelImpl::holds(size_t index, const Value& v) const {
    const ValueKind k = v.kind();
    switch (attributes[index].def.type.kind()) {
    case DataKind::Integer:
    case DataKind::BigInt: return k == ValueKind::Null || k == ValueKind::Int;
    case DataKind::Float:
    case DataKind::Double: return k == ValueKind::Null || k == ValueKind::Double;
    case DataKind::Decimal: return k == ValueKind::Null || k == ValueKind::Decimal;
    case DataKind::Boolean: return k == ValueKind::Null || k == ValueKind::Bool;
    case DataKind::Date: return k == ValueKind::Null || k == ValueKind::Timestamp;
    case DataKind::DateOnly: return k == ValueKind::Null || k == ValueKind::Date;
    case DataKind::String:
    case DataKind::Char:
    case DataKind::Text: return k == ValueKind::Null || k == ValueKind::Text;
    case DataKind::Json:
    case DataKind::JsonB: return k == ValueKind::Null || k == ValueKind::Json;
    default: return k == ValueKind::Null;
    }
}

Value ModelImpl::coerce(size_t index, Value v) const {
    if (v.isNull()) return v;
    const DataType& type = attributes[index].def.type;
    const ValueKind k = v.kind();
    const bool textual = k == ValueKind::Text || k == ValueKind::Decimal;
    switch (type.kind()) {
    case DataKind::Integer:
    case DataKind::BigInt: {
        if (k == ValueKind::Int) return v;
        if (k == ValueKind::Bool) return Value(v.asBool() ? 1 : 0);
        if (k == ValueKind::Double) {
            double d = v.asDouble();
            if (std::trunc(d) == d && std::fabs(d) < 9e18) return Value(static_cast<long long>(d));
            return v;
        }
        std::int64_t i = 0;
        if (textual && parseWholeInt(v.text(), i)) return Value(static_cast<long long>(i));
        return v;
    }
    case DataKind::Float:
    case DataKind::Double: {
        if (k == ValueKind::Double) return v;
        if (k == ValueKind::Int) return Value(v.asDouble());
        double d = 0;
        if (textual && parseNumber(v.text(), d)) return Value(d);
        return v;
    }
    case DataKind::Decimal: {
        if (k == ValueKind::Decimal) return v;
        if (k == ValueKind::Int)
            return Value::decimal(type.scale() > 0
                                      ? v.asString() + "." + std::string(type.scale(), '0')
                                      : v.asString());
        if (k == ValueKind::Double) return Value::decimal(decimalText(v.asDouble(), type));
        if (k == ValueKind::Text && looksLikeDecimal(v.text())) return Value::decimal(v.text());
        return v;
    }
    case DataKind::Boolean: {
        if (k == ValueKind::Bool) return v;
        if (k == ValueKind::Int && (v.asInt() == 0 || v.asInt() == 1)) return Value(v.asInt() == 1);
        if (k == ValueKind::Bytes && v.asBytes().size() == 1 &&
            (v.asBytes()[0] == 0 || v.asBytes()[0] == 1))
            return Value(v.asBytes()[0] == 1);
        if (textual) {
            const std::string_view s = v.text();
            if (s == "true" || s == "1" || s == "t") return Value(true);
            if (s == "false" || s == "0" || s == "f") return Value(false);
        }
        return v;
    }
    case DataKind::Date: {
        if (k == ValueKind::Timestamp) return v;
        if (k == ValueKind::Text || k == ValueKind::Date) {
            try {
                return Value(Value::parseTimestamp(v.text()));
            } catch (const UsageError&) {
                return v;
            }
        }
        return v;
    }
    case DataKind::DateOnly: {
        if (k == ValueKind::Date) return v;
        if (k == ValueKind::Timestamp) return Value::date(dateOf(v.asTimestamp()));
        if (k == ValueKind::Text && validDateOnly(v.text())) return Value::date(v.text());
        if (k == ValueKind::Text && v.text().size() > 10 && validDateOnly(v.text().substr(0, 10)))
            return Value::date(v.text().substr(0, 10));
        return v;
    }
    case DataKind::Time: {
        if (k == ValueKind::Time) return v;
        if (k == ValueKind::Text) return Value::time(v.text());
        return v;
    }
    case DataKind::String:
    case DataKind::Char:
    case DataKind::Text:
    case DataKind::Enum: {
        if (k == ValueKind::Text) return v;
        if (k == ValueKind::Int || k == ValueKind::Double || k == ValueKind::Bool ||
            k == ValueKind::Decimal || k == ValueKind::Uuid || k == ValueKind::Date ||
            k == ValueKind::Time)
            return Value(v.asString());
        return v;
    }
    case DataKind::Uuid: {
        if (k == ValueKind::Uuid) return v;
        if (k == ValueKind::Text) return Value::uuid(v.text());
        return v;
    }
    case DataKind::Json:
    case DataKind::JsonB: {
        if (k == ValueKind::Json) return v;
        return Value::json(v.toJSONText());
    }
    case DataKind::Blob: {
        if (k == ValueKind::Bytes) return v;
        if (k == ValueKind::Text) return Value(Bytes(v.text().begin(), v.text().end()));
        return v;
    }
    case DataKind::Array: {
        if (k == ValueKind::Array) return v;
        if (k == ValueKind::Json) {
            if (auto items = jsonToArray(v.text())) return std::move(*items);
        }
        return v; // validation says it is no array
    }
    case DataKind::Virtual: return v;
    }
    return v;
}

Value ModelImpl::hydrate(size_t index, Value cell) const {
    if (cell.isNull()) return cell;
    const DataKind kind = attributes[index].def.type.kind();
    // Text from the database in a JSON column is JSON text, not a string value.
    if ((kind == DataKind::Json || kind == DataKind::JsonB) &&
        (cell.kind() == ValueKind::Text || cell.kind() == ValueKind::Json))
        return Value::json(cell.text());
    if (kind == DataKind::Array &&
        (cell.kind() == ValueKind::Text || cell.kind() == ValueKind::Json)) {
        if (auto items = jsonToArray(cell.text())) return std::move(*items);
    }
    if (kind == DataKind::Blob && cell.kind() == ValueKind::Text)
        return Value(Bytes(cell.text().begin(), cell.text().end()));
    // Bytes in a BOOLEAN column (a BIT(1), a BLOB): one byte 0 or 1 is the
    // boolean, as Sequelize reads it; anything else is not a boolean.
    if (kind == DataKind::Boolean && cell.kind() == ValueKind::Bytes) {
        const Bytes& bytes = cell.asBytes();
        if (bytes.size() == 1 && (bytes[0] == 0 || bytes[0] == 1)) return Value(bytes[0] == 1);
        ErrorFacts facts;
        facts.dialect = dbi ? dbi->dialect : std::string();
        facts.fields = {attributes[index].name};
        throw DatabaseError(
            name + "." + attributes[index].name + " is a BOOLEAN, but the database returned " +
                std::to_string(bytes.size()) + (bytes.size() == 1 ? " byte" : " bytes") +
                " for it that are not one byte 0 or 1",
            std::move(facts));
    }
    return coerce(index, std::move(cell));
}

Value ModelImpl::hydrateCell(size_t index, const tabula_value& cell) const {
    const auto text = [&cell] { return std::string_view(cell.data ? cell.data : "", cell.size); };
    const tabula_type t = static_cast<tabula_type>(cell.type);
    if (t == TABULA_TYPE_NULL) return Value();
    // The pairs a dialect hands back for each type, built straight from the
    // cell; anything else goes the general way, through a Value.
    switch (attributes[index].def.type.kind()) {
    case DataKind::Integer:
    case DataKind::BigInt:
        if (t == TABULA_TYPE_INT) return Value(static_cast<long long>(cell.i));
        break;
    case DataKind::Float:
    case DataKind::Double:
        if (t == TABULA_TYPE_DOUBLE) return Value(cell.d);
        break;
    case DataKind::Boolean:
        if (t == TABULA_TYPE_BOOL) return Value(cell.i != 0);
        if (t == TABULA_TYPE_INT && (cell.i == 0 || cell.i == 1)) return Value(cell.i == 1);
        break;
    case DataKind::String:
    case DataKind::Char:
    case DataKind::Text:
    case DataKind::Enum:
        if (t == TABULA_TYPE_TEXT) return Value(text());
        break;
    case DataKind::Date:
        if (t == TABULA_TYPE_TIMESTAMP) return Value(Timestamp{std::chrono::microseconds(cell.i)});
        if (t == TABULA_TYPE_TEXT && cell.data) {
            try {
                return Value(Value::parseTimestamp(std::string_view(cell.data, cell.size)));
            } catch (const UsageError&) {
                return Value(text()); // as coerce leaves text it cannot read
            }
        }
        break;
    case DataKind::Decimal:
        if (t == TABULA_TYPE_DECIMAL) return Value::decimal(text());
        if (t == TABULA_TYPE_DOUBLE) // SQLite keeps DECIMAL as REAL
            return Value::decimal(decimalText(cell.d, attributes[index].def.type));
        break;
    case DataKind::DateOnly:
        if (t == TABULA_TYPE_DATE ||
            (t == TABULA_TYPE_TEXT && cell.data && validDateOnly({cell.data, cell.size})))
            return Value::date(text());
        break;
    case DataKind::Uuid:
        if (t == TABULA_TYPE_UUID || t == TABULA_TYPE_TEXT) return Value::uuid(text());
        break;
    case DataKind::Json:
    case DataKind::JsonB:
        if (t == TABULA_TYPE_JSON || t == TABULA_TYPE_TEXT) return Value::json(text());
        break;
    default: break;
    }
    return hydrate(index, detail::fromCell(cell));
}

namespace {

void throwIfAny(std::vector<ValidationErrorItem>& errors) {
    if (errors.empty()) return;
    std::string message = detail::validationMessage(errors); // before the items move
    throw ValidationError(message, std::move(errors));
}

} // namespace

// The checks are written once, in the loop, so that each instantiation
// keeps them inline: validation runs for every row a bulkCreate builds.
template <class ValueOf>
void ModelImpl::checkValues(std::span<const size_t> chosen, ValueOf valueOf,
                            std::vector<ValidationErrorItem>& errors) const {
    for (size_t n = 0; n < chosen.size(); ++n) {
        const size_t i = chosen[n];
        const Value& v = valueOf(n, i);
        const AttributeInfo& a = attributes[i];
        if (v.isNull()) {
            bool generated = a.def.autoIncrement;
            if (!a.def.allowNull && !generated)
                errors.push_back({a.name, "notNull", name + "." + a.name + " cannot be null", v,
                                  "null where the attribute has allowNull: false"});
            continue;
        }
        // A VIRTUAL attribute is not stored: its own rules are all it has.
        if (a.isVirtual()) {
            if (a.hasRules) detail::runValidators(name, a.name, a.def.validate, v, errors);
            continue;
        }
        const DataType& t = a.def.type;
        const ValueKind k = v.kind();
        // Checks of Tabula's own, which Sequelize (coercing in JavaScript)
        // does not make: the message says what was wrong.
        auto own = [&](const char* rule, const std::string& message) {
            errors.push_back({a.name, rule, message, v, message});
        };
        auto wrongType = [&](const char* expected) {
            own("type", name + "." + a.name + " must be " + expected + ", got " + toString(k) +
                            " '" + v.asString() + "'");
        };
        bool enumFailed = false;
        switch (t.kind()) {
        case DataKind::Integer:
        case DataKind::BigInt:
            if (k != ValueKind::Int) wrongType("an integer");
            break;
        case DataKind::Float:
        case DataKind::Double:
            if (k != ValueKind::Double && k != ValueKind::Int) wrongType("a number");
            break;
        case DataKind::Decimal:
            if (k != ValueKind::Decimal) wrongType("a decimal number");
            break;
        case DataKind::Boolean:
            if (k != ValueKind::Bool) wrongType("a boolean");
            break;
        case DataKind::Date:
            if (k != ValueKind::Timestamp) wrongType("a date and time");
            break;
        case DataKind::DateOnly:
            if (k != ValueKind::Date) wrongType("a date (YYYY-MM-DD)");
            break;
        case DataKind::String:
        case DataKind::Char:
        case DataKind::Text:
            if (k != ValueKind::Text) {
                wrongType("a string");
            } else if (t.length() > 0 &&
                       detail::utf8Length(v.text()) > static_cast<size_t>(t.length())) {
                own("len", name + "." + a.name + " is longer than " + t.describe() + " (" +
                               std::to_string(detail::utf8Length(v.text())) + " characters)");
            }
            break;
        case DataKind::Enum:
            if (k != ValueKind::Text ||
                std::find(t.values().begin(), t.values().end(), v.text()) == t.values().end()) {
                own("isIn", name + "." + a.name + " must be one of " + t.describe() + ", got '" +
                                v.asString() + "'");
                enumFailed = true;
            }
            break;
        case DataKind::Blob:
            if (k != ValueKind::Bytes) wrongType("bytes");
            break;
        case DataKind::Array:
            if (k != ValueKind::Array) wrongType("an array");
            break;
        default: break;
        }
        // One item for a value outside an ENUM, not a second from its isIn.
        if (a.hasRules && enumFailed && !a.def.validate.isIn.empty()) {
            Validate rules = a.def.validate;
            rules.isIn.clear();
            detail::runValidators(name, a.name, rules, v, errors);
        } else if (a.hasRules) {
            detail::runValidators(name, a.name, a.def.validate, v, errors);
        }
    }
}

void ModelImpl::validate(const Instance& instance, std::span<const size_t> chosen,
                         bool modelRules) const {
    std::vector<ValidationErrorItem> errors;
    checkValues(
        chosen, [&](size_t, size_t i) -> const Value& { return instance.values()[i]; }, errors);
    if (modelRules)
        for (const auto& [rule, check] : options.validate) {
            try {
                check(instance);
            } catch (const std::exception& e) {
                // As Sequelize: the item is named after the validator, and
                // its message is the validator's own.
                errors.push_back({rule, rule, e.what(), Value(), e.what()});
            }
        }
    throwIfAny(errors);
}

void ModelImpl::validateValues(std::span<const size_t> chosen,
                               std::span<const Value> values) const {
    std::vector<ValidationErrorItem> errors;
    checkValues(
        chosen, [&](size_t k, size_t) -> const Value& { return values[k]; }, errors);
    throwIfAny(errors);
}

sql::Node ModelImpl::attributeNode(const std::string& attribute) const {
    if (auto i = find(attribute)) {
        if (attributes[*i].isVirtual())
            throw UsageError("attribute '" + attribute + "' of model '" + name +
                             "' is VIRTUAL and has no column to query");
        return sql::Node::column(attributes[*i].column);
    }
    // "meta.address.city": a path inside a JSON attribute.
    auto dot = attribute.find('.');
    if (dot != std::string::npos) {
        if (auto i = find(attribute.substr(0, dot))) {
            DataKind k = attributes[*i].def.type.kind();
            if (k != DataKind::Json && k != DataKind::JsonB)
                throw UsageError("'" + attribute + "': attribute '" + attributes[*i].name +
                                 "' is not JSON, so it has no paths");
            std::vector<std::string> path;
            size_t start = dot + 1;
            while (true) {
                auto next = attribute.find('.', start);
                path.push_back(
                    attribute.substr(start, next == std::string::npos ? next : next - start));
                if (next == std::string::npos) break;
                start = next + 1;
            }
            return sql::Node::jsonText(attributes[*i].column, std::move(path));
        }
    }
    indexOf(attribute, "where"); // throws, listing the attributes
    return {};
}

sql::Condition ModelImpl::condition(const Where& where,
                                    const std::vector<sql::SelectItem>* aliases) const {
    switch (where.type()) {
    case Where::Type::Empty: return {};
    case Where::Type::And:
    case Where::Type::Or: {
        std::vector<sql::Condition> parts;
        for (const auto& child : where.children())
            parts.push_back(condition(child, aliases));
        return where.type() == Where::Type::And ? sql::Condition::all(std::move(parts))
                                                : sql::Condition::any(std::move(parts));
    }
    case Where::Type::Not:
        return sql::Condition::negate(condition(where.children().front(), aliases));
    case Where::Type::Compare: break;
    }
    const std::string& attr = where.attribute();
    sql::Node lhs;
    std::optional<size_t> index = find(attr);
    const sql::SelectItem* aliased = nullptr;
    if (aliases && !index)
        for (const auto& item : *aliases)
            if (item.alias == attr) aliased = &item;
    lhs = aliased ? aliased->expr : attributeNode(attr);
    Value value = where.value();
    OpKind op = where.op();
    if ((op == OpKind::in || op == OpKind::notIn) && value.kind() != ValueKind::Array)
        value = Value::array({value});
    const bool patternOp = op == OpKind::like || op == OpKind::notLike || op == OpKind::iLike ||
                           op == OpKind::notILike || op == OpKind::startsWith ||
                           op == OpKind::endsWith || op == OpKind::substring;
    if (index && !patternOp && attributes[*index].def.type.kind() == DataKind::Enum)
        checkEnumOperand(attributes[*index], value);
    // An ARRAY attribute compared with a list is array equality, as in
    // Sequelize: {tags: {"a", "b"}} (which Where reads as IN) and
    // {tags: {Op::eq, {"a", "b"}}} are tags = ARRAY['a','b']. A list of
    // lists is an IN list of arrays; IN of single values could only fail.
    bool wholeValue = false;
    if (index && attributes[*index].def.type.kind() == DataKind::Array &&
        value.kind() == ValueKind::Array) {
        const auto& items = value.asArray();
        const bool ofLists =
            !items.empty() && std::all_of(items.begin(), items.end(), [](const Value& v) {
                return v.kind() == ValueKind::Array;
            });
        if (op == OpKind::eq || op == OpKind::ne) {
            wholeValue = true;
        } else if (op == OpKind::in && !ofLists) {
            op = OpKind::eq;
            wholeValue = true;
        }
    }
    if (wholeValue) {
        value = coerce(*index, value);
        sql::Condition c = sql::Condition::compare(std::move(lhs), op, std::move(value));
        c.wholeValue = true;
        return c;
    }
    if (index && !patternOp && op != OpKind::is && op != OpKind::not_) {
        if (value.kind() == ValueKind::Array) {
            std::vector<Value> items;
            for (const auto& item : value.asArray())
                items.push_back(coerce(*index, item));
            value = Value::array(std::move(items));
        } else {
            value = coerce(*index, value);
        }
    }
    return sql::Condition::compare(std::move(lhs), op, std::move(value));
}

sql::Condition ModelImpl::scopeCondition(const Where& where, bool paranoidFilter) const {
    sql::Condition c = condition(where);
    if (paranoid && paranoidFilter && deletedAt >= 0) {
        auto alive = sql::Condition::compare(sql::Node::column(attributes[deletedAt].column),
                                             OpKind::eq, Value());
        c = c.empty() ? alive : sql::Condition::all({std::move(c), std::move(alive)});
    }
    return c;
}

sql::Node ModelImpl::expression(const Expr& expr) const {
    switch (expr.kind) {
    case Expr::Kind::Column: return attributeNode(expr.name);
    case Expr::Kind::Literal: return sql::Node::param(expr.value);
    case Expr::Kind::Star: return sql::Node::star();
    case Expr::Kind::Function: {
        std::vector<sql::Node> args;
        for (const auto& a : expr.args)
            args.push_back(expression(a));
        return sql::Node::function(expr.name, std::move(args));
    }
    }
    return {};
}

std::optional<sql::Node> ModelImpl::includedOrder(const OrderBy& order) const {
    // "author.name": order parents by an associated row's column, read by a
    // correlated subquery; for a list (hasMany) its least value ascending,
    // its greatest descending.
    if (order.expr.kind != Expr::Kind::Column) return std::nullopt;
    const std::string& path = order.expr.name;
    auto dot = path.find('.');
    if (dot == std::string::npos || find(path.substr(0, dot))) return std::nullopt;
    const std::string as = path.substr(0, dot);
    const Association* found = nullptr;
    for (const auto& a : associations)
        if (a->as() == as) found = a.get();
    if (!found) return std::nullopt;
    const AssociationImpl& a = found->impl();
    if (a.type == AssociationType::BelongsToMany)
        throw UsageError("order by '" + path +
                         "': ordering by a belongsToMany column is not supported");
    const ModelImpl& t = found->target().impl();
    auto col = [](const ModelImpl& m, const std::string& attr) {
        return m.attributes[m.indexOf(attr, "order")].column;
    };
    sql::Select sub;
    sub.table = t.table;
    sql::Node value = sql::Node::column(col(t, path.substr(dot + 1)), t.table);
    const bool descending =
        order.direction.rfind("DESC", 0) == 0 || order.direction.rfind("desc", 0) == 0;
    if (a.type == AssociationType::BelongsTo) {
        sub.columns = {{value, ""}};
        sub.where =
            sql::Condition::columnsEqual(sql::Node::column(col(t, a.targetKey), t.table),
                                         sql::Node::column(col(*this, a.foreignKey), table));
    } else {
        sub.columns = {{sql::Node::function(descending ? "MAX" : "MIN", {value}), ""}};
        sub.where = sql::Condition::columnsEqual(sql::Node::column(col(t, a.foreignKey), t.table),
                                                 sql::Node::column(col(*this, a.sourceKey), table));
    }
    return sql::Node::scalar(std::move(sub));
}

std::vector<std::string> ModelImpl::storedColumns() const {
    std::vector<std::string> out;
    out.reserve(attributes.size());
    for (const auto& a : attributes)
        if (!a.isVirtual()) out.push_back(a.column);
    return out;
}

sql::Select ModelImpl::select(const FindOptions& options) const {
    sql::Select q;
    q.table = table;
    q.columns.reserve(attributes.size());
    for (size_t k : primaryKeys)
        q.keyColumns.push_back(attributes[k].column);
    auto plain = [&](const AttributeInfo& a) {
        q.columns.push_back({sql::Node::column(a.column), a.column == a.name ? "" : a.name});
    };
    if (!options.attributes.only.empty()) {
        for (const auto& s : options.attributes.only) {
            if (s.expr.kind == Expr::Kind::Column && s.as.empty()) {
                plain(attributes[indexOf(s.expr.name, "attributes")]);
            } else {
                std::string alias = s.as;
                if (alias.empty() && s.expr.kind == Expr::Kind::Column) alias = s.expr.name;
                q.columns.push_back({expression(s.expr), alias});
            }
        }
    } else {
        for (const auto& e : options.attributes.excluded)
            indexOf(e, "attributes.exclude");
        for (const auto& a : attributes) {
            if (a.isVirtual()) continue;
            if (std::find(options.attributes.excluded.begin(), options.attributes.excluded.end(),
                          a.name) != options.attributes.excluded.end())
                continue;
            plain(a);
        }
        for (const auto& s : options.attributes.extra)
            q.columns.push_back({expression(s.expr), s.as.empty() ? s.expr.name : s.as});
    }
    q.where = scopeCondition(options.where, options.paranoid);
    if (!options.include.empty()) {
        sql::Condition required = requiredIncludes(options.include);
        if (!required.empty())
            q.where = q.where.empty()
                          ? std::move(required)
                          : sql::Condition::all({std::move(q.where), std::move(required)});
    }
    // Attributes (or paths inside JSON ones) only: a name the table does not
    // have would otherwise reach SQLite, which groups by it as a string.
    for (const auto& g : options.group) {
        // An attribute, a path inside a JSON one, or the alias of a
        // selected column; any other name is refused rather than sent.
        const bool alias =
            !find(g) && std::any_of(q.columns.begin(), q.columns.end(),
                                    [&](const sql::SelectItem& c) { return c.alias == g; });
        if (alias) {
            q.group.push_back(sql::Node::column(g));
            continue;
        }
        const auto dot = g.find('.');
        if (!find(std::string_view(g).substr(0, dot)))
            indexOf(g, "group"); // throws, listing the attributes
        q.group.push_back(attributeNode(g));
    }
    q.having = condition(options.having, &q.columns);
    for (const auto& o : options.order) {
        sql::OrderItem item;
        if (o.expr.kind == Expr::Kind::Column && !find(o.expr.name) &&
            o.expr.name.find('.') == std::string::npos) {
            bool alias =
                std::any_of(q.columns.begin(), q.columns.end(),
                            [&](const sql::SelectItem& c) { return c.alias == o.expr.name; });
            item.expr = alias ? sql::Node::column(o.expr.name) : attributeNode(o.expr.name);
        } else if (auto byInclude = includedOrder(o)) {
            item.expr = std::move(*byInclude);
        } else {
            item.expr = expression(o.expr);
        }
        std::string dir = o.direction;
        std::transform(dir.begin(), dir.end(), dir.begin(),
                       [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
        std::string rest;
        if (dir.rfind("DESC", 0) == 0) {
            item.descending = true;
            rest = dir.substr(4);
        } else if (dir.rfind("ASC", 0) == 0) {
            rest = dir.substr(3);
        } else if (dir.rfind("NULLS", 0) == 0) {
            rest = dir;
        } else {
            nullsFrom("?", o.direction); // throws with the accepted forms
        }
        while (!rest.empty() && rest.front() == ' ')
            rest.erase(rest.begin());
        item.nulls = nullsFrom(rest, o.direction);
        q.order.push_back(std::move(item));
    }
    if (options.limit) {
        if (*options.limit < 0) throw UsageError("limit must not be negative");
        q.limit = *options.limit;
    }
    if (options.offset) {
        if (*options.offset < 0) throw UsageError("offset must not be negative");
        q.offset = *options.offset;
    }
    return q;
}

sql::ColumnDef ModelImpl::columnDef(const AttributeInfo& a) const {
    sql::ColumnDef c;
    c.name = a.column;
    c.type = a.def.type;
    c.allowNull = a.def.allowNull;
    c.primaryKey = a.def.primaryKey;
    c.autoIncrement = a.def.autoIncrement;
    c.unique = a.def.unique.on && a.def.unique.name.empty();
    if (a.def.defaultValue.kind == DefaultKind::Literal) {
        size_t index = byName.at(a.name);
        c.defaultLiteral = coerce(index, a.def.defaultValue.value);
    }
    c.defaultNow = a.def.defaultValue.kind == DefaultKind::Now;
    c.comment = a.def.comment;
    c.references = a.reference;
    return c;
}

sql::CreateTable ModelImpl::createTable() const {
    sql::CreateTable ct;
    ct.table = table;
    for (const auto& a : attributes) {
        if (a.isVirtual()) continue;
        ct.columns.push_back(columnDef(a));
        if (a.def.unique.on && !a.def.unique.name.empty()) {
            auto it = std::find_if(ct.uniqueKeys.begin(), ct.uniqueKeys.end(),
                                   [&](const auto& k) { return k.first == a.def.unique.name; });
            if (it == ct.uniqueKeys.end())
                ct.uniqueKeys.push_back({a.def.unique.name, {a.column}});
            else
                it->second.push_back(a.column);
        }
    }
    return ct;
}

sql::Condition ModelImpl::keyCondition(const Instance& instance) const {
    std::vector<sql::Condition> parts;
    for (size_t k : primaryKeys) {
        const Value& v = instance.values()[k];
        if (v.isNull())
            throw UsageError("instance of '" + name + "' has no value for its primary key '" +
                             attributes[k].name + "'");
        parts.push_back(
            sql::Condition::compare(sql::Node::column(attributes[k].column), OpKind::eq, v));
    }
    return sql::Condition::all(std::move(parts));
}

std::vector<size_t> ModelImpl::fieldIndexes(const std::vector<std::string>& names,
                                            const char* where) const {
    std::vector<size_t> out;
    for (const auto& n : names)
        out.push_back(indexOf(n, where));
    return out;
}

Instance ModelImpl::instanceFromRow(const detail::ResultSet& rs, size_t row, bool raw) const {
    Instance inst(*self, std::vector<Value>(attributes.size()), false);
    const auto& columns = *rs.columns;
    for (size_t c = 0; c < columns.size(); ++c) {
        const Value& cell = rs.rows[row][c];
        std::optional<size_t> i = find(columns[c]);
        if (!i) {
            auto it = byColumn.find(columns[c]);
            if (it != byColumn.end()) i = it->second;
        }
        if (i)
            inst.mutableValues()[*i] = raw ? cell : hydrate(*i, cell);
        else
            inst.setExtra(columns[c], cell);
    }
    inst.markSaved();
    return inst;
}

std::uint64_t ModelImpl::newSerial() {
    static std::atomic<std::uint64_t> next{1};
    return next++;
}

namespace {
std::atomic<std::size_t> definitionsAlive{0};
} // namespace

ModelImpl::Counted::Counted() { definitionsAlive.fetch_add(1, std::memory_order_relaxed); }
ModelImpl::Counted::~Counted() { definitionsAlive.fetch_sub(1, std::memory_order_relaxed); }
std::size_t ModelImpl::liveDefinitions() { return definitionsAlive.load(); }

namespace {

// Which attribute each result column fills, for one model and one column
// list. A prepared statement hands every run the same column list, so the
// last one a thread saw usually matches and nothing is looked up by name.
struct ColumnMap {
    std::uint64_t model = 0;
    std::size_t version = 0;
    detail::Connection::Columns columns;
    std::vector<int> map; // attribute index, or -1 for an extra column
    bool inOrder = false; // every attribute, in order, nothing else
};

thread_local ColumnMap lastColumnMap;

// Nothing that uses the map hydrates another result on this thread first,
// so the reference stays valid for one result.
const ColumnMap& columnMapFor(const ModelImpl& m, const detail::Connection::Columns& columns) {
    ColumnMap& known = lastColumnMap;
    if (known.model == m.serial && known.version == m.attributesVersion && known.columns == columns)
        return known;
    const auto& names = *columns;
    known.map.assign(names.size(), -1);
    for (size_t c = 0; c < names.size(); ++c) {
        if (auto i = m.find(names[c])) {
            known.map[c] = static_cast<int>(*i);
        } else if (auto it = m.byColumn.find(names[c]); it != m.byColumn.end()) {
            known.map[c] = static_cast<int>(it->second);
        }
    }
    known.inOrder = names.size() == m.attributes.size();
    for (size_t c = 0; known.inOrder && c < names.size(); ++c)
        known.inOrder = known.map[c] == static_cast<int>(c);
    known.model = m.serial;
    known.version = m.attributesVersion;
    known.columns = columns;
    return known;
}

} // namespace

std::vector<Instance> ModelImpl::instancesFrom(detail::ResultSet&& rs, bool raw) const {
    std::vector<Instance> out;
    out.reserve(rs.rows.size());
    if (!rs.columns) return out;
    const auto& columns = *rs.columns;
    const ColumnMap& known = columnMapFor(*this, rs.columns);
    const std::vector<int>& map = known.map;
    // The common shape (every attribute, in order, nothing else): each row's
    // cells become the instance's values where they are.
    if (known.inOrder) {
        for (auto& row : rs.rows) {
            if (!raw)
                for (size_t c = 0; c < row.size(); ++c)
                    row[c] = hydrate(c, std::move(row[c]));
            Instance inst(*self, std::move(row), false);
            inst.markSaved();
            out.push_back(std::move(inst));
        }
        return out;
    }
    for (auto& row : rs.rows) {
        std::vector<Value> values(attributes.size());
        for (size_t c = 0; c < columns.size(); ++c)
            if (map[c] >= 0)
                values[map[c]] = raw ? std::move(row[c])
                                     : hydrate(static_cast<size_t>(map[c]), std::move(row[c]));
        Instance inst(*self, std::move(values), false);
        for (size_t c = 0; c < columns.size(); ++c)
            if (map[c] < 0) inst.setExtra(columns[c], std::move(row[c]));
        inst.markSaved();
        out.push_back(std::move(inst));
    }
    return out;
}

namespace {

// A cell's value, made when the vector asks for it: emplace_back(Hydrated{})
// builds the Value in its slot, where push_back(hydrateCell()) would build
// it aside, move it in and destroy the husk (the conversion's result is
// constructed in place by copy elision).
struct Hydrated {
    const ModelImpl& model;
    const tabula_value& cell;
    size_t index;
    bool raw;
    operator Value() const { return raw ? detail::fromCell(cell) : model.hydrateCell(index, cell); }
};

} // namespace

namespace {

// Builds the instance of one row where `place` puts it (a vector's
// emplace_back, an optional's emplace).
template <class Place>
void buildRow(const ModelImpl& m, const ColumnMap& known,
              const detail::Connection::Columns& columns, const tabula_value* cells, int count,
              bool raw, Place&& place) {
    const std::vector<int>& map = known.map;
    std::vector<Value> values;
    if (known.inOrder) {
        // Every attribute in order: each value is built where it stays.
        values.reserve(m.attributes.size());
        for (int c = 0; c < count; ++c)
            values.emplace_back(Hydrated{m, cells[c], static_cast<size_t>(c), raw});
    } else {
        values.resize(m.attributes.size());
        for (int c = 0; c < count; ++c)
            if (map[c] >= 0)
                values[map[c]] = raw ? detail::fromCell(cells[c])
                                     : m.hydrateCell(static_cast<size_t>(map[c]), cells[c]);
    }
    Instance& inst = place(std::move(values));
    if (!known.inOrder)
        for (int c = 0; c < count; ++c)
            if (map[c] < 0) inst.setExtra((*columns)[c], detail::fromCell(cells[c]));
    inst.markSaved();
}

} // namespace

std::vector<Instance> ModelImpl::fetch(const sql::Statement& statement, Transaction* transaction,
                                       bool raw) const {
    std::vector<Instance> out;
    const ColumnMap* known = nullptr;
    dbi->run(statement, transaction,
             [&](const detail::Connection::Columns& columns, const tabula_value* cells, int count) {
                 if (!known) known = &columnMapFor(*this, columns);
                 buildRow(*this, *known, columns, cells, count, raw,
                          [&](std::vector<Value>&& values) -> Instance& {
                              return out.emplace_back(*self, std::move(values), false);
                          });
             });
    return out;
}

std::optional<Instance> ModelImpl::fetchOne(const std::string& sql, detail::ParamRefs params,
                                            Transaction* transaction) const {
    std::optional<Instance> found;
    dbi->run(sql, params, transaction,
             [&](const detail::Connection::Columns& columns, const tabula_value* cells, int count) {
                 if (found) return; // the first row
                 buildRow(*this, columnMapFor(*this, columns), columns, cells, count, false,
                          [&](std::vector<Value>&& values) -> Instance& {
                              return found.emplace(*self, std::move(values), false);
                          });
             });
    return found;
}

void ModelImpl::assignCells(Instance& instance, const detail::Connection::Columns& columns,
                            const tabula_value* cells, int count) const {
    const std::vector<int>& map = columnMapFor(*this, columns).map;
    std::vector<Value>& values = instance.mutableValues();
    for (int c = 0; c < count; ++c)
        if (const int i = map[c]; i >= 0) values[i] = hydrateCell(static_cast<size_t>(i), cells[c]);
}

void ModelImpl::readValues(const sql::Statement& statement, Transaction* transaction,
                           const std::function<void(const std::vector<Value>&)>& onRow) const {
    const ColumnMap* known = nullptr;
    std::vector<Value> values(attributes.size());
    dbi->run(statement, transaction,
             [&](const detail::Connection::Columns& columns, const tabula_value* cells, int count) {
                 if (!known) known = &columnMapFor(*this, columns);
                 for (int c = 0; c < count; ++c)
                     if (const int i = known->map[c]; i >= 0)
                         values[i] = hydrateCell(static_cast<size_t>(i), cells[c]);
                 onRow(values);
             });
}

void ModelImpl::insert(Instance& instance, const std::vector<std::string>& fields,
                       Transaction* transaction) {
    auto& values = instance.mutableValues();
    Value stamp = now();
    if (createdAt >= 0 && values[createdAt].isNull()) values[createdAt] = stamp;
    if (updatedAt >= 0 && values[updatedAt].isNull()) values[updatedAt] = stamp;

    std::vector<size_t> chosen;
    if (fields.empty()) {
        for (size_t i = 0; i < attributes.size(); ++i)
            chosen.push_back(i);
    } else {
        chosen = fieldIndexes(fields, "create fields");
        for (int t : {createdAt, updatedAt})
            if (t >= 0 && std::find(chosen.begin(), chosen.end(), size_t(t)) == chosen.end())
                chosen.push_back(static_cast<size_t>(t));
    }
    HookEvent event{Hook::beforeValidate};
    event.transaction = transaction;
    event.instance = &instance;
    fire(Hook::beforeValidate, event);
    validate(instance, chosen);
    fire(Hook::afterValidate, event);
    fire(Hook::beforeCreate, event);
    fire(Hook::beforeSave, event);

    sql::Insert q;
    q.table = table;
    q.returning = dbi->supports(TABULA_SUPPORTS_RETURNING);
    // The model's own columns by name, not *: a column another program adds
    // neither changes the statement's result nor makes its plan stale.
    if (q.returning) q.returningColumns = storedColumns();
    q.rows.emplace_back();
    for (size_t i : chosen) {
        const auto& a = attributes[i];
        if (a.isVirtual()) continue;
        if (a.def.autoIncrement && values[i].isNull()) continue;
        q.columns.push_back(a.column);
        q.rows.front().push_back(values[i]);
    }
    detail::ResultSet rs = dbi->run(dbi->sql().insert(q), transaction);
    if (q.returning && !rs.rows.empty()) {
        Instance stored = instanceFromRow(rs, 0, false);
        for (size_t i = 0; i < attributes.size(); ++i)
            if (!attributes[i].isVirtual()) values[i] = stored.values()[i];
    } else if (autoIncrementKey() && values[primaryKeys.front()].isNull()) {
        values[primaryKeys.front()] = Value(static_cast<long long>(rs.lastInsertId));
    }
    // As in Sequelize, the after hooks still see what changed.
    fire(Hook::afterCreate, event);
    fire(Hook::afterSave, event);
    instance.markSaved();
}

void ModelImpl::saveChanges(Instance& instance, const std::vector<std::string>& fields,
                            Transaction* transaction, bool hooks) {
    // The attributes to write: those named, or those changed (hooks included).
    auto pick = [&](std::vector<size_t>* named = nullptr) {
        std::vector<size_t> chosen;
        const std::vector<std::string> changed = instance.changed();
        for (const auto& n : fields.empty() ? changed : fields) {
            size_t i = indexOf(n, "save fields");
            if (named) named->push_back(i);
            if (!attributes[i].isVirtual()) chosen.push_back(i);
        }
        return chosen;
    };
    if (pick().empty()) return;
    HookEvent event{Hook::beforeValidate};
    event.transaction = transaction;
    event.instance = &instance;
    if (hooks) fire(Hook::beforeValidate, event);
    std::vector<size_t> chosen = pick();
    validate(instance, chosen);
    if (hooks) fire(Hook::afterValidate, event);
    if (hooks) fire(Hook::beforeUpdate, event);
    if (hooks) fire(Hook::beforeSave, event);
    std::vector<size_t> named; // VIRTUAL ones too: their changes count as saved
    chosen = pick(&named);
    if (updatedAt >= 0 && !instance.changed(attributes[updatedAt].name)) {
        instance.mutableValues()[updatedAt] = now();
        if (std::find(chosen.begin(), chosen.end(), size_t(updatedAt)) == chosen.end())
            chosen.push_back(static_cast<size_t>(updatedAt));
    }
    sql::Update q;
    q.table = table;
    for (size_t i : chosen)
        q.set.emplace_back(attributes[i].column, sql::Node::param(instance.values()[i]));
    q.where = keyCondition(instance);
    dbi->run(dbi->sql().update(q), transaction);
    // As in Sequelize, the after hooks still see what changed; then only what
    // was written counts as saved, and changes left out of `fields` stay.
    if (hooks) fire(Hook::afterUpdate, event);
    if (hooks) fire(Hook::afterSave, event);
    if (fields.empty()) {
        instance.markSaved();
        return;
    }
    if (updatedAt >= 0) named.push_back(static_cast<size_t>(updatedAt));
    instance.markSaved(named);
}

Value ModelImpl::aggregate(const char* function, const std::string& attribute,
                           const FindOptions& options) const {
    const detail::StatementTimeout limit(options.timeout);
    size_t index = indexOf(attribute, function);
    FindOptions o = options;
    o.attributes = Attributes{};
    o.order.clear();
    sql::Select q = select(o);
    q.columns = {{sql::Node::function(function, {attributeNode(attribute)}), "result"}};
    q.limit = -1;
    q.offset = 0;
    detail::ResultSet rs = dbi->run(dbi->sql().select(q), options.transaction);
    if (rs.rows.empty() || rs.rows.front().empty()) return Value();
    Value v = rs.rows.front().front();
    if (std::string(function) == "SUM" && isInteger(attributes[index].def.type.kind()) &&
        !v.isNull()) {
        // PostgreSQL sums integers as NUMERIC; the total of integers is an integer.
        std::int64_t i = 0;
        if ((v.kind() == ValueKind::Decimal || v.kind() == ValueKind::Text) &&
            parseWholeInt(v.text(), i))
            return Value(static_cast<long long>(i));
    }
    return hydrate(index, v);
}

void ModelImpl::fire(Hook hook, HookEvent& event) const {
    event.hook = hook;
    for (const auto& [kind, function] : hooks)
        if (kind == hook) function(event);
}

bool ModelImpl::hasHooks(Hook hook) const {
    return std::any_of(hooks.begin(), hooks.end(), [&](const auto& h) { return h.first == hook; });
}

std::vector<Instance> ModelImpl::find(FindOptions options) const {
    const detail::StatementTimeout limit(options.timeout);
    HookEvent before{Hook::beforeFind};
    before.transaction = options.transaction;
    before.find = &options;
    fire(Hook::beforeFind, before);
    // What the caller picked (with the primary key, as Sequelize adds it when
    // there are includes, unless a grouped query includes single rows only)
    // is what the rows show; the keys includes match on are read as well,
    // and left out of the rows once the includes are in.
    std::shared_ptr<const std::vector<bool>> loaded;
    if (!options.include.empty()) {
        Attributes shown = options.attributes;
        const bool many =
            std::any_of(options.include.begin(), options.include.end(),
                        [&](const Include& inc) { return resolveInclude(inc).impl().many(); });
        if (primaryKeys.size() == 1 && (options.group.empty() || many))
            shown = withIncludeKeys(std::move(shown), {}, attributes[primaryKeys[0]].name);
        loaded = loadedMask(shown);
        options.attributes = withIncludeKeys(std::move(options.attributes), options.include);
    } else {
        loaded = loadedMask(options.attributes);
    }
    std::vector<Instance> rows =
        fetch(dbi->sql().select(select(options)), options.transaction, options.raw);
    if (!options.include.empty()) {
        const bool required =
            std::any_of(options.include.begin(), options.include.end(),
                        [](const Include& i) { return i.required.value_or(!i.where.empty()); });
        const bool wholeTable = options.where.empty() && !options.limit && !options.offset &&
                                options.group.empty() && !required;
        loadIncludes(rows, options.include, options.transaction, wholeTable);
    }
    if (loaded)
        for (Instance& row : rows) {
            bool hidden = false;
            for (size_t i = 0; i < attributes.size(); ++i)
                if (!(*loaded)[i] && !row.values()[i].isNull()) {
                    row.mutableValues()[i] = Value();
                    hidden = true;
                }
            if (hidden) row.markSaved(); // as loaded: nothing changed
            row.setLoaded(loaded);
        }
    HookEvent after{Hook::afterFind};
    after.transaction = options.transaction;
    after.instances = &rows;
    fire(Hook::afterFind, after);
    return rows;
}

std::int64_t ModelImpl::count(FindOptions options) const {
    const detail::StatementTimeout limit(options.timeout);
    options.attributes = Attributes{};
    options.order.clear();
    sql::Select q = select(options);
    q.columns = {{sql::Node::function("COUNT", {sql::Node::star()}), "count"}};
    q.group.clear();
    q.limit = -1;
    q.offset = 0;
    detail::ResultSet rs = dbi->run(dbi->sql().select(q), options.transaction);
    if (rs.rows.empty() || rs.rows.front().empty()) return 0;
    return rs.rows.front().front().asInt();
}

namespace {

bool sameSelection(const Selection& a, const Selection& b) {
    return a.as == b.as && a.expr.kind == Expr::Kind::Column && b.expr.kind == Expr::Kind::Column &&
           a.expr.name == b.expr.name;
}

// Appends the selections of `from` that `to` does not hold yet.
void unite(std::vector<Selection>& to, const std::vector<Selection>& from) {
    for (const Selection& s : from)
        if (std::none_of(to.begin(), to.end(),
                         [&](const Selection& t) { return sameSelection(s, t); }))
            to.push_back(s);
}

// As Sequelize merges scopes: lists of attributes are united; exclusions and
// additions are united; a list and an exclusion do not mix, and the later
// one wins.
Attributes mergeAttributes(const Attributes& scope, Attributes query) {
    if (scope.empty()) return query;
    if (query.empty()) return scope;
    const bool scopeList = !scope.only.empty(), queryList = !query.only.empty();
    if (scopeList != queryList) return query;
    Attributes merged = scope;
    unite(merged.only, query.only);
    unite(merged.extra, query.extra);
    for (const std::string& name : query.excluded)
        if (std::find(merged.excluded.begin(), merged.excluded.end(), name) ==
            merged.excluded.end())
            merged.excluded.push_back(name);
    return merged;
}

bool sameInclude(const Include& a, const Include& b) {
    if (!a.as.empty() || !b.as.empty())
        return a.as == b.as && (!a.model || !b.model || a.model == b.model);
    return a.model == b.model;
}

// As Sequelize merges scopes' includes: one of each association, the
// includes of the same association merged (where clauses joined, attributes
// and nested includes merged, the later one's required and order winning).
std::vector<Include> mergeIncludes(const std::vector<Include>& scope, std::vector<Include> query) {
    if (scope.empty()) return query;
    std::vector<Include> merged = scope;
    for (Include& q : query) {
        auto same = std::find_if(merged.begin(), merged.end(),
                                 [&](const Include& m) { return sameInclude(m, q); });
        if (same == merged.end()) {
            merged.push_back(std::move(q));
            continue;
        }
        same->where = same->where && q.where;
        if (q.required) same->required = q.required;
        same->attributes = mergeAttributes(same->attributes, std::move(q.attributes));
        same->include = mergeIncludes(same->include, std::move(q.include));
        if (!q.order.empty()) same->order = std::move(q.order);
        if (!same->model) same->model = q.model;
        if (same->as.empty()) same->as = q.as;
    }
    return merged;
}

// A scope's options under the query's: where clauses are joined (Sequelize's
// whereMergeStrategy "and"), attributes and includes merged as Sequelize
// merges them; for the rest the query's own choice wins when it made one.
FindOptions mergeScope(const FindOptions& scope, FindOptions query) {
    query.where = scope.where && query.where;
    query.attributes = mergeAttributes(scope.attributes, std::move(query.attributes));
    query.include = mergeIncludes(scope.include, std::move(query.include));
    if (query.order.empty()) query.order = scope.order;
    if (!query.limit) query.limit = scope.limit;
    if (!query.offset) query.offset = scope.offset;
    if (query.group.empty()) query.group = scope.group;
    query.having = scope.having && query.having;
    query.raw = query.raw || scope.raw;
    query.paranoid = query.paranoid && scope.paranoid;
    return query;
}

} // namespace

const std::string* ModelImpl::keySelect(const Value& key) const {
    if (primaryKeys.size() != 1) return nullptr;
    const KeySelect* current = keySelectCurrent.load(std::memory_order_acquire);
    if (!current || current->version != attributesVersion) {
        std::lock_guard lock(keySelectMutex);
        current = keySelectCurrent.load(std::memory_order_relaxed);
        if (!current || current->version != attributesVersion) {
            auto rendered = std::make_unique<KeySelect>(KeySelect{attributesVersion, {}});
            if (attributes[primaryKeys.front()].def.type.kind() != DataKind::Enum) {
                FindOptions o;
                o.where = Where(primary().name, key);
                o.limit = 1;
                sql::Statement st = dbi->sql().select(select(o));
                if (st.params.size() == 1) rendered->sql = std::move(st.sql);
            }
            current = rendered.get();
            keySelects.push_back(std::move(rendered));
            keySelectCurrent.store(current, std::memory_order_release);
        }
    }
    return current->sql.empty() ? nullptr : &current->sql;
}

bool ModelImpl::findPlainByKey(const Value& key, Transaction* transaction,
                               std::optional<Instance>& found) const {
    if (options.defaultScope || key.kind() == ValueKind::Array || hasHooks(Hook::beforeFind) ||
        hasHooks(Hook::afterFind))
        return false;
    const std::string* sql = keySelect(key);
    if (!sql) return false;
    const Value coerced = coerce(primaryKeys.front(), key);
    const Value* param = &coerced;
    found = fetchOne(*sql, detail::ParamRefs(&param, 1), transaction);
    return true;
}

std::vector<std::vector<size_t>> ModelImpl::uniqueKeys() const {
    // By name: an attribute's own key, or one it shares with others.
    std::vector<std::pair<std::string, std::vector<size_t>>> named;
    for (size_t i = 0; i < attributes.size(); ++i) {
        const Unique& unique = attributes[i].def.unique;
        if (!unique.on || attributes[i].isVirtual()) continue;
        const std::string key = unique.name.empty() ? "\x01" + attributes[i].name : unique.name;
        auto it =
            std::find_if(named.begin(), named.end(), [&](const auto& k) { return k.first == key; });
        if (it == named.end())
            named.emplace_back(key, std::vector<size_t>{i});
        else
            it->second.push_back(i);
    }
    std::vector<std::vector<size_t>> keys;
    for (auto& [name, columns] : named)
        keys.push_back(std::move(columns));
    return keys;
}

std::vector<size_t> ModelImpl::firstUniqueKey() const {
    std::vector<std::vector<size_t>> keys = uniqueKeys();
    return keys.empty() ? primaryKeys : keys.front();
}

std::vector<size_t> ModelImpl::upsertKey(const std::function<bool(size_t)>& updates) const {
    const std::vector<std::vector<size_t>> keys = uniqueKeys();
    for (size_t k : primaryKeys)
        if (updates(k)) return primaryKeys;
    for (size_t i = 0; i < attributes.size(); ++i) {
        if (!updates(i)) continue;
        for (const auto& columns : keys)
            if (std::find(columns.begin(), columns.end(), i) != columns.end()) return columns;
    }
    return primaryKeys;
}

std::shared_ptr<const std::vector<bool>> ModelImpl::loadedMask(const Attributes& picked) const {
    if (picked.empty()) return nullptr;
    auto loaded = std::make_shared<std::vector<bool>>(attributes.size(), picked.only.empty());
    for (const Selection& s : picked.only)
        if (s.expr.kind == Expr::Kind::Column && s.as.empty())
            if (auto i = find(s.expr.name)) (*loaded)[*i] = true;
    for (const std::string& name : picked.excluded)
        if (auto i = find(name)) (*loaded)[*i] = false;
    if (std::find(loaded->begin(), loaded->end(), false) == loaded->end()) return nullptr;
    return loaded;
}

std::string ModelImpl::missingWhere(const char* verb) const {
    const bool destroy = std::string_view(verb) == "destroy";
    return std::string(verb) + " of '" + name +
           "' needs a where clause: Where::all({}) names every row" +
           (destroy ? " (or truncate = true)" : "");
}

FindOptions ModelImpl::withDefaultScope(FindOptions options) const {
    if (!this->options.defaultScope) return options;
    return mergeScope(*this->options.defaultScope, std::move(options));
}

const FindOptions& ModelImpl::namedScope(const std::string& scope) const {
    if (scope == "defaultScope" && options.defaultScope) return *options.defaultScope;
    for (const auto& [n, o] : options.scopes)
        if (n == scope) return o;
    std::string known;
    for (const auto& [n, o] : options.scopes)
        known += (known.empty() ? "" : ", ") + n;
    throw UsageError("model '" + name + "' has no scope '" + scope + "'" +
                     (known.empty() ? std::string(" (it has none)") : " (scopes: " + known + ")"));
}

Scoped Scoped::scope(const std::string& name) const {
    auto scopes = scopes_;
    scopes.push_back(&model_->impl().namedScope(name));
    return Scoped(*model_, std::move(scopes));
}

FindOptions Scoped::merged(FindOptions options) const {
    for (auto it = scopes_.rbegin(); it != scopes_.rend(); ++it)
        options = mergeScope(**it, std::move(options));
    return options;
}

std::vector<Instance> Scoped::findAll(FindOptions options) const {
    return model_->impl().find(merged(std::move(options)));
}

std::optional<Instance> Scoped::findOne(FindOptions options) const {
    options.limit = 1;
    auto rows = findAll(std::move(options));
    if (rows.empty()) return std::nullopt;
    return std::move(rows.front());
}

bool ModelImpl::keyCannotExist(const Value& key) const {
    const auto index = find(primary().name);
    if (!index) return false;
    const DataKind type = attributes[*index].def.type.kind();
    if (type != DataKind::Integer && type != DataKind::BigInt) return false;
    // coerce turns every number an integer column can hold into an Int; a
    // number it leaves is fractional, out of range or not finite.
    const ValueKind kind = coerce(*index, key).kind();
    return kind == ValueKind::Double || kind == ValueKind::Decimal;
}

std::optional<Instance> Scoped::findByPk(const Value& key, FindOptions options) const {
    const ModelImpl& m = model_->impl();
    if (!key.isNull() && m.keyCannotExist(key)) {
        if (options.rejectOnEmpty)
            throw EmptyResultError("no '" + m.name + "' with " + m.primary().name + " = " +
                                   key.asString());
        return std::nullopt;
    }
    options.where = options.where && Where(model_->impl().primary().name, key);
    return findOne(std::move(options));
}

std::int64_t Scoped::count(FindOptions options) const {
    return model_->impl().count(merged(std::move(options)));
}

std::int64_t Scoped::update(const Values& values, UpdateOptions options) const {
    if (options.where.empty()) throw UsageError(model_->impl().missingWhere("update"));
    for (const FindOptions* scope : scopes_)
        options.where = scope->where && options.where;
    return const_cast<Model*>(model_)->updateRows(values, std::move(options));
}

std::int64_t Scoped::destroy(DestroyOptions options) const {
    if (options.where.empty() && !options.truncate)
        throw UsageError(model_->impl().missingWhere("destroy"));
    for (const FindOptions* scope : scopes_)
        options.where = scope->where && options.where;
    return const_cast<Model*>(model_)->destroyRows(std::move(options));
}

} // namespace tabula
