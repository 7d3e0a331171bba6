// test/integration/model/upsert.test.js
#include "introspect.hpp"

#include <chrono>
#include <string>
#include <thread>

using namespace tabula;

namespace {

struct Fixture {
    std::unique_ptr<Database> db = sequelize::open();
    Model& User = db->define(
        "user",
        {{"username", DataTypes::STRING},
         {"foo", {.type = DataTypes::STRING, .unique = "foobar"}},
         {"bar", {.type = DataTypes::INTEGER, .unique = "foobar"}},
         {"baz", {.type = DataTypes::STRING, .defaultValue = "BAZ_DEFAULT_VALUE", .field = "zab"}},
         {"blob", DataTypes::BLOB}});
    Model& ModelWithFieldPK =
        db->define("ModelWithFieldPK", {{"userId",
                                         {.type = DataTypes::INTEGER,
                                          .primaryKey = true,
                                          .autoIncrement = true,
                                          .field = "user_id"}},
                                        {"foo", {.type = DataTypes::STRING, .unique = true}}});
    Fixture() { db->sync({.force = true}); }
};

// Sequelize's fake clock moves a second between writes; the real one moves
// on while the test sleeps.
void tick() { std::this_thread::sleep_for(std::chrono::milliseconds(50)); }

bool after(const Value& later, const Value& earlier) {
    return later.asTimestamp() > earlier.asTimestamp();
}

// Sequelize's upsert resolves [instance, created]; created is null on SQLite
// and PostgreSQL, so only MySQL has a flag to check.
#define CREATED_FLAG_CHECKED_ON_MYSQL()                                                            \
    do {                                                                                           \
        if (conformance::isMysql()) NOT_SUPPORTED("upsert's created flag");                        \
    } while (false)

std::string text(const Instance& i, const char* attribute) { return i.get<std::string>(attribute); }

void upsertsOnCompositeKey() {
    Fixture f;
    f.User.upsert({{"foo", "baz"}, {"bar", 19}, {"username", "john"}});
    tick();
    f.User.upsert({{"foo", "baz"}, {"bar", 19}, {"username", "doe"}});
    auto user = f.User.findOne({.where = {{"foo", "baz"}, {"bar", 19}}});
    REQUIRE(user);
    REQUIRE_FALSE(user->get("createdAt").isNull());
    REQUIRE(text(*user, "username") == "doe");
    REQUIRE(after(user->get("updatedAt"), user->get("createdAt")));
}

void upsertsOnTwoUniqueKeys() {
    Fixture f;
    Model& User = f.db->define("User", {{"username", {.type = DataTypes::STRING, .unique = true}},
                                        {"email", {.type = DataTypes::STRING, .unique = true}},
                                        {"city", DataTypes::STRING}});
    User.sync({.force = true});
    User.upsert({{"username", "user1"}, {"email", "user1@domain.ext"}, {"city", "City"}});
    tick();
    User.upsert({{"username", "user1"}, {"email", "user1@domain.ext"}, {"city", "New City"}});
    tick();
    auto user = User.findOne({.where = {{"username", "user1"}, {"email", "user1@domain.ext"}}});
    REQUIRE(user);
    REQUIRE_FALSE(user->get("createdAt").isNull());
    REQUIRE(text(*user, "city") == "New City");
    REQUIRE(after(user->get("updatedAt"), user->get("createdAt")));
}

// The joiner table of the conflictFields cases, its unique pair added apart
// from the model so that the key is not inferred.
Model& defineMemberships(Database& db) {
    Model& Memberships =
        db.define("memberships", {{"user_id", DataTypes::INTEGER},
                                  {"group_id", DataTypes::INTEGER},
                                  {"permissions", DataTypes::ENUM({"admin", "member"})}});
    Memberships.sync({.force = true});
    db.query("CREATE UNIQUE INDEX memberships_user_id_group_id ON memberships (user_id, group_id)");
    return Memberships;
}

} // namespace

