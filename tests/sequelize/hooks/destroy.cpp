// test/integration/hooks/destroy.test.js
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

Model& defineParanoidUser(Database& db) {
    return db.define("ParanoidUser",
                     {{"username", DataTypes::STRING},
                      {"updatedBy", DataTypes::INTEGER},
                      {"virtualField",
                       {.type = DataTypes::VIRTUAL,
                        .get =
                            [](const Instance& u) {
                                const Value by = u.get("updatedBy");
                                return by.isNull() ? Value() : Value(by.asInt() - 1);
                            }}}},
                     {.paranoid = true, .hooks = {{Hook::beforeDestroy, [](HookEvent& e) {
                                                       e.instance->set("updatedBy", 1);
                                                   }}}});
}

} // namespace

SEQUELIZE_CASE("hooks/destroy.test.js", "#destroy > on success > should run hooks", "[hooks]") {
    Fixture f;
    int before = 0, after = 0;
    f.User.addHook(Hook::beforeDestroy, counter(before));
    f.User.addHook(Hook::afterDestroy, counter(after));
    Instance user = f.User.create({{"username", "Toni"}, {"mood", "happy"}});
    user.destroy();
    REQUIRE(before == 1);
    REQUIRE(after == 1);
}

SEQUELIZE_CASE("hooks/destroy.test.js", "#destroy > on error > should return an error from before",
               "[hooks]") {
    Fixture f;
    int before = 0, after = 0;
    f.User.addHook(Hook::beforeDestroy, [&](HookEvent&) {
        ++before;
        throw std::runtime_error("Whoops!");
    });
    f.User.addHook(Hook::afterDestroy, counter(after));
    Instance user = f.User.create({{"username", "Toni"}, {"mood", "happy"}});
    REQUIRE_THROWS(user.destroy());
    REQUIRE(before == 1);
    REQUIRE(after == 0);
}

SEQUELIZE_CASE("hooks/destroy.test.js", "#destroy > on error > should return an error from after",
               "[hooks]") {
    Fixture f;
    int before = 0, after = 0;
    f.User.addHook(Hook::beforeDestroy, counter(before));
    f.User.addHook(Hook::afterDestroy, [&](HookEvent&) {
        ++after;
        throw std::runtime_error("Whoops!");
    });
    Instance user = f.User.create({{"username", "Toni"}, {"mood", "happy"}});
    REQUIRE_THROWS(user.destroy());
    REQUIRE(before == 1);
    REQUIRE(after == 1);
}

SEQUELIZE_CASE("hooks/destroy.test.js",
               "#destroy > with paranoid mode enabled > sets other changed values when soft "
               "deleting and a beforeDestroy hooks kicks in",
               "[hooks]") {
    Fixture f;
    Model& ParanoidUser = defineParanoidUser(*f.db);
    ParanoidUser.sync({.force = true});
    Instance user = ParanoidUser.create({{"username", "user1"}});
    user.destroy();
    auto found = ParanoidUser.findOne({.paranoid = false});
    REQUIRE(found);
    REQUIRE(found->get("updatedBy") == Value(1));
}

SEQUELIZE_CASE("hooks/destroy.test.js",
               "#destroy > with paranoid mode enabled > should not throw error when a "
               "beforeDestroy hook changes a virtual column",
               "[hooks]") {
    Fixture f;
    Model& ParanoidUser = defineParanoidUser(*f.db);
    ParanoidUser.addHook(Hook::beforeDestroy,
                         [](HookEvent& e) { e.instance->set("virtualField", 2); });
    ParanoidUser.sync({.force = true});
    Instance user = ParanoidUser.create({{"username", "user1"}});
    user.destroy();
    auto found = ParanoidUser.findOne({.paranoid = false});
    REQUIRE(found);
    REQUIRE(found->get("virtualField") == Value(0));
}
