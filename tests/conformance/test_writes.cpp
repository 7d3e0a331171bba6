// Upsert, bulk inserts across chunk boundaries with their generated keys,
// nested JSON where clauses, and PostgreSQL arrays.
#include "context.hpp"

#include <catch2/catch.hpp>

using namespace tabula;

TEST_CASE("upsert inserts, then updates the same key", "[writes]") {
    auto db = conformance::open();
    Model& Setting =
        db->define("setting", {{"key", {.type = DataTypes::STRING(64), .primaryKey = true}},
                               {"value", DataTypes::STRING}});
    Setting.sync({.force = true});
    Instance first = Setting.upsert({{"key", "theme"}, {"value", "dark"}});
    REQUIRE(first.get("value").asString() == "dark");
    Value created = first.get("createdAt");
    Instance second = Setting.upsert({{"key", "theme"}, {"value", "light"}});
    REQUIRE(second.get("value").asString() == "light");
    REQUIRE(Setting.count() == 1);
    auto stored = Setting.findByPk("theme");
    REQUIRE(stored->get("value").asString() == "light");
    REQUIRE(stored->get("createdAt") == created); // the first insert's, kept
}

TEST_CASE("upsert on a unique attribute with a generated key", "[writes]") {
    auto db = conformance::open();
    Model& User = db->define("user", {{"email", {.type = DataTypes::STRING, .unique = true}},
                                      {"name", DataTypes::STRING}});
    User.sync({.force = true});
    Instance a = User.upsert({{"email", "a@x.io"}, {"name", "A"}}, {.conflictFields = {"email"}});
    REQUIRE(a.get("id").asInt() >= 1);
    Instance b = User.upsert({{"email", "a@x.io"}, {"name", "B"}}, {.conflictFields = {"email"}});
    REQUIRE(b.get("name").asString() == "B");
    REQUIRE(b.get("id") == a.get("id"));
    REQUIRE(User.count() == 1);
}

TEST_CASE("upsert of an existing row leaves attributes it was not given", "[writes]") {
    auto db = conformance::open();
    Model& Account =
        db->define("account", {{"login", {.type = DataTypes::STRING(64), .primaryKey = true}},
                               {"plan", DataTypes::STRING},
                               {"active", {.type = DataTypes::BOOLEAN, .defaultValue = true}}});
    Account.sync({.force = true});
    Account.create({{"login", "ann"}, {"plan", "free"}, {"active", false}});
    Instance after = Account.upsert({{"login", "ann"}, {"plan", "pro"}});
    REQUIRE(after.get("plan").asString() == "pro");
    auto stored = Account.findByPk("ann");
    REQUIRE(stored->get("plan").asString() == "pro");
    REQUIRE(stored->get("active").asBool() == false); // not reset to its default
    // A new row still takes the default.
    Account.upsert({{"login", "bo"}, {"plan", "free"}});
    REQUIRE(Account.findByPk("bo")->get("active").asBool() == true);
}

TEST_CASE("updates of one shape send one statement text with each call's values", "[writes]") {
    std::vector<std::string> log;
    auto db = conformance::open({.logging = [&](const std::string& l) { log.push_back(l); }});
    Model& Task = db->define("task", {{"title", DataTypes::STRING}, {"rank", DataTypes::INTEGER}},
                             {.paranoid = true});
    Task.sync({.force = true});
    Task.bulkCreate({{{"title", "a"}, {"rank", 1}},
                     {{"title", "b"}, {"rank", 2}},
                     {{"title", "c"}, {"rank", 3}}});
    Task.destroy({.where = {{"title", "c"}}}); // soft: stays in the table
    log.clear();
    REQUIRE(Task.update({{"rank", 10}}, {.where = {{"title", "a"}}}) == 1);
    REQUIRE(Task.update({{"rank", 20}}, {.where = {{"title", "b"}}}) == 1);
    // The deleted row is still skipped the second time the shape is used.
    REQUIRE(Task.update({{"rank", 30}}, {.where = {{"title", "c"}}}) == 0);
    // A where value of another type is coerced as the first call's was.
    REQUIRE(Task.update({{"title", "b2"}}, {.where = {{"rank", "20"}}}) == 1);
    REQUIRE(Task.update({{"title", "a2"}}, {.where = {{"rank", 10}}}) == 1);
    REQUIRE(log.size() == 5);
    CHECK(log[0] == log[1]);
    CHECK(log[1] == log[2]);
    CHECK(log[3] == log[4]);
    auto rows = Task.findAll({.order = {{"rank", "ASC"}}, .paranoid = false});
    REQUIRE(rows.size() == 3);
    CHECK(rows[0].get<std::string>("title") == "c");
    CHECK(rows[0].get<std::int64_t>("rank") == 3);
    CHECK(rows[1].get<std::string>("title") == "a2");
    CHECK(rows[1].get<std::int64_t>("rank") == 10);
    CHECK(rows[2].get<std::string>("title") == "b2");
    CHECK(rows[2].get<std::int64_t>("rank") == 20);
    // Null and list values change the statement's shape.
    log.clear();
    REQUIRE(Task.update({{"rank", 5}}, {.where = {{"title", nullptr}}}) == 0);
    REQUIRE(Task.update({{"rank", 6}}, {.where = {{"title", Value::array({"a2", "b2"})}}}) == 2);
    REQUIRE(log.size() == 2);
    CHECK(log[0].find("IS NULL") != std::string::npos);
    CHECK(conformance::readsAList(log[1]));
}

