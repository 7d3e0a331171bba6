// Behaviour where Tabula used to differ from Sequelize 6 and now follows it:
// instance updates and change tracking, scopes on bulk writes, where clauses
// with nothing in them, upsert conflict targets, validation messages, hooks
// around soft deletes, eager loading with picked attributes, association
// names.
#include "context.hpp"

#include <catch2/catch.hpp>

#include <algorithm>

using namespace tabula;

namespace {

Model& defineUser(Database& db, ModelOptions options = {}) {
    Model& User = db.define("User",
                            {{"username", DataTypes::STRING},
                             {"email", {.type = DataTypes::STRING, .unique = true}},
                             {"age", DataTypes::INTEGER},
                             {"tenant", {.type = DataTypes::INTEGER, .defaultValue = 1}}},
                            options);
    User.sync({.force = true});
    return User;
}

bool has(const std::string& text, const std::string& part) {
    return text.find(part) != std::string::npos;
}

} // namespace

TEST_CASE("instance.update cannot change a stored primary key or createdAt", "[fidelity]") {
    auto db = conformance::open();
    Model& User = defineUser(*db);
    Instance ann = User.create({{"username", "ann"}});
    const Value id = ann.get("id");
    const Value created = ann.get("createdAt");
    ann.update(
        {{"id", id.asInt() + 100},
         {"username", "anne"},
         {"createdAt", Value(std::chrono::system_clock::now() - std::chrono::hours(24 * 365))}});
    REQUIRE(ann.get("id") == id);
    REQUIRE(ann.get("createdAt") == created);
    auto stored = User.findByPk(id);
    REQUIRE(stored);
    REQUIRE(stored->get<std::string>("username") == "anne");
    REQUIRE(stored->get("createdAt") == created);
    REQUIRE(User.count() == 1);
    // set() ignores them too; setDataValue still writes.
    ann.set("id", 999);
    REQUIRE(ann.get("id") == id);
    REQUIRE(ann.changed().empty());
}

TEST_CASE("instance.update keeps earlier unsaved changes pending and honours fields",
          "[fidelity]") {
    auto db = conformance::open();
    Model& User = defineUser(*db);
    Instance ann = User.create({{"username", "ann"}, {"age", 30}});
    ann.set("age", 31);
    ann.update({{"username", "anne"}});
    REQUIRE(ann.changed() == std::vector<std::string>{"age"});
    REQUIRE(User.findByPk(ann.get("id"))->get<int>("age") == 30);
    ann.save();
    REQUIRE(User.findByPk(ann.get("id"))->get<int>("age") == 31);

    // Values left out of fields are neither written nor kept.
    ann.update({{"username", "annie"}, {"age", 40}}, {.fields = {"age"}});
    REQUIRE(ann.get<std::string>("username") == "anne");
    REQUIRE(ann.get<int>("age") == 40);
    auto stored = User.findByPk(ann.get("id"));
    REQUIRE(stored->get<std::string>("username") == "anne");
    REQUIRE(stored->get<int>("age") == 40);
}

TEST_CASE("unknown attribute names in values are ignored, as Sequelize does", "[fidelity]") {
    auto db = conformance::open();
    Model& User = defineUser(*db);
    Instance ann = User.create({{"username", "ann"}, {"nickname", "a"}});
    REQUIRE(ann.get<std::string>("username") == "ann");
    ann.set("nickname", "b");
    REQUIRE(ann.changed().empty());
    REQUIRE(User.update({{"nickname", "c"}}, {.where = {{"id", ann.get("id")}}}) == 0);
    REQUIRE(User.update({{"nickname", "c"}, {"age", 5}}, {.where = {{"id", ann.get("id")}}}) == 1);
    REQUIRE(User.findByPk(ann.get("id"))->get<int>("age") == 5);
    // Names in where, order and attributes still have to exist.
    REQUIRE_THROWS_AS(User.findAll({.where = {{"nickname", "c"}}}), UsageError);
}

TEST_CASE("Model.update and destroy keep to the default scope; unscoped reaches past it",
          "[fidelity]") {
    auto db = conformance::open();
    Model& User = defineUser(*db, {.defaultScope = FindOptions{.where = {{"tenant", 1}}}});
    User.bulkCreate({{{"username", "a"}, {"tenant", 1}},
                     {{"username", "b"}, {"tenant", 2}},
                     {{"username", "c"}, {"tenant", 2}}});
    REQUIRE(User.count() == 1);
    REQUIRE(User.update({{"age", 7}}, {.where = Where::all({})}) == 1);
    REQUIRE(User.unscoped().count({.where = {{"age", 7}}}) == 1);
    REQUIRE(User.destroy({.where = {{"username", {Op::in, Value::array({"a", "b"})}}}}) == 1);
    REQUIRE(User.unscoped().count() == 2);
    REQUIRE(User.unscoped().update({{"age", 9}}, {.where = Where::all({})}) == 2);
    REQUIRE(User.unscoped().destroy({.where = {{"username", "b"}}}) == 1);
    REQUIRE(User.unscoped().count() == 1);
}

