// test/integration/model/increment.test.js
#include "introspect.hpp"

#include <chrono>
#include <future>
#include <string>
#include <thread>
#include <vector>

using namespace tabula;

namespace {

struct Fixture {
    std::unique_ptr<Database> db = sequelize::open();
    Model& User =
        db->define("User", {{"id", {.type = DataTypes::INTEGER, .primaryKey = true}},
                            {"aNumber", DataTypes::INTEGER},
                            {"bNumber", DataTypes::INTEGER},
                            {"cNumber", {.type = DataTypes::INTEGER, .field = "c_number"}}});
    Fixture() {
        User.sync({.force = true});
        User.bulkCreate({{{"id", 1}, {"aNumber", 0}, {"bNumber", 0}},
                         {{"id", 2}, {"aNumber", 0}, {"bNumber", 0}},
                         {{"id", 3}, {"aNumber", 0}, {"bNumber", 0}},
                         {{"id", 4}, {"aNumber", 0}, {"bNumber", 0}, {"cNumber", 0}}});
    }
    std::vector<std::int64_t> aNumbers() {
        std::vector<std::int64_t> out;
        for (const auto& u : User.findAll({.order = {"id"}}))
            out.push_back(u.get<std::int64_t>("aNumber"));
        return out;
    }
};

void checkAllBy(const std::vector<std::int64_t>& before, const std::vector<std::int64_t>& after,
                std::int64_t by) {
    REQUIRE(before.size() == after.size());
    for (size_t i = 0; i < after.size(); ++i)
        REQUIRE(after[i] == before[i] + by);
}

} // namespace

SEQUELIZE_CASE("model/increment.test.js", "increment > supports where conditions", "[increment]") {
    Fixture f;
    f.User.findByPk(1);
    f.User.increment("aNumber", {.by = 2}, {{"id", 1}});
    auto user3 = f.User.findByPk(2);
    REQUIRE(user3);
    REQUIRE(user3->get<std::int64_t>("aNumber") == 0);
}

SEQUELIZE_CASE("model/increment.test.js",
               "increment > uses correct column names for where conditions", "[increment]") {
    Fixture f;
    f.User.increment("aNumber", {.by = 2}, {{"cNumber", 0}});
    auto user4 = f.User.findByPk(4);
    REQUIRE(user4);
    REQUIRE(user4->get<std::int64_t>("aNumber") == 2);
}

SEQUELIZE_CASE("model/increment.test.js",
               "increment > should still work right with other concurrent increments",
               "[increment]") {
    Fixture f;
    auto before = f.aNumbers();
    std::vector<std::future<std::int64_t>> calls;
    for (int i = 0; i < 3; ++i)
        calls.push_back(f.User.incrementAsync("aNumber", {.by = 2}, {}));
    for (auto& c : calls)
        c.get();
    checkAllBy(before, f.aNumbers(), 6);
}

SEQUELIZE_CASE("model/increment.test.js", "increment > with array", "[increment]") {
    Fixture f;
    auto before = f.aNumbers();
    // A list of one attribute is that attribute.
    f.User.increment("aNumber", {.by = 2}, {});
    checkAllBy(before, f.aNumbers(), 2);
}

SEQUELIZE_CASE("model/increment.test.js", "increment > with single field", "[increment]") {
    Fixture f;
    auto before = f.aNumbers();
    f.User.increment("aNumber", {.by = 2}, {});
    checkAllBy(before, f.aNumbers(), 2);
}

SEQUELIZE_CASE("model/increment.test.js", "increment > with single field and no value",
               "[increment]") {
    Fixture f;
    auto before = f.aNumbers();
    f.User.increment("aNumber", {}, {});
    checkAllBy(before, f.aNumbers(), 1);
}

SEQUELIZE_CASE("model/increment.test.js", "increment > with key value pair", "[increment]") {
    NOT_SUPPORTED("increment of several fields");
}

SEQUELIZE_CASE("model/increment.test.js",
               "increment > should still work right with other concurrent updates", "[increment]") {
    Fixture f;
    auto before = f.aNumbers();
    // Differs: an update without a where clause is a UsageError (it would
    // change every row); a clause every row matches says so explicitly.
    REQUIRE_THROWS_AS(f.User.update({{"aNumber", 2}}, {}), UsageError);
    f.User.update({{"aNumber", 2}}, {.where = {{"id", {Op::not_, nullptr}}}});
    f.User.increment("aNumber", {.by = 2}, {});
    checkAllBy(before, f.aNumbers(), 4);
}

SEQUELIZE_CASE("model/increment.test.js", "increment > with timestamps set to true",
               "[increment]") {
    Fixture f;
    Model& User =
        f.db->define("IncrementUser", {{"aNumber", DataTypes::INTEGER}}, {.timestamps = true});
    User.sync({.force = true});
    Instance user = User.create({{"aNumber", 1}});
    const Timestamp oldDate = user.get("updatedAt").asTimestamp();
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    User.increment("aNumber", {.by = 1}, {});
    auto stored = User.findByPk(1);
    REQUIRE(stored);
    REQUIRE(stored->get("updatedAt").asTimestamp() > oldDate);
}

SEQUELIZE_CASE("model/increment.test.js",
               "increment > with timestamps set to true and options.silent set to true",
               "[increment]") {
    NOT_SUPPORTED("options.silent");
}

SEQUELIZE_CASE("model/increment.test.js", "increment > should work with scopes", "[increment]") {
    Fixture f;
    Model& User =
        f.db->define("User", {{"aNumber", DataTypes::INTEGER}, {"name", DataTypes::STRING}},
                     {.scopes = {{"jeff", {.where = {{"name", "Jeff"}}}}}});
    User.sync({.force = true});
    User.bulkCreate({{{"aNumber", 1}, {"name", "Jeff"}}, {{"aNumber", 3}, {"name", "Not Jeff"}}});
    NOT_SUPPORTED("Model.scope(...).increment");
}

SEQUELIZE_CASE("model/increment.test.js",
               "increment > should not care for attributes in the instance scope", "[increment]") {
    NOT_SUPPORTED("Model.addScope");
}

SEQUELIZE_CASE("model/increment.test.js",
               "increment > should not care for exclude-attributes in the instance scope",
               "[increment]") {
    NOT_SUPPORTED("Model.addScope");
}

SEQUELIZE_CASE("model/increment.test.js",
               "increment > should not care for include-attributes in the instance scope",
               "[increment]") {
    NOT_SUPPORTED("Model.addScope");
}

// The same cases for decrement.
#define DECREMENT_CASE(title)                                                                      \
    SEQUELIZE_CASE("model/increment.test.js", "decrement > " title, "[increment]") {               \
        NOT_SUPPORTED("Model.decrement");                                                          \
    }

DECREMENT_CASE("supports where conditions")
DECREMENT_CASE("uses correct column names for where conditions")
DECREMENT_CASE("should still work right with other concurrent increments")
DECREMENT_CASE("with array")
DECREMENT_CASE("with single field")
DECREMENT_CASE("with single field and no value")
DECREMENT_CASE("with key value pair")
DECREMENT_CASE("should still work right with other concurrent updates")
DECREMENT_CASE("with timestamps set to true")
DECREMENT_CASE("with timestamps set to true and options.silent set to true")
DECREMENT_CASE("should work with scopes")
DECREMENT_CASE("should not care for attributes in the instance scope")
DECREMENT_CASE("should not care for exclude-attributes in the instance scope")
DECREMENT_CASE("should not care for include-attributes in the instance scope")
