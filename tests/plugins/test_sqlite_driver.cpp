// The SQLite dialect through its C table alone (no core): profile, render
// hooks, binding and reading every type, counters, errors and transactions.
#include "driver_harness.hpp"

#include <catch2/catch.hpp>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>
#include <unistd.h>
#include <vector>

namespace {

namespace fs = std::filesystem;
using harness::Conn;
using harness::Stmt;

const tabula_dialect& sqlite() { return harness::load("sqlite"); }

// A database file in the temp folder, removed with its journal afterwards.
class TempDb {
public:
    TempDb() {
        static std::atomic<int> counter{0};
        path_ = fs::temp_directory_path() / ("tabula-sqlite-" + std::to_string(::getpid()) + "-" +
                                             std::to_string(counter++) + ".db");
        fs::remove(path_);
    }
    ~TempDb() {
        std::error_code ignored;
        for (const char* suffix : {"", "-journal", "-wal", "-shm"})
            fs::remove(path_.string() + suffix, ignored);
    }
    std::string path() const { return path_.string(); }

private:
    fs::path path_;
};

// Collects what a render hook appends.
struct Captured {
    std::string text;
    tabula_sink sink{this, [](void* ctx, const char* data, size_t size) {
                         static_cast<Captured*>(ctx)->text.append(data, size);
                     }};
    Captured() = default;
    Captured(const Captured&) = delete;
};

struct Rendered {
    int rc;
    std::string text;
    std::string before;
    std::string after;
};

Rendered renderType(int32_t kind, int32_t length = 0, int32_t precision = 0, int32_t scale = 0,
                    bool autoIncrement = false) {
    tabula_column_type column{};
    column.struct_size = sizeof column;
    column.kind = kind;
    column.length = length;
    column.precision = precision;
    column.scale = scale;
    column.auto_increment = autoIncrement ? 1 : 0;
    column.primary_key = autoIncrement ? 1 : 0;
    column.table = "things";
    column.column = "value";
    Captured type, before, after;
    int rc = sqlite().profile->render_type(&column, &type.sink, &before.sink, &after.sink);
    return {rc, type.text, before.text, after.text};
}

std::string renderLimit(int64_t limit, int64_t offset) {
    Captured out;
    REQUIRE(sqlite().profile->render_limit(limit, offset, &out.sink) == TABULA_OK);
    return out.text;
}

std::string renderJsonPath(const std::string& column, const std::vector<std::string>& segments) {
    std::vector<const char*> raw;
    for (const auto& s : segments)
        raw.push_back(s.c_str());
    Captured out;
    REQUIRE(sqlite().profile->render_json_path(column.c_str(), raw.data(), raw.size(), &out.sink) ==
            TABULA_OK);
    return out.text;
}

std::map<std::string, std::string> storage(const std::string& path) { return {{"storage", path}}; }

// The error a call fails with; fails the test when it succeeds.
template <class Body>
tabula_error failure(Body&& body) {
    try {
        body();
    } catch (const harness::Failure& e) {
        return e.error;
    }
    FAIL("expected the call to fail");
    return harness::freshError();
}

// The one value a query returns, as text (NULL as "<null>").
std::string scalar(Conn& conn, const std::string& sql) {
    Stmt stmt(conn, sql);
    REQUIRE(stmt.step());
    auto v = stmt.column(0);
    if (v.type == TABULA_TYPE_NULL) return "<null>";
    if (v.type == TABULA_TYPE_INT) return std::to_string(v.i);
    return std::string(v.data, v.size);
}

int64_t count(Conn& conn, const std::string& table) {
    return std::stoll(scalar(conn, "SELECT count(*) FROM \"" + table + "\""));
}

// A view: a literal stays where it is, and a string must outlive the reset.
tabula_value typed(int32_t type, std::string_view text) {
    return tabula_value{type, 0, 0.0, text.data(), text.size()};
}

tabula_value timestamp(int64_t micros) {
    return tabula_value{TABULA_TYPE_TIMESTAMP, micros, 0.0, nullptr, 0};
}

void transaction(Conn& conn, int op, const char* name = nullptr,
                 int isolation = TABULA_ISO_DEFAULT) {
    auto e = harness::freshError();
    harness::check(conn.driver().transaction(conn.get(), op, name, isolation, &e), e);
}

} // namespace

