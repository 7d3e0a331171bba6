// libpq connections and prepared statements behind the SDK's Connection and
// Statement: parameters go out as text (bytes as binary), results come back
// as text and are converted by column type OID.
#include "postgres_connection.hpp"

#include "postgres_errors.hpp"
#include "postgres_values.hpp"

#include <tabula/sdk/socket.hpp>

#include <libpq-fe.h>

#include <algorithm>
#include <charconv>
#include <cstdlib>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace tabula::postgres {
namespace {

// Built-in type OIDs (fixed in pg_type.dat for every server version).
namespace oid {
constexpr Oid Bool = 16;
constexpr Oid Bytea = 17;
constexpr Oid Name = 19;
constexpr Oid Int8 = 20;
constexpr Oid Int2 = 21;
constexpr Oid Int4 = 23;
constexpr Oid Text = 25;
constexpr Oid ObjectId = 26;
constexpr Oid Json = 114;
constexpr Oid Float4 = 700;
constexpr Oid Float8 = 701;
constexpr Oid BpChar = 1042;
constexpr Oid VarChar = 1043;
constexpr Oid Date = 1082;
constexpr Oid Time = 1083;
constexpr Oid Timestamp = 1114;
constexpr Oid TimestampTz = 1184;
constexpr Oid TimeTz = 1266;
constexpr Oid Numeric = 1700;
constexpr Oid Uuid = 2950;
constexpr Oid Jsonb = 3802;
} // namespace oid

// The types read in the binary format: the server skips formatting them as
// text and the client parsing it back. A statement that returns any other
// type reads all its columns as text.
bool readsBinary(Oid type) {
    switch (type) {
    case oid::Bool:
    case oid::Bytea:
    case oid::Name:
    case oid::Int8:
    case oid::Int2:
    case oid::Int4:
    case oid::Text:
    case oid::ObjectId:
    case oid::Json:
    case oid::Float4:
    case oid::Float8:
    case oid::BpChar:
    case oid::VarChar:
    case oid::Date:
    case oid::Timestamp:
    case oid::TimestampTz:
    case oid::Numeric:
    case oid::Uuid:
    case oid::Jsonb: return true;
    default: return false;
    }
}

// Array types of the built-in element types, and how their elements read.
std::optional<ElementKind> arrayElement(Oid type) {
    switch (type) {
    case 1005: // int2[]
    case 1007: // int4[]
    case 1016: // int8[]
    case 1021: // float4[]
    case 1022: // float8[]
    case 1028: // oid[]
    case 1231: // numeric[]
        return ElementKind::Number;
    case 1000: return ElementKind::Bool; // bool[]
    case 199:                            // json[]
    case 3807:                           // jsonb[]
        return ElementKind::Json;
    case 1001: // bytea[]
    case 1002: // char[]
    case 1003: // name[]
    case 1009: // text[]
    case 1014: // bpchar[]
    case 1015: // varchar[]
    case 1115: // timestamp[]
    case 1182: // date[]
    case 1183: // time[]
    case 1185: // timestamptz[]
    case 1186: // interval[]
    case 1270: // timetz[]
    case 2951: // uuid[]
        return ElementKind::Text;
    default: return std::nullopt;
    }
}

struct ResultDeleter {
    void operator()(PGresult* result) const { PQclear(result); }
};
using Result = std::unique_ptr<PGresult, ResultDeleter>;

bool succeeded(const PGresult* result) {
    if (!result) return false;
    const ExecStatusType status = PQresultStatus(result);
    return status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK || status == PGRES_EMPTY_QUERY;
}

std::string_view sqlstateOf(const PGresult* result) {
    const char* state = result ? PQresultErrorField(result, PG_DIAG_SQLSTATE) : nullptr;
    return state ? state : "";
}

// The text of a text-like value; PostgreSQL text cannot hold a NUL, so one
// is refused with `what` (the parameter or cell) named.
std::string_view storableText(const tabula_value& value, const std::string& what) {
    const std::string_view text = sdk::textOf(value);
    if (text.find('\0') != std::string_view::npos)
        throw sdk::Error(TABULA_ERR_GENERIC, what + " contains a NUL character, which PostgreSQL "
                                                    "text cannot hold; store it as bytes");
    return text;
}

// A COPY started through exec or a statement would leave the connection
// waiting for copy data: end it, drain the results and refuse.
void refuseCopy(PGconn* conn, const PGresult* result) {
    const ExecStatusType status = result ? PQresultStatus(result) : PGRES_FATAL_ERROR;
    if (status != PGRES_COPY_IN && status != PGRES_COPY_OUT && status != PGRES_COPY_BOTH) return;
    if (status == PGRES_COPY_OUT) {
        char* buffer = nullptr;
        while (PQgetCopyData(conn, &buffer, 0) > 0)
            PQfreemem(buffer);
    } else {
        PQputCopyEnd(conn, "COPY is not supported through the Tabula postgres dialect");
    }
    while (PGresult* rest = PQgetResult(conn))
        PQclear(rest);
    throw sdk::Error(TABULA_ERR_UNSUPPORTED,
                     "COPY is not supported through the Tabula postgres dialect");
}

void ignoreNotice(void*, const char*) {}

// Shared by a connection and its statements, so that a statement finalized
// after its connection closed never touches the freed PGconn.
struct Session {
    PGconn* conn = nullptr;
    uint64_t statementCount = 0;
    // Prepared statements no longer used, deallocated when no transaction
    // is open: a failing DEALLOCATE must never abort the caller's work.
    std::vector<std::string> unused;

