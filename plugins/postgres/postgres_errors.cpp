// SQLSTATE and libpq message mapping for the PostgreSQL dialect, in one
// place so that every caller reports the same kind for the same failure.
#include "postgres_errors.hpp"

#include <string_view>

namespace tabula::postgres {
namespace {

std::string field(const PGresult* result, int code) {
    const char* value = result ? PQresultErrorField(result, code) : nullptr;
    return value ? value : "";
}

// libpq messages end in newlines and continue on tab-indented lines.
std::string oneLine(std::string_view text) {
    std::string out;
    for (char c : text) {
        if (c == '\n' || c == '\t' || c == '\r') {
            if (!out.empty() && out.back() != ' ') out += ' ';
        } else {
            out += c;
        }
    }
    while (!out.empty() && out.back() == ' ')
        out.pop_back();
    return out;
}

// An identifier as PostgreSQL prints it in a detail: "firstName" or email.
std::string unquoteIdentifier(std::string_view name) {
    while (!name.empty() && name.front() == ' ')
        name.remove_prefix(1);
    while (!name.empty() && name.back() == ' ')
        name.remove_suffix(1);
    if (name.size() < 2 || name.front() != '"' || name.back() != '"') return std::string(name);
    std::string out;
    name = name.substr(1, name.size() - 2);
    for (size_t i = 0; i < name.size(); ++i) {
        out += name[i];
        if (name[i] == '"' && i + 1 < name.size() && name[i + 1] == '"') ++i;
    }
    return out;
}

// The columns of "Key (a, b)=(1, 2) already exists." as "a,b". Splitting
// at top-level commas keeps expression keys such as lower(email) whole.
std::string keyColumns(std::string_view detail) {
    constexpr std::string_view prefix = "Key (";
    const size_t start = detail.find(prefix);
    if (start == std::string_view::npos) return {};
    const size_t end = detail.find(")=(", start);
    if (end == std::string_view::npos) return {};
    const std::string_view list = detail.substr(start + prefix.size(), end - start - prefix.size());
    std::string out;
    int depth = 0;
    bool quoted = false;
    size_t from = 0;
    for (size_t i = 0; i <= list.size(); ++i) {
        const char c = i < list.size() ? list[i] : ',';
        if (c == '"') quoted = !quoted;
        if (quoted) continue;
        if (c == '(') ++depth;
        if (c == ')') --depth;
        if (c == ',' && depth == 0) {
            if (!out.empty()) out += ',';
            out += unquoteIdentifier(list.substr(from, i - from));
            from = i + 1;
        }
    }
    return out;
}

tabula_error_kind kindOf(std::string_view sqlstate) {
    if (sqlstate == "23505") return TABULA_ERR_UNIQUE;
    if (sqlstate == "23503") return TABULA_ERR_FOREIGN_KEY;
    if (sqlstate == "23502") return TABULA_ERR_NOT_NULL;
    if (sqlstate == "23514") return TABULA_ERR_CHECK;
    if (sqlstate == "57014") return TABULA_ERR_TIMEOUT;
    if (sqlstate == "42P01") return TABULA_ERR_UNKNOWN_TABLE;
    if (sqlstate == "42601") return TABULA_ERR_SYNTAX;
    if (sqlstate.substr(0, 2) == "08") return TABULA_ERR_CONNECTION_LOST;
    if (sqlstate == "28P01" || sqlstate == "28000") return TABULA_ERR_ACCESS_DENIED;
    if (sqlstate == "40001" || sqlstate == "40P01") return TABULA_ERR_DEADLOCK;
    return TABULA_ERR_GENERIC;
}

bool contains(std::string_view text, std::string_view part) {
    return text.find(part) != std::string_view::npos;
}

} // namespace

sdk::Error resultError(PGconn* conn, const PGresult* result) {
    const std::string sqlstate = field(result, PG_DIAG_SQLSTATE);
    std::string message = field(result, PG_DIAG_MESSAGE_PRIMARY);
    if (message.empty() && result) message = oneLine(PQresultErrorMessage(result));
    if (message.empty() && conn) message = oneLine(PQerrorMessage(conn));
    if (message.empty()) message = "PostgreSQL reported an error without a message";
    const std::string detail = field(result, PG_DIAG_MESSAGE_DETAIL);
    if (!detail.empty()) message += "; " + detail;

    tabula_error_kind kind = kindOf(sqlstate);
    // Whatever the statement's error, a dead connection is what matters next.
    if (!conn || PQstatus(conn) == CONNECTION_BAD) kind = TABULA_ERR_CONNECTION_LOST;

    std::string fields;
    if (kind == TABULA_ERR_UNIQUE || kind == TABULA_ERR_FOREIGN_KEY)
        fields = keyColumns(detail);
    else if (kind == TABULA_ERR_NOT_NULL)
        fields = field(result, PG_DIAG_COLUMN_NAME);
    return sdk::Error(kind, message, sqlstate, 0, fields, field(result, PG_DIAG_CONSTRAINT_NAME));
}

sdk::Error connectError(const std::string& message, const std::string& endpoint) {
    tabula_error_kind kind = TABULA_ERR_CONNECTION;
    std::string sqlstate = "08001";
    if (contains(message, "timeout expired")) {
        kind = TABULA_ERR_CONN_TIMEOUT;
    } else if (contains(message, "could not translate host name")) {
        kind = TABULA_ERR_HOST_NOT_FOUND;
    } else if (contains(message, "Connection refused")) {
        kind = TABULA_ERR_CONN_REFUSED;
    } else if (contains(message, "password authentication failed") ||
               contains(message, "no password supplied") ||
               (contains(message, "role \"") && contains(message, "does not exist"))) {
        kind = TABULA_ERR_ACCESS_DENIED;
        sqlstate = contains(message, "does not exist") ? "28000" : "28P01";
    } else if (contains(message, "authentication failed") ||
               contains(message, "no pg_hba.conf entry")) {
        kind = TABULA_ERR_ACCESS_DENIED;
        sqlstate = "28000";
    }
    return sdk::Error(kind, "cannot connect to PostgreSQL at " + endpoint + ": " + oneLine(message),
                      sqlstate);
}

} // namespace tabula::postgres
