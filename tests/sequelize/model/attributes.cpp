// test/integration/model/attributes.test.js
#include "introspect.hpp"

#include <string>

using namespace tabula;

SEQUELIZE_CASE("model/attributes.test.js",
               "attributes > set > should only be called once when used on a join model called "
               "with an association getter",
               "[attributes]") {
    NOT_SUPPORTED("through attributes");
}

SEQUELIZE_CASE("model/attributes.test.js",
               "attributes > set > allows for an attribute to be called \"toString\"",
               "[attributes]") {
    auto db = sequelize::open();
    Model& Person = db->define("person", {{"name", DataTypes::STRING}, {"nick", DataTypes::STRING}},
                               {.timestamps = false});
    db->sync({.force = true});
    Person.create({{"name", "Jozef"}, {"nick", "Joe"}});
    auto person = Person.findOne(
        {.where = {{"name", "Jozef"}}, .attributes = {"nick", Selection("name", "toString")}});
    REQUIRE(person);
    REQUIRE(person->get<std::string>("toString") == "Jozef");
}

SEQUELIZE_CASE("model/attributes.test.js",
               "attributes > set > allows for an attribute to be called \"toString\" with "
               "associations",
               "[attributes]") {
    auto db = sequelize::open();
    Model& Person =
        db->define("person", {{"name", DataTypes::STRING}, {"nick", DataTypes::STRING}});
    Model& Computer = db->define("computer", {{"hostname", DataTypes::STRING}});
    Person.hasMany(Computer);
    db->sync({.force = true});
    Instance person = Person.create({{"name", "Jozef"}, {"nick", "Joe"}});
    Person.association("computers").create(person, {{"hostname", "laptop"}});
    auto result = Person.findAll({.where = {{"name", "Jozef"}},
                                  .include = {{.model = &Computer}},
                                  .attributes = {"nick", Selection("name", "toString")}});
    REQUIRE(result.size() == 1);
    REQUIRE(result[0].get<std::string>("toString") == "Jozef");
    REQUIRE(result[0].related("computers").size() == 1);
    REQUIRE(result[0].related("computers")[0].get<std::string>("hostname") == "laptop");
}

SEQUELIZE_CASE("model/attributes.test.js", "attributes > quote > allows for an attribute with dots",
               "[attributes]") {
    auto db = sequelize::open();
    Model& User = db->define("user", {{"foo.bar.baz", DataTypes::TEXT}});
    db->sync({.force = true});
    REQUIRE(User.findAll().empty());
}
