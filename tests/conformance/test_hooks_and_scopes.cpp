// Hooks, model-wide validators, getters, setters, VIRTUAL attributes and
// scopes.
#include "context.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cctype>

using namespace tabula;

namespace {

std::string upper(std::string s) {
    std::transform(s.begin(), s.end(), s.begin(),
                   [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
    return s;
}

} // namespace

TEST_CASE("instance hooks run in Sequelize's order and may change values", "[hooks]") {
    auto db = conformance::open();
    std::vector<std::string> events;
    auto record = [&](HookEvent& e) { events.push_back(toString(e.hook)); };
    Model& User = db->define("user", {{"name", DataTypes::STRING}, {"slug", DataTypes::STRING}},
                             {.hooks = {{Hook::beforeValidate, record},
                                        {Hook::afterValidate, record},
                                        {Hook::beforeCreate,
                                         [&](HookEvent& e) {
                                             record(e);
                                             e.instance->set(
                                                 "slug", upper(e.instance->get("name").asString()));
                                         }},
                                        {Hook::beforeSave, record},
                                        {Hook::afterCreate, record},
                                        {Hook::afterSave, record}}});
    User.addHook(Hook::beforeUpdate, record).addHook(Hook::afterUpdate, record);
    User.addHook(Hook::beforeDestroy, record).addHook(Hook::afterDestroy, record);
    User.sync({.force = true});

    Instance ann = User.create({{"name", "ann"}});
    REQUIRE(events == std::vector<std::string>{"beforeValidate", "afterValidate", "beforeCreate",
                                               "beforeSave", "afterCreate", "afterSave"});
    REQUIRE(User.findByPk(ann.get("id"))->get("slug").asString() == "ANN");

    events.clear();
    ann.update({{"name", "anna"}});
    REQUIRE(events == std::vector<std::string>{"beforeValidate", "afterValidate", "beforeUpdate",
                                               "beforeSave", "afterUpdate", "afterSave"});
    events.clear();
    ann.destroy();
    REQUIRE(events == std::vector<std::string>{"beforeDestroy", "afterDestroy"});
}

TEST_CASE("a before hook that throws aborts: no SQL, no row", "[hooks]") {
    std::vector<std::string> log;
    auto db = conformance::open({.logging = [&](const std::string& l) { log.push_back(l); }});
    Model& User = db->define("user", {{"name", DataTypes::STRING}});
    User.addHook(Hook::beforeCreate, [](HookEvent& e) {
        if (e.instance->get("name").asString() == "root")
            throw std::runtime_error("name 'root' is reserved");
    });
    User.sync({.force = true});
    log.clear();
    REQUIRE_THROWS_WITH(User.create({{"name", "root"}}), Catch::Contains("reserved"));
    REQUIRE(log.empty());
    REQUIRE(User.count() == 0);
}

TEST_CASE("bulk and find hooks see the rows, the values and the query", "[hooks]") {
    auto db = conformance::open();
    Model& Item = db->define("item", {{"name", DataTypes::STRING}, {"hidden", DataTypes::BOOLEAN}});
    size_t created = 0;
    Item.addHook(Hook::beforeBulkCreate, [](HookEvent& e) {
        for (auto& i : *e.instances)
            i.set("hidden", false);
    });
    Item.addHook(Hook::afterBulkCreate, [&](HookEvent& e) { created = e.instances->size(); });
    Item.addHook(Hook::beforeBulkUpdate,
                 [](HookEvent& e) { e.values->emplace_back("hidden", true); });
    std::vector<std::string> updatedNames; // what afterBulkUpdate is shown
    Item.addHook(Hook::afterBulkUpdate, [&](HookEvent& e) {
        for (const auto& [name, value] : *e.values)
            updatedNames.push_back(name);
    });
    Item.addHook(Hook::beforeFind, [](HookEvent& e) { e.find->order = {{"name", "DESC"}}; });
    std::vector<std::string> found;
    Item.addHook(Hook::afterFind, [&](HookEvent& e) {
        for (const auto& i : *e.instances)
            found.push_back(i.get("name").asString());
    });
    std::int64_t destroyed = -1;
    Item.addHook(Hook::afterBulkDestroy,
                 [&](HookEvent& e) { destroyed = e.where->empty() ? 0 : 1; });
    Item.sync({.force = true});

    Item.bulkCreate({{{"name", "a"}}, {{"name", "b"}}, {{"name", "c"}}});
    REQUIRE(created == 3);
    REQUIRE(Item.count({.where = {{"hidden", false}}}) == 3);
    Item.update({{"name", "b2"}}, {.where = {{"name", "b"}}});
    REQUIRE(Item.count({.where = {{"hidden", true}}}) == 1);
    REQUIRE(updatedNames == std::vector<std::string>{"name", "hidden"});
    Item.findAll();
    REQUIRE(found == std::vector<std::string>{"c", "b2", "a"});
    Item.destroy({.where = {{"name", "a"}}});
    REQUIRE(destroyed == 1);
}

TEST_CASE("hooks run inside the caller's transaction", "[hooks]") {
    auto db = conformance::open();
    Model& Log = db->define("entry", {{"text", DataTypes::STRING}});
    Model& User = db->define("user", {{"name", DataTypes::STRING}});
    User.addHook(Hook::afterCreate, [&](HookEvent& e) {
        Log.create({{"text", "created " + e.instance->get("name").asString()}},
                   {.transaction = e.transaction});
    });
    db->sync({.force = true});
    REQUIRE_THROWS(db->transaction([&](Transaction& t) {
        User.create({{"name", "ann"}}, {.transaction = &t});
        throw std::runtime_error("undo");
    }));
    REQUIRE(Log.count() == 0);
    db->transaction([&](Transaction& t) { User.create({{"name", "bob"}}, {.transaction = &t}); });
    REQUIRE(Log.count() == 1);
}

TEST_CASE("model-wide validators see the whole instance", "[validations]") {
    auto db = conformance::open();
    Model& Range =
        db->define("range", {{"low", DataTypes::INTEGER}, {"high", DataTypes::INTEGER}},
                   {.validate = {{"lowBelowHigh", [](const Instance& r) {
                                      if (r.get("low").asInt() > r.get("high").asInt())
                                          throw std::invalid_argument("low must not exceed high");
                                  }}}});
    Range.sync({.force = true});
    Range.create({{"low", 1}, {"high", 2}});
    try {
        Range.create({{"low", 3}, {"high", 2}});
        FAIL("no error");
    } catch (const ValidationError& e) {
        REQUIRE(e.errors().size() == 1);
        REQUIRE(e.errors()[0].validator == "lowBelowHigh");
        REQUIRE_THAT(std::string(e.what()), Catch::Contains("low must not exceed high"));
    }
    REQUIRE(Range.count() == 1);
}

TEST_CASE("getters, setters and VIRTUAL attributes", "[models]") {
    auto db = conformance::open();
    Model& User = db->define(
        "user",
        {{"firstName", DataTypes::STRING},
         {"lastName",
          {.type = DataTypes::STRING,
           .get =
               [](const Instance& u) {
                   return Value(upper(u.getDataValue("lastName").asString()));
               }}},
         {"email",
          {.type = DataTypes::STRING,
           .set =
               [](Instance& u, const Value& v) {
                   std::string s = v.asString();
                   std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) {
                       return static_cast<char>(std::tolower(c));
                   });
                   u.setDataValue("email", s);
               }}},
         {"fullName",
          {.type = DataTypes::VIRTUAL,
           .get =
               [](const Instance& u) {
                   return Value(u.get("firstName").asString() + " " + u.get("lastName").asString());
               },
           .set =
               [](Instance& u, const Value& v) {
                   std::string s = v.asString();
                   auto space = s.find(' ');
                   u.setDataValue("firstName", s.substr(0, space));
                   u.setDataValue("lastName",
                                  space == std::string::npos ? "" : s.substr(space + 1));
               }}}},
        {.timestamps = false});
    User.sync({.force = true});
    Instance u = User.create({{"fullName", "Ada Lovelace"}, {"email", "Ada@Example.COM"}});
    REQUIRE(u.get("firstName").asString() == "Ada");
    REQUIRE(u.get("lastName").asString() == "LOVELACE");
    REQUIRE(u.getDataValue("lastName").asString() == "Lovelace");
    REQUIRE(u.get("fullName").asString() == "Ada LOVELACE");
    // The typed form goes through the getter too.
    REQUIRE(u.get<std::string>("lastName") == "LOVELACE");
    REQUIRE(u.get<std::string>("fullName") == "Ada LOVELACE");
    auto stored = User.findByPk(u.get("id"));
    REQUIRE(stored->getDataValue("email").asString() == "ada@example.com");
    REQUIRE(stored->getDataValue("lastName").asString() == "Lovelace");
    REQUIRE(stored->toJSON().find("\"fullName\":\"Ada LOVELACE\"") != std::string::npos);
    REQUIRE_THROWS_AS(User.findAll({.where = {{"fullName", "x"}}}), UsageError);
}

