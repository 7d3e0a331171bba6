// Bounded waits: opening a connection to a server that never answers, and
// statements that run past their timeout (the Database's queryTimeout or a
// call's own timeout option).
#include "context.hpp"
#include "uri.hpp"

#include <catch2/catch.hpp>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <thread>
#include <vector>

using namespace tabula;
using namespace std::chrono_literals;

namespace {

using Clock = std::chrono::steady_clock;

// A loopback TCP listener that accepts every connection and never writes a
// byte: what a frozen server, or a port behind a stalled proxy, looks like.
class SilentServer {
public:
    SilentServer() {
        fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
        REQUIRE(fd_ >= 0);
        sockaddr_in address{};
        address.sin_family = AF_INET;
        address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        address.sin_port = 0;
        REQUIRE(::bind(fd_, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0);
        REQUIRE(::listen(fd_, 16) == 0);
        socklen_t length = sizeof address;
        REQUIRE(::getsockname(fd_, reinterpret_cast<sockaddr*>(&address), &length) == 0);
        port_ = ntohs(address.sin_port);
        thread_ = std::thread([this] {
            while (!stop_) {
                pollfd p{fd_, POLLIN, 0};
                if (::poll(&p, 1, 50) > 0) {
                    const int client = ::accept(fd_, nullptr, nullptr);
                    if (client >= 0) clients_.push_back(client);
                }
            }
        });
    }
    ~SilentServer() {
        stop_ = true;
        thread_.join();
        for (int client : clients_)
            ::close(client);
        ::close(fd_);
    }
    int port() const { return port_; }

private:
    int fd_ = -1;
    int port_ = 0;
    std::atomic<bool> stop_{false};
    std::vector<int> clients_;
    std::thread thread_;
};

std::string silentUri(const SilentServer& server) {
    auto u = detail::parseUri(conformance::uri());
    return u.dialect + "://" + u.username + ":" + u.password +
           "@127.0.0.1:" + std::to_string(server.port()) + "/" + u.database;
}

double secondsSince(Clock::time_point start) {
    return std::chrono::duration<double>(Clock::now() - start).count();
}

// A statement that runs for many seconds.
std::string longStatement() {
    if (conformance::isPostgres()) return "SELECT pg_sleep(5) AS done";
    if (conformance::isMysql()) return "SELECT SLEEP(5) AS done";
    if (conformance::isMssql()) return "WAITFOR DELAY '00:00:05'; SELECT 1 AS done";
    return "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 2000000000) "
           "SELECT COUNT(*) AS done FROM c";
}

// A statement that runs for about `ms` milliseconds: longer than the short
// timeouts below, short enough to wait for.
std::string pause(Database& db, int ms) {
    if (conformance::isPostgres()) return "SELECT pg_sleep(" + std::to_string(ms / 1000.0) + ")";
    if (conformance::isMysql()) return "SELECT SLEEP(" + std::to_string(ms / 1000.0) + ")";
    if (conformance::isMssql())
        return "WAITFOR DELAY '00:00:0" + std::to_string((ms + 999) / 1000) + "'; SELECT 1";
    // SQLite has no sleep: count until the count takes `ms`.
    for (long long n = 100000;; n *= 2) {
        const std::string sql =
            "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < " +
            std::to_string(n) + ") SELECT COUNT(*) FROM c";
        const auto start = Clock::now();
        db.query(sql);
        if (secondsSince(start) * 1000 >= ms) return sql;
    }
}

} // namespace

TEST_CASE("connecting to a server that never answers is bounded by pool.acquire",
          "[timeouts][connect]") {
    if (conformance::isSqlite()) return; // SQLite has nothing to connect to
    SilentServer server;
    Options options;
    options.logging = false;
    options.pool.acquire = 2s;
    Database db(silentUri(server), options);
    const auto start = Clock::now();
    REQUIRE_THROWS_AS(db.authenticate(), ConnectionTimedOutError);
    // PostgreSQL and SQL Server count whole seconds; 2 s is exact for both.
    CHECK(secondsSince(start) < 4.0);
}

TEST_CASE("connecting to a server that never answers is bounded by connectTimeout",
          "[timeouts][connect]") {
    if (conformance::isSqlite()) return; // SQLite has nothing to connect to
    SilentServer server;
    Options options;
    options.logging = false;
    options.connectTimeout = 1000ms;
    Database db(silentUri(server), options);
    const auto start = Clock::now();
    REQUIRE_THROWS_AS(db.authenticate(), ConnectionTimedOutError);
    // libpq waits at least 2 s.
    const double bound = conformance::isPostgres() ? 2.0 : 1.0;
    CHECK(secondsSince(start) < 2 * bound);
}

TEST_CASE("a query past its timeout throws TimeoutError and leaves the connection usable",
          "[timeouts][statement]") {
    Options options;
    options.pool.max = 1; // every statement below runs on the same connection
    auto db = conformance::open(options);
    const std::string slow = pause(*db, 700);

    auto start = Clock::now();
    REQUIRE_THROWS_AS(db->query(longStatement(), {.timeout = 300ms}), TimeoutError);
    CHECK(secondsSince(start) < 2.5);

    // The same connection answers the next query.
    CHECK(db->query("SELECT 1 AS one").rows.at(0)["one"].asInt() == 1);
    // The limit was the query's own: the next one runs as long as it needs.
    start = Clock::now();
    REQUIRE_NOTHROW(db->query(slow));
    CHECK(secondsSince(start) >= 0.3);
}

TEST_CASE("queryTimeout bounds every statement; a query's timeout of 0 lifts it",
          "[timeouts][statement]") {
    Options options;
    options.pool.max = 1;
    auto db = conformance::open(options);
    const std::string slow = pause(*db, 1500);

    Options limited;
    limited.pool.max = 1;
    limited.queryTimeout = 500ms;
    auto bounded = conformance::open(limited);
    auto start = Clock::now();
    REQUIRE_THROWS_AS(bounded->query(slow), TimeoutError);
    CHECK(secondsSince(start) < 3.0);
    CHECK(bounded->query("SELECT 1 AS one").rows.at(0)["one"].asInt() == 1);

    start = Clock::now();
    REQUIRE_NOTHROW(bounded->query(slow, {.timeout = 0ms}));
    CHECK(secondsSince(start) >= 0.5);
    // And the database-wide limit is back for the next query.
    REQUIRE_THROWS_AS(bounded->query(slow), TimeoutError);
}

TEST_CASE("a finder's timeout bounds its statement", "[timeouts][statement]") {
    Options options;
    options.pool.max = 1;
    auto db = conformance::open(options);
    const std::string view = "timeout_slow_rows";
    // A view that takes seconds to read, behind an ordinary model.
    std::string body;
    if (conformance::isPostgres())
        body = "SELECT 1 AS id FROM pg_sleep(5)";
    else if (conformance::isMysql())
        body = "SELECT 1 AS id FROM (SELECT SLEEP(5) AS s) AS t";
    else
        body = "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < "
               "2000000000) SELECT COUNT(*) AS id FROM c";
    db->query("DROP VIEW IF EXISTS " + view);
    db->query("CREATE VIEW " + view + " AS " + body);
    Model& slow = db->define("SlowRow", {{"id", {.type = DataTypes::INTEGER, .primaryKey = true}}},
                             {.tableName = view, .timestamps = false});

    const auto start = Clock::now();
    REQUIRE_THROWS_AS(slow.findAll({.timeout = 300ms}), TimeoutError);
    CHECK(secondsSince(start) < 2.5);
    REQUIRE_THROWS_AS(slow.count({.timeout = 300ms}), TimeoutError);
    CHECK(db->query("SELECT 1 AS one").rows.at(0)["one"].asInt() == 1);
    db->query("DROP VIEW " + view);
}

TEST_CASE("a negative timeout is a UsageError", "[timeouts]") {
    auto db = conformance::open();
    CHECK_THROWS_AS(db->query("SELECT 1", {.timeout = -1ms}), UsageError);
    Options options;
    options.queryTimeout = -5ms;
    CHECK_THROWS_AS(conformance::open(options), UsageError);
}

TEST_CASE("mysql: read_timeout bounds the wait for the server's answer", "[timeouts][mysql]") {
    if (!conformance::isMysql()) return;
    Options options;
    options.logging = false;
    options.pool.max = 1;
    options.dialectOptions = {{"read_timeout", "1"}};
    Database db(conformance::uri(), options);
    const auto start = Clock::now();
    // Past it the client gives the connection up, whatever the server does.
    REQUIRE_THROWS_AS(db.query("SELECT SLEEP(4)"), ConnectionError);
    CHECK(secondsSince(start) < 2.5);
    // The pool opens a new connection for the next query.
    CHECK(db.query("SELECT 1 AS one").rows.at(0)["one"].asInt() == 1);
}

TEST_CASE("a rollback that restores an older statement timeout is followed",
          "[timeouts][statement]") {
    Options options;
    options.pool.max = 1;
    auto db = conformance::open(options);
    const std::string slow = pause(*db, 700);
    db->query("SELECT 1 AS one", {.timeout = 300ms});
    {
        Transaction t = db->transaction();
        // No limit inside the transaction; PostgreSQL undoes that at rollback.
        db->query("SELECT 1 AS one", {.transaction = &t});
        t.rollback();
    }
    // No limit asked for, so none may apply, whatever the rollback restored.
    REQUIRE_NOTHROW(db->query(slow));
}
