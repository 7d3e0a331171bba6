// test/integration/instance/increment.test.js
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
         {"cNumber", {.type = DataTypes::INTEGER, .field = "CNumberColumn"}},
         {"aDate", {.type = DataTypes::DATE}},
         {"validateTest",
          {.type = DataTypes::INTEGER, .allowNull = true, .validate = {.isInt = true}}},
         {"validateCustom",
          {.type = DataTypes::STRING, .allowNull = true, .validate = {.len = Length{1, 20}}}},
         {"dateAllowNullTrue", {.type = DataTypes::DATE, .allowNull = true}},
         {"isSuperUser", {.type = DataTypes::BOOLEAN, .defaultValue = false}}});
    Fixture() {
        User.sync({.force = true});
        User.create({{"id", 1}, {"aNumber", 0}, {"bNumber", 0}, {"cNumber", 0}});
    }
    Instance user1() const {
        auto user = User.findByPk(1);
        REQUIRE(user);
        return *user;
    }
    std::int64_t number(const char* attribute) const { return user1().get(attribute).asInt(); }
};

} // namespace

SEQUELIZE_CASE("instance/increment.test.js", "increment > supports transactions",
               "[instance][increment]") {
    auto db = sequelize::open();
    Model& User = db->define("User", {{"number", DataTypes::INTEGER}});
    User.sync({.force = true});
    Instance user = User.create({{"number", 1}});
    Transaction t = db->transaction();
    user.increment("number", 2, &t);
    auto users1 = User.findAll();
    auto users2 = User.findAll({.transaction = &t});
    REQUIRE(users1.at(0).get("number").asInt() == 1);
    REQUIRE(users2.at(0).get("number").asInt() == 3);
    t.rollback();
}

SEQUELIZE_CASE("instance/increment.test.js", "increment > supports returning",
               "[instance][increment]") {
    ONLY_ON_DIALECTS("postgres");
    Fixture f;
    Instance user1 = f.user1();
    user1.increment("aNumber", 2);
    REQUIRE(user1.get("aNumber").asInt() == 2);
    NOT_SUPPORTED("options.returning");
}

SEQUELIZE_CASE("instance/increment.test.js", "increment > supports where conditions",
               "[instance][increment]") {
    NOT_SUPPORTED("increment({where})");
}

SEQUELIZE_CASE("instance/increment.test.js", "increment > with array", "[instance][increment]") {
    // A list of one attribute is that attribute.
    Fixture f;
    Instance user1 = f.user1();
    user1.increment("aNumber", 2);
    REQUIRE(f.number("aNumber") == 2);
}

SEQUELIZE_CASE("instance/increment.test.js", "increment > with single field",
               "[instance][increment]") {
    Fixture f;
    Instance user1 = f.user1();
    user1.increment("aNumber", 2);
    REQUIRE(f.number("aNumber") == 2);
}

SEQUELIZE_CASE("instance/increment.test.js", "increment > with single field and no value",
               "[instance][increment]") {
    Fixture f;
    Instance user1 = f.user1();
    user1.increment("aNumber");
    REQUIRE(f.number("aNumber") == 1);
}

SEQUELIZE_CASE("instance/increment.test.js",
               "increment > should still work right with other concurrent updates",
               "[instance][increment]") {
    Fixture f;
    Instance user1 = f.user1();
    Instance user2 = f.user1();
    user2.update({{"aNumber", user2.get("aNumber").asInt() + 1}});
    user1.increment("aNumber", 2);
    REQUIRE(f.number("aNumber") == 3);
}

SEQUELIZE_CASE("instance/increment.test.js",
               "increment > should still work right with other concurrent increments",
               "[instance][increment]") {
    // Promise.all of three calls: the three in turn.
    Fixture f;
    Instance user1 = f.user1();
    user1.increment("aNumber", 2);
    user1.increment("aNumber", 2);
    user1.increment("aNumber", 2);
    REQUIRE(f.number("aNumber") == 6);
}

SEQUELIZE_CASE("instance/increment.test.js", "increment > with key value pair",
               "[instance][increment]") {
    NOT_SUPPORTED("increment of several fields");
}

SEQUELIZE_CASE(
    "instance/increment.test.js",
    "increment > single value should work when field name is different from database column name",
    "[instance][increment]") {
    Fixture f;
    Instance user = f.user1();
    user.increment("cNumber");
    REQUIRE(f.number("cNumber") == 1);
}

SEQUELIZE_CASE(
    "instance/increment.test.js",
    "increment > array should work when field name is different from database column name",
    "[instance][increment]") {
    // A list of one attribute is that attribute.
    Fixture f;
    Instance user = f.user1();
    user.increment("cNumber");
    REQUIRE(f.number("cNumber") == 1);
}

SEQUELIZE_CASE(
    "instance/increment.test.js",
    "increment > key value should work when field name is different from database column name",
    "[instance][increment]") {
    // {cNumber: 1}: one attribute by one.
    Fixture f;
    Instance user = f.user1();
    user.increment("cNumber", 1);
    REQUIRE(f.number("cNumber") == 1);
}

SEQUELIZE_CASE("instance/increment.test.js", "increment > with timestamps set to true",
               "[instance][increment]") {
    // The real clock stands for the original's fake one.
    Fixture f;
    Model& User =
        f.db->define("IncrementUser", {{"aNumber", DataTypes::INTEGER}}, {.timestamps = true});
    User.sync({.force = true});
    Instance user1 = User.create({{"aNumber", 1}});
    const Timestamp oldDate = user1.get("updatedAt").asTimestamp();
    std::this_thread::sleep_for(std::chrono::milliseconds(1100));
    Instance& user = user1.increment("aNumber", 1).reload();
    REQUIRE(user.get("updatedAt").asTimestamp() > oldDate);
}

SEQUELIZE_CASE("instance/increment.test.js",
               "increment > with timestamps set to true and options.silent set to true",
               "[instance][increment]") {
    NOT_SUPPORTED("options.silent");
}
