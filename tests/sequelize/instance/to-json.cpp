// test/integration/instance/to-json.test.js
#include "support.hpp"

#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>

#include <sstream>
#include <string>

using namespace tabula;

namespace {

// JSON text with its keys in one order, so that two texts compare as
// JSON.parse'd objects do (deep.equal).
std::string normalized(const std::string& json) {
    Poco::JSON::Parser parser;
    auto object = parser.parse(json).extract<Poco::JSON::Object::Ptr>();
    std::ostringstream out;
    object->stringify(out);
    return out.str();
}

struct Fixture {
    std::unique_ptr<Database> db = sequelize::open();
    Model& User = db->define("User",
                             {{"username", {.type = DataTypes::STRING}},
                              {"age", DataTypes::INTEGER},
                              {"level", {.type = DataTypes::INTEGER}},
                              {"isUser", {.type = DataTypes::BOOLEAN, .defaultValue = false}},
                              {"isAdmin", {.type = DataTypes::BOOLEAN}}},
                             {.timestamps = false});
    Model& Project =
        db->define("NiceProject", {{"title", DataTypes::STRING}}, {.timestamps = false});
    Fixture() {
        User.hasMany(Project, {.as = "Projects", .foreignKey = "lovelyUserId"});
        Project.belongsTo(User, {.as = "LovelyUser", .foreignKey = "lovelyUserId"});
        User.sync({.force = true});
        Project.sync({.force = true});
    }
    std::string id(const Instance& i) const { return i.get("id").asString(); }
};

} // namespace

SEQUELIZE_CASE("instance/to-json.test.js", "toJSON > doesn't return instance that isn't defined",
               "[instance][toJSON]") {
    Fixture f;
    Instance project0 = f.Project.create({{"lovelyUserId", nullptr}});
    auto project = f.Project.findOne({.where = {{"id", project0.get("id")}},
                                      .include = {{.model = &f.User, .as = "LovelyUser"}}});
    REQUIRE(project);
    auto json = project->toJSONObject();
    REQUIRE(json.has("LovelyUser"));
    REQUIRE(json.isNull("LovelyUser"));
}

SEQUELIZE_CASE("instance/to-json.test.js", "toJSON > doesn't return instances that aren't defined",
               "[instance][toJSON]") {
    Fixture f;
    Instance user0 = f.User.create({{"username", "cuss"}});
    auto user = f.User.findOne(
        {.where = {{"id", user0.get("id")}}, .include = {{.model = &f.Project, .as = "Projects"}}});
    REQUIRE(user);
    REQUIRE(user->hasRelated("Projects"));
    REQUIRE(user->related("Projects").size() == 0);
}

SEQUELIZE_CASE("instance/to-json.test.js",
               "toJSON > build > returns an object containing all values", "[instance][toJSON]") {
    Fixture f;
    Instance user = f.User.build(
        {{"username", "Adam"}, {"age", 22}, {"level", -1}, {"isUser", false}, {"isAdmin", true}});
    REQUIRE(normalized(user.toJSON()) ==
            normalized(R"({"id":null,"username":"Adam","age":22,"level":-1,"isUser":false,)"
                       R"("isAdmin":true})"));
}

// Fails: toJSON of a built instance lists every attribute, level (never
// set) included as null, where Sequelize lists only the values it holds.
SEQUELIZE_FAILING_CASE("instance/to-json.test.js",
                       "toJSON > build > returns a response that can be stringified",
                       "[instance][toJSON]") {
    // Differs: keys follow the attributes' order, not the order the values
    // were given in, so the texts are compared as parsed objects.
    Fixture f;
    Instance user = f.User.build(
        {{"username", "test.user"}, {"age", 99}, {"isAdmin", true}, {"isUser", false}});
    REQUIRE(normalized(user.toJSON()) ==
            normalized(R"({"id":null,"username":"test.user","age":99,"isAdmin":true,)"
                       R"("isUser":false})"));
}

// Fails: toJSON of a built instance lists every attribute, level (never
// set) included as null, where Sequelize lists only the values it holds.
SEQUELIZE_FAILING_CASE(
    "instance/to-json.test.js",
    "toJSON > build > returns a response that can be stringified and then parsed",
    "[instance][toJSON]") {
    Fixture f;
    Instance user = f.User.build({{"username", "test.user"}, {"age", 99}, {"isAdmin", true}});
    REQUIRE(normalized(user.toJSON()) ==
            normalized(R"({"username":"test.user","age":99,"isAdmin":true,"isUser":false,)"
                       R"("id":null})"));
}

