// test/integration/instance/destroy.test.js
#include "support.hpp"

#include <chrono>
#include <string>
#include <thread>
#include <vector>

using namespace tabula;

namespace {

std::string str(const Instance& i, const char* attribute) { return i.get(attribute).asString(); }

struct Fixture {
    std::vector<std::string> log;
    std::unique_ptr<Database> db =
        sequelize::open({.logging = [this](const std::string& line) { log.push_back(line); }});
    Model& paranoidUser(AttributeList attributes, ModelOptions options = {}) {
        options.paranoid = true;
        Model& m = db->define("ParanoidUser", std::move(attributes), std::move(options));
        m.sync({.force = true});
        return m;
    }
};

} // namespace

SEQUELIZE_CASE("instance/destroy.test.js", "destroy > supports transactions",
               "[instance][destroy]") {
    auto db = sequelize::open();
    Model& User = db->define("User", {{"username", DataTypes::STRING}});
    User.sync({.force = true});
    Instance user = User.create({{"username", "foo"}});
    Transaction t = db->transaction();
    user.destroy(false, &t);
    REQUIRE(User.count() == 1);
    REQUIRE(User.count({.transaction = &t}) == 0);
    t.rollback();
}

SEQUELIZE_CASE(
    "instance/destroy.test.js",
    "destroy > does not set the deletedAt date in subsequent destroys if dao is paranoid",
    "[instance][destroy]") {
    Fixture f;
    Model& UserDestroy = f.db->define(
        "UserDestroy", {{"name", DataTypes::STRING}, {"bio", DataTypes::TEXT}}, {.paranoid = true});
    UserDestroy.sync({.force = true});
    Instance user = UserDestroy.create({{"name", "hallo"}, {"bio", "welt"}});
    user.destroy();
    user.reload(); // reload() finds soft-deleted rows too
    const Value deletedAt = user.get("deletedAt");
    // Time moves on between the two destroys, so that a second stamp would show.
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
    user.destroy();
    user.reload();
    REQUIRE(user.get("deletedAt") == deletedAt);
}

// Fails: on SQLite and PostgreSQL a second destroy sets a new deletedAt; on
// MariaDB the default is written as '1970-01-01 00:00:00.000 +00:00', which
// CREATE TABLE rejects (Invalid default value).
SEQUELIZE_FAILING_CASE("instance/destroy.test.js",
                       "destroy > does not update deletedAt with custom default in subsequent "
                       "destroys",
                       "[instance][destroy]") {
    Fixture f;
    Model& ParanoidUser = f.paranoidUser(
        {{"username", DataTypes::STRING},
         {"deletedAt", {.type = DataTypes::DATE, .defaultValue = Value(Timestamp{})}}});
    Instance user = ParanoidUser.create({{"username", "username"}});
    user.destroy();
    const Value deletedAt = user.get("deletedAt");
    REQUIRE(deletedAt.kind() == ValueKind::Timestamp);
    REQUIRE(deletedAt.asTimestamp() != Timestamp{});
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
    user.destroy();
    REQUIRE(user.get("deletedAt").kind() == ValueKind::Timestamp);
    REQUIRE(user.get("deletedAt") == deletedAt);
}

SEQUELIZE_CASE("instance/destroy.test.js",
               "destroy > deletes a record from the database if dao is not paranoid",
               "[instance][destroy]") {
    Fixture f;
    Model& UserDestroy =
        f.db->define("UserDestroy", {{"name", DataTypes::STRING}, {"bio", DataTypes::TEXT}});
    UserDestroy.sync({.force = true});
    Instance u = UserDestroy.create({{"name", "hallo"}, {"bio", "welt"}});
    REQUIRE(UserDestroy.findAll().size() == 1);
    u.destroy();
    REQUIRE(UserDestroy.findAll().size() == 0);
}

