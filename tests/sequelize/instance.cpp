// test/integration/instance.test.js
#include "support.hpp"

#include <Poco/JSON/Object.h>

#include <chrono>
#include <regex>
#include <string>
#include <vector>

using namespace tabula;

namespace {

std::string str(const Instance& i, const char* attribute) { return i.get(attribute).asString(); }

struct Fixture {
    std::unique_ptr<Database> db = sequelize::open();
    // UUIDV1 has no spelling in Tabula: uuidv1 has no default here, and the
    // cases that read it say so.
    Model& User = db->define(
        "User",
        {{"username", {.type = DataTypes::STRING}},
         {"uuidv1", DataTypes::UUID},
         {"uuidv4", {.type = DataTypes::UUID, .defaultValue = DataTypes::UUIDV4}},
         {"touchedAt", {.type = DataTypes::DATE, .defaultValue = DataTypes::NOW}},
         {"aNumber", {.type = DataTypes::INTEGER}},
         {"bNumber", {.type = DataTypes::INTEGER}},
         {"aDate", {.type = DataTypes::DATE}},
         {"validateTest",
          {.type = DataTypes::INTEGER, .allowNull = true, .validate = {.isInt = true}}},
         {"validateCustom",
          {.type = DataTypes::STRING, .allowNull = true, .validate = {.len = Length{1, 20}}}},
         {"dateAllowNullTrue", {.type = DataTypes::DATE, .allowNull = true}},
         {"isSuperUser", {.type = DataTypes::BOOLEAN, .defaultValue = false}}});
    Fixture() { User.sync({.force = true}); }
};

// describe('findAll') adds a paranoid model associated with itself.
struct WithParanoid : Fixture {
    Model& ParanoidUser =
        db->define("ParanoidUser", {{"username", {.type = DataTypes::STRING}}}, {.paranoid = true});
    WithParanoid() {
        ParanoidUser.hasOne(ParanoidUser);
        ParanoidUser.sync({.force = true});
    }
};

bool isUuid(const Value& v, char version = 0) {
    static const std::regex any("^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$",
                                std::regex::icase);
    const std::string s = v.asString();
    if (!std::regex_match(s, any)) return false;
    return version == 0 || s[14] == version;
}

// instance.isSoftDeleted(): the model's deletedAt attribute holds a time.
bool isSoftDeleted(const Instance& i, const char* deletedAt = "deletedAt") {
    return !i.get(deletedAt).isNull();
}

Timestamp nowMicros() {
    return std::chrono::time_point_cast<std::chrono::microseconds>(
        std::chrono::system_clock::now());
}

} // namespace

SEQUELIZE_CASE("instance.test.js", "Escaping > is done properly for special characters",
               "[instance]") {
    Fixture f;
    const std::string bio = conformance::dialect() + "'\"\n";
    Instance u1 = f.User.create({{"username", bio}});
    auto u2 = f.User.findByPk(u1.get("id"));
    REQUIRE(u2);
    REQUIRE(str(*u2, "username") == bio);
}

SEQUELIZE_CASE("instance.test.js", "isNewRecord > returns true for non-saved objects",
               "[instance]") {
    Fixture f;
    Instance user = f.User.build({{"username", "user"}});
    REQUIRE(user.get("id").isNull());
    REQUIRE(user.isNewRecord());
}

SEQUELIZE_CASE("instance.test.js", "isNewRecord > returns false for saved objects", "[instance]") {
    Fixture f;
    Instance built = f.User.build({{"username", "user"}});
    REQUIRE(!built.save().isNewRecord());
}

SEQUELIZE_CASE("instance.test.js", "isNewRecord > returns false for created objects",
               "[instance]") {
    Fixture f;
    REQUIRE(!f.User.create({{"username", "user"}}).isNewRecord());
}

SEQUELIZE_CASE("instance.test.js", "isNewRecord > returns false for upserted objects",
               "[instance]") {
    Fixture f;
    REQUIRE(!f.User.upsert({{"id", 2}, {"username", "user"}}).isNewRecord());
}

