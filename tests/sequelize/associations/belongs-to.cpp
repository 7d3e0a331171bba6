// test/integration/associations/belongs-to.test.js
#include "associations/common.hpp"

using namespace tabula;

namespace {

// Sequelize's User/Group pair of the transaction cases.
struct UserGroup {
    std::unique_ptr<Database> db = sequelize::open();
    Model& User = db->define("User", {{"username", DataTypes::STRING}});
    Model& Group = db->define("Group", {{"name", DataTypes::STRING}});
    Association& user = Group.belongsTo(User);
    UserGroup() { db->sync({.force = true}); }
};

// The Task/User pair of the foreign key constraint cases.
struct TaskUser {
    std::unique_ptr<Database> db = sequelize::open();
    Model& Task = db->define("Task", {{"title", DataTypes::STRING}});
    Model& User = db->define("User", {{"username", DataTypes::STRING}});
};

} // namespace

SEQUELIZE_CASE("associations/belongs-to.test.js",
               "Model.associations > should store all associations when associating to the same "
               "table multiple times",
               "[belongsTo]") {
    auto db = sequelize::open();
    Model& User = db->define("User", {});
    Model& Group = db->define("Group", {});
    Group.belongsTo(User);
    Group.belongsTo(User, {.as = "primaryUsers", .foreignKey = "primaryGroupId"});
    Group.belongsTo(User, {.as = "secondaryUsers", .foreignKey = "secondaryGroupId"});
    REQUIRE(Group.association("User").as() == "User");
    REQUIRE(Group.association("primaryUsers").foreignKey() == "primaryGroupId");
    REQUIRE(Group.association("secondaryUsers").foreignKey() == "secondaryGroupId");
}

SEQUELIZE_CASE("associations/belongs-to.test.js",
               "get > multiple > should fetch associations for multiple instances", "[belongsTo]") {
    auto db = sequelize::open();
    Model& User = db->define("User", {});
    Model& Task = db->define("Task", {});
    Task.belongsTo(User, {.as = "user"});
    db->sync({.force = true});
    User.create({{"id", 1}});
    User.create({{"id", 2}});
    Task.create({{"id", 1}, {"userId", 1}});
    Task.create({{"id", 2}, {"userId", 2}});
    Task.create({{"id", 3}});
    NOT_SUPPORTED("association get for several instances");
}

SEQUELIZE_CASE("associations/belongs-to.test.js", "getAssociation > supports transactions",
               "[belongsTo]") {
    UserGroup f;
    Instance user = f.User.create({{"username", "foo"}});
    Instance group = f.Group.create({{"name", "bar"}});
    Transaction t = f.db->transaction();
    f.user.set(group, {user}, &t);
    auto groups = f.Group.findAll();
    REQUIRE_FALSE(f.user.getOne(groups[0]).has_value());
    auto groups0 = f.Group.findAll({.transaction = &t});
    REQUIRE(f.user.getOne(groups0[0], {.transaction = &t}).has_value());
    t.rollback();
}

SEQUELIZE_CASE("associations/belongs-to.test.js",
               "getAssociation > should be able to handle a where object that's a first class "
               "citizen.",
               "[belongsTo]") {
    auto db = sequelize::open();
    Model& User =
        db->define("UserXYZ", {{"username", DataTypes::STRING}, {"gender", DataTypes::STRING}});
    Model& Task =
        db->define("TaskXYZ", {{"title", DataTypes::STRING}, {"status", DataTypes::STRING}});
    Association& user = Task.belongsTo(User);
    User.sync({.force = true});
    Task.sync({.force = true});
    Instance userA = User.create({{"username", "foo"}, {"gender", "male"}});
    User.create({{"username", "bar"}, {"gender", "female"}});
    Instance task = Task.create({{"title", "task"}, {"status", "inactive"}});
    user.set(task, {userA});
    REQUIRE_FALSE(user.getOne(task, {.where = {{"gender", "female"}}}).has_value());
}

