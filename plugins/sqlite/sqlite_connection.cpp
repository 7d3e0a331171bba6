// SQLite's prepare/bind/step API under the SDK's driver interface: values are
// bound as copies, cells point into SQLite's row buffers, and counters are
// captured when a statement finishes.
#include "sqlite_connection.hpp"

#include "sqlite_errors.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <climits>
#include <cmath>
#include <cstdio>
#include <string_view>
#include <thread>

namespace tabula::sqlite {
namespace {

sdk::Error misuse(const std::string& message) { return sdk::Error(TABULA_ERR_MISUSE, message); }

bool startsWithWord(std::string_view text, std::string_view word) {
    if (text.size() < word.size()) return false;
    for (size_t i = 0; i < word.size(); ++i)
        if (std::toupper(static_cast<unsigned char>(text[i])) != word[i]) return false;
    return true;
}

std::string_view trimLeft(std::string_view text) {
    while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front())))
        text.remove_prefix(1);
    return text;
}

// INSERT and REPLACE report their rowid even when it equals the previous
// statement's (the first row of a second table is rowid 1 too).
bool isInsert(std::string_view sql) {
    sql = trimLeft(sql);
    return startsWithWord(sql, "INSERT") || startsWithWord(sql, "REPLACE");
}

bool isFalse(const std::string& text) {
    std::string lower;
    for (char c : text)
        lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return lower == "false" || lower == "0" || lower == "off" || lower == "no";
}

int busyTimeout(const sdk::Settings& settings) {
    const std::string text = settings.get("busyTimeout", "5000");
    int ms = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), ms);
    if (ec != std::errc{} || end != text.data() + text.size() || ms < 0)
        throw sdk::Error(TABULA_ERR_CONNECTION,
                         "busyTimeout must be a number of milliseconds, not '" + text + "'");
    return ms;
}

std::string quoteName(const char* name) {
    if (!name || !*name) throw misuse("a savepoint needs a name");
    std::string quoted = "\"";
    for (const char* c = name; *c; ++c)
        quoted += *c == '"' ? std::string("\"\"") : std::string(1, *c);
    return quoted + '"';
}

// Year, month and day of a count of days since 1970-01-01 in the proleptic
// Gregorian calendar, the year astronomical (0 is 1 BC). std::chrono's year
// stops at 32767; a timestamp reaches about 294000.
struct Civil {
    int64_t year;
    unsigned month;
    unsigned day;
};

Civil civilFromDays(int64_t days) {
    // 400-year eras of 146097 days, each year counted from March 1 so that
    // the leap day comes last; 0000-03-01 is day -719468.
    const int64_t shifted = days + 719468;
    const int64_t era = (shifted >= 0 ? shifted : shifted - 146096) / 146097;
    const int64_t dayInEra = shifted - era * 146097;
    const int64_t yearInEra =
        (dayInEra - dayInEra / 1460 + dayInEra / 36524 - dayInEra / 146096) / 365;
    const int64_t dayInYear = dayInEra - (365 * yearInEra + yearInEra / 4 - yearInEra / 100);
    const int64_t monthFromMarch = (5 * dayInYear + 2) / 153;
    Civil c;
    c.day = static_cast<unsigned>(dayInYear - (153 * monthFromMarch + 2) / 5 + 1);
    c.month = static_cast<unsigned>(monthFromMarch < 10 ? monthFromMarch + 3 : monthFromMarch - 9);
    c.year = era * 400 + yearInEra + (c.month <= 2 ? 1 : 0);
    return c;
}

} // namespace

