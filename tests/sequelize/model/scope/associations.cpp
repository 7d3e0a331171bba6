// test/integration/model/scope/associations.test.js
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
                    {"other_value", DataTypes::INTEGER},
                    {"parent_id", DataTypes::INTEGER}},
                   {.defaultScope = FindOptions{.where = {{"access_level", {Op::gte, 5}}}},
                    .scopes = {{"isTony", {.where = {{"username", "tony"}}}}}});
    Model& Project = db->define("project", {{"active", DataTypes::BOOLEAN}},
                                {.scopes = {{"active", {.where = {{"active", true}}}}}});
    Model& Company = db->define("company", {{"active", DataTypes::BOOLEAN}},
                                {.defaultScope = FindOptions{.where = {{"active", true}}},
                                 .scopes = {{"notActive", {.where = {{"active", false}}}},
                                            {"reversed", {.order = {{"id", "DESC"}}}}}});
    Model& Profile = db->define("profile", {{"active", DataTypes::BOOLEAN}},
                                {.defaultScope = FindOptions{.where = {{"active", true}}},
                                 .scopes = {{"notActive", {.where = {{"active", false}}}}}});
    Fixture() {
        Project.belongsToMany(Company, {.through = "CompanyProjects"});
        Company.belongsToMany(Project, {.through = "CompanyProjects"});
        ScopeMe.hasOne(Profile, {.foreignKey = "userId"});
        ScopeMe.belongsTo(Company);
        Company.hasMany(ScopeMe, {.as = "users"});
        db->sync({.force = true});
        Instance u1 = ScopeMe.create({{"id", 1},
                                      {"username", "dan"},
                                      {"email", "dan@sequelizejs.com"},
                                      {"access_level", 5},
                                      {"other_value", 10},
                                      {"parent_id", 1}});
        Instance u2 = ScopeMe.create({{"id", 2},
                                      {"username", "tobi"},
                                      {"email", "tobi@fakeemail.com"},
                                      {"access_level", 10},
                                      {"other_value", 11},
                                      {"parent_id", 2}});
        Instance u3 = ScopeMe.create({{"id", 3},
                                      {"username", "tony"},
                                      {"email", "tony@sequelizejs.com"},
                                      {"access_level", 3},
                                      {"other_value", 7},
                                      {"parent_id", 1}});
        Instance u4 = ScopeMe.create({{"id", 4},
                                      {"username", "fred"},
                                      {"email", "fred@foobar.com"},
                                      {"access_level", 3},
                                      {"other_value", 7},
                                      {"parent_id", 1}});
        Instance u5 = ScopeMe.create({{"id", 5},
                                      {"username", "bob"},
                                      {"email", "bob@foobar.com"},
                                      {"access_level", 1},
                                      {"other_value", 9},
                                      {"parent_id", 5}});
        Instance c1 = Company.create({{"id", 1}, {"active", true}});
        Instance c2 = Company.create({{"id", 2}, {"active", false}});
        Company.association("users").set(c1, {u1, u2, u3, u4});
        Company.association("users").set(c2, {u5});
    }
    // The "get" cases' setup: a project of both companies.
    void projectOfBoth() {
        Instance p = Project.create({});
        Project.association("companies").set(p, Company.unscoped().findAll());
    }
};

} // namespace

SEQUELIZE_CASE("model/scope/associations.test.js",
               "scope > associations > include > should scope columns properly", "[scopes]") {
    Fixture f;
    REQUIRE_NOTHROW(f.Company.findAll({.where = {{"id", 1}}, .include = {{.as = "users"}}}));
}

SEQUELIZE_CASE("model/scope/associations.test.js",
               "scope > associations > include > should apply default scope when including an "
               "associations",
               "[scopes]") {
    Fixture f;
    auto companies = f.Company.findAll({.include = {{.as = "users"}}});
    REQUIRE_FALSE(companies.empty());
    REQUIRE(companies[0].related("users").size() == 2);
}

SEQUELIZE_CASE("model/scope/associations.test.js",
               "scope > associations > include > should apply default scope when including a model",
               "[scopes]") {
    Fixture f;
    auto companies = f.Company.findAll({.include = {{.model = &f.ScopeMe, .as = "users"}}});
    REQUIRE_FALSE(companies.empty());
    REQUIRE(companies[0].related("users").size() == 2);
}

