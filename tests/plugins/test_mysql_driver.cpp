// The mysql dialect plugin through its C table alone, against the MariaDB server
// that scripts/mariadb-server.sh starts (TABULA_TEST_MYSQL_URL).
#include "driver_harness.hpp"

#include <catch2/catch.hpp>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <string>
#include <thread>
#include <vector>

namespace {

// TABULA_TEST_SKIP=mysql opts out; otherwise a missing server fails the tests.
bool skipMysql() {
    const char* skip = std::getenv("TABULA_TEST_SKIP");
    return skip && std::strstr(skip, "mysql");
}

#define MYSQL_TEST_OR_SKIP()                                                                       \
    if (skipMysql()) {                                                                             \
        WARN("mysql tests skipped: TABULA_TEST_SKIP contains mysql");                              \
        return;                                                                                    \
    }

const tabula_dialect& dialect() {
    static const tabula_dialect& d = harness::load("mysql");
    return d;
}

std::map<std::string, std::string> serverSettings() {
    return harness::settingsFromUrl(harness::requireUrl("TABULA_TEST_MYSQL_URL"));
}

// Collects what a render hook appends.
struct Collect {
    std::string text;
    tabula_sink sink{this, &Collect::append};
    static void append(void* ctx, const char* data, size_t size) {
        static_cast<Collect*>(ctx)->text.append(data, size);
    }
};

tabula_column_type columnType(tabula_data_kind kind) {
    tabula_column_type c{};
    c.struct_size = sizeof c;
    c.kind = kind;
    c.table = "t";
    c.column = "c";
    return c;
}

std::string renderType(const tabula_column_type& c) {
    Collect type, before, after;
    const int rc = dialect().profile->render_type(&c, &type.sink, &before.sink, &after.sink);
    if (rc != TABULA_OK) return "<error>";
    CHECK(before.text.empty());
    CHECK(after.text.empty());
    return type.text;
}

std::string renderType(tabula_data_kind kind) { return renderType(columnType(kind)); }

std::string renderLimit(int64_t limit, int64_t offset) {
    Collect out;
    REQUIRE(dialect().profile->render_limit(limit, offset, &out.sink) == TABULA_OK);
    return out.text;
}

std::string renderJsonPath(const char* column, std::vector<const char*> segments) {
    Collect out;
    REQUIRE(dialect().profile->render_json_path(column, segments.data(), segments.size(),
                                                &out.sink) == TABULA_OK);
    return out.text;
}

// The error that connecting with these settings fails with.
tabula_error connectFailure(const std::map<std::string, std::string>& settings) {
    try {
        harness::Conn c(dialect(), settings);
    } catch (const harness::Failure& f) {
        return f.error;
    }
    FAIL("connecting succeeded");
    return {};
}

// The error that running sql (prepared, with these parameters) fails with.
tabula_error runFailure(harness::Conn& c, const std::string& sql,
                        const std::vector<tabula_value>& params = {}) {
    try {
        harness::Stmt s(c, sql);
        for (size_t i = 0; i < params.size(); ++i)
            s.bind(static_cast<int>(i) + 1, params[i]);
        while (s.step()) {
        }
    } catch (const harness::Failure& f) {
        return f.error;
    }
    FAIL("statement succeeded: " << sql);
    return {};
}

int64_t count(harness::Conn& c, const std::string& sql) {
    harness::Stmt s(c, sql);
    REQUIRE(s.step());
    const tabula_value v = s.column(0);
    REQUIRE(v.type == TABULA_TYPE_INT);
    return v.i;
}

std::string scalarText(harness::Conn& c, const std::string& sql) {
    harness::Stmt s(c, sql);
    REQUIRE(s.step());
    return s.text(0);
}

tabula_value typed(int32_t type, int64_t i) { return tabula_value{type, i, 0.0, nullptr, 0}; }

} // namespace

TEST_CASE("mysql profile", "[mysql][driver]") {
    MYSQL_TEST_OR_SKIP();
    const tabula_dialect& d = dialect();
    CHECK(d.abi_major == TABULA_ABI_MAJOR);
    CHECK(std::string(d.name) == "mysql");
    CHECK(std::string(d.version) == "0.1.0");
    const tabula_profile& p = *d.profile;
    CHECK(std::string(p.name) == "mysql");
    CHECK(p.quote_open == '`');
    CHECK(p.quote_close == '`');
    CHECK(p.placeholder == TABULA_PLACEHOLDER_QUESTION);
    CHECK((p.supports & TABULA_SUPPORTS_UPSERT_ON_DUPLICATE) != 0);
    CHECK((p.supports & TABULA_SUPPORTS_JSON) != 0);
    CHECK((p.supports & TABULA_SUPPORTS_COMMENT_INLINE) != 0);
    CHECK((p.supports & TABULA_SUPPORTS_RETURNING) == 0);
    CHECK((p.supports & TABULA_SUPPORTS_UPSERT_ON_CONFLICT) == 0);
    CHECK((p.supports & TABULA_SUPPORTS_AUTOINC_INLINE_PK) == 0);
    CHECK(p.max_params == 65535);
    CHECK(std::string(p.now_sql) == "CURRENT_TIMESTAMP(3)");
    CHECK(p.render_type != nullptr);
    CHECK(p.render_limit != nullptr);
    CHECK(p.render_json_path != nullptr);
}

