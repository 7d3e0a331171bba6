// test/integration/hooks/bulkOperation.test.js
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

HookFunction counter(int& calls) {
    return [&calls](HookEvent&) { ++calls; };
}

HookFunction thrower() {
    return [](HookEvent&) { throw std::runtime_error("Whoops!"); };
}

const std::vector<Values> cheechAndChong = {{{"username", "Cheech"}, {"mood", "sad"}},
                                            {{"username", "Chong"}, {"mood", "sad"}}};

} // namespace

SEQUELIZE_CASE("hooks/bulkOperation.test.js", "#bulkCreate > on success > should run hooks",
               "[hooks]") {
    Fixture f;
    int before = 0, after = 0;
    f.User.addHook(Hook::beforeBulkCreate, counter(before));
    f.User.addHook(Hook::afterBulkCreate, counter(after));
    f.User.bulkCreate(cheechAndChong);
    REQUIRE(before == 1);
    REQUIRE(after == 1);
}

SEQUELIZE_CASE("hooks/bulkOperation.test.js",
               "#bulkCreate > on error > should return an error from before", "[hooks]") {
    Fixture f;
    f.User.addHook(Hook::beforeBulkCreate, thrower());
    REQUIRE_THROWS(f.User.bulkCreate(cheechAndChong));
}

SEQUELIZE_CASE("hooks/bulkOperation.test.js",
               "#bulkCreate > on error > should return an error from after", "[hooks]") {
    Fixture f;
    f.User.addHook(Hook::afterBulkCreate, thrower());
    REQUIRE_THROWS(f.User.bulkCreate(cheechAndChong));
}

SEQUELIZE_CASE("hooks/bulkOperation.test.js",
               "#bulkCreate > with the {individualHooks: true} option > should run the "
               "afterCreate/beforeCreate functions for each item created successfully",
               "[hooks]") {
    NOT_SUPPORTED("individualHooks");
}

SEQUELIZE_CASE("hooks/bulkOperation.test.js",
               "#bulkCreate > with the {individualHooks: true} option > should run the "
               "afterCreate/beforeCreate functions for each item created with an error",
               "[hooks]") {
    NOT_SUPPORTED("individualHooks");
}

SEQUELIZE_CASE("hooks/bulkOperation.test.js", "#bulkUpdate > on success > should run hooks",
               "[hooks]") {
    Fixture f;
    int before = 0, after = 0;
    f.User.addHook(Hook::beforeBulkUpdate, counter(before));
    f.User.addHook(Hook::afterBulkUpdate, counter(after));
    f.User.bulkCreate(cheechAndChong);
    f.User.update({{"mood", "happy"}}, {.where = {{"mood", "sad"}}});
    REQUIRE(before == 1);
    REQUIRE(after == 1);
}

SEQUELIZE_CASE("hooks/bulkOperation.test.js",
               "#bulkUpdate > on error > should return an error from before", "[hooks]") {
    Fixture f;
    f.User.addHook(Hook::beforeBulkUpdate, thrower());
    f.User.bulkCreate(cheechAndChong);
    REQUIRE_THROWS(f.User.update({{"mood", "happy"}}, {.where = {{"mood", "sad"}}}));
}

SEQUELIZE_CASE("hooks/bulkOperation.test.js",
               "#bulkUpdate > on error > should return an error from after", "[hooks]") {
    Fixture f;
    f.User.addHook(Hook::afterBulkUpdate, thrower());
    f.User.bulkCreate(cheechAndChong);
    REQUIRE_THROWS(f.User.update({{"mood", "happy"}}, {.where = {{"mood", "sad"}}}));
}

SEQUELIZE_CASE("hooks/bulkOperation.test.js",
               "#bulkUpdate > with the {individualHooks: true} option > should run the "
               "after/before functions for each item created successfully",
               "[hooks]") {
    NOT_SUPPORTED("individualHooks");
}

