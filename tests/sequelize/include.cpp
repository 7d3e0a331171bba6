// test/integration/include.test.js
#include "associations/common.hpp"

#include <algorithm>

using namespace tabula;

namespace {

std::vector<Instance> byId(std::vector<Instance> rows) {
    std::sort(rows.begin(), rows.end(), [](const Instance& a, const Instance& b) {
        return a.get("id").asInt() < b.get("id").asInt();
    });
    return rows;
}

} // namespace

SEQUELIZE_CASE("include.test.js", "find > should support an empty belongsTo include", "[include]") {
    auto db = sequelize::open();
    Model& Company = db->define("Company", {});
    Model& User = db->define("User", {});
    User.belongsTo(Company, {.as = "Employer"});
    db->sync({.force = true});
    User.create({});
    auto user = User.findOne({.include = {{.model = &Company, .as = "Employer"}}});
    REQUIRE(user);
}

SEQUELIZE_CASE("include.test.js", "find > should support a belongsTo association reference",
               "[include]") {
    auto db = sequelize::open();
    Model& Company = db->define("Company", {});
    Model& User = db->define("User", {});
    Association& Employer = User.belongsTo(Company, {.as = "Employer"});
    db->sync({.force = true});
    User.create({});
    // An association is included by its name.
    auto user = User.findOne({.include = {{.as = Employer.as()}}});
    REQUIRE(user);
}

SEQUELIZE_CASE("include.test.js", "find > should support to use associations with Sequelize.col",
               "[include]") {
    auto db = sequelize::open();
    Model& Table1 = db->define("Table1", {});
    Model& Table2 = db->define("Table2", {});
    Model& Table3 = db->define("Table3", {{"value", DataTypes::INTEGER}});
    Table1.hasOne(Table2, {.foreignKey = "Table1Id"});
    Table2.hasMany(Table3, {.as = "Tables3", .foreignKey = "Table2Id"});
    db->sync({.force = true});
    Instance table1 = Table1.create({});
    Instance table2 = Table2.create({{"Table1Id", table1.get("id")}});
    Table3.bulkCreate({{{"Table2Id", table2.get("id")}, {"value", 5}},
                       {{"Table2Id", table2.get("id")}, {"value", 7}}});
    NOT_SUPPORTED("fn/col over an included model's columns");
}

SEQUELIZE_CASE("include.test.js",
               "find > should support a belongsTo association reference with a where",
               "[include]") {
    auto db = sequelize::open();
    Model& Company = db->define("Company", {{"name", DataTypes::STRING}});
    Model& User = db->define("User", {});
    Association& Employer = User.belongsTo(Company, {.as = "Employer", .foreignKey = "employerId"});
    db->sync({.force = true});
    Instance company = Company.create({{"name", "CyberCorp"}});
    User.create({{"employerId", company.get("id")}});
    auto user =
        User.findOne({.include = {{.as = Employer.as(), .where = {{"name", "CyberCorp"}}}}});
    REQUIRE(user);
}

SEQUELIZE_CASE("include.test.js", "find > should support a empty hasOne include", "[include]") {
    auto db = sequelize::open();
    Model& Company = db->define("Company", {});
    Model& Person = db->define("Person", {});
    Company.hasOne(Person, {.as = "CEO"});
    db->sync({.force = true});
    Company.create({});
    auto company = Company.findOne({.include = {{.model = &Person, .as = "CEO"}}});
    REQUIRE(company);
}

SEQUELIZE_CASE("include.test.js", "find > should support a hasOne association reference",
               "[include]") {
    auto db = sequelize::open();
    Model& Company = db->define("Company", {});
    Model& Person = db->define("Person", {});
    Association& CEO = Company.hasOne(Person, {.as = "CEO"});
    db->sync({.force = true});
    Company.create({});
    auto user = Company.findOne({.include = {{.as = CEO.as()}}});
    REQUIRE(user);
}

SEQUELIZE_CASE("include.test.js",
               "find > should support including a belongsTo association rather than a model/as "
               "pair",
               "[include]") {
    auto db = sequelize::open();
    Model& Company = db->define("Company", {});
    Model& Person = db->define("Person", {});
    Association& Employer = Person.belongsTo(Company, {.as = "employer"});
    db->sync({.force = true});
    Instance person0 = Person.create({});
    Instance company = Company.create({});
    Employer.set(person0, {company});
    auto person = Person.findOne({.include = {{.as = Employer.as()}}});
    REQUIRE(person);
    REQUIRE(person->related("employer").size() == 1);
}

