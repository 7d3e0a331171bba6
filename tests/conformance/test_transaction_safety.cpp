// What happens to a transaction, and to its connection, when COMMIT,
// ROLLBACK or a savepoint fails, when the pool has one connection, and when
// the Database goes first. A connection whose transaction state is unknown
// must never reach the next caller.
#include "context.hpp"

#include <catch2/catch.hpp>

#include <atomic>
#include <memory>
#include <optional>
#include <string>
#include <thread>
#include <vector>

using namespace tabula;

namespace {

// A logging sink that throws on the statement it is told to, standing in for
// any failure of a transaction verb that is not a lost connection.
struct FailingSink {
    std::shared_ptr<std::string> failOn = std::make_shared<std::string>();
    Logging logging() const {
        auto trigger = failOn;
        return Logging([trigger](const std::string& message) {
            if (!trigger->empty() && message.find(*trigger) != std::string::npos)
                throw std::runtime_error("logging sink failed on " + *trigger);
        });
    }
};

// Every test here reads back through a second Database, so that what it
// sees is what the server kept, not what one connection still holds.
struct Ledger {
    std::string uri = conformance::uri();
    FailingSink sink;
    std::unique_ptr<Database> db;
    Model* entry = nullptr;

    explicit Ledger(int poolMax = 1) {
        Options options;
        options.logging = sink.logging();
        options.pool.max = poolMax;
        options.pool.acquire = std::chrono::milliseconds(3000);
        db = std::make_unique<Database>(uri, std::move(options));
        entry = &define(*db);
        entry->sync({.force = true});
    }
    static Model& define(Database& on) {
        return on.define("ledger_entry", {{"label", {.type = DataTypes::STRING, .unique = true}}});
    }
    // The labels the server has, read on a fresh connection.
    std::vector<std::string> stored() {
        Database reader(uri, Options{.logging = false});
        Model& m = define(reader);
        std::vector<std::string> labels;
        for (const Instance& row : m.findAll({.order = {{"label", "ASC"}}}))
            labels.push_back(row.get("label").asString());
        return labels;
    }
    void add(const std::string& label, Transaction* t = nullptr) {
        entry->create({{"label", label}}, {.transaction = t});
    }
};

using Labels = std::vector<std::string>;

} // namespace

TEST_CASE("a COMMIT that fails discards the connection instead of pooling it open",
          "[transactions][safety]") {
    Ledger ledger;
    Transaction t = ledger.db->transaction();
    ledger.add("uncommitted", &t);
    *ledger.sink.failOn = "COMMIT";
    REQUIRE_THROWS_WITH(t.commit(), Catch::Contains("logging sink failed on COMMIT"));
    REQUIRE(t.finished());
    *ledger.sink.failOn = "";
    // With one connection in the pool, this write would run inside the
    // transaction left open, and be lost when that connection closed.
    ledger.add("later");
    ledger.db.reset();
    REQUIRE(ledger.stored() == Labels{"later"});
}

TEST_CASE("a ROLLBACK that fails still rolls back, and the next user commits only its own rows",
          "[transactions][safety]") {
    Ledger ledger;
    Transaction t = ledger.db->transaction();
    ledger.add("rolled back", &t);
    *ledger.sink.failOn = "ROLLBACK";
    REQUIRE_THROWS_WITH(t.rollback(), Catch::Contains("logging sink failed on ROLLBACK"));
    *ledger.sink.failOn = "";
    ledger.db->transaction([&](Transaction& next) { ledger.add("next", &next); });
    REQUIRE(ledger.stored() == Labels{"next"});
}

TEST_CASE("a transaction dropped while its ROLLBACK fails leaves nothing behind",
          "[transactions][safety]") {
    Ledger ledger;
    {
        Transaction t = ledger.db->transaction();
        ledger.add("dropped", &t);
        *ledger.sink.failOn = "ROLLBACK";
    } // the destructor's rollback fails, quietly
    *ledger.sink.failOn = "";
    ledger.add("after");
    ledger.db.reset();
    REQUIRE(ledger.stored() == Labels{"after"});
}

TEST_CASE("when the body fails and so does ROLLBACK, the caller sees the body's error",
          "[transactions][safety]") {
    Ledger ledger;
    ledger.add("taken");
    bool caught = false;
    try {
        ledger.db->transaction([&](Transaction& t) {
            ledger.add("inside", &t);
            *ledger.sink.failOn = "ROLLBACK";
            ledger.add("taken", &t); // duplicate: UniqueConstraintError
        });
    } catch (const UniqueConstraintError& e) {
        caught = true;
        REQUIRE(e.rollbackFailure());
        REQUIRE_THROWS_WITH(std::rethrow_exception(e.rollbackFailure()),
                            Catch::Contains("logging sink failed on ROLLBACK"));
    }
    REQUIRE(caught);
    *ledger.sink.failOn = "";
    ledger.add("after");
    ledger.db.reset();
    REQUIRE(ledger.stored() == Labels{"after", "taken"});
}

