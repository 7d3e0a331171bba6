// Value: kinds, conversions and their errors, timestamp text, JSON rendering,
// Poco Dynamic::Var round trips and equality across numeric kinds.
#include <tabula/errors.hpp>
#include <tabula/value.hpp>

#include <Poco/Dynamic/Var.h>
#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>

#include <catch2/catch.hpp>

#include <chrono>
#include <cmath>
#include <cstdint>
#include <limits>
#include <sstream>
#include <string>

using namespace tabula;
using namespace std::chrono;

namespace {

// 2024-01-02 03:04:05 UTC plus the given fraction.
Timestamp at(microseconds fraction = microseconds{0}) {
    return Timestamp{sys_days{year{2024} / 1 / 2} + hours{3} + minutes{4} + seconds{5} + fraction};
}

} // namespace

TEST_CASE("each constructor gives its kind", "[value]") {
    REQUIRE(Value().kind() == ValueKind::Null);
    REQUIRE(Value(nullptr).isNull());
    REQUIRE(Value(static_cast<const char*>(nullptr)).isNull());
    REQUIRE(Value(true).kind() == ValueKind::Bool);
    REQUIRE(Value(42).kind() == ValueKind::Int);
    REQUIRE(Value(42L).kind() == ValueKind::Int);
    REQUIRE(Value(42LL).kind() == ValueKind::Int);
    REQUIRE(Value(42U).kind() == ValueKind::Int);
    REQUIRE(Value(42UL).kind() == ValueKind::Int);
    REQUIRE(Value(1.5).kind() == ValueKind::Double);
    REQUIRE(Value(1.5F).kind() == ValueKind::Double);
    REQUIRE(Value("text").kind() == ValueKind::Text);
    REQUIRE(Value(std::string("text")).kind() == ValueKind::Text);
    REQUIRE(Value(std::string_view("text")).kind() == ValueKind::Text);
    REQUIRE(Value(at()).kind() == ValueKind::Timestamp);
    REQUIRE(Value(system_clock::now()).kind() == ValueKind::Timestamp);
    REQUIRE(Value(Bytes{0, 255}).kind() == ValueKind::Bytes);
    REQUIRE(Value({1, 2, 3}).kind() == ValueKind::Array);
    REQUIRE(Value::decimal("12.50").kind() == ValueKind::Decimal);
    REQUIRE(Value::date("2024-02-29").kind() == ValueKind::Date);
    REQUIRE(Value::time("13:45:30").kind() == ValueKind::Time);
    REQUIRE(Value::json("{}").kind() == ValueKind::Json);
    REQUIRE(Value::uuid("8f14e45f-ceea-467a-9af0-2f8a5e1c2d3b").kind() == ValueKind::Uuid);
    REQUIRE(Value::array({}).kind() == ValueKind::Array);
    REQUIRE(Value::now().kind() == ValueKind::Timestamp);

    REQUIRE(Value::decimal("12.50").text() == "12.50");
    REQUIRE(Value::array({1, "a"}).asArray().size() == 2);
    REQUIRE(std::string(toString(ValueKind::Timestamp)) == "timestamp");
    REQUIRE(std::string(toString(ValueKind::Text)) == "text");
}

