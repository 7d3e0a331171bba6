// One dialect connection: converts values at the C boundary, caches prepared
// statements by SQL text and turns the plugin's error codes into exceptions.
#include "connection.hpp"

#include <cstddef>

#include <tabula/errors.hpp>

#include <algorithm>
#include <array>
#include <cstdio>
#include <cstring>
#include <forward_list>
#include <utility>

namespace tabula::detail {

namespace {

// The longest text of one parameter quoted in an error; the rest is cut.
constexpr std::size_t kMaxParameterText = 256;
// What one error message quotes at most: the SQL's first characters and the
// first parameters. The full SQL and every parameter stay in the facts.
constexpr std::size_t kMaxMessageSql = 2000;
constexpr std::size_t kMaxMessageParameters = 20;

// Prepared statements kept per connection.
constexpr std::size_t kStatementCacheSize = 64;

// Thrown by statementFor, which does not see the parameters; execute turns
// it into the dialect's exception with them.
struct PrepareFailure {
    tabula_error err;
};

tabula_error freshError() {
    tabula_error err{};
    err.struct_size = sizeof err;
    return err;
}

// A plugin's fixed buffer as text, even if it forgot the terminating NUL.
std::string bufferText(const char* buffer, std::size_t capacity) {
    return std::string(buffer, strnlen(buffer, capacity));
}

bool isConnectionKind(int kind) {
    switch (kind) {
    case TABULA_ERR_CONNECTION:
    case TABULA_ERR_CONN_REFUSED:
    case TABULA_ERR_ACCESS_DENIED:
    case TABULA_ERR_HOST_NOT_FOUND:
    case TABULA_ERR_CONN_TIMEOUT:
    case TABULA_ERR_CONNECTION_LOST: return true;
    default: return false;
    }
}

// Cuts text to kMaxParameterText bytes on a UTF-8 character boundary.
std::string shorten(std::string_view text) {
    if (text.size() <= kMaxParameterText) return std::string(text);
    std::size_t cut = kMaxParameterText;
    while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80)
        --cut;
    return std::string(text.substr(0, cut)) + "…";
}

// The parameter as an error keeps it: long values are cut so that a
// megabyte of text or bytes does not end up in every log line.
Value masked(const Value& value) {
    switch (value.kind()) {
    case ValueKind::Text: return Value(shorten(value.text()));
    case ValueKind::Json: return Value::json(shorten(value.text()));
    case ValueKind::Bytes: {
        const Bytes& bytes = value.asBytes();
        if (bytes.size() <= kMaxParameterText) return value;
        return Value(Bytes(bytes.begin(), bytes.begin() + kMaxParameterText));
    }
    case ValueKind::Array: {
        std::vector<Value> items;
        for (const auto& item : value.asArray())
            items.push_back(masked(item));
        return Value::array(std::move(items));
    }
    default: return value;
    }
}

void appendQuoted(std::string& out, const std::string& text) {
    out += '\'';
    for (char c : text) {
        if (c == '\'') out += '\'';
        out += c;
    }
    out += '\'';
}

// One parameter as it reads in an error message: strings in single quotes.
void appendParameter(std::string& out, const Value& value) {
    switch (value.kind()) {
    case ValueKind::Null: out += "NULL"; return;
    case ValueKind::Bool:
    case ValueKind::Int:
    case ValueKind::Double:
    case ValueKind::Decimal: out += value.asString(); return;
    case ValueKind::Bytes:
        out.append("<").append(std::to_string(value.asBytes().size())).append(" bytes>");
        return;
    case ValueKind::Array: {
        out += '[';
        const auto& items = value.asArray();
        const std::size_t shown = std::min(items.size(), kMaxMessageParameters);
        for (std::size_t i = 0; i < shown; ++i) {
            if (i) out += ", ";
            appendParameter(out, items[i]);
        }
        if (shown < items.size()) out += ", … " + std::to_string(items.size() - shown) + " more";
        out += ']';
        return;
    }
    default: appendQuoted(out, shorten(value.asString())); return;
    }
}

std::vector<std::string> splitFields(const std::string& text) {
    std::vector<std::string> fields;
    std::size_t start = 0;
    while (start <= text.size()) {
        std::size_t end = text.find(',', start);
        if (end == std::string::npos) end = text.size();
        std::size_t first = text.find_first_not_of(" \t", start);
        if (first != std::string::npos && first < end) {
            std::size_t last = text.find_last_not_of(" \t", end - 1);
            fields.push_back(text.substr(first, last - first + 1));
        }
        start = end + 1;
    }
    return fields;
}

template <class E>
[[noreturn]] void throwAs(const std::string& detail, ErrorFacts facts) {
    const std::string name = E(std::string(), ErrorFacts{}).name();
    throw E(name + ": " + detail, std::move(facts));
}

// An element of a PostgreSQL array literal: {1,2,"a b",NULL}.
void appendArrayElement(std::string& out, const Value& value) {
    switch (value.kind()) {
    case ValueKind::Null: out += "NULL"; return;
    case ValueKind::Bool: out += value.asBool() ? "t" : "f"; return;
    case ValueKind::Int:
    case ValueKind::Double:
    case ValueKind::Decimal: out += value.asString(); return;
    case ValueKind::Array: {
        out += '{';
        bool first = true;
        for (const auto& item : value.asArray()) {
            if (!first) out += ',';
            first = false;
            appendArrayElement(out, item);
        }
        out += '}';
        return;
    }
    default: break;
    }
    std::string text;
    if (value.kind() == ValueKind::Bytes) {
        static const char digits[] = "0123456789abcdef";
        text = "\\x";
        for (auto byte : value.asBytes()) {
            text += digits[byte >> 4];
            text += digits[byte & 0xF];
        }
    } else if (value.kind() == ValueKind::Timestamp) {
        text = Value::formatTimestamp(value.asTimestamp());
    } else {
        text = value.asString();
    }
    out += '"';
    for (char c : text) {
        if (c == '"' || c == '\\') out += '\\';
        out += c;
    }
    out += '"';
}

tabula_value textCell(std::string_view text, int32_t type) {
    return tabula_value{type, 0, 0.0, text.data(), text.size()};
}

// The C cell for a value. Text points into `value` or into `scratch`, both of
// which outlive the statement's execution.
tabula_value toCell(const Value& value, bool nativeArrays,
                    std::forward_list<std::string>& scratch) {
    switch (value.kind()) {
    case ValueKind::Null: return tabula_value{TABULA_TYPE_NULL, 0, 0.0, nullptr, 0};
    case ValueKind::Bool:
        return tabula_value{TABULA_TYPE_BOOL, value.asBool() ? 1 : 0, 0.0, nullptr, 0};
    case ValueKind::Int: return tabula_value{TABULA_TYPE_INT, value.asInt(), 0.0, nullptr, 0};
    case ValueKind::Double:
        return tabula_value{TABULA_TYPE_DOUBLE, 0, value.asDouble(), nullptr, 0};
    case ValueKind::Decimal: return textCell(value.text(), TABULA_TYPE_DECIMAL);
    case ValueKind::Text: return textCell(value.text(), TABULA_TYPE_TEXT);
    case ValueKind::Bytes: {
        const Bytes& bytes = value.asBytes();
        return tabula_value{TABULA_TYPE_BYTES, 0, 0.0, reinterpret_cast<const char*>(bytes.data()),
                            bytes.size()};
    }
    case ValueKind::Date: return textCell(value.text(), TABULA_TYPE_DATE);
    case ValueKind::Time: return textCell(value.text(), TABULA_TYPE_TIME);
    case ValueKind::Timestamp:
        return tabula_value{TABULA_TYPE_TIMESTAMP, value.asTimestamp().time_since_epoch().count(),
                            0.0, nullptr, 0};
    case ValueKind::Json: return textCell(value.text(), TABULA_TYPE_JSON);
    case ValueKind::Uuid: return textCell(value.text(), TABULA_TYPE_UUID);
    case ValueKind::Array:
        if (nativeArrays) {
            std::string literal;
            appendArrayElement(literal, value);
            return textCell(scratch.emplace_front(std::move(literal)), TABULA_TYPE_TEXT);
        }
        return textCell(scratch.emplace_front(value.toJSONText()), TABULA_TYPE_JSON);
    }
    return tabula_value{TABULA_TYPE_NULL, 0, 0.0, nullptr, 0};
}

std::string transactionText(tabula_tx_op op, const std::string& savepoint) {
    switch (op) {
    case TABULA_TX_BEGIN: return "BEGIN";
    case TABULA_TX_COMMIT: return "COMMIT";
    case TABULA_TX_ROLLBACK: return "ROLLBACK";
    case TABULA_TX_SAVEPOINT: return "SAVEPOINT " + savepoint;
    case TABULA_TX_RELEASE: return "RELEASE SAVEPOINT " + savepoint;
    case TABULA_TX_ROLLBACK_TO: return "ROLLBACK TO SAVEPOINT " + savepoint;
    }
    return "transaction operation " + std::to_string(static_cast<int>(op));
}

// Checks on what a dialect hands back, made before anything is read: a
// broken plugin gets an error naming it rather than reading memory it never
// gave or asking for more than any database holds.
// The most columns a result may have (SQLite's ceiling is the highest).
constexpr int kMaxColumns = 32767;
// The largest cell: 4 GiB, past MySQL's LONGBLOB and any other column type.
constexpr std::size_t kMaxCellSize = 0xFFFFFFFFu;
// The types whose value is data/size rather than i or d.
constexpr std::uint32_t kDataTypes = 1u << TABULA_TYPE_DECIMAL | 1u << TABULA_TYPE_TEXT |
                                     1u << TABULA_TYPE_BYTES | 1u << TABULA_TYPE_DATE |
                                     1u << TABULA_TYPE_TIME | 1u << TABULA_TYPE_JSON |
                                     1u << TABULA_TYPE_UUID;

bool cellIsSound(const tabula_value& cell) {
    if (cell.type < TABULA_TYPE_NULL || cell.type > TABULA_TYPE_UUID) return false;
    if (!(kDataTypes & (1u << cell.type)) || cell.size == 0) return true;
    return cell.data && cell.size <= kMaxCellSize;
}

// What is wrong with a cell cellIsSound refused.
std::string cellFault(const tabula_value& cell) {
    static constexpr const char* kNames[] = {"NULL",    "BOOL",      "INT",   "DOUBLE",
                                             "DECIMAL", "TEXT",      "BYTES", "DATE",
                                             "TIME",    "TIMESTAMP", "JSON",  "UUID"};
    if (cell.type < TABULA_TYPE_NULL || cell.type > TABULA_TYPE_UUID)
        return "a value of unknown type " + std::to_string(cell.type);
    const std::string type = kNames[cell.type];
    if (!cell.data)
        return "a " + type + " value with no data but a size of " + std::to_string(cell.size) +
               " bytes";
    return "a " + type + " value of " + std::to_string(cell.size) +
           " bytes, more than any column holds";
}

} // namespace

