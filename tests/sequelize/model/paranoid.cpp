// test/integration/model/paranoid.test.js
#include "introspect.hpp"

using namespace tabula;

SEQUELIZE_CASE("model/paranoid.test.js", "paranoid > should be able to soft delete with timestamps",
               "[paranoid]") {
    auto db = sequelize::open();
    Model& Account = db->define(
        "Account",
        {{"ownerId", {.type = DataTypes::INTEGER, .allowNull = false, .field = "owner_id"}},
         {"name", DataTypes::STRING}},
        {.timestamps = true, .paranoid = true});
    Account.sync({.force = true});
    Account.create({{"ownerId", 12}});
    REQUIRE(Account.count() == 1);
    REQUIRE(Account.destroy({.where = {{"ownerId", 12}}}) == 1);
    REQUIRE(Account.count() == 0);
    REQUIRE(Account.count({.paranoid = false}) == 1);
    Account.restore({.where = {{"ownerId", 12}}});
    REQUIRE(Account.count() == 1);
}

SEQUELIZE_CASE("model/paranoid.test.js",
               "paranoid > should be able to soft delete without timestamps", "[paranoid]") {
    auto db = sequelize::open();
    Model& Account = db->define(
        "Account",
        {{"ownerId", {.type = DataTypes::INTEGER, .allowNull = false, .field = "owner_id"}},
         {"name", DataTypes::STRING},
         {"deletedAt", {.type = DataTypes::DATE, .allowNull = true, .field = "deleted_at"}}},
        {.timestamps = true,
         .createdAt = false,
         .updatedAt = false,
         .deletedAt = "deletedAt",
         .paranoid = true});
    Account.sync({.force = true});
    Account.create({{"ownerId", 12}});
    REQUIRE(Account.count() == 1);
    Account.destroy({.where = {{"ownerId", 12}}});
    REQUIRE(Account.count() == 0);
    REQUIRE(Account.count({.paranoid = false}) == 1);
    Account.restore({.where = {{"ownerId", 12}}});
    REQUIRE(Account.count() == 1);
}

namespace {
void softDeletesWithJsonCondition() {
    auto db = sequelize::open();
    Model& Model_ = db->define(
        "Model",
        {{"name", DataTypes::STRING},
         {"data", DataTypes::JSON},
         {"deletedAt", {.type = DataTypes::DATE, .allowNull = true, .field = "deleted_at"}}},
        {.timestamps = true, .deletedAt = "deletedAt", .paranoid = true});
    Model_.sync({.force = true});
    Model_.bulkCreate({{{"name", "One"}, {"data", Value::json(R"({"field":{"deep":true}})")}},
                       {{"name", "Two"}, {"data", Value::json(R"({"field":{"deep":false}})")}}});
    Model_.destroy({.where = {{"data", Where{{"field", Where{{"deep", true}}}}}}});
    auto records = Model_.findAll();
    REQUIRE(records.size() == 1);
    REQUIRE(records[0].get<std::string>("name") == "Two");
}
} // namespace

SEQUELIZE_CASE("model/paranoid.test.js",
               "paranoid > JSON > should soft delete with JSON condition (sqlite)", "[paranoid]") {
    ONLY_ON_DIALECTS("sqlite");
    softDeletesWithJsonCondition();
}

// Fails: a boolean compared inside a JSON attribute matches nothing on
// PostgreSQL (no row is deleted), and on MySQL the unquoted JSON text is
// compared with the bound boolean ("Truncated incorrect DECIMAL value: 'true'").
SEQUELIZE_FAILING_CASE("model/paranoid.test.js",
                       "paranoid > JSON > should soft delete with JSON condition (postgres, mysql)",
                       "[paranoid]") {
    ONLY_ON_DIALECTS("postgres", "mysql");
    softDeletesWithJsonCondition();
}