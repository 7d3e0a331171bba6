// test/integration/associations/belongs-to-many.test.js
#include "common.hpp"

#include <algorithm>

using namespace tabula;

namespace {

// User and Task, each belongsToMany the other through UserTasks.
struct UserTasks {
    std::unique_ptr<Database> db;
    Model& User;
    Model& Task;
    Association& tasks;
    Association& users;
    explicit UserTasks(Options options = {}, ModelOptions modelOptions = {})
        : db(assoc::open(std::move(options))),
          User(db->define("User", {{"username", DataTypes::STRING}}, modelOptions)),
          Task(db->define("Task", {{"title", DataTypes::STRING}}, modelOptions)),
          tasks(User.belongsToMany(Task, {.through = "UserTasks"})),
          users(Task.belongsToMany(User, {.through = "UserTasks"})) {
        db->sync({.force = true});
    }
};

// The getAssociations setup: John with two tasks.
struct JohnsTasks {
    std::unique_ptr<Database> db = assoc::open();
    Model& User = db->define("User", {{"username", DataTypes::STRING}});
    Model& Task =
        db->define("Task", {{"title", DataTypes::STRING}, {"active", DataTypes::BOOLEAN}});
    Association& tasks = User.belongsToMany(Task, {.through = "UserTasks"});
    Association& users = Task.belongsToMany(User, {.through = "UserTasks"});
    std::vector<Instance> taskRows;
    std::optional<Instance> user;
    JohnsTasks() {
        db->sync({.force = true});
        Instance john = User.create({{"username", "John"}});
        taskRows.push_back(Task.create({{"title", "Get rich"}, {"active", true}}));
        taskRows.push_back(Task.create({{"title", "Die trying"}, {"active", false}}));
        tasks.set(john, taskRows);
        user = john;
    }
    Instance john() const { return *User.findOne({.where = {{"username", "John"}}}); }
};

// Article (key pk) and Label (key sk) through the ArticleLabel model.
struct ArticleLabels {
    std::unique_ptr<Database> db = assoc::open();
    Model& Article = db->define(
        "Article", {{"pk", {.type = DataTypes::INTEGER, .primaryKey = true, .autoIncrement = true}},
                    {"title", DataTypes::STRING}});
    Model& Label = db->define(
        "Label", {{"sk", {.type = DataTypes::INTEGER, .primaryKey = true, .autoIncrement = true}},
                  {"text", DataTypes::STRING}});
    Model& ArticleLabel = db->define("ArticleLabel", {});
    Association& labels = Article.belongsToMany(Label, {.through = "ArticleLabel"});
    Association& articles = Label.belongsToMany(Article, {.through = "ArticleLabel"});
    ArticleLabels() { db->sync({.force = true}); }
};

std::vector<std::string> titles(const std::vector<Instance>& rows) {
    std::vector<std::string> out;
    for (const auto& r : rows)
        out.push_back(r.get<std::string>("title"));
    std::sort(out.begin(), out.end());
    return out;
}

} // namespace

SEQUELIZE_CASE("associations/belongs-to-many.test.js", "getAssociations > supports transactions",
               "[belongsToMany]") {
    auto db = assoc::open();
    Model& Article = db->define("Article", {{"title", DataTypes::STRING}});
    Model& Label = db->define("Label", {{"text", DataTypes::STRING}});
    Association& labels = Article.belongsToMany(Label, {.through = "ArticleLabels"});
    Label.belongsToMany(Article, {.through = "ArticleLabels"});
    db->sync({.force = true});
    Instance article = Article.create({{"title", "foo"}});
    Instance label = Label.create({{"text", "bar"}});
    Transaction t = db->transaction();
    labels.set(article, {label}, &t);
    auto articles0 = Article.findAll({.transaction = &t});
    REQUIRE(labels.get(articles0[0]).empty());
    auto articles = Article.findAll({.transaction = &t});
    REQUIRE(labels.get(articles[0], {.transaction = &t}).size() == 1);
    t.rollback();
}

SEQUELIZE_CASE("associations/belongs-to-many.test.js",
               "getAssociations > gets all associated objects with all fields", "[belongsToMany]") {
    JohnsTasks f;
    auto tasks = f.tasks.get(f.john());
    REQUIRE_FALSE(tasks.empty());
    for (const auto& attr : f.Task.attributeNames())
        REQUIRE_NOTHROW(tasks[0].get(attr));
}

SEQUELIZE_CASE("associations/belongs-to-many.test.js",
               "getAssociations > gets all associated objects when no options are passed",
               "[belongsToMany]") {
    JohnsTasks f;
    REQUIRE(f.tasks.get(f.john()).size() == 2);
}

SEQUELIZE_CASE("associations/belongs-to-many.test.js",
               "getAssociations > only get objects that fulfill the options", "[belongsToMany]") {
    JohnsTasks f;
    REQUIRE(f.tasks.get(f.john(), {.where = {{"active", true}}}).size() == 1);
}

SEQUELIZE_CASE("associations/belongs-to-many.test.js", "getAssociations > supports a where not in",
               "[belongsToMany]") {
    JohnsTasks f;
    // [Op.not]: [list] is NOT IN.
    REQUIRE(f.tasks.get(f.john(), {.where = {{"title", {Op::notIn, {"Get rich"}}}}}).size() == 1);
}

