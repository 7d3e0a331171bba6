// test/integration/include/findOne.test.js
#include "associations/common.hpp"

using namespace tabula;

SEQUELIZE_CASE("include/findOne.test.js",
               "findOne > should include a non required model, with conditions and two includes "
               "N:M 1:M",
               "[include][findOne]") {
    auto db = sequelize::open();
    Model& A = db->define("A", {{"name", DataTypes::STRING(40)}}, {.paranoid = true});
    Model& B = db->define("B", {{"name", DataTypes::STRING(40)}}, {.paranoid = true});
    Model& C = db->define("C", {{"name", DataTypes::STRING(40)}}, {.paranoid = true});
    Model& D = db->define("D", {{"name", DataTypes::STRING(40)}}, {.paranoid = true});
    A.hasMany(B);
    B.belongsTo(D);
    B.belongsToMany(C, {.through = "BC"});
    C.belongsToMany(B, {.through = "BC"});
    D.hasMany(B);
    db->sync({.force = true});
    REQUIRE_NOTHROW(
        A.findOne({.include = {{.model = &B,
                                .required = false,
                                .include = {{.model = &C, .required = false}, {.model = &D}}}}}));
}

SEQUELIZE_CASE("include/findOne.test.js",
               "findOne > should work with a 1:M to M:1 relation with a where on the last include",
               "[include][findOne]") {
    auto db = sequelize::open();
    Model& Model1 = db->define("Model", {});
    Model& Model2 = db->define("Model2", {});
    Model& Model4 = db->define("Model4", {{"something", DataTypes::INTEGER}});
    Model1.belongsTo(Model2);
    Model2.hasMany(Model1);
    Model2.hasMany(Model4);
    Model4.belongsTo(Model2);
    db->sync({.force = true});
    REQUIRE_NOTHROW(Model1.findOne(
        {.include = {
             {.model = &Model2, .include = {{.model = &Model4, .where = {{"something", 2}}}}}}}));
}

SEQUELIZE_CASE("include/findOne.test.js",
               "findOne > should include a model with a where condition but no required",
               "[include][findOne]") {
    auto db = sequelize::open();
    Model& User = db->define("User", {}, {.paranoid = false});
    Model& Task = db->define("Task", {{"deletedAt", DataTypes::DATE}}, {.paranoid = false});
    User.hasMany(Task, {.foreignKey = "userId"});
    Task.belongsTo(User, {.foreignKey = "userId"});
    db->sync({.force = true});
    Instance user0 = User.create({});
    Task.bulkCreate({{{"userId", user0.get("id")}, {"deletedAt", Value::now()}},
                     {{"userId", user0.get("id")}, {"deletedAt", Value::now()}},
                     {{"userId", user0.get("id")}, {"deletedAt", Value::now()}}});
    auto user = User.findOne(
        {.include = {{.model = &Task, .where = {{"deletedAt", nullptr}}, .required = false}}});
    REQUIRE(user);
    REQUIRE(user->related("Tasks").empty());
}

SEQUELIZE_CASE("include/findOne.test.js",
               "findOne > should include a model with a where clause when the PK field name and "
               "attribute name are different",
               "[include][findOne]") {
    auto db = sequelize::open();
    Model& User = db->define("User", {{"id",
                                       {.type = DataTypes::UUID,
                                        .defaultValue = DataTypes::UUIDV4,
                                        .primaryKey = true,
                                        .field = "main_id"}}});
    Model& Task = db->define("Task", {{"searchString", DataTypes::STRING}});
    User.hasMany(Task, {.foreignKey = "userId"});
    Task.belongsTo(User, {.foreignKey = "userId"});
    db->sync({.force = true});
    Instance user0 = User.create({});
    Task.bulkCreate({{{"userId", user0.get("id")}, {"searchString", "one"}},
                     {{"userId", user0.get("id")}, {"searchString", "two"}}});
    auto user = User.findOne({.include = {{.model = &Task, .where = {{"searchString", "one"}}}}});
    REQUIRE(user);
    REQUIRE(user->related("Tasks").size() == 1);
}

