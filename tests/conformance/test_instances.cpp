// Instances: build/save, get/set, change tracking, reload, update, destroy,
// restore, increment and toJSON.
#include "context.hpp"

#include <catch2/catch.hpp>

using namespace tabula;

namespace {

Model& defineUser(Database& db, ModelOptions options = {}) {
    Model& User = db.define("user",
                            {{"name", {.type = DataTypes::STRING, .allowNull = false}},
                             {"age", DataTypes::INTEGER},
                             {"score", {.type = DataTypes::INTEGER, .defaultValue = 10}}},
                            options);
    User.sync({.force = true});
    return User;
}

} // namespace

TEST_CASE("build does not save; save inserts then updates only changes", "[instances]") {
    auto db = conformance::open();
    Model& User = defineUser(*db);
    Instance ann = User.build({{"name", "Ann"}});
    REQUIRE(ann.isNewRecord());
    REQUIRE(ann.get("score").asInt() == 10); // default applied at build
    REQUIRE(User.count() == 0);
    ann.save();
    REQUIRE_FALSE(ann.isNewRecord());
    REQUIRE(User.count() == 1);
    REQUIRE(ann.changed().empty());

    ann.set("age", 31);
    REQUIRE(ann.changed() == std::vector<std::string>{"age"});
    REQUIRE(ann.changed("age"));
    REQUIRE(ann.previous("age").isNull());
    Value before = ann.get("updatedAt");
    ann.save();
    REQUIRE(ann.changed().empty());
    REQUIRE(ann.previous("age").asInt() == 31);
    REQUIRE(User.findByPk(ann.get("id"))->get("age").asInt() == 31);
    REQUIRE(ann.get("updatedAt").asTimestamp() >= before.asTimestamp());
}

TEST_CASE("change tracking covers every attribute of a wide model", "[instances]") {
    auto db = conformance::open();
    // More attributes than one word of flags: c0 .. c69, plus id.
    AttributeList attributes;
    for (int i = 0; i < 70; ++i)
        attributes.emplace_back("c" + std::to_string(i), DataTypes::INTEGER);
    Model& Wide = db->define("wide", attributes, {.timestamps = false});
    Wide.sync({.force = true});
    Instance row = Wide.build({{"c3", 3}, {"c66", 66}});
    REQUIRE(row.changed() == std::vector<std::string>{"c3", "c66"});
    row.save();
    REQUIRE(row.changed().empty());
    row.set("c1", 1);
    row.set("c69", 69);
    REQUIRE(row.changed() == std::vector<std::string>{"c1", "c69"});
    REQUIRE(row.changed("c69"));
    REQUIRE_FALSE(row.changed("c66"));
    REQUIRE(row.previous("c69").isNull());
    row.save(); // only the changed columns are written
    auto stored = Wide.findByPk(row.get("id"));
    REQUIRE(stored);
    REQUIRE(stored->get<int>("c1") == 1);
    REQUIRE(stored->get<int>("c66") == 66);
    REQUIRE(stored->get<int>("c69") == 69);
    REQUIRE(stored->changed().empty());
    stored->set("c69", 70);
    Instance copy = *stored; // flags travel with a copy
    REQUIRE(copy.changed() == std::vector<std::string>{"c69"});
}

TEST_CASE("rows built one after another keep each name's value, whatever the order",
          "[instances]") {
    auto db = conformance::open();
    Model& User = defineUser(*db);
    Model& Tag = db->define("tag", {{"label", DataTypes::STRING}, {"weight", DataTypes::INTEGER}});
    // Alternating models and orders, and a name that is not an attribute.
    Instance a = User.build(Values{{"name", "ann"}, {"age", 30}});
    Instance t = Tag.build(Values{{"weight", 2}, {"label", "red"}});
    Instance b = User.build(Values{{"age", 41}, {"name", "bob"}});
    Instance c = User.build(Values{{"name", "cy"}, {"score", 7}, {"age", 5}});
    CHECK(a.get<std::string>("name") == "ann");
    CHECK(a.get<std::int64_t>("age") == 30);
    CHECK(t.get<std::string>("label") == "red");
    CHECK(t.get<std::int64_t>("weight") == 2);
    CHECK(b.get<std::string>("name") == "bob");
    CHECK(b.get<std::int64_t>("age") == 41);
    CHECK(c.get<std::int64_t>("score") == 7);
    CHECK(c.get<std::int64_t>("age") == 5);
    CHECK(b.get<std::int64_t>("score") == 10); // the default
    // As Sequelize: a name that is not an attribute is left out.
    Instance x = User.build(Values{{"name", "x"}, {"nope", 1}, {"age", 2}});
    CHECK(x.get<std::string>("name") == "x");
    CHECK(x.get<std::int64_t>("age") == 2);
    // Text for an integer is converted; the same value again is no change.
    Instance d = User.build(Values{{"name", "di"}, {"age", "12"}});
    CHECK(d.get("age").kind() == ValueKind::Int);
    CHECK(d.changed("age"));
}

