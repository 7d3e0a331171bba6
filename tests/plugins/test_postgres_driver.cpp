// The postgres dialect plugin through its C table alone, against the server
// that scripts/pg-server.sh starts (TABULA_TEST_POSTGRES_URL). That server
// runs in America/New_York on purpose: instants must not depend on it.
#include "driver_harness.hpp"

#include <catch2/catch.hpp>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <limits>
#include <string>
#include <thread>
#include <vector>

namespace {

// TABULA_TEST_SKIP=postgres opts out; otherwise a missing server fails the tests.
bool skipPostgres() {
    const char* skip = std::getenv("TABULA_TEST_SKIP");
    return skip && std::strstr(skip, "postgres");
}

#define POSTGRES_TEST_OR_SKIP()                                                                    \
    if (skipPostgres()) {                                                                          \
        WARN("postgres tests skipped: TABULA_TEST_SKIP contains postgres");                        \
        return;                                                                                    \
    }

const tabula_dialect& dialect() {
    static const tabula_dialect& d = harness::load("postgres");
    return d;
}

std::map<std::string, std::string> serverSettings() {
    return harness::settingsFromUrl(harness::requireUrl("TABULA_TEST_POSTGRES_URL"));
}

// Collects what a render hook appends.
struct Collect {
    std::string text;
    tabula_sink sink{this, &Collect::append};
    static void append(void* ctx, const char* data, size_t size) {
        static_cast<Collect*>(ctx)->text.append(data, size);
    }
};

struct Rendered {
    int rc;
    std::string type, before, after;
};

tabula_column_type columnType(tabula_data_kind kind, int32_t length = 0) {
    tabula_column_type c{};
    c.struct_size = sizeof c;
    c.kind = kind;
    c.length = length;
    c.table = "t";
    c.column = "c";
    return c;
}

Rendered render(const tabula_column_type& c) {
    Collect type, before, after;
    const int rc = dialect().profile->render_type(&c, &type.sink, &before.sink, &after.sink);
    return {rc, type.text, before.text, after.text};
}

std::string typeOf(const tabula_column_type& c) {
    const Rendered r = render(c);
    REQUIRE(r.rc == TABULA_OK);
    CHECK(r.before.empty());
    CHECK(r.after.empty());
    return r.type;
}

std::string limit(int64_t count, int64_t offset) {
    Collect out;
    REQUIRE(dialect().profile->render_limit(count, offset, &out.sink) == TABULA_OK);
    return out.text;
}

std::string jsonPath(const std::string& column, const std::vector<const char*>& segments) {
    Collect out;
    REQUIRE(dialect().profile->render_json_path(column.c_str(), segments.data(), segments.size(),
                                                &out.sink) == TABULA_OK);
    return out.text;
}

// The error a call reports; fails the test when the call succeeds.
template <class Body>
tabula_error failureOf(Body&& body) {
    try {
        body();
    } catch (const harness::Failure& failure) {
        return failure.error;
    }
    FAIL("expected the call to fail");
    return harness::freshError();
}

tabula_error connectFailure(const std::map<std::string, std::string>& settings) {
    return failureOf([&] { harness::Conn conn(dialect(), settings); });
}

// Runs a query and returns the first column of its first row as text
// (booleans and integers as their number).
std::string scalar(harness::Conn& conn, const std::string& sql) {
    harness::Stmt s(conn, sql);
    REQUIRE(s.step());
    const tabula_value v = s.column(0);
    if (v.type == TABULA_TYPE_INT || v.type == TABULA_TYPE_BOOL) return std::to_string(v.i);
    return s.text(0);
}

int64_t count(harness::Conn& conn, const std::string& table) {
    harness::Stmt s(conn, "SELECT count(*) FROM " + table);
    REQUIRE(s.step());
    return s.column(0).i;
}

harness::Conn& shared() {
    static harness::Conn conn(dialect(), serverSettings());
    return conn;
}

} // namespace

TEST_CASE("postgres profile", "[postgres][driver]") {
    POSTGRES_TEST_OR_SKIP();
    const tabula_dialect& d = dialect();
    CHECK(std::string(d.name) == "postgres");
    CHECK(std::string(d.version) == "0.1.0");
    CHECK(d.abi_major == TABULA_ABI_MAJOR);
    CHECK(d.abi_minor <= TABULA_ABI_MINOR);
    const tabula_profile& p = *d.profile;
    CHECK(p.struct_size == sizeof(tabula_profile));
    CHECK(std::string(p.name) == "postgres");
    CHECK(p.quote_open == '"');
    CHECK(p.quote_close == '"');
    CHECK(p.placeholder == TABULA_PLACEHOLDER_DOLLAR);
    CHECK(p.supports == (TABULA_SUPPORTS_RETURNING | TABULA_SUPPORTS_UPSERT_ON_CONFLICT |
                         TABULA_SUPPORTS_NULLS_ORDER | TABULA_SUPPORTS_ILIKE |
                         TABULA_SUPPORTS_JSON | TABULA_SUPPORTS_ARRAY | TABULA_SUPPORTS_ENUM_TYPE |
                         TABULA_SUPPORTS_DEFAULT_VALUES | TABULA_SUPPORTS_TRANSACTIONAL_DDL |
                         TABULA_SUPPORTS_COMMENT_ON_COLUMN | TABULA_SUPPORTS_BULK_INSERT));
    CHECK(p.max_params == 7000); // below what libpq 15 can describe
    CHECK(std::string(p.now_sql) == "CURRENT_TIMESTAMP");
    CHECK(p.render_type != nullptr);
    CHECK(p.render_limit != nullptr);
    CHECK(p.render_json_path != nullptr);
}