SEQUELIZE_CASE("associations/belongs-to.test.js", "getAssociation > supports schemas",
               "[belongsTo]") {
    NOT_SUPPORTED("schemas");
}

SEQUELIZE_CASE("associations/belongs-to.test.js",
               "getAssociation > supports schemas when defining custom foreign key attribute "
               "#9029",
               "[belongsTo]") {
    NOT_SUPPORTED("schemas");
}

SEQUELIZE_CASE("associations/belongs-to.test.js", "setAssociation > supports transactions",
               "[belongsTo]") {
    UserGroup f;
    Instance user = f.User.create({{"username", "foo"}});
    Instance group = f.Group.create({{"name", "bar"}});
    Transaction t = f.db->transaction();
    f.user.set(group, {user}, &t);
    auto groups = f.Group.findAll();
    REQUIRE_FALSE(f.user.getOne(groups[0]).has_value());
    t.rollback();
}

SEQUELIZE_CASE("associations/belongs-to.test.js",
               "setAssociation > can set the association with declared primary keys...",
               "[belongsTo]") {
    auto db = sequelize::open();
    Model& User =
        db->define("UserXYZ", {{"user_id", {.type = DataTypes::INTEGER, .primaryKey = true}},
                               {"username", DataTypes::STRING}});
    Model& Task =
        db->define("TaskXYZ", {{"task_id", {.type = DataTypes::INTEGER, .primaryKey = true}},
                               {"title", DataTypes::STRING}});
    Association& user = Task.belongsTo(User, {.foreignKey = "user_id"});
    db->sync({.force = true});
    Instance u = User.create({{"user_id", 1}, {"username", "foo"}});
    Instance task = Task.create({{"task_id", 1}, {"title", "task"}});
    user.set(task, {u});
    REQUIRE(user.getOne(task).has_value());
    user.set(task, {});
    REQUIRE_FALSE(user.getOne(task).has_value());
}

SEQUELIZE_CASE("associations/belongs-to.test.js",
               "setAssociation > clears the association if null is passed", "[belongsTo]") {
    auto db = sequelize::open();
    Model& User = db->define("UserXYZ", {{"username", DataTypes::STRING}});
    Model& Task = db->define("TaskXYZ", {{"title", DataTypes::STRING}});
    Association& user = Task.belongsTo(User);
    db->sync({.force = true});
    Instance u = User.create({{"username", "foo"}});
    Instance task = Task.create({{"title", "task"}});
    user.set(task, {u});
    REQUIRE(user.getOne(task).has_value());
    // null is the empty list here.
    user.set(task, {});
    REQUIRE_FALSE(user.getOne(task).has_value());
}

SEQUELIZE_CASE("associations/belongs-to.test.js",
               "setAssociation > should throw a ForeignKeyConstraintError if the associated record "
               "does not exist",
               "[belongsTo]") {
    auto db = sequelize::open();
    Model& User = db->define("UserXYZ", {{"username", DataTypes::STRING}});
    Model& Task = db->define("TaskXYZ", {{"title", DataTypes::STRING}});
    Task.belongsTo(User);
    db->sync({.force = true});
    REQUIRE_THROWS_AS(Task.create({{"title", "task"}, {"UserXYZId", 5}}),
                      ForeignKeyConstraintError);
    Instance task = Task.create({{"title", "task"}});
    REQUIRE_THROWS_AS(Task.update({{"title", "taskUpdate"}, {"UserXYZId", 5}},
                                  {.where = {{"id", task.get("id")}}}),
                      ForeignKeyConstraintError);
}

