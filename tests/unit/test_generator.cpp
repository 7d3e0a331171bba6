// SQL text and parameters from the generator, for three dialect flavours
// described by hand-written profiles (SQLite-, PostgreSQL- and MySQL-like).
#include "sql/generator.hpp"

#include <tabula/errors.hpp>

#include <catch2/catch.hpp>

#include <string>
#include <string_view>
#include <vector>

using namespace tabula;
using namespace tabula::sql;
using Catch::Matchers::Contains;

namespace {

void put(tabula_sink* sink, std::string_view text) {
    sink->append(sink->ctx, text.data(), text.size());
}

std::string kindName(int32_t kind) {
    switch (kind) {
    case TABULA_DT_INTEGER: return "INTEGER";
    case TABULA_DT_BIGINT: return "BIGINT";
    case TABULA_DT_BOOLEAN: return "BOOLEAN";
    default: return "TEXT";
    }
}

// ---- SQLite-like hooks ----

int sqliteType(const tabula_column_type* c, tabula_sink* type, tabula_sink*, tabula_sink*) {
    switch (c->kind) {
    case TABULA_DT_INTEGER:
        put(type, c->auto_increment ? "INTEGER PRIMARY KEY AUTOINCREMENT" : "INTEGER");
        break;
    case TABULA_DT_STRING: put(type, "VARCHAR(" + std::to_string(c->length) + ")"); break;
    case TABULA_DT_BOOLEAN: put(type, "TINYINT(1)"); break;
    case TABULA_DT_DATE: put(type, "DATETIME"); break;
    case TABULA_DT_DOUBLE: put(type, "REAL"); break;
    default: put(type, "TEXT"); break;
    }
    return 0;
}

int sqliteLimit(int64_t limit, int64_t offset, tabula_sink* out) {
    put(out, "LIMIT " + std::to_string(limit));
    if (offset > 0) put(out, " OFFSET " + std::to_string(offset));
    return 0;
}

int sqliteJson(const char* column, const char* const* segments, size_t count, tabula_sink* out) {
    std::string path = "$";
    for (size_t i = 0; i < count; ++i)
        path += std::string(".") + segments[i];
    put(out, std::string("json_extract(") + column + ", '" + path + "')");
    return 0;
}

// ---- PostgreSQL-like hooks ----

int pgType(const tabula_column_type* c, tabula_sink* type, tabula_sink* before,
           tabula_sink* after) {
    switch (c->kind) {
    case TABULA_DT_INTEGER: put(type, c->auto_increment ? "SERIAL" : "INTEGER"); break;
    case TABULA_DT_STRING: put(type, "VARCHAR(" + std::to_string(c->length) + ")"); break;
    case TABULA_DT_DATE: put(type, "TIMESTAMP WITH TIME ZONE"); break;
    case TABULA_DT_BOOLEAN: put(type, "BOOLEAN"); break;
    case TABULA_DT_DOUBLE: put(type, "DOUBLE PRECISION"); break;
    case TABULA_DT_ARRAY: put(type, kindName(c->element) + "[]"); break;
    case TABULA_DT_ENUM: {
        const std::string name = std::string("\"enum_") + c->table + "_" + c->column + "\"";
        put(type, name);
        // Written in pieces: the core must keep one call's text as one statement.
        put(before, "CREATE TYPE " + name + " AS ENUM (");
        for (size_t i = 0; i < c->value_count; ++i) {
            if (i) put(before, ", ");
            put(before, std::string("'") + c->values[i] + "'");
        }
        put(before, ")");
        put(after, "DROP TYPE IF EXISTS " + name);
        break;
    }
    default: put(type, "TEXT"); break;
    }
    return 0;
}

int pgJson(const char* column, const char* const* segments, size_t count, tabula_sink* out) {
    std::string path;
    for (size_t i = 0; i < count; ++i)
        path += (i ? "," : "") + std::string(segments[i]);
    put(out, std::string("(") + column + "#>>'{" + path + "}')");
    return 0;
}

// ---- MySQL-like hooks ----

int mysqlType(const tabula_column_type* c, tabula_sink* type, tabula_sink*, tabula_sink*) {
    switch (c->kind) {
    case TABULA_DT_INTEGER:
        put(type, c->auto_increment ? "INTEGER auto_increment" : "INTEGER");
        break;
    case TABULA_DT_STRING: put(type, "VARCHAR(" + std::to_string(c->length) + ")"); break;
    case TABULA_DT_DATE: put(type, "DATETIME(3)"); break;
    case TABULA_DT_BOOLEAN: put(type, "TINYINT(1)"); break;
    case TABULA_DT_ENUM: {
        put(type, "ENUM(");
        for (size_t i = 0; i < c->value_count; ++i)
            put(type, std::string(i ? ", '" : "'") + c->values[i] + "'");
        put(type, ")");
        break;
    }
    default: put(type, "TEXT"); break;
    }
    return 0;
}

int mysqlLimit(int64_t limit, int64_t offset, tabula_sink* out) {
    if (limit < 0) limit = 1000000;
    put(out, "LIMIT " + std::to_string(offset) + ", " + std::to_string(limit));
    return 0;
}

int mysqlJson(const char* column, const char* const* segments, size_t count, tabula_sink* out) {
    std::string path = "$";
    for (size_t i = 0; i < count; ++i)
        path += std::string(".") + segments[i];
    put(out, std::string("JSON_UNQUOTE(JSON_EXTRACT(") + column + ", '" + path + "'))");
    return 0;
}

int failingType(const tabula_column_type*, tabula_sink*, tabula_sink*, tabula_sink*) { return 1; }

tabula_profile baseProfile(const char* name, char open, char close, int32_t placeholder,
                           uint32_t supports) {
    tabula_profile p{};
    p.struct_size = sizeof p;
    p.name = name;
    p.quote_open = open;
    p.quote_close = close;
    p.placeholder = placeholder;
    p.supports = supports;
    p.max_params = 999;
    return p;
}

tabula_profile makeSqlite() {
    tabula_profile p =
        baseProfile("sqlite", '"', '"', TABULA_PLACEHOLDER_QUESTION,
                    TABULA_SUPPORTS_RETURNING | TABULA_SUPPORTS_UPSERT_ON_CONFLICT |
                        TABULA_SUPPORTS_NULLS_ORDER | TABULA_SUPPORTS_DEFAULT_VALUES |
                        TABULA_SUPPORTS_AUTOINC_INLINE_PK);
    p.render_type = &sqliteType;
    p.render_limit = &sqliteLimit;
    p.render_json_path = &sqliteJson;
    p.now_sql = "CURRENT_TIMESTAMP";
    return p;
}

tabula_profile makePostgres() {
    tabula_profile p = baseProfile("postgres", '"', '"', TABULA_PLACEHOLDER_DOLLAR,
                                   TABULA_SUPPORTS_RETURNING | TABULA_SUPPORTS_UPSERT_ON_CONFLICT |
                                       TABULA_SUPPORTS_ILIKE | TABULA_SUPPORTS_NULLS_ORDER |
                                       TABULA_SUPPORTS_ENUM_TYPE);
    p.render_type = &pgType;
    p.render_json_path = &pgJson;
    p.now_sql = "NOW()";
    return p;
}

tabula_profile makeMysql() {
    tabula_profile p =
        baseProfile("mysql", '`', '`', TABULA_PLACEHOLDER_QUESTION,
                    TABULA_SUPPORTS_UPSERT_ON_DUPLICATE | TABULA_SUPPORTS_UPDATE_LIMIT);
    p.render_type = &mysqlType;
    p.render_limit = &mysqlLimit;
    p.render_json_path = &mysqlJson;
    p.now_sql = "CURRENT_TIMESTAMP(3)";
    return p;
}

// No hooks at all: the core's standard SQL throughout.
tabula_profile makeBare() { return baseProfile("bare", '[', ']', TABULA_PLACEHOLDER_AT, 0); }

const tabula_profile sqliteProfile = makeSqlite();
const tabula_profile pgProfile = makePostgres();
const tabula_profile mysqlProfile = makeMysql();
const tabula_profile bareProfile = makeBare();

Node ref(std::string name) { return Node::column(std::move(name)); }

Condition cmp(std::string column, OpKind op, Value value) {
    return Condition::compare(ref(std::move(column)), op, std::move(value));
}

Statement where(const Generator& g, Condition c) {
    Select s;
    s.table = "t";
    s.where = std::move(c);
    return g.select(s);
}

std::string whereSql(const Generator& g, Condition c) { return where(g, std::move(c)).sql; }

// Column definitions, built fluently.
struct Def {
    ColumnDef def;
    Def(std::string name, DataType type) {
        def.name = std::move(name);
        def.type = std::move(type);
    }
    Def& notNull() {
        def.allowNull = false;
        return *this;
    }
    Def& primaryKey() {
        def.primaryKey = true;
        return *this;
    }
    Def& autoIncrement(bool on = true) {
        def.autoIncrement = on;
        return *this;
    }
    Def& unique() {
        def.unique = true;
        return *this;
    }
    Def& defaultTo(Value v) {
        def.defaultLiteral = std::move(v);
        return *this;
    }
    Def& defaultNow() {
        def.defaultNow = true;
        return *this;
    }
    Def& comment(std::string text) {
        def.comment = std::move(text);
        return *this;
    }
    operator ColumnDef() const { return def; }
};

using Params = std::vector<Value>;

} // namespace