SEQUELIZE_CASE("associations/belongs-to-many.test.js",
               "getAssociations > supports a where not in on the primary key", "[belongsToMany]") {
    JohnsTasks f;
    REQUIRE(f.tasks
                .get(f.john(),
                     {.where = {{"id", {Op::notIn, Value::array({f.taskRows[0].get("id")})}}}})
                .size() == 1);
}

SEQUELIZE_CASE("associations/belongs-to-many.test.js",
               "getAssociations > only gets objects that fulfill options with a formatted value",
               "[belongsToMany]") {
    JohnsTasks f;
    REQUIRE(f.tasks.get(f.john(), {.where = {{"active", true}}}).size() == 1);
}

SEQUELIZE_CASE("associations/belongs-to-many.test.js",
               "getAssociations > get associated objects with an eager load", "[belongsToMany]") {
    JohnsTasks f;
    auto john = f.User.findOne({.where = {{"username", "John"}}, .include = {{.model = &f.Task}}});
    REQUIRE(john);
    REQUIRE(john->related("Tasks").size() == 2);
}

SEQUELIZE_CASE("associations/belongs-to-many.test.js",
               "getAssociations > get associated objects with an eager load with conditions but "
               "not required",
               "[belongsToMany]") {
    JohnsTasks f;
    Model& Label =
        f.db->define("Label", {{"title", DataTypes::STRING}, {"isActive", DataTypes::BOOLEAN}});
    f.Task.hasMany(Label);
    Label.belongsTo(f.Task);
    Label.sync({.force = true});
    auto john = f.User.findOne(
        {.where = {{"username", "John"}},
         .include = {
             {.model = &f.Task,
              .required = false,
              .include = {{.model = &Label, .where = {{"isActive", true}}, .required = false}}}}});
    REQUIRE(john);
    REQUIRE(john->related("Tasks").size() == 2);
}

SEQUELIZE_CASE("associations/belongs-to-many.test.js", "getAssociations > should support schemas",
               "[belongsToMany]") {
    NOT_SUPPORTED("schemas");
}

SEQUELIZE_CASE("associations/belongs-to-many.test.js",
               "getAssociations > supports custom primary keys and foreign keys",
               "[belongsToMany]") {
    auto db = assoc::open();
    Model& User = db->define("User",
                             {{"id_user",
                               {.type = DataTypes::UUID,
                                .allowNull = false,
                                .defaultValue = DataTypes::UUIDV4,
                                .primaryKey = true}}},
                             {.tableName = "tbl_user"});
    Model& Group = db->define("Group",
                              {{"id_group",
                                {.type = DataTypes::UUID,
                                 .allowNull = false,
                                 .defaultValue = DataTypes::UUIDV4,
                                 .primaryKey = true}}},
                              {.tableName = "tbl_group"});
    db->define("User_has_Group", {}, {.tableName = "tbl_user_has_group"});
    Association& groups = User.belongsToMany(
        Group, {.as = "groups", .foreignKey = "id_user", .through = "User_has_Group"});
    Group.belongsToMany(User,
                        {.as = "users", .foreignKey = "id_group", .through = "User_has_Group"});
    db->sync({.force = true});
    Instance user0 = User.create({});
    Instance group = Group.create({});
    groups.add(user0, {group});
    auto user = User.findOne({.where = {}});
    REQUIRE(user);
    REQUIRE_NOTHROW(groups.get(*user));
}

namespace {

// The non-primary-key join cases: User and Group with UUID keys and second
// UUIDs, linked through `through` with the given keys; each user gets one
// group. Checks what can be seen without the junction's attributes.
struct SecondKeys {
    std::string userSourceKey{}, userTargetKey{}, groupSourceKey{}, groupTargetKey{};
    std::string userForeignKey{}, groupForeignKey{};
    bool throughModel = false;
};

void secondKeysCase(const SecondKeys& k, const char* userPk, const char* groupPk,
                    const std::string& userPkField, const std::string& groupPkField) {
    auto db = assoc::open();
    Model& User = db->define("User",
                             {{userPk,
                               {.type = DataTypes::UUID,
                                .allowNull = false,
                                .defaultValue = DataTypes::UUIDV4,
                                .primaryKey = true,
                                .field = userPkField}},
                              {"userSecondId",
                               {.type = DataTypes::UUID,
                                .allowNull = false,
                                .defaultValue = DataTypes::UUIDV4,
                                .unique = true,
                                .field = "user_second_id"}}},
                             {.tableName = "tbl_user"});
    Model& Group = db->define("Group",
                              {{groupPk,
                                {.type = DataTypes::UUID,
                                 .allowNull = false,
                                 .defaultValue = DataTypes::UUIDV4,
                                 .primaryKey = true,
                                 .field = groupPkField}},
                               {"groupSecondId",
                                {.type = DataTypes::UUID,
                                 .allowNull = false,
                                 .defaultValue = DataTypes::UUIDV4,
                                 .unique = true,
                                 .field = "group_second_id"}}},
                              {.tableName = "tbl_group"});
    std::string through = "usergroups";
    if (k.throughModel) {
        through = "User_has_Group";
        db->define(through, {}, {.tableName = "tbl_user_has_group"});
    }
    Association& groups = User.belongsToMany(Group, {.foreignKey = k.userForeignKey,
                                                     .sourceKey = k.userSourceKey,
                                                     .targetKey = k.userTargetKey,
                                                     .through = through});
    Association& users = Group.belongsToMany(User, {.foreignKey = k.groupForeignKey,
                                                    .sourceKey = k.groupSourceKey,
                                                    .targetKey = k.groupTargetKey,
                                                    .through = through});
    db->sync({.force = true});
    Instance user1 = User.create({});
    Instance user2 = User.create({});
    Instance group1 = Group.create({});
    Instance group2 = Group.create({});
    groups.add(user1, {group1});
    groups.add(user2, {group2});
    auto us = User.findAll({.where = {}, .include = {{.model = &Group}}});
    auto gs = Group.findAll({.include = {{.model = &User}}});
    REQUIRE(us.size() == 2);
    REQUIRE(us[0].related("Groups").size() == 1);
    REQUIRE(us[1].related("Groups").size() == 1);
    REQUIRE(gs.size() == 2);
    REQUIRE(gs[0].related("Users").size() == 1);
    REQUIRE(gs[1].related("Users").size() == 1);
    REQUIRE(users.get(group1).size() == 1);
}

} // namespace

