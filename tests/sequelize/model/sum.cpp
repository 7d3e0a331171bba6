// test/integration/model/sum.test.js
#include "introspect.hpp"

using namespace tabula;

namespace {

struct Fixture {
    std::unique_ptr<Database> db = sequelize::open();
    Model& Payment =
        db->define("Payment", {{"amount", DataTypes::DECIMAL},
                               {"mood", DataTypes::ENUM({"happy", "sad", "neutral"})}});
    Fixture() {
        db->sync({.force = true});
        Payment.bulkCreate({{{"amount", 5}, {"mood", "neutral"}},
                            {{"amount", -5}, {"mood", "neutral"}},
                            {{"amount", 10}, {"mood", "happy"}},
                            {{"amount", 90}, {"mood", "happy"}}});
    }
};

} // namespace

SEQUELIZE_CASE("model/sum.test.js", "sum > should sum without rows", "[sum]") {
    Fixture f;
    REQUIRE(f.Payment.sum("amount", {.where = {{"mood", "sad"}}}).isNull());
}

SEQUELIZE_CASE("model/sum.test.js", "sum > should sum when is 0", "[sum]") {
    Fixture f;
    const Value sum = f.Payment.sum("amount", {.where = {{"mood", "neutral"}}});
    // Differs: the sum of a DECIMAL is an exact decimal, not a JavaScript number.
    REQUIRE(sum.kind() == ValueKind::Decimal);
    REQUIRE(sum.asDouble() == 0);
}

SEQUELIZE_CASE("model/sum.test.js", "sum > should sum", "[sum]") {
    Fixture f;
    const Value sum = f.Payment.sum("amount", {.where = {{"mood", "happy"}}});
    // Differs: as above, an exact decimal.
    REQUIRE(sum.kind() == ValueKind::Decimal);
    REQUIRE(sum.asDouble() == 100);
}