TEST_CASE("generator: identifiers are quoted with embedded quotes doubled", "[generator]") {
    Generator sqlite(sqliteProfile), mysql(mysqlProfile), bare(bareProfile);
    CHECK(sqlite.quote("users") == "\"users\"");
    CHECK(sqlite.quote("we\"ird") == "\"we\"\"ird\"");
    CHECK(mysql.quote("we`ird") == "`we``ird`");
    CHECK(mysql.quote("a\"b") == "`a\"b`");
    CHECK(bare.quote("a]b[c") == "[a]]b[c]");
    CHECK_THROWS_AS(sqlite.quote(""), UsageError);
    CHECK_THROWS_AS(sqlite.quote(std::string("a\0b", 3)), UsageError);

    Select s;
    s.table = "my\"table";
    s.columns = {{Node::column("na\"me", "my\"table"), "al\"ias"}};
    CHECK(sqlite.select(s).sql == R"(SELECT "my""table"."na""me" AS "al""ias" FROM "my""table")");
}

TEST_CASE("generator: placeholders follow the dialect's style", "[generator]") {
    CHECK(Generator(sqliteProfile).placeholder(3) == "?");
    CHECK(Generator(pgProfile).placeholder(3) == "$3");
    CHECK(Generator(bareProfile).placeholder(3) == "@p3");
}