    PGconn* get() const {
        if (!conn) throw sdk::Error(TABULA_ERR_CONNECTION_LOST, "the connection is closed");
        return conn;
    }
    std::string nextName() { return "tabula_" + std::to_string(++statementCount); }
    bool idle() const {
        return conn && PQstatus(conn) == CONNECTION_OK && PQtransactionStatus(conn) == PQTRANS_IDLE;
    }
    void release(std::string name) {
        unused.push_back(std::move(name));
        collect();
    }
    void collect() {
        if (unused.empty() || !idle()) return;
        for (const std::string& name : unused)
            Result(PQexec(conn, ("DEALLOCATE " + quoteIdentifier(name)).c_str()));
        unused.clear();
    }
};

class PgStatement final : public sdk::Statement {
public:
    PgStatement(std::shared_ptr<Session> session, std::string sql)
        : session_(std::move(session)), sql_(std::move(sql)) {
        if (sql_.find('\0') != std::string::npos)
            throw sdk::Error(TABULA_ERR_MISUSE, "SQL text contains a NUL byte");
        prepareOnServer();
        const int count = PQnparams(describe_.get());
        params_.assign(count, Param{});
        formats_.assign(count, 0);
    }

    ~PgStatement() override {
        try {
            if (session_->conn) session_->release(name_);
        } catch (...) {
            // The name stays allocated on the server until the connection ends.
        }
    }