SEQUELIZE_CASE("associations/belongs-to-many.test.js",
               "getAssociations > supports primary key attributes with different field and "
               "attribute names",
               "[belongsToMany]") {
    auto db = assoc::open();
    Model& User = db->define("User",
                             {{"userSecondId",
                               {.type = DataTypes::UUID,
                                .allowNull = false,
                                .defaultValue = DataTypes::UUIDV4,
                                .primaryKey = true,
                                .field = "user_id"}}},
                             {.tableName = "tbl_user"});
    Model& Group = db->define("Group",
                              {{"groupSecondId",
                                {.type = DataTypes::UUID,
                                 .allowNull = false,
                                 .defaultValue = DataTypes::UUIDV4,
                                 .primaryKey = true,
                                 .field = "group_id"}}},
                              {.tableName = "tbl_group"});
    db->define("User_has_Group", {}, {.tableName = "tbl_user_has_group"});
    Association& groups = User.belongsToMany(Group, {.through = "User_has_Group"});
    Group.belongsToMany(User, {.through = "User_has_Group"});
    db->sync({.force = true});
    Instance user0 = User.create({});
    Instance group = Group.create({});
    groups.add(user0, {group});
    auto user = User.findOne({.where = {}, .include = {{.model = &Group}}});
    auto users = User.findAll({.include = {{.model = &Group}}});
    REQUIRE(user);
    REQUIRE(user->related("Groups").size() == 1);
    REQUIRE(users.size() == 1);
    REQUIRE(users[0].toJSON() == user->toJSON());
    // user.Groups[0].User_has_Group.UserUserSecondId and the like.
    NOT_SUPPORTED("through attributes");
}

// Fails: the two sides of a belongsToMany are not paired: Group's side
// keeps its own keys (GroupGroupSecondId, UserId) in the junction, so the
// rows User's side added (UserUserSecondId, GroupId) are not seen from it.
SEQUELIZE_FAILING_CASE("associations/belongs-to-many.test.js",
                       "getAssociations > supports non primary key attributes for joins (sourceKey "
                       "only)",
                       "[belongsToMany]") {
    secondKeysCase({.userSourceKey = "userSecondId", .groupSourceKey = "groupSecondId"}, "id", "id",
                   "user_id", "group_id");
}

SEQUELIZE_CASE("associations/belongs-to-many.test.js",
               "getAssociations > supports non primary key attributes for joins (targetKey "
               "only)",
               "[belongsToMany]") {
    secondKeysCase({.userSourceKey = "userSecondId", .groupTargetKey = "userSecondId"}, "id", "id",
                   "user_id", "group_id");
    NOT_SUPPORTED("through attributes");
}

SEQUELIZE_CASE("associations/belongs-to-many.test.js",
               "getAssociations > supports non primary key attributes for joins (sourceKey and "
               "targetKey)",
               "[belongsToMany]") {
    secondKeysCase({.userSourceKey = "userSecondId",
                    .userTargetKey = "groupSecondId",
                    .groupSourceKey = "groupSecondId",
                    .groupTargetKey = "userSecondId"},
                   "id", "id", "user_id", "group_id");
    NOT_SUPPORTED("through attributes");
}

// Fails: the two sides of a belongsToMany are not paired (see the sourceKey
// only case).
SEQUELIZE_FAILING_CASE("associations/belongs-to-many.test.js",
                       "getAssociations > supports non primary key attributes for joins (custom "
                       "through model)",
                       "[belongsToMany]") {
    secondKeysCase(
        {.userSourceKey = "userSecondId", .groupSourceKey = "groupSecondId", .throughModel = true},
        "id", "id", "user_id", "group_id");
}

