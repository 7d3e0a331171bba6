// The smallest complete dialect, to copy when writing a new one: every hook
// carries the contract the core relies on. Its "database" answers only
// `SELECT ?, ?, ...` by echoing the bound values, enough to drive the core.
#include <tabula/sdk/dialect.hpp>

#include <string>
#include <vector>

namespace {

using tabula::sdk::Error;
using tabula::sdk::Sink;

// A prepared statement. For each use the core binds every parameter, steps
// until step() returns false (reading cells after each true), reads changes()
// and lastInsertId(), then calls reset(). It reuses the object for the same
// SQL, so reset() must restore the state right after prepare.
class SkeletonStatement final : public tabula::sdk::Statement {
public:
    explicit SkeletonStatement(int parameters) : cells_(static_cast<size_t>(parameters)) {
        for (int i = 1; i <= parameters; ++i)
            names_.push_back(std::to_string(i));
    }

    // index counts from 1. value.data stays valid until reset() (ABI 1.3),
    // so keeping the pointer would do; this dialect keeps its own copy of
    // the bytes to echo them. Throw TABULA_ERR_MISUSE for a bad index.
    void bind(int index, const tabula_value& value) override {
        if (index < 1 || index > static_cast<int>(cells_.size()))
            throw Error(TABULA_ERR_MISUSE, "parameter " + std::to_string(index) + " out of range");
        Cell& cell = cells_[static_cast<size_t>(index - 1)];
        cell.value = value;
        cell.bytes.assign(value.data ? value.data : "", value.data ? value.size : 0);
    }

    // Runs the statement or moves to its next row: true while a row is ready,
    // false once done (and again on every call until reset). Errors are
    // thrown as sdk::Error with the kind, SQLSTATE and native code mapped.
    bool step() override {
        row_ = !done_;
        done_ = true;
        return row_;
    }

    int columnCount() override { return static_cast<int>(cells_.size()); }
    // Stays valid until the statement is finalized.
    const char* columnName(int column) override { return names_.at(checked(column)).c_str(); }

    // The current row's cell. Its data must stay valid until the next step(),
    // reset() or finalize; the core copies what it keeps. Report the type the
    // database holds: the core converts to the attribute's type.
    tabula_value column(int column) override {
        if (!row_) throw Error(TABULA_ERR_MISUSE, "no current row");
        Cell& cell = cells_[checked(column)];
        tabula_value out = cell.value;
        out.data = cell.bytes.data();
        return out;
    }

    // Rows inserted, updated or deleted by this statement's last run; 0 for
    // a query. lastInsertId is the generated key of an INSERT, 0 otherwise.
    int64_t changes() override { return 0; }
    int64_t lastInsertId() override { return 0; }

    // Ready to run again, with every binding cleared (back to NULL).
    void reset() override {
        for (Cell& cell : cells_)
            cell = Cell{};
        done_ = row_ = false;
    }

private:
    struct Cell {
        tabula_value value = tabula::sdk::nullValue();
        std::string bytes;
    };
    size_t checked(int column) const {
        if (column < 0 || column >= static_cast<int>(cells_.size()))
            throw Error(TABULA_ERR_MISUSE, "column " + std::to_string(column) + " out of range");
        return static_cast<size_t>(column);
    }

    std::vector<Cell> cells_;
    std::vector<std::string> names_;
    bool done_ = false;
    bool row_ = false;
};

// One open connection. The pool gives it to one thread at a time, so it need
// not lock. Closing is its destructor, which must not throw.
class SkeletonConnection final : public tabula::sdk::Connection {
public:
    // Called by the pool before handing the connection out. Throw
    // TABULA_ERR_CONNECTION_LOST when it no longer works: the pool drops it.
    void ping() override {}

    // SQL without parameters or results, possibly several statements (DDL,
    // and the default transaction() below). This database runs none.
    void exec(const std::string& sql) override {
        throw Error(TABULA_ERR_UNSUPPORTED, "the skeleton dialect runs no SQL: " + sql);
    }

    // One statement with placeholders in the profile's style, numbered from
    // 1. Syntax errors are TABULA_ERR_SYNTAX; several statements are misuse.
    std::unique_ptr<tabula::sdk::Statement> prepare(std::string_view sql) override {
        int parameters = 0;
        bool valid = sql.starts_with("SELECT ");
        for (char c : sql.substr(valid ? 7 : 0)) {
            if (c == '?')
                ++parameters;
            else if (c != ',' && c != ' ')
                valid = false;
        }
        if (!valid || parameters == 0)
            throw Error(TABULA_ERR_UNSUPPORTED,
                        "the skeleton dialect only answers SELECT ?, ?, ...: " + std::string(sql));
        return std::make_unique<SkeletonStatement>(parameters);
    }