SEQUELIZE_CASE("associations/belongs-to.test.js",
               "setAssociation > supports passing the primary key instead of an object",
               "[belongsTo]") {
    auto db = sequelize::open();
    Model& User = db->define("UserXYZ", {{"username", DataTypes::STRING}});
    Model& Task = db->define("TaskXYZ", {{"title", DataTypes::STRING}});
    Association& user = Task.belongsTo(User);
    db->sync({.force = true});
    Instance u = User.create({{"id", 15}, {"username", "jansemand"}});
    Instance task = Task.create({});
    // The accessors take instances: one built from the key alone stands for it.
    user.set(task, {User.build({{"id", u.get("id")}})});
    auto found = user.getOne(task);
    REQUIRE(found);
    REQUIRE(found->get<std::string>("username") == "jansemand");
}

SEQUELIZE_CASE("associations/belongs-to.test.js", "setAssociation > should support logging",
               "[belongsTo]") {
    // The spy is the database's log, watched around the one call.
    std::vector<std::string> log;
    auto db = sequelize::open({.logging = [&](const std::string& l) { log.push_back(l); }});
    Model& User = db->define("UserXYZ", {{"username", DataTypes::STRING}});
    Model& Task = db->define("TaskXYZ", {{"title", DataTypes::STRING}});
    Association& user = Task.belongsTo(User);
    db->sync({.force = true});
    Instance u = User.create({});
    Instance task = Task.create({});
    log.clear();
    user.set(task, {u});
    REQUIRE_FALSE(log.empty());
}

SEQUELIZE_CASE("associations/belongs-to.test.js", "setAssociation > should not clobber atributes",
               "[belongsTo]") {
    auto db = sequelize::open();
    Model& Comment = db->define("comment", {{"text", DataTypes::STRING}});
    Model& Post = db->define("post", {{"title", DataTypes::STRING}});
    Post.hasOne(Comment);
    Association& post = Comment.belongsTo(Post);
    db->sync();
    Instance p = Post.create({{"title", "Post title"}});
    Instance comment = Comment.create({{"text", "OLD VALUE"}});
    comment.set("text", "UPDATED VALUE");
    post.set(comment, {p});
    REQUIRE(comment.get<std::string>("text") == "UPDATED VALUE");
}

SEQUELIZE_CASE("associations/belongs-to.test.js",
               "setAssociation > should set the foreign key value without saving when using save: "
               "false",
               "[belongsTo]") {
    auto db = sequelize::open();
    Model& Comment = db->define("comment", {{"text", DataTypes::STRING}});
    Model& Post = db->define("post", {{"title", DataTypes::STRING}});
    Post.hasMany(Comment, {.foreignKey = "post_id"});
    Comment.belongsTo(Post, {.foreignKey = "post_id"});
    db->sync({.force = true});
    Post.create({});
    Instance comment = Comment.create({});
    REQUIRE(comment.get("post_id").isNull());
    NOT_SUPPORTED("set with save: false");
}

SEQUELIZE_CASE("associations/belongs-to.test.js",
               "setAssociation > supports setting same association twice", "[belongsTo]") {
    auto db = sequelize::open();
    Model& Home = db->define("home", {});
    Model& User = db->define("user", {});
    Association& user = Home.belongsTo(User);
    db->sync({.force = true});
    Instance home = Home.create({});
    Instance u = User.create({});
    user.set(home, {u});
    user.set(home, {u});
    auto got = user.getOne(home);
    REQUIRE(got);
    REQUIRE(got->get("id") == u.get("id"));
}

SEQUELIZE_CASE("associations/belongs-to.test.js",
               "createAssociation > creates an associated model instance", "[belongsTo]") {
    auto db = sequelize::open();
    Model& User = db->define("User", {{"username", DataTypes::STRING}});
    Model& Task = db->define("Task", {{"title", DataTypes::STRING}});
    Association& user = Task.belongsTo(User);
    db->sync({.force = true});
    Instance task = Task.create({{"title", "task"}});
    Instance u = user.create(task, {{"username", "bob"}});
    REQUIRE(u.get<std::string>("username") == "bob");
}

