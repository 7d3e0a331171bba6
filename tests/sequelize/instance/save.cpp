// test/integration/instance/save.test.js
#include "support.hpp"

#include <chrono>
#include <string>
#include <thread>
#include <vector>

using namespace tabula;

namespace {

std::string str(const Instance& i, const char* attribute) { return i.get(attribute).asString(); }
std::int64_t num(const Instance& i, const char* attribute) { return i.get(attribute).asInt(); }

struct Fixture {
    std::unique_ptr<Database> db = sequelize::open();
    // UUIDV1 has no spelling in Tabula; no case here reads uuidv1.
    Model& User = db->define(
        "User",
        {{"username", DataTypes::STRING},
         {"uuidv1", DataTypes::UUID},
         {"uuidv4", {.type = DataTypes::UUID, .defaultValue = DataTypes::UUIDV4}},
         {"touchedAt", {.type = DataTypes::DATE, .defaultValue = DataTypes::NOW}},
         {"aNumber", DataTypes::INTEGER},
         {"bNumber", DataTypes::INTEGER},
         {"aDate", DataTypes::DATE},
         {"validateTest",
          {.type = DataTypes::INTEGER, .allowNull = true, .validate = {.isInt = true}}},
         {"validateCustom",
          {.type = DataTypes::STRING, .allowNull = true, .validate = {.len = Length{1, 20}}}},
         {"dateAllowNullTrue", {.type = DataTypes::DATE, .allowNull = true}},
         {"isSuperUser", {.type = DataTypes::BOOLEAN, .defaultValue = false}}});
    Fixture() { User.sync({.force = true}); }
};

std::vector<ValidationErrorItem> itemsFor(const ValidationError& e, const std::string& path) {
    std::vector<ValidationErrorItem> out;
    for (const auto& item : e.errors())
        if (item.path == path) out.push_back(item);
    return out;
}

Timestamp wholeSecondsNow() {
    return std::chrono::time_point_cast<std::chrono::seconds>(std::chrono::system_clock::now());
}

} // namespace

SEQUELIZE_CASE("instance/save.test.js", "save > supports transactions", "[instance][save]") {
    auto db = sequelize::open();
    Model& User = db->define("User", {{"username", DataTypes::STRING}});
    User.sync({.force = true});
    Transaction t = db->transaction();
    User.build({{"username", "foo"}}).save({.transaction = &t});
    REQUIRE(User.count() == 0);
    REQUIRE(User.count({.transaction = &t}) == 1);
    t.rollback();
}

SEQUELIZE_CASE("instance/save.test.js", "save > only updates fields in passed array",
               "[instance][save]") {
    Fixture f;
    const Value date = Value(Value::parseTimestamp("1990-02-01 00:00:00"));
    Instance user = f.User.create({{"username", "foo"}, {"touchedAt", Value::now()}});
    user.set("username", "fizz");
    user.set("touchedAt", date);
    user.save({.fields = {"username"}});
    auto user2 = f.User.findByPk(user.get("id"));
    REQUIRE(user2);
    REQUIRE(str(*user2, "username") == "fizz");
    REQUIRE(user2->get("touchedAt") != date);
}

SEQUELIZE_CASE("instance/save.test.js",
               "save > should work on a model with an attribute named length", "[instance][save]") {
    Fixture f;
    Model& Box = f.db->define("box", {{"length", DataTypes::INTEGER},
                                      {"width", DataTypes::INTEGER},
                                      {"height", DataTypes::INTEGER}});
    Box.sync({.force = true});
    Instance box0 = Box.create({{"length", 1}, {"width", 2}, {"height", 3}});
    box0.update({{"length", 4}, {"width", 5}, {"height", 6}});
    auto box = Box.findOne({});
    REQUIRE(box);
    REQUIRE(num(*box, "length") == 4);
    REQUIRE(num(*box, "width") == 5);
    REQUIRE(num(*box, "height") == 6);
}

