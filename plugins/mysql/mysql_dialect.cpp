// The mysql dialect (MariaDB and MySQL through MariaDB Connector/C): its SQL
// profile, column types as Sequelize's mysql dialect writes them, and the entry point.
#include "mysql_connection.hpp"

#include <tabula/sdk/dialect.hpp>

#include <string>
#include <vector>

namespace tabula::mysql {
namespace {

// A string literal; backslashes are doubled because they escape in MySQL's default mode.
std::string literal(std::string_view text) {
    std::string out = "'";
    for (char c : text) {
        if (c == '\'') out += '\'';
        if (c == '\\') out += '\\';
        out += c;
    }
    return out + "'";
}

} // namespace

struct MysqlDialect {
    static constexpr const char* name = "mysql";
    static constexpr const char* version = "0.1.0";

    static std::unique_ptr<sdk::Connection> connect(const sdk::Settings& settings) {
        return Connection::open(settings);
    }

    static void configure(tabula_profile& p) {
        p.quote_open = '`';
        p.quote_close = '`';
        p.placeholder = TABULA_PLACEHOLDER_QUESTION;
        p.supports = TABULA_SUPPORTS_UPSERT_ON_DUPLICATE | TABULA_SUPPORTS_JSON |
                     TABULA_SUPPORTS_COMMENT_INLINE | TABULA_SUPPORTS_UPDATE_LIMIT;
        p.max_params = 65535;         // the binary protocol counts parameters in 16 bits
        p.max_identifier_length = 64; // characters; counted in bytes, a safe bound
        p.now_sql = "CURRENT_TIMESTAMP(3)";
    }

    static void renderType(const tabula_column_type& c, sdk::Sink& type, sdk::Sink&, sdk::Sink&) {
        auto sized = [](const char* base, int length) {
            return std::string(base) + "(" + std::to_string(length > 0 ? length : 255) + ")";
        };
        if (c.auto_increment) {
            // The core adds PRIMARY KEY; the column must be an integer.
            if (c.kind == TABULA_DT_INTEGER)
                type << "INTEGER AUTO_INCREMENT";
            else if (c.kind == TABULA_DT_BIGINT)
                type << "BIGINT AUTO_INCREMENT";
            else
                throw sdk::Error(TABULA_ERR_UNSUPPORTED,
                                 "mysql: AUTO_INCREMENT needs an INTEGER or BIGINT column");
            return;
        }
        switch (c.kind) {
        case TABULA_DT_STRING: type << sized("VARCHAR", c.length); return;
        case TABULA_DT_CHAR: type << sized("CHAR", c.length); return;
        case TABULA_DT_TEXT: type << "TEXT"; return;
        case TABULA_DT_INTEGER: type << "INTEGER"; return;
        case TABULA_DT_BIGINT: type << "BIGINT"; return;
        case TABULA_DT_FLOAT: type << "FLOAT"; return;
        case TABULA_DT_DOUBLE: type << "DOUBLE PRECISION"; return;
        case TABULA_DT_DECIMAL:
            if (c.precision > 0)
                type << "DECIMAL(" + std::to_string(c.precision) + "," + std::to_string(c.scale) +
                            ")";
            else
                type << "DECIMAL";
            return;
        case TABULA_DT_BOOLEAN: type << "TINYINT(1)"; return;
        case TABULA_DT_DATE: type << "DATETIME(3)"; return; // milliseconds, like JavaScript dates
        case TABULA_DT_DATEONLY: type << "DATE"; return;
        case TABULA_DT_TIME: type << "TIME"; return;
        case TABULA_DT_UUID: type << "CHAR(36) BINARY"; return;
        case TABULA_DT_JSON:
        case TABULA_DT_JSONB: type << "JSON"; return;
        case TABULA_DT_BLOB: type << "BLOB"; return;
        case TABULA_DT_ENUM: {
            if (c.value_count == 0 || !c.values)
                throw sdk::Error(TABULA_ERR_MISUSE, "mysql: ENUM needs at least one value");
            std::string out = "ENUM(";
            for (size_t i = 0; i < c.value_count; ++i)
                out += (i ? "," : "") + literal(c.values[i] ? c.values[i] : "");
            type << out + ")";
            return;
        }
        case TABULA_DT_ARRAY:
            throw sdk::Error(TABULA_ERR_UNSUPPORTED, "mysql has no ARRAY column type");
        }
        throw sdk::Error(TABULA_ERR_UNSUPPORTED,
                         "mysql: unknown data type " + std::to_string(c.kind));
    }

    static void renderLimit(int64_t limit, int64_t offset, sdk::Sink& out) {
        if (limit < 0 && offset <= 0) return;
        // MySQL has no OFFSET without LIMIT: the largest row count stands for "all".
        out << "LIMIT " + (limit < 0 ? std::string("18446744073709551615") : std::to_string(limit));
        if (offset > 0) out << " OFFSET " + std::to_string(offset);
    }

    static void renderJsonPath(const char* column, const std::vector<std::string>& segments,
                               sdk::Sink& out) {
        const std::string path = sdk::jsonPath(segments);
        out << "JSON_UNQUOTE(JSON_EXTRACT(" + std::string(column) + ", " + literal(path) + "))";
    }
};

} // namespace tabula::mysql

TABULA_DIALECT(tabula::mysql::MysqlDialect)