TEST_CASE("sqlite profile describes the dialect", "[sqlite][driver]") {
    const tabula_dialect& d = sqlite();
    CHECK(d.abi_major == TABULA_ABI_MAJOR);
    CHECK(d.abi_minor <= TABULA_ABI_MINOR);
    CHECK(std::string(d.name) == "sqlite");
    CHECK(std::string(d.version) == "0.1.0");
    const tabula_profile& p = *d.profile;
    CHECK(p.struct_size == sizeof(tabula_profile));
    CHECK(std::string(p.name) == "sqlite");
    CHECK(p.quote_open == '"');
    CHECK(p.quote_close == '"');
    CHECK(p.placeholder == TABULA_PLACEHOLDER_QUESTION);
    CHECK(p.supports ==
          (TABULA_SUPPORTS_RETURNING | TABULA_SUPPORTS_UPSERT_ON_CONFLICT |
           TABULA_SUPPORTS_NULLS_ORDER | TABULA_SUPPORTS_JSON | TABULA_SUPPORTS_AUTOINC_INLINE_PK |
           TABULA_SUPPORTS_DEFAULT_VALUES | TABULA_SUPPORTS_TRANSACTIONAL_DDL));
    CHECK(p.max_params == 32766);
    CHECK(p.render_type != nullptr);
    CHECK(p.render_limit != nullptr);
    CHECK(p.render_json_path != nullptr);
    CHECK(d.driver->struct_size == sizeof(tabula_driver));

    // now_sql works both in a query and as a column default, in the text
    // form timestamps are bound in.
    Conn conn(d, {});
    const std::string now = scalar(conn, std::string("SELECT ") + p.now_sql);
    CHECK(now.size() == std::string("2024-01-02 03:04:05.678 +00:00").size());
    CHECK(now.substr(19).starts_with("."));
    CHECK(now.ends_with(" +00:00"));
    conn.exec(std::string("CREATE TABLE t (id INTEGER, at DATETIME DEFAULT ") + p.now_sql + ")");
    conn.exec("INSERT INTO t (id) VALUES (1)");
    CHECK(scalar(conn, "SELECT at FROM t").ends_with(" +00:00"));
}

TEST_CASE("sqlite renders every column type", "[sqlite][driver]") {
    auto type = [](int32_t kind, int32_t length = 0, int32_t precision = 0, int32_t scale = 0) {
        Rendered r = renderType(kind, length, precision, scale);
        REQUIRE(r.rc == TABULA_OK);
        CHECK(r.before.empty());
        CHECK(r.after.empty());
        return r.text;
    };
    CHECK(type(TABULA_DT_STRING) == "VARCHAR(255)");
    CHECK(type(TABULA_DT_STRING, 64) == "VARCHAR(64)");
    CHECK(type(TABULA_DT_CHAR, 2) == "CHAR(2)");
    CHECK(type(TABULA_DT_CHAR) == "CHAR(255)");
    CHECK(type(TABULA_DT_TEXT) == "TEXT");
    CHECK(type(TABULA_DT_INTEGER) == "INTEGER");
    CHECK(type(TABULA_DT_BIGINT) == "BIGINT");
    CHECK(type(TABULA_DT_FLOAT) == "FLOAT");
    CHECK(type(TABULA_DT_DOUBLE) == "DOUBLE PRECISION");
    CHECK(type(TABULA_DT_DECIMAL, 0, 10, 2) == "DECIMAL(10,2)");
    CHECK(type(TABULA_DT_DECIMAL) == "DECIMAL");
    CHECK(type(TABULA_DT_BOOLEAN) == "TINYINT(1)");
    CHECK(type(TABULA_DT_DATE) == "DATETIME");
    CHECK(type(TABULA_DT_DATEONLY) == "DATE");
    CHECK(type(TABULA_DT_TIME) == "TIME");
    CHECK(type(TABULA_DT_UUID) == "CHAR(36)");
    CHECK(type(TABULA_DT_JSON) == "TEXT");
    CHECK(type(TABULA_DT_JSONB) == "TEXT");
    CHECK(type(TABULA_DT_BLOB) == "BLOB");
    CHECK(type(TABULA_DT_ENUM) == "TEXT");

    Rendered id = renderType(TABULA_DT_INTEGER, 0, 0, 0, true);
    CHECK(id.rc == TABULA_OK);
    CHECK(id.text == "INTEGER PRIMARY KEY AUTOINCREMENT");
    CHECK(renderType(TABULA_DT_BIGINT, 0, 0, 0, true).text == "INTEGER PRIMARY KEY AUTOINCREMENT");

    CHECK(renderType(TABULA_DT_ARRAY).rc == TABULA_ERROR);
    CHECK(renderType(99).rc == TABULA_ERROR);
}

TEST_CASE("sqlite column types keep JSON as text", "[sqlite][driver]") {
    Conn conn(sqlite(), {});
    conn.exec("CREATE TABLE t (doc " + renderType(TABULA_DT_JSON).text + ", flag " +
              renderType(TABULA_DT_BOOLEAN).text + ")");
    Stmt insert(conn, "INSERT INTO t (doc, flag) VALUES (?, ?)");
    insert.bind(1, typed(TABULA_TYPE_JSON, "12"));
    insert.bind(2, tabula_value{TABULA_TYPE_BOOL, 1, 0.0, nullptr, 0});
    insert.step();
    Stmt select(conn, "SELECT doc, flag FROM t");
    REQUIRE(select.step());
    CHECK(select.column(0).type == TABULA_TYPE_TEXT);
    CHECK(select.text(0) == "12");
    CHECK(select.column(1).type == TABULA_TYPE_INT);
    CHECK(select.column(1).i == 1);
}

TEST_CASE("sqlite renders LIMIT and OFFSET", "[sqlite][driver]") {
    CHECK(renderLimit(10, 0) == "LIMIT 10");
    CHECK(renderLimit(0, 0) == "LIMIT 0");
    CHECK(renderLimit(10, 20) == "LIMIT 10 OFFSET 20");
    CHECK(renderLimit(-1, 5) == "LIMIT -1 OFFSET 5");
    CHECK(renderLimit(-1, 0) == "");

    Conn conn(sqlite(), {});
    conn.exec("CREATE TABLE n (v INTEGER); INSERT INTO n VALUES (1), (2), (3), (4)");
    CHECK(scalar(conn, "SELECT group_concat(v) FROM (SELECT v FROM n ORDER BY v " +
                           renderLimit(-1, 2) + ")") == "3,4");
    CHECK(scalar(conn, "SELECT group_concat(v) FROM (SELECT v FROM n ORDER BY v " +
                           renderLimit(2, 1) + ")") == "2,3");
}