TEST_CASE("updates of one shape on two models each change their own table", "[writes]") {
    auto db = conformance::open();
    // The same attributes in the same order: their updates have one shape.
    Model& Red = db->define("red", {{"name", DataTypes::STRING}, {"rank", DataTypes::INTEGER}});
    Model& Blue = db->define("blue", {{"name", DataTypes::STRING}, {"rank", DataTypes::INTEGER}});
    Red.sync({.force = true});
    Blue.sync({.force = true});
    Red.create({{"name", "r"}, {"rank", 1}});
    Blue.create({{"name", "b"}, {"rank", 1}});
    for (int round = 2; round <= 3; ++round) {
        REQUIRE(Red.update({{"rank", round * 10}}, {.where = {{"name", "r"}}}) == 1);
        REQUIRE(Blue.update({{"rank", round * 100}}, {.where = {{"name", "b"}}}) == 1);
    }
    CHECK(Red.findOne()->get<std::int64_t>("rank") == 30);
    CHECK(Blue.findOne()->get<std::int64_t>("rank") == 300);
}

TEST_CASE("an update naming an attribute twice sets the last value given", "[writes]") {
    auto db = conformance::open();
    Model& Task = db->define("task", {{"title", DataTypes::STRING}, {"rank", DataTypes::INTEGER}});
    Task.sync({.force = true});
    Task.create({{"title", "a"}, {"rank", 1}});
    REQUIRE(Task.update({{"rank", 2}, {"title", "b"}, {"rank", 3}}, {.where = {{"title", "a"}}}) ==
            1);
    auto row = Task.findOne();
    REQUIRE(row);
    CHECK(row->get<std::string>("title") == "b");
    CHECK(row->get<std::int64_t>("rank") == 3);
    // The last value is the one checked, and a bad one changes nothing.
    CHECK_THROWS_AS(Task.update({{"rank", 4}, {"rank", "x"}}, {.where = {{"title", "b"}}}),
                    ValidationError);
    CHECK(Task.findOne()->get<std::int64_t>("rank") == 3);
}

TEST_CASE("bulkCreate of many wide rows splits into statements the client accepts", "[writes]") {
    auto db = conformance::open();
    AttributeList columns;
    for (int c = 0; c < 10; ++c)
        columns.emplace_back("c" + std::to_string(c), DataTypes::INTEGER);
    Model& Wide = db->define("wide", columns, {.timestamps = false});
    Wide.sync({.force = true});
    std::vector<Values> rows;
    for (int i = 0; i < 1500; ++i) {
        Values row;
        for (int c = 0; c < 10; ++c)
            row.emplace_back("c" + std::to_string(c), Value(i * 10 + c));
        rows.push_back(std::move(row));
    }
    auto created = Wide.bulkCreate(rows); // 15000 values
    REQUIRE(created.size() == 1500);
    REQUIRE(Wide.count() == 1500);
    REQUIRE(created.back().get("id").asInt() > created.front().get("id").asInt());
}