    void bind(int index, const tabula_value& value) override {
        if (index < 1 || index > static_cast<int>(params_.size()))
            throw sdk::Error(TABULA_ERR_MISUSE, "parameter $" + std::to_string(index) +
                                                    " is out of range: the statement has " +
                                                    std::to_string(params_.size()));
        Param& param = params_[index - 1];
        int& format = formats_[index - 1];
        format = 0;
        // Reuses the buffer the parameter had in the statement's last run.
        const auto set = [&param](std::string_view text) {
            param.text.assign(text);
            param.null = false;
        };
        switch (value.type) {
        case TABULA_TYPE_NULL: param.null = true; return;
        case TABULA_TYPE_BOOL: set(value.i ? "t" : "f"); return;
        case TABULA_TYPE_INT: {
            char digits[24];
            const auto end = std::to_chars(digits, digits + sizeof digits, value.i).ptr;
            set({digits, static_cast<size_t>(end - digits)});
            return;
        }
        case TABULA_TYPE_DOUBLE: set(formatDouble(value.d)); return;
        case TABULA_TYPE_TIMESTAMP: set(formatTimestamp(value.i)); return;
        case TABULA_TYPE_BYTES:
            set(sdk::textOf(value));
            format = 1; // binary: bytes go out as they are, zero bytes included
            return;
        case TABULA_TYPE_DATE:
            set(dateForPostgres(storableText(value, "parameter $" + std::to_string(index))));
            return;
        case TABULA_TYPE_DECIMAL:
        case TABULA_TYPE_TEXT:
        case TABULA_TYPE_TIME:
        case TABULA_TYPE_JSON:
        case TABULA_TYPE_UUID:
            set(storableText(value, "parameter $" + std::to_string(index)));
            return;
        default:
            throw sdk::Error(TABULA_ERR_MISUSE, "parameter $" + std::to_string(index) +
                                                    " has unknown value type " +
                                                    std::to_string(value.type));
        }
    }

    bool step() override {
        if (!result_) execute();
        if (row_ < rows_) ++row_;
        return row_ < rows_;
    }

    int columnCount() override { return PQnfields(shape()); }

    const char* columnName(int column) override {
        checkColumn(column);
        return PQfname(shape(), column);
    }

    tabula_value column(int column) override {
        checkRow();
        if (column < 0 || static_cast<size_t>(column) >= types_.size()) checkColumn(column);
        return cell(column);
    }

    void row(tabula_value* out, int count) override {
        checkRow();
        if (count < 0 || static_cast<size_t>(count) > types_.size())
            throw sdk::Error(TABULA_ERR_MISUSE, "row of " + std::to_string(count) +
                                                    " cells asked for; the result has " +
                                                    std::to_string(types_.size()));
        for (int c = 0; c < count; ++c)
            out[c] = cell(c);
    }

    void checkRow() const {
        if (!result_ || row_ < 0 || row_ >= rows_)
            throw sdk::Error(TABULA_ERR_MISUSE, "no current row: step() did not return a row");
    }

    // The current row's cell; the caller has checked the row and the column.
    tabula_value cell(int column) {
        const PGresult* result = result_.get();
        const size_t size = static_cast<size_t>(PQgetlength(result, row_, column));
        // An empty value is either the empty string or NULL; only then ask.
        if (size == 0 && PQgetisnull(result, row_, column)) return sdk::nullValue();
        const char* data = PQgetvalue(result, row_, column);
        const std::string_view text(data, size);
        std::string& cell = cells_[column];
        const Oid type = types_[column];
        if (binary_) return binaryColumn(type, text, cell);
        switch (type) {
        case oid::Bool: return sdk::intValue(text == "t" ? 1 : 0, TABULA_TYPE_BOOL);
        case oid::Int2:
        case oid::Int4:
        case oid::Int8:
        case oid::ObjectId: return sdk::intValue(parseInteger(text, column));
        case oid::Float4:
        case oid::Float8: return sdk::doubleValue(parseDouble(text));
        case oid::Numeric: return sdk::textValue(data, size, TABULA_TYPE_DECIMAL);
        case oid::Bytea:
            cell = decodeBytea(text);
            return sdk::textValue(cell.data(), cell.size(), TABULA_TYPE_BYTES);
        case oid::Date: return sdk::textValue(data, size, TABULA_TYPE_DATE);
        case oid::Time: return sdk::textValue(data, size, TABULA_TYPE_TIME);
        case oid::TimeTz:
            cell = timeOfDayInUtc(text);
            return sdk::textValue(cell.data(), cell.size(), TABULA_TYPE_TIME);
        case oid::Timestamp:
        case oid::TimestampTz: return sdk::intValue(parseTimestamp(text), TABULA_TYPE_TIMESTAMP);
        case oid::Json:
        case oid::Jsonb: return sdk::textValue(data, size, TABULA_TYPE_JSON);
        case oid::Uuid: return sdk::textValue(data, size, TABULA_TYPE_UUID);
        default:
            if (const auto element = arrayElement(type)) {
                cell = arrayToJson(text, *element);
                return sdk::textValue(cell.data(), cell.size(), TABULA_TYPE_JSON);
            }
            return sdk::textValue(data, size, TABULA_TYPE_TEXT);
        }
    }

