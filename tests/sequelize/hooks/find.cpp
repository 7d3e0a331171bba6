// test/integration/hooks/find.test.js
#include "support.hpp"

using namespace tabula;

namespace {

struct Fixture {
    std::unique_ptr<tabula::Database> db = sequelize::open();
    Model& User = db->define("User", {{"username", {.type = DataTypes::STRING, .allowNull = false}},
                                      {"mood", DataTypes::ENUM({"happy", "sad", "neutral"})}});
    Fixture() {
        db->sync({.force = true});
        User.bulkCreate(
            {{{"username", "adam"}, {"mood", "happy"}}, {{"username", "joe"}, {"mood", "sad"}}});
    }
};

void requireOops(const std::function<void()>& call) {
    try {
        call();
    } catch (const std::exception& e) {
        REQUIRE(std::string(e.what()) == "Oops!");
    }
}

} // namespace

SEQUELIZE_CASE("hooks/find.test.js", "#find > allow changing attributes via beforeFind #5675",
               "[hooks]") {
    Fixture f;
    f.User.addHook(Hook::beforeFind, [](HookEvent& e) {
        e.find->attributes = Attributes::including({{Expr("id"), "my_id"}});
    });
    f.User.findAll({});
}

SEQUELIZE_CASE("hooks/find.test.js", "#find > on success > all hooks run", "[hooks]") {
    Fixture f;
    bool beforeHook = false, afterHook = false;
    f.User.addHook(Hook::beforeFind, [&](HookEvent&) { beforeHook = true; });
    f.User.addHook(Hook::afterFind, [&](HookEvent&) { afterHook = true; });
    auto user = f.User.findOne({.where = {{"username", "adam"}}});
    REQUIRE(user);
    REQUIRE(user->get("mood") == Value("happy"));
    REQUIRE(beforeHook);
    REQUIRE(afterHook);
    NOT_SUPPORTED("beforeFindAfterExpandIncludeAll/beforeFindAfterOptions hooks");
}

SEQUELIZE_CASE("hooks/find.test.js", "#find > on success > beforeFind hook can change options",
               "[hooks]") {
    Fixture f;
    f.User.addHook(Hook::beforeFind, [](HookEvent& e) { e.find->where = {{"username", "joe"}}; });
    auto user = f.User.findOne({.where = {{"username", "adam"}}});
    REQUIRE(user);
    REQUIRE(user->get("mood") == Value("sad"));
}

SEQUELIZE_CASE("hooks/find.test.js",
               "#find > on success > beforeFindAfterExpandIncludeAll hook can change options",
               "[hooks]") {
    NOT_SUPPORTED("beforeFindAfterExpandIncludeAll/beforeFindAfterOptions hooks");
}

SEQUELIZE_CASE("hooks/find.test.js",
               "#find > on success > beforeFindAfterOptions hook can change options", "[hooks]") {
    NOT_SUPPORTED("beforeFindAfterExpandIncludeAll/beforeFindAfterOptions hooks");
}

SEQUELIZE_CASE("hooks/find.test.js", "#find > on success > afterFind hook can change results",
               "[hooks]") {
    Fixture f;
    f.User.addHook(Hook::afterFind, [](HookEvent& e) {
        for (Instance& user : *e.instances)
            user.set("mood", "sad");
    });
    auto user = f.User.findOne({.where = {{"username", "adam"}}});
    REQUIRE(user);
    REQUIRE(user->get("mood") == Value("sad"));
}

SEQUELIZE_CASE("hooks/find.test.js", "#find > on error > in beforeFind hook returns error",
               "[hooks]") {
    Fixture f;
    f.User.addHook(Hook::beforeFind, [](HookEvent&) { throw std::runtime_error("Oops!"); });
    requireOops([&] { f.User.findOne({.where = {{"username", "adam"}}}); });
}

SEQUELIZE_CASE("hooks/find.test.js",
               "#find > on error > in beforeFindAfterExpandIncludeAll hook returns error",
               "[hooks]") {
    NOT_SUPPORTED("beforeFindAfterExpandIncludeAll/beforeFindAfterOptions hooks");
}

SEQUELIZE_CASE("hooks/find.test.js",
               "#find > on error > in beforeFindAfterOptions hook returns error", "[hooks]") {
    NOT_SUPPORTED("beforeFindAfterExpandIncludeAll/beforeFindAfterOptions hooks");
}

SEQUELIZE_CASE("hooks/find.test.js", "#find > on error > in afterFind hook returns error",
               "[hooks]") {
    Fixture f;
    f.User.addHook(Hook::afterFind, [](HookEvent&) { throw std::runtime_error("Oops!"); });
    requireOops([&] { f.User.findOne({.where = {{"username", "adam"}}}); });
}