Value fromCell(const tabula_value& cell) {
    if (!cellIsSound(cell))
        throw DatabaseError("the dialect returned " + cellFault(cell), ErrorFacts{});
    const auto text = [&cell] { return std::string_view(cell.data ? cell.data : "", cell.size); };
    switch (cell.type) {
    case TABULA_TYPE_NULL: return Value();
    case TABULA_TYPE_BOOL: return Value(cell.i != 0);
    case TABULA_TYPE_INT: return Value(static_cast<long long>(cell.i));
    case TABULA_TYPE_DOUBLE: return Value(cell.d);
    case TABULA_TYPE_DECIMAL: return Value::decimal(text());
    case TABULA_TYPE_TEXT: return Value(text());
    case TABULA_TYPE_BYTES: {
        const auto* bytes = reinterpret_cast<const std::uint8_t*>(cell.data);
        return Value(bytes ? Bytes(bytes, bytes + cell.size) : Bytes());
    }
    case TABULA_TYPE_DATE: return Value::date(text());
    case TABULA_TYPE_TIME: return Value::time(text());
    case TABULA_TYPE_TIMESTAMP: return Value(Timestamp{std::chrono::microseconds(cell.i)});
    case TABULA_TYPE_JSON: return Value::json(text());
    case TABULA_TYPE_UUID: return Value::uuid(text());
    }
    return Value(); // not reached: cellIsSound knows every type
}

