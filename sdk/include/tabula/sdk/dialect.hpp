// Header-only C++ wrapper over the dialect C ABI: write a dialect as two
// ordinary classes, export it with TABULA_DIALECT(Class). Exceptions never
// cross the boundary; the generated C functions catch them at the edge, the
// entry point included, and the destructors (close, finalize) may throw too.
#pragma once

#include <tabula/sdk/dialect.h>

#include <cstdio>
#include <cstring>
#include <map>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace tabula::sdk {

// Thrown by dialect code; turned into a tabula_error at the boundary.
class Error : public std::runtime_error {
public:
    explicit Error(tabula_error_kind kind, const std::string& message, std::string sqlstate = {},
                   int64_t nativeCode = 0, std::string fields = {}, std::string constraint = {})
        : std::runtime_error(message), kind(kind), sqlstate(std::move(sqlstate)),
          nativeCode(nativeCode), fields(std::move(fields)), constraint(std::move(constraint)) {}

    tabula_error_kind kind;
    std::string sqlstate;
    int64_t nativeCode;
    std::string fields;
    std::string constraint;
};

// Connection settings: host, port, database, username, password, storage and
// every dialect or URI option, as text.
class Settings {
public:
    Settings(const tabula_setting* settings, size_t count) {
        for (size_t i = 0; i < count; ++i)
            if (settings[i].key && settings[i].value) values_[settings[i].key] = settings[i].value;
    }
    std::string get(const std::string& key, const std::string& fallback = {}) const {
        auto it = values_.find(key);
        return it == values_.end() ? fallback : it->second;
    }
    bool has(const std::string& key) const { return values_.count(key) != 0; }
    const std::map<std::string, std::string>& all() const { return values_; }

private:
    std::map<std::string, std::string> values_;
};

// Appends text to SQL the core is building.
class Sink {
public:
    explicit Sink(tabula_sink* sink) : sink_(sink) {}
    Sink& operator<<(std::string_view text) {
        if (sink_) sink_->append(sink_->ctx, text.data(), text.size());
        return *this;
    }
    Sink& operator<<(long long number) { return *this << std::string_view(std::to_string(number)); }

private:
    tabula_sink* sink_;
};

inline tabula_value nullValue() { return tabula_value{TABULA_TYPE_NULL, 0, 0.0, nullptr, 0}; }
inline tabula_value intValue(int64_t i, int32_t type = TABULA_TYPE_INT) {
    return tabula_value{type, i, 0.0, nullptr, 0};
}
inline tabula_value doubleValue(double d) {
    return tabula_value{TABULA_TYPE_DOUBLE, 0, d, nullptr, 0};
}
inline tabula_value textValue(const char* data, size_t size, int32_t type = TABULA_TYPE_TEXT) {
    return tabula_value{type, 0, 0.0, data, size};
}
inline std::string_view textOf(const tabula_value& v) { return {v.data ? v.data : "", v.size}; }

// Writes value as exactly `width` decimal digits, zero-padded (the value is
// below 10^width): dates and times for every bound or read row, where
// snprintf's format parsing costs more than the rest of the conversion.
inline void putDigits(char* out, uint64_t value, int width) {
    for (int i = width - 1; i >= 0; --i, value /= 10)
        out[i] = static_cast<char>('0' + value % 10);
}

// The SQL name of an isolation level; nullptr for the server's default.
// Whether text is a finite decimal number: digits with an optional sign,
// point and exponent; not NaN, Infinity or anything else a database would
// store as something other than the number.
inline bool finiteDecimal(std::string_view s) {
    size_t i = 0;
    if (i < s.size() && (s[i] == '+' || s[i] == '-')) ++i;
    bool digits = false;
    for (; i < s.size() && s[i] >= '0' && s[i] <= '9'; ++i)
        digits = true;
    if (i < s.size() && s[i] == '.')
        for (++i; i < s.size() && s[i] >= '0' && s[i] <= '9'; ++i)
            digits = true;
    if (!digits) return false;
    if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
        ++i;
        if (i < s.size() && (s[i] == '+' || s[i] == '-')) ++i;
        const size_t exponent = i;
        while (i < s.size() && s[i] >= '0' && s[i] <= '9')
            ++i;
        if (i == exponent) return false;
    }
    return i == s.size();
}

