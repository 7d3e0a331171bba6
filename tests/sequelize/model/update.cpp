// test/integration/model/update.test.js
#include "introspect.hpp"

#include <string>
#include <vector>

using namespace tabula;

namespace {

struct Fixture {
    std::vector<std::string> log;
    std::unique_ptr<Database> db =
        sequelize::open({.logging = [this](const std::string& sql) { log.push_back(sql); }});
    Model& Account = db->define(
        "Account",
        {{"ownerId", {.type = DataTypes::INTEGER, .allowNull = false, .field = "owner_id"}},
         {"name", DataTypes::STRING}});
    Fixture() { Account.sync({.force = true}); }
};

bool anyUpdate(const std::vector<std::string>& log) {
    for (const auto& sql : log)
        if (sql.find("UPDATE") != std::string::npos) return true;
    return false;
}

} // namespace

SEQUELIZE_CASE("model/update.test.js", "update > should only update the passed fields",
               "[update]") {
    Fixture f;
    Instance account = f.Account.create({{"ownerId", 2}});
    REQUIRE(f.Account.update({{"name", "0.123"}}, {.where = {{"id", account.get("id")}}}) == 1);
    auto stored = f.Account.findByPk(account.get("id"));
    REQUIRE(stored);
    REQUIRE(stored->get<std::int64_t>("ownerId") == 2);
    REQUIRE(stored->get<std::string>("name") == "0.123");
}

SEQUELIZE_CASE("model/update.test.js", "update > skips update query > if no data to update",
               "[update]") {
    Fixture f;
    f.Account.create({{"ownerId", 3}});
    f.log.clear();
    REQUIRE(f.Account.update({{"unknownField", "haha"}}, {.where = {{"ownerId", 3}}}) == 0);
    REQUIRE_FALSE(anyUpdate(f.log));
}

SEQUELIZE_CASE("model/update.test.js",
               "update > skips update query > skips when timestamps disabled", "[update]") {
    Fixture f;
    Model& Model_ = f.db->define(
        "Model",
        {{"ownerId", {.type = DataTypes::INTEGER, .allowNull = false, .field = "owner_id"}},
         {"name", DataTypes::STRING}},
        {.timestamps = false});
    Model_.sync({.force = true});
    Model_.create({{"ownerId", 3}});
    f.log.clear();
    REQUIRE(Model_.update({{"unknownField", "haha"}}, {.where = {{"ownerId", 3}}}) == 0);
    REQUIRE_FALSE(anyUpdate(f.log));
}

SEQUELIZE_CASE("model/update.test.js", "update > changed should be false after reload",
               "[update]") {
    Fixture f;
    Instance account = f.Account.create({{"ownerId", 2}, {"name", "foo"}});
    account.set("name", "bar");
    REQUIRE(account.changed().size() == 1);
    REQUIRE(account.changed()[0] == "name");
    account.reload();
    REQUIRE(account.changed().empty());
}

SEQUELIZE_CASE("model/update.test.js",
               "update > should ignore undefined values without throwing not null validation",
               "[update]") {
    Fixture f;
    const int ownerId = 2;
    Instance account0 = f.Account.create({{"ownerId", ownerId}, {"name", "0.5"}});
    // C++ has no undefined: the attribute Sequelize ignores is left out.
    f.Account.update({{"name", "0.25"}}, {.where = {{"id", account0.get("id")}}});
    auto account = f.Account.findOne();
    REQUIRE(account);
    REQUIRE(account->get<std::int64_t>("ownerId") == ownerId);
}

SEQUELIZE_CASE("model/update.test.js", "update > should return the updated record", "[update]") {
    ONLY_ON_DIALECTS("postgres");
    Fixture f;
    Instance account = f.Account.create({{"ownerId", 2}});
    REQUIRE(f.Account.update({{"name", "FooBar"}}, {.where = {{"id", account.get("id")}}}) == 1);
    NOT_SUPPORTED("options.returning");
}

SEQUELIZE_CASE("model/update.test.js", "update > should output the updated record", "[update]") {
    ONLY_ON_DIALECTS("mssql");
    NOT_SUPPORTED("options.returning");
}

SEQUELIZE_CASE("model/update.test.js", "update > should only update one row", "[update]") {
    ONLY_ON_DIALECTS("mysql", "mssql");
    Fixture f;
    f.Account.create({{"ownerId", 2}, {"name", "Account Name 1"}});
    f.Account.create({{"ownerId", 2}, {"name", "Account Name 2"}});
    f.Account.create({{"ownerId", 2}, {"name", "Account Name 3"}});
    REQUIRE(f.Account.update({{"name", "New Name"}}, {.where = {{"ownerId", 2}}, .limit = 1}) == 1);
}