TEST_CASE("generator: comparison operators", "[generator]") {
    Generator g(sqliteProfile);
    const std::string base = R"(SELECT * FROM "t" WHERE )";

    SECTION("simple comparisons bind their value") {
        auto st = where(g, cmp("a", OpKind::eq, 1));
        CHECK(st.sql == base + R"("a" = ?)");
        CHECK(st.params == Params{1});
        CHECK(whereSql(g, cmp("a", OpKind::ne, 1)) == base + R"("a" <> ?)");
        CHECK(whereSql(g, cmp("a", OpKind::gt, 1)) == base + R"("a" > ?)");
        CHECK(whereSql(g, cmp("a", OpKind::gte, 1)) == base + R"("a" >= ?)");
        CHECK(whereSql(g, cmp("a", OpKind::lt, 1)) == base + R"("a" < ?)");
        CHECK(whereSql(g, cmp("a", OpKind::lte, 1)) == base + R"("a" <= ?)");
        CHECK(where(g, cmp("a", OpKind::eq, "x'y")).params == Params{"x'y"});
    }

    SECTION("null comparisons become IS [NOT] NULL without parameters") {
        auto st = where(g, cmp("a", OpKind::eq, nullptr));
        CHECK(st.sql == base + R"("a" IS NULL)");
        CHECK(st.params.empty());
        CHECK(whereSql(g, cmp("a", OpKind::ne, nullptr)) == base + R"("a" IS NOT NULL)");
    }

    SECTION("is and not take null, true or false") {
        CHECK(whereSql(g, cmp("a", OpKind::is, nullptr)) == base + R"("a" IS NULL)");
        CHECK(whereSql(g, cmp("a", OpKind::is, true)) == base + R"("a" IS TRUE)");
        CHECK(whereSql(g, cmp("a", OpKind::is, false)) == base + R"("a" IS FALSE)");
        CHECK(whereSql(g, cmp("a", OpKind::not_, nullptr)) == base + R"("a" IS NOT NULL)");
        CHECK(whereSql(g, cmp("a", OpKind::not_, true)) == base + R"("a" IS NOT TRUE)");
        CHECK(whereSql(g, cmp("a", OpKind::not_, false)) == base + R"("a" IS NOT FALSE)");
        CHECK(where(g, cmp("a", OpKind::is, true)).params.empty());
        CHECK_THROWS_AS(where(g, cmp("a", OpKind::is, 5)), UsageError);
        CHECK_THROWS_AS(where(g, cmp("a", OpKind::not_, "x")), UsageError);
    }

    SECTION("IN lists") {
        auto st = where(g, cmp("a", OpKind::in, Value::array({1, 2, 3})));
        CHECK(st.sql == base + R"("a" IN (?, ?, ?))");
        CHECK(st.params == Params{1, 2, 3});
        st = where(g, cmp("a", OpKind::notIn, Value::array({"x", "y"})));
        CHECK(st.sql == base + R"("a" NOT IN (?, ?))");
        CHECK(st.params == Params{"x", "y"});
        CHECK(whereSql(g, cmp("a", OpKind::eq, Value::array({1, 2}))) == base + R"("a" IN (?, ?))");
        CHECK(whereSql(g, cmp("a", OpKind::ne, Value::array({1, 2}))) ==
              base + R"("a" NOT IN (?, ?))");
        CHECK_THROWS_AS(where(g, cmp("a", OpKind::in, 1)), UsageError);

        Generator pg(pgProfile);
        CHECK(whereSql(pg, cmp("a", OpKind::in, Value::array({1, 2, 3}))) ==
              R"(SELECT * FROM "t" WHERE "a" IN ($1, $2, $3))");

        // A dialect that binds arrays gets the whole list as one parameter.
        tabula_profile arrays = pgProfile;
        arrays.supports |= TABULA_SUPPORTS_ARRAY;
        Generator pga(arrays);
        st = where(pga, cmp("a", OpKind::in, Value::array({1, 2, 3})));
        CHECK(st.sql == R"(SELECT * FROM "t" WHERE "a" = ANY($1))");
        CHECK(st.params == Params{Value::array({1, 2, 3})});
        CHECK(whereSql(pga, cmp("a", OpKind::notIn, Value::array({"x"}))) ==
              R"(SELECT * FROM "t" WHERE "a" <> ALL($1))");
    }

    SECTION("a statement past the dialect's parameter limit is refused") {
        tabula_profile few = sqliteProfile;
        few.max_params = 3;
        Generator small(few);
        CHECK(where(small, cmp("a", OpKind::in, Value::array({1, 2, 3}))).params.size() == 3);
        CHECK_THROWS_WITH(where(small, cmp("a", OpKind::in, Value::array({1, 2, 3, 4}))),
                          Catch::Contains("at most 3 bound parameters"));
    }

    SECTION("empty IN matches nothing, empty NOT IN everything") {
        auto st = where(g, cmp("a", OpKind::in, Value::array({})));
        CHECK(st.sql == base + "1=0");
        CHECK(st.params.empty());
        CHECK(whereSql(g, cmp("a", OpKind::notIn, Value::array({}))) == base + "1=1");
        CHECK(whereSql(g, cmp("a", OpKind::eq, Value::array({}))) == base + "1=0");
        // A parameter in the left side must not be bound when the list is empty.
        Generator pg(pgProfile);
        auto mixed = where(
            pg, Condition::all({Condition::compare(Node::param(7), OpKind::in, Value::array({})),
                                cmp("b", OpKind::eq, 2)}));
        CHECK(mixed.sql == R"(SELECT * FROM "t" WHERE 1=0 AND "b" = $1)");
        CHECK(mixed.params == Params{2});
    }

    SECTION("between takes two values") {
        auto st = where(g, cmp("a", OpKind::between, Value::array({1, 10})));
        CHECK(st.sql == base + R"("a" BETWEEN ? AND ?)");
        CHECK(st.params == Params{1, 10});
        CHECK(whereSql(g, cmp("a", OpKind::notBetween, Value::array({1, 10}))) ==
              base + R"("a" NOT BETWEEN ? AND ?)");
        CHECK_THROWS_AS(where(g, cmp("a", OpKind::between, Value::array({1, 2, 3}))), UsageError);
        CHECK_THROWS_AS(where(g, cmp("a", OpKind::between, 1)), UsageError);
    }

    SECTION("like and iLike") {
        auto st = where(g, cmp("a", OpKind::like, "J%"));
        CHECK(st.sql == base + R"("a" LIKE ?)");
        CHECK(st.params == Params{"J%"});
        CHECK(whereSql(g, cmp("a", OpKind::notLike, "J%")) == base + R"("a" NOT LIKE ?)");
        CHECK(whereSql(g, cmp("a", OpKind::iLike, "j%")) == base + R"(LOWER("a") LIKE LOWER(?))");
        CHECK(whereSql(g, cmp("a", OpKind::notILike, "j%")) ==
              base + R"(LOWER("a") NOT LIKE LOWER(?))");

        Generator pg(pgProfile);
        auto pst = where(pg, cmp("a", OpKind::iLike, "j%"));
        CHECK(pst.sql == R"(SELECT * FROM "t" WHERE "a" ILIKE $1)");
        CHECK(pst.params == Params{"j%"});
        CHECK(whereSql(pg, cmp("a", OpKind::notILike, "j%")) ==
              R"(SELECT * FROM "t" WHERE "a" NOT ILIKE $1)");
        CHECK_THROWS_AS(where(g, cmp("a", OpKind::like, Value::array({"a"}))), UsageError);
    }

    SECTION("startsWith, endsWith and substring escape the user's wildcards") {
        auto st = where(g, cmp("a", OpKind::startsWith, "50%_off!"));
        CHECK(st.sql == base + R"("a" LIKE ? ESCAPE '!')");
        CHECK(st.params == Params{"50!%!_off!!%"});
        st = where(g, cmp("a", OpKind::endsWith, "x_y"));
        CHECK(st.sql == base + R"("a" LIKE ? ESCAPE '!')");
        CHECK(st.params == Params{"%x!_y"});
        st = where(g, cmp("a", OpKind::substring, "a[b"));
        CHECK(st.params == Params{"%a![b%"});
        CHECK(where(g, cmp("a", OpKind::substring, "plain")).params == Params{"%plain%"});
        CHECK_THROWS_AS(where(g, cmp("a", OpKind::startsWith, nullptr)), UsageError);
    }

    SECTION("scalar operators refuse lists, logic operators are not comparisons") {
        CHECK_THROWS_AS(where(g, cmp("a", OpKind::gt, Value::array({1}))), UsageError);
        CHECK_THROWS_AS(where(g, cmp("a", OpKind::and_, 1)), UsageError);
        CHECK_THROWS_AS(where(g, cmp("a", OpKind::or_, 1)), UsageError);
    }
}

TEST_CASE("generator: nested and, or and not", "[generator]") {
    Generator g(sqliteProfile), pg(pgProfile);
    const std::string base = R"(SELECT * FROM "t")";

    auto nested =
        Condition::all({cmp("a", OpKind::eq, 1),
                        Condition::any({cmp("b", OpKind::eq, 2), cmp("c", OpKind::gt, 3)}),
                        Condition::negate(cmp("d", OpKind::eq, 4))});
    auto st = where(g, nested);
    CHECK(st.sql == base + R"( WHERE "a" = ? AND ("b" = ? OR "c" > ?) AND NOT ("d" = ?))");
    CHECK(st.params == Params{1, 2, 3, 4});
    CHECK(whereSql(pg, nested) ==
          base + R"( WHERE "a" = $1 AND ("b" = $2 OR "c" > $3) AND NOT ("d" = $4))");

    CHECK(whereSql(
              g, Condition::any({Condition::all({cmp("a", OpKind::eq, 1), cmp("b", OpKind::eq, 2)}),
                                 cmp("c", OpKind::eq, 3)})) ==
          base + R"( WHERE ("a" = ? AND "b" = ?) OR "c" = ?)");
    CHECK(whereSql(g, Condition::negate(
                          Condition::all({cmp("a", OpKind::eq, 1), cmp("b", OpKind::eq, 2)}))) ==
          base + R"( WHERE NOT ("a" = ? AND "b" = ?))");

    // A group with one child renders just the child.
    CHECK(whereSql(g, Condition::all({Condition::any({cmp("a", OpKind::eq, 1)})})) ==
          base + R"( WHERE "a" = ?)");
    CHECK(
        whereSql(g, Condition::any({cmp("a", OpKind::eq, 1),
                                    Condition::all({Condition::any(
                                        {cmp("b", OpKind::eq, 2), cmp("c", OpKind::eq, 3)})})})) ==
        base + R"( WHERE "a" = ? OR ("b" = ? OR "c" = ?))");

    // Empty conditions: no WHERE at all; empty children are dropped.
    CHECK(whereSql(g, Condition{}) == base);
    CHECK(whereSql(g, Condition::all({})) == base);
    CHECK(whereSql(g, Condition::all({Condition{}, Condition::all({})})) == base);
    CHECK(whereSql(g, Condition::all({Condition{}, cmp("a", OpKind::eq, 1)})) ==
          base + R"( WHERE "a" = ?)");
    // An OR with no branches matches nothing; one always-true branch matches all.
    CHECK(whereSql(g, Condition::any({})) == base + " WHERE 1=0");
    CHECK(where(g, Condition::any({cmp("a", OpKind::eq, 1), Condition::all({})})).params.empty());
    CHECK(whereSql(g, Condition::negate(Condition{})) == base + " WHERE 1=0");
}