TEST_CASE("values convert between kinds", "[value]") {
    SECTION("asInt") {
        REQUIRE(Value(42).asInt() == 42);
        REQUIRE(Value(true).asInt() == 1);
        REQUIRE(Value(3.9).asInt() == 3);
        REQUIRE(Value(-3.9).asInt() == -3);
        REQUIRE(Value("42").asInt() == 42);
        REQUIRE(Value("-9223372036854775807").asInt() == -9223372036854775807LL);
        REQUIRE(Value::decimal("12.50").asInt() == 12);
        REQUIRE(Value(std::numeric_limits<std::int64_t>::max()).asInt() ==
                std::numeric_limits<std::int64_t>::max());
    }
    SECTION("asDouble") {
        REQUIRE(Value(0.1).asDouble() == 0.1);
        REQUIRE(Value(3).asDouble() == 3.0);
        REQUIRE(Value(false).asDouble() == 0.0);
        REQUIRE(Value("2.5").asDouble() == 2.5);
        REQUIRE(Value("1e300").asDouble() == 1e300);
        REQUIRE(Value::decimal("12.50").asDouble() == 12.5);
    }
    SECTION("asString") {
        REQUIRE(Value().asString().empty());
        REQUIRE(Value(true).asString() == "true");
        REQUIRE(Value(-7).asString() == "-7");
        REQUIRE(Value(0.1).asString() == "0.1");
        REQUIRE(Value(1e300).asString() == "1e+300");
        REQUIRE(Value::decimal("12.50").asString() == "12.50");
        REQUIRE(Value::date("2024-02-29").asString() == "2024-02-29");
        REQUIRE(Value::time("13:45:30").asString() == "13:45:30");
        REQUIRE(Value(at(milliseconds{678})).asString() == "2024-01-02T03:04:05.678Z");
        REQUIRE(Value(Bytes{'h', 'i'}).asString() == "hi");
        REQUIRE(Value({1, "a"}).asString() == "[1,\"a\"]");
    }
    SECTION("asBool") {
        REQUIRE(Value(true).asBool());
        REQUIRE_FALSE(Value(0).asBool());
        REQUIRE(Value(2).asBool());
        REQUIRE(Value("true").asBool());
        REQUIRE(Value("1").asBool());
        REQUIRE_FALSE(Value("false").asBool());
        REQUIRE_FALSE(Value("0").asBool());
        REQUIRE_FALSE(Value(0.0).asBool());
    }
    SECTION("asTimestamp") {
        REQUIRE(Value(at()).asTimestamp() == at());
        REQUIRE(Value("2024-01-02T03:04:05Z").asTimestamp() == at());
        REQUIRE(Value(1000LL).asTimestamp() == Timestamp{seconds{1}}); // JavaScript milliseconds
    }
    SECTION("as<T>") {
        REQUIRE(Value("7").as<int>() == 7);
        REQUIRE(Value(7).as<long long>() == 7);
        REQUIRE(Value(7).as<double>() == 7.0);
        REQUIRE(Value(7).as<std::string>() == "7");
        REQUIRE(Value(1).as<bool>());
        REQUIRE(Value(at()).as<Timestamp>() == at());
    }
}

TEST_CASE("a conversion that cannot work throws UsageError naming both kinds", "[value]") {
    using Catch::Contains;
    REQUIRE_THROWS_AS(Value("abc").asInt(), UsageError);
    REQUIRE_THROWS_WITH(Value("abc").asInt(), Contains("text") && Contains("integer"));
    REQUIRE_THROWS_WITH(Value("12abc").asInt(), Contains("text") && Contains("integer"));
    REQUIRE_THROWS_WITH(Value().asInt(), Contains("null") && Contains("integer"));
    REQUIRE_THROWS_WITH(Value(Bytes{1}).asInt(), Contains("bytes") && Contains("integer"));
    REQUIRE_THROWS_WITH(Value(std::nan("")).asInt(), Contains("double") && Contains("integer"));
    REQUIRE_THROWS_WITH(Value(1e300).asInt(), Contains("double") && Contains("integer"));
    REQUIRE_THROWS_WITH(Value("x").asDouble(), Contains("text") && Contains("double"));
    REQUIRE_THROWS_WITH(Value("").asDouble(), Contains("text") && Contains("double"));
    REQUIRE_THROWS_WITH(Value(at()).asDouble(), Contains("timestamp") && Contains("double"));
    REQUIRE_THROWS_WITH(Value("maybe").asBool(), Contains("text") && Contains("boolean"));
    REQUIRE_THROWS_WITH(Value().asBool(), Contains("null") && Contains("boolean"));
    REQUIRE_THROWS_WITH(Value(1.5).asTimestamp(), Contains("double") && Contains("timestamp"));
    REQUIRE_THROWS_WITH(Value("x").asBytes(), Contains("text") && Contains("bytes"));
    REQUIRE_THROWS_WITH(Value(1).asArray(), Contains("integer") && Contains("array"));
    REQUIRE_THROWS_WITH(Value(1).text(), Contains("integer") && Contains("text"));
    REQUIRE_THROWS_AS(Value("not a date").asTimestamp(), UsageError);
}