SEQUELIZE_CASE("associations/belongs-to-many.test.js",
               "getAssociations > supports non primary key attributes for joins for getting "
               "associations (sourceKey/targetKey)",
               "[belongsToMany]") {
    auto db = assoc::open();
    Model& User = db->define("User",
                             {{"userId",
                               {.type = DataTypes::UUID,
                                .allowNull = false,
                                .defaultValue = DataTypes::UUIDV4,
                                .primaryKey = true}},
                              {"userSecondId",
                               {.type = DataTypes::UUID,
                                .allowNull = false,
                                .defaultValue = DataTypes::UUIDV4,
                                .unique = true,
                                .field = "user_second_id"}}},
                             {.tableName = "tbl_user"});
    Model& Group = db->define("Group",
                              {{"groupId",
                                {.type = DataTypes::UUID,
                                 .allowNull = false,
                                 .defaultValue = DataTypes::UUIDV4,
                                 .primaryKey = true}},
                               {"groupSecondId",
                                {.type = DataTypes::UUID,
                                 .allowNull = false,
                                 .defaultValue = DataTypes::UUIDV4,
                                 .unique = true,
                                 .field = "group_second_id"}}},
                              {.tableName = "tbl_group"});
    Association& groups = User.belongsToMany(
        Group,
        {.sourceKey = "userSecondId", .targetKey = "groupSecondId", .through = "usergroups"});
    Association& users = Group.belongsToMany(
        User, {.sourceKey = "groupSecondId", .targetKey = "userSecondId", .through = "usergroups"});
    db->sync({.force = true});
    Instance user1 = User.create({});
    Instance user2 = User.create({});
    Instance group1 = Group.create({});
    Instance group2 = Group.create({});
    groups.add(user1, {group1});
    groups.add(user2, {group2});
    auto groups1 = groups.get(user1);
    auto groups2 = groups.get(user2);
    auto users1 = users.get(group1);
    auto users2 = users.get(group2);
    REQUIRE(groups1.size() == 1);
    REQUIRE(groups1[0].get("groupId") == group1.get("groupId"));
    REQUIRE(groups2.size() == 1);
    REQUIRE(groups2[0].get("groupId") == group2.get("groupId"));
    REQUIRE(users1.size() == 1);
    REQUIRE(users1[0].get("userId") == user1.get("userId"));
    REQUIRE(users2.size() == 1);
    REQUIRE(users2[0].get("userId") == user2.get("userId"));
}

// Fails: the two sides of a belongsToMany are not paired (see the sourceKey
// only case).
SEQUELIZE_FAILING_CASE("associations/belongs-to-many.test.js",
                       "getAssociations > supports non primary key attributes for joins (custom "
                       "foreignKey)",
                       "[belongsToMany]") {
    secondKeysCase({.userSourceKey = "userSecondId",
                    .groupSourceKey = "groupSecondId",
                    .userForeignKey = "userId2",
                    .groupForeignKey = "groupId2"},
                   "id", "id", "user_id", "group_id");
}

// Fails: the two sides of a belongsToMany are not paired (see the sourceKey
// only case).
SEQUELIZE_FAILING_CASE("associations/belongs-to-many.test.js",
                       "getAssociations > supports non primary key attributes for joins (custom "
                       "foreignKey, custom through model)",
                       "[belongsToMany]") {
    secondKeysCase({.userSourceKey = "userSecondId",
                    .groupSourceKey = "groupSecondId",
                    .userForeignKey = "userId2",
                    .groupForeignKey = "groupId2",
                    .throughModel = true},
                   "id", "id", "user_id", "group_id");
}

SEQUELIZE_CASE("associations/belongs-to-many.test.js",
               "getAssociations > supports primary key attributes with different field names where "
               "parent include is required",
               "[belongsToMany]") {
    auto db = assoc::open();
    auto uuidKey = [](const char* field) {
        return Attribute{.type = DataTypes::UUID,
                         .allowNull = false,
                         .defaultValue = DataTypes::UUIDV4,
                         .primaryKey = true,
                         .field = field};
    };
    Model& User = db->define("User", {{"id", uuidKey("user_id")}}, {.tableName = "tbl_user"});
    Model& Company =
        db->define("Company", {{"id", uuidKey("company_id")}}, {.tableName = "tbl_company"});
    Model& Group = db->define("Group", {{"id", uuidKey("group_id")}}, {.tableName = "tbl_group"});
    db->define("Company_has_Group", {}, {.tableName = "tbl_company_has_group"});
    Association& company = User.belongsTo(Company);
    Company.hasMany(User);
    Association& groups = Company.belongsToMany(Group, {.through = "Company_has_Group"});
    Group.belongsToMany(Company, {.through = "Company_has_Group"});
    db->sync({.force = true});
    Instance user = User.create({});
    Instance group = Group.create({});
    Instance comp = Company.create({});
    company.set(user, {comp});
    groups.add(comp, {group});
    REQUIRE_NOTHROW(User.findOne(
        {.where = {}, .include = {{.model = &Company, .include = {{.model = &Group}}}}}));
    REQUIRE_NOTHROW(
        User.findAll({.include = {{.model = &Company, .include = {{.model = &Group}}}}}));
    REQUIRE_NOTHROW(User.findOne(
        {.where = {},
         .include = {{.model = &Company, .required = true, .include = {{.model = &Group}}}}}));
    REQUIRE_NOTHROW(User.findAll(
        {.include = {{.model = &Company, .required = true, .include = {{.model = &Group}}}}}));
}

