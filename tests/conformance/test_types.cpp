// Data types: every DataType keeps its value and its ValueKind from create()
// through findByPk(), defaults fill missing values, and nulls are refused or kept.
#include "context.hpp"

#include <Poco/JSON/Parser.h>
#include <Poco/JSON/Stringifier.h>

#include <catch2/catch.hpp>

#include <chrono>
#include <cstdlib>
#include <ctime>
#include <optional>
#include <regex>
#include <set>
#include <sstream>

using namespace tabula;
using namespace std::chrono;

namespace {

// A table with one attribute of each type, all nullable.
struct TypesFixture {
    std::unique_ptr<Database> db = conformance::open();
    Model& Sample = db->define("sample",
                               {{"name", DataTypes::STRING(20)},
                                {"code", DataTypes::CHAR(3)},
                                {"body", DataTypes::TEXT},
                                {"count", DataTypes::INTEGER},
                                {"big", DataTypes::BIGINT},
                                {"ratio", DataTypes::FLOAT},
                                {"precise", DataTypes::DOUBLE},
                                {"amount", DataTypes::DECIMAL(30, 9)},
                                {"price", DataTypes::DECIMAL(10, 2)},
                                {"active", DataTypes::BOOLEAN},
                                {"at", DataTypes::DATE},
                                {"day", DataTypes::DATEONLY},
                                {"clock", DataTypes::TIME},
                                {"token", DataTypes::UUID},
                                {"doc", DataTypes::JSON},
                                {"data", DataTypes::BLOB},
                                {"state", DataTypes::ENUM({"draft", "published"})}},
                               {.timestamps = false});
    TypesFixture() { Sample.sync({.force = true}); }

    // Stores `value` in `attribute` of a new row and reads it back by key.
    Value roundTrip(const std::string& attribute, const Value& value) {
        made = Sample.create({{attribute, value}});
        std::optional<Instance> found = Sample.findByPk(made->get("id"));
        REQUIRE(found);
        return found->get(attribute);
    }

    // The value comes back equal and of the same kind; the instance that
    // create() returned holds it too.
    void requireSame(const std::string& attribute, const Value& value) {
        Value stored = roundTrip(attribute, value);
        INFO(attribute << ": " << value.toJSONText() << " came back as " << stored.toJSONText()
                       << " (" << toString(stored.kind()) << ")");
        REQUIRE(stored.kind() == value.kind());
        REQUIRE(stored == value);
        REQUIRE(made->get(attribute).kind() == value.kind());
        REQUIRE(made->get(attribute) == value);
    }

    std::optional<Instance> made;
};

// JSON text in one spelling, so that dialects that reformat JSON (spaces,
// key order) compare equal to what was written. Poco's parser takes no
// scalar at the top, hence the array around the text.
std::string canonicalJson(std::string_view text) {
    Poco::JSON::Parser parser;
    std::ostringstream out;
    Poco::JSON::Stringifier::condense(parser.parse(std::string("[").append(text).append("]")), out);
    return out.str();
}

Timestamp instantWithMillis() {
    return Timestamp{sys_days{year{2024} / 3 / 10} + hours{12} + minutes{34} + seconds{56} +
                     milliseconds{789}};
}

// Sets the zone the database session (or, on SQLite, the process) reads and
// writes local times in; the process zone is restored on destruction.
class SessionZone {
public:
    explicit SessionZone(Database& db) : db_(db) {
        if (const char* tz = std::getenv("TZ")) saved_ = tz;
    }
    ~SessionZone() {
        if (saved_)
            setenv("TZ", saved_->c_str(), 1);
        else
            unsetenv("TZ");
        tzset();
    }
    // `name` is an IANA zone; `offset` the same zone's offset, for MySQL
    // servers that have no zone tables loaded.
    void set(const std::string& name, const std::string& offset) {
        if (conformance::isPostgres()) {
            db_.query("SET TIME ZONE '" + name + "'");
        } else if (conformance::isMysql()) {
            db_.query("SET time_zone = '" + offset + "'");
        } else {
            setenv("TZ", name.c_str(), 1);
            tzset();
        }
    }

private:
    Database& db_;
    std::optional<std::string> saved_;
};

} // namespace

