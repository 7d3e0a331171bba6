// Where clauses on paths inside a JSON attribute: "meta.address.city",
// operators on a path, array indexes, and the paths that are refused.
#include "context.hpp"

#include <catch2/catch.hpp>

#include <string>
#include <vector>

using namespace tabula;

namespace {

struct People {
    std::unique_ptr<Database> db = conformance::open();
    Model& Person = db->define("person", {{"name", DataTypes::STRING}, {"meta", DataTypes::JSON}},
                               {.timestamps = false});
    People() {
        Person.sync({.force = true});
        Person.bulkCreate({
            {{"name", "ann"},
             {"meta",
              Value::json(R"({"address":{"city":"Oslo"},"age":31,"tags":["admin","dev"]})")}},
            {{"name", "bob"},
             {"meta", Value::json(R"({"address":{"city":"Bergen"},"age":25,"tags":["dev"]})")}},
            {{"name", "cid"},
             {"meta",
              Value::json(R"({"address":{"city":"Oslo"},"age":45,"tags":["ops"],"a-b":"dash"})")}},
            {{"name", "dot"},
             {"meta", Value::json(R"({"address":{"city":"Tromsø"},"age":100,"tags":[]})")}},
            {{"name", "eve"}, {"meta", Value::json("{}")}},
            {{"name", "fay"}, {"meta", nullptr}},
        });
    }

    std::vector<std::string> names(Where where) {
        std::vector<std::string> out;
        for (const Instance& p : Person.findAll({.where = std::move(where), .order = {"name"}}))
            out.push_back(p.get("name").asString());
        return out;
    }
};

using Names = std::vector<std::string>;

} // namespace

TEST_CASE_METHOD(People, "equality on a nested JSON path", "[json]") {
    REQUIRE(names({{"meta.address.city", "Oslo"}}) == Names{"ann", "cid"});
    REQUIRE(names({{"meta.address.city", "Tromsø"}}) == Names{"dot"});
    REQUIRE(names({{"meta.address.city", "Paris"}}).empty());
    REQUIRE(names({{"meta.address.city", {"Oslo", "Bergen"}}}) == Names{"ann", "bob", "cid"});
    REQUIRE(names({{"meta.address.city", {Op::ne, "Oslo"}}}) == Names{"bob", "dot"});
    // A missing path reads as null.
    REQUIRE(names({{"meta.address.city", nullptr}}) == Names{"eve", "fay"});
    REQUIRE(names({{"meta.nothing.here", {Op::not_, nullptr}}}).empty());
    // Paths combine with plain attributes and logic.
    REQUIRE(names({{"meta.address.city", "Oslo"}, {"name", {Op::ne, "ann"}}}) == Names{"cid"});
    REQUIRE(names(Op::or_({{"meta.address.city", "Bergen"}, {"name", "eve"}})) ==
            Names{"bob", "eve"});
}

TEST_CASE_METHOD(People, "an operator on a JSON path", "[json]") {
    // 25, 31 and 45 order the same as numbers and as text.
    REQUIRE(names({{"meta.age", {Op::gt, 30}}, {"meta.age", {Op::lt, 99}}}) == Names{"ann", "cid"});
    REQUIRE(names({{"meta.address.city", {Op::startsWith, "Os"}}}) == Names{"ann", "cid"});

    // 100 tells numbers from text. SQLite's json_extract yields a number and
    // MySQL compares its text with a number as numbers; PostgreSQL's #>>
    // yields text, so there a text comparison ("100" < "30") is acceptable.
    const Names numeric{"ann", "cid", "dot"};
    const Names textual{"ann", "cid"};
    Names found = names({{"meta.age", {Op::gt, 30}}});
    if (conformance::isPostgres())
        REQUIRE((found == numeric || found == textual));
    else
        REQUIRE(found == numeric);
}

TEST_CASE_METHOD(People, "a path through an array index", "[json]") {
    REQUIRE(names({{"meta.tags.0", "admin"}}) == Names{"ann"});
    REQUIRE(names({{"meta.tags.0", "dev"}}) == Names{"bob"});
    REQUIRE(names({{"meta.tags.1", "dev"}}) == Names{"ann"});
    REQUIRE(names({{"meta.tags.5", {Op::not_, nullptr}}}).empty());
}

TEST_CASE_METHOD(People, "a key with a dash is a valid segment", "[json]") {
    REQUIRE(names({{"meta.a-b", "dash"}}) == Names{"cid"});
}

TEST_CASE_METHOD(People, "JSON paths order and select", "[json]") {
    std::vector<std::string> byCity;
    for (const Instance& p : Person.findAll({.where = {{"meta.age", {Op::not_, nullptr}}},
                             .order = {{"meta.address.city", "DESC"}, "name"}}))
        byCity.push_back(p.get("name").asString());
    REQUIRE(byCity == Names{"dot", "ann", "cid", "bob"});
}

TEST_CASE_METHOD(People, "a path segment that is not a plain name is a UsageError", "[json]") {
    for (const char* path :
         {"meta.a'b", "meta.a\"b", "meta.a b", "meta.a)--", "meta.", "meta..city", "meta.$"}) {
        INFO(path);
        REQUIRE_THROWS_AS(Person.findAll({.where = {{path, "x"}}}), UsageError);
    }
    REQUIRE_THROWS_WITH(Person.findAll({.where = {{"meta.a'b", "x"}}}), Catch::Contains("a'b"));
    // Nothing was sent that could have changed the table.
    REQUIRE(Person.count() == 6);
}

TEST_CASE_METHOD(People, "a dotted path on a non-JSON attribute is a UsageError", "[json]") {
    REQUIRE_THROWS_AS(Person.findAll({.where = {{"name.first", "a"}}}), UsageError);
    REQUIRE_THROWS_WITH(Person.findAll({.where = {{"name.first", "a"}}}),
                        Catch::Contains("name") && Catch::Contains("JSON"));
    // An unknown attribute before the dot names the model's attributes.
    REQUIRE_THROWS_WITH(Person.findAll({.where = {{"nope.city", "a"}}}),
                        Catch::Contains("nope") && Catch::Contains("meta"));
}

TEST_CASE("a JSON null stored at a path matches null, as a missing path does", "[json]") {
    auto db = conformance::open();
    Model& Doc = db->define("doc", {{"name", DataTypes::STRING}, {"meta", DataTypes::JSON}},
                            {.timestamps = false});
    Doc.sync({.force = true});
    Doc.bulkCreate({{{"name", "jsonNull"}, {"meta", Value::json(R"({"x":null})")}},
                    {{"name", "textNull"}, {"meta", Value::json(R"({"x":"null"})")}},
                    {{"name", "missing"}, {"meta", Value::json(R"({"y":1})")}},
                    {{"name", "set"}, {"meta", Value::json(R"({"x":5})")}}});
    auto names = [&](Where where) {
        std::vector<std::string> out;
        for (const Instance& d : Doc.findAll({.where = std::move(where), .order = {"name"}}))
            out.push_back(d.get("name").asString());
        return out;
    };
    using Names = std::vector<std::string>;
    REQUIRE(names({{"meta.x", nullptr}}) == Names{"jsonNull", "missing"});
    REQUIRE(names({{"meta.x", {Op::is, nullptr}}}) == Names{"jsonNull", "missing"});
    REQUIRE(names({{"meta.x", {Op::ne, nullptr}}}) == Names{"set", "textNull"});
    REQUIRE(names({{"meta.x", {Op::not_, nullptr}}}) == Names{"set", "textNull"});
}
