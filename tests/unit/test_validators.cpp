// The attribute validators of Attribute::validate, called directly: each rule
// with passing and failing values, and the items and messages it produces.
#include "validators.hpp"

#include <catch2/catch.hpp>

#include <atomic>
#include <chrono>
#include <cmath>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

using namespace tabula;
using tabula::detail::runValidators;

namespace {

std::vector<ValidationErrorItem> check(const Validate& rules, const Value& value,
                                       const std::string& attribute = "field") {
    std::vector<ValidationErrorItem> errors;
    runValidators("user", attribute, rules, value, errors);
    return errors;
}

bool passes(const Validate& rules, const Value& value) { return check(rules, value).empty(); }

// The one failing rule's name, or "" when the value passes.
std::string failedRule(const Validate& rules, const Value& value) {
    auto errors = check(rules, value);
    REQUIRE(errors.size() <= 1);
    return errors.empty() ? "" : errors.front().validator;
}

} // namespace

TEST_CASE("no rules, no items", "[validators]") {
    REQUIRE(passes({}, Value("anything")));
    REQUIRE(passes({}, Value(42)));
}

TEST_CASE("notEmpty fails on empty or blank text only", "[validators]") {
    const Validate rules{.notEmpty = true};
    REQUIRE(passes(rules, Value("x")));
    REQUIRE(passes(rules, Value(" x ")));
    REQUIRE(passes(rules, Value(0)));
    REQUIRE(passes(rules, Value(false)));
    REQUIRE(failedRule(rules, Value("")) == "notEmpty");
    REQUIRE(failedRule(rules, Value(" \t\n")) == "notEmpty");
    auto errors = check(rules, Value("  "), "name");
    REQUIRE(errors.front().path == "name");
    REQUIRE(errors.front().reason == "'  ' is empty");
    REQUIRE(errors.front().value == Value("  "));
}

TEST_CASE("len counts Unicode characters of the text form", "[validators]") {
    const Validate rules{.len = Length{3, 5}};
    REQUIRE(passes(rules, Value("Zoë"))); // 4 bytes, 3 characters
    REQUIRE(passes(rules, Value("日本語")));
    REQUIRE(passes(rules, Value("abcde")));
    REQUIRE(passes(rules, Value(12345))); // "12345"
    REQUIRE(failedRule(rules, Value("ab")) == "len");
    REQUIRE(failedRule(rules, Value("abcdef")) == "len");
    REQUIRE(failedRule(rules, Value(123456)) == "len");
    auto errors = check(rules, Value("Zö"), "name");
    REQUIRE(errors.front().reason == "'Zö' has 2 characters, expected between 3 and 5");

    REQUIRE(passes({.len = Length{.max = 3}}, Value("Zoë")));
    REQUIRE(check({.len = Length{.max = 3}}, Value("Zoey")).front().reason ==
            "'Zoey' has 4 characters, expected at most 3");
    REQUIRE(check({.len = Length{.min = 4}}, Value("Zoë")).front().reason ==
            "'Zoë' has 3 characters, expected at least 4");
}

TEST_CASE("isEmail accepts practical addresses", "[validators]") {
    const Validate rules{.isEmail = true};
    for (const char* good : {"a@b.c", "john.doe@example.com", "x+tag@mail.example.co.uk",
                             "o'neil@my-host.org", "USER@EXAMPLE.COM", "zoë@exämple.de"}) {
        INFO(good);
        REQUIRE(passes(rules, Value(good)));
    }
    for (const char* bad :
         {"a@b",    "a b@c.de", "not-an-email", "@b.c",   "a@",      "a@@b.c", "a@b@c.de",
          ".a@b.c", "a.@b.c",   "a..b@c.de",    "a@.b.c", "a@b.c.",  "a@b..c", "a@-b.c",
          "a@b-.c", "a@b_c.de", "a@127.0.0.1",  "a@b.c ", "<a>@b.c", ""}) {
        INFO(bad);
        REQUIRE(failedRule(rules, Value(bad)) == "isEmail");
    }
    REQUIRE(failedRule(rules, Value(5)) == "isEmail");
    REQUIRE(check(rules, Value("not-an-email"), "email").front().reason ==
            "'not-an-email' is not an email address");
}