TEST_CASE_METHOD(TypesFixture, "STRING, CHAR and TEXT keep their text exactly", "[types]") {
    requireSame("name", Value("hello"));
    requireSame("name", Value(""));
    requireSame("name", Value("O'Brien \"quoted\""));
    // STRING(n) counts characters, not bytes: 20 characters, 40 bytes.
    requireSame("name", Value("ÆØÅæøåÄÖÜäöüßéèêëïîô"));
    // A full-width CHAR value; shorter ones are blank-padded on some servers.
    requireSame("code", Value("abc"));
    requireSame("code", Value("ÅÉÎ"));
    requireSame("body", Value("Grüße, 世界 — \"quoted\" and 'single' \\ back\\slash\n"
                              "second line\r\nthird\tcolumn 🦀 end"));
    requireSame("body", Value(std::string(5000, 'x') + "🦀"));
}

TEST_CASE_METHOD(TypesFixture, "INTEGER and BIGINT keep every bit", "[types]") {
    for (long long n : {0LL, 1LL, -1LL, 2147483647LL, -2147483648LL})
        requireSame("count", Value(n));
    for (long long n : {0LL, 9007199254740993LL, -9007199254740993LL, 9223372036854775807LL,
                        -9223372036854775807LL})
        requireSame("big", Value(n));
}

TEST_CASE_METHOD(TypesFixture, "FLOAT and DOUBLE keep their value", "[types]") {
    // FLOAT is single precision on PostgreSQL and MySQL, so only values that
    // a float holds go there; 0.1 comes back as the shortest decimal naming it.
    for (double d : {0.0, 0.1, -2.5, 1024.75})
        requireSame("ratio", Value(d));
    for (double d : {0.0, 0.1, 1e300, -1e300, -2.5, 1e-300, 123456789.123456789})
        requireSame("precise", Value(d));
}

TEST_CASE_METHOD(TypesFixture, "DECIMAL comes back as exact text", "[types]") {
    requireSame("price", Value::decimal("12.50"));
    requireSame("price", Value::decimal("-0.05"));
    // Numbers and numeric text are stored as decimals too.
    REQUIRE(roundTrip("price", Value("3.25")) == Value::decimal("3.25"));
    REQUIRE(roundTrip("price", Value(7)).kind() == ValueKind::Decimal);
    REQUIRE(roundTrip("price", Value(7)).asDouble() == 7.0);
    // SQLite stores decimals with NUMERIC affinity, as a double: exact only
    // while a double can hold the digits.
    if (!conformance::isSqlite()) {
        requireSame("amount", Value::decimal("12345678901234567890.123456789"));
        requireSame("amount", Value::decimal("-0.000000001"));
    }
}

TEST_CASE_METHOD(TypesFixture, "DECIMAL keeps the zeros of its scale", "[types]") {
    // A whole amount in DECIMAL(10, 2) reads as "12.00" on every dialect,
    // as "12.50" does, even where the database stores it as an integer.
    requireSame("price", Value::decimal("12.00"));
    requireSame("price", Value::decimal("0.00"));
}

TEST_CASE_METHOD(TypesFixture, "BOOLEAN keeps true and false", "[types]") {
    requireSame("active", Value(true));
    requireSame("active", Value(false));
}

TEST_CASE_METHOD(TypesFixture, "DATE keeps the instant to the millisecond", "[types]") {
    requireSame("at", Value(instantWithMillis()));
    requireSame("at", Value(Timestamp{sys_days{year{1969} / 7 / 20} + hours{20} + minutes{17}}));
    // Text with an offset names the same instant.
    REQUIRE(roundTrip("at", Value("2024-03-10T14:34:56.789+02:00")) == Value(instantWithMillis()));
}

