// Opening a MariaDB/MySQL connection, plain-text execution and transaction verbs.
#include "mysql_connection.hpp"

#include "mysql_errors.hpp"
#include "mysql_statement.hpp"

#include <tabula/sdk/socket.hpp>

#include <charconv>
#include <mutex>

namespace tabula::mysql {
namespace {

struct Closer {
    void operator()(MYSQL* db) const { mysql_close(db); }
};

struct ResultDeleter {
    void operator()(MYSQL_RES* r) const { mysql_free_result(r); }
};

// A whole number setting, or `fallback` when absent.
unsigned long numberSetting(const sdk::Settings& settings, const std::string& key,
                            unsigned long fallback, unsigned long max) {
    const std::string text = settings.get(key);
    if (text.empty()) return fallback;
    unsigned long value = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc{} || end != text.data() + text.size() || value > max)
        throw sdk::Error(TABULA_ERR_CONNECTION,
                         "invalid " + key + " '" + text + "' for the mysql dialect");
    return value;
}

// Seconds to wait for the server: connect_timeout (seconds), or Sequelize's
// dialectOptions.connectTimeout (milliseconds); 10 s like Sequelize by default.
unsigned int connectTimeout(const sdk::Settings& settings) {
    if (settings.has("connect_timeout"))
        return static_cast<unsigned int>(numberSetting(settings, "connect_timeout", 10, 86400));
    if (settings.has("connectTimeout")) {
        const unsigned long ms = numberSetting(settings, "connectTimeout", 10000, 86400000);
        return static_cast<unsigned int>((ms + 999) / 1000);
    }
    return 10;
}

std::string quoteName(const char* name) {
    if (!name || !*name) throw sdk::Error(TABULA_ERR_MISUSE, "a savepoint needs a name");
    std::string out = "`";
    for (const char* p = name; *p; ++p) {
        if (*p == '`') out += '`';
        out += *p;
    }
    return out + "`";
}

} // namespace

std::unique_ptr<sdk::Connection> Connection::open(const sdk::Settings& settings) {
    // mysql_init would do this lazily, but not safely from several threads at once.
    static std::once_flag initialised;
    std::call_once(initialised, [] {
        if (mysql_library_init(0, nullptr, nullptr) != 0)
            throw sdk::Error(TABULA_ERR_CONNECTION, "cannot initialise the MariaDB client library");
    });

    std::unique_ptr<MYSQL, Closer> db(mysql_init(nullptr));
    if (!db) throw sdk::Error(TABULA_ERR_GENERIC, "out of memory opening a mysql connection");

    const std::string host = settings.get("host");
    const auto port = static_cast<unsigned int>(numberSetting(settings, "port", 3306, 65535));
    const std::string where =
        (host.empty() ? std::string("localhost") : host) + ":" + std::to_string(port);
    const unsigned int timeout = connectTimeout(settings);
    const std::string charset = settings.get("charset", "utf8mb4");
    const my_bool reconnect = 0; // a silent reconnect would lose session state and transactions
    mysql_options(db.get(), MYSQL_OPT_CONNECT_TIMEOUT, &timeout);
    mysql_options(db.get(), MYSQL_SET_CHARSET_NAME, charset.c_str());
    mysql_options(db.get(), MYSQL_OPT_RECONNECT, &reconnect);
    // The client's own bounds on one read or write (seconds, 0: none): past
    // them the connection counts as lost, whatever the server is doing.
    for (const auto& [key, option] : {std::pair{"read_timeout", MYSQL_OPT_READ_TIMEOUT},
                                      std::pair{"write_timeout", MYSQL_OPT_WRITE_TIMEOUT}}) {
        if (!settings.has(key)) continue;
        const auto seconds = static_cast<unsigned int>(numberSetting(settings, key, 0, 86400));
        if (seconds > 0) mysql_options(db.get(), option, &seconds);
    }
    if (!host.empty()) {
        const unsigned int protocol = MYSQL_PROTOCOL_TCP;
        mysql_options(db.get(), MYSQL_OPT_PROTOCOL, &protocol);
    }

    const std::string user = settings.get("username");
    const std::string password = settings.get("password");
    const std::string database = settings.get("database");
    // No CLIENT_FOUND_ROWS: affected rows count changed rows, as Sequelize reports.
    if (!mysql_real_connect(db.get(), host.empty() ? nullptr : host.c_str(), user.c_str(),
                            password.c_str(), database.empty() ? nullptr : database.c_str(), port,
                            nullptr, CLIENT_MULTI_STATEMENTS)) {
        const sdk::Error e = connectionError(db.get(), Phase::Connect);
        throw sdk::Error(e.kind, "cannot connect to mysql at " + where + ": " + e.what(),
                         e.sqlstate, e.nativeCode);
    }

    auto conn = std::make_unique<Connection>(db.release(), where);
    try {
        // Instants travel as UTC whatever the server's default zone, and bad
        // values fail instead of being silently truncated.
        conn->exec("SET time_zone = '+00:00', "
                   "sql_mode = CONCAT_WS(',', NULLIF(@@sql_mode, ''), 'STRICT_ALL_TABLES')");
    } catch (const sdk::Error& e) {
        throw sdk::Error(TABULA_ERR_CONNECTION,
                         "cannot set up the session at " + where + ": " + e.what(), e.sqlstate,
                         e.nativeCode);
    }
    return conn;
}