TEST_CASE("mysql renders every column type", "[mysql][driver]") {
    MYSQL_TEST_OR_SKIP();
    auto sized = [](tabula_data_kind kind, int length) {
        auto c = columnType(kind);
        c.length = length;
        return renderType(c);
    };
    CHECK(renderType(TABULA_DT_STRING) == "VARCHAR(255)");
    CHECK(sized(TABULA_DT_STRING, 40) == "VARCHAR(40)");
    CHECK(renderType(TABULA_DT_CHAR) == "CHAR(255)");
    CHECK(sized(TABULA_DT_CHAR, 2) == "CHAR(2)");
    CHECK(renderType(TABULA_DT_TEXT) == "TEXT");
    CHECK(renderType(TABULA_DT_INTEGER) == "INTEGER");
    CHECK(renderType(TABULA_DT_BIGINT) == "BIGINT");
    CHECK(renderType(TABULA_DT_FLOAT) == "FLOAT");
    CHECK(renderType(TABULA_DT_DOUBLE) == "DOUBLE PRECISION");
    CHECK(renderType(TABULA_DT_DECIMAL) == "DECIMAL");
    auto decimal = columnType(TABULA_DT_DECIMAL);
    decimal.precision = 30;
    decimal.scale = 9;
    CHECK(renderType(decimal) == "DECIMAL(30,9)");
    CHECK(renderType(TABULA_DT_BOOLEAN) == "TINYINT(1)");
    CHECK(renderType(TABULA_DT_DATE) == "DATETIME(3)");
    CHECK(renderType(TABULA_DT_DATEONLY) == "DATE");
    CHECK(renderType(TABULA_DT_TIME) == "TIME");
    CHECK(renderType(TABULA_DT_UUID) == "CHAR(36) BINARY");
    CHECK(renderType(TABULA_DT_JSON) == "JSON");
    CHECK(renderType(TABULA_DT_JSONB) == "JSON");
    CHECK(renderType(TABULA_DT_BLOB) == "BLOB");

    const char* values[] = {"draft", "it's", "back\\slash"};
    auto enumeration = columnType(TABULA_DT_ENUM);
    enumeration.values = values;
    enumeration.value_count = 3;
    CHECK(renderType(enumeration) == R"(ENUM('draft','it''s','back\\slash'))");
    CHECK(renderType(TABULA_DT_ENUM) == "<error>"); // no values

    auto array = columnType(TABULA_DT_ARRAY);
    array.element = TABULA_DT_INTEGER;
    CHECK(renderType(array) == "<error>");

    auto id = columnType(TABULA_DT_INTEGER);
    id.auto_increment = 1;
    id.primary_key = 1;
    CHECK(renderType(id) == "INTEGER AUTO_INCREMENT");
    id.kind = TABULA_DT_BIGINT;
    CHECK(renderType(id) == "BIGINT AUTO_INCREMENT");
    id.kind = TABULA_DT_STRING;
    CHECK(renderType(id) == "<error>");
}

TEST_CASE("mysql renders LIMIT/OFFSET and JSON paths", "[mysql][driver]") {
    MYSQL_TEST_OR_SKIP();
    CHECK(renderLimit(10, 0) == "LIMIT 10");
    CHECK(renderLimit(0, 0) == "LIMIT 0");
    CHECK(renderLimit(10, 20) == "LIMIT 10 OFFSET 20");
    CHECK(renderLimit(-1, 5) == "LIMIT 18446744073709551615 OFFSET 5");
    CHECK(renderLimit(-1, 0).empty());

    CHECK(renderJsonPath("`meta`", {"a", "b"}) == "JSON_UNQUOTE(JSON_EXTRACT(`meta`, '$.a.b'))");
    CHECK(renderJsonPath("`t`.`meta`", {"tags", "0", "name"}) ==
          "JSON_UNQUOTE(JSON_EXTRACT(`t`.`meta`, '$.tags[0].name'))");
    CHECK(renderJsonPath("`m`", {"first-name", "2x"}) ==
          R"(JSON_UNQUOTE(JSON_EXTRACT(`m`, '$."first-name"."2x"')))");
    CHECK(renderJsonPath("`m`", {"it's"}) == R"(JSON_UNQUOTE(JSON_EXTRACT(`m`, '$."it''s"')))");
}