TEST_CASE("an explicit empty where means every row; a missing one is still refused", "[fidelity]") {
    auto db = conformance::open();
    Model& User = defineUser(*db);
    User.bulkCreate({{{"username", "a"}}, {{"username", "b"}}});
    REQUIRE_THROWS_AS(User.update({{"age", 1}}, {}), UsageError);
    REQUIRE_THROWS_WITH(User.destroy({}), Catch::Contains("Where::all({})"));
    REQUIRE(User.update({{"age", 1}}, {.where = Where::all({})}) == 2);
    auto [found, created] = User.findOrCreate({.where = Where::all({})});
    REQUIRE_FALSE(created);
    REQUIRE(User.destroy({.where = Where::all({})}) == 2);
    REQUIRE(User.count() == 0);
}

TEST_CASE("Op.or of nothing matches no row; Op.not takes values and lists", "[fidelity]") {
    auto db = conformance::open();
    Model& User = defineUser(*db);
    User.bulkCreate(
        {{{"username", "a"}, {"age", 1}}, {{"username", "b"}, {"age", 2}}, {{"username", "c"}}});
    REQUIRE(User.count({.where = Op::or_({})}) == 0);
    REQUIRE(User.count({.where = Where::any({})}) == 0);
    REQUIRE(User.destroy({.where = Op::or_({})}) == 0);
    REQUIRE(User.count({.where = Op::not_({})}) == 0);
    REQUIRE(User.count({.where = {{"age", {Op::not_, 1}}}}) == 1); // age <> 1: NULL is unknown
    REQUIRE(User.count({.where = {{"username", {Op::not_, Value::array({"a", "b"})}}}}) == 1);
    REQUIRE(User.count({.where = {{"age", {Op::not_, nullptr}}}}) == 2);
    REQUIRE_THROWS_WITH(User.count({.where = {{"age", {Op::is, 3}}}}),
                        Catch::StartsWith("Op.is takes null"));
}

TEST_CASE("upsert conflicts on the unique key it updates, and inserts whole rows with fields",
          "[fidelity]") {
    auto db = conformance::open();
    Model& User = defineUser(*db);
    Instance first = User.upsert({{"email", "a@x.org"}, {"username", "a"}});
    Instance again = User.upsert({{"email", "a@x.org"}, {"username", "b"}});
    REQUIRE(User.count() == 1);
    REQUIRE(again.get("id") == first.get("id"));
    REQUIRE(again.get<std::string>("username") == "b");

    // fields limit the update, not the new row.
    User.upsert({{"id", 42}, {"email", "c@x.org"}, {"username", "c"}, {"age", 3}},
                {.fields = {"age"}});
    REQUIRE(User.count() == 2);
    auto stored = User.findByPk(42);
    REQUIRE(stored);
    REQUIRE(stored->get<std::string>("username") == "c");
    User.upsert({{"id", 42}, {"email", "c@x.org"}, {"username", "d"}, {"age", 4}},
                {.fields = {"age"}});
    stored = User.findByPk(42);
    REQUIRE(stored->get<std::string>("username") == "c");
    REQUIRE(stored->get<int>("age") == 4);

    // bulkCreate's updateOnDuplicate conflicts on the first unique key.
    User.bulkCreate({{{"email", "a@x.org"}, {"username", "z"}}},
                    {.updateOnDuplicate = {"username"}});
    REQUIRE(User.count() == 2);
    REQUIRE(User.findOne({.where = {{"email", "a@x.org"}}})->get<std::string>("username") == "z");
}