SEQUELIZE_CASE("associations/belongs-to.test.js", "createAssociation > supports transactions",
               "[belongsTo]") {
    UserGroup f;
    Instance group = f.Group.create({{"name", "bar"}});
    Transaction t = f.db->transaction();
    f.user.create(group, {{"username", "foo"}}, &t);
    REQUIRE_FALSE(f.user.getOne(group).has_value());
    REQUIRE(f.user.getOne(group, {.transaction = &t}).has_value());
    t.rollback();
}

SEQUELIZE_CASE("associations/belongs-to.test.js",
               "foreign key > should setup underscored field with foreign keys when using "
               "underscored",
               "[belongsTo]") {
    auto db = sequelize::open();
    Model& User = db->define("User", {{"username", DataTypes::STRING}}, {.underscored = true});
    Model& Account = db->define("Account", {{"name", DataTypes::STRING}}, {.underscored = true});
    User.belongsTo(Account);
    REQUIRE(User.hasAttribute("AccountId"));
    // The column is account_id: read it back by that name.
    db->sync({.force = true});
    Instance a = Account.create({{"name", "a"}});
    User.create({{"username", "u"}, {"AccountId", a.get("id")}});
    REQUIRE(assoc::columnOf(*db, "Users", "account_id") == a.get("id"));
}

SEQUELIZE_CASE("associations/belongs-to.test.js",
               "foreign key > should use model name when using camelcase", "[belongsTo]") {
    auto db = sequelize::open();
    Model& User = db->define("User", {{"username", DataTypes::STRING}}, {.underscored = false});
    Model& Account = db->define("Account", {{"name", DataTypes::STRING}}, {.underscored = false});
    User.belongsTo(Account);
    REQUIRE(User.hasAttribute("AccountId"));
    db->sync({.force = true});
    Instance a = Account.create({{"name", "a"}});
    User.create({{"username", "u"}, {"AccountId", a.get("id")}});
    REQUIRE(assoc::columnOf(*db, "Users", "AccountId") == a.get("id"));
}

SEQUELIZE_CASE("associations/belongs-to.test.js",
               "foreign key > should support specifying the field of a foreign key",
               "[belongsTo]") {
    auto db = sequelize::open();
    // foreignKey: {name: 'AccountId', field: 'account_id'} is the attribute
    // defined on the model, which the association keeps.
    Model& User = db->define("User",
                             {{"username", DataTypes::STRING},
                              {"AccountId", {.type = DataTypes::INTEGER, .field = "account_id"}}},
                             {.underscored = false});
    Model& Account = db->define("Account", {{"title", DataTypes::STRING}}, {.underscored = false});
    Association& account = User.belongsTo(Account, {.foreignKey = "AccountId"});
    REQUIRE(User.hasAttribute("AccountId"));
    REQUIRE(User.attribute("AccountId").field == "account_id");
    Account.sync({.force = true});
    User.sync({.force = true});
    Instance user1 = User.create({{"username", "foo"}});
    Instance acc = Account.create({{"title", "pepsico"}});
    account.set(user1, {acc});
    REQUIRE(account.getOne(user1).has_value());
    auto user = User.findOne({.where = {{"username", "foo"}}, .include = {{.model = &Account}}});
    REQUIRE(user);
    REQUIRE(user->related("Account").size() == 1);
}

SEQUELIZE_CASE("associations/belongs-to.test.js",
               "foreign key > should set foreignKey on foreign table", "[belongsTo]") {
    NOT_SUPPORTED("foreignKey as an attribute definition");
}

SEQUELIZE_CASE("associations/belongs-to.test.js",
               "foreign key constraints > are enabled by default", "[belongsTo]") {
    TaskUser f;
    Association& user = f.Task.belongsTo(f.User); // SET NULL
    f.db->sync({.force = true});
    Instance u = f.User.create({{"username", "foo"}});
    Instance task = f.Task.create({{"title", "task"}});
    user.set(task, {u});
    u.destroy();
    task.reload();
    REQUIRE(task.get("UserId").isNull());
}