TEST_CASE("postgres renders column types", "[postgres][driver]") {
    POSTGRES_TEST_OR_SKIP();
    CHECK(typeOf(columnType(TABULA_DT_STRING)) == "VARCHAR(255)");
    CHECK(typeOf(columnType(TABULA_DT_STRING, 40)) == "VARCHAR(40)");
    CHECK(typeOf(columnType(TABULA_DT_CHAR)) == "CHAR(255)");
    CHECK(typeOf(columnType(TABULA_DT_CHAR, 2)) == "CHAR(2)");
    CHECK(typeOf(columnType(TABULA_DT_TEXT)) == "TEXT");
    CHECK(typeOf(columnType(TABULA_DT_INTEGER)) == "INTEGER");
    CHECK(typeOf(columnType(TABULA_DT_BIGINT)) == "BIGINT");
    CHECK(typeOf(columnType(TABULA_DT_FLOAT)) == "REAL");
    CHECK(typeOf(columnType(TABULA_DT_DOUBLE)) == "DOUBLE PRECISION");
    CHECK(typeOf(columnType(TABULA_DT_DECIMAL)) == "DECIMAL");
    auto decimal = columnType(TABULA_DT_DECIMAL);
    decimal.precision = 10;
    decimal.scale = 2;
    CHECK(typeOf(decimal) == "DECIMAL(10,2)");
    CHECK(typeOf(columnType(TABULA_DT_BOOLEAN)) == "BOOLEAN");
    CHECK(typeOf(columnType(TABULA_DT_DATE)) == "TIMESTAMP WITH TIME ZONE");
    CHECK(typeOf(columnType(TABULA_DT_DATEONLY)) == "DATE");
    CHECK(typeOf(columnType(TABULA_DT_TIME)) == "TIME");
    CHECK(typeOf(columnType(TABULA_DT_UUID)) == "UUID");
    CHECK(typeOf(columnType(TABULA_DT_JSON)) == "JSON");
    CHECK(typeOf(columnType(TABULA_DT_JSONB)) == "JSONB");
    CHECK(typeOf(columnType(TABULA_DT_BLOB)) == "BYTEA");

    SECTION("auto-increment keys are serials") {
        auto id = columnType(TABULA_DT_INTEGER);
        id.auto_increment = 1;
        id.primary_key = 1;
        CHECK(typeOf(id) == "SERIAL");
        id.kind = TABULA_DT_BIGINT;
        CHECK(typeOf(id) == "BIGSERIAL");
    }

    SECTION("arrays") {
        auto array = columnType(TABULA_DT_ARRAY);
        array.element = TABULA_DT_INTEGER;
        CHECK(typeOf(array) == "INTEGER[]");
        array.element = TABULA_DT_TEXT;
        CHECK(typeOf(array) == "TEXT[]");
        array.element = TABULA_DT_STRING;
        array.length = 20;
        CHECK(typeOf(array) == "VARCHAR(20)[]");
        array.element = TABULA_DT_ARRAY;
        CHECK(render(array).rc == TABULA_ERROR);
    }

    SECTION("enums are created types") {
        const char* values[] = {"a", "b"};
        auto e = columnType(TABULA_DT_ENUM);
        e.values = values;
        e.value_count = 2;
        Rendered r = render(e);
        REQUIRE(r.rc == TABULA_OK);
        CHECK(r.type == "\"enum_t_c\"");
        CHECK(r.before == "DO $$ BEGIN CREATE TYPE \"enum_t_c\" AS ENUM ('a', 'b'); EXCEPTION "
                          "WHEN duplicate_object THEN NULL; END $$");
        CHECK(r.after == "DROP TYPE IF EXISTS \"enum_t_c\"");

        const char* awkward[] = {"it's", "$$"};
        e.values = awkward;
        r = render(e);
        REQUIRE(r.rc == TABULA_OK);
        CHECK(r.before == "DO $tabula0$ BEGIN CREATE TYPE \"enum_t_c\" AS ENUM ('it''s', '$$'); "
                          "EXCEPTION WHEN duplicate_object THEN NULL; END $tabula0$");

        auto array = e;
        array.kind = TABULA_DT_ARRAY;
        array.element = TABULA_DT_ENUM;
        r = render(array);
        REQUIRE(r.rc == TABULA_OK);
        CHECK(r.type == "\"enum_t_c\"[]");
        CHECK(r.after == "DROP TYPE IF EXISTS \"enum_t_c\"");

        e.table = nullptr;
        CHECK(render(e).rc == TABULA_ERROR);
    }

    SECTION("limits and JSON paths") {
        CHECK(limit(10, 0) == "LIMIT 10");
        CHECK(limit(10, 20) == "LIMIT 10 OFFSET 20");
        CHECK(limit(-1, 5) == "OFFSET 5");
        CHECK(limit(-1, 0).empty());
        CHECK(jsonPath("\"data\"", {"a", "b"}) == "(\"data\"#>>'{a,b}')");
        CHECK(jsonPath("\"data\"", {"items", "0"}) == "(\"data\"#>>'{items,0}')");
        CHECK(jsonPath("\"d\"", {"it's", "a b"}) == "(\"d\"#>>'{it''s,\"a b\"}')");
    }
}

TEST_CASE("postgres connection errors", "[postgres][driver]") {
    POSTGRES_TEST_OR_SKIP();
    const auto good = serverSettings();

    SECTION("wrong password") {
        auto s = good;
        s["password"] = "not_the_password";
        const tabula_error e = connectFailure(s);
        CHECK(e.kind == TABULA_ERR_ACCESS_DENIED);
        CHECK_THAT(e.message, Catch::Contains(good.at("host") + ":" + good.at("port")));
        CHECK_THAT(e.message, Catch::Contains("password authentication failed"));
    }
    SECTION("unknown user") {
        auto s = good;
        s["username"] = "no_such_role";
        CHECK(connectFailure(s).kind == TABULA_ERR_ACCESS_DENIED);
    }
    SECTION("closed port") {
        auto s = good;
        s["host"] = "127.0.0.1";
        s["port"] = "1";
        const tabula_error e = connectFailure(s);
        CHECK(e.kind == TABULA_ERR_CONN_REFUSED);
        CHECK_THAT(e.message, Catch::Contains("127.0.0.1:1"));
    }
    SECTION("unknown host") {
        auto s = good;
        s["host"] = "no-such-host.invalid";
        const tabula_error e = connectFailure(s);
        CHECK(e.kind == TABULA_ERR_HOST_NOT_FOUND);
        CHECK_THAT(e.message, Catch::Contains("no-such-host.invalid"));
    }
    SECTION("a server that never answers times out") {
        // A listening socket nobody accepts on: TCP connects, no reply comes.
        const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
        REQUIRE(fd >= 0);
        sockaddr_in addr{};
        addr.sin_family = AF_INET;
        addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        socklen_t len = sizeof addr;
        REQUIRE(::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0);
        REQUIRE(::listen(fd, 4) == 0);
        REQUIRE(::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len) == 0);
        auto s = good;
        s["host"] = "127.0.0.1";
        s["port"] = std::to_string(ntohs(addr.sin_port));
        s["connect_timeout"] = "2";
        const tabula_error e = connectFailure(s);
        ::close(fd);
        CHECK(e.kind == TABULA_ERR_CONN_TIMEOUT);
    }
    SECTION("pass-through options reach the server") {
        auto s = good;
        s["application_name"] = "tabula tests";
        s["options"] = "-c search_path=pg_catalog";
        harness::Conn conn(dialect(), s);
        CHECK(scalar(conn, "SELECT current_setting('application_name')") == "tabula tests");
        CHECK(scalar(conn, "SELECT current_setting('search_path')") == "pg_catalog");
    }
}

