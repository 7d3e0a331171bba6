// Value: construction, conversions, timestamp text, JSON rendering.
#include <tabula/errors.hpp>
#include <tabula/value.hpp>

#include <Poco/Dynamic/Var.h>
#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>

#include <charconv>
#include <cmath>
#include <cstdio>
#include <ostream>
#include <sstream>

namespace tabula {

namespace {

[[noreturn]] void badConversion(ValueKind from, const char* to, std::string_view text = {}) {
    std::string msg = std::string("cannot convert a ") + toString(from) + " value to " + to;
    if (!text.empty()) msg.append(": '").append(text).append("'");
    throw UsageError(msg);
}

void appendJsonString(std::string& out, std::string_view s) {
    out += '"';
    for (unsigned char c : s) {
        switch (c) {
        case '"': out += "\\\""; break;
        case '\\': out += "\\\\"; break;
        case '\n': out += "\\n"; break;
        case '\r': out += "\\r"; break;
        case '\t': out += "\\t"; break;
        case '\b': out += "\\b"; break;
        case '\f': out += "\\f"; break;
        default:
            if (c < 0x20) {
                char buf[8];
                std::snprintf(buf, sizeof buf, "\\u%04x", c);
                out += buf;
            } else {
                out += static_cast<char>(c);
            }
        }
    }
    out += '"';
}

std::string formatDouble(double d) {
    if (std::isnan(d)) return "NaN";
    if (std::isinf(d)) return d > 0 ? "Infinity" : "-Infinity";
    char buf[32];
    auto [end, ec] = std::to_chars(buf, buf + sizeof buf, d);
    return std::string(buf, end);
}

int parseDigits(std::string_view text, size_t& pos, size_t count) {
    if (pos + count > text.size()) return -1;
    int v = 0;
    for (size_t i = 0; i < count; ++i) {
        char c = text[pos + i];
        if (c < '0' || c > '9') return -1;
        v = v * 10 + (c - '0');
    }
    pos += count;
    return v;
}

} // namespace

const char* toString(ValueKind kind) {
    switch (kind) {
    case ValueKind::Null: return "null";
    case ValueKind::Bool: return "boolean";
    case ValueKind::Int: return "integer";
    case ValueKind::Double: return "double";
    case ValueKind::Decimal: return "decimal";
    case ValueKind::Text: return "text";
    case ValueKind::Bytes: return "bytes";
    case ValueKind::Date: return "date";
    case ValueKind::Time: return "time";
    case ValueKind::Timestamp: return "timestamp";
    case ValueKind::Json: return "json";
    case ValueKind::Uuid: return "uuid";
    case ValueKind::Array: return "array";
    }
    return "unknown";
}

void Value::setText(ValueKind kind, std::string_view text) {
    kind_ = kind;
    if (text.size() <= kInlineText) {
        if (!text.empty()) std::memcpy(buf_, text.data(), text.size());
        owns_ = static_cast<std::uint8_t>(text.size());
        return;
    }
    char* data = new char[text.size()];
    std::memcpy(data, text.data(), text.size());
    put(HeapText{data, text.size()});
    owns_ = kOwns;
}

void Value::copyOwned(const Value& other) {
    switch (other.kind_) {
    case ValueKind::Bytes: put(new Bytes(*other.get<Bytes*>())); break;
    case ValueKind::Array: put(other.get<ArrayPtr>()); break;
    default: setText(other.kind_, other.text()); return;
    }
    owns_ = kOwns;
    kind_ = other.kind_;
}

void Value::moveArray(Value& other) noexcept {
    auto& from = *std::launder(reinterpret_cast<ArrayPtr*>(other.buf_));
    put(std::move(from));
    std::destroy_at(&from);
    owns_ = kOwns;
    kind_ = ValueKind::Array;
}

void Value::release() noexcept {
    switch (kind_) {
    case ValueKind::Bytes: delete get<Bytes*>(); break;
    case ValueKind::Array: std::destroy_at(std::launder(reinterpret_cast<ArrayPtr*>(buf_))); break;
    default: delete[] get<HeapText>().data; break;
    }
}

void Value::badText() const { badConversion(kind_, "text"); }

Value::Value(Bytes b) : owns_(kOwns), kind_(ValueKind::Bytes) { put(new Bytes(std::move(b))); }

Value::Value(std::initializer_list<Value> items) : owns_(kOwns), kind_(ValueKind::Array) {
    put(ArrayPtr(std::make_shared<const std::vector<Value>>(items)));
}

Value Value::decimal(std::string_view text) { return Value(ValueKind::Decimal, text); }
Value Value::date(std::string_view text) { return Value(ValueKind::Date, text); }
Value Value::time(std::string_view text) { return Value(ValueKind::Time, text); }
Value Value::json(std::string_view text) { return Value(ValueKind::Json, text); }
Value Value::uuid(std::string_view text) { return Value(ValueKind::Uuid, text); }
Value Value::array(std::vector<Value> items) {
    Value v;
    v.put(ArrayPtr(std::make_shared<const std::vector<Value>>(std::move(items))));
    v.owns_ = kOwns;
    v.kind_ = ValueKind::Array;
    return v;
}
Value Value::now() { return Value(std::chrono::system_clock::now()); }

Timestamp Value::parseTimestamp(std::string_view text) {
    auto fail = [&]() -> Timestamp {
        throw UsageError("not a valid date and time: '" + std::string(text) +
                         "' (expected YYYY-MM-DD HH:MM:SS[.ffffff][Z|±HH:MM])");
    };
    size_t pos = 0;
    while (pos < text.size() && text[pos] == ' ')
        ++pos;
    int y = parseDigits(text, pos, 4);
    if (y < 0 || pos >= text.size() || text[pos++] != '-') return fail();
    int mo = parseDigits(text, pos, 2);
    if (mo < 1 || mo > 12 || pos >= text.size() || text[pos++] != '-') return fail();
    int d = parseDigits(text, pos, 2);
    if (d < 1 || d > 31) return fail();
    int h = 0, mi = 0, s = 0;
    long long micros = 0;
    if (pos < text.size() && (text[pos] == ' ' || text[pos] == 'T')) {
        ++pos;
        h = parseDigits(text, pos, 2);
        if (h < 0 || h > 23 || pos >= text.size() || text[pos++] != ':') return fail();
        mi = parseDigits(text, pos, 2);
        if (mi < 0 || mi > 59) return fail();
        if (pos < text.size() && text[pos] == ':') {
            ++pos;
            s = parseDigits(text, pos, 2);
            if (s < 0 || s > 60) return fail();
            if (pos < text.size() && (text[pos] == '.' || text[pos] == ',')) {
                ++pos;
                int digits = 0;
                while (pos < text.size() && text[pos] >= '0' && text[pos] <= '9') {
                    if (digits < 6) micros = micros * 10 + (text[pos] - '0');
                    ++digits;
                    ++pos;
                }
                if (digits == 0) return fail();
                for (int i = digits; i < 6; ++i)
                    micros *= 10;
            }
        }
    }
    while (pos < text.size() && text[pos] == ' ')
        ++pos;
    int offsetMinutes = 0;
    if (pos < text.size()) {
        char c = text[pos];
        if (c == 'Z' || c == 'z') {
            ++pos;
        } else if (c == '+' || c == '-') {
            ++pos;
            int oh = parseDigits(text, pos, 2);
            if (oh < 0) return fail();
            int om = 0;
            if (pos < text.size() && text[pos] == ':') ++pos;
            if (pos < text.size()) {
                om = parseDigits(text, pos, 2);
                if (om < 0) return fail();
            }
            offsetMinutes = (oh * 60 + om) * (c == '-' ? -1 : 1);
        } else {
            return fail();
        }
    }
    while (pos < text.size() && text[pos] == ' ')
        ++pos;
    if (pos != text.size()) return fail();
    using namespace std::chrono;
    year_month_day ymd{year{y}, month{static_cast<unsigned>(mo)}, day{static_cast<unsigned>(d)}};
    if (!ymd.ok()) return fail();
    auto t = sys_days{ymd} + hours{h} + minutes{mi} + seconds{s} + microseconds{micros} -
             minutes{offsetMinutes};
    return time_point_cast<microseconds>(t);
}

std::string Value::formatTimestamp(Timestamp t) {
    using namespace std::chrono;
    auto days = floor<std::chrono::days>(t);
    year_month_day ymd{days};
    auto rest = t - days;
    auto h = duration_cast<hours>(rest);
    rest -= h;
    auto m = duration_cast<minutes>(rest);
    rest -= m;
    auto s = duration_cast<seconds>(rest);
    rest -= s;
    auto ms = duration_cast<milliseconds>(rest);
    char buf[48];
    std::snprintf(buf, sizeof buf, "%04d-%02u-%02u %02d:%02d:%02d.%03d +00:00",
                  static_cast<int>(ymd.year()), static_cast<unsigned>(ymd.month()),
                  static_cast<unsigned>(ymd.day()), static_cast<int>(h.count()),
                  static_cast<int>(m.count()), static_cast<int>(s.count()),
                  static_cast<int>(ms.count()));
    return buf;
}

namespace {
// ISO 8601 as JavaScript's Date#toJSON writes it: 2024-01-02T03:04:05.678Z
std::string isoTimestamp(Timestamp t) {
    std::string s = Value::formatTimestamp(t); // "YYYY-MM-DD HH:MM:SS.mmm +00:00"
    s[10] = 'T';
    return s.substr(0, 23) + "Z";
}
} // namespace

bool Value::asBool() const {
    switch (kind_) {
    case ValueKind::Bool: return get<bool>();
    case ValueKind::Int: return get<std::int64_t>() != 0;
    case ValueKind::Double: return get<double>() != 0;
    case ValueKind::Text:
    case ValueKind::Decimal: {
        const std::string_view s = text();
        if (s == "1" || s == "true" || s == "t" || s == "TRUE") return true;
        if (s == "0" || s == "false" || s == "f" || s == "FALSE") return false;
        badConversion(kind_, "boolean", s);
    }
    default: badConversion(kind_, "boolean");
    }
}

std::int64_t Value::asInt() const {
    switch (kind_) {
    case ValueKind::Bool: return get<bool>() ? 1 : 0;
    case ValueKind::Int: return get<std::int64_t>();
    case ValueKind::Double: {
        double d = get<double>();
        if (std::isnan(d) || d > 9.2e18 || d < -9.2e18) badConversion(kind_, "integer");
        return static_cast<std::int64_t>(d);
    }
    case ValueKind::Text:
    case ValueKind::Decimal: {
        const std::string_view s = text();
        std::int64_t v = 0;
        auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
        if (ec == std::errc() && end == s.data() + s.size()) return v;
        if (ec == std::errc() && end < s.data() + s.size() && *end == '.') return v;
        badConversion(kind_, "integer", s);
    }
    default: badConversion(kind_, "integer");
    }
}

double Value::asDouble() const {
    switch (kind_) {
    case ValueKind::Bool: return get<bool>() ? 1 : 0;
    case ValueKind::Int: return static_cast<double>(get<std::int64_t>());
    case ValueKind::Double: return get<double>();
    case ValueKind::Text:
    case ValueKind::Decimal: {
        const std::string_view s = text();
        char* end = nullptr;
        const std::string terminated(s); // strtod reads up to a NUL
        double d = std::strtod(terminated.c_str(), &end);
        if (!s.empty() && end == terminated.c_str() + s.size()) return d;
        badConversion(kind_, "double", s);
    }
    default: badConversion(kind_, "double");
    }
}

std::string Value::asString() const {
    switch (kind_) {
    case ValueKind::Null: return "";
    case ValueKind::Bool: return get<bool>() ? "true" : "false";
    case ValueKind::Int: return std::to_string(get<std::int64_t>());
    case ValueKind::Double: return formatDouble(get<double>());
    case ValueKind::Bytes: {
        const Bytes& b = asBytes();
        return std::string(b.begin(), b.end());
    }
    case ValueKind::Timestamp: return isoTimestamp(get<Timestamp>());
    case ValueKind::Array: return toJSONText();
    default: return std::string(text());
    }
}

Timestamp Value::asTimestamp() const {
    switch (kind_) {
    case ValueKind::Timestamp: return get<Timestamp>();
    case ValueKind::Text:
    case ValueKind::Date: return parseTimestamp(text());
    case ValueKind::Int: // milliseconds since the epoch, as JavaScript counts
        return Timestamp{std::chrono::milliseconds(get<std::int64_t>())};
    default: badConversion(kind_, "timestamp");
    }
}

const Bytes& Value::asBytes() const {
    if (kind_ != ValueKind::Bytes) badConversion(kind_, "bytes");
    return *get<Bytes*>();
}

const std::vector<Value>& Value::asArray() const {
    if (kind_ != ValueKind::Array) badConversion(kind_, "array");
    return *get<ArrayPtr>();
}

std::string Value::toJSONText() const {
    std::string out;
    switch (kind_) {
    case ValueKind::Null: return "null";
    case ValueKind::Bool: return get<bool>() ? "true" : "false";
    case ValueKind::Int: return std::to_string(get<std::int64_t>());
    case ValueKind::Double: {
        double d = get<double>();
        if (!std::isfinite(d)) return "null";
        return formatDouble(d);
    }
    case ValueKind::Json: {
        const std::string_view s = text();
        return s.empty() ? "null" : std::string(s);
    }
    case ValueKind::Array: {
        out += '[';
        bool first = true;
        for (const auto& v : asArray()) {
            if (!first) out += ',';
            first = false;
            out += v.toJSONText();
        }
        out += ']';
        return out;
    }
    case ValueKind::Bytes: {
        // Like Node's Buffer#toJSON: {"type":"Buffer","data":[...]}
        out = "{\"type\":\"Buffer\",\"data\":[";
        bool first = true;
        for (auto b : asBytes()) {
            if (!first) out += ',';
            first = false;
            out += std::to_string(b);
        }
        return out + "]}";
    }
    default: appendJsonString(out, asString()); return out;
    }
}

Poco::Dynamic::Var Value::toVar() const {
    switch (kind_) {
    case ValueKind::Null: return Poco::Dynamic::Var();
    case ValueKind::Bool: return get<bool>();
    case ValueKind::Int: return static_cast<Poco::Int64>(get<std::int64_t>());
    case ValueKind::Double: return get<double>();
    case ValueKind::Json: {
        const std::string_view s = text();
        if (s.empty()) return Poco::Dynamic::Var();
        // Poco's parser wants an object or array at the top; wrap scalars.
        Poco::JSON::Parser parser;
        auto wrapped =
            parser.parse(std::string("[").append(s).append("]")).extract<Poco::JSON::Array::Ptr>();
        return wrapped->get(0);
    }
    case ValueKind::Array: {
        Poco::JSON::Array::Ptr arr = new Poco::JSON::Array;
        for (const auto& v : asArray())
            arr->add(v.toVar());
        return arr;
    }
    default: return asString();
    }
}

Value Value::fromVar(const Poco::Dynamic::Var& var) {
    if (var.isEmpty()) return Value();
    if (var.type() == typeid(bool)) return Value(var.extract<bool>());
    if (var.isInteger()) {
        if (var.isSigned()) return Value(static_cast<long long>(var.convert<Poco::Int64>()));
        return Value(static_cast<unsigned long long>(var.convert<Poco::UInt64>()));
    }
    if (var.isNumeric()) return Value(var.convert<double>());
    if (var.isString()) return Value(var.convert<std::string>());
    if (var.type() == typeid(Poco::JSON::Object::Ptr) ||
        var.type() == typeid(Poco::JSON::Array::Ptr) || var.type() == typeid(Poco::JSON::Object) ||
        var.type() == typeid(Poco::JSON::Array) || var.isStruct() || var.isArray()) {
        std::ostringstream out;
        Poco::JSON::Stringifier::condense(var, out);
        return Value::json(out.str());
    }
    return Value(var.convert<std::string>());
}

bool Value::operator==(const Value& other) const {
    if (kind_ == ValueKind::Array && other.kind_ == ValueKind::Array) {
        return asArray() == other.asArray();
    }
    if (kind_ != other.kind_) {
        // Numbers compare by value whatever their representation.
        auto numeric = [](ValueKind k) {
            return k == ValueKind::Int || k == ValueKind::Double || k == ValueKind::Bool;
        };
        if (kind_ == ValueKind::Int && other.kind_ == ValueKind::Double) return other == *this;
        if (kind_ == ValueKind::Double && other.kind_ == ValueKind::Int) {
            // Exact: 2^53 + 1 is not equal to the double 2^53.
            const double d = get<double>();
            const std::int64_t i = other.get<std::int64_t>();
            if (std::trunc(d) != d || d < -9.2233720368547758e18 || d >= 9.2233720368547758e18)
                return false;
            return static_cast<std::int64_t>(d) == i;
        }
        if (numeric(kind_) && numeric(other.kind_)) return asDouble() == other.asDouble();
        return false;
    }
    switch (kind_) {
    case ValueKind::Null: return true;
    case ValueKind::Bool: return get<bool>() == other.get<bool>();
    case ValueKind::Int: return get<std::int64_t>() == other.get<std::int64_t>();
    case ValueKind::Double: return get<double>() == other.get<double>();
    case ValueKind::Timestamp: return get<Timestamp>() == other.get<Timestamp>();
    case ValueKind::Bytes: return asBytes() == other.asBytes();
    case ValueKind::Array: return asArray() == other.asArray();
    default: return text() == other.text();
    }
}

std::ostream& operator<<(std::ostream& out, const Value& value) {
    if (value.isNull()) return out << "NULL";
    return out << value.asString();
}

} // namespace tabula