SEQUELIZE_CASE("include.test.js", "find > should support a hasMany association reference",
               "[include]") {
    auto db = sequelize::open();
    Model& User = db->define("user", {});
    Model& Task = db->define("task", {});
    Association& Tasks = User.hasMany(Task);
    Task.belongsTo(User);
    db->sync({.force = true});
    Instance user0 = User.create({});
    Tasks.create(user0, {});
    auto user = User.findOne({.include = {{.as = Tasks.as()}}});
    REQUIRE(user);
    REQUIRE(user->hasRelated("tasks"));
}

SEQUELIZE_CASE("include.test.js",
               "find > should support a hasMany association reference with a where condition",
               "[include]") {
    auto db = sequelize::open();
    Model& User = db->define("user", {});
    Model& Task = db->define("task", {{"title", DataTypes::STRING}});
    Association& Tasks = User.hasMany(Task);
    Task.belongsTo(User);
    db->sync({.force = true});
    Instance user0 = User.create({});
    Tasks.create(user0, {{"title", "trivial"}});
    Tasks.create(user0, {{"title", "pursuit"}});
    auto user = User.findOne({.include = {{.as = Tasks.as(), .where = {{"title", "trivial"}}}}});
    REQUIRE(user);
    REQUIRE(user->related("tasks").size() == 1);
}

SEQUELIZE_CASE("include.test.js", "find > should support a belongsToMany association reference",
               "[include]") {
    auto db = sequelize::open();
    Model& User = db->define("user", {});
    Model& Group = db->define("group", {});
    Association& Groups = User.belongsToMany(Group, {.through = "UserGroup"});
    Group.belongsToMany(User, {.through = "UserGroup"});
    db->sync({.force = true});
    Instance user0 = User.create({});
    Groups.create(user0, {});
    auto user = User.findOne({.include = {{.as = Groups.as()}}});
    REQUIRE(user);
    REQUIRE(user->hasRelated("groups"));
}

SEQUELIZE_CASE("include.test.js",
               "find > should support a simple nested belongsTo -> belongsTo include",
               "[include]") {
    auto db = sequelize::open();
    Model& Task = db->define("Task", {});
    Model& User = db->define("User", {});
    Model& Group = db->define("Group", {});
    Association& user = Task.belongsTo(User);
    Association& group = User.belongsTo(Group);
    db->sync({.force = true});
    Instance t = Task.create({});
    Instance u = User.create({});
    Instance g = Group.create({});
    user.set(t, {u});
    group.set(u, {g});
    auto task = Task.findOne({.where = {{"id", t.get("id")}},
                              .include = {{.model = &User, .include = {{.model = &Group}}}}});
    REQUIRE(task);
    REQUIRE(task->related("User").size() == 1);
    REQUIRE(task->related("User")[0].related("Group").size() == 1);
}

SEQUELIZE_CASE("include.test.js", "find > should support a simple sibling set of belongsTo include",
               "[include]") {
    auto db = sequelize::open();
    Model& Task = db->define("Task", {});
    Model& User = db->define("User", {});
    Model& Group = db->define("Group", {});
    Task.belongsTo(User);
    Task.belongsTo(Group);
    db->sync({.force = true});
    // create with include is a create per row here.
    Instance u = User.create({});
    Instance g = Group.create({});
    Instance task0 = Task.create({{"UserId", u.get("id")}, {"GroupId", g.get("id")}});
    auto task = Task.findOne(
        {.where = {{"id", task0.get("id")}}, .include = {{.model = &User}, {.model = &Group}}});
    REQUIRE(task);
    REQUIRE(task->related("User").size() == 1);
    REQUIRE(task->related("Group").size() == 1);
}

SEQUELIZE_CASE("include.test.js", "find > should support a simple nested hasOne -> hasOne include",
               "[include]") {
    auto db = sequelize::open();
    Model& Task = db->define("Task", {});
    Model& User = db->define("User", {});
    Model& Group = db->define("Group", {});
    Association& task = User.hasOne(Task);
    Group.hasOne(User);
    User.belongsTo(Group);
    db->sync({.force = true});
    Instance g = Group.create({});
    Instance user = User.create({{"GroupId", g.get("id")}});
    task.create(user, {});
    auto group = Group.findOne({.where = {{"id", g.get("id")}},
                                .include = {{.model = &User, .include = {{.model = &Task}}}}});
    REQUIRE(group);
    REQUIRE(group->related("User").size() == 1);
    REQUIRE(group->related("User")[0].related("Task").size() == 1);
}

