// test/integration/model/attributes/field.test.js
#include "../introspect.hpp"
#include "support.hpp"

#include <string>
#include <vector>

using namespace tabula;

namespace {

// The models of the original, their tables created from the models (the
// original creates the same columns with queryInterface.createTable).
struct Fixture {
    std::unique_ptr<Database> db = sequelize::open();
    Model& User = db->define("user",
                             {{"id",
                               {.type = DataTypes::INTEGER,
                                .allowNull = false,
                                .primaryKey = true,
                                .autoIncrement = true,
                                .field = "userId"}},
                              {"name", {.type = DataTypes::STRING, .field = "full_name"}},
                              {"taskCount",
                               {.type = DataTypes::INTEGER,
                                .allowNull = false,
                                .defaultValue = 0,
                                .field = "task_count"}}},
                             {.tableName = "users", .timestamps = false});
    Model& Task = db->define("task",
                             {{"id",
                               {.type = DataTypes::INTEGER,
                                .allowNull = false,
                                .primaryKey = true,
                                .autoIncrement = true,
                                .field = "taskId"}},
                              {"title", {.type = DataTypes::STRING, .field = "name"}}},
                             {.tableName = "tasks", .timestamps = false});
    Model& Comment = db->define(
        "comment",
        {{"id",
          {.type = DataTypes::INTEGER,
           .allowNull = false,
           .primaryKey = true,
           .autoIncrement = true,
           .field = "commentId"}},
         {"text", {.type = DataTypes::STRING, .field = "comment_text"}},
         {"notes", {.type = DataTypes::STRING, .field = "notes"}},
         {"likes", {.type = DataTypes::INTEGER, .field = "like_count"}},
         {"createdAt", {.type = DataTypes::DATE, .allowNull = false, .field = "created_at"}},
         {"updatedAt", {.type = DataTypes::DATE, .allowNull = false, .field = "updated_at"}}},
        {.tableName = "comments", .timestamps = true});
    Fixture() {
        User.hasMany(Task, {.foreignKey = "user_id"});
        Task.belongsTo(User, {.foreignKey = "user_id"});
        Task.hasMany(Comment, {.foreignKey = "task_id"});
        Comment.belongsTo(Task, {.foreignKey = "task_id"});
        User.belongsToMany(
            Comment, {.foreignKey = "userId", .through = "userComments", .otherKey = "commentId"});
        db->sync({.force = true});
    }
    void commentsFieldSameAsAttribute() {
        Comment.bulkCreate({{{"notes", "Number one"}}, {{"notes", "Number two"}}});
    }
};

std::string text(const Instance& i, const char* attribute) { return i.get<std::string>(attribute); }

Model& defineParanoidUser(Database& db) {
    // SQLite's table names ignore case: "Users" is the fixture's "users", which
    // the tables made from the fixture's models reference here (the
    // original's, made by queryInterface.createTable, have no foreign keys).
    for (const char* name : {"userComments", "comment", "task"})
        db.model(name).drop();
    Model& User =
        db.define("User", {{"deletedAt", {.type = DataTypes::DATE, .field = "deleted_at"}}},
                  {.timestamps = true, .paranoid = true});
    User.sync({.force = true});
    return User;
}

} // namespace

#define FIELD_CASE(title) SEQUELIZE_CASE("model/attributes/field.test.js", title, "[field]")

FIELD_CASE(
    "attributes > field > primaryKey > in combination with allowNull > sets the column to not "
    "allow null") {
    Fixture f;
    Model& ModelUnderTest = f.db->define(
        "ModelUnderTest",
        {{"identifier", {.type = DataTypes::STRING, .allowNull = false, .primaryKey = true}}});
    ModelUnderTest.sync({.force = true});
    REQUIRE_FALSE(sequelize::allowsNull(*f.db, ModelUnderTest.tableName(), "identifier"));
}

FIELD_CASE("attributes > field > primaryKey > should support instance.destroy()") {
    Fixture f;
    Instance user = f.User.create({});
    user.destroy();
    REQUIRE(f.User.count() == 0);
}

FIELD_CASE("attributes > field > primaryKey > should support Model.destroy()") {
    Fixture f;
    Instance user = f.User.create({});
    REQUIRE(f.User.destroy({.where = {{"id", user.get("id")}}}) == 1);
}

FIELD_CASE("attributes > field > field and attribute name is the same > bulkCreate should work") {
    Fixture f;
    f.commentsFieldSameAsAttribute();
    auto comments = f.Comment.findAll({.order = {"id"}});
    REQUIRE(comments.size() == 2);
    REQUIRE(text(comments[0], "notes") == "Number one");
    REQUIRE(text(comments[1], "notes") == "Number two");
}

FIELD_CASE("attributes > field > field and attribute name is the same > find with where should "
           "work") {
    Fixture f;
    f.commentsFieldSameAsAttribute();
    auto comments = f.Comment.findAll({.where = {{"notes", "Number one"}}});
    REQUIRE(comments.size() == 1);
    REQUIRE(text(comments[0], "notes") == "Number one");
}

