// test/integration/hooks/upsert.test.js
#include "support.hpp"

using namespace tabula;

SEQUELIZE_CASE("hooks/upsert.test.js", "#upsert > on success > should run hooks", "[hooks]") {
    NOT_SUPPORTED("beforeUpsert/afterUpsert hooks");
}

SEQUELIZE_CASE("hooks/upsert.test.js", "#upsert > on error > should return an error from before",
               "[hooks]") {
    NOT_SUPPORTED("beforeUpsert/afterUpsert hooks");
}

SEQUELIZE_CASE("hooks/upsert.test.js", "#upsert > on error > should return an error from after",
               "[hooks]") {
    NOT_SUPPORTED("beforeUpsert/afterUpsert hooks");
}

SEQUELIZE_CASE("hooks/upsert.test.js", "#upsert > preserves changes to values > beforeUpsert",
               "[hooks]") {
    NOT_SUPPORTED("beforeUpsert/afterUpsert hooks");
}