SEQUELIZE_CASE("model/upsert.test.js", "upsert > works with upsert on id", "[upsert]") {
    Fixture f;
    f.User.upsert({{"id", 42}, {"username", "john"}});
    tick();
    f.User.upsert({{"id", 42}, {"username", "doe"}});
    auto user = f.User.findByPk(42);
    REQUIRE(user);
    REQUIRE_FALSE(user->get("createdAt").isNull());
    REQUIRE(text(*user, "username") == "doe");
    REQUIRE(after(user->get("updatedAt"), user->get("createdAt")));
    CREATED_FLAG_CHECKED_ON_MYSQL();
}

SEQUELIZE_CASE("model/upsert.test.js", "upsert > works with upsert on a composite key (mysql)",
               "[upsert]") {
    ONLY_ON_DIALECTS("mysql");
    upsertsOnCompositeKey();
    CREATED_FLAG_CHECKED_ON_MYSQL();
}

SEQUELIZE_CASE("model/upsert.test.js",
               "upsert > works with upsert on a composite key (sqlite, postgres)", "[upsert]") {
    ONLY_ON_DIALECTS("sqlite", "postgres");
    upsertsOnCompositeKey();
}

SEQUELIZE_CASE("model/upsert.test.js", "upsert > should work with UUIDs wth default values",
               "[upsert]") {
    Fixture f;
    Model& User = f.db->define("User", {{"id",
                                         {.type = DataTypes::UUID,
                                          .allowNull = false,
                                          .defaultValue = DataTypes::UUIDV4,
                                          .primaryKey = true,
                                          .unique = true}},
                                        {"name", DataTypes::STRING}});
    User.sync({.force = true});
    User.upsert({{"name", "John Doe"}});
    REQUIRE(User.count() == 1);
}

SEQUELIZE_CASE("model/upsert.test.js", "upsert > works with upsert on a composite primary key",
               "[upsert]") {
    Fixture f;
    Model& User = f.db->define("user", {{"a", {.type = DataTypes::STRING, .primaryKey = true}},
                                        {"b", {.type = DataTypes::STRING, .primaryKey = true}},
                                        {"username", DataTypes::STRING}});
    User.sync({.force = true});
    User.upsert({{"a", "a"}, {"b", "b"}, {"username", "john"}});
    User.upsert({{"a", "a"}, {"b", "a"}, {"username", "curt"}});
    tick();
    User.upsert({{"a", "a"}, {"b", "b"}, {"username", "doe"}});
    auto user1 = User.findOne({.where = {{"a", "a"}, {"b", "b"}}});
    REQUIRE(user1);
    REQUIRE_FALSE(user1->get("createdAt").isNull());
    REQUIRE(text(*user1, "username") == "doe");
    REQUIRE(after(user1->get("updatedAt"), user1->get("createdAt")));
    auto user2 = User.findOne({.where = {{"a", "a"}, {"b", "a"}}});
    REQUIRE(user2);
    REQUIRE_FALSE(user2->get("createdAt").isNull());
    REQUIRE(text(*user2, "username") == "curt");
    REQUIRE(user2->get("updatedAt").asTimestamp() == user2->get("createdAt").asTimestamp());
    CREATED_FLAG_CHECKED_ON_MYSQL();
}

SEQUELIZE_CASE("model/upsert.test.js", "upsert > supports validations", "[upsert]") {
    Fixture f;
    Model& User = f.db->define(
        "user", {{"email", {.type = DataTypes::STRING, .validate = {.isEmail = true}}}});
    REQUIRE_THROWS_AS(User.upsert({{"email", "notanemail"}}), ValidationError);
}

SEQUELIZE_CASE("model/upsert.test.js", "upsert > supports skipping validations", "[upsert]") {
    Fixture f;
    Model& User = f.db->define(
        "user", {{"email", {.type = DataTypes::STRING, .validate = {.isEmail = true}}}});
    User.sync({.force = true});
    NOT_SUPPORTED("options.validate = false");
}

