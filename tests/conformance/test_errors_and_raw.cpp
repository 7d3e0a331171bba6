// Typed errors that carry their facts, validation before any SQL, and raw
// queries with replacements and bind parameters.
#include "context.hpp"

#include <catch2/catch.hpp>

using namespace tabula;

TEST_CASE("a duplicate key raises UniqueConstraintError naming the field", "[errors]") {
    auto db = conformance::open();
    Model& User = db->define("user", {{"email", {.type = DataTypes::STRING, .unique = true}}});
    User.sync({.force = true});
    User.create({{"email", "a@b.c"}});
    try {
        User.create({{"email", "a@b.c"}});
        FAIL("no error");
    } catch (const UniqueConstraintError& e) {
        REQUIRE(std::string(e.name()) == "UniqueConstraintError");
        REQUIRE(e.dialect() == conformance::dialect());
        REQUIRE(e.sql().find("INSERT INTO") != std::string::npos);
        REQUIRE(e.parameters().size() >= 1);
        REQUIRE(std::find(e.parameters().begin(), e.parameters().end(), Value("a@b.c")) !=
                e.parameters().end());
        if (!conformance::isMysql()) REQUIRE(e.fields() == std::vector<std::string>{"email"});
        REQUIRE(std::string(e.what()).find("a@b.c") != std::string::npos);
    }
    REQUIRE(User.count() == 1);
}

TEST_CASE("validation fails before any SQL and lists every problem", "[errors]") {
    std::vector<std::string> log;
    auto db = conformance::open({.logging = [&](const std::string& l) { log.push_back(l); }});
    Model& User = db->define("user", {{"name", {.type = DataTypes::STRING(5), .allowNull = false}},
                                      {"age", DataTypes::INTEGER},
                                      {"role", DataTypes::ENUM({"admin", "user"})}});
    User.sync({.force = true});
    log.clear();
    try {
        User.create({{"age", "old"}, {"role", "root"}});
        FAIL("no error");
    } catch (const ValidationError& e) {
        REQUIRE(e.errors().size() == 3);
        REQUIRE(e.errors()[0].path == "name");
        REQUIRE(e.errors()[0].validator == "notNull");
        REQUIRE(e.errors()[1].path == "age");
        REQUIRE(e.errors()[2].validator == "isIn");
        REQUIRE(std::string(e.what()).find("user.name cannot be null") != std::string::npos);
    }
    REQUIRE_THROWS_AS(User.create({{"name", "too long"}}), ValidationError);
    REQUIRE(log.empty());
    REQUIRE(User.count() == 0);
}

TEST_CASE("errors for a missing table and bad SQL are DatabaseErrors with the SQL", "[errors]") {
    auto db = conformance::open();
    REQUIRE_THROWS_AS(db->query("SELECT * FROM no_such_table_here"), DatabaseError);
    try {
        db->query("SELEKT 1");
        FAIL("no error");
    } catch (const DatabaseError& e) {
        REQUIRE(e.sql() == "SELEKT 1");
        REQUIRE(std::string(e.what()).find("SELEKT 1") != std::string::npos);
    }
}

TEST_CASE("raw queries with replacements and bind parameters", "[raw]") {
    auto db = conformance::open();
    Model& User = db->define("user", {{"name", DataTypes::STRING}, {"age", DataTypes::INTEGER}},
                             {.timestamps = false});
    User.sync({.force = true});
    User.bulkCreate({{{"name", "ann"}, {"age", 30}}, {{"name", "bob"}, {"age", 40}}});

    auto byPosition =
        db->query("SELECT name FROM users WHERE age > ? ORDER BY name", {.replacements = {35}});
    REQUIRE(byPosition.rows.size() == 1);
    REQUIRE(byPosition.rows[0]["name"].asString() == "bob");

    auto byName = db->query("SELECT name, age FROM users WHERE name = :name AND age = :age",
                            {.namedReplacements = {{"name", "ann"}, {"age", 30}}});
    REQUIRE(byName.rows.size() == 1);
    REQUIRE(byName.rows[0]["age"].asInt() == 30);

    auto bound = db->query("SELECT name FROM users WHERE age = $1 OR name = $2 ORDER BY name",
                           {.bind = {40, "ann"}});
    REQUIRE(bound.rows.size() == 2);
    auto namedBound =
        db->query("SELECT name FROM users WHERE name = $who", {.namedBind = {{"who", "bob"}}});
    REQUIRE(namedBound.rows.size() == 1);

    auto quoted = db->query("SELECT name FROM users WHERE name <> 'what?' AND age = ?",
                            {.replacements = {30}});
    REQUIRE(quoted.rows.size() == 1);

    auto mapped = db->query("SELECT * FROM users ORDER BY age", {.model = &User});
    REQUIRE(mapped.instances.size() == 2);
    REQUIRE(mapped.instances[1].get("name").asString() == "bob");

    auto changed =
        db->query("UPDATE users SET age = age + 1 WHERE age < ?", {.replacements = {100}});
    REQUIRE(changed.affectedRows == 2);
    REQUIRE_THROWS_AS(db->query("SELECT :missing", {.namedReplacements = {{"other", 1}}}),
                      UsageError);
}

