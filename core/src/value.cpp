// Value: construction, conversions, timestamp text, JSON rendering.
#include <tabula/errors.hpp>
#include <tabula/sdk/dialect.hpp>
#include <tabula/value.hpp>

#include <Poco/Dynamic/Var.h>
#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>

#include <cctype>
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

// ---- the proleptic Gregorian calendar, in 64-bit day counts -------------
//
// std::chrono's year stops at 32767, and its floor<days> of a Timestamp near
// min() overflows; these count with plain integers over the whole range.

constexpr std::int64_t kMicrosPerDay = 86'400'000'000;

// A year, month and day; the year counts astronomically (0 is 1 BC).
struct Civil {
    std::int64_t year = 0;
    unsigned month = 0;
    unsigned day = 0;
};

// Division rounding toward minus infinity.
std::int64_t floorDiv(std::int64_t a, std::int64_t b) {
    const std::int64_t q = a / b;
    return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q;
}

bool isLeap(std::int64_t y) { return y % 4 == 0 && (y % 100 != 0 || y % 400 == 0); }

unsigned daysInMonth(std::int64_t y, unsigned m) {
    static constexpr unsigned length[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return m == 2 && isLeap(y) ? 29 : length[m - 1];
}

// The calendar repeats every 400 years, which hold 146097 days. Counting
// years from March puts the leap day last, so a day's place in its year does
// not depend on whether the year is a leap year.
constexpr std::int64_t kDaysPerEra = 146097;
constexpr std::int64_t kMarchFirstOfYearZero = -719468; // 0000-03-01, from 1970-01-01

std::int64_t daysFromCivil(const Civil& c) {
    const std::int64_t marchYear = c.month > 2 ? c.year : c.year - 1;
    const std::int64_t era = floorDiv(marchYear, 400);
    const std::int64_t yearInEra = marchYear - era * 400; // 0 .. 399
    const std::int64_t monthFromMarch = c.month > 2 ? c.month - 3 : c.month + 9;
    // March to July and August to December repeat 31 30 31 30 31: 153 days a run of five.
    const std::int64_t dayInYear = (153 * monthFromMarch + 2) / 5 + c.day - 1;
    const std::int64_t dayInEra =
        yearInEra * 365 + yearInEra / 4 - yearInEra / 100 + dayInYear; // 0 .. 146096
    return era * kDaysPerEra + dayInEra + kMarchFirstOfYearZero;
}

Civil civilFromDays(std::int64_t days) {
    const std::int64_t fromYearZero = days - kMarchFirstOfYearZero;
    const std::int64_t era = floorDiv(fromYearZero, kDaysPerEra);
    const std::int64_t dayInEra = fromYearZero - era * kDaysPerEra;
    // Leap days fall every 1460 days, except every 36524 and the era's last day.
    const std::int64_t yearInEra =
        (dayInEra - dayInEra / 1460 + dayInEra / 36524 - dayInEra / (kDaysPerEra - 1)) / 365;
    const std::int64_t dayInYear = dayInEra - (yearInEra * 365 + yearInEra / 4 - yearInEra / 100);
    const std::int64_t monthFromMarch = (5 * dayInYear + 2) / 153;
    Civil c;
    c.day = static_cast<unsigned>(dayInYear - (153 * monthFromMarch + 2) / 5 + 1);
    c.month = static_cast<unsigned>(monthFromMarch < 10 ? monthFromMarch + 3 : monthFromMarch - 9);
    c.year = era * 400 + yearInEra + (c.month <= 2 ? 1 : 0);
    return c;
}

void appendNumber(std::string& out, std::uint64_t v, int width) {
    char digits[24];
    auto [end, ec] = std::to_chars(digits, digits + sizeof digits, v);
    for (auto n = end - digits; n < width; ++n)
        out += '0';
    out.append(digits, end);
}

void appendDate(std::string& out, const Civil& c) {
    if (c.year >= 0 && c.year <= 9999) {
        appendNumber(out, static_cast<std::uint64_t>(c.year), 4);
    } else {
        out += c.year < 0 ? '-' : '+';
        const std::uint64_t magnitude = c.year < 0 ? 0 - static_cast<std::uint64_t>(c.year)
                                                   : static_cast<std::uint64_t>(c.year);
        appendNumber(out, magnitude, 6);
    }
    out += '-';
    appendNumber(out, c.month, 2);
    out += '-';
    appendNumber(out, c.day, 2);
}

// Reads "[+|-]YYYY-MM-DD" at pos: four or more year digits, with a sign or
// without. The day is checked against its month by validDay, once a trailing
// era has settled the year.
bool readDate(std::string_view text, size_t& pos, Civil& out, bool& signedYear) {
    size_t at = pos;
    int sign = 1;
    signedYear = false;
    if (at < text.size() && (text[at] == '+' || text[at] == '-')) {
        sign = text[at] == '-' ? -1 : 1;
        signedYear = true;
        ++at;
    }
    std::int64_t year = 0;
    size_t digits = 0;
    while (at < text.size() && text[at] >= '0' && text[at] <= '9') {
        if (++digits > 9) return false; // beyond any calendar a dialect keeps
        year = year * 10 + (text[at++] - '0');
    }
    if (digits < 4 || at >= text.size() || text[at++] != '-') return false;
    const int month = parseDigits(text, at, 2);
    if (month < 1 || month > 12 || at >= text.size() || text[at++] != '-') return false;
    const int day = parseDigits(text, at, 2);
    if (day < 1 || day > 31) return false;
    out.year = sign * year;
    out.month = static_cast<unsigned>(month);
    out.day = static_cast<unsigned>(day);
    pos = at;
    return true;
}

bool validDay(const Civil& c) { return c.day <= daysInMonth(c.year, c.month); }

// A trailing " BC" at pos (after blanks), as PostgreSQL writes years before 1.
bool readEra(std::string_view text, size_t& pos) {
    size_t at = pos;
    while (at < text.size() && text[at] == ' ')
        ++at;
    if (at + 2 > text.size() || (text[at] != 'B' && text[at] != 'b') ||
        (text[at + 1] != 'C' && text[at + 1] != 'c'))
        return false;
    pos = at + 2;
    return true;
}

// An era after a date: "0044-03-15 BC" is the astronomical year -43. Only an
// unsigned year from 1 on takes one.
bool applyEra(Civil& c, bool signedYear) {
    if (signedYear || c.year < 1) return false;
    c.year = 1 - c.year;
    return true;
}

std::string formatInstant(Timestamp t, char separator, const char* zone) {
    const std::int64_t micros = t.time_since_epoch().count();
    // Remainder first: days * kMicrosPerDay would overflow near min().
    std::int64_t day = micros / kMicrosPerDay;
    std::int64_t rest = micros % kMicrosPerDay;
    if (rest < 0) {
        rest += kMicrosPerDay;
        --day;
    }
    std::string out;
    out.reserve(40);
    appendDate(out, civilFromDays(day));
    out += separator;
    const auto seconds = static_cast<std::uint64_t>(rest / 1'000'000);
    appendNumber(out, seconds / 3600, 2);
    out += ':';
    appendNumber(out, seconds / 60 % 60, 2);
    out += ':';
    appendNumber(out, seconds % 60, 2);
    out += '.';
    appendNumber(out, static_cast<std::uint64_t>(rest % 1'000'000 / 1000), 3);
    out += zone;
    return out;
}

bool equalsIgnoringCase(std::string_view text, std::string_view lower) {
    if (text.size() != lower.size()) return false;
    for (size_t i = 0; i < text.size(); ++i)
        if (std::tolower(static_cast<unsigned char>(text[i])) != lower[i]) return false;
    return true;
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

void Value::setUnsigned(unsigned long long i) {
    char digits[24];
    auto [end, ec] = std::to_chars(digits, digits + sizeof digits, i);
    setText(ValueKind::Decimal, std::string_view(digits, static_cast<size_t>(end - digits)));
}

Value Value::decimal(std::string_view text) {
    if (sdk::finiteDecimal(text)) return Value(ValueKind::Decimal, text);
    // The words PostgreSQL's numeric reads and writes; "nan" and "inf" as
    // printf spells them.
    std::string_view magnitude = text;
    const bool negative = !text.empty() && text[0] == '-';
    if (!text.empty() && (text[0] == '-' || text[0] == '+')) magnitude.remove_prefix(1);
    if (magnitude.size() == text.size() && equalsIgnoringCase(text, "nan"))
        return Value(ValueKind::Decimal, "NaN");
    if (equalsIgnoringCase(magnitude, "infinity") || equalsIgnoringCase(magnitude, "inf"))
        return Value(ValueKind::Decimal, negative ? "-Infinity" : "Infinity");
    throw UsageError("not a decimal number: '" + std::string(text) +
                     "' (expected digits with an optional sign, point and exponent, or NaN, "
                     "Infinity, -Infinity)");
}

Value Value::date(std::string_view text) {
    // The common form as it is; anything else a date can be written as, in
    // the one form every date is compared and stored in.
    const bool plain =
        text.size() == 10 && text[4] == '-' && text[7] == '-' && text[0] >= '0' && text[0] <= '9';
    if (!plain)
        if (const auto day = parseDate(text)) return Value(ValueKind::Date, formatDate(*day));
    return Value(ValueKind::Date, text);
}
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
    auto fail = [&](const char* why = nullptr) -> Timestamp {
        if (why) throw UsageError("date and time out of range: '" + std::string(text) + "' " + why);
        throw UsageError("not a valid date and time: '" + std::string(text) +
                         "' (expected YYYY-MM-DD HH:MM:SS[.ffffff][Z|±HH:MM])");
    };
    size_t pos = 0;
    while (pos < text.size() && text[pos] == ' ')
        ++pos;
    Civil date;
    bool signedYear = false;
    if (!readDate(text, pos, date, signedYear)) return fail();
    int h = 0, mi = 0, s = 0;
    long long micros = 0;
    if (pos + 1 < text.size() && (text[pos] == ' ' || text[pos] == 'T') && text[pos + 1] >= '0' &&
        text[pos + 1] <= '9') {
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
    } else if (pos < text.size() && text[pos] != ' ') {
        return fail();
    }
    while (pos < text.size() && text[pos] == ' ')
        ++pos;
    int offsetMinutes = 0;
    bool era = readEra(text, pos);
    if (!era && pos < text.size()) {
        char c = text[pos];
        if (c == 'Z' || c == 'z') {
            ++pos;
        } else if (c == '+' || c == '-') {
            ++pos;
            int oh = parseDigits(text, pos, 2);
            if (oh < 0) return fail();
            int om = 0;
            if (pos < text.size() && text[pos] == ':') ++pos;
            if (pos < text.size() && text[pos] >= '0' && text[pos] <= '9') {
                om = parseDigits(text, pos, 2);
                if (om < 0) return fail();
            }
            offsetMinutes = (oh * 60 + om) * (c == '-' ? -1 : 1);
        } else {
            return fail();
        }
        era = readEra(text, pos);
    }
    if ((era && !applyEra(date, signedYear)) || !validDay(date)) return fail();
    while (pos < text.size() && text[pos] == ' ')
        ++pos;
    if (pos != text.size()) return fail();
    // At most nine year digits: the seconds cannot overflow, the microseconds can.
    const std::int64_t seconds = daysFromCivil(date) * 86'400 + h * 3600 + mi * 60 + s -
                                 static_cast<std::int64_t>(offsetMinutes) * 60;
    // Before 1970 the whole seconds alone can pass min() while the fraction
    // brings the instant back: count from the next second down.
    const bool borrow = seconds < 0 && micros > 0;
    std::int64_t count = 0;
    if (__builtin_mul_overflow(seconds + (borrow ? 1 : 0), std::int64_t{1'000'000}, &count) ||
        __builtin_add_overflow(count, static_cast<std::int64_t>(micros) - (borrow ? 1'000'000 : 0),
                               &count))
        return fail("(a timestamp holds microseconds since 1970 in 64 bits: years -290308 to "
                    "294247)");
    return Timestamp{std::chrono::microseconds{count}};
}

std::string Value::formatTimestamp(Timestamp t) { return formatInstant(t, ' ', " +00:00"); }

std::string Value::formatDate(std::chrono::sys_days day) {
    std::string out;
    appendDate(out, civilFromDays(day.time_since_epoch().count()));
    return out;
}

std::optional<std::chrono::sys_days> Value::parseDate(std::string_view text) noexcept {
    size_t pos = 0;
    Civil date;
    bool signedYear = false;
    if (!readDate(text, pos, date, signedYear)) return std::nullopt;
    if (readEra(text, pos) && !applyEra(date, signedYear)) return std::nullopt;
    if (pos != text.size() || !validDay(date)) return std::nullopt;
    return std::chrono::sys_days{std::chrono::days{daysFromCivil(date)}};
}

namespace {
// ISO 8601 as JavaScript's Date#toJSON writes it: 2024-01-02T03:04:05.678Z,
// +010000-01-01T00:00:00.000Z past year 9999.
std::string isoTimestamp(Timestamp t) { return formatInstant(t, 'T', "Z"); }
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
    case ValueKind::Int: { // milliseconds since the epoch, as JavaScript counts
        std::int64_t micros = 0;
        if (__builtin_mul_overflow(get<std::int64_t>(), std::int64_t{1000}, &micros))
            throw UsageError("cannot convert the integer " + std::to_string(get<std::int64_t>()) +
                             " to a timestamp: that many milliseconds since 1970 is out of the "
                             "range a timestamp holds");
        return Timestamp{std::chrono::microseconds(micros)};
    }
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