SEQUELIZE_CASE("model/scope/associations.test.js",
               "scope > associations > include > should be able to include a scoped model",
               "[scopes]") {
    NOT_SUPPORTED("scoped model in include");
}

SEQUELIZE_CASE("model/scope/associations.test.js",
               "scope > associations > get > it should be able to unscope > hasMany", "[scopes]") {
    NOT_SUPPORTED("scope option of association getters");
}

SEQUELIZE_CASE("model/scope/associations.test.js",
               "scope > associations > get > it should be able to unscope > hasOne", "[scopes]") {
    NOT_SUPPORTED("scope option of association getters");
}

SEQUELIZE_CASE("model/scope/associations.test.js",
               "scope > associations > get > it should be able to unscope > belongsTo",
               "[scopes]") {
    NOT_SUPPORTED("scope option of association getters");
}

SEQUELIZE_CASE("model/scope/associations.test.js",
               "scope > associations > get > it should be able to unscope > belongsToMany",
               "[scopes]") {
    NOT_SUPPORTED("scope option of association getters");
}

SEQUELIZE_CASE("model/scope/associations.test.js",
               "scope > associations > get > it should apply default scope > hasMany", "[scopes]") {
    Fixture f;
    f.projectOfBoth();
    auto company = f.Company.findByPk(1);
    REQUIRE(company);
    REQUIRE(f.Company.association("users").get(*company).size() == 2);
}

SEQUELIZE_CASE("model/scope/associations.test.js",
               "scope > associations > get > it should apply default scope > hasOne", "[scopes]") {
    Fixture f;
    f.projectOfBoth();
    f.Profile.create({{"active", false}, {"userId", 1}});
    auto user = f.ScopeMe.findByPk(1);
    REQUIRE(user);
    REQUIRE_FALSE(f.ScopeMe.association("profile").getOne(*user).has_value());
}

SEQUELIZE_CASE("model/scope/associations.test.js",
               "scope > associations > get > it should apply default scope > belongsTo",
               "[scopes]") {
    Fixture f;
    f.projectOfBoth();
    auto user = f.ScopeMe.unscoped().findOne({.where = {{"username", "bob"}}});
    REQUIRE(user);
    REQUIRE_FALSE(f.ScopeMe.association("company").getOne(*user).has_value());
}

SEQUELIZE_CASE("model/scope/associations.test.js",
               "scope > associations > get > it should apply default scope > belongsToMany",
               "[scopes]") {
    Fixture f;
    f.projectOfBoth();
    auto projects = f.Project.findAll();
    REQUIRE_FALSE(projects.empty());
    auto companies = f.Project.association("companies").get(projects[0]);
    REQUIRE(companies.size() == 1);
    REQUIRE(companies[0].get("active") == Value(true));
}

SEQUELIZE_CASE("model/scope/associations.test.js",
               "scope > associations > get > it should be able to apply another scope > hasMany",
               "[scopes]") {
    NOT_SUPPORTED("scope option of association getters");
}

SEQUELIZE_CASE("model/scope/associations.test.js",
               "scope > associations > get > it should be able to apply another scope > hasOne",
               "[scopes]") {
    NOT_SUPPORTED("scope option of association getters");
}

SEQUELIZE_CASE("model/scope/associations.test.js",
               "scope > associations > get > it should be able to apply another scope > belongsTo",
               "[scopes]") {
    NOT_SUPPORTED("scope option of association getters");
}

SEQUELIZE_CASE("model/scope/associations.test.js",
               "scope > associations > get > it should be able to apply another scope > "
               "belongsToMany",
               "[scopes]") {
    NOT_SUPPORTED("scope option of association getters");
}

SEQUELIZE_CASE("model/scope/associations.test.js",
               "scope > associations > scope with includes > should scope columns properly",
               "[scopes]") {
    NOT_SUPPORTED("scope functions");
}

SEQUELIZE_CASE("model/scope/associations.test.js",
               "scope > associations > scope with includes > should apply scope conditions",
               "[scopes]") {
    NOT_SUPPORTED("scope functions");
}

