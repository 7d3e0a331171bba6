// Attribute validators through the public API: every failing field and rule
// is listed in one ValidationError, and nothing reaches the database.
#include "context.hpp"

#include <catch2/catch.hpp>

#include <stdexcept>
#include <string>
#include <vector>

using namespace tabula;

namespace {

// Statements logged by a Database, to show that none was sent.
struct StatementLog {
    std::vector<std::string> lines;
    bool has(const std::string& word) const {
        for (const auto& l : lines)
            if (l.find(word) != std::string::npos) return true;
        return false;
    }
};

Model& defineMember(Database& db) {
    Model& Member = db.define(
        "member",
        {{"email",
          {.type = DataTypes::STRING,
           .allowNull = false,
           .validate = {.notEmpty = true, .isEmail = true}}},
         {"name", {.type = DataTypes::STRING, .validate = {.len = Length{2, 10}}}},
         {"age", {.type = DataTypes::INTEGER, .validate = {.min = 0, .max = 150}}},
         {"price", {.type = DataTypes::DECIMAL(10, 2), .validate = {.min = 0}}},
         {"site", {.type = DataTypes::STRING, .validate = {.isUrl = true}}},
         {"role",
          {.type = DataTypes::STRING, .validate = {.isIn = {Value("admin"), Value("user")}}}},
         {"code", {.type = DataTypes::STRING, .validate = {.is = "[A-Z]{3}"}}},
         {"nick",
          {.type = DataTypes::STRING, .validate = {.custom = {{"notReserved", [](const Value& v) {
                                                                   if (v == Value("root"))
                                                                       throw std::invalid_argument(
                                                                           "'root' is reserved");
                                                               }}}}}}});
    Member.sync({.force = true});
    return Member;
}

const Values goodMember{{"email", "ann@example.com"},
                        {"name", "Ann"},
                        {"age", 31},
                        {"price", Value::decimal("9.50")},
                        {"site", "https://example.com/ann"},
                        {"role", "admin"},
                        {"code", "ABC"},
                        {"nick", "annie"}};

} // namespace

TEST_CASE("create with bad values lists every failing field and rule, sending nothing",
          "[validations]") {
    StatementLog log;
    auto db = conformance::open({.logging = [&](const std::string& l) { log.lines.push_back(l); }});
    Model& Member = defineMember(*db);
    log.lines.clear();
    try {
        Member.create({{"email", "not-an-email"},
                       {"name", "Z"},
                       {"age", 200},
                       {"price", Value::decimal("-1.50")},
                       {"site", "javascript:alert(1)"},
                       {"role", "root"},
                       {"code", "abc"},
                       {"nick", "root"}});
        FAIL("no error");
    } catch (const ValidationError& e) {
        std::vector<std::pair<std::string, std::string>> failed;
        for (const auto& item : e.errors())
            failed.emplace_back(item.path, item.validator);
        REQUIRE(failed ==
                std::vector<std::pair<std::string, std::string>>{{"email", "isEmail"},
                                                                 {"name", "len"},
                                                                 {"age", "max"},
                                                                 {"price", "min"},
                                                                 {"site", "isUrl"},
                                                                 {"role", "isIn"},
                                                                 {"code", "is"},
                                                                 {"nick", "notReserved"}});
        REQUIRE(e.errors()[0].value == Value("not-an-email"));
        const std::string what = e.what();
        // Sequelize's messages; the reasons say why.
        REQUIRE_THAT(what, Catch::Contains("Validation error: Validation isEmail on email failed"));
        REQUIRE_THAT(what, Catch::Contains("Validation error: Validation max on age failed"));
        REQUIRE(e.errors()[2].reason == "200 is greater than 150");
        REQUIRE(e.errors()[7].message == "'root' is reserved");
    }
    // An empty email fails both of its rules.
    try {
        Member.create({{"email", " "}});
        FAIL("no error");
    } catch (const ValidationError& e) {
        REQUIRE(e.errors().size() == 2);
        REQUIRE(e.errors()[0].validator == "notEmpty");
        REQUIRE(e.errors()[1].validator == "isEmail");
    }
    REQUIRE_FALSE(log.has("INSERT"));
    REQUIRE(Member.count() == 0);
}

TEST_CASE("valid values pass every validator and are stored", "[validations]") {
    auto db = conformance::open();
    Model& Member = defineMember(*db);
    Instance ann = Member.create(goodMember);
    auto stored = Member.findByPk(ann.get("id"));
    REQUIRE(stored);
    REQUIRE(stored->get("email").asString() == "ann@example.com");
    REQUIRE(stored->get("age").asInt() == 31);
    REQUIRE(stored->get("code").asString() == "ABC");
    // Null skips the validators: only allowNull applies.
    Member.create({{"email", "bob@example.org"}, {"name", nullptr}, {"age", nullptr}});
    REQUIRE(Member.count() == 2);
}

TEST_CASE("update and save of a stored row with a bad value leave the row unchanged",
          "[validations]") {
    StatementLog log;
    auto db = conformance::open({.logging = [&](const std::string& l) { log.lines.push_back(l); }});
    Model& Member = defineMember(*db);
    Instance ann = Member.create(goodMember);
    const Value id = ann.get("id");
    log.lines.clear();

    try {
        ann.update({{"age", -5}, {"site", "http://"}});
        FAIL("no error");
    } catch (const ValidationError& e) {
        REQUIRE(e.errors().size() == 2);
        REQUIRE(e.errors()[0].path == "age");
        REQUIRE(e.errors()[0].validator == "min");
        REQUIRE(e.errors()[1].path == "site");
        REQUIRE(e.errors()[1].validator == "isUrl");
    }

    Instance again = *Member.findByPk(id);
    again.set("email", "nope");
    REQUIRE_THROWS_AS(again.save(), ValidationError);

    REQUIRE_THROWS_AS(Member.update({{"role", "guest"}}, {.where = {{"id", id}}}), ValidationError);
    REQUIRE_FALSE(log.has("UPDATE"));

    auto stored = Member.findByPk(id);
    REQUIRE(stored->get("age").asInt() == 31);
    REQUIRE(stored->get("site").asString() == "https://example.com/ann");
    REQUIRE(stored->get("email").asString() == "ann@example.com");
    REQUIRE(stored->get("role").asString() == "admin");

    // A good value still saves after a rejected one is corrected.
    again.set("email", "ann@example.net");
    again.save();
    REQUIRE(log.has("UPDATE"));
    REQUIRE(Member.findByPk(id)->get("email").asString() == "ann@example.net");
}

TEST_CASE("bulkCreate with one bad row and upsert with a bad value send nothing", "[validations]") {
    StatementLog log;
    auto db = conformance::open({.logging = [&](const std::string& l) { log.lines.push_back(l); }});
    Model& Member = defineMember(*db);
    log.lines.clear();
    Values bad = goodMember;
    bad[0].second = "ann@example"; // no dot in the domain
    try {
        Member.bulkCreate({goodMember, bad, goodMember});
        FAIL("no error");
    } catch (const ValidationError& e) {
        REQUIRE(e.errors().size() == 1);
        REQUIRE(e.errors()[0].path == "email");
        REQUIRE(e.errors()[0].validator == "isEmail");
        REQUIRE(e.errors()[0].value == Value("ann@example"));
    }
    REQUIRE_THROWS_AS(Member.upsert(bad), ValidationError);
    REQUIRE_FALSE(log.has("INSERT"));
    REQUIRE(Member.count() == 0);

    Member.bulkCreate({goodMember, goodMember});
    REQUIRE(log.has("INSERT")); // the log does see statements
    REQUIRE(Member.count() == 2);
}
