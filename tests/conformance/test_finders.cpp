// Finders and query options: where operators, attributes, order, limit,
// group/having, aggregates, findOrCreate, findAndCountAll.
#include "context.hpp"

#include <catch2/catch.hpp>

#include <algorithm>

using namespace tabula;

namespace {

struct Fixture {
    std::unique_ptr<Database> db = conformance::open();
    Model& Item = db->define("item", {{"name", DataTypes::STRING},
                                      {"price", DataTypes::INTEGER},
                                      {"kind", DataTypes::STRING},
                                      {"note", DataTypes::STRING}});
    Fixture() {
        Item.sync({.force = true});
        Item.bulkCreate({
            {{"name", "apple"}, {"price", 3}, {"kind", "fruit"}, {"note", "red_ish"}},
            {{"name", "banana"}, {"price", 2}, {"kind", "fruit"}, {"note", nullptr}},
            {{"name", "carrot"}, {"price", 1}, {"kind", "veg"}, {"note", "100%"}},
            {{"name", "date"}, {"price", 7}, {"kind", "fruit"}, {"note", nullptr}},
            {{"name", "eggplant"}, {"price", 5}, {"kind", "veg"}, {"note", "Purple"}},
        });
    }
    std::vector<std::string> names(FindOptions options) {
        if (options.order.empty()) options.order = {{"name", "ASC"}};
        std::vector<std::string> out;
        for (const auto& i : Item.findAll(std::move(options)))
            out.push_back(i.get("name").asString());
        return out;
    }
};

using Names = std::vector<std::string>;

} // namespace

TEST_CASE_METHOD(Fixture, "comparison operators", "[finders]") {
    REQUIRE(names({.where = {{"price", 3}}}) == Names{"apple"});
    REQUIRE(names({.where = {{"price", {Op::eq, 3}}}}) == Names{"apple"});
    REQUIRE(names({.where = {{"price", {Op::ne, 3}}}}) ==
            Names{"banana", "carrot", "date", "eggplant"});
    REQUIRE(names({.where = {{"price", {Op::gt, 3}}}}) == Names{"date", "eggplant"});
    REQUIRE(names({.where = {{"price", {Op::gte, 3}}}}) == Names{"apple", "date", "eggplant"});
    REQUIRE(names({.where = {{"price", {Op::lt, 3}}}}) == Names{"banana", "carrot"});
    REQUIRE(names({.where = {{"price", {Op::lte, 2}}}}) == Names{"banana", "carrot"});
    REQUIRE(names({.where = {{"price", {{Op::gt, 1}, {Op::lt, 5}}}}}) == Names{"apple", "banana"});
}

TEST_CASE_METHOD(Fixture, "between, in and null tests", "[finders]") {
    REQUIRE(names({.where = {{"price", {Op::between, {2, 5}}}}}) ==
            Names{"apple", "banana", "eggplant"});
    REQUIRE(names({.where = {{"price", {Op::notBetween, {2, 5}}}}}) == Names{"carrot", "date"});
    REQUIRE(names({.where = {{"name", {"apple", "date"}}}}) == Names{"apple", "date"});
    REQUIRE(names({.where = {{"price", {Op::in, {1, 7}}}}}) == Names{"carrot", "date"});
    REQUIRE(names({.where = {{"price", {Op::notIn, {1, 7}}}}}) ==
            Names{"apple", "banana", "eggplant"});
    REQUIRE(names({.where = {{"price", {Op::in, Value::array({})}}}}).empty());
    REQUIRE(names({.where = {{"note", nullptr}}}) == Names{"banana", "date"});
    REQUIRE(names({.where = {{"note", {Op::is, nullptr}}}}) == Names{"banana", "date"});
    REQUIRE(names({.where = {{"note", {Op::not_, nullptr}}}}) ==
            Names{"apple", "carrot", "eggplant"});
}

