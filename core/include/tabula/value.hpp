// Value: the dialect-neutral cell that crosses between models and dialects.
#pragma once

#include <chrono>
#include <cstdint>
#include <cstring>
#include <initializer_list>
#include <iosfwd>
#include <memory>
#include <new>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace Poco::Dynamic {
class Var;
}

namespace tabula {

enum class ValueKind : std::uint8_t {
    Null,
    Bool,
    Int,
    Double,
    Decimal,
    Text,
    Bytes,
    Date,
    Time,
    Timestamp,
    Json,
    Uuid,
    Array
};

const char* toString(ValueKind kind);

// An instant with microsecond precision, always UTC.
using Timestamp = std::chrono::sys_time<std::chrono::microseconds>;
using Bytes = std::vector<std::uint8_t>;

class Value {
public:
    Value() = default;
    Value(std::nullptr_t) {}
    Value(bool b) : kind_(ValueKind::Bool) { put(b); }
    Value(int i) : Value(static_cast<long long>(i)) {}
    Value(long i) : Value(static_cast<long long>(i)) {}
    Value(long long i) : kind_(ValueKind::Int) { put(std::int64_t{i}); }
    Value(unsigned i) : Value(static_cast<long long>(i)) {}
    Value(unsigned long i) : Value(static_cast<unsigned long long>(i)) {}
    // Past INT64_MAX an unsigned number is kept exactly, as a Decimal of its
    // digits (the kind the mysql dialect reads a BIGINT UNSIGNED that large
    // as), never wrapped to a negative Int.
    Value(unsigned long long i) {
        if (i <= static_cast<unsigned long long>(INT64_MAX)) {
            kind_ = ValueKind::Int;
            put(static_cast<std::int64_t>(i));
        } else {
            setUnsigned(i);
        }
    }
    Value(double d) : kind_(ValueKind::Double) { put(d); }
    Value(float d) : Value(double{d}) {}
    Value(const char* s) {
        if (s) setText(ValueKind::Text, s);
    }
    Value(const std::string& s) { setText(ValueKind::Text, s); }
    Value(std::string_view s) { setText(ValueKind::Text, s); }
    Value(Timestamp t) : kind_(ValueKind::Timestamp) { put(t); }
    Value(std::chrono::system_clock::time_point t)
        : Value(std::chrono::time_point_cast<std::chrono::microseconds>(t)) {}
    Value(Bytes b);
    // A list, for IN (...) and ARRAY columns.
    Value(std::initializer_list<Value> items);

    Value(const Value& other) {
        if (other.owns_ == kOwns)
            copyOwned(other);
        else
            copyBits(other);
    }
    Value(Value&& other) noexcept {
        if (other.kind_ == ValueKind::Array)
            moveArray(other);
        else
            copyBits(other);
        other.kind_ = ValueKind::Null;
        other.owns_ = 0;
    }
    Value& operator=(const Value& other) {
        if (this != &other) {
            Value copy(other);
            *this = std::move(copy);
        }
        return *this;
    }
    Value& operator=(Value&& other) noexcept {
        if (this != &other) {
            this->~Value();
            std::construct_at(this, std::move(other));
        }
        return *this;
    }
    ~Value() {
        if (owns_ == kOwns) release();
    }

    // Exact decimal text, e.g. "12.50", "-1.5e3", or NaN, Infinity and
    // -Infinity (any case; kept in those spellings). Throws UsageError for
    // text that is not a number.
    static Value decimal(std::string_view text);
    // DATEONLY text. A date that parseDate reads is kept as formatDate
    // writes it ("0044-03-15 BC" becomes "-000043-03-15"); other text is
    // kept as given.
    static Value date(std::string_view yyyyMmDd);
    static Value time(std::string_view hhMmSs); // TIME
    static Value json(std::string_view text);   // JSON text, kept as written
    static Value uuid(std::string_view text);
    static Value array(std::vector<Value> items);
    static Value now();
    // Years 0 to 9999 are written as four digits, any other year in ISO
    // 8601's expanded form: a sign and at least six digits, as JavaScript
    // writes them ("+010000-01-01", "-000001-12-31"). Years count
    // astronomically: year 0 is 1 BC, year -1 is 2 BC. Parsing also reads a
    // year of five or more digits without a sign ("10000-01-01") and a
    // trailing " BC" ("0001-12-31 BC" is year 0), as PostgreSQL writes them.
    //
    // Parses "YYYY-MM-DD[ T]HH:MM:SS[.ffffff][Z|+HH:MM][ BC]"; throws
    // UsageError on bad text and on an instant outside what Timestamp holds.
    static Timestamp parseTimestamp(std::string_view text);
    // "2024-01-02 03:04:05.678 +00:00"; any Timestamp, min() and max() too.
    static std::string formatTimestamp(Timestamp t);
    // "YYYY-MM-DD" (or the expanded year) of a day.
    static std::string formatDate(std::chrono::sys_days day);
    // The day a date text names ("YYYY-MM-DD", an expanded year, " BC"), or
    // nothing when the text is not a valid calendar date.
    static std::optional<std::chrono::sys_days> parseDate(std::string_view text) noexcept;