SEQUELIZE_CASE("model/upsert.test.js", "upsert > works with BLOBs", "[upsert]") {
    Fixture f;
    auto bytes = [](const std::string& s) { return Value(Bytes(s.begin(), s.end())); };
    f.User.upsert({{"id", 42}, {"username", "john"}, {"blob", bytes("kaj")}});
    tick();
    f.User.upsert({{"id", 42}, {"username", "doe"}, {"blob", bytes("andrea")}});
    auto user = f.User.findByPk(42);
    REQUIRE(user);
    REQUIRE_FALSE(user->get("createdAt").isNull());
    REQUIRE(text(*user, "username") == "doe");
    const Value stored = user->get("blob");
    const Bytes& blob = stored.asBytes();
    REQUIRE(std::string(blob.begin(), blob.end()) == "andrea");
    REQUIRE(after(user->get("updatedAt"), user->get("createdAt")));
    CREATED_FLAG_CHECKED_ON_MYSQL();
}

SEQUELIZE_CASE("model/upsert.test.js", "upsert > works with .field", "[upsert]") {
    Fixture f;
    f.User.upsert({{"id", 42}, {"baz", "foo"}});
    f.User.upsert({{"id", 42}, {"baz", "oof"}});
    auto user = f.User.findByPk(42);
    REQUIRE(user);
    REQUIRE(text(*user, "baz") == "oof");
    CREATED_FLAG_CHECKED_ON_MYSQL();
}

SEQUELIZE_CASE("model/upsert.test.js", "upsert > works with primary key using .field", "[upsert]") {
    Fixture f;
    f.ModelWithFieldPK.upsert({{"userId", 42}, {"foo", "first"}});
    tick();
    f.ModelWithFieldPK.upsert({{"userId", 42}, {"foo", "second"}});
    auto instance = f.ModelWithFieldPK.findOne({.where = {{"userId", 42}}});
    REQUIRE(instance);
    REQUIRE(text(*instance, "foo") == "second");
    CREATED_FLAG_CHECKED_ON_MYSQL();
}

SEQUELIZE_CASE("model/upsert.test.js", "upsert > works with database functions", "[upsert]") {
    NOT_SUPPORTED("fn/col/literal in values");
}

SEQUELIZE_CASE("model/upsert.test.js", "upsert > does not overwrite createdAt time on update",
               "[upsert]") {
    Fixture f;
    f.User.create({{"id", 42}, {"username", "john"}});
    auto user0 = f.User.findByPk(42);
    REQUIRE(user0);
    const Value originalCreatedAt = user0->get("createdAt");
    const Value originalUpdatedAt = user0->get("updatedAt");
    tick();
    f.User.upsert({{"id", 42}, {"username", "doe"}});
    auto user = f.User.findByPk(42);
    REQUIRE(user);
    REQUIRE(after(user->get("updatedAt"), originalUpdatedAt));
    REQUIRE(user->get("createdAt").asTimestamp() == originalCreatedAt.asTimestamp());
}

SEQUELIZE_CASE("model/upsert.test.js",
               "upsert > does not overwrite createdAt when supplied as an explicit insert value "
               "when using fields",
               "[upsert]") {
    Fixture f;
    const Timestamp originalCreatedAt = Value::parseTimestamp("2010-01-01T12:00:00.000Z");
    f.User.upsert({{"id", 42}, {"username", "john"}, {"createdAt", originalCreatedAt}},
                  {.fields = {"id", "username"}});
    auto user = f.User.findByPk(42);
    REQUIRE(user);
    REQUIRE(user->get("createdAt").asTimestamp() == originalCreatedAt);
}

SEQUELIZE_CASE("model/upsert.test.js",
               "upsert > falls back to a noop if no update values are found in the upsert data",
               "[upsert]") {
    Fixture f;
    Model& User = f.db->define(
        "user",
        {{"username", DataTypes::STRING},
         {"email",
          {.type = DataTypes::STRING, .defaultValue = "xxx@yyy.zzz", .field = "email_address"}}},
        {.timestamps = false});
    User.sync({.force = true});
    User.upsert({{"id", 42}, {"username", "jack"}}, {.fields = {"email"}});
    User.upsert({{"id", 42}, {"username", "jill"}}, {.fields = {"email"}});
    auto user = User.findByPk(42);
    REQUIRE(user);
    REQUIRE(text(*user, "username") == "jack");
}

