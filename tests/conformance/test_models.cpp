// Model definitions: table names, keys, timestamps, options and sync.
#include "context.hpp"

#include <catch2/catch.hpp>

using namespace tabula;

TEST_CASE("table names are pluralised as Sequelize does", "[models]") {
    auto db = conformance::open();
    REQUIRE(db->define("user", {}).tableName() == "users");
    REQUIRE(db->define("person", {}).tableName() == "people");
    REQUIRE(db->define("category", {}).tableName() == "categories");
    REQUIRE(db->define("status", {}).tableName() == "statuses");
    REQUIRE(db->define("box", {}).tableName() == "boxes");
    REQUIRE(db->define("child", {}).tableName() == "children");
    REQUIRE(db->define("userProfile", {}).tableName() == "userProfiles");
    REQUIRE(db->define("sheep", {}).tableName() == "sheep");
    REQUIRE(db->define("item", {}, {.freezeTableName = true}).tableName() == "item");
    REQUIRE(db->define("thing", {}, {.tableName = "my_things"}).tableName() == "my_things");
}

TEST_CASE("model registry: model(), isDefined() and redefinition", "[models]") {
    auto db = conformance::open();
    REQUIRE_FALSE(db->isDefined("user"));
    Model& first = db->define("user", {{"name", DataTypes::STRING}});
    REQUIRE(db->isDefined("user"));
    REQUIRE(&db->model("user") == &first);
    Model& second = db->define("user", {{"email", DataTypes::STRING}});
    REQUIRE(&db->model("user") == &second);
    REQUIRE(second.hasAttribute("email"));
    REQUIRE_FALSE(second.hasAttribute("name"));
    REQUIRE_THROWS_AS(db->model("nobody"), UsageError);
    REQUIRE_THROWS_WITH(db->model("nobody"), Catch::Contains("nobody") && Catch::Contains("user"));
}

TEST_CASE("a given primary key replaces the id", "[models]") {
    auto db = conformance::open();
    Model& Tag = db->define("tag",
                            {{"slug", {.type = DataTypes::STRING(40), .primaryKey = true}},
                             {"label", DataTypes::STRING}},
                            {.timestamps = false});
    REQUIRE(Tag.attributeNames() == std::vector<std::string>{"slug", "label"});
    REQUIRE(Tag.primaryKeyAttribute() == "slug");
    Tag.sync({.force = true});
    Tag.create({{"slug", "cpp"}, {"label", "C++"}});
    auto found = Tag.findByPk("cpp");
    REQUIRE(found);
    REQUIRE(found->get("label").asString() == "C++");
}

TEST_CASE("timestamps can be renamed or switched off one by one", "[models]") {
    auto db = conformance::open();
    Model& A =
        db->define("a", {{"x", DataTypes::INTEGER}}, {.createdAt = "made", .updatedAt = false});
    REQUIRE(A.attributeNames() == std::vector<std::string>{"id", "x", "made"});
    A.sync({.force = true});
    auto row = A.create({{"x", 1}});
    REQUIRE(row.get("made").kind() == ValueKind::Timestamp);
}

TEST_CASE("underscored models use snake_case columns but keep attribute names", "[models]") {
    auto db = conformance::open();
    Model& U = db->define("user", {{"firstName", DataTypes::STRING}},
                          {.paranoid = true, .underscored = true});
    U.sync({.force = true});
    U.create({{"firstName", "Ann"}});
    auto rows = db->query("SELECT first_name, created_at, updated_at, deleted_at FROM users").rows;
    REQUIRE(rows.size() == 1);
    REQUIRE(rows.front()["first_name"].asString() == "Ann");
    auto ann = U.findOne();
    REQUIRE(ann->get("firstName").asString() == "Ann");
    REQUIRE(ann->get("createdAt").kind() == ValueKind::Timestamp);
}

