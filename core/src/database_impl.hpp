// What a Database holds: the dialect, its generator, the pool, the models,
// and the one place where statements are run and logged.
#pragma once

#include "connection.hpp"
#include "plugin_loader.hpp"
#include "pool.hpp"
#include "sql/generator.hpp"

#include <tabula/database.hpp>

#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace tabula {

struct DatabaseImpl {
    Database* self = nullptr;
    std::string database;
    std::string username;
    std::string password;
    Options options;
    std::string dialect; // canonical name: sqlite, postgres, mysql, mssql
    std::vector<std::pair<std::string, std::string>> settings;
    std::shared_ptr<const detail::DialectLibrary> library;
    // The dialect's profile plus what the server adds; the generator reads it.
    tabula_profile profile{};
    std::once_flag serverFlags;
    std::unique_ptr<sql::Generator> generator;
    std::unique_ptr<detail::Pool> pool;

    mutable std::mutex modelsMutex;
    std::map<std::string, std::unique_ptr<Model>> models;
    std::vector<Model*> definitionOrder;
    // Replaced definitions that instances still used when the model was
    // defined again; kept, as their Model objects, until the Database goes.
    std::vector<std::unique_ptr<Model>> retired;

    void open(); // loads the dialect and builds the pool

    // Runs one statement, logging it: on the transaction's connection when
    // one is given, otherwise on a pooled one.
    detail::ResultSet run(const sql::Statement& statement, Transaction* transaction = nullptr,
                          const detail::Connection::RowCallback& onRow = nullptr);
    // The same for parameters whose values live elsewhere.
    detail::ResultSet run(const std::string& sql, detail::ParamRefs params,
                          Transaction* transaction,
                          const detail::Connection::RowCallback& onRow = nullptr);
    // Loads rows with the dialect's bulk insert (TABULA_SUPPORTS_BULK_INSERT),
    // logged as the COPY it stands for; returns the rows written.
    std::int64_t bulkInsert(const std::string& table, const std::vector<std::string>& columns,
                            detail::ParamRefs cells, Transaction* transaction);
    // Runs DDL (no parameters, no rows).
    void runDdl(const std::string& sql, Transaction* transaction = nullptr);
    void log(const std::string& sql, const std::vector<Value>& params,
             std::chrono::microseconds elapsed, const std::string& who = "default") const;

    // The generator, once the first connection has told what its server adds.
    const sql::Generator& sql();
    bool supports(unsigned flag) { return sql().supports(flag); }
};

} // namespace tabula