SEQUELIZE_CASE("instance/destroy.test.js", "destroy > allows updating soft deleted instance",
               "[instance][destroy]") {
    Fixture f;
    Model& ParanoidUser = f.paranoidUser({{"username", DataTypes::STRING}});
    Instance user = ParanoidUser.create({{"username", "username"}});
    user.destroy();
    REQUIRE(!user.get("deletedAt").isNull());
    const Value deletedAt = user.get("deletedAt");
    user.set("username", "foo");
    Instance& user0 = user.save();
    REQUIRE(str(user0, "username") == "foo");
    REQUIRE(user0.get("deletedAt") == deletedAt);
    auto found = ParanoidUser.findOne({.where = {{"username", "foo"}}, .paranoid = false});
    REQUIRE(found);
    REQUIRE(!found->get("deletedAt").isNull());
}

SEQUELIZE_CASE("instance/destroy.test.js", "destroy > supports custom deletedAt field",
               "[instance][destroy]") {
    Fixture f;
    Model& ParanoidUser =
        f.paranoidUser({{"username", DataTypes::STRING}, {"destroyTime", DataTypes::DATE}},
                       {.deletedAt = TimestampName("destroyTime")});
    Instance user = ParanoidUser.create({{"username", "username"}});
    user.destroy();
    REQUIRE(!user.get("destroyTime").isNull());
    REQUIRE(!ParanoidUser.hasAttribute("deletedAt"));
    auto found = ParanoidUser.findOne({.where = {{"username", "username"}}, .paranoid = false});
    REQUIRE(found);
    REQUIRE(!found->get("destroyTime").isNull());
}

SEQUELIZE_CASE("instance/destroy.test.js", "destroy > supports custom deletedAt database column",
               "[instance][destroy]") {
    Fixture f;
    Model& ParanoidUser =
        f.paranoidUser({{"username", DataTypes::STRING},
                        {"deletedAt", {.type = DataTypes::DATE, .field = "deleted_at"}}});
    Instance user = ParanoidUser.create({{"username", "username"}});
    user.destroy();
    REQUIRE(!user.get("deletedAt").isNull());
    REQUIRE(!ParanoidUser.hasAttribute("deleted_at"));
    auto found = ParanoidUser.findOne({.where = {{"username", "username"}}, .paranoid = false});
    REQUIRE(found);
    REQUIRE(!found->get("deletedAt").isNull());
}

SEQUELIZE_CASE("instance/destroy.test.js",
               "destroy > supports custom deletedAt field and database column",
               "[instance][destroy]") {
    Fixture f;
    Model& ParanoidUser =
        f.paranoidUser({{"username", DataTypes::STRING},
                        {"destroyTime", {.type = DataTypes::DATE, .field = "destroy_time"}}},
                       {.deletedAt = TimestampName("destroyTime")});
    Instance user = ParanoidUser.create({{"username", "username"}});
    user.destroy();
    REQUIRE(!user.get("destroyTime").isNull());
    REQUIRE(!ParanoidUser.hasAttribute("destroy_time"));
    auto found = ParanoidUser.findOne({.where = {{"username", "username"}}, .paranoid = false});
    REQUIRE(found);
    REQUIRE(!found->get("destroyTime").isNull());
}

SEQUELIZE_CASE("instance/destroy.test.js",
               "destroy > persists other model changes when soft deleting", "[instance][destroy]") {
    Fixture f;
    Model& ParanoidUser = f.paranoidUser({{"username", DataTypes::STRING}});
    auto seconds = [](const Value& v) {
        return std::chrono::time_point_cast<std::chrono::seconds>(v.asTimestamp());
    };
    Instance user = ParanoidUser.create({{"username", "username"}});
    user.set("username", "foo");
    user.destroy();
    REQUIRE(str(user, "username") == "foo");
    REQUIRE(!user.get("deletedAt").isNull());
    const Value deletedAt = user.get("deletedAt");
    auto user2 = ParanoidUser.findOne({.where = {{"username", "foo"}}, .paranoid = false});
    REQUIRE(user2);
    REQUIRE(seconds(user2->get("deletedAt")) == seconds(deletedAt));
    REQUIRE(str(*user2, "username") == "foo");
    user2->set("username", "bar");
    user2->destroy();
    REQUIRE(seconds(user2->get("deletedAt")) == seconds(deletedAt));
    auto found = ParanoidUser.findOne({.where = {{"username", "bar"}}, .paranoid = false});
    REQUIRE(found);
    REQUIRE(seconds(found->get("deletedAt")) == seconds(deletedAt));
    REQUIRE(str(*found, "username") == "bar");
}