SEQUELIZE_CASE("include.test.js",
               "find > should support a simple nested hasMany -> belongsTo include", "[include]") {
    auto db = sequelize::open();
    Model& Task = db->define("Task", {});
    Model& User = db->define("User", {});
    Model& Project = db->define("Project", {});
    Association& tasks = User.hasMany(Task);
    Task.belongsTo(Project);
    db->sync({.force = true});
    Project.bulkCreate({{{"id", 1}}, {{"id", 2}}});
    Instance user0 = User.create({});
    for (int p : {1, 2, 1, 2})
        tasks.create(user0, {{"ProjectId", p}});
    auto user = User.findOne({.where = {{"id", user0.get("id")}},
                              .include = {{.model = &Task, .include = {{.model = &Project}}}}});
    REQUIRE(user);
    REQUIRE(user->related("Tasks").size() == 4);
    for (const auto& t : user->related("Tasks"))
        REQUIRE(t.related("Project").size() == 1);
}

SEQUELIZE_CASE("include.test.js",
               "find > should support a simple nested belongsTo -> hasMany include", "[include]") {
    auto db = sequelize::open();
    Model& Task = db->define("Task", {});
    Model& Worker = db->define("Worker", {});
    Model& Project = db->define("Project", {});
    Worker.belongsTo(Project);
    Association& workers = Project.hasMany(Worker);
    Association& tasks = Project.hasMany(Task);
    db->sync({.force = true});
    Instance project = Project.create({});
    Instance w = workers.create(project, {});
    for (int i = 0; i < 4; ++i)
        tasks.create(project, {});
    auto worker = Worker.findOne({.where = {{"id", w.get("id")}},
                                  .include = {{.model = &Project, .include = {{.model = &Task}}}}});
    REQUIRE(worker);
    REQUIRE(worker->related("Project").size() == 1);
    REQUIRE(worker->related("Project")[0].related("Tasks").size() == 4);
}

SEQUELIZE_CASE("include.test.js",
               "find > should support a simple nested hasMany to hasMany include", "[include]") {
    auto db = sequelize::open();
    Model& User = db->define("User", {});
    Model& Product = db->define("Product", {{"title", DataTypes::STRING}});
    Model& Tag = db->define("Tag", {{"name", DataTypes::STRING}});
    Association& products = User.hasMany(Product);
    Association& tagsOf = Product.belongsToMany(Tag, {.through = "product_tag"});
    Tag.belongsToMany(Product, {.through = "product_tag"});
    db->sync({.force = true});
    Instance u = User.create({{"id", 1}});
    for (const char* title : {"Chair", "Desk", "Dress", "Bed"})
        products.create(u, {{"title", title}});
    auto prods = Product.findAll({.order = {{"id"}}});
    Tag.bulkCreate({{{"name", "A"}}, {{"name", "B"}}, {{"name", "C"}}});
    auto tags = Tag.findAll({.order = {{"id"}}});
    tagsOf.set(prods[0], {tags[0], tags[2]});
    tagsOf.set(prods[1], {tags[1]});
    tagsOf.set(prods[2], {tags[0], tags[1], tags[2]});
    auto user = User.findOne(
        {.where = {{"id", 1}},
         .include = {{.model = &Product, .include = {{.model = &Tag}}, .order = {{"id"}}}},
         .order = {{"id"}}});
    REQUIRE(user);
    const auto& ps = user->related("Products");
    REQUIRE(ps.size() == 4);
    REQUIRE(ps[0].related("Tags").size() == 2);
    REQUIRE(ps[1].related("Tags").size() == 1);
    REQUIRE(ps[2].related("Tags").size() == 3);
    REQUIRE(ps[3].related("Tags").empty());
}

