// test/integration/associations/has-one.test.js
#include "associations/common.hpp"

using namespace tabula;

namespace {

// Sequelize's User/Group pair of the transaction cases: Group.hasOne(User).
struct GroupUser {
    std::unique_ptr<Database> db = sequelize::open();
    Model& User = db->define("User", {{"username", DataTypes::STRING}});
    Model& Group = db->define("Group", {{"name", DataTypes::STRING}});
    Association& user = Group.hasOne(User);
    GroupUser() { db->sync({.force = true}); }
};

// The Task/User pair of the foreign key constraint cases.
struct TaskUser {
    std::unique_ptr<Database> db = sequelize::open();
    Model& Task = db->define("Task", {{"title", DataTypes::STRING}});
    Model& User = db->define("User", {{"username", DataTypes::STRING}});
};

// The UserXYZ/TaskXYZ pair: User.hasOne(Task).
struct UserTaskXYZ {
    std::unique_ptr<Database> db = sequelize::open();
    Model& User = db->define("UserXYZ", {{"username", DataTypes::STRING}});
    Model& Task = db->define("TaskXYZ", {{"title", DataTypes::STRING}});
    Association& task = User.hasOne(Task);
    UserTaskXYZ() {
        User.sync({.force = true});
        Task.sync({.force = true});
    }
};

} // namespace

SEQUELIZE_CASE("associations/has-one.test.js",
               "Model.associations > should store all associations when associating to the same "
               "table multiple times",
               "[hasOne]") {
    auto db = sequelize::open();
    Model& User = db->define("User", {});
    Model& Group = db->define("Group", {});
    Group.hasOne(User);
    Group.hasOne(User, {.as = "primaryUsers", .foreignKey = "primaryGroupId"});
    Group.hasOne(User, {.as = "secondaryUsers", .foreignKey = "secondaryGroupId"});
    REQUIRE(Group.association("User").as() == "User");
    REQUIRE(Group.association("primaryUsers").foreignKey() == "primaryGroupId");
    REQUIRE(Group.association("secondaryUsers").foreignKey() == "secondaryGroupId");
}

SEQUELIZE_CASE("associations/has-one.test.js",
               "get > multiple > should fetch associations for multiple instances", "[hasOne]") {
    auto db = sequelize::open();
    Model& User = db->define("User", {});
    Model& Player = db->define("Player", {});
    Player.hasOne(User, {.as = "user"});
    db->sync({.force = true});
    Player.create({{"id", 1}});
    Player.create({{"id", 2}});
    Player.create({{"id", 3}});
    User.create({{"PlayerId", 1}});
    User.create({{"PlayerId", 2}});
    NOT_SUPPORTED("association get for several instances");
}

SEQUELIZE_CASE("associations/has-one.test.js", "getAssociation > supports transactions",
               "[hasOne]") {
    GroupUser f;
    Instance fakeUser = f.User.create({{"username", "foo"}});
    Instance user = f.User.create({{"username", "foo"}});
    Instance group = f.Group.create({{"name", "bar"}});
    Transaction t = f.db->transaction();
    f.user.set(group, {user}, &t);
    auto groups = f.Group.findAll();
    REQUIRE_FALSE(f.user.getOne(groups[0]).has_value());
    auto groups0 = f.Group.findAll({.transaction = &t});
    auto associated = f.user.getOne(groups0[0], {.transaction = &t});
    REQUIRE(associated);
    REQUIRE(associated->get("id") == user.get("id"));
    REQUIRE(associated->get("id") != fakeUser.get("id"));
    t.rollback();
}

