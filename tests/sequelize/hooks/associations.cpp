// test/integration/hooks/associations.test.js
#include "support.hpp"

using namespace tabula;

namespace {

struct Fixture {
    std::unique_ptr<tabula::Database> db = sequelize::open();
    Model& User = db->define("User", {{"username", {.type = DataTypes::STRING, .allowNull = false}},
                                      {"mood", DataTypes::ENUM({"happy", "sad", "neutral"})}});
    Model& ParanoidUser = db->define(
        "ParanoidUser",
        {{"username", DataTypes::STRING}, {"mood", DataTypes::ENUM({"happy", "sad", "neutral"})}},
        {.paranoid = true});
    Model& Projects = db->define("Project", {{"title", DataTypes::STRING}});
    Model& Tasks = db->define("Task", {{"title", DataTypes::STRING}});
    Fixture() { db->sync({.force = true}); }
    void syncAll() { db->sync({.force = true}); }
};

HookFunction flag(bool& set) {
    return [&set](HookEvent&) { set = true; };
}

HookFunction counter(int& calls) {
    return [&calls](HookEvent&) { ++calls; };
}

} // namespace

// Fails: hasOne's set() writes the foreign key with an UPDATE statement, so
// Task's beforeUpdate/afterUpdate hooks do not run.
SEQUELIZE_FAILING_CASE("hooks/associations.test.js",
                       "associations > 1:1 > cascade onUpdate > on success", "[hooks]") {
    Fixture f;
    f.Projects.hasOne(f.Tasks, {.onUpdate = "cascade"});
    f.Tasks.belongsTo(f.Projects);
    f.syncAll();
    bool beforeHook = false, afterHook = false;
    f.Tasks.addHook(Hook::beforeUpdate, flag(beforeHook));
    f.Tasks.addHook(Hook::afterUpdate, flag(afterHook));
    Instance project = f.Projects.create({{"title", "New Project"}});
    Instance task = f.Tasks.create({{"title", "New Task"}});
    f.Projects.association("Task").set(project, {task});
    project.update({{"id", 2}});
    REQUIRE(beforeHook);
    REQUIRE(afterHook);
}

SEQUELIZE_CASE("hooks/associations.test.js", "associations > 1:1 > cascade onUpdate > on error",
               "[hooks]") {
    Fixture f;
    f.Projects.hasOne(f.Tasks, {.onUpdate = "cascade"});
    f.Tasks.belongsTo(f.Projects);
    f.syncAll();
    f.Tasks.addHook(Hook::afterUpdate, [](HookEvent&) { throw std::runtime_error("Whoops!"); });
    Instance project = f.Projects.create({{"title", "New Project"}});
    Instance task = f.Tasks.create({{"title", "New Task"}});
    try {
        f.Projects.association("Task").set(project, {task});
    } catch (const std::exception&) {
        // Sequelize only requires that an error, if any, is an Error.
    }
}

SEQUELIZE_CASE("hooks/associations.test.js",
               "associations > 1:1 > cascade onDelete > #remove > with no errors", "[hooks]") {
    NOT_SUPPORTED("association hooks: true");
}

SEQUELIZE_CASE("hooks/associations.test.js",
               "associations > 1:1 > cascade onDelete > #remove > with errors", "[hooks]") {
    NOT_SUPPORTED("association hooks: true");
}

// Fails: hasOne's set() writes the foreign key with an UPDATE statement, so
// Task's beforeUpdate/afterUpdate hooks do not run.
SEQUELIZE_FAILING_CASE("hooks/associations.test.js",
                       "associations > 1:1 > no cascade update > on success", "[hooks]") {
    Fixture f;
    f.Projects.hasOne(f.Tasks);
    f.Tasks.belongsTo(f.Projects);
    f.syncAll();
    int before = 0, after = 0;
    f.Tasks.addHook(Hook::beforeUpdate, counter(before));
    f.Tasks.addHook(Hook::afterUpdate, counter(after));
    Instance project = f.Projects.create({{"title", "New Project"}});
    Instance task = f.Tasks.create({{"title", "New Task"}});
    f.Projects.association("Task").set(project, {task});
    project.update({{"id", 2}});
    REQUIRE(before == 1);
    REQUIRE(after == 1);
}