TEST_CASE("isUrl accepts http, https and ftp URLs with a host", "[validators]") {
    const Validate rules{.isUrl = true};
    for (const char* good :
         {"http://localhost:8080/x?y=1", "ftp://x.org", "https://example.com",
          "HTTPS://Example.COM/a/b/c.html", "http://10.0.0.1/", "http://sub.example.co.uk:443",
          "https://example.com/search?q=a%20b&n=1#top", "http://LOCALHOST", "http://x.org?q"}) {
        INFO(good);
        REQUIRE(passes(rules, Value(good)));
    }
    for (const char* bad :
         {"javascript:alert(1)", "http://", "http://x", "example.com", "mailto:a@b.c",
          "file:///etc/passwd", "http://a b.com", "http://x.org/a b", "http://x.org:0",
          "http://x.org:65536", "http://x.org:", "http://x.org:80a", "http://256.1.1.1",
          "http://1.2.3", "http://user:pw@x.org", "http://-x.org", "//x.org", ""}) {
        INFO(bad);
        REQUIRE(failedRule(rules, Value(bad)) == "isUrl");
    }
    REQUIRE(check(rules, Value("http://"), "site").front().reason ==
            "'http://' is not an http, https or ftp URL");
}

TEST_CASE("isInt takes integers and whole-number text", "[validators]") {
    const Validate rules{.isInt = true};
    for (const Value& good :
         {Value(0), Value(-7), Value("42"), Value("-42"), Value("+3"), Value::decimal("12")}) {
        INFO(good);
        REQUIRE(passes(rules, good));
    }
    for (const Value& bad :
         {Value(1.5), Value(2.0), Value("1.5"), Value(""), Value("-"), Value(" 1"), Value("1e3"),
          Value("abc"), Value(true), Value::decimal("1.50")}) {
        INFO(bad);
        REQUIRE(failedRule(rules, bad) == "isInt");
    }
    REQUIRE(check(rules, Value("1.5"), "age").front().reason == "'1.5' is not an integer");
}

TEST_CASE("isFloat takes numbers and text that is wholly a number", "[validators]") {
    const Validate rules{.isFloat = true};
    for (const Value& good : {Value(3), Value(2.5), Value("2.5"), Value("-0.5"), Value(".5"),
                              Value("5."), Value("1e-3"), Value("+7E2"), Value::decimal("12.50")}) {
        INFO(good);
        REQUIRE(passes(rules, good));
    }
    for (const Value& bad :
         {Value("abc"), Value("1.5x"), Value(""), Value("."), Value("1e"), Value("nan"),
          Value("inf"), Value("0x10"), Value(" 1"), Value(std::nan("")), Value(false)}) {
        INFO(bad);
        REQUIRE(failedRule(rules, bad) == "isFloat");
    }
    REQUIRE(check(rules, Value("abc"), "price").front().reason == "'abc' is not a number");
}

