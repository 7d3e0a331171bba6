// One open dialect connection: prepared statements cached by SQL text,
// values converted at the C boundary, errors turned into exceptions.
#pragma once

#include "plugin_loader.hpp"

#include <tabula/value.hpp>

#include <chrono>
#include <cstdint>
#include <functional>
#include <list>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace tabula::detail {

struct ResultSet {
    std::shared_ptr<const std::vector<std::string>> columns;
    std::vector<std::vector<Value>> rows;
    std::int64_t changes = 0;
    std::int64_t lastInsertId = 0;
};

// Converts between core values and C cells.
Value fromCell(const tabula_value& cell);

// Parameters by position, wherever their values live (a statement's own
// list, or the instances of a bulk insert).
using ParamRefs = std::span<const Value* const>;

// Throws the exception class for err's kind, with the SQL and parameters.
[[noreturn]] void throwDialectError(const tabula_error& err, const std::string& dialect,
                                    const std::string& sql, const std::vector<Value>& params);

class Connection {
public:
    Connection(std::shared_ptr<const DialectLibrary> library, tabula_conn* handle);
    ~Connection();
    Connection(const Connection&) = delete;
    Connection& operator=(const Connection&) = delete;

    // Opens a connection; settings as the driver's connect expects them.
    static std::unique_ptr<Connection>
    open(std::shared_ptr<const DialectLibrary> library,
         const std::vector<std::pair<std::string, std::string>>& settings);

    const DialectLibrary& library() const { return *library_; }
    void ping();
    void exec(const std::string& sql);
    ResultSet execute(const std::string& sql, const std::vector<Value>& params);
    // Streams rows; cells are valid only during the callback. The column
    // list is the same object for every row of a result, and for every run
    // of the same cached statement while its columns stay the same.
    using Columns = std::shared_ptr<const std::vector<std::string>>;
    using RowCallback =
        std::function<void(const Columns& columns, const tabula_value* cells, int count)>;
    ResultSet execute(const std::string& sql, const std::vector<Value>& params,
                      const RowCallback& onRow);
    // The same, with parameters whose values live elsewhere.
    ResultSet executeRefs(const std::string& sql, ParamRefs params,
                          const RowCallback& onRow = nullptr);
    // Loads rows of `columns.size()` cells each (row after row) with the
    // dialect's bulk_insert (ABI 1.5); `text` names the operation in errors.
    std::int64_t bulkInsert(const std::string& text, const std::string& table,
                            const std::vector<std::string>& columns, ParamRefs cells);
    void transaction(tabula_tx_op op, const std::string& savepoint = {},
                     tabula_isolation isolation = TABULA_ISO_DEFAULT);

    // Flags the server adds to the profile's (0 for a plugin older than ABI 1.1).
    uint32_t serverSupports();

    // Bounds the statements run from now on to `timeout` (0: no limit) with
    // the dialect's set_timeout (ABI 1.6), which is called only when the
    // value differs from the one last set. UsageError when the dialect
    // cannot bound statements and a limit is asked for.
    void setTimeout(std::chrono::milliseconds timeout);

    // Prepared statements are made for one schema. The Database counts its
    // schema changes; a connection that last ran under an older count drops
    // its prepared statements before running anything else.
    void useSchema(std::uint64_t version) {
        if (version != schemaVersion_) clearStatements(version);
    }

    // False once an error said the connection is lost, or once it was
    // poisoned; the pool drops it instead of taking it back.
    bool usable() const { return usable_; }
    // Marks a connection whose state is no longer known (a transaction
    // verb failed): it is closed when released, never reused.
    void poison() { usable_ = false; }
    // When the pool last took it back: what its idle eviction measures.
    std::chrono::steady_clock::time_point lastUsed() const { return lastUsed_; }
    void touch();

private:
    struct CachedStatement {
        std::string sql;
        tabula_stmt* stmt;
        // Its result's column names, read once rather than on every run.
        std::shared_ptr<const std::vector<std::string>> columns;
    };
    CachedStatement& statementFor(const std::string& sql);
    // Finalizes one cached statement, or all of them.
    void forgetStatement(const std::string& sql);
    void clearStatements(std::uint64_t version);
    // The error a failed call wrote into error_, which is cleared again.
    tabula_error takeError();

    std::shared_ptr<const DialectLibrary> library_;
    tabula_conn* handle_;
    // Handed to the plugin's calls: cleared once, and again only after a
    // call has written an error into it (a dialect writes it only on
    // failure), rather than clearing its 1.4 kB before every call.
    tabula_error error_;
    bool usable_ = true;
    std::uint64_t schemaVersion_ = 0;
    // The statement timeout the dialect was last given, in milliseconds; -1
    // when unknown (a rollback may have undone it). timed_: one was ever set.
    std::int64_t timeout_ = 0;
    bool timed_ = false;
    std::chrono::steady_clock::time_point lastUsed_;
    // LRU cache of prepared statements by SQL text.
    std::list<CachedStatement> lru_;
    std::unordered_map<std::string_view, std::list<CachedStatement>::iterator> cache_;
};

} // namespace tabula::detail
