// test/integration/model/scope/aggregate.test.js
#include "support.hpp"

using namespace tabula;

SEQUELIZE_CASE("model/scope/aggregate.test.js", "scope > aggregate > should apply defaultScope",
               "[scopes]") {
    NOT_SUPPORTED("Model.aggregate");
}

SEQUELIZE_CASE("model/scope/aggregate.test.js",
               "scope > aggregate > should be able to override default scope", "[scopes]") {
    NOT_SUPPORTED("Model.aggregate");
}

SEQUELIZE_CASE("model/scope/aggregate.test.js", "scope > aggregate > should be able to unscope",
               "[scopes]") {
    NOT_SUPPORTED("Model.aggregate");
}

SEQUELIZE_CASE("model/scope/aggregate.test.js",
               "scope > aggregate > should be able to apply other scopes", "[scopes]") {
    NOT_SUPPORTED("Model.aggregate");
}

SEQUELIZE_CASE("model/scope/aggregate.test.js",
               "scope > aggregate > should be able to merge scopes with where", "[scopes]") {
    NOT_SUPPORTED("Model.aggregate");
}

SEQUELIZE_CASE("model/scope/aggregate.test.js",
               "scope > aggregate > should be able to use where on include", "[scopes]") {
    NOT_SUPPORTED("Model.aggregate");
}

SEQUELIZE_CASE("model/scope/aggregate.test.js", "scope > aggregate > aggregate with schema",
               "[scopes]") {
    ONLY_ON_DIALECTS("postgres", "mssql");
    NOT_SUPPORTED("schemas");
}
