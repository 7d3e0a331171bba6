// The mssql dialect (Microsoft SQL Server 2016 and later, Azure SQL) through
// FreeTDS: its Transact-SQL profile, column types as Sequelize's mssql dialect
// writes them, and the entry point.
#include "mssql_connection.hpp"

#include <tabula/sdk/dialect.hpp>

#include <string>
#include <vector>

namespace tabula::mssql {
namespace {

// A Unicode string literal, N'...'; T-SQL has no backslash escapes.
std::string literal(std::string_view text) {
    std::string out = "N'";
    for (char c : text) {
        if (c == '\'') out += '\'';
        out += c;
    }
    return out + "'";
}

std::string bracketed(std::string_view name) {
    std::string out = "[";
    for (char c : name) {
        if (c == ']') out += ']';
        out += c;
    }
    return out + "]";
}

} // namespace

struct MssqlDialect {
    static constexpr const char* name = "mssql";
    static constexpr const char* version = "0.1.0";

    static std::unique_ptr<sdk::Connection> connect(const sdk::Settings& settings) {
        return Connection::open(settings);
    }

    static void configure(tabula_profile& p) {
        p.quote_open = '[';
        p.quote_close = ']';
        p.placeholder = TABULA_PLACEHOLDER_AT;
        p.supports = TABULA_SUPPORTS_RETURNING | TABULA_SUPPORTS_OUTPUT_INSERTED |
                     TABULA_SUPPORTS_TOP | TABULA_SUPPORTS_UPSERT_MERGE |
                     TABULA_SUPPORTS_BIT_BOOLEANS | TABULA_SUPPORTS_TSQL_DDL |
                     TABULA_SUPPORTS_DEFAULT_VALUES | TABULA_SUPPORTS_JSON |
                     TABULA_SUPPORTS_TRANSACTIONAL_DDL;
        // A remote procedure call carries at most 2100 parameters, and
        // sp_executesql takes two of them for the statement and its declarations.
        p.max_params = 2098;
        p.max_insert_rows = 1000; // the most rows one VALUES list may hold
        p.max_identifier_length = 128;
        p.now_sql = "SYSDATETIMEOFFSET()";
    }

    static void renderType(const tabula_column_type& c, sdk::Sink& type, sdk::Sink&, sdk::Sink&) {
        auto sized = [](const char* base, int length) {
            return std::string(base) + "(" + std::to_string(length > 0 ? length : 255) + ")";
        };
        if (c.auto_increment) {
            // The core adds NOT NULL and the PRIMARY KEY constraint.
            if (c.kind == TABULA_DT_INTEGER)
                type << "INT IDENTITY(1,1)";
            else if (c.kind == TABULA_DT_BIGINT)
                type << "BIGINT IDENTITY(1,1)";
            else
                throw sdk::Error(TABULA_ERR_UNSUPPORTED,
                                 "mssql: IDENTITY needs an INTEGER or BIGINT column");
            return;
        }
        switch (c.kind) {
        case TABULA_DT_STRING: type << sized("NVARCHAR", c.length); return;
        case TABULA_DT_CHAR: type << sized("NCHAR", c.length); return;
        case TABULA_DT_TEXT: type << "NVARCHAR(MAX)"; return;
        case TABULA_DT_INTEGER: type << "INT"; return;
        case TABULA_DT_BIGINT: type << "BIGINT"; return;
        case TABULA_DT_FLOAT: type << "REAL"; return;
        case TABULA_DT_DOUBLE: type << "FLOAT"; return;
        case TABULA_DT_DECIMAL:
            if (c.precision > 0)
                type << "DECIMAL(" + std::to_string(c.precision) + "," + std::to_string(c.scale) +
                            ")";
            else
                type << "DECIMAL";
            return;
        case TABULA_DT_BOOLEAN: type << "BIT"; return;
        case TABULA_DT_DATE: type << "DATETIMEOFFSET"; return; // an instant, offset kept
        case TABULA_DT_DATEONLY: type << "DATE"; return;
        case TABULA_DT_TIME: type << "TIME"; return;
        case TABULA_DT_UUID: type << "UNIQUEIDENTIFIER"; return;
        case TABULA_DT_JSON:
        case TABULA_DT_JSONB: type << "NVARCHAR(MAX)"; return;
        case TABULA_DT_BLOB: type << "VARBINARY(MAX)"; return;
        case TABULA_DT_ENUM: {
            if (c.value_count == 0 || !c.values)
                throw sdk::Error(TABULA_ERR_MISUSE, "mssql: ENUM needs at least one value");
            if (!c.column || !*c.column)
                throw sdk::Error(TABULA_ERR_MISUSE, "mssql: ENUM needs its column name");
            // No ENUM type: the column is checked against its list instead.
            std::string out = "NVARCHAR(255) CHECK (" + bracketed(c.column) + " IN (";
            for (size_t i = 0; i < c.value_count; ++i)
                out += (i ? ", " : "") + literal(c.values[i] ? c.values[i] : "");
            type << out + "))";
            return;
        }
        case TABULA_DT_ARRAY:
            throw sdk::Error(TABULA_ERR_UNSUPPORTED, "mssql has no ARRAY column type");
        }
        throw sdk::Error(TABULA_ERR_UNSUPPORTED,
                         "mssql: unknown data type " + std::to_string(c.kind));
    }

    // Only called with an offset: the core writes TOP (n) for a limit alone
    // and puts an ORDER BY before this clause, which T-SQL requires.
    static void renderLimit(int64_t limit, int64_t offset, sdk::Sink& out) {
        out << "OFFSET " + std::to_string(offset < 0 ? 0 : offset) + " ROWS";
        if (limit >= 0) out << " FETCH NEXT " + std::to_string(limit) + " ROWS ONLY";
    }

    static void renderJsonPath(const char* column, const std::vector<std::string>& segments,
                               sdk::Sink& out) {
        const std::string path = sdk::jsonPath(segments);
        out << "JSON_VALUE(" + std::string(column) + ", " + literal(path) + ")";
    }
};

} // namespace tabula::mssql

TABULA_DIALECT(tabula::mssql::MssqlDialect)
