// The getting-started guide's steps, each with the meaning Sequelize gives it.
#include "context.hpp"

#include <catch2/catch.hpp>

using namespace tabula;

TEST_CASE("authenticate succeeds on a reachable database", "[guide]") {
    auto db = conformance::open();
    REQUIRE_NOTHROW(db->authenticate());
    REQUIRE(db->dialectName() == conformance::dialect());
}

TEST_CASE("define, sync force, create and findAll as in the guide", "[guide]") {
    auto db = conformance::open();
    Model& User = db->define("user", {
                                         {"firstName", DataTypes::STRING},
                                         {"lastName", DataTypes::STRING},
                                     });
    REQUIRE(User.tableName() == "users");
    REQUIRE(User.attributeNames() ==
            std::vector<std::string>{"id", "firstName", "lastName", "createdAt", "updatedAt"});

    User.sync({.force = true});
    User.sync({.force = true}); // drops the table it made and makes it again
    Instance john = User.create({{"firstName", "John"}, {"lastName", "Hancock"}});
    REQUIRE(john.get("id").asInt() >= 1);
    REQUIRE(john.get("createdAt").kind() == ValueKind::Timestamp);
    REQUIRE(john.get("updatedAt") == john.get("createdAt"));
    REQUIRE_FALSE(john.isNewRecord());

    auto users = User.findAll();
    REQUIRE(users.size() == 1);
    const Instance& u = users.front();
    REQUIRE(u.get("firstName").asString() == "John");
    REQUIRE(u.get("lastName").asString() == "Hancock");
    REQUIRE(u.get("id") == john.get("id"));
    REQUIRE(u.get("createdAt") == john.get("createdAt"));
    REQUIRE(u.toJSON().find("\"firstName\":\"John\",\"lastName\":\"Hancock\"") !=
            std::string::npos);
}

TEST_CASE("the define option sets defaults for every model", "[guide]") {
    auto db = conformance::open({.define = {.timestamps = false}});
    Model& User = db->define("user", {});
    Model& Post = db->define("post", {}, {.timestamps = true});
    REQUIRE(User.attributeNames() == std::vector<std::string>{"id"});
    REQUIRE(Post.attributeNames() == std::vector<std::string>{"id", "createdAt", "updatedAt"});
    User.sync({.force = true});
    Post.sync({.force = true});
    REQUIRE(User.create({}).get("id").asInt() == 1);
    REQUIRE(Post.create({}).get("createdAt").kind() == ValueKind::Timestamp);
}

TEST_CASE("findOne returns the row, or nothing, and futures deliver later", "[guide]") {
    auto db = conformance::open();
    Model& User = db->define("user", {{"firstName", DataTypes::STRING}});
    User.sync({.force = true});
    REQUIRE_FALSE(User.findOne().has_value());
    User.create({{"firstName", "John"}});
    std::future<std::optional<Instance>> later =
        User.findOneAsync({.where = {{"firstName", "John"}}});
    auto john = later.get();
    REQUIRE(john.has_value());
    REQUIRE(john->get("firstName").asString() == "John");
    std::future<std::vector<Instance>> all = User.findAllAsync();
    REQUIRE(all.get().size() == 1);
}

TEST_CASE("logging prints each statement as Sequelize does", "[guide]") {
    std::vector<std::string> lines;
    auto db =
        conformance::open({.logging = [&](const std::string& line) { lines.push_back(line); }});
    db->authenticate();
    REQUIRE_FALSE(lines.empty());
    REQUIRE(lines.back().rfind("Executing (default): SELECT 1+1 AS result", 0) == 0);

    std::vector<std::string> timed;
    auto bench = conformance::open(
        {.logging = [&](const std::string& line) { timed.push_back(line); }, .benchmark = true});
    bench->authenticate();
    REQUIRE(timed.back().rfind("Executed (default): SELECT 1+1 AS result Elapsed time: ", 0) == 0);
    REQUIRE(timed.back().find("ms") != std::string::npos);
}

TEST_CASE("the Async twins deliver what the blocking calls return", "[guide]") {
    auto db = conformance::open();
    Model& Item = db->define("item", {{"name", DataTypes::STRING}, {"n", DataTypes::INTEGER}});
    db->syncAsync({.force = true}).get();
    Item.bulkCreateAsync({{{"name", "a"}, {"n", 1}}, {{"name", "b"}, {"n", 2}}}).get();
    REQUIRE(Item.maxAsync("n").get().asInt() == 2);
    REQUIRE(Item.minAsync("n").get().asInt() == 1);
    REQUIRE(Item.sumAsync("n").get().asInt() == 3);
    REQUIRE(Item.findAndCountAllAsync({.limit = 1}).get().count == 2);
    auto [c, created] =
        Item.findOrCreateAsync({.where = {{"name", "c"}}, .defaults = {{"n", 3}}}).get();
    REQUIRE(created);
    c.set("n", 30);
    c.saveAsync().get();
    REQUIRE(Item.findByPkAsync(c.get("id")).get()->get("n").asInt() == 30);
    REQUIRE(Item.incrementAsync("n", {.by = 5}, {{"name", "a"}}).get() == 1);
    c.destroyAsync().get();
    REQUIRE(Item.countAsync().get() == 2);
}

TEST_CASE("raw query results: rows for SELECT, counts and ids for writes", "[raw]") {
    auto db = conformance::open();
    Model& Item = db->define("item", {{"name", DataTypes::STRING}}, {.timestamps = false});
    Item.sync({.force = true});
    auto inserted = db->query("INSERT INTO items (name) VALUES (?)",
                              {.replacements = {"x"}, .type = QueryType::Insert});
    REQUIRE(inserted.affectedRows == 1);
    if (!conformance::isPostgres()) REQUIRE(inserted.lastInsertId >= 1);
    auto selected = db->query("SELECT * FROM items", {.type = QueryType::Select, .model = &Item});
    REQUIRE(selected.rows.size() == 1);
    REQUIRE(selected.instances.at(0).get("name").asString() == "x");
    auto updated =
        db->query("UPDATE items SET name = ?", {.replacements = {"y"}, .type = QueryType::Update});
    REQUIRE(updated.affectedRows == 1);
    REQUIRE(updated.rows.empty());
    auto deleted = db->query("DELETE FROM items", {.type = QueryType::Delete});
    REQUIRE(deleted.affectedRows == 1);
}
