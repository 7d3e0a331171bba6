// DataTypes: attribute types, spelled as in Sequelize. Each is a constant
// that can also be called with arguments: STRING, STRING(50), DECIMAL(10, 2),
// ENUM({"draft", "published"}).
#pragma once

#include <tabula/value.hpp>

#include <concepts>
#include <initializer_list>
#include <memory>
#include <string>
#include <vector>

namespace tabula {

enum class DataKind {
    String,
    Char,
    Text,
    Integer,
    BigInt,
    Float,
    Double,
    Decimal,
    Boolean,
    Date,     // an instant: date and time
    DateOnly, // a calendar date
    Time,
    Uuid,
    Json,
    Blob,
    Enum,
    JsonB,
    Array,
    Virtual // computed, never stored
};

const char* toString(DataKind kind);

class DataType {
public:
    DataType(DataKind kind, int length = 0, int precision = 0, int scale = 0)
        : kind_(kind), length_(length), precision_(precision), scale_(scale) {}

    DataKind kind() const { return kind_; }
    int length() const { return length_; }
    int precision() const { return precision_; }
    int scale() const { return scale_; }
    const std::vector<std::string>& values() const;
    const DataType* element() const { return element_.get(); }

    DataType operator()() const { return *this; }
    DataType operator()(int lengthOrPrecision) const;
    DataType operator()(int precision, int scale) const;
    DataType operator()(std::initializer_list<std::string> enumValues) const;
    DataType operator()(const DataType& arrayElement) const;

    // A type name a person reads in errors: "STRING(255)".
    std::string describe() const;

private:
    DataKind kind_;
    int length_ = 0, precision_ = 0, scale_ = 0;
    std::shared_ptr<const std::vector<std::string>> values_;
    std::shared_ptr<const DataType> element_;
};

// Special default values: the time of insertion, a fresh random UUID.
enum class DefaultKind { None, Literal, Now, UuidV4 };

struct DefaultValue {
    DefaultKind kind = DefaultKind::None;
    Value value;

    DefaultValue() = default;
    constexpr DefaultValue(DefaultKind k) : kind(k) {}
    template <class T>
    requires std::constructible_from<Value, T> DefaultValue(T&& v)
        : kind(DefaultKind::Literal), value(std::forward<T>(v)) {}
};

namespace DataTypes {
inline const DataType STRING{DataKind::String, 255};
inline const DataType CHAR{DataKind::Char, 255};
inline const DataType TEXT{DataKind::Text};
inline const DataType INTEGER{DataKind::Integer};
inline const DataType BIGINT{DataKind::BigInt};
inline const DataType FLOAT{DataKind::Float};
inline const DataType DOUBLE{DataKind::Double};
// Without a precision, as Sequelize: NUMERIC on PostgreSQL, the server's
// DECIMAL(10,0) on MySQL and MariaDB.
inline const DataType DECIMAL{DataKind::Decimal};
inline const DataType BOOLEAN{DataKind::Boolean};
inline const DataType DATE{DataKind::Date};
inline const DataType DATEONLY{DataKind::DateOnly};
inline const DataType TIME{DataKind::Time};
inline const DataType UUID{DataKind::Uuid};
inline const DataType JSON{DataKind::Json};
inline const DataType JSONB{DataKind::JsonB};
inline const DataType BLOB{DataKind::Blob};
inline const DataType ENUM{DataKind::Enum};
inline const DataType ARRAY{DataKind::Array};
inline const DataType VIRTUAL{DataKind::Virtual};

inline constexpr DefaultKind NOW = DefaultKind::Now;
inline constexpr DefaultKind UUIDV4 = DefaultKind::UuidV4;
} // namespace DataTypes

} // namespace tabula