SEQUELIZE_CASE("associations/has-one.test.js",
               "getAssociation > should be able to handle a where object that's a first class "
               "citizen.",
               "[hasOne]") {
    auto db = sequelize::open();
    Model& User = db->define("UserXYZ", {{"username", DataTypes::STRING}});
    Model& Task =
        db->define("TaskXYZ", {{"title", DataTypes::STRING}, {"status", DataTypes::STRING}});
    Association& task = User.hasOne(Task);
    User.sync({.force = true});
    Task.sync({.force = true});
    Instance user = User.create({{"username", "foo"}});
    Instance t = Task.create({{"title", "task"}, {"status", "inactive"}});
    task.set(user, {t});
    REQUIRE_FALSE(task.getOne(user, {.where = {{"status", "active"}}}).has_value());
}

SEQUELIZE_CASE("associations/has-one.test.js", "getAssociation > supports schemas", "[hasOne]") {
    NOT_SUPPORTED("schemas");
}

SEQUELIZE_CASE("associations/has-one.test.js", "setAssociation > supports transactions",
               "[hasOne]") {
    GroupUser f;
    Instance user = f.User.create({{"username", "foo"}});
    Instance group = f.Group.create({{"name", "bar"}});
    Transaction t = f.db->transaction();
    f.user.set(group, {user}, &t);
    auto groups = f.Group.findAll();
    REQUIRE_FALSE(f.user.getOne(groups[0]).has_value());
    t.rollback();
}

SEQUELIZE_CASE("associations/has-one.test.js",
               "setAssociation > can set an association with predefined primary keys", "[hasOne]") {
    auto db = sequelize::open();
    Model& User =
        db->define("UserXYZZ", {{"userCoolIdTag", {.type = DataTypes::INTEGER, .primaryKey = true}},
                                {"username", DataTypes::STRING}});
    Model& Task = db->define("TaskXYZZ",
                             {{"taskOrSomething", {.type = DataTypes::INTEGER, .primaryKey = true}},
                              {"title", DataTypes::STRING}});
    Association& task = User.hasOne(Task, {.foreignKey = "userCoolIdTag"});
    User.sync({.force = true});
    Task.sync({.force = true});
    Instance user = User.create({{"userCoolIdTag", 1}, {"username", "foo"}});
    Instance t = Task.create({{"taskOrSomething", 1}, {"title", "bar"}});
    task.set(user, {t});
    REQUIRE(task.getOne(user).has_value());
    task.set(user, {});
    REQUIRE_FALSE(task.getOne(user).has_value());
}

SEQUELIZE_CASE("associations/has-one.test.js",
               "setAssociation > clears the association if null is passed", "[hasOne]") {
    UserTaskXYZ f;
    Instance user = f.User.create({{"username", "foo"}});
    Instance t = f.Task.create({{"title", "task"}});
    f.task.set(user, {t});
    REQUIRE(f.task.getOne(user).has_value());
    // null is the empty list here.
    f.task.set(user, {});
    REQUIRE_FALSE(f.task.getOne(user).has_value());
}

SEQUELIZE_CASE("associations/has-one.test.js",
               "setAssociation > should throw a ForeignKeyConstraintError if the associated record "
               "does not exist",
               "[hasOne]") {
    UserTaskXYZ f;
    REQUIRE_THROWS_AS(f.Task.create({{"title", "task"}, {"UserXYZId", 5}}),
                      ForeignKeyConstraintError);
    Instance task = f.Task.create({{"title", "task"}});
    REQUIRE_THROWS_AS(f.Task.update({{"title", "taskUpdate"}, {"UserXYZId", 5}},
                                    {.where = {{"id", task.get("id")}}}),
                      ForeignKeyConstraintError);
}

SEQUELIZE_CASE("associations/has-one.test.js",
               "setAssociation > supports passing the primary key instead of an object",
               "[hasOne]") {
    UserTaskXYZ f;
    Instance user = f.User.create({});
    Instance task = f.Task.create({{"id", 19}, {"title", "task it!"}});
    // The accessors take instances: one built from the key alone stands for it.
    f.task.set(user, {f.Task.build({{"id", task.get("id")}})});
    auto found = f.task.getOne(user);
    REQUIRE(found);
    REQUIRE(found->get<std::string>("title") == "task it!");
}