SEQUELIZE_CASE("hooks/bulkOperation.test.js",
               "#bulkUpdate > with the {individualHooks: true} option > should run the "
               "after/before functions for each item created successfully changing some data "
               "before updating",
               "[hooks]") {
    NOT_SUPPORTED("individualHooks");
}

SEQUELIZE_CASE("hooks/bulkOperation.test.js",
               "#bulkUpdate > with the {individualHooks: true} option > should run the "
               "after/before functions for each item created with an error",
               "[hooks]") {
    NOT_SUPPORTED("individualHooks");
}

SEQUELIZE_CASE("hooks/bulkOperation.test.js", "#bulkDestroy > on success > should run hooks",
               "[hooks]") {
    Fixture f;
    int before = 0, after = 0;
    f.User.addHook(Hook::beforeBulkDestroy, counter(before));
    f.User.addHook(Hook::afterBulkDestroy, counter(after));
    f.User.destroy({.where = {{"username", "Cheech"}, {"mood", "sad"}}});
    REQUIRE(before == 1);
    REQUIRE(after == 1);
}

SEQUELIZE_CASE("hooks/bulkOperation.test.js",
               "#bulkDestroy > on error > should return an error from before", "[hooks]") {
    Fixture f;
    f.User.addHook(Hook::beforeBulkDestroy, thrower());
    REQUIRE_THROWS(f.User.destroy({.where = {{"username", "Cheech"}, {"mood", "sad"}}}));
}

SEQUELIZE_CASE("hooks/bulkOperation.test.js",
               "#bulkDestroy > on error > should return an error from after", "[hooks]") {
    Fixture f;
    f.User.addHook(Hook::afterBulkDestroy, thrower());
    REQUIRE_THROWS(f.User.destroy({.where = {{"username", "Cheech"}, {"mood", "sad"}}}));
}

SEQUELIZE_CASE("hooks/bulkOperation.test.js",
               "#bulkDestroy > with the {individualHooks: true} option > should run the "
               "after/before functions for each item created successfully",
               "[hooks]") {
    NOT_SUPPORTED("individualHooks");
}

SEQUELIZE_CASE("hooks/bulkOperation.test.js",
               "#bulkDestroy > with the {individualHooks: true} option > should run the "
               "after/before functions for each item created with an error",
               "[hooks]") {
    NOT_SUPPORTED("individualHooks");
}

SEQUELIZE_CASE("hooks/bulkOperation.test.js", "#bulkRestore > on success > should run hooks",
               "[hooks]") {
    Fixture f;
    f.ParanoidUser.bulkCreate(
        {{{"username", "adam"}, {"mood", "happy"}}, {{"username", "joe"}, {"mood", "sad"}}});
    f.ParanoidUser.destroy({.truncate = true});
    NOT_SUPPORTED("beforeBulkRestore/afterBulkRestore hooks");
}

SEQUELIZE_CASE("hooks/bulkOperation.test.js",
               "#bulkRestore > on error > should return an error from before", "[hooks]") {
    NOT_SUPPORTED("beforeBulkRestore/afterBulkRestore hooks");
}

SEQUELIZE_CASE("hooks/bulkOperation.test.js",
               "#bulkRestore > on error > should return an error from after", "[hooks]") {
    NOT_SUPPORTED("beforeBulkRestore/afterBulkRestore hooks");
}

SEQUELIZE_CASE("hooks/bulkOperation.test.js",
               "#bulkRestore > with the {individualHooks: true} option > should run the "
               "after/before functions for each item restored successfully",
               "[hooks]") {
    NOT_SUPPORTED("individualHooks");
}

SEQUELIZE_CASE("hooks/bulkOperation.test.js",
               "#bulkRestore > with the {individualHooks: true} option > should run the "
               "after/before functions for each item restored with an error",
               "[hooks]") {
    NOT_SUPPORTED("individualHooks");
}