TEST_CASE("timestamps parse from ISO 8601 and SQL text", "[value]") {
    REQUIRE(Value::parseTimestamp("2024-01-02T03:04:05Z") == at());
    REQUIRE(Value::parseTimestamp("2024-01-02 03:04:05") == at());
    REQUIRE(Value::parseTimestamp("2024-01-02T03:04:05z") == at());
    REQUIRE(Value::parseTimestamp("2024-01-02 03:04:05+00:00") == at());
    REQUIRE(Value::parseTimestamp("2024-01-02 03:04:05 +00:00") == at());

    SECTION("offsets move the instant to UTC") {
        REQUIRE(Value::parseTimestamp("2024-01-02T05:04:05+02:00") == at());
        REQUIRE(Value::parseTimestamp("2024-01-02T05:04:05+0200") == at());
        REQUIRE(Value::parseTimestamp("2024-01-02T05:04:05+02") == at());
        REQUIRE(Value::parseTimestamp("2024-01-01T21:34:05-05:30") == at());
        // Across a day and a year boundary.
        REQUIRE(Value::parseTimestamp("2023-12-31T23:30:00-04:00") ==
                Timestamp{sys_days{year{2024} / 1 / 1} + hours{3} + minutes{30}});
    }
    SECTION("fractional seconds up to microseconds") {
        REQUIRE(Value::parseTimestamp("2024-01-02T03:04:05.5Z") == at(milliseconds{500}));
        REQUIRE(Value::parseTimestamp("2024-01-02T03:04:05.678Z") == at(milliseconds{678}));
        REQUIRE(Value::parseTimestamp("2024-01-02T03:04:05.123456Z") == at(microseconds{123456}));
        REQUIRE(Value::parseTimestamp("2024-01-02T03:04:05.123456789Z") ==
                at(microseconds{123456}));
        REQUIRE(Value::parseTimestamp("2024-01-02 05:04:05.25+02:00") == at(milliseconds{250}));
    }
    SECTION("the SQLite dialect's own form") {
        REQUIRE(Value::parseTimestamp("2024-01-02 03:04:05.678 +00:00") == at(milliseconds{678}));
        REQUIRE(Value::parseTimestamp("1969-07-20 20:17:00.000 +00:00") ==
                Timestamp{sys_days{year{1969} / 7 / 20} + hours{20} + minutes{17}});
        for (const char* bad : {"2024-02-30 03:04:05.678 +00:00", "2024-01-02 24:04:05.678 +00:00",
                                "2024-01-02 03:60:05.678 +00:00", "2024-01-02 03:04:05.6x8 +00:00",
                                "2024-00-02 03:04:05.678 +00:00"})
            REQUIRE_THROWS_AS(Value::parseTimestamp(bad), UsageError);
    }
    SECTION("a date alone is midnight UTC") {
        REQUIRE(Value::parseTimestamp("2024-02-29") == Timestamp{sys_days{year{2024} / 2 / 29}});
    }
    SECTION("invalid text throws") {
        for (const char* bad :
             {"", "garbage", "2024-13-01", "2024-02-30", "2023-02-29", "2024-01-02T25:00:00Z",
              "2024-01-02T03:61:00Z", "2024-01-02T03:04:05.Z", "2024-01-02T03:04:05 junk",
              "2024-01-02T03:04:05+xx:00", "24-01-02", "2024/01/02"}) {
            INFO(bad);
            REQUIRE_THROWS_AS(Value::parseTimestamp(bad), UsageError);
        }
        REQUIRE_THROWS_WITH(Value::parseTimestamp("garbage"), Catch::Contains("garbage"));
    }
}

TEST_CASE("timestamps format as UTC text with milliseconds", "[value]") {
    REQUIRE(Value::formatTimestamp(at(milliseconds{678})) == "2024-01-02 03:04:05.678 +00:00");
    REQUIRE(Value::formatTimestamp(at()) == "2024-01-02 03:04:05.000 +00:00");
    REQUIRE(Value::formatTimestamp(Timestamp{}) == "1970-01-01 00:00:00.000 +00:00");
    // Before the epoch the fields still count forward from midnight.
    REQUIRE(Value::formatTimestamp(Timestamp{milliseconds{-500}}) ==
            "1969-12-31 23:59:59.500 +00:00");
    for (Timestamp t : {at(), at(milliseconds{1}), at(milliseconds{999}), Timestamp{}}) {
        REQUIRE(Value::parseTimestamp(Value::formatTimestamp(t)) == t);
    }
}

