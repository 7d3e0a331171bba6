// test/integration/associations/alias.test.js
#include "associations/common.hpp"

using namespace tabula;

namespace {

// user hasMany task as `plural`, task belongsTo user as `single`.
void aliasCase(const std::string& plural, const std::string& single) {
    auto db = sequelize::open();
    Model& User = db->define("user", {});
    Model& Task = db->define("task", {});
    User.hasMany(Task, {.as = plural, .foreignKey = "userId"});
    Task.belongsTo(User, {.as = single, .foreignKey = "userId"});
    db->sync({.force = true});
    User.create({{"id", 1}});
    REQUIRE(User.association(plural).as() == plural);
    Task.create({{"id", 1}, {"userId", 1}});
    REQUIRE(Task.association(single).as() == single);
    auto user = User.findOne({.where = {{"id", 1}}, .include = {{.model = &Task, .as = plural}}});
    auto task = Task.findOne({.where = {{"id", 1}}, .include = {{.model = &User, .as = single}}});
    REQUIRE(user);
    REQUIRE(task);
    REQUIRE(user->hasRelated(plural));
    REQUIRE(user->related(plural).size() == 1);
    REQUIRE(task->hasRelated(single));
    REQUIRE(task->related(single).size() == 1);
}

} // namespace

SEQUELIZE_CASE("associations/alias.test.js",
               "should uppercase the first letter in alias getter, but not in eager loading",
               "[alias]") {
    aliasCase("assignments", "owner");
}

SEQUELIZE_CASE("associations/alias.test.js", "shouldnt touch the passed alias", "[alias]") {
    aliasCase("ASSIGNMENTS", "OWNER");
}

SEQUELIZE_CASE("associations/alias.test.js",
               "should allow me to pass my own plural and singular forms to hasMany", "[alias]") {
    auto db = sequelize::open();
    Model& User = db->define("user", {});
    Model& Task = db->define("task", {});
    // The plural form alone names the association.
    User.hasMany(Task, {.as = "taskz"});
    db->sync({.force = true});
    User.create({{"id", 1}});
    auto user = User.findOne({.where = {{"id", 1}}, .include = {{.model = &Task, .as = "taskz"}}});
    REQUIRE(user);
    REQUIRE(user->hasRelated("taskz"));
    NOT_SUPPORTED("as: {singular, plural}");
}

SEQUELIZE_CASE("associations/alias.test.js",
               "should allow me to define plural and singular forms on the model", "[alias]") {
    NOT_SUPPORTED("model option name: {singular, plural}");
}
