// DataType: the Sequelize type constants and their argument forms.
#include <tabula/data_types.hpp>
#include <tabula/errors.hpp>

namespace tabula {

const char* toString(DataKind kind) {
    switch (kind) {
    case DataKind::String: return "STRING";
    case DataKind::Char: return "CHAR";
    case DataKind::Text: return "TEXT";
    case DataKind::Integer: return "INTEGER";
    case DataKind::BigInt: return "BIGINT";
    case DataKind::Float: return "FLOAT";
    case DataKind::Double: return "DOUBLE";
    case DataKind::Decimal: return "DECIMAL";
    case DataKind::Boolean: return "BOOLEAN";
    case DataKind::Date: return "DATE";
    case DataKind::DateOnly: return "DATEONLY";
    case DataKind::Time: return "TIME";
    case DataKind::Uuid: return "UUID";
    case DataKind::Json: return "JSON";
    case DataKind::Blob: return "BLOB";
    case DataKind::Enum: return "ENUM";
    case DataKind::JsonB: return "JSONB";
    case DataKind::Array: return "ARRAY";
    case DataKind::Virtual: return "VIRTUAL";
    }
    return "UNKNOWN";
}

const std::vector<std::string>& DataType::values() const {
    static const std::vector<std::string> none;
    return values_ ? *values_ : none;
}

DataType DataType::operator()(int n) const {
    if (n <= 0)
        throw UsageError(std::string(toString(kind_)) + "(" + std::to_string(n) +
                         "): the length must be positive");
    DataType t = *this;
    switch (kind_) {
    case DataKind::String:
    case DataKind::Char: t.length_ = n; break;
    case DataKind::Decimal:
        t.precision_ = n;
        t.scale_ = 0;
        break;
    default: throw UsageError(std::string(toString(kind_)) + " takes no length argument");
    }
    return t;
}

DataType DataType::operator()(int precision, int scale) const {
    if (kind_ != DataKind::Decimal)
        throw UsageError(std::string(toString(kind_)) + " takes no precision and scale");
    if (precision <= 0 || scale < 0 || scale > precision)
        throw UsageError("DECIMAL(" + std::to_string(precision) + ", " + std::to_string(scale) +
                         "): need 0 < precision and 0 <= scale <= precision");
    DataType t = *this;
    t.precision_ = precision;
    t.scale_ = scale;
    return t;
}

DataType DataType::operator()(std::initializer_list<std::string> enumValues) const {
    if (kind_ != DataKind::Enum)
        throw UsageError(std::string(toString(kind_)) + " takes no values");
    if (enumValues.size() == 0) throw UsageError("ENUM needs at least one value");
    DataType t = *this;
    t.values_ = std::make_shared<const std::vector<std::string>>(enumValues);
    return t;
}

DataType DataType::operator()(const DataType& arrayElement) const {
    if (kind_ != DataKind::Array)
        throw UsageError(std::string(toString(kind_)) + " takes no element type");
    DataType t = *this;
    t.element_ = std::make_shared<const DataType>(arrayElement);
    return t;
}

std::string DataType::describe() const {
    std::string s = toString(kind_);
    switch (kind_) {
    case DataKind::String:
    case DataKind::Char: return s + "(" + std::to_string(length_) + ")";
    case DataKind::Decimal:
        if (precision_ <= 0) return s;
        return s + "(" + std::to_string(precision_) + ", " + std::to_string(scale_) + ")";
    case DataKind::Enum: {
        s += "(";
        bool first = true;
        for (const auto& v : values()) {
            if (!first) s += ", ";
            first = false;
            s += "'" + v + "'";
        }
        return s + ")";
    }
    case DataKind::Array: return s + "(" + (element_ ? element_->describe() : "") + ")";
    default: return s;
    }
}

} // namespace tabula
