// test/integration/model/scope/find.test.js
#include "support.hpp"

#include <algorithm>

using namespace tabula;

namespace {

struct Fixture {
    std::unique_ptr<tabula::Database> db = sequelize::open();
    Model& ScopeMe =
        db->define("ScopeMe",
                   {{"username", DataTypes::STRING},
                    {"email", DataTypes::STRING},
                    {"access_level", DataTypes::INTEGER},
                    {"other_value", DataTypes::INTEGER},
                    {"parent_id", DataTypes::INTEGER}},
                   {.defaultScope = FindOptions{.where = {{"access_level", {Op::gte, 5}}}},
                    .scopes = {{"highValue", {.where = {{"other_value", {Op::gte, 10}}}}},
                               {"andScope",
                                {.where = Op::and_({{"email", {Op::like, "%@sequelizejs.com"}},
                                                    {"access_level", 3}})}}}});
    Model& DefaultScopeExclude =
        db->define("DefaultScopeExclude",
                   {{"name", DataTypes::STRING},
                    {"other_value", {.type = DataTypes::STRING, .field = "otherValue"}}},
                   {.defaultScope = FindOptions{.attributes = Attributes::exclude({"name"})}});
    Fixture() {
        ScopeMe.hasMany(DefaultScopeExclude);
        db->sync({.force = true});
        ScopeMe.bulkCreate({{{"username", "tony"},
                             {"email", "tony@sequelizejs.com"},
                             {"access_level", 3},
                             {"other_value", 7},
                             {"parent_id", 1}},
                            {{"username", "tobi"},
                             {"email", "tobi@fakeemail.com"},
                             {"access_level", 10},
                             {"other_value", 11},
                             {"parent_id", 2}},
                            {{"username", "dan"},
                             {"email", "dan@sequelizejs.com"},
                             {"access_level", 5},
                             {"other_value", 10},
                             {"parent_id", 1}},
                            {{"username", "fred"},
                             {"email", "fred@foobar.com"},
                             {"access_level", 3},
                             {"other_value", 7},
                             {"parent_id", 1}}});
    }
};

bool oneOf(const Value& v, std::initializer_list<Value> options) {
    return std::find(options.begin(), options.end(), v) != options.end();
}

} // namespace

// Sequelize's scope({where}) is a scope given in place, without the default
// scope; Scoped over those options says the same.
SEQUELIZE_CASE("model/scope/find.test.js", "scopes > should be able use where in scope",
               "[scopes]") {
    Fixture f;
    const FindOptions inPlace{.where = {{"parent_id", 2}}};
    auto users = Scoped(f.ScopeMe, {&inPlace}).findAll();
    REQUIRE(users.size() == 1);
    REQUIRE(users[0].get("username") == Value("tobi"));
}

SEQUELIZE_CASE("model/scope/find.test.js",
               "scopes > should be able to combine scope and findAll where clauses", "[scopes]") {
    Fixture f;
    const FindOptions inPlace{.where = {{"parent_id", 1}}};
    auto users = Scoped(f.ScopeMe, {&inPlace}).findAll({.where = {{"access_level", 3}}});
    REQUIRE(users.size() == 2);
    REQUIRE(oneOf(users[0].get("username"), {"tony", "fred"}));
    REQUIRE(oneOf(users[1].get("username"), {"tony", "fred"}));
}

SEQUELIZE_CASE("model/scope/find.test.js",
               "scopes > should be able to use a defaultScope if declared", "[scopes]") {
    Fixture f;
    auto users = f.ScopeMe.findAll();
    REQUIRE(users.size() == 2);
    REQUIRE(oneOf(users[0].get("access_level"), {10, 5}));
    REQUIRE(oneOf(users[1].get("access_level"), {10, 5}));
    REQUIRE(oneOf(users[0].get("username"), {"dan", "tobi"}));
    REQUIRE(oneOf(users[1].get("username"), {"dan", "tobi"}));
}

SEQUELIZE_CASE("model/scope/find.test.js", "scopes > should be able to handle $and in scopes",
               "[scopes]") {
    Fixture f;
    auto users = f.ScopeMe.scope("andScope").findAll();
    REQUIRE(users.size() == 1);
    REQUIRE(users[0].get("username") == Value("tony"));
}

SEQUELIZE_CASE("model/scope/find.test.js",
               "scopes > should not overwrite > default scope with values from previous finds",
               "[scopes]") {
    Fixture f;
    REQUIRE(f.ScopeMe.findAll({.where = {{"other_value", 10}}}).size() == 1);
    REQUIRE(f.ScopeMe.findAll().size() == 2);
}

SEQUELIZE_CASE("model/scope/find.test.js",
               "scopes > should not overwrite > other scopes with values from previous "
               "finds",
               "[scopes]") {
    Fixture f;
    REQUIRE(f.ScopeMe.scope("highValue").findAll({.where = {{"access_level", 10}}}).size() == 1);
    REQUIRE(f.ScopeMe.scope("highValue").findAll().size() == 2);
}

SEQUELIZE_CASE("model/scope/find.test.js",
               "scopes > should have no problem performing findOrCreate", "[scopes]") {
    Fixture f;
    auto [user, created] = f.ScopeMe.findOrCreate({.where = {{"username", "fake"}}});
    REQUIRE(user.get("username") == Value("fake"));
}

SEQUELIZE_CASE("model/scope/find.test.js", "scopes > should work when included with default scope",
               "[scopes]") {
    Fixture f;
    f.ScopeMe.findOne({.include = {{.model = &f.DefaultScopeExclude}}});
}

SEQUELIZE_CASE("model/scope/find.test.js",
               "scope in associations > should work when association with a virtual column queried "
               "with default scope",
               "[scopes]") {
    auto db = sequelize::open();
    Model& Game = db->define("Game", {{"name", DataTypes::TEXT}});
    Model& User = db->define(
        "User",
        {{"login", DataTypes::TEXT},
         {"session",
          {.type = DataTypes::VIRTUAL, .get = [](const Instance&) { return Value("New"); }}}},
        {.defaultScope = FindOptions{.attributes = Attributes::exclude({"login"})}});
    Game.hasMany(User);
    db->sync({.force = true});
    auto games = Game.findAll({.include = {{.model = &User}}});
    REQUIRE(games.empty());
}