TEST_CASE("postgres round-trips every type", "[postgres][driver]") {
    POSTGRES_TEST_OR_SKIP();
    harness::Conn& conn = shared();
    conn.exec("DROP TABLE IF EXISTS tp_types; CREATE TABLE tp_types (id SERIAL PRIMARY KEY, "
              "b BOOLEAN, i INTEGER, bi BIGINT, si SMALLINT, r REAL, d DOUBLE PRECISION, "
              "n NUMERIC(30,9), s VARCHAR(50), t TEXT, c CHAR(3), dt DATE, tm TIME, "
              "ts TIMESTAMP WITH TIME ZONE, tsn TIMESTAMP, by BYTEA, j JSON, jb JSONB, "
              "u UUID, ia INTEGER[], ta TEXT[])");

    const std::string decimal = "12345678901234567890.123456789";
    const std::string text = "h\xc3\xa9llo \xe2\x9c\x93 'quoted' \"double\"";
    const std::string date = "2024-02-29";
    const std::string time = "13:14:15.5";
    const std::string bytes("\0\x01\xff\0abc", 7);
    const std::string json = "{\"a\":[1,2,{\"b\":\"c\"}]}";
    const std::string uuid = "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11";
    const std::string intArray = "{1,2,3}";
    const std::string textArray = "{\"a b\",c,NULL,\"q\\\"uote\"}";
    const int64_t instant = 1704164645123456; // 2024-01-02 03:04:05.123456 UTC

    harness::Stmt insert(conn, "INSERT INTO tp_types (b, i, bi, si, r, d, n, s, t, c, dt, tm, "
                               "ts, tsn, by, j, jb, u, ia, ta) VALUES ($1, $2, $3, $4, $5, $6, "
                               "$7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, "
                               "$20) RETURNING id");
    insert.bind(1, tabula_value{TABULA_TYPE_BOOL, 1, 0, nullptr, 0});
    insert.bind(2, harness::integer(-2147483647));
    insert.bind(3, harness::integer(std::numeric_limits<int64_t>::max()));
    insert.bind(4, harness::integer(-32768));
    insert.bind(5, harness::real(1.5));
    insert.bind(6, harness::real(0.1));
    insert.bind(7, harness::text(decimal, TABULA_TYPE_DECIMAL));
    insert.bind(8, harness::text(text));
    insert.bind(9, harness::text(text));
    insert.bind(10, harness::text("ab"));
    insert.bind(11, harness::text(date, TABULA_TYPE_DATE));
    insert.bind(12, harness::text(time, TABULA_TYPE_TIME));
    insert.bind(13, tabula_value{TABULA_TYPE_TIMESTAMP, instant, 0, nullptr, 0});
    insert.bind(14, tabula_value{TABULA_TYPE_TIMESTAMP, instant, 0, nullptr, 0});
    insert.bind(15, harness::text(bytes, TABULA_TYPE_BYTES));
    insert.bind(16, harness::text(json, TABULA_TYPE_JSON));
    insert.bind(17, harness::text(json, TABULA_TYPE_JSON));
    insert.bind(18, harness::text(uuid, TABULA_TYPE_UUID));
    insert.bind(19, harness::text(intArray));
    insert.bind(20, harness::text(textArray));
    REQUIRE(insert.step());
    const int64_t id = insert.column(0).i;
    CHECK_FALSE(insert.step());
    CHECK(insert.changes() == 1);
    CHECK(insert.lastInsertId() == 0);

    // A second row of NULLs through the same statement after reset.
    insert.reset();
    for (int i = 1; i <= 20; ++i)
        insert.bind(i, harness::null());
    REQUIRE(insert.step());
    const int64_t nullId = insert.column(0).i;

    harness::Stmt select(conn, "SELECT b, i, bi, si, r, d, n, s, t, c, dt, tm, ts, tsn, by, j, "
                               "jb, u, ia, ta FROM tp_types WHERE id = $1");
    REQUIRE(select.columns() == 20);
    CHECK(select.name(0) == "b");
    CHECK(select.name(19) == "ta");
    select.bind(1, harness::integer(id));
    REQUIRE(select.step());

    auto typed = [&](int column, int type) {
        const tabula_value v = select.column(column);
        CHECK(v.type == type);
        return v;
    };
    CHECK(typed(0, TABULA_TYPE_BOOL).i == 1);
    CHECK(typed(1, TABULA_TYPE_INT).i == -2147483647);
    CHECK(typed(2, TABULA_TYPE_INT).i == std::numeric_limits<int64_t>::max());
    CHECK(typed(3, TABULA_TYPE_INT).i == -32768);
    CHECK(typed(4, TABULA_TYPE_DOUBLE).d == 1.5);
    CHECK(typed(5, TABULA_TYPE_DOUBLE).d == 0.1);
    typed(6, TABULA_TYPE_DECIMAL);
    CHECK(select.text(6) == decimal);
    typed(7, TABULA_TYPE_TEXT);
    CHECK(select.text(7) == text);
    CHECK(select.text(8) == text);
    CHECK(select.text(9) == "ab ");
    typed(10, TABULA_TYPE_DATE);
    CHECK(select.text(10) == date);
    typed(11, TABULA_TYPE_TIME);
    CHECK(select.text(11) == time);
    CHECK(typed(12, TABULA_TYPE_TIMESTAMP).i == instant);
    CHECK(typed(13, TABULA_TYPE_TIMESTAMP).i == instant);
    typed(14, TABULA_TYPE_BYTES);
    CHECK(select.text(14) == bytes);
    typed(15, TABULA_TYPE_JSON);
    CHECK(select.text(15) == json);
    typed(16, TABULA_TYPE_JSON);
    CHECK(select.text(16) == "{\"a\": [1, 2, {\"b\": \"c\"}]}"); // jsonb's own spelling
    typed(17, TABULA_TYPE_UUID);
    CHECK(select.text(17) == uuid);
    typed(18, TABULA_TYPE_JSON);
    CHECK(select.text(18) == "[1,2,3]");
    typed(19, TABULA_TYPE_JSON);
    CHECK(select.text(19) == "[\"a b\",\"c\",null,\"q\\\"uote\"]");
    CHECK(harness::rowDisagreement(select, 20) == "");
    CHECK_FALSE(select.step());

    SECTION("NULL in every column") {
        select.reset();
        select.bind(1, harness::integer(nullId));
        REQUIRE(select.step());
        for (int i = 0; i < 20; ++i)
            CHECK(select.column(i).type == TABULA_TYPE_NULL);
    }

    SECTION("the server stores what was meant") {
        harness::Stmt check(conn, "SELECT ts AT TIME ZONE 'UTC', octet_length(by), "
                                  "jb #>> '{a,2,b}', n = 12345678901234567890.123456789, "
                                  "ia[2], ta[1] FROM tp_types WHERE id = $1");
        check.bind(1, harness::integer(id));
        REQUIRE(check.step());
        CHECK(check.column(0).i == instant); // a timestamp without zone, read as UTC
        CHECK(check.column(1).i == 7);
        CHECK(check.text(2) == "c");
        CHECK(check.column(3).i == 1);
        CHECK(check.column(4).i == 2);
        CHECK(check.text(5) == "a b");
        // The same path through the dialect's own JSON path hook.
        harness::Stmt path(conn, "SELECT " + jsonPath("jb", {"a", "2", "b"}) +
                                     " FROM tp_types WHERE id = $1");
        path.bind(1, harness::integer(id));
        REQUIRE(path.step());
        CHECK(path.text(0) == "c");
    }
}

