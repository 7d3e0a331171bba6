// test/integration/operators.test.js
#include "support.hpp"

using namespace tabula;

SEQUELIZE_CASE("operators.test.js", "REGEXP > case sensitive > should work with a regexp where",
               "[operators]") {
    ONLY_ON_DIALECTS("mysql", "postgres");
    NOT_SUPPORTED("Op.regexp");
}

SEQUELIZE_CASE("operators.test.js", "REGEXP > case sensitive > should work with a not regexp where",
               "[operators]") {
    ONLY_ON_DIALECTS("mysql", "postgres");
    NOT_SUPPORTED("Op.regexp");
}

SEQUELIZE_CASE("operators.test.js",
               "REGEXP > case sensitive > should properly escape regular expressions",
               "[operators]") {
    ONLY_ON_DIALECTS("mysql", "postgres");
    NOT_SUPPORTED("Op.regexp");
}

SEQUELIZE_CASE("operators.test.js",
               "REGEXP > case insensitive > should work with a case-insensitive regexp where",
               "[operators]") {
    ONLY_ON_DIALECTS("postgres");
    NOT_SUPPORTED("Op.iRegexp");
}

SEQUELIZE_CASE("operators.test.js",
               "REGEXP > case insensitive > should work with a case-insensitive not regexp where",
               "[operators]") {
    ONLY_ON_DIALECTS("postgres");
    NOT_SUPPORTED("Op.iRegexp");
}

SEQUELIZE_CASE("operators.test.js",
               "REGEXP > case insensitive > should properly escape regular expressions",
               "[operators]") {
    ONLY_ON_DIALECTS("postgres");
    NOT_SUPPORTED("Op.iRegexp");
}