inline const char* isolationName(tabula_isolation isolation) {
    switch (isolation) {
    case TABULA_ISO_READ_UNCOMMITTED: return "READ UNCOMMITTED";
    case TABULA_ISO_READ_COMMITTED: return "READ COMMITTED";
    case TABULA_ISO_REPEATABLE_READ: return "REPEATABLE READ";
    case TABULA_ISO_SERIALIZABLE: return "SERIALIZABLE";
    default: return nullptr;
    }
}

// A SQL/JSON path, as MySQL's JSON_EXTRACT and SQL Server's JSON_VALUE read
// it: `$`, then `[n]` for an index, `.key` for an identifier and `."key"`
// (with `"` and `\` escaped) for any other key.
inline std::string jsonPath(const std::vector<std::string>& segments) {
    auto isIndex = [](const std::string& s) {
        if (s.empty()) return false;
        for (char c : s)
            if (c < '0' || c > '9') return false;
        return true;
    };
    auto isIdentifier = [](const std::string& s) {
        if (s.empty() || (s[0] >= '0' && s[0] <= '9')) return false;
        for (char c : s)
            if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                  c == '_'))
                return false;
        return true;
    };
    std::string path = "$";
    for (const std::string& s : segments) {
        if (isIndex(s)) {
            path += "[" + s + "]";
        } else if (isIdentifier(s)) {
            path += "." + s;
        } else {
            path += ".\"";
            for (char c : s) {
                if (c == '"' || c == '\\') path += '\\';
                path += c;
            }
            path += '"';
        }
    }
    return path;
}

// One prepared statement. Column values returned by column() must stay valid
// until the next step(), reset() or the statement's destruction; the data of
// a value given to bind() stays valid until reset() or destruction.
// Destruction is finalize: an exception it throws is caught at the boundary
// (the destructor is noexcept(false), and so are those that override it).
class Statement {
public:
    virtual ~Statement() noexcept(false) = default;
    virtual void bind(int index, const tabula_value& value) = 0; // index from 1
    virtual bool step() = 0;                                     // true: a row is ready
    virtual int columnCount() = 0;
    virtual const char* columnName(int column) = 0;
    virtual tabula_value column(int column) = 0;
    // Cells 0 .. count-1 of the current row, as column() gives them. A
    // dialect overrides it when it can check the row once rather than per cell.
    virtual void row(tabula_value* out, int count) {
        for (int c = 0; c < count; ++c)
            out[c] = column(c);
    }
    virtual int64_t changes() = 0;
    virtual int64_t lastInsertId() { return 0; }
    virtual void reset() = 0;
};

// One open connection. Destruction is close: as for a Statement, an
// exception it throws is caught at the boundary.
class Connection {
public:
    virtual ~Connection() noexcept(false) = default;
    virtual void ping() = 0;
    virtual void exec(const std::string& sql) = 0;
    virtual std::unique_ptr<Statement> prepare(std::string_view sql) = 0;
    // Capability flags the server adds to the profile's (ABI 1.1).
    virtual uint32_t serverSupports() { return 0; }
    // Loads `rows` rows of `columnCount` cells (row after row) into the
    // table in one bulk operation, returning the rows written (ABI 1.5).
    // The core calls it only when the profile sets TABULA_SUPPORTS_BULK_INSERT.
    virtual int64_t bulkInsert(const char* table, const char* const* columns, int columnCount,
                               const tabula_value* cells, size_t rows) {
        (void)table, (void)columns, (void)columnCount, (void)cells, (void)rows;
        throw Error(TABULA_ERR_UNSUPPORTED, "this dialect has no bulk insert");
    }
    // Bounds every statement started from now on to `milliseconds` (0: no
    // limit); one that runs longer throws TABULA_ERR_TIMEOUT and leaves the
    // connection usable (ABI 1.6). The core calls it only on a change.
    virtual void setTimeout(int64_t milliseconds) {
        (void)milliseconds;
        throw Error(TABULA_ERR_UNSUPPORTED, "this dialect cannot bound a statement's time");
    }
    // Standard SQL by default; override where the dialect differs.
    virtual void transaction(tabula_tx_op op, const char* name, tabula_isolation isolation) {
        exec(standardTransactionSql(op, name, isolation));
    }