TEST_CASE("postgres instants do not depend on any time zone", "[postgres][driver]") {
    POSTGRES_TEST_OR_SKIP();
    harness::Conn& conn = shared();
    INFO("server zone: " << scalar(conn, "SELECT reset_val FROM pg_settings "
                                         "WHERE name = 'TimeZone'"));
    CHECK(scalar(conn, "SHOW TimeZone") == "UTC");

    // Even a session asked to use another zone reads and writes UTC instants.
    auto settings = serverSettings();
    settings["options"] = "-c TimeZone=Asia/Kathmandu";
    harness::Conn other(dialect(), settings);
    CHECK(scalar(other, "SHOW TimeZone") == "UTC");

    const std::vector<std::pair<std::string, int64_t>> cases = {
        {"2024-01-02 03:04:05.123456+00", 1704164645123456},
        {"2024-07-01 12:00:00-04", 1719849600000000},
        {"1969-12-31 23:59:59.999999+00", -1},
        {"1970-01-01 00:00:00+00", 0},
        {"1900-03-01 00:00:00.5+00", -2203891200000000 + 500000},
        {"0044-03-15 12:00:00+00 BC", -63517780800000000},
        {"10000-01-01 00:00:00+00", 253402300800000000},
    };
    for (const auto& [literal, micros] : cases) {
        INFO(literal);
        harness::Stmt read(other, "SELECT $1::timestamptz, "
                                  "(extract(epoch FROM $1::timestamptz) * 1000000)::bigint");
        read.bind(1, harness::text(literal));
        REQUIRE(read.step());
        CHECK(read.column(0).i == micros);
        CHECK(read.column(1).i == micros);

        // And back: the bound instant is the same one for the server.
        harness::Stmt write(conn, "SELECT $1::timestamptz = $2::timestamptz");
        write.bind(1, tabula_value{TABULA_TYPE_TIMESTAMP, micros, 0, nullptr, 0});
        write.bind(2, harness::text(literal));
        REQUIRE(write.step());
        CHECK(write.column(0).i == 1);
    }

    harness::Stmt infinite(conn, "SELECT 'infinity'::timestamptz");
    REQUIRE(infinite.step());
    const tabula_error e = failureOf([&] { infinite.column(0); });
    CHECK_THAT(e.message, Catch::Contains("infinity"));

    harness::Stmt timetz(conn, "SELECT '13:14:15.25+02'::timetz, '01:00:00-03:30'::timetz");
    REQUIRE(timetz.step());
    CHECK(timetz.column(0).type == TABULA_TYPE_TIME);
    CHECK(timetz.text(0) == "11:14:15.25");
    CHECK(timetz.text(1) == "04:30:00");
}

TEST_CASE("postgres numbers, arrays and bytes", "[postgres][driver]") {
    POSTGRES_TEST_OR_SKIP();
    harness::Conn& conn = shared();

    SECTION("doubles round-trip exactly, special values included") {
        const double values[] = {0.1,
                                 1.0 / 3.0,
                                 1e300,
                                 -2.5e-308,
                                 std::numeric_limits<double>::infinity(),
                                 -std::numeric_limits<double>::infinity()};
        harness::Stmt s(conn, "SELECT $1::float8, $1::float8::text");
        for (double v : values) {
            s.reset();
            s.bind(1, harness::real(v));
            REQUIRE(s.step());
            CHECK(s.column(0).type == TABULA_TYPE_DOUBLE);
            CHECK(s.column(0).d == v);
        }
        s.reset();
        s.bind(1, harness::real(std::nan("")));
        REQUIRE(s.step());
        CHECK(std::isnan(s.column(0).d));
        CHECK(s.text(1) == "NaN");
    }

    SECTION("arrays read as JSON") {
        harness::Stmt s(conn, "SELECT ARRAY[[1,2],[3,NULL]]::int[], ARRAY[true,false]::bool[], "
                              "ARRAY[1.5,'NaN']::float8[], ARRAY['{\"k\":1}']::jsonb[], "
                              "'{}'::text[], '[0:1]={7,8}'::int[], ARRAY[1.10]::numeric[], "
                              "ARRAY['a,b','{x}','back\\slash','NULL']::varchar[]");
        REQUIRE(s.step());
        CHECK(s.text(0) == "[[1,2],[3,null]]");
        CHECK(s.text(1) == "[true,false]");
        CHECK(s.text(2) == "[1.5,\"NaN\"]");
        CHECK(s.text(3) == "[{\"k\": 1}]");
        CHECK(s.text(4) == "[]");
        CHECK(s.text(5) == "[7,8]");
        CHECK(s.text(6) == "[1.10]");
        CHECK(s.text(7) == "[\"a,b\",\"{x}\",\"back\\\\slash\",\"NULL\"]");
    }

    SECTION("bytes with zero bytes, empty bytes and every byte value") {
        std::string all;
        for (int i = 0; i < 256; ++i)
            all += static_cast<char>(i);
        harness::Stmt s(conn, "SELECT $1::bytea, octet_length($1::bytea)");
        for (const std::string& v : {std::string("\0\0\0", 3), std::string(), all}) {
            s.reset();
            s.bind(1, harness::text(v, TABULA_TYPE_BYTES));
            REQUIRE(s.step());
            CHECK(s.column(0).type == TABULA_TYPE_BYTES);
            CHECK(s.text(0) == v);
            CHECK(s.column(1).i == static_cast<int64_t>(v.size()));
        }
    }

    SECTION("text with a NUL character is refused clearly") {
        harness::Stmt s(conn, "SELECT $1::text");
        const tabula_error e = failureOf([&] { s.bind(1, harness::text(std::string("a\0b", 3))); });
        CHECK_THAT(e.message, Catch::Contains("NUL"));
    }
}