SEQUELIZE_CASE("instance.test.js", "isNewRecord > returns false for objects found by find method",
               "[instance]") {
    Fixture f;
    f.User.create({{"username", "user"}});
    Instance user = f.User.create({{"username", "user"}});
    auto user0 = f.User.findByPk(user.get("id"));
    REQUIRE(user0);
    REQUIRE(!user0->isNewRecord());
}

SEQUELIZE_CASE("instance.test.js",
               "isNewRecord > returns false for objects found by findAll method", "[instance]") {
    Fixture f;
    std::vector<Values> users(10, Values{{"username", "user"}});
    f.User.bulkCreate(users);
    auto users0 = f.User.findAll();
    REQUIRE(users0.size() == 10);
    for (const auto& u : users0)
        REQUIRE(!u.isNewRecord());
}

SEQUELIZE_CASE("instance.test.js",
               "default values > uuid > should store a string in uuidv1 and uuidv4", "[instance]") {
    Fixture f;
    Instance user = f.User.build({{"username", "a user"}});
    REQUIRE(!user.get("uuidv4").isNull());
    REQUIRE(!user.get("uuidv4").asString().empty());
    NOT_SUPPORTED("UUIDV1");
}

SEQUELIZE_CASE("instance.test.js",
               "default values > uuid > should store a string of length 36 in uuidv1 and uuidv4",
               "[instance]") {
    Fixture f;
    Instance user = f.User.build({{"username", "a user"}});
    REQUIRE(user.get("uuidv4").asString().size() == 36);
    NOT_SUPPORTED("UUIDV1");
}

SEQUELIZE_CASE("instance.test.js",
               "default values > uuid > should store a valid uuid in uuidv1 and uuidv4 that "
               "conforms to the UUID v1 and v4 specifications",
               "[instance]") {
    Fixture f;
    Instance user = f.User.build({{"username", "a user"}});
    REQUIRE(isUuid(user.get("uuidv4"), '4'));
    NOT_SUPPORTED("UUIDV1");
}

SEQUELIZE_CASE("instance.test.js",
               "default values > uuid > should store a valid uuid if the multiple primary key "
               "fields used",
               "[instance]") {
    NOT_SUPPORTED("UUIDV1");
}

SEQUELIZE_CASE("instance.test.js",
               "default values > current date > should store a date in touchedAt", "[instance]") {
    Fixture f;
    Instance user = f.User.build({{"username", "a user"}});
    REQUIRE(user.get("touchedAt").kind() == ValueKind::Timestamp);
}

SEQUELIZE_CASE("instance.test.js",
               "default values > current date > should store the current date in touchedAt",
               "[instance]") {
    // The real clock stands for the original's fake one: the default is the
    // time build() ran.
    Fixture f;
    // The default is kept to the millisecond.
    const Timestamp before = std::chrono::time_point_cast<std::chrono::milliseconds>(nowMicros());
    Instance user = f.User.build({{"username", "a user"}});
    const Timestamp after = nowMicros();
    REQUIRE(user.get("touchedAt").asTimestamp() >= before);
    REQUIRE(user.get("touchedAt").asTimestamp() <= after);
}

SEQUELIZE_CASE("instance.test.js",
               "default values > allowNull date > should be just \"null\" and not Date with "
               "Invalid Date",
               "[instance]") {
    Fixture f;
    f.User.build({{"username", "a user"}}).save();
    auto user = f.User.findOne({.where = {{"username", "a user"}}});
    REQUIRE(user);
    REQUIRE(user->get("dateAllowNullTrue").isNull());
}

