// Opening a SQL Server connection through FreeTDS's DB-Library, plain batches,
// and the transaction verbs.
#include "mssql_connection.hpp"

#include "mssql_statement.hpp"

#include <algorithm>
#include <charconv>
#include <condition_variable>
#include <mutex>

namespace tabula::mssql {
namespace {

// The connection being opened on this thread: DB-Library reports login
// messages before dbopen returns the DBPROCESS that could carry user data.
thread_local Diagnostics* tConnecting = nullptr;

Diagnostics* diagnosticsOf(DBPROCESS* db) {
    if (db)
        if (BYTE* data = dbgetuserdata(db)) return reinterpret_cast<Diagnostics*>(data);
    return tConnecting;
}

int onMessage(DBPROCESS* db, DBINT number, int, int severity, char* text, char*, char*, int) {
    // Severity 10 and below are informational (database changed, PRINT).
    if (severity > 10)
        if (Diagnostics* d = diagnosticsOf(db))
            d->errors.push_back({number, severity, text ? text : ""});
    return 0;
}

int onError(DBPROCESS* db, int, int error, int osError, char* text, char*) {
    Diagnostics* d = diagnosticsOf(db);
    const bool connecting = d == tConnecting && d != nullptr;
    if (d && error != SYBESMSG) {
        if (error == SYBETIME) d->timedOut = true;
        if (d->libraryError == 0 || error == SYBETIME) {
            d->libraryError = error;
            d->osError = osError > 0 ? osError : d->osError;
            d->libraryText = text ? text : "";
        }
    }
    // A query timeout: INT_TIMEOUT makes FreeTDS send an ATTENTION and wait for
    // the server to acknowledge it, so the connection stays usable. Anything
    // else fails the call (and, for a broken socket, the connection).
    if (error == SYBETIME && !connecting && db) return INT_TIMEOUT;
    return INT_CANCEL;
}

void initialise() {
    static std::once_flag once;
    std::call_once(once, [] {
        if (dbinit() == FAIL)
            throw sdk::Error(TABULA_ERR_CONNECTION, "cannot initialise FreeTDS's DB-Library");
        dberrhandle(&onError);
        dbmsghandle(&onMessage);
    });
}

// dbsetlogintime is process-wide and read by dbopen. Connections that want
// the same timeout share it; one that wants another waits until they are done.
class LoginTimeout {
public:
    explicit LoginTimeout(int seconds) {
        std::unique_lock lock(mutex_);
        changed_.wait(lock, [&] { return users_ == 0 || current_ == seconds; });
        if (current_ != seconds) {
            dbsetlogintime(seconds);
            current_ = seconds;
        }
        ++users_;
    }
    ~LoginTimeout() {
        std::lock_guard lock(mutex_);
        if (--users_ == 0) changed_.notify_all();
    }
    LoginTimeout(const LoginTimeout&) = delete;
    LoginTimeout& operator=(const LoginTimeout&) = delete;

private:
    static inline std::mutex mutex_;
    static inline std::condition_variable changed_;
    static inline int users_ = 0;
    static inline int current_ = -1;
};

unsigned long numberSetting(const sdk::Settings& settings, const std::string& key,
                            unsigned long fallback, unsigned long max) {
    const std::string text = settings.get(key);
    if (text.empty()) return fallback;
    unsigned long value = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc{} || end != text.data() + text.size() || value > max)
        throw sdk::Error(TABULA_ERR_CONNECTION,
                         "invalid " + key + " '" + text + "' for the mssql dialect");
    return value;
}

// Milliseconds to whole seconds, rounding up: DB-Library counts seconds.
int seconds(unsigned long ms) { return static_cast<int>((ms + 999) / 1000); }

// tedious spells versions 7_1, 7_2, 7_3_A, 7_3_B, 7_4; FreeTDS 7.1 ... 7.4.
BYTE tdsVersion(std::string text) {
    for (char& c : text)
        if (c == '_') c = '.';
    if (text.size() > 3) text.resize(3); // 7.3.A, 7.3.B
    if (text == "7.1") return DBVERSION_71;
    if (text == "7.2") return DBVERSION_72;
    if (text == "7.3") return DBVERSION_73;
    if (text == "7.4") return DBVERSION_74;
    throw sdk::Error(TABULA_ERR_CONNECTION,
                     "unsupported tdsVersion '" + text + "' for the mssql dialect (7.1 to 7.4)");
}

// encrypt: DB-Library has no per-login encryption switch (FreeTDS 1.3 leaves
// dbsetlbool(DBSETENCRYPT) unimplemented), so TLS follows FreeTDS's
// configuration: `encryption = request` by default, which uses TLS when the
// server offers it; `require` or `strict` must be set in freetds.conf for the
// server's section or [global]. Asking for it here fails rather than pretend.
void checkEncrypt(const sdk::Settings& settings) {
    const std::string e = settings.get("encrypt", "false");
    if (e == "false" || e == "0" || e == "off") return;
    if (e == "true" || e == "1" || e == "strict")
        throw sdk::Error(
            TABULA_ERR_UNSUPPORTED,
            "encrypt=" + e +
                " cannot be set per connection with FreeTDS's DB-Library: "
                "set 'encryption = " +
                std::string(e == "strict" ? "strict" : "require") +
                "' in freetds.conf ([global] or the server's section) and leave encrypt "
                "unset");
    throw sdk::Error(TABULA_ERR_CONNECTION, "invalid encrypt '" + e + "' (true, false or strict)");
}

std::string bracketed(const char* name) {
    if (!name || !*name) throw sdk::Error(TABULA_ERR_MISUSE, "a savepoint needs a name");
    std::string out = "[";
    for (const char* p = name; *p; ++p) {
        if (*p == ']') out += ']';
        out += *p;
    }
    return out + "]";
}

// What every session starts with, much as tedious sets it: whole MAX values
// (DB-Library's default TEXTSIZE would cut them), and the ANSI options that
// indexed views, filtered indexes and computed columns require.
constexpr const char* kSessionSetup =
    "SET TEXTSIZE 2147483647; SET QUOTED_IDENTIFIER ON; SET ANSI_NULLS ON; "
    "SET ANSI_WARNINGS ON; SET ANSI_PADDING ON; SET CONCAT_NULL_YIELDS_NULL ON; "
    "SET ARITHABORT ON; SET NUMERIC_ROUNDABORT OFF; SET ANSI_NULL_DFLT_ON ON; "
    "SET IMPLICIT_TRANSACTIONS OFF; SET DATEFIRST 7";

} // namespace