TEST_CASE("bulkCreate returns every row with its generated key", "[writes]") {
    auto db = conformance::open();
    Model& Point = db->define("point", {{"x", DataTypes::INTEGER}, {"label", DataTypes::STRING}},
                              {.timestamps = false});
    Point.sync({.force = true});
    std::vector<Values> rows;
    for (int i = 0; i < 2500; ++i)
        rows.push_back({{"x", i}, {"label", "p" + std::to_string(i)}});
    auto made = Point.bulkCreate(rows);
    REQUIRE(made.size() == rows.size());
    REQUIRE(Point.count() == 2500);
    for (size_t i = 0; i < made.size(); i += 499) {
        auto stored = Point.findByPk(made[i].get("id"));
        REQUIRE(stored);
        REQUIRE(stored->get("x").asInt() == static_cast<long long>(i));
    }
    REQUIRE(made.back().get("id").asInt() - made.front().get("id").asInt() == 2499);

    // ignoreDuplicates keeps the stored row; updateOnDuplicate takes the new value.
    const Value id = made.front().get("id");
    Point.bulkCreate({{{"id", id}, {"x", -1}, {"label", "dup"}}}, {.ignoreDuplicates = true});
    REQUIRE(Point.findByPk(id)->get("x").asInt() == 0);
    Point.bulkCreate({{{"id", id}, {"x", -1}, {"label", "dup"}}}, {.updateOnDuplicate = {"x"}});
    REQUIRE(Point.findByPk(id)->get("x").asInt() == -1);
    REQUIRE(Point.findByPk(id)->get("label").asString() == "p0");
    REQUIRE(Point.count() == 2500);
}

TEST_CASE("bulkCreate reads back what the database chose: keys and left-out columns", "[writes]") {
    auto db = conformance::open();
    // The table's column `mode` has the default 'draft' in the database...
    Model& Made = db->define("made",
                             {{"label", DataTypes::STRING},
                              {"mode", {.type = DataTypes::STRING, .defaultValue = "draft"}}},
                             {.tableName = "mades", .timestamps = false});
    Made.sync({.force = true});
    // ...which a second model of the same table does not know about.
    Model& Plain = db->define("plain", {{"label", DataTypes::STRING}, {"mode", DataTypes::STRING}},
                              {.tableName = "mades", .timestamps = false});
    std::vector<Values> rows;
    for (int i = 0; i < 1203; ++i) // three chunks
        rows.push_back({{"label", "m" + std::to_string(i)}});
    const auto made = Plain.bulkCreate(rows, {.fields = {"label"}});
    REQUIRE(made.size() == rows.size());
    for (size_t i = 0; i < made.size(); ++i) {
        REQUIRE(made[i].get<std::string>("label") == "m" + std::to_string(i));
        REQUIRE_FALSE(made[i].isNewRecord());
        REQUIRE(made[i].changed().empty());
    }
    REQUIRE(made.back().get<std::int64_t>("id") - made.front().get<std::int64_t>("id") == 1202);
    const auto stored = Plain.findByPk(made[600].get("id"));
    REQUIRE(stored);
    REQUIRE(stored->get<std::string>("label") == "m600");
    // Every dialect here returns rows from an INSERT (MariaDB from 10.5): the
    // database's default reaches the instances without another query.
    REQUIRE(made[600].get<std::string>("mode") == "draft");
}

TEST_CASE("bulkCreate stores each chunk's own values, copied or moved in", "[writes]") {
    auto db = conformance::open();
    Model& Note = db->define("note", {{"n", DataTypes::INTEGER}, {"body", DataTypes::TEXT}},
                             {.timestamps = false});
    Note.sync({.force = true});
    // Three chunks (500, 500, 203 rows), text longer than a short string.
    auto body = [](int i) { return "note " + std::to_string(i) + std::string(i % 40, '.'); };
    std::vector<Values> rows;
    for (int i = 0; i < 1203; ++i)
        rows.push_back({{"n", i}, {"body", body(i)}});
    const std::vector<Values> copy = rows;
    auto moved = Note.bulkCreate(std::move(rows), {.returning = true});
    auto copied = Note.bulkCreate(copy);
    REQUIRE(moved.size() == 1203);
    REQUIRE(copied.size() == 1203);
    for (int i = 0; i < 1203; ++i) {
        REQUIRE(moved[i].get<std::string>("body") == body(i));
        REQUIRE(copied[i].get<std::string>("body") == body(i));
    }
    const auto stored = Note.findAll({.order = {{"id", "ASC"}}});
    REQUIRE(stored.size() == 2406);
    for (int i = 0; i < 2406; ++i) {
        REQUIRE(stored[i].get<std::int64_t>("n") == i % 1203);
        REQUIRE(stored[i].get<std::string>("body") == body(i % 1203));
    }
}

