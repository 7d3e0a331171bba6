// Shared by the finder and instance tests: a database cleared of earlier
// cases' tables, and known failures that hold on some dialects only.
#pragma once

#include "sequelize/support.hpp"

#include <cstddef>
#include <memory>
#include <string>
#include <vector>

namespace sequelize {

// A database with no tables in it, as every Sequelize test starts with: on
// the test servers, the tables earlier cases left behind are dropped first
// (Sequelize's Support.clearDatabase between tests).
inline void clearDatabase(tabula::Database& db) {
    using tabula::QueryOptions;
    if (conformance::isPostgres()) {
        auto tables = db.query("SELECT tablename FROM pg_tables WHERE schemaname = 'public'");
        for (const auto& row : tables.rows)
            db.query("DROP TABLE IF EXISTS \"" + row[0].asString() + "\" CASCADE");
        auto types = db.query("SELECT t.typname FROM pg_type t JOIN pg_namespace n ON "
                              "n.oid = t.typnamespace WHERE n.nspname = 'public' AND "
                              "t.typtype = 'e'");
        for (const auto& row : types.rows)
            db.query("DROP TYPE IF EXISTS \"" + row[0].asString() + "\" CASCADE");
    } else if (conformance::isMysql()) {
        // Dropped in rounds: a table others still refer to waits for them.
        for (int round = 0; round < 10; ++round) {
            auto tables = db.query("SELECT table_name FROM information_schema.tables "
                                   "WHERE table_schema = DATABASE()");
            if (tables.rows.empty()) break;
            for (const auto& row : tables.rows) {
                try {
                    db.query("DROP TABLE IF EXISTS `" + row[0].asString() + "`");
                } catch (const tabula::DatabaseError&) {
                }
            }
        }
    }
}

// conformance::open() on a database cleared of earlier cases' tables.
inline std::unique_ptr<tabula::Database> openClean(tabula::Options options = {}) {
    auto db = conformance::open(std::move(options));
    clearDatabase(*db);
    return db;
}

// Whether this run's dialect is in a comma-separated list: "postgres" or
// "sqlite,mysql".
inline bool dialectListed(const char* list) {
    const std::string all = std::string(",") + list + ",";
    return all.find("," + conformance::dialect() + ",") != std::string::npos;
}

// Registers a known failure only on the listed dialects. A [!shouldfail]
// case that returns early through ONLY_ON_DIALECTS ends without a failed
// assertion, which Catch counts as a failure; the copy of the case for the
// other dialects is a SEQUELIZE_CASE.
inline bool registerFailingOn(const char* dialects, void (*body)(), const char* name,
                              const char* tags, const char* file, std::size_t line) {
    if (!dialectListed(dialects)) return false;
    Catch::AutoReg(Catch::makeTestInvoker(body), Catch::SourceLineInfo(file, line),
                   Catch::StringRef(), Catch::NameAndTags(name, tags));
    return true;
}

} // namespace sequelize

// SEQUELIZE_FAILING_CASE_ON("postgres", file, title, tags) { ... }: a
// SEQUELIZE_FAILING_CASE that exists on those dialects only.
#define SEQUELIZE_FAILING_CASE_ON(dialects, file, title, tags)                                     \
    SEQUELIZE_FAILING_CASE_ON_(INTERNAL_CATCH_UNIQUE_NAME(failingCase), dialects, file, title, tags)
#define SEQUELIZE_FAILING_CASE_ON_(fn, dialects, file, title, tags)                                \
    static void fn();                                                                              \
    namespace {                                                                                    \
    [[maybe_unused]] const bool INTERNAL_CATCH_UNIQUE_NAME(failingCaseRegistered) =                \
        ::sequelize::registerFailingOn(dialects, &fn, file ": " title,                             \
                                       "[sequelize][!shouldfail]" tags, __FILE__, __LINE__);       \
    }                                                                                              \
    static void fn()
