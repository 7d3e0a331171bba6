// Writes that must touch exactly the rows asked for, statements that must
// survive the schema changing under them, and large parameter lists.
#include "context.hpp"

#include <catch2/catch.hpp>

#include <string>
#include <vector>

using namespace tabula;

namespace {

struct Tasks {
    std::unique_ptr<Database> db = conformance::open();
    Model& Task = db->define("task", {{"title", DataTypes::STRING}, {"state", DataTypes::STRING}});
    Model& Note = db->define("note", {{"body", DataTypes::STRING}}, {.paranoid = true});
    Tasks() {
        Task.sync({.force = true});
        Note.sync({.force = true});
        for (const char* title : {"a", "b", "c"})
            Task.create({{"title", title}, {"state", "open"}});
        Task.create({{"title", "d"}, {"state", "done"}});
        for (const char* body : {"x", "y", "z"})
            Note.create({{"body", body}});
    }
    std::int64_t tasksIn(const char* state) { return Task.count({.where = {{"state", state}}}); }
};

} // namespace

TEST_CASE_METHOD(Tasks, "destroy with a limit deletes at most that many matching rows",
                 "[writes][limit]") {
    REQUIRE(Task.destroy({.where = {{"state", "open"}}, .limit = 1}) == 1);
    REQUIRE(tasksIn("open") == 2);
    REQUIRE(tasksIn("done") == 1);
    REQUIRE(Task.destroy({.where = {{"state", "open"}}, .limit = 5}) == 2);
    REQUIRE(tasksIn("open") == 0);
    REQUIRE(tasksIn("done") == 1);
}

TEST_CASE_METHOD(Tasks, "update with a limit changes at most that many matching rows",
                 "[writes][limit]") {
    REQUIRE(Task.update({{"state", "closed"}}, {.where = {{"state", "open"}}, .limit = 2}) == 2);
    REQUIRE(tasksIn("closed") == 2);
    REQUIRE(tasksIn("open") == 1);
    REQUIRE(tasksIn("done") == 1);
}

TEST_CASE_METHOD(Tasks, "a paranoid destroy with a limit soft-deletes at most that many rows",
                 "[writes][limit]") {
    REQUIRE(Note.destroy({.where = {{"body", {Op::ne, "none"}}}, .limit = 1}) == 1);
    REQUIRE(Note.count() == 2);
    REQUIRE(Note.count({.paranoid = false}) == 3);
    REQUIRE(Note.destroy({.where = {{"body", {Op::ne, "none"}}}, .force = true, .limit = 1}) == 1);
    REQUIRE(Note.count({.paranoid = false}) == 2);
}

TEST_CASE_METHOD(Tasks, "a negative limit on update or destroy is refused", "[writes][limit]") {
    REQUIRE_THROWS_AS(Task.destroy({.where = {{"state", "open"}}, .limit = -1}), UsageError);
    REQUIRE_THROWS_AS(Task.update({{"state", "x"}}, {.where = {{"state", "open"}}, .limit = -1}),
                      UsageError);
    REQUIRE(tasksIn("open") == 3);
}

namespace {

// Runs body in `count` transactions held at once, so that each runs on a
// connection of its own and every pooled connection prepares the statements.
template <class Body>
void onEachConnection(Database& db, int count, Body&& body) {
    std::vector<Transaction> held;
    held.reserve(count);
    for (int i = 0; i < count; ++i) {
        held.push_back(db.transaction());
        body(held.back(), i);
    }
    for (auto& t : held)
        t.commit();
}

Model& defineTicket(Database& db) {
    return db.define(
        "ticket", {{"title", DataTypes::STRING}, {"status", DataTypes::ENUM({"open", "closed"})}});
}

} // namespace

TEST_CASE("every pooled connection's statements follow sync recreating an ENUM type",
          "[ddl][safety]") {
    Options options;
    options.pool.max = 3;
    auto db = conformance::open(std::move(options));
    Model& Ticket = defineTicket(*db);
    Ticket.sync({.force = true});
    auto work = [&](Transaction& t, int i) {
        Ticket.create({{"title", "t" + std::to_string(i)}, {"status", "open"}},
                      {.transaction = &t});
        REQUIRE(Ticket.count({.where = {{"status", "open"}}, .transaction = &t}) >= 1);
    };
    // SQLite lets one writer at a time: one connection shows the same.
    const int connections = conformance::isSqlite() ? 1 : 3;
    onEachConnection(*db, connections, work);
    REQUIRE(Ticket.count() == connections);
    // Drops and creates the table and, on PostgreSQL, the ENUM type: the
    // statements each connection prepared name a type that no longer exists.
    Ticket.sync({.force = true});
    onEachConnection(*db, connections, work);
    REQUIRE(Ticket.count({.where = {{"status", "open"}}}) == connections);
    Ticket.create({{"title", "outside"}, {"status", "closed"}});
    REQUIRE(Ticket.count({.where = {{"status", "closed"}}}) == 1);
}