TEST_CASE("toJSONText renders each kind as JSON", "[value]") {
    REQUIRE(Value().toJSONText() == "null");
    REQUIRE(Value(true).toJSONText() == "true");
    REQUIRE(Value(false).toJSONText() == "false");
    REQUIRE(Value(-42).toJSONText() == "-42");
    REQUIRE(Value(9007199254740993LL).toJSONText() == "9007199254740993");
    REQUIRE(Value(0.5).toJSONText() == "0.5");
    REQUIRE(Value(0.1).toJSONText() == "0.1");
    REQUIRE(Value(std::nan("")).toJSONText() == "null");
    REQUIRE(Value(std::numeric_limits<double>::infinity()).toJSONText() == "null");
    REQUIRE(Value("say \"hi\"\\\n\t\x01").toJSONText() == "\"say \\\"hi\\\"\\\\\\n\\t\\u0001\"");
    REQUIRE(Value("Zoë 🦀").toJSONText() == "\"Zoë 🦀\"");
    REQUIRE(Value::decimal("12.50").toJSONText() == "\"12.50\"");
    REQUIRE(Value::date("2024-02-29").toJSONText() == "\"2024-02-29\"");
    REQUIRE(Value::time("13:45:30").toJSONText() == "\"13:45:30\"");
    REQUIRE(Value::uuid("8f14e45f-ceea-467a-9af0-2f8a5e1c2d3b").toJSONText() ==
            "\"8f14e45f-ceea-467a-9af0-2f8a5e1c2d3b\"");
    REQUIRE(Value(at(milliseconds{678})).toJSONText() == "\"2024-01-02T03:04:05.678Z\"");
    REQUIRE(Value::json("{\"a\":[1,2]}").toJSONText() == "{\"a\":[1,2]}");
    REQUIRE(Value::json("").toJSONText() == "null");
    REQUIRE(Value(Bytes{0, 255}).toJSONText() == "{\"type\":\"Buffer\",\"data\":[0,255]}");
    REQUIRE(Value({1, "a", nullptr, Value::array({true})}).toJSONText() == "[1,\"a\",null,[true]]");
    REQUIRE(Value::array({}).toJSONText() == "[]");

    // Whatever it renders, a JSON parser reads back (inside an array, as
    // Poco's parser takes no scalar at the top).
    Poco::JSON::Parser parser;
    Poco::Dynamic::Var parsed = parser.parse("[" + Value("\x01\x1f\"\\/").toJSONText() + "]");
    REQUIRE(parsed.extract<Poco::JSON::Array::Ptr>()->getElement<std::string>(0) ==
            "\x01\x1f\"\\/");
}

