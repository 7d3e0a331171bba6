// Transactions: managed and unmanaged, atomicity when something fails in
// the middle, savepoints, isolation levels and afterCommit.
#include "context.hpp"

#include <catch2/catch.hpp>

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
