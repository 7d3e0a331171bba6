// SQL Server message numbers to tabula error kinds, plus the constraint and
// column names that the server only reports inside its message text.
#include "mssql_errors.hpp"

#include <sybdb.h>

#include <cerrno>
#include <cstring>

namespace tabula::mssql {
namespace {

// The text between the first `open` after `from` and the next `close`.
std::string between(std::string_view text, std::string_view open, char close, size_t from = 0) {
    const size_t start = text.find(open, from);
    if (start == std::string_view::npos) return {};
    const size_t begin = start + open.size();
    const size_t end = text.find(close, begin);
    if (end == std::string_view::npos) return {};
    return std::string(text.substr(begin, end - begin));
}

// "dbo.users" or "db.dbo.users" -> "users".
std::string lastPart(std::string name) {
    if (const size_t dot = name.rfind('.'); dot != std::string::npos) name.erase(0, dot + 1);
    return name;
}

// 2627: "Violation of UNIQUE KEY constraint 'users_email_unique'. Cannot insert
// duplicate key in object 'dbo.users'. The duplicate key value is (a@b.c)."
// 2601: "Cannot insert duplicate key row in object 'dbo.users' with unique index
// 'users_email_unique'. The duplicate key value is (a@b.c)."
// The server names values, not columns; the columns come from the key's name
// when it follows the <table>_<columns>_unique convention the core uses.
void uniqueFacts(int number, std::string_view message, std::string& fields,
                 std::string& constraint) {
    const std::string table = lastPart(between(message, "in object '", '\''));
    constraint = number == 2601 ? between(message, "unique index '", '\'')
                                : between(message, "constraint '", '\'');
    fields = constraint;
    constexpr std::string_view suffix = "_unique";
    std::string_view key = constraint;
    if (key.size() > suffix.size() && key.substr(key.size() - suffix.size()) == suffix) {
        const std::string_view stem = key.substr(0, key.size() - suffix.size());
        if (!table.empty() && stem.size() > table.size() + 1 &&
            stem.substr(0, table.size()) == table && stem[table.size()] == '_')
            fields = stem.substr(table.size() + 1);
    }
}

tabula_error_kind serverKind(int number, std::string_view message) {
    switch (number) {
    case 2627:
    case 2601: return TABULA_ERR_UNIQUE;
    case 547:
        return message.find("CHECK constraint") != std::string_view::npos ? TABULA_ERR_CHECK
                                                                          : TABULA_ERR_FOREIGN_KEY;
    case 515: return TABULA_ERR_NOT_NULL;
    case 208: return TABULA_ERR_UNKNOWN_TABLE;
    case 102:
    case 156:
    case 170: return TABULA_ERR_SYNTAX;
    case 1205: return TABULA_ERR_DEADLOCK;
    case 1222: return TABULA_ERR_TIMEOUT; // lock request time out period exceeded
    case 18456:
    case 18452:
    case 4060: return TABULA_ERR_ACCESS_DENIED;
    default: return TABULA_ERR_GENERIC;
    }
}

tabula_error_kind libraryKind(const Diagnostics& d, bool connecting) {
    switch (d.libraryError) {
    case SYBETIME: return connecting ? TABULA_ERR_CONN_TIMEOUT : TABULA_ERR_TIMEOUT;
    case SYBEUHST:
    case SYBEINTF: // neither a freetds.conf entry nor a resolvable host name
        return TABULA_ERR_HOST_NOT_FOUND;
    case SYBECONN:
    case SYBEFCON:
        if (d.osError == ETIMEDOUT) return TABULA_ERR_CONN_TIMEOUT;
        if (d.osError == ECONNREFUSED) return TABULA_ERR_CONN_REFUSED;
        if (d.libraryText.find("refused") != std::string::npos) return TABULA_ERR_CONN_REFUSED;
        return TABULA_ERR_CONNECTION;
    case SYBEREAD:
    case SYBEWRIT:
    case SYBESEOF:
    case SYBEDDNE: return connecting ? TABULA_ERR_CONNECTION : TABULA_ERR_CONNECTION_LOST;
    default: return connecting ? TABULA_ERR_CONNECTION : TABULA_ERR_GENERIC;
    }
}

} // namespace

const ServerMessage* Diagnostics::serverError() const {
    for (const ServerMessage& m : errors)
        if (m.number != 3621) return &m;
    return errors.empty() ? nullptr : &errors.front();
}

sdk::Error mapServerError(int number, std::string_view message) {
    const tabula_error_kind kind = serverKind(number, message);
    std::string fields, constraint;
    switch (kind) {
    case TABULA_ERR_UNIQUE: uniqueFacts(number, message, fields, constraint); break;
    case TABULA_ERR_FOREIGN_KEY:
    case TABULA_ERR_CHECK:
        // 'conflicted with the FOREIGN KEY constraint "tasks_userId_fkey". The
        // conflict occurred in database "db", table "dbo.users", column 'id'.'
        constraint = between(message, "constraint \"", '"');
        fields = between(message, "column '", '\'');
        break;
    case TABULA_ERR_NOT_NULL:
        // "Cannot insert the value NULL into column 'email', table 'db.dbo.users'; ..."
        fields = between(message, "column '", '\'');
        break;
    default: break;
    }
    return sdk::Error(kind, std::string(message), "", number, std::move(fields),
                      std::move(constraint));
}

sdk::Error connectError(const Diagnostics& d, const std::string& where) {
    const std::string prefix = "cannot connect to mssql at " + where + ": ";
    if (const ServerMessage* m = d.serverError()) {
        sdk::Error e = mapServerError(m->number, m->text);
        const tabula_error_kind kind =
            e.kind == TABULA_ERR_ACCESS_DENIED ? TABULA_ERR_ACCESS_DENIED : TABULA_ERR_CONNECTION;
        return sdk::Error(kind, prefix + m->text, "", m->number);
    }
    std::string text = d.libraryText.empty() ? "login failed" : d.libraryText;
    if (d.osError) text += " (" + std::string(std::strerror(d.osError)) + ")";
    return sdk::Error(libraryKind(d, true), prefix + text, "", d.libraryError);
}

sdk::Error runError(const Diagnostics& d, bool dead, const std::string& where) {
    if (const ServerMessage* m = d.serverError()) return mapServerError(m->number, m->text);
    tabula_error_kind kind = libraryKind(d, false);
    if (d.timedOut)
        kind = TABULA_ERR_TIMEOUT;
    else if (dead)
        kind = TABULA_ERR_CONNECTION_LOST;
    std::string text = d.libraryText.empty() ? "the request failed" : d.libraryText;
    if (d.timedOut) text = "the request timed out and was cancelled (" + text + ")";
    if (kind == TABULA_ERR_CONNECTION_LOST)
        text = "the connection to mssql at " + where + " is lost: " + text;
    return sdk::Error(kind, text, "", d.libraryError);
}

} // namespace tabula::mssql