SEQUELIZE_CASE("associations/has-one.test.js",
               "setAssociation > supports updating with a primary key instead of an object",
               "[hasOne]") {
    UserTaskXYZ f;
    Instance user = f.User.create({{"id", 1}, {"username", "foo"}});
    Instance task1 = f.Task.create({{"id", 20}, {"title", "bar"}});
    f.task.set(user, {f.Task.build({{"id", task1.get("id")}})});
    REQUIRE(f.task.getOne(user).has_value());
    Instance task2 = f.Task.create({{"id", 2}, {"title", "bar2"}});
    f.task.set(user, {f.Task.build({{"id", task2.get("id")}})});
    REQUIRE(f.task.getOne(user).has_value());
}

SEQUELIZE_CASE("associations/has-one.test.js",
               "setAssociation > supports setting same association twice", "[hasOne]") {
    auto db = sequelize::open();
    Model& Home = db->define("home", {});
    Model& User = db->define("user", {});
    Association& home = User.hasOne(Home);
    db->sync({.force = true});
    Instance h = Home.create({});
    Instance user = User.create({});
    home.set(user, {h});
    home.set(user, {h});
    auto got = home.getOne(user);
    REQUIRE(got);
    REQUIRE(got->get("id") == h.get("id"));
}

SEQUELIZE_CASE("associations/has-one.test.js",
               "createAssociation > creates an associated model instance", "[hasOne]") {
    auto db = sequelize::open();
    Model& User = db->define("User", {{"username", DataTypes::STRING}});
    Model& Task = db->define("Task", {{"title", DataTypes::STRING}});
    Association& task = User.hasOne(Task);
    db->sync({.force = true});
    Instance user = User.create({{"username", "bob"}});
    task.create(user, {{"title", "task"}});
    auto t = task.getOne(user);
    REQUIRE(t);
    REQUIRE(t->get<std::string>("title") == "task");
}

SEQUELIZE_CASE("associations/has-one.test.js", "createAssociation > supports transactions",
               "[hasOne]") {
    auto db = sequelize::open();
    Model& User = db->define("User", {{"username", DataTypes::STRING}});
    Model& Group = db->define("Group", {{"name", DataTypes::STRING}});
    Association& group = User.hasOne(Group);
    db->sync({.force = true});
    Instance user = User.create({{"username", "bob"}});
    Transaction t = db->transaction();
    group.create(user, {{"name", "testgroup"}}, &t);
    auto users = User.findAll();
    REQUIRE_FALSE(group.getOne(users[0]).has_value());
    auto users0 = User.findAll({.transaction = &t});
    REQUIRE(group.getOne(users0[0], {.transaction = &t}).has_value());
    t.rollback();
}

SEQUELIZE_CASE("associations/has-one.test.js",
               "foreign key > should setup underscored field with foreign keys when using "
               "underscored",
               "[hasOne]") {
    auto db = sequelize::open();
    Model& User = db->define("User", {{"username", DataTypes::STRING}}, {.underscored = true});
    Model& Account = db->define("Account", {{"name", DataTypes::STRING}}, {.underscored = true});
    Account.hasOne(User);
    REQUIRE(User.hasAttribute("AccountId"));
    // The column is account_id: read it back by that name.
    db->sync({.force = true});
    Instance a = Account.create({{"name", "a"}});
    User.create({{"username", "u"}, {"AccountId", a.get("id")}});
    REQUIRE(assoc::columnOf(*db, "Users", "account_id") == a.get("id"));
}

SEQUELIZE_CASE("associations/has-one.test.js",
               "foreign key > should use model name when using camelcase", "[hasOne]") {
    auto db = sequelize::open();
    Model& User = db->define("User", {{"username", DataTypes::STRING}}, {.underscored = false});
    Model& Account = db->define("Account", {{"name", DataTypes::STRING}}, {.underscored = false});
    Account.hasOne(User);
    REQUIRE(User.hasAttribute("AccountId"));
    db->sync({.force = true});
    Instance a = Account.create({{"name", "a"}});
    User.create({{"username", "u"}, {"AccountId", a.get("id")}});
    REQUIRE(assoc::columnOf(*db, "Users", "AccountId") == a.get("id"));
}

