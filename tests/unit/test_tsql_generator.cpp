// The Transact-SQL forms the generator writes when a profile asks for them
// (ABI 1.2 flags): TOP, OFFSET/FETCH with an ORDER BY, OUTPUT INSERTED.*,
// MERGE for upsert, bit booleans and T-SQL DDL. The profile is written by hand
// here; the real SQL Server dialect is compared with Sequelize's T-SQL elsewhere.
#include "sql/generator.hpp"

#include <tabula/errors.hpp>

#include <catch2/catch.hpp>

#include <string>
#include <string_view>

using namespace tabula;
using namespace tabula::sql;

namespace {

void put(tabula_sink* sink, std::string_view text) {
    sink->append(sink->ctx, text.data(), text.size());
}

int tsqlLimit(int64_t limit, int64_t offset, tabula_sink* out) {
    put(out, "OFFSET " + std::to_string(offset) + " ROWS");
    if (limit >= 0) put(out, " FETCH NEXT " + std::to_string(limit) + " ROWS ONLY");
    return 0;
}

int tsqlType(const tabula_column_type* c, tabula_sink* type, tabula_sink*, tabula_sink*) {
    if (c->auto_increment)
        put(type, "INT IDENTITY(1,1)");
    else if (c->kind == TABULA_DT_BOOLEAN)
        put(type, "BIT");
    else if (c->kind == TABULA_DT_INTEGER)
        put(type, "INT");
    else
        put(type, "NVARCHAR(255)");
    return 0;
}

tabula_profile makeTsql() {
    tabula_profile p{};
    p.struct_size = sizeof p;
    p.name = "tsql";
    p.quote_open = '[';
    p.quote_close = ']';
    p.placeholder = TABULA_PLACEHOLDER_AT;
    p.supports = TABULA_SUPPORTS_RETURNING | TABULA_SUPPORTS_OUTPUT_INSERTED | TABULA_SUPPORTS_TOP |
                 TABULA_SUPPORTS_UPSERT_MERGE | TABULA_SUPPORTS_BIT_BOOLEANS |
                 TABULA_SUPPORTS_TSQL_DDL | TABULA_SUPPORTS_DEFAULT_VALUES;
    p.max_params = 2098;
    p.max_insert_rows = 1000;
    p.render_limit = &tsqlLimit;
    p.render_type = &tsqlType;
    p.now_sql = "SYSDATETIMEOFFSET()";
    return p;
}

const tabula_profile tsqlProfile = makeTsql();

Select users() {
    Select q;
    q.table = "users";
    q.columns = {{Node::column("id"), ""}, {Node::column("name"), ""}};
    q.keyColumns = {"id"};
    return q;
}

} // namespace

TEST_CASE("T-SQL: a limit alone is TOP, an offset needs ORDER BY", "[generator][tsql]") {
    Generator g(tsqlProfile);
    Select q = users();
    q.limit = 10;
    CHECK(g.select(q).sql == "SELECT TOP (10) [id], [name] FROM [users]");

    q.offset = 20;
    CHECK(g.select(q).sql == "SELECT [id], [name] FROM [users] ORDER BY [users].[id] OFFSET 20 "
                             "ROWS FETCH NEXT 10 ROWS ONLY");

    q.order.push_back({Node::column("name"), true});
    CHECK(g.select(q).sql == "SELECT [id], [name] FROM [users] ORDER BY [name] DESC OFFSET 20 "
                             "ROWS FETCH NEXT 10 ROWS ONLY");

    Select keyless = users();
    keyless.keyColumns.clear();
    keyless.offset = 5;
    CHECK(g.select(keyless).sql ==
          "SELECT [id], [name] FROM [users] ORDER BY (SELECT NULL) OFFSET 5 ROWS");

    Select none = users();
    none.limit = 0; // sync's column probe
    CHECK(g.select(none).sql == "SELECT TOP (0) [id], [name] FROM [users]");
}

TEST_CASE("T-SQL: booleans are bits", "[generator][tsql]") {
    Generator g(tsqlProfile);
    Select q = users();
    q.where = Condition::compare(Node::column("active"), OpKind::is, Value(true));
    CHECK(g.select(q).sql == "SELECT [id], [name] FROM [users] WHERE [active] = 1");
    q.where = Condition::compare(Node::column("active"), OpKind::not_, Value(false));
    CHECK(g.select(q).sql ==
          "SELECT [id], [name] FROM [users] WHERE ([active] IS NULL OR [active] <> 0)");
    q.where = Condition::compare(Node::column("active"), OpKind::is, Value());
    CHECK(g.select(q).sql == "SELECT [id], [name] FROM [users] WHERE [active] IS NULL");
    CHECK(g.literal(Value(true)) == "1");
    CHECK(g.literal(Value("it's")) == "N'it''s'");
}