    int64_t changes() override { return changes_; }

    tabula_value binaryColumn(Oid type, std::string_view bytes, std::string& cell) {
        const auto keep = [&cell](std::string text, int32_t kind) {
            cell = std::move(text);
            return sdk::textValue(cell.data(), cell.size(), kind);
        };
        switch (type) {
        case oid::Bool: return sdk::intValue(!bytes.empty() && bytes[0] != 0, TABULA_TYPE_BOOL);
        case oid::Int2:
        case oid::Int4:
        case oid::Int8: return sdk::intValue(integerFromBinary(bytes));
        case oid::ObjectId: return sdk::intValue(integerFromBinary(bytes, true));
        case oid::Float4:
        case oid::Float8: return sdk::doubleValue(floatFromBinary(bytes));
        case oid::Numeric: return keep(numericFromBinary(bytes), TABULA_TYPE_DECIMAL);
        case oid::Bytea: return sdk::textValue(bytes.data(), bytes.size(), TABULA_TYPE_BYTES);
        case oid::Date: return keep(dateFromBinary(bytes), TABULA_TYPE_DATE);
        case oid::Timestamp:
        case oid::TimestampTz:
            return sdk::intValue(timestampFromBinary(bytes), TABULA_TYPE_TIMESTAMP);
        case oid::Uuid: return keep(uuidFromBinary(bytes), TABULA_TYPE_UUID);
        case oid::Json: return sdk::textValue(bytes.data(), bytes.size(), TABULA_TYPE_JSON);
        case oid::Jsonb:
            // A version byte (1), then the JSON text.
            if (bytes.empty() || bytes[0] != 1)
                throw sdk::Error(TABULA_ERR_GENERIC, "cannot read PostgreSQL binary jsonb of "
                                                     "an unknown version");
            return sdk::textValue(bytes.data() + 1, bytes.size() - 1, TABULA_TYPE_JSON);
        default: return sdk::textValue(bytes.data(), bytes.size(), TABULA_TYPE_TEXT);
        }
    }

    void reset() override {
        result_.reset();
        row_ = -1;
        rows_ = 0;
        types_.clear();
        changes_ = 0;
        for (Param& param : params_)
            param.null = true; // the text keeps its buffer for the next run
        for (int& format : formats_)
            format = 0;
    }

private:
    // Column names and types: from the result once executed, else from the
    // description the server gave at prepare time.
    const PGresult* shape() const { return result_ ? result_.get() : describe_.get(); }

    void checkColumn(int column) const {
        if (column < 0 || column >= PQnfields(shape()))
            throw sdk::Error(TABULA_ERR_MISUSE, "column " + std::to_string(column) +
                                                    " is out of range: the result has " +
                                                    std::to_string(PQnfields(shape())));
    }

    int64_t parseInteger(std::string_view text, int column) const {
        int64_t value = 0;
        const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
        if (ec != std::errc() || end != text.data() + text.size())
            throw sdk::Error(TABULA_ERR_GENERIC, "cannot read integer '" + std::string(text) +
                                                     "' in column " + PQfname(shape(), column));
        return value;
    }