SEQUELIZE_CASE("model/upsert.test.js", "upsert > does not update using default values",
               "[upsert]") {
    Fixture f;
    f.User.create({{"id", 42}, {"username", "john"}, {"baz", "new baz value"}});
    auto user0 = f.User.findByPk(42);
    REQUIRE(user0);
    REQUIRE(text(*user0, "username") == "john");
    REQUIRE(text(*user0, "baz") == "new baz value");
    f.User.upsert({{"id", 42}, {"username", "doe"}});
    auto user = f.User.findByPk(42);
    REQUIRE(user);
    REQUIRE(text(*user, "username") == "doe");
    REQUIRE(text(*user, "baz") == "new baz value");
}

SEQUELIZE_CASE("model/upsert.test.js", "upsert > does not update when setting current values",
               "[upsert]") {
    Fixture f;
    f.User.create({{"id", 42}, {"username", "john"}});
    auto user = f.User.findByPk(42);
    REQUIRE(user);
    Instance same = f.User.upsert({{"id", user->get("id")}, {"username", user->get("username")}});
    REQUIRE(text(same, "username") == "john");
    CREATED_FLAG_CHECKED_ON_MYSQL();
}

SEQUELIZE_CASE("model/upsert.test.js",
               "upsert > works when two separate uniqueKeys are passed (mysql)", "[upsert]") {
    ONLY_ON_DIALECTS("mysql");
    upsertsOnTwoUniqueKeys();
    CREATED_FLAG_CHECKED_ON_MYSQL();
}

SEQUELIZE_CASE("model/upsert.test.js",
               "upsert > works when two separate uniqueKeys are passed (sqlite, postgres)",
               "[upsert]") {
    ONLY_ON_DIALECTS("sqlite", "postgres");
    upsertsOnTwoUniqueKeys();
}

SEQUELIZE_CASE("model/upsert.test.js", "upsert > works when indexes are created via indexes array",
               "[upsert]") {
    NOT_SUPPORTED("model indexes option");
}

SEQUELIZE_CASE("model/upsert.test.js",
               "upsert > works when composite indexes are created via indexes array", "[upsert]") {
    NOT_SUPPORTED("model indexes option");
}

SEQUELIZE_CASE("model/upsert.test.js",
               "upsert > Should throw foreignKey violation for MERGE statement as "
               "ForeignKeyConstraintError",
               "[upsert]") {
    ONLY_ON_DIALECTS("mssql");
    Fixture f;
    Model& User =
        f.db->define("User", {{"username", {.type = DataTypes::STRING, .primaryKey = true}}});
    Model& Posts =
        f.db->define("Posts", {{"title", {.type = DataTypes::STRING, .primaryKey = true}},
                               {"username", DataTypes::STRING}});
    Posts.belongsTo(User, {.foreignKey = "username"});
    f.db->sync({.force = true});
    User.create({{"username", "user1"}});
    REQUIRE_THROWS_AS(Posts.upsert({{"title", "Title"}, {"username", "user2"}}),
                      ForeignKeyConstraintError);
}

SEQUELIZE_CASE("model/upsert.test.js",
               "upsert > works when deletedAt is Infinity and part of primary key", "[upsert]") {
    ONLY_ON_DIALECTS("postgres");
    NOT_SUPPORTED("Infinity dates");
}

SEQUELIZE_CASE("model/upsert.test.js", "upsert > returns values > works with upsert on id",
               "[upsert]") {
    ONLY_ON_DIALECTS("postgres", "mssql");
    Fixture f;
    Instance user0 = f.User.upsert({{"id", 42}, {"username", "john"}});
    REQUIRE(user0.get("id") == Value(42));
    REQUIRE(text(user0, "username") == "john");
    Instance user = f.User.upsert({{"id", 42}, {"username", "doe"}});
    REQUIRE(user.get("id") == Value(42));
    REQUIRE(text(user, "username") == "doe");
}

SEQUELIZE_CASE("model/upsert.test.js",
               "upsert > returns values > works for table with custom primary key field",
               "[upsert]") {
    ONLY_ON_DIALECTS("postgres", "mssql");
    Fixture f;
    Model& User = f.db->define("User", {{"id",
                                         {.type = DataTypes::INTEGER,
                                          .primaryKey = true,
                                          .autoIncrement = true,
                                          .field = "id_the_primary"}},
                                        {"username", DataTypes::STRING}});
    User.sync({.force = true});
    Instance user0 = User.upsert({{"id", 42}, {"username", "john"}});
    REQUIRE(user0.get("id") == Value(42));
    REQUIRE(text(user0, "username") == "john");
    Instance user = User.upsert({{"id", 42}, {"username", "doe"}});
    REQUIRE(user.get("id") == Value(42));
    REQUIRE(text(user, "username") == "doe");
}