void throwDialectError(const tabula_error& err, const std::string& dialect, const std::string& sql,
                       const std::vector<Value>& params) {
    ErrorFacts facts;
    facts.dialect = dialect;
    facts.sql = sql;
    for (const auto& param : params)
        facts.parameters.push_back(masked(param));
    facts.sqlstate = bufferText(err.sqlstate, sizeof err.sqlstate);
    facts.nativeCode = err.native_code;
    facts.original = bufferText(err.message, sizeof err.message);
    facts.fields = splitFields(bufferText(err.fields, sizeof err.fields));
    facts.constraint = bufferText(err.constraint, sizeof err.constraint);

    std::string detail =
        facts.original.empty() ? "the dialect reported an error without a message" : facts.original;
    detail += " [" + dialect + "]";
    if (!sql.empty()) {
        detail += " in: ";
        if (sql.size() <= kMaxMessageSql) {
            detail += sql;
        } else {
            std::size_t cut = kMaxMessageSql;
            while (cut > 0 && (static_cast<unsigned char>(sql[cut]) & 0xC0) == 0x80)
                --cut;
            detail.append(sql, 0, cut);
            detail += "… (" + std::to_string(sql.size()) + " characters)";
        }
    }
    if (!params.empty()) {
        detail += " with parameters: [";
        const std::size_t shown = std::min(params.size(), kMaxMessageParameters);
        for (std::size_t i = 0; i < shown; ++i) {
            if (i) detail += ", ";
            appendParameter(detail, params[i]);
        }
        if (shown < params.size())
            detail += ", … " + std::to_string(params.size() - shown) + " more";
        detail += ']';
    }

    switch (err.kind) {
    case TABULA_ERR_UNIQUE: throwAs<UniqueConstraintError>(detail, std::move(facts));
    case TABULA_ERR_FOREIGN_KEY: throwAs<ForeignKeyConstraintError>(detail, std::move(facts));
    case TABULA_ERR_NOT_NULL: throwAs<NotNullConstraintError>(detail, std::move(facts));
    case TABULA_ERR_CHECK: throwAs<CheckConstraintError>(detail, std::move(facts));
    case TABULA_ERR_TIMEOUT: throwAs<TimeoutError>(detail, std::move(facts));
    case TABULA_ERR_UNKNOWN_TABLE: throwAs<UnknownTableError>(detail, std::move(facts));
    case TABULA_ERR_CONN_REFUSED: throwAs<ConnectionRefusedError>(detail, std::move(facts));
    case TABULA_ERR_ACCESS_DENIED: throwAs<AccessDeniedError>(detail, std::move(facts));
    case TABULA_ERR_HOST_NOT_FOUND: throwAs<HostNotFoundError>(detail, std::move(facts));
    case TABULA_ERR_CONN_TIMEOUT: throwAs<ConnectionTimedOutError>(detail, std::move(facts));
    case TABULA_ERR_CONNECTION:
    case TABULA_ERR_CONNECTION_LOST: throwAs<ConnectionError>(detail, std::move(facts));
    default: throwAs<DatabaseError>(detail, std::move(facts));
    }
}