    void prepareOnServer() {
        PGconn* conn = session_->get();
        std::string name = session_->nextName();
        Result prepared(PQprepare(conn, name.c_str(), sql_.c_str(), 0, nullptr));
        if (!succeeded(prepared.get())) throw resultError(conn, prepared.get());
        Result described(PQdescribePrepared(conn, name.c_str()));
        if (!succeeded(described.get())) {
            sdk::Error error = resultError(conn, described.get());
            session_->release(std::move(name));
            throw error;
        }
        name_ = std::move(name);
        describe_ = std::move(described);
        const int fields = PQnfields(describe_.get());
        binary_ = fields > 0;
        for (int c = 0; binary_ && c < fields; ++c)
            binary_ = readsBinary(PQftype(describe_.get(), c));
    }

    Result run(PGconn* conn) {
        std::vector<const char*> values(params_.size());
        std::vector<int> lengths(params_.size());
        for (size_t i = 0; i < params_.size(); ++i) {
            if (params_[i].null) continue;
            values[i] = params_[i].text.c_str();
            lengths[i] = static_cast<int>(params_[i].text.size());
        }
        return Result(PQexecPrepared(conn, name_.c_str(), static_cast<int>(params_.size()),
                                     values.data(), lengths.data(), formats_.data(),
                                     binary_ ? 1 : 0));
    }

    // After DDL changed what a statement returns, dropped a type it uses, or
    // the statement was deallocated behind our back, the server refuses the
    // old plan.
    static bool planIsStale(const PGresult* result) {
        const std::string_view state = sqlstateOf(result);
        if (state == "26000") return true; // prepared statement does not exist
        const char* text = PQresultErrorField(result, PG_DIAG_MESSAGE_PRIMARY);
        const std::string_view message = text ? text : "";
        if (state == "0A000")
            return message.find("cached plan must not change result type") !=
                   std::string_view::npos;
        // A type the plan was made with was dropped (an ENUM recreated).
        if (state == "XX000")
            return message.find("cache lookup failed for type") != std::string_view::npos;
        return false;
    }

    void execute() {
        PGconn* conn = session_->get();
        session_->collect();
        Result result = run(conn);
        refuseCopy(conn, result.get());
        if (!succeeded(result.get()) && planIsStale(result.get())) {
            // Outside a transaction nothing was done yet, so preparing again
            // is safe. Inside one the failure aborted the transaction: the
            // caller is told, and the core prepares afresh next time.
            if (PQtransactionStatus(conn) != PQTRANS_IDLE) {
                sdk::Error error = resultError(conn, result.get());
                if (error.kind != TABULA_ERR_CONNECTION_LOST)
                    error.kind = TABULA_ERR_STALE_STATEMENT;
                throw error;
            }
            session_->release(name_);
            prepareOnServer();
            result = run(conn);
            refuseCopy(conn, result.get());
        }
        if (!succeeded(result.get())) throw resultError(conn, result.get());
        result_ = std::move(result);
        row_ = -1;
        rows_ = PQntuples(result_.get());
        const int fields = PQnfields(result_.get());
        cells_.assign(fields, std::string());
        types_.resize(fields);
        for (int c = 0; c < fields; ++c)
            types_[c] = PQftype(result_.get(), c);
        const std::string_view count = PQcmdTuples(result_.get());
        changes_ = 0;
        std::from_chars(count.data(), count.data() + count.size(), changes_);
    }