uint32_t Connection::serverSupports() {
    const char* info = mysql_get_server_info(db_);
    const bool mariadb = info && std::string_view(info).find("MariaDB") != std::string_view::npos;
    if (mariadb && mysql_get_server_version(db_) >= 100500)
        return TABULA_SUPPORTS_RETURNING | TABULA_SUPPORTS_INSERT_RETURNING_ONLY;
    return 0;
}

void Connection::ping() {
    // No round trip while the socket is quiet: a killed connection shows up
    // as readable (the server's error and close), and only then is it asked.
    session_->claim(nullptr);
    if (!sdk::socketReadable(static_cast<int>(mysql_get_socket(db_)))) return;
    if (mysql_ping(db_) != 0)
        throw sdk::Error(TABULA_ERR_CONNECTION_LOST,
                         "the connection to mysql at " + where_ + " is lost: " + mysql_error(db_),
                         mysql_sqlstate(db_), mysql_errno(db_));
}

void Connection::exec(const std::string& sql) {
    session_->claim(nullptr);
    if (mysql_real_query(db_, sql.data(), static_cast<unsigned long>(sql.size())))
        throw connectionError(db_, Phase::Run, sql);
    // Several statements give several results; each must be read before the next.
    for (;;) {
        std::unique_ptr<MYSQL_RES, ResultDeleter> result(mysql_store_result(db_));
        if (!result && mysql_field_count(db_) != 0) throw connectionError(db_, Phase::Run, sql);
        const int rc = mysql_next_result(db_);
        if (rc > 0) throw connectionError(db_, Phase::Run, sql);
        if (rc < 0) break;
    }
}

std::unique_ptr<sdk::Statement> Connection::prepare(std::string_view sql) {
    session_->claim(nullptr);
    return std::make_unique<Statement>(db_, session_, sql);
}

void Connection::transaction(tabula_tx_op op, const char* name, tabula_isolation isolation) {
    switch (op) {
    case TABULA_TX_BEGIN:
        // The level applies to the next transaction only, so it must come first.
        if (const char* level = sdk::isolationName(isolation))
            exec(std::string("SET TRANSACTION ISOLATION LEVEL ") + level + "; START TRANSACTION");
        else
            exec("START TRANSACTION");
        return;
    case TABULA_TX_COMMIT: exec("COMMIT"); return;
    case TABULA_TX_ROLLBACK: exec("ROLLBACK"); return;
    case TABULA_TX_SAVEPOINT: exec("SAVEPOINT " + quoteName(name)); return;
    case TABULA_TX_RELEASE: exec("RELEASE SAVEPOINT " + quoteName(name)); return;
    case TABULA_TX_ROLLBACK_TO: exec("ROLLBACK TO SAVEPOINT " + quoteName(name)); return;
    }
    throw sdk::Error(TABULA_ERR_MISUSE,
                     "unknown transaction operation " + std::to_string(static_cast<int>(op)));
}

// MariaDB bounds every statement with max_statement_time (seconds, with a
// fraction); MySQL only SELECT, with max_execution_time (milliseconds).
// Session variables outlive a rollback, so the value set is the value kept.
void Connection::setTimeout(int64_t milliseconds) {
    if (milliseconds < 0) throw sdk::Error(TABULA_ERR_MISUSE, "a negative statement timeout");
    const char* info = mysql_get_server_info(db_);
    const bool mariadb = info && std::string_view(info).find("MariaDB") != std::string_view::npos;
    if (mariadb) {
        const std::string fraction = std::to_string(1000 + milliseconds % 1000).substr(1);
        exec("SET SESSION max_statement_time = " + std::to_string(milliseconds / 1000) + "." +
             fraction);
    } else {
        exec("SET SESSION max_execution_time = " + std::to_string(milliseconds));
    }
}

} // namespace tabula::mysql
