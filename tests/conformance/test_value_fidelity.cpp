// Value fidelity: a value is stored and read back exactly, or refused with a
// typed error before anything is written; never stored as another value.
// Each case lists its values with the dialects that can hold them; the
// others must refuse them, through Model::create, a raw INSERT with the
// value as a bound parameter and a bulk load, and leave the table empty.
#include "context.hpp"

#include <catch2/catch.hpp>

#include <chrono>
#include <cmath>
#include <limits>
#include <string>
#include <vector>

using namespace tabula;
using namespace std::chrono;

namespace {

// Which dialects keep a value; the rest refuse it.
struct Keeps {
    bool sqlite = false;
    bool postgres = false;
    bool mysql = false;

    bool here() const {
        if (conformance::isSqlite()) return sqlite;
        if (conformance::isPostgres()) return postgres;
        if (conformance::isMysql()) return mysql;
        return false;
    }
};

constexpr Keeps everywhere{true, true, true};

struct Case {
    Value value;
    Keeps keeps;
};

struct FidelityFixture {
    std::unique_ptr<Database> db = conformance::open();
    Model& Item = db->define("fidelity",
                             {{"stamp", DataTypes::DATE},
                              {"calday", DataTypes::DATEONLY},
                              {"ratio", DataTypes::DOUBLE},
                              {"price", DataTypes::DECIMAL(10, 2)},
                              {"whole", DataTypes::DECIMAL(20, 0)},
                              {"big", DataTypes::BIGINT}},
                             {.timestamps = false});
    FidelityFixture() { Item.sync({.force = true}); }

    static void requireSame(const Value& stored, const Value& value) {
        INFO(value.toJSONText() << " came back as " << stored.toJSONText() << " ("
                                << toString(stored.kind()) << ")");
        REQUIRE(stored.kind() == value.kind());
        if (value.kind() == ValueKind::Double && std::isnan(value.asDouble()))
            REQUIRE(std::isnan(stored.asDouble()));
        else
            REQUIRE(stored == value);
    }

    std::string insertSql(const std::string& attribute) const {
        return "INSERT INTO " + Item.tableName() + " (" + attribute + ") VALUES (?)";
    }

    // Written by Model::create, then by a raw INSERT: each reads back the same.
    void requireKept(const std::string& attribute, const Value& value) {
        REQUIRE(Item.count() == 0);
        Instance made = Item.create({{attribute, value}});
        requireSame(made.get(attribute), value);
        std::optional<Instance> found = Item.findByPk(made.get("id"));
        REQUIRE(found);
        requireSame(found->get(attribute), value);
        found->destroy();

        db->query(insertSql(attribute), {.replacements = {value}});
        std::vector<Instance> rows = Item.findAll();
        REQUIRE(rows.size() == 1);
        requireSame(rows[0].get(attribute), value);
        rows[0].destroy();

        // A bulk load that reads nothing back (PostgreSQL's COPY).
        Item.bulkCreate({{{attribute, value}}}, {.returning = false});
        rows = Item.findAll();
        REQUIRE(rows.size() == 1);
        requireSame(rows[0].get(attribute), value);
        rows[0].destroy();
    }

    // Both ways of writing throw a typed error that names the column and
    // says the data is wrong (SQLSTATE class 22), and nothing is written.
    void requireRefused(const std::string& attribute, const Value& value) {
        REQUIRE(Item.count() == 0);
        try {
            Item.create({{attribute, value}});
            FAIL("stored " << value.toJSONText() << " in " << attribute);
        } catch (const DatabaseError& e) {
            INFO(e.what());
            CHECK(std::string(e.what()).find(attribute) != std::string::npos);
            CHECK(e.sqlstate().substr(0, 2) == "22");
        }
        REQUIRE(Item.count() == 0);
        try {
            db->query(insertSql(attribute), {.replacements = {value}});
            FAIL("stored " << value.toJSONText() << " in " << attribute << " by a raw INSERT");
        } catch (const DatabaseError& e) {
            INFO(e.what());
            CHECK(std::string(e.what()).find(attribute) != std::string::npos);
            CHECK(e.sqlstate().substr(0, 2) == "22");
        }
        REQUIRE(Item.count() == 0);
        try {
            Item.bulkCreate({{{attribute, value}}}, {.returning = false});
            FAIL("stored " << value.toJSONText() << " in " << attribute << " by a bulk load");
        } catch (const DatabaseError& e) {
            INFO(e.what());
            CHECK(e.sqlstate().substr(0, 2) == "22");
        }
        REQUIRE(Item.count() == 0);
    }

    void check(const std::string& attribute, const std::vector<Case>& cases) {
        for (const Case& c : cases) {
            INFO(attribute << " = " << c.value.toJSONText());
            if (c.keeps.here())
                requireKept(attribute, c.value);
            else
                requireRefused(attribute, c.value);
        }
    }
};

Timestamp stamp(year_month_day day, milliseconds time = milliseconds{0}) {
    return Timestamp{sys_days{day} + time};
}

constexpr milliseconds lastMilli = hours{23} + minutes{59} + seconds{59} + milliseconds{999};

} // namespace