TEST_CASE("postgres binary results read as the text format does", "[postgres][driver]") {
    POSTGRES_TEST_OR_SKIP();
    harness::Conn& conn = shared();
    // The same values twice: alone, every column has a type read in the
    // binary format; with a time column added the statement reads text.
    const std::string columns = "v.n, v.d, v.ts, v.tz, v.i2, v.i4, v.i8, v.o, v.f4, v.f8, v.b, "
                                "v.u, v.j, v.jb, v.y, v.t, v.vc, v.bp, v.nm";
    const std::string values =
        "FROM (VALUES "
        "(0::numeric, '2024-02-29'::date, '2024-02-29 13:45:30.123456'::timestamp, "
        " '2024-02-29 13:45:30.5+02'::timestamptz, '-32768'::int2, '-2147483648'::int4, "
        " '-9223372036854775808'::int8, 4294967295::oid, 1.5::float4, -2.5e-308::float8, true, "
        " 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11'::uuid, '{\"k\": [1, 2]}'::json, "
        " '{\"k\": [1, 2]}'::jsonb, '\\x00ff00'::bytea, 'héllo'::text, ''::varchar, "
        " 'ab'::char(4), 'name'::name), "
        "(-0.5, '0044-03-15 BC', '1900-01-01 00:00:00', '1969-12-31 23:59:59.999999+00', 1, 1, "
        " 1, 0, 'NaN', 'Infinity', false, '00000000-0000-0000-0000-000000000000', 'null', "
        " '\"x\"', '\\x', NULL, NULL, NULL, NULL), "
        "(12345678901234567890.000123, '10000-01-01', '0001-01-01 00:00:00', NULL, NULL, NULL, "
        " NULL, NULL, '-Infinity', 0, NULL, NULL, NULL, NULL, NULL, 'x', 'y', 'z', 'w'), "
        "(0.0001, 'infinity', NULL, NULL, 0, 0, 0, 0, 0, 0, true, NULL, '[]', '[]', NULL, '', "
        " '', '', ''), "
        "(-99999999.990, '-infinity', NULL, NULL, 0, 0, 0, 0, 0, 0, true, NULL, NULL, NULL, NULL, "
        " NULL, NULL, NULL, NULL), "
        "(1e-20::numeric(30,25), NULL, NULL, NULL, 0, 0, 0, 0, 0, 0, NULL, NULL, NULL, NULL, "
        " NULL, NULL, NULL, NULL, NULL), "
        "('NaN', NULL, NULL, NULL, 0, 0, 0, 0, 0, 0, NULL, NULL, NULL, NULL, NULL, NULL, NULL, "
        " NULL, NULL), "
        "(100000000, NULL, NULL, NULL, 0, 0, 0, 0, 0, 0, NULL, NULL, NULL, NULL, NULL, NULL, "
        " NULL, NULL, NULL)"
        ") AS v(n, d, ts, tz, i2, i4, i8, o, f4, f8, b, u, j, jb, y, t, vc, bp, nm)";
    harness::Stmt binary(conn, "SELECT " + columns + " " + values);
    harness::Stmt text(conn, "SELECT " + columns + ", x.forces_text " + values +
                                 " CROSS JOIN (SELECT '12:00'::time AS forces_text) AS x");
    REQUIRE(binary.columns() == 19);
    REQUIRE(text.columns() == 20);
    int rows = 0;
    while (binary.step()) {
        REQUIRE(text.step());
        ++rows;
        for (int c = 0; c < 19; ++c) {
            INFO("row " << rows << ", column " << binary.name(c));
            const tabula_value b = binary.column(c);
            const tabula_value t = text.column(c);
            REQUIRE(b.type == t.type);
            if (b.type == TABULA_TYPE_DOUBLE && std::isnan(t.d))
                CHECK(std::isnan(b.d));
            else if (b.type == TABULA_TYPE_DOUBLE)
                CHECK(b.d == t.d);
            else
                CHECK(b.i == t.i);
            CHECK(binary.text(c) == text.text(c));
        }
        CHECK(harness::rowDisagreement(binary, 19) == "");
        CHECK(harness::rowDisagreement(text, 20) == "");
    }
    CHECK_FALSE(text.step());
    CHECK(rows == 8);
    // Spot checks of what both read.
    binary.reset();
    REQUIRE(binary.step());
    CHECK(binary.text(0) == "0");
    CHECK(binary.text(1) == "2024-02-29");
    CHECK(binary.text(11) == "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11");
    CHECK(binary.text(14) == std::string("\0\xff\0", 3));
    CHECK(binary.text(17) == "ab  ");
    REQUIRE(binary.step());
    CHECK(binary.text(0) == "-0.5");
    CHECK(binary.text(1) == "0044-03-15 BC");
    REQUIRE(binary.step());
    CHECK(binary.text(0) == "12345678901234567890.000123");
    CHECK(binary.text(1) == "10000-01-01");

    SECTION("an infinite timestamp is refused in either format") {
        for (const char* sql :
             {"SELECT 'infinity'::timestamp", "SELECT 'infinity'::timestamp, '12:00'::time"}) {
            harness::Stmt s(conn, sql);
            const tabula_error e = failureOf([&] {
                s.step();
                s.column(0);
            });
            CHECK_THAT(e.message, Catch::Contains("infinity"));
        }
    }
}

TEST_CASE("postgres RETURNING and changes", "[postgres][driver]") {
    POSTGRES_TEST_OR_SKIP();
    harness::Conn& conn = shared();
    conn.exec("DROP TABLE IF EXISTS tp_items; CREATE TABLE tp_items (id BIGSERIAL PRIMARY KEY, "
              "name TEXT NOT NULL, qty INTEGER NOT NULL DEFAULT 0)");

    harness::Stmt insert(conn, "INSERT INTO tp_items (name, qty) VALUES ($1, $2), ($3, $4), "
                               "($5, $6) RETURNING id, name");
    const std::string a = "a", b = "b", c = "c";
    insert.bind(1, harness::text(a));
    insert.bind(2, harness::integer(1));
    insert.bind(3, harness::text(b));
    insert.bind(4, harness::integer(2));
    insert.bind(5, harness::text(c));
    insert.bind(6, harness::integer(3));
    std::vector<std::string> names;
    int64_t previous = 0;
    while (insert.step()) {
        CHECK(insert.column(0).i > previous);
        previous = insert.column(0).i;
        names.push_back(insert.text(1));
    }
    CHECK(names == std::vector<std::string>{"a", "b", "c"});
    CHECK(insert.changes() == 3);

    harness::Stmt update(conn, "UPDATE tp_items SET qty = qty + 10 WHERE qty >= $1");
    update.bind(1, harness::integer(2));
    CHECK_FALSE(update.step());
    CHECK(update.changes() == 2);
    CHECK(update.lastInsertId() == 0);

    harness::Stmt defaults(conn, "INSERT INTO tp_items (name) VALUES ('d') RETURNING qty");
    REQUIRE(defaults.step());
    CHECK(defaults.column(0).i == 0);

    harness::Stmt remove(conn, "DELETE FROM tp_items WHERE name <> $1");
    remove.bind(1, harness::text(a));
    CHECK_FALSE(remove.step());
    CHECK(remove.changes() == 3);
    CHECK(count(conn, "tp_items") == 1);
}