TEST_CASE_METHOD(Fixture, "pattern operators escape the user's text", "[finders]") {
    REQUIRE(names({.where = {{"name", {Op::like, "%a%"}}}}) ==
            Names{"apple", "banana", "carrot", "date", "eggplant"});
    REQUIRE(names({.where = {{"name", {Op::notLike, "%a%"}}}}).empty());
    REQUIRE(names({.where = {{"name", {Op::startsWith, "ca"}}}}) == Names{"carrot"});
    REQUIRE(names({.where = {{"name", {Op::endsWith, "ana"}}}}) == Names{"banana"});
    REQUIRE(names({.where = {{"name", {Op::substring, "ggp"}}}}) == Names{"eggplant"});
    // % and _ in the text are matched literally, not as wildcards.
    REQUIRE(names({.where = {{"note", {Op::substring, "0%"}}}}) == Names{"carrot"});
    REQUIRE(names({.where = {{"note", {Op::substring, "d_"}}}}) == Names{"apple"});
    REQUIRE(names({.where = {{"note", {Op::startsWith, "_"}}}}).empty());
    REQUIRE(names({.where = {{"note", {Op::iLike, "purple"}}}}) == Names{"eggplant"});
    REQUIRE(names({.where = {{"note", {Op::notILike, "PURPLE"}}}}) == Names{"apple", "carrot"});
}

TEST_CASE_METHOD(Fixture, "and, or, not", "[finders]") {
    REQUIRE(names({.where = {{"kind", "fruit"}, {"price", {Op::gt, 2}}}}) ==
            Names{"apple", "date"});
    REQUIRE(names({.where = Op::or_({{"name", "apple"}, {"price", 1}})}) ==
            Names{"apple", "carrot"});
    REQUIRE(names({.where = {{"kind", "veg"}, Op::or_({{"price", 1}, {"price", 7}})}}) ==
            Names{"carrot"});
    REQUIRE(names({.where = Op::not_({{"kind", "fruit"}})}) == Names{"carrot", "eggplant"});
    REQUIRE(names({.where = Op::or_({Op::and_({{"kind", "veg"}, {"price", 5}}),
                                     {"name", "apple"}})}) == Names{"apple", "eggplant"});
}

TEST_CASE_METHOD(Fixture, "values are bound, never spliced into SQL", "[finders]") {
    const std::string hostile = "x' OR '1'='1";
    REQUIRE(names({.where = {{"name", hostile}}}).empty());
    Item.create({{"name", hostile}, {"price", 0}});
    REQUIRE(names({.where = {{"name", hostile}}}) == Names{hostile});
    REQUIRE(Item.count() == 6);
}

TEST_CASE_METHOD(Fixture, "order, limit and offset", "[finders]") {
    REQUIRE(names({.order = {{"price", "DESC"}}}) ==
            Names{"date", "eggplant", "apple", "banana", "carrot"});
    REQUIRE(names({.order = {{"price", "DESC"}}, .limit = 2}) == Names{"date", "eggplant"});
    REQUIRE(names({.order = {{"price", "DESC"}}, .limit = 2, .offset = 2}) ==
            Names{"apple", "banana"});
    REQUIRE(names({.order = {{"price", "ASC"}}, .offset = 3}) == Names{"eggplant", "date"});
    REQUIRE(names({.order = {{"kind", "DESC"}, {"name", "DESC"}}}) ==
            Names{"eggplant", "carrot", "date", "banana", "apple"});
    auto nullsFirst = names({.order = {{"note", "ASC NULLS FIRST"}, {"name", "ASC"}}});
    REQUIRE(Names(nullsFirst.begin(), nullsFirst.begin() + 2) == Names{"banana", "date"});
    auto nullsLast = names({.order = {{"note", "DESC NULLS LAST"}, {"name", "ASC"}}});
    REQUIRE(Names(nullsLast.end() - 2, nullsLast.end()) == Names{"banana", "date"});
    REQUIRE_THROWS_AS(names({.order = {{"price", "SIDEWAYS"}}}), UsageError);
}

TEST_CASE_METHOD(Fixture, "attributes: pick, exclude, rename, aggregate", "[finders]") {
    auto picked = Item.findOne({.where = {{"name", "apple"}}, .attributes = {"name"}});
    REQUIRE(picked->get("name").asString() == "apple");
    REQUIRE(picked->get("price").isNull());

    auto excluded =
        Item.findOne({.where = {{"name", "apple"}}, .attributes = Attributes::exclude({"price"})});
    REQUIRE(excluded->get("kind").asString() == "fruit");
    REQUIRE(excluded->get("price").isNull());

    auto renamed = Item.findOne({.where = {{"name", "apple"}}, .attributes = {{"name", "label"}}});
    REQUIRE(renamed->get("label").asString() == "apple");

    auto counted = Item.findAll(
        {.attributes = {"kind", {fn("COUNT", col("id")), "n"}, {fn("SUM", col("price")), "total"}},
         .order = {{"kind", "ASC"}},
         .group = {"kind"}});
    REQUIRE(counted.size() == 2);
    REQUIRE(counted[0].get("kind").asString() == "fruit");
    REQUIRE(counted[0].get("n").asInt() == 3);
    REQUIRE(counted[0].get("total").asInt() == 12);
    REQUIRE(counted[1].get("n").asInt() == 2);

    auto having = Item.findAll({.attributes = {"kind", {fn("COUNT", col("id")), "n"}},
                                .group = {"kind"},
                                .having = {{"n", {Op::gt, 2}}}});
    REQUIRE(having.size() == 1);
    REQUIRE(having[0].get("kind").asString() == "fruit");
    REQUIRE_THROWS_AS(Item.findAll({.attributes = {{fn("DROP TABLE x; --"), "n"}}}), UsageError);
}

