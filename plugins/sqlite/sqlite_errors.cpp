// SQLite result codes to Tabula error kinds, with SQLSTATE where the standard
// has an exact equivalent so that applications can test one code everywhere.
#include "sqlite_errors.hpp"

#include <sqlite3.h>

#include <string_view>

namespace tabula::sqlite {
namespace {

// The text after "...constraint failed: ".
std::string_view detailOf(std::string_view message) {
    const auto colon = message.find(": ");
    return colon == std::string_view::npos ? std::string_view{} : message.substr(colon + 2);
}

// "UNIQUE constraint failed: users.email, users.name" -> "email,name".
// SQLite names each column as table.column; only the column is kept.
std::string columnsOf(std::string_view message) {
    std::string_view list = detailOf(message);
    if (list.empty() || list.starts_with("index '")) return {};
    std::string columns;
    while (!list.empty()) {
        const auto comma = list.find(", ");
        std::string_view item = list.substr(0, comma);
        const auto dot = item.find('.');
        if (dot != std::string_view::npos) item.remove_prefix(dot + 1);
        if (!columns.empty()) columns += ',';
        columns += item;
        if (comma == std::string_view::npos) break;
        list.remove_prefix(comma + 2);
    }
    return columns;
}

// "UNIQUE constraint failed: index 'users_email'" -> "users_email": what
// SQLite reports for a unique index over expressions.
std::string indexOf(std::string_view message) {
    std::string_view detail = detailOf(message);
    if (!detail.starts_with("index '") || !detail.ends_with('\'')) return {};
    detail.remove_prefix(7);
    detail.remove_suffix(1);
    return std::string(detail);
}

bool contains(std::string_view text, std::string_view part) {
    return text.find(part) != std::string_view::npos;
}

} // namespace

sdk::Error translateError(int code, const std::string& message) {
    auto error = [&](tabula_error_kind kind, std::string sqlstate = {}, std::string fields = {},
                     std::string constraint = {}) {
        return sdk::Error(kind, message, std::move(sqlstate), code, std::move(fields),
                          std::move(constraint));
    };
    switch (code) {
    case SQLITE_CONSTRAINT_UNIQUE:
    case SQLITE_CONSTRAINT_PRIMARYKEY:
        return error(TABULA_ERR_UNIQUE, "23505", columnsOf(message), indexOf(message));
    case SQLITE_CONSTRAINT_FOREIGNKEY: return error(TABULA_ERR_FOREIGN_KEY, "23503");
    // ON DELETE / ON UPDATE RESTRICT runs as a trigger: a DELETE or UPDATE
    // of a referenced row fails with the trigger's code and SQLite's own
    // foreign key message (a trigger's RAISE has a message of its own).
    case SQLITE_CONSTRAINT_TRIGGER:
        if (message == "FOREIGN KEY constraint failed")
            return error(TABULA_ERR_FOREIGN_KEY, "23503");
        break;
    case SQLITE_CONSTRAINT_NOTNULL: return error(TABULA_ERR_NOT_NULL, "23502", columnsOf(message));
    case SQLITE_CONSTRAINT_CHECK:
        return error(TABULA_ERR_CHECK, "23514", {}, std::string(detailOf(message)));
    // A WAL reader's snapshot went stale: only restarting the transaction
    // helps, which is what callers do for a serialization failure.
    case SQLITE_BUSY_SNAPSHOT: return error(TABULA_ERR_DEADLOCK, "40001");
    }
    switch (code & 0xff) {
    case SQLITE_CONSTRAINT: return error(TABULA_ERR_GENERIC, "23000");
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
    case SQLITE_INTERRUPT: return error(TABULA_ERR_TIMEOUT);
    case SQLITE_CANTOPEN:
    case SQLITE_NOTADB: return error(TABULA_ERR_CONNECTION);
    case SQLITE_MISUSE:
    case SQLITE_RANGE: return error(TABULA_ERR_MISUSE);
    case SQLITE_ERROR:
        if (contains(message, "no such table")) return error(TABULA_ERR_UNKNOWN_TABLE);
        if (contains(message, "syntax error") || contains(message, "incomplete input"))
            return error(TABULA_ERR_SYNTAX);
        break;
    }
    return error(TABULA_ERR_GENERIC);
}

} // namespace tabula::sqlite
