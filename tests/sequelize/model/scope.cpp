// test/integration/model/scope.test.js
#include "support.hpp"

using namespace tabula;

namespace {

struct Fixture {
    std::unique_ptr<tabula::Database> db = sequelize::open();
    Model& ScopeMe = db->define(
        "ScopeMe",
        {{"username", DataTypes::STRING},
         {"email", DataTypes::STRING},
         {"access_level", DataTypes::INTEGER},
         {"other_value", DataTypes::INTEGER}},
        {.scopes = {
             {"lowAccess",
              {.where = {{"access_level", {Op::lte, 5}}},
               .attributes = {"other_value", "access_level"}}},
             {"withName", {.attributes = {"username"}}},
             {"highAccess",
              {.where = Op::or_({{"access_level", {Op::gte, 5}}, {"access_level", {Op::eq, 10}}})}},
             {"lessThanFour", {.where = Op::and_({{"access_level", {Op::lt, 4}}})}},
             {"issue8473",
              {.where = {Op::or_({{"access_level", 3}, {"other_value", 10}}),
                         {"access_level", 5}}}},
         }});
    Fixture() {
        db->sync({.force = true});
        ScopeMe.bulkCreate({{{"username", "tony"},
                             {"email", "tony@sequelizejs.com"},
                             {"access_level", 3},
                             {"other_value", 7}},
                            {{"username", "tobi"},
                             {"email", "tobi@fakeemail.com"},
                             {"access_level", 10},
                             {"other_value", 11}},
                            {{"username", "dan"},
                             {"email", "dan@sequelizejs.com"},
                             {"access_level", 5},
                             {"other_value", 10}},
                            {{"username", "fred"},
                             {"email", "fred@foobar.com"},
                             {"access_level", 3},
                             {"other_value", 7}}});
    }
};

} // namespace

SEQUELIZE_CASE("model/scope.test.js", "scope > should be able to merge attributes as array",
               "[scopes]") {
    Fixture f;
    auto record = f.ScopeMe.scope({"lowAccess", "withName"}).findOne();
    REQUIRE(record);
    REQUIRE_FALSE(record->get("other_value").isNull());
    REQUIRE_FALSE(record->get("username").isNull());
    REQUIRE_FALSE(record->get("access_level").isNull());
}

SEQUELIZE_CASE("model/scope.test.js", "scope > should work with Symbol operators", "[scopes]") {
    Fixture f;
    auto record = f.ScopeMe.scope("highAccess").findOne();
    REQUIRE(record);
    REQUIRE(record->get("username") == Value("tobi"));
    auto records0 = f.ScopeMe.scope("lessThanFour").findAll();
    REQUIRE(records0.size() == 2);
    REQUIRE(records0[0].get("access_level") == Value(3));
    REQUIRE(records0[1].get("access_level") == Value(3));
    auto records = f.ScopeMe.scope("issue8473").findAll();
    REQUIRE(records.size() == 1);
    REQUIRE(records[0].get("access_level") == Value(5));
    REQUIRE(records[0].get("other_value") == Value(10));
}

SEQUELIZE_CASE("model/scope.test.js", "scope > should keep symbols after default assignment",
               "[scopes]") {
    Fixture f;
    auto record = f.ScopeMe.scope("highAccess").findOne();
    REQUIRE(record);
    REQUIRE(record->get("username") == Value("tobi"));
    auto records = f.ScopeMe.scope("lessThanFour").findAll({.where = {}});
    REQUIRE(records.size() == 2);
    REQUIRE(records[0].get("access_level") == Value(3));
    REQUIRE(records[1].get("access_level") == Value(3));
    f.ScopeMe.scope("issue8473").findAll();
}

SEQUELIZE_CASE("model/scope.test.js", "scope > should not throw error with sequelize.where",
               "[scopes]") {
    NOT_SUPPORTED("sequelize.where");
}
