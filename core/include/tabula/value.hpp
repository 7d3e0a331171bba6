// Value: the dialect-neutral cell that crosses between models and dialects.
#pragma once

#include <chrono>
#include <cstdint>
#include <initializer_list>
#include <iosfwd>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
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
    Value(bool b) : data_(b), kind_(ValueKind::Bool) {}
    Value(int i) : data_(std::int64_t{i}), kind_(ValueKind::Int) {}
    Value(long i) : data_(std::int64_t{i}), kind_(ValueKind::Int) {}
    Value(long long i) : data_(std::int64_t{i}), kind_(ValueKind::Int) {}
    Value(unsigned i) : data_(std::int64_t{i}), kind_(ValueKind::Int) {}
    Value(unsigned long i) : data_(static_cast<std::int64_t>(i)), kind_(ValueKind::Int) {}
    Value(unsigned long long i) : data_(static_cast<std::int64_t>(i)), kind_(ValueKind::Int) {}
    Value(double d) : data_(d), kind_(ValueKind::Double) {}
    Value(float d) : data_(double{d}), kind_(ValueKind::Double) {}
    Value(const char* s) : kind_(s ? ValueKind::Text : ValueKind::Null) {
        if (s) data_ = std::string(s);
    }
    Value(std::string s) : data_(std::move(s)), kind_(ValueKind::Text) {}
    Value(std::string_view s) : data_(std::string(s)), kind_(ValueKind::Text) {}
    Value(Timestamp t) : data_(t), kind_(ValueKind::Timestamp) {}
    Value(std::chrono::system_clock::time_point t)
        : data_(std::chrono::time_point_cast<std::chrono::microseconds>(t)),
          kind_(ValueKind::Timestamp) {}
    Value(Bytes b) : data_(std::move(b)), kind_(ValueKind::Bytes) {}
    // A list, for IN (...) and ARRAY columns.
    Value(std::initializer_list<Value> items);

    static Value decimal(std::string text);  // exact, e.g. "12.50"
    static Value date(std::string yyyyMmDd); // DATEONLY
    static Value time(std::string hhMmSs);   // TIME
    static Value json(std::string text);     // JSON text, kept as written
    static Value uuid(std::string text);
    static Value array(std::vector<Value> items);
    static Value now();
    // Parses "YYYY-MM-DD[ T]HH:MM:SS[.ffffff][Z|+HH:MM]"; throws on bad text.
    static Timestamp parseTimestamp(std::string_view text);
    static std::string formatTimestamp(Timestamp t); // "2024-01-02 03:04:05.678 +00:00"

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
    // The text held by Text, Decimal, Date, Time, Json and Uuid values.
    const std::string& text() const;
    // The text, moved out of a value held as text; throws like text().
    std::string takeText() &&;

    template <class T>
    T as() const;

    // JSON rendering of this value as it appears in toJSON().
    std::string toJSONText() const;
    Poco::Dynamic::Var toVar() const;
    static Value fromVar(const Poco::Dynamic::Var& var);

    bool operator==(const Value& other) const;
    bool operator!=(const Value& other) const { return !(*this == other); }

private:
    Value(ValueKind kind, std::string text) : data_(std::move(text)), kind_(kind) {}

    // The data first and the kind in its tail padding: a Value is 40 bytes,
    // and a row of them is what every loaded instance holds.
    [[no_unique_address]] std::variant<std::monostate, bool, std::int64_t, double, std::string,
                                       Bytes, Timestamp, std::shared_ptr<const std::vector<Value>>>
        data_;
    ValueKind kind_ = ValueKind::Null;
};

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