SEQUELIZE_CASE("instance/save.test.js", "save > only validates fields in passed array",
               "[instance][save]") {
    Fixture f;
    REQUIRE_NOTHROW(f.User.build({{"validateTest", "cake"}, {"validateCustom", "1"}})
                        .save({.fields = {"validateCustom"}}));
}

namespace {

Model& hookUser(Database& db, bool emailIsEmail, const char* hookEmail) {
    Attribute email{.type = DataTypes::STRING};
    if (emailIsEmail) email.validate.isEmail = true;
    Model& User =
        db.define("User" + std::to_string(::rand() % 10000),
                  {{"name", DataTypes::STRING}, {"bio", DataTypes::TEXT}, {"email", email}});
    const std::string value = hookEmail;
    User.addHook(Hook::beforeUpdate, [value](HookEvent& e) { e.instance->set("email", value); });
    User.sync({.force = true});
    return User;
}

} // namespace

SEQUELIZE_CASE(
    "instance/save.test.js",
    "save > hooks > should update attributes added in hooks when default fields are used",
    "[instance][save]") {
    Fixture f;
    Model& User = hookUser(*f.db, false, "B");
    Instance user0 = User.create({{"name", "A"}, {"bio", "A"}, {"email", "A"}});
    user0.set({{"name", "B"}, {"bio", "B"}}).save();
    auto user = User.findOne({});
    REQUIRE(user);
    REQUIRE(str(*user, "name") == "B");
    REQUIRE(str(*user, "bio") == "B");
    REQUIRE(str(*user, "email") == "B");
}

SEQUELIZE_CASE(
    "instance/save.test.js",
    "save > hooks > should update attributes changed in hooks when default fields are used",
    "[instance][save]") {
    Fixture f;
    Model& User = hookUser(*f.db, false, "C");
    Instance user0 = User.create({{"name", "A"}, {"bio", "A"}, {"email", "A"}});
    user0.set({{"name", "B"}, {"bio", "B"}, {"email", "B"}}).save();
    auto user = User.findOne({});
    REQUIRE(user);
    REQUIRE(str(*user, "name") == "B");
    REQUIRE(str(*user, "bio") == "B");
    REQUIRE(str(*user, "email") == "C");
}

// Fails: what a beforeUpdate hook sets is saved without being validated.
SEQUELIZE_FAILING_CASE(
    "instance/save.test.js",
    "save > hooks > should validate attributes added in hooks when default fields are used",
    "[instance][save]") {
    Fixture f;
    Model& User = hookUser(*f.db, true, "B");
    Instance user0 = User.create({{"name", "A"}, {"bio", "A"}, {"email", "valid.email@gmail.com"}});
    REQUIRE_THROWS_AS(user0.set({{"name", "B"}}).save(), ValidationError);
    auto user = User.findOne({});
    REQUIRE(user);
    REQUIRE(str(*user, "email") == "valid.email@gmail.com");
}

// Fails: what a beforeUpdate hook sets is saved without being validated.
SEQUELIZE_FAILING_CASE(
    "instance/save.test.js",
    "save > hooks > should validate attributes changed in hooks when default fields are "
    "used",
    "[instance][save]") {
    Fixture f;
    Model& User = hookUser(*f.db, true, "B");
    Instance user0 = User.create({{"name", "A"}, {"bio", "A"}, {"email", "valid.email@gmail.com"}});
    REQUIRE_THROWS_AS(user0.set({{"name", "B"}, {"email", "still.valid.email@gmail.com"}}).save(),
                      ValidationError);
    auto user = User.findOne({});
    REQUIRE(user);
    REQUIRE(str(*user, "email") == "valid.email@gmail.com");
}

SEQUELIZE_CASE("instance/save.test.js", "save > stores an entry in the database",
               "[instance][save]") {
    Fixture f;
    const Value touched = Value(Value::parseTimestamp("1984-09-23 00:00:00"));
    Instance user = f.User.build({{"username", "user"}, {"touchedAt", touched}});
    REQUIRE(f.User.findAll().size() == 0);
    user.save();
    auto users0 = f.User.findAll();
    REQUIRE(users0.size() == 1);
    REQUIRE(str(users0[0], "username") == "user");
    REQUIRE(users0[0].get("touchedAt").kind() == ValueKind::Timestamp);
    REQUIRE(users0[0].get("touchedAt") == touched);
}