SEQUELIZE_CASE("instance.test.js",
               "default values > allowNull date > should be the same valid date when saving the "
               "date",
               "[instance]") {
    Fixture f;
    const Timestamp date = nowMicros();
    f.User.build({{"username", "a user"}, {"dateAllowNullTrue", date}}).save();
    auto user = f.User.findOne({.where = {{"username", "a user"}}});
    REQUIRE(user);
    // Date#toString shows whole seconds.
    using std::chrono::seconds;
    REQUIRE(std::chrono::time_point_cast<seconds>(user->get("dateAllowNullTrue").asTimestamp()) ==
            std::chrono::time_point_cast<seconds>(date));
}

SEQUELIZE_CASE("instance.test.js", "default values > super user boolean > should default to false",
               "[instance]") {
    Fixture f;
    f.User.build({{"username", "a user"}}).save();
    auto user = f.User.findOne({.where = {{"username", "a user"}}});
    REQUIRE(user);
    REQUIRE(user->get("isSuperUser").asBool() == false);
}

SEQUELIZE_CASE("instance.test.js",
               "default values > super user boolean > should override default when given truthy "
               "boolean",
               "[instance]") {
    Fixture f;
    f.User.build({{"username", "a user"}, {"isSuperUser", true}}).save();
    auto user = f.User.findOne({.where = {{"username", "a user"}}});
    REQUIRE(user);
    REQUIRE(user->get("isSuperUser").asBool() == true);
}

SEQUELIZE_CASE("instance.test.js",
               "default values > super user boolean > should override default when given truthy "
               "boolean-string (\"true\")",
               "[instance]") {
    Fixture f;
    f.User.build({{"username", "a user"}, {"isSuperUser", "true"}}).save();
    auto user = f.User.findOne({.where = {{"username", "a user"}}});
    REQUIRE(user);
    REQUIRE(user->get("isSuperUser").asBool() == true);
}

SEQUELIZE_CASE("instance.test.js",
               "default values > super user boolean > should override default when given truthy "
               "boolean-int (1)",
               "[instance]") {
    Fixture f;
    f.User.build({{"username", "a user"}, {"isSuperUser", 1}}).save();
    auto user = f.User.findOne({.where = {{"username", "a user"}}});
    REQUIRE(user);
    REQUIRE(user->get("isSuperUser").asBool() == true);
}

SEQUELIZE_CASE("instance.test.js",
               "default values > super user boolean > should throw error when given value of "
               "incorrect type",
               "[instance]") {
    Fixture f;
    try {
        f.User.build({{"username", "a user"}, {"isSuperUser", "INCORRECT_VALUE_TYPE"}}).save();
        FAIL("save did not throw");
    } catch (const Error& err) {
        REQUIRE(std::string(err.what()).size() > 0);
    }
}

SEQUELIZE_CASE("instance.test.js", "complete > gets triggered if an error occurs", "[instance]") {
    // where: ['asdasdasd'] is raw SQL text as a condition.
    NOT_SUPPORTED("raw SQL in where");
}

SEQUELIZE_CASE("instance.test.js", "complete > gets triggered if everything was ok", "[instance]") {
    Fixture f;
    REQUIRE(f.User.count() == 0);
}

SEQUELIZE_CASE("instance.test.js", "findAll > sql should have paranoid condition", "[instance]") {
    WithParanoid f;
    f.ParanoidUser.create({{"username", "cuss"}});
    auto users0 = f.ParanoidUser.findAll();
    REQUIRE(users0.size() == 1);
    users0[0].destroy();
    REQUIRE(f.ParanoidUser.findAll().size() == 0);
}

SEQUELIZE_CASE("instance.test.js",
               "findAll > sequelize.and as where should include paranoid condition", "[instance]") {
    WithParanoid f;
    f.ParanoidUser.create({{"username", "cuss"}});
    auto users0 = f.ParanoidUser.findAll({.where = Op::and_({{"username", "cuss"}})});
    REQUIRE(users0.size() == 1);
    users0[0].destroy();
    REQUIRE(f.ParanoidUser.findAll({.where = Op::and_({{"username", "cuss"}})}).size() == 0);
}

