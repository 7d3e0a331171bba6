// Database: the connection to one database through one dialect, with its
// pool, its models and raw queries. Thread-safe; create one per database.
#pragma once

#include <tabula/model.hpp>
#include <tabula/query.hpp>
#include <tabula/transaction.hpp>
#include <tabula/value.hpp>

#include <chrono>
#include <cstdint>
#include <functional>
#include <future>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace tabula {

// Sequelize's pool options. Times in milliseconds as there.
struct PoolOptions {
    int max = 5;
    int min = 0;
    std::chrono::milliseconds idle{10000};    // close a spare connection idle this long
    std::chrono::milliseconds acquire{60000}; // wait this long for a free one, then throw
    std::chrono::milliseconds evict{1000};    // how often idle connections are checked
};

// Where each statement is reported: the default prints
// "Executing (default): <sql>" to standard output, like Sequelize.
class Logging {
public:
    using Sink = std::function<void(const std::string& message)>;
    using TimedSink = std::function<void(const std::string& message, std::chrono::microseconds)>;

    Logging() = default;            // the default sink
    Logging(bool on) : off_(!on) {} // false: no logging
    Logging(Sink sink) : sink_(std::move(sink)) {}
    Logging(TimedSink sink) : timedSink_(std::move(sink)) {}
    template <class F>
    requires std::is_invocable_v<F, const std::string&> &&
        (!std::is_invocable_v<F, const std::string&, std::chrono::microseconds>)Logging(F f)
        : sink_(std::move(f)) {}
    template <class F>
    requires std::is_invocable_v<F, const std::string&, std::chrono::microseconds> Logging(F f)
        : timedSink_(std::move(f)) {}

    bool enabled() const { return !off_; }
    bool custom() const { return sink_ || timedSink_; } // a sink of the program's own
    void write(const std::string& message, std::chrono::microseconds elapsed) const;

private:
    bool off_ = false;
    Sink sink_;
    TimedSink timedSink_;
};

struct Options {
    std::string host{}; // default "localhost"
    int port = 0;       // 0: the dialect's default
    std::string dialect{};
    std::string storage{}; // SQLite: file path or ":memory:"
    PoolOptions pool{};
    Logging logging{};
    bool benchmark = false; // log elapsed time with each statement
    ModelOptions define{};  // defaults for every model
    std::map<std::string, std::string> dialectOptions{};
    std::string pluginPath{}; // folder searched first for dialect plugins
    // How long opening one connection may take before ConnectionTimedOutError;
    // 0: 10 s, as in Sequelize. Never longer than pool.acquire. PostgreSQL
    // and SQL Server count whole seconds (rounded up; PostgreSQL at least 2).
    std::chrono::milliseconds connectTimeout{0};
    // How long one statement may run before it is cancelled with
    // TimeoutError; 0: no limit. A query's own `timeout` option overrides it.
    std::chrono::milliseconds queryTimeout{0};
};

// A row of a raw query: column names and values in order.
class Row {
public:
    Row(std::shared_ptr<const std::vector<std::string>> columns, std::vector<Value> values)
        : columns_(std::move(columns)), values_(std::move(values)) {}
    const std::vector<std::string>& columns() const { return *columns_; }
    const std::vector<Value>& values() const { return values_; }
    // Throws UsageError naming the column when it is not in the row.
    const Value& operator[](const std::string& column) const;
    // Throws UsageError naming the index and the number of columns.
    const Value& operator[](std::size_t index) const;
    bool has(const std::string& column) const;
    std::string toJSON() const;

private:
    std::shared_ptr<const std::vector<std::string>> columns_;
    std::vector<Value> values_;
};

enum class QueryType { Select, Insert, Update, Delete, Raw };

struct QueryOptions {
    // Values for `?` or `:name` in the SQL; sent as bound parameters.
    std::vector<Value> replacements{};
    std::map<std::string, Value> namedReplacements{};
    // Values for `$1` or `$name` in the SQL; sent as bound parameters.
    std::vector<Value> bind{};
    std::map<std::string, Value> namedBind{};
    QueryType type = QueryType::Raw;
    const Model* model = nullptr; // map rows to instances of this model
    Transaction* transaction = nullptr;
    // This statement's time limit (TimeoutError past it); 0: none; unset:
    // Options::queryTimeout.
    std::optional<std::chrono::milliseconds> timeout{};
};

struct QueryResult {
    std::vector<Row> rows{};
    std::vector<Instance> instances{}; // with QueryOptions::model
    std::int64_t affectedRows = 0;
    std::int64_t lastInsertId = 0;
};

struct DatabaseImpl;

class Database {
public:
    Database(const std::string& database, const std::string& username, const std::string& password,
             Options options = {});
    // "sqlite::memory:", "sqlite:path/db.sqlite", "postgres://user:pass@host:5432/db", ...
    explicit Database(const std::string& uri, Options options = {});
    ~Database();
    Database(const Database&) = delete;
    Database& operator=(const Database&) = delete;

    // Connects and runs a trivial query; throws ConnectionError with the cause.
    void authenticate();
    std::future<void> authenticateAsync();
    // Closes every pooled connection; later queries throw.
    void close();

    Model& define(const std::string& modelName, AttributeList attributes,
                  ModelOptions options = {});
    Model& model(const std::string& modelName) const;
    bool isDefined(const std::string& modelName) const;

    // Syncs every defined model.
    void sync(SyncOptions options = {});
    std::future<void> syncAsync(SyncOptions options = {});
    void drop();

    // An unmanaged transaction: call commit() or rollback().
    Transaction transaction(TransactionOptions options = {});
    // A managed transaction: commits when body returns, rolls back and
    // rethrows when it throws. Returns what body returns.
    template <class F>
    requires std::invocable<F, Transaction&>
    auto transaction(F&& body, TransactionOptions options = {}) {
        Transaction t = transaction(options);
        return t.run(std::forward<F>(body));
    }

    QueryResult query(const std::string& sql, QueryOptions options = {});
    std::future<QueryResult> queryAsync(std::string sql, QueryOptions options = {});

    const std::string& dialectName() const;
    const std::string& databaseName() const;
    const Options& options() const;

    DatabaseImpl& impl() const { return *impl_; }

private:
    std::unique_ptr<DatabaseImpl> impl_;
};

} // namespace tabula