SEQUELIZE_CASE("instance/save.test.js", "save > handles an entry with primaryKey of zero",
               "[instance][save]") {
    // INTEGER.UNSIGNED has no spelling in Tabula; INTEGER holds 0 the same.
    Fixture f;
    Model& User2 = f.db->define(
        "User2", {{"id", {.type = DataTypes::INTEGER, .primaryKey = true, .autoIncrement = false}},
                  {"username", DataTypes::STRING}});
    User2.sync();
    Instance user = User2.create({{"id", 0}, {"username", "user"}});
    REQUIRE(num(user, "id") == 0);
    REQUIRE(str(user, "username") == "user");
    auto user1 = User2.findByPk(0);
    REQUIRE(user1);
    REQUIRE(num(*user1, "id") == 0);
    REQUIRE(str(*user1, "username") == "user");
    Instance& user0 = user1->update({{"username", "newUser"}});
    REQUIRE(num(user0, "id") == 0);
    REQUIRE(str(user0, "username") == "newUser");
}

SEQUELIZE_CASE("instance/save.test.js", "save > updates the timestamps", "[instance][save]") {
    // The real clock stands for the original's fake one.
    Fixture f;
    const Timestamp now = wholeSecondsNow();
    Instance user = f.User.build({{"username", "user"}});
    Instance& savedUser = user.save();
    REQUIRE(savedUser.get("updatedAt").asTimestamp() > now);
    Instance& updatedUser = savedUser.save();
    REQUIRE(updatedUser.get("updatedAt").asTimestamp() > now);
}

SEQUELIZE_CASE("instance/save.test.js",
               "save > does not update timestamps when passing silent=true", "[instance][save]") {
    NOT_SUPPORTED("options.silent");
}

SEQUELIZE_CASE("instance/save.test.js",
               "save > does not update timestamps when passing silent=true in a bulk update",
               "[instance][save]") {
    NOT_SUPPORTED("options.silent");
}

SEQUELIZE_CASE("instance/save.test.js", "save > when nothing changed > does not update timestamps",
               "[instance][save]") {
    Fixture f;
    f.User.create({{"username", "John"}});
    auto user = f.User.findOne({.where = {{"username", "John"}}});
    REQUIRE(user);
    const Value updatedAt = user->get("updatedAt");
    std::this_thread::sleep_for(std::chrono::milliseconds(1100));
    Instance& newlySavedUser = user->save();
    REQUIRE(newlySavedUser.get("updatedAt") == updatedAt);
    auto newlySavedUser0 = f.User.findOne({.where = {{"username", "John"}}});
    REQUIRE(newlySavedUser0);
    REQUIRE(newlySavedUser0->get("updatedAt") == updatedAt);
}

SEQUELIZE_CASE("instance/save.test.js",
               "save > when nothing changed > should not throw ER_EMPTY_QUERY if changed only "
               "virtual fields",
               "[instance][save]") {
    Fixture f;
    Model& User = f.db->define(
        "User" + std::to_string(::rand() % 10000),
        {{"name", DataTypes::STRING},
         {"bio",
          {.type = DataTypes::VIRTUAL, .get = [](const Instance&) { return Value("swag"); }}}},
        {.timestamps = false});
    User.sync({.force = true});
    Instance user = User.create({{"name", "John"}, {"bio", "swag 1"}});
    REQUIRE_NOTHROW(user.update({{"bio", "swag 2"}}));
}

SEQUELIZE_CASE("instance/save.test.js", "save > updates with function and column value",
               "[instance][save]") {
    NOT_SUPPORTED("fn/col/literal in values");
}

SEQUELIZE_CASE("instance/save.test.js",
               "save > updates with function that contains escaped dollar symbol",
               "[instance][save]") {
    NOT_SUPPORTED("fn/col/literal in values");
}