TEST_CASE("a column added by another program does not break cached inserts", "[ddl][safety]") {
    const std::string uri = conformance::uri();
    Options quiet{.logging = false};
    Database db(uri, quiet);
    Model& Ticket = defineTicket(db);
    Ticket.sync({.force = true});
    db.transaction([&](Transaction& t) {
        Ticket.create({{"title", "before"}, {"status", "open"}}, {.transaction = &t});
    });
    {
        Database other(uri, quiet);
        other.query("ALTER TABLE tickets ADD COLUMN extra INTEGER");
    }
    // The cached INSERT ... RETURNING runs again, first inside a transaction.
    db.transaction([&](Transaction& t) {
        auto row = Ticket.create({{"title", "after"}, {"status", "open"}}, {.transaction = &t});
        REQUIRE(row.get("title").asString() == "after");
    });
    auto row = Ticket.create({{"title", "outside"}, {"status", "closed"}});
    REQUIRE(row.get("status").asString() == "closed");
    REQUIRE(Ticket.count() == 3);
}

TEST_CASE("a statement made stale inside a transaction fails honestly and works next time",
          "[ddl][safety]") {
    if (!conformance::isPostgres()) return; // the others prepare again by themselves
    const std::string uri = conformance::uri();
    Options quiet{.logging = false};
    Database db(uri, quiet);
    Model& Ticket = defineTicket(db);
    Ticket.sync({.force = true});
    Ticket.create({{"title", "a"}, {"status", "open"}});
    REQUIRE(Ticket.findAll().size() == 1);
    {
        Database other(uri, quiet);
        other.query("ALTER TABLE tickets ALTER COLUMN title TYPE TEXT");
    }
    {
        Transaction t = db.transaction();
        // The cached SELECT's result type changed: inside a transaction the
        // server aborts it, and nothing is retried behind the caller's back.
        REQUIRE_THROWS_AS(Ticket.findAll({.transaction = &t}), DatabaseError);
        REQUIRE_THROWS_AS(t.commit(), DatabaseError);
    }
    // The statement was dropped: the next transaction prepares it afresh.
    db.transaction(
        [&](Transaction& t) { REQUIRE(Ticket.findAll({.transaction = &t}).size() == 1); });
    REQUIRE(Ticket.findAll().size() == 1);
}

TEST_CASE_METHOD(Tasks, "a long IN list works, or is refused before anything is sent",
                 "[where][safety]") {
    auto ids = [](int count) {
        std::vector<Value> list;
        list.reserve(count);
        for (int i = 1; i <= count; ++i)
            list.emplace_back(i);
        return Value::array(std::move(list));
    };
    REQUIRE(Task.count({.where = {{"id", {Op::in, ids(10000)}}}}) == 4);
    REQUIRE(Task.count({.where = {{"id", {Op::notIn, ids(10000)}}}}) == 0);
    REQUIRE(Task.count({.where = {{"id", {Op::in, ids(2)}}, {"state", "open"}}}) == 2);
    if (conformance::isPostgres()) {
        // One array parameter: no length limit.
        REQUIRE(Task.count({.where = {{"id", {Op::in, ids(100000)}}}}) == 4);
        REQUIRE(Task.destroy({.where = {{"id", {Op::notIn, ids(100000)}}}}) == 0);
    } else {
        // Past the dialect's parameter limit: a clear error, and nothing sent.
        REQUIRE_THROWS_WITH(Task.destroy({.where = {{"id", {Op::notIn, ids(100000)}}}}),
                            Catch::Contains("bound parameters"));
    }
    REQUIRE(Task.count() == 4);
}

TEST_CASE_METHOD(Tasks, "an error quotes a bounded part of a long statement and its values",
                 "[errors][safety]") {
    std::string sql = "SELECT * FROM no_such_table WHERE a IN (";
    std::vector<Value> values;
    for (int i = 0; i < 900; ++i) {
        sql += i ? ", ?" : "?";
        values.emplace_back(std::string(300, 'v'));
    }
    sql += ")";
    try {
        db->query(sql, {.replacements = values});
        FAIL("the query should have failed");
    } catch (const DatabaseError& e) {
        CHECK(std::string(e.what()).size() < 12000);
        CHECK(std::string(e.what()).find("880 more") != std::string::npos);
        CHECK(e.parameters().size() == 900);
    }
    // The connection is still good.
    REQUIRE(Task.count() == 4);
}