SEQUELIZE_CASE("associations/belongs-to.test.js",
               "foreign key constraints > sets to NO ACTION if allowNull: false", "[belongsTo]") {
    NOT_SUPPORTED("foreignKey as an attribute definition");
}

SEQUELIZE_CASE("associations/belongs-to.test.js",
               "foreign key constraints > should be possible to disable them", "[belongsTo]") {
    NOT_SUPPORTED("constraints: false");
}

SEQUELIZE_CASE("associations/belongs-to.test.js", "foreign key constraints > can cascade deletes",
               "[belongsTo]") {
    TaskUser f;
    Association& user = f.Task.belongsTo(f.User, {.onDelete = "cascade"});
    f.db->sync({.force = true});
    Instance u = f.User.create({{"username", "foo"}});
    Instance task = f.Task.create({{"title", "task"}});
    user.set(task, {u});
    u.destroy();
    REQUIRE(f.Task.findAll().empty());
}

namespace {

void restrictDeletes() {
    TaskUser f;
    Association& user = f.Task.belongsTo(f.User, {.onDelete = "restrict"});
    f.db->sync({.force = true});
    Instance u = f.User.create({{"username", "foo"}});
    Instance task = f.Task.create({{"title", "task"}});
    user.set(task, {u});
    REQUIRE_THROWS_AS(u.destroy(), ForeignKeyConstraintError);
    REQUIRE(f.Task.findAll().size() == 1);
}

void restrictUpdates() {
    TaskUser f;
    Association& user = f.Task.belongsTo(f.User, {.onUpdate = "restrict"});
    f.db->sync({.force = true});
    Instance u = f.User.create({{"username", "foo"}});
    Instance task = f.Task.create({{"title", "task"}});
    user.set(task, {u});
    REQUIRE_THROWS_AS(f.User.update({{"id", 999}}, {.where = {{"id", u.get("id")}}}),
                      ForeignKeyConstraintError);
    REQUIRE(f.Task.findAll().size() == 1);
}

} // namespace

SEQUELIZE_CASE("associations/belongs-to.test.js",
               "foreign key constraints > can restrict deletes (postgres, mysql)", "[belongsTo]") {
    ONLY_ON_DIALECTS("postgres", "mysql");
    restrictDeletes();
}

SEQUELIZE_CASE("associations/belongs-to.test.js",
               "foreign key constraints > can restrict deletes (sqlite)", "[belongsTo]") {
    ONLY_ON_DIALECTS("sqlite");
    restrictDeletes();
}

SEQUELIZE_CASE("associations/belongs-to.test.js",
               "foreign key constraints > can restrict updates (postgres, mysql)", "[belongsTo]") {
    ONLY_ON_DIALECTS("postgres", "mysql");
    restrictUpdates();
}

SEQUELIZE_CASE("associations/belongs-to.test.js",
               "foreign key constraints > can restrict updates (sqlite)", "[belongsTo]") {
    ONLY_ON_DIALECTS("sqlite");
    restrictUpdates();
}

SEQUELIZE_CASE("associations/belongs-to.test.js", "foreign key constraints > can cascade updates",
               "[belongsTo]") {
    SKIP_ON_DIALECTS("mssql");
    TaskUser f;
    Association& user = f.Task.belongsTo(f.User, {.onUpdate = "cascade"});
    f.db->sync({.force = true});
    Instance u = f.User.create({{"username", "foo"}});
    Instance task = f.Task.create({{"title", "task"}});
    user.set(task, {u});
    f.User.update({{"id", 999}}, {.where = {{"id", u.get("id")}}});
    auto tasks = f.Task.findAll();
    REQUIRE(tasks.size() == 1);
    REQUIRE(tasks[0].get("UserId").asInt() == 999);
}