SEQUELIZE_CASE("instance.test.js",
               "findAll > sequelize.or as where should include paranoid condition", "[instance]") {
    WithParanoid f;
    f.ParanoidUser.create({{"username", "cuss"}});
    auto users0 = f.ParanoidUser.findAll({.where = Op::or_({{"username", "cuss"}})});
    REQUIRE(users0.size() == 1);
    users0[0].destroy();
    REQUIRE(f.ParanoidUser.findAll({.where = Op::or_({{"username", "cuss"}})}).size() == 0);
}

SEQUELIZE_CASE("instance.test.js",
               "findAll > escapes a single single quotes properly in where clauses", "[instance]") {
    WithParanoid f;
    f.User.create({{"username", "user'name"}});
    auto users = f.User.findAll({.where = {{"username", "user'name"}}});
    REQUIRE(users.size() == 1);
    REQUIRE(str(users[0], "username") == "user'name");
}

SEQUELIZE_CASE("instance.test.js", "findAll > escapes two single quotes properly in where clauses",
               "[instance]") {
    WithParanoid f;
    f.User.create({{"username", "user''name"}});
    auto users = f.User.findAll({.where = {{"username", "user''name"}}});
    REQUIRE(users.size() == 1);
    REQUIRE(str(users[0], "username") == "user''name");
}

SEQUELIZE_CASE("instance.test.js",
               "findAll > returns the timestamps if no attributes have been specified",
               "[instance]") {
    WithParanoid f;
    f.User.create({{"username", "fnord"}});
    auto users = f.User.findAll();
    REQUIRE(!users.empty());
    REQUIRE(!users[0].get("createdAt").isNull());
}

SEQUELIZE_CASE("instance.test.js",
               "findAll > does not return the timestamps if the username attribute has been "
               "specified",
               "[instance]") {
    WithParanoid f;
    f.User.create({{"username", "fnord"}});
    auto users = f.User.findAll({.attributes = {"username"}});
    REQUIRE(!users.empty());
    REQUIRE(users[0].get("createdAt").isNull());
    REQUIRE(!users[0].get("username").isNull());
}

SEQUELIZE_CASE("instance.test.js",
               "findAll > creates the deletedAt property, when defining paranoid as true",
               "[instance]") {
    WithParanoid f;
    f.ParanoidUser.create({{"username", "fnord"}});
    auto users = f.ParanoidUser.findAll();
    REQUIRE(!users.empty());
    REQUIRE(f.ParanoidUser.hasAttribute("deletedAt"));
    REQUIRE(users[0].get("deletedAt").isNull());
}

SEQUELIZE_CASE("instance.test.js",
               "findAll > destroys a record with a primary key of something other than id",
               "[instance]") {
    WithParanoid f;
    Model& UserDestroy =
        f.db->define("UserDestroy", {{"newId", {.type = DataTypes::STRING, .primaryKey = true}},
                                     {"email", DataTypes::STRING}});
    UserDestroy.sync();
    UserDestroy.create({{"newId", "123ABC"}, {"email", "hello"}});
    auto user = UserDestroy.findOne({.where = {{"email", "hello"}}});
    REQUIRE(user);
    REQUIRE_NOTHROW(user->destroy());
    REQUIRE(UserDestroy.count() == 0);
}

SEQUELIZE_CASE("instance.test.js",
               "findAll > sets deletedAt property to a specific date when deleting an instance",
               "[instance]") {
    WithParanoid f;
    f.ParanoidUser.create({{"username", "fnord"}});
    auto users = f.ParanoidUser.findAll();
    REQUIRE(!users.empty());
    users[0].destroy();
    REQUIRE(users[0].get("deletedAt").kind() == ValueKind::Timestamp);
    Instance& user = users[0].reload(); // reload() finds soft-deleted rows too
    REQUIRE(user.get("deletedAt").kind() == ValueKind::Timestamp);
}