TEST_CASE("values round-trip through Poco Dynamic::Var", "[value]") {
    for (const Value& v : {Value(), Value(true), Value(false), Value(0), Value(-42),
                           Value(std::numeric_limits<std::int64_t>::max()),
                           Value(std::numeric_limits<std::int64_t>::min()), Value(0.1),
                           Value(-1e300), Value(""), Value("Zoë \"quoted\"\n")}) {
        INFO(v.toJSONText());
        Value back = Value::fromVar(v.toVar());
        REQUIRE(back.kind() == v.kind());
        REQUIRE(back == v);
    }

    SECTION("JSON values become Poco JSON and come back as JSON") {
        Value doc = Value::json(R"({"a":1,"b":[true,null,"x"],"c":{"d":2.5}})");
        Poco::Dynamic::Var var = doc.toVar();
        REQUIRE(var.type() == typeid(Poco::JSON::Object::Ptr));
        auto object = var.extract<Poco::JSON::Object::Ptr>();
        REQUIRE(object->getValue<int>("a") == 1);
        REQUIRE(object->getArray("b")->size() == 3);
        Value back = Value::fromVar(var);
        REQUIRE(back.kind() == ValueKind::Json);
        REQUIRE(back.text() == doc.text());

        Value list = Value::json("[1,\"two\",3.5]");
        REQUIRE(Value::fromVar(list.toVar()).text() == "[1,\"two\",3.5]");
    }
    SECTION("JSON scalars become the Var of that scalar") {
        REQUIRE(Value::json("42").toVar() == 42);
        REQUIRE(Value::json("2.5").toVar() == 2.5);
        REQUIRE(Value::json("\"text\"").toVar() == std::string("text"));
        REQUIRE(Value::json("true").toVar() == true);
        REQUIRE(Value::json("null").toVar().isEmpty());
        REQUIRE(Value::fromVar(Value::json("\"text\"").toVar()) == Value("text"));
    }
    SECTION("arrays become Poco JSON arrays") {
        Poco::Dynamic::Var var = Value({1, "a", nullptr}).toVar();
        REQUIRE(var.type() == typeid(Poco::JSON::Array::Ptr));
        REQUIRE(var.extract<Poco::JSON::Array::Ptr>()->size() == 3);
        REQUIRE(Value::fromVar(var).toJSONText() == "[1,\"a\",null]");
    }
    SECTION("Poco's own scalar types map to the nearest kind") {
        REQUIRE(Value::fromVar(Poco::Dynamic::Var(Poco::Int32(-5))) == Value(-5));
        REQUIRE(Value::fromVar(Poco::Dynamic::Var(Poco::UInt16(65535))) == Value(65535));
        REQUIRE(Value::fromVar(Poco::Dynamic::Var(Poco::UInt16(65535))).kind() == ValueKind::Int);
        REQUIRE(Value::fromVar(Poco::Dynamic::Var(2.5F)).kind() == ValueKind::Double);
        REQUIRE(Value::fromVar(Poco::Dynamic::Var(std::string("s"))) == Value("s"));
        REQUIRE(Value::fromVar(Poco::Dynamic::Var(true)) == Value(true));
    }
    SECTION("other kinds travel as their text") {
        REQUIRE(Value::decimal("12.50").toVar().convert<std::string>() == "12.50");
        REQUIRE(Value(at(milliseconds{678})).toVar().convert<std::string>() ==
                "2024-01-02T03:04:05.678Z");
    }
}

TEST_CASE("equality compares numbers by value across Int and Double", "[value]") {
    REQUIRE(Value(1) == Value(1.0));
    REQUIRE(Value(2.0) == Value(2));
    REQUIRE(Value(2) == Value(2.0F));
    REQUIRE(Value(1) != Value(1.5));
    REQUIRE(Value(-3) == Value(-3LL));
    REQUIRE(Value() == Value(nullptr));
    REQUIRE(Value() != Value(0));
    REQUIRE(Value("1") != Value(1));
    REQUIRE(Value::decimal("1") != Value("1"));
    REQUIRE(Value::json("1") != Value(1));
    REQUIRE(Value("a") == Value(std::string("a")));
    REQUIRE(Value({1, 2}) == Value({1.0, 2.0}));
    REQUIRE(Value({1, 2}) != Value({1, 3}));
    REQUIRE(Value(Bytes{0, 1}) == Value(Bytes{0, 1}));
    REQUIRE(Value(at()) == Value(at()));
    REQUIRE(Value(at()) != Value(at(microseconds{1})));
}

TEST_CASE("equality of Int and Double is exact beyond 2^53", "[value]") {
    // 2^53 + 1 has no double; the nearest double is 2^53, a different number.
    REQUIRE(Value(9007199254740993LL) != Value(9007199254740992.0));
    REQUIRE(Value(9007199254740992LL) == Value(9007199254740992.0));
    REQUIRE(Value(std::numeric_limits<std::int64_t>::max()) != Value(9223372036854775808.0));
}

TEST_CASE("values print as their text, null as NULL", "[value]") {
    std::ostringstream out;
    out << Value() << ' ' << Value(3) << ' ' << Value("x") << ' ' << Value(true);
    REQUIRE(out.str() == "NULL 3 x true");
}

