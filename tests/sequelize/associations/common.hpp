// What the association and include ports share: a database emptied first, as
// Sequelize's test support does before each test, and a quoted identifier for
// the few raw statements that look at columns directly.
#pragma once

#include "../support.hpp"

#include <memory>
#include <sstream>
#include <string>
#include <vector>

namespace assoc {

// The dialect's quoting of an identifier.
inline std::string q(const std::string& name) {
    if (conformance::isMysql()) return "`" + name + "`";
    std::string out = "\"";
    for (char c : name) {
        if (c == '"') out += '"';
        out += c;
    }
    return out + "\"";
}

// Drops every table a previous case left on a server, so that foreign keys
// of other cases' tables cannot stand in the way of sync({force: true}).
inline void emptyServer() {
    if (conformance::isSqlite()) return; // a fresh file each time
    auto admin = conformance::open({.pool = {.max = 1}, .logging = false});
    std::vector<std::string> tables;
    if (conformance::isPostgres()) {
        for (const auto& row :
             admin->query("SELECT tablename FROM pg_tables WHERE schemaname = current_schema()")
                 .rows)
            tables.push_back(row[0].asString());
        for (const auto& t : tables)
            admin->query("DROP TABLE IF EXISTS " + q(t) + " CASCADE");
    } else if (conformance::isMysql()) {
        for (const auto& row : admin
                                   ->query("SELECT table_name FROM information_schema.tables "
                                           "WHERE table_schema = DATABASE()")
                                   .rows)
            tables.push_back(row[0].asString());
        admin->query("SET FOREIGN_KEY_CHECKS = 0");
        for (const auto& t : tables)
            admin->query("DROP TABLE IF EXISTS " + q(t));
        admin->query("SET FOREIGN_KEY_CHECKS = 1");
    }
    admin->close();
}

// A database for one case, on an empty server.
inline std::unique_ptr<tabula::Database> open(tabula::Options options = {}) {
    emptyServer();
    return conformance::open(std::move(options));
}

// The value of a column of the first row of a table, read by the column's
// name from SELECT * (SQLite would read an unknown quoted name as a string).
inline tabula::Value columnOf(tabula::Database& db, const std::string& table,
                              const std::string& column) {
    auto rows = db.query("SELECT * FROM " + q(table)).rows;
    if (rows.empty() || !rows[0].has(column)) return {};
    return rows[0][column];
}

// Registers a test case when this run's dialect is in a comma-separated list.
inline bool registerOn(const char* dialects, void (*body)(), const char* name, const char* tags,
                       const char* file, std::size_t line) {
    std::istringstream list(dialects);
    bool on = false;
    for (std::string d; std::getline(list, d, ',');)
        on = on || d == conformance::dialect();
    if (on)
        Catch::AutoReg(Catch::makeTestInvoker(body), Catch::SourceLineInfo(file, line),
                       Catch::StringRef(), Catch::NameAndTags{name, tags});
    return on;
}

} // namespace assoc

// A known failure on some dialects only ("sqlite" or "postgres,mysql"),
// registered only on those: a [!shouldfail] case that returns early through
// ONLY_ON_DIALECTS counts as failed on the others.
#define ASSOC_FAILING_CASE_ON(dialects, file, title, tags)                                         \
    ASSOC_FAILING_CASE_ON2(INTERNAL_CATCH_UNIQUE_NAME(assocCase), dialects, file, title, tags)
#define ASSOC_FAILING_CASE_ON2(fn, dialects, file, title, tags)                                    \
    static void fn();                                                                              \
    namespace {                                                                                    \
    [[maybe_unused]] const bool INTERNAL_CATCH_UNIQUE_NAME(assocRegistered) = ::assoc::registerOn( \
        dialects, &fn, file ": " title, "[sequelize][!shouldfail]" tags, __FILE__, __LINE__);      \
    }                                                                                              \
    static void fn()