SEQUELIZE_CASE("instance/to-json.test.js",
               "toJSON > create > returns an object containing all values", "[instance][toJSON]") {
    Fixture f;
    Instance user = f.User.create(
        {{"username", "Adam"}, {"age", 22}, {"level", -1}, {"isUser", false}, {"isAdmin", true}});
    REQUIRE(normalized(user.toJSON()) ==
            normalized(R"({"id":)" + f.id(user) +
                       R"(,"username":"Adam","age":22,"isUser":false,"isAdmin":true,"level":-1})"));
}

SEQUELIZE_CASE("instance/to-json.test.js",
               "toJSON > create > returns a response that can be stringified",
               "[instance][toJSON]") {
    // Differs: keys follow the attributes' order, not the order the values
    // were given in, so the texts are compared as parsed objects.
    Fixture f;
    Instance user = f.User.create({{"username", "test.user"},
                                   {"age", 99},
                                   {"isAdmin", true},
                                   {"isUser", false},
                                   {"level", nullptr}});
    REQUIRE(normalized(user.toJSON()) ==
            normalized(R"({"id":)" + f.id(user) +
                       R"(,"username":"test.user","age":99,"isAdmin":true,"isUser":false,)"
                       R"("level":null})"));
}

SEQUELIZE_CASE("instance/to-json.test.js",
               "toJSON > create > returns a response that can be stringified and then parsed",
               "[instance][toJSON]") {
    Fixture f;
    Instance user = f.User.create(
        {{"username", "test.user"}, {"age", 99}, {"isAdmin", true}, {"level", nullptr}});
    REQUIRE(normalized(user.toJSON()) ==
            normalized(R"({"age":99,"id":)" + f.id(user) +
                       R"(,"isAdmin":true,"isUser":false,"level":null,"username":"test.user"})"));
}

SEQUELIZE_CASE("instance/to-json.test.js",
               "toJSON > find > returns an object containing all values", "[instance][toJSON]") {
    Fixture f;
    Instance user0 = f.User.create(
        {{"username", "Adam"}, {"age", 22}, {"level", -1}, {"isUser", false}, {"isAdmin", true}});
    auto user = f.User.findByPk(user0.get("id"));
    REQUIRE(user);
    REQUIRE(normalized(user->toJSON()) ==
            normalized(R"({"id":)" + f.id(*user) +
                       R"(,"username":"Adam","age":22,"level":-1,"isUser":false,"isAdmin":true})"));
}

SEQUELIZE_CASE("instance/to-json.test.js",
               "toJSON > find > returns a response that can be stringified", "[instance][toJSON]") {
    Fixture f;
    Instance user0 = f.User.create(
        {{"username", "test.user"}, {"age", 99}, {"isAdmin", true}, {"isUser", false}});
    auto user = f.User.findByPk(user0.get("id"));
    REQUIRE(user);
    REQUIRE(user->toJSON() == R"({"id":)" + f.id(*user) +
                                  R"(,"username":"test.user","age":99,"level":null,"isUser":false,)"
                                  R"("isAdmin":true})");
}

SEQUELIZE_CASE("instance/to-json.test.js",
               "toJSON > find > returns a response that can be stringified and then parsed",
               "[instance][toJSON]") {
    Fixture f;
    Instance user0 = f.User.create({{"username", "test.user"}, {"age", 99}, {"isAdmin", true}});
    auto user = f.User.findByPk(user0.get("id"));
    REQUIRE(user);
    REQUIRE(normalized(user->toJSON()) ==
            normalized(R"({"id":)" + f.id(*user) +
                       R"(,"username":"test.user","age":99,"isAdmin":true,"isUser":false,)"
                       R"("level":null})"));
}

SEQUELIZE_CASE("instance/to-json.test.js", "toJSON > includes the eagerly loaded associations",
               "[instance][toJSON]") {
    Fixture f;
    Instance user = f.User.create({{"username", "fnord"}, {"age", 1}, {"isAdmin", true}});
    Instance project = f.Project.create({{"title", "fnord"}});
    f.User.association("Projects").set(user, {project});
    auto users = f.User.findAll({.include = {{.model = &f.Project, .as = "Projects"}}});
    REQUIRE(!users.empty());
    REQUIRE(users[0].hasRelated("Projects"));
    REQUIRE(users[0].toJSONObject().has("Projects"));
    auto projects = f.Project.findAll({.include = {{.model = &f.User, .as = "LovelyUser"}}});
    REQUIRE(!projects.empty());
    REQUIRE(projects[0].related("LovelyUser").size() == 1);
    REQUIRE(projects[0].toJSONObject().has("LovelyUser"));
    REQUIRE(!projects[0].toJSONObject().isNull("LovelyUser"));
}