TEST_CASE("default scope, named scopes and unscoped", "[scopes]") {
    auto db = conformance::open();
    Model& Post = db->define("post",
                             {{"title", DataTypes::STRING},
                              {"published", DataTypes::BOOLEAN},
                              {"stars", DataTypes::INTEGER}},
                             {.defaultScope = FindOptions{.where = {{"published", true}}},
                              .scopes = {{"popular", {.where = {{"stars", {Op::gte, 5}}}}},
                                         {"byStars", {.order = {{"stars", "DESC"}}}}}});
    Post.sync({.force = true});
    Post.bulkCreate({{{"title", "a"}, {"published", true}, {"stars", 1}},
                     {{"title", "b"}, {"published", true}, {"stars", 9}},
                     {{"title", "c"}, {"published", false}, {"stars", 7}}});
    REQUIRE(Post.count() == 2);
    REQUIRE(Post.findAll().size() == 2);
    REQUIRE(Post.unscoped().count() == 3);
    REQUIRE(Post.scope("popular").count() == 2); // replaces the default scope
    REQUIRE(Post.scope({"defaultScope", "popular"}).count() == 1);
    auto ordered = Post.unscoped().scope("byStars").findAll();
    REQUIRE(ordered.front().get("title").asString() == "b");
    REQUIRE(Post.scope({"popular", "byStars"}).findOne()->get("title").asString() == "b");
    REQUIRE(Post.scope("popular").findAll({.where = {{"published", false}}}).size() == 1);
    REQUIRE_THROWS_WITH(Post.scope("nope"), Catch::Contains("popular"));
}