TEST_CASE("T-SQL: returned rows come from OUTPUT INSERTED", "[generator][tsql]") {
    Generator g(tsqlProfile);
    Insert ins;
    ins.table = "users";
    ins.columns = {"name", "active"};
    ins.rows = {{Value("Ann"), Value(true)}, {Value("Bo"), Value(false)}};
    ins.returning = true;
    Statement st = g.insert(ins);
    CHECK(st.sql == "INSERT INTO [users] ([name], [active]) OUTPUT INSERTED.* VALUES (@p1, @p2), "
                    "(@p3, @p4)");
    REQUIRE(st.params.size() == 4);
    CHECK(st.params[2].asString() == "Bo");
    ins.returningColumns = {"id", "createdAt"};
    CHECK(g.insert(ins).sql == "INSERT INTO [users] ([name], [active]) OUTPUT INSERTED.[id], "
                               "INSERTED.[createdAt] VALUES (@p1, @p2), (@p3, @p4)");

    Insert defaults;
    defaults.table = "users";
    defaults.returning = true;
    CHECK(g.insert(defaults).sql == "INSERT INTO [users] OUTPUT INSERTED.* DEFAULT VALUES");

    Update up;
    up.table = "users";
    up.set = {{"name", Node::param(Value("Cy"))}};
    up.where = Condition::compare(Node::column("id"), OpKind::eq, Value(3));
    up.returning = true;
    CHECK(g.update(up).sql == "UPDATE [users] SET [name] = @p1 OUTPUT INSERTED.* WHERE [id] = @p2");
}

TEST_CASE("T-SQL: one INSERT carries at most max_insert_rows rows", "[generator][tsql]") {
    Generator g(tsqlProfile);
    Insert ins;
    ins.table = "users";
    ins.columns = {"name"};
    ins.rows.assign(1001, {Value("x")});
    CHECK_THROWS_AS(g.insert(ins), UsageError);
    ins.rows.resize(1000);
    CHECK_NOTHROW(g.insert(ins));
}

TEST_CASE("T-SQL: upsert is one MERGE statement", "[generator][tsql]") {
    Generator g(tsqlProfile);
    Insert ins;
    ins.table = "users";
    ins.columns = {"id", "name"};
    ins.rows = {{Value(1), Value("Ann")}};
    ins.returning = true;
    ins.upsert = Upsert{{"id"}, {"name"}, false};
    Statement st = g.insert(ins);
    CHECK(st.sql ==
          "MERGE INTO [users] WITH (HOLDLOCK) AS [target] USING (VALUES (@p1, @p2)) AS [source] "
          "([id], [name]) ON [target].[id] = [source].[id] WHEN MATCHED THEN UPDATE SET "
          "[target].[name] = [source].[name] WHEN NOT MATCHED THEN INSERT ([id], [name]) VALUES "
          "([source].[id], [source].[name]) OUTPUT INSERTED.*;");
    CHECK(st.params.size() == 2);

    ins.upsert->ignore = true;
    ins.returning = false;
    CHECK(g.insert(ins).sql ==
          "MERGE INTO [users] WITH (HOLDLOCK) AS [target] USING (VALUES (@p1, @p2)) AS [source] "
          "([id], [name]) ON [target].[id] = [source].[id] WHEN NOT MATCHED THEN INSERT ([id], "
          "[name]) VALUES ([source].[id], [source].[name]);");

    ins.upsert->conflictColumns = {"email"};
    CHECK_THROWS_WITH(g.insert(ins), Catch::Matchers::Contains("email"));
}

TEST_CASE("T-SQL: DDL guards, ADD and referential actions", "[generator][tsql]") {
    Generator g(tsqlProfile);
    CreateTable t;
    t.table = "posts";
    ColumnDef id;
    id.name = "id";
    id.type = DataType(DataKind::Integer);
    id.primaryKey = true;
    id.autoIncrement = true;
    ColumnDef author;
    author.name = "authorId";
    author.type = DataType(DataKind::Integer);
    author.references = ColumnDef::Reference{"users", "id", "restrict", "cascade"};
    ColumnDef done;
    done.name = "done";
    done.type = DataType(DataKind::Boolean);
    done.defaultLiteral = Value(false);
    t.columns = {id, author, done};
    const auto statements = g.createTable(t);
    REQUIRE(statements.size() == 1);
    CHECK(statements[0] ==
          "IF OBJECT_ID(N'[posts]', N'U') IS NULL CREATE TABLE [posts] ([id] INT IDENTITY(1,1) "
          "NOT NULL, [authorId] INT, [done] BIT DEFAULT 0, PRIMARY KEY ([id]), FOREIGN KEY "
          "([authorId]) REFERENCES [users] ([id]) ON DELETE NO ACTION ON UPDATE CASCADE)");

    const auto added = g.addColumn("posts", done);
    REQUIRE(added.size() == 1);
    CHECK(added[0] == "ALTER TABLE [posts] ADD [done] BIT DEFAULT 0");
}

TEST_CASE("T-SQL: a limited UPDATE or DELETE is TOP (n)", "[generator][tsql]") {
    Generator g(tsqlProfile);
    Update u;
    u.table = "users";
    u.set.emplace_back("name", Node::param(Value("x")));
    u.where = Condition::compare(Node::column("name"), OpKind::eq, Value("a"));
    u.limit = 1;
    u.keyColumns = {"id"};
    CHECK(g.update(u).sql == "UPDATE TOP (1) [users] SET [name] = @p1 WHERE [name] = @p2");
    Delete d;
    d.table = "users";
    d.where = u.where;
    d.limit = 2;
    CHECK(g.remove(d).sql == "DELETE TOP (2) FROM [users] WHERE [name] = @p1");
}