SEQUELIZE_CASE("model/scope/associations.test.js",
               "scope > associations > scope with includes > with different format > should not "
               "throw error",
               "[scopes]") {
    auto db = sequelize::open();
    Model& Child = db->define("Child", {});
    Model& Parent = db->define("Parent", {},
                               {.defaultScope = FindOptions{.include = {{.model = &Child}}},
                                .scopes = {{"children", {.include = {{.model = &Child}}}},
                                           {"alsoChildren", {.include = {{.model = &Child}}}}}});
    Child.belongsTo(Parent);
    Parent.hasOne(Child);
    db->sync({.force = true});
    Instance child = Child.create({});
    Instance parent = Parent.create({});
    Parent.association("Child").set(parent, {child});
    REQUIRE_NOTHROW(Parent.scope({"children", "alsoChildren"}).findOne());
}

SEQUELIZE_CASE("model/scope/associations.test.js",
               "scope > associations > scope with includes > with find options > should merge "
               "includes correctly",
               "[scopes]") {
    auto db = sequelize::open();
    Model& Child = db->define("Child", {{"name", DataTypes::STRING}});
    Model& Parent =
        db->define("Parent", {{"name", DataTypes::STRING}},
                   {.scopes = {{"testScope1",
                                {.include = {{.model = &Child, .where = {{"name", "child2"}}}}}}}});
    Parent.hasMany(Child);
    db->sync({.force = true});
    Instance p1 = Parent.create({{"name", "parent1"}});
    Parent.association("Children").create(p1, {{"name", "child1"}});
    Instance p2 = Parent.create({{"name", "parent2"}});
    Parent.association("Children").create(p2, {{"name", "child2"}});
    auto parent =
        Parent.scope("testScope1")
            .findOne({.include = {{.model = &Child, .attributes = Attributes::exclude({"name"})}}});
    REQUIRE(parent);
    REQUIRE(parent->get("name") == Value("parent2"));
    REQUIRE(parent->related("Children").size() == 1);
    REQUIRE_THAT(parent->related("Children")[0].toJSON(), !Catch::Contains("\"name\""));
}

SEQUELIZE_CASE("model/scope/associations.test.js",
               "scope > associations > scope with options > should return correct object "
               "included foreign_key",
               "[scopes]") {
    auto db = sequelize::open();
    Model& Child =
        db->define("Child", {{"secret", DataTypes::STRING}},
                   {.scopes = {{"public", {.attributes = Attributes::exclude({"secret"})}}}});
    Model& Parent = db->define("Parent", {});
    Child.belongsTo(Parent);
    Parent.hasOne(Child);
    db->sync({.force = true});
    Child.create({{"secret", "super secret"}});
    auto user = Child.scope("public").findOne();
    REQUIRE(user);
    const std::string json = user->toJSON();
    REQUIRE_THAT(json, Catch::Contains("\"ParentId\""));
    REQUIRE_THAT(json, !Catch::Contains("\"secret\""));
}

SEQUELIZE_CASE("model/scope/associations.test.js",
               "scope > associations > scope with options > should return correct object "
               "included foreign_key with defaultScope",
               "[scopes]") {
    auto db = sequelize::open();
    Model& Child =
        db->define("Child", {{"secret", DataTypes::STRING}},
                   {.defaultScope = FindOptions{.attributes = Attributes::exclude({"secret"})}});
    Model& Parent = db->define("Parent", {});
    Child.belongsTo(Parent);
    db->sync({.force = true});
    Child.create({{"secret", "super secret"}});
    auto user = Child.findOne();
    REQUIRE(user);
    const std::string json = user->toJSON();
    REQUIRE_THAT(json, Catch::Contains("\"ParentId\""));
    REQUIRE_THAT(json, !Catch::Contains("\"secret\""));
}

SEQUELIZE_CASE("model/scope/associations.test.js",
               "scope > associations > scope with options > should not throw error", "[scopes]") {
    auto db = sequelize::open();
    Model& Clientfile = db->define("clientfile", {});
    Model& Mission = db->define("mission", {{"secret", DataTypes::STRING}});
    Model& Building = db->define("building", {});
    Clientfile.hasOne(Mission);
    Clientfile.hasOne(Building);
    db->sync({.force = true});
    REQUIRE_NOTHROW(Clientfile.findAll(
        {.include = {{.as = "mission", .where = {{"secret", "foo"}}}, {.as = "building"}}}));
    REQUIRE_NOTHROW(Clientfile.findAll(
        {.include = {{.model = &Mission, .where = {{"secret", "foo"}}}, {.model = &Building}}}));
}