TEST_CASE("generator: a condition deeper than the deepest where renders", "[generator]") {
    // The model layer may wrap a where of Where::maxDepth levels in a few
    // more (scopes, soft deletion); the generator renders them by recursion.
    Generator g(sqliteProfile);
    const int levels = Where::maxDepth + 16;
    Condition c = cmp("a", OpKind::eq, 1);
    for (int i = 0; i < levels; ++i)
        c = i % 2 ? Condition::negate(std::move(c))
                  : Condition::any({std::move(c), cmp("b", OpKind::eq, i)});
    auto st = where(g, std::move(c));
    CHECK(st.params.size() == static_cast<size_t>(levels / 2 + 1));
    size_t nots = 0;
    for (auto at = st.sql.find("NOT ("); at != std::string::npos; at = st.sql.find("NOT (", at + 1))
        ++nots;
    CHECK(nots == static_cast<size_t>(levels / 2));
}

TEST_CASE("generator: ORDER BY with NULLS FIRST/LAST, native and emulated", "[generator]") {
    Select s;
    s.table = "t";
    s.order = {{ref("a"), true, Nulls::First}, {ref("b"), false, Nulls::Default}};
    CHECK(Generator(sqliteProfile).select(s).sql ==
          R"(SELECT * FROM "t" ORDER BY "a" DESC NULLS FIRST, "b" ASC)");
    CHECK(Generator(mysqlProfile).select(s).sql ==
          "SELECT * FROM `t` ORDER BY `a` IS NULL DESC, `a` DESC, `b` ASC");

    s.order = {{ref("a"), false, Nulls::Last}};
    CHECK(Generator(pgProfile).select(s).sql == R"(SELECT * FROM "t" ORDER BY "a" ASC NULLS LAST)");
    CHECK(Generator(mysqlProfile).select(s).sql ==
          "SELECT * FROM `t` ORDER BY `a` IS NULL ASC, `a` ASC");
}

TEST_CASE("generator: SELECT with columns, GROUP BY, HAVING, LIMIT and OFFSET", "[generator]") {
    Select s;
    s.table = "users";
    s.columns = {{Node::column("role", "users"), ""},
                 {Node::function("COUNT", {Node::star()}), "n"}};
    s.where = cmp("active", OpKind::eq, true);
    s.group = {Node::column("role", "users")};
    s.having = Condition::compare(Node::function("COUNT", {Node::star()}), OpKind::gt, 1);
    s.order = {{ref("n"), true, Nulls::Default}};
    s.limit = 10;
    s.offset = 20;

    auto st = Generator(sqliteProfile).select(s);
    CHECK(st.sql == R"(SELECT "users"."role", COUNT(*) AS "n" FROM "users" WHERE "active" = ? )"
                    R"(GROUP BY "users"."role" HAVING COUNT(*) > ? ORDER BY "n" DESC )"
                    R"(LIMIT 10 OFFSET 20)");
    CHECK(st.params == Params{true, 1});

    auto pst = Generator(pgProfile).select(s);
    CHECK(pst.sql == R"(SELECT "users"."role", COUNT(*) AS "n" FROM "users" WHERE "active" = $1 )"
                     R"(GROUP BY "users"."role" HAVING COUNT(*) > $2 ORDER BY "n" DESC )"
                     R"(LIMIT 10 OFFSET 20)");
    CHECK(Generator(mysqlProfile).select(s).sql.ends_with("ORDER BY `n` DESC LIMIT 20, 10"));

    Select plain;
    plain.table = "t";
    Generator pg(pgProfile), sqlite(sqliteProfile), bare(bareProfile);
    CHECK(pg.select(plain).sql == R"(SELECT * FROM "t")");
    plain.limit = 5;
    CHECK(pg.select(plain).sql == R"(SELECT * FROM "t" LIMIT 5)");
    CHECK(sqlite.select(plain).sql == R"(SELECT * FROM "t" LIMIT 5)");
    plain.limit = 0;
    CHECK(pg.select(plain).sql == R"(SELECT * FROM "t" LIMIT 0)");
    plain.limit = -1;
    plain.offset = 7;
    CHECK(pg.select(plain).sql == R"(SELECT * FROM "t" OFFSET 7)");
    CHECK(bare.select(plain).sql == "SELECT * FROM [t] OFFSET 7");
    CHECK(sqlite.select(plain).sql == R"(SELECT * FROM "t" LIMIT -1 OFFSET 7)");
    plain.offset = -1;
    CHECK_THROWS_AS(pg.select(plain), UsageError);
}

TEST_CASE("generator: functions, DISTINCT and bad function names", "[generator]") {
    Generator g(pgProfile);
    Select s;
    s.table = "t";
    Node count = Node::function("COUNT", {ref("email")});
    count.distinct = true;
    s.columns = {{count, "n"},
                 {Node::function("COALESCE", {ref("nick"), Node::param("anon")}), "nick"},
                 {Node::function("upper", {Node::function("TRIM", {ref("name")})}), ""}};
    s.where = cmp("id", OpKind::gt, 3);
    auto st = g.select(s);
    CHECK(st.sql == R"(SELECT COUNT(DISTINCT "email") AS "n", COALESCE("nick", $1) AS "nick", )"
                    R"(upper(TRIM("name")) FROM "t" WHERE "id" > $2)");
    CHECK(st.params == Params{"anon", 3});

    for (const char* bad : {"COUNT(*); DROP TABLE t; --", "1abc", "", "a.b", "a b", "f-x"}) {
        Select b;
        b.table = "t";
        b.columns = {{Node::function(bad, {ref("a")}), ""}};
        CHECK_THROWS_AS(g.select(b), UsageError);
    }
    Select b;
    b.table = "t";
    b.columns = {{Node::function("SUM(x)", {}), ""}};
    CHECK_THROWS_WITH(g.select(b), Contains("SUM(x)"));
}

