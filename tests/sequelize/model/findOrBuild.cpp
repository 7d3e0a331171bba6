// test/integration/model/findOrBuild.test.js
#include "introspect.hpp"

using namespace tabula;

SEQUELIZE_CASE("model/findOrBuild.test.js", "findOrBuild > initialize with includes",
               "[findOrBuild]") {
    auto db = sequelize::open();
    Model& User =
        db->define("User", {{"username", DataTypes::STRING}, {"age", DataTypes::INTEGER}});
    Model& Project = db->define("Project", {{"name", DataTypes::STRING}});
    User.hasMany(Project);
    Project.belongsTo(User);
    db->sync({.force = true});
    auto users = User.bulkCreate(
        {{{"username", "Mello"}, {"age", 10}}, {{"username", "Mello"}, {"age", 20}}},
        {.returning = true});
    REQUIRE(users.size() == 2);
    Instance project = Project.create({{"name", "Investigate"}});
    User.association("Projects").set(users[1], {project});
    NOT_SUPPORTED("Model.findOrBuild");
}
