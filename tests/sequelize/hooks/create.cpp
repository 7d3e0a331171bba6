// test/integration/hooks/create.test.js
#include "support.hpp"

using namespace tabula;

namespace {

struct Fixture {
    std::unique_ptr<tabula::Database> db = sequelize::open();
    Model& User = db->define("User", {{"username", {.type = DataTypes::STRING, .allowNull = false}},
                                      {"mood", DataTypes::ENUM({"happy", "sad", "neutral"})}});
    Fixture() { db->sync({.force = true}); }
};

HookFunction counter(int& calls) {
    return [&calls](HookEvent&) { ++calls; };
}

} // namespace

SEQUELIZE_CASE("hooks/create.test.js", "#create > on success > should run hooks", "[hooks]") {
    Fixture f;
    int before = 0, after = 0, beforeSave = 0, afterSave = 0;
    f.User.addHook(Hook::beforeCreate, counter(before));
    f.User.addHook(Hook::afterCreate, counter(after));
    f.User.addHook(Hook::beforeSave, counter(beforeSave));
    f.User.addHook(Hook::afterSave, counter(afterSave));
    f.User.create({{"username", "Toni"}, {"mood", "happy"}});
    REQUIRE(before == 1);
    REQUIRE(after == 1);
    REQUIRE(beforeSave == 1);
    REQUIRE(afterSave == 1);
}

SEQUELIZE_CASE("hooks/create.test.js", "#create > on error > should return an error from before",
               "[hooks]") {
    Fixture f;
    int before = 0, after = 0, beforeSave = 0, afterSave = 0;
    f.User.addHook(Hook::beforeCreate, [&](HookEvent&) {
        ++before;
        throw std::runtime_error("Whoops!");
    });
    f.User.addHook(Hook::afterCreate, counter(after));
    f.User.addHook(Hook::beforeSave, counter(beforeSave));
    f.User.addHook(Hook::afterSave, counter(afterSave));
    REQUIRE_THROWS(f.User.create({{"username", "Toni"}, {"mood", "happy"}}));
    REQUIRE(before == 1);
    REQUIRE(after == 0);
    REQUIRE(beforeSave == 0);
    REQUIRE(afterSave == 0);
}

SEQUELIZE_CASE("hooks/create.test.js", "#create > on error > should return an error from after",
               "[hooks]") {
    Fixture f;
    int before = 0, after = 0, beforeSave = 0, afterSave = 0;
    f.User.addHook(Hook::beforeCreate, counter(before));
    f.User.addHook(Hook::afterCreate, [&](HookEvent&) {
        ++after;
        throw std::runtime_error("Whoops!");
    });
    f.User.addHook(Hook::beforeSave, counter(beforeSave));
    f.User.addHook(Hook::afterSave, counter(afterSave));
    REQUIRE_THROWS(f.User.create({{"username", "Toni"}, {"mood", "happy"}}));
    REQUIRE(before == 1);
    REQUIRE(after == 1);
    REQUIRE(beforeSave == 1);
    REQUIRE(afterSave == 0);
}

SEQUELIZE_CASE("hooks/create.test.js",
               "#create > should not trigger hooks on parent when using N:M association setters",
               "[hooks]") {
    Fixture f;
    Model& A = f.db->define("A", {{"name", DataTypes::STRING}});
    Model& B = f.db->define("B", {{"name", DataTypes::STRING}});
    int hookCalled = 0;
    A.addHook(Hook::afterCreate, counter(hookCalled));
    B.belongsToMany(A, {.through = "a_b"});
    A.belongsToMany(B, {.through = "a_b"});
    f.db->sync({.force = true});
    Instance a = A.create({{"name", "a"}});
    Instance b = B.create({{"name", "b"}});
    A.association("Bs").add(a, {b});
    REQUIRE(hookCalled == 1);
}

SEQUELIZE_CASE("hooks/create.test.js", "#create > preserves changes to instance > beforeValidate",
               "[hooks]") {
    Fixture f;
    int hookCalled = 0;
    f.User.addHook(Hook::beforeValidate, [&](HookEvent& e) {
        e.instance->set("mood", "happy");
        ++hookCalled;
    });
    Instance user = f.User.create({{"mood", "sad"}, {"username", "leafninja"}});
    REQUIRE(user.get("mood") == Value("happy"));
    REQUIRE(user.get("username") == Value("leafninja"));
    REQUIRE(hookCalled == 1);
}

SEQUELIZE_CASE("hooks/create.test.js", "#create > preserves changes to instance > afterValidate",
               "[hooks]") {
    Fixture f;
    int hookCalled = 0;
    f.User.addHook(Hook::afterValidate, [&](HookEvent& e) {
        e.instance->set("mood", "neutral");
        ++hookCalled;
    });
    Instance user = f.User.create({{"mood", "sad"}, {"username", "fireninja"}});
    REQUIRE(user.get("mood") == Value("neutral"));
    REQUIRE(user.get("username") == Value("fireninja"));
    REQUIRE(hookCalled == 1);
}

SEQUELIZE_CASE("hooks/create.test.js", "#create > preserves changes to instance > beforeCreate",
               "[hooks]") {
    Fixture f;
    int hookCalled = 0;
    f.User.addHook(Hook::beforeCreate, [&](HookEvent& e) {
        e.instance->set("mood", "happy");
        ++hookCalled;
    });
    Instance user = f.User.create({{"username", "akira"}});
    REQUIRE(user.get("mood") == Value("happy"));
    REQUIRE(user.get("username") == Value("akira"));
    REQUIRE(hookCalled == 1);
}

SEQUELIZE_CASE("hooks/create.test.js", "#create > preserves changes to instance > beforeSave",
               "[hooks]") {
    Fixture f;
    int hookCalled = 0;
    f.User.addHook(Hook::beforeSave, [&](HookEvent& e) {
        e.instance->set("mood", "happy");
        ++hookCalled;
    });
    Instance user = f.User.create({{"username", "akira"}});
    REQUIRE(user.get("mood") == Value("happy"));
    REQUIRE(user.get("username") == Value("akira"));
    REQUIRE(hookCalled == 1);
}

SEQUELIZE_CASE("hooks/create.test.js",
               "#create > preserves changes to instance > beforeSave with beforeCreate",
               "[hooks]") {
    Fixture f;
    int hookCalled = 0;
    f.User.addHook(Hook::beforeCreate, [&](HookEvent& e) {
        e.instance->set("mood", "sad");
        ++hookCalled;
    });
    f.User.addHook(Hook::beforeSave, [&](HookEvent& e) {
        e.instance->set("mood", "happy");
        ++hookCalled;
    });
    Instance user = f.User.create({{"username", "akira"}});
    REQUIRE(user.get("mood") == Value("happy"));
    REQUIRE(user.get("username") == Value("akira"));
    REQUIRE(hookCalled == 2);
    // The stored row holds what the hooks set.
    REQUIRE(f.User.findByPk(user.get("id"))->get("mood") == Value("happy"));
}
