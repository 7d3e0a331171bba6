// Sequelize's Support.clearDatabase for the cases here: a Database on this
// run's dialect with no tables left over from earlier cases (the server
// dialects share one database; SQLite gets a fresh file anyway).
#pragma once

#include "sequelize/support.hpp"

#include <memory>
#include <string>

namespace sequelize {

inline std::string quoteName(const std::string& name, char quote) {
    std::string out(1, quote);
    for (char c : name) {
        out += c;
        if (c == quote) out += c;
    }
    return out + quote;
}

inline void clearDatabase(tabula::Database& db) {
    using tabula::QueryOptions;
    if (conformance::isPostgres()) {
        auto tables = db.query("SELECT tablename FROM pg_tables WHERE schemaname = 'public'");
        for (const auto& row : tables.rows)
            db.query("DROP TABLE IF EXISTS " + quoteName(row[std::size_t{0}].asString(), '"') +
                     " CASCADE");
        auto types =
            db.query("SELECT t.typname FROM pg_type t JOIN pg_namespace n ON "
                     "n.oid = t.typnamespace WHERE n.nspname = 'public' AND t.typtype = 'e'");
        for (const auto& row : types.rows)
            db.query("DROP TYPE IF EXISTS " + quoteName(row[std::size_t{0}].asString(), '"') +
                     " CASCADE");
    } else if (conformance::isMysql()) {
        tabula::Transaction t = db.transaction(); // one connection for the session setting
        db.query("SET FOREIGN_KEY_CHECKS = 0", {.transaction = &t});
        auto tables = db.query("SELECT table_name FROM information_schema.tables WHERE "
                               "table_schema = DATABASE()",
                               {.transaction = &t});
        for (const auto& row : tables.rows)
            db.query("DROP TABLE IF EXISTS " + quoteName(row[std::size_t{0}].asString(), '`'),
                     {.transaction = &t});
        db.query("SET FOREIGN_KEY_CHECKS = 1", {.transaction = &t});
        t.commit();
    }
}

// Clears the database again when the case is done with it, as Sequelize
// does after each test, so that no table of these cases is in the way of
// the next one.
struct ClearOnClose {
    void operator()(tabula::Database* db) const noexcept {
        try {
            clearDatabase(*db);
        } catch (...) {
            // Best effort: the next openClean() clears again.
        }
        delete db;
    }
};

using DatabasePtr = std::unique_ptr<tabula::Database, ClearOnClose>;

inline DatabasePtr openClean(tabula::Options options = {}) {
    DatabasePtr db(conformance::open(std::move(options)).release());
    clearDatabase(*db);
    return db;
}

} // namespace sequelize

// A known failure on some dialects only (the other copy of the case runs on
// the rest). SEQUELIZE_FAILING_CASE cannot be used with ONLY_ON_DIALECTS:
// Catch counts a [!shouldfail] case that was skipped, and so did not fail, as
// failed. These cases are [!mayfail] instead: a failure is counted as a known
// failure, a skip as skipped; unlike SEQUELIZE_FAILING_CASE, a pass is not
// flagged.
#define SEQUELIZE_FAILING_ON_SOME_DIALECTS_CASE(file, title, tags)                                 \
    TEST_CASE(file ": " title, "[sequelize][!mayfail]" tags)