SEQUELIZE_CASE("associations/has-one.test.js",
               "foreign key > should support specifying the field of a foreign key", "[hasOne]") {
    auto db = sequelize::open();
    // foreignKey: {name: 'taskId', field: 'task_id'} is the attribute defined
    // on the model, which the association keeps.
    Model& User =
        db->define("UserXYZ", {{"username", DataTypes::STRING},
                               {"gender", DataTypes::STRING},
                               {"taskId", {.type = DataTypes::INTEGER, .field = "task_id"}}});
    Model& Task =
        db->define("TaskXYZ", {{"title", DataTypes::STRING}, {"status", DataTypes::STRING}});
    Association& user = Task.hasOne(User, {.foreignKey = "taskId"});
    REQUIRE(User.hasAttribute("taskId"));
    REQUIRE(User.attribute("taskId").field == "task_id");
    Task.sync({.force = true});
    User.sync({.force = true});
    Instance user0 = User.create({{"username", "foo"}, {"gender", "male"}});
    Instance task0 = Task.create({{"title", "task"}, {"status", "inactive"}});
    user.set(task0, {user0});
    REQUIRE(user.getOne(task0).has_value());
    auto task = Task.findOne({.where = {{"title", "task"}}, .include = {{.model = &User}}});
    REQUIRE(task);
    REQUIRE(task->related("UserXYZ").size() == 1);
}

SEQUELIZE_CASE("associations/has-one.test.js",
               "foreign key > should support custom primary key field name in sub queries",
               "[hasOne]") {
    auto db = sequelize::open();
    Model& User =
        db->define("UserXYZ", {{"username", DataTypes::STRING}, {"gender", DataTypes::STRING}});
    Model& Task = db->define(
        "TaskXYZ",
        {{"id",
          {.type = DataTypes::INTEGER, .primaryKey = true, .autoIncrement = true, .field = "Id"}},
         {"title", DataTypes::STRING},
         {"status", DataTypes::STRING}});
    Association& user = Task.hasOne(User);
    Task.sync({.force = true});
    User.sync({.force = true});
    // create with include is two creates here.
    Instance task0 = Task.create({{"title", "task"}, {"status", "inactive"}});
    user.create(task0, {{"username", "foo"}, {"gender", "male"}});
    REQUIRE_NOTHROW(task0.reload());
    auto withUser = Task.findOne({.include = {{.model = &User}}, .limit = 1});
    REQUIRE(withUser);
    REQUIRE(withUser->related("UserXYZ").size() == 1);
}

SEQUELIZE_CASE("associations/has-one.test.js", "foreign key constraints > are enabled by default",
               "[hasOne]") {
    TaskUser f;
    Association& task = f.User.hasOne(f.Task); // SET NULL
    f.User.sync({.force = true});
    f.Task.sync({.force = true});
    Instance user = f.User.create({{"username", "foo"}});
    Instance t = f.Task.create({{"title", "task"}});
    task.set(user, {t});
    user.destroy();
    t.reload();
    REQUIRE(t.get("UserId").isNull());
}

SEQUELIZE_CASE("associations/has-one.test.js",
               "foreign key constraints > sets to CASCADE if allowNull: false", "[hasOne]") {
    NOT_SUPPORTED("foreignKey as an attribute definition");
}

SEQUELIZE_CASE("associations/has-one.test.js",
               "foreign key constraints > should be possible to disable them", "[hasOne]") {
    NOT_SUPPORTED("constraints: false");
}

