// test/integration/instance/reload.test.js
#include "support.hpp"

#include <chrono>
#include <string>
#include <thread>

using namespace tabula;

namespace {

std::string str(const Instance& i, const char* attribute) { return i.get(attribute).asString(); }

struct Fixture {
    std::unique_ptr<Database> db = sequelize::open();
    // UUIDV1 has no spelling in Tabula; no case here reads uuidv1.
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

struct Books : Fixture {
    Model& Book = db->define("Book", {{"title", DataTypes::STRING}});
    Model& Page = db->define("Page", {{"content", DataTypes::TEXT}});
    Books() {
        Book.hasMany(Page);
        Page.belongsTo(Book);
        Book.sync({.force = true});
        Page.sync({.force = true});
    }
};

} // namespace

SEQUELIZE_CASE("instance/reload.test.js", "reload > supports transactions", "[instance][reload]") {
    auto db = sequelize::open();
    Model& User = db->define("User", {{"username", DataTypes::STRING}});
    User.sync({.force = true});
    Instance user = User.create({{"username", "foo"}});
    Transaction t = db->transaction();
    User.update({{"username", "bar"}}, {.where = {{"username", "foo"}}, .transaction = &t});
    Instance& user1 = user.reload();
    REQUIRE(str(user1, "username") == "foo");
    Instance& user0 = user1.reload(&t);
    REQUIRE(str(user0, "username") == "bar");
    t.rollback();
}

SEQUELIZE_CASE("instance/reload.test.js",
               "reload > should return a reference to the same DAO instead of creating a new one",
               "[instance][reload]") {
    Fixture f;
    Instance originalUser = f.User.create({{"username", "John Doe"}});
    originalUser.update({{"username", "Doe John"}});
    Instance& updatedUser = originalUser.reload();
    REQUIRE(&updatedUser == &originalUser);
}

SEQUELIZE_CASE("instance/reload.test.js", "reload > should use default internal where",
               "[instance][reload]") {
    // reload() takes no where, so the one the original passes (and expects
    // to be ignored) cannot be given; the row is found by its key.
    Fixture f;
    Instance user = f.User.create({{"username", "Balak Bukhara"}});
    Instance anotherUser = f.User.create({{"username", "John Smith"}});
    const Value primaryKey = user.get("id");
    user.reload();
    REQUIRE(user.get("id") == primaryKey);
    user.reload();
    REQUIRE(user.get("id") == primaryKey);
    REQUIRE(user.get("id") != anotherUser.get("id"));
}

SEQUELIZE_CASE("instance/reload.test.js",
               "reload > should update the values on all references to the DAO",
               "[instance][reload]") {
    Fixture f;
    Instance originalUser = f.User.create({{"username", "John Doe"}});
    auto updater = f.User.findByPk(originalUser.get("id"));
    REQUIRE(updater);
    updater->update({{"username", "Doe John"}});
    REQUIRE(str(originalUser, "username") == "John Doe");
    Instance& updatedUser = originalUser.reload();
    REQUIRE(str(originalUser, "username") == "Doe John");
    REQUIRE(str(updatedUser, "username") == "Doe John");
}

SEQUELIZE_CASE("instance/reload.test.js", "reload > should support updating a subset of attributes",
               "[instance][reload]") {
    Fixture f;
    Instance user1 = f.User.create({{"aNumber", 1}, {"bNumber", 1}});
    f.User.update({{"bNumber", 2}}, {.where = {{"id", user1.get("id")}}});
    Instance& user = user1.reload();
    REQUIRE(user.get("aNumber").asInt() == 1);
    REQUIRE(user.get("bNumber").asInt() == 2);
    // reload() reads every attribute; the original reads bNumber alone.
    NOT_SUPPORTED("reload({attributes, include})");
}

SEQUELIZE_CASE("instance/reload.test.js",
               "reload > should update read only attributes as well (updatedAt)",
               "[instance][reload]") {
    Fixture f;
    Instance originalUser = f.User.create({{"username", "John Doe"}});
    const Timestamp originallyUpdatedAt = originalUser.get("updatedAt").asTimestamp();
    std::this_thread::sleep_for(std::chrono::milliseconds(1100));
    auto updater = f.User.findByPk(originalUser.get("id"));
    REQUIRE(updater);
    Instance& updatedUser = updater->update({{"username", "Doe John"}});
    originalUser.reload();
    REQUIRE(originalUser.get("updatedAt").asTimestamp() > originallyUpdatedAt);
    REQUIRE(updatedUser.get("updatedAt").asTimestamp() > originallyUpdatedAt);
}

// Fails: reload() refreshes the instance's own values only; the rows an
// include loaded keep their old values.
SEQUELIZE_FAILING_CASE("instance/reload.test.js", "reload > should update the associations as well",
                       "[instance][reload]") {
    Books f;
    Instance book = f.Book.create({{"title", "A very old book"}});
    Instance page = f.Page.create({{"content", "om nom nom"}});
    f.Book.association("Pages").set(book, {page});
    auto leBook =
        f.Book.findOne({.where = {{"id", book.get("id")}}, .include = {{.model = &f.Page}}});
    REQUIRE(leBook);
    Instance& page0 = page.update({{"content", "something totally different"}});
    REQUIRE(leBook->related("Pages").size() == 1);
    REQUIRE(str(leBook->related("Pages")[0], "content") == "om nom nom");
    REQUIRE(str(page0, "content") == "something totally different");
    Instance& leBook0 = leBook->reload();
    REQUIRE(leBook0.related("Pages").size() == 1);
    REQUIRE(str(leBook0.related("Pages")[0], "content") == "something totally different");
    REQUIRE(str(page0, "content") == "something totally different");
}

SEQUELIZE_CASE("instance/reload.test.js", "reload > should update internal options of the instance",
               "[instance][reload]") {
    NOT_SUPPORTED("reload({attributes, include})");
}

SEQUELIZE_CASE("instance/reload.test.js", "reload > should return an error when reload fails",
               "[instance][reload]") {
    // Differs: the error is an EmptyResultError (Sequelize: InstanceError),
    // its message worded Tabula's way.
    Fixture f;
    Instance user = f.User.create({{"username", "John Doe"}});
    user.destroy();
    REQUIRE_THROWS_AS(user.reload(), EmptyResultError);
    REQUIRE_THROWS_WITH(user.reload(), Catch::Contains("does not exist anymore"));
}

// Fails: reload() refreshes the instance's own values only; the rows an
// include loaded stay as they were.
SEQUELIZE_FAILING_CASE("instance/reload.test.js",
                       "reload > should set an association to null after deletion, 1-1",
                       "[instance][reload]") {
    // The original creates the shoe and its player in one create with
    // include; here the player is created first.
    Fixture f;
    Model& Shoe = f.db->define("Shoe", {{"brand", DataTypes::STRING}});
    Model& Player = f.db->define("Player", {{"name", DataTypes::STRING}});
    Player.hasOne(Shoe);
    Shoe.belongsTo(Player);
    f.db->sync({.force = true});
    Instance player = Player.create({{"name", "the player"}});
    Instance shoe = Shoe.create({{"brand", "the brand"}, {"PlayerId", player.get("id")}});
    auto lePlayer1 =
        Player.findOne({.where = {{"id", player.get("id")}}, .include = {{.model = &Shoe}}});
    REQUIRE(lePlayer1);
    REQUIRE(lePlayer1->related("Shoe").size() == 1);
    Instance theShoe = lePlayer1->related("Shoe")[0];
    theShoe.destroy();
    Instance& lePlayer = lePlayer1->reload();
    REQUIRE(lePlayer.related("Shoe").empty());
}

// Fails: reload() refreshes the instance's own values only; the rows an
// include loaded stay as they were.
SEQUELIZE_FAILING_CASE("instance/reload.test.js",
                       "reload > should set an association to empty after all deletion, 1-N",
                       "[instance][reload]") {
    // The original creates the team and its players in one create with
    // include; here the players are created after the team.
    Fixture f;
    Model& Team = f.db->define("Team", {{"name", DataTypes::STRING}});
    Model& Player = f.db->define("Player", {{"name", DataTypes::STRING}});
    Team.hasMany(Player);
    Player.belongsTo(Team);
    f.db->sync({.force = true});
    Instance team = Team.create({{"name", "the team"}});
    Team.association("Players").create(team, {{"name", "the player1"}});
    Team.association("Players").create(team, {{"name", "the player2"}});
    auto leTeam1 =
        Team.findOne({.where = {{"id", team.get("id")}}, .include = {{.model = &Player}}});
    REQUIRE(leTeam1);
    REQUIRE(!leTeam1->related("Players").empty());
    std::vector<Instance> players = leTeam1->related("Players");
    players.at(1).destroy();
    players.at(0).destroy();
    Instance& leTeam = leTeam1->reload();
    REQUIRE(leTeam.related("Players").empty());
}

// Fails: reload() refreshes the instance's own values only; the rows an
// include loaded stay as they were.
SEQUELIZE_FAILING_CASE("instance/reload.test.js",
                       "reload > should update the associations after one element deleted",
                       "[instance][reload]") {
    Fixture f;
    Model& Team = f.db->define("Team", {{"name", DataTypes::STRING}});
    Model& Player = f.db->define("Player", {{"name", DataTypes::STRING}});
    Team.hasMany(Player);
    Player.belongsTo(Team);
    f.db->sync({.force = true});
    Instance team = Team.create({{"name", "the team"}});
    Team.association("Players").create(team, {{"name", "the player1"}});
    Team.association("Players").create(team, {{"name", "the player2"}});
    auto leTeam1 =
        Team.findOne({.where = {{"id", team.get("id")}}, .include = {{.model = &Player}}});
    REQUIRE(leTeam1);
    REQUIRE(leTeam1->related("Players").size() == 2);
    Instance first = leTeam1->related("Players")[0];
    first.destroy();
    Instance& leTeam = leTeam1->reload();
    REQUIRE(leTeam.related("Players").size() == 1);
}

// Fails: the default scope's include is not applied: findByPk loads no Bars.
SEQUELIZE_FAILING_CASE("instance/reload.test.js",
                       "reload > should inject default scope when reloading",
                       "[instance][reload]") {
    Fixture f;
    Model& Bar = f.db->define("Bar", {{"name", DataTypes::TEXT}});
    Model& Foo = f.db->define("Foo", {{"name", DataTypes::TEXT}},
                              {.defaultScope = FindOptions{.include = {{.model = &Bar}}}});
    Bar.belongsTo(Foo);
    Foo.hasMany(Bar);
    f.db->sync({.force = true});
    Instance foo = Foo.create({{"name", "foo"}});
    Foo.association("Bars").create(foo, {{"name", "bar"}});
    auto fooFromFind = Foo.findByPk(foo.get("id"));
    REQUIRE(fooFromFind);
    REQUIRE(fooFromFind->related("Bars").size() == 1);
    REQUIRE(str(fooFromFind->related("Bars")[0], "name") == "bar");
    foo.reload();
    REQUIRE(foo.hasRelated("Bars"));
    REQUIRE(foo.related("Bars").size() == 1);
    REQUIRE(str(foo.related("Bars")[0], "name") == "bar");
}