TEST_CASE("sqlite renders JSON paths", "[sqlite][driver]") {
    CHECK(renderJsonPath("\"meta\"", {"a", "b"}) == "json_extract(\"meta\", '$.a.b')");
    CHECK(renderJsonPath("\"meta\"", {"a", "0"}) == "json_extract(\"meta\", '$.a[0]')");
    CHECK(renderJsonPath("\"meta\"", {"first-name"}) ==
          "json_extract(\"meta\", '$.\"first-name\"')");
    CHECK(renderJsonPath("\"meta\"", {"it's"}) == "json_extract(\"meta\", '$.\"it''s\"')");

    Conn conn(sqlite(), {});
    conn.exec("CREATE TABLE docs (meta TEXT)");
    Stmt insert(conn, "INSERT INTO docs (meta) VALUES (?)");
    insert.bind(1, typed(TABULA_TYPE_JSON,
                         R"({"city":{"name":"Oslo","zips":["0150","0151"]},"first-name":"Ada"})"));
    insert.step();
    CHECK(scalar(conn, "SELECT " + renderJsonPath("\"meta\"", {"city", "name"}) + " FROM docs") ==
          "Oslo");
    CHECK(scalar(conn, "SELECT " + renderJsonPath("\"meta\"", {"city", "zips", "1"}) +
                           " FROM docs") == "0151");
    CHECK(scalar(conn, "SELECT " + renderJsonPath("\"meta\"", {"first-name"}) + " FROM docs") ==
          "Ada");
    CHECK(scalar(conn, "SELECT " + renderJsonPath("\"meta\"", {"missing"}) + " FROM docs") ==
          "<null>");
}

TEST_CASE("sqlite connects to a file or to memory", "[sqlite][driver]") {
    TempDb db;
    {
        Conn conn(sqlite(), storage(db.path()));
        conn.exec("CREATE TABLE t (v INTEGER); INSERT INTO t VALUES (7)");
        auto e = harness::freshError();
        CHECK(conn.driver().ping(conn.get(), &e) == TABULA_OK);
    }
    CHECK(fs::exists(db.path()));
    {
        Conn again(sqlite(), storage(db.path()));
        CHECK(scalar(again, "SELECT v FROM t") == "7");
        CHECK(scalar(again, "PRAGMA foreign_keys") == "1");
        CHECK(scalar(again, "PRAGMA busy_timeout") == "5000");
    }

    SECTION("an empty storage or :memory: is a private in-memory database") {
        Conn a(sqlite(), storage(":memory:"));
        Conn b(sqlite(), {});
        a.exec("CREATE TABLE only_in_a (v INTEGER)");
        CHECK(count(a, "only_in_a") == 0);
        tabula_error e = failure([&] { count(b, "only_in_a"); });
        CHECK(e.kind == TABULA_ERR_UNKNOWN_TABLE);
    }
    SECTION("busyTimeout and foreignKeys settings") {
        Conn conn(sqlite(),
                  {{"storage", db.path()}, {"busyTimeout", "250"}, {"foreignKeys", "false"}});
        CHECK(scalar(conn, "PRAGMA busy_timeout") == "250");
        CHECK(scalar(conn, "PRAGMA foreign_keys") == "0");
        tabula_error e = failure([&] { Conn bad(sqlite(), {{"busyTimeout", "soon"}}); });
        CHECK(e.kind == TABULA_ERR_CONNECTION);
        CHECK(std::string(e.message).find("busyTimeout") != std::string::npos);
    }
    SECTION("a folder that does not exist is a connection error naming the path") {
        const std::string path = "/nonexistent-tabula-folder/sub/db.sqlite";
        tabula_error e = failure([&] { Conn bad(sqlite(), storage(path)); });
        CHECK(e.kind == TABULA_ERR_CONNECTION);
        CHECK((e.native_code & 0xff) == 14); // SQLITE_CANTOPEN
        CHECK(std::string(e.message).find("unable to open") != std::string::npos);
        CHECK(std::string(e.message).find(path) != std::string::npos);
    }
    SECTION("a file that is not a database fails at connect") {
        { std::ofstream(db.path(), std::ios::trunc) << std::string(4096, 'x'); }
        tabula_error e = failure([&] { Conn bad(sqlite(), storage(db.path())); });
        CHECK(e.kind == TABULA_ERR_CONNECTION);
        CHECK(e.native_code == 26); // SQLITE_NOTADB
        CHECK(std::string(e.message).find(db.path()) != std::string::npos);
    }
}