SEQUELIZE_CASE("include.test.js",
               "find > should support an include with multiple different association types",
               "[include]") {
    auto db = sequelize::open();
    Model& User = db->define("User", {});
    Model& Product = db->define("Product", {{"title", DataTypes::STRING}});
    Model& Tag = db->define("Tag", {{"name", DataTypes::STRING}});
    Model& Price = db->define("Price", {{"value", DataTypes::FLOAT}});
    Model& Group = db->define("Group", {{"name", DataTypes::STRING}});
    Model& GroupMember = db->define("GroupMember", {});
    Model& Rank =
        db->define("Rank", {{"name", DataTypes::STRING},
                            {"canInvite", {.type = DataTypes::INTEGER, .defaultValue = 0}},
                            {"canRemove", {.type = DataTypes::INTEGER, .defaultValue = 0}}});
    Association& products = User.hasMany(Product);
    Product.belongsTo(User);
    Association& tagsOf = Product.belongsToMany(Tag, {.through = "product_tag"});
    Tag.belongsToMany(Product, {.through = "product_tag"});
    Association& category = Product.belongsTo(Tag, {.as = "Category"});
    Association& prices = Product.hasMany(Price);
    Price.belongsTo(Product);
    Association& memberships = User.hasMany(GroupMember, {.as = "Memberships"});
    GroupMember.belongsTo(User);
    GroupMember.belongsTo(Rank);
    GroupMember.belongsTo(Group);
    Group.hasMany(GroupMember, {.as = "Memberships"});
    db->sync({.force = true});

    // create with include is a create per row here.
    Instance product1 = Product.create({{"id", 1}, {"title", "Chair"}});
    for (double v : {5.0, 10.0})
        prices.create(product1, {{"value", v}});
    Instance product2 = Product.create({{"id", 2}, {"title", "Desk"}});
    for (double v : {5.0, 10.0, 15.0, 20.0})
        prices.create(product2, {{"value", v}});
    Instance user0 = User.create({{"id", 1}});
    Instance developers = Group.create({{"name", "Developers"}});
    Instance admin = Rank.create({{"name", "Admin"}, {"canInvite", 1}, {"canRemove", 1}});
    Instance designers = Group.create({{"name", "Designers"}});
    Instance member = Rank.create({{"name", "Member"}, {"canInvite", 1}, {"canRemove", 0}});
    memberships.create(user0,
                       {{"id", 1}, {"GroupId", developers.get("id")}, {"RankId", admin.get("id")}});
    memberships.create(user0,
                       {{"id", 2}, {"GroupId", designers.get("id")}, {"RankId", member.get("id")}});
    Tag.bulkCreate({{{"name", "A"}}, {{"name", "B"}}, {{"name", "C"}}});
    auto tags = Tag.findAll({.order = {{"id"}}});
    products.set(user0, {product1, product2});
    tagsOf.set(product1, {tags[0], tags[2]});
    tagsOf.set(product2, {tags[1]});
    category.set(product1, {tags[1]});

    auto user = User.findOne({.where = {{"id", 1}},
                              .include = {{.model = &GroupMember,
                                           .as = "Memberships",
                                           .include = {{.model = &Group}, {.model = &Rank}}},
                                          {.model = &Product,
                                           .include = {{.model = &Tag},
                                                       {.model = &Tag, .as = "Category"},
                                                       {.model = &Price}}}}});
    REQUIRE(user);
    auto ms = byId(user->related("Memberships"));
    REQUIRE(ms.size() == 2);
    REQUIRE(ms[0].related("Group").at(0).get<std::string>("name") == "Developers");
    REQUIRE(ms[0].related("Rank").at(0).get("canRemove").asInt() == 1);
    REQUIRE(ms[1].related("Group").at(0).get<std::string>("name") == "Designers");
    REQUIRE(ms[1].related("Rank").at(0).get("canRemove").asInt() == 0);
    auto ps = byId(user->related("Products"));
    REQUIRE(ps.size() == 2);
    REQUIRE(ps[0].related("Tags").size() == 2);
    REQUIRE(ps[1].related("Tags").size() == 1);
    REQUIRE(ps[0].related("Category").size() == 1);
    REQUIRE(ps[1].related("Category").empty());
    REQUIRE(ps[0].related("Prices").size() == 2);
    REQUIRE(ps[1].related("Prices").size() == 4);
}

