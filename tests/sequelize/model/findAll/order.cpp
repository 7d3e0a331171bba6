// test/integration/model/findAll/order.test.js
#include "support.hpp"

using namespace tabula;

namespace {

struct Injections {
    std::unique_ptr<Database> db = sequelize::open();
    Model& User = db->define("user", {{"name", DataTypes::STRING}});
    Model& Group = db->define("group", {});
    Injections() {
        User.belongsTo(Group);
        db->sync({.force = true});
    }
};

} // namespace

SEQUELIZE_CASE("model/findAll/order.test.js",
               "findAll > order > Sequelize.literal() > should work with order: literal()",
               "[findAll][order]") {
    SKIP_ON_DIALECTS("mssql");
    NOT_SUPPORTED("sequelize.literal");
}

SEQUELIZE_CASE("model/findAll/order.test.js",
               "findAll > order > Sequelize.literal() > should work with order: [literal()]",
               "[findAll][order]") {
    SKIP_ON_DIALECTS("mssql");
    NOT_SUPPORTED("sequelize.literal");
}

SEQUELIZE_CASE("model/findAll/order.test.js",
               "findAll > order > Sequelize.literal() > should work with order: [[literal()]]",
               "[findAll][order]") {
    SKIP_ON_DIALECTS("mssql");
    NOT_SUPPORTED("sequelize.literal");
}

SEQUELIZE_CASE("model/findAll/order.test.js",
               "findAll > order > injections > should not throw with on NULLS LAST/NULLS FIRST",
               "[findAll][order]") {
    ONLY_ON_DIALECTS("postgres");
    // [Group, 'id', dir] orders the users by their group's id ("group.id").
    Injections f;
    REQUIRE_NOTHROW(
        f.User.findAll({.include = {{.model = &f.Group}},
                        .order = {{"id", "ASC NULLS LAST"}, {"group.id", "DESC NULLS FIRST"}}}));
}

SEQUELIZE_CASE("model/findAll/order.test.js",
               "findAll > order > injections > should not throw on a literal", "[findAll][order]") {
    // A direction is only ever a direction: 'ASC, name DESC' as text is a
    // UsageError, and a literal to splice in cannot be written.
    Injections f;
    REQUIRE_THROWS_AS(f.User.findAll({.order = {{"id", "ASC, name DESC"}}}), UsageError);
    NOT_SUPPORTED("sequelize.literal");
}

SEQUELIZE_CASE("model/findAll/order.test.js",
               "findAll > order > injections > should not throw with include when last order "
               "argument is a field",
               "[findAll][order]") {
    Injections f;
    REQUIRE_NOTHROW(f.User.findAll({.include = {{.model = &f.Group}}, .order = {"group.id"}}));
}
