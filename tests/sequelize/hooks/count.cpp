// test/integration/hooks/count.test.js
#include "support.hpp"

using namespace tabula;

namespace {

struct Fixture {
    std::unique_ptr<tabula::Database> db = sequelize::open();
    Model& User = db->define("User", {{"username", {.type = DataTypes::STRING, .allowNull = false}},
                                      {"mood", DataTypes::ENUM({"happy", "sad", "neutral"})}});
    Fixture() {
        db->sync({.force = true});
        User.bulkCreate({{{"username", "adam"}, {"mood", "happy"}},
                         {{"username", "joe"}, {"mood", "sad"}},
                         {{"username", "joe"}, {"mood", "happy"}}});
    }
};

} // namespace

SEQUELIZE_CASE("hooks/count.test.js", "#count > on success > hook runs", "[hooks]") {
    Fixture f;
    REQUIRE(f.User.count() == 3);
    NOT_SUPPORTED("beforeCount hook");
}

SEQUELIZE_CASE("hooks/count.test.js", "#count > on success > beforeCount hook can change options",
               "[hooks]") {
    NOT_SUPPORTED("beforeCount hook");
}

SEQUELIZE_CASE("hooks/count.test.js", "#count > on error > in beforeCount hook returns error",
               "[hooks]") {
    NOT_SUPPORTED("beforeCount hook");
}
