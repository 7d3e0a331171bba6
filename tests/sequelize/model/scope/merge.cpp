// test/integration/model/scope/merge.test.js
#include "support.hpp"

using namespace tabula;

SEQUELIZE_CASE("model/scope/merge.test.js",
               "scope > simple merge > should merge simple scopes correctly", "[scopes]") {
    auto db = sequelize::open();
    Model& Bar = db->define("bar", {{"name", DataTypes::STRING}}, {.timestamps = false});
    Model& Baz = db->define("baz", {{"name", DataTypes::STRING}}, {.timestamps = false});
    Model& Foo = db->define("foo", {{"name", DataTypes::STRING}},
                            {.timestamps = false,
                             .scopes = {{"includeBar", {.include = {{.model = &Bar}}}},
                                        {"includeBaz", {.include = {{.model = &Baz}}}}}});
    Foo.belongsTo(Baz, {.foreignKey = "bazId"});
    Foo.hasOne(Bar, {.foreignKey = "fooId"});
    db->sync({.force = true});
    Instance baz = Baz.create({{"name", "The Baz"}});
    Instance foo = Foo.create({{"name", "The Foo"}, {"bazId", baz.get("id")}});
    Bar.create({{"name", "The Bar"}, {"fooId", foo.get("id")}});

    auto result = Foo.scope({"includeBar", "includeBaz"}).findOne();
    REQUIRE(result);
    REQUIRE(result->hasRelated("bar"));
    REQUIRE(result->hasRelated("baz"));
    REQUIRE(result->related("bar").size() == 1);
    REQUIRE(result->related("baz").size() == 1);
    REQUIRE(result->related("bar")[0].get("name") == Value("The Bar"));
    REQUIRE(result->related("baz")[0].get("name") == Value("The Baz"));
    const std::string json = result->toJSON();
    REQUIRE_THAT(json, Catch::Contains("\"bar\":{"));
    REQUIRE_THAT(json, Catch::Contains("\"baz\":{"));
}

SEQUELIZE_CASE("model/scope/merge.test.js",
               "scope > complex merge > should merge complex scopes correctly regardless of their "
               "order",
               "[scopes]") {
    NOT_SUPPORTED("include limit");
}

SEQUELIZE_CASE("model/scope/merge.test.js",
               "scope > complex merge > should merge complex scopes with findAll options correctly "
               "regardless of their order",
               "[scopes]") {
    NOT_SUPPORTED("include limit");
}

SEQUELIZE_CASE("model/scope/merge.test.js",
               "scope > complex merge > should merge complex scopes with findOne options correctly "
               "regardless of their order",
               "[scopes]") {
    NOT_SUPPORTED("include limit");
}
