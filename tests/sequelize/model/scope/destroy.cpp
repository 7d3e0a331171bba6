// test/integration/model/scope/destroy.test.js
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
    std::vector<std::string> remaining() const {
        std::vector<std::string> names;
        for (const auto& u : ScopeMe.unscoped().findAll({.order = {"id"}}))
            names.push_back(u.get("username").asString());
        return names;
    }
};

} // namespace

SEQUELIZE_CASE("model/scope/destroy.test.js", "scope > destroy > should apply defaultScope",
               "[scopes]") {
    Fixture f;
    // Sequelize's `where: {}` is Where::all({}) (`.where = {}` means no where).
    REQUIRE_THROWS_AS(f.ScopeMe.destroy({.where = {}}), UsageError);
    f.ScopeMe.destroy({.where = Where::all({})});
    REQUIRE(f.remaining() == std::vector<std::string>{"tony", "fred"});
}

SEQUELIZE_CASE("model/scope/destroy.test.js",
               "scope > destroy > should be able to override default scope", "[scopes]") {
    Fixture f;
    // Differs: a scope's where and the query's are joined with AND (Sequelize's
    // whereMergeStrategy "and"), so access_level < 5 does not replace the
    // default scope's access_level >= 5 and no row is deleted.
    REQUIRE(f.ScopeMe.destroy({.where = {{"access_level", {Op::lt, 5}}}}) == 0);
    REQUIRE(f.remaining() == std::vector<std::string>{"tony", "tobi", "dan", "fred"});
}

SEQUELIZE_CASE("model/scope/destroy.test.js", "scope > destroy > should be able to unscope destroy",
               "[scopes]") {
    Fixture f;
    f.ScopeMe.unscoped().destroy({.where = Where::all({})});
    REQUIRE(f.remaining().empty());
}

SEQUELIZE_CASE("model/scope/destroy.test.js",
               "scope > destroy > should be able to apply other scopes", "[scopes]") {
    Fixture f;
    f.ScopeMe.scope("lowAccess").destroy({.where = Where::all({})});
    REQUIRE(f.remaining() == std::vector<std::string>{"tobi"});
}

SEQUELIZE_CASE("model/scope/destroy.test.js",
               "scope > destroy > should be able to merge scopes with where", "[scopes]") {
    Fixture f;
    f.ScopeMe.scope("lowAccess").destroy({.where = {{"username", "dan"}}});
    REQUIRE(f.remaining() == std::vector<std::string>{"tony", "tobi", "fred"});
}

SEQUELIZE_CASE("model/scope/destroy.test.js", "scope > destroy > should work with empty where",
               "[scopes]") {
    Fixture f;
    // Differs: a destroy without a where is refused even when a scope has one;
    // Where::all({}) says "every row the scopes select".
    REQUIRE_THROWS_AS(f.ScopeMe.scope("lowAccess").destroy(), UsageError);
    f.ScopeMe.scope("lowAccess").destroy({.where = Where::all({})});
    REQUIRE(f.remaining() == std::vector<std::string>{"tobi"});
}
