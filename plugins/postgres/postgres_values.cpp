// Text conversions for the PostgreSQL dialect. The connection sets
// DateStyle ISO, bytea_output hex and a UTC session zone, so these parsers
// only need to read the ISO spellings.
#include "postgres_values.hpp"

#include <tabula/sdk/dialect.hpp>

#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <limits>

namespace tabula::postgres {
namespace {

constexpr int64_t kMicrosPerSecond = 1'000'000;
constexpr int64_t kSecondsPerDay = 86'400;

[[noreturn]] void unreadable(std::string_view what, std::string_view text, std::string_view why) {
    throw sdk::Error(TABULA_ERR_GENERIC, "cannot read PostgreSQL " + std::string(what) + " '" +
                                             std::string(text) + "': " + std::string(why));
}

int64_t floorDiv(int64_t a, int64_t b) {
    const int64_t q = a / b;
    return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q;
}

// Days since 1970-01-01 in the proleptic Gregorian calendar, for an
// astronomical year (1 BC is year 0). Counts in 400-year eras of 146097 days.
int64_t daysFromCivil(int64_t year, int64_t month, int64_t day) {
    year -= month <= 2 ? 1 : 0;
    const int64_t era = floorDiv(year, 400);
    const int64_t yearOfEra = year - era * 400;
    const int64_t shiftedMonth = month > 2 ? month - 3 : month + 9; // March is 0
    const int64_t dayOfYear = (153 * shiftedMonth + 2) / 5 + day - 1;
    const int64_t dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear;
    return era * 146097 + dayOfEra - 719468;
}

struct Civil {
    int64_t year;
    int month;
    int day;
};

// The inverse of daysFromCivil.
Civil civilFromDays(int64_t days) {
    days += 719468;
    const int64_t era = floorDiv(days, 146097);
    const int64_t dayOfEra = days - era * 146097;
    const int64_t yearOfEra =
        (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146096) / 365;
    const int64_t dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100);
    const int64_t shiftedMonth = (5 * dayOfYear + 2) / 153;
    const int day = static_cast<int>(dayOfYear - (153 * shiftedMonth + 2) / 5 + 1);
    const int month = static_cast<int>(shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9);
    return {yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day};
}

// A cursor over the text of one value.
class Reader {
public:
    explicit Reader(std::string_view text) : text_(text) {}
    bool done() const { return pos_ >= text_.size(); }
    char peek() const { return done() ? '\0' : text_[pos_]; }
    bool accept(char c) {
        if (peek() != c) return false;
        ++pos_;
        return true;
    }
    bool accept(std::string_view word) {
        if (text_.substr(pos_).substr(0, word.size()) != word) return false;
        pos_ += word.size();
        return true;
    }
    // Up to max decimal digits, possibly none.
    std::string_view digits(size_t max) {
        const size_t start = pos_;
        while (pos_ - start < max && !done() && text_[pos_] >= '0' && text_[pos_] <= '9')
            ++pos_;
        return text_.substr(start, pos_ - start);
    }
    // Between minDigits and maxDigits decimal digits.
    bool number(int64_t& out, size_t minDigits, size_t maxDigits) {
        const std::string_view text = digits(maxDigits);
        out = 0;
        for (char c : text)
            out = out * 10 + (c - '0');
        return text.size() >= minDigits;
    }

private:
    std::string_view text_;
    size_t pos_ = 0;
};

// "HH:MM:SS[.ffffff]" into seconds of the day and microseconds.
bool readTimeOfDay(Reader& r, int64_t& seconds, int64_t& micros, std::string* fraction) {
    int64_t h = 0, m = 0, s = 0;
    if (!r.number(h, 2, 2) || !r.accept(':') || !r.number(m, 2, 2) || !r.accept(':') ||
        !r.number(s, 2, 2) || h > 24 || m > 59 || s > 60)
        return false;
    seconds = h * 3600 + m * 60 + s;
    micros = 0;
    if (r.accept('.')) {
        const std::string_view digits = r.digits(6);
        if (digits.empty()) return false;
        for (char c : digits)
            micros = micros * 10 + (c - '0');
        for (size_t i = digits.size(); i < 6; ++i)
            micros *= 10;
        if (fraction) *fraction = digits;
    }
    return true;
}

// "+hh[:mm[:ss]]" or "-..." as signed seconds east of UTC; 0 when absent.
bool readOffset(Reader& r, int64_t& offset) {
    offset = 0;
    int sign = 0;
    if (r.accept('+'))
        sign = 1;
    else if (r.accept('-'))
        sign = -1;
    else
        return true;
    int64_t h = 0, m = 0, s = 0;
    if (!r.number(h, 2, 2)) return false;
    if (r.accept(':') && !r.number(m, 2, 2)) return false;
    if (r.accept(':') && !r.number(s, 2, 2)) return false;
    offset = sign * (h * 3600 + m * 60 + s);
    return true;
}

void appendJsonString(std::string& out, std::string_view text) {
    static const char* hex = "0123456789abcdef";
    out += '"';
    for (char c : text) {
        switch (c) {
        case '"': out += "\\\""; break;
        case '\\': out += "\\\\"; break;
        case '\n': out += "\\n"; break;
        case '\r': out += "\\r"; break;
        case '\t': out += "\\t"; break;
        case '\b': out += "\\b"; break;
        case '\f': out += "\\f"; break;
        default:
            if (static_cast<unsigned char>(c) < 0x20) {
                out += "\\u00";
                out += hex[(c >> 4) & 0xf];
                out += hex[c & 0xf];
            } else {
                out += c;
            }
        }
    }
    out += '"';
}

// Number output that JSON can carry as it is (not NaN or Infinity).
bool jsonNumber(std::string_view text) {
    if (text.empty() || !(text[0] == '-' || (text[0] >= '0' && text[0] <= '9'))) return false;
    if (text.size() > 1 && text[0] == '-' && !(text[1] >= '0' && text[1] <= '9')) return false;
    for (char c : text)
        if (!((c >= '0' && c <= '9') || c == '-' || c == '+' || c == '.' || c == 'e' || c == 'E'))
            return false;
    return true;
}

bool isNullWord(std::string_view text) {
    if (text.size() != 4) return false;
    for (size_t i = 0; i < 4; ++i)
        if ((text[i] | 0x20) != "null"[i]) return false;
    return true;
}

// Recursive reader of PostgreSQL's array output syntax.
class ArrayToJson {
public:
    ArrayToJson(std::string_view text, ElementKind kind) : text_(text), kind_(kind) {}