SEQUELIZE_CASE("instance.test.js",
               "findAll > keeps the deletedAt-attribute with value null, when running update",
               "[instance]") {
    WithParanoid f;
    f.ParanoidUser.create({{"username", "fnord"}});
    auto users = f.ParanoidUser.findAll();
    REQUIRE(!users.empty());
    Instance& user = users[0].update({{"username", "newFnord"}});
    REQUIRE(user.get("deletedAt").isNull());
}

SEQUELIZE_CASE(
    "instance.test.js",
    "findAll > keeps the deletedAt-attribute with value null, when updating associations",
    "[instance]") {
    WithParanoid f;
    f.ParanoidUser.create({{"username", "fnord"}});
    auto users = f.ParanoidUser.findAll();
    REQUIRE(!users.empty());
    Instance linkedUser = f.ParanoidUser.create({{"username", "linkedFnord"}});
    f.ParanoidUser.association("ParanoidUser").set(users[0], {linkedUser});
    REQUIRE(users[0].get("deletedAt").isNull());
}

SEQUELIZE_CASE("instance.test.js", "findAll > can reuse query option objects", "[instance]") {
    WithParanoid f;
    f.User.create({{"username", "fnord"}});
    const FindOptions query{.where = {{"username", "fnord"}}};
    auto users = f.User.findAll(query);
    REQUIRE(str(users.at(0), "username") == "fnord");
    auto users0 = f.User.findAll(query);
    REQUIRE(str(users0.at(0), "username") == "fnord");
}

SEQUELIZE_CASE("instance.test.js", "findOne > can reuse query option objects", "[instance]") {
    Fixture f;
    f.User.create({{"username", "fnord"}});
    const FindOptions query{.where = {{"username", "fnord"}}};
    auto user = f.User.findOne(query);
    REQUIRE(user);
    REQUIRE(str(*user, "username") == "fnord");
    auto user0 = f.User.findOne(query);
    REQUIRE(user0);
    REQUIRE(str(*user0, "username") == "fnord");
}

SEQUELIZE_CASE("instance.test.js",
               "findOne > returns null for null, undefined, and unset boolean values",
               "[instance]") {
    // C++ has no undefined: bool_value2 is left out, as undefined leaves it.
    Fixture f;
    Model& Setting =
        f.db->define("SettingHelper",
                     {{"setting_key", DataTypes::STRING},
                      {"bool_value", {.type = DataTypes::BOOLEAN, .allowNull = true}},
                      {"bool_value2", {.type = DataTypes::BOOLEAN, .allowNull = true}},
                      {"bool_value3", {.type = DataTypes::BOOLEAN, .allowNull = true}}},
                     {.timestamps = false});
    Setting.sync({.force = true});
    Setting.create({{"setting_key", "test"}, {"bool_value", nullptr}});
    auto setting = Setting.findOne({.where = {{"setting_key", "test"}}});
    REQUIRE(setting);
    REQUIRE(setting->get("bool_value").isNull());
    REQUIRE(setting->get("bool_value2").isNull());
    REQUIRE(setting->get("bool_value3").isNull());
}

SEQUELIZE_CASE("instance.test.js", "equals > can compare records with Date field", "[instance]") {
    NOT_SUPPORTED("instance.equals");
}

SEQUELIZE_CASE("instance.test.js", "equals > does not compare the existence of associations",
               "[instance]") {
    NOT_SUPPORTED("instance.equals");
}

SEQUELIZE_CASE("instance.test.js", "values > returns all values", "[instance]") {
    // get({plain: true}) is toJSON here.
    Fixture f;
    Model& User =
        f.db->define("UserHelper", {{"username", DataTypes::STRING}}, {.timestamps = false});
    User.sync();
    Instance user = User.build({{"username", "foo"}});
    auto json = user.toJSONObject();
    REQUIRE(json.size() == 2);
    REQUIRE(json.isNull("id"));
    REQUIRE(json.getValue<std::string>("username") == "foo");
}