TEST_CASE("min and max compare numbers, numeric text and decimals", "[validators]") {
    const Validate rules{.min = 18, .max = 150};
    for (const Value& good : {Value(18), Value(150), Value(40.5), Value("18"), Value("99.9"),
                              Value::decimal("150.00")}) {
        INFO(good);
        REQUIRE(passes(rules, good));
    }
    REQUIRE(failedRule(rules, Value(17)) == "min");
    REQUIRE(failedRule(rules, Value(17.99)) == "min");
    REQUIRE(failedRule(rules, Value("-1")) == "min");
    REQUIRE(failedRule(rules, Value(151)) == "max");
    REQUIRE(failedRule(rules, Value::decimal("150.01")) == "max");
    REQUIRE(check(rules, Value(3), "age").front().reason == "3 is less than 18");
    REQUIRE(check({.max = 2.5}, Value(3), "age").front().reason == "3 is greater than 2.5");

    // Not a number at all: each bound reports it.
    auto errors = check(rules, Value("old"), "age");
    REQUIRE(errors.size() == 2);
    REQUIRE(errors[0].validator == "min");
    REQUIRE(errors[1].validator == "max");
    REQUIRE(errors[0].reason == "'old' is not a number");
    REQUIRE(failedRule({.min = 0}, Value(true)) == "min");
    REQUIRE(failedRule({.max = 0}, Value(std::nan(""))) == "max");
}

TEST_CASE("isIn and notIn use Value equality, not text forms", "[validators]") {
    const Validate in{.isIn = {Value("admin"), Value("user"), Value(1)}};
    REQUIRE(passes(in, Value("admin")));
    REQUIRE(passes(in, Value(1)));
    REQUIRE(passes(in, Value(1.0))); // the same number
    REQUIRE(failedRule(in, Value("1")) == "isIn");
    REQUIRE(failedRule(in, Value("Admin")) == "isIn");
    REQUIRE(check(in, Value("root"), "role").front().reason ==
            "'root' is not one of ['admin', 'user', 1]");

    const Validate out{.notIn = {Value("root"), Value(0)}};
    REQUIRE(passes(out, Value("admin")));
    REQUIRE(passes(out, Value("0")));
    REQUIRE(failedRule(out, Value(0)) == "notIn");
    REQUIRE(check(out, Value("root"), "role").front().reason ==
            "'root' is one of the forbidden values ['root', 0]");
}

TEST_CASE("is matches the whole text against an ECMAScript pattern", "[validators]") {
    const Validate rules{.is = "[A-Z]{3}-\\d+"};
    REQUIRE(passes(rules, Value("ABC-123")));
    REQUIRE(failedRule(rules, Value("xABC-123")) == "is"); // whole text, not a search
    REQUIRE(failedRule(rules, Value("ABC-123 ")) == "is");
    REQUIRE(failedRule(rules, Value("abc-1")) == "is");
    REQUIRE(passes({.is = "\\d+"}, Value(2024))); // the text form of a number
    REQUIRE(check(rules, Value("abc"), "code").front().reason ==
            "'abc' does not match /[A-Z]{3}-\\d+/");
}

TEST_CASE("an invalid `is` pattern is a UsageError naming the attribute", "[validators]") {
    const Validate rules{.is = "([a-z"};
    REQUIRE_THROWS_AS(check(rules, Value("x"), "code"), UsageError);
    REQUIRE_THROWS_WITH(check(rules, Value("x"), "code"),
                        Catch::Contains("user.code") && Catch::Contains("([a-z"));
    REQUIRE_THROWS_AS(check({.is = std::string("a\0b", 3)}, Value("a")), UsageError);
    REQUIRE(passes({.is = "a\\x00b"}, Value(std::string("a\0b", 3))));
}

