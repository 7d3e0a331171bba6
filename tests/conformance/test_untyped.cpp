// Bad input that once escaped as something other than a tabula::Error, or
// slipped through unnoticed: each is refused with a typed error naming it.
#include "context.hpp"
#include "model_impl.hpp"

#include <catch2/catch.hpp>

#include <chrono>
#include <string>

using namespace tabula;
using namespace std::chrono_literals;

namespace {

// The longest identifier each dialect keeps whole; 0: no limit.
std::size_t identifierLimit() {
    if (conformance::isPostgres()) return 63;
    if (conformance::isMysql()) return 64;
    if (conformance::isMssql()) return 128;
    return 0;
}

} // namespace

TEST_CASE("a JSON value for an ARRAY attribute is a ValidationError naming it", "[untyped]") {
    auto db = conformance::open();
    Model& M = db->define("listing", {{"scores", DataTypes::ARRAY(DataTypes::INTEGER)}});
    for (const Value& bad : {Value::json(R"({"a":1})"), Value::json(R"("text")"),
                             Value::json("not json"), Value("plain text"), Value(12)}) {
        INFO("value: " << bad.asString());
        try {
            M.create({{"scores", bad}});
            FAIL("no error");
        } catch (const ValidationError& e) {
            REQUIRE(e.errors().size() == 1);
            CHECK(e.errors()[0].path == "scores");
            CHECK_THAT(e.what(), Catch::Contains("listing.scores must be an array"));
        }
        Instance built = M.build();
        REQUIRE_NOTHROW(built.set("scores", bad));
        CHECK_THROWS_AS(built.save(), ValidationError);
        CHECK_THROWS_AS(M.bulkCreate({{{"scores", bad}}}), ValidationError);
    }
    if (!conformance::isPostgres()) return; // the only dialect with arrays
    M.sync({.force = true});
    // JSON text holding an array is the array.
    Instance row = M.create({{"scores", Value::json("[3, 1, 2]")}});
    REQUIRE(M.findByPk(row.get("id"))->get("scores") == Value({3, 1, 2}));
    // Compared with something that is no array: whatever the database says, typed.
    try {
        M.findAll({.where = {{"scores", Value::json(R"({"a":1})")}}});
    } catch (const tabula::Error&) {
    }
}

TEST_CASE("a row index past the last column is a UsageError naming both", "[untyped]") {
    auto db = conformance::open();
    const QueryResult result = db->query("SELECT 1 AS one");
    REQUIRE(result.rows.size() == 1);
    CHECK(result.rows[0][0].asInt() == 1);
    CHECK_THROWS_AS(result.rows[0][1], UsageError);
    CHECK_THROWS_WITH(result.rows[0][7], Catch::Contains("index 7") && Catch::Contains("1 column"));
}

TEST_CASE("GROUP BY takes attributes only", "[untyped]") {
    auto db = conformance::open();
    Model& Item = db->define("item",
                             {{"name", DataTypes::STRING},
                              {"kind", {.type = DataTypes::STRING, .field = "item_kind"}},
                              {"label", DataTypes::VIRTUAL}},
                             {.timestamps = false});
    Item.sync({.force = true});
    Item.bulkCreate({{{"name", "apple"}, {"kind", "fruit"}},
                     {{"name", "pear"}, {"kind", "fruit"}},
                     {{"name", "leek"}, {"kind", "vegetable"}}});
    auto grouped = Item.findAll({.attributes = {"kind", {fn("COUNT", col("id")), "n"}},
                                 .order = {{"kind", "ASC"}},
                                 .group = {"kind"}});
    REQUIRE(grouped.size() == 2);
    CHECK(grouped[0].get("n").asInt() == 2);
    CHECK(grouped[1].get("n").asInt() == 1);

    // SQLite would group by the string 'nothing' and return one row.
    CHECK_THROWS_WITH(
        Item.findAll({.attributes = {{fn("COUNT", col("id")), "n"}}, .group = {"nothing"}}),
        Catch::Contains("group") && Catch::Contains("'nothing'"));
    CHECK_THROWS_AS(Item.findAll({.group = {"kind\" FROM items; --"}}), UsageError);
    CHECK_THROWS_AS(Item.findAll({.group = {"item_kind"}}), UsageError); // a column, not a name
    CHECK_THROWS_AS(Item.findAll({.group = {"label"}}), UsageError);     // VIRTUAL
    CHECK_THROWS_AS(Item.findAll({.group = {"other.kind"}}), UsageError);
    CHECK_THROWS_AS(Item.count({.group = {"nothing"}}), UsageError);
}

TEST_CASE("raw query values the SQL does not use are refused, naming them", "[untyped]") {
    auto db = conformance::open();
    CHECK_THROWS_WITH(db->query("SELECT ? AS a", {.replacements = {1, 2, 3}}),
                      Catch::Contains("3 replacements") && Catch::Contains("uses 1"));
    CHECK_THROWS_WITH(db->query("SELECT :a AS a", {.namedReplacements = {{"a", 1}, {"b", 2}}}),
                      Catch::Contains(":b"));
    CHECK_THROWS_WITH(db->query("SELECT $1 AS a", {.bind = {1, 2}}), Catch::Contains("$2"));
    CHECK_THROWS_WITH(db->query("SELECT $2 AS a", {.bind = {1, 2}}), Catch::Contains("$1"));
    CHECK_THROWS_WITH(db->query("SELECT $a AS a", {.namedBind = {{"a", 1}, {"zz", 2}}}),
                      Catch::Contains("$zz"));
    // A placeholder inside a string literal is no placeholder.
    CHECK_THROWS_AS(db->query("SELECT '?' AS a", {.replacements = {1}}), UsageError);
    // Every value used, some twice: fine.
    auto both = db->query("SELECT :a AS a, :a AS b", {.namedReplacements = {{"a", 5}}});
    REQUIRE(both.rows.size() == 1);
    CHECK(both.rows[0]["b"].asInt() == 5);
}

