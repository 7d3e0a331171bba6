// Native MariaDB/MySQL error codes to tabula error kinds, plus the constraint
// and column names that the server only reports inside its message text.
#include "mysql_errors.hpp"

namespace tabula::mysql {
namespace {

// The text between the first `open` and the next `close`.
std::string between(std::string_view text, std::string_view open, char close) {
    const size_t start = text.find(open);
    if (start == std::string_view::npos) return {};
    const size_t begin = start + open.size();
    const size_t end = text.find(close, begin);
    if (end == std::string_view::npos) return {};
    return std::string(text.substr(begin, end - begin));
}

// The first backquoted name in a statement: the table of INSERT INTO `t` or UPDATE `t`.
std::string firstQuotedName(std::string_view sql) { return between(sql, "`", '`'); }

bool isTimeout(std::string_view message) {
    return message.find("timed out") != std::string_view::npos ||
           message.find("timeout") != std::string_view::npos ||
           message.find("(110)") != std::string_view::npos ||
           message.find("system error: 110") != std::string_view::npos;
}

// "Duplicate entry 'x' for key 'users_email_unique'"; MySQL 8 writes 'users.key'.
void uniqueFacts(std::string_view message, std::string_view sql, std::string& fields,
                 std::string& constraint) {
    const size_t at = message.rfind("for key '");
    if (at == std::string_view::npos) return;
    std::string_view key = message.substr(at + 9);
    if (const size_t end = key.rfind('\''); end != std::string_view::npos) key = key.substr(0, end);
    if (const size_t dot = key.rfind('.'); dot != std::string_view::npos) key = key.substr(dot + 1);
    constraint = key;
    fields = key;
    constexpr std::string_view suffix = "_unique";
    if (key.size() > suffix.size() && key.substr(key.size() - suffix.size()) == suffix) {
        const std::string_view stem = key.substr(0, key.size() - suffix.size());
        const std::string table = firstQuotedName(sql);
        if (!table.empty() && stem.size() > table.size() + 1 &&
            stem.substr(0, table.size()) == table && stem[table.size()] == '_')
            fields = stem.substr(table.size() + 1);
    }
}

// "... CONSTRAINT `tasks_ibfk_1` FOREIGN KEY (`userId`, `x`) REFERENCES ..."
void foreignKeyFacts(std::string_view message, std::string& fields, std::string& constraint) {
    constraint = between(message, "CONSTRAINT `", '`');
    const std::string columns = between(message, "FOREIGN KEY (", ')');
    for (char c : columns) {
        if (c == '`' || c == ' ') continue;
        fields += c;
    }
}

// MariaDB: "CONSTRAINT `c` failed for `db`.`t`"; MySQL: "Check constraint 'c' is violated."
std::string checkConstraint(std::string_view message) {
    std::string name = between(message, "CONSTRAINT `", '`');
    if (name.empty()) name = between(message, "constraint '", '\'');
    return name;
}

tabula_error_kind connectKind(unsigned int code, std::string_view message) {
    switch (code) {
    case 1045: return TABULA_ERR_ACCESS_DENIED;
    case 2002:
    case 2003: return isTimeout(message) ? TABULA_ERR_CONN_TIMEOUT : TABULA_ERR_CONN_REFUSED;
    case 2005: return TABULA_ERR_HOST_NOT_FOUND;
    case 2013: return isTimeout(message) ? TABULA_ERR_CONN_TIMEOUT : TABULA_ERR_CONNECTION;
    default: return TABULA_ERR_CONNECTION;
    }
}

tabula_error_kind runKind(unsigned int code, std::string_view message) {
    switch (code) {
    case 1062:
    case 1586: return TABULA_ERR_UNIQUE;
    case 1216:
    case 1217:
    case 1451:
    case 1452: return TABULA_ERR_FOREIGN_KEY;
    case 1048:
    case 1364: return TABULA_ERR_NOT_NULL;
    case 3819:
    case 4025: return TABULA_ERR_CHECK;
    case 1146: return TABULA_ERR_UNKNOWN_TABLE;
    case 1064: return TABULA_ERR_SYNTAX;
    case 1045: return TABULA_ERR_ACCESS_DENIED;
    case 2002:
    case 2003: return isTimeout(message) ? TABULA_ERR_CONN_TIMEOUT : TABULA_ERR_CONN_REFUSED;
    case 2005: return TABULA_ERR_HOST_NOT_FOUND;
    case 1927: // connection killed
    case 2006:
    case 2013:
    case 2055: return TABULA_ERR_CONNECTION_LOST;
    case 1213: return TABULA_ERR_DEADLOCK;
    case 1205:
    case 1969:
    case 3024: return TABULA_ERR_TIMEOUT;
    default: return TABULA_ERR_GENERIC;
    }
}

} // namespace

sdk::Error mapError(unsigned int code, std::string_view sqlstate, std::string_view message,
                    Phase phase, std::string_view sql) {
    const tabula_error_kind kind =
        phase == Phase::Connect ? connectKind(code, message) : runKind(code, message);
    std::string fields, constraint;
    switch (kind) {
    case TABULA_ERR_UNIQUE: uniqueFacts(message, sql, fields, constraint); break;
    case TABULA_ERR_FOREIGN_KEY: foreignKeyFacts(message, fields, constraint); break;
    case TABULA_ERR_NOT_NULL: fields = between(message, "'", '\''); break;
    case TABULA_ERR_CHECK: constraint = checkConstraint(message); break;
    default: break;
    }
    return sdk::Error(kind, std::string(message), std::string(sqlstate), code, std::move(fields),
                      std::move(constraint));
}

sdk::Error connectionError(MYSQL* db, Phase phase, std::string_view sql) {
    return mapError(mysql_errno(db), mysql_sqlstate(db), mysql_error(db), phase, sql);
}

sdk::Error statementError(MYSQL_STMT* stmt, std::string_view sql) {
    // An error packet met while reading rows off the wire (a duplicate key
    // found by INSERT ... RETURNING, say) is recorded on the connection only.
    if (mysql_stmt_errno(stmt) == 0 && stmt->mysql && mysql_errno(stmt->mysql) != 0)
        return connectionError(stmt->mysql, Phase::Run, sql);
    return mapError(mysql_stmt_errno(stmt), mysql_stmt_sqlstate(stmt), mysql_stmt_error(stmt),
                    Phase::Run, sql);
}

} // namespace tabula::mysql