    ValueKind kind() const { return kind_; }
    bool isNull() const { return kind_ == ValueKind::Null; }
    explicit operator bool() const = delete; // ambiguous: null or false?

    bool asBool() const;
    std::int64_t asInt() const;
    double asDouble() const;
    // Text form of any value: numbers printed, timestamps ISO 8601, null "".
    std::string asString() const;
    Timestamp asTimestamp() const;
    const Bytes& asBytes() const;
    const std::vector<Value>& asArray() const;
    // The text held by Text, Decimal, Date, Time, Json and Uuid values,
    // valid while the value lives unchanged; throws for other kinds.
    std::string_view text() const {
        if (!isTextKind(kind_)) badText();
        return owns_ == kOwns ? std::string_view(get<HeapText>().data, get<HeapText>().size)
                              : std::string_view(reinterpret_cast<const char*>(buf_), owns_);
    }

    template <class T>
    T as() const;

    // JSON rendering of this value as it appears in toJSON().
    std::string toJSONText() const;
    Poco::Dynamic::Var toVar() const;
    static Value fromVar(const Poco::Dynamic::Var& var);

    bool operator==(const Value& other) const;
    bool operator!=(const Value& other) const { return !(*this == other); }

private:
    // A value is 24 bytes, and a row of them is what every loaded instance
    // holds: the payload, then one byte that says whether the value owns
    // memory (text longer than kInlineText, bytes, a list) or else gives the
    // length of text kept inline, then the kind.
    static constexpr std::size_t kInlineText = 22;
    static constexpr std::uint8_t kOwns = 0xFF;
    struct HeapText {
        char* data;
        std::size_t size;
    };
    using ArrayPtr = std::shared_ptr<const std::vector<Value>>;

    Value(ValueKind kind, std::string_view text) { setText(kind, text); }
    static constexpr bool isTextKind(ValueKind k) {
        return k == ValueKind::Text || k == ValueKind::Decimal || k == ValueKind::Date ||
               k == ValueKind::Time || k == ValueKind::Json || k == ValueKind::Uuid;
    }
    template <class T>
    void put(T v) {
        static_assert(sizeof(T) <= kInlineText && alignof(T) <= 8);
        std::construct_at(reinterpret_cast<T*>(buf_), std::move(v));
    }
    template <class T>
    const T& get() const {
        return *std::launder(reinterpret_cast<const T*>(buf_));
    }
    void copyBits(const Value& other) {
        std::memcpy(buf_, other.buf_, sizeof buf_);
        owns_ = other.owns_;
        kind_ = other.kind_;
    }
    void setText(ValueKind kind, std::string_view text);
    void setUnsigned(unsigned long long i);
    void copyOwned(const Value& other);
    void moveArray(Value& other) noexcept;
    void release() noexcept;
    [[noreturn]] void badText() const;

    alignas(8) unsigned char buf_[kInlineText] = {};
    std::uint8_t owns_ = 0;
    ValueKind kind_ = ValueKind::Null;
};

static_assert(sizeof(Value) == 24);

template <>
inline bool Value::as<bool>() const {
    return asBool();
}
template <>
inline int Value::as<int>() const {
    return static_cast<int>(asInt());
}
template <>
inline long Value::as<long>() const {
    return static_cast<long>(asInt());
}
template <>
inline long long Value::as<long long>() const {
    return asInt();
}
template <>
inline double Value::as<double>() const {
    return asDouble();
}
template <>
inline std::string Value::as<std::string>() const {
    return asString();
}
template <>
inline Timestamp Value::as<Timestamp>() const {
    return asTimestamp();
}

std::ostream& operator<<(std::ostream& out, const Value& value);

// Attribute name → value, in the order written.
using Values = std::vector<std::pair<std::string, Value>>;

} // namespace tabula