TEST_CASE("sqlite binds and reads back every value type", "[sqlite][driver]") {
    TempDb db;
    Conn conn(sqlite(), storage(db.path()));
    conn.exec("CREATE TABLE v (n INTEGER, b TINYINT(1), i BIGINT, d DOUBLE PRECISION, t TEXT,"
              " y BLOB, dec TEXT, num DECIMAL(10,2), day DATE, tm TIME, ts DATETIME, j TEXT,"
              " u CHAR(36), e TEXT)");
    Stmt insert(conn, "INSERT INTO v VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    // The buffers live until reset, as the core keeps them (ABI 1.3): the
    // plugin may read them where they are.
    std::string text = "héllo, wörld";
    std::string bytes("\x00\x01\xff\x00z", 5);
    std::string decimal = "-12.50";
    std::string json = R"({"a":[1,2]})";
    insert.bind(1, harness::null());
    insert.bind(2, tabula_value{TABULA_TYPE_BOOL, 5, 0.0, nullptr, 0});
    insert.bind(3, harness::integer(-9007199254740993LL));
    insert.bind(4, harness::real(2.5e-7));
    insert.bind(5, harness::text(text));
    insert.bind(6, harness::text(bytes, TABULA_TYPE_BYTES));
    insert.bind(7, typed(TABULA_TYPE_DECIMAL, decimal));
    insert.bind(8, typed(TABULA_TYPE_DECIMAL, decimal));
    insert.bind(9, typed(TABULA_TYPE_DATE, "2024-02-29"));
    insert.bind(10, typed(TABULA_TYPE_TIME, "13:45:30.250"));
    // 2024-02-29 13:45:30.123456 UTC: microseconds are cut to milliseconds.
    insert.bind(11, timestamp(1709214330123456LL));
    insert.bind(12, typed(TABULA_TYPE_JSON, json));
    insert.bind(13, typed(TABULA_TYPE_UUID, "123e4567-e89b-12d3-a456-426614174000"));
    // Text that is not NUL-terminated, and the empty string (not NULL).
    insert.bind(14, tabula_value{TABULA_TYPE_TEXT, 0, 0.0, "abcdef", 3});
    CHECK_FALSE(insert.step());
    CHECK(insert.changes() == 1);

    Stmt select(conn, "SELECT n, b, i, d, t, y, dec, num, day, tm, ts, j, u, e FROM v");
    REQUIRE(select.columns() == 14);
    CHECK(select.name(0) == "n");
    CHECK(select.name(13) == "e");
    REQUIRE(select.step());
    CHECK(select.column(0).type == TABULA_TYPE_NULL);
    CHECK(select.column(1).type == TABULA_TYPE_INT);
    CHECK(select.column(1).i == 1);
    CHECK(select.column(2).type == TABULA_TYPE_INT);
    CHECK(select.column(2).i == -9007199254740993LL);
    CHECK(select.column(3).type == TABULA_TYPE_DOUBLE);
    CHECK(select.column(3).d == 2.5e-7);
    CHECK(select.column(4).type == TABULA_TYPE_TEXT);
    CHECK(select.text(4) == "héllo, wörld");
    CHECK(select.column(5).type == TABULA_TYPE_BYTES);
    CHECK(select.text(5) == std::string("\x00\x01\xff\x00z", 5));
    CHECK(select.text(6) == "-12.50");
    // A DECIMAL column has NUMERIC affinity: SQLite stores the number.
    CHECK(select.column(7).type == TABULA_TYPE_DOUBLE);
    CHECK(select.column(7).d == -12.5);
    CHECK(select.text(8) == "2024-02-29");
    CHECK(select.text(9) == "13:45:30.250");
    CHECK(select.column(10).type == TABULA_TYPE_TEXT);
    CHECK(select.text(10) == "2024-02-29 13:45:30.123 +00:00");
    CHECK(select.text(11) == R"({"a":[1,2]})");
    CHECK(select.text(12) == "123e4567-e89b-12d3-a456-426614174000");
    CHECK(select.text(13) == "abc");
    CHECK(harness::rowDisagreement(select, 14) == "");
    CHECK_FALSE(select.step());

    SECTION("empty text and empty bytes are not NULL") {
        Stmt s(conn, "SELECT ?, typeof(?), ?, typeof(?)");
        s.bind(1, tabula_value{TABULA_TYPE_TEXT, 0, 0.0, nullptr, 0});
        s.bind(2, tabula_value{TABULA_TYPE_TEXT, 0, 0.0, nullptr, 0});
        s.bind(3, tabula_value{TABULA_TYPE_BYTES, 0, 0.0, nullptr, 0});
        s.bind(4, tabula_value{TABULA_TYPE_BYTES, 0, 0.0, nullptr, 0});
        REQUIRE(s.step());
        CHECK(s.column(0).type == TABULA_TYPE_TEXT);
        CHECK(s.column(0).size == 0);
        CHECK(s.text(1) == "text");
        CHECK(s.column(2).type == TABULA_TYPE_BYTES);
        CHECK(s.column(2).size == 0);
        CHECK(s.text(3) == "blob");
    }
    SECTION("timestamps before 1970 and at the epoch") {
        Stmt s(conn, "SELECT ?, ?, ?");
        s.bind(1, timestamp(0));
        s.bind(2, timestamp(-1));
        s.bind(3, timestamp(-86400LL * 1000000 * 365 - 500));
        REQUIRE(s.step());
        CHECK(s.text(0) == "1970-01-01 00:00:00.000 +00:00");
        CHECK(s.text(1) == "1969-12-31 23:59:59.999 +00:00");
        CHECK(s.text(2) == "1968-12-31 23:59:59.999 +00:00");
    }
    SECTION("reading a cell without a row, or out of range, is misuse") {
        Stmt s(conn, "SELECT 1");
        CHECK(failure([&] { s.column(0); }).kind == TABULA_ERR_MISUSE);
        CHECK(failure([&] { s.row(1); }).kind == TABULA_ERR_MISUSE);
        REQUIRE(s.step());
        CHECK(failure([&] { s.column(1); }).kind == TABULA_ERR_MISUSE);
        CHECK(failure([&] { s.column(-1); }).kind == TABULA_ERR_MISUSE);
        CHECK(failure([&] { s.row(2); }).kind == TABULA_ERR_MISUSE);
    }
    SECTION("a parameter out of range or of unknown type is misuse") {
        Stmt s(conn, "SELECT ?");
        tabula_error e = failure([&] { s.bind(2, harness::integer(1)); });
        CHECK(e.kind == TABULA_ERR_MISUSE);
        CHECK(std::string(e.message).find("parameter 2") != std::string::npos);
        CHECK(failure([&] {
                  s.bind(1, tabula_value{77, 0, 0.0, nullptr, 0});
              }).kind == TABULA_ERR_MISUSE);
    }
}

TEST_CASE("sqlite reports changes and the last insert id", "[sqlite][driver]") {
    Conn conn(sqlite(), {});
    conn.exec("CREATE TABLE a (id " + renderType(TABULA_DT_INTEGER, 0, 0, 0, true).text +
              ", name TEXT); CREATE TABLE b (id INTEGER PRIMARY KEY AUTOINCREMENT, x TEXT)");
    Stmt insertA(conn, "INSERT INTO a (name) VALUES (?)");
    for (int i = 1; i <= 3; ++i) {
        const std::string name = "n" + std::to_string(i);
        insertA.bind(1, harness::text(name));
        CHECK_FALSE(insertA.step());
        CHECK(insertA.changes() == 1);
        CHECK(insertA.lastInsertId() == i);
        insertA.reset();
    }
    // Table b's first rowid equals a's first: still reported.
    Stmt first(conn, "INSERT INTO a (name) VALUES ('again')");
    first.step();
    Stmt insertB(conn, "INSERT INTO b (x) VALUES ('b')");
    insertB.step();
    CHECK(insertB.lastInsertId() == 1);

    Stmt update(conn, "UPDATE a SET name = 'z' WHERE id <= ?");
    update.bind(1, harness::integer(3));
    update.step();
    CHECK(update.changes() == 3);
    CHECK(update.lastInsertId() == 0);

    Stmt none(conn, "DELETE FROM a WHERE id > 100");
    none.step();
    CHECK(none.changes() == 0);

    // A query or DDL after DML must not report the DML's count.
    Stmt select(conn, "SELECT id FROM a");
    while (select.step()) {
    }
    CHECK(select.changes() == 0);
    CHECK(select.lastInsertId() == 0);
    Stmt ddl(conn, "CREATE TABLE c (v INTEGER)");
    ddl.step();
    CHECK(ddl.changes() == 0);

    Stmt remove(conn, "DELETE FROM a");
    remove.step();
    CHECK(remove.changes() == 4);
}

TEST_CASE("sqlite RETURNING yields the written rows", "[sqlite][driver]") {
    Conn conn(sqlite(), {});
    conn.exec("CREATE TABLE users (id INTEGER PRIMARY KEY AUTOINCREMENT, name TEXT NOT NULL,"
              " createdAt DATETIME DEFAULT " +
              std::string(sqlite().profile->now_sql) + ")");
    Stmt insert(conn, "INSERT INTO users (name) VALUES (?), (?) RETURNING id, name, createdAt");
    insert.bind(1, typed(TABULA_TYPE_TEXT, "Ann"));
    insert.bind(2, typed(TABULA_TYPE_TEXT, "Bob"));
    REQUIRE(insert.step());
    CHECK(insert.column(0).i == 1);
    CHECK(insert.text(1) == "Ann");
    CHECK(insert.text(2).ends_with(" +00:00"));
    REQUIRE(insert.step());
    CHECK(insert.column(0).i == 2);
    CHECK(insert.text(1) == "Bob");
    CHECK_FALSE(insert.step());
    CHECK(insert.changes() == 2);
    CHECK(insert.lastInsertId() == 2);

    Stmt update(conn, "UPDATE users SET name = upper(name) WHERE id = ? RETURNING name");
    update.bind(1, harness::integer(2));
    REQUIRE(update.step());
    CHECK(update.text(0) == "BOB");
    CHECK_FALSE(update.step());
    CHECK(update.changes() == 1);

    Stmt upsert(conn, "INSERT INTO users (id, name) VALUES (?, ?) ON CONFLICT (id) DO UPDATE "
                      "SET name = excluded.name RETURNING id, name");
    upsert.bind(1, harness::integer(1));
    upsert.bind(2, typed(TABULA_TYPE_TEXT, "Annie"));
    REQUIRE(upsert.step());
    CHECK(upsert.text(1) == "Annie");
    CHECK(count(conn, "users") == 2);
}

TEST_CASE("sqlite maps each error to its kind", "[sqlite][driver]") {
    Conn conn(sqlite(), {});
    conn.exec("CREATE TABLE users (id INTEGER PRIMARY KEY, email TEXT NOT NULL, name TEXT,"
              " age INTEGER CONSTRAINT adult CHECK (age >= 18), UNIQUE (email, name));"
              "CREATE TABLE posts (id INTEGER PRIMARY KEY,"
              " userId INTEGER REFERENCES users (id));"
              "CREATE TABLE tags (name TEXT);"
              "CREATE UNIQUE INDEX tags_lower_name ON tags (lower(name));"
              "INSERT INTO tags VALUES ('Red');"
              "INSERT INTO users VALUES (1, 'a@x', 'Ann', 30)");

    auto run = [&](const std::string& sql) {
        return failure([&] {
            Stmt s(conn, sql);
            s.step();
        });
    };

    SECTION("unique, with the columns") {
        tabula_error e = run("INSERT INTO users (email, name) VALUES ('a@x', 'Ann')");
        CHECK(e.kind == TABULA_ERR_UNIQUE);
        CHECK(std::string(e.sqlstate) == "23505");
        CHECK(e.native_code == 2067); // SQLITE_CONSTRAINT_UNIQUE
        CHECK(std::string(e.fields) == "email,name");
        CHECK(std::string(e.message).find("UNIQUE constraint failed") != std::string::npos);
    }
    SECTION("primary key") {
        tabula_error e = run("INSERT INTO users (id, email) VALUES (1, 'b@x')");
        CHECK(e.kind == TABULA_ERR_UNIQUE);
        CHECK(e.native_code == 1555); // SQLITE_CONSTRAINT_PRIMARYKEY
        CHECK(std::string(e.fields) == "id");
    }
    SECTION("unique index over an expression names the index") {
        tabula_error e = run("INSERT INTO tags (name) VALUES ('RED')");
        CHECK(e.kind == TABULA_ERR_UNIQUE);
        CHECK(std::string(e.fields).empty());
        CHECK(std::string(e.constraint) == "tags_lower_name");
    }
    SECTION("not null, with the column") {
        tabula_error e = run("INSERT INTO users (email) VALUES (NULL)");
        CHECK(e.kind == TABULA_ERR_NOT_NULL);
        CHECK(std::string(e.sqlstate) == "23502");
        CHECK(std::string(e.fields) == "email");
    }
    SECTION("foreign key, enforced because connect turns the pragma on") {
        tabula_error e = run("INSERT INTO posts (userId) VALUES (42)");
        CHECK(e.kind == TABULA_ERR_FOREIGN_KEY);
        CHECK(std::string(e.sqlstate) == "23503");
        CHECK(e.native_code == 787);
    }
    SECTION("check, with the constraint's name") {
        tabula_error e = run("INSERT INTO users (email, age) VALUES ('d@x', 3)");
        CHECK(e.kind == TABULA_ERR_CHECK);
        CHECK(std::string(e.sqlstate) == "23514");
        CHECK(std::string(e.constraint) == "adult");
    }
    SECTION("unknown table, at prepare and through exec") {
        tabula_error e = run("SELECT * FROM nowhere");
        CHECK(e.kind == TABULA_ERR_UNKNOWN_TABLE);
        CHECK(std::string(e.message).find("nowhere") != std::string::npos);
        CHECK(failure([&] { conn.exec("DELETE FROM nowhere"); }).kind == TABULA_ERR_UNKNOWN_TABLE);
    }
    SECTION("syntax") {
        CHECK(run("SELEC 1").kind == TABULA_ERR_SYNTAX);
        CHECK(run("SELECT (1").kind == TABULA_ERR_SYNTAX);
        CHECK(failure([&] { conn.exec("CREATE TABLE (x)"); }).kind == TABULA_ERR_SYNTAX);
    }
    SECTION("other errors stay generic, with SQLite's message and code") {
        tabula_error e = run("SELECT nocolumn FROM users");
        CHECK(e.kind == TABULA_ERR_GENERIC);
        CHECK(e.native_code == 1);
        CHECK(std::string(e.message).find("no such column: nocolumn") != std::string::npos);
    }
    SECTION("prepare takes exactly one statement") {
        CHECK(run("SELECT 1; SELECT 2").kind == TABULA_ERR_MISUSE);
        CHECK(run("   ").kind == TABULA_ERR_MISUSE);
        Stmt trailing(conn, "SELECT 1; -- a comment\n");
        CHECK(trailing.step());
    }
    SECTION("a failed statement leaves the connection usable") {
        Stmt s(conn, "INSERT INTO users (email, name) VALUES (?, ?)");
        s.bind(1, typed(TABULA_TYPE_TEXT, "a@x"));
        s.bind(2, typed(TABULA_TYPE_TEXT, "Ann"));
        CHECK(failure([&] { s.step(); }).kind == TABULA_ERR_UNIQUE);
        s.reset();
        s.bind(1, typed(TABULA_TYPE_TEXT, "e@x"));
        s.bind(2, typed(TABULA_TYPE_TEXT, "Eve"));
        CHECK_FALSE(s.step());
        CHECK(count(conn, "users") == 2);
    }
}

TEST_CASE("sqlite reports a locked database as a timeout", "[sqlite][driver]") {
    TempDb db;
    Conn writer(sqlite(), storage(db.path()));
    writer.exec("CREATE TABLE t (v INTEGER)");
    Conn other(sqlite(), {{"storage", db.path()}, {"busyTimeout", "50"}});

    // SERIALIZABLE begins IMMEDIATE: the write lock is taken at BEGIN.
    transaction(writer, TABULA_TX_BEGIN, nullptr, TABULA_ISO_SERIALIZABLE);
    tabula_error e =
        failure([&] { transaction(other, TABULA_TX_BEGIN, nullptr, TABULA_ISO_SERIALIZABLE); });
    CHECK(e.kind == TABULA_ERR_TIMEOUT);
    CHECK((e.native_code & 0xff) == 5); // SQLITE_BUSY
    e = failure([&] {
        Stmt s(other, "INSERT INTO t VALUES (1)");
        s.step();
    });
    CHECK(e.kind == TABULA_ERR_TIMEOUT);
    transaction(writer, TABULA_TX_COMMIT);

    Stmt s(other, "INSERT INTO t VALUES (1)");
    CHECK_FALSE(s.step());
    CHECK(count(writer, "t") == 1);
}

TEST_CASE("sqlite transactions and savepoints roll back", "[sqlite][driver]") {
    Conn conn(sqlite(), {});
    conn.exec("CREATE TABLE t (v INTEGER)");
    auto insert = [&](int v) {
        Stmt s(conn, "INSERT INTO t VALUES (?)");
        s.bind(1, harness::integer(v));
        s.step();
    };

    transaction(conn, TABULA_TX_BEGIN);
    insert(1);
    transaction(conn, TABULA_TX_ROLLBACK);
    CHECK(count(conn, "t") == 0);

    transaction(conn, TABULA_TX_BEGIN, nullptr, TABULA_ISO_READ_COMMITTED);
    insert(1);
    transaction(conn, TABULA_TX_SAVEPOINT, "sp 1");
    insert(2);
    transaction(conn, TABULA_TX_SAVEPOINT, "odd\"name");
    insert(3);
    transaction(conn, TABULA_TX_ROLLBACK_TO, "odd\"name");
    transaction(conn, TABULA_TX_RELEASE, "odd\"name");
    CHECK(count(conn, "t") == 2);
    transaction(conn, TABULA_TX_ROLLBACK_TO, "sp 1");
    CHECK(count(conn, "t") == 1);
    insert(4);
    transaction(conn, TABULA_TX_RELEASE, "sp 1");
    transaction(conn, TABULA_TX_COMMIT);
    CHECK(scalar(conn, "SELECT group_concat(v) FROM t") == "1,4");

    SECTION("DDL rolls back too") {
        transaction(conn, TABULA_TX_BEGIN, nullptr, TABULA_ISO_REPEATABLE_READ);
        conn.exec("CREATE TABLE made_in_tx (v INTEGER)");
        transaction(conn, TABULA_TX_ROLLBACK);
        CHECK(failure([&] { count(conn, "made_in_tx"); }).kind == TABULA_ERR_UNKNOWN_TABLE);
    }
    SECTION("READ UNCOMMITTED sets the pragma for the connection") {
        transaction(conn, TABULA_TX_BEGIN, nullptr, TABULA_ISO_READ_UNCOMMITTED);
        CHECK(scalar(conn, "PRAGMA read_uncommitted") == "1");
        transaction(conn, TABULA_TX_COMMIT);
        transaction(conn, TABULA_TX_BEGIN);
        CHECK(scalar(conn, "PRAGMA read_uncommitted") == "0");
        transaction(conn, TABULA_TX_COMMIT);
    }
    SECTION("verbs out of place are errors") {
        CHECK(failure([&] { transaction(conn, TABULA_TX_COMMIT); }).kind == TABULA_ERR_GENERIC);
        CHECK(failure([&] { transaction(conn, TABULA_TX_SAVEPOINT, ""); }).kind ==
              TABULA_ERR_MISUSE);
        CHECK(failure([&] { transaction(conn, 42); }).kind == TABULA_ERR_MISUSE);
    }
}

TEST_CASE("sqlite statements reset and rebind", "[sqlite][driver]") {
    Conn conn(sqlite(), {});
    conn.exec("CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT)");
    Stmt insert(conn, "INSERT INTO t (v) VALUES (?)");
    insert.bind(1, typed(TABULA_TYPE_TEXT, "one"));
    CHECK_FALSE(insert.step());
    // Stepping a finished statement does not run it again.
    CHECK_FALSE(insert.step());
    CHECK(count(conn, "t") == 1);
    insert.reset();
    insert.bind(1, typed(TABULA_TYPE_TEXT, "two"));
    CHECK_FALSE(insert.step());
    insert.reset();
    // reset clears the bindings: an unbound parameter is NULL.
    CHECK_FALSE(insert.step());
    CHECK(scalar(conn, "SELECT group_concat(coalesce(v, 'NULL')) FROM t") == "one,two,NULL");

    Stmt select(conn, "SELECT v FROM t WHERE id = ?");
    for (int id : {2, 1, 3}) {
        select.bind(1, harness::integer(id));
        REQUIRE(select.step());
        CHECK(select.text(0) == (id == 1 ? "one" : id == 2 ? "two" : ""));
        CHECK_FALSE(select.step());
        select.reset();
    }
    // Reset in the middle of the rows starts over.
    Stmt all(conn, "SELECT id FROM t ORDER BY id");
    REQUIRE(all.step());
    all.reset();
    REQUIRE(all.step());
    CHECK(all.column(0).i == 1);
}

TEST_CASE("sqlite keeps each bound timestamp's text until reset", "[sqlite][driver]") {
    // More timestamps than one block of the statement's text buffers, bound
    // twice over with a reset between: every parameter reads its own text.
    Conn conn(sqlite(), {});
    constexpr int count = 150;
    std::string sql = "SELECT ?";
    for (int i = 1; i < count; ++i)
        sql += ", ?";
    Stmt s(conn, sql);
    const std::int64_t day = 86400LL * 1000000;
    for (std::int64_t base : {std::int64_t{0}, 1000 * day}) {
        for (int i = 0; i < count; ++i)
            s.bind(i + 1, timestamp(base + i * day + i * 1000));
        REQUIRE(s.step());
        for (int i = 0; i < count; ++i) {
            INFO("parameter " << i + 1);
            const std::chrono::sys_days date{std::chrono::days(base / day + i)};
            const std::chrono::year_month_day ymd{date};
            char expected[40];
            std::snprintf(expected, sizeof expected, "%04d-%02u-%02u 00:00:00.%03d +00:00",
                          static_cast<int>(ymd.year()), static_cast<unsigned>(ymd.month()),
                          static_cast<unsigned>(ymd.day()), i);
            CHECK(s.text(i) == expected);
        }
        s.reset();
    }
}

TEST_CASE("sqlite exec runs several statements", "[sqlite][driver]") {
    Conn conn(sqlite(), {});
    conn.exec("CREATE TABLE t (v INTEGER); INSERT INTO t VALUES (1); INSERT INTO t VALUES (2);"
              "SELECT * FROM t;");
    CHECK(count(conn, "t") == 2);
}

TEST_CASE("skeleton dialect loads and echoes parameters", "[skeleton][driver]") {
    const tabula_dialect& d = harness::load("skeleton");
    CHECK(std::string(d.name) == "skeleton");
    CHECK(d.abi_major == TABULA_ABI_MAJOR);
    CHECK(d.profile->render_type != nullptr);
    Conn conn(d, {});
    auto e = harness::freshError();
    CHECK(d.driver->ping(conn.get(), &e) == TABULA_OK);

    Stmt s(conn, "SELECT ?, ?");
    {
        std::string word = "echo";
        s.bind(1, harness::text(word));
        s.bind(2, harness::integer(42));
        word = "####";
    }
    CHECK(s.columns() == 2);
    CHECK(s.name(1) == "2");
    REQUIRE(s.step());
    CHECK(s.text(0) == "echo");
    CHECK(s.column(1).i == 42);
    CHECK_FALSE(s.step());
    s.reset();
    REQUIRE(s.step());
    CHECK(s.column(0).type == TABULA_TYPE_NULL);

    CHECK(failure([&] { Stmt bad(conn, "DELETE FROM t"); }).kind == TABULA_ERR_UNSUPPORTED);
    CHECK(failure([&] { conn.exec("CREATE TABLE t (v INTEGER)"); }).kind == TABULA_ERR_UNSUPPORTED);
    CHECK(failure([&] { transaction(conn, TABULA_TX_BEGIN); }).kind == TABULA_ERR_UNSUPPORTED);

    Captured limit;
    REQUIRE(d.profile->render_limit(5, 10, &limit.sink) == TABULA_OK);
    CHECK(limit.text == "LIMIT 5 OFFSET 10");
    const char* segments[] = {"a", "0"};
    Captured path;
    REQUIRE(d.profile->render_json_path("\"doc\"", segments, 2, &path.sink) == TABULA_OK);
    CHECK(path.text == "JSON_VALUE(\"doc\", '$.a[0]')");
}

TEST_CASE("sqlite set_timeout cancels a statement past its deadline (ABI 1.6)",
          "[sqlite][driver]") {
    const tabula_dialect& d = sqlite();
    REQUIRE(d.abi_minor >= 6);
    REQUIRE(d.driver->struct_size >= offsetof(tabula_driver, set_timeout) + sizeof(void*));
    REQUIRE(d.driver->set_timeout != nullptr);
    Conn conn(d, storage(":memory:"));
    const std::string endless =
        "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 2000000000) "
        "SELECT COUNT(*) FROM c";
    auto setTimeout = [&](int64_t ms) {
        auto e = harness::freshError();
        harness::check(d.driver->set_timeout(conn.get(), ms, &e), e);
    };
    setTimeout(200);
    const auto start = std::chrono::steady_clock::now();
    try {
        Stmt s(conn, endless);
        s.step();
        FAIL("the statement ran to its end");
    } catch (const harness::Failure& f) {
        CHECK(f.error.kind == TABULA_ERR_TIMEOUT);
        CHECK(std::string(f.error.message).find("200 ms") != std::string::npos);
    }
    CHECK(std::chrono::steady_clock::now() - start < std::chrono::seconds(2));
    // exec is bounded too, and the connection goes on working.
    try {
        conn.exec(endless);
        FAIL("exec ran to its end");
    } catch (const harness::Failure& f) {
        CHECK(f.error.kind == TABULA_ERR_TIMEOUT);
    }
    setTimeout(0);
    Stmt quick(conn, "SELECT 41 + 1");
    REQUIRE(quick.step());
    CHECK(quick.column(0).i == 42);
    auto e = harness::freshError();
    CHECK(d.driver->set_timeout(conn.get(), -1, &e) == TABULA_ERROR);
    CHECK(e.kind == TABULA_ERR_MISUSE);
}