TEST_CASE("sync creates if missing, force recreates, alter adds columns", "[models]") {
    auto db = conformance::open();
    Model& V1 = db->define("note", {{"title", DataTypes::STRING}});
    V1.sync({.force = true});
    V1.create({{"title", "kept"}});
    V1.sync(); // exists: nothing happens
    REQUIRE(V1.count() == 1);

    Model& V2 = db->define("note", {{"title", DataTypes::STRING},
                                    {"body", DataTypes::TEXT},
                                    {"stars", {.type = DataTypes::INTEGER, .defaultValue = 3}}});
    V2.sync({.alter = true});
    auto note = V2.findOne();
    REQUIRE(note->get("title").asString() == "kept");
    REQUIRE(note->get("body").isNull());
    V2.create({{"title", "new"}, {"body", "text"}});
    REQUIRE(V2.count() == 2);
    REQUIRE(V2.findOne({.where = {{"title", "new"}}})->get("stars").asInt() == 3);

    V2.sync({.force = true});
    REQUIRE(V2.count() == 0);
    V2.drop();
    REQUIRE_THROWS_AS(V2.count(), DatabaseError);
}

TEST_CASE("Database::sync and drop cover every model", "[models]") {
    auto db = conformance::open();
    Model& A = db->define("alpha", {{"n", DataTypes::INTEGER}});
    Model& B = db->define("beta", {{"n", DataTypes::INTEGER}});
    db->sync({.force = true});
    A.create({{"n", 1}});
    B.create({{"n", 2}});
    REQUIRE(A.count() + B.count() == 2);
    db->drop();
    REQUIRE_THROWS_AS(A.count(), DatabaseError);
}

TEST_CASE("unique attributes, single and composite", "[models]") {
    auto db = conformance::open();
    Model& M =
        db->define("member", {{"email", {.type = DataTypes::STRING, .unique = true}},
                              {"org", {.type = DataTypes::STRING, .unique = "org_handle"}},
                              {"handle", {.type = DataTypes::STRING, .unique = "org_handle"}}});
    M.sync({.force = true});
    M.create({{"email", "a@x.io"}, {"org", "x"}, {"handle", "a"}});
    M.create({{"email", "b@x.io"}, {"org", "y"}, {"handle", "a"}});
    REQUIRE_THROWS_AS(M.create({{"email", "a@x.io"}, {"org", "z"}, {"handle", "z"}}),
                      UniqueConstraintError);
    REQUIRE_THROWS_AS(M.create({{"email", "c@x.io"}, {"org", "x"}, {"handle", "a"}}),
                      UniqueConstraintError);
    REQUIRE(M.count() == 2);
}

TEST_CASE("bad definitions are refused with the reason", "[models]") {
    auto db = conformance::open();
    REQUIRE_THROWS_WITH(
        db->define("x", {{"n", {.type = DataTypes::STRING, .autoIncrement = true}}}),
        Catch::Contains("autoIncrement") && Catch::Contains("INTEGER"));
    REQUIRE_THROWS_WITH(db->define("y", {{"a", DataTypes::INTEGER}, {"a", DataTypes::TEXT}}),
                        Catch::Contains("twice"));
    REQUIRE_THROWS_AS(DataTypes::DECIMAL(2, 5), UsageError);
    REQUIRE_THROWS_AS(db->define("z", {}, {.timestamps = false, .paranoid = true}), UsageError);
}

TEST_CASE("attribute comments reach the database where it keeps them", "[models]") {
    auto db = conformance::open();
    Model& Note =
        db->define("memo", {{"body", {.type = DataTypes::TEXT, .comment = "what it's about"}}});
    Note.sync({.force = true});
    if (conformance::isSqlite()) return; // SQLite keeps no column comments
    const char* sql =
        conformance::isPostgres()
            ? "SELECT col_description('memos'::regclass, a.attnum) AS c FROM pg_attribute a "
              "WHERE a.attrelid = 'memos'::regclass AND a.attname = 'body'"
            : "SELECT COLUMN_COMMENT AS c FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = "
              "DATABASE() AND TABLE_NAME = 'memos' AND COLUMN_NAME = 'body'";
    auto rows = db->query(sql).rows;
    REQUIRE(rows.size() == 1);
    REQUIRE(rows[0]["c"].asString() == "what it's about");
}