TEST_CASE("postgres bulk_insert loads rows with COPY", "[postgres][driver]") {
    POSTGRES_TEST_OR_SKIP();
    harness::Conn& conn = shared();
    conn.exec("DROP TABLE IF EXISTS \"tp bulk\"; CREATE TABLE \"tp bulk\" (id SERIAL PRIMARY KEY, "
              "\"the name\" TEXT UNIQUE, qty BIGINT, ok BOOLEAN, at TIMESTAMPTZ, raw BYTEA, "
              "ratio DOUBLE PRECISION, tags INTEGER[])");
    const tabula_driver& drv = conn.driver();
    REQUIRE(drv.struct_size >= offsetof(tabula_driver, bulk_insert) + sizeof(void*));
    REQUIRE(drv.bulk_insert != nullptr);
    const char* columns[] = {"the name", "qty", "ok", "at", "raw", "ratio", "tags"};
    const std::string awkward = "a\tb\nc\\d\re", bytes("\0\\\xff", 3), tags = "{1,2,3}",
                      nullWord = "\\N";
    const int64_t at = 1704067200123456; // 2024-01-01 00:00:00.123456 UTC
    const tabula_value cells[] = {harness::text(awkward),
                                  harness::integer(-9007199254740993LL),
                                  tabula_value{TABULA_TYPE_BOOL, 1, 0.0, nullptr, 0},
                                  tabula_value{TABULA_TYPE_TIMESTAMP, at, 0.0, nullptr, 0},
                                  harness::text(bytes, TABULA_TYPE_BYTES),
                                  harness::real(0.25),
                                  harness::text(tags),
                                  harness::text(nullWord),
                                  harness::null(),
                                  harness::null(),
                                  harness::null(),
                                  harness::null(),
                                  harness::null(),
                                  harness::null()};
    auto e = harness::freshError();
    int64_t loaded = -1;
    harness::check(drv.bulk_insert(conn.get(), "tp bulk", columns, 7, cells, 2, &loaded, &e), e);
    CHECK(loaded == 2);
    CHECK(scalar(conn, "SELECT \"the name\" FROM \"tp bulk\" WHERE qty < 0") == awkward);
    CHECK(scalar(conn, "SELECT encode(raw, 'hex') FROM \"tp bulk\" WHERE qty < 0") == "005cff");
    CHECK(scalar(conn, "SELECT (extract(epoch FROM at) * 1000000)::bigint FROM \"tp bulk\"") ==
          std::to_string(at));
    CHECK(scalar(conn, "SELECT tags[3] FROM \"tp bulk\" WHERE ok") == "3");
    CHECK(scalar(conn, "SELECT count(*) FROM \"tp bulk\" WHERE \"the name\" = '\\N' AND qty "
                       "IS NULL AND raw IS NULL") == "1");

    // A refused row ends the COPY with the server's error; the connection stays usable.
    e = harness::freshError();
    CHECK(drv.bulk_insert(conn.get(), "tp bulk", columns, 1, cells, 1, &loaded, &e) ==
          TABULA_ERROR);
    CHECK(e.kind == TABULA_ERR_UNIQUE);
    CHECK(std::string(e.sqlstate) == "23505");
    // Text PostgreSQL cannot hold is refused before anything is stored.
    const std::string nul("x\0y", 3);
    const tabula_value bad[] = {harness::text(nul)};
    e = harness::freshError();
    CHECK(drv.bulk_insert(conn.get(), "tp bulk", columns, 1, bad, 1, &loaded, &e) == TABULA_ERROR);
    CHECK(std::string(e.message).find("NUL") != std::string::npos);
    CHECK(scalar(conn, "SELECT count(*) FROM \"tp bulk\"") == "2");
}