TEST_CASE_METHOD(FidelityFixture, "timestamps outside the years 1000 to 9999 are kept or refused",
                 "[fidelity]") {
    // SQLite keeps any year, PostgreSQL 4713 BC to AD 294276, MySQL 1000 to 9999.
    const Keeps sqliteAndPostgres{true, true, false};
    const Keeps sqliteOnly{true, false, false};
    check("stamp",
          {
              {stamp(year{2024} / 6 / 1, hours{12} + milliseconds{789}), everywhere},
              {stamp(year{1000} / 1 / 1), everywhere},
              {stamp(year{9999} / 12 / 31, lastMilli), everywhere},
              {stamp(year{999} / 12 / 31, lastMilli), sqliteAndPostgres},
              {stamp(year{10000} / 1 / 1), sqliteAndPostgres},
              {stamp(year{0} / 2 / 29, hours{12}), sqliteAndPostgres},
              {stamp(year{-43} / 3 / 15, hours{12} + milliseconds{250}), sqliteAndPostgres},
              {Value(Timestamp{microseconds{9'223'372'036'854'775'000}}), sqliteAndPostgres},
              {stamp(year{-5000} / 1 / 1), sqliteOnly},
              {Value(Timestamp{microseconds{-9'223'372'036'854'775'000}}), sqliteOnly},
          });
    // PostgreSQL keeps microseconds, to the last one a Timestamp holds (the
    // others keep a DATE to the millisecond, as JavaScript does).
    if (conformance::isPostgres()) check("stamp", {{Value(Timestamp::max()), everywhere}});
}

TEST_CASE_METHOD(FidelityFixture, "dates outside the years 1000 to 9999 are kept or refused",
                 "[fidelity]") {
    // SQLite keeps any date as text, PostgreSQL 4713 BC to AD 5874897, MySQL 1000 to 9999.
    const Keeps sqliteAndPostgres{true, true, false};
    const Keeps sqliteOnly{true, false, false};
    check("calday", {
                        {Value::date("2024-02-29"), everywhere},
                        {Value::date("1000-01-01"), everywhere},
                        {Value::date("9999-12-31"), everywhere},
                        {Value::date("0999-12-31"), sqliteAndPostgres},
                        {Value::date("+010000-01-01"), sqliteAndPostgres},
                        {Value::date("0000-02-29"), sqliteAndPostgres},
                        {Value::date("-000043-03-15"), sqliteAndPostgres},
                        {Value::date("+5874897-12-31"), sqliteAndPostgres},
                        {Value::date("+5874898-01-01"), sqliteOnly},
                        {Value::date("-005000-01-01"), sqliteOnly},
                    });
    // A day read back in PostgreSQL's spelling is the same value.
    REQUIRE(Value::date("0044-03-15 BC") == Value::date("-000043-03-15"));
}

TEST_CASE_METHOD(FidelityFixture, "a double NaN or infinity is kept or refused", "[fidelity]") {
    // PostgreSQL's double precision holds both; SQLite stores NaN as NULL and
    // MySQL's DOUBLE holds neither.
    const double inf = std::numeric_limits<double>::infinity();
    check("ratio", {
                       {Value(0.1), everywhere},
                       {Value(std::nan("")), {false, true, false}},
                       {Value(inf), {true, true, false}},
                       {Value(-inf), {true, true, false}},
                   });
}

TEST_CASE_METHOD(FidelityFixture, "a decimal NaN or infinity is kept or refused", "[fidelity]") {
    // PostgreSQL's numeric holds NaN, and infinities only without a precision.
    check("price", {
                       {Value::decimal("12.50"), everywhere},
                       {Value::decimal("NaN"), {false, true, false}},
                       {Value::decimal("Infinity"), {}},
                       {Value::decimal("-Infinity"), {}},
                   });

    // A double NaN given for a decimal attribute becomes the decimal NaN.
    if (conformance::isPostgres()) {
        Instance made = Item.create({{"price", std::nan("")}});
        REQUIRE(made.get("price") == Value::decimal("NaN"));
        REQUIRE(Item.findByPk(made.get("id"))->get("price") == Value::decimal("NaN"));
    } else {
        REQUIRE_THROWS_AS(Item.create({{"price", std::nan("")}}), DatabaseError);
        REQUIRE(Item.count() == 0);
    }
}

TEST_CASE_METHOD(FidelityFixture, "decimal text that is no number is refused", "[fidelity]") {
    // It never becomes a decimal value at all.
    REQUIRE_THROWS_AS(Value::decimal("abc"), UsageError);
    REQUIRE_THROWS_AS(Value::decimal("12,50"), UsageError);
    try {
        Item.create({{"price", "abc"}});
        FAIL("stored 'abc' as a decimal");
    } catch (const ValidationError& e) {
        REQUIRE(e.errors().size() == 1);
        REQUIRE(e.errors()[0].path == "price");
        REQUIRE(std::string(e.what()).find("'abc'") != std::string::npos);
    }
    REQUIRE(Item.count() == 0);
}

TEST_CASE_METHOD(FidelityFixture, "an unsigned integer past INT64_MAX is kept or refused",
                 "[fidelity]") {
    const Value largest(std::numeric_limits<unsigned long long>::max());
    REQUIRE(largest.kind() == ValueKind::Decimal);
    REQUIRE(largest.text() == "18446744073709551615");

    // A DECIMAL(20, 0) holds it exactly. SQLite keeps a decimal as a
    // number: exactly while it is a 64-bit integer, else as a double.
    check("whole", {
                       {Value::decimal("9223372036854775807"), everywhere},
                       {Value::decimal("-1234567890123456789"), everywhere},
                   });
    if (!conformance::isSqlite()) check("whole", {{largest, everywhere}});

    // A BIGINT cannot: validation says so and nothing is sent.
    try {
        Item.create({{"big", largest}});
        FAIL("stored " << largest.toJSONText() << " in a BIGINT");
    } catch (const ValidationError& e) {
        REQUIRE(e.errors().size() == 1);
        REQUIRE(e.errors()[0].path == "big");
        REQUIRE(std::string(e.what()).find("18446744073709551615") != std::string::npos);
    }
    REQUIRE(Item.count() == 0);
}
