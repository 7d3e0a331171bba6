// test/integration/include/paranoid.test.js
#include "associations/common.hpp"

using namespace tabula;

namespace {

struct Paranoid {
    std::unique_ptr<Database> db = sequelize::open();
    Model& A = db->define("A", {{"name", DataTypes::STRING}}, {.paranoid = true});
    Model& B = db->define("B", {{"name", DataTypes::STRING}}, {.paranoid = true});
    Model& C = db->define("C", {{"name", DataTypes::STRING}}, {.paranoid = true});
    Model& D = db->define("D", {{"name", DataTypes::STRING}}, {.paranoid = true});
    Paranoid() {
        A.belongsTo(B);
        A.belongsToMany(D, {.through = "a_d"});
        A.hasMany(C);
        B.hasMany(A);
        B.hasMany(C);
        C.belongsTo(A);
        C.belongsTo(B);
        D.belongsToMany(A, {.through = "a_d"});
        db->sync({.force = true});
    }
};

} // namespace

SEQUELIZE_CASE("include/paranoid.test.js",
               "paranoid with timestamps: false should be ignored / not crash",
               "[include][paranoid]") {
    Paranoid f;
    // Differs: Tabula refuses the definition with a UsageError (paranoid
    // needs the deletedAt timestamp) instead of ignoring `paranoid`.
    REQUIRE_THROWS_AS(f.db->define("Test", {{"name", DataTypes::STRING}},
                                   {.timestamps = false, .paranoid = true}),
                      UsageError);
    f.db->sync({.force = true});
}

SEQUELIZE_CASE("include/paranoid.test.js", "test if non required is marked as false",
               "[include][paranoid]") {
    Paranoid f;
    FindOptions options{.include = {{.model = &f.B, .required = false}}};
    f.A.findOne(options);
    REQUIRE(options.include[0].required == false);
}

SEQUELIZE_CASE("include/paranoid.test.js", "test if required is marked as true",
               "[include][paranoid]") {
    Paranoid f;
    FindOptions options{.include = {{.model = &f.B, .required = true}}};
    f.A.findOne(options);
    REQUIRE(options.include[0].required == true);
}

SEQUELIZE_CASE("include/paranoid.test.js",
               "should not load paranoid, destroyed instances, with a non-paranoid parent",
               "[include][paranoid]") {
    Paranoid f;
    Model& X = f.db->define("x", {{"name", DataTypes::STRING}}, {.paranoid = false});
    Model& Y =
        f.db->define("y", {{"name", DataTypes::STRING}}, {.timestamps = true, .paranoid = true});
    Association& ys = X.hasMany(Y);
    f.db->sync({.force = true});
    Instance x0 = X.create({});
    Instance y = Y.create({});
    ys.add(x0, {y});
    y.destroy();
    auto obj = X.findAll({.include = {{.model = &Y}}});
    REQUIRE(obj.size() == 1);
    REQUIRE(obj[0].related(ys.as()).empty());
}