SEQUELIZE_CASE("associations/belongs-to-many.test.js", "hasAssociations > supports transactions",
               "[belongsToMany]") {
    ArticleLabels f;
    Instance article = f.Article.create({{"title", "foo"}});
    Instance label = f.Label.create({{"text", "bar"}});
    Transaction t = f.db->transaction();
    f.labels.set(article, {label}, &t);
    auto articles = f.Article.findAll({.transaction = &t});
    REQUIRE_FALSE(f.labels.has(articles[0], {label}));
    REQUIRE(f.labels.has(articles[0], {label}, &t));
    t.rollback();
}

SEQUELIZE_CASE("associations/belongs-to-many.test.js",
               "hasAssociations > answers false if only some labels have been assigned",
               "[belongsToMany]") {
    ArticleLabels f;
    Instance article = f.Article.create({{"title", "Article"}});
    Instance label1 = f.Label.create({{"text", "Awesomeness"}});
    Instance label2 = f.Label.create({{"text", "Epicness"}});
    f.labels.add(article, {label1});
    REQUIRE_FALSE(f.labels.has(article, {label1, label2}));
}

SEQUELIZE_CASE("associations/belongs-to-many.test.js",
               "hasAssociations > answers false if only some labels have been assigned when "
               "passing a primary key instead of an object",
               "[belongsToMany]") {
    ArticleLabels f;
    Instance article = f.Article.create({{"title", "Article"}});
    Instance label1 = f.Label.create({{"text", "Awesomeness"}});
    Instance label2 = f.Label.create({{"text", "Epicness"}});
    f.labels.add(article, {label1});
    // The accessors take instances: one built from the key alone stands for it.
    REQUIRE_FALSE(f.labels.has(article, {f.Label.build({{"sk", label1.get("sk")}}),
                                         f.Label.build({{"sk", label2.get("sk")}})}));
}

SEQUELIZE_CASE("associations/belongs-to-many.test.js",
               "hasAssociations > answers true if all label have been assigned",
               "[belongsToMany]") {
    ArticleLabels f;
    Instance article = f.Article.create({{"title", "Article"}});
    Instance label1 = f.Label.create({{"text", "Awesomeness"}});
    Instance label2 = f.Label.create({{"text", "Epicness"}});
    f.labels.set(article, {label1, label2});
    REQUIRE(f.labels.has(article, {label1, label2}));
}

SEQUELIZE_CASE("associations/belongs-to-many.test.js",
               "hasAssociations > answers true if all label have been assigned when passing a "
               "primary key instead of an object",
               "[belongsToMany]") {
    ArticleLabels f;
    Instance article = f.Article.create({{"title", "Article"}});
    Instance label1 = f.Label.create({{"text", "Awesomeness"}});
    Instance label2 = f.Label.create({{"text", "Epicness"}});
    f.labels.set(article, {label1, label2});
    REQUIRE(f.labels.has(article, {f.Label.build({{"sk", label1.get("sk")}}),
                                   f.Label.build({{"sk", label2.get("sk")}})}));
}

SEQUELIZE_CASE("associations/belongs-to-many.test.js",
               "hasAssociations > answers true for labels that have been assigned multitple times",
               "[belongsToMany]") {
    NOT_SUPPORTED("through attributes");
}

SEQUELIZE_CASE("associations/belongs-to-many.test.js",
               "hasAssociations > answers true for labels that have been assigned multitple times "
               "when passing a primary key instead of an object",
               "[belongsToMany]") {
    NOT_SUPPORTED("through attributes");
}

namespace {

struct BinaryKeys {
    std::unique_ptr<Database> db = assoc::open();
    // BLOB('tiny'), BINARY(255) on MySQL: a BLOB key here.
    Model& Article = db->define("Article", {{"id", {.type = DataTypes::BLOB, .primaryKey = true}}});
    Model& Label = db->define("Label", {{"id", {.type = DataTypes::BLOB, .primaryKey = true}}});
    Model& ArticleLabel = db->define("ArticleLabel", {});
    Association& labels = Article.belongsToMany(Label, {.through = "ArticleLabel"});
    BinaryKeys() {
        Label.belongsToMany(Article, {.through = "ArticleLabel"});
        db->sync({.force = true});
    }
};

} // namespace

SEQUELIZE_CASE("associations/belongs-to-many.test.js",
               "hasAssociations with binary key > answers true for labels that have been assigned",
               "[belongsToMany]") {
    // BINARY(255) on MySQL, where a BLOB cannot be a key.
    if (conformance::isMysql()) NOT_SUPPORTED("BINARY(n)");
    BinaryKeys f;
    Instance article = f.Article.create({{"id", Bytes(255, 0)}});
    Instance label = f.Label.create({{"id", Bytes(255, 0)}});
    f.labels.add(article, {label});
    REQUIRE(f.labels.has(article, {label}));
}