SEQUELIZE_CASE("associations/belongs-to.test.js",
               "association column > has correct type and name for non-id primary keys with "
               "non-integer type",
               "[belongsTo]") {
    auto db = sequelize::open();
    Model& User = db->define("UserPKBT", {{"username", DataTypes::STRING}});
    Model& Group =
        db->define("GroupPKBT", {{"name", {.type = DataTypes::STRING, .primaryKey = true}}});
    User.belongsTo(Group);
    db->sync({.force = true});
    REQUIRE(User.attribute("GroupPKBTName").type.kind() == DataKind::String);
}

SEQUELIZE_CASE("associations/belongs-to.test.js",
               "association column > should support a non-primary key as the association column "
               "on a target without a primary key",
               "[belongsTo]") {
    NOT_SUPPORTED("Model.removeAttribute");
}

SEQUELIZE_CASE("associations/belongs-to.test.js",
               "association column > should support a non-primary unique key as the association "
               "column",
               "[belongsTo]") {
    auto db = sequelize::open();
    Model& User = db->define(
        "User", {{"username", {.type = DataTypes::STRING, .unique = true, .field = "user_name"}}});
    Model& Task = db->define("Task", {{"title", DataTypes::STRING}});
    Association& user = Task.belongsTo(User, {.foreignKey = "user_name", .targetKey = "username"});
    db->sync({.force = true});
    Instance newUser = User.create({{"username", "bob"}});
    Instance newTask = Task.create({{"title", "some task"}});
    user.set(newTask, {newUser});
    auto foundTask = Task.findOne({.where = {{"title", "some task"}}});
    REQUIRE(foundTask);
    auto foundUser = user.getOne(*foundTask);
    REQUIRE(foundUser);
    REQUIRE(foundUser->get<std::string>("username") == "bob");
    NOT_SUPPORTED("QueryInterface.getForeignKeyReferencesForTable");
}

SEQUELIZE_CASE("associations/belongs-to.test.js",
               "association column > should support a non-primary key as the association column "
               "with a field option",
               "[belongsTo]") {
    NOT_SUPPORTED("Model.removeAttribute");
}

SEQUELIZE_CASE("associations/belongs-to.test.js",
               "association column > should support a non-primary key as the association column "
               "in a table with a composite primary key",
               "[belongsTo]") {
    auto db = sequelize::open();
    Model& User = db->define(
        "User",
        {{"username", {.type = DataTypes::STRING, .unique = true, .field = "the_user_name_field"}},
         {"age", {.type = DataTypes::INTEGER, .primaryKey = true, .field = "the_user_age_field"}},
         {"weight",
          {.type = DataTypes::INTEGER, .primaryKey = true, .field = "the_user_weight_field"}}});
    Model& Task = db->define("Task", {{"title", DataTypes::STRING}});
    Association& user = Task.belongsTo(User, {.foreignKey = "user_name", .targetKey = "username"});
    db->sync({.force = true});
    Instance newUser = User.create({{"username", "bob"}, {"age", 18}, {"weight", 40}});
    Instance newTask = Task.create({{"title", "some task"}});
    user.set(newTask, {newUser});
    auto foundTask = Task.findOne({.where = {{"title", "some task"}}});
    REQUIRE(foundTask);
    auto foundUser = user.getOne(*foundTask);
    REQUIRE(foundUser);
    REQUIRE(foundUser->get<std::string>("username") == "bob");
    NOT_SUPPORTED("QueryInterface.getForeignKeyReferencesForTable");
}

SEQUELIZE_CASE("associations/belongs-to.test.js",
               "association options > can specify data type for auto-generated relational keys",
               "[belongsTo]") {
    NOT_SUPPORTED("keyType");
}

SEQUELIZE_CASE("associations/belongs-to.test.js",
               "allows the user to provide an attribute definition object as foreignKey > works "
               "with a column that hasnt been defined before",
               "[belongsTo]") {
    NOT_SUPPORTED("foreignKey as an attribute definition");
}