TEST_CASE("negative pool times are refused", "[untyped]") {
    CHECK_THROWS_WITH(conformance::open({.pool = {.acquire = -1ms}}),
                      Catch::Contains("pool.acquire") && Catch::Contains("-1"));
    CHECK_THROWS_WITH(conformance::open({.pool = {.idle = -5ms}}), Catch::Contains("pool.idle"));
    CHECK_THROWS_WITH(conformance::open({.pool = {.evict = -1ms}}), Catch::Contains("pool.evict"));
    CHECK_THROWS_AS(conformance::open({.pool = {.acquire = -1ms}}), UsageError);
}

TEST_CASE("identifiers longer than the dialect keeps are refused at define time", "[untyped]") {
    auto db = conformance::open();
    const std::size_t limit = identifierLimit();
    const std::size_t longest = limit ? limit : 200;
    const std::string fits(longest, 'a');
    Model& M = db->define("long_names", {{fits, DataTypes::INTEGER}}, {.timestamps = false});
    M.sync({.force = true});
    M.create({{fits, 7}});
    REQUIRE(M.findAll()[0].get(fits).asInt() == 7);
    if (!limit) return;

    const std::string over(limit + 1, 'b');
    CHECK_THROWS_WITH(db->define("too_long", {{over, DataTypes::INTEGER}}),
                      Catch::Contains(over) && Catch::Contains(std::to_string(limit)));
    CHECK_THROWS_AS(db->define("too_long", {{"x", {.type = DataTypes::INTEGER, .field = over}}}),
                    UsageError);
    CHECK_THROWS_AS(db->define(over, {{"x", DataTypes::INTEGER}}, {.freezeTableName = true}),
                    UsageError);
    CHECK_THROWS_AS(db->define("t", {{"x", DataTypes::INTEGER}}, {.tableName = over}), UsageError);
    CHECK_FALSE(db->isDefined("too_long"));
    if (conformance::isPostgres()) {
        // PostgreSQL counts bytes: "é" is two.
        std::string accented;
        for (std::size_t i = 0; i < limit / 2 + 1; ++i)
            accented += "\xc3\xa9";
        CHECK_THROWS_AS(db->define("accented", {{accented, DataTypes::INTEGER}}), UsageError);
    }
}

TEST_CASE("an ENUM value holding a NUL byte is refused at define time", "[untyped]") {
    auto db = conformance::open();
    const std::string cut("draft\0ed", 8);
    CHECK_THROWS_WITH(db->define("post", {{"state", DataTypes::ENUM({cut, "published"})}}),
                      Catch::Contains("state") && Catch::Contains("NUL"));
    CHECK_FALSE(db->isDefined("post"));
}

TEST_CASE("redefining a model frees the definition it replaces", "[untyped]") {
    const std::size_t atStart = ModelImpl::liveDefinitions();
    {
        auto db = conformance::open();
        Model& first = db->define("churn", {{"n", DataTypes::INTEGER}});
        const std::size_t defined = ModelImpl::liveDefinitions();
        for (int i = 0; i < 10000; ++i)
            db->define("churn", {{"n", DataTypes::INTEGER}, {"m", DataTypes::STRING}});
        CHECK(ModelImpl::liveDefinitions() == defined);
        // The reference handed out first names the current definition.
        CHECK(&db->model("churn") == &first);
        CHECK(first.hasAttribute("m"));

        // With an instance of it alive, a definition stays as it is for it.
        Instance kept = first.build({{"n", 3}, {"m", "x"}});
        Instance copy = kept;
        Model& second = db->define("churn", {{"n", DataTypes::INTEGER}, {"k", DataTypes::DATE}});
        CHECK(&second != &first);
        CHECK(&db->model("churn") == &second);
        CHECK(first.hasAttribute("m"));
        CHECK_FALSE(second.hasAttribute("m"));
        CHECK(copy.get("m").asString() == "x");
        CHECK(ModelImpl::liveDefinitions() == defined + 1);
        kept = second.build();
        copy = Instance(kept);
        Model& third = db->define("churn", {{"n", DataTypes::INTEGER}});
        CHECK(&third != &second); // `kept` and `copy` hold the second definition
        CHECK(ModelImpl::liveDefinitions() == defined + 2);
        // Once no instance of it is left, the next redefinition reuses the object.
        kept = first.build();
        copy = kept;
        CHECK(&db->define("churn", {{"z", DataTypes::INTEGER}}) == &third);
        CHECK(third.hasAttribute("z"));
        CHECK(ModelImpl::liveDefinitions() == defined + 2);

        // A refused redefinition leaves the model as it was.
        CHECK_THROWS_AS(db->define("churn", {{"z", DataTypes::INTEGER}, {"z", DataTypes::DATE}}),
                        UsageError);
        CHECK(db->model("churn").hasAttribute("z"));
    }
    // What was kept for instances goes with the Database.
    CHECK(ModelImpl::liveDefinitions() == atStart);
}