SEQUELIZE_CASE("associations/belongs-to-many.test.js",
               "hasAssociations with binary key > answer false for labels that have not been "
               "assigned",
               "[belongsToMany]") {
    // BINARY(255) on MySQL, where a BLOB cannot be a key.
    if (conformance::isMysql()) NOT_SUPPORTED("BINARY(n)");
    BinaryKeys f;
    Instance article = f.Article.create({{"id", Bytes(255, 0)}});
    Instance label = f.Label.create({{"id", Bytes(255, 0)}});
    REQUIRE_FALSE(f.labels.has(article, {label}));
}

namespace {

struct CountTasks {
    std::unique_ptr<Database> db = assoc::open();
    Model& User = db->define("User", {{"username", DataTypes::STRING}});
    Model& Task =
        db->define("Task", {{"title", DataTypes::STRING}, {"active", DataTypes::BOOLEAN}});
    Model& UserTask =
        db->define("UserTask",
                   {{"id", {.type = DataTypes::INTEGER, .primaryKey = true, .autoIncrement = true}},
                    {"started", {.type = DataTypes::BOOLEAN, .defaultValue = false}}});
    Association& tasks = User.belongsToMany(Task, {.through = "UserTask"});
    std::optional<Instance> user;
    CountTasks() {
        Task.belongsToMany(User, {.through = "UserTask"});
        db->sync({.force = true});
        Instance john = User.create({{"username", "John"}});
        Instance task1 = Task.create({{"title", "Get rich"}, {"active", true}});
        Instance task2 = Task.create({{"title", "Die trying"}, {"active", false}});
        tasks.set(john, {task1, task2});
        user = john;
    }
};

} // namespace

SEQUELIZE_CASE("associations/belongs-to-many.test.js",
               "countAssociations > should count all associations", "[belongsToMany]") {
    CountTasks f;
    REQUIRE(f.tasks.count(*f.user, {}) == 2);
}

SEQUELIZE_CASE("associations/belongs-to-many.test.js",
               "countAssociations > should count filtered associations", "[belongsToMany]") {
    CountTasks f;
    REQUIRE(f.tasks.count(*f.user, {.where = {{"active", true}}}) == 1);
}

SEQUELIZE_CASE("associations/belongs-to-many.test.js",
               "countAssociations > should count scoped associations", "[belongsToMany]") {
    CountTasks f;
    NOT_SUPPORTED("association scope");
}

SEQUELIZE_CASE("associations/belongs-to-many.test.js",
               "countAssociations > should count scoped through associations", "[belongsToMany]") {
    CountTasks f;
    NOT_SUPPORTED("through attributes");
}

SEQUELIZE_CASE("associations/belongs-to-many.test.js",
               "setAssociations > clears associations when passing null to the set-method",
               "[belongsToMany]") {
    UserTasks f;
    Instance user = f.User.create({{"username", "foo"}});
    Instance task = f.Task.create({{"title", "task"}});
    f.users.set(task, {user});
    REQUIRE(f.users.get(task).size() == 1);
    // null is the empty list here.
    f.users.set(task, {});
    REQUIRE(f.users.get(task).empty());
}

SEQUELIZE_CASE("associations/belongs-to-many.test.js",
               "setAssociations > should be able to set twice with custom primary keys",
               "[belongsToMany]") {
    auto db = assoc::open();
    Model& User = db->define(
        "User", {{"uid", {.type = DataTypes::INTEGER, .primaryKey = true, .autoIncrement = true}},
                 {"username", DataTypes::STRING}});
    Model& Task = db->define(
        "Task", {{"tid", {.type = DataTypes::INTEGER, .primaryKey = true, .autoIncrement = true}},
                 {"title", DataTypes::STRING}});
    User.belongsToMany(Task, {.through = "UserTasks"});
    Association& users = Task.belongsToMany(User, {.through = "UserTasks"});
    db->sync({.force = true});
    Instance user1 = User.create({{"username", "foo"}});
    Instance user2 = User.create({{"username", "bar"}});
    Instance task = Task.create({{"title", "task"}});
    users.set(task, {user1});
    users.set(task, {user1, user2});
    REQUIRE(users.get(task).size() == 2);
}

SEQUELIZE_CASE("associations/belongs-to-many.test.js",
               "setAssociations > joins an association with custom primary keys",
               "[belongsToMany]") {
    auto db = assoc::open();
    Model& Group =
        db->define("group", {{"group_id", {.type = DataTypes::INTEGER, .primaryKey = true}},
                             {"name", DataTypes::STRING(64)}});
    Model& Member =
        db->define("member", {{"member_id", {.type = DataTypes::INTEGER, .primaryKey = true}},
                              {"email", DataTypes::STRING(64)}});
    Association& members = Group.belongsToMany(
        Member, {.foreignKey = "group_id", .through = "group_members", .otherKey = "member_id"});
    Member.belongsToMany(
        Group, {.foreignKey = "member_id", .through = "group_members", .otherKey = "group_id"});
    db->sync({.force = true});
    Instance group = Group.create({{"group_id", 1}, {"name", "Group1"}});
    Instance member = Member.create({{"member_id", 10}, {"email", "team@sequelizejs.com"}});
    members.add(group, {member});
    auto got = members.get(group);
    REQUIRE(got.size() == 1);
    REQUIRE(got[0].get("member_id").asInt() == 10);
    REQUIRE(got[0].get<std::string>("email") == "team@sequelizejs.com");
}