Connection::Connection(std::shared_ptr<const DialectLibrary> library, tabula_conn* handle)
    : library_(std::move(library)), handle_(handle), error_(freshError()),
      lastUsed_(std::chrono::steady_clock::now()) {}

tabula_error Connection::takeError() {
    const tabula_error reported = error_;
    error_ = freshError();
    return reported;
}

Connection::~Connection() {
    const tabula_driver& driver = library_->driver();
    for (auto& cached : lru_)
        driver.finalize(cached.stmt);
    if (handle_) driver.close(handle_);
}

std::unique_ptr<Connection>
Connection::open(std::shared_ptr<const DialectLibrary> library,
                 const std::vector<std::pair<std::string, std::string>>& settings) {
    std::vector<tabula_setting> list;
    list.reserve(settings.size());
    std::string password;
    for (const auto& [key, value] : settings) {
        list.push_back({key.c_str(), value.c_str()});
        if (key == "password") password = value;
    }
    tabula_error err = freshError();
    tabula_conn* handle = nullptr;
    if (library->driver().connect(list.data(), list.size(), &handle, &err) != TABULA_OK) {
        // A client library may echo what it was given; the password never
        // reaches an error message.
        if (!password.empty()) {
            std::string message = bufferText(err.message, sizeof err.message);
            for (auto at = message.find(password); at != std::string::npos;
                 at = message.find(password, at + 3))
                message.replace(at, password.size(), "***");
            std::snprintf(err.message, sizeof err.message, "%s", message.c_str());
        }
        if (!isConnectionKind(err.kind)) err.kind = TABULA_ERR_CONNECTION;
        throwDialectError(err, library->name(), "", {});
    }
    if (!handle) {
        std::snprintf(err.message, sizeof err.message, "%s",
                      "the dialect reported success but returned no connection");
        err.kind = TABULA_ERR_CONNECTION;
        throwDialectError(err, library->name(), "", {});
    }
    return std::make_unique<Connection>(std::move(library), handle);
}