    static std::string standardTransactionSql(tabula_tx_op op, const char* name,
                                              tabula_isolation isolation) {
        const std::string savepoint = name ? name : "";
        switch (op) {
        case TABULA_TX_BEGIN:
            if (const char* level = isolationName(isolation))
                return std::string("BEGIN; SET TRANSACTION ISOLATION LEVEL ") + level;
            return "BEGIN";
        case TABULA_TX_COMMIT: return "COMMIT";
        case TABULA_TX_ROLLBACK: return "ROLLBACK";
        case TABULA_TX_SAVEPOINT: return "SAVEPOINT " + savepoint;
        case TABULA_TX_RELEASE: return "RELEASE SAVEPOINT " + savepoint;
        case TABULA_TX_ROLLBACK_TO: return "ROLLBACK TO SAVEPOINT " + savepoint;
        }
        throw Error(TABULA_ERR_MISUSE, "unknown transaction operation");
    }
};

namespace detail {

inline void copyText(char* to, size_t capacity, const char* from) noexcept {
    std::snprintf(to, capacity, "%s", from ? from : "");
}

// Nothing here allocates: these run inside catch handlers of noexcept functions.
inline void fill(tabula_error* err, const Error& e) noexcept {
    if (!err) return;
    err->kind = e.kind;
    err->native_code = e.nativeCode;
    copyText(err->sqlstate, sizeof err->sqlstate, e.sqlstate.c_str());
    copyText(err->message, sizeof err->message, e.what());
    copyText(err->fields, sizeof err->fields, e.fields.c_str());
    copyText(err->constraint, sizeof err->constraint, e.constraint.c_str());
}

inline void fill(tabula_error* err, tabula_error_kind kind, const char* message) noexcept {
    if (!err) return;
    err->kind = kind;
    err->native_code = 0;
    copyText(err->sqlstate, sizeof err->sqlstate, "");
    copyText(err->message, sizeof err->message, message);
    copyText(err->fields, sizeof err->fields, "");
    copyText(err->constraint, sizeof err->constraint, "");
}

// Runs body; every exception becomes TABULA_ERROR with err filled in.
template <class Body>
int guard(tabula_error* err, Body&& body) noexcept {
    try {
        return body();
    } catch (const Error& e) {
        fill(err, e);
    } catch (const std::bad_alloc&) {
        fill(err, TABULA_ERR_GENERIC, "out of memory in dialect plugin");
    } catch (const std::exception& e) {
        fill(err, TABULA_ERR_GENERIC, e.what());
    } catch (...) {
        fill(err, TABULA_ERR_GENERIC, "unknown exception in dialect plugin");
    }
    return TABULA_ERROR;
}

inline Connection* conn(tabula_conn* c) { return reinterpret_cast<Connection*>(c); }
inline Statement* stmt(tabula_stmt* s) { return reinterpret_cast<Statement*>(s); }

template <class D>
struct Table {
    static int connect(const tabula_setting* settings, size_t count, tabula_conn** out,
                       tabula_error* err) {
        return guard(err, [&] {
            std::unique_ptr<Connection> c = D::connect(Settings(settings, count));
            *out = reinterpret_cast<tabula_conn*>(c.release());
            return TABULA_OK;
        });
    }
    static int ping(tabula_conn* c, tabula_error* err) {
        return guard(err, [&] {
            conn(c)->ping();
            return TABULA_OK;
        });
    }
    static void close(tabula_conn* c) noexcept {
        try {
            delete conn(c);
        } catch (...) {
        }
    }
    static int exec(tabula_conn* c, const char* sql, tabula_error* err) {
        return guard(err, [&] {
            conn(c)->exec(sql);
            return TABULA_OK;
        });
    }
    static int prepare(tabula_conn* c, const char* sql, size_t len, tabula_stmt** out,
                       tabula_error* err) {
        return guard(err, [&] {
            *out = reinterpret_cast<tabula_stmt*>(conn(c)->prepare({sql, len}).release());
            return TABULA_OK;
        });
    }
    static int bind(tabula_stmt* s, int index, const tabula_value* v, tabula_error* err) {
        return guard(err, [&] {
            stmt(s)->bind(index, *v);
            return TABULA_OK;
        });
    }
    static int step(tabula_stmt* s, tabula_error* err) {
        return guard(err, [&] { return stmt(s)->step() ? TABULA_ROW : TABULA_DONE; });
    }
    // A count it cannot give is -1, which the core refuses, rather than a
    // plausible 0 that would read as a result without columns.
    static int columnCount(tabula_stmt* s) noexcept {
        try {
            return stmt(s)->columnCount();
        } catch (...) {
            return -1;
        }
    }
    static const char* columnName(tabula_stmt* s, int column) noexcept {
        try {
            return stmt(s)->columnName(column);
        } catch (...) {
            return "";
        }
    }
    static int columnValue(tabula_stmt* s, int column, tabula_value* out, tabula_error* err) {
        return guard(err, [&] {
            *out = stmt(s)->column(column);
            return TABULA_OK;
        });
    }
    static int rowValues(tabula_stmt* s, tabula_value* out, int count, tabula_error* err) {
        return guard(err, [&] {
            stmt(s)->row(out, count);
            return TABULA_OK;
        });
    }
    static int64_t changes(tabula_stmt* s) noexcept {
        try {
            return stmt(s)->changes();
        } catch (...) {
            return 0;
        }
    }
    static int64_t lastInsertId(tabula_stmt* s) noexcept {
        try {
            return stmt(s)->lastInsertId();
        } catch (...) {
            return 0;
        }
    }
    static int reset(tabula_stmt* s, tabula_error* err) {
        return guard(err, [&] {
            stmt(s)->reset();
            return TABULA_OK;
        });
    }
    static void finalize(tabula_stmt* s) noexcept {
        try {
            delete stmt(s);
        } catch (...) {
        }
    }
    static int transaction(tabula_conn* c, int op, const char* name, int isolation,
                           tabula_error* err) {
        return guard(err, [&] {
            // An int outside the enumeration is no value of it: refused here,
            // before a cast would make one.
            if (op < TABULA_TX_BEGIN || op > TABULA_TX_ROLLBACK_TO)
                throw Error(TABULA_ERR_MISUSE,
                            "unknown transaction operation " + std::to_string(op));
            if (isolation < TABULA_ISO_DEFAULT || isolation > TABULA_ISO_SERIALIZABLE)
                throw Error(TABULA_ERR_MISUSE,
                            "unknown isolation level " + std::to_string(isolation));
            conn(c)->transaction(static_cast<tabula_tx_op>(op), name,
                                 static_cast<tabula_isolation>(isolation));
            return TABULA_OK;
        });
    }