TEST_CASE("generator: JSON paths through the dialect hook", "[generator]") {
    auto city = Condition::compare(Node::jsonText("meta", {"address", "city"}), OpKind::eq, "Oslo");
    auto st = where(Generator(sqliteProfile), city);
    CHECK(st.sql == R"(SELECT * FROM "t" WHERE json_extract("meta", '$.address.city') = ?)");
    CHECK(st.params == Params{"Oslo"});
    CHECK(whereSql(Generator(pgProfile), city) ==
          R"(SELECT * FROM "t" WHERE ("meta"#>>'{address,city}') = $1)");
    CHECK(whereSql(Generator(mysqlProfile), city) ==
          "SELECT * FROM `t` WHERE JSON_UNQUOTE(JSON_EXTRACT(`meta`, '$.address.city')) = ?");

    Select s;
    s.table = "t";
    s.columns = {{Node::jsonText("meta", {"tags", "0", "first-name"}, "t"), "x"}};
    CHECK(Generator(sqliteProfile).select(s).sql ==
          R"(SELECT json_extract("t"."meta", '$.tags.0.first-name') AS "x" FROM "t")");

    Generator g(sqliteProfile);
    for (const char* bad : {"a'b", "a.b", "", "a b", "$"}) {
        auto c = Condition::compare(Node::jsonText("meta", {"ok", bad}), OpKind::eq, 1);
        CHECK_THROWS_AS(where(g, c), UsageError);
    }
    CHECK_THROWS_WITH(
        where(g, Condition::compare(Node::jsonText("meta", {"x')--"}), OpKind::eq, 1)),
        Contains("x')--"));
    CHECK_THROWS_AS(where(g, Condition::compare(Node::jsonText("meta", {}), OpKind::eq, 1)),
                    UsageError);
    CHECK_THROWS_WITH(where(Generator(bareProfile), city), Contains("no JSON support"));
}

TEST_CASE("generator: INSERT: multi-row, default values, RETURNING", "[generator]") {
    Insert q;
    q.table = "users";
    q.columns = {"name", "age"};
    q.rows = {{"Ann", 31}, {"Bob", nullptr}};
    auto st = Generator(sqliteProfile).insert(q);
    CHECK(st.sql == R"(INSERT INTO "users" ("name", "age") VALUES (?, ?), (?, ?))");
    CHECK(st.params == Params{"Ann", 31, "Bob", nullptr});
    CHECK(Generator(pgProfile).insert(q).sql ==
          R"(INSERT INTO "users" ("name", "age") VALUES ($1, $2), ($3, $4))");

    q.returning = true;
    CHECK(Generator(sqliteProfile).insert(q).sql ==
          R"(INSERT INTO "users" ("name", "age") VALUES (?, ?), (?, ?) RETURNING *)");
    CHECK(Generator(mysqlProfile).insert(q).sql ==
          "INSERT INTO `users` (`name`, `age`) VALUES (?, ?), (?, ?)");

    q.rows = {{"Ann"}};
    CHECK_THROWS_AS(Generator(sqliteProfile).insert(q), UsageError);
    q.rows.clear();
    CHECK_THROWS_AS(Generator(sqliteProfile).insert(q), UsageError);

    Insert empty;
    empty.table = "t";
    empty.rows = {{}};
    CHECK(Generator(sqliteProfile).insert(empty).sql == R"(INSERT INTO "t" DEFAULT VALUES)");
    CHECK(Generator(mysqlProfile).insert(empty).sql == "INSERT INTO `t` () VALUES ()");
    empty.returning = true;
    CHECK(Generator(sqliteProfile).insert(empty).sql ==
          R"(INSERT INTO "t" DEFAULT VALUES RETURNING *)");
    empty.rows.clear();
    CHECK(Generator(mysqlProfile).insert(empty).sql == "INSERT INTO `t` () VALUES ()");
    CHECK(Generator(mysqlProfile).insert(empty).params.empty());
}

TEST_CASE("generator: RETURNING on INSERT only where the dialect says so", "[generator]") {
    tabula_profile p = makeSqlite();
    p.supports = TABULA_SUPPORTS_INSERT_RETURNING_ONLY;
    Generator g(p);
    Insert ins;
    ins.table = "t";
    ins.columns = {"a"};
    ins.rows = {{1}};
    ins.returning = true;
    CHECK(g.insert(ins).sql == R"(INSERT INTO "t" ("a") VALUES (?) RETURNING *)");
    ins.returningColumns = {"id", "b"};
    CHECK(g.insert(ins).sql == R"(INSERT INTO "t" ("a") VALUES (?) RETURNING "id", "b")");
    ins.returningColumns.clear();
    Update up;
    up.table = "t";
    up.set = {{"a", Node::param(2)}};
    up.returning = true;
    CHECK(g.update(up).sql == R"(UPDATE "t" SET "a" = ?)");
}

TEST_CASE("generator: upsert: ON CONFLICT, ON DUPLICATE KEY and ignore", "[generator]") {
    Insert q;
    q.table = "users";
    q.columns = {"id", "name", "age"};
    q.rows = {{1, "Ann", 30}};
    q.upsert = Upsert{{"id"}, {"name", "age"}, false};

    auto st = Generator(sqliteProfile).insert(q);
    CHECK(st.sql == R"(INSERT INTO "users" ("id", "name", "age") VALUES (?, ?, ?) )"
                    R"(ON CONFLICT ("id") DO UPDATE SET "name" = EXCLUDED."name", )"
                    R"("age" = EXCLUDED."age")");
    CHECK(st.params == Params{1, "Ann", 30});
    CHECK(Generator(mysqlProfile).insert(q).sql ==
          "INSERT INTO `users` (`id`, `name`, `age`) VALUES (?, ?, ?) "
          "ON DUPLICATE KEY UPDATE `name` = VALUES(`name`), `age` = VALUES(`age`)");

    q.returning = true;
    CHECK(Generator(pgProfile).insert(q).sql ==
          R"(INSERT INTO "users" ("id", "name", "age") VALUES ($1, $2, $3) )"
          R"(ON CONFLICT ("id") DO UPDATE SET "name" = EXCLUDED."name", )"
          R"("age" = EXCLUDED."age" RETURNING *)");

    q.returning = false;
    q.upsert->ignore = true;
    CHECK(Generator(sqliteProfile).insert(q).sql ==
          R"(INSERT INTO "users" ("id", "name", "age") VALUES (?, ?, ?) ON CONFLICT DO NOTHING)");
    CHECK(Generator(mysqlProfile).insert(q).sql ==
          "INSERT IGNORE INTO `users` (`id`, `name`, `age`) VALUES (?, ?, ?)");

    // Nothing to update is the same as ignoring the duplicate.
    q.upsert = Upsert{{"id"}, {}, false};
    CHECK(
        Generator(pgProfile).insert(q).sql ==
        R"(INSERT INTO "users" ("id", "name", "age") VALUES ($1, $2, $3) ON CONFLICT DO NOTHING)");

    q.upsert = Upsert{{}, {"name"}, false};
    CHECK_THROWS_AS(Generator(pgProfile).insert(q), UsageError);
    CHECK_THROWS_AS(Generator(bareProfile).insert(q), UsageError);
}