namespace {

void columnFromTheObject() {
    auto db = sequelize::open();
    Model& User = db->define("user", {{"uid", {.type = DataTypes::INTEGER, .primaryKey = true}}});
    Model& Profile =
        db->define("project", {{"user_id", {.type = DataTypes::INTEGER, .allowNull = false}}});
    Profile.belongsTo(User, {.foreignKey = "user_id"});
    REQUIRE(Profile.hasAttribute("user_id"));
    REQUIRE_FALSE(Profile.attribute("user_id").allowNull);
    // references: {model: users, key: 'uid'}, seen through the constraint.
    db->sync({.force = true});
    User.create({{"uid", 7}});
    Profile.create({{"user_id", 7}});
    REQUIRE_THROWS_AS(Profile.create({{"user_id", 8}}), ForeignKeyConstraintError);
}

} // namespace

SEQUELIZE_CASE("associations/belongs-to.test.js",
               "allows the user to provide an attribute definition object as foreignKey > works "
               "when taking a column directly from the object (sqlite, postgres)",
               "[belongsTo]") {
    ONLY_ON_DIALECTS("sqlite", "postgres");
    columnFromTheObject();
}

// Fails: the key of a NOT NULL attribute still gets ON DELETE SET NULL
// (Sequelize uses NO ACTION), and MariaDB refuses to create the table.
SEQUELIZE_FAILING_CASE("associations/belongs-to.test.js",
                       "allows the user to provide an attribute definition object as foreignKey > "
                       "works when taking a column directly from the object (mysql)",
                       "[belongsTo]") {
    ONLY_ON_DIALECTS("mysql");
    columnFromTheObject();
}

SEQUELIZE_CASE("associations/belongs-to.test.js",
               "allows the user to provide an attribute definition object as foreignKey > works "
               "when merging with an existing definition",
               "[belongsTo]") {
    auto db = sequelize::open();
    Model& Task =
        db->define("task", {{"projectId", {.type = DataTypes::INTEGER, .defaultValue = 42}}});
    Model& Project = db->define("project", {});
    // foreignKey: {allowNull: true} is the default.
    Task.belongsTo(Project);
    REQUIRE(Task.hasAttribute("projectId"));
    REQUIRE(Task.attribute("projectId").defaultValue.value == Value(42));
    REQUIRE(Task.attribute("projectId").allowNull);
}

SEQUELIZE_CASE("associations/belongs-to.test.js",
               "association options > should throw an error if foreignKey and as result in "
               "a name clash",
               "[belongsTo]") {
    auto db = sequelize::open();
    Model& Person = db->define("person", {});
    Model& Car = db->define("car", {});
    REQUIRE_THROWS_AS(Car.belongsTo(Person, {.foreignKey = "person"}), Error);
}

SEQUELIZE_CASE("associations/belongs-to.test.js",
               "association options > should throw an error if an association clashes "
               "with the name of an already define attribute",
               "[belongsTo]") {
    auto db = sequelize::open();
    Model& Person = db->define("person", {});
    Model& Car = db->define("car", {{"person", DataTypes::INTEGER}});
    REQUIRE_THROWS_AS(Car.belongsTo(Person, {.as = "person"}), Error);
}

namespace {

struct Individuals {
    std::unique_ptr<Database> db = sequelize::open();
    Model& Individual = db->define("individual", {{"name", DataTypes::STRING}});
    Model& Hat = db->define("hat", {{"name", DataTypes::STRING}});
    Association& hat = Individual.belongsTo(Hat, {.as = "personwearinghat"});
    Individuals() { db->sync({.force = true}); }
};

} // namespace

SEQUELIZE_CASE("associations/belongs-to.test.js", "Eager loading > should load with an alias",
               "[belongsTo][include]") {
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

SEQUELIZE_CASE("associations/belongs-to.test.js", "Eager loading > should load all",
               "[belongsTo][include]") {
    Individuals f;
    Instance individual0 = f.Individual.create({{"name", "Foo Bar"}});
    Instance h = f.Hat.create({{"name", "Baz"}});
    f.hat.set(individual0, {h});
    NOT_SUPPORTED("include: {all: true}");
}
