// What only a server dialect has: typed connection errors, and a pool seen
// from the server's side (connection counts, idle closing, replacement of a
// connection the server killed). On SQLite these cases have nothing to do.
#include "context.hpp"
#include "uri.hpp"

#include <catch2/catch.hpp>

#include <atomic>
#include <thread>

using namespace tabula;

namespace {

std::string uriWith(const std::string& user, const std::string& password, const std::string& host,
                    int port, const std::string& query = "") {
    auto u = detail::parseUri(conformance::uri());
    return u.dialect + "://" + user + ":" + password + "@" + host + ":" + std::to_string(port) +
           "/" + u.database + query;
}

// Connections the server sees from this test's pool (tagged by application
// name on PostgreSQL; by user and database on MySQL, less the counter's own).
std::int64_t serverConnections(Database& counter) {
    if (conformance::isPostgres())
        return counter
            .query("SELECT COUNT(*) AS n FROM pg_stat_activity WHERE application_name = "
                   "'tabula_pool_test'")
            .rows.at(0)["n"]
            .asInt();
    return counter
               .query(
                   "SELECT COUNT(*) AS n FROM information_schema.PROCESSLIST WHERE USER = 'tabula' "
                   "AND DB = DATABASE()")
               .rows.at(0)["n"]
               .asInt() -
           1;
}

std::string poolUri() {
    if (conformance::isPostgres()) return conformance::uri() + "?application_name=tabula_pool_test";
    return conformance::uri();
}

const char* sleepSql() {
    return conformance::isPostgres() ? "SELECT pg_sleep(0.05)" : "SELECT SLEEP(0.05)";
}

} // namespace

TEST_CASE("connection errors are typed", "[server]") {
    if (conformance::isSqlite()) {
        // SQLite's only connection failure: a file that cannot be opened.
        REQUIRE_THROWS_AS(
            Database("sqlite:/no/such/folder/db.sqlite", {.logging = false}).authenticate(),
            ConnectionError);
        return;
    }
    auto u = detail::parseUri(conformance::uri());
    {
        Database db(uriWith(u.username, "wrong-password", u.host, u.port), {.logging = false});
        REQUIRE_THROWS_AS(db.authenticate(), AccessDeniedError);
        try {
            db.authenticate();
        } catch (const AccessDeniedError& e) {
            REQUIRE(std::string(e.what()).find("wrong-password") == std::string::npos);
        }
    }
    {
        Database db(uriWith(u.username, u.password, "127.0.0.1", 1), {.logging = false});
        REQUIRE_THROWS_AS(db.authenticate(), ConnectionRefusedError);
    }
    {
        Database db(uriWith(u.username, u.password, "no-such-host.invalid", u.port),
                    {.logging = false});
        REQUIRE_THROWS_AS(db.authenticate(), HostNotFoundError);
    }
}

TEST_CASE("the server never sees more connections than pool.max", "[server]") {
    if (conformance::isSqlite()) return;
    auto counter = conformance::open();
    Database db(poolUri(), {.pool = {.max = 4, .min = 0}, .logging = false});
    std::atomic<bool> done{false};
    std::atomic<std::int64_t> peak{0};
    std::thread sampler([&] {
        while (!done) {
            peak = std::max<std::int64_t>(peak, serverConnections(*counter));
            std::this_thread::sleep_for(std::chrono::milliseconds(10));
        }
    });
    std::vector<std::thread> workers;
    std::atomic<int> errors{0};
    for (int t = 0; t < 32; ++t)
        workers.emplace_back([&] {
            try {
                for (int i = 0; i < 3; ++i)
                    db.query(sleepSql());
            } catch (...) {
                ++errors;
            }
        });
    for (auto& w : workers)
        w.join();
    done = true;
    sampler.join();
    REQUIRE(errors == 0);
    REQUIRE(peak >= 2);
    REQUIRE(peak <= 4);
}

TEST_CASE("idle connections above min are closed after idle", "[server]") {
    if (conformance::isSqlite()) return;
    auto counter = conformance::open();
    Database db(poolUri(), {.pool = {.max = 4,
                                     .min = 1,
                                     .idle = std::chrono::milliseconds(200),
                                     .evict = std::chrono::milliseconds(50)},
                            .logging = false});
    std::vector<std::thread> workers;
    for (int t = 0; t < 4; ++t)
        workers.emplace_back([&] { db.query(sleepSql()); });
    for (auto& w : workers)
        w.join();
    REQUIRE(serverConnections(*counter) == 4);
    std::int64_t now = 4;
    for (int i = 0; i < 100 && now > 1; ++i) {
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
        now = serverConnections(*counter);
    }
    REQUIRE(now == 1);
}

TEST_CASE("a connection killed by the server is replaced without an error", "[server]") {
    if (conformance::isSqlite()) return;
    auto killer = conformance::open();
    auto db = conformance::open({.pool = {.max = 1}});
    const char* idSql = conformance::isPostgres() ? "SELECT pg_backend_pid() AS id"
                                                  : "SELECT CONNECTION_ID() AS id";
    std::int64_t first = db->query(idSql).rows.at(0)["id"].asInt();
    if (conformance::isPostgres())
        killer->query("SELECT pg_terminate_backend($1)", {.bind = {first}});
    else
        killer->query("KILL " + std::to_string(first));
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    std::int64_t second = 0;
    REQUIRE_NOTHROW(second = db->query(idSql).rows.at(0)["id"].asInt());
    REQUIRE(second != first);
}
