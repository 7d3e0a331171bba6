// test/integration/model/scope/count.test.js
#include "support.hpp"

using namespace tabula;

namespace {

struct Fixture {
    std::unique_ptr<tabula::Database> db = sequelize::open();
    Model& Child = db->define("Child", {{"priority", DataTypes::INTEGER}});
    Model& ScopeMe = db->define(
        "ScopeMe",
        {{"username", DataTypes::STRING},
         {"email", DataTypes::STRING},
         {"aliasValue", {.type = DataTypes::INTEGER, .field = "alias_value"}},
         {"access_level", DataTypes::INTEGER},
         {"other_value", DataTypes::INTEGER}},
        {.defaultScope = FindOptions{.where = {{"access_level", {Op::gte, 5}}},
                                     .attributes = {"id", "username", "email", "access_level"}},
         .scopes = {{"lowAccess", {.where = {{"access_level", {Op::lte, 5}}}}},
                    {"withOrder", {.order = {"username"}}},
                    {"withInclude", {.include = {{.model = &Child, .where = {{"priority", 1}}}}}},
                    {"withAliasedField", {.where = {{"aliasValue", {Op::ne, 1}}}}}}});
    Fixture() {
        Child.belongsTo(ScopeMe);
        ScopeMe.hasMany(Child);
        db->sync({.force = true});
        ScopeMe.bulkCreate({{{"username", "tony"},
                             {"email", "tony@sequelizejs.com"},
                             {"access_level", 3},
                             {"other_value", 7},
                             {"aliasValue", 12}},
                            {{"username", "tobi"},
                             {"email", "tobi@fakeemail.com"},
                             {"access_level", 10},
                             {"other_value", 11},
                             {"aliasValue", 5}},
                            {{"username", "dan"},
                             {"email", "dan@sequelizejs.com"},
                             {"access_level", 5},
                             {"other_value", 10},
                             {"aliasValue", 1}},
                            {{"username", "fred"},
                             {"email", "fred@foobar.com"},
                             {"access_level", 3},
                             {"other_value", 7},
                             {"aliasValue", 10}}});
        auto records = ScopeMe.findAll();
        ScopeMe.association("Children").create(records[0], {{"priority", 1}});
        ScopeMe.association("Children").create(records[1], {{"priority", 2}});
    }
};

} // namespace

SEQUELIZE_CASE("model/scope/count.test.js", "scope > count > should apply defaultScope",
               "[scopes]") {
    Fixture f;
    REQUIRE(f.ScopeMe.count() == 2);
}

SEQUELIZE_CASE("model/scope/count.test.js",
               "scope > count > should be able to override default scope", "[scopes]") {
    Fixture f;
    REQUIRE(f.ScopeMe.count({.where = {{"access_level", {Op::gt, 5}}}}) == 1);
}

SEQUELIZE_CASE("model/scope/count.test.js", "scope > count > should be able to unscope",
               "[scopes]") {
    Fixture f;
    REQUIRE(f.ScopeMe.unscoped().count() == 4);
}

SEQUELIZE_CASE("model/scope/count.test.js", "scope > count > should be able to apply other scopes",
               "[scopes]") {
    Fixture f;
    REQUIRE(f.ScopeMe.scope("lowAccess").count() == 3);
}

SEQUELIZE_CASE("model/scope/count.test.js",
               "scope > count > should be able to merge scopes with where", "[scopes]") {
    Fixture f;
    REQUIRE(f.ScopeMe.scope("lowAccess").count({.where = {{"username", "dan"}}}) == 1);
}

SEQUELIZE_CASE("model/scope/count.test.js",
               "scope > count > should be able to merge scopes with where on aliased fields",
               "[scopes]") {
    Fixture f;
    REQUIRE(f.ScopeMe.scope("withAliasedField").count({.where = {{"aliasValue", 5}}}) == 1);
}

SEQUELIZE_CASE("model/scope/count.test.js",
               "scope > count > should ignore the order option if it is found within the "
               "scope",
               "[scopes]") {
    Fixture f;
    REQUIRE(f.ScopeMe.scope("withOrder").count() == 4);
}

SEQUELIZE_CASE("model/scope/count.test.js",
               "scope > count > should be able to use where on include", "[scopes]") {
    Fixture f;
    REQUIRE(f.ScopeMe.scope("withInclude").count() == 1);
}

SEQUELIZE_CASE("model/scope/count.test.js",
               "scope > count > should be able to use include with function scope", "[scopes]") {
    NOT_SUPPORTED("scope functions");
}

SEQUELIZE_CASE("model/scope/count.test.js",
               "scope > count > should be able to use include with function scope and string "
               "association",
               "[scopes]") {
    NOT_SUPPORTED("scope functions");
}