    std::string run() {
        // Arrays with non-default bounds start with "[lo:hi]=".
        if (!text_.empty() && text_[0] == '[') {
            pos_ = text_.find('=');
            if (pos_ == std::string_view::npos) fail("unterminated dimensions");
            ++pos_;
        }
        array();
        if (pos_ != text_.size()) fail("text after the closing brace");
        return std::move(out_);
    }

private:
    [[noreturn]] void fail(std::string_view why) { unreadable("array", text_, why); }
    bool done() const { return pos_ >= text_.size(); }
    char peek() const { return done() ? '\0' : text_[pos_]; }
    bool accept(char c) {
        if (peek() != c) return false;
        ++pos_;
        return true;
    }

    void array() {
        if (!accept('{')) fail("expected '{'");
        out_ += '[';
        if (accept('}')) {
            out_ += ']';
            return;
        }
        for (;;) {
            element();
            if (accept(',')) {
                out_ += ',';
                continue;
            }
            if (!accept('}')) fail("expected ',' or '}'");
            out_ += ']';
            return;
        }
    }

    void element() {
        if (peek() == '{') return array();
        if (accept('"')) {
            std::string value;
            for (;;) {
                if (done()) fail("unterminated quoted element");
                char c = text_[pos_++];
                if (c == '"') break;
                if (c == '\\') {
                    if (done()) fail("dangling backslash");
                    c = text_[pos_++];
                }
                value += c;
            }
            return scalar(value);
        }
        const size_t start = pos_;
        while (!done() && peek() != ',' && peek() != '}')
            ++pos_;
        std::string_view value = text_.substr(start, pos_ - start);
        while (!value.empty() && value.front() == ' ')
            value.remove_prefix(1);
        while (!value.empty() && value.back() == ' ')
            value.remove_suffix(1);
        if (value.empty()) fail("empty element");
        if (isNullWord(value)) {
            out_ += "null";
            return;
        }
        scalar(value);
    }

    void scalar(std::string_view value) {
        switch (kind_) {
        case ElementKind::Number:
            if (jsonNumber(value))
                out_ += value;
            else
                appendJsonString(out_, value); // NaN, Infinity
            return;
        case ElementKind::Bool:
            if (value == "t")
                out_ += "true";
            else if (value == "f")
                out_ += "false";
            else
                appendJsonString(out_, value);
            return;
        case ElementKind::Json: out_ += value; return;
        case ElementKind::Text: appendJsonString(out_, value); return;
        }
    }