namespace {

struct SoftDeleted : Fixture {
    Model& ParanoidUser =
        db->define("ParanoidUser", {{"username", {.type = DataTypes::STRING}}}, {.paranoid = true});
    SoftDeleted() { ParanoidUser.sync({.force = true}); }
};

} // namespace

SEQUELIZE_CASE("instance.test.js", "isSoftDeleted > should return false when model is just created",
               "[instance]") {
    // isSoftDeleted() is read from the deletedAt attribute.
    SoftDeleted f;
    Instance user = f.ParanoidUser.create({{"username", "foo"}});
    REQUIRE(!isSoftDeleted(user));
}

SEQUELIZE_CASE("instance.test.js", "isSoftDeleted > returns false if user is not soft deleted",
               "[instance]") {
    SoftDeleted f;
    f.ParanoidUser.create({{"username", "fnord"}});
    auto users = f.ParanoidUser.findAll();
    REQUIRE(!users.empty());
    REQUIRE(!isSoftDeleted(users[0]));
}

SEQUELIZE_CASE("instance.test.js", "isSoftDeleted > returns true if user is soft deleted",
               "[instance]") {
    SoftDeleted f;
    f.ParanoidUser.create({{"username", "fnord"}});
    auto users = f.ParanoidUser.findAll();
    REQUIRE(!users.empty());
    users[0].destroy();
    REQUIRE(isSoftDeleted(users[0]));
    REQUIRE(isSoftDeleted(users[0].reload()));
}

SEQUELIZE_CASE("instance.test.js", "isSoftDeleted > works with custom `deletedAt` field name",
               "[instance]") {
    SoftDeleted f;
    Model& Custom =
        f.db->define("ParanoidUserWithCustomDeletedAt", {{"username", {.type = DataTypes::STRING}}},
                     {.deletedAt = TimestampName("deletedAtThisTime"), .paranoid = true});
    Custom.hasOne(f.ParanoidUser);
    Custom.sync({.force = true});
    f.ParanoidUser.sync({.alter = true});
    Custom.create({{"username", "fnord"}});
    auto users = Custom.findAll();
    REQUIRE(!users.empty());
    REQUIRE(!isSoftDeleted(users[0], "deletedAtThisTime"));
    users[0].destroy();
    REQUIRE(isSoftDeleted(users[0], "deletedAtThisTime"));
    REQUIRE(isSoftDeleted(users[0].reload(), "deletedAtThisTime"));
}

SEQUELIZE_CASE("instance.test.js", "restore > returns an error if the model is not paranoid",
               "[instance]") {
    // User has no secretValue attribute, which Sequelize drops silently.
    Fixture f;
    Instance user = f.User.create({{"username", "Peter"}});
    REQUIRE_THROWS_AS(user.restore(), UsageError);
    REQUIRE_THROWS_WITH(user.restore(), Catch::Contains("not paranoid"));
}

SEQUELIZE_CASE("instance.test.js", "restore > restores a previously deleted model", "[instance]") {
    Fixture f;
    Model& ParanoidUser =
        f.db->define("ParanoidUser",
                     {{"username", DataTypes::STRING},
                      {"secretValue", DataTypes::STRING},
                      {"data", DataTypes::STRING},
                      {"intVal", {.type = DataTypes::INTEGER, .defaultValue = 1}}},
                     {.paranoid = true});
    ParanoidUser.sync({.force = true});
    ParanoidUser.bulkCreate({{{"username", "Peter"}, {"secretValue", "42"}},
                             {{"username", "Paul"}, {"secretValue", "43"}},
                             {{"username", "Bob"}, {"secretValue", "44"}}});
    auto user0 = ParanoidUser.findOne({.where = {{"secretValue", "42"}}});
    REQUIRE(user0);
    user0->destroy();
    user0->restore();
    auto user = ParanoidUser.findOne({.where = {{"secretValue", "42"}}});
    REQUIRE(user);
    REQUIRE(str(*user, "username") == "Peter");
}

