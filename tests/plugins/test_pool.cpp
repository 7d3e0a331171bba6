// The connection wrapper and the pool: statement cache, value conversion and
// error mapping against the real SQLite dialect, and pool behaviour under
// threads, timeouts, eviction and dead connections.
#include "connection.hpp"
#include "plugin_loader.hpp"
#include "pool.hpp"

#include <tabula/errors.hpp>
#include <tabula/sdk/dialect.hpp>

#include <catch2/catch.hpp>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

namespace fs = std::filesystem;
using namespace std::chrono_literals;
using namespace tabula;
using tabula::detail::Pool;

namespace {

// A SQLite database file in a fresh temp folder, removed at the end of scope.
class TempDatabase {
public:
    TempDatabase() {
        std::string pattern = (fs::temp_directory_path() / "tabula-pool-XXXXXX").string();
        if (!::mkdtemp(pattern.data())) throw std::runtime_error("mkdtemp failed");
        dir_ = pattern;
    }
    ~TempDatabase() {
        std::error_code ec;
        fs::remove_all(dir_, ec);
    }
    TempDatabase(const TempDatabase&) = delete;
    TempDatabase& operator=(const TempDatabase&) = delete;
    std::string file() const { return (dir_ / "test.sqlite").string(); }

private:
    fs::path dir_;
};

std::shared_ptr<const detail::DialectLibrary> sqlite() {
    return detail::loadDialect("sqlite", TABULA_TEST_DIALECT_DIR);
}

std::unique_ptr<detail::Connection> openSqlite(const TempDatabase& db) {
    return detail::Connection::open(sqlite(), {{"storage", db.file()}});
}

Pool::Factory sqliteFactory(const TempDatabase& db) {
    return [lib = sqlite(), file = db.file()] {
        return detail::Connection::open(lib, {{"storage", file}});
    };
}

PoolOptions fastOptions(int max, int min = 0) {
    PoolOptions options;
    options.max = max;
    options.min = min;
    options.idle = 50ms;
    options.evict = 20ms;
    options.acquire = 100ms;
    return options;
}

// A dialect whose "server" the tests control: connections can be refused,
// killed while idle, or lost in the middle of a statement.
struct FlakyServer {
    static inline std::atomic<int> nextId{1};
    static inline std::atomic<int> killedBelow{0}; // ids below this fail ping
    static inline std::atomic<int> closed{0};
    static inline std::atomic<bool> refuse{false};
};

// Returns the connection's id, or for the SQL "echo" the bound values.
class FlakyStatement : public sdk::Statement {
public:
    FlakyStatement(int id, bool echo) : id_(id), echo_(echo) {}
    void bind(int index, const tabula_value& value) override {
        if (static_cast<std::size_t>(index) > bound_.size()) bound_.resize(index);
        bound_[index - 1] = {value, std::string(sdk::textOf(value))};
    }
    bool step() override {
        if (done_) return false;
        done_ = true;
        return true;
    }
    int columnCount() override { return echo_ ? static_cast<int>(bound_.size()) : 1; }
    const char* columnName(int) override { return echo_ ? "value" : "id"; }
    tabula_value column(int column) override {
        if (!echo_) return sdk::intValue(id_);
        auto& [value, text] = bound_.at(column);
        tabula_value out = value;
        out.data = text.data();
        return out;
    }
    int64_t changes() override { return 0; }
    void reset() override {
        done_ = false;
        bound_.clear();
    }

private:
    int id_;
    bool echo_;
    bool done_ = false;
    std::vector<std::pair<tabula_value, std::string>> bound_;
};

class FlakyConnection : public sdk::Connection {
public:
    FlakyConnection() : id_(FlakyServer::nextId++) {}
    ~FlakyConnection() override { ++FlakyServer::closed; }
    void ping() override {
        if (id_ < FlakyServer::killedBelow)
            throw sdk::Error(TABULA_ERR_CONNECTION_LOST, "server closed the connection");
    }
    void exec(const std::string& sql) override {
        if (sql == "lose connection")
            throw sdk::Error(TABULA_ERR_CONNECTION_LOST, "connection lost mid-statement");
    }
    std::unique_ptr<sdk::Statement> prepare(std::string_view sql) override {
        return std::make_unique<FlakyStatement>(id_, sql == "echo");
    }

private:
    int id_;
};

struct Flaky {
    static constexpr const char* name = "flaky";
    static constexpr const char* version = "0.0.0";
    static std::unique_ptr<sdk::Connection> connect(const sdk::Settings& settings) {
        if (FlakyServer::refuse)
            throw sdk::Error(TABULA_ERR_CONN_REFUSED,
                             "connection refused for password " + settings.get("password"), "08001",
                             111);
        return std::make_unique<FlakyConnection>();
    }
    static void configure(tabula_profile& profile) { profile.supports = TABULA_SUPPORTS_ARRAY; }
};

const tabula_dialect* flakyEntry() { return sdk::detail::Table<Flaky>::dialect(); }

std::shared_ptr<const detail::DialectLibrary> flaky() {
    detail::registerDialect("flaky", &flakyEntry);
    return detail::loadDialect("flaky", "");
}

Pool::Factory flakyFactory() {
    return [lib = flaky()] { return detail::Connection::open(lib, {{"password", "hunter2!"}}); };
}

int connectionId(detail::Connection& conn) {
    return static_cast<int>(conn.execute("SELECT id", {}).rows.at(0).at(0).asInt());
}

tabula_error makeError(tabula_error_kind kind, const char* message) {
    tabula_error err{};
    err.struct_size = sizeof err;
    err.kind = kind;
    std::snprintf(err.message, sizeof err.message, "%s", message);
    return err;
}

} // namespace