TEST_CASE("bulkCreate validates every row before sending anything", "[writes]") {
    auto db = conformance::open();
    Model& Tag = db->define("tag", {{"name", {.type = DataTypes::STRING, .allowNull = false}}});
    Tag.sync({.force = true});
    REQUIRE_THROWS_AS(Tag.bulkCreate({{{"name", "ok"}}, {{"name", nullptr}}}), ValidationError);
    REQUIRE(Tag.count() == 0);
}

TEST_CASE("where in the nested-object form of a JSON attribute", "[writes][json]") {
    auto db = conformance::open();
    Model& Person = db->define("person", {{"name", DataTypes::STRING}, {"meta", DataTypes::JSON}});
    Person.sync({.force = true});
    Person.create({{"name", "Ada"}, {"meta", Value::json(R"({"address":{"city":"Oslo"}})")}});
    Person.create({{"name", "Bo"}, {"meta", Value::json(R"({"address":{"city":"Bergen"}})")}});
    auto nested =
        Person.findAll({.where = {{"meta", Where{{"address", Where{{"city", "Oslo"}}}}}}});
    REQUIRE(nested.size() == 1);
    REQUIRE(nested[0].get("name").asString() == "Ada");
    auto dotted = Person.findAll({.where = {{"meta.address.city", "Bergen"}}});
    REQUIRE(dotted.size() == 1);
    REQUIRE(dotted[0].get("name").asString() == "Bo");
}

TEST_CASE("ARRAY attributes where the dialect has arrays", "[writes]") {
    auto db = conformance::open();
    if (!conformance::isPostgres()) {
        // The others have no ARRAY type: defining one works, creating its table says why not.
        Model& M = db->define("listing", {{"tags", DataTypes::ARRAY(DataTypes::STRING)}});
        REQUIRE_THROWS_WITH(M.sync({.force = true}), Catch::Contains("ARRAY"));
        return;
    }
    Model& M = db->define("listing", {{"tags", DataTypes::ARRAY(DataTypes::STRING)},
                                      {"scores", DataTypes::ARRAY(DataTypes::INTEGER)}});
    M.sync({.force = true});
    Instance row = M.create({{"tags", {"a b", "c\"d", "e"}}, {"scores", {3, 1, 2}}});
    auto stored = M.findByPk(row.get("id"));
    REQUIRE(stored->get("tags") == Value({"a b", "c\"d", "e"}));
    REQUIRE(stored->get("scores") == Value({3, 1, 2}));
}

TEST_CASE("an ARRAY attribute compared with a list is array equality", "[writes][array]") {
    if (!conformance::isPostgres()) return; // the only dialect with ARRAY columns
    std::vector<std::string> log;
    auto db = conformance::open({.logging = [&](const std::string& l) { log.push_back(l); }});
    Model& M = db->define("listing",
                          {{"tags", DataTypes::ARRAY(DataTypes::STRING)},
                           {"scores", DataTypes::ARRAY(DataTypes::INTEGER)}},
                          {.timestamps = false});
    M.sync({.force = true});
    M.create({{"tags", {"a", "b"}}, {"scores", {1, 2}}});
    M.create({{"tags", {"b", "a"}}, {"scores", Value::array({2})}});
    M.create({{"tags", Value::array({})}, {"scores", Value::array({3})}});

    log.clear();
    auto found = M.findAll({.where = {{"tags", Value({"a", "b"})}}});
    REQUIRE(found.size() == 1);
    REQUIRE(found[0].get("scores") == Value({1, 2}));
    REQUIRE(log.back().find("\"tags\" = $1") != std::string::npos);

    REQUIRE(M.count({.where = {{"scores", {Op::eq, Value::array({2})}}}}) == 1);
    REQUIRE(M.count({.where = {{"scores", {Op::ne, Value::array({2})}}}}) == 2);
    REQUIRE(M.count({.where = {{"tags", Value::array({})}}}) == 1);
    // A list of lists is a list of arrays.
    REQUIRE(M.count({.where = {{"scores", {Op::in, Value({Value({1, 2}), Value::array({3})})}}}}) ==
            2);
    REQUIRE(M.update({{"scores", Value::array({9})}}, {.where = {{"tags", Value({"b", "a"})}}}) ==
            1);
    REQUIRE(M.count({.where = {{"scores", Value::array({9})}}}) == 1);
}
