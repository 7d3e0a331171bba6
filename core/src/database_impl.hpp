// What a Database holds: the dialect, its generator, the pool, the models,
// and the one place where statements are run and logged.
#pragma once

#include "connection.hpp"
#include "plugin_loader.hpp"
#include "pool.hpp"
#include "sql/generator.hpp"

#include <tabula/database.hpp>

#include <atomic>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_set>
#include <vector>

namespace tabula {

struct TransactionImpl;

namespace detail {

// The statement timeout a call's options ask for, for every statement it
// runs on this thread until it returns; without one, an enclosing call's
// applies, and outside every call the Database's queryTimeout.
class StatementTimeout {
public:
    explicit StatementTimeout(const std::optional<std::chrono::milliseconds>& timeout);
    ~StatementTimeout();
    StatementTimeout(const StatementTimeout&) = delete;
    StatementTimeout& operator=(const StatementTimeout&) = delete;
    static const std::optional<std::chrono::milliseconds>& current();

private:
    std::optional<std::chrono::milliseconds> previous_;
    bool set_ = false;
};

} // namespace detail

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
    // Set, with the server's flags added to profile.supports, by the first
    // connection the pool opens; read with acquire before the generator is used.
    std::atomic<bool> serverKnown{false};
    std::mutex serverMutex;
    std::unique_ptr<sql::Generator> generator;
    // sqlite::memory:: the shared-cache database's name, and a connection
    // that keeps it alive from the first connection on (declared before the
    // pool, so it closes after the pool's connections).
    std::string memoryName;
    std::mutex memoryKeeperMutex;
    std::unique_ptr<detail::Connection> memoryKeeper;
    std::unique_ptr<detail::Pool> pool;

    mutable std::mutex modelsMutex;
    std::map<std::string, std::unique_ptr<Model>> models;
    std::vector<Model*> definitionOrder;
    // Replaced definitions that instances still used when the model was
    // defined again; kept, as their Model objects, until the Database goes.
    std::vector<std::unique_ptr<Model>> retired;

    void open(); // loads the dialect and builds the pool
    void keepMemoryDatabase();
    // Adds the connectTimeout setting: Options::connectTimeout bounded by
    // pool.acquire.
    void addConnectTimeout();

    // Root transactions that still hold a connection, so that destroying
    // the Database can end them instead of leaving them pointing at it.
    std::mutex transactionsMutex;
    std::unordered_set<TransactionImpl*> openTransactions;
    void rememberTransaction(TransactionImpl* t);
    void forgetTransaction(TransactionImpl* t);
    // Closes every open transaction's connection (the server rolls back) and
    // marks it orphaned. Called by ~Database before the pool closes.
    void endOpenTransactions();

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
    // Runs DDL (no parameters, no rows), then counts a schema change.
    void runDdl(const std::string& sql, Transaction* transaction = nullptr);
    // How many schema changes were made through this Database: every
    // connection drops its prepared statements when it sees a new count.
    std::atomic<std::uint64_t> schemaVersion{0};
    void schemaChanged() { schemaVersion.fetch_add(1, std::memory_order_acq_rel); }
    void log(const std::string& sql, const std::vector<Value>& params,
             std::chrono::microseconds elapsed, const std::string& who = "default") const;

    // The generator, once the first connection has told what its server adds.
    const sql::Generator& sql();
    // Called with each connection the pool opens: the first one tells what
    // the server adds to the profile. No second connection is ever taken
    // for this, so a transaction holding the only one can still render SQL.
    void learnServer(detail::Connection& connection);
    bool supports(unsigned flag) { return sql().supports(flag); }
};

} // namespace tabula