// Fails: hasOne's set() writes the foreign key with an UPDATE statement, so
// Task's beforeUpdate/afterUpdate hooks do not run.
SEQUELIZE_FAILING_CASE("hooks/associations.test.js",
                       "associations > 1:1 > no cascade update > on error", "[hooks]") {
    Fixture f;
    f.Projects.hasOne(f.Tasks);
    f.Tasks.belongsTo(f.Projects);
    f.syncAll();
    f.Tasks.addHook(Hook::afterUpdate, [](HookEvent&) { throw std::runtime_error("Whoops!"); });
    Instance project = f.Projects.create({{"title", "New Project"}});
    Instance task = f.Tasks.create({{"title", "New Task"}});
    REQUIRE_THROWS(f.Projects.association("Task").set(project, {task}));
}

SEQUELIZE_CASE("hooks/associations.test.js",
               "associations > 1:1 > no cascade delete > #remove > with no errors", "[hooks]") {
    Fixture f;
    f.Projects.hasMany(f.Tasks);
    f.Tasks.belongsTo(f.Projects);
    f.syncAll();
    int beforeProject = 0, afterProject = 0, beforeTask = 0, afterTask = 0;
    f.Projects.addHook(Hook::beforeCreate, counter(beforeProject));
    f.Projects.addHook(Hook::afterCreate, counter(afterProject));
    f.Tasks.addHook(Hook::beforeUpdate, counter(beforeTask));
    f.Tasks.addHook(Hook::afterUpdate, counter(afterTask));
    Instance project = f.Projects.create({{"title", "New Project"}});
    Instance task = f.Tasks.create({{"title", "New Task"}});
    f.Projects.association("Tasks").add(project, {task});
    f.Projects.association("Tasks").remove(project, {task});
    REQUIRE(beforeProject > 0);
    REQUIRE(afterProject > 0);
    REQUIRE(beforeTask == 0);
    REQUIRE(afterTask == 0);
}

namespace {

// The shape of the "with errors" cases without cascade: adding a task runs
// no instance hook of Task, and an error, if any, comes after the hooks.
void addWithThrowingUpdateHook(Fixture& f, const char* as) {
    int beforeProject = 0, afterProject = 0, beforeTask = 0, afterTask = 0;
    f.Projects.addHook(Hook::beforeCreate, counter(beforeProject));
    f.Projects.addHook(Hook::afterCreate, counter(afterProject));
    f.Tasks.addHook(Hook::beforeUpdate, [&](HookEvent&) {
        ++beforeTask;
        throw std::runtime_error("Whoops!");
    });
    f.Tasks.addHook(Hook::afterUpdate, counter(afterTask));
    Instance project = f.Projects.create({{"title", "New Project"}});
    Instance task = f.Tasks.create({{"title", "New Task"}});
    try {
        f.Projects.association(as).add(project, {task});
    } catch (const std::exception&) {
        REQUIRE(beforeProject == 1);
        REQUIRE(afterProject == 1);
        REQUIRE(beforeTask == 1);
        REQUIRE(afterTask == 0);
    }
}

} // namespace

SEQUELIZE_CASE("hooks/associations.test.js",
               "associations > 1:1 > no cascade delete > #remove > with errors", "[hooks]") {
    Fixture f;
    f.Projects.hasMany(f.Tasks);
    f.Tasks.belongsTo(f.Projects);
    f.syncAll();
    addWithThrowingUpdateHook(f, "Tasks");
}