TEST_CASE("raw queries: $$ in bind mode is a literal $", "[raw]") {
    auto db = conformance::open();
    auto positional = db->query("SELECT $1 AS foo, '$$ / $$1' AS bar", {.bind = {"x"}});
    REQUIRE(positional.rows.size() == 1);
    REQUIRE(positional.rows[0]["foo"].asString() == "x");
    REQUIRE(positional.rows[0]["bar"].asString() == "$ / $1");
    auto named =
        db->query("SELECT $one AS foo, '$$ / $$one' AS bar", {.namedBind = {{"one", "y"}}});
    REQUIRE(named.rows[0]["foo"].asString() == "y");
    REQUIRE(named.rows[0]["bar"].asString() == "$ / $one");
}

TEST_CASE("raw queries: a list replacement is a list of bound values", "[raw]") {
    std::vector<std::string> log;
    auto db = conformance::open({.logging = [&](const std::string& l) { log.push_back(l); }});
    Model& User = db->define("user", {{"name", DataTypes::STRING}, {"age", DataTypes::INTEGER}},
                             {.timestamps = false});
    User.sync({.force = true});
    User.bulkCreate({{{"name", "ann"}, {"age", 30}},
                     {{"name", "bob"}, {"age", 40}},
                     {{"name", "cy"}, {"age", 50}}});

    log.clear();
    auto named = db->query("SELECT name FROM users WHERE age IN (:ages) ORDER BY name",
                           {.namedReplacements = {{"ages", Value::array({30, 50, 99})}}});
    REQUIRE(named.rows.size() == 2);
    REQUIRE(named.rows[0]["name"].asString() == "ann");
    REQUIRE(named.rows[1]["name"].asString() == "cy");
    // Every value is bound: none of them is written into the SQL text.
    REQUIRE(!log.empty());
    REQUIRE(log.back().find("99") == std::string::npos);

    auto positional =
        db->query("SELECT name FROM users WHERE name IN (?) AND age > ? ORDER BY name",
                  {.replacements = {Value::array({"bob", "cy", "it's"}), 35}});
    REQUIRE(positional.rows.size() == 2);
    REQUIRE(positional.rows[0]["name"].asString() == "bob");

    REQUIRE_THROWS_AS(db->query("SELECT name FROM users WHERE age IN (:ages)",
                                {.namedReplacements = {{"ages", Value::array({})}}}),
                      UsageError);
}

TEST_CASE("a foreign key refusing a DELETE or an UPDATE raises ForeignKeyConstraintError",
          "[errors]") {
    auto db = conformance::open();
    Model& Team = db->define("fkTeam", {{"name", DataTypes::STRING}}, {.timestamps = false});
    Model& Player = db->define("fkPlayer", {{"name", DataTypes::STRING}}, {.timestamps = false});
    Team.hasMany(Player, {.foreignKey = "teamId", .onDelete = "RESTRICT", .onUpdate = "RESTRICT"});
    Player.belongsTo(Team,
                     {.foreignKey = "teamId", .onDelete = "RESTRICT", .onUpdate = "RESTRICT"});
    db->sync({.force = true});
    Instance team = Team.create({{"name", "red"}});
    Player.create({{"name", "ann"}, {"teamId", team.get("id")}});

    REQUIRE_THROWS_AS(team.destroy(), ForeignKeyConstraintError);
    REQUIRE_THROWS_AS(Team.destroy({.where = {{"name", "red"}}}), ForeignKeyConstraintError);
    REQUIRE_THROWS_AS(Team.update({{"id", 77}}, {.where = {{"name", "red"}}}),
                      ForeignKeyConstraintError);
    const std::string table = conformance::isMysql() ? "`fkTeams`" : "\"fkTeams\"";
    REQUIRE_THROWS_AS(db->query("DELETE FROM " + table), ForeignKeyConstraintError);
    REQUIRE(Team.count() == 1);
    REQUIRE(Player.count() == 1);
    db->drop();
}

TEST_CASE("findByPk with a key the key's type cannot hold finds nothing", "[errors][pk]") {
    auto db = conformance::open();
    Model& Item = db->define("item", {{"name", DataTypes::STRING}}, {.timestamps = false});
    Item.sync({.force = true});
    Item.create({{"name", "one"}});
    for (const Value& key :
         {Value(4.7e30), Value(-4.7e30), Value(1.5), Value::decimal("100000000000000000000000")}) {
        INFO(key.toJSONText());
        REQUIRE_FALSE(Item.findByPk(key));
        REQUIRE_FALSE(Item.findByPk(key, FindOptions{}));
        REQUIRE_THROWS_AS(Item.findByPk(key, {.rejectOnEmpty = true}), EmptyResultError);
    }
    REQUIRE(Item.findByPk(1.0));
}