SEQUELIZE_CASE("include/findOne.test.js",
               "findOne > should include a model with a through.where and required true clause "
               "when the PK field name and attribute name are different",
               "[include][findOne]") {
    NOT_SUPPORTED("through attributes");
}

SEQUELIZE_CASE("include/findOne.test.js",
               "findOne > should still pull the main record when an included model is not required "
               "and has where restrictions without matches",
               "[include][findOne]") {
    auto db = sequelize::open();
    Model& A = db->define("a", {{"name", DataTypes::STRING(40)}});
    Model& B = db->define("b", {{"name", DataTypes::STRING(40)}});
    A.belongsToMany(B, {.through = "a_b"});
    B.belongsToMany(A, {.through = "a_b"});
    db->sync({.force = true});
    A.create({{"name", "Foobar"}});
    auto a = A.findOne(
        {.where = {{"name", "Foobar"}},
         .include = {{.model = &B, .where = {{"name", "idontexist"}}, .required = false}}});
    REQUIRE(a);
    REQUIRE(a->related("bs").empty());
}

SEQUELIZE_CASE("include/findOne.test.js",
               "findOne > should support a nested include (with a where)", "[include][findOne]") {
    auto db = sequelize::open();
    Model& A = db->define("A", {{"name", DataTypes::STRING}});
    Model& B = db->define("B", {{"flag", DataTypes::BOOLEAN}});
    Model& C = db->define("C", {{"name", DataTypes::STRING}});
    A.hasOne(B);
    B.belongsTo(A);
    B.hasMany(C);
    C.belongsTo(B);
    db->sync({.force = true});
    auto a = A.findOne(
        {.include = {{.model = &B, .where = {{"flag", true}}, .include = {{.model = &C}}}}});
    REQUIRE_FALSE(a);
}

SEQUELIZE_CASE("include/findOne.test.js",
               "findOne > should support a belongsTo with the targetKey option",
               "[include][findOne]") {
    NOT_SUPPORTED("Model.removeAttribute");
}

SEQUELIZE_CASE("include/findOne.test.js",
               "findOne > should support many levels of belongsTo (with a lower level having a "
               "where)",
               "[include][findOne]") {
    auto db = sequelize::open();
    std::vector<Model*> chain;
    for (const char* name : {"a", "b", "c", "d", "e", "f"})
        chain.push_back(&db->define(name, {}));
    chain.push_back(&db->define("g", {{"name", DataTypes::STRING}}));
    chain.push_back(&db->define("h", {{"name", DataTypes::STRING}}));
    std::vector<Association*> up;
    for (size_t i = 0; i + 1 < chain.size(); ++i)
        up.push_back(&chain[i]->belongsTo(*chain[i + 1]));
    db->sync({.force = true});
    Instance a0 = chain[0]->create({});
    // b, c, ... h, each set as the one before's.
    std::vector<Instance> singles;
    for (size_t i = 1; i < chain.size(); ++i) {
        Values values;
        if (chain[i]->name() == "g") values.emplace_back("name", "yolo");
        singles.push_back(chain[i]->create(values));
        if (singles.size() > 1) up[i - 1]->set(singles[singles.size() - 2], {singles.back()});
    }
    up[0]->set(a0, {singles[0]});
    Include h{.model = chain[7]};
    Include g{.model = chain[6], .where = {{"name", "yolo"}}, .include = {h}};
    Include level = g;
    for (size_t i = 5; i >= 1; --i)
        level = Include{.model = chain[i], .include = {level}};
    auto a = chain[0]->findOne({.include = {level}});
    REQUIRE(a);
    const Instance* at = &*a;
    for (const char* name : {"b", "c", "d", "e", "f", "g", "h"}) {
        REQUIRE(at->related(name).size() == 1);
        at = &at->related(name)[0];
    }
}

SEQUELIZE_CASE("include/findOne.test.js",
               "findOne > should work with combinding a where and a scope", "[include][findOne]") {
    NOT_SUPPORTED("association scope");
}