SEQUELIZE_CASE("hooks/associations.test.js",
               "associations > 1:M > cascade > #remove > with no errors", "[hooks]") {
    NOT_SUPPORTED("association hooks: true");
}

SEQUELIZE_CASE("hooks/associations.test.js", "associations > 1:M > cascade > #remove > with errors",
               "[hooks]") {
    NOT_SUPPORTED("association hooks: true");
}

SEQUELIZE_CASE("hooks/associations.test.js",
               "associations > 1:M > no cascade > #remove > with no errors", "[hooks]") {
    Fixture f;
    f.Projects.hasMany(f.Tasks);
    f.Tasks.belongsTo(f.Projects);
    f.syncAll();
    int beforeProject = 0, afterProject = 0, beforeTask = 0, afterTask = 0;
    f.Projects.addHook(Hook::beforeCreate, counter(beforeProject));
    f.Projects.addHook(Hook::afterCreate, counter(afterProject));
    f.Tasks.addHook(Hook::beforeUpdate, counter(beforeTask));
    f.Tasks.addHook(Hook::afterUpdate, counter(afterTask));
    Instance project = f.Projects.create({{"title", "New Project"}});
    Instance task = f.Tasks.create({{"title", "New Task"}});
    f.Projects.association("Tasks").add(project, {task});
    f.Projects.association("Tasks").remove(project, {task});
    REQUIRE(beforeProject > 0);
    REQUIRE(afterProject > 0);
    REQUIRE(beforeTask == 0);
    REQUIRE(afterTask == 0);
}

SEQUELIZE_CASE("hooks/associations.test.js",
               "associations > 1:M > no cascade > #remove > with errors", "[hooks]") {
    Fixture f;
    f.Projects.hasMany(f.Tasks);
    f.Tasks.belongsTo(f.Projects);
    f.syncAll();
    addWithThrowingUpdateHook(f, "Tasks");
}

SEQUELIZE_CASE("hooks/associations.test.js",
               "associations > M:M > cascade > #remove > with no errors", "[hooks]") {
    Fixture f;
    f.Projects.belongsToMany(f.Tasks, {.through = "projects_and_tasks"});
    f.Tasks.belongsToMany(f.Projects, {.through = "projects_and_tasks"});
    f.syncAll();
    int beforeProject = 0, afterProject = 0, beforeTask = 0, afterTask = 0;
    f.Projects.addHook(Hook::beforeCreate, counter(beforeProject));
    f.Projects.addHook(Hook::afterCreate, counter(afterProject));
    f.Tasks.addHook(Hook::beforeDestroy, counter(beforeTask));
    f.Tasks.addHook(Hook::afterDestroy, counter(afterTask));
    Instance project = f.Projects.create({{"title", "New Project"}});
    Instance task = f.Tasks.create({{"title", "New Task"}});
    f.Projects.association("Tasks").add(project, {task});
    project.destroy();
    REQUIRE(beforeProject == 1);
    REQUIRE(afterProject == 1);
    // M:M does not cascade to the other side's instances.
    REQUIRE(beforeTask == 0);
    REQUIRE(afterTask == 0);
}

SEQUELIZE_CASE("hooks/associations.test.js", "associations > M:M > cascade > #remove > with errors",
               "[hooks]") {
    Fixture f;
    f.Projects.belongsToMany(f.Tasks, {.through = "projects_and_tasks"});
    f.Tasks.belongsToMany(f.Projects, {.through = "projects_and_tasks"});
    f.syncAll();
    bool beforeProject = false, afterProject = false, beforeTask = false, afterTask = false;
    f.Projects.addHook(Hook::beforeCreate, flag(beforeProject));
    f.Projects.addHook(Hook::afterCreate, flag(afterProject));
    f.Tasks.addHook(Hook::beforeDestroy, [&](HookEvent&) {
        beforeTask = true;
        throw std::runtime_error("Whoops!");
    });
    f.Tasks.addHook(Hook::afterDestroy, flag(afterTask));
    Instance project = f.Projects.create({{"title", "New Project"}});
    Instance task = f.Tasks.create({{"title", "New Task"}});
    f.Projects.association("Tasks").add(project, {task});
    project.destroy();
    REQUIRE(beforeProject);
    REQUIRE(afterProject);
    REQUIRE_FALSE(beforeTask);
    REQUIRE_FALSE(afterTask);
}