SEQUELIZE_CASE("instance/save.test.js",
               "save > updates with function that contains multiple escaped dollar symbols",
               "[instance][save]") {
    NOT_SUPPORTED("fn/col/literal in values");
}

SEQUELIZE_CASE("instance/save.test.js",
               "save > without timestamps option > doesn't update the updatedAt column",
               "[instance][save]") {
    Fixture f;
    Model& User2 =
        f.db->define("User2", {{"username", DataTypes::STRING}, {"updatedAt", DataTypes::DATE}},
                     {.timestamps = false});
    User2.sync();
    Instance johnDoe = User2.create({{"username", "john doe"}});
    REQUIRE(johnDoe.get("updatedAt").isNull());
}

SEQUELIZE_CASE(
    "instance/save.test.js",
    "save > with custom timestamp options > updates the createdAt column if updatedAt is "
    "disabled",
    "[instance][save]") {
    Fixture f;
    const Timestamp now =
        std::chrono::time_point_cast<std::chrono::microseconds>(std::chrono::system_clock::now());
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
    Model& User2 = f.db->define("User2", {{"username", DataTypes::STRING}},
                                {.updatedAt = TimestampName(false)});
    User2.sync();
    Instance johnDoe = User2.create({{"username", "john doe"}});
    REQUIRE(!User2.hasAttribute("updatedAt"));
    REQUIRE(now < johnDoe.get("createdAt").asTimestamp());
}

SEQUELIZE_CASE(
    "instance/save.test.js",
    "save > with custom timestamp options > updates the updatedAt column if createdAt is "
    "disabled",
    "[instance][save]") {
    Fixture f;
    const Timestamp now =
        std::chrono::time_point_cast<std::chrono::microseconds>(std::chrono::system_clock::now());
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
    Model& User2 = f.db->define("User2", {{"username", DataTypes::STRING}},
                                {.createdAt = TimestampName(false)});
    User2.sync();
    Instance johnDoe = User2.create({{"username", "john doe"}});
    REQUIRE(!User2.hasAttribute("createdAt"));
    REQUIRE(now < johnDoe.get("updatedAt").asTimestamp());
}

SEQUELIZE_CASE("instance/save.test.js",
               "save > with custom timestamp options > works with `allowNull: false` on createdAt "
               "and updatedAt columns",
               "[instance][save]") {
    Fixture f;
    Model& User2 = f.db->define("User2",
                                {{"username", DataTypes::STRING},
                                 {"createdAt", {.type = DataTypes::DATE, .allowNull = false}},
                                 {"updatedAt", {.type = DataTypes::DATE, .allowNull = false}}},
                                {.timestamps = true});
    User2.sync();
    Instance johnDoe = User2.create({{"username", "john doe"}});
    REQUIRE(johnDoe.get("createdAt").kind() == ValueKind::Timestamp);
    REQUIRE(johnDoe.get("createdAt") == johnDoe.get("updatedAt"));
}

SEQUELIZE_CASE("instance/save.test.js", "save > should fail a validation upon creating",
               "[instance][save]") {
    Fixture f;
    try {
        f.User.create({{"aNumber", 0}, {"validateTest", "hello"}});
        FAIL("create did not throw");
    } catch (const ValidationError& err) {
        auto items = itemsFor(err, "validateTest");
        REQUIRE(!items.empty());
        // Differs: text for an INTEGER attribute fails Tabula's type check
        // ("type", worded its own way) before any validator runs.
        REQUIRE(items[0].validator == "type");
        REQUIRE(items[0].message.find("validateTest") != std::string::npos);
    }
}

SEQUELIZE_CASE("instance/save.test.js",
               "save > should fail a validation upon creating with hooks false",
               "[instance][save]") {
    Fixture f;
    try {
        f.User.create({{"aNumber", 0}, {"validateTest", "hello"}});
        FAIL("create did not throw");
    } catch (const ValidationError& err) {
        auto items = itemsFor(err, "validateTest");
        REQUIRE(!items.empty());
        // Differs: text for an INTEGER attribute fails Tabula's type check
        // ("type", worded its own way) before any validator runs.
        REQUIRE(items[0].validator == "type");
        REQUIRE(items[0].message.find("validateTest") != std::string::npos);
    }
    NOT_SUPPORTED("options.hooks");
}