FIELD_CASE("attributes > field > field and attribute name is the same > reload should work") {
    Fixture f;
    f.commentsFieldSameAsAttribute();
    auto comment = f.Comment.findByPk(1);
    REQUIRE(comment);
    comment->reload();
    REQUIRE(text(*comment, "notes") == "Number one");
}

FIELD_CASE("attributes > field > field and attribute name is the same > save should work") {
    Fixture f;
    f.commentsFieldSameAsAttribute();
    Instance comment = f.Comment.create({{"notes", "my note"}});
    comment.set("notes", "new note");
    comment.save();
    comment.reload();
    REQUIRE(text(comment, "notes") == "new note");
}

FIELD_CASE("attributes > field > increment should work") {
    Fixture f;
    f.Comment.destroy({.truncate = true});
    // `note` is not an attribute (the model has `notes`): it is left out.
    Instance comment = f.Comment.create({{"note", "oh boy, here I go again"}, {"likes", 23}});
    comment.increment("likes");
    comment.reload();
    REQUIRE(comment.get<std::int64_t>("likes") == 24);
}

FIELD_CASE("attributes > field > decrement should work") {
    Fixture f;
    f.Comment.destroy({.truncate = true});
    Instance comment = f.Comment.create({{"note", "oh boy, here I go again"}, {"likes", 23}});
    comment.decrement("likes");
    comment.reload();
    REQUIRE(comment.get<std::int64_t>("likes") == 22);
}

FIELD_CASE("attributes > field > sum should work") {
    Fixture f;
    f.Comment.destroy({.truncate = true});
    f.Comment.create({{"note", "oh boy, here I go again"}, {"likes", 23}});
    REQUIRE(f.Comment.sum("likes").asDouble() == 23);
}

FIELD_CASE("attributes > field > should create, fetch and update with alternative field names from "
           "a simple model") {
    Fixture f;
    f.User.create({{"name", "Foobar"}});
    auto user0 = f.User.findOne({.limit = 1});
    REQUIRE(user0);
    REQUIRE(text(*user0, "name") == "Foobar");
    user0->update({{"name", "Barfoo"}});
    auto user = f.User.findOne({.limit = 1});
    REQUIRE(user);
    REQUIRE(text(*user, "name") == "Barfoo");
}

FIELD_CASE("attributes > field > should bulk update") {
    Fixture f;
    Model& Entity =
        f.db->define("Entity", {{"strField", {.type = DataTypes::STRING, .field = "str_field"}}});
    f.db->sync({.force = true});
    Entity.create({{"strField", "foo"}});
    Entity.update({{"strField", "bar"}}, {.where = {{"strField", "foo"}}});
    auto entity = Entity.findOne({.where = {{"strField", "bar"}}});
    REQUIRE(entity);
    REQUIRE(text(*entity, "strField") == "bar");
}

FIELD_CASE("attributes > field > should not contain the field properties after create") {
    Fixture f;
    Model& Model_ = f.db->define(
        "test",
        {{"id",
          {.type = DataTypes::INTEGER,
           .primaryKey = true,
           .autoIncrement = true,
           .field = "test_id",
           .validate = {.min = 1}}},
         {"title", {.type = DataTypes::STRING(255), .allowNull = false, .field = "test_title"}}},
        {.freezeTableName = true, .timestamps = true, .underscored = true});
    Model_.sync({.force = true});
    Instance data = Model_.create({{"title", "test"}});
    // get() of a name that is not an attribute is a UsageError; the column
    // names are neither attributes nor in the instance's JSON.
    REQUIRE_FALSE(Model_.hasAttribute("test_title"));
    REQUIRE_FALSE(Model_.hasAttribute("test_id"));
    REQUIRE(data.toJSON().find("test_title") == std::string::npos);
    REQUIRE(data.toJSON().find("test_id") == std::string::npos);
    REQUIRE(data.extras().empty());
}

FIELD_CASE("attributes > field > should make the aliased auto incremented primary key available "
           "after create") {
    Fixture f;
    Instance user = f.User.create({{"name", "Barfoo"}});
    REQUIRE_FALSE(user.get("id").isNull());
}

FIELD_CASE("attributes > field > should work with where on includes for find") {
    Fixture f;
    Instance user = f.User.create({{"name", "Barfoo"}});
    Instance task0 = f.User.association("tasks").create(user, {{"title", "DatDo"}});
    f.Task.association("comments").create(task0, {{"text", "Comment"}});
    auto task = f.Task.findOne(
        {.where = {{"title", "DatDo"}}, .include = {{.model = &f.Comment}, {.model = &f.User}}});
    REQUIRE(task);
    REQUIRE(text(*task, "title") == "DatDo");
    REQUIRE(task->related("comments").size() == 1);
    REQUIRE(text(task->related("comments")[0], "text") == "Comment");
    REQUIRE(task->related("user").size() == 1);
}

