// Transactions: managed and unmanaged, atomicity when something fails in
// the middle, savepoints, isolation levels and afterCommit.
#include "context.hpp"

#include <catch2/catch.hpp>

#include <chrono>
#include <thread>
#include <vector>

using namespace tabula;

namespace {

struct Accounts {
    std::unique_ptr<Database> db = conformance::open();
    Model& Account = db->define("account", {{"owner", {.type = DataTypes::STRING, .unique = true}},
                                            {"balance", DataTypes::INTEGER}});
    Accounts() { Account.sync({.force = true}); }
    std::int64_t total() {
        return Account.sum("balance").isNull() ? 0 : Account.sum("balance").asInt();
    }
};

} // namespace

TEST_CASE_METHOD(Accounts, "a managed transaction commits when its function returns",
                 "[transactions]") {
    auto id = db->transaction([&](Transaction& t) {
        Account.create({{"owner", "ann"}, {"balance", 100}}, {.transaction = &t});
        auto bob = Account.create({{"owner", "bob"}, {"balance", 50}}, {.transaction = &t});
        // Inside, the transaction sees its own writes.
        REQUIRE(Account.count({.transaction = &t}) == 2);
        return bob.get("id");
    });
    REQUIRE(Account.count() == 2);
    REQUIRE(Account.findByPk(id)->get("owner").asString() == "bob");
}

TEST_CASE_METHOD(Accounts, "a failure in the middle leaves no partial rows", "[transactions]") {
    Account.create({{"owner", "ann"}, {"balance", 100}});
    // The program throws.
    REQUIRE_THROWS_WITH(db->transaction([&](Transaction& t) {
        Account.create({{"owner", "bob"}, {"balance", 10}}, {.transaction = &t});
        Account.update({{"balance", 0}}, {.where = {{"owner", "ann"}}, .transaction = &t});
        throw std::runtime_error("boom");
    }),
                        "boom");
    REQUIRE(Account.count() == 1);
    REQUIRE(total() == 100);
    // The database refuses a statement.
    REQUIRE_THROWS_AS(db->transaction([&](Transaction& t) {
        Account.create({{"owner", "cy"}, {"balance", 5}}, {.transaction = &t});
        Account.create({{"owner", "ann"}, {"balance", 5}}, {.transaction = &t}); // duplicate
    }),
                      UniqueConstraintError);
    REQUIRE(Account.count() == 1);
    REQUIRE_FALSE(Account.findOne({.where = {{"owner", "cy"}}}));
}

TEST_CASE_METHOD(Accounts, "unmanaged transactions commit, roll back, or roll back when dropped",
                 "[transactions]") {
    {
        Transaction t = db->transaction();
        Account.create({{"owner", "ann"}, {"balance", 1}}, {.transaction = &t});
        REQUIRE(Account.count() == 0); // not visible outside before commit
        t.commit();
        REQUIRE(t.finished());
    }
    REQUIRE(Account.count() == 1);
    {
        Transaction t = db->transaction();
        Account.create({{"owner", "bob"}, {"balance", 1}}, {.transaction = &t});
        t.rollback();
    }
    {
        Transaction t = db->transaction();
        Account.create({{"owner", "cy"}, {"balance", 1}}, {.transaction = &t});
        // destroyed unfinished: rolled back
    }
    REQUIRE(Account.count() == 1);
    Transaction done = db->transaction();
    done.commit();
    REQUIRE_THROWS_AS(done.commit(), UsageError);
    REQUIRE_THROWS_AS(Account.count({.transaction = &done}), UsageError);
}

TEST_CASE_METHOD(Accounts, "instance methods and raw queries take the transaction",
                 "[transactions]") {
    Instance ann = Account.create({{"owner", "ann"}, {"balance", 10}});
    {
        Transaction t = db->transaction();
        ann.update({{"balance", 20}}, {.transaction = &t});
        ann.increment("balance", 5, &t);
        REQUIRE(ann.get("balance").asInt() == 25);
        db->query("UPDATE accounts SET balance = balance + 1", {.transaction = &t});
        ann.reload(&t);
        REQUIRE(ann.get("balance").asInt() == 26);
        t.rollback();
    }
    ann.reload();
    REQUIRE(ann.get("balance").asInt() == 10);
}

TEST_CASE_METHOD(Accounts, "nested transactions are savepoints", "[transactions]") {
    db->transaction([&](Transaction& outer) {
        Account.create({{"owner", "ann"}, {"balance", 1}}, {.transaction = &outer});
        REQUIRE_THROWS(outer.transaction([&](Transaction& inner) {
            Account.create({{"owner", "bob"}, {"balance", 1}}, {.transaction = &inner});
            throw std::runtime_error("inner fails");
        }));
        outer.transaction([&](Transaction& inner) {
            Account.create({{"owner", "cy"}, {"balance", 1}}, {.transaction = &inner});
        });
    });
    std::vector<std::string> owners;
    for (const auto& a : Account.findAll({.order = {{"owner", "ASC"}}}))
        owners.push_back(a.get("owner").asString());
    REQUIRE(owners == std::vector<std::string>{"ann", "cy"});
}

