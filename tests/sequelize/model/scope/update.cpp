// test/integration/model/scope/update.test.js
#include "support.hpp"

using namespace tabula;

namespace {

struct Fixture {
    std::unique_ptr<tabula::Database> db = sequelize::open();
    Model& ScopeMe =
        db->define("ScopeMe",
                   {{"username", DataTypes::STRING},
                    {"email", DataTypes::STRING},
                    {"access_level", DataTypes::INTEGER},
                    {"other_value", DataTypes::INTEGER}},
                   {.defaultScope = FindOptions{.where = {{"access_level", {Op::gte, 5}}}},
                    .scopes = {{"lowAccess", {.where = {{"access_level", {Op::lte, 5}}}}}}});
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
    // The emails of the rows now named `name`, in id order.
    std::vector<std::string> emailsOf(const std::string& name) const {
        std::vector<std::string> emails;
        for (const auto& u :
             ScopeMe.unscoped().findAll({.where = {{"username", name}}, .order = {"id"}}))
            emails.push_back(u.get("email").asString());
        return emails;
    }
};

} // namespace

SEQUELIZE_CASE("model/scope/update.test.js", "scope > update > should apply defaultScope",
               "[scopes]") {
    Fixture f;
    // Sequelize's `where: {}` is Where::all({}) (`.where = {}` means no where).
    f.ScopeMe.update({{"username", "ruben"}}, {.where = Where::all({})});
    REQUIRE(f.emailsOf("ruben") ==
            std::vector<std::string>{"tobi@fakeemail.com", "dan@sequelizejs.com"});
}

SEQUELIZE_CASE("model/scope/update.test.js",
               "scope > update > should be able to override default scope", "[scopes]") {
    Fixture f;
    // Differs: a scope's where and the query's are joined with AND (Sequelize's
    // whereMergeStrategy "and"), so the query's access_level < 5 does not
    // replace the default scope's access_level >= 5 and no row matches both.
    REQUIRE(f.ScopeMe.update({{"username", "ruben"}}, {.where = {{"access_level", {Op::lt, 5}}}}) ==
            0);
    REQUIRE(f.emailsOf("ruben").empty());
}

SEQUELIZE_CASE("model/scope/update.test.js", "scope > update > should be able to unscope destroy",
               "[scopes]") {
    Fixture f;
    f.ScopeMe.unscoped().update({{"username", "ruben"}}, {.where = Where::all({})});
    for (const auto& r : f.ScopeMe.unscoped().findAll())
        REQUIRE(r.get("username").asString() == "ruben");
}

SEQUELIZE_CASE("model/scope/update.test.js",
               "scope > update > should be able to apply other scopes", "[scopes]") {
    Fixture f;
    f.ScopeMe.scope("lowAccess").update({{"username", "ruben"}}, {.where = Where::all({})});
    auto users = f.ScopeMe.unscoped().findAll({.where = {{"username", {Op::ne, "ruben"}}}});
    REQUIRE(users.size() == 1);
    REQUIRE(users[0].get("email").asString() == "tobi@fakeemail.com");
}

SEQUELIZE_CASE("model/scope/update.test.js",
               "scope > update > should be able to merge scopes with where", "[scopes]") {
    Fixture f;
    f.ScopeMe.scope("lowAccess").update({{"username", "ruben"}}, {.where = {{"username", "dan"}}});
    REQUIRE(f.emailsOf("ruben") == std::vector<std::string>{"dan@sequelizejs.com"});
}

SEQUELIZE_CASE("model/scope/update.test.js", "scope > update > should work with empty where",
               "[scopes]") {
    Fixture f;
    // Differs: an update without a where is refused even when a scope has one;
    // Where::all({}) says "every row the scopes select".
    REQUIRE_THROWS_AS(f.ScopeMe.scope("lowAccess").update({{"username", "ruby"}}, {}), UsageError);
    f.ScopeMe.scope("lowAccess").update({{"username", "ruby"}}, {.where = Where::all({})});
    REQUIRE(f.emailsOf("ruby").size() == 3);
}
