// test/integration/hooks/validate.test.js
#include "support.hpp"

using namespace tabula;

namespace {

struct Fixture {
    std::unique_ptr<tabula::Database> db = sequelize::open();
    Model& User = db->define("User", {{"username", {.type = DataTypes::STRING, .allowNull = false}},
                                      {"mood", DataTypes::ENUM({"happy", "sad", "neutral"})}});
    Fixture() { db->sync({.force = true}); }
};

} // namespace

SEQUELIZE_CASE("hooks/validate.test.js", "#validate > #create > should return the user",
               "[hooks]") {
    Fixture f;
    f.User.addHook(Hook::beforeValidate, [](HookEvent& e) {
        e.instance->set("username", "Bob");
        e.instance->set("mood", "happy");
    });
    f.User.addHook(Hook::afterValidate, [](HookEvent& e) { e.instance->set("username", "Toni"); });
    Instance user = f.User.create({{"mood", "ecstatic"}});
    REQUIRE(user.get("mood") == Value("happy"));
    REQUIRE(user.get("username") == Value("Toni"));
}

SEQUELIZE_CASE("hooks/validate.test.js",
               "#validate > #3534, hooks modifications > fields modified in hooks are saved",
               "[hooks]") {
    Fixture f;
    f.User.addHook(Hook::afterValidate, [](HookEvent& e) {
        const Value name = e.instance->get("username");
        if (name.isNull() || name.asString().size() < 5) e.instance->set("username", "Samorost 3");
    });
    f.User.addHook(Hook::beforeValidate, [](HookEvent& e) {
        if (e.instance->get("mood").isNull()) e.instance->set("mood", "neutral");
    });
    Instance user = f.User.create({{"username", "T"}, {"mood", "neutral"}});
    REQUIRE(user.get("mood") == Value("neutral"));
    REQUIRE(user.get("username") == Value("Samorost 3"));

    user.set("mood", "sad");
    user.set("username", "Samorost Good One");
    user.save();
    REQUIRE(user.get("mood") == Value("sad"));
    REQUIRE(user.get("username") == Value("Samorost Good One"));

    user.set("username", "One");
    user.save();
    REQUIRE(user.get("mood") == Value("sad"));
    REQUIRE(user.get("username") == Value("Samorost 3"));

    auto fetched = f.User.findByPk(user.get("id"));
    REQUIRE(fetched);
    REQUIRE(fetched->get("mood") == Value("sad"));
    REQUIRE(fetched->get("username") == Value("Samorost 3"));

    fetched->set("mood", nullptr);
    fetched->set("username", "New Game is Needed");
    fetched->save();
    REQUIRE(fetched->get("mood") == Value("neutral"));
    REQUIRE(fetched->get("username") == Value("New Game is Needed"));

    auto again = f.User.findByPk(fetched->get("id"));
    REQUIRE(again);
    REQUIRE(again->get("mood") == Value("neutral"));
    REQUIRE(again->get("username") == Value("New Game is Needed"));

    again->set("username", "New");
    again->set("mood", "happy");
    again->save();
    REQUIRE(again->get("mood") == Value("happy"));
    REQUIRE(again->get("username") == Value("Samorost 3"));
}

SEQUELIZE_CASE("hooks/validate.test.js",
               "#validate > on error > should emit an error from after hook", "[hooks]") {
    Fixture f;
    f.User.addHook(Hook::afterValidate, [](HookEvent& e) {
        e.instance->set("mood", "ecstatic");
        throw std::runtime_error("Whoops! Changed user.mood!");
    });
    REQUIRE_THROWS_WITH(f.User.create({{"username", "Toni"}, {"mood", "happy"}}),
                        Catch::Contains("Whoops! Changed user.mood!"));
}

SEQUELIZE_CASE("hooks/validate.test.js", "#validate > on error > should call validationFailed hook",
               "[hooks]") {
    Fixture f;
    REQUIRE_THROWS(f.User.create({{"mood", "happy"}}));
    NOT_SUPPORTED("validationFailed hook");
}

SEQUELIZE_CASE("hooks/validate.test.js",
               "#validate > on error > should not replace the validation error in "
               "validationFailed hook by default",
               "[hooks]") {
    Fixture f;
    REQUIRE_THROWS_AS(f.User.create({{"mood", "happy"}}), ValidationError);
    NOT_SUPPORTED("validationFailed hook");
}

SEQUELIZE_CASE("hooks/validate.test.js",
               "#validate > on error > should replace the validation error if validationFailed "
               "hook creates a new error",
               "[hooks]") {
    NOT_SUPPORTED("validationFailed hook");
}