SEQUELIZE_CASE("instance/save.test.js", "save > should fail a validation upon building",
               "[instance][save]") {
    Fixture f;
    try {
        f.User.build({{"aNumber", 0}, {"validateCustom", "aaaaaaaaaaaaaaaaaaaaaaaaaa"}}).save();
        FAIL("save did not throw");
    } catch (const ValidationError& err) {
        auto items = itemsFor(err, "validateCustom");
        REQUIRE(!items.empty());
        REQUIRE(items[0].validator == "len");
    }
    // The original's message is the rule's own: {len: {msg: 'Length failed.'}}.
    NOT_SUPPORTED("validator msg");
}

SEQUELIZE_CASE("instance/save.test.js", "save > should fail a validation when updating",
               "[instance][save]") {
    Fixture f;
    Instance user = f.User.create({{"aNumber", 0}});
    try {
        user.update({{"validateTest", "hello"}});
        FAIL("update did not throw");
    } catch (const ValidationError& err) {
        auto items = itemsFor(err, "validateTest");
        REQUIRE(!items.empty());
        // Differs: text for an INTEGER attribute fails Tabula's type check
        // ("type", worded its own way) before any validator runs.
        REQUIRE(items[0].validator == "type");
        REQUIRE(items[0].message.find("validateTest") != std::string::npos);
    }
}

SEQUELIZE_CASE("instance/save.test.js", "save > takes zero into account", "[instance][save]") {
    Fixture f;
    Instance built = f.User.build({{"aNumber", 0}});
    Instance& user = built.save({.fields = {"aNumber"}});
    REQUIRE(num(user, "aNumber") == 0);
}

SEQUELIZE_CASE("instance/save.test.js", "save > saves a record with no primary key",
               "[instance][save]") {
    Fixture f;
    Model& HistoryLog = f.db->define("HistoryLog", {{"someText", DataTypes::STRING},
                                                    {"aNumber", DataTypes::INTEGER},
                                                    {"aRandomId", DataTypes::INTEGER}});
    HistoryLog.sync();
    Instance log =
        HistoryLog.create({{"someText", "Some random text"}, {"aNumber", 3}, {"aRandomId", 5}});
    Instance& newLog = log.update({{"aNumber", 5}});
    REQUIRE(num(newLog, "aNumber") == 5);
}

namespace {

struct Eager : Fixture {
    Model& UserEager = db->define("UserEagerLoadingSaves",
                                  {{"username", DataTypes::STRING}, {"age", DataTypes::INTEGER}},
                                  {.timestamps = false});
    Model& ProjectEager =
        db->define("ProjectEagerLoadingSaves",
                   {{"title", DataTypes::STRING}, {"overdue_days", DataTypes::INTEGER}},
                   {.timestamps = false});
    Eager() {
        UserEager.hasMany(ProjectEager, {.as = "Projects", .foreignKey = "PoobahId"});
        ProjectEager.belongsTo(UserEager, {.as = "Poobah", .foreignKey = "PoobahId"});
        UserEager.sync({.force = true});
        ProjectEager.sync({.force = true});
    }
};

} // namespace

SEQUELIZE_CASE("instance/save.test.js",
               "save > eagerly loaded objects > saves one object that has a collection of eagerly "
               "loaded objects",
               "[instance][save]") {
    Eager f;
    Instance user = f.UserEager.create({{"username", "joe"}, {"age", 1}});
    Instance project1 = f.ProjectEager.create({{"title", "project-joe1"}, {"overdue_days", 0}});
    Instance project2 = f.ProjectEager.create({{"title", "project-joe2"}, {"overdue_days", 0}});
    f.UserEager.association("Projects").set(user, {project1, project2});
    auto user1 = f.UserEager.findOne(
        {.where = {{"age", 1}}, .include = {{.model = &f.ProjectEager, .as = "Projects"}}});
    REQUIRE(user1);
    REQUIRE(str(*user1, "username") == "joe");
    REQUIRE(num(*user1, "age") == 1);
    REQUIRE(user1->related("Projects").size() == 2);
    user1->set("age", num(*user1, "age") + 1);
    Instance& user0 = user1->save();
    REQUIRE(str(user0, "username") == "joe");
    REQUIRE(num(user0, "age") == 2);
    REQUIRE(user0.related("Projects").size() == 2);
}