    std::shared_ptr<Session> session_;
    std::string sql_;
    std::string name_;
    Result describe_;
    Result result_;
    struct Param {
        std::string text; // text or binary form, as formats_ says
        bool null = true;
    };
    std::vector<Param> params_;
    std::vector<int> formats_;
    std::vector<std::string> cells_; // converted cells of the current row
    std::vector<Oid> types_;         // of the result's columns
    bool binary_ = false;            // results come in the binary format
    int rows_ = 0;                   // in the result
    int row_ = -1;
    int64_t changes_ = 0;
};

std::string savepoint(const char* name) {
    if (!name || !*name) throw sdk::Error(TABULA_ERR_MISUSE, "a savepoint needs a name");
    return quoteIdentifier(name);
}

std::string transactionSql(tabula_tx_op op, const char* name, tabula_isolation isolation) {
    switch (op) {
    case TABULA_TX_BEGIN:
        switch (isolation) {
        case TABULA_ISO_READ_UNCOMMITTED: return "BEGIN ISOLATION LEVEL READ UNCOMMITTED";
        case TABULA_ISO_READ_COMMITTED: return "BEGIN ISOLATION LEVEL READ COMMITTED";
        case TABULA_ISO_REPEATABLE_READ: return "BEGIN ISOLATION LEVEL REPEATABLE READ";
        case TABULA_ISO_SERIALIZABLE: return "BEGIN ISOLATION LEVEL SERIALIZABLE";
        case TABULA_ISO_DEFAULT: return "BEGIN";
        }
        throw sdk::Error(TABULA_ERR_MISUSE,
                         "unknown isolation level " + std::to_string(static_cast<int>(isolation)));
    case TABULA_TX_COMMIT: return "COMMIT";
    case TABULA_TX_ROLLBACK: return "ROLLBACK";
    case TABULA_TX_SAVEPOINT: return "SAVEPOINT " + savepoint(name);
    case TABULA_TX_RELEASE: return "RELEASE SAVEPOINT " + savepoint(name);
    case TABULA_TX_ROLLBACK_TO: return "ROLLBACK TO SAVEPOINT " + savepoint(name);
    }
    throw sdk::Error(TABULA_ERR_MISUSE,
                     "unknown transaction operation " + std::to_string(static_cast<int>(op)));
}

// One cell of a COPY row in the text format: \N for null; backslash, tab,
// newline and carriage return escaped in text; bytes as escaped bytea hex.
void appendCopyField(std::string& out, const tabula_value& value, size_t row, int column) {
    switch (value.type) {
    case TABULA_TYPE_NULL: out += "\\N"; return;
    case TABULA_TYPE_BOOL: out += value.i ? 't' : 'f'; return;
    case TABULA_TYPE_INT: {
        char digits[24];
        const auto end = std::to_chars(digits, digits + sizeof digits, value.i).ptr;
        out.append(digits, end);
        return;
    }
    case TABULA_TYPE_DOUBLE: out += formatDouble(value.d); return;
    case TABULA_TYPE_TIMESTAMP: out += formatTimestamp(value.i); return;
    case TABULA_TYPE_BYTES: {
        static constexpr char hex[] = "0123456789abcdef";
        out += "\\\\x";
        for (unsigned char b : sdk::textOf(value)) {
            out += hex[b >> 4];
            out += hex[b & 15];
        }
        return;
    }
    case TABULA_TYPE_DECIMAL:
    case TABULA_TYPE_TEXT:
    case TABULA_TYPE_DATE:
    case TABULA_TYPE_TIME:
    case TABULA_TYPE_JSON:
    case TABULA_TYPE_UUID: {
        std::string_view text = storableText(value, "row " + std::to_string(row + 1) + ", column " +
                                                        std::to_string(column + 1));
        std::string date;
        if (value.type == TABULA_TYPE_DATE) text = date = dateForPostgres(text);
        for (char ch : text) {
            switch (ch) {
            case '\\': out += "\\\\"; break;
            case '\t': out += "\\t"; break;
            case '\n': out += "\\n"; break;
            case '\r': out += "\\r"; break;
            default: out += ch;
            }
        }
        return;
    }
    default:
        throw sdk::Error(TABULA_ERR_MISUSE, "row " + std::to_string(row + 1) + ", column " +
                                                std::to_string(column + 1) +
                                                " has unknown value type " +
                                                std::to_string(value.type));
    }
}

class PgConnection final : public sdk::Connection {
public:
    explicit PgConnection(PGconn* conn) : session_(std::make_shared<Session>()) {
        session_->conn = conn;
    }

    ~PgConnection() override {
        PQfinish(session_->conn);
        session_->conn = nullptr;
    }

