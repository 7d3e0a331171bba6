// Prepared statements over the binary protocol: bind copies of each value,
// read result rows off the wire as they are stepped through, and decode cells
// by column metadata.
#include "mysql_statement.hpp"

#include "mysql_errors.hpp"

#include <algorithm>
#include <charconv>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <limits>

namespace tabula::mysql {
namespace {

constexpr unsigned int binaryCharset = 63;   // the "binary" character set: bytes, not text
constexpr unsigned int unsupportedPs = 1295; // ER_UNSUPPORTED_PS

// True when a '?' placeholder appears outside quotes and comments.
bool hasPlaceholder(std::string_view sql) {
    const size_t n = sql.size();
    for (size_t i = 0; i < n; ++i) {
        const char c = sql[i];
        const char next = i + 1 < n ? sql[i + 1] : '\0';
        if (c == '\'' || c == '"' || c == '`') {
            for (++i; i < n; ++i) {
                if (sql[i] == '\\' && c != '`') {
                    ++i;
                } else if (sql[i] == c) {
                    if (i + 1 < n && sql[i + 1] == c)
                        ++i;
                    else
                        break;
                }
            }
        } else if (c == '#' || (c == '-' && next == '-')) {
            while (i < n && sql[i] != '\n')
                ++i;
        } else if (c == '/' && next == '*') {
            const size_t end = sql.find("*/", i + 2);
            i = end == std::string_view::npos ? n : end + 1;
        } else if (c == '?') {
            return true;
        }
    }
    return false;
}

int64_t toMicros(const MYSQL_TIME& t) {
    using namespace std::chrono;
    const sys_days date{year{static_cast<int>(t.year)} / month{t.month} / day{t.day}};
    const microseconds sinceEpoch = date.time_since_epoch() + hours{t.hour} + minutes{t.minute} +
                                    seconds{t.second} + microseconds{t.second_part};
    return sinceEpoch.count();
}

MYSQL_TIME fromMicros(int64_t micros) {
    using namespace std::chrono;
    const sys_time<microseconds> instant{microseconds{micros}};
    const sys_days date = floor<days>(instant);
    const year_month_day ymd{date};
    const hh_mm_ss<microseconds> hms{instant - date};
    MYSQL_TIME t{};
    t.year = static_cast<unsigned int>(static_cast<int>(ymd.year()));
    t.month = static_cast<unsigned int>(ymd.month());
    t.day = static_cast<unsigned int>(ymd.day());
    t.hour = static_cast<unsigned int>(hms.hours().count());
    t.minute = static_cast<unsigned int>(hms.minutes().count());
    t.second = static_cast<unsigned int>(hms.seconds().count());
    t.second_part = static_cast<unsigned long>(hms.subseconds().count());
    t.time_type = MYSQL_TIMESTAMP_DATETIME;
    return t;
}

// The years DATE and DATETIME hold. The binary protocol carries a date
// outside them without complaint, and the server stores the zero date.
constexpr int kFirstYear = 1000;
constexpr int kLastYear = 9999;
constexpr int64_t kFirstMicros =
    std::chrono::sys_days{std::chrono::year{kFirstYear} / 1 / 1}.time_since_epoch() /
    std::chrono::microseconds{1};
constexpr int64_t kEndMicros =
    std::chrono::sys_days{std::chrono::year{kLastYear + 1} / 1 / 1}.time_since_epoch() /
    std::chrono::microseconds{1};

[[noreturn]] void refuse(int index, const std::string& what, const char* sqlstate) {
    throw sdk::Error(TABULA_ERR_GENERIC,
                     "parameter " + std::to_string(index) + ": MySQL cannot store " + what,
                     sqlstate);
}

// A DATE parameter: "YYYY-MM-DD", a real day, in the years DATE holds.
void checkDate(int index, std::string_view text) {
    const auto outside = [&](const char* why) {
        refuse(index, "the date '" + std::string(text) + "': " + why, "22008");
    };
    if (text.size() != 10 || text[4] != '-' || text[7] != '-')
        outside("DATE takes YYYY-MM-DD with a year from 1000 to 9999");
    unsigned parts[3] = {0, 0, 0};
    for (size_t i = 0, part = 0; i < text.size(); ++i) {
        if (i == 4 || i == 7) {
            ++part;
            continue;
        }
        if (text[i] < '0' || text[i] > '9') outside("DATE takes YYYY-MM-DD");
        parts[part] = parts[part] * 10 + static_cast<unsigned>(text[i] - '0');
    }
    using namespace std::chrono;
    const year_month_day ymd{year{static_cast<int>(parts[0])}, month{parts[1]}, day{parts[2]}};
    if (!ymd.ok()) outside("no such day");
    if (parts[0] < kFirstYear) outside("DATE holds the years 1000 to 9999");
}

// "0000-00-00 00:00:00" is what non-strict servers store for an invalid date.
bool isZeroDate(const MYSQL_TIME& t) { return t.year == 0 && t.month == 0 && t.day == 0; }

// YYYY-MM-DD, digit by digit: a DATE column is read on every row.
std::string formatDate(const MYSQL_TIME& t) {
    char out[10];
    sdk::putDigits(out, t.year % 10000, 4);
    out[4] = '-';
    sdk::putDigits(out + 5, t.month % 100, 2);
    out[7] = '-';
    sdk::putDigits(out + 8, t.day % 100, 2);
    return std::string(out, sizeof out);
}

// Signed, with hours past 24 kept, and the column's fractional digits.
std::string formatTime(const MYSQL_TIME& t, unsigned int decimals) {
    char out[48];
    const unsigned long hoursTotal = t.day * 24ul + t.hour;
    int len = std::snprintf(out, sizeof out, "%s%02lu:%02u:%02u", t.neg ? "-" : "", hoursTotal,
                            t.minute, t.second);
    unsigned int digits = decimals;
    if (digits > 6) digits = t.second_part ? 6 : 0; // no declared scale (an expression)
    if (digits > 0) {
        char fraction[8];
        std::snprintf(fraction, sizeof fraction, "%06lu", t.second_part);
        std::snprintf(out + len, sizeof out - len, ".%.*s", static_cast<int>(digits), fraction);
    }
    return out;
}

// "YYYY-MM-DD HH:MM:SS[.ffffff]" as the text protocol sends DATETIME and TIMESTAMP.
bool parseDateTime(std::string_view text, MYSQL_TIME& t) {
    t = MYSQL_TIME{};
    const std::string s(text);
    int consumed = 0;
    if (std::sscanf(s.c_str(), "%4u-%2u-%2u %2u:%2u:%2u%n", &t.year, &t.month, &t.day, &t.hour,
                    &t.minute, &t.second, &consumed) < 6)
        return false;
    if (static_cast<size_t>(consumed) < s.size() && s[consumed] == '.') {
        unsigned long fraction = 0;
        int digits = 0;
        for (size_t i = consumed + 1; i < s.size() && digits < 6; ++i, ++digits)
            fraction = fraction * 10 + static_cast<unsigned long>(s[i] - '0');
        for (; digits < 6; ++digits)
            fraction *= 10;
        t.second_part = fraction;
    }
    return true;
}

// BIT(n) arrives as big-endian bytes on both protocols.
int64_t bitValue(const char* data, unsigned long size) {
    uint64_t v = 0;
    for (unsigned long i = 0; i < size; ++i)
        v = (v << 8) | static_cast<unsigned char>(data[i]);
    return static_cast<int64_t>(v);
}

// A FLOAT column holds a float: read it as the shortest decimal that names it,
// so 0.1 stays 0.1 instead of 0.100000001490116.
double widen(float f) {
    char text[32];
    const auto written = std::to_chars(text, text + sizeof text, f);
    double d = f;
    std::from_chars(text, written.ptr, d);
    return d;
}

template <class T>
T parseNumber(const char* data, unsigned long size, const std::string& column) {
    T value{};
    const auto [end, ec] = std::from_chars(data, data + size, value);
    if (ec != std::errc{} || end != data + size)
        throw sdk::Error(TABULA_ERR_GENERIC, "column " + column + ": cannot read '" +
                                                 std::string(data, size) + "' as a number");
    return value;
}

bool needsBuffer(Decode d) {
    switch (d) {
    case Decode::Null:
    case Decode::Bit:
    case Decode::Decimal:
    case Decode::Bytes:
    case Decode::Text: return true;
    default: return false;
    }
}

} // namespace

Decode decodeFor(const MYSQL_FIELD& field) {
    switch (field.type) {
    case MYSQL_TYPE_NULL: return Decode::Null;
    case MYSQL_TYPE_TINY: return field.length == 1 ? Decode::Bool : Decode::Int;
    case MYSQL_TYPE_SHORT:
    case MYSQL_TYPE_LONG:
    case MYSQL_TYPE_LONGLONG:
    case MYSQL_TYPE_INT24:
    case MYSQL_TYPE_YEAR: return Decode::Int;
    case MYSQL_TYPE_BIT: return Decode::Bit;
    case MYSQL_TYPE_FLOAT: return Decode::Float;
    case MYSQL_TYPE_DOUBLE: return Decode::Double;
    case MYSQL_TYPE_DECIMAL:
    case MYSQL_TYPE_NEWDECIMAL: return Decode::Decimal;
    case MYSQL_TYPE_TIMESTAMP:
    case MYSQL_TYPE_DATETIME:
    case MYSQL_TYPE_TIMESTAMP2:
    case MYSQL_TYPE_DATETIME2: return Decode::DateTime;
    case MYSQL_TYPE_DATE:
    case MYSQL_TYPE_NEWDATE: return Decode::Date;
    case MYSQL_TYPE_TIME:
    case MYSQL_TYPE_TIME2: return Decode::Time;
    case MYSQL_TYPE_TINY_BLOB:
    case MYSQL_TYPE_MEDIUM_BLOB:
    case MYSQL_TYPE_LONG_BLOB:
    case MYSQL_TYPE_BLOB:
    case MYSQL_TYPE_VAR_STRING:
    case MYSQL_TYPE_STRING:
    case MYSQL_TYPE_VARCHAR:
    case MYSQL_TYPE_GEOMETRY:
        return field.charsetnr == binaryCharset ? Decode::Bytes : Decode::Text;
    default: return Decode::Text; // JSON, ENUM, SET: text
    }
}

void Session::claim(const Statement* by) {
    if (!streaming_ || streaming_ == by) return;
    Statement* reading = streaming_;
    streaming_ = nullptr;
    reading->keepRest();
}

Statement::Statement(MYSQL* db, std::shared_ptr<Session> session, std::string_view sql)
    : db_(db), session_(std::move(session)), sql_(sql) {
    stmt_ = mysql_stmt_init(db_);
    if (!stmt_) throw connectionError(db_, Phase::Run, sql_);
    if (mysql_stmt_prepare(stmt_, sql_.data(), sql_.size()) != 0) {
        const unsigned int code = mysql_stmt_errno(stmt_);
        sdk::Error error = statementError(stmt_, sql_);
        mysql_stmt_close(stmt_);
        stmt_ = nullptr;
        // A few statements (PREPARE, EXECUTE, ...) only run as plain text,
        // which cannot carry parameters.
        if (code != unsupportedPs || hasPlaceholder(sql_)) throw error;
        return;
    }
    try {
        const unsigned long count = mysql_stmt_param_count(stmt_);
        params_.resize(count);
        paramBinds_.resize(count);
        for (MYSQL_BIND& b : paramBinds_)
            b.buffer_type = MYSQL_TYPE_NULL; // unbound parameters are NULL
        if (mysql_stmt_field_count(stmt_) > 0) {
            Result meta(mysql_stmt_result_metadata(stmt_));
            if (meta) setColumns(mysql_fetch_fields(meta.get()), mysql_num_fields(meta.get()));
        }
    } catch (...) {
        mysql_stmt_close(stmt_);
        throw;
    }
}

Statement::~Statement() {
    try {
        // Closing a statement talks to the server, and the library would
        // discard another statement's unread rows to do so.
        session_->claim(this);
        finishResults();
    } catch (...) {
        // The connection reports the same failure on its next use.
    }
    if (stmt_) mysql_stmt_close(stmt_);
}

void Statement::fail() const { throw statementError(stmt_, sql_); }

void Statement::bind(int index, const tabula_value& value) {
    if (!stmt_)
        throw sdk::Error(TABULA_ERR_MISUSE,
                         "this statement runs over the text protocol and takes no parameters");
    if (index < 1 || static_cast<size_t>(index) > params_.size())
        throw sdk::Error(TABULA_ERR_MISUSE, "parameter " + std::to_string(index) +
                                                " is out of range: the statement has " +
                                                std::to_string(params_.size()));
    if (executed_) {
        finishResults();
        executed_ = false;
    }
    Param& p = params_[index - 1];
    MYSQL_BIND& b = paramBinds_[index - 1];
    b = MYSQL_BIND{};
    auto bytes = [&](enum_field_types type) {
        p.bytes.assign(value.data ? value.data : "", value.size);
        p.length = static_cast<unsigned long>(p.bytes.size());
        b.buffer_type = type;
        b.buffer = p.bytes.data();
        b.buffer_length = p.length;
        b.length = &p.length;
    };
    switch (value.type) {
    case TABULA_TYPE_NULL: b.buffer_type = MYSQL_TYPE_NULL; break;
    case TABULA_TYPE_BOOL:
        p.tiny = value.i != 0 ? 1 : 0;
        b.buffer_type = MYSQL_TYPE_TINY;
        b.buffer = &p.tiny;
        break;
    case TABULA_TYPE_INT:
        p.i = value.i;
        b.buffer_type = MYSQL_TYPE_LONGLONG;
        b.buffer = &p.i;
        break;
    case TABULA_TYPE_DOUBLE:
        if (!std::isfinite(value.d))
            refuse(index,
                   std::string("the double ") +
                       (std::isnan(value.d) ? "NaN"
                        : value.d > 0       ? "Infinity"
                                            : "-Infinity") +
                       ": DOUBLE holds only finite numbers",
                   "22003");
        p.d = value.d;
        b.buffer_type = MYSQL_TYPE_DOUBLE;
        b.buffer = &p.d;
        break;
    // Sent as a decimal, not a string, so that comparisons stay exact.
    // The server reads text that is not a number, NaN and Infinity as 0.
    case TABULA_TYPE_DECIMAL:
        if (!sdk::finiteDecimal(sdk::textOf(value)))
            refuse(index,
                   "the decimal '" + std::string(sdk::textOf(value)) +
                       "': DECIMAL holds only finite decimal numbers",
                   "22003");
        bytes(MYSQL_TYPE_NEWDECIMAL);
        break;
    case TABULA_TYPE_DATE:
        checkDate(index, sdk::textOf(value));
        bytes(MYSQL_TYPE_STRING);
        break;
    case TABULA_TYPE_TEXT:
    case TABULA_TYPE_TIME:
    case TABULA_TYPE_JSON:
    case TABULA_TYPE_UUID: bytes(MYSQL_TYPE_STRING); break;
    case TABULA_TYPE_BYTES: bytes(MYSQL_TYPE_BLOB); break;
    case TABULA_TYPE_TIMESTAMP:
        if (value.i < kFirstMicros || value.i >= kEndMicros)
            refuse(index,
                   "a timestamp outside the years 1000 to 9999 (" + std::to_string(value.i) +
                       " microseconds since 1970): DATETIME holds no other years",
                   "22008");
        p.time = fromMicros(value.i);
        b.buffer_type = MYSQL_TYPE_DATETIME;
        b.buffer = &p.time;
        b.buffer_length = sizeof p.time;
        break;
    default:
        b.buffer_type = MYSQL_TYPE_NULL;
        throw sdk::Error(TABULA_ERR_MISUSE, "parameter " + std::to_string(index) +
                                                " has unknown value type " +
                                                std::to_string(value.type));
    }
}

void Statement::setColumns(const MYSQL_FIELD* fields, unsigned int count) {
    columns_.resize(count);
    for (unsigned int i = 0; i < count; ++i) {
        const MYSQL_FIELD& f = fields[i];
        Column& c = columns_[i];
        c.name.assign(f.name, f.name_length);
        c.decode = decodeFor(f);
        c.isUnsigned = (f.flags & UNSIGNED_FLAG) != 0;
        c.decimals = f.decimals;
        if (needsBuffer(c.decode)) {
            // Room for typical values; longer ones are fetched again at full size.
            const size_t want = std::clamp<size_t>(f.length + 1, 64, 4096);
            if (c.buffer.size() < want) c.buffer.resize(want);
        }
    }
}

void Statement::bindResults() {
    resultBinds_.assign(columns_.size(), MYSQL_BIND{});
    for (size_t i = 0; i < columns_.size(); ++i) {
        Column& c = columns_[i];
        MYSQL_BIND& b = resultBinds_[i];
        b.is_null = &c.isNull;
        b.error = &c.error;
        b.length = &c.length;
        switch (c.decode) {
        case Decode::Bool:
        case Decode::Int:
            b.buffer_type = MYSQL_TYPE_LONGLONG;
            b.buffer = &c.i;
            b.is_unsigned = c.isUnsigned;
            break;
        case Decode::Float:
            b.buffer_type = MYSQL_TYPE_FLOAT;
            b.buffer = &c.f;
            break;
        case Decode::Double:
            b.buffer_type = MYSQL_TYPE_DOUBLE;
            b.buffer = &c.d;
            break;
        case Decode::DateTime:
        case Decode::Date:
        case Decode::Time:
            b.buffer_type = c.decode == Decode::DateTime ? MYSQL_TYPE_DATETIME
                            : c.decode == Decode::Date   ? MYSQL_TYPE_DATE
                                                         : MYSQL_TYPE_TIME;
            b.buffer = &c.time;
            b.buffer_length = sizeof c.time;
            break;
        case Decode::Bit:
        case Decode::Bytes:
            b.buffer_type = MYSQL_TYPE_BLOB;
            b.buffer = c.buffer.data();
            b.buffer_length = static_cast<unsigned long>(c.buffer.size());
            break;
        case Decode::Null:
        case Decode::Decimal:
        case Decode::Text:
            b.buffer_type = MYSQL_TYPE_STRING;
            b.buffer = c.buffer.data();
            b.buffer_length = static_cast<unsigned long>(c.buffer.size());
            break;
        }
    }
    if (!resultBinds_.empty() && mysql_stmt_bind_result(stmt_, resultBinds_.data())) fail();
}

bool Statement::execute() {
    session_->claim(this);
    if (!stmt_) {
        if (mysql_real_query(db_, sql_.data(), static_cast<unsigned long>(sql_.size())))
            throw connectionError(db_, Phase::Run, sql_);
        executed_ = true;
        lastInsertId_ = static_cast<int64_t>(mysql_insert_id(db_));
        Result result(mysql_store_result(db_));
        if (!result) {
            if (mysql_field_count(db_) != 0) throw connectionError(db_, Phase::Run, sql_);
            changes_ = static_cast<int64_t>(mysql_affected_rows(db_));
            columns_.clear();
            finishResults();
            return false;
        }
        changes_ = 0;
        setColumns(mysql_fetch_fields(result.get()), mysql_num_fields(result.get()));
        textResult_ = std::move(result);
        return true;
    }

    if (!paramBinds_.empty() && mysql_stmt_bind_param(stmt_, paramBinds_.data())) fail();
    if (mysql_stmt_execute(stmt_)) fail();
    executed_ = true;
    lastInsertId_ = static_cast<int64_t>(mysql_stmt_insert_id(stmt_));
    if (mysql_stmt_field_count(stmt_) == 0) {
        changes_ = static_cast<int64_t>(mysql_stmt_affected_rows(stmt_));
        columns_.clear();
        finishResults();
        return false;
    }
    changes_ = 0;
    // Metadata can change between executions (the table was altered): read it each time.
    Result meta(mysql_stmt_result_metadata(stmt_));
    if (!meta) fail();
    setColumns(mysql_fetch_fields(meta.get()), mysql_num_fields(meta.get()));
    bindResults();
    // The rows stay on the wire until stepped to: the first arrives as soon as
    // the server sends it, and no copy of the whole result is made.
    resultOpen_ = true;
    session_->streaming(this);
    return true;
}

bool Statement::fetch() {
    if (kept_) return nextKept();
    if (!stmt_) {
        textRow_ = mysql_fetch_row(textResult_.get());
        if (!textRow_) {
            finishResults();
            return false;
        }
        textLengths_ = mysql_fetch_lengths(textResult_.get());
        return true;
    }
    const int rc = mysql_stmt_fetch(stmt_);
    if (rc == MYSQL_NO_DATA) {
        finishResults();
        return false;
    }
    if (rc != 0 && rc != MYSQL_DATA_TRUNCATED) fail();
    fetchLongColumns();
    return true;
}

void Statement::fetchLongColumns() {
    bool grown = false;
    for (size_t i = 0; i < columns_.size(); ++i) {
        Column& c = columns_[i];
        if (!needsBuffer(c.decode) || c.isNull || c.length <= c.buffer.size()) continue;
        c.buffer.resize(c.length + 1);
        MYSQL_BIND& b = resultBinds_[i];
        b.buffer = c.buffer.data();
        b.buffer_length = static_cast<unsigned long>(c.buffer.size());
        if (mysql_stmt_fetch_column(stmt_, &b, static_cast<unsigned int>(i), 0)) fail();
        grown = true;
    }
    // The library keeps its own copy of the bindings: hand it the larger buffers.
    if (grown && mysql_stmt_bind_result(stmt_, resultBinds_.data())) fail();
}

void Statement::keepRest() {
    if (!resultOpen_ || kept_) return;
    // The current row's cells point into the column buffers, which must not
    // change before the next step: they are set aside, and the rest of the
    // rows is read through copies.
    held_ = std::move(columns_);
    columns_ = held_;
    bindResults();
    std::vector<KeptCell> cells;
    for (;;) {
        const int rc = mysql_stmt_fetch(stmt_);
        if (rc == MYSQL_NO_DATA) break;
        if (rc != 0 && rc != MYSQL_DATA_TRUNCATED) fail();
        fetchLongColumns();
        for (Column& c : columns_) {
            const tabula_value v = binaryValue(c);
            KeptCell& kept = cells.emplace_back(KeptCell{v, {}});
            if (v.data) kept.bytes.assign(v.data, v.size);
        }
    }
    // Only once no cell moves again can the kept cells point at their bytes.
    for (KeptCell& kept : cells)
        if (kept.value.data) kept.value.data = kept.bytes.data();
    const bool hadRow = hasRow_;
    std::vector<Column> current = std::move(held_);
    finishResults();
    held_ = std::move(current);
    keptCells_ = std::move(cells);
    keptRow_ = noKeptRow;
    keptNext_ = 0;
    kept_ = true;
    hasRow_ = hadRow;
}

bool Statement::nextKept() {
    held_.clear();
    const size_t width = columns_.size();
    if (width == 0 || keptNext_ + width > keptCells_.size()) {
        kept_ = false;
        keptCells_.clear();
        return false;
    }
    keptRow_ = keptNext_;
    keptNext_ += width;
    return true;
}

void Statement::finishResults() {
    hasRow_ = false;
    kept_ = false;
    keptCells_.clear();
    held_.clear();
    session_->finished(this);
    if (stmt_) {
        if (resultOpen_) {
            resultOpen_ = false;
            mysql_stmt_free_result(stmt_);
        }
        // A CALL leaves further results (at least its status) on the connection.
        while (mysql_stmt_more_results(stmt_)) {
            const int rc = mysql_stmt_next_result(stmt_);
            if (rc > 0) fail();
            if (rc < 0) break;
            if (mysql_stmt_field_count(stmt_) > 0) {
                mysql_stmt_store_result(stmt_);
                mysql_stmt_free_result(stmt_);
            }
        }
        return;
    }
    textResult_.reset();
    textRow_ = nullptr;
    textLengths_ = nullptr;
    if (!executed_) return;
    while (mysql_more_results(db_)) {
        const int rc = mysql_next_result(db_);
        if (rc > 0) throw connectionError(db_, Phase::Run, sql_);
        if (rc < 0) break;
        Result discarded(mysql_store_result(db_));
    }
}

bool Statement::step() {
    if (!executed_) {
        if (!execute()) return false;
    } else if (!resultOpen_ && !textResult_ && !kept_) {
        return false;
    }
    hasRow_ = fetch();
    return hasRow_;
}

int Statement::columnCount() { return static_cast<int>(columns_.size()); }

const char* Statement::columnName(int column) {
    if (column < 0 || static_cast<size_t>(column) >= columns_.size())
        throw sdk::Error(TABULA_ERR_MISUSE,
                         "column " + std::to_string(column) + " is out of range");
    return columns_[column].name.c_str();
}

tabula_value Statement::column(int column) {
    if (column < 0 || static_cast<size_t>(column) >= columns_.size())
        throw sdk::Error(TABULA_ERR_MISUSE, "column " + std::to_string(column) +
                                                " is out of range: the result has " +
                                                std::to_string(columns_.size()));
    if (!hasRow_) throw sdk::Error(TABULA_ERR_MISUSE, "no current row: step() first");
    return cell(column);
}

void Statement::row(tabula_value* out, int count) {
    if (count < 0 || static_cast<size_t>(count) > columns_.size())
        throw sdk::Error(TABULA_ERR_MISUSE, "row of " + std::to_string(count) +
                                                " cells asked for; the result has " +
                                                std::to_string(columns_.size()));
    if (!hasRow_) throw sdk::Error(TABULA_ERR_MISUSE, "no current row: step() first");
    for (int c = 0; c < count; ++c)
        out[c] = cell(c);
}

tabula_value Statement::cell(int column) {
    if (kept_) {
        if (keptRow_ == noKeptRow) return binaryValue(held_[static_cast<size_t>(column)]);
        return keptCells_[keptRow_ + static_cast<size_t>(column)].value;
    }
    Column& c = columns_[static_cast<size_t>(column)];
    if (stmt_) return binaryValue(c);
    if (!textRow_[column]) return sdk::nullValue();
    return textValue(c, textRow_[column], textLengths_[column]);
}

tabula_value Statement::binaryValue(Column& c) {
    if (c.isNull) return sdk::nullValue();
    const char* data = c.buffer.data();
    switch (c.decode) {
    case Decode::Null: return sdk::nullValue();
    case Decode::Bool: return sdk::intValue(c.i != 0 ? 1 : 0, TABULA_TYPE_BOOL);
    case Decode::Int:
        if (c.isUnsigned && c.i < 0) { // an unsigned BIGINT past INT64_MAX
            c.scratch = std::to_string(static_cast<uint64_t>(c.i));
            return sdk::textValue(c.scratch.data(), c.scratch.size(), TABULA_TYPE_DECIMAL);
        }
        return sdk::intValue(c.i);
    case Decode::Bit: return sdk::intValue(bitValue(data, c.length));
    case Decode::Float: return sdk::doubleValue(widen(c.f));
    case Decode::Double: return sdk::doubleValue(c.d);
    case Decode::Decimal: return sdk::textValue(data, c.length, TABULA_TYPE_DECIMAL);
    case Decode::DateTime:
        if (isZeroDate(c.time)) return sdk::nullValue();
        return sdk::intValue(toMicros(c.time), TABULA_TYPE_TIMESTAMP);
    case Decode::Date:
        c.scratch = formatDate(c.time);
        return sdk::textValue(c.scratch.data(), c.scratch.size(), TABULA_TYPE_DATE);
    case Decode::Time:
        c.scratch = formatTime(c.time, c.decimals);
        return sdk::textValue(c.scratch.data(), c.scratch.size(), TABULA_TYPE_TIME);
    case Decode::Bytes: return sdk::textValue(data, c.length, TABULA_TYPE_BYTES);
    case Decode::Text: return sdk::textValue(data, c.length, TABULA_TYPE_TEXT);
    }
    return sdk::nullValue();
}

tabula_value Statement::textValue(Column& c, const char* data, unsigned long size) {
    switch (c.decode) {
    case Decode::Null: return sdk::nullValue();
    case Decode::Bool:
        return sdk::intValue(parseNumber<int64_t>(data, size, c.name) != 0 ? 1 : 0,
                             TABULA_TYPE_BOOL);
    case Decode::Int:
        if (c.isUnsigned) {
            const auto u = parseNumber<uint64_t>(data, size, c.name);
            if (u > static_cast<uint64_t>(std::numeric_limits<int64_t>::max()))
                return sdk::textValue(data, size, TABULA_TYPE_DECIMAL);
            return sdk::intValue(static_cast<int64_t>(u));
        }
        return sdk::intValue(parseNumber<int64_t>(data, size, c.name));
    case Decode::Bit: return sdk::intValue(bitValue(data, size));
    case Decode::Float:
    case Decode::Double: return sdk::doubleValue(parseNumber<double>(data, size, c.name));
    case Decode::Decimal: return sdk::textValue(data, size, TABULA_TYPE_DECIMAL);
    case Decode::DateTime: {
        MYSQL_TIME t;
        if (!parseDateTime({data, size}, t))
            throw sdk::Error(TABULA_ERR_GENERIC, "column " + c.name + ": cannot read '" +
                                                     std::string(data, size) + "' as a date");
        if (isZeroDate(t)) return sdk::nullValue();
        return sdk::intValue(toMicros(t), TABULA_TYPE_TIMESTAMP);
    }
    case Decode::Date: return sdk::textValue(data, size, TABULA_TYPE_DATE);
    case Decode::Time: return sdk::textValue(data, size, TABULA_TYPE_TIME);
    case Decode::Bytes: return sdk::textValue(data, size, TABULA_TYPE_BYTES);
    case Decode::Text: return sdk::textValue(data, size, TABULA_TYPE_TEXT);
    }
    return sdk::nullValue();
}

void Statement::reset() {
    finishResults();
    executed_ = false;
    for (MYSQL_BIND& b : paramBinds_) {
        b = MYSQL_BIND{};
        b.buffer_type = MYSQL_TYPE_NULL;
    }
}

} // namespace tabula::mysql