TEST_CASE("text of every length keeps its bytes through copies and moves", "[value]") {
    // Up to 22 bytes the text sits inside the value, past that on the heap:
    // both sides of the boundary, empty text and text with a NUL byte.
    for (const std::size_t size : {0, 1, 21, 22, 23, 24, 200}) {
        std::string text(size, 'x');
        if (size > 2) text[size / 2] = '\0';
        INFO("size " << size);
        const Value original = Value::json(text);
        REQUIRE(original.kind() == ValueKind::Json);
        REQUIRE(original.text() == text);

        Value copy = original;
        REQUIRE(copy.text() == text);
        REQUIRE(copy == original);
        // The copy has text of its own: dropping the original leaves it intact.
        {
            Value dropped = original;
            Value kept = dropped;
            dropped = Value(5);
            REQUIRE(kept.text() == text);
        }

        Value moved = std::move(copy);
        REQUIRE(moved.text() == text);
        REQUIRE(copy.isNull()); // NOLINT(bugprone-use-after-move): moved-from is null

        Value target("something long enough to live on the heap, not inline");
        target = moved;
        REQUIRE(target.text() == text);
        target = std::move(moved);
        REQUIRE(target.text() == text);
        const Value& self = target;
        target = self;
        REQUIRE(target.text() == text);
        REQUIRE(target.kind() == ValueKind::Json);
    }
}

TEST_CASE("bytes and lists survive copies, moves and a growing vector", "[value]") {
    const Bytes bytes(100, 7);
    std::vector<Value> values;
    for (int i = 0; i < 40; ++i) {
        switch (i % 5) {
        case 0: values.emplace_back(bytes); break;
        case 1: values.push_back(Value::array({i, "item", std::string(40, 'a')})); break;
        case 2: values.emplace_back(std::string(30 + i, 'b')); break;
        case 3: values.emplace_back(Value::decimal(std::to_string(i) + ".25")); break;
        default: values.emplace_back(i); break;
        }
    }
    const std::vector<Value> copies = values; // copied while the vector grew by moving
    for (int i = 0; i < 40; ++i) {
        INFO("value " << i);
        const Value& v = values[static_cast<std::size_t>(i)];
        REQUIRE(v == copies[static_cast<std::size_t>(i)]);
        switch (i % 5) {
        case 0: REQUIRE(v.asBytes() == bytes); break;
        case 1:
            REQUIRE(v.asArray().size() == 3);
            REQUIRE(v.asArray()[0].asInt() == i);
            REQUIRE(v.asArray()[2].text() == std::string(40, 'a'));
            break;
        case 2: REQUIRE(v.text() == std::string(static_cast<std::size_t>(30 + i), 'b')); break;
        case 3: REQUIRE(v.text() == std::to_string(i) + ".25"); break;
        default: REQUIRE(v.asInt() == i); break;
        }
    }
    Value b(bytes);
    Value c = b;
    b = Value();
    REQUIRE(c.asBytes() == bytes);
    REQUIRE(Value(Bytes{}).asBytes().empty());
}

TEST_CASE("timestamps past year 9999 and before year 0 format as ISO 8601 expanded years",
          "[value][fidelity]") {
    REQUIRE(Value::formatTimestamp(Timestamp{sys_days{year{10000} / 1 / 1}}) ==
            "+010000-01-01 00:00:00.000 +00:00");
    REQUIRE(Value::formatTimestamp(Timestamp{sys_days{year{9999} / 12 / 31} + hours{23} +
                                             minutes{59} + seconds{59} + milliseconds{999}}) ==
            "9999-12-31 23:59:59.999 +00:00");
    REQUIRE(Value::formatTimestamp(Timestamp{sys_days{year{0} / 2 / 29} + hours{12}}) ==
            "0000-02-29 12:00:00.000 +00:00");
    REQUIRE(Value::formatTimestamp(Timestamp{sys_days{year{-1} / 12 / 31} + hours{23}}) ==
            "-000001-12-31 23:00:00.000 +00:00");
    REQUIRE(Value::formatTimestamp(Timestamp{sys_days{year{-43} / 3 / 15} + milliseconds{250}}) ==
            "-000043-03-15 00:00:00.250 +00:00");
    REQUIRE(Value(Timestamp{sys_days{year{12345} / 6 / 7}}).toJSONText() ==
            "\"+012345-06-07T00:00:00.000Z\"");
    REQUIRE(Value(Timestamp{sys_days{year{-43} / 3 / 15}}).asString() ==
            "-000043-03-15T00:00:00.000Z");

    SECTION("the smallest and the largest Timestamp, without overflow") {
        REQUIRE(Value::formatTimestamp(Timestamp::max()) == "+294247-01-10 04:00:54.775 +00:00");
        REQUIRE(Value::formatTimestamp(Timestamp::min()) == "-290308-12-21 19:59:05.224 +00:00");
        REQUIRE(Value(Timestamp::max()).toJSONText() == "\"+294247-01-10T04:00:54.775Z\"");
        REQUIRE(Value(Timestamp::min()).asString() == "-290308-12-21T19:59:05.224Z");
    }
}