SEQUELIZE_CASE("instance/save.test.js",
               "save > eagerly loaded objects > saves many objects that each a have collection of "
               "eagerly loaded objects",
               "[instance][save]") {
    Eager f;
    Instance bart = f.UserEager.create({{"username", "bart"}, {"age", 20}});
    Instance lisa = f.UserEager.create({{"username", "lisa"}, {"age", 20}});
    Instance detention1 = f.ProjectEager.create({{"title", "detention1"}, {"overdue_days", 0}});
    Instance detention2 = f.ProjectEager.create({{"title", "detention2"}, {"overdue_days", 0}});
    Instance exam1 = f.ProjectEager.create({{"title", "exam1"}, {"overdue_days", 0}});
    Instance exam2 = f.ProjectEager.create({{"title", "exam2"}, {"overdue_days", 0}});
    Association& projects = f.UserEager.association("Projects");
    projects.set(bart, {detention1, detention2});
    projects.set(lisa, {exam1, exam2});
    auto simpsons = f.UserEager.findAll({.where = {{"age", 20}},
                                         .include = {{.model = &f.ProjectEager, .as = "Projects"}},
                                         .order = {{"username", "ASC"}}});
    REQUIRE(simpsons.size() == 2);
    Instance& bart2 = simpsons[0];
    Instance& lisa2 = simpsons[1];
    REQUIRE(bart2.related("Projects").size() == 2);
    REQUIRE(lisa2.related("Projects").size() == 2);
    bart2.set("age", num(bart2, "age") + 1);
    Instance& savedbart = bart2.save();
    REQUIRE(str(savedbart, "username") == "bart");
    REQUIRE(num(savedbart, "age") == 21);
    lisa2.set("username", "lsimpson");
    Instance& savedlisa = lisa2.save();
    REQUIRE(str(savedlisa, "username") == "lsimpson");
    REQUIRE(num(savedlisa, "age") == 20);
}

SEQUELIZE_CASE(
    "instance/save.test.js",
    "save > eagerly loaded objects > saves many objects that each has one eagerly loaded "
    "object (to which they belong)",
    "[instance][save]") {
    Eager f;
    Instance user = f.UserEager.create({{"username", "poobah"}, {"age", 18}});
    Instance homework = f.ProjectEager.create({{"title", "homework"}, {"overdue_days", 10}});
    Instance party = f.ProjectEager.create({{"title", "party"}, {"overdue_days", 2}});
    f.UserEager.association("Projects").set(user, {homework, party});
    auto projects = f.ProjectEager.findAll({.include = {{.model = &f.UserEager, .as = "Poobah"}}});
    REQUIRE(projects.size() == 2);
    for (const auto& p : projects) {
        REQUIRE(p.related("Poobah").size() == 1);
        REQUIRE(str(p.related("Poobah")[0], "username") == "poobah");
    }
    for (auto& p : projects) {
        p.set("title", "partymore");
        p.set("overdue_days", 0);
    }
    projects[0].save();
    projects[1].save();
    auto savedprojects =
        f.ProjectEager.findAll({.where = {{"title", "partymore"}, {"overdue_days", 0}},
                                .include = {{.model = &f.UserEager, .as = "Poobah"}}});
    REQUIRE(savedprojects.size() == 2);
    for (const auto& p : savedprojects) {
        REQUIRE(p.related("Poobah").size() == 1);
        REQUIRE(str(p.related("Poobah")[0], "username") == "poobah");
    }
}