TEST_CASE("is keeps the ECMAScript meaning of common patterns", "[validators]") {
    // The whole text must match, whichever alternative comes first.
    REQUIRE(passes({.is = "a|ab"}, Value("ab")));
    REQUIRE(passes({.is = "(?:x|xy)z?"}, Value("xyz")));
    REQUIRE(failedRule({.is = "a|ab"}, Value("abc")) == "is");
    // ^ and $ are allowed and mean the ends of the text; $ does not match
    // before a final newline.
    REQUIRE(passes({.is = "^abc$"}, Value("abc")));
    REQUIRE(failedRule({.is = "^abc$"}, Value("abc\n")) == "is");
    REQUIRE(failedRule({.is = "abc"}, Value("abc\n")) == "is");
    // Empty text matches a pattern that allows it.
    REQUIRE(passes({.is = "\\d*"}, Value("")));
    REQUIRE(failedRule({.is = "\\d+"}, Value("")) == "is");
    // Classes, escapes, back references, lookahead, lazy quantifiers.
    REQUIRE(passes({.is = "[[:alpha:]]+\\s\\w+"}, Value("ab c_1")));
    REQUIRE(passes({.is = "\\u0041\\x42"}, Value("AB")));
    REQUIRE(passes({.is = "(a+)-\\1"}, Value("aa-aa")));
    REQUIRE(failedRule({.is = "(a+)-\\1"}, Value("aa-a")) == "is");
    REQUIRE(passes({.is = "(?=.*\\d)[a-z\\d]{4,}"}, Value("abc1")));
    REQUIRE(failedRule({.is = "(?=.*\\d)[a-z\\d]{4,}"}, Value("abcd")) == "is");
    REQUIRE(passes({.is = "a.*?b"}, Value("axxbxb")));
    REQUIRE(passes({.is = "[^]*"}, Value("any\nthing")));
    // Many groups: more than a match reports positions for.
    std::string groups, text;
    for (char c = 'a'; c <= 'z'; ++c) {
        groups += std::string("(") + c + ")";
        text += c;
    }
    REQUIRE(passes({.is = groups}, Value(text)));
    REQUIRE(failedRule({.is = groups}, Value(text + "!")) == "is");
}

namespace {

// `length` characters alternating a and b.
std::string ab(size_t length) {
    std::string text(length, 'a');
    for (size_t i = 1; i < length; i += 2)
        text[i] = 'b';
    return text;
}

// True when `errors` is the one item that says the pattern could not be
// checked against the text in the engine's limits.
bool limitItem(const std::vector<ValidationErrorItem>& errors) {
    return errors.size() == 1 && errors.front().validator == "is" &&
           errors.front().reason.find("limit") != std::string::npos;
}

} // namespace

TEST_CASE("is on very long text matches or reports the engine's limit, never crashes",
          "[validators]") {
    const Validate rules{.is = "^(a|b)*$"};
    for (size_t length : {size_t{50000}, size_t{1000000}}) {
        INFO(length);
        const std::string text = ab(length);
        auto errors = check(rules, Value(text), "code");
        REQUIRE((errors.empty() || limitItem(errors)));
        if (!errors.empty()) {
            // The message names the pattern and the length, not the text.
            REQUIRE(errors.front().reason.size() < 400);
            REQUIRE(errors.front().message == "Validation is on code failed");
            REQUIRE_THAT(errors.front().reason, Catch::Contains(std::to_string(length)));
        }
        // Text that does not match is never let through.
        auto bad = check(rules, Value(text + "c"), "code");
        REQUIRE(bad.size() == 1);
        REQUIRE(bad.front().validator == "is");
    }
    // A pattern that needs no backtracking per character takes long text.
    REQUIRE(passes({.is = "[ab]*"}, Value(ab(1000000))));
    REQUIRE(passes({.is = "^[ab]+$"}, Value(ab(1000000))));
}

TEST_CASE("is with catastrophic backtracking reports the limit quickly", "[validators]") {
    for (const std::string pattern : {"^(a+)+$", "(a|aa)+", "(a*)*b", "^(\\w+\\s?)*$"}) {
        INFO(pattern);
        const std::string text = std::string(40, 'a') + "!";
        const auto start = std::chrono::steady_clock::now();
        auto errors = check({.is = pattern}, Value(text), "code");
        const auto took = std::chrono::steady_clock::now() - start;
        REQUIRE(errors.size() == 1);
        REQUIRE(errors.front().validator == "is");
        REQUIRE(took < std::chrono::seconds(5));
    }
    REQUIRE(limitItem(check({.is = "^(a+)+$"}, Value(std::string(40, 'a') + "b"))));
    // The same pattern still matches text it matches without backtracking.
    REQUIRE(passes({.is = "^(a+)+$"}, Value(std::string(40, 'a'))));
}