SEQUELIZE_CASE("associations/has-one.test.js", "foreign key constraints > can cascade deletes",
               "[hasOne]") {
    TaskUser f;
    Association& task = f.User.hasOne(f.Task, {.onDelete = "cascade"});
    f.User.sync({.force = true});
    f.Task.sync({.force = true});
    Instance user = f.User.create({{"username", "foo"}});
    Instance t = f.Task.create({{"title", "task"}});
    task.set(user, {t});
    user.destroy();
    REQUIRE(f.Task.findAll().empty());
}

SEQUELIZE_CASE("associations/has-one.test.js",
               "foreign key constraints > works when cascading a delete with hooks but there is no "
               "associate (i.e. \"has zero\")",
               "[hasOne]") {
    TaskUser f;
    f.User.hasOne(f.Task, {.onDelete = "cascade"});
    f.User.sync({.force = true});
    f.Task.sync({.force = true});
    Instance user = f.User.create({{"username", "foo"}});
    REQUIRE_NOTHROW(user.destroy());
    NOT_SUPPORTED("hooks: true on an association");
}

SEQUELIZE_CASE("associations/has-one.test.js", "foreign key constraints > can cascade updates",
               "[hasOne]") {
    SKIP_ON_DIALECTS("mssql");
    TaskUser f;
    Association& task = f.User.hasOne(f.Task, {.onUpdate = "cascade"});
    f.User.sync({.force = true});
    f.Task.sync({.force = true});
    Instance user = f.User.create({{"username", "foo"}});
    Instance t = f.Task.create({{"title", "task"}});
    task.set(user, {t});
    f.User.update({{"id", 999}}, {.where = {{"id", user.get("id")}}});
    auto tasks = f.Task.findAll();
    REQUIRE(tasks.size() == 1);
    REQUIRE(tasks[0].get("UserId").asInt() == 999);
}

namespace {

void restrictDeletes() {
    TaskUser f;
    Association& task = f.User.hasOne(f.Task, {.onDelete = "restrict"});
    f.User.sync({.force = true});
    f.Task.sync({.force = true});
    Instance user = f.User.create({{"username", "foo"}});
    Instance t = f.Task.create({{"title", "task"}});
    task.set(user, {t});
    REQUIRE_THROWS_AS(user.destroy(), ForeignKeyConstraintError);
    REQUIRE(f.Task.findAll().size() == 1);
}

void restrictUpdates() {
    TaskUser f;
    Association& task = f.User.hasOne(f.Task, {.onUpdate = "restrict"});
    f.User.sync({.force = true});
    f.Task.sync({.force = true});
    Instance user = f.User.create({{"username", "foo"}});
    Instance t = f.Task.create({{"title", "task"}});
    task.set(user, {t});
    REQUIRE_THROWS_AS(f.User.update({{"id", 999}}, {.where = {{"id", user.get("id")}}}),
                      ForeignKeyConstraintError);
    REQUIRE(f.Task.findAll().size() == 1);
}

} // namespace

SEQUELIZE_CASE("associations/has-one.test.js",
               "foreign key constraints > can restrict deletes (postgres, mysql)", "[hasOne]") {
    ONLY_ON_DIALECTS("postgres", "mysql");
    restrictDeletes();
}

SEQUELIZE_CASE("associations/has-one.test.js",
               "foreign key constraints > can restrict deletes (sqlite)", "[hasOne]") {
    ONLY_ON_DIALECTS("sqlite");
    restrictDeletes();
}

SEQUELIZE_CASE("associations/has-one.test.js",
               "foreign key constraints > can restrict updates (postgres, mysql)", "[hasOne]") {
    ONLY_ON_DIALECTS("postgres", "mysql");
    restrictUpdates();
}

SEQUELIZE_CASE("associations/has-one.test.js",
               "foreign key constraints > can restrict updates (sqlite)", "[hasOne]") {
    ONLY_ON_DIALECTS("sqlite");
    restrictUpdates();
}