// Fails: with the parent's attributes limited to title, its ProjectId is not
// read, and the included Project matches no task.
SEQUELIZE_FAILING_CASE("include.test.js", "find > should support specifying attributes",
                       "[include]") {
    auto db = sequelize::open();
    Model& Project = db->define("Project", {{"title", DataTypes::STRING}});
    Model& Task =
        db->define("Task", {{"title", DataTypes::STRING}, {"description", DataTypes::TEXT}});
    Project.hasMany(Task);
    Task.belongsTo(Project);
    db->sync({.force = true});
    Instance project = Project.create({{"title", "BarFoo"}});
    Task.create({{"title", "FooBar"}, {"ProjectId", project.get("id")}});
    auto tasks = Task.findAll(
        {.include = {{.model = &Project, .attributes = {"title"}}}, .attributes = {"title"}});
    REQUIRE(tasks.size() == 1);
    REQUIRE(tasks[0].get<std::string>("title") == "FooBar");
    REQUIRE(tasks[0].related("Project").size() == 1);
    REQUIRE(tasks[0].related("Project")[0].get<std::string>("title") == "BarFoo");
    REQUIRE(tasks[0].toJSON().find("\"title\":\"FooBar\"") != std::string::npos);
    REQUIRE(tasks[0].related("Project")[0].toJSON() == "{\"title\":\"BarFoo\"}");
}

SEQUELIZE_CASE("include.test.js",
               "find > should support Sequelize.literal and renaming of attributes in included "
               "model attributes",
               "[include]") {
    auto db = sequelize::open();
    Model& Post = db->define("Post", {});
    Model& PostComment = db->define("PostComment", {{"someProperty", DataTypes::VIRTUAL},
                                                    {"comment_title", DataTypes::STRING}});
    Association& comments = Post.hasMany(PostComment);
    db->sync({.force = true});
    Instance post = Post.create({});
    comments.create(post, {{"comment_title", "WAT"}});
    NOT_SUPPORTED("literal SQL in attributes");
}

// Fails: without otherKey the junction's two keys are both GroupId, and
// belongsToMany throws UsageError; Sequelize names the other key after the
// alias (OutsourcingCompanyId).
SEQUELIZE_FAILING_CASE("include.test.js",
                       "find > should support self associated hasMany (with through) include",
                       "[include]") {
    auto db = sequelize::open();
    Model& Group = db->define("Group", {{"name", DataTypes::STRING}});
    Association& companies = Group.belongsToMany(
        Group, {.as = "OutsourcingCompanies", .through = "groups_outsourcing_companies"});
    db->sync({.force = true});
    Group.bulkCreate({{{"name", "SoccerMoms"}},
                      {{"name", "Coca Cola"}},
                      {{"name", "Dell"}},
                      {{"name", "Pepsi"}}});
    auto groups = Group.findAll();
    companies.set(groups[0], std::vector<Instance>(groups.begin() + 1, groups.end()));
    auto group = Group.findOne({.where = {{"id", groups[0].get("id")}},
                                .include = {{.model = &Group, .as = "OutsourcingCompanies"}}});
    REQUIRE(group);
    REQUIRE(group->related("OutsourcingCompanies").size() == 3);
}

SEQUELIZE_CASE("include.test.js",
               "find > should support including date fields, with the correct timeszone",
               "[include]") {
    auto db = sequelize::open();
    Model& User = db->define("user", {{"dateField", DataTypes::DATE}}, {.timestamps = false});
    Model& Group = db->define("group", {{"dateField", DataTypes::DATE}}, {.timestamps = false});
    Association& groups = User.belongsToMany(Group, {.through = "group_user"});
    Group.belongsToMany(User, {.through = "group_user"});
    db->sync({.force = true});
    const Timestamp when = Value::parseTimestamp("2014-02-20T00:00:00Z");
    Instance user0 = User.create({{"dateField", when}});
    Instance group = Group.create({{"dateField", when}});
    groups.add(user0, {group});
    auto user = User.findOne({.where = {{"id", user0.get("id")}}, .include = {{.model = &Group}}});
    REQUIRE(user);
    REQUIRE(user->get("dateField").asTimestamp() == when);
    REQUIRE(user->related("groups").at(0).get("dateField").asTimestamp() == when);
}

SEQUELIZE_CASE("include.test.js",
               "find > should support include when retrieving associated objects", "[include]") {
    auto db = sequelize::open();
    Model& User = db->define("user", {{"name", DataTypes::STRING}});
    Model& Group = db->define("group", {{"name", DataTypes::STRING}});
    db->define("user_group", {{"vip", DataTypes::INTEGER}});
    Association& groupsOf = User.hasMany(Group);
    Group.belongsTo(User);
    User.belongsToMany(Group, {.as = "Clubs", .through = "user_group"});
    Association& members = Group.belongsToMany(User, {.as = "Members", .through = "user_group"});
    db->sync({.force = true});
    Instance owner = User.create({{"name", "Owner"}});
    Instance member = User.create({{"name", "Member"}});
    Instance group = Group.create({{"name", "Group"}});
    groupsOf.add(owner, {group});
    members.add(group, {member});
    auto groups = groupsOf.get(owner, {.include = {{.model = &User, .as = "Members"}}});
    REQUIRE(groups.size() == 1);
    REQUIRE(groups[0].related("Members").at(0).get<std::string>("name") == "Member");
}