TEST_CASE("validation items carry Sequelize's messages, paths and one item per failure",
          "[fidelity]") {
    auto db = conformance::open();
    Model& Member =
        db->define("Member",
                   {{"name", {.type = DataTypes::STRING, .allowNull = false}},
                    {"email", {.type = DataTypes::STRING, .validate = {.isEmail = true}}},
                    {"role",
                     {.type = DataTypes::ENUM({"admin", "user"}),
                      .validate = {.isIn = {Value("admin"), Value("user")}}}},
                    {"nick",
                     {.type = DataTypes::STRING,
                      .validate = {.custom = {{"notRoot",
                                               [](const Value& v) {
                                                   if (v.asString() == "root")
                                                       throw std::runtime_error("root is taken");
                                               }}}}}},
                    {"password", {.type = DataTypes::VIRTUAL, .validate = {.len = Length{8, 64}}}}},
                   {.validate = {{"nameNotNick", [](const Instance& m) {
                                      if (m.get("name") == m.get("nick"))
                                          throw std::runtime_error("name and nick differ");
                                  }}}});
    Member.sync({.force = true});
    try {
        Member.create(
            {{"email", "nope"}, {"role", "root"}, {"nick", "root"}, {"password", "short"}});
        FAIL("no ValidationError");
    } catch (const ValidationError& e) {
        auto item = [&](const std::string& validator) {
            auto it = std::find_if(e.errors().begin(), e.errors().end(),
                                   [&](const auto& i) { return i.validator == validator; });
            REQUIRE(it != e.errors().end());
            return *it;
        };
        REQUIRE(item("notNull").message == "Member.name cannot be null");
        REQUIRE(item("isEmail").message == "Validation isEmail on email failed");
        REQUIRE(item("isEmail").reason == "'nope' is not an email address");
        REQUIRE(item("notRoot").message == "root is taken");
        REQUIRE(item("len").path == "password"); // VIRTUAL attributes are validated
        REQUIRE(std::count_if(e.errors().begin(), e.errors().end(),
                              [](const auto& i) { return i.path == "role"; }) == 1);
        REQUIRE(has(e.what(), "notNull Violation: Member.name cannot be null"));
        REQUIRE(has(e.what(), "Validation error: Validation isEmail on email failed"));
    }
    try {
        Member.create({{"name", "x"}, {"nick", "x"}});
        FAIL("no ValidationError");
    } catch (const ValidationError& e) {
        REQUIRE(e.errors().size() == 1);
        REQUIRE(e.errors()[0].path == "nameNotNick");
        REQUIRE(e.errors()[0].message == "name and nick differ");
    }
}

TEST_CASE("bulkCreate reports the failures of every row, each naming its row", "[fidelity]") {
    auto db = conformance::open();
    Model& User =
        db->define("User", {{"email", {.type = DataTypes::STRING, .validate = {.isEmail = true}}}});
    User.sync({.force = true});
    try {
        User.bulkCreate({{{"email", "bad"}}, {{"email", "a@b.org"}}, {{"email", "worse"}}});
        FAIL("no ValidationError");
    } catch (const ValidationError& e) {
        REQUIRE(e.errors().size() == 2);
        REQUIRE(e.errors()[0].record == 0u);
        REQUIRE(e.errors()[1].record == 2u);
    }
    REQUIRE(User.count() == 0);
}

TEST_CASE("definitions Sequelize refuses are refused", "[fidelity]") {
    auto db = conformance::open();
    REQUIRE_THROWS_WITH(
        db->define("Two",
                   {{"a", {.type = DataTypes::INTEGER, .primaryKey = true, .autoIncrement = true}},
                    {"b", {.type = DataTypes::INTEGER, .autoIncrement = true}}}),
        Catch::Contains("two autoIncrement attributes"));
    REQUIRE_THROWS_WITH(db->define("Clash", {{"name", DataTypes::STRING}},
                                   {.validate = {{"name", [](const Instance&) {}}}}),
                        Catch::Contains("has the name of an attribute"));
}

TEST_CASE("hooks see changes after saving; soft deletes keep hook changes and stamp once",
          "[fidelity]") {
    auto db = conformance::open();
    std::vector<std::string> seen;
    Model& User = defineUser(
        *db, {.paranoid = true,
              .hooks = {{Hook::afterUpdate, [&](HookEvent& e) { seen = e.instance->changed(); }},
                        {Hook::beforeDestroy,
                         [](HookEvent& e) { e.instance->set("username", "gone"); }}}});
    Instance ann = User.create({{"username", "ann"}});
    ann.update({{"age", 3}});
    REQUIRE(std::find(seen.begin(), seen.end(), "age") != seen.end());
    REQUIRE(ann.changed().empty());

    ann.destroy();
    auto stored = User.findByPk(ann.get("id"), {.paranoid = false});
    REQUIRE(stored->get<std::string>("username") == "gone");
    const Value deletedAt = stored->get("deletedAt");
    REQUIRE_FALSE(deletedAt.isNull());
    stored->destroy();
    REQUIRE(User.findByPk(ann.get("id"), {.paranoid = false})->get("deletedAt") == deletedAt);
}