TEST_CASE("reading an unknown attribute names it; setting one is ignored", "[instances]") {
    auto db = conformance::open();
    Model& User = defineUser(*db);
    REQUIRE(User.build({{"nmae", "x"}}).changed() == std::vector<std::string>{"score"});
    REQUIRE_THROWS_WITH(User.build({}).get("nmae"),
                        Catch::Contains("nmae") && Catch::Contains("name"));
    REQUIRE_THROWS_AS(User.build({}).get("nope"), UsageError);
    REQUIRE_THROWS_AS(User.build({}).get<std::string>("nope"), UsageError);
}

TEST_CASE("get<T> reads a value as T", "[instances]") {
    auto db = conformance::open();
    Model& User = defineUser(*db);
    User.create({{"name", "Ann"}, {"age", 31}});
    Instance ann = *User.findOne({.where = {{"name", "Ann"}}});
    CHECK(ann.get<std::string>("name") == "Ann");
    CHECK(ann.get<std::int64_t>("age") == 31);
    CHECK(ann.get<int>("score") == 10);
    CHECK(ann.get<double>("age") == 31.0);
    CHECK(ann.get<std::string>("age") == "31");
    CHECK(ann.get<Timestamp>("createdAt") == ann.get("createdAt").asTimestamp());
    // A selected value that is not an attribute.
    auto counted = User.findAll({.attributes = {{fn("COUNT", col("id")), "n"}}});
    REQUIRE(counted.size() == 1);
    CHECK(counted[0].get<std::int64_t>("n") == 1);
    // Null converts as asString() and asInt() do: "" and an error.
    Instance bob = User.create({{"name", "Bob"}});
    CHECK(bob.get<std::string>("age").empty());
    CHECK_THROWS(bob.get<std::int64_t>("age"));
}

TEST_CASE("update, reload, increment and decrement", "[instances]") {
    auto db = conformance::open();
    Model& User = defineUser(*db);
    Instance bob = User.create({{"name", "Bob"}, {"age", 20}});
    bob.update({{"age", 21}});
    REQUIRE(User.findByPk(bob.get("id"))->get("age").asInt() == 21);

    User.update({{"name", "Robert"}}, {.where = {{"id", bob.get("id")}}});
    REQUIRE(bob.get("name").asString() == "Bob");
    bob.reload();
    REQUIRE(bob.get("name").asString() == "Robert");

    bob.increment("score", 5);
    REQUIRE(bob.get("score").asInt() == 15);
    bob.decrement("score");
    REQUIRE(bob.get("score").asInt() == 14);
    REQUIRE(User.findByPk(bob.get("id"))->get("score").asInt() == 14);
}

TEST_CASE("destroy deletes; paranoid models soft delete and restore", "[instances]") {
    auto db = conformance::open();
    Model& Plain = defineUser(*db);
    Instance a = Plain.create({{"name", "A"}});
    a.destroy();
    REQUIRE(Plain.count() == 0);

    Model& Soft = db->define("post", {{"title", DataTypes::STRING}}, {.paranoid = true});
    Soft.sync({.force = true});
    Instance p = Soft.create({{"title", "hello"}});
    p.destroy();
    REQUIRE(p.get("deletedAt").kind() == ValueKind::Timestamp);
    REQUIRE(Soft.count() == 0);
    REQUIRE(Soft.count({.paranoid = false}) == 1);
    REQUIRE_FALSE(Soft.findByPk(p.get("id")));
    REQUIRE(Soft.findByPk(p.get("id"), {.paranoid = false}));
    p.restore();
    REQUIRE(Soft.count() == 1);
    p.destroy(true); // force
    REQUIRE(Soft.count({.paranoid = false}) == 0);

    Soft.bulkCreate({{{"title", "a"}}, {{"title", "b"}}, {{"title", "c"}}});
    REQUIRE(Soft.destroy({.where = {{"title", {Op::ne, "c"}}}}) == 2);
    REQUIRE(Soft.count() == 1);
    REQUIRE(Soft.restore({.where = {{"title", "a"}}}) == 1);
    REQUIRE(Soft.count() == 2);
    REQUIRE(Soft.destroy({.where = {{"title", "a"}}, .force = true}) == 1);
    REQUIRE(Soft.count({.paranoid = false}) == 2);
}

TEST_CASE("toJSON lists attributes in order with JSON types", "[instances]") {
    auto db = conformance::open();
    Model& User = defineUser(*db, {.timestamps = false});
    Instance u = User.create({{"name", "Zoë \"Z\""}, {"age", 40}});
    REQUIRE(u.toJSON() == "{\"id\":" + u.get("id").asString() +
                              ",\"name\":\"Zoë \\\"Z\\\"\",\"age\":40,\"score\":10}");
}

TEST_CASE("model-level update and destroy need a where clause", "[instances]") {
    auto db = conformance::open();
    Model& User = defineUser(*db);
    User.bulkCreate({{{"name", "a"}}, {{"name", "b"}}});
    REQUIRE_THROWS_AS(User.update({{"age", 1}}, {}), UsageError);
    REQUIRE_THROWS_AS(User.destroy(), UsageError);
    REQUIRE(User.update({{"age", 5}}, {.where = {{"name", "a"}}}) == 1);
    REQUIRE(User.destroy({.truncate = true}) == 2);
    REQUIRE(User.count() == 0);
}