TEST_CASE("a savepoint that cannot be rolled back makes its transaction roll back",
          "[transactions][safety]") {
    Ledger ledger(2);
    Transaction t = ledger.db->transaction();
    ledger.add("outer", &t);
    {
        Transaction nested = t.transaction();
        ledger.add("nested", &nested);
        *ledger.sink.failOn = "ROLLBACK TO SAVEPOINT";
        REQUIRE_THROWS(nested.rollback());
        *ledger.sink.failOn = "";
    }
    // Committing now would keep the rows the savepoint was meant to undo.
    REQUIRE_THROWS_AS(t.commit(), TransactionError);
    REQUIRE(t.finished());
    REQUIRE(ledger.stored().empty());
    ledger.add("after");
    REQUIRE(ledger.stored() == Labels{"after"});
}

TEST_CASE("COMMIT after a failed statement does not report success when nothing was kept",
          "[transactions][safety]") {
    Ledger ledger;
    ledger.add("taken");
    Transaction t = ledger.db->transaction();
    ledger.add("first", &t);
    REQUIRE_THROWS_AS(ledger.add("taken", &t), UniqueConstraintError);
    if (conformance::isPostgres()) {
        // PostgreSQL aborted the transaction at the error: its COMMIT is a
        // ROLLBACK, which must reach the caller as a failure.
        REQUIRE_THROWS_AS(t.commit(), DatabaseError);
        REQUIRE(ledger.stored() == Labels{"taken"});
    } else {
        // The other dialects keep the transaction going: COMMIT keeps what
        // succeeded in it.
        t.commit();
        REQUIRE(ledger.stored() == Labels{"first", "taken"});
    }
}

TEST_CASE("the first statement in a transaction needs no second connection",
          "[transactions][safety]") {
    const std::string uri = conformance::uri();
    {
        Database setup(uri, Options{.logging = false});
        Ledger::define(setup).sync({.force = true});
    }
    Options options{.logging = false};
    options.pool.max = 1;
    options.pool.acquire = std::chrono::milliseconds(1500);
    Database db(uri, std::move(options));
    Model& entry = Ledger::define(db);
    // Nothing has connected yet: the transaction opens the only connection,
    // and the statements in it must not wait for another one.
    const auto start = std::chrono::steady_clock::now();
    db.transaction([&](Transaction& t) {
        entry.create({{"label", "one"}}, {.transaction = &t});
        REQUIRE(entry.count({.transaction = &t}) == 1);
    });
    REQUIRE(std::chrono::steady_clock::now() - start < std::chrono::milliseconds(1500));
    REQUIRE(entry.count() == 1);
}

TEST_CASE("several transactions starting at once on a fresh Database do not stall",
          "[transactions][safety]") {
    const std::string uri = conformance::uri();
    {
        Database setup(uri, Options{.logging = false});
        Ledger::define(setup).sync({.force = true});
    }
    Options options{.logging = false};
    options.pool.max = 2;
    options.pool.acquire = std::chrono::milliseconds(10000);
    Database db(uri, std::move(options));
    Model& entry = Ledger::define(db);
    std::atomic<int> failures{0};
    std::vector<std::thread> threads;
    for (int i = 0; i < 2; ++i)
        threads.emplace_back([&, i] {
            try {
                db.transaction([&](Transaction& t) {
                    entry.create({{"label", "t" + std::to_string(i)}}, {.transaction = &t});
                });
            } catch (const Error&) {
                ++failures;
            }
        });
    for (auto& th : threads)
        th.join();
    // SQLite serializes writers; its busy timeout lets both through.
    REQUIRE(failures == 0);
    REQUIRE(entry.count() == 2);
}

TEST_CASE("a transaction that outlives its Database is rolled back and refuses further use",
          "[transactions][safety]") {
    const std::string uri = conformance::uri();
    std::optional<Transaction> t;
    std::optional<Transaction> nested;
    {
        Database db(uri, Options{.logging = false});
        Model& entry = Ledger::define(db);
        entry.sync({.force = true});
        t.emplace(db.transaction());
        entry.create({{"label", "orphan"}}, {.transaction = &*t});
        nested.emplace(t->transaction());
    }
    REQUIRE(t->finished());
    REQUIRE(nested->finished());
    REQUIRE_THROWS_WITH(t->commit(), Catch::Contains("Database was destroyed"));
    REQUIRE_THROWS_AS(t->rollback(), UsageError);
    REQUIRE_THROWS_AS(t->transaction(), UsageError);
    REQUIRE_THROWS_AS(nested->commit(), UsageError);
    nested.reset();
    t.reset();
    Database reader(uri, Options{.logging = false});
    REQUIRE(Ledger::define(reader).count() == 0);
}