SEQUELIZE_CASE("associations/belongs-to-many.test.js",
               "setAssociations > supports passing the primary key instead of an object",
               "[belongsToMany]") {
    UserTasks f;
    Instance user = f.User.create({{"id", 12}});
    Instance task1 = f.Task.create({{"id", 50}, {"title", "get started"}});
    Instance task2 = f.Task.create({{"id", 5}, {"title", "wat"}});
    f.tasks.add(user, {f.Task.build({{"id", task1.get("id")}})});
    f.tasks.set(user, {f.Task.build({{"id", task2.get("id")}})});
    auto tasks = f.tasks.get(user);
    REQUIRE(tasks.size() == 1);
    REQUIRE(tasks[0].get<std::string>("title") == "wat");
}

SEQUELIZE_CASE("associations/belongs-to-many.test.js",
               "setAssociations > using scope to set associations", "[belongsToMany]") {
    NOT_SUPPORTED("association scope");
}

SEQUELIZE_CASE("associations/belongs-to-many.test.js",
               "setAssociations > updating association via set associations with scope",
               "[belongsToMany]") {
    NOT_SUPPORTED("association scope");
}

SEQUELIZE_CASE("associations/belongs-to-many.test.js",
               "setAssociations > should catch EmptyResultError when rejectOnEmpty is set",
               "[belongsToMany]") {
    NOT_SUPPORTED("model option rejectOnEmpty");
}

SEQUELIZE_CASE("associations/belongs-to-many.test.js",
               "createAssociations > creates a new associated object", "[belongsToMany]") {
    UserTasks f;
    Instance task = f.Task.create({{"title", "task"}});
    Instance createdUser = f.users.create(task, {{"username", "foo"}});
    REQUIRE(&createdUser.model() == &f.User);
    REQUIRE(createdUser.get<std::string>("username") == "foo");
    REQUIRE(f.users.get(task).size() == 1);
}

SEQUELIZE_CASE("associations/belongs-to-many.test.js", "createAssociations > supports transactions",
               "[belongsToMany]") {
    UserTasks f;
    Instance task = f.Task.create({{"title", "task"}});
    Transaction t = f.db->transaction();
    f.users.create(task, {{"username", "foo"}}, &t);
    REQUIRE(f.users.get(task).empty());
    REQUIRE(f.users.get(task, {.transaction = &t}).size() == 1);
    t.rollback();
}

SEQUELIZE_CASE("associations/belongs-to-many.test.js",
               "createAssociations > supports setting through table attributes",
               "[belongsToMany]") {
    NOT_SUPPORTED("through attributes");
}

SEQUELIZE_CASE("associations/belongs-to-many.test.js",
               "createAssociations > supports using the field parameter", "[belongsToMany]") {
    UserTasks f;
    f.Task.create({{"title", "task"}});
    NOT_SUPPORTED("createAssociation with options.fields");
}

SEQUELIZE_CASE("associations/belongs-to-many.test.js",
               "addAssociations > supports both single instance and array", "[belongsToMany]") {
    UserTasks f;
    Instance user = f.User.create({{"id", 12}});
    Instance task1 = f.Task.create({{"id", 50}, {"title", "get started"}});
    Instance task2 = f.Task.create({{"id", 52}, {"title", "get done"}});
    f.tasks.add(user, {task1});
    f.tasks.add(user, {task2});
    REQUIRE(titles(f.tasks.get(user)) == std::vector<std::string>{"get done", "get started"});
}

SEQUELIZE_CASE("associations/belongs-to-many.test.js", "addAssociations > supports transactions",
               "[belongsToMany]") {
    UserTasks f;
    Instance user = f.User.create({{"username", "foo"}});
    Instance task = f.Task.create({{"title", "task"}});
    Transaction t = f.db->transaction();
    f.users.add(task, {user}, &t);
    REQUIRE_FALSE(f.users.has(task, {user}));
    REQUIRE(f.users.has(task, {user}, &t));
    t.rollback();
}

SEQUELIZE_CASE("associations/belongs-to-many.test.js",
               "addAssociations > supports transactions when updating a through model",
               "[belongsToMany]") {
    NOT_SUPPORTED("through attributes");
}

SEQUELIZE_CASE("associations/belongs-to-many.test.js",
               "addAssociations > supports passing the primary key instead of an object",
               "[belongsToMany]") {
    UserTasks f;
    Instance user = f.User.create({{"id", 12}});
    Instance task = f.Task.create({{"id", 50}, {"title", "get started"}});
    f.tasks.add(user, {f.Task.build({{"id", task.get("id")}})});
    REQUIRE(f.tasks.get(user).at(0).get<std::string>("title") == "get started");
}