namespace {

// createUsersAndItems: three users with an item each.
struct UsersAndItems {
    std::unique_ptr<Database> db = sequelize::open();
    Model& User = db->define("User", {});
    Model& Item = db->define("Item", {{"test", DataTypes::STRING}});
    UsersAndItems() {
        Association& item = User.hasOne(Item);
        Item.belongsTo(User);
        db->sync({.force = true});
        User.bulkCreate({{}, {}, {}});
        auto users = User.findAll();
        Item.bulkCreate({{{"test", "abc"}}, {{"test", "def"}}, {{"test", "ghi"}}});
        auto items = Item.findAll();
        for (size_t i = 0; i < 3; ++i)
            item.set(users[i], {items[i]});
    }
};

} // namespace

SEQUELIZE_CASE("include.test.js", "where > should support Sequelize.and()", "[include]") {
    UsersAndItems f;
    auto result = f.User.findAll(
        {.include = {{.model = &f.Item, .where = Where::all({Where("test", "def")})}}});
    REQUIRE(result.size() == 1);
    REQUIRE(result[0].related("Item").at(0).get<std::string>("test") == "def");
}

SEQUELIZE_CASE("include.test.js", "where > should support Sequelize.or()", "[include]") {
    UsersAndItems f;
    auto result = f.User.findAll(
        {.include = {{.model = &f.Item,
                      .where = Where::any({Where("test", "def"), Where("test", "abc")})}}});
    REQUIRE(result.size() == 2);
}

SEQUELIZE_CASE("include.test.js",
               "findAndCountAll > should include associations to findAndCountAll", "[include]") {
    UsersAndItems f;
    auto result =
        f.User.findAndCountAll({.include = {{.model = &f.Item, .where = {{"test", "def"}}}}});
    REQUIRE(result.count == 1);
    REQUIRE(result.rows.size() == 1);
    REQUIRE(result.rows[0].related("Item").at(0).get<std::string>("test") == "def");
}

SEQUELIZE_CASE("include.test.js",
               "association getter > should support getting an include on a N:M association getter",
               "[include]") {
    auto db = sequelize::open();
    Model& Question = db->define("Question", {});
    Model& Answer = db->define("Answer", {});
    Model& Questionnaire = db->define("Questionnaire", {});
    Question.belongsToMany(Answer, {.through = "question_answer"});
    Answer.belongsToMany(Question, {.through = "question_answer"});
    Association& questions = Questionnaire.hasMany(Question);
    Question.belongsTo(Questionnaire);
    db->sync({.force = true});
    Instance questionnaire = Questionnaire.create({});
    REQUIRE_NOTHROW(questions.get(questionnaire, {.include = {{.model = &Answer}}}));
}

SEQUELIZE_CASE("include.test.js",
               "right join > should support getting an include with a right join", "[include]") {
    auto db = sequelize::open();
    Model& User = db->define("user", {{"name", DataTypes::STRING}});
    Model& Group = db->define("group", {{"name", DataTypes::STRING}});
    User.hasMany(Group);
    Group.belongsTo(User);
    db->sync({.force = true});
    User.create({{"name", "User 1"}});
    User.create({{"name", "User 2"}});
    User.create({{"name", "User 3"}});
    Group.create({{"name", "A Group"}});
    NOT_SUPPORTED("include right: true");
}

SEQUELIZE_CASE("include.test.js",
               "right join > should support getting an include through with a right join",
               "[include]") {
    NOT_SUPPORTED("include right: true");
}

