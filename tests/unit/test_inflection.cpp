// English inflection as Sequelize applies it: plural table names from model
// names, singular forms, and snake_case columns for underscored models.
#include "inflection.hpp"

#include <catch2/catch.hpp>

#include <fstream>
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
        {"user", "users"},
        {"person", "people"},
        {"category", "categories"},
        {"status", "statuses"},
        {"box", "boxes"},
        {"child", "children"},
        {"sheep", "sheep"},
        {"quiz", "quizzes"},
        {"matrix", "matrices"},
        {"wife", "wives"},
        {"bus", "buses"},
        {"userProfile", "userProfiles"},
        {"address", "addresses"},
        {"church", "churches"},
        {"dish", "dishes"},
        {"day", "days"},
        {"wolf", "wolves"},
        {"index", "indices"},
        {"man", "men"},
        {"mouse", "mice"},
        {"medium", "media"},
        {"octopus", "octopuses"},
        {"tomato", "tomatoes"},
        {"news", "news"},
        {"user_account", "user_accounts"}};
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

TEST_CASE("the rules see the whole name, keeping its case", "[inflection]") {
    REQUIRE(pluralize("userPerson") == "userPeople");
    REQUIRE(pluralize("blogCategory") == "blogCategories");
    REQUIRE(pluralize("Person") == "People");
    REQUIRE(pluralize("Child") == "Children");
    // Only a whole name is uncountable, and "^(m|wom)an$" needs the whole name.
    REQUIRE(pluralize("farm_sheep") == "farm_sheeps");
    REQUIRE(pluralize("Fireman") == "Firemans");
    REQUIRE(singularize("userPeople") == "userPerson");
    REQUIRE(singularize("blog_categories") == "blog_category");
}

TEST_CASE("common model names take the plural Sequelize gives them", "[inflection]") {
    REQUIRE(pluralize("campus") == "campuses");
    REQUIRE(pluralize("bonus") == "bonuses");
    REQUIRE(pluralize("canvas") == "canvases");
    REQUIRE(pluralize("virus") == "viruses");
    REQUIRE(pluralize("cow") == "cows");
    REQUIRE(singularize("campuses") == "campus");
    REQUIRE(singularize("viruses") == "virus");
}

// tests/unit/data/inflection-table.tsv is written by scripts/inflection-table.js
// from the npm package `inflection` 1.13.4: word, plural, singular per line.
TEST_CASE("pluralize and singularize agree with inflection 1.13.4 on every word of the table",
          "[inflection]") {
    std::ifstream in(std::string(TABULA_TEST_SOURCE_DIR) + "/tests/unit/data/inflection-table.tsv");
    REQUIRE(in.good());
    std::string line;
    size_t words = 0;
    while (std::getline(in, line)) {
        if (line.empty() || line[0] == '#') continue;
        std::vector<std::string> cols;
        size_t start = 0;
        for (size_t tab; (tab = line.find('\t', start)) != std::string::npos; start = tab + 1)
            cols.push_back(line.substr(start, tab - start));
        cols.push_back(line.substr(start));
        INFO(line);
        REQUIRE(cols.size() == 3);
        CHECK(pluralize(cols[0]) == cols[1]);
        CHECK(singularize(cols[0]) == cols[2]);
        ++words;
    }
    REQUIRE(words >= 200);
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