void Connection::touch() { lastUsed_ = std::chrono::steady_clock::now(); }

uint32_t Connection::serverSupports() {
    const tabula_driver& d = library_->driver();
    // Members past a plugin's struct_size do not exist in that plugin.
    constexpr size_t needed = offsetof(tabula_driver, server_supports) + sizeof(void*);
    if (d.struct_size < needed || !d.server_supports) return 0;
    return d.server_supports(handle_);
}

void Connection::ping() {
    if (library_->driver().ping(handle_, &error_) != TABULA_OK) {
        usable_ = false;
        throwDialectError(takeError(), library_->name(), "", {});
    }
}

void Connection::exec(const std::string& sql) {
    tabula_error err = freshError();
    if (library_->driver().exec(handle_, sql.c_str(), &err) != TABULA_OK) {
        if (isConnectionKind(err.kind)) usable_ = false;
        throwDialectError(err, library_->name(), sql, {});
    }
}

void Connection::transaction(tabula_tx_op op, const std::string& savepoint,
                             tabula_isolation isolation) {
    tabula_error err = freshError();
    const char* name = savepoint.empty() ? nullptr : savepoint.c_str();
    // A dialect may keep its statement timeout in the transaction, and a
    // rollback then restores an older value.
    if (timed_ && (op == TABULA_TX_ROLLBACK || op == TABULA_TX_ROLLBACK_TO)) timeout_ = -1;
    if (library_->driver().transaction(handle_, op, name, isolation, &err) != TABULA_OK) {
        if (isConnectionKind(err.kind)) usable_ = false;
        throwDialectError(err, library_->name(), transactionText(op, savepoint), {});
    }
}

Connection::CachedStatement& Connection::statementFor(const std::string& sql) {
    // A loop of lookups or updates runs one statement again and again:
    // comparing with the last one costs less than hashing the text.
    if (!lru_.empty() && lru_.front().sql == sql) return lru_.front();
    if (auto it = cache_.find(sql); it != cache_.end()) {
        lru_.splice(lru_.begin(), lru_, it->second);
        return *it->second;
    }
    const tabula_driver& driver = library_->driver();
    tabula_error err = freshError();
    tabula_stmt* stmt = nullptr;
    if (driver.prepare(handle_, sql.data(), sql.size(), &stmt, &err) != TABULA_OK)
        throw PrepareFailure{err};
    if (!stmt) {
        std::snprintf(err.message, sizeof err.message, "%s",
                      "the dialect reported success but returned no statement");
        err.kind = TABULA_ERR_MISUSE;
        throw PrepareFailure{err};
    }
    lru_.push_front(CachedStatement{sql, stmt, nullptr});
    // Keyed by a view of the list's own copy of the text, which never moves.
    cache_[lru_.front().sql] = lru_.begin();
    if (lru_.size() > kStatementCacheSize) {
        CachedStatement& old = lru_.back();
        driver.finalize(old.stmt);
        cache_.erase(old.sql);
        lru_.pop_back();
    }
    return lru_.front();
}

void Connection::forgetStatement(const std::string& sql) {
    auto it = cache_.find(sql);
    if (it == cache_.end()) return;
    auto entry = it->second;
    cache_.erase(it);
    library_->driver().finalize(entry->stmt);
    lru_.erase(entry);
}

void Connection::clearStatements(std::uint64_t version) {
    const tabula_driver& driver = library_->driver();
    cache_.clear();
    for (auto& cached : lru_)
        driver.finalize(cached.stmt);
    lru_.clear();
    schemaVersion_ = version;
}

ResultSet Connection::execute(const std::string& sql, const std::vector<Value>& params) {
    return execute(sql, params, nullptr);
}

