// test/integration/hooks/restore.test.js
#include "support.hpp"

using namespace tabula;

SEQUELIZE_CASE("hooks/restore.test.js", "#restore > on success > should run hooks", "[hooks]") {
    NOT_SUPPORTED("beforeRestore/afterRestore hooks");
}

SEQUELIZE_CASE("hooks/restore.test.js", "#restore > on error > should return an error from before",
               "[hooks]") {
    NOT_SUPPORTED("beforeRestore/afterRestore hooks");
}

SEQUELIZE_CASE("hooks/restore.test.js", "#restore > on error > should return an error from after",
               "[hooks]") {
    NOT_SUPPORTED("beforeRestore/afterRestore hooks");
}