    // transaction(op, name, isolation) is optional: by default it runs
    // BEGIN / COMMIT / ROLLBACK / SAVEPOINT name / RELEASE SAVEPOINT name /
    // ROLLBACK TO SAVEPOINT name (plus SET TRANSACTION ISOLATION LEVEL)
    // through exec(). Override it where the database spells these otherwise.

    // bulkInsert(table, columns, columnCount, cells, rows) is optional too:
    // a database with a bulk load faster than INSERT (PostgreSQL's COPY)
    // overrides it and sets TABULA_SUPPORTS_BULK_INSERT in configure().
    // cells holds rows * columnCount values under bind()'s rules, row after
    // row; table and column names arrive unquoted. Return the rows written.
};

struct SkeletonDialect {
    // The name in `dialect` options and URIs, and in the file name:
    // tabula-dialect-skeleton-abi1.so.
    static constexpr const char* name = "skeleton";
    static constexpr const char* version = "0.1.0";

    // Settings hold host, port, database, username, password, storage and
    // every dialectOptions and URI option, as text. Failures are thrown with
    // the most precise kind: TABULA_ERR_CONN_REFUSED, _ACCESS_DENIED,
    // _HOST_NOT_FOUND, _CONN_TIMEOUT, or TABULA_ERR_CONNECTION.
    static std::unique_ptr<tabula::sdk::Connection> connect(const tabula::sdk::Settings&) {
        return std::make_unique<SkeletonConnection>();
    }

    // The SQL profile. Defaults on entry: quotes '"', placeholder '?',
    // max_params 999, now_sql CURRENT_TIMESTAMP, no capability flags. Set a
    // TABULA_SUPPORTS_* flag only for what the database really does: the
    // core's generator chooses its SQL by these flags. max_identifier_length
    // is the longest table or column name in bytes the database keeps whole
    // (0: no limit); the core refuses longer ones when a model is defined.
    static void configure(tabula_profile& profile) {
        profile.placeholder = TABULA_PLACEHOLDER_QUESTION;
        profile.supports = 0;
        profile.max_identifier_length = 0;
    }

    // The three render hooks are optional: leave one out and the core uses
    // standard SQL. Each appends text to a sink and throws sdk::Error when it
    // cannot render (the core then refuses the model or query).

    // The column type for a data type. Statements needed before CREATE TABLE
    // (a CREATE TYPE for an ENUM, say) go to beforeCreate, one per <<, and
    // their DROP to afterDrop. With TABULA_SUPPORTS_AUTOINC_INLINE_PK set,
    // an auto_increment column's text must include PRIMARY KEY.
    static void renderType(const tabula_column_type& column, Sink& type, Sink& /*beforeCreate*/,
                           Sink& /*afterDrop*/) {
        const long long length = column.length > 0 ? column.length : 255;
        switch (column.kind) {
        case TABULA_DT_STRING: type << "VARCHAR(" << length << ")"; return;
        case TABULA_DT_CHAR: type << "CHAR(" << length << ")"; return;
        case TABULA_DT_INTEGER: type << "INTEGER"; return;
        case TABULA_DT_BIGINT: type << "BIGINT"; return;
        case TABULA_DT_BOOLEAN: type << "BOOLEAN"; return;
        case TABULA_DT_DATE: type << "TIMESTAMP"; return;
        default:
            throw Error(TABULA_ERR_UNSUPPORTED,
                        "the skeleton dialect has no type for kind " + std::to_string(column.kind));
        }
    }

    // The row window appended to a SELECT: limit < 0 means no limit, offset
    // 0 means none. Append nothing when neither applies.
    static void renderLimit(int64_t limit, int64_t offset, Sink& out) {
        if (limit >= 0) out << "LIMIT " << static_cast<long long>(limit);
        if (offset > 0)
            out << (limit >= 0 ? " " : "") << "OFFSET " << static_cast<long long>(offset);
    }

    // An expression giving, as text, the value at a path inside a JSON
    // column. `column` is quoted SQL already; segments are names of
    // [A-Za-z0-9_-] or array indexes. Standard SQL's JSON_VALUE shown here.
    static void renderJsonPath(const char* column, const std::vector<std::string>& segments,
                               Sink& out) {
        std::string path = "$";
        for (const std::string& s : segments)
            path +=
                s.find_first_not_of("0123456789") == std::string::npos ? "[" + s + "]" : "." + s;
        out << "JSON_VALUE(" << column << ", '" << path << "')";
    }
};

} // namespace

TABULA_DIALECT(SkeletonDialect)
