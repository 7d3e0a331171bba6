// What a table looks like in the database, read through each dialect's
// catalog: Sequelize's Model.describe(), queryInterface.showIndex() and
// queryInterface.getForeignKeyReferencesForTable().
#pragma once

#include "support.hpp"

#include <map>
#include <string>
#include <vector>

namespace sequelize {

using tabula::Database;
using tabula::QueryResult;

// Model.describe(), as each dialect reports a table's columns: name -> type.
inline std::map<std::string, std::string> describe(Database& db, const std::string& table) {
    std::map<std::string, std::string> columns;
    QueryResult r;
    if (conformance::isSqlite())
        r = db.query("SELECT name, type FROM pragma_table_info(?)", {.replacements = {table}});
    else if (conformance::isPostgres())
        r = db.query(
            "SELECT column_name AS name, data_type AS type FROM information_schema.columns "
            "WHERE table_schema = current_schema() AND table_name = ?",
            {.replacements = {table}});
    else
        r = db.query(
            "SELECT column_name AS name, column_type AS type FROM "
            "information_schema.columns WHERE table_schema = DATABASE() AND table_name = ?",
            {.replacements = {table}});
    for (const auto& row : r.rows)
        columns[row["name"].asString()] = row["type"].asString();
    return columns;
}

struct IndexInfo {
    std::string name;
    bool unique = false;
    bool primary = false;
};

// queryInterface.showIndex(): one entry per index.
inline std::vector<IndexInfo> showIndex(Database& db, const std::string& table) {
    std::vector<IndexInfo> out;
    if (conformance::isSqlite()) {
        auto r = db.query("SELECT name, \"unique\" AS u, origin FROM pragma_index_list(?)",
                          {.replacements = {table}});
        for (const auto& row : r.rows)
            out.push_back(
                {row["name"].asString(), row["u"].asInt() != 0, row["origin"].asString() == "pk"});
    } else if (conformance::isPostgres()) {
        auto r = db.query("SELECT i.relname AS name, ix.indisunique AS u, ix.indisprimary AS p "
                          "FROM pg_class t JOIN pg_index ix ON t.oid = ix.indrelid "
                          "JOIN pg_class i ON i.oid = ix.indexrelid "
                          "WHERE t.relname = ? AND t.relnamespace = current_schema()::regnamespace",
                          {.replacements = {table}});
        for (const auto& row : r.rows)
            out.push_back({row["name"].asString(), row["u"].asBool(), row["p"].asBool()});
    } else {
        auto r = db.query("SELECT index_name AS name, MIN(non_unique) AS nu FROM "
                          "information_schema.statistics WHERE table_schema = DATABASE() AND "
                          "table_name = ? GROUP BY index_name",
                          {.replacements = {table}});
        for (const auto& row : r.rows) {
            const std::string name = row["name"].asString();
            out.push_back({name, row["nu"].asInt() == 0, name == "PRIMARY"});
        }
    }
    return out;
}

struct ForeignKey {
    std::string columnName, referencedTableName, referencedColumnName;
};

// queryInterface.getForeignKeyReferencesForTable().
inline std::vector<ForeignKey> foreignKeys(Database& db, const std::string& table) {
    std::vector<ForeignKey> out;
    QueryResult r;
    if (conformance::isSqlite())
        r = db.query("SELECT \"from\" AS c, \"table\" AS t, \"to\" AS rc FROM "
                     "pragma_foreign_key_list(?)",
                     {.replacements = {table}});
    else if (conformance::isPostgres())
        r = db.query("SELECT kcu.column_name AS c, ccu.table_name AS t, ccu.column_name AS rc "
                     "FROM information_schema.table_constraints tc "
                     "JOIN information_schema.key_column_usage kcu "
                     "ON tc.constraint_name = kcu.constraint_name "
                     "AND tc.table_schema = kcu.table_schema "
                     "JOIN information_schema.constraint_column_usage ccu "
                     "ON ccu.constraint_name = tc.constraint_name "
                     "AND ccu.table_schema = tc.table_schema "
                     "WHERE tc.constraint_type = 'FOREIGN KEY' AND tc.table_name = ? "
                     "AND tc.table_schema = current_schema()",
                     {.replacements = {table}});
    else
        r = db.query("SELECT column_name AS c, referenced_table_name AS t, "
                     "referenced_column_name AS rc FROM information_schema.key_column_usage "
                     "WHERE table_schema = DATABASE() AND table_name = ? "
                     "AND referenced_table_name IS NOT NULL",
                     {.replacements = {table}});
    for (const auto& row : r.rows)
        out.push_back({row["c"].asString(), row["t"].asString(), row["rc"].asString()});
    return out;
}

// Whether a column accepts NULL.
inline bool allowsNull(Database& db, const std::string& table, const std::string& column) {
    QueryResult r;
    if (conformance::isSqlite()) {
        r = db.query("SELECT \"notnull\" = 0 AS n FROM pragma_table_info(?) WHERE name = ?",
                     {.replacements = {table, column}});
    } else {
        r = db.query(std::string("SELECT is_nullable = 'YES' AS n FROM information_schema.columns "
                                 "WHERE table_schema = ") +
                         (conformance::isPostgres() ? "current_schema()" : "DATABASE()") +
                         " AND table_name = ? AND column_name = ?",
                     {.replacements = {table, column}});
    }
    if (r.rows.empty()) throw tabula::UsageError("no column " + column + " in " + table);
    return r.rows[0]["n"].asBool();
}

} // namespace sequelize