SEQUELIZE_CASE("instance/destroy.test.js", "destroy > allows sql logging of delete statements",
               "[instance][destroy]") {
    // The Database's logging sink stands for the per-call `logging` option.
    Fixture f;
    Model& UserDelete =
        f.db->define("UserDelete", {{"name", DataTypes::STRING}, {"bio", DataTypes::TEXT}});
    UserDelete.sync({.force = true});
    Instance u = UserDelete.create({{"name", "hallo"}, {"bio", "welt"}});
    REQUIRE(UserDelete.findAll().size() == 1);
    f.log.clear();
    u.destroy();
    REQUIRE(f.log.size() == 1);
    REQUIRE(f.log[0].find("DELETE") != std::string::npos);
}

SEQUELIZE_CASE("instance/destroy.test.js", "destroy > allows sql logging of update statements",
               "[instance][destroy]") {
    // The Database's logging sink stands for the per-call `logging` option.
    Fixture f;
    Model& UserDelete = f.db->define(
        "UserDelete", {{"name", DataTypes::STRING}, {"bio", DataTypes::TEXT}}, {.paranoid = true});
    UserDelete.sync({.force = true});
    Instance u = UserDelete.create({{"name", "hallo"}, {"bio", "welt"}});
    REQUIRE(UserDelete.findAll().size() == 1);
    f.log.clear();
    u.destroy();
    REQUIRE(f.log.size() == 1);
    REQUIRE(f.log[0].find("UPDATE") != std::string::npos);
}

SEQUELIZE_CASE("instance/destroy.test.js",
               "destroy > should not call save hooks when soft deleting", "[instance][destroy]") {
    Fixture f;
    int beforeSave = 0, afterSave = 0;
    Model& ParanoidUser =
        f.paranoidUser({{"username", DataTypes::STRING}},
                       {.hooks = {{Hook::beforeSave, [&](HookEvent&) { ++beforeSave; }},
                                  {Hook::afterSave, [&](HookEvent&) { ++afterSave; }}}});
    Instance user0 = ParanoidUser.create({{"username", "username"}});
    beforeSave = afterSave = 0;
    user0.destroy();
    REQUIRE(beforeSave == 0);
    REQUIRE(afterSave == 0);
    // {hooks: true} is how destroy runs anyway.
    user0.destroy();
    REQUIRE(beforeSave == 0);
    REQUIRE(afterSave == 0);
}

SEQUELIZE_CASE("instance/destroy.test.js",
               "destroy > delete a record of multiple primary keys table", "[instance][destroy]") {
    // Differs: the keys are bound, so the logged DELETE holds parameters
    // rather than 'bl' and 'ru'.
    Fixture f;
    Model& MultiPrimary = f.db->define(
        "MultiPrimary", {{"bilibili", {.type = DataTypes::CHAR(2), .primaryKey = true}},
                         {"guruguru", {.type = DataTypes::CHAR(2), .primaryKey = true}}});
    MultiPrimary.sync({.force = true});
    MultiPrimary.create({{"bilibili", "bl"}, {"guruguru", "gu"}});
    Instance m2 = MultiPrimary.create({{"bilibili", "bl"}, {"guruguru", "ru"}});
    REQUIRE(MultiPrimary.findAll().size() == 2);
    f.log.clear();
    m2.destroy();
    REQUIRE(!f.log.empty());
    REQUIRE(f.log[0].find("DELETE") != std::string::npos);
    auto ms0 = MultiPrimary.findAll();
    REQUIRE(ms0.size() == 1);
    REQUIRE(str(ms0[0], "bilibili") == "bl");
    REQUIRE(str(ms0[0], "guruguru") == "gu");
}

SEQUELIZE_CASE("instance/destroy.test.js",
               "destroy > converts Infinity in where clause to a timestamp",
               "[instance][destroy]") {
    ONLY_ON_DIALECTS("postgres");
    NOT_SUPPORTED("Infinity dates");
}