TEST_CASE("postgres maps errors", "[postgres][driver]") {
    POSTGRES_TEST_OR_SKIP();
    harness::Conn& conn = shared();
    conn.exec("DROP TABLE IF EXISTS tp_posts; DROP TABLE IF EXISTS tp_users; "
              "CREATE TABLE tp_users (id SERIAL PRIMARY KEY, email TEXT UNIQUE, "
              "\"firstName\" TEXT, \"lastName\" TEXT, age INTEGER NOT NULL DEFAULT 1 "
              "CONSTRAINT tp_age_positive CHECK (age > 0), "
              "CONSTRAINT tp_full_name UNIQUE (\"firstName\", \"lastName\")); "
              "CREATE TABLE tp_posts (id SERIAL PRIMARY KEY, "
              "user_id INTEGER NOT NULL REFERENCES tp_users(id))");
    conn.exec("INSERT INTO tp_users (email, \"firstName\", \"lastName\") "
              "VALUES ('a@b.c', 'John', 'Hancock')");

    auto run = [&](const std::string& sql) {
        return failureOf([&] {
            harness::Stmt s(conn, sql);
            s.step();
        });
    };

    SECTION("unique, one column") {
        const tabula_error e = run("INSERT INTO tp_users (email) VALUES ('a@b.c')");
        CHECK(e.kind == TABULA_ERR_UNIQUE);
        CHECK(std::string(e.sqlstate) == "23505");
        CHECK(std::string(e.fields) == "email");
        CHECK(std::string(e.constraint) == "tp_users_email_key");
        CHECK(e.native_code == 0);
        CHECK_THAT(e.message, Catch::Contains("duplicate key") &&
                                  Catch::Contains("Key (email)=(a@b.c) already exists"));
    }
    SECTION("unique, two quoted columns") {
        const tabula_error e = run("INSERT INTO tp_users (\"firstName\", \"lastName\") "
                                   "VALUES ('John', 'Hancock')");
        CHECK(e.kind == TABULA_ERR_UNIQUE);
        CHECK(std::string(e.fields) == "firstName,lastName");
        CHECK(std::string(e.constraint) == "tp_full_name");
    }
    SECTION("foreign key") {
        const tabula_error e = run("INSERT INTO tp_posts (user_id) VALUES (999)");
        CHECK(e.kind == TABULA_ERR_FOREIGN_KEY);
        CHECK(std::string(e.sqlstate) == "23503");
        CHECK(std::string(e.fields) == "user_id");
        CHECK(std::string(e.constraint) == "tp_posts_user_id_fkey");
    }
    SECTION("not null") {
        const tabula_error e = run("INSERT INTO tp_users (email, age) VALUES ('x@y.z', NULL)");
        CHECK(e.kind == TABULA_ERR_NOT_NULL);
        CHECK(std::string(e.fields) == "age");
    }
    SECTION("check") {
        const tabula_error e = run("UPDATE tp_users SET age = -1");
        CHECK(e.kind == TABULA_ERR_CHECK);
        CHECK(std::string(e.constraint) == "tp_age_positive");
    }
    SECTION("unknown table, at prepare and through exec") {
        tabula_error e = run("SELECT * FROM tp_no_such_table");
        CHECK(e.kind == TABULA_ERR_UNKNOWN_TABLE);
        CHECK(std::string(e.sqlstate) == "42P01");
        e = failureOf([&] { conn.exec("DELETE FROM tp_no_such_table"); });
        CHECK(e.kind == TABULA_ERR_UNKNOWN_TABLE);
    }
    SECTION("syntax") {
        const tabula_error e = run("SELEC 1");
        CHECK(e.kind == TABULA_ERR_SYNTAX);
        CHECK(std::string(e.sqlstate) == "42601");
    }
    SECTION("statement timeout") {
        conn.exec("SET statement_timeout = 100");
        const tabula_error e = run("SELECT pg_sleep(5)");
        conn.exec("SET statement_timeout = 0");
        CHECK(e.kind == TABULA_ERR_TIMEOUT);
        CHECK(std::string(e.sqlstate) == "57014");
    }
    SECTION("other errors are generic, with their SQLSTATE") {
        const tabula_error e = run("SELECT 1/0");
        CHECK(e.kind == TABULA_ERR_GENERIC);
        CHECK(std::string(e.sqlstate) == "22012");
    }
    SECTION("serialization failure") {
        harness::Conn other(dialect(), serverSettings());
        auto& drv = *dialect().driver;
        auto begin = [&](harness::Conn& c) {
            auto e = harness::freshError();
            harness::check(
                drv.transaction(c.get(), TABULA_TX_BEGIN, nullptr, TABULA_ISO_SERIALIZABLE, &e), e);
        };
        begin(conn);
        begin(other);
        // Each reads what the other then changes: one of them must fail.
        CHECK(scalar(conn, "SELECT count(*) FROM tp_users WHERE age = 1") == "1");
        CHECK(scalar(other, "SELECT count(*) FROM tp_users WHERE age = 2") == "0");
        conn.exec("INSERT INTO tp_users (email, age) VALUES ('s1@x', 2)");
        other.exec("INSERT INTO tp_users (email, age) VALUES ('s2@x', 1)");
        conn.exec("COMMIT");
        const tabula_error e = failureOf([&] { other.exec("COMMIT"); });
        CHECK(e.kind == TABULA_ERR_DEADLOCK);
        CHECK(std::string(e.sqlstate) == "40001");
    }
    SECTION("a terminated connection is lost") {
        harness::Conn victim(dialect(), serverSettings());
        const std::string pid = scalar(victim, "SELECT pg_backend_pid()");
        harness::Stmt prepared(victim, "SELECT 1");
        CHECK(scalar(conn, "SELECT pg_terminate_backend(" + pid + ")") == "1");
        // The backend exits soon after the signal; ping notices once it has.
        auto e = harness::freshError();
        bool lost = false;
        for (int i = 0; i < 200 && !lost; ++i) {
            lost = victim.driver().ping(victim.get(), &e) == TABULA_ERROR;
            if (!lost) std::this_thread::sleep_for(std::chrono::milliseconds(10));
        }
        CHECK(lost);
        CHECK(e.kind == TABULA_ERR_CONNECTION_LOST);
        CHECK(failureOf([&] { victim.exec("SELECT 1"); }).kind == TABULA_ERR_CONNECTION_LOST);
        CHECK(failureOf([&] { prepared.step(); }).kind == TABULA_ERR_CONNECTION_LOST);
    }
}

TEST_CASE("postgres transactions and savepoints", "[postgres][driver]") {
    POSTGRES_TEST_OR_SKIP();
    harness::Conn& conn = shared();
    auto& drv = *dialect().driver;
    auto tx = [&](tabula_tx_op op, const char* name = nullptr,
                  tabula_isolation isolation = TABULA_ISO_DEFAULT) {
        auto e = harness::freshError();
        harness::check(drv.transaction(conn.get(), op, name, isolation, &e), e);
    };
    conn.exec("DROP TABLE IF EXISTS tp_tx; CREATE TABLE tp_tx (v INTEGER PRIMARY KEY)");

    SECTION("isolation levels") {
        const std::vector<std::pair<tabula_isolation, std::string>> levels = {
            {TABULA_ISO_DEFAULT, "read committed"},
            {TABULA_ISO_READ_UNCOMMITTED, "read uncommitted"},
            {TABULA_ISO_READ_COMMITTED, "read committed"},
            {TABULA_ISO_REPEATABLE_READ, "repeatable read"},
            {TABULA_ISO_SERIALIZABLE, "serializable"},
        };
        for (const auto& [level, name] : levels) {
            tx(TABULA_TX_BEGIN, nullptr, level);
            CHECK(scalar(conn, "SHOW transaction_isolation") == name);
            tx(TABULA_TX_COMMIT);
        }
    }
    SECTION("commit and rollback") {
        tx(TABULA_TX_BEGIN);
        conn.exec("INSERT INTO tp_tx VALUES (1)");
        tx(TABULA_TX_ROLLBACK);
        CHECK(count(conn, "tp_tx") == 0);
        tx(TABULA_TX_BEGIN);
        conn.exec("INSERT INTO tp_tx VALUES (2)");
        tx(TABULA_TX_COMMIT);
        CHECK(count(conn, "tp_tx") == 1);
    }
    SECTION("savepoints, names quoted, recovering from an error") {
        const char* name = "sp \"one\"";
        tx(TABULA_TX_BEGIN);
        conn.exec("INSERT INTO tp_tx VALUES (1)");
        tx(TABULA_TX_SAVEPOINT, name);
        conn.exec("INSERT INTO tp_tx VALUES (2)");
        tx(TABULA_TX_ROLLBACK_TO, name);
        tx(TABULA_TX_SAVEPOINT, "second");
        CHECK(failureOf([&] { conn.exec("INSERT INTO tp_tx VALUES (1)"); }).kind ==
              TABULA_ERR_UNIQUE);
        tx(TABULA_TX_ROLLBACK_TO, "second");
        conn.exec("INSERT INTO tp_tx VALUES (3)");
        tx(TABULA_TX_RELEASE, "second");
        tx(TABULA_TX_RELEASE, name);
        tx(TABULA_TX_COMMIT);
        harness::Stmt s(conn, "SELECT v FROM tp_tx ORDER BY v");
        std::vector<int64_t> values;
        while (s.step())
            values.push_back(s.column(0).i);
        CHECK(values == std::vector<int64_t>{1, 3});
        auto e = harness::freshError();
        CHECK(drv.transaction(conn.get(), TABULA_TX_SAVEPOINT, nullptr, 0, &e) == TABULA_ERROR);
        CHECK(e.kind == TABULA_ERR_MISUSE);
    }
    SECTION("DDL is transactional") {
        tx(TABULA_TX_BEGIN);
        conn.exec("CREATE TABLE tp_tx_ddl (x INTEGER)");
        tx(TABULA_TX_ROLLBACK);
        CHECK(failureOf([&] { count(conn, "tp_tx_ddl"); }).kind == TABULA_ERR_UNKNOWN_TABLE);
    }
}