SEQUELIZE_CASE("model/upsert.test.js",
               "upsert > returns values > works for non incrementing primaryKey", "[upsert]") {
    ONLY_ON_DIALECTS("postgres", "mssql");
    Fixture f;
    Model& User = f.db->define(
        "User", {{"id", {.type = DataTypes::STRING, .primaryKey = true, .field = "id_the_primary"}},
                 {"username", DataTypes::STRING}});
    User.sync({.force = true});
    Instance user0 = User.upsert({{"id", "surya"}, {"username", "john"}});
    REQUIRE(text(user0, "id") == "surya");
    REQUIRE(text(user0, "username") == "john");
    Instance user = User.upsert({{"id", "surya"}, {"username", "doe"}});
    REQUIRE(text(user, "id") == "surya");
    REQUIRE(text(user, "username") == "doe");
}

SEQUELIZE_CASE("model/upsert.test.js",
               "upsert > returns values > should return default value set by the database (upsert)",
               "[upsert]") {
    ONLY_ON_DIALECTS("postgres", "mssql");
    NOT_SUPPORTED("fn/col/literal as defaultValue");
}

SEQUELIZE_CASE("model/upsert.test.js", "upsert > conflictFields > should insert with no other rows",
               "[upsert]") {
    ONLY_ON_DIALECTS("postgres", "sqlite");
    Fixture f;
    Model& Memberships = defineMemberships(*f.db);
    Instance newRow =
        Memberships.upsert({{"user_id", 1}, {"group_id", 1}, {"permissions", "member"}},
                           {.conflictFields = {"user_id", "group_id"}});
    REQUIRE(text(newRow, "permissions") == "member");
}

SEQUELIZE_CASE("model/upsert.test.js",
               "upsert > conflictFields > should use conflictFields as upsertKeys", "[upsert]") {
    ONLY_ON_DIALECTS("postgres", "sqlite");
    Fixture f;
    Model& Memberships = defineMemberships(*f.db);
    const UpsertOptions options{.conflictFields = {"user_id", "group_id"}};
    Instance original =
        Memberships.upsert({{"user_id", 1}, {"group_id", 1}, {"permissions", "member"}}, options);
    REQUIRE(text(original, "permissions") == "member");
    Instance updated =
        Memberships.upsert({{"user_id", 1}, {"group_id", 1}, {"permissions", "admin"}}, options);
    REQUIRE(text(updated, "permissions") == "admin");
    REQUIRE(updated.get("id") == original.get("id"));
    Instance other =
        Memberships.upsert({{"user_id", 2}, {"group_id", 1}, {"permissions", "member"}}, options);
    REQUIRE(text(other, "permissions") == "member");
    REQUIRE(other.get("id") != original.get("id"));
}

SEQUELIZE_CASE("model/upsert.test.js", "upsert > conflictWhere > should insert with no other rows",
               "[upsert]") {
    ONLY_ON_DIALECTS("postgres", "sqlite");
    NOT_SUPPORTED("conflictWhere");
}

SEQUELIZE_CASE("model/upsert.test.js",
               "upsert > conflictWhere > should update with another unique user", "[upsert]") {
    ONLY_ON_DIALECTS("postgres", "sqlite");
    NOT_SUPPORTED("conflictWhere");
}

SEQUELIZE_CASE("model/upsert.test.js",
               "upsert > conflictWhere > allows both unique and non-unique users with the same "
               "name",
               "[upsert]") {
    ONLY_ON_DIALECTS("postgres", "sqlite");
    NOT_SUPPORTED("conflictWhere");
}

SEQUELIZE_CASE("model/upsert.test.js",
               "upsert > conflictWhere > allows for multiple unique users with different names",
               "[upsert]") {
    ONLY_ON_DIALECTS("postgres", "sqlite");
    NOT_SUPPORTED("conflictWhere");
}