TEST_CASE("generator: UPDATE with increments, NOW and RETURNING; DELETE", "[generator]") {
    Update q;
    q.table = "users";
    q.set = {{"count", Node::binary(ref("count"), "+", Node::param(1))},
             {"updatedAt", Node::now()},
             {"name", Node::param("Ann")}};
    q.where = cmp("id", OpKind::eq, 5);
    q.returning = true;

    auto st = Generator(pgProfile).update(q);
    CHECK(st.sql == R"(UPDATE "users" SET "count" = ("count" + $1), "updatedAt" = NOW(), )"
                    R"("name" = $2 WHERE "id" = $3 RETURNING *)");
    CHECK(st.params == Params{1, "Ann", 5});
    CHECK(Generator(mysqlProfile).update(q).sql ==
          "UPDATE `users` SET `count` = (`count` + ?), `updatedAt` = CURRENT_TIMESTAMP(3), "
          "`name` = ? WHERE `id` = ?");
    CHECK(Generator(bareProfile).update(q).sql ==
          "UPDATE [users] SET [count] = ([count] + @p1), [updatedAt] = CURRENT_TIMESTAMP, "
          "[name] = @p2 WHERE [id] = @p3");

    q.where = {};
    q.returning = false;
    q.set = {{"stock", Node::binary(ref("stock"), "-", Node::param(2))}};
    CHECK(Generator(sqliteProfile).update(q).sql ==
          R"(UPDATE "users" SET "stock" = ("stock" - ?))");
    q.set = {{"stock", Node::binary(ref("stock"), "*", Node::param(2))}};
    CHECK_THROWS_AS(Generator(sqliteProfile).update(q), UsageError);
    q.set.clear();
    CHECK_THROWS_AS(Generator(sqliteProfile).update(q), UsageError);

    Delete d;
    d.table = "users";
    d.where = cmp("id", OpKind::in, Value::array({1, 2}));
    auto del = Generator(pgProfile).remove(d);
    CHECK(del.sql == R"(DELETE FROM "users" WHERE "id" IN ($1, $2))");
    CHECK(del.params == Params{1, 2});
    d.where = {};
    CHECK(Generator(sqliteProfile).remove(d).sql == R"(DELETE FROM "users")");
}

namespace {

CreateTable usersTable() {
    CreateTable t;
    t.table = "users";
    t.columns = {
        Def("id", DataTypes::INTEGER).notNull().primaryKey().autoIncrement(),
        Def("email", DataTypes::STRING(100)).notNull().unique(),
        Def("name", DataTypes::STRING)
            .defaultTo(Value("O'Brien"))
            .comment("shown on the profile page"),
        Def("createdAt", DataTypes::DATE).notNull().defaultNow(),
        Def("active", DataTypes::BOOLEAN).defaultTo(Value(true)),
        Def("fullName", DataTypes::VIRTUAL),
    };
    t.uniqueKeys = {{"users_name_email", {"name", "email"}}};
    return t;
}

} // namespace

TEST_CASE("generator: CREATE TABLE", "[generator]") {
    SECTION("auto increment inline with the primary key") {
        auto sql = Generator(sqliteProfile).createTable(usersTable());
        REQUIRE(sql.size() == 1);
        CHECK(sql[0] == R"(CREATE TABLE IF NOT EXISTS "users" ()"
                        R"("id" INTEGER PRIMARY KEY AUTOINCREMENT, )"
                        R"("email" VARCHAR(100) NOT NULL UNIQUE, )"
                        R"("name" VARCHAR(255) DEFAULT 'O''Brien', )"
                        R"("createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP, )"
                        R"("active" TINYINT(1) DEFAULT TRUE, )"
                        R"(CONSTRAINT "users_name_email" UNIQUE ("name", "email")))");
    }

    SECTION("auto increment with a table-level primary key") {
        auto sql = Generator(mysqlProfile).createTable(usersTable());
        REQUIRE(sql.size() == 1);
        CHECK(sql[0] == "CREATE TABLE IF NOT EXISTS `users` ("
                        "`id` INTEGER auto_increment NOT NULL, "
                        "`email` VARCHAR(100) NOT NULL UNIQUE, "
                        "`name` VARCHAR(255) DEFAULT 'O''Brien', "
                        "`createdAt` DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3), "
                        "`active` TINYINT(1) DEFAULT TRUE, "
                        "PRIMARY KEY (`id`), "
                        "CONSTRAINT `users_name_email` UNIQUE (`name`, `email`))");
    }

    SECTION("composite primary key, other literals, no IF NOT EXISTS") {
        CreateTable t;
        t.table = "scores";
        t.ifNotExists = false;
        t.columns = {
            Def("userId", DataTypes::INTEGER).primaryKey(),
            Def("game", DataTypes::STRING(20)).primaryKey().unique(),
            Def("points", DataTypes::INTEGER).defaultTo(Value(-3)),
            Def("ratio", DataTypes::DOUBLE).defaultTo(Value(1.5)),
            Def("note", DataTypes::TEXT).defaultTo(Value(nullptr)),
        };
        auto sql = Generator(pgProfile).createTable(t);
        REQUIRE(sql.size() == 1);
        CHECK(sql[0] == R"(CREATE TABLE "scores" ("userId" INTEGER NOT NULL, )"
                        R"("game" VARCHAR(20) NOT NULL, "points" INTEGER DEFAULT -3, )"
                        R"("ratio" DOUBLE PRECISION DEFAULT 1.5, "note" TEXT DEFAULT NULL, )"
                        R"(PRIMARY KEY ("userId", "game")))");
    }

    SECTION("ENUM as a created type comes first; DROP TYPE follows DROP TABLE") {
        CreateTable t;
        t.table = "posts";
        t.columns = {
            Def("id", DataTypes::INTEGER).notNull().primaryKey().autoIncrement(),
            Def("status", DataTypes::ENUM({"draft", "published"})),
            Def("tags", DataTypes::ARRAY(DataTypes::INTEGER)),
        };
        auto sql = Generator(pgProfile).createTable(t);
        REQUIRE(sql.size() == 2);
        CHECK(sql[0] == R"(CREATE TYPE "enum_posts_status" AS ENUM ('draft', 'published'))");
        CHECK(sql[1] == R"(CREATE TABLE IF NOT EXISTS "posts" ("id" SERIAL NOT NULL, )"
                        R"("status" "enum_posts_status", "tags" INTEGER[], PRIMARY KEY ("id")))");

        CHECK(Generator(mysqlProfile).createTable(t)[0] ==
              "CREATE TABLE IF NOT EXISTS `posts` (`id` INTEGER auto_increment NOT NULL, "
              "`status` ENUM('draft', 'published'), `tags` TEXT, PRIMARY KEY (`id`))");

        DropTable d;
        d.table = "posts";
        d.columns = t.columns;
        auto drop = Generator(pgProfile).dropTable(d);
        REQUIRE(drop.size() == 2);
        CHECK(drop[0] == R"(DROP TABLE IF EXISTS "posts")");
        CHECK(drop[1] == R"(DROP TYPE IF EXISTS "enum_posts_status")");
        CHECK(Generator(sqliteProfile).dropTable(d) ==
              std::vector<std::string>{R"(DROP TABLE IF EXISTS "posts")"});
        d.ifExists = false;
        CHECK(Generator(bareProfile).dropTable(d) ==
              std::vector<std::string>{"DROP TABLE [posts]"});
    }

    SECTION("a failing type hook is a PluginError") {
        tabula_profile p = makeSqlite();
        p.render_type = &failingType;
        CHECK_THROWS_AS(Generator(p).createTable(usersTable()), PluginError);
        CHECK_THROWS_WITH(Generator(p).createTable(usersTable()),
                          Contains("could not render the type"));
    }

    SECTION("a table with no stored columns is refused") {
        CreateTable t;
        t.table = "nothing";
        t.columns = {Def("v", DataTypes::VIRTUAL)};
        CHECK_THROWS_AS(Generator(sqliteProfile).createTable(t), UsageError);
    }
}