SEQUELIZE_CASE("associations/has-one.test.js",
               "association column > has correct type for non-id primary keys with non-integer "
               "type",
               "[hasOne]") {
    auto db = sequelize::open();
    Model& User = db->define("UserPKBT", {{"username", DataTypes::STRING}});
    Model& Group =
        db->define("GroupPKBT", {{"name", {.type = DataTypes::STRING, .primaryKey = true}}});
    Group.hasOne(User);
    db->sync({.force = true});
    REQUIRE(User.attribute("GroupPKBTName").type.kind() == DataKind::String);
}

namespace {

// User.hasOne(Task, {foreignKey: 'username', sourceKey}) and the accessors.
void sourceKeyCase(const std::string& key, const std::string& field) {
    auto db = sequelize::open();
    Model& User =
        db->define("User", {{key, {.type = DataTypes::STRING, .unique = true, .field = field}}});
    Model& Task =
        db->define("Task", {{"title", DataTypes::STRING}, {"username", DataTypes::STRING}});
    Association& task = User.hasOne(Task, {.foreignKey = "username", .sourceKey = key});
    db->sync({.force = true});
    Instance newUser = User.create({{key, "bob"}});
    Instance newTask = Task.create({{"title", "some task"}});
    task.set(newUser, {newTask});
    auto foundUser = User.findOne({.where = {{key, "bob"}}});
    REQUIRE(foundUser);
    auto foundTask = task.getOne(*foundUser);
    REQUIRE(foundTask);
    REQUIRE(foundTask->get<std::string>("title") == "some task");
}

} // namespace

SEQUELIZE_CASE("associations/has-one.test.js",
               "association column > should support a non-primary key as the association column "
               "on a target with custom primary key",
               "[hasOne]") {
    sourceKeyCase("user_name", "");
}

SEQUELIZE_CASE("associations/has-one.test.js",
               "association column > should support a non-primary unique key as the association "
               "column",
               "[hasOne]") {
    sourceKeyCase("username", "");
}

SEQUELIZE_CASE("associations/has-one.test.js",
               "association column > should support a non-primary unique key as the association "
               "column with a field option",
               "[hasOne]") {
    sourceKeyCase("username", "the_user_name_field");
}

SEQUELIZE_CASE("associations/has-one.test.js",
               "Association options > can specify data type for autogenerated relational keys",
               "[hasOne]") {
    NOT_SUPPORTED("keyType");
}

SEQUELIZE_CASE("associations/has-one.test.js",
               "allows the user to provide an attribute definition object as foreignKey > works "
               "with a column that hasnt been defined before",
               "[hasOne]") {
    NOT_SUPPORTED("foreignKey as an attribute definition");
}

namespace {

void columnFromTheObject() {
    auto db = sequelize::open();
    Model& User = db->define("user", {{"uid", {.type = DataTypes::INTEGER, .primaryKey = true}}});
    Model& Profile =
        db->define("project", {{"user_id", {.type = DataTypes::INTEGER, .allowNull = false}}});
    User.hasOne(Profile, {.foreignKey = "user_id"});
    REQUIRE(Profile.hasAttribute("user_id"));
    REQUIRE_FALSE(Profile.attribute("user_id").allowNull);
    // references: {model: users, key: 'uid'}, seen through the constraint.
    db->sync({.force = true});
    User.create({{"uid", 7}});
    Profile.create({{"user_id", 7}});
    REQUIRE_THROWS_AS(Profile.create({{"user_id", 8}}), ForeignKeyConstraintError);
}

} // namespace

SEQUELIZE_CASE("associations/has-one.test.js",
               "allows the user to provide an attribute definition object as foreignKey > works "
               "when taking a column directly from the object (sqlite, postgres)",
               "[hasOne]") {
    ONLY_ON_DIALECTS("sqlite", "postgres");
    columnFromTheObject();
}