ResultSet Connection::execute(const std::string& sql, const std::vector<Value>& params,
                              const RowCallback& onRow) {
    // Most statements have a few parameters: their pointers stay on the stack.
    constexpr std::size_t kInline = 16;
    std::array<const Value*, kInline> inlineRefs;
    std::vector<const Value*> heapRefs;
    const Value** refs = inlineRefs.data();
    if (params.size() > kInline) {
        heapRefs.resize(params.size());
        refs = heapRefs.data();
    }
    for (std::size_t i = 0; i < params.size(); ++i)
        refs[i] = &params[i];
    return executeRefs(sql, ParamRefs(refs, params.size()), onRow);
}

namespace {

// The parameters an error report lists.
std::vector<Value> copied(ParamRefs params) {
    std::vector<Value> values;
    values.reserve(params.size());
    for (const Value* p : params)
        values.push_back(*p);
    return values;
}

} // namespace

ResultSet Connection::executeRefs(const std::string& sql, ParamRefs params,
                                  const RowCallback& onRow) {
    const std::string& dialect = library_->name();
    CachedStatement* cached = nullptr;
    try {
        cached = &statementFor(sql);
    } catch (const PrepareFailure& failure) {
        if (isConnectionKind(failure.err.kind)) usable_ = false;
        throwDialectError(failure.err, dialect, sql, copied(params));
    }
    tabula_stmt* stmt = cached->stmt;
    const tabula_driver& driver = library_->driver();
    const bool nativeArrays = (library_->profile().supports & TABULA_SUPPORTS_ARRAY) != 0;
    // A whole row in one call (ABI 1.4), or a cell at a time from older dialects.
    constexpr size_t withRowValues = offsetof(tabula_driver, row_values) + sizeof(void*);
    const auto rowValues = driver.struct_size >= withRowValues ? driver.row_values : nullptr;

    // Set when the dialect says the statement no longer fits the schema: it
    // is finalized once reset, and prepared afresh next time.
    bool stale = false;
    auto fail = [&] {
        const tabula_error reported = takeError();
        if (isConnectionKind(reported.kind)) usable_ = false;
        if (reported.kind == TABULA_ERR_STALE_STATEMENT) stale = true;
        throwDialectError(reported, dialect, sql, copied(params));
    };
    // The dialect broke the ABI's rules: an error of its own making.
    auto broken = [&](const std::string& what) {
        tabula_error err = freshError();
        std::snprintf(err.message, sizeof err.message, "the dialect returned %s", what.c_str());
        throwDialectError(err, dialect, sql, copied(params));
    };

    ResultSet result;
    // Bound cells point into the parameters and scratch, which outlive the reset
    // below: the ABI 1.3 promise that lets a dialect keep the pointers.
    // A forward_list allocates nothing until a value needs converted text
    // (a deque would allocate on every statement); its strings never move.
    std::forward_list<std::string> scratch;
    tabula_error& err = error_;
    try {
        for (std::size_t i = 0; i < params.size(); ++i) {
            const tabula_value cell = toCell(*params[i], nativeArrays, scratch);
            if (driver.bind(stmt, static_cast<int>(i + 1), &cell, &err) != TABULA_OK) fail();
        }
        auto captureColumns = [&] {
            if (result.columns) return;
            const int count = driver.column_count(stmt);
            if (count < 0 || count > kMaxColumns)
                broken("a row of " + std::to_string(count) + " columns");
            // A statement's columns stay put unless the schema under it
            // changed (a dialect may prepare again by itself): the names
            // are compared, which allocates nothing.
            if (cached->columns && static_cast<int>(cached->columns->size()) == count) {
                bool same = true;
                for (int c = 0; same && c < count; ++c) {
                    const char* name = driver.column_name(stmt, c);
                    same = (*cached->columns)[c] == (name ? name : "");
                }
                if (same) {
                    result.columns = cached->columns;
                    return;
                }
            }
            auto names = std::make_shared<std::vector<std::string>>();
            for (int c = 0; c < count; ++c) {
                const char* name = driver.column_name(stmt, c);
                names->emplace_back(name ? name : "");
            }
            result.columns = std::move(names);
            cached->columns = result.columns;
        };
        std::vector<tabula_value> cells;
        for (;;) {
            const int rc = driver.step(stmt, &err);
            if (rc == TABULA_DONE) break;
            if (rc != TABULA_ROW) fail();
            captureColumns();
            const int count = static_cast<int>(result.columns->size());
            cells.assign(count, tabula_value{TABULA_TYPE_NULL, 0, 0.0, nullptr, 0});
            if (rowValues) {
                if (rowValues(stmt, cells.data(), count, &err) != TABULA_OK) fail();
            } else {
                for (int c = 0; c < count; ++c)
                    if (driver.column_value(stmt, c, &cells[c], &err) != TABULA_OK) fail();
            }
            for (int c = 0; c < count; ++c)
                if (!cellIsSound(cells[c]))
                    broken("column " + std::to_string(c) + " (" + (*result.columns)[c] + ") as " +
                           cellFault(cells[c]));
            if (onRow) {
                onRow(result.columns, cells.data(), count);
                continue;
            }
            std::vector<Value> row;
            row.reserve(count);
            for (const auto& cell : cells)
                row.push_back(fromCell(cell));
            result.rows.push_back(std::move(row));
        }
        captureColumns();
        result.changes = driver.changes(stmt);
        result.lastInsertId = driver.last_insert_id(stmt);
        if (driver.reset(stmt, &err) != TABULA_OK) fail();
    } catch (...) {
        // Whatever failed (the dialect, a conversion, the row callback), the
        // cached statement must be ready for its next use.
        tabula_error ignored = freshError();
        driver.reset(stmt, &ignored);
        if (stale) forgetStatement(sql);
        throw;
    }
    return result;
}