TEST_CASE("DATE keeps the instant whatever the session's time zone", "[types]") {
    // One connection, so that a session setting holds for every statement.
    auto db = conformance::open({.pool = {.max = 1}});
    Model& Event = db->define("event", {{"at", DataTypes::DATE}}, {.timestamps = false});
    Event.sync({.force = true});
    SessionZone zone(*db);

    zone.set("Asia/Kolkata", "+05:30");
    Instance written = Event.create({{"at", instantWithMillis()}});
    Value id = written.get("id");
    REQUIRE(Event.findByPk(id)->get("at").asTimestamp() == instantWithMillis());

    zone.set("America/Los_Angeles", "-08:00");
    std::optional<Instance> read = Event.findByPk(id);
    REQUIRE(read);
    REQUIRE(read->get("at").kind() == ValueKind::Timestamp);
    REQUIRE(read->get("at").asTimestamp() == instantWithMillis());
    REQUIRE(Event.count({.where = {{"at", instantWithMillis()}}}) == 1);
}

TEST_CASE_METHOD(TypesFixture, "DATEONLY and TIME keep their text", "[types]") {
    requireSame("day", Value::date("2024-02-29"));
    requireSame("day", Value::date("1900-01-01"));
    REQUIRE(roundTrip("day", Value("2024-02-29")) == Value::date("2024-02-29"));
    requireSame("clock", Value::time("13:45:30"));
    requireSame("clock", Value::time("00:00:00"));
    REQUIRE(roundTrip("clock", Value("23:59:59")) == Value::time("23:59:59"));
}