TEST_CASE("the statement cache reuses one statement for repeated SQL", "[connection]") {
    TempDatabase db;
    auto conn = openSqlite(db);
    conn->exec("CREATE TABLE users (id INTEGER PRIMARY KEY, email TEXT UNIQUE, n INTEGER)");
    const std::string insert = "INSERT INTO \"users\" (\"email\", \"n\") VALUES (?, ?)";
    // One transaction, so the test does not wait for a thousand disk syncs.
    conn->transaction(TABULA_TX_BEGIN);
    for (int i = 1; i <= 1000; ++i) {
        auto result = conn->execute(insert, {Value("user" + std::to_string(i) + "@x.org"), i});
        REQUIRE(result.changes == 1);
        REQUIRE(result.lastInsertId == i);
    }
    conn->transaction(TABULA_TX_COMMIT);
    auto count = conn->execute("SELECT count(*) AS c, sum(n) AS s FROM users", {});
    REQUIRE(count.rows.size() == 1);
    CHECK(count.rows[0][0].asInt() == 1000);
    CHECK(count.rows[0][1].asInt() == 500500);
    REQUIRE(count.columns);
    CHECK(*count.columns == std::vector<std::string>{"c", "s"});

    auto update = conn->execute("UPDATE users SET n = n + 1 WHERE n <= ?", {10});
    CHECK(update.changes == 10);

    SECTION("more distinct statements than the cache holds") {
        for (int round = 0; round < 2; ++round)
            for (int i = 0; i < 100; ++i) {
                auto r = conn->execute("SELECT " + std::to_string(i) + " + ?", {1});
                REQUIRE(r.rows.at(0).at(0).asInt() == i + 1);
            }
    }
    SECTION("an empty result still names its columns") {
        auto r = conn->execute("SELECT id, email FROM users WHERE id < ?", {0});
        CHECK(r.rows.empty());
        REQUIRE(r.columns);
        CHECK(*r.columns == std::vector<std::string>{"id", "email"});
    }
    SECTION("rows stream through a callback") {
        int seen = 0;
        detail::Connection::Columns first;
        conn->execute(
            "SELECT id FROM users WHERE id <= ?", {5},
            [&](const detail::Connection::Columns& columns, const tabula_value* cells, int count) {
                REQUIRE(count == 1);
                REQUIRE(columns);
                CHECK(*columns == std::vector<std::string>{"id"});
                // One column list for the whole result.
                if (!first) first = columns;
                CHECK(columns == first);
                CHECK(detail::fromCell(cells[0]).asInt() == ++seen);
            });
        CHECK(seen == 5);
    }
    SECTION("a callback that throws leaves the statement reusable") {
        const std::string sql = "SELECT id FROM users WHERE id <= ?";
        CHECK_THROWS_AS(conn->execute(sql, {3},
                                      [](const detail::Connection::Columns&, const tabula_value*,
                                         int) { throw std::runtime_error("stop"); }),
                        std::runtime_error);
        CHECK(conn->execute(sql, {3}).rows.size() == 3);
    }
}