std::unique_ptr<sdk::Connection> Connection::open(const sdk::Settings& settings) {
    initialise();
    checkEncrypt(settings);

    const std::string host = settings.get("host", "localhost");
    const std::string instance = settings.get("instanceName");
    const auto port = numberSetting(settings, "port", 1433, 65535);
    // FreeTDS reads "host:port", or "host\instance" to ask the SQL Server
    // Browser for the instance's port.
    const std::string server =
        instance.empty() ? host + ":" + std::to_string(port) : host + "\\" + instance;
    const int loginSeconds = seconds(numberSetting(settings, "connectTimeout", 15000, 86400000));
    const unsigned long requestMs = numberSetting(settings, "requestTimeout", 0, 86400000);

    struct LoginFree {
        void operator()(LOGINREC* l) const { dbloginfree(l); }
    };
    std::unique_ptr<LOGINREC, LoginFree> login(dblogin());
    if (!login) throw sdk::Error(TABULA_ERR_GENERIC, "out of memory opening an mssql connection");
    const std::string user = settings.get("username"), password = settings.get("password");
    const std::string app = settings.get("appName", "tabula"), database = settings.get("database");
    DBSETLUSER(login.get(), user.c_str());
    DBSETLPWD(login.get(), password.c_str());
    DBSETLAPP(login.get(), app.c_str());
    DBSETLCHARSET(login.get(), "UTF-8");
    if (!database.empty()) DBSETLDBNAME(login.get(), database.c_str());
    if (dbsetlversion(login.get(), tdsVersion(settings.get("tdsVersion", "7.4"))) == FAIL)
        throw sdk::Error(TABULA_ERR_CONNECTION, "FreeTDS refused the TDS version");

    auto diagnostics = std::make_unique<Diagnostics>();
    DBPROCESS* db = nullptr;
    {
        LoginTimeout timeout(loginSeconds);
        tConnecting = diagnostics.get();
        db = dbopen(login.get(), server.c_str());
        tConnecting = nullptr;
    }
    if (!db) throw connectError(*diagnostics, server);
    dbsetuserdata(db, reinterpret_cast<BYTE*>(diagnostics.get()));
    auto conn = std::make_unique<Connection>(db, std::move(diagnostics), server);

    if (requestMs > 0) {
        const std::string s = std::to_string(seconds(requestMs));
        if (dbsetopt(db, DBSETTIME, s.c_str(), 0) == FAIL)
            throw sdk::Error(TABULA_ERR_CONNECTION, "FreeTDS refused requestTimeout");
        conn->requestSeconds_ = seconds(requestMs);
    }
    try {
        conn->exec(kSessionSetup);
    } catch (const sdk::Error& e) {
        throw sdk::Error(TABULA_ERR_CONNECTION,
                         "cannot set up the session at " + server + ": " + e.what(), e.sqlstate,
                         e.nativeCode);
    }
    return conn;
}