SEQUELIZE_CASE("associations/belongs-to-many.test.js",
               "addAssociations > should not pass indexes to the join table", "[belongsToMany]") {
    // indexes: [{unique: true, fields: ['username']}] is the attribute's
    // unique key here; no model option names indexes.
    auto db = assoc::open();
    Model& User = db->define(
        "User", {{"username", {.type = DataTypes::STRING, .unique = "username_unique"}}});
    Model& Task = db->define("Task", {{"title", DataTypes::STRING}});
    User.belongsToMany(Task, {.through = "UserTasks"});
    Task.belongsToMany(User, {.through = "UserTasks"});
    REQUIRE_NOTHROW(db->sync({.force = true}));
    NOT_SUPPORTED("model option indexes");
}

SEQUELIZE_CASE("associations/belongs-to-many.test.js",
               "addAssociations > should catch EmptyResultError when rejectOnEmpty is set",
               "[belongsToMany]") {
    NOT_SUPPORTED("model option rejectOnEmpty");
}

SEQUELIZE_CASE("associations/belongs-to-many.test.js",
               "addAssociations > should returns array of intermediate table", "[belongsToMany]") {
    NOT_SUPPORTED("add returning the junction rows");
}

SEQUELIZE_CASE("associations/belongs-to-many.test.js",
               "addMultipleAssociations > supports both single instance and array",
               "[belongsToMany]") {
    UserTasks f;
    Instance user = f.User.create({{"id", 12}});
    Instance task1 = f.Task.create({{"id", 50}, {"title", "get started"}});
    Instance task2 = f.Task.create({{"id", 52}, {"title", "get done"}});
    f.tasks.add(user, {task1});
    f.tasks.add(user, {task2});
    REQUIRE(titles(f.tasks.get(user)) == std::vector<std::string>{"get done", "get started"});
}

SEQUELIZE_CASE("associations/belongs-to-many.test.js",
               "addMultipleAssociations > adds associations without removing the current ones",
               "[belongsToMany]") {
    UserTasks f;
    f.User.bulkCreate({{{"username", "foo "}}, {{"username", "bar "}}, {{"username", "baz "}}});
    Instance task = f.Task.create({{"title", "task"}});
    auto users = f.User.findAll();
    f.users.set(task, {users[0]});
    f.users.add(task, {users[1], users[2]});
    REQUIRE(f.users.get(task).size() == 3);
    REQUIRE_NOTHROW(f.users.add(task, {users[0]}));
    REQUIRE_NOTHROW(f.users.add(task, {f.User.build({{"id", users[0].get("id")}})}));
    REQUIRE(f.users.get(task).size() == 3);
}

SEQUELIZE_CASE("associations/belongs-to-many.test.js", "through model validations > runs on add",
               "[belongsToMany]") {
    NOT_SUPPORTED("through attributes");
}

SEQUELIZE_CASE("associations/belongs-to-many.test.js", "through model validations > runs on set",
               "[belongsToMany]") {
    NOT_SUPPORTED("through attributes");
}

SEQUELIZE_CASE("associations/belongs-to-many.test.js", "through model validations > runs on create",
               "[belongsToMany]") {
    NOT_SUPPORTED("through attributes");
}

namespace {

struct Optimizations {
    std::vector<std::string> log;
    std::unique_ptr<Database> db =
        assoc::open({.logging = [this](const std::string& l) { log.push_back(l); }});
    Model& User = db->define("User", {{"username", DataTypes::STRING}}, {.timestamps = false});
    Model& Task = db->define("Task", {{"title", DataTypes::STRING}}, {.timestamps = false});
    Association& tasks = User.belongsToMany(Task, {.through = "UserTasks"});
    Optimizations() {
        Task.belongsToMany(User, {.through = "UserTasks"});
        db->sync({.force = true});
    }
};

} // namespace

// Fails: set runs three statements (a DELETE of every link, a SELECT of
// those left, one INSERT), not two (a SELECT and one INSERT).
SEQUELIZE_FAILING_CASE("associations/belongs-to-many.test.js",
                       "optimizations using bulk create, destroy and update > uses one insert into "
                       "statement",
                       "[belongsToMany]") {
    Optimizations f;
    Instance user = f.User.create({{"username", "foo"}});
    Instance task1 = f.Task.create({{"id", 12}, {"title", "task1"}});
    Instance task2 = f.Task.create({{"id", 15}, {"title", "task2"}});
    f.log.clear();
    f.tasks.set(user, {task1, task2});
    REQUIRE(f.log.size() == 2);
}

// Fails: clearing the links is one DELETE, not a SELECT and a DELETE.
SEQUELIZE_FAILING_CASE("associations/belongs-to-many.test.js",
                       "optimizations using bulk create, destroy and update > uses one delete from "
                       "statement",
                       "[belongsToMany]") {
    Optimizations f;
    Instance user = f.User.create({{"username", "foo"}});
    Instance task1 = f.Task.create({{"title", "task1"}});
    Instance task2 = f.Task.create({{"title", "task2"}});
    f.tasks.set(user, {task1, task2});
    f.log.clear();
    f.tasks.set(user, {});
    REQUIRE(f.log.size() == 2);
}