SEQUELIZE_CASE("hooks/associations.test.js",
               "associations > M:M > no cascade > #remove > with no errors", "[hooks]") {
    Fixture f;
    f.Projects.belongsToMany(f.Tasks, {.through = "project_tasks"});
    f.Tasks.belongsToMany(f.Projects, {.through = "project_tasks"});
    f.syncAll();
    int beforeProject = 0, afterProject = 0, beforeTask = 0, afterTask = 0;
    f.Projects.addHook(Hook::beforeCreate, counter(beforeProject));
    f.Projects.addHook(Hook::afterCreate, counter(afterProject));
    f.Tasks.addHook(Hook::beforeUpdate, counter(beforeTask));
    f.Tasks.addHook(Hook::afterUpdate, counter(afterTask));
    Instance project = f.Projects.create({{"title", "New Project"}});
    Instance task = f.Tasks.create({{"title", "New Task"}});
    f.Projects.association("Tasks").add(project, {task});
    f.Projects.association("Tasks").remove(project, {task});
    REQUIRE(beforeProject == 1);
    REQUIRE(afterProject == 1);
    REQUIRE(beforeTask == 0);
    REQUIRE(afterTask == 0);
}

SEQUELIZE_CASE("hooks/associations.test.js",
               "associations > M:M > no cascade > #remove > with errors", "[hooks]") {
    Fixture f;
    f.Projects.belongsToMany(f.Tasks, {.through = "project_tasks"});
    f.Tasks.belongsToMany(f.Projects, {.through = "project_tasks"});
    f.syncAll();
    bool beforeProject = false, afterProject = false, beforeTask = false, afterTask = false;
    f.Projects.addHook(Hook::beforeCreate, flag(beforeProject));
    f.Projects.addHook(Hook::afterCreate, flag(afterProject));
    f.Tasks.addHook(Hook::beforeUpdate, [&](HookEvent&) {
        beforeTask = true;
        throw std::runtime_error("Whoops!");
    });
    f.Tasks.addHook(Hook::afterUpdate, flag(afterTask));
    Instance project = f.Projects.create({{"title", "New Project"}});
    Instance task = f.Tasks.create({{"title", "New Task"}});
    f.Projects.association("Tasks").add(project, {task});
    REQUIRE(beforeProject);
    REQUIRE(afterProject);
    REQUIRE_FALSE(beforeTask);
    REQUIRE_FALSE(afterTask);
}

SEQUELIZE_CASE("hooks/associations.test.js",
               "associations > multiple 1:M > cascade > #remove > with no errors", "[hooks]") {
    SKIP_ON_DIALECTS("mssql");
    NOT_SUPPORTED("association hooks: true");
}

SEQUELIZE_CASE("hooks/associations.test.js",
               "associations > multiple 1:M > cascade > #remove > with errors", "[hooks]") {
    SKIP_ON_DIALECTS("mssql");
    NOT_SUPPORTED("association hooks: true");
}

SEQUELIZE_CASE("hooks/associations.test.js",
               "associations > multiple 1:M sequential hooks > cascade > #remove > with no errors",
               "[hooks]") {
    SKIP_ON_DIALECTS("mssql");
    NOT_SUPPORTED("association hooks: true");
}

SEQUELIZE_CASE("hooks/associations.test.js",
               "associations > multiple 1:M sequential hooks > cascade > #remove > with errors",
               "[hooks]") {
    SKIP_ON_DIALECTS("mssql");
    NOT_SUPPORTED("association hooks: true");
}