    std::string_view text_;
    ElementKind kind_;
    size_t pos_ = 0;
    std::string out_;
};

int hexDigit(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

} // namespace

std::string formatDouble(double value) {
    if (std::isnan(value)) return "NaN";
    if (std::isinf(value)) return value > 0 ? "Infinity" : "-Infinity";
    char buffer[64];
    const auto result = std::to_chars(buffer, buffer + sizeof buffer, value);
    return std::string(buffer, result.ptr);
}

double parseDouble(std::string_view text) {
    if (text == "NaN") return std::nan("");
    if (text == "Infinity") return HUGE_VAL;
    if (text == "-Infinity") return -HUGE_VAL;
    double value = 0;
    const auto result = std::from_chars(text.data(), text.data() + text.size(), value);
    if (result.ec != std::errc() || result.ptr != text.data() + text.size())
        unreadable("double precision", text, "not a number");
    return value;
}

std::string formatTimestamp(int64_t micros) {
    // Remainders rather than products: seconds * 10^6 overflows near the
    // ends of the range.
    const int64_t seconds = floorDiv(micros, kMicrosPerSecond);
    int64_t fraction = micros % kMicrosPerSecond;
    if (fraction < 0) fraction += kMicrosPerSecond;
    const int64_t days = floorDiv(seconds, kSecondsPerDay);
    int64_t secondOfDay = seconds % kSecondsPerDay;
    if (secondOfDay < 0) secondOfDay += kSecondsPerDay;
    Civil date = civilFromDays(days);
    const bool beforeChrist = date.year <= 0;
    if (beforeChrist) date.year = 1 - date.year;
    if (date.year <= 9999 && !beforeChrist) {
        // Digit by digit: every timestamp bound comes through here.
        std::string text = "0000-00-00 00:00:00.000000+00";
        sdk::putDigits(text.data(), static_cast<uint64_t>(date.year), 4);
        sdk::putDigits(text.data() + 5, static_cast<uint64_t>(date.month), 2);
        sdk::putDigits(text.data() + 8, static_cast<uint64_t>(date.day), 2);
        sdk::putDigits(text.data() + 11, static_cast<uint64_t>(secondOfDay / 3600), 2);
        sdk::putDigits(text.data() + 14, static_cast<uint64_t>(secondOfDay / 60 % 60), 2);
        sdk::putDigits(text.data() + 17, static_cast<uint64_t>(secondOfDay % 60), 2);
        sdk::putDigits(text.data() + 20, static_cast<uint64_t>(fraction), 6);
        return text;
    }
    char buffer[96];
    std::snprintf(buffer, sizeof buffer, "%04lld-%02d-%02d %02lld:%02lld:%02lld.%06lld+00%s",
                  static_cast<long long>(date.year), date.month, date.day,
                  static_cast<long long>(secondOfDay / 3600),
                  static_cast<long long>(secondOfDay / 60 % 60),
                  static_cast<long long>(secondOfDay % 60), static_cast<long long>(fraction),
                  beforeChrist ? " BC" : "");
    return buffer;
}

std::string dateForPostgres(std::string_view text) {
    Reader r(text);
    const bool negative = r.peek() == '-';
    const bool sign = negative || r.peek() == '+';
    if (sign) r.accept(r.peek());
    int64_t year = 0, month = 0, day = 0;
    const bool isDate = r.number(year, 4, 9) && r.accept('-') && r.number(month, 2, 2) &&
                        r.accept('-') && r.number(day, 2, 2) && r.done();
    // PostgreSQL reads a year without a sign, of any length, itself; a year
    // with one it does not read at all.
    if (!isDate || (!sign && year > 0)) return std::string(text);
    if (negative) year = -year;
    const bool beforeChrist = year <= 0;
    if (beforeChrist) year = 1 - year;
    std::string out = year > 9999 ? std::to_string(year) : std::string(4, '0');
    if (year <= 9999) sdk::putDigits(out.data(), static_cast<uint64_t>(year), 4);
    out.append(text.substr(text.size() - 6));
    if (beforeChrist) out += " BC";
    return out;
}

// ---- binary results -------------------------------------------------------

namespace {

// Days and microseconds from 1970-01-01 to PostgreSQL's epoch, 2000-01-01.
constexpr int64_t kEpochDays = 10'957;
constexpr int64_t kEpochMicros = kEpochDays * kSecondsPerDay * kMicrosPerSecond;

uint64_t bigEndian(std::string_view bytes) {
    uint64_t v = 0;
    for (unsigned char c : bytes)
        v = (v << 8) | c;
    return v;
}

[[noreturn]] void badSize(std::string_view what, size_t size) {
    throw sdk::Error(TABULA_ERR_GENERIC, "cannot read PostgreSQL binary " + std::string(what) +
                                             ": unexpected size " + std::to_string(size));
}

} // namespace

int64_t integerFromBinary(std::string_view binary, bool isUnsigned) {
    const uint64_t v = bigEndian(binary);
    switch (binary.size()) {
    case 2: return static_cast<int16_t>(v);
    case 4: return isUnsigned ? static_cast<int64_t>(v) : static_cast<int32_t>(v);
    case 8: return static_cast<int64_t>(v);
    default: badSize("integer", binary.size());
    }
}

double floatFromBinary(std::string_view binary) {
    const uint64_t v = bigEndian(binary);
    if (binary.size() == 4) {
        float f;
        const auto bits = static_cast<uint32_t>(v);
        std::memcpy(&f, &bits, sizeof f);
        return f;
    }
    if (binary.size() != 8) badSize("float", binary.size());
    double d;
    std::memcpy(&d, &v, sizeof d);
    return d;
}

std::string numericFromBinary(std::string_view binary) {
    if (binary.size() < 8) badSize("numeric", binary.size());
    const auto field = [&](size_t i) { return bigEndian(binary.substr(2 * i, 2)); };
    const auto digits = static_cast<size_t>(field(0));
    const auto weight = static_cast<int16_t>(field(1));
    const auto sign = static_cast<uint16_t>(field(2));
    const auto scale = static_cast<int>(field(3));
    if (binary.size() != 8 + 2 * digits) badSize("numeric", binary.size());
    switch (sign) {
    case 0xC000: return "NaN";
    case 0xD000: return "Infinity";
    case 0xF000: return "-Infinity";
    default: break;
    }
    const auto digit = [&](long i) -> unsigned {
        return i >= 0 && static_cast<size_t>(i) < digits ? static_cast<unsigned>(field(4 + i)) : 0;
    };
    std::string out = sign == 0x4000 ? "-" : "";
    // Base-10000 digits before the point, the first without leading zeros.
    if (weight < 0) {
        out += '0';
    } else {
        out += std::to_string(digit(0));
        for (long i = 1; i <= weight; ++i) {
            char group[4];
            sdk::putDigits(group, digit(i), 4);
            out.append(group, 4);
        }
    }
    // Exactly `scale` digits after it.
    if (scale > 0) {
        out += '.';
        const size_t point = out.size();
        for (long i = weight + 1; out.size() - point < static_cast<size_t>(scale); ++i) {
            char group[4];
            sdk::putDigits(group, digit(i), 4);
            out.append(group, 4);
        }
        out.resize(point + static_cast<size_t>(scale));
    }
    return out;
}

std::string dateFromBinary(std::string_view binary) {
    if (binary.size() != 4) badSize("date", binary.size());
    const auto days = static_cast<int32_t>(bigEndian(binary));
    if (days == std::numeric_limits<int32_t>::max()) return "infinity";
    if (days == std::numeric_limits<int32_t>::min()) return "-infinity";
    Civil date = civilFromDays(days + kEpochDays);
    const bool beforeChrist = date.year <= 0;
    if (beforeChrist) date.year = 1 - date.year;
    std::string out = date.year > 9999 ? std::to_string(date.year) : std::string(4, '0');
    if (date.year <= 9999) sdk::putDigits(out.data(), static_cast<uint64_t>(date.year), 4);
    char monthDay[6] = {'-', '0', '0', '-', '0', '0'};
    sdk::putDigits(monthDay + 1, static_cast<uint64_t>(date.month), 2);
    sdk::putDigits(monthDay + 4, static_cast<uint64_t>(date.day), 2);
    out.append(monthDay, sizeof monthDay);
    if (beforeChrist) out += " BC";
    return out;
}

int64_t timestampFromBinary(std::string_view binary) {
    if (binary.size() != 8) badSize("timestamp", binary.size());
    const auto micros = static_cast<int64_t>(bigEndian(binary));
    if (micros == std::numeric_limits<int64_t>::max() ||
        micros == std::numeric_limits<int64_t>::min())
        unreadable("timestamp", micros > 0 ? "infinity" : "-infinity",
                   "infinity is not a point in time Tabula can represent");
    return micros + kEpochMicros;
}

std::string uuidFromBinary(std::string_view binary) {
    if (binary.size() != 16) badSize("uuid", binary.size());
    static constexpr char hex[] = "0123456789abcdef";
    std::string out;
    out.reserve(36);
    for (size_t i = 0; i < 16; ++i) {
        if (i == 4 || i == 6 || i == 8 || i == 10) out += '-';
        const auto byte = static_cast<unsigned char>(binary[i]);
        out += hex[byte >> 4];
        out += hex[byte & 15];
    }
    return out;
}

int64_t parseTimestamp(std::string_view text) {
    if (text == "infinity" || text == "-infinity")
        unreadable("timestamp", text, "infinity is not a point in time Tabula can represent");
    Reader r(text);
    int64_t year = 0, month = 0, day = 0, secondOfDay = 0, micros = 0, offset = 0;
    if (!r.number(year, 4, 9) || !r.accept('-') || !r.number(month, 2, 2) || !r.accept('-') ||
        !r.number(day, 2, 2) || !r.accept(' ') || !readTimeOfDay(r, secondOfDay, micros, nullptr) ||
        !readOffset(r, offset))
        unreadable("timestamp", text, "expected ISO 'YYYY-MM-DD HH:MM:SS[.ffffff][+hh]'");
    if (r.accept(std::string_view(" BC"))) year = 1 - year;
    if (!r.done()) unreadable("timestamp", text, "unexpected text after the value");
    if (month < 1 || month > 12 || day < 1 || day > 31)
        unreadable("timestamp", text, "month or day out of range");
    const int64_t seconds = daysFromCivil(year, month, day) * kSecondsPerDay + secondOfDay - offset;
    int64_t result = 0;
    if (__builtin_mul_overflow(seconds, kMicrosPerSecond, &result) ||
        __builtin_add_overflow(result, micros, &result))
        unreadable("timestamp", text, "out of the range of microseconds since 1970 in 64 bits");
    return result;
}

std::string timeOfDayInUtc(std::string_view text) {
    Reader r(text);
    int64_t secondOfDay = 0, micros = 0, offset = 0;
    std::string fraction;
    if (!readTimeOfDay(r, secondOfDay, micros, &fraction) || !readOffset(r, offset) || !r.done())
        unreadable("time with time zone", text, "expected 'HH:MM:SS[.ffffff]+hh[:mm]'");
    const int64_t utc = ((secondOfDay - offset) % kSecondsPerDay + kSecondsPerDay) % kSecondsPerDay;
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%02lld:%02lld:%02lld", static_cast<long long>(utc / 3600),
                  static_cast<long long>(utc / 60 % 60), static_cast<long long>(utc % 60));
    return fraction.empty() ? std::string(buffer) : std::string(buffer) + "." + fraction;
}