    void ping() override {
        PGconn* conn = session_->get();
        // The pool pings before every hand-out, so the usual case must cost
        // no round trip: an idle connection the server has neither written to
        // nor closed is as alive as a round trip would show. Anything waiting
        // on the socket (an error, the server's goodbye) gets the full check.
        if (PQstatus(conn) == CONNECTION_OK && !sdk::socketReadable(PQsocket(conn))) return;
        Result result(PQexec(conn, "SELECT 1"));
        if (!succeeded(result.get()) || PQstatus(conn) != CONNECTION_OK)
            throw resultError(conn, result.get());
    }

    void exec(const std::string& sql) override {
        PGconn* conn = session_->get();
        session_->collect();
        Result result(PQexec(conn, sql.c_str()));
        refuseCopy(conn, result.get());
        if (!succeeded(result.get())) throw resultError(conn, result.get());
    }

    std::unique_ptr<sdk::Statement> prepare(std::string_view sql) override {
        session_->collect();
        return std::make_unique<PgStatement>(session_, std::string(sql));
    }

    void transaction(tabula_tx_op op, const char* name, tabula_isolation isolation) override {
        if (op != TABULA_TX_COMMIT) {
            exec(transactionSql(op, name, isolation));
            return;
        }
        // COMMIT of a transaction that an earlier error aborted succeeds
        // with the tag ROLLBACK: nothing was committed, and the caller must
        // not be told otherwise.
        PGconn* conn = session_->get();
        session_->collect();
        Result result(PQexec(conn, "COMMIT"));
        if (!succeeded(result.get())) throw resultError(conn, result.get());
        if (std::string_view(PQcmdStatus(result.get())) == "ROLLBACK")
            throw sdk::Error(TABULA_ERR_GENERIC,
                             "COMMIT rolled the transaction back instead: a statement in it "
                             "had failed, so nothing it wrote was kept",
                             "25P02");
    }

    // COPY ... FROM STDIN in the text format, sent in pieces of about 64 KiB.
    int64_t bulkInsert(const char* table, const char* const* columns, int columnCount,
                       const tabula_value* cells, size_t rows) override {
        PGconn* conn = session_->get();
        session_->collect();
        std::string sql = "COPY " + quoteIdentifier(table) + " (";
        for (int c = 0; c < columnCount; ++c)
            sql += (c ? ", " : "") + quoteIdentifier(columns[c]);
        sql += ") FROM STDIN";
        Result started(PQexec(conn, sql.c_str()));
        if (!started || PQresultStatus(started.get()) != PGRES_COPY_IN)
            throw resultError(conn, started.get());
        // Whatever goes wrong on this side, the COPY is ended and the
        // connection left ready for the next statement.
        const auto finish = [conn](const char* failure) {
            const bool sent = PQputCopyEnd(conn, failure) == 1;
            Result last;
            while (PGresult* result = PQgetResult(conn))
                if (!last || succeeded(last.get()))
                    last.reset(result);
                else
                    PQclear(result);
            if (!sent && !last) throw sdk::Error(TABULA_ERR_CONNECTION_LOST, PQerrorMessage(conn));
            return last;
        };
        std::string buffer;
        buffer.reserve(1 << 16);
        const auto send = [&] {
            if (PQputCopyData(conn, buffer.data(), static_cast<int>(buffer.size())) != 1)
                throw sdk::Error(TABULA_ERR_CONNECTION_LOST, PQerrorMessage(conn));
            buffer.clear();
        };
        try {
            for (size_t r = 0; r < rows; ++r) {
                for (int c = 0; c < columnCount; ++c) {
                    if (c) buffer += '\t';
                    appendCopyField(buffer, cells[r * static_cast<size_t>(columnCount) + c], r, c);
                }
                buffer += '\n';
                if (buffer.size() >= 60000) send();
            }
            if (!buffer.empty()) send();
        } catch (const sdk::Error& e) {
            finish(e.what());
            throw;
        }
        Result done = finish(nullptr);
        if (!succeeded(done.get())) throw resultError(conn, done.get());
        return std::strtoll(PQcmdTuples(done.get()), nullptr, 10);
    }