TEST_CASE("generator: standard column types when the dialect has no type hook", "[generator]") {
    Generator g(bareProfile);
    auto type = [&](DataType t, bool autoIncrement = false) {
        return g.columnType("t", Def("c", t).autoIncrement(autoIncrement));
    };
    CHECK(type(DataTypes::STRING) == "VARCHAR(255)");
    CHECK(type(DataTypes::STRING(30)) == "VARCHAR(30)");
    CHECK(type(DataTypes::CHAR(2)) == "CHAR(2)");
    CHECK(type(DataTypes::TEXT) == "TEXT");
    CHECK(type(DataTypes::INTEGER) == "INTEGER");
    CHECK(type(DataTypes::BIGINT) == "BIGINT");
    CHECK(type(DataTypes::FLOAT) == "FLOAT");
    CHECK(type(DataTypes::DOUBLE) == "DOUBLE PRECISION");
    CHECK(type(DataTypes::DECIMAL) == "DECIMAL");
    CHECK(type(DataTypes::DECIMAL(8, 3)) == "DECIMAL(8,3)");
    CHECK(type(DataTypes::BOOLEAN) == "BOOLEAN");
    CHECK(type(DataTypes::DATE) == "TIMESTAMP");
    CHECK(type(DataTypes::DATEONLY) == "DATE");
    CHECK(type(DataTypes::TIME) == "TIME");
    CHECK(type(DataTypes::UUID) == "CHAR(36)");
    CHECK(type(DataTypes::JSON) == "TEXT");
    CHECK(type(DataTypes::JSONB) == "TEXT");
    CHECK(type(DataTypes::BLOB) == "BLOB");
    CHECK(type(DataTypes::ENUM({"a", "b"})) == "VARCHAR(255)");
    CHECK(type(DataTypes::BIGINT, true) == "BIGINT GENERATED BY DEFAULT AS IDENTITY");
    CHECK_THROWS_AS(type(DataTypes::ARRAY(DataTypes::INTEGER)), UsageError);
    CHECK_THROWS_AS(type(DataTypes::VIRTUAL), UsageError);

    // Without a hook nothing is created before or dropped after.
    std::vector<std::string> before, after;
    g.columnType("t", Def("c", DataTypes::ENUM({"a"})), &before, &after);
    CHECK(before.empty());
    CHECK(after.empty());
}

TEST_CASE("generator: ALTER TABLE ADD COLUMN", "[generator]") {
    auto sql = Generator(pgProfile).addColumn(
        "posts",
        Def("status", DataTypes::ENUM({"draft", "live"})).notNull().defaultTo(Value("draft")));
    REQUIRE(sql.size() == 2);
    CHECK(sql[0] == R"(CREATE TYPE "enum_posts_status" AS ENUM ('draft', 'live'))");
    CHECK(
        sql[1] ==
        R"(ALTER TABLE "posts" ADD COLUMN "status" "enum_posts_status" NOT NULL DEFAULT 'draft')");

    CHECK(Generator(sqliteProfile).addColumn("users", Def("age", DataTypes::INTEGER)) ==
          std::vector<std::string>{R"(ALTER TABLE "users" ADD COLUMN "age" INTEGER)"});
    CHECK(Generator(mysqlProfile)
              .addColumn("users", Def("code", DataTypes::STRING(8)).primaryKey()) ==
          std::vector<std::string>{
              "ALTER TABLE `users` ADD COLUMN `code` VARCHAR(8) NOT NULL PRIMARY KEY"});
    CHECK(Generator(sqliteProfile).addColumn("users", Def("seen", DataTypes::DATE).defaultNow()) ==
          std::vector<std::string>{
              R"(ALTER TABLE "users" ADD COLUMN "seen" DATETIME DEFAULT CURRENT_TIMESTAMP)"});
    CHECK(Generator(sqliteProfile).addColumn("users", Def("v", DataTypes::VIRTUAL)).empty());
}

TEST_CASE("generator: DDL literals", "[generator]") {
    Generator g(sqliteProfile), mysql(mysqlProfile);
    CHECK(g.literal(Value()) == "NULL");
    CHECK(g.literal(true) == "TRUE");
    CHECK(g.literal(false) == "FALSE");
    CHECK(g.literal(42) == "42");
    CHECK(g.literal(-7LL) == "-7");
    CHECK(g.literal(1.5) == "1.5");
    CHECK(g.literal(0.1) == "0.1");
    CHECK(g.literal("it's") == "'it''s'");
    CHECK(g.literal("a\\b") == "'a\\b'");
    CHECK(mysql.literal("a\\b") == "'a\\\\b'");
    CHECK(mysql.literal("\\'; DROP TABLE t; --") == "'\\\\''; DROP TABLE t; --'");
    CHECK(g.literal(Value::decimal("12.50")) == "'12.50'");
    CHECK(g.literal(Value::date("2024-01-02")) == "'2024-01-02'");
    const Timestamp ts = Value::parseTimestamp("2024-01-02 03:04:05");
    CHECK(g.literal(Value(ts)) == "'" + Value::formatTimestamp(ts) + "'");
    CHECK(g.literal(Value(ts)) == "'2024-01-02 03:04:05.000 +00:00'");
    // MySQL and MariaDB take a DATETIME literal without an offset (in UTC).
    CHECK(mysql.literal(Value(ts)) == "'2024-01-02 03:04:05.000'");
    CHECK_THROWS_AS(g.literal(Value(Bytes{1, 2})), UsageError);
    CHECK_THROWS_AS(g.literal(Value::array({1})), UsageError);
}