std::string decodeBytea(std::string_view text) {
    std::string out;
    if (text.substr(0, 2) == "\\x") {
        if (text.size() % 2 != 0) unreadable("bytea", text.substr(0, 64), "odd number of digits");
        out.reserve(text.size() / 2 - 1);
        for (size_t i = 2; i < text.size(); i += 2) {
            const int high = hexDigit(text[i]), low = hexDigit(text[i + 1]);
            if (high < 0 || low < 0) unreadable("bytea", text.substr(0, 64), "not hexadecimal");
            out += static_cast<char>(high << 4 | low);
        }
        return out;
    }
    // The escape format: "\\" is a backslash, "\ooo" an octal byte.
    for (size_t i = 0; i < text.size(); ++i) {
        if (text[i] != '\\') {
            out += text[i];
        } else if (i + 1 < text.size() && text[i + 1] == '\\') {
            out += '\\';
            ++i;
        } else if (i + 3 < text.size() && text[i + 1] >= '0' && text[i + 1] <= '3' &&
                   text[i + 2] >= '0' && text[i + 2] <= '7' && text[i + 3] >= '0' &&
                   text[i + 3] <= '7') {
            out += static_cast<char>((text[i + 1] - '0') << 6 | (text[i + 2] - '0') << 3 |
                                     (text[i + 3] - '0'));
            i += 3;
        } else {
            unreadable("bytea", text.substr(0, 64), "bad escape");
        }
    }
    return out;
}

std::string arrayToJson(std::string_view literal, ElementKind kind) {
    return ArrayToJson(literal, kind).run();
}

std::string quoteIdentifier(std::string_view name) {
    std::string out = "\"";
    for (char c : name) {
        if (c == '"') out += '"';
        out += c;
    }
    return out + '"';
}

std::string quoteLiteral(std::string_view text) {
    const bool escaped = text.find('\\') != std::string_view::npos;
    std::string out = escaped ? "E'" : "'";
    for (char c : text) {
        if (c == '\'' || (escaped && c == '\\')) out += c;
        out += c;
    }
    return out + '\'';
}

} // namespace tabula::postgres