    // statement_timeout, set with a bound parameter. A value set inside a
    // transaction reverts when it rolls back; the core sets it again then.
    void setTimeout(int64_t milliseconds) override {
        PGconn* conn = session_->get();
        const std::string value = std::to_string(milliseconds);
        const char* params[] = {value.c_str()};
        Result result(PQexecParams(conn, "SELECT set_config('statement_timeout', $1, false)", 1,
                                   nullptr, params, nullptr, nullptr, 0));
        if (!succeeded(result.get())) throw resultError(conn, result.get());
    }

private:
    std::shared_ptr<Session> session_;
};

struct ConnDeleter {
    void operator()(PGconn* conn) const { PQfinish(conn); }
};

// Milliseconds as libpq's connect_timeout: whole seconds, rounded up, at least 2.
long long connectSeconds(const std::string& text) {
    long long ms = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), ms);
    if (ec != std::errc{} || end != text.data() + text.size() || ms < 0)
        throw sdk::Error(TABULA_ERR_CONNECTION,
                         "invalid connectTimeout '" + text + "' for the postgres dialect");
    return std::max(2LL, (ms + 999) / 1000);
}

} // namespace

std::unique_ptr<sdk::Connection> connect(const sdk::Settings& settings) {
    std::vector<std::pair<std::string, std::string>> params;
    auto add = [&](const char* key, const std::string& value) {
        if (!value.empty()) params.emplace_back(key, value);
    };
    const std::string host = settings.get("host");
    const std::string port = settings.get("port");
    add("host", host);
    add("port", port);
    add("dbname", settings.get("database"));
    add("user", settings.get("username"));
    add("password", settings.get("password"));
    for (const char* key : {"sslmode", "application_name", "connect_timeout", "options",
                            "target_session_attrs", "keepalives", "keepalives_idle",
                            "keepalives_interval", "keepalives_count", "tcp_user_timeout"})
        add(key, settings.get(key));
    // The core's connectTimeout (milliseconds) unless connect_timeout is given:
    // libpq counts whole seconds and treats less than 2 as 2.
    if (!settings.has("connect_timeout") && settings.has("connectTimeout"))
        add("connect_timeout", std::to_string(connectSeconds(settings.get("connectTimeout"))));
    add("client_encoding", "UTF8");

    std::vector<const char*> keys, values;
    for (const auto& [key, value] : params) {
        keys.push_back(key.c_str());
        values.push_back(value.c_str());
    }
    keys.push_back(nullptr);
    values.push_back(nullptr);

    const std::string endpoint =
        (host.empty() ? "localhost" : host) + ":" + (port.empty() ? std::string("5432") : port);
    std::unique_ptr<PGconn, ConnDeleter> conn(PQconnectdbParams(keys.data(), values.data(), 0));
    if (!conn)
        throw sdk::Error(TABULA_ERR_CONNECTION,
                         "cannot connect to PostgreSQL at " + endpoint + ": out of memory");
    if (PQstatus(conn.get()) != CONNECTION_OK)
        throw connectError(PQerrorMessage(conn.get()), endpoint);

    // Notices (DROP ... IF EXISTS skipping) would otherwise go to stderr.
    PQsetNoticeProcessor(conn.get(), ignoreNotice, nullptr);
    // Fixed session formats that the value parsers rely on.
    Result setup(PQexec(conn.get(), "SET TIME ZONE 'UTC'; SET DateStyle = 'ISO'; "
                                    "SET bytea_output = 'hex'; SET extra_float_digits = 3"));
    if (!succeeded(setup.get())) throw resultError(conn.get(), setup.get());
    return std::make_unique<PgConnection>(conn.release());
}

} // namespace tabula::postgres
