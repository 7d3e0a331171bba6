// test/integration/hooks/hooks.test.js
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
    Fixture() { db->sync({.force = true}); }
};

} // namespace

SEQUELIZE_CASE("hooks/hooks.test.js", "#define > beforeDefine hook can change model name",
               "[hooks]") {
    NOT_SUPPORTED("beforeDefine/afterDefine hooks");
}

SEQUELIZE_CASE("hooks/hooks.test.js", "#define > beforeDefine hook can alter options", "[hooks]") {
    NOT_SUPPORTED("beforeDefine/afterDefine hooks");
}

SEQUELIZE_CASE("hooks/hooks.test.js", "#define > beforeDefine hook can alter attributes",
               "[hooks]") {
    NOT_SUPPORTED("beforeDefine/afterDefine hooks");
}

SEQUELIZE_CASE("hooks/hooks.test.js", "#define > afterDefine hook can alter options", "[hooks]") {
    NOT_SUPPORTED("beforeDefine/afterDefine hooks");
}

SEQUELIZE_CASE("hooks/hooks.test.js", "#init > beforeInit hook can alter config", "[hooks]") {
    NOT_SUPPORTED("beforeInit/afterInit hooks");
}

SEQUELIZE_CASE("hooks/hooks.test.js", "#init > beforeInit hook can alter options", "[hooks]") {
    NOT_SUPPORTED("beforeInit/afterInit hooks");
}

SEQUELIZE_CASE("hooks/hooks.test.js", "#init > afterInit hook can alter options", "[hooks]") {
    NOT_SUPPORTED("beforeInit/afterInit hooks");
}

namespace {

// Defines User with a before and an after hook of one pair, each checking
// that it was handed an instance of User.
Model& definePair(Database& db, Hook before, Hook after, bool& beforeHooked, bool& afterHooked) {
    auto check = [](bool& flag) {
        return [&flag](HookEvent& e) {
            if (e.instance && e.instance->model().name() == "User") flag = true;
        };
    };
    Model& User =
        db.define("User", {{"username", DataTypes::STRING}},
                  {.hooks = {{before, check(beforeHooked)}, {after, check(afterHooked)}}});
    User.sync({.force = true});
    return User;
}

} // namespace

SEQUELIZE_CASE("hooks/hooks.test.js",
               "passing DAO instances > beforeValidate / afterValidate > should pass a DAO "
               "instance to the hook",
               "[hooks]") {
    auto db = sequelize::open();
    bool before = false, after = false;
    Model& User = definePair(*db, Hook::beforeValidate, Hook::afterValidate, before, after);
    User.create({{"username", "bob"}});
    REQUIRE(before);
    REQUIRE(after);
}

SEQUELIZE_CASE("hooks/hooks.test.js",
               "passing DAO instances > beforeCreate / afterCreate > should pass a DAO instance "
               "to the hook",
               "[hooks]") {
    auto db = sequelize::open();
    bool before = false, after = false;
    Model& User = definePair(*db, Hook::beforeCreate, Hook::afterCreate, before, after);
    User.create({{"username", "bob"}});
    REQUIRE(before);
    REQUIRE(after);
}

SEQUELIZE_CASE("hooks/hooks.test.js",
               "passing DAO instances > beforeDestroy / afterDestroy > should pass a DAO instance "
               "to the hook",
               "[hooks]") {
    auto db = sequelize::open();
    bool before = false, after = false;
    Model& User = definePair(*db, Hook::beforeDestroy, Hook::afterDestroy, before, after);
    Instance user = User.create({{"username", "bob"}});
    user.destroy();
    REQUIRE(before);
    REQUIRE(after);
}

SEQUELIZE_CASE("hooks/hooks.test.js",
               "passing DAO instances > beforeUpdate / afterUpdate > should pass a DAO instance "
               "to the hook",
               "[hooks]") {
    auto db = sequelize::open();
    bool before = false, after = false;
    Model& User = definePair(*db, Hook::beforeUpdate, Hook::afterUpdate, before, after);
    Instance user = User.create({{"username", "bob"}});
    user.set("username", "bawb");
    user.save({.fields = {"username"}});
    REQUIRE(before);
    REQUIRE(after);
}

SEQUELIZE_CASE("hooks/hooks.test.js", "Model#sync > on success > should run hooks", "[hooks]") {
    NOT_SUPPORTED("beforeSync/afterSync hooks");
}

SEQUELIZE_CASE(
    "hooks/hooks.test.js",
    "Model#sync > on success > should not run hooks when \"hooks = false\" option passed",
    "[hooks]") {
    NOT_SUPPORTED("beforeSync/afterSync hooks");
}

SEQUELIZE_CASE("hooks/hooks.test.js", "Model#sync > on error > should return an error from before",
               "[hooks]") {
    NOT_SUPPORTED("beforeSync/afterSync hooks");
}

SEQUELIZE_CASE("hooks/hooks.test.js", "Model#sync > on error > should return an error from after",
               "[hooks]") {
    NOT_SUPPORTED("beforeSync/afterSync hooks");
}

SEQUELIZE_CASE("hooks/hooks.test.js", "sequelize#sync > on success > should run hooks", "[hooks]") {
    NOT_SUPPORTED("beforeBulkSync/afterBulkSync hooks");
}

SEQUELIZE_CASE("hooks/hooks.test.js",
               "sequelize#sync > on success > should not run hooks if \"hooks = false\" option "
               "passed",
               "[hooks]") {
    NOT_SUPPORTED("beforeBulkSync/afterBulkSync hooks");
}

SEQUELIZE_CASE("hooks/hooks.test.js",
               "sequelize#sync > on error > should return an error from before", "[hooks]") {
    NOT_SUPPORTED("beforeBulkSync/afterBulkSync hooks");
}

SEQUELIZE_CASE("hooks/hooks.test.js",
               "sequelize#sync > on error > should return an error from after", "[hooks]") {
    NOT_SUPPORTED("beforeBulkSync/afterBulkSync hooks");
}

SEQUELIZE_CASE("hooks/hooks.test.js", "#removal > should be able to remove by name", "[hooks]") {
    Fixture f;
    int sasuke = 0, naruto = 0;
    f.User.addHook(Hook::beforeCreate, [&](HookEvent&) { ++sasuke; });
    f.User.addHook(Hook::beforeCreate, [&](HookEvent&) { ++naruto; });
    f.User.create({{"username", "makunouchi"}});
    REQUIRE(sasuke == 1);
    REQUIRE(naruto == 1);
    NOT_SUPPORTED("removeHook");
}

SEQUELIZE_CASE("hooks/hooks.test.js", "#removal > should be able to remove by reference",
               "[hooks]") {
    NOT_SUPPORTED("removeHook");
}

SEQUELIZE_CASE("hooks/hooks.test.js", "#removal > should be able to remove proxies", "[hooks]") {
    NOT_SUPPORTED("removeHook");
}

SEQUELIZE_CASE("hooks/hooks.test.js", "Sequelize hooks > should run before/afterPoolAcquire hooks",
               "[hooks]") {
    SKIP_ON_DIALECTS("sqlite");
    NOT_SUPPORTED("beforePoolAcquire/afterPoolAcquire hooks");
}