    static int bulkInsert(tabula_conn* c, const char* table, const char* const* columns,
                          int columnCount, const tabula_value* cells, size_t rows, int64_t* loaded,
                          tabula_error* err) {
        return guard(err, [&] {
            const int64_t n = conn(c)->bulkInsert(table, columns, columnCount, cells, rows);
            if (loaded) *loaded = n;
            return TABULA_OK;
        });
    }
    static int setTimeout(tabula_conn* c, int64_t milliseconds, tabula_error* err) {
        return guard(err, [&] {
            conn(c)->setTimeout(milliseconds);
            return TABULA_OK;
        });
    }
    static uint32_t serverSupports(tabula_conn* c) noexcept {
        try {
            return conn(c)->serverSupports();
        } catch (...) {
            return 0;
        }
    }

    // Optional render hooks: wired only when the dialect class defines them.
    static int renderType(const tabula_column_type* column, tabula_sink* type,
                          tabula_sink* beforeCreate, tabula_sink* afterDrop) {
        return guard(nullptr, [&] {
            Sink t(type), b(beforeCreate), a(afterDrop);
            D::renderType(*column, t, b, a);
            return TABULA_OK;
        });
    }
    static int renderLimit(int64_t limit, int64_t offset, tabula_sink* out) {
        return guard(nullptr, [&] {
            Sink o(out);
            D::renderLimit(limit, offset, o);
            return TABULA_OK;
        });
    }
    static int renderJsonPath(const char* column, const char* const* segments, size_t count,
                              tabula_sink* out) {
        return guard(nullptr, [&] {
            Sink o(out);
            D::renderJsonPath(column, std::vector<std::string>(segments, segments + count), o);
            return TABULA_OK;
        });
    }

