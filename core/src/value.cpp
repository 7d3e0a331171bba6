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

[[noreturn]] void badConversion(ValueKind from, const char* to, const std::string& text = {}) {
    std::string msg = std::string("cannot convert a ") + toString(from) + " value to " + to;
    if (!text.empty()) msg += ": '" + text + "'";
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

Value::Value(std::initializer_list<Value> items)
    : data_(std::make_shared<const std::vector<Value>>(items)), kind_(ValueKind::Array) {}

Value Value::decimal(std::string text) { return Value(ValueKind::Decimal, std::move(text)); }
Value Value::date(std::string text) { return Value(ValueKind::Date, std::move(text)); }
Value Value::time(std::string text) { return Value(ValueKind::Time, std::move(text)); }
Value Value::json(std::string text) { return Value(ValueKind::Json, std::move(text)); }
Value Value::uuid(std::string text) { return Value(ValueKind::Uuid, std::move(text)); }
Value Value::array(std::vector<Value> items) {
    Value v;
    v.kind_ = ValueKind::Array;
    v.data_ = std::make_shared<const std::vector<Value>>(std::move(items));
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
    case ValueKind::Bool: return std::get<bool>(data_);
    case ValueKind::Int: return std::get<std::int64_t>(data_) != 0;
    case ValueKind::Double: return std::get<double>(data_) != 0;
    case ValueKind::Text:
    case ValueKind::Decimal: {
        const auto& s = std::get<std::string>(data_);
        if (s == "1" || s == "true" || s == "t" || s == "TRUE") return true;
        if (s == "0" || s == "false" || s == "f" || s == "FALSE") return false;
        badConversion(kind_, "boolean", s);
    }
    default: badConversion(kind_, "boolean");
    }
}

std::int64_t Value::asInt() const {
    switch (kind_) {
    case ValueKind::Bool: return std::get<bool>(data_) ? 1 : 0;
    case ValueKind::Int: return std::get<std::int64_t>(data_);
    case ValueKind::Double: {
        double d = std::get<double>(data_);
        if (std::isnan(d) || d > 9.2e18 || d < -9.2e18) badConversion(kind_, "integer");
        return static_cast<std::int64_t>(d);
    }
    case ValueKind::Text:
    case ValueKind::Decimal: {
        const auto& s = std::get<std::string>(data_);
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
    case ValueKind::Bool: return std::get<bool>(data_) ? 1 : 0;
    case ValueKind::Int: return static_cast<double>(std::get<std::int64_t>(data_));
    case ValueKind::Double: return std::get<double>(data_);
    case ValueKind::Text:
    case ValueKind::Decimal: {
        const auto& s = std::get<std::string>(data_);
        char* end = nullptr;
        double d = std::strtod(s.c_str(), &end);
        if (!s.empty() && end == s.c_str() + s.size()) return d;
        badConversion(kind_, "double", s);
    }
    default: badConversion(kind_, "double");
    }
}

std::string Value::asString() const {
    switch (kind_) {
    case ValueKind::Null: return "";
    case ValueKind::Bool: return std::get<bool>(data_) ? "true" : "false";
    case ValueKind::Int: return std::to_string(std::get<std::int64_t>(data_));
    case ValueKind::Double: return formatDouble(std::get<double>(data_));
    case ValueKind::Bytes: {
        const auto& b = std::get<Bytes>(data_);
        return std::string(b.begin(), b.end());
    }
    case ValueKind::Timestamp: return isoTimestamp(std::get<Timestamp>(data_));
    case ValueKind::Array: return toJSONText();
    default: return std::get<std::string>(data_);
    }
}

Timestamp Value::asTimestamp() const {
    switch (kind_) {
    case ValueKind::Timestamp: return std::get<Timestamp>(data_);
    case ValueKind::Text:
    case ValueKind::Date: return parseTimestamp(std::get<std::string>(data_));
    case ValueKind::Int: // milliseconds since the epoch, as JavaScript counts
        return Timestamp{std::chrono::milliseconds(std::get<std::int64_t>(data_))};
    default: badConversion(kind_, "timestamp");
    }
}

const Bytes& Value::asBytes() const {
    if (kind_ != ValueKind::Bytes) badConversion(kind_, "bytes");
    return std::get<Bytes>(data_);
}

const std::vector<Value>& Value::asArray() const {
    if (kind_ != ValueKind::Array) badConversion(kind_, "array");
    return *std::get<std::shared_ptr<const std::vector<Value>>>(data_);
}

const std::string& Value::text() const {
    if (!std::holds_alternative<std::string>(data_)) badConversion(kind_, "text");
    return std::get<std::string>(data_);
}

std::string Value::takeText() && {
    if (!std::holds_alternative<std::string>(data_)) badConversion(kind_, "text");
    return std::move(std::get<std::string>(data_));
}

std::string Value::toJSONText() const {
    std::string out;
    switch (kind_) {
    case ValueKind::Null: return "null";
    case ValueKind::Bool: return std::get<bool>(data_) ? "true" : "false";
    case ValueKind::Int: return std::to_string(std::get<std::int64_t>(data_));
    case ValueKind::Double: {
        double d = std::get<double>(data_);
        if (!std::isfinite(d)) return "null";
        return formatDouble(d);
    }
    case ValueKind::Json: {
        const auto& s = std::get<std::string>(data_);
        return s.empty() ? "null" : s;
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
        for (auto b : std::get<Bytes>(data_)) {
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
    case ValueKind::Bool: return std::get<bool>(data_);
    case ValueKind::Int: return static_cast<Poco::Int64>(std::get<std::int64_t>(data_));
    case ValueKind::Double: return std::get<double>(data_);
    case ValueKind::Json: {
        const auto& s = std::get<std::string>(data_);
        if (s.empty()) return Poco::Dynamic::Var();
        // Poco's parser wants an object or array at the top; wrap scalars.
        Poco::JSON::Parser parser;
        auto wrapped = parser.parse("[" + s + "]").extract<Poco::JSON::Array::Ptr>();
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
            const double d = std::get<double>(data_);
            const std::int64_t i = std::get<std::int64_t>(other.data_);
            if (std::trunc(d) != d || d < -9.2233720368547758e18 || d >= 9.2233720368547758e18)
                return false;
            return static_cast<std::int64_t>(d) == i;
        }
        if (numeric(kind_) && numeric(other.kind_)) return asDouble() == other.asDouble();
        return false;
    }
    return data_ == other.data_;
}

std::ostream& operator<<(std::ostream& out, const Value& value) {
    if (value.isNull()) return out << "NULL";
    return out << value.asString();
}

} // namespace tabula