TEST_CASE("compiled patterns are shared safely between threads", "[validators]") {
    const Validate rules{.is = "t[0-9]+-ok"};
    std::atomic<int> failures{0};
    std::vector<std::thread> threads;
    for (int t = 0; t < 4; ++t)
        threads.emplace_back([&, t] {
            for (int i = 0; i < 200; ++i) {
                const std::string good = "t" + std::to_string(t * 1000 + i) + "-ok";
                if (!passes(rules, Value(good)) || passes(rules, Value(good + "!"))) ++failures;
            }
        });
    for (auto& th : threads)
        th.join();
    REQUIRE(failures == 0);
}

TEST_CASE("custom rules fail by throwing and are named after themselves", "[validators]") {
    std::vector<Value> seen;
    const Validate rules{.custom = {{"notAdmin",
                                     [&](const Value& v) {
                                         seen.push_back(v);
                                         if (v == Value("admin"))
                                             throw std::invalid_argument("admin is reserved");
                                     }},
                                    {"shortEnough", [](const Value& v) {
                                         if (v.asString().size() > 4)
                                             throw std::runtime_error("too long for a nickname");
                                     }}}};
    REQUIRE(passes(rules, Value("bob")));
    REQUIRE(seen == std::vector<Value>{Value("bob")});

    auto errors = check(rules, Value("admin"), "nick");
    REQUIRE(errors.size() == 2);
    REQUIRE(errors[0].validator == "notAdmin");
    REQUIRE(errors[0].path == "nick");
    REQUIRE(errors[0].reason == "admin is reserved");
    REQUIRE(errors[0].message == "admin is reserved"); // verbatim, as Sequelize passes it
    REQUIRE(errors[1].validator == "shortEnough");
    REQUIRE(errors[1].reason == "too long for a nickname");
    REQUIRE(errors[1].value == Value("admin"));

    const Validate empty{.custom = {{"missing", nullptr}}};
    REQUIRE_THROWS_AS(check(empty, Value("x")), UsageError);
}

TEST_CASE("every failing rule adds its own item, after earlier items", "[validators]") {
    const Validate rules{.notEmpty = true,
                         .len = Length{2, 10},
                         .isEmail = true,
                         .isUrl = true,
                         .isInt = true,
                         .isFloat = true,
                         .min = 1,
                         .max = 5,
                         .isIn = {Value("a@b.cd")},
                         .notIn = {Value("")},
                         .is = "\\w+",
                         .custom = {{"never", [](const Value&) { throw std::logic_error("no"); }}}};
    std::vector<ValidationErrorItem> errors{{"other", "notNull", "earlier", Value()}};
    runValidators("user", "email", rules, Value(""), errors);
    std::vector<std::string> names;
    for (const auto& e : errors)
        names.push_back(e.validator);
    REQUIRE(names == std::vector<std::string>{"notNull", "notEmpty", "len", "isEmail", "isUrl",
                                              "isInt", "isFloat", "min", "max", "isIn", "notIn",
                                              "is", "never"});
    for (size_t i = 1; i < errors.size(); ++i) {
        INFO(errors[i].message);
        REQUIRE(errors[i].path == "email");
        REQUIRE(errors[i].value == Value(""));
        // Sequelize's message for a built-in rule; a custom one's own.
        if (errors[i].validator == "never")
            REQUIRE(errors[i].message == "no");
        else
            REQUIRE(errors[i].message == "Validation " + errors[i].validator + " on email failed");
    }

    // Two rules of a more usual set.
    auto two = check({.len = Length{5, 100}, .isEmail = true}, Value("a@b"), "email");
    REQUIRE(two.size() == 2);
    REQUIRE(two[0].validator == "len");
    REQUIRE(two[1].validator == "isEmail");
}
