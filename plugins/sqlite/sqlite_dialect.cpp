// The SQLite dialect: its SQL profile, the render hooks where SQLite differs
// from standard SQL, and the plugin's entry point.
#include "sqlite_connection.hpp"

#include <tabula/sdk/dialect.hpp>

#include <cctype>
#include <string>
#include <vector>

namespace tabula::sqlite {
namespace {

bool isIndex(const std::string& segment) {
    if (segment.empty()) return false;
    for (char c : segment)
        if (!std::isdigit(static_cast<unsigned char>(c))) return false;
    return true;
}

bool isPlainKey(const std::string& segment) {
    if (segment.empty()) return false;
    for (char c : segment)
        if (!std::isalnum(static_cast<unsigned char>(c)) && c != '_') return false;
    return true;
}

// Text for inside a SQL string literal.
std::string literalText(const std::string& text) {
    std::string out;
    for (char c : text)
        out += c == '\'' ? std::string("''") : std::string(1, c);
    return out;
}

} // namespace

struct SqliteDialect {
    static constexpr const char* name = "sqlite";
    static constexpr const char* version = "0.1.0";

    static std::unique_ptr<sdk::Connection> connect(const sdk::Settings& settings) {
        return std::make_unique<SqliteConnection>(settings);
    }

    static void configure(tabula_profile& profile) {
        profile.quote_open = '"';
        profile.quote_close = '"';
        profile.placeholder = TABULA_PLACEHOLDER_QUESTION;
        profile.supports = TABULA_SUPPORTS_RETURNING | TABULA_SUPPORTS_UPSERT_ON_CONFLICT |
                           TABULA_SUPPORTS_NULLS_ORDER | TABULA_SUPPORTS_JSON |
                           TABULA_SUPPORTS_AUTOINC_INLINE_PK | TABULA_SUPPORTS_DEFAULT_VALUES |
                           TABULA_SUPPORTS_TRANSACTIONAL_DDL;
        // SQLITE_MAX_VARIABLE_NUMBER's default since SQLite 3.32.
        profile.max_params = 32766;
        // The text form timestamps are bound in, so a column default written
        // by the database compares and sorts with values written by the core.
        // Parenthesised because SQLite accepts a function call as a DEFAULT
        // only in parentheses.
        profile.now_sql = "(strftime('%Y-%m-%d %H:%M:%f +00:00','now'))";
    }

    static void renderType(const tabula_column_type& column, sdk::Sink& type,
                           sdk::Sink& /*beforeCreate*/, sdk::Sink& /*afterDrop*/) {
        // AUTOINCREMENT exists only on an INTEGER PRIMARY KEY, which is also
        // why the profile claims AUTOINC_INLINE_PK.
        if (column.auto_increment) {
            type << "INTEGER PRIMARY KEY AUTOINCREMENT";
            return;
        }
        const long long length = column.length > 0 ? column.length : 255;
        switch (column.kind) {
        case TABULA_DT_STRING: type << "VARCHAR(" << length << ")"; return;
        case TABULA_DT_CHAR: type << "CHAR(" << length << ")"; return;
        case TABULA_DT_TEXT: type << "TEXT"; return;
        case TABULA_DT_INTEGER: type << "INTEGER"; return;
        case TABULA_DT_BIGINT: type << "BIGINT"; return;
        case TABULA_DT_FLOAT: type << "FLOAT"; return;
        case TABULA_DT_DOUBLE: type << "DOUBLE PRECISION"; return;
        case TABULA_DT_DECIMAL:
            type << "DECIMAL";
            if (column.precision > 0) type << "(" << column.precision << "," << column.scale << ")";
            return;
        case TABULA_DT_BOOLEAN: type << "TINYINT(1)"; return;
        case TABULA_DT_DATE: type << "DATETIME"; return;
        case TABULA_DT_DATEONLY: type << "DATE"; return;
        case TABULA_DT_TIME: type << "TIME"; return;
        case TABULA_DT_UUID: type << "CHAR(36)"; return;
        // TEXT affinity: a NUMERIC column would turn the JSON text "12"
        // into the integer 12.
        case TABULA_DT_JSON:
        case TABULA_DT_JSONB: type << "TEXT"; return;
        case TABULA_DT_BLOB: type << "BLOB"; return;
        case TABULA_DT_ENUM: type << "TEXT"; return;
        case TABULA_DT_ARRAY:
            throw sdk::Error(TABULA_ERR_UNSUPPORTED,
                             "ARRAY columns are not available: sqlite has no ARRAY type");
        }
        throw sdk::Error(TABULA_ERR_UNSUPPORTED,
                         "sqlite cannot render data type " + std::to_string(column.kind));
    }

    static void renderLimit(int64_t limit, int64_t offset, sdk::Sink& out) {
        if (offset < 0) offset = 0;
        if (limit < 0 && offset == 0) return;
        // SQLite has no OFFSET without LIMIT; LIMIT -1 means no limit.
        out << "LIMIT " << static_cast<long long>(limit < 0 ? -1 : limit);
        if (offset > 0) out << " OFFSET " << static_cast<long long>(offset);
    }

    static void renderJsonPath(const char* column, const std::vector<std::string>& segments,
                               sdk::Sink& out) {
        std::string path = "$";
        for (const std::string& segment : segments) {
            if (isIndex(segment))
                path += "[" + segment + "]";
            else if (isPlainKey(segment))
                path += "." + segment;
            else if (segment.find('"') == std::string::npos)
                path += ".\"" + segment + "\""; // SQLite's quoted key, e.g. $."first-name"
            else
                throw sdk::Error(TABULA_ERR_UNSUPPORTED,
                                 "a JSON path key cannot contain a double quote");
        }
        out << "json_extract(" << column << ", '" << literalText(path) << "')";
    }
};

} // namespace tabula::sqlite

TABULA_DIALECT(tabula::sqlite::SqliteDialect)