TEST_CASE_METHOD(Fixture, "count, max, min, sum", "[finders]") {
    REQUIRE(Item.count() == 5);
    REQUIRE(Item.count({.where = {{"kind", "veg"}}}) == 2);
    REQUIRE(Item.max("price").asInt() == 7);
    REQUIRE(Item.min("price").asInt() == 1);
    REQUIRE(Item.sum("price").asInt() == 18);
    REQUIRE(Item.sum("price", {.where = {{"kind", "veg"}}}).asInt() == 6);
    REQUIRE(Item.max("price", {.where = {{"kind", "none"}}}).isNull());
}

TEST_CASE_METHOD(Fixture, "findByPk, findOne, rejectOnEmpty", "[finders]") {
    auto first = Item.findOne({.order = {{"id", "ASC"}}});
    REQUIRE(first->get("name").asString() == "apple");
    REQUIRE(Item.findByPk(first->get("id"))->get("name").asString() == "apple");
    REQUIRE_FALSE(Item.findByPk(999999));
    REQUIRE_THROWS_AS(Item.findByPk(999999, {.rejectOnEmpty = true}), EmptyResultError);
    REQUIRE_THROWS_AS(Item.findOne({.where = {{"name", "kiwi"}}, .rejectOnEmpty = true}),
                      EmptyResultError);
    REQUIRE_THROWS_WITH(Item.findAll({.where = {{"colour", "red"}}}),
                        Catch::Contains("colour") && Catch::Contains("price"));
}

TEST_CASE_METHOD(Fixture, "findOrCreate and findAndCountAll", "[finders]") {
    auto [found, created] = Item.findOrCreate({.where = {{"name", "apple"}}});
    REQUIRE_FALSE(created);
    REQUIRE(found.get("price").asInt() == 3);
    auto [kiwi, made] =
        Item.findOrCreate({.where = {{"name", "kiwi"}}, .defaults = {{"price", 4}}});
    REQUIRE(made);
    REQUIRE(kiwi.get("price").asInt() == 4);
    REQUIRE(Item.count() == 6);

    auto page = Item.findAndCountAll(
        {.where = {{"kind", "fruit"}}, .order = {{"name", "ASC"}}, .limit = 2});
    REQUIRE(page.count == 3);
    REQUIRE(page.rows.size() == 2);
    REQUIRE(page.rows[0].get("name").asString() == "apple");
}

TEST_CASE_METHOD(Fixture, "bulk update and destroy report affected rows", "[finders]") {
    REQUIRE(Item.update({{"kind", "produce"}}, {.where = {{"kind", "veg"}}}) == 2);
    REQUIRE(Item.count({.where = {{"kind", "produce"}}}) == 2);
    REQUIRE(Item.destroy({.where = {{"price", {Op::lt, 3}}}}) == 2);
    REQUIRE(Item.count() == 3);
}

TEST_CASE("findByPk reads a foreign key that an association added after earlier lookups",
          "[finders]") {
    auto db = conformance::open();
    Model& Team = db->define("team", {{"name", DataTypes::STRING}});
    Model& Player = db->define("player", {{"name", DataTypes::STRING}});
    Team.sync({.force = true});
    Player.sync({.force = true});
    Instance ann = Player.create({{"name", "Ann"}});
    REQUIRE(Player.findByPk(ann.get("id"))->get("name").asString() == "Ann");

    Player.belongsTo(Team); // adds teamId to player
    Player.sync({.alter = true});
    Instance red = Team.create({{"name", "Red"}});
    Player.update({{"teamId", red.get("id")}}, {.where = {{"id", ann.get("id")}}});
    auto found = Player.findByPk(ann.get("id"));
    REQUIRE(found);
    CHECK(found->get("teamId") == red.get("id"));
}