TEST_CASE("postgres statements are reused and prepared independently", "[postgres][driver]") {
    POSTGRES_TEST_OR_SKIP();
    harness::Conn& conn = shared();
    conn.exec("DROP TABLE IF EXISTS tp_reuse; CREATE TABLE tp_reuse (v INTEGER, note TEXT); "
              "INSERT INTO tp_reuse VALUES (1, 'x'); INSERT INTO tp_reuse VALUES (2, 'y')");

    SECTION("reset clears results and bindings") {
        harness::Stmt insert(conn, "INSERT INTO tp_reuse (v, note) VALUES ($1, $2)");
        for (int i = 10; i < 15; ++i) {
            insert.bind(1, harness::integer(i));
            insert.bind(2, harness::text("n"));
            CHECK_FALSE(insert.step());
            CHECK(insert.changes() == 1);
            insert.reset();
        }
        CHECK_FALSE(insert.step()); // bindings cleared: both NULL
        CHECK(scalar(conn, "SELECT count(*) FROM tp_reuse WHERE v IS NULL AND note IS NULL") ==
              "1");

        harness::Stmt select(conn, "SELECT v FROM tp_reuse WHERE v < $1 ORDER BY v");
        select.bind(1, harness::integer(100));
        REQUIRE(select.step());
        CHECK(select.column(0).i == 1);
        select.reset();
        select.bind(1, harness::integer(100));
        REQUIRE(select.step());
        CHECK(select.column(0).i == 1); // from the first row again
        REQUIRE(select.step());
        CHECK(select.column(0).i == 2);
    }
    SECTION("the same SQL prepared twice on one connection") {
        harness::Stmt first(conn, "SELECT note FROM tp_reuse WHERE v = $1");
        harness::Stmt second(conn, "SELECT note FROM tp_reuse WHERE v = $1");
        first.bind(1, harness::integer(1));
        second.bind(1, harness::integer(2));
        REQUIRE(first.step());
        REQUIRE(second.step());
        CHECK(first.text(0) == "x");
        CHECK(second.text(0) == "y");
    }
    SECTION("finalized statements are deallocated on the server") {
        const std::string countSql = "SELECT count(*) FROM pg_prepared_statements";
        const std::string before = scalar(conn, countSql);
        for (int i = 0; i < 5; ++i) {
            harness::Stmt s(conn, "SELECT $1::int + " + std::to_string(i));
            s.bind(1, harness::integer(i));
            REQUIRE(s.step());
        }
        CHECK(scalar(conn, countSql) == before);
    }
    SECTION("a statement survives DDL that changes its result") {
        harness::Stmt all(conn, "SELECT * FROM tp_reuse ORDER BY v LIMIT 1");
        REQUIRE(all.step());
        CHECK(all.columns() == 2);
        all.reset();
        conn.exec("ALTER TABLE tp_reuse ADD COLUMN extra INTEGER DEFAULT 7");
        REQUIRE(all.step());
        CHECK(all.columns() == 3);
        CHECK(all.name(2) == "extra");
        CHECK(all.column(2).i == 7);
    }
    SECTION("misuse is reported, not crashed on") {
        harness::Stmt s(conn, "SELECT $1::int");
        CHECK(failureOf([&] { s.bind(2, harness::integer(1)); }).kind == TABULA_ERR_MISUSE);
        CHECK(failureOf([&] { s.bind(0, harness::integer(1)); }).kind == TABULA_ERR_MISUSE);
        CHECK(failureOf([&] { s.column(0); }).kind == TABULA_ERR_MISUSE);
        CHECK(failureOf([&] { s.row(1); }).kind == TABULA_ERR_MISUSE);
        s.bind(1, harness::integer(5));
        REQUIRE(s.step());
        CHECK(failureOf([&] { s.column(1); }).kind == TABULA_ERR_MISUSE);
        CHECK(failureOf([&] { s.row(2); }).kind == TABULA_ERR_MISUSE);
        CHECK(s.row(1)[0].i == 5);
        CHECK_FALSE(s.step());
        CHECK_FALSE(s.step());
    }
}

TEST_CASE("postgres exec and ping", "[postgres][driver]") {
    POSTGRES_TEST_OR_SKIP();
    harness::Conn conn(dialect(), serverSettings());
    auto e = harness::freshError();
    CHECK(conn.driver().ping(conn.get(), &e) == TABULA_OK);
    conn.exec("CREATE TEMP TABLE tp_exec (v INTEGER); INSERT INTO tp_exec VALUES (1); "
              "INSERT INTO tp_exec VALUES (2)");
    CHECK(count(conn, "tp_exec") == 2);
    conn.exec("");
    const tabula_error copy = failureOf([&] { conn.exec("COPY tp_exec FROM STDIN"); });
    CHECK(copy.kind == TABULA_ERR_UNSUPPORTED);
    CHECK(count(conn, "tp_exec") == 2); // the connection is still usable
    CHECK(failureOf([&] { conn.exec("COPY tp_exec TO STDOUT"); }).kind == TABULA_ERR_UNSUPPORTED);
    CHECK(conn.driver().ping(conn.get(), &e) == TABULA_OK);
}