    // The entry point: NULL, which the loader reports, when building the
    // tables threw (in D::configure, say).
    static const tabula_dialect* entry() noexcept {
        try {
            return dialect();
        } catch (...) {
            return nullptr;
        }
    }

    static const tabula_dialect* dialect() {
        static const tabula_driver driver = [] {
            tabula_driver d{};
            d.struct_size = sizeof(tabula_driver);
            d.connect = &connect;
            d.ping = &ping;
            d.close = &close;
            d.exec = &exec;
            d.prepare = &prepare;
            d.bind = &bind;
            d.step = &step;
            d.column_count = &columnCount;
            d.column_name = &columnName;
            d.column_value = &columnValue;
            d.changes = &changes;
            d.last_insert_id = &lastInsertId;
            d.reset = &reset;
            d.finalize = &finalize;
            d.transaction = &transaction;
            d.server_supports = &serverSupports;
            d.row_values = &rowValues;
            d.bulk_insert = &bulkInsert;
            d.set_timeout = &setTimeout;
            return d;
        }();
        static const tabula_profile profile = [] {
            tabula_profile p{};
            p.struct_size = sizeof(tabula_profile);
            p.name = D::name;
            p.quote_open = '"';
            p.quote_close = '"';
            p.placeholder = TABULA_PLACEHOLDER_QUESTION;
            p.max_params = 999;
            p.now_sql = "CURRENT_TIMESTAMP";
            D::configure(p); // flags, quoting, placeholder style
            if constexpr (requires(const tabula_column_type& c, Sink& s) {
                              D::renderType(c, s, s, s);
                          })
                p.render_type = &renderType;
            if constexpr (requires(Sink & s) { D::renderLimit(int64_t{}, int64_t{}, s); })
                p.render_limit = &renderLimit;
            if constexpr (requires(const std::vector<std::string>& v, Sink& s) {
                              D::renderJsonPath("", v, s);
                          })
                p.render_json_path = &renderJsonPath;
            return p;
        }();
        static const tabula_dialect dialect = [] {
            tabula_dialect d{};
            d.struct_size = sizeof(tabula_dialect);
            d.abi_major = TABULA_ABI_MAJOR;
            d.abi_minor = TABULA_ABI_MINOR;
            d.name = D::name;
            d.version = D::version;
            d.build_tag = buildTag();
            d.driver = &driver;
            d.profile = &profile;
            return d;
        }();
        return &dialect;
    }

    static const char* buildTag() {
#if defined(__clang__)
        return "clang " __clang_version__;
#elif defined(__GNUC__)
        return "gcc " __VERSION__;
#elif defined(_MSC_VER)
        return "msvc";
#else
        return "unknown compiler";
#endif
    }
};

} // namespace detail
} // namespace tabula::sdk

// Exports the dialect class D as this plugin's entry point. D provides:
//   static constexpr const char* name;      // "sqlite"
//   static constexpr const char* version;   // "1.0.0"
//   static std::unique_ptr<tabula::sdk::Connection> connect(const tabula::sdk::Settings&);
//   static void configure(tabula_profile&); // quoting, placeholders, flags
// and optionally renderType, renderLimit and renderJsonPath (see the skeleton).
#define TABULA_DIALECT(D)                                                                          \
    extern "C" TABULA_PLUGIN_EXPORT const tabula_dialect* tabula_dialect_entry_v1(void) noexcept { \
        return ::tabula::sdk::detail::Table<D>::entry();                                           \
    }