// Fails: the key of a NOT NULL attribute still gets ON DELETE SET NULL
// (Sequelize uses CASCADE), and MariaDB refuses to create the table.
SEQUELIZE_FAILING_CASE("associations/has-one.test.js",
                       "allows the user to provide an attribute definition object as foreignKey > "
                       "works when taking a column directly from the object (mysql)",
                       "[hasOne]") {
    ONLY_ON_DIALECTS("mysql");
    columnFromTheObject();
}

SEQUELIZE_CASE("associations/has-one.test.js",
               "allows the user to provide an attribute definition object as foreignKey > works "
               "when merging with an existing definition",
               "[hasOne]") {
    auto db = sequelize::open();
    Model& User = db->define("user", {{"uid", {.type = DataTypes::INTEGER, .primaryKey = true}}});
    Model& Project =
        db->define("project", {{"userUid", {.type = DataTypes::INTEGER, .defaultValue = 42}}});
    User.hasOne(Project);
    REQUIRE(Project.hasAttribute("userUid"));
    REQUIRE(Project.attribute("userUid").defaultValue.value == Value(42));
    // foreignKey: {allowNull: false} merged into the definition.
    NOT_SUPPORTED("foreignKey as an attribute definition");
}

SEQUELIZE_CASE("associations/has-one.test.js",
               "Association options > should throw an error if an association clashes "
               "with the name of an already define attribute",
               "[hasOne]") {
    auto db = sequelize::open();
    Model& User = db->define("user", {{"attribute", DataTypes::STRING}});
    Model& Attribute = db->define("attribute", {});
    REQUIRE_THROWS_AS(User.hasOne(Attribute), Error);
}

// Fails: the key is named OrdersId (the model name as written), not OrderId
// (its singular), by both sides.
SEQUELIZE_FAILING_CASE("associations/has-one.test.js",
                       "Counter part > BelongsTo > should only generate one foreign key",
                       "[hasOne]") {
    auto db = sequelize::open();
    Model& Orders = db->define("Orders", {}, {.timestamps = false});
    Model& InternetOrders = db->define("InternetOrders", {}, {.timestamps = false});
    InternetOrders.belongsTo(Orders);
    Orders.hasOne(InternetOrders);
    REQUIRE(InternetOrders.attributeNames().size() == 2);
    REQUIRE(InternetOrders.hasAttribute("OrderId"));
    REQUIRE_FALSE(InternetOrders.hasAttribute("OrdersId"));
}

namespace {

struct Individuals {
    std::unique_ptr<Database> db = sequelize::open();
    Model& Individual = db->define("individual", {{"name", DataTypes::STRING}});
    Model& Hat = db->define("hat", {{"name", DataTypes::STRING}});
    Association& hat = Individual.hasOne(Hat, {.as = "personwearinghat"});
    Individuals() { db->sync({.force = true}); }
};

} // namespace

SEQUELIZE_CASE("associations/has-one.test.js", "Eager loading > should load with an alias",
               "[hasOne][include]") {
    Individuals f;
    Instance individual1 = f.Individual.create({{"name", "Foo Bar"}});
    Instance h = f.Hat.create({{"name", "Baz"}});
    f.hat.set(individual1, {h});
    auto individual0 = f.Individual.findOne(
        {.where = {{"name", "Foo Bar"}}, .include = {{.model = &f.Hat, .as = "personwearinghat"}}});
    REQUIRE(individual0);
    REQUIRE(individual0->get<std::string>("name") == "Foo Bar");
    REQUIRE(individual0->related("personwearinghat").at(0).get<std::string>("name") == "Baz");
    NOT_SUPPORTED("as: {singular, plural}");
}

SEQUELIZE_CASE("associations/has-one.test.js", "Eager loading > should load all",
               "[hasOne][include]") {
    Individuals f;
    Instance individual0 = f.Individual.create({{"name", "Foo Bar"}});
    Instance h = f.Hat.create({{"name", "Baz"}});
    f.hat.set(individual0, {h});
    NOT_SUPPORTED("include: {all: true}");
}