TEST_CASE("generator: raw queries: ? and :name", "[generator]") {
    Generator sqlite(sqliteProfile), pg(pgProfile);

    auto st =
        sqlite.bindRaw("SELECT * FROM t WHERE a = ? AND b = :name", {1}, {{"name", "x"}}, false);
    CHECK(st.sql == "SELECT * FROM t WHERE a = ? AND b = ?");
    CHECK(st.params == Params{1, "x"});

    // A value used twice is bound twice; one not used at all is refused.
    st = pg.bindRaw("SELECT ?, :n, :n", {1}, {{"n", "v"}}, false);
    CHECK(st.sql == "SELECT $1, $2, $3");
    CHECK(st.params == Params{1, "v", "v"});
    CHECK_THROWS_WITH(pg.bindRaw("SELECT ?, :n", {1}, {{"n", "v"}, {"unused", 0}}, false),
                      Contains(":unused"));
    CHECK_THROWS_WITH(pg.bindRaw("SELECT ?, :n", {1, 2}, {{"n", "v"}}, false),
                      Contains("2 replacements given but the SQL uses 1"));

    // Quoted text and comments are left alone.
    st = sqlite.bindRaw("SELECT '?', 'a:x', 'it''s ?', \"c?\", `d:e`, ? -- ? :x\n/* ? :y */ ?",
                        {1, 2}, {}, false);
    CHECK(st.sql == "SELECT '?', 'a:x', 'it''s ?', \"c?\", `d:e`, ? -- ? :x\n/* ? :y */ ?");
    CHECK(st.params == Params{1, 2});

    // PostgreSQL casts are not parameters.
    st = pg.bindRaw("SELECT :v::text, a::int FROM t WHERE b = :w", {}, {{"v", 5}, {"w", 6}}, false);
    CHECK(st.sql == "SELECT $1::text, a::int FROM t WHERE b = $2");
    CHECK(st.params == Params{5, 6});

    // MySQL strings escape with backslashes; PostgreSQL E'' strings too.
    st = Generator(mysqlProfile).bindRaw("SELECT 'it\\'s ?', \"x\\\"?\", ? # ?\n", {1}, {}, false);
    CHECK(st.sql == "SELECT 'it\\'s ?', \"x\\\"?\", ? # ?\n");
    CHECK(st.params == Params{1});
    st = pg.bindRaw("SELECT E'a\\'?', ?", {1}, {}, false);
    CHECK(st.sql == "SELECT E'a\\'?', $1");
    CHECK(st.params == Params{1});

    CHECK(Generator(bareProfile).bindRaw("SELECT ?, [a?], ?", {1, 2}, {}, false).sql ==
          "SELECT @p1, [a?], @p2");

    // A list is a comma-separated list of bound values; a list in a list a tuple.
    st = pg.bindRaw("SELECT * FROM t WHERE id IN (:ids) AND k IN (?)", {Value::array({"a", "b"})},
                    {{"ids", Value::array({1, 2, 3})}}, false);
    CHECK(st.sql == "SELECT * FROM t WHERE id IN ($1, $2, $3) AND k IN ($4, $5)");
    CHECK(st.params == Params{1, 2, 3, "a", "b"});
    st = sqlite.bindRaw("SELECT * FROM t WHERE (a, b) IN (?)",
                        {Value::array({Value::array({1, 2}), Value::array({3, 4})})}, {}, false);
    CHECK(st.sql == "SELECT * FROM t WHERE (a, b) IN ((?, ?), (?, ?))");
    CHECK(st.params == Params{1, 2, 3, 4});
    CHECK_THROWS_WITH(sqlite.bindRaw("SELECT * FROM t WHERE id IN (:ids)", {},
                                     {{"ids", Value::array({})}}, false),
                      Contains(":ids") && Contains("empty list"));
    // A list bound with $1 stays one (array) parameter.
    st = pg.bindRaw("SELECT $1", {Value::array({1, 2})}, {}, true);
    CHECK(st.sql == "SELECT $1");
    CHECK(st.params == Params{Value::array({1, 2})});

    CHECK_THROWS_WITH(sqlite.bindRaw("SELECT ?, ?", {1}, {}, false), Contains("number 2"));
    CHECK_THROWS_WITH(sqlite.bindRaw("SELECT :missing", {}, {{"other", 1}}, false),
                      Contains(":missing"));
    CHECK_THROWS_AS(sqlite.bindRaw("SELECT :missing", {}, {}, false), UsageError);
}

TEST_CASE("generator: raw queries: $1 and $name", "[generator]") {
    Generator pg(pgProfile), sqlite(sqliteProfile);

    auto st = pg.bindRaw("SELECT $2, $1, $name, $2", {"a", "b"}, {{"name", 9}}, true);
    CHECK(st.sql == "SELECT $1, $2, $3, $4");
    CHECK(st.params == Params{"b", "a", 9, "b"});

    st = sqlite.bindRaw("SELECT * FROM t WHERE a = $1 AND b = $who AND c = '$1' AND d = ?", {7},
                        {{"who", "me"}}, true);
    CHECK(st.sql == "SELECT * FROM t WHERE a = ? AND b = ? AND c = '$1' AND d = ?");
    CHECK(st.params == Params{7, "me"});

    // Tagged dollar-quoted bodies, identifiers containing $ and casts stay as written.
    st = pg.bindRaw("SELECT $fn$ $x $$ $fn$, a$b, a$$b, $1::text", {"v"}, {}, true);
    CHECK(st.sql == "SELECT $fn$ $x $$ $fn$, a$b, a$$b, $1::text");
    CHECK(st.params == Params{"v"});

    // $$ is an escaped $, in quoted text too, as in Sequelize's bind syntax.
    st = pg.bindRaw("SELECT $1, '$$ / $$1', $$name, $$$1", {"v"}, {}, true);
    CHECK(st.sql == "SELECT $1, '$ / $1', $name, $$2");
    CHECK(st.params == Params{"v", "v"});
    st = sqlite.bindRaw("SELECT $one, '$$ / $$one', \"a$$\"", {}, {{"one", 1}}, true);
    CHECK(st.sql == "SELECT ?, '$ / $one', \"a$$\"");
    CHECK(st.params == Params{1});
    // Replacements leave $$ alone.
    CHECK(sqlite.bindRaw("SELECT '$$', ?", {1}, {}, false).sql == "SELECT '$$', ?");

    CHECK_THROWS_WITH(pg.bindRaw("SELECT $3", {1, 2}, {}, true), Contains("$3"));
    CHECK_THROWS_AS(pg.bindRaw("SELECT $0", {1}, {}, true), UsageError);
    CHECK_THROWS_WITH(pg.bindRaw("SELECT $nope", {}, {}, true), Contains("$nope"));
    CHECK_THROWS_WITH(pg.bindRaw("SELECT $2", {1, 2}, {}, true), Contains("$1"));
    CHECK_THROWS_WITH(pg.bindRaw("SELECT $1", {1}, {{"who", 2}}, true), Contains("$who"));
}

TEST_CASE("generator: a limited UPDATE or DELETE is LIMIT n or a key subquery", "[generator]") {
    Update u;
    u.table = "t";
    u.set.emplace_back("name", Node::param(Value("x")));
    u.where = cmp("name", OpKind::eq, Value("a"));
    u.limit = 1;
    u.keyColumns = {"id"};
    CHECK(Generator(mysqlProfile).update(u).sql ==
          "UPDATE `t` SET `name` = ? WHERE `name` = ? LIMIT 1");
    const Statement pg = Generator(pgProfile).update(u);
    CHECK(pg.sql == "UPDATE \"t\" SET \"name\" = $1 WHERE \"id\" IN (SELECT \"id\" FROM \"t\" "
                    "WHERE \"name\" = $2 LIMIT 1)");
    REQUIRE(pg.params.size() == 2);
    CHECK(pg.params[1] == Value("a"));

    Delete d;
    d.table = "t";
    d.where = cmp("name", OpKind::eq, Value("a"));
    d.limit = 3;
    d.keyColumns = {"a", "b"};
    CHECK(Generator(mysqlProfile).remove(d).sql == "DELETE FROM `t` WHERE `name` = ? LIMIT 3");
    CHECK(Generator(sqliteProfile).remove(d).sql ==
          "DELETE FROM \"t\" WHERE (\"a\", \"b\") IN (SELECT \"a\", \"b\" FROM \"t\" WHERE "
          "\"name\" = ? LIMIT 3)");
    // Without a key there is nothing to choose the rows by.
    d.keyColumns.clear();
    CHECK_THROWS_AS(Generator(pgProfile).remove(d), UsageError);
    d.limit = -1;
    CHECK(Generator(pgProfile).remove(d).sql == "DELETE FROM \"t\" WHERE \"name\" = $1");
}