TEST_CASE("values round-trip through the C boundary", "[connection]") {
    TempDatabase db;
    auto conn = openSqlite(db);
    auto row = conn->execute("SELECT ?, ?, ?, ?, ?", {Value(42), Value(2.5), Value("héllo"),
                                                      Value(), Value(Bytes{0, 1, 255})})
                   .rows.at(0);
    CHECK(row[0] == Value(42));
    CHECK(row[1] == Value(2.5));
    CHECK(row[2] == Value("héllo"));
    CHECK(row[3].isNull());
    REQUIRE(row[4].kind() == ValueKind::Bytes);
    CHECK(row[4].asBytes() == Bytes{0, 1, 255});

    auto array = conn->execute("SELECT ?", {Value::array({1, 2.5, "a b"})}).rows.at(0).at(0);
    CHECK(array.asString() == "[1,2.5,\"a b\"]");

    const auto cell = [](int32_t type, const char* text) {
        return tabula_value{type, 0, 0.0, text, std::strlen(text)};
    };
    CHECK(detail::fromCell(cell(TABULA_TYPE_DECIMAL, "12.50")) == Value::decimal("12.50"));
    CHECK(detail::fromCell(cell(TABULA_TYPE_DATE, "2024-02-29")) == Value::date("2024-02-29"));
    CHECK(detail::fromCell(cell(TABULA_TYPE_TIME, "12:34:56")) == Value::time("12:34:56"));
    CHECK(detail::fromCell(cell(TABULA_TYPE_JSON, "{\"a\":1}")) == Value::json("{\"a\":1}"));
    CHECK(detail::fromCell(cell(TABULA_TYPE_UUID, "6f1c")) == Value::uuid("6f1c"));
    CHECK(detail::fromCell(
              tabula_value{TABULA_TYPE_TIMESTAMP, 1'700'000'000'123'456, 0.0, nullptr, 0}) ==
          Value(Timestamp{std::chrono::microseconds(1'700'000'000'123'456)}));
    CHECK(detail::fromCell(tabula_value{TABULA_TYPE_BOOL, 1, 0.0, nullptr, 0}) == Value(true));
}

TEST_CASE("a unique violation becomes UniqueConstraintError with its facts", "[connection]") {
    TempDatabase db;
    auto conn = openSqlite(db);
    conn->exec("CREATE TABLE users (id INTEGER PRIMARY KEY, email TEXT UNIQUE)");
    const std::string insert = "INSERT INTO \"users\" (\"email\", \"id\") VALUES (?, ?)";
    conn->execute(insert, {"a@b.c", 1});
    try {
        conn->execute(insert, {"a@b.c", 2});
        FAIL("the second insert should have failed");
    } catch (const UniqueConstraintError& e) {
        const std::string what = e.what();
        CHECK_THAT(what, Catch::StartsWith("UniqueConstraintError: "));
        CHECK_THAT(what, Catch::Contains("UNIQUE constraint failed"));
        CHECK_THAT(what, Catch::Contains("[sqlite]"));
        CHECK_THAT(what, Catch::Contains("in: " + insert));
        CHECK_THAT(what, Catch::Contains("with parameters: ['a@b.c', 2]"));
        CHECK(e.dialect() == "sqlite");
        CHECK(e.sql() == insert);
        REQUIRE(e.parameters().size() == 2);
        CHECK(e.parameters()[0] == Value("a@b.c"));
        REQUIRE(!e.fields().empty());
        CHECK_THAT(e.fields().front(), Catch::EndsWith("email"));
        CHECK_FALSE(e.original().empty());
    }
    // The cached statement was reset and the connection is still good.
    CHECK(conn->usable());
    CHECK(conn->execute(insert, {"d@e.f", 3}).changes == 1);

    SECTION("a statement that fails to prepare is reported and not kept") {
        for (int i = 0; i < 2; ++i)
            CHECK_THROWS_WITH(conn->execute("SELEC nonsense", {1}),
                              Catch::Contains("SELEC nonsense") &&
                                  Catch::Contains("with parameters: [1]"));
        CHECK_THROWS_AS(conn->exec("CREATE TABLE users (x)"), DatabaseError);
        CHECK(conn->usable());
    }
}

TEST_CASE("each error kind maps to one exception class", "[connection]") {
    const auto check = [](tabula_error_kind kind, auto expected) {
        using Expected = decltype(expected);
        const tabula_error err = makeError(kind, "boom");
        CHECK_THROWS_AS(detail::throwDialectError(err, "x", "", {}), Expected);
        try {
            detail::throwDialectError(err, "x", "", {});
        } catch (const Error& e) {
            CHECK(std::string(e.name()) == expected.name());
            CHECK(std::string(e.what()).rfind(std::string(e.name()) + ": boom [x]", 0) == 0);
        }
    };
    ErrorFacts f;
    check(TABULA_ERR_UNIQUE, UniqueConstraintError("", f));
    check(TABULA_ERR_FOREIGN_KEY, ForeignKeyConstraintError("", f));
    check(TABULA_ERR_NOT_NULL, NotNullConstraintError("", f));
    check(TABULA_ERR_CHECK, CheckConstraintError("", f));
    check(TABULA_ERR_TIMEOUT, TimeoutError("", f));
    check(TABULA_ERR_UNKNOWN_TABLE, UnknownTableError("", f));
    check(TABULA_ERR_CONN_REFUSED, ConnectionRefusedError("", f));
    check(TABULA_ERR_ACCESS_DENIED, AccessDeniedError("", f));
    check(TABULA_ERR_HOST_NOT_FOUND, HostNotFoundError("", f));
    check(TABULA_ERR_CONN_TIMEOUT, ConnectionTimedOutError("", f));
    check(TABULA_ERR_CONNECTION, ConnectionError("", f));
    check(TABULA_ERR_CONNECTION_LOST, ConnectionError("", f));
    check(TABULA_ERR_SYNTAX, DatabaseError("", f));
    check(TABULA_ERR_DEADLOCK, DatabaseError("", f));

    SECTION("facts: fields split and trimmed, long parameters cut") {
        tabula_error err = makeError(TABULA_ERR_UNIQUE, "duplicate");
        std::snprintf(err.fields, sizeof err.fields, "%s", " a , b,c ");
        std::snprintf(err.constraint, sizeof err.constraint, "%s", "users_a_b_c");
        std::snprintf(err.sqlstate, sizeof err.sqlstate, "%s", "23505");
        err.native_code = 1555;
        const std::string longText(1000, 'z');
        try {
            detail::throwDialectError(err, "pg", "INSERT", {Value(longText), Value(), Value(true)});
        } catch (const UniqueConstraintError& e) {
            CHECK(e.fields() == std::vector<std::string>{"a", "b", "c"});
            CHECK(e.constraint() == "users_a_b_c");
            CHECK(e.sqlstate() == "23505");
            CHECK(e.nativeCode() == 1555);
            CHECK(e.parameters()[0].text() == std::string(256, 'z') + "…");
            const std::string what = e.what();
            CHECK_THAT(what, Catch::Contains("'" + std::string(256, 'z') + "…', NULL, true]"));
            CHECK(what.size() < 600);
        }
    }
}

TEST_CASE("a refused connection is a ConnectionError that never shows the password",
          "[connection]") {
    FlakyServer::refuse = true;
    try {
        detail::Connection::open(flaky(), {{"password", "hunter2!"}});
        FAIL("connect should have failed");
    } catch (const ConnectionRefusedError& e) {
        const std::string what = e.what();
        CHECK_THAT(what, Catch::StartsWith("ConnectionRefusedError: connection refused"));
        CHECK_THAT(what, Catch::Contains("[flaky]"));
        CHECK_THAT(what, !Catch::Contains("hunter2!"));
        CHECK_THAT(e.original(), !Catch::Contains("hunter2!"));
        CHECK(e.sqlstate() == "08001");
        CHECK(e.nativeCode() == 111);
    }
    FlakyServer::refuse = false;
}

TEST_CASE("32 threads share a pool of 4 without ever opening a fifth", "[pool]") {
    TempDatabase db;
    PoolOptions options = fastOptions(4);
    options.acquire = 10s;
    Pool pool(options, sqliteFactory(db), "sqlite");
    std::atomic<std::size_t> largest{0};
    std::atomic<int> done{0}, failures{0};
    std::mutex firstFailureMutex;
    std::string firstFailure; // what went wrong first, for the report
    std::vector<std::thread> threads;
    for (int t = 0; t < 32; ++t)
        threads.emplace_back([&, t] {
            for (int i = 0; i < 50; ++i) {
                try {
                    auto lease = pool.acquire();
                    const std::size_t now = pool.size();
                    for (auto seen = largest.load(); now > seen;)
                        largest.compare_exchange_weak(seen, now);
                    auto r = lease->execute("SELECT ? * 1000 + ?", {t, i});
                    if (r.rows.at(0).at(0).asInt() != t * 1000 + i) ++failures;
                    ++done;
                } catch (const std::exception& e) {
                    ++failures;
                    std::lock_guard lock(firstFailureMutex);
                    if (firstFailure.empty()) firstFailure = e.what();
                }
            }
        });
    for (auto& thread : threads)
        thread.join();
    INFO("first failure: " << firstFailure);
    CHECK(failures == 0);
    CHECK(done == 32 * 50);
    CHECK(largest <= 4);
    CHECK(largest >= 1);
    CHECK(pool.size() <= 4);
    CHECK(pool.idleCount() == pool.size());
}

TEST_CASE("acquire times out when every connection is leased", "[pool]") {
    TempDatabase db;
    Pool pool(fastOptions(2), sqliteFactory(db), "sqlite");
    auto first = pool.acquire();
    auto second = pool.acquire();
    CHECK(pool.size() == 2);

    const auto start = std::chrono::steady_clock::now();
    try {
        pool.acquire();
        FAIL("acquire should have timed out");
    } catch (const ConnectionAcquireTimeoutError& e) {
        const auto waited = std::chrono::steady_clock::now() - start;
        CHECK(waited >= 95ms);
        CHECK(waited < 1s);
        CHECK_THAT(e.what(), Catch::Contains("Timed out after 100 ms") &&
                                 Catch::Contains("(max 2, all in use)"));
        CHECK(e.dialect() == "sqlite");
    }

    SECTION("a waiter gets the connection released while it waits") {
        std::optional<Pool::Lease> third;
        std::thread waiter([&] { third.emplace(pool.acquire()); });
        std::this_thread::sleep_for(20ms);
        { auto returned = std::move(first); }
        waiter.join();
        CHECK(third.has_value());
        CHECK(pool.size() == 2);
    }
}

TEST_CASE("idle connections above min are closed after idle + evict", "[pool]") {
    TempDatabase db;
    Pool pool(fastOptions(4, 1), sqliteFactory(db), "sqlite");
    CHECK(pool.size() == 0); // min connections open lazily
    {
        auto a = pool.acquire();
        auto b = pool.acquire();
        auto c = pool.acquire();
        CHECK(pool.size() == 3);
    }
    CHECK(pool.idleCount() == 3);
    const auto deadline = std::chrono::steady_clock::now() + 2s;
    while (pool.size() > 1 && std::chrono::steady_clock::now() < deadline)
        std::this_thread::sleep_for(10ms);
    CHECK(pool.size() == 1);
    CHECK(pool.idleCount() == 1);
    std::this_thread::sleep_for(150ms);
    CHECK(pool.size() == 1); // never below min
    auto again = pool.acquire();
    CHECK(again->execute("SELECT 1", {}).rows.size() == 1);
}

TEST_CASE("dead connections are replaced without the caller seeing an error", "[pool]") {
    Pool pool(fastOptions(2), flakyFactory(), "flaky");

    SECTION("a connection marked unusable is closed on return") {
        int lost = 0;
        {
            auto lease = pool.acquire();
            lost = connectionId(*lease);
            CHECK_THROWS_AS(lease->exec("lose connection"), ConnectionError);
            CHECK_FALSE(lease->usable());
        }
        CHECK(pool.size() == 0);
        auto lease = pool.acquire();
        CHECK(lease->usable());
        CHECK(connectionId(*lease) != lost);
        CHECK(pool.size() == 1);
    }
    SECTION("an idle connection killed server-side fails its ping and is replaced") {
        int killed = 0;
        {
            auto lease = pool.acquire();
            killed = connectionId(*lease);
        }
        CHECK(pool.idleCount() == 1);
        FlakyServer::killedBelow = killed + 1;
        const int closedBefore = FlakyServer::closed;
        auto lease = pool.acquire();
        CHECK(connectionId(*lease) > killed);
        CHECK(FlakyServer::closed == closedBefore + 1);
        CHECK(pool.size() == 1);
    }
    SECTION("a failing factory releases its reservation") {
        FlakyServer::refuse = true;
        CHECK_THROWS_AS(pool.acquire(), ConnectionRefusedError);
        CHECK_THROWS_AS(pool.acquire(), ConnectionRefusedError);
        FlakyServer::refuse = false;
        CHECK(pool.size() == 0);
        auto a = pool.acquire();
        auto b = pool.acquire();
        CHECK(pool.size() == 2);
    }
}

TEST_CASE("a thread waiting for the only connection is woken when it comes back", "[pool]") {
    // A waiter left asleep would only notice the connection when its
    // `acquire` time ran out: it must be served well before that.
    PoolOptions options = fastOptions(1);
    options.acquire = 3s;
    Pool pool(options, flakyFactory(), "flaky");
    std::optional<Pool::Lease> held(pool.acquire());
    std::atomic<bool> served{false};
    std::chrono::steady_clock::time_point returned;
    std::chrono::steady_clock::duration waited{};
    std::thread waiter([&] {
        auto lease = pool.acquire();
        waited = std::chrono::steady_clock::now() - returned;
        served = true;
    });
    std::this_thread::sleep_for(50ms); // the waiter is waiting by now
    SECTION("returned as it was") {}
    SECTION("lost on the way, so the waiter opens another") {
        CHECK_THROWS_AS((*held)->exec("lose connection"), ConnectionError);
    }
    returned = std::chrono::steady_clock::now();
    held.reset();
    waiter.join();
    CHECK(served);
    CHECK(waited < 1s);
    CHECK(pool.size() == 1);
}

TEST_CASE("every connection that comes back reaches a waiting thread", "[pool]") {
    // Twelve threads over two connections, some of them lost on the way: a
    // waiter left asleep while a connection sat idle would time out.
    PoolOptions options = fastOptions(2);
    options.acquire = 2s;
    Pool pool(options, flakyFactory(), "flaky");
    std::atomic<int> done{0}, lost{0}, failures{0};
    std::vector<std::thread> threads;
    for (int t = 0; t < 12; ++t)
        threads.emplace_back([&, t] {
            for (int i = 0; i < 40; ++i) {
                try {
                    auto lease = pool.acquire();
                    if ((t + i) % 7 == 0) {
                        try {
                            lease->exec("lose connection");
                        } catch (const ConnectionError&) {
                            ++lost;
                        }
                    } else {
                        lease->exec("SELECT 1");
                    }
                    if (i % 3 == 0) std::this_thread::sleep_for(100us);
                    ++done;
                } catch (...) {
                    ++failures;
                }
            }
        });
    for (auto& thread : threads)
        thread.join();
    CHECK(failures == 0);
    CHECK(done == 12 * 40);
    CHECK(lost > 0);
    CHECK(pool.size() <= 2);
    CHECK(pool.idleCount() == pool.size());
}

TEST_CASE("a closed pool refuses to hand out connections", "[pool]") {
    TempDatabase db;
    Pool pool(fastOptions(2), sqliteFactory(db), "sqlite");
    auto leased = pool.acquire();
    { auto idle = pool.acquire(); }
    CHECK(pool.size() == 2);
    pool.close();
    CHECK(pool.size() == 1); // the idle one is closed, the leased one is still out
    CHECK_THROWS_WITH(pool.acquire(), Catch::Contains("the pool is closed"));
    CHECK_THROWS_AS(pool.acquire(), ConnectionError);
    { auto returned = std::move(leased); }
    CHECK(pool.size() == 0);
    pool.close(); // twice is harmless
}

TEST_CASE("arrays reach a dialect with native arrays as an array literal", "[connection]") {
    auto conn = detail::Connection::open(flaky(), {});
    auto row = conn->execute("echo", {Value::array({1, 2.5, "a b", nullptr, "q\"x\\", true}),
                                      Value::array({Value::array({1, 2}), Value::array({3})}),
                                      Value(Timestamp{std::chrono::microseconds(1'000'000)})})
                   .rows.at(0);
    REQUIRE(row.size() == 3);
    CHECK(row[0] == Value(R"({1,2.5,"a b",NULL,"q\"x\\",t})"));
    CHECK(row[1] == Value("{{1,2},{3}}"));
    CHECK(row[2] == Value(Timestamp{std::chrono::microseconds(1'000'000)}));
}