SEQUELIZE_CASE("instance.test.js", "restore > supports custom deletedAt field", "[instance]") {
    Fixture f;
    Model& ParanoidUser = f.db->define(
        "ParanoidUser", {{"username", DataTypes::STRING}, {"destroyTime", DataTypes::DATE}},
        {.deletedAt = TimestampName("destroyTime"), .paranoid = true});
    ParanoidUser.sync({.force = true});
    Instance user = ParanoidUser.create({{"username", "username"}});
    user.destroy();
    REQUIRE(!user.get("destroyTime").isNull());
    REQUIRE(!ParanoidUser.hasAttribute("deletedAt"));
    user.restore();
    REQUIRE(user.get("destroyTime").isNull());
    auto found = ParanoidUser.findOne({.where = {{"username", "username"}}});
    REQUIRE(found);
    REQUIRE(found->get("destroyTime").isNull());
}

SEQUELIZE_CASE("instance.test.js", "restore > supports custom deletedAt field name", "[instance]") {
    Fixture f;
    Model& ParanoidUser =
        f.db->define("ParanoidUser",
                     {{"username", DataTypes::STRING},
                      {"deletedAt", {.type = DataTypes::DATE, .field = "deleted_at"}}},
                     {.paranoid = true});
    ParanoidUser.sync({.force = true});
    Instance user = ParanoidUser.create({{"username", "username"}});
    user.destroy();
    REQUIRE(!user.getDataValue("deletedAt").isNull());
    REQUIRE(!ParanoidUser.hasAttribute("deleted_at"));
    user.restore();
    REQUIRE(user.getDataValue("deletedAt").isNull());
    auto found = ParanoidUser.findOne({.where = {{"username", "username"}}});
    REQUIRE(found);
    REQUIRE(found->get("deletedAt").isNull());
}

SEQUELIZE_CASE("instance.test.js", "restore > supports custom deletedAt field and database column",
               "[instance]") {
    Fixture f;
    Model& ParanoidUser =
        f.db->define("ParanoidUser",
                     {{"username", DataTypes::STRING},
                      {"destroyTime", {.type = DataTypes::DATE, .field = "destroy_time"}}},
                     {.deletedAt = TimestampName("destroyTime"), .paranoid = true});
    ParanoidUser.sync({.force = true});
    Instance user = ParanoidUser.create({{"username", "username"}});
    user.destroy();
    REQUIRE(!user.getDataValue("destroyTime").isNull());
    REQUIRE(!ParanoidUser.hasAttribute("deletedAt"));
    REQUIRE(!ParanoidUser.hasAttribute("destroy_time"));
    user.restore();
    REQUIRE(user.getDataValue("destroyTime").isNull());
    auto found = ParanoidUser.findOne({.where = {{"username", "username"}}});
    REQUIRE(found);
    REQUIRE(found->get("destroyTime").isNull());
}

// Fails: restore() sets deletedAt to null rather than to the attribute's
// default (and on MariaDB the default, written as '1970-01-01 00:00:00.000
// +00:00', is rejected by CREATE TABLE).
SEQUELIZE_FAILING_CASE("instance.test.js", "restore > supports custom default value",
                       "[instance]") {
    Fixture f;
    Model& ParanoidUser =
        f.db->define("ParanoidUser",
                     {{"username", DataTypes::STRING},
                      {"deletedAt", {.type = DataTypes::DATE, .defaultValue = Value(Timestamp{})}}},
                     {.paranoid = true});
    ParanoidUser.sync({.force = true});
    Instance user = ParanoidUser.create({{"username", "username"}});
    user.destroy();
    user.restore();
    REQUIRE(user.getDataValue("deletedAt") == Value(Timestamp{}));
    auto found = ParanoidUser.findOne({.where = {{"username", "username"}}});
    REQUIRE(found);
    REQUIRE(found->get("deletedAt") == Value(Timestamp{}));
}