namespace {

struct Teams {
    std::unique_ptr<Database> db = sequelize::open();
    Model& Employee = db->define("Employee", {{"name", DataTypes::STRING}});
    Model& Team = db->define("Team", {{"name", DataTypes::STRING}});
    Model& Clearence = db->define("Clearence", {{"level", DataTypes::INTEGER}});
    Association& members = Team.hasMany(Employee, {.as = "members"});
    Association& clearence = Employee.hasOne(Clearence, {.as = "clearence"});
    Teams() {
        Clearence.belongsTo(Employee, {.as = "employee"});
        db->sync({.force = true});
        Instance teamA = Team.create({{"name", "TeamA"}});
        Instance teamB = Team.create({{"name", "TeamB"}});
        Instance john = Employee.create({{"name", "John"}});
        Instance jane = Employee.create({{"name", "Jane"}});
        Instance josh = Employee.create({{"name", "Josh"}});
        Instance jill = Employee.create({{"name", "Jill"}});
        Instance c3 = Clearence.create({{"level", 3}});
        Instance c5 = Clearence.create({{"level", 5}});
        members.add(teamA, {john, jane});
        members.add(teamB, {josh, jill});
        clearence.set(john, {c3});
        clearence.set(jane, {c5});
    }
};

} // namespace

namespace {

void rippleChildFalse() {
    Teams f;
    auto teams =
        f.Team.findAll({.include = {{.as = "members",
                                     .required = false,
                                     .include = {{.as = "clearence", .required = true}}}}});
    REQUIRE(teams.size() == 2);
}

void relationName() {
    Teams f;
    auto team = f.Team.findOne(
        {.where = {{"name", "TeamA"}}, .include = {{.as = "members", .required = true}}});
    REQUIRE(team);
    REQUIRE(team->related("members").size() == 2);
}

void rippleChildImplicit() {
    Teams f;
    auto teams = f.Team.findAll(
        {.include = {{.as = "members", .include = {{.as = "clearence", .required = true}}}}});
    REQUIRE(teams.size() == 2);
}

void rippleChildTrue() {
    Teams f;
    auto teams =
        f.Team.findAll({.include = {{.as = "members",
                                     .required = true,
                                     .include = {{.as = "clearence", .required = true}}}}});
    REQUIRE(teams.size() == 1);
}

} // namespace

// Each nested-includes case fails on SQLite and MariaDB for one reason:
// Employee.hasOne(Clearence, {as: 'clearence'}) names its key EmployeeId
// (Sequelize: clearenceId, after the alias) next to the belongsTo's
// employeeId, two columns whose names differ only in case, which SQLite and
// MariaDB refuse.

SEQUELIZE_CASE("include.test.js",
               "nested includes > should not ripple grandchild required to top level find when "
               "required of child is set to false (postgres)",
               "[include]") {
    ONLY_ON_DIALECTS("postgres");
    rippleChildFalse();
}

SEQUELIZE_CASE("include.test.js",
               "nested includes > should not ripple grandchild required to top level find "
               "when required of child is set to false (sqlite, mysql)",
               "[include]") {
    ONLY_ON_DIALECTS("sqlite", "mysql");
    rippleChildFalse();
}

SEQUELIZE_CASE("include.test.js",
               "nested includes > should support eager loading associations using the name of the "
               "relation (string) (postgres)",
               "[include]") {
    ONLY_ON_DIALECTS("postgres");
    relationName();
}

SEQUELIZE_CASE("include.test.js",
               "nested includes > should support eager loading associations using the name "
               "of the relation (string) (sqlite, mysql)",
               "[include]") {
    ONLY_ON_DIALECTS("sqlite", "mysql");
    relationName();
}

SEQUELIZE_CASE("include.test.js",
               "nested includes > should not ripple grandchild required to top level find when "
               "required of child is not given (implicitly false) (postgres)",
               "[include]") {
    ONLY_ON_DIALECTS("postgres");
    rippleChildImplicit();
}

SEQUELIZE_CASE("include.test.js",
               "nested includes > should not ripple grandchild required to top level find "
               "when required of child is not given (implicitly false) (sqlite, mysql)",
               "[include]") {
    ONLY_ON_DIALECTS("sqlite", "mysql");
    rippleChildImplicit();
}

SEQUELIZE_CASE("include.test.js",
               "nested includes > should ripple grandchild required to top level find when "
               "required of child is set to true as well (postgres)",
               "[include]") {
    ONLY_ON_DIALECTS("postgres");
    rippleChildTrue();
}

SEQUELIZE_CASE("include.test.js",
               "nested includes > should ripple grandchild required to top level find when "
               "required of child is set to true as well (sqlite, mysql)",
               "[include]") {
    ONLY_ON_DIALECTS("sqlite", "mysql");
    rippleChildTrue();
}