TEST_CASE("Model.update runs a VIRTUAL attribute's setter and writes what it sets", "[fidelity]") {
    auto db = conformance::open();
    Model& Person = db->define(
        "Person", {{"first", DataTypes::STRING},
                   {"last", DataTypes::STRING},
                   {"full", {.type = DataTypes::VIRTUAL, .set = [](Instance& self, const Value& v) {
                                 const std::string s = v.asString();
                                 const auto space = s.find(' ');
                                 self.setDataValue("first", s.substr(0, space));
                                 self.setDataValue("last", s.substr(space + 1));
                             }}}});
    Person.sync({.force = true});
    Instance p = Person.create({{"first", "a"}, {"last", "b"}});
    REQUIRE(Person.update({{"full", "Ada Lovelace"}}, {.where = {{"id", p.get("id")}}}) == 1);
    p.reload();
    REQUIRE(p.get<std::string>("first") == "Ada");
    REQUIRE(p.get<std::string>("last") == "Lovelace");
}

TEST_CASE("scopes merge their includes and attributes", "[fidelity]") {
    auto db = conformance::open();
    Model& Task = db->define("Task", {{"title", DataTypes::STRING}});
    Model& User = db->define("User", {{"username", DataTypes::STRING}, {"age", DataTypes::INTEGER}},
                             {.scopes = {{"withTasks", FindOptions{.include = {{.model = &Task}}}},
                                         {"names", FindOptions{.attributes = {"id", "username"}}},
                                         {"ages", FindOptions{.attributes = {"age"}}}}});
    User.hasMany(Task);
    db->sync({.force = true});
    Instance u = User.create({{"username", "u"}, {"age", 5}});
    User.association("Tasks").create(u, {{"title", "t"}});
    auto rows = User.scope({"withTasks", "names", "ages"}).findAll();
    REQUIRE(rows.size() == 1);
    REQUIRE(rows[0].related("Tasks").size() == 1);
    REQUIRE(rows[0].get<std::string>("username") == "u");
    REQUIRE(rows[0].get<int>("age") == 5);
}

TEST_CASE("eager loading adds the keys it needs and leaves unread attributes out of toJSON",
          "[fidelity]") {
    auto db = conformance::open();
    Model& Company = db->define("Company", {{"name", DataTypes::STRING}});
    Model& User =
        db->define("User", {{"username", DataTypes::STRING}, {"age", DataTypes::INTEGER}});
    Model& Task = db->define("Task", {{"title", DataTypes::STRING}});
    User.belongsTo(Company);
    Company.hasMany(User);
    User.hasMany(Task);
    db->sync({.force = true});
    Instance acme = Company.create({{"name", "acme"}});
    Instance u = User.create({{"username", "u"}, {"age", 3}, {"CompanyId", acme.get("id")}});
    Task.create({{"title", "t"}, {"UserId", u.get("id")}});

    auto rows = User.findAll({.include = {{.model = &Company}}, .attributes = {"username"}});
    REQUIRE(rows.size() == 1);
    REQUIRE(rows[0].related("Company").size() == 1);
    const std::string json = rows[0].toJSON();
    REQUIRE_FALSE(has(json, "\"age\""));
    REQUIRE(has(json, "\"username\":\"u\""));

    // A nested include under picked attributes still finds its rows.
    auto companies = Company.findAll(
        {.include = {{.model = &User, .attributes = {"username"}, .include = {{.model = &Task}}}}});
    REQUIRE(companies.size() == 1);
    const auto& users = companies[0].related("Users");
    REQUIRE(users.size() == 1);
    REQUIRE(users[0].related("Tasks").size() == 1);

    auto picked = User.findAll({.attributes = Attributes::exclude({"age"})});
    REQUIRE_FALSE(has(picked[0].toJSON(), "\"age\""));
}

TEST_CASE("association names and keys follow Sequelize's", "[fidelity]") {
    auto db = conformance::open();
    Model& Employee = db->define("Employee", {{"name", DataTypes::STRING}});
    Model& Clearence = db->define("Clearence", {{"level", DataTypes::INTEGER}});
    Employee.hasOne(Clearence, {.as = "clearence"});
    Clearence.belongsTo(Employee, {.as = "employee"});
    REQUIRE(Clearence.hasAttribute("clearenceId"));
    REQUIRE(Clearence.hasAttribute("employeeId"));

    Model& Task = db->define("Task", {{"title", DataTypes::STRING}});
    Employee.hasMany(Task);
    Employee.hasMany(Task, {.as = "reviews", .foreignKey = "reviewerId"});
    db->sync({.force = true});
    Instance e = Employee.create({{"name", "e"}});
    Task.create({{"title", "t"}, {"EmployeeId", e.get("id")}});
    auto rows = Employee.findAll({.include = {{.model = &Task}}});
    REQUIRE(rows[0].related("Tasks").size() == 1);
}
