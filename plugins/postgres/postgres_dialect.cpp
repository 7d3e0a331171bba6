// The PostgreSQL dialect: its SQL profile and render hooks, exported through
// the SDK. The libpq driver itself is in postgres_connection.cpp.
#include "postgres_connection.hpp"
#include "postgres_values.hpp"

#include <tabula/sdk/dialect.hpp>

#include <string>
#include <string_view>
#include <vector>

namespace tabula::postgres {
namespace {

std::string sized(const char* name, int32_t length) {
    return std::string(name) + "(" + std::to_string(length > 0 ? length : 255) + ")";
}

// ENUM is a named type per table and column, as Sequelize names it. CREATE
// TYPE has no IF NOT EXISTS, hence the DO block that ignores a duplicate.
std::string enumType(const tabula_column_type& column, sdk::Sink& beforeCreate,
                     sdk::Sink& afterDrop) {
    if (!column.table || !*column.table || !column.column || !*column.column)
        throw sdk::Error(TABULA_ERR_MISUSE, "an ENUM column needs its table and column names");
    if (column.value_count == 0 || !column.values)
        throw sdk::Error(TABULA_ERR_MISUSE, "an ENUM column needs at least one value");
    const std::string name =
        quoteIdentifier(std::string("enum_") + column.table + "_" + column.column);
    std::string members;
    for (size_t i = 0; i < column.value_count; ++i) {
        if (i) members += ", ";
        members += quoteLiteral(column.values[i] ? column.values[i] : "");
    }
    const std::string body = "BEGIN CREATE TYPE " + name + " AS ENUM (" + members +
                             "); EXCEPTION WHEN duplicate_object THEN NULL; END";
    // The body must not contain its own dollar-quote delimiter.
    std::string tag = "$$";
    for (int n = 0; body.find(tag) != std::string::npos; ++n)
        tag = "$tabula" + std::to_string(n) + "$";
    beforeCreate << "DO " + tag + " " + body + " " + tag;
    afterDrop << "DROP TYPE IF EXISTS " + name;
    return name;
}

std::string typeText(const tabula_column_type& column, sdk::Sink& beforeCreate,
                     sdk::Sink& afterDrop) {
    switch (column.kind) {
    case TABULA_DT_STRING: return sized("VARCHAR", column.length);
    case TABULA_DT_CHAR: return sized("CHAR", column.length);
    case TABULA_DT_TEXT: return "TEXT";
    case TABULA_DT_INTEGER: return column.auto_increment ? "SERIAL" : "INTEGER";
    case TABULA_DT_BIGINT: return column.auto_increment ? "BIGSERIAL" : "BIGINT";
    case TABULA_DT_FLOAT: return "REAL";
    case TABULA_DT_DOUBLE: return "DOUBLE PRECISION";
    case TABULA_DT_DECIMAL:
        if (column.precision <= 0) return "DECIMAL";
        return "DECIMAL(" + std::to_string(column.precision) + "," + std::to_string(column.scale) +
               ")";
    case TABULA_DT_BOOLEAN: return "BOOLEAN";
    case TABULA_DT_DATE: return "TIMESTAMP WITH TIME ZONE";
    case TABULA_DT_DATEONLY: return "DATE";
    case TABULA_DT_TIME: return "TIME";
    case TABULA_DT_UUID: return "UUID";
    case TABULA_DT_JSON: return "JSON";
    case TABULA_DT_JSONB: return "JSONB";
    case TABULA_DT_BLOB: return "BYTEA";
    case TABULA_DT_ENUM: return enumType(column, beforeCreate, afterDrop);
    case TABULA_DT_ARRAY: {
        if (column.element == TABULA_DT_ARRAY)
            throw sdk::Error(TABULA_ERR_UNSUPPORTED, "an ARRAY of ARRAY has no element type");
        tabula_column_type element = column;
        element.kind = column.element;
        element.auto_increment = 0;
        element.primary_key = 0;
        return typeText(element, beforeCreate, afterDrop) + "[]";
    }
    default:
        throw sdk::Error(TABULA_ERR_UNSUPPORTED,
                         "no PostgreSQL type for data kind " + std::to_string(column.kind));
    }
}

// One key of a text[] path literal, quoted when the array syntax needs it.
std::string pathElement(std::string_view segment) {
    bool quote = segment.empty() ||
                 (segment.size() == 4 && (segment[0] | 0x20) == 'n' && (segment[1] | 0x20) == 'u' &&
                  (segment[2] | 0x20) == 'l' && (segment[3] | 0x20) == 'l');
    for (char c : segment)
        if (c == '{' || c == '}' || c == ',' || c == '"' || c == '\\' || c == ' ' || c == '\t' ||
            c == '\n' || c == '\r')
            quote = true;
    if (!quote) return std::string(segment);
    std::string out = "\"";
    for (char c : segment) {
        if (c == '"' || c == '\\') out += '\\';
        out += c;
    }
    return out + '"';
}

} // namespace

struct PostgresDialect {
    static constexpr const char* name = "postgres";
    static constexpr const char* version = "0.1.0";

    static std::unique_ptr<sdk::Connection> connect(const sdk::Settings& settings) {
        return postgres::connect(settings);
    }

    static void configure(tabula_profile& profile) {
        profile.quote_open = '"';
        profile.quote_close = '"';
        profile.placeholder = TABULA_PLACEHOLDER_DOLLAR;
        profile.supports = TABULA_SUPPORTS_COMMENT_ON_COLUMN | TABULA_SUPPORTS_RETURNING |
                           TABULA_SUPPORTS_UPSERT_ON_CONFLICT | TABULA_SUPPORTS_NULLS_ORDER |
                           TABULA_SUPPORTS_ILIKE | TABULA_SUPPORTS_JSON | TABULA_SUPPORTS_ARRAY |
                           TABULA_SUPPORTS_ENUM_TYPE | TABULA_SUPPORTS_DEFAULT_VALUES |
                           TABULA_SUPPORTS_TRANSACTIONAL_DDL | TABULA_SUPPORTS_BULK_INSERT;
        // The protocol counts parameters in 16 bits, but libpq before 16
        // drops the connection when a statement's parameter description (4
        // bytes a parameter) exceeds 30000 bytes, as it does past 7498.
        profile.max_params = 7000;
        profile.max_identifier_length = 63; // NAMEDATALEN - 1; longer names are cut short
        profile.now_sql = "CURRENT_TIMESTAMP";
    }

    static void renderType(const tabula_column_type& column, sdk::Sink& type,
                           sdk::Sink& beforeCreate, sdk::Sink& afterDrop) {
        type << typeText(column, beforeCreate, afterDrop);
    }

    static void renderLimit(int64_t limit, int64_t offset, sdk::Sink& out) {
        if (limit >= 0) {
            out << "LIMIT " + std::to_string(limit);
            if (offset > 0) out << " OFFSET " + std::to_string(offset);
        } else if (offset > 0) {
            out << "OFFSET " + std::to_string(offset);
        }
    }

    // #>> extracts the value at a text[] path as text.
    static void renderJsonPath(const char* column, const std::vector<std::string>& segments,
                               sdk::Sink& out) {
        std::string path = "{";
        for (size_t i = 0; i < segments.size(); ++i) {
            if (i) path += ',';
            path += pathElement(segments[i]);
        }
        path += '}';
        out << "(" + std::string(column) + "#>>" + quoteLiteral(path) + ")";
    }
};

} // namespace tabula::postgres

TABULA_DIALECT(tabula::postgres::PostgresDialect)
