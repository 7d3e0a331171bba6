// English inflection as Sequelize applies it: plural table names from model
// names, singular forms, and snake_case columns for underscored models.
#include "inflection.hpp"

#include <catch2/catch.hpp>

#include <string>
#include <utility>
#include <vector>

using tabula::detail::pluralize;
using tabula::detail::singularize;
using tabula::detail::underscore;

namespace {

// Singular and plural pairs that both directions must agree on.
const std::vector<std::pair<std::string, std::string>>& pairs() {
    static const std::vector<std::pair<std::string, std::string>> words{
        {"user", "users"},        {"person", "people"},   {"category", "categories"},
        {"status", "statuses"},   {"box", "boxes"},       {"child", "children"},
        {"sheep", "sheep"},       {"quiz", "quizzes"},    {"matrix", "matrices"},
        {"wife", "wives"},        {"bus", "buses"},       {"userProfile", "userProfiles"},
        {"address", "addresses"}, {"church", "churches"}, {"dish", "dishes"},
        {"day", "days"},          {"wolf", "wolves"},     {"index", "indices"},
        {"man", "men"},           {"mouse", "mice"},      {"analysis", "analyses"},
        {"medium", "media"},      {"octopus", "octopi"},  {"tomato", "tomatoes"},
        {"news", "news"},         {"fish", "fish"},       {"user_account", "user_accounts"}};
    return words;
}

} // namespace

TEST_CASE("pluralize regular and irregular words", "[inflection]") {
    for (const auto& [singular, plural] : pairs()) {
        INFO(singular);
        REQUIRE(pluralize(singular) == plural);
    }
}

TEST_CASE("singularize regular and irregular words", "[inflection]") {
    for (const auto& [singular, plural] : pairs()) {
        INFO(plural);
        REQUIRE(singularize(plural) == singular);
    }
}

TEST_CASE("a plural stays plural and a singular stays singular", "[inflection]") {
    for (const char* plural : {"users", "people", "categories", "statuses", "children", "boxes"}) {
        INFO(plural);
        REQUIRE(pluralize(plural) == plural);
    }
    for (const char* singular : {"user", "person", "category", "child", "box", "quiz", "matrix"}) {
        INFO(singular);
        REQUIRE(singularize(singular) == singular);
    }
}

TEST_CASE("singularize keeps words that already end in -us as they are", "[inflection]") {
    // Sequelize (through the inflection package) leaves these unchanged.
    REQUIRE(singularize("status") == "status");
    REQUIRE(singularize("bus") == "bus");
    REQUIRE(singularize("userStatus") == "userStatus");
}

TEST_CASE("only the last word of a compound name is inflected, keeping its case", "[inflection]") {
    REQUIRE(pluralize("userPerson") == "userPeople");
    REQUIRE(pluralize("blogCategory") == "blogCategories");
    REQUIRE(pluralize("Person") == "People");
    REQUIRE(pluralize("Child") == "Children");
    REQUIRE(pluralize("farm_sheep") == "farm_sheep");
    REQUIRE(singularize("userPeople") == "userPerson");
    REQUIRE(singularize("blog_categories") == "blog_category");
    REQUIRE(pluralize("") == "");
}

TEST_CASE("underscore turns camelCase into snake_case", "[inflection]") {
    REQUIRE(underscore("firstName") == "first_name");
    REQUIRE(underscore("createdAt") == "created_at");
    REQUIRE(underscore("userID") == "user_id");
    REQUIRE(underscore("id") == "id");
    REQUIRE(underscore("already_snake") == "already_snake");
    REQUIRE(underscore("HTMLParser") == "html_parser");
    REQUIRE(underscore("userIDNumber") == "user_id_number");
    REQUIRE(underscore("address2Line") == "address2_line");
    REQUIRE(underscore("Name") == "name");
    REQUIRE(underscore("") == "");
}