size_t writeTimestamp(int64_t micros, char* out) {
    constexpr int64_t perDay = 86'400'000'000;
    // Whole milliseconds, counted down from the instant; the remainder first,
    // as days * perDay would overflow near the smallest timestamp.
    int64_t day = micros / perDay;
    int64_t rest = micros % perDay;
    if (rest < 0) {
        rest += perDay;
        --day;
    }
    const int64_t millis = rest / 1000;
    const Civil date = civilFromDays(day);
    auto put = [&](size_t at, auto value, int digits) {
        sdk::putDigits(out + at, static_cast<uint64_t>(value), digits);
    };
    if (date.year < 0 || date.year > 9999) {
        // ISO 8601's expanded year, as the core writes and reads it: a sign
        // and at least six digits.
        const uint64_t magnitude =
            date.year < 0 ? 0 - static_cast<uint64_t>(date.year) : static_cast<uint64_t>(date.year);
        const int n = std::snprintf(
            out, kTimestampBuffer, "%c%06llu-%02u-%02u %02lld:%02lld:%02lld.%03lld +00:00",
            date.year < 0 ? '-' : '+', static_cast<unsigned long long>(magnitude), date.month,
            date.day, static_cast<long long>(millis / 3'600'000),
            static_cast<long long>(millis / 60'000 % 60),
            static_cast<long long>(millis / 1000 % 60), static_cast<long long>(millis % 1000));
        return static_cast<size_t>(std::min(std::max(n, 0), kTimestampBuffer - 1));
    }
    // Digit by digit: this runs for every timestamp bound, and printf's
    // format parsing cost more than the rest of the bind.
    constexpr std::string_view pattern = "0000-00-00 00:00:00.000 +00:00";
    std::copy(pattern.begin(), pattern.end(), out);
    put(0, date.year, 4);
    put(5, date.month, 2);
    put(8, date.day, 2);
    put(11, millis / 3'600'000, 2);
    put(14, millis / 60'000 % 60, 2);
    put(17, millis / 1000 % 60, 2);
    put(20, millis % 1000, 3);
    return pattern.size();
}

std::string formatTimestamp(int64_t micros) {
    char text[kTimestampBuffer];
    return std::string(text, writeTimestamp(micros, text));
}

// ---- statements ----------------------------------------------------------

sdk::Error Deadline::error() const {
    return sdk::Error(TABULA_ERR_TIMEOUT,
                      "the statement was cancelled after its timeout of " +
                          std::to_string(milliseconds) + " ms",
                      "57014", SQLITE_INTERRUPT);
}

SqliteStatement::SqliteStatement(sqlite3* db, StatementPtr stmt, bool isInsert, Deadline* deadline,
                                 int busyTimeout)
    : db_(db), stmt_(std::move(stmt)), isInsert_(isInsert), deadline_(deadline),
      busyTimeout_(busyTimeout) {}

void SqliteStatement::bind(int index, const tabula_value& value) {
    sqlite3_stmt* s = stmt_.get();
    // The caller's buffer stays valid until reset (see tabula_driver::bind),
    // so SQLite reads it where it is; text made here is copied.
    auto bindText = [&](const char* data, size_t size, sqlite3_destructor_type keep) {
        // A null pointer would bind NULL, not the empty string.
        return sqlite3_bind_text64(s, index, data ? data : "", size, keep, SQLITE_UTF8);
    };
    int rc = SQLITE_OK;
    switch (value.type) {
    case TABULA_TYPE_NULL: rc = sqlite3_bind_null(s, index); break;
    case TABULA_TYPE_BOOL: rc = sqlite3_bind_int64(s, index, value.i != 0 ? 1 : 0); break;
    case TABULA_TYPE_INT: rc = sqlite3_bind_int64(s, index, value.i); break;
    case TABULA_TYPE_DOUBLE:
        // SQLite stores a NaN as NULL.
        if (std::isnan(value.d))
            throw sdk::Error(TABULA_ERR_GENERIC,
                             "parameter " + std::to_string(index) +
                                 ": SQLite cannot store the double NaN (it would store NULL)",
                             "22003");
        rc = sqlite3_bind_double(s, index, value.d);
        break;
    case TABULA_TYPE_BYTES:
        rc = value.size == 0 ? sqlite3_bind_zeroblob(s, index, 0)
                             : sqlite3_bind_blob64(s, index, value.data, value.size, SQLITE_STATIC);
        break;
    case TABULA_TYPE_DECIMAL:
        if (!sdk::finiteDecimal(sdk::textOf(value)))
            throw sdk::Error(
                TABULA_ERR_GENERIC,
                "parameter " + std::to_string(index) + ": SQLite cannot store the decimal '" +
                    std::string(sdk::textOf(value)) + "' as a number (only finite decimal numbers)",
                "22003");
        rc = bindText(value.data, value.size, SQLITE_STATIC);
        break;
    case TABULA_TYPE_TEXT:
    case TABULA_TYPE_DATE:
    case TABULA_TYPE_TIME:
    case TABULA_TYPE_JSON:
    case TABULA_TYPE_UUID: rc = bindText(value.data, value.size, SQLITE_STATIC); break;
    case TABULA_TYPE_TIMESTAMP: {
        char* text = stampSlot();
        rc = bindText(text, writeTimestamp(value.i, text), SQLITE_STATIC);
        break;
    }
    default: throw misuse("cannot bind a value of unknown type " + std::to_string(value.type));
    }
    if (rc == SQLITE_RANGE)
        throw sdk::Error(TABULA_ERR_MISUSE,
                         "parameter " + std::to_string(index) +
                             " is out of range: the statement has " +
                             std::to_string(sqlite3_bind_parameter_count(s)),
                         "", rc);
    if (rc != SQLITE_OK) throw translateError(rc, sqlite3_errmsg(db_));
}

void SqliteStatement::begin() {
    if (running_) return;
    running_ = true;
    if (deadline_) deadline_->start();
    changes_ = 0;
    lastInsertId_ = 0;
    totalBefore_ = sqlite3_total_changes64(db_);
    rowidBefore_ = sqlite3_last_insert_rowid(db_);
}

void SqliteStatement::finish() {
    done_ = true;
    // sqlite3_changes keeps the count of the last INSERT/UPDATE/DELETE, so a
    // SELECT or DDL would report a stale number; the total tells them apart.
    changes_ = sqlite3_total_changes64(db_) != totalBefore_ ? sqlite3_changes64(db_) : 0;
    const int64_t rowid = sqlite3_last_insert_rowid(db_);
    lastInsertId_ = changes_ > 0 && (isInsert_ || rowid != rowidBefore_) ? rowid : 0;
}

bool SqliteStatement::step() {
    // Stepping a finished statement again would run it again in SQLite.
    if (done_) return false;
    const bool first = !running_;
    begin();
    int rc = sqlite3_step(stmt_.get());
    // In a shared cache another connection's transaction holds the table:
    // wait for it as the busy handler waits for a file's lock, retrying the
    // statement while it has not produced anything yet.
    if (first && rc == SQLITE_LOCKED_SHAREDCACHE && busyTimeout_ > 0) {
        const auto giveUp =
            std::chrono::steady_clock::now() + std::chrono::milliseconds(busyTimeout_);
        auto pause = std::chrono::milliseconds(1);
        while (rc == SQLITE_LOCKED_SHAREDCACHE && std::chrono::steady_clock::now() < giveUp &&
               !(deadline_ && deadline_->passed())) {
            sqlite3_reset(stmt_.get());
            std::this_thread::sleep_for(pause);
            pause = std::min(pause * 2, std::chrono::milliseconds(20));
            rc = sqlite3_step(stmt_.get());
        }
    }
    hasRow_ = rc == SQLITE_ROW;
    if (rc == SQLITE_ROW) {
        rowColumns_ = sqlite3_data_count(stmt_.get());
        return true;
    }
    if (rc == SQLITE_DONE) {
        finish();
        return false;
    }
    // Read the error before reset replaces it; resetting at once releases the
    // locks a failed statement holds.
    sdk::Error error = rc == SQLITE_INTERRUPT && deadline_ && deadline_->passed()
                           ? deadline_->error()
                           : translateError(rc, sqlite3_errmsg(db_));
    sqlite3_reset(stmt_.get());
    running_ = false;
    throw error;
}

int SqliteStatement::columnCount() { return sqlite3_column_count(stmt_.get()); }

const char* SqliteStatement::columnName(int column) {
    if (column < 0 || column >= columnCount())
        throw misuse("column " + std::to_string(column) + " is out of range");
    const char* name = sqlite3_column_name(stmt_.get(), column);
    if (!name) throw sdk::Error(TABULA_ERR_GENERIC, "out of memory reading a column name");
    return name;
}

tabula_value SqliteStatement::column(int column) {
    if (!hasRow_) throw misuse("no current row: column() follows a step() that returned a row");
    if (column < 0 || column >= rowColumns_)
        throw misuse("column " + std::to_string(column) + " is out of range");
    return cell(column);
}

void SqliteStatement::row(tabula_value* out, int count) {
    if (!hasRow_) throw misuse("no current row: row() follows a step() that returned a row");
    if (count < 0 || count > rowColumns_)
        throw misuse("row of " + std::to_string(count) + " cells asked for; the row has " +
                     std::to_string(rowColumns_));
    for (int c = 0; c < count; ++c)
        out[c] = cell(c);
}

tabula_value SqliteStatement::cell(int column) {
    // One call finds the cell; the sqlite3_value_* readers that follow do
    // not go through the statement again. The connection is opened NOMUTEX
    // and used by one thread at a time, so the value needs no lock.
    sqlite3_value* cell = sqlite3_column_value(stmt_.get(), column);
    switch (sqlite3_value_type(cell)) {
    case SQLITE_INTEGER: return sdk::intValue(sqlite3_value_int64(cell));
    case SQLITE_FLOAT: return sdk::doubleValue(sqlite3_value_double(cell));
    case SQLITE_TEXT: {
        // Pointer first, then size: that order never converts the cell.
        const auto* text = reinterpret_cast<const char*>(sqlite3_value_text(cell));
        if (!text) throw sdk::Error(TABULA_ERR_GENERIC, "out of memory reading a text column");
        return sdk::textValue(text, static_cast<size_t>(sqlite3_value_bytes(cell)));
    }
    case SQLITE_BLOB: {
        const auto* blob = static_cast<const char*>(sqlite3_value_blob(cell));
        const auto size = static_cast<size_t>(sqlite3_value_bytes(cell));
        return sdk::textValue(blob ? blob : "", size, TABULA_TYPE_BYTES);
    }
    default: return sdk::nullValue();
    }
}

char* SqliteStatement::stampSlot() {
    constexpr std::size_t perBlock = 64;
    const std::size_t block = stampsUsed_ / perBlock;
    if (block == stampBlocks_.size())
        stampBlocks_.push_back(std::make_unique<char[]>(perBlock * kTimestampBuffer));
    char* slot = stampBlocks_[block].get() + (stampsUsed_ % perBlock) * kTimestampBuffer;
    ++stampsUsed_;
    return slot;
}

void SqliteStatement::reset() {
    // reset returns the last step's error, which step() already reported.
    sqlite3_reset(stmt_.get());
    sqlite3_clear_bindings(stmt_.get());
    stampsUsed_ = 0; // nothing reads the bound text any more
    running_ = false;
    done_ = false;
    hasRow_ = false;
}

// ---- connections ---------------------------------------------------------

SqliteConnection::SqliteConnection(const sdk::Settings& settings) {
    const std::string storage = settings.get("storage");
    const std::string path = storage.empty() ? ":memory:" : storage;
    try {
        open(path, settings);
    } catch (const sdk::Error& e) {
        // Whatever fails while opening, the application sees a ConnectionError
        // that names the file.
        throw sdk::Error(TABULA_ERR_CONNECTION, std::string(e.what()) + " (storage: " + path + ")",
                         e.sqlstate, e.nativeCode);
    }
}

void SqliteConnection::open(const std::string& path, const sdk::Settings& settings) {
    const int timeout = busyTimeout(settings);
    busyTimeout_ = timeout;
    sqlite3* raw = nullptr;
    // NOMUTEX: the pool hands a connection to one thread at a time.
    const int flags =
        SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_URI;
    const int rc = sqlite3_open_v2(path.c_str(), &raw, flags, nullptr);
    db_.reset(raw);
    if (rc != SQLITE_OK)
        throw translateError(raw ? sqlite3_extended_errcode(raw) : rc,
                             raw ? sqlite3_errmsg(raw) : sqlite3_errstr(rc));
    sqlite3_extended_result_codes(raw, 1);
    sqlite3_busy_timeout(raw, timeout);
    if (!isFalse(settings.get("foreignKeys"))) exec("PRAGMA foreign_keys=ON");
    // A shared-cache database: reading a table another connection's open
    // transaction wrote would fail at once with SQLITE_LOCKED; this reads
    // its rows instead.
    if (settings.get("readUncommitted") == "1") {
        exec("PRAGMA read_uncommitted=1");
        readUncommitted_ = readUncommittedDefault_ = true;
    }
    // SQLite reads the file lazily; reading the schema now makes a file that
    // is not a database fail here rather than at the first query.
    exec("SELECT 1 FROM sqlite_master LIMIT 1");
    // A pool shares one file between connections: with write-ahead logging
    // readers and the writer do not block each other. "journalMode" chooses
    // another mode; an in-memory database keeps its own.
    const std::string journal = settings.get("journalMode", "WAL");
    const bool memory =
        path.empty() || path == ":memory:" || path.find("mode=memory") != std::string::npos;
    if (!memory && !journal.empty()) {
        for (char c : journal)
            if (!std::isalpha(static_cast<unsigned char>(c)))
                throw sdk::Error(TABULA_ERR_MISUSE,
                                 "journalMode must be a word such as WAL or DELETE");
        exec("PRAGMA journal_mode=" + journal);
    }
}

// An embedded database has no connection to lose.
void SqliteConnection::ping() {}

void SqliteConnection::exec(const std::string& sql) {
    char* raw = nullptr;
    deadline_.start();
    const int rc = sqlite3_exec(db_.get(), sql.c_str(), nullptr, nullptr, &raw);
    const std::unique_ptr<char, decltype(&sqlite3_free)> message(raw, &sqlite3_free);
    if (rc == SQLITE_INTERRUPT && deadline_.passed()) throw deadline_.error();
    if (rc != SQLITE_OK)
        throw translateError(rc, message ? message.get() : sqlite3_errmsg(db_.get()));
}

namespace {
// Called every few thousand virtual machine instructions while a statement runs.
int onProgress(void* deadline) { return static_cast<const Deadline*>(deadline)->passed() ? 1 : 0; }
} // namespace

void SqliteConnection::setTimeout(int64_t milliseconds) {
    if (milliseconds < 0) throw misuse("a negative statement timeout");
    deadline_.milliseconds = milliseconds;
    // Without a limit no handler runs, so statements pay nothing for it.
    if (milliseconds > 0)
        sqlite3_progress_handler(db_.get(), 1000, &onProgress, &deadline_);
    else
        sqlite3_progress_handler(db_.get(), 0, nullptr, nullptr);
}

std::unique_ptr<sdk::Statement> SqliteConnection::prepare(std::string_view sql) {
    if (sql.size() > static_cast<size_t>(INT_MAX)) throw misuse("the statement is too long");
    sqlite3_stmt* raw = nullptr;
    const char* tail = nullptr;
    int rc = sqlite3_prepare_v2(db_.get(), sql.data(), static_cast<int>(sql.size()), &raw, &tail);
    StatementPtr stmt(raw);
    if (rc != SQLITE_OK) throw translateError(rc, sqlite3_errmsg(db_.get()));
    if (!stmt) throw misuse("prepare needs one SQL statement and the text has none");

    // What follows the first statement may only be blanks or comments.
    const std::string_view rest = sql.substr(static_cast<size_t>(tail - sql.data()));
    if (!trimLeft(rest).empty()) {
        sqlite3_stmt* second = nullptr;
        rc = sqlite3_prepare_v2(db_.get(), rest.data(), static_cast<int>(rest.size()), &second,
                                nullptr);
        const StatementPtr owned(second);
        if (rc != SQLITE_OK || owned)
            throw misuse("prepare takes one SQL statement; run several with exec");
    }
    return std::make_unique<SqliteStatement>(db_.get(), std::move(stmt), isInsert(sql), &deadline_,
                                             busyTimeout_);
}

void SqliteConnection::transaction(tabula_tx_op op, const char* name, tabula_isolation isolation) {
    switch (op) {
    case TABULA_TX_BEGIN: {
        // SQLite transactions are always serializable. READ UNCOMMITTED is a
        // per-connection pragma (it matters with a shared cache); the stronger
        // levels take the write lock up front so that the transaction cannot
        // fail later on a lock upgrade.
        const bool uncommitted = isolation == TABULA_ISO_READ_UNCOMMITTED ||
                                 (isolation == TABULA_ISO_DEFAULT && readUncommittedDefault_);
        if (uncommitted != readUncommitted_) {
            exec(uncommitted ? "PRAGMA read_uncommitted=1" : "PRAGMA read_uncommitted=0");
            readUncommitted_ = uncommitted;
        }
        const bool immediate =
            isolation == TABULA_ISO_REPEATABLE_READ || isolation == TABULA_ISO_SERIALIZABLE;
        exec(immediate ? "BEGIN IMMEDIATE" : "BEGIN");
        return;
    }
    case TABULA_TX_COMMIT:
    case TABULA_TX_ROLLBACK:
        exec(op == TABULA_TX_COMMIT ? "COMMIT" : "ROLLBACK");
        // Outside a transaction the connection reads as its settings say.
        if (readUncommitted_ != readUncommittedDefault_) {
            exec(readUncommittedDefault_ ? "PRAGMA read_uncommitted=1"
                                         : "PRAGMA read_uncommitted=0");
            readUncommitted_ = readUncommittedDefault_;
        }
        return;
    case TABULA_TX_SAVEPOINT: exec("SAVEPOINT " + quoteName(name)); return;
    case TABULA_TX_RELEASE: exec("RELEASE " + quoteName(name)); return;
    case TABULA_TX_ROLLBACK_TO: exec("ROLLBACK TO " + quoteName(name)); return;
    }
    throw misuse("unknown transaction operation " + std::to_string(op));
}

} // namespace tabula::sqlite