FIELD_CASE("attributes > field > should work with where on includes for findAll") {
    Fixture f;
    Instance user = f.User.create({{"name", "Foobar"}});
    Instance task = f.User.association("tasks").create(user, {{"title", "DoDat"}});
    f.Task.association("comments").create(task, {{"text", "Comment"}});
    auto users = f.User.findAll({.include = {{.model = &f.Task,
                                              .where = {{"title", "DoDat"}},
                                              .include = {{.model = &f.Comment}}}}});
    REQUIRE(users.size() == 1);
    for (const auto& u : users) {
        REQUIRE_FALSE(u.get("name").isNull());
        REQUIRE(text(u.related("tasks")[0], "title") == "DoDat");
        REQUIRE(u.related("tasks")[0].hasRelated("comments"));
    }
}

FIELD_CASE("attributes > field > should work with increment") {
    Fixture f;
    Instance user = f.User.create({});
    user.increment("taskCount");
    REQUIRE(f.User.findByPk(user.get("id"))->get<std::int64_t>("taskCount") == 1);
}

FIELD_CASE("attributes > field > should work with a simple where") {
    Fixture f;
    f.User.create({{"name", "Foobar"}});
    REQUIRE(f.User.findOne({.where = {{"name", "Foobar"}}}));
}

FIELD_CASE("attributes > field > should work with a where or") {
    Fixture f;
    f.User.create({{"name", "Foobar"}});
    REQUIRE(f.User.findOne({.where = Op::or_({{{"name", "Foobar"}}, {{"name", "Lollerskates"}}})}));
}

FIELD_CASE("attributes > field > should work with bulkCreate and findAll") {
    Fixture f;
    f.User.bulkCreate({{{"name", "Abc"}}, {{"name", "Bcd"}}, {{"name", "Cde"}}});
    auto users = f.User.findAll();
    REQUIRE(users.size() == 3);
    for (const auto& u : users) {
        const std::string name = text(u, "name");
        REQUIRE((name == "Abc" || name == "Bcd" || name == "Cde"));
    }
}

FIELD_CASE("attributes > field > should support renaming of sequelize method fields") {
    NOT_SUPPORTED("sequelize.literal in attributes");
}

FIELD_CASE("attributes > field > should sync foreign keys with custom field names") {
    Fixture f;
    f.db->sync({.force = true});
    // Model.tableAttributes has no references here: the key is read from the
    // table that sync created.
    auto fks = sequelize::foreignKeys(*f.db, "tasks");
    REQUIRE(fks.size() == 1);
    REQUIRE(fks[0].columnName == "user_id");
    REQUIRE(fks[0].referencedTableName == "users");
    REQUIRE(fks[0].referencedColumnName == "userId");
}

FIELD_CASE("attributes > field > should find the value of an attribute with a custom field name") {
    Fixture f;
    f.User.create({{"name", "test user"}});
    auto user = f.User.findOne({.where = {{"name", "test user"}}});
    REQUIRE(user);
    REQUIRE(text(*user, "name") == "test user");
}

FIELD_CASE("attributes > field > field names that are the same as property names should create, "
           "update, and read correctly") {
    Fixture f;
    f.Comment.create({{"notes", "Foobar"}});
    auto comment0 = f.Comment.findOne({.limit = 1});
    REQUIRE(comment0);
    REQUIRE(text(*comment0, "notes") == "Foobar");
    comment0->update({{"notes", "Barfoo"}});
    auto comment = f.Comment.findOne({.limit = 1});
    REQUIRE(comment);
    REQUIRE(text(*comment, "notes") == "Barfoo");
}

FIELD_CASE("attributes > field > should work with a belongsTo association getter") {
    Fixture f;
    const int userId = 4242;
    Instance user = f.User.create({{"id", userId}});
    Instance task = f.Task.create({{"user_id", userId}});
    auto userB = f.Task.association("user").getOne(task);
    REQUIRE(userB);
    REQUIRE(user.get("id") == userB->get("id"));
    REQUIRE(user.get("id") == Value(userId));
    REQUIRE(userB->get("id") == Value(userId));
}

FIELD_CASE("attributes > field > should work with paranoid instance.destroy()") {
    Fixture f;
    Model& User = defineParanoidUser(*f.db);
    Instance user = User.create({});
    user.destroy();
    REQUIRE(User.findAll().empty());
}

FIELD_CASE("attributes > field > should work with paranoid Model.destroy()") {
    Fixture f;
    Model& User = defineParanoidUser(*f.db);
    Instance user = User.create({});
    User.destroy({.where = {{"id", user.get("id")}}});
    REQUIRE(User.findAll().empty());
}

FIELD_CASE("attributes > field > should work with `belongsToMany` association `count`") {
    Fixture f;
    Instance user = f.User.create({{"name", "John"}});
    REQUIRE(f.User.association("comments").count(user) == 0);
}

FIELD_CASE("attributes > field > should work with `hasMany` association `count`") {
    Fixture f;
    Instance user = f.User.create({{"name", "John"}});
    REQUIRE(f.User.association("tasks").count(user) == 0);
}