TEST_CASE("UUID with UUIDV4 gives each row a fresh version 4 uuid", "[types]") {
    auto db = conformance::open();
    Model& Doc = db->define(
        "doc",
        {{"id", {.type = DataTypes::UUID, .defaultValue = DataTypes::UUIDV4, .primaryKey = true}},
         {"token", {.type = DataTypes::UUID, .defaultValue = DataTypes::UUIDV4}},
         {"title", DataTypes::STRING}},
        {.timestamps = false});
    Doc.sync({.force = true});
    const std::regex v4("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
    std::set<std::string> seen;
    for (int i = 0; i < 5; ++i) {
        Instance made = Doc.create({{"title", "doc " + std::to_string(i)}});
        for (const char* attribute : {"id", "token"}) {
            Value u = made.get(attribute);
            INFO(attribute << " = " << u.asString());
            REQUIRE(u.kind() == ValueKind::Uuid);
            const std::string text(u.text());
            REQUIRE(std::regex_match(text, v4));
            REQUIRE(seen.insert(text).second);
        }
        std::optional<Instance> found = Doc.findByPk(made.get("id"));
        REQUIRE(found);
        REQUIRE(found->get("id") == made.get("id"));
        REQUIRE(found->get("token") == made.get("token"));
        REQUIRE(found->get("token").kind() == ValueKind::Uuid);
        REQUIRE(found->get("title").asString() == "doc " + std::to_string(i));
    }
    // A uuid given as text is kept and found by its text.
    const std::string given = "0f8fad5b-d9cb-469f-a165-70867728950e";
    Doc.create({{"id", given}, {"title", "given"}});
    std::optional<Instance> byText = Doc.findByPk(given);
    REQUIRE(byText);
    REQUIRE(byText->get("id") == Value::uuid(given));
    REQUIRE(byText->get("title").asString() == "given");
}

TEST_CASE_METHOD(TypesFixture, "JSON keeps objects, arrays, strings, numbers and nesting",
                 "[types]") {
    for (const char* text :
         {R"({"a":1,"b":"two"})", R"([1,"two",3.5,true,null])", R"("just a string")", "42",
          R"({"user":{"name":"Ann","tags":["x","y"],"address":{"city":"Oslo","zip":"0150"}},)"
          R"("scores":[[1,2],[3,4]],"ok":false,"none":null,"quote":"it's \"q\""})"}) {
        INFO(text);
        Value stored = roundTrip("doc", Value::json(text));
        REQUIRE(stored.kind() == ValueKind::Json);
        REQUIRE(canonicalJson(stored.text()) == canonicalJson(text));
    }
    // Plain values are stored as their JSON: a string as a JSON string.
    Value fromText = roundTrip("doc", Value("hello"));
    REQUIRE(fromText.kind() == ValueKind::Json);
    REQUIRE(canonicalJson(fromText.text()) == canonicalJson("\"hello\""));
    Value fromNumber = roundTrip("doc", Value(7));
    REQUIRE(fromNumber.kind() == ValueKind::Json);
    REQUIRE(canonicalJson(fromNumber.text()) == canonicalJson("7"));
}

TEST_CASE_METHOD(TypesFixture, "BLOB keeps every byte, zero and 0xFF included", "[types]") {
    requireSame("data", Value(Bytes{0x00, 0x01, 0x7F, 0x80, 0xFE, 0xFF, 0x00, 0x27, 0x5C}));
    Bytes all(256);
    for (size_t i = 0; i < all.size(); ++i)
        all[i] = static_cast<std::uint8_t>(i);
    requireSame("data", Value(all));
    requireSame("data", Value(Bytes{}));
}

TEST_CASE_METHOD(TypesFixture, "ENUM takes a listed value and refuses others", "[types]") {
    requireSame("state", Value("published"));
    requireSame("state", Value("draft"));
    try {
        Sample.create({{"state", "archived"}});
        FAIL("no error");
    } catch (const ValidationError& e) {
        REQUIRE(e.errors().size() == 1);
        REQUIRE(e.errors()[0].path == "state");
        REQUIRE(e.errors()[0].validator == "isIn");
        REQUIRE_THAT(std::string(e.what()), Catch::Contains("archived"));
    }
    REQUIRE(Sample.count() == 2);
    // Asking for an unlisted value is a mistake too, on every dialect.
    REQUIRE_THROWS_AS(Sample.count({.where = {{"state", "archived"}}}), UsageError);
}

TEST_CASE_METHOD(TypesFixture, "values of another kind take the attribute's type", "[types]") {
    REQUIRE(roundTrip("count", Value("42")) == Value(42));
    REQUIRE(roundTrip("count", Value("42")).kind() == ValueKind::Int);
    REQUIRE(roundTrip("precise", Value(3)).kind() == ValueKind::Double);
    REQUIRE(roundTrip("precise", Value("2.5")) == Value(2.5));
    REQUIRE(roundTrip("active", Value("false")) == Value(false));
    REQUIRE(roundTrip("active", Value(1)) == Value(true));
    REQUIRE(roundTrip("name", Value(12)) == Value("12"));
    REQUIRE(roundTrip("data", Value("raw")) == Value(Bytes{'r', 'a', 'w'}));
    REQUIRE(roundTrip("token", Value("0f8fad5b-d9cb-469f-a165-70867728950e")) ==
            Value::uuid("0f8fad5b-d9cb-469f-a165-70867728950e"));
    // Text that is no number or date is refused before any SQL.
    for (const char* attribute : {"count", "at", "active"}) {
        INFO(attribute);
        try {
            Sample.create({{attribute, "not a value"}});
            FAIL("no error");
        } catch (const ValidationError& e) {
            REQUIRE(e.errors().size() == 1);
            REQUIRE(e.errors()[0].path == attribute);
        }
    }
}

TEST_CASE_METHOD(TypesFixture, "every nullable type keeps null", "[types]") {
    const std::vector<std::string> names = Sample.attributeNames();
    Values nulls;
    for (const std::string& name : names)
        if (name != "id") nulls.emplace_back(name, nullptr);
    Instance explicitNulls = Sample.create(nulls);
    Instance leftOut = Sample.create({});
    for (const Instance& made : {explicitNulls, leftOut}) {
        std::optional<Instance> found = Sample.findByPk(made.get("id"));
        REQUIRE(found);
        for (const std::string& name : names) {
            if (name == "id") continue;
            INFO(name);
            REQUIRE(made.get(name).isNull());
            REQUIRE(found->get(name).isNull());
        }
    }
    REQUIRE(Sample.count({.where = {{"at", nullptr}, {"doc", nullptr}, {"data", nullptr}}}) == 2);
}

TEST_CASE("defaultValue literals and NOW fill missing values, in create and in the table",
          "[types]") {
    auto db = conformance::open();
    Model& Setting = db->define(
        "setting",
        {{"label", DataTypes::STRING},
         {"mode", {.type = DataTypes::STRING, .defaultValue = "draft"}},
         {"size", {.type = DataTypes::INTEGER, .defaultValue = 7}},
         {"ratio", {.type = DataTypes::DOUBLE, .defaultValue = 1.5}},
         {"price", {.type = DataTypes::DECIMAL(10, 2), .defaultValue = Value::decimal("9.99")}},
         {"active", {.type = DataTypes::BOOLEAN, .defaultValue = true}},
         {"kind", {.type = DataTypes::ENUM({"a", "b"}), .defaultValue = "b"}},
         {"since", {.type = DataTypes::DATEONLY, .defaultValue = Value::date("2024-02-29")}},
         {"seen", {.type = DataTypes::DATE, .defaultValue = DataTypes::NOW}}},
        {.timestamps = false});
    Setting.sync({.force = true});

    auto requireDefaults = [](const Instance& row) {
        REQUIRE(row.get("mode") == Value("draft"));
        REQUIRE(row.get("size") == Value(7));
        REQUIRE(row.get("size").kind() == ValueKind::Int);
        REQUIRE(row.get("ratio") == Value(1.5));
        REQUIRE(row.get("price") == Value::decimal("9.99"));
        REQUIRE(row.get("active") == Value(true));
        REQUIRE(row.get("kind") == Value("b"));
        REQUIRE(row.get("since") == Value::date("2024-02-29"));
        REQUIRE(row.get("seen").kind() == ValueKind::Timestamp);
        const auto lag = system_clock::now() - row.get("seen").asTimestamp();
        REQUIRE(std::chrono::abs(lag) < minutes{2});
    };

    SECTION("create fills them in before the insert") {
        const auto before = floor<milliseconds>(system_clock::now());
        Instance made = Setting.create({{"label", "core"}});
        requireDefaults(made);
        REQUIRE(made.get("seen").asTimestamp() >= before);
        std::optional<Instance> found = Setting.findByPk(made.get("id"));
        REQUIRE(found);
        requireDefaults(*found);
        REQUIRE(found->get("seen") == made.get("seen"));
    }
    SECTION("the table's defaults fill a row inserted without the model") {
        db->query("INSERT INTO settings (label) VALUES (?)", {.replacements = {"raw"}});
        std::optional<Instance> found = Setting.findOne({.where = {{"label", "raw"}}});
        REQUIRE(found);
        requireDefaults(*found);
    }
    SECTION("a given value, null included, wins over the default") {
        Instance made = Setting.create({{"label", "given"}, {"mode", "final"}, {"size", nullptr}});
        std::optional<Instance> found = Setting.findByPk(made.get("id"));
        REQUIRE(found->get("mode") == Value("final"));
        REQUIRE(found->get("size").isNull());
    }
}

TEST_CASE("allowNull false refuses null with a ValidationError naming the attribute", "[types]") {
    auto db = conformance::open();
    Model& Post = db->define(
        "post", {{"title", {.type = DataTypes::STRING, .allowNull = false}},
                 {"views", {.type = DataTypes::INTEGER, .allowNull = false, .defaultValue = 0}},
                 {"publishedAt", {.type = DataTypes::DATE, .allowNull = false}}});
    Post.sync({.force = true});

    for (const Values& values : {Values{{"publishedAt", Value::now()}},
                                 Values{{"title", nullptr}, {"publishedAt", Value::now()}}}) {
        try {
            Post.create(values);
            FAIL("no error");
        } catch (const ValidationError& e) {
            REQUIRE(e.errors().size() == 1);
            REQUIRE(e.errors()[0].path == "title");
            REQUIRE(e.errors()[0].validator == "notNull");
            REQUIRE_THAT(std::string(e.what()), Catch::Contains("title"));
        }
    }
    try {
        Post.create({{"title", "t"}, {"views", nullptr}});
        FAIL("no error");
    } catch (const ValidationError& e) {
        REQUIRE(e.errors().size() == 2);
        REQUIRE(e.errors()[0].path == "views");
        REQUIRE(e.errors()[1].path == "publishedAt");
    }
    REQUIRE(Post.count() == 0);

    // The default satisfies allowNull false when no value is given.
    Instance ok = Post.create({{"title", "t"}, {"publishedAt", Value::now()}});
    REQUIRE(Post.findByPk(ok.get("id"))->get("views") == Value(0));

    // Updating to null is refused the same way.
    REQUIRE_THROWS_AS(ok.update({{"title", nullptr}}), ValidationError);
    REQUIRE(Post.findByPk(ok.get("id"))->get("title") == Value("t"));
}

TEST_CASE_METHOD(TypesFixture, "bulkCreate without returned rows stores every type as create does",
                 "[types][writes]") {
    // Where the dialect has a bulk load (PostgreSQL's COPY) these rows go
    // through it, in its own text form: tabs, newlines and backslashes in
    // text, zero bytes in a BLOB and nulls must all arrive as sent.
    const std::string awkward = "tab\there\nnew line\r\\N back\\slash 'quote' \"dq\" é ✓";
    std::vector<Values> rows = {
        {{"name", "plain"},
         {"code", "abc"},
         {"body", awkward},
         {"count", -2147483647},
         {"big", 9007199254740993LL},
         {"ratio", 0.5},
         {"precise", -1234.5678125},
         {"amount", Value::decimal("-123456789012345678901.123456789")},
         {"price", Value::decimal("10.50")},
         {"active", true},
         {"at", instantWithMillis()},
         {"day", Value::date("1999-12-31")},
         {"clock", Value::time("23:59:58")},
         {"token", Value::uuid("123e4567-e89b-42d3-a456-426614174000")},
         {"doc", Value::json(R"({"text":"a\tb\\c","list":[1,2,3],"nested":{"ok":true}})")},
         {"data", Bytes{0x00, 0x5c, 0x09, 0x0a, 0xff, 0x00}},
         {"state", "draft"}},
        {{"name", "\\"}, {"body", ""}, {"active", false}, {"state", "published"}},
        {{"name", nullptr}, {"body", "\\.\n\\."}, {"data", Bytes{}}},
    };
    for (const Values& row : rows)
        Sample.create(row);
    auto loaded = Sample.bulkCreate(rows, {.returning = false});
    REQUIRE(loaded.size() == rows.size());
    const auto stored = Sample.findAll({.order = {{"id", "ASC"}}});
    REQUIRE(stored.size() == 2 * rows.size());
    for (size_t r = 0; r < rows.size(); ++r)
        for (const std::string& name : Sample.attributeNames()) {
            if (name == "id") continue;
            const Value created = stored[r].get(name);
            const Value bulk = stored[r + rows.size()].get(name);
            INFO("row " << r << ", " << name << ": create stored " << created.toJSONText()
                        << ", bulkCreate stored " << bulk.toJSONText());
            REQUIRE(bulk.kind() == created.kind());
            if (name == "doc" && !created.isNull())
                REQUIRE(canonicalJson(bulk.text()) == canonicalJson(created.text()));
            else
                REQUIRE(bulk == created);
        }
    REQUIRE(stored[rows.size()].get<std::string>("body") == awkward);

    // A refused row refuses the whole load: nothing of it is stored.
    Model& Unique =
        db->define("unique_item", {{"code", {.type = DataTypes::STRING, .unique = true}}},
                   {.timestamps = false});
    Unique.sync({.force = true});
    Unique.create({{"code", "taken"}});
    REQUIRE_THROWS_AS(Unique.bulkCreate({{{"code", "a"}}, {{"code", "taken"}}, {{"code", "b"}}},
                                        {.returning = false}),
                      UniqueConstraintError);
    REQUIRE(Unique.count() == 1);
    Unique.bulkCreate({{{"code", "a"}}, {{"code", "b"}}}, {.returning = false});
    REQUIRE(Unique.count() == 3);
}

TEST_CASE("a DECIMAL without a precision is the dialect's plain DECIMAL", "[types][decimal]") {
    std::vector<std::string> log;
    auto db = conformance::open({.logging = [&](const std::string& l) { log.push_back(l); }});
    Model& Ledger = db->define("ledger", {{"amount", DataTypes::DECIMAL}}, {.timestamps = false});
    Ledger.sync({.force = true});
    bool created = false;
    for (const std::string& line : log) {
        if (line.find("CREATE TABLE") == std::string::npos) continue;
        INFO(line);
        // As Sequelize writes it: no precision, no scale.
        REQUIRE(std::regex_search(line, std::regex("amount\\W+DECIMAL[ ,)]")));
        created = true;
    }
    REQUIRE(created);

    auto roundTrip = [&](const Value& value) {
        auto made = Ledger.create({{"amount", value}});
        return Ledger.findByPk(made.get("id"))->get("amount");
    };
    if (conformance::isPostgres()) {
        // NUMERIC without limits keeps every digit.
        REQUIRE(roundTrip(Value::decimal("123456789012345.123456789")) ==
                Value::decimal("123456789012345.123456789"));
    } else if (conformance::isMysql()) {
        // The server's DECIMAL(10,0): ten whole digits.
        REQUIRE(roundTrip(Value::decimal("1234567890")) == Value::decimal("1234567890"));
    } else if (conformance::isSqlite()) {
        // No scale to pad to.
        REQUIRE(roundTrip(Value::decimal("12.5")) == Value::decimal("12.5"));
        REQUIRE(roundTrip(Value(0.25)) == Value::decimal("0.25"));
    }
}

TEST_CASE("a DATE default is written so the dialect takes it and reads it back unchanged",
          "[types][defaults]") {
    auto db = conformance::open();
    const Timestamp when = Value::parseTimestamp("2012-01-01 00:00:00");
    Model& Event = db->define(
        "event",
        {{"name", DataTypes::STRING}, {"at", {.type = DataTypes::DATE, .defaultValue = when}}},
        {.timestamps = false});
    Event.sync({.force = true}); // the CREATE TABLE carries the default
    // The database fills it in.
    db->query("INSERT INTO " + Event.tableName() + " (name) VALUES ('raw')");
    auto found = Event.findOne({.where = {{"name", "raw"}}});
    REQUIRE(found);
    REQUIRE(found->get("at") == Value(when));
}

TEST_CASE("bytes read through a BOOLEAN attribute are a boolean, or an error", "[types][boolean]") {
    auto db = conformance::open();
    // Two models on one table: the column is a BLOB, read as BOOLEAN.
    Model& Raw = db->define("flagRaw", {{"active", DataTypes::BLOB}},
                            {.tableName = "flags", .timestamps = false});
    Model& Flag = db->define("flag", {{"active", DataTypes::BOOLEAN}},
                             {.tableName = "flags", .timestamps = false});
    Raw.sync({.force = true});
    Raw.create({{"active", Bytes{1}}});
    Raw.create({{"active", Bytes{0}}});
    auto flags = Flag.findAll({.order = {{"id", "ASC"}}});
    REQUIRE(flags.size() == 2);
    REQUIRE(flags[0].get("active") == Value(true));
    REQUIRE(flags[1].get("active") == Value(false));

    Raw.create({{"active", Bytes{7, 1}}});
    REQUIRE_THROWS_AS(Flag.findAll(), DatabaseError);
}