Connection::Connection(DBPROCESS* db, std::unique_ptr<Diagnostics> diagnostics, std::string where)
    : db_(db), diagnostics_(std::move(diagnostics)), where_(std::move(where)) {}

Connection::~Connection() {
    if (active_) active_->abandon();
    dbsetuserdata(db_, nullptr);
    dbclose(db_);
}

void Connection::setTimeout(int64_t milliseconds) {
    if (milliseconds < 0) throw sdk::Error(TABULA_ERR_MISUSE, "a negative statement timeout");
    const int wanted = milliseconds > 0 ? seconds(static_cast<unsigned long>(
                                              std::min<int64_t>(milliseconds, int64_t{86400000})))
                                        : requestSeconds_;
    const RETCODE rc = wanted > 0 ? dbsetopt(db_, DBSETTIME, std::to_string(wanted).c_str(), 0)
                                  : dbclropt(db_, DBSETTIME, nullptr);
    if (rc == FAIL)
        throw sdk::Error(TABULA_ERR_GENERIC, "FreeTDS refused the statement timeout of " +
                                                 std::to_string(milliseconds) + " ms");
}

void Connection::claim(Statement* statement) {
    if (active_ && active_ != statement) {
        active_->abandon();
        dbcancel(db_);
    }
    active_ = statement;
    diagnostics_->clear();
}

void Connection::release(Statement* statement) {
    if (active_ == statement) active_ = nullptr;
}

sdk::Error Connection::failure() {
    const bool dead = dbdead(db_);
    sdk::Error e = runError(*diagnostics_, dead, where_);
    if (!dead) dbcancel(db_);
    if (active_) active_->abandon();
    active_ = nullptr;
    return e;
}

void Connection::throwIfServerError() {
    if (diagnostics_->serverError()) throw failure();
}

void Connection::ping() {
    if (dbdead(db_))
        throw sdk::Error(TABULA_ERR_CONNECTION_LOST,
                         "the connection to mssql at " + where_ + " is lost");
    try {
        Statement s(*this, "SELECT 1");
        while (s.step()) {
        }
    } catch (const sdk::Error& e) {
        throw sdk::Error(TABULA_ERR_CONNECTION_LOST,
                         "the connection to mssql at " + where_ + " is lost: " + e.what(),
                         e.sqlstate, e.nativeCode);
    }
}

void Connection::exec(const std::string& sql) {
    Statement s(*this, sql);
    while (s.step()) {
    }
}

std::unique_ptr<sdk::Statement> Connection::prepare(std::string_view sql) {
    return std::make_unique<Statement>(*this, sql);
}

void Connection::transaction(tabula_tx_op op, const char* name, tabula_isolation isolation) {
    switch (op) {
    case TABULA_TX_BEGIN:
        // The level is a session setting, so it goes first and applies to this
        // transaction and later ones.
        if (const char* level = sdk::isolationName(isolation))
            exec(std::string("SET TRANSACTION ISOLATION LEVEL ") + level + "; BEGIN TRANSACTION");
        else
            exec("BEGIN TRANSACTION");
        return;
    case TABULA_TX_COMMIT: exec("COMMIT TRANSACTION"); return;
    case TABULA_TX_ROLLBACK: exec("ROLLBACK TRANSACTION"); return;
    case TABULA_TX_SAVEPOINT: exec("SAVE TRANSACTION " + bracketed(name)); return;
    case TABULA_TX_RELEASE: bracketed(name); return; // T-SQL savepoints are never released
    case TABULA_TX_ROLLBACK_TO: exec("ROLLBACK TRANSACTION " + bracketed(name)); return;
    }
    throw sdk::Error(TABULA_ERR_MISUSE,
                     "unknown transaction operation " + std::to_string(static_cast<int>(op)));
}

} // namespace tabula::mssql
