// One SQLite database handle and its prepared statements, behind the SDK's
// Connection and Statement interfaces.
#pragma once

#include <tabula/sdk/dialect.hpp>

#include <sqlite3.h>

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace tabula::sqlite {

struct CloseDatabase {
    // close_v2 keeps the handle alive until its last statement is finalized.
    void operator()(sqlite3* db) const { sqlite3_close_v2(db); }
};
struct FinalizeStatement {
    void operator()(sqlite3_stmt* stmt) const { sqlite3_finalize(stmt); }
};
using DatabasePtr = std::unique_ptr<sqlite3, CloseDatabase>;
using StatementPtr = std::unique_ptr<sqlite3_stmt, FinalizeStatement>;

// 'YYYY-MM-DD HH:MM:SS.mmm +00:00', the text form Sequelize stores in SQLite,
// from microseconds since 1970-01-01 UTC (truncated to milliseconds).
std::string formatTimestamp(int64_t micros);
// The same into `out`, which holds kTimestampBuffer bytes; returns the length.
constexpr int kTimestampBuffer = 64;
size_t writeTimestamp(int64_t micros, char* out);

// A connection's statement timeout: a progress handler cancels a statement
// (SQLITE_INTERRUPT) once `at` has passed; each statement sets `at` when it starts.
struct Deadline {
    int64_t milliseconds = 0; // 0: no limit
    std::chrono::steady_clock::time_point at{};
    void start() {
        if (milliseconds > 0)
            at = std::chrono::steady_clock::now() + std::chrono::milliseconds(milliseconds);
    }
    bool passed() const { return milliseconds > 0 && std::chrono::steady_clock::now() >= at; }
    // The error of a statement the handler cancelled.
    sdk::Error error() const;
};

class SqliteStatement final : public sdk::Statement {
public:
    // busyTimeout: how long a statement waits for a table another connection
    // of a shared cache holds (SQLite's busy handler covers only files).
    SqliteStatement(sqlite3* db, StatementPtr stmt, bool isInsert, Deadline* deadline = nullptr,
                    int busyTimeout = 0);

    void bind(int index, const tabula_value& value) override;
    bool step() override;
    int columnCount() override;
    const char* columnName(int column) override;
    tabula_value column(int column) override;
    void row(tabula_value* out, int count) override;
    int64_t changes() override { return changes_; }
    int64_t lastInsertId() override { return lastInsertId_; }
    void reset() override;

private:
    void begin();
    void finish();
    tabula_value cell(int column);

    // A buffer for one bound timestamp's text, valid until reset.
    char* stampSlot();

    // Text made here for bound timestamps. SQLite reads it where it is until
    // the statement is reset, as it does the caller's text, instead of
    // copying it into memory of its own. The blocks are kept across resets
    // and never move; declared before the statement, which is finalized first.
    std::vector<std::unique_ptr<char[]>> stampBlocks_;
    std::size_t stampsUsed_ = 0;
    sqlite3* db_;
    StatementPtr stmt_;
    bool isInsert_;
    Deadline* deadline_;   // the connection's, which outlives its statements
    int busyTimeout_;      // ms
    bool running_ = false; // stepped since prepare or reset
    bool done_ = false;    // reached SQLITE_DONE; stays done until reset
    bool hasRow_ = false;
    int rowColumns_ = 0; // cells in the current row
    int64_t totalBefore_ = 0;
    int64_t rowidBefore_ = 0;
    int64_t changes_ = 0;
    int64_t lastInsertId_ = 0;
};

class SqliteConnection final : public sdk::Connection {
public:
    // Settings: storage (a path or file: URI; empty or ":memory:" for an
    // in-memory database), busyTimeout (ms, default 5000), foreignKeys
    // ("false" to leave SQLite's foreign key enforcement off),
    // readUncommitted ("1": PRAGMA read_uncommitted outside transactions and
    // in those without an isolation level, for a shared-cache database).
    explicit SqliteConnection(const sdk::Settings& settings);

    void ping() override;
    void exec(const std::string& sql) override;
    std::unique_ptr<sdk::Statement> prepare(std::string_view sql) override;
    void transaction(tabula_tx_op op, const char* name, tabula_isolation isolation) override;
    void setTimeout(int64_t milliseconds) override;

private:
    void open(const std::string& path, const sdk::Settings& settings);

    DatabasePtr db_;
    Deadline deadline_;
    int busyTimeout_ = 0;
    bool readUncommitted_ = false;
    // The readUncommitted setting: what a transaction without an isolation
    // level, and the connection outside transactions, use.
    bool readUncommittedDefault_ = false;
};

} // namespace tabula::sqlite