TEST_CASE("mysql connect errors are classified", "[mysql][driver]") {
    MYSQL_TEST_OR_SKIP();
    auto settings = serverSettings();
    const std::string where = settings["host"] + ":" + settings["port"];

    SECTION("wrong password") {
        settings["password"] = "not-the-password";
        const tabula_error e = connectFailure(settings);
        CHECK(e.kind == TABULA_ERR_ACCESS_DENIED);
        CHECK(e.native_code == 1045);
        CHECK(std::string(e.sqlstate) == "28000");
        CHECK_THAT(e.message, Catch::Contains(where));
    }
    SECTION("closed port") {
        settings["host"] = "127.0.0.1";
        settings["port"] = "1";
        const tabula_error e = connectFailure(settings);
        CHECK(e.kind == TABULA_ERR_CONN_REFUSED);
        CHECK_THAT(e.message, Catch::Contains("127.0.0.1:1"));
    }
    SECTION("unknown host") {
        settings["host"] = "no-such-host.invalid";
        const tabula_error e = connectFailure(settings);
        CHECK(e.kind == TABULA_ERR_HOST_NOT_FOUND);
        CHECK(e.native_code == 2005);
        CHECK_THAT(e.message, Catch::Contains("no-such-host.invalid"));
    }
    SECTION("unknown database") {
        settings["database"] = "tabula_no_such_database";
        const tabula_error e = connectFailure(settings);
        CHECK(e.kind == TABULA_ERR_CONNECTION);
        // MariaDB answers 1044 (no access) to a user without rights anywhere else.
        CHECK((e.native_code == 1049 || e.native_code == 1044));
    }
    SECTION("a server that never answers times out") {
        // A listening socket that nobody accepts on: TCP connects, no greeting comes.
        const int listener = ::socket(AF_INET, SOCK_STREAM, 0);
        REQUIRE(listener >= 0);
        sockaddr_in addr{};
        addr.sin_family = AF_INET;
        addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        socklen_t len = sizeof addr;
        REQUIRE(::bind(listener, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0);
        REQUIRE(::listen(listener, 4) == 0);
        REQUIRE(::getsockname(listener, reinterpret_cast<sockaddr*>(&addr), &len) == 0);
        settings["host"] = "127.0.0.1";
        settings["port"] = std::to_string(ntohs(addr.sin_port));
        settings["connect_timeout"] = "1";
        const tabula_error e = connectFailure(settings);
        ::close(listener);
        CHECK(e.kind == TABULA_ERR_CONN_TIMEOUT);
    }
    SECTION("a bad port setting") {
        settings["port"] = "http";
        CHECK(connectFailure(settings).kind == TABULA_ERR_CONNECTION);
    }
}

TEST_CASE("mysql sessions use UTC and strict mode whatever the server default", "[mysql][driver]") {
    MYSQL_TEST_OR_SKIP();
    harness::Conn c(dialect(), serverSettings());
    CHECK(scalarText(c, "SELECT @@session.time_zone") == "+00:00");
    CHECK_THAT(scalarText(c, "SELECT @@session.sql_mode"), Catch::Contains("STRICT_ALL_TABLES"));
    // The test server's own default is deliberately not UTC.
    CHECK(scalarText(c, "SELECT @@global.time_zone") != "+00:00");
    auto e = harness::freshError();
    CHECK(c.driver().ping(c.get(), &e) == TABULA_OK);
}

TEST_CASE("mysql round-trips every type", "[mysql][driver]") {
    MYSQL_TEST_OR_SKIP();
    harness::Conn c(dialect(), serverSettings());
    c.exec("DROP TABLE IF EXISTS `mydrv_types`");
    c.exec("CREATE TABLE `mydrv_types` (`id` INTEGER NOT NULL AUTO_INCREMENT PRIMARY KEY, "
           "`s` VARCHAR(255), `txt` MEDIUMTEXT, `i` INTEGER, `big` BIGINT, `f` FLOAT, "
           "`dbl` DOUBLE PRECISION, `dec` DECIMAL(30,9), `flag` TINYINT(1), `at` DATETIME(3), "
           "`stamp` TIMESTAMP(6) NULL, `day` DATE, `tm` TIME, `tm3` TIME(3), "
           "`uuid` CHAR(36) BINARY, `doc` JSON, `bin` BLOB, `kind` ENUM('a','b'), "
           "`ubig` BIGINT UNSIGNED, `bits` BIT(12), `small` TINYINT)");

    const std::string s = "h\xC3\xA9llo \xE2\x9C\x93";
    const std::string longText(100000, 'x');
    const std::string dec = "123456789012345678901.123456789";
    const std::string uuid = "9b2f7c1e-4d3a-4c5b-8e6f-0a1b2c3d4e5f";
    const std::string doc = R"({"a": [1, 2], "b": {"c": "it's"}})";
    const std::string blob("\0a\0\xff\0", 5);
    const int64_t at = 1700000000123000;    // 2023-11-14 22:13:20.123 UTC
    const int64_t stamp = 1700000000123456; // microseconds kept by TIMESTAMP(6)

    harness::Stmt insert(c, "INSERT INTO `mydrv_types` (`s`, `txt`, `i`, `big`, `f`, `dbl`, `dec`, "
                            "`flag`, `at`, `stamp`, `day`, `tm`, `tm3`, `uuid`, `doc`, `bin`, "
                            "`kind`, `ubig`, `bits`, `small`) VALUES "
                            "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
                            "18446744073709551615, b'101010101010', 7)");
    insert.bind(1, harness::text(s));
    insert.bind(2, harness::text(longText));
    insert.bind(3, harness::integer(-2147483647 - 1));
    insert.bind(4, harness::integer(INT64_MAX));
    insert.bind(5, harness::real(0.1));
    insert.bind(6, harness::real(1.0 / 3));
    insert.bind(7, harness::text(dec, TABULA_TYPE_DECIMAL));
    insert.bind(8, typed(TABULA_TYPE_BOOL, 1));
    insert.bind(9, typed(TABULA_TYPE_TIMESTAMP, at));
    insert.bind(10, typed(TABULA_TYPE_TIMESTAMP, stamp));
    insert.bind(11, harness::text("2024-02-29", TABULA_TYPE_DATE));
    insert.bind(12, harness::text("-838:59:59", TABULA_TYPE_TIME));
    insert.bind(13, harness::text("12:34:56.789", TABULA_TYPE_TIME));
    insert.bind(14, harness::text(uuid, TABULA_TYPE_UUID));
    insert.bind(15, harness::text(doc, TABULA_TYPE_JSON));
    insert.bind(16, harness::text(blob, TABULA_TYPE_BYTES));
    insert.bind(17, harness::text("b"));
    CHECK_FALSE(insert.step());
    CHECK(insert.changes() == 1);
    const int64_t id = insert.lastInsertId();
    CHECK(id > 0);

    harness::Stmt select(c, "SELECT `s`, `txt`, `i`, `big`, `f`, `dbl`, `dec`, `flag`, `at`, "
                            "`stamp`, `day`, `tm`, `tm3`, `uuid`, `doc`, `bin`, `kind`, `ubig`, "
                            "`bits`, `small`, NULL AS `nothing` FROM `mydrv_types` WHERE `id` = ?");
    REQUIRE(select.columns() == 21);
    CHECK(select.name(0) == "s");
    CHECK(select.name(20) == "nothing");
    select.bind(1, harness::integer(id));
    REQUIRE(select.step());
    auto expect = [&](int column, int32_t type) {
        const tabula_value v = select.column(column);
        CHECK(v.type == type);
        return v;
    };
    CHECK(expect(0, TABULA_TYPE_TEXT).size == s.size());
    CHECK(select.text(0) == s);
    expect(1, TABULA_TYPE_TEXT);
    CHECK(select.text(1) == longText);
    CHECK(expect(2, TABULA_TYPE_INT).i == -2147483647 - 1);
    CHECK(expect(3, TABULA_TYPE_INT).i == INT64_MAX);
    CHECK(expect(4, TABULA_TYPE_DOUBLE).d == 0.1);
    CHECK(expect(5, TABULA_TYPE_DOUBLE).d == 1.0 / 3);
    expect(6, TABULA_TYPE_DECIMAL);
    CHECK(select.text(6) == dec);
    CHECK(expect(7, TABULA_TYPE_BOOL).i == 1);
    CHECK(expect(8, TABULA_TYPE_TIMESTAMP).i == at);
    CHECK(expect(9, TABULA_TYPE_TIMESTAMP).i == stamp);
    expect(10, TABULA_TYPE_DATE);
    CHECK(select.text(10) == "2024-02-29");
    expect(11, TABULA_TYPE_TIME);
    CHECK(select.text(11) == "-838:59:59");
    expect(12, TABULA_TYPE_TIME);
    CHECK(select.text(12) == "12:34:56.789");
    expect(13, TABULA_TYPE_TEXT);
    CHECK(select.text(13) == uuid);
    expect(14, TABULA_TYPE_TEXT);
    CHECK(select.text(14) == doc);
    expect(15, TABULA_TYPE_BYTES);
    CHECK(select.text(15) == blob);
    expect(16, TABULA_TYPE_TEXT);
    CHECK(select.text(16) == "b");
    expect(17, TABULA_TYPE_DECIMAL);
    CHECK(select.text(17) == "18446744073709551615");
    CHECK(expect(18, TABULA_TYPE_INT).i == 0xAAA);
    CHECK(expect(19, TABULA_TYPE_INT).i == 7);
    expect(20, TABULA_TYPE_NULL);
    CHECK(harness::rowDisagreement(select, 21) == "");
    CHECK_FALSE(select.step());

    // Stored as UTC wall time although the server's default zone is -05:00.
    CHECK(scalarText(c, "SELECT DATE_FORMAT(`at`, '%Y-%m-%d %H:%i:%s.%f') FROM `mydrv_types` "
                        "WHERE `id` = " +
                            std::to_string(id)) == "2023-11-14 22:13:20.123000");

    SECTION("NULL in every column") {
        harness::Stmt nulls(c, "INSERT INTO `mydrv_types` (`s`, `dec`, `flag`, `at`, `day`, `tm`, "
                               "`uuid`, `doc`, `bin`) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
        for (int i = 1; i <= 9; ++i)
            nulls.bind(i, harness::null());
        CHECK_FALSE(nulls.step());
        harness::Stmt read(c, "SELECT `s`, `dec`, `flag`, `at`, `day`, `tm`, `uuid`, `doc`, `bin`, "
                              "`ubig` FROM `mydrv_types` WHERE `id` = ?");
        read.bind(1, harness::integer(nulls.lastInsertId()));
        REQUIRE(read.step());
        for (int i = 0; i < read.columns(); ++i)
            CHECK(read.column(i).type == TABULA_TYPE_NULL);
    }
    SECTION("empty text and empty bytes are not NULL") {
        harness::Stmt empty(c, "SELECT ?, ?");
        empty.bind(1, harness::text(""));
        empty.bind(2, harness::text("", TABULA_TYPE_BYTES));
        REQUIRE(empty.step());
        CHECK(empty.column(0).type == TABULA_TYPE_TEXT);
        CHECK(empty.column(0).size == 0);
        CHECK(empty.column(1).type == TABULA_TYPE_BYTES);
        CHECK(empty.column(1).size == 0);
    }
    SECTION("large blobs and negative instants") {
        std::string big(3 * 1024 * 1024, '\0');
        for (size_t i = 0; i < big.size(); ++i)
            big[i] = static_cast<char>(i * 31 % 256);
        c.exec("ALTER TABLE `mydrv_types` MODIFY `bin` LONGBLOB");
        harness::Stmt put(c, "INSERT INTO `mydrv_types` (`bin`, `at`) VALUES (?, ?)");
        put.bind(1, harness::text(big, TABULA_TYPE_BYTES));
        put.bind(2, typed(TABULA_TYPE_TIMESTAMP, -86400000000 + 1000)); // 1969-12-31 00:00:00.001
        CHECK_FALSE(put.step());
        harness::Stmt get(c, "SELECT `bin`, `at` FROM `mydrv_types` WHERE `id` = ?");
        get.bind(1, harness::integer(put.lastInsertId()));
        REQUIRE(get.step());
        CHECK(get.column(0).type == TABULA_TYPE_BYTES);
        CHECK(get.text(0) == big);
        CHECK(get.column(1).i == -86400000000 + 1000);
    }
    SECTION("decimals compare exactly") {
        harness::Stmt find(c, "SELECT COUNT(*) FROM `mydrv_types` WHERE `dec` = ?");
        find.bind(1, harness::text(dec, TABULA_TYPE_DECIMAL));
        REQUIRE(find.step());
        CHECK(find.column(0).i == 1);
        find.reset();
        find.bind(1, harness::text("123456789012345678901.123456788", TABULA_TYPE_DECIMAL));
        REQUIRE(find.step());
        CHECK(find.column(0).i == 0);
    }
    SECTION("JSON paths rendered by the dialect run on the server") {
        const std::string sql = "SELECT " + renderJsonPath("`doc`", {"a", "1"}) + ", " +
                                renderJsonPath("`doc`", {"b", "c"}) +
                                " FROM `mydrv_types` WHERE `id` = " + std::to_string(id);
        harness::Stmt json(c, sql);
        REQUIRE(json.step());
        CHECK(json.text(0) == "2");
        CHECK(json.text(1) == "it's");
    }
    c.exec("DROP TABLE `mydrv_types`");
}

TEST_CASE("mysql reports last insert id and changed rows", "[mysql][driver]") {
    MYSQL_TEST_OR_SKIP();
    harness::Conn c(dialect(), serverSettings());
    c.exec("DROP TABLE IF EXISTS `mydrv_ids`; CREATE TABLE `mydrv_ids` (`id` BIGINT NOT NULL "
           "AUTO_INCREMENT PRIMARY KEY, `name` VARCHAR(20), `n` INTEGER)");
    harness::Stmt insert(c, "INSERT INTO `mydrv_ids` (`name`, `n`) VALUES (?, ?)");
    std::vector<int64_t> ids;
    for (int i = 0; i < 3; ++i) {
        insert.bind(1, harness::text("row" + std::to_string(i)));
        insert.bind(2, harness::integer(i == 2 ? 5 : 1));
        CHECK_FALSE(insert.step());
        CHECK(insert.changes() == 1);
        ids.push_back(insert.lastInsertId());
        insert.reset();
    }
    CHECK(ids[1] == ids[0] + 1);
    CHECK(ids[2] == ids[1] + 1);

    // Affected rows count rows changed, not rows matched (no CLIENT_FOUND_ROWS).
    harness::Stmt update(c, "UPDATE `mydrv_ids` SET `n` = ? WHERE `id` >= ?");
    update.bind(1, harness::integer(5));
    update.bind(2, harness::integer(ids[0]));
    CHECK_FALSE(update.step());
    CHECK(update.changes() == 2);
    CHECK(update.lastInsertId() == 0);

    harness::Stmt upsert(c, "INSERT INTO `mydrv_ids` (`id`, `name`, `n`) VALUES (?, ?, ?) "
                            "ON DUPLICATE KEY UPDATE `name` = VALUES(`name`)");
    upsert.bind(1, harness::integer(ids[0]));
    upsert.bind(2, harness::text("renamed"));
    upsert.bind(3, harness::integer(0));
    CHECK_FALSE(upsert.step());
    CHECK(upsert.changes() == 2); // MySQL's count for "updated an existing row"

    harness::Stmt remove(c, "DELETE FROM `mydrv_ids` WHERE `n` = ?");
    remove.bind(1, harness::integer(5));
    CHECK_FALSE(remove.step());
    CHECK(remove.changes() == 3);
    c.exec("DROP TABLE `mydrv_ids`");
}

TEST_CASE("mysql maps server errors", "[mysql][driver]") {
    MYSQL_TEST_OR_SKIP();
    harness::Conn c(dialect(), serverSettings());
    c.exec("DROP TABLE IF EXISTS `mydrv_tasks`, `mydrv_users`");
    c.exec("CREATE TABLE `mydrv_users` (`id` INTEGER NOT NULL AUTO_INCREMENT PRIMARY KEY, "
           "`email` VARCHAR(100) NOT NULL, `nick` VARCHAR(20) UNIQUE, `age` INTEGER, "
           "CONSTRAINT `mydrv_users_email_unique` UNIQUE (`email`), "
           "CONSTRAINT `age_positive` CHECK (`age` > 0))");
    c.exec(
        "CREATE TABLE `mydrv_tasks` (`id` INTEGER NOT NULL AUTO_INCREMENT PRIMARY KEY, "
        "`userId` INTEGER NOT NULL, `title` VARCHAR(20) NOT NULL, "
        "CONSTRAINT `mydrv_tasks_user_fk` FOREIGN KEY (`userId`) REFERENCES `mydrv_users` (`id`))");
    c.exec("INSERT INTO `mydrv_users` (`id`, `email`, `nick`) VALUES (1, 'a@x.org', 'a')");
    c.exec("INSERT INTO `mydrv_tasks` (`userId`, `title`) VALUES (1, 'first')");

    SECTION("unique, named <table>_<column>_unique") {
        const auto e = runFailure(c, "INSERT INTO `mydrv_users` (`email`) VALUES (?)",
                                  {harness::text("a@x.org")});
        CHECK(e.kind == TABULA_ERR_UNIQUE);
        CHECK(e.native_code == 1062);
        CHECK(std::string(e.sqlstate) == "23000");
        CHECK(std::string(e.constraint) == "mydrv_users_email_unique");
        CHECK(std::string(e.fields) == "email");
    }
    SECTION("unique, a column's own key") {
        const auto e = runFailure(c, "INSERT INTO `mydrv_users` (`email`, `nick`) VALUES (?, ?)",
                                  {harness::text("b@x.org"), harness::text("a")});
        CHECK(e.kind == TABULA_ERR_UNIQUE);
        CHECK(std::string(e.constraint) == "nick");
        CHECK(std::string(e.fields) == "nick");
    }
    SECTION("unique, the primary key") {
        const auto e = runFailure(c, "INSERT INTO `mydrv_users` (`id`, `email`) VALUES (1, ?)",
                                  {harness::text("c@x.org")});
        CHECK(e.kind == TABULA_ERR_UNIQUE);
        CHECK(std::string(e.constraint) == "PRIMARY");
    }
    SECTION("foreign key, missing parent") {
        const auto e = runFailure(c, "INSERT INTO `mydrv_tasks` (`userId`, `title`) VALUES (?, ?)",
                                  {harness::integer(99), harness::text("x")});
        CHECK(e.kind == TABULA_ERR_FOREIGN_KEY);
        CHECK(e.native_code == 1452);
        CHECK(std::string(e.constraint) == "mydrv_tasks_user_fk");
        CHECK(std::string(e.fields) == "userId");
    }
    SECTION("foreign key, parent still referenced") {
        const auto e =
            runFailure(c, "DELETE FROM `mydrv_users` WHERE `id` = ?", {harness::integer(1)});
        CHECK(e.kind == TABULA_ERR_FOREIGN_KEY);
        CHECK(e.native_code == 1451);
        CHECK(std::string(e.constraint) == "mydrv_tasks_user_fk");
    }
    SECTION("not null") {
        auto e = runFailure(c, "INSERT INTO `mydrv_tasks` (`userId`, `title`) VALUES (1, ?)",
                            {harness::null()});
        CHECK(e.kind == TABULA_ERR_NOT_NULL);
        CHECK(e.native_code == 1048);
        CHECK(std::string(e.fields) == "title");
        e = runFailure(c, "INSERT INTO `mydrv_tasks` (`userId`) VALUES (?)", {harness::integer(1)});
        CHECK(e.kind == TABULA_ERR_NOT_NULL);
        CHECK(e.native_code == 1364);
        CHECK(std::string(e.fields) == "title");
    }
    SECTION("check constraint") {
        const auto e = runFailure(c, "UPDATE `mydrv_users` SET `age` = ? WHERE `id` = 1",
                                  {harness::integer(-3)});
        CHECK(e.kind == TABULA_ERR_CHECK);
        CHECK(std::string(e.constraint) == "age_positive");
    }
    SECTION("unknown table") {
        const auto e = runFailure(c, "SELECT * FROM `mydrv_nowhere`");
        CHECK(e.kind == TABULA_ERR_UNKNOWN_TABLE);
        CHECK(e.native_code == 1146);
        CHECK(std::string(e.sqlstate) == "42S02");
    }
    SECTION("syntax") {
        const auto e = runFailure(c, "SELEC 1");
        CHECK(e.kind == TABULA_ERR_SYNTAX);
        CHECK(e.native_code == 1064);
        CHECK(std::string(e.sqlstate) == "42000");
        auto err = harness::freshError();
        CHECK(c.driver().exec(c.get(), "SELECT 1; SELEC 2", &err) == TABULA_ERROR);
        CHECK(err.kind == TABULA_ERR_SYNTAX);
    }
    SECTION("strict mode refuses truncation") {
        const auto e = runFailure(c, "UPDATE `mydrv_tasks` SET `title` = ?",
                                  {harness::text(std::string(50, 'y'))});
        CHECK(e.kind == TABULA_ERR_GENERIC);
        CHECK(e.native_code == 1406); // data too long
    }
    SECTION("errors met while the rows are being read") {
        // The server reports these after the result has started: the statement
        // fails on the row, with the server's code, and the connection goes on.
        auto e = runFailure(c, "INSERT INTO `mydrv_users` (`email`) VALUES (?) RETURNING `id`",
                            {harness::text("a@x.org")});
        CHECK(e.kind == TABULA_ERR_UNIQUE);
        CHECK(e.native_code == 1062);
        CHECK(std::string(e.constraint) == "mydrv_users_email_unique");
        c.exec("INSERT INTO `mydrv_users` (`id`, `email`) VALUES (2, 'b@x.org')");
        e = runFailure(c, "SELECT `id`, (SELECT `id` FROM `mydrv_users`) FROM `mydrv_users`");
        CHECK(e.native_code == 1242); // subquery returns more than one row
        CHECK(std::string(e.message).find("more than 1 row") != std::string::npos);
        CHECK(count(c, "SELECT COUNT(*) FROM `mydrv_users`") == 2);
    }
    SECTION("bad parameter indexes are misuse") {
        auto err = harness::freshError();
        const tabula_value v = harness::integer(1);
        tabula_stmt* raw = nullptr;
        REQUIRE(c.driver().prepare(c.get(), "SELECT ?", 8, &raw, &err) == TABULA_OK);
        CHECK(c.driver().bind(raw, 2, &v, &err) == TABULA_ERROR);
        CHECK(err.kind == TABULA_ERR_MISUSE);
        c.driver().finalize(raw);
    }
    c.exec("DROP TABLE `mydrv_tasks`, `mydrv_users`");
}

TEST_CASE("mysql transactions, isolation and savepoints", "[mysql][driver]") {
    MYSQL_TEST_OR_SKIP();
    harness::Conn a(dialect(), serverSettings());
    harness::Conn b(dialect(), serverSettings());
    a.exec("DROP TABLE IF EXISTS `mydrv_tx`; CREATE TABLE `mydrv_tx` (`n` INTEGER) ENGINE=InnoDB");
    auto tx = [](harness::Conn& c, tabula_tx_op op, const char* name = nullptr,
                 tabula_isolation iso = TABULA_ISO_DEFAULT) {
        auto e = harness::freshError();
        harness::check(c.driver().transaction(c.get(), op, name, iso, &e), e);
    };

    SECTION("isolation is set for the transaction it starts") {
        tx(b, TABULA_TX_BEGIN);
        b.exec("INSERT INTO `mydrv_tx` VALUES (1)");
        tx(a, TABULA_TX_BEGIN, nullptr, TABULA_ISO_READ_UNCOMMITTED);
        CHECK(count(a, "SELECT COUNT(*) FROM `mydrv_tx`") == 1); // a dirty read
        tx(a, TABULA_TX_COMMIT);
        tx(a, TABULA_TX_BEGIN, nullptr, TABULA_ISO_READ_COMMITTED);
        CHECK(count(a, "SELECT COUNT(*) FROM `mydrv_tx`") == 0);
        tx(a, TABULA_TX_COMMIT);
        tx(a, TABULA_TX_BEGIN); // back to the session's default
        CHECK(count(a, "SELECT COUNT(*) FROM `mydrv_tx`") == 0);
        tx(a, TABULA_TX_COMMIT);
        tx(b, TABULA_TX_ROLLBACK);
        CHECK(count(a, "SELECT COUNT(*) FROM `mydrv_tx`") == 0);
    }
    SECTION("commit and rollback") {
        tx(a, TABULA_TX_BEGIN, nullptr, TABULA_ISO_SERIALIZABLE);
        a.exec("INSERT INTO `mydrv_tx` VALUES (1)");
        tx(a, TABULA_TX_ROLLBACK);
        CHECK(count(a, "SELECT COUNT(*) FROM `mydrv_tx`") == 0);
        tx(a, TABULA_TX_BEGIN, nullptr, TABULA_ISO_REPEATABLE_READ);
        a.exec("INSERT INTO `mydrv_tx` VALUES (2)");
        tx(a, TABULA_TX_COMMIT);
        CHECK(count(b, "SELECT COUNT(*) FROM `mydrv_tx`") == 1);
    }
    SECTION("savepoints, with names that need quoting") {
        tx(a, TABULA_TX_BEGIN);
        a.exec("INSERT INTO `mydrv_tx` VALUES (1)");
        tx(a, TABULA_TX_SAVEPOINT, "sp 1");
        a.exec("INSERT INTO `mydrv_tx` VALUES (2)");
        tx(a, TABULA_TX_SAVEPOINT, "odd`name");
        a.exec("INSERT INTO `mydrv_tx` VALUES (3)");
        tx(a, TABULA_TX_ROLLBACK_TO, "odd`name");
        CHECK(count(a, "SELECT COUNT(*) FROM `mydrv_tx`") == 2);
        tx(a, TABULA_TX_ROLLBACK_TO, "sp 1");
        CHECK(count(a, "SELECT COUNT(*) FROM `mydrv_tx`") == 1);
        tx(a, TABULA_TX_RELEASE, "sp 1");
        auto e = harness::freshError();
        CHECK(a.driver().transaction(a.get(), TABULA_TX_ROLLBACK_TO, "sp 1", 0, &e) ==
              TABULA_ERROR);
        CHECK(e.native_code == 1305); // the savepoint is gone
        tx(a, TABULA_TX_COMMIT);
        CHECK(count(b, "SELECT COUNT(*) FROM `mydrv_tx`") == 1);
    }
    a.exec("DROP TABLE `mydrv_tx`");
}

TEST_CASE("mysql statements reset and run again", "[mysql][driver]") {
    MYSQL_TEST_OR_SKIP();
    harness::Conn c(dialect(), serverSettings());
    c.exec("DROP TABLE IF EXISTS `mydrv_reuse`; CREATE TABLE `mydrv_reuse` (`n` INTEGER, "
           "`label` VARCHAR(10))");
    harness::Stmt insert(c, "INSERT INTO `mydrv_reuse` VALUES (?, ?)");
    for (int i = 1; i <= 20; ++i) {
        insert.bind(1, harness::integer(i));
        insert.bind(2, harness::text(i % 2 ? "odd" : "even"));
        CHECK_FALSE(insert.step());
        insert.reset();
    }
    // Reset clears bindings: unbound parameters are NULL.
    CHECK_FALSE(insert.step());
    CHECK(count(c, "SELECT COUNT(*) FROM `mydrv_reuse` WHERE `n` IS NULL AND `label` IS NULL") ==
          1);

    harness::Stmt select(c, "SELECT `n` FROM `mydrv_reuse` WHERE `label` = ? ORDER BY `n`");
    select.bind(1, harness::text("odd"));
    REQUIRE(select.step());
    CHECK(select.column(0).i == 1);
    // Other statements run while a result is still open.
    CHECK(count(c, "SELECT COUNT(*) FROM `mydrv_reuse`") == 21);
    REQUIRE(select.step());
    CHECK(select.column(0).i == 3);
    select.reset(); // abandoned halfway
    select.bind(1, harness::text("even"));
    std::vector<int64_t> seen;
    while (select.step())
        seen.push_back(select.column(0).i);
    CHECK(seen.size() == 10);
    CHECK(seen.front() == 2);
    CHECK(seen.back() == 20);
    CHECK_FALSE(select.step()); // stays done
    try {
        select.column(0);
        FAIL("a cell was read with no current row");
    } catch (const harness::Failure& f) {
        CHECK(f.error.kind == TABULA_ERR_MISUSE);
    }
    try {
        select.row(1);
        FAIL("a row was read with no current row");
    } catch (const harness::Failure& f) {
        CHECK(f.error.kind == TABULA_ERR_MISUSE);
    }
    c.exec("DROP TABLE `mydrv_reuse`");
}

TEST_CASE("mysql keeps an unfinished result when other work needs the connection",
          "[mysql][driver]") {
    MYSQL_TEST_OR_SKIP();
    harness::Conn c(dialect(), serverSettings());
    c.exec("DROP TABLE IF EXISTS `mydrv_stream`; CREATE TABLE `mydrv_stream` (`n` INTEGER, "
           "`label` VARCHAR(20), `body` TEXT, `day` DATE, `price` DECIMAL(10,2))");
    // Long enough to be fetched again past the first buffer.
    auto body = [](int n) { return std::string(5000 + n, static_cast<char>('a' + n % 26)); };
    {
        harness::Stmt insert(c, "INSERT INTO `mydrv_stream` VALUES (?, ?, ?, ?, ?)");
        for (int n = 1; n <= 50; ++n) {
            const std::string label = "row-" + std::to_string(n), text = body(n);
            const std::string day =
                "2024-03-" + std::string(n % 28 + 1 < 10 ? "0" : "") + std::to_string(n % 28 + 1);
            const std::string price = std::to_string(n) + ".25";
            insert.bind(1, harness::integer(n));
            insert.bind(2, harness::text(label));
            insert.bind(3, harness::text(text));
            insert.bind(4, harness::text(day, TABULA_TYPE_DATE));
            insert.bind(5, harness::text(price, TABULA_TYPE_DECIMAL));
            CHECK_FALSE(insert.step());
            insert.reset();
        }
    }
    const std::string all = "SELECT `n`, `label`, `body`, `day`, `price` FROM `mydrv_stream` "
                            "WHERE `n` > ? ORDER BY `n`";
    harness::Stmt first(c, all), second(c, all);
    auto spare = std::make_unique<harness::Stmt>(c, "SELECT 1");
    first.bind(1, harness::integer(0));
    REQUIRE(first.step());
    // The cells already handed out stay valid until this statement steps again,
    // however much other work the connection does in between.
    const std::vector<tabula_value> held = first.row(5);
    REQUIRE(held[0].i == 1);
    spare.reset(); // closing a statement needs the connection too

    second.bind(1, harness::integer(40));
    REQUIRE(second.step()); // first keeps the rest of its rows in memory
    CHECK(second.column(0).i == 41);
    c.exec("START TRANSACTION");                                  // second does too
    CHECK(count(c, "SELECT COUNT(*) FROM `mydrv_stream`") == 50); // a third statement
    c.exec("COMMIT");

    CHECK(std::string(held[1].data, held[1].size) == "row-1");
    CHECK(std::string(held[2].data, held[2].size) == body(1));
    CHECK(std::string(held[3].data, held[3].size) == "2024-03-02");
    CHECK(std::string(held[4].data, held[4].size) == "1.25");
    CHECK(first.text(2) == body(1)); // the current row reads the same again
    CHECK(harness::rowDisagreement(first, 5).empty());

    std::vector<int64_t> firstSeen{1}, secondSeen{41};
    bool more = true;
    while (more) { // both, turn about, each from its own kept rows
        more = false;
        for (auto [s, seen] : {std::pair{&first, &firstSeen}, std::pair{&second, &secondSeen}}) {
            if (!s->step()) continue;
            more = true;
            const int64_t n = s->column(0).i;
            seen->push_back(n);
            CHECK(s->text(1) == "row-" + std::to_string(n));
            CHECK(s->text(2) == body(static_cast<int>(n)));
            CHECK(s->text(4) == std::to_string(n) + ".25");
            CHECK(harness::rowDisagreement(*s, 5).empty());
        }
    }
    CHECK(firstSeen.size() == 50);
    CHECK(firstSeen.back() == 50);
    CHECK(secondSeen.size() == 10);
    CHECK(secondSeen.back() == 50);

    // A result left unfinished by reset is discarded, and the statement runs again.
    first.reset();
    first.bind(1, harness::integer(45));
    REQUIRE(first.step());
    CHECK(first.column(0).i == 46);
    first.reset();
    CHECK(count(c, "SELECT COUNT(*) FROM `mydrv_stream` WHERE `n` > 45") == 5);
    c.exec("DROP TABLE `mydrv_stream`");
}

TEST_CASE("mysql runs DDL, procedures and unpreparable statements", "[mysql][driver]") {
    MYSQL_TEST_OR_SKIP();
    harness::Conn c(dialect(), serverSettings());
    c.exec("DROP TABLE IF EXISTS `mydrv_ddl`; DROP PROCEDURE IF EXISTS `mydrv_proc`");

    SECTION("DDL through prepare") {
        harness::Stmt create(c, "CREATE TABLE `mydrv_ddl` (`id` INTEGER NOT NULL AUTO_INCREMENT, "
                                "`v` VARCHAR(5), PRIMARY KEY (`id`))");
        CHECK(create.columns() == 0);
        CHECK_FALSE(create.step());
        harness::Stmt insert(c, "INSERT INTO `mydrv_ddl` (`v`) VALUES ('x')");
        CHECK_FALSE(insert.step());
        CHECK(insert.lastInsertId() == 1);
        harness::Stmt drop(c, "DROP TABLE `mydrv_ddl`");
        CHECK_FALSE(drop.step());
        CHECK(runFailure(c, "SELECT * FROM `mydrv_ddl`").kind == TABULA_ERR_UNKNOWN_TABLE);
    }
    SECTION("a procedure's result, then the connection is usable again") {
        c.exec("CREATE PROCEDURE `mydrv_proc`(IN k INTEGER) SELECT k * 2 AS `twice` UNION ALL "
               "SELECT k * 3");
        harness::Stmt call(c, "CALL `mydrv_proc`(?)");
        call.bind(1, harness::integer(7));
        REQUIRE(call.step());
        CHECK(call.name(0) == "twice");
        CHECK(call.column(0).i == 14);
        call.reset(); // abandoned with a row and the CALL's status still pending
        CHECK(count(c, "SELECT 40 + 2") == 42);
        call.bind(1, harness::integer(5));
        std::vector<int64_t> rows;
        while (call.step())
            rows.push_back(call.column(0).i);
        CHECK(rows == std::vector<int64_t>{10, 15});
        CHECK(count(c, "SELECT 1") == 1);
        c.exec("DROP PROCEDURE `mydrv_proc`");
    }
    SECTION("statements the server will not prepare run as text") {
        harness::Stmt prepare(c, "PREPARE mydrv_s FROM 'SELECT ? + 1 AS n, ''a?b'' AS s'");
        CHECK_FALSE(prepare.step());
        c.exec("SET @mydrv_a = 41");
        harness::Stmt execute(c, "EXECUTE mydrv_s USING @mydrv_a");
        REQUIRE(execute.step());
        CHECK(execute.columns() == 2);
        CHECK(execute.name(0) == "n");
        CHECK(execute.column(0).type == TABULA_TYPE_INT);
        CHECK(execute.column(0).i == 42);
        CHECK(execute.text(1) == "a?b");
        CHECK_FALSE(execute.step());
        execute.reset();
        REQUIRE(execute.step()); // runs again after reset
        CHECK(execute.column(0).i == 42);
        execute.reset();
        // Text statements cannot take parameters: binding is misuse.
        auto e = harness::freshError();
        const tabula_value v = harness::integer(1);
        tabula_stmt* raw = nullptr;
        const std::string text = "EXECUTE mydrv_s USING @mydrv_a";
        REQUIRE(c.driver().prepare(c.get(), text.data(), text.size(), &raw, &e) == TABULA_OK);
        CHECK(c.driver().bind(raw, 1, &v, &e) == TABULA_ERROR);
        CHECK(e.kind == TABULA_ERR_MISUSE);
        c.driver().finalize(raw);
        // With a placeholder the refusal is reported instead.
        const auto refused = runFailure(c, "EXECUTE mydrv_s USING ?", {harness::integer(1)});
        CHECK(refused.native_code == 1295);
        harness::Stmt deallocate(c, "DEALLOCATE PREPARE mydrv_s");
        CHECK_FALSE(deallocate.step());
    }
}

TEST_CASE("mysql reports a killed connection as lost", "[mysql][driver]") {
    MYSQL_TEST_OR_SKIP();
    harness::Conn victim(dialect(), serverSettings());
    harness::Conn killer(dialect(), serverSettings());
    const int64_t id = count(victim, "SELECT CONNECTION_ID()");
    killer.exec("KILL " + std::to_string(id));
    // The server closes the victim's socket soon after KILL returns; ping
    // notices as soon as it has.
    auto e = harness::freshError();
    bool lost = false;
    for (int i = 0; i < 200 && !lost; ++i) {
        lost = victim.driver().ping(victim.get(), &e) == TABULA_ERROR;
        if (!lost) std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    CHECK(lost);
    CHECK(e.kind == TABULA_ERR_CONNECTION_LOST);
    const auto failed = runFailure(victim, "SELECT 1");
    CHECK(failed.kind == TABULA_ERR_CONNECTION_LOST);
}

TEST_CASE("mysql connections work from several threads at once", "[mysql][driver]") {
    MYSQL_TEST_OR_SKIP();
    const auto settings = serverSettings();
    std::atomic<int> good{0};
    std::vector<std::string> failures(8);
    std::vector<std::thread> threads;
    for (int t = 0; t < 8; ++t)
        threads.emplace_back([&, t] {
            try {
                harness::Conn c(dialect(), settings);
                harness::Stmt s(c, "SELECT ? * 2");
                for (int i = 0; i < 50; ++i) {
                    s.bind(1, harness::integer(t * 1000 + i));
                    if (!s.step() || s.column(0).i != 2 * (t * 1000 + i))
                        throw std::runtime_error("wrong result");
                    s.reset();
                }
                ++good;
            } catch (const std::exception& e) {
                failures[t] = e.what();
            }
        });
    for (std::thread& t : threads)
        t.join();
    for (const std::string& f : failures)
        CHECK(f.empty());
    CHECK(good == 8);
}
