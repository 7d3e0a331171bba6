// A database with no tables in it, as every Sequelize test starts with: on
// the test servers, the tables earlier cases left behind are dropped first
// (Sequelize's Support.clearDatabase between tests).
#pragma once

#include "sequelize/support.hpp"

#include <memory>
#include <string>
#include <vector>

namespace sequelize {

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

} // namespace sequelize