std::int64_t Connection::bulkInsert(const std::string& text, const std::string& table,
                                    const std::vector<std::string>& columns, ParamRefs cells) {
    const tabula_driver& driver = library_->driver();
    constexpr size_t withBulkInsert = offsetof(tabula_driver, bulk_insert) + sizeof(void*);
    if (driver.struct_size < withBulkInsert || !driver.bulk_insert || columns.empty())
        throw UsageError("the " + library_->name() + " dialect has no bulk insert");
    const bool nativeArrays = (library_->profile().supports & TABULA_SUPPORTS_ARRAY) != 0;
    std::forward_list<std::string> scratch;
    std::vector<tabula_value> converted;
    converted.reserve(cells.size());
    for (const Value* v : cells)
        converted.push_back(toCell(*v, nativeArrays, scratch));
    std::vector<const char*> names;
    names.reserve(columns.size());
    for (const std::string& c : columns)
        names.push_back(c.c_str());
    tabula_error err = freshError();
    std::int64_t loaded = 0;
    if (driver.bulk_insert(handle_, table.c_str(), names.data(), static_cast<int>(names.size()),
                           converted.data(), converted.size() / columns.size(), &loaded,
                           &err) != TABULA_OK) {
        if (isConnectionKind(err.kind)) usable_ = false;
        // The rows are not listed: the database's message names the one it refused.
        throwDialectError(err, library_->name(), text, {});
    }
    return loaded;
}

void Connection::setTimeout(std::chrono::milliseconds timeout) {
    const std::int64_t wanted = timeout.count();
    if (wanted == timeout_) return;
    const tabula_driver& driver = library_->driver();
    constexpr size_t withSetTimeout = offsetof(tabula_driver, set_timeout) + sizeof(void*);
    if (driver.struct_size < withSetTimeout || !driver.set_timeout) {
        // Such a dialect never bounded a statement, so "no limit" holds.
        if (wanted == 0) return;
        throw UsageError("the " + library_->name() +
                         " dialect plugin cannot bound a statement's time (it was built for a "
                         "dialect ABI before 1.6); rebuild it against this SDK, or run without "
                         "queryTimeout and timeout");
    }
    tabula_error err = freshError();
    if (driver.set_timeout(handle_, wanted, &err) != TABULA_OK) {
        if (err.kind == TABULA_ERR_UNSUPPORTED)
            throw UsageError("the " + library_->name() +
                             " dialect cannot bound a statement's time: " +
                             bufferText(err.message, sizeof err.message));
        if (isConnectionKind(err.kind)) usable_ = false;
        timeout_ = -1;
        throwDialectError(err, library_->name(),
                          "(statement timeout " + std::to_string(wanted) + " ms)", {});
    }
    timeout_ = wanted;
    if (wanted != 0) timed_ = true;
}

} // namespace tabula::detail