TEST_CASE("timestamps with expanded years and BC parse back exactly", "[value][fidelity]") {
    for (Timestamp t :
         {Timestamp{sys_days{year{10000} / 1 / 1}}, Timestamp{sys_days{year{0} / 2 / 29}},
          Timestamp{sys_days{year{-43} / 3 / 15} + hours{12} + milliseconds{250}},
          Timestamp{sys_days{year{-4712} / 1 / 1}}, Timestamp{sys_days{year{32767} / 12 / 31}},
          Timestamp{microseconds{9'223'372'036'854'775'000}},
          Timestamp{microseconds{-9'223'372'036'854'775'000}}}) {
        INFO(Value::formatTimestamp(t));
        REQUIRE(Value::parseTimestamp(Value::formatTimestamp(t)) == t);
        REQUIRE(Value::parseTimestamp(Value(t).asString()) == t);
    }
    SECTION("to the microsecond at both ends") {
        REQUIRE(Value::parseTimestamp("+294247-01-10 04:00:54.775807 +00:00") == Timestamp::max());
        REQUIRE(Value::parseTimestamp("-290308-12-21T19:59:05.224192Z") == Timestamp::min());
    }
    SECTION("PostgreSQL's spellings: a long year without a sign, and BC") {
        REQUIRE(Value::parseTimestamp("10000-01-01 00:00:00+00") ==
                Timestamp{sys_days{year{10000} / 1 / 1}});
        REQUIRE(Value::parseTimestamp("0044-03-15 12:00:00.25+00 BC") ==
                Timestamp{sys_days{year{-43} / 3 / 15} + hours{12} + milliseconds{250}});
        REQUIRE(Value::parseTimestamp("0001-02-29 BC") == Timestamp{sys_days{year{0} / 2 / 29}});
        REQUIRE(Value::parseTimestamp("294247-01-10 04:00:54.775807+00") == Timestamp::max());
    }
    SECTION("out of range or malformed text throws UsageError, never wraps") {
        for (const char* bad :
             {"+294247-01-10 04:00:54.775808 +00:00", "-290308-12-21 19:59:05.224191Z",
              "+300000-01-01", "-300000-01-01", "0000-01-01 BC", "-000001-01-01 BC", "0001-02-29",
              "+1234567890-01-01", "+10000-01-01x", "0001-01-01 AD"}) {
            INFO(bad);
            REQUIRE_THROWS_AS(Value::parseTimestamp(bad), UsageError);
        }
        REQUIRE_THROWS_WITH(Value::parseTimestamp("+300000-01-01"),
                            Catch::Contains("+300000-01-01") && Catch::Contains("range"));
    }
    SECTION("milliseconds past what a timestamp holds are refused") {
        REQUIRE(Value(9'223'372'036'854'775LL).asTimestamp() ==
                Timestamp{microseconds{9'223'372'036'854'775'000}});
        REQUIRE_THROWS_AS(Value(std::numeric_limits<std::int64_t>::max()).asTimestamp(),
                          UsageError);
        REQUIRE_THROWS_AS(Value(std::numeric_limits<std::int64_t>::min()).asTimestamp(),
                          UsageError);
    }
}

TEST_CASE("dates format and parse with expanded years and BC", "[value][fidelity]") {
    REQUIRE(Value::formatDate(sys_days{year{2024} / 2 / 29}) == "2024-02-29");
    REQUIRE(Value::formatDate(sys_days{year{10000} / 1 / 1}) == "+010000-01-01");
    REQUIRE(Value::formatDate(sys_days{year{-43} / 3 / 15}) == "-000043-03-15");
    // The first and the last day PostgreSQL keeps, as it counts them.
    REQUIRE(Value::formatDate(sys_days{days{2'145'042'905}}) == "+5874897-12-31");
    REQUIRE(Value::formatDate(sys_days{days{-2'440'588}}) == "-004713-11-24");

    REQUIRE(Value::parseDate("+010000-01-01") == sys_days{year{10000} / 1 / 1});
    REQUIRE(Value::parseDate("10000-01-01") == sys_days{year{10000} / 1 / 1});
    REQUIRE(Value::parseDate("0044-03-15 BC") == sys_days{year{-43} / 3 / 15});
    REQUIRE(Value::parseDate("-0043-03-15") == sys_days{year{-43} / 3 / 15});
    REQUIRE(Value::parseDate("5874897-12-31") == Value::parseDate("+5874897-12-31"));
    for (const char* bad : {"", "2023-02-29", "2024-13-01", "24-01-01", "+10000-01-01 12:00",
                            "0000-01-01 BC", "2024-01-01x"}) {
        INFO(bad);
        REQUIRE_FALSE(Value::parseDate(bad));
    }

    SECTION("every day from 32767 BC to AD 32767 agrees with std::chrono") {
        for (int y = -32767; y <= 32767; y += 7) {
            for (unsigned m : {1u, 2u, 3u, 12u}) {
                const year_month_day ymd = year{y} / month{m} / last;
                const std::string text = Value::formatDate(sys_days{ymd});
                INFO(text);
                REQUIRE(Value::parseDate(text) == sys_days{ymd});
            }
        }
    }
    SECTION("Value::date keeps every spelling of a day in the one form") {
        REQUIRE(Value::date("0044-03-15 BC").text() == "-000043-03-15");
        REQUIRE(Value::date("10000-01-01").text() == "+010000-01-01");
        REQUIRE(Value::date("+10000-01-01").text() == "+010000-01-01");
        REQUIRE(Value::date("2024-02-29").text() == "2024-02-29");
        REQUIRE(Value::date("0044-03-15 BC") == Value::date("-000043-03-15"));
        REQUIRE(Value::date("-000043-03-15").asTimestamp() ==
                Timestamp{sys_days{year{-43} / 3 / 15}});
    }
}

TEST_CASE("an unsigned number past INT64_MAX is kept exactly as a decimal", "[value][fidelity]") {
    const Value largest(std::numeric_limits<unsigned long long>::max());
    REQUIRE(largest.kind() == ValueKind::Decimal);
    REQUIRE(largest.text() == "18446744073709551615");
    REQUIRE(largest.asString() == "18446744073709551615");
    REQUIRE(Value(9'223'372'036'854'775'808ULL).text() == "9223372036854775808");
    REQUIRE(Value(9'223'372'036'854'775'808UL).kind() == ValueKind::Decimal);
    REQUIRE(Value(9'223'372'036'854'775'807ULL).kind() == ValueKind::Int);
    REQUIRE(Value(9'223'372'036'854'775'807ULL).asInt() == 9'223'372'036'854'775'807LL);
    REQUIRE_THROWS_AS(largest.asInt(), UsageError);
    REQUIRE(Value::fromVar(Poco::Dynamic::Var(std::numeric_limits<Poco::UInt64>::max())) ==
            largest);
}

TEST_CASE("a decimal is a number, NaN or an infinity; other text is refused", "[value][fidelity]") {
    for (const char* good : {"12.50", "-0.05", "+7", ".5", "5.", "1e3", "-1.5E-7"})
        REQUIRE(Value::decimal(good).text() == good);
    REQUIRE(Value::decimal("NaN").text() == "NaN");
    REQUIRE(Value::decimal("nan").text() == "NaN");
    REQUIRE(Value::decimal("Infinity").text() == "Infinity");
    REQUIRE(Value::decimal("inf").text() == "Infinity");
    REQUIRE(Value::decimal("-Infinity").text() == "-Infinity");
    REQUIRE(Value::decimal("-inf").text() == "-Infinity");
    for (const char* bad : {"abc", "", "-", ".", "1.2.3", "12,50", "1e", "0x10", " 1", "-nan"}) {
        INFO(bad);
        REQUIRE_THROWS_AS(Value::decimal(bad), UsageError);
    }
    REQUIRE_THROWS_WITH(Value::decimal("abc"),
                        Catch::Contains("'abc'") && Catch::Contains("not a decimal number"));
}