TEST_CASE_METHOD(Accounts, "afterCommit runs after the outermost commit, never after a rollback",
                 "[transactions]") {
    std::vector<std::string> events;
    db->transaction([&](Transaction& t) {
        t.afterCommit([&] { events.push_back("outer"); });
        t.transaction(
            [&](Transaction& inner) { inner.afterCommit([&] { events.push_back("inner"); }); });
        REQUIRE(events.empty());
    });
    REQUIRE(events == std::vector<std::string>{"outer", "inner"});
    events.clear();
    {
        Transaction t = db->transaction();
        t.afterCommit([&] { events.push_back("never"); });
        t.rollback();
    }
    REQUIRE(events.empty());
}

TEST_CASE_METHOD(Accounts, "every isolation level starts a working transaction", "[transactions]") {
    for (Isolation level : {Isolation::ReadUncommitted, Isolation::ReadCommitted,
                            Isolation::RepeatableRead, Isolation::Serializable}) {
        db->transaction(
            [&](Transaction& t) {
                Account.create({{"owner", "o" + std::to_string(int(level))}, {"balance", 1}},
                               {.transaction = &t});
            },
            {.isolationLevel = level});
    }
    REQUIRE(Account.count() == 4);
}

TEST_CASE("the log names the transaction of each statement", "[transactions]") {
    std::vector<std::string> log;
    auto db = conformance::open({.logging = [&](const std::string& l) { log.push_back(l); }});
    db->transaction([&](Transaction& t) { db->query("SELECT 1", {.transaction = &t}); });
    REQUIRE(log.size() == 3);
    REQUIRE(log[0].find("START TRANSACTION") != std::string::npos);
    REQUIRE(log[1].find("): SELECT 1") != std::string::npos);
    REQUIRE(log[1].find("(default)") == std::string::npos);
    REQUIRE(log[2].find("COMMIT") != std::string::npos);
}

namespace {

// sqlite::memory: on SQLite, the suite's database elsewhere; a short
// pool.acquire so that waiting for a connection would fail the test quickly.
std::unique_ptr<Database> openMemoryOrServer() {
    Options options;
    options.logging = false;
    options.pool.acquire = std::chrono::milliseconds(1500);
    if (conformance::isSqlite()) return std::make_unique<Database>("sqlite::memory:", options);
    return conformance::open(options);
}

} // namespace

TEST_CASE("a query outside an open transaction does not wait for a connection",
          "[transactions][memory]") {
    auto db = openMemoryOrServer();
    Model& Note = db->define("note", {{"text", DataTypes::STRING}}, {.timestamps = false});
    Note.sync({.force = true});
    Note.create({{"text", "committed"}});

    Transaction t = db->transaction();
    Note.create({{"text", "pending"}}, {.transaction = &t});
    const auto started = std::chrono::steady_clock::now();
    // Outside the transaction: SQLite's in-memory database reads the
    // transaction's rows, as Sequelize's one shared connection does; the
    // servers read what is committed.
    const std::int64_t outside = Note.count();
    REQUIRE(std::chrono::steady_clock::now() - started < std::chrono::milliseconds(1000));
    REQUIRE(outside == (conformance::isSqlite() ? 2 : 1));
    REQUIRE(Note.count({.transaction = &t}) == 2);

    // A write from another thread waits for the transaction, then goes through.
    std::thread writer([&] { Note.create({{"text", "later"}}); });
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    t.commit();
    writer.join();
    REQUIRE(Note.count() == 3);
}

TEST_CASE("every sqlite::memory: Database is a database of its own, shared by its pool",
          "[transactions][memory]") {
    if (!conformance::isSqlite()) return;
    Options options;
    options.logging = false;
    options.pool.idle = std::chrono::milliseconds(20);
    options.pool.evict = std::chrono::milliseconds(10);
    Database a("sqlite::memory:", options);
    Database b("sqlite::memory:", options);
    Model& InA = a.define("thing", {{"n", DataTypes::INTEGER}}, {.timestamps = false});
    InA.sync();
    InA.create({{"n", 1}});
    REQUIRE_THROWS_AS(b.query("SELECT * FROM things"), DatabaseError);

    // Several threads, several connections, one database.
    std::vector<std::thread> threads;
    for (int i = 0; i < 4; ++i)
        threads.emplace_back([&] {
            for (int k = 0; k < 10; ++k)
                InA.create({{"n", k}});
        });
    for (auto& th : threads)
        th.join();
    REQUIRE(InA.count() == 41);
    // The database outlives the pool's connections: once idle ones are
    // closed, the data is still there.
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
    REQUIRE(InA.count() == 41);
}
