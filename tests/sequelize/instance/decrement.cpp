// test/integration/instance/decrement.test.js
#include "support.hpp"

#include <chrono>
#include <string>
#include <thread>

using namespace tabula;

namespace {

struct Fixture {
    std::unique_ptr<Database> db = sequelize::open();
    // UUIDV1 has no spelling in Tabula; no case here reads uuidv1.
    Model& User = db->define(
        "User",
        {{"username", {.type = DataTypes::STRING}},
         {"uuidv1", DataTypes::UUID},
         {"uuidv4", {.type = DataTypes::UUID, .defaultValue = DataTypes::UUIDV4}},
         {"touchedAt", {.type = DataTypes::DATE, .defaultValue = DataTypes::NOW}},
         {"aNumber", {.type = DataTypes::INTEGER}},
         {"bNumber", {.type = DataTypes::INTEGER}},
         {"aDate", {.type = DataTypes::DATE}},
         {"validateTest",
          {.type = DataTypes::INTEGER, .allowNull = true, .validate = {.isInt = true}}},
         {"validateCustom",
          {.type = DataTypes::STRING, .allowNull = true, .validate = {.len = Length{1, 20}}}},
         {"dateAllowNullTrue", {.type = DataTypes::DATE, .allowNull = true}},
         {"isSuperUser", {.type = DataTypes::BOOLEAN, .defaultValue = false}}});
    Fixture() {
        User.sync({.force = true});
        User.create({{"id", 1}, {"aNumber", 0}, {"bNumber", 0}});
    }
    Instance user1() const {
        auto user = User.findByPk(1);
        REQUIRE(user);
        return *user;
    }
    std::int64_t number(const char* attribute) const { return user1().get(attribute).asInt(); }
};

} // namespace

SEQUELIZE_CASE("instance/decrement.test.js", "decrement > supports transactions",
               "[instance][decrement]") {
    auto db = sequelize::open();
    Model& User = db->define("User", {{"number", DataTypes::INTEGER}});
    User.sync({.force = true});
    Instance user = User.create({{"number", 3}});
    Transaction t = db->transaction();
    user.decrement("number", 2, &t);
    auto users1 = User.findAll();
    auto users2 = User.findAll({.transaction = &t});
    REQUIRE(users1.at(0).get("number").asInt() == 3);
    REQUIRE(users2.at(0).get("number").asInt() == 1);
    t.rollback();
}

SEQUELIZE_CASE("instance/decrement.test.js", "decrement > supports returning",
               "[instance][decrement]") {
    ONLY_ON_DIALECTS("postgres");
    Fixture f;
    Instance user1 = f.user1();
    user1.decrement("aNumber", 2);
    REQUIRE(user1.get("aNumber").asInt() == -2);
    NOT_SUPPORTED("options.returning");
}

SEQUELIZE_CASE("instance/decrement.test.js", "decrement > with array", "[instance][decrement]") {
    // A list of one attribute is that attribute.
    Fixture f;
    Instance user1 = f.user1();
    user1.decrement("aNumber", 2);
    REQUIRE(f.number("aNumber") == -2);
}

SEQUELIZE_CASE("instance/decrement.test.js", "decrement > with single field",
               "[instance][decrement]") {
    Fixture f;
    Instance user1 = f.user1();
    user1.decrement("aNumber", 2);
    REQUIRE(f.number("aNumber") == -2);
}

SEQUELIZE_CASE("instance/decrement.test.js", "decrement > with single field and no value",
               "[instance][decrement]") {
    Fixture f;
    Instance user1 = f.user1();
    user1.decrement("aNumber");
    REQUIRE(f.number("aNumber") == -1);
}

SEQUELIZE_CASE("instance/decrement.test.js",
               "decrement > should still work right with other concurrent updates",
               "[instance][decrement]") {
    Fixture f;
    Instance user1 = f.user1();
    Instance user2 = f.user1();
    user2.update({{"aNumber", user2.get("aNumber").asInt() + 1}});
    user1.decrement("aNumber", 2);
    REQUIRE(f.number("aNumber") == -1);
}

SEQUELIZE_CASE("instance/decrement.test.js",
               "decrement > should still work right with other concurrent increments",
               "[instance][decrement]") {
    // Promise.all of three calls: the three in turn.
    Fixture f;
    Instance user1 = f.user1();
    user1.decrement("aNumber", 2);
    user1.decrement("aNumber", 2);
    user1.decrement("aNumber", 2);
    REQUIRE(f.number("aNumber") == -6);
}

SEQUELIZE_CASE("instance/decrement.test.js", "decrement > with key value pair",
               "[instance][decrement]") {
    NOT_SUPPORTED("decrement of several fields");
}

SEQUELIZE_CASE("instance/decrement.test.js", "decrement > with negative value",
               "[instance][decrement]") {
    NOT_SUPPORTED("decrement of several fields");
}

SEQUELIZE_CASE("instance/decrement.test.js", "decrement > with timestamps set to true",
               "[instance][decrement]") {
    // The real clock stands for the original's fake one.
    Fixture f;
    Model& User =
        f.db->define("IncrementUser", {{"aNumber", DataTypes::INTEGER}}, {.timestamps = true});
    User.sync({.force = true});
    Instance user = User.create({{"aNumber", 1}});
    const Timestamp oldDate = user.get("updatedAt").asTimestamp();
    std::this_thread::sleep_for(std::chrono::milliseconds(1100));
    user.decrement("aNumber", 1);
    auto found = User.findByPk(1);
    REQUIRE(found);
    REQUIRE(found->get("updatedAt").asTimestamp() > oldDate);
}

SEQUELIZE_CASE("instance/decrement.test.js",
               "decrement > with timestamps set to true and options.silent set to true",
               "[instance][decrement]") {
    NOT_SUPPORTED("options.silent");
}
