// test/integration/include/findAll.test.js
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

// a belongsTo b belongsTo c ... h; `gName` gives g a name attribute.
struct Chain {
    std::unique_ptr<Database> db = sequelize::open();
    std::vector<Model*> models;
    std::vector<Association*> up;
    explicit Chain(bool named) {
        for (const char* name : {"a", "b", "c", "d", "e", "f", "g", "h"}) {
            AttributeList attrs;
            if (named && (std::string(name) == "g" || std::string(name) == "h"))
                attrs.push_back({"name", DataTypes::STRING});
            models.push_back(&db->define(name, attrs));
        }
        for (size_t i = 0; i + 1 < models.size(); ++i)
            up.push_back(&models[i]->belongsTo(*models[i + 1]));
        db->sync({.force = true});
    }
    // b, c, ... h created and each set as the one before's; returns b.
    Instance singles(const Values& gValues = {}) {
        std::vector<Instance> made;
        for (size_t i = 1; i < models.size(); ++i) {
            made.push_back(models[i]->create(models[i]->name() == "g" ? gValues : Values{}));
            if (made.size() > 1) up[i - 1]->set(made[made.size() - 2], {made.back()});
        }
        return made.front();
    }
    // The nested include b > c > ... > h, with `gWhere` on g.
    Include nested(const Where& gWhere = {}) const {
        Include level{.model = models[7]};
        for (size_t i = 6; i >= 1; --i) {
            Include outer{.model = models[i], .include = {level}};
            if (i == 6) outer.where = gWhere;
            level = outer;
        }
        return level;
    }
    static void requireChain(const Instance& a) {
        const Instance* at = &a;
        for (const char* name : {"b", "c", "d", "e", "f", "g", "h"}) {
            REQUIRE(at->related(name).size() == 1);
            at = &at->related(name)[0];
        }
    }
};

} // namespace

SEQUELIZE_CASE("include/findAll.test.js",
               "findAll > should work on a nested set of relations with a where condition in "
               "between relations",
               "[include][findAll]") {
    auto db = sequelize::open();
    Model& User = db->define("User", {});
    Model& SubscriptionForm = db->define("SubscriptionForm", {});
    Model& Collection = db->define("Collection", {});
    Model& Category = db->define("Category", {});
    Model& SubCategory = db->define("SubCategory", {});
    Model& Capital = db->define("Capital", {});
    User.hasOne(SubscriptionForm, {.foreignKey = "boundUser"});
    SubscriptionForm.belongsTo(User, {.foreignKey = "boundUser"});
    SubscriptionForm.hasOne(Collection, {.foreignKey = "boundDesigner"});
    Collection.belongsTo(SubscriptionForm, {.foreignKey = "boundDesigner"});
    SubscriptionForm.belongsTo(Category, {.foreignKey = "boundCategory"});
    Category.hasMany(SubscriptionForm, {.foreignKey = "boundCategory"});
    Capital.hasMany(Category, {.foreignKey = "boundCapital"});
    Category.belongsTo(Capital, {.foreignKey = "boundCapital"});
    Category.hasMany(SubCategory, {.foreignKey = "boundCategory"});
    SubCategory.belongsTo(Category, {.foreignKey = "boundCategory"});
    db->sync({.force = true});
    REQUIRE_NOTHROW(User.findOne(
        {.include = {{.model = &SubscriptionForm,
                      .include = {{.model = &Collection, .where = {{"id", 13}}},
                                  {.model = &Category,
                                   .include = {{.model = &SubCategory},
                                               {.model = &Capital,
                                                .include = {{.model = &Category}}}}}}}}}));
}

SEQUELIZE_CASE("include/findAll.test.js",
               "findAll > should accept nested `where` and `limit` at the same time",
               "[include][findAll]") {
    auto db = sequelize::open();
    Model& Product = db->define("Product", {{"title", DataTypes::STRING}});
    Model& Tag = db->define("Tag", {{"name", DataTypes::STRING}});
    db->define("ProductTag", {{"priority", DataTypes::INTEGER}});
    Model& Set = db->define("Set", {{"title", DataTypes::STRING}});
    Association& products = Set.hasMany(Product);
    Product.belongsTo(Set);
    Association& tags = Product.belongsToMany(Tag, {.through = "ProductTag"});
    Tag.belongsToMany(Product, {.through = "ProductTag"});
    db->sync({.force = true});
    Set.bulkCreate({{{"title", "office"}}});
    Product.bulkCreate({{{"title", "Chair"}}, {{"title", "Desk"}}, {{"title", "Dress"}}});
    Tag.bulkCreate({{{"name", "A"}}, {{"name", "B"}}, {{"name", "C"}}});
    auto sets = Set.findAll();
    auto ps = Product.findAll();
    auto ts = Tag.findAll();
    products.add(sets[0], {ps[0], ps[1]});
    // The priorities of the junction rows need through attributes; the
    // links alone are made here.
    tags.add(ps[0], {ts[0], ts[1], ts[2]});
    tags.add(ps[1], {ts[1]});
    tags.add(ps[2], {ts[1], ts[2]});
    REQUIRE_NOTHROW(Set.findAll(
        {.include = {{.model = &Product, .include = {{.model = &Tag, .where = {{"name", "A"}}}}}},
         .limit = 1}));
}

SEQUELIZE_CASE("include/findAll.test.js",
               "findAll > should support an include with multiple different association types",
               "[include][findAll]") {
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
    Product.hasMany(Price);
    Price.belongsTo(Product);
    User.hasMany(GroupMember, {.as = "Memberships"});
    GroupMember.belongsTo(User);
    GroupMember.belongsTo(Rank);
    GroupMember.belongsTo(Group);
    Group.hasMany(GroupMember, {.as = "Memberships"});
    db->sync({.force = true});
    Group.bulkCreate({{{"name", "Developers"}}, {{"name", "Designers"}}});
    auto groups = Group.findAll();
    Rank.bulkCreate({{{"name", "Admin"}, {"canInvite", 1}, {"canRemove", 1}},
                     {{"name", "Member"}, {"canInvite", 1}, {"canRemove", 0}}});
    auto ranks = Rank.findAll();
    Tag.bulkCreate({{{"name", "A"}}, {{"name", "B"}}, {{"name", "C"}}});
    auto tags = Tag.findAll();
    for (int i = 0; i < 5; ++i) {
        Instance user = User.create({});
        Product.bulkCreate({{{"title", "Chair"}}, {{"title", "Desk"}}});
        auto ps = Product.findAll({.order = {{"id", "ASC"}}});
        GroupMember.bulkCreate({{{"UserId", user.get("id")},
                                 {"GroupId", groups[0].get("id")},
                                 {"RankId", ranks[0].get("id")}},
                                {{"UserId", user.get("id")},
                                 {"GroupId", groups[1].get("id")},
                                 {"RankId", ranks[1].get("id")}}});
        products.set(user, {ps[i * 2], ps[i * 2 + 1]});
        tagsOf.set(ps[i * 2], {tags[0], tags[2]});
        tagsOf.set(ps[i * 2 + 1], {tags[1]});
        category.set(ps[i * 2], {tags[1]});
        std::vector<Values> prices;
        for (double v : {5.0, 10.0})
            prices.push_back({{"ProductId", ps[i * 2].get("id")}, {"value", v}});
        for (double v : {5.0, 10.0, 15.0, 20.0})
            prices.push_back({{"ProductId", ps[i * 2 + 1].get("id")}, {"value", v}});
        Price.bulkCreate(prices);
        auto users = User.findAll({.include = {{.model = &GroupMember,
                                                .as = "Memberships",
                                                .include = {{.model = &Group}, {.model = &Rank}}},
                                               {.model = &Product,
                                                .include = {{.model = &Tag},
                                                            {.model = &Tag, .as = "Category"},
                                                            {.model = &Price}}}},
                                   .order = {{"id", "ASC"}}});
        for (const auto& u : users) {
            auto ms = byId(u.related("Memberships"));
            REQUIRE(ms.size() == 2);
            REQUIRE(ms[0].related("Group").at(0).get<std::string>("name") == "Developers");
            REQUIRE(ms[0].related("Rank").at(0).get("canRemove").asInt() == 1);
            REQUIRE(ms[1].related("Group").at(0).get<std::string>("name") == "Designers");
            REQUIRE(ms[1].related("Rank").at(0).get("canRemove").asInt() == 0);
            auto up = byId(u.related("Products"));
            REQUIRE(up.size() == 2);
            REQUIRE(up[0].related("Tags").size() == 2);
            REQUIRE(up[1].related("Tags").size() == 1);
            REQUIRE(up[0].related("Category").size() == 1);
            REQUIRE(up[1].related("Category").empty());
            REQUIRE(up[0].related("Prices").size() == 2);
            REQUIRE(up[1].related("Prices").size() == 4);
        }
    }
}

SEQUELIZE_CASE("include/findAll.test.js", "findAll > should support many levels of belongsTo",
               "[include][findAll]") {
    Chain f(false);
    // Differs: bulkCreate of rows without a single value is refused on
    // SQLite and PostgreSQL (UsageError); the rows are created one by one.
    for (int i = 0; i < 8; ++i)
        f.models[0]->create({});
    auto as0 = f.models[0]->findAll();
    Instance b = f.singles();
    for (auto& a : as0)
        f.up[0]->set(a, {b});
    auto as = f.models[0]->findAll({.include = {f.nested()}});
    REQUIRE_FALSE(as.empty());
    for (const auto& a : as)
        Chain::requireChain(a);
}

SEQUELIZE_CASE("include/findAll.test.js",
               "findAll > should support many levels of belongsTo (with a lower level having a "
               "where)",
               "[include][findAll]") {
    Chain f(true);
    for (int i = 0; i < 8; ++i)
        f.models[0]->create({});
    auto as0 = f.models[0]->findAll();
    Instance b = f.singles({{"name", "yolo"}});
    for (auto& a : as0)
        f.up[0]->set(a, {b});
    auto as = f.models[0]->findAll({.include = {f.nested({{"name", "yolo"}})}});
    REQUIRE_FALSE(as.empty());
    for (const auto& a : as)
        Chain::requireChain(a);
}

SEQUELIZE_CASE("include/findAll.test.js",
               "findAll > should support ordering with only belongsTo includes",
               "[include][findAll]") {
    auto db = sequelize::open();
    Model& User = db->define("User", {});
    Model& Item = db->define("Item", {{"test", DataTypes::STRING}});
    Model& Order = db->define("Order", {{"position", DataTypes::INTEGER}});
    Association& itemA = User.belongsTo(Item, {.as = "itemA", .foreignKey = "itemA_id"});
    Association& itemB = User.belongsTo(Item, {.as = "itemB", .foreignKey = "itemB_id"});
    Association& order = User.belongsTo(Order);
    db->sync({.force = true});
    User.bulkCreate({{}, {}, {}});
    auto users = User.findAll();
    Item.bulkCreate({{{"test", "abc"}}, {{"test", "def"}}, {{"test", "ghi"}}, {{"test", "jkl"}}});
    auto items = Item.findAll({.order = {{"id"}}});
    Order.bulkCreate({{{"position", 2}}, {{"position", 3}}, {{"position", 1}}});
    auto orders = Order.findAll({.order = {{"id"}}});
    itemA.set(users[0], {items[0]});
    itemB.set(users[0], {items[1]});
    order.set(users[0], {orders[2]});
    itemA.set(users[1], {items[2]});
    itemB.set(users[1], {items[3]});
    order.set(users[1], {orders[1]});
    itemA.set(users[2], {items[0]});
    itemB.set(users[2], {items[3]});
    order.set(users[2], {orders[0]});
    auto as = User.findAll({.include = {{.model = &Item, .as = "itemA", .where = {{"test", "abc"}}},
                                        {.model = &Item, .as = "itemB"},
                                        {.model = &Order}},
                            .order = {{"Order.position"}}});
    REQUIRE(as.size() == 2);
    REQUIRE(as[0].related("itemA").at(0).get<std::string>("test") == "abc");
    REQUIRE(as[1].related("itemA").at(0).get<std::string>("test") == "abc");
    REQUIRE(as[0].related("Order").at(0).get("position").asInt() == 1);
    REQUIRE(as[1].related("Order").at(0).get("position").asInt() == 2);
}

SEQUELIZE_CASE("include/findAll.test.js", "findAll > should include attributes from through models",
               "[include][findAll]") {
    NOT_SUPPORTED("through attributes");
}

SEQUELIZE_CASE("include/findAll.test.js", "findAll > should support a required belongsTo include",
               "[include][findAll]") {
    auto db = sequelize::open();
    Model& User = db->define("User", {});
    Model& Group = db->define("Group", {});
    Association& group = User.belongsTo(Group);
    db->sync({.force = true});
    Group.bulkCreate({{}, {}});
    auto groups = Group.findAll();
    User.bulkCreate({{}, {}, {}});
    auto users0 = User.findAll();
    group.set(users0[2], {groups[1]});
    auto users = User.findAll({.include = {{.model = &Group, .required = true}}});
    REQUIRE(users.size() == 1);
    REQUIRE(users[0].related("Group").size() == 1);
}

namespace {

struct UsersGroups {
    std::unique_ptr<Database> db = sequelize::open();
    Model& User = db->define("User", {});
    Model& Group = db->define("Group", {{"name", DataTypes::STRING}});
    UsersGroups() {
        Association& group = User.belongsTo(Group);
        db->sync({.force = true});
        Group.bulkCreate({{{"name", "A"}}, {{"name", "B"}}});
        auto groups = Group.findAll();
        User.bulkCreate({{}, {}});
        auto users = User.findAll();
        group.set(users[0], {groups[1]});
        group.set(users[1], {groups[0]});
    }
};

} // namespace

SEQUELIZE_CASE("include/findAll.test.js",
               "findAll > should be possible to extend the on clause with a where option on a "
               "belongsTo include",
               "[include][findAll]") {
    UsersGroups f;
    auto users = f.User.findAll({.include = {{.model = &f.Group, .where = {{"name", "A"}}}}});
    REQUIRE(users.size() == 1);
    REQUIRE(users[0].related("Group").size() == 1);
    REQUIRE(users[0].related("Group")[0].get<std::string>("name") == "A");
}

SEQUELIZE_CASE("include/findAll.test.js",
               "findAll > should be possible to extend the on clause with a where option on a "
               "belongsTo include (required)",
               "[include][findAll]") {
    // The second it() of the same title in the original: a required include.
    UsersGroups f;
    auto users = f.User.findAll({.include = {{.model = &f.Group, .required = true}}});
    for (const auto& user : users)
        REQUIRE(user.related("Group").size() == 1);
}

SEQUELIZE_CASE("include/findAll.test.js",
               "findAll > should be possible to define a belongsTo include as required with child "
               "hasMany not required",
               "[include][findAll]") {
    auto db = sequelize::open();
    Model& Address = db->define("Address", {{"active", DataTypes::BOOLEAN}});
    Model& Street = db->define("Street", {{"active", DataTypes::BOOLEAN}});
    Model& User = db->define("User", {{"username", DataTypes::STRING}});
    User.belongsTo(Address, {.foreignKey = "addressId"});
    Address.hasMany(User, {.foreignKey = "addressId"});
    Address.belongsTo(Street, {.foreignKey = "streetId"});
    Street.hasMany(Address, {.foreignKey = "streetId"});
    db->sync({.force = true});
    Instance street = Street.create({{"active", true}});
    Instance address = Address.create({{"active", true}, {"streetId", street.get("id")}});
    User.create({{"username", "John"}, {"addressId", address.get("id")}});
    auto john = User.findOne({.where = {{"username", "John"}},
                              .include = {{.model = &Address,
                                           .where = {{"active", true}},
                                           .required = true,
                                           .include = {{.model = &Street}}}}});
    REQUIRE(john);
    REQUIRE(john->related("Address").size() == 1);
    REQUIRE(john->related("Address")[0].related("Street").size() == 1);
}

namespace {

// User belongsTo Group (as `team`), Group hasMany Category (as `tags`);
// both groups hold both categories.
void requiredWithChildLimit(const std::string& team, const std::string& tags,
                            std::optional<bool> childRequired) {
    auto db = sequelize::open();
    Model& User = db->define("User", {});
    Model& Group = db->define("Group", {{"name", DataTypes::STRING}});
    Model& Category = db->define("Category", {{"category", DataTypes::STRING}});
    Association& group = User.belongsTo(Group, {.as = team});
    Association& categories = Group.hasMany(Category, {.as = tags});
    db->sync({.force = true});
    Group.bulkCreate({{{"name", "A"}}, {{"name", "B"}}});
    auto groups = Group.findAll();
    User.bulkCreate({{}, {}});
    auto us = User.findAll();
    Category.bulkCreate({{}, {}});
    auto cats = Category.findAll();
    group.set(us[0], {groups[1]});
    group.set(us[1], {groups[0]});
    for (auto& g : groups)
        categories.set(g, cats);
    Include child{.model = &Category, .as = tags, .required = childRequired};
    auto users = User.findAll(
        {.include = {{.model = &Group, .as = team, .required = true, .include = {child}}},
         .limit = 1});
    REQUIRE(users.size() == 1);
    for (const auto& user : users) {
        REQUIRE(user.related(group.as()).size() == 1);
        REQUIRE(user.related(group.as())[0].hasRelated(categories.as()));
    }
}

} // namespace

SEQUELIZE_CASE("include/findAll.test.js",
               "findAll > should be possible to define a belongsTo include as required with child "
               "hasMany with limit",
               "[include][findAll]") {
    requiredWithChildLimit("Group", "Categories", std::nullopt);
}

SEQUELIZE_CASE("include/findAll.test.js",
               "findAll > should be possible to define a belongsTo include as required with child "
               "hasMany with limit and aliases",
               "[include][findAll]") {
    requiredWithChildLimit("Team", "Tags", std::nullopt);
}

SEQUELIZE_CASE("include/findAll.test.js",
               "findAll > should be possible to define a belongsTo include as required with child "
               "hasMany which is not required with limit",
               "[include][findAll]") {
    requiredWithChildLimit("Group", "Categories", false);
}

SEQUELIZE_CASE("include/findAll.test.js",
               "findAll > should be possible to extend the on clause with a where option on a "
               "hasOne include",
               "[include][findAll]") {
    auto db = sequelize::open();
    Model& User = db->define("User", {});
    Model& Project = db->define("Project", {{"title", DataTypes::STRING}});
    Association& leaderOf = User.hasOne(Project, {.as = "LeaderOf"});
    db->sync({.force = true});
    Project.bulkCreate({{{"title", "Alpha"}}, {{"title", "Beta"}}});
    auto projects = Project.findAll();
    User.bulkCreate({{}, {}});
    auto us = User.findAll();
    leaderOf.set(us[1], {projects[1]});
    leaderOf.set(us[0], {projects[0]});
    auto users = User.findAll(
        {.include = {{.model = &Project, .as = "LeaderOf", .where = {{"title", "Beta"}}}}});
    REQUIRE(users.size() == 1);
    REQUIRE(users[0].related("LeaderOf").size() == 1);
    REQUIRE(users[0].related("LeaderOf")[0].get<std::string>("title") == "Beta");
}

SEQUELIZE_CASE("include/findAll.test.js",
               "findAll > should be possible to extend the on clause with a where option on a "
               "hasMany include with a through model",
               "[include][findAll]") {
    auto db = sequelize::open();
    Model& Product = db->define("Product", {{"title", DataTypes::STRING}});
    Model& Tag = db->define("Tag", {{"name", DataTypes::STRING}});
    db->define("ProductTag", {{"priority", DataTypes::INTEGER}});
    Association& tags = Product.belongsToMany(Tag, {.through = "ProductTag"});
    Tag.belongsToMany(Product, {.through = "ProductTag"});
    db->sync({.force = true});
    Product.bulkCreate({{{"title", "Chair"}}, {{"title", "Desk"}}, {{"title", "Dress"}}});
    auto ps = Product.findAll();
    Tag.bulkCreate({{{"name", "A"}}, {{"name", "B"}}, {{"name", "C"}}});
    auto ts = Tag.findAll();
    // addTag(tag, {priority}) passes options, not junction values: plain adds.
    tags.add(ps[0], {ts[0]});
    tags.add(ps[0], {ts[1]});
    tags.add(ps[1], {ts[1]});
    tags.add(ps[2], {ts[0]});
    tags.add(ps[2], {ts[1]});
    tags.add(ps[2], {ts[2]});
    auto products = Product.findAll({.include = {{.model = &Tag, .where = {{"name", "C"}}}}});
    REQUIRE(products.size() == 1);
    REQUIRE(products[0].related("Tags").size() == 1);
}

SEQUELIZE_CASE("include/findAll.test.js",
               "findAll > should be possible to extend the on clause with a where option on nested "
               "includes",
               "[include][findAll]") {
    auto db = sequelize::open();
    Model& User = db->define("User", {{"name", DataTypes::STRING}});
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
    Product.hasMany(Price);
    Price.belongsTo(Product);
    User.hasMany(GroupMember, {.as = "Memberships"});
    GroupMember.belongsTo(User);
    GroupMember.belongsTo(Rank);
    GroupMember.belongsTo(Group);
    Group.hasMany(GroupMember, {.as = "Memberships"});
    db->sync({.force = true});
    Group.bulkCreate({{{"name", "Developers"}}, {{"name", "Designers"}}});
    auto groups = Group.findAll();
    Rank.bulkCreate({{{"name", "Admin"}, {"canInvite", 1}, {"canRemove", 1}},
                     {{"name", "Member"}, {"canInvite", 1}, {"canRemove", 0}}});
    auto ranks = Rank.findAll();
    Tag.bulkCreate({{{"name", "A"}}, {{"name", "B"}}, {{"name", "C"}}});
    auto tags = Tag.findAll();
    for (int i = 0; i < 5; ++i) {
        Instance user = User.create({{"name", "FooBarzz"}});
        Product.bulkCreate({{{"title", "Chair"}}, {{"title", "Desk"}}});
        auto ps = Product.findAll({.order = {{"id", "ASC"}}});
        GroupMember.bulkCreate({{{"UserId", user.get("id")},
                                 {"GroupId", groups[0].get("id")},
                                 {"RankId", ranks[0].get("id")}},
                                {{"UserId", user.get("id")},
                                 {"GroupId", groups[1].get("id")},
                                 {"RankId", ranks[1].get("id")}}});
        products.set(user, {ps[i * 2], ps[i * 2 + 1]});
        tagsOf.set(ps[i * 2], {tags[0], tags[2]});
        tagsOf.set(ps[i * 2 + 1], {tags[1]});
        category.set(ps[i * 2], {tags[1]});
        std::vector<Values> prices;
        for (double v : {5.0, 10.0})
            prices.push_back({{"ProductId", ps[i * 2].get("id")}, {"value", v}});
        for (double v : {5.0, 10.0, 15.0, 20.0})
            prices.push_back({{"ProductId", ps[i * 2 + 1].get("id")}, {"value", v}});
        Price.bulkCreate(prices);
    }
    auto users = User.findAll(
        {.include = {{.model = &GroupMember,
                      .as = "Memberships",
                      .include = {{.model = &Group},
                                  {.model = &Rank, .where = {{"name", "Admin"}}}}},
                     {.model = &Product,
                      .include = {{.model = &Tag},
                                  {.model = &Tag, .as = "Category"},
                                  {.model = &Price, .where = {{"value", {Op::gt, 15}}}}}}},
         .order = {{"id", "ASC"}}});
    for (const auto& user : users) {
        REQUIRE(user.related("Memberships").size() == 1);
        REQUIRE(user.related("Memberships")[0].related("Rank").at(0).get<std::string>("name") ==
                "Admin");
        REQUIRE(user.related("Products").size() == 1);
        REQUIRE(user.related("Products")[0].related("Prices").size() == 1);
    }
}

SEQUELIZE_CASE("include/findAll.test.js",
               "findAll > should be possible to use limit and a where with a belongsTo include",
               "[include][findAll]") {
    auto db = sequelize::open();
    Model& User = db->define("User", {});
    Model& Group = db->define("Group", {{"name", DataTypes::STRING}});
    Association& group = User.belongsTo(Group);
    db->sync({.force = true});
    Group.bulkCreate({{{"name", "A"}}, {{"name", "B"}}});
    auto groups = Group.findAll();
    User.bulkCreate({{}, {}, {}, {}});
    auto us = User.findAll();
    group.set(us[0], {groups[0]});
    group.set(us[1], {groups[0]});
    group.set(us[2], {groups[0]});
    group.set(us[3], {groups[1]});
    auto users =
        User.findAll({.include = {{.model = &Group, .where = {{"name", "A"}}}}, .limit = 2});
    REQUIRE(users.size() == 2);
    for (const auto& user : users)
        REQUIRE(user.related("Group").at(0).get<std::string>("name") == "A");
}

namespace {

// fixtureA: five users with products, tags, categories, companies, prices
// and group memberships.
struct FixtureA {
    std::unique_ptr<Database> db = sequelize::open();
    Model& User = db->define("User", {});
    Model& Company = db->define("Company", {{"name", DataTypes::STRING}});
    Model& Product = db->define("Product", {{"title", DataTypes::STRING}});
    Model& Tag = db->define("Tag", {{"name", DataTypes::STRING}});
    Model& Price = db->define("Price", {{"value", DataTypes::FLOAT}});
    Model& Customer = db->define("Customer", {{"name", DataTypes::STRING}});
    Model& Group = db->define("Group", {{"name", DataTypes::STRING}});
    Model& GroupMember = db->define("GroupMember", {});
    Model& Rank =
        db->define("Rank", {{"name", DataTypes::STRING},
                            {"canInvite", {.type = DataTypes::INTEGER, .defaultValue = 0}},
                            {"canRemove", {.type = DataTypes::INTEGER, .defaultValue = 0}},
                            {"canPost", {.type = DataTypes::INTEGER, .defaultValue = 0}}});
    FixtureA() {
        Association& products = User.hasMany(Product);
        Product.belongsTo(User);
        Association& tagsOf = Product.belongsToMany(Tag, {.through = "product_tag"});
        Tag.belongsToMany(Product, {.through = "product_tag"});
        Association& category = Product.belongsTo(Tag, {.as = "Category"});
        Association& company = Product.belongsTo(Company);
        Product.hasMany(Price);
        Price.belongsTo(Product);
        User.hasMany(GroupMember, {.as = "Memberships"});
        GroupMember.belongsTo(User);
        GroupMember.belongsTo(Rank);
        GroupMember.belongsTo(Group);
        Group.hasMany(GroupMember, {.as = "Memberships"});
        db->sync({.force = true});
        Group.bulkCreate(
            {{{"name", "Developers"}}, {{"name", "Designers"}}, {{"name", "Managers"}}});
        auto groups = Group.findAll();
        Company.bulkCreate({{{"name", "Sequelize"}},
                            {{"name", "Coca Cola"}},
                            {{"name", "Bonanza"}},
                            {{"name", "NYSE"}},
                            {{"name", "Coshopr"}}});
        auto companies = Company.findAll();
        Rank.bulkCreate({{{"name", "Admin"}, {"canInvite", 1}, {"canRemove", 1}, {"canPost", 1}},
                         {{"name", "Trustee"}, {"canInvite", 1}, {"canRemove", 0}, {"canPost", 1}},
                         {{"name", "Member"}, {"canInvite", 1}, {"canRemove", 0}, {"canPost", 0}}});
        auto ranks = Rank.findAll();
        Tag.bulkCreate(
            {{{"name", "A"}}, {{"name", "B"}}, {{"name", "C"}}, {{"name", "D"}}, {{"name", "E"}}});
        auto tags = Tag.findAll();
        for (size_t i = 0; i < 5; ++i) {
            Instance user = User.create({});
            Product.bulkCreate({{{"title", "Chair"}},
                                {{"title", "Desk"}},
                                {{"title", "Bed"}},
                                {{"title", "Pen"}},
                                {{"title", "Monitor"}}});
            auto ps = Product.findAll({.order = {{"id", "ASC"}}});
            // The original's group members name AccUserId, an attribute
            // GroupMember does not have, which Sequelize drops: only the
            // group and the rank are set.
            std::vector<Values> members{
                {{"GroupId", groups[0].get("id")}, {"RankId", ranks[0].get("id")}},
                {{"GroupId", groups[1].get("id")}, {"RankId", ranks[2].get("id")}}};
            if (i < 3)
                members.push_back(
                    {{"GroupId", groups[2].get("id")}, {"RankId", ranks[1].get("id")}});
            GroupMember.bulkCreate(members);
            const size_t b = i * 5;
            products.set(user, {ps[b], ps[b + 1], ps[b + 3]});
            tagsOf.set(ps[b], {tags[0], tags[2]});
            tagsOf.set(ps[b + 1], {tags[1]});
            category.set(ps[b], {tags[1]});
            tagsOf.set(ps[b + 2], {tags[0]});
            tagsOf.set(ps[b + 3], {tags[0]});
            company.set(ps[b], {companies[4]});
            company.set(ps[b + 1], {companies[3]});
            company.set(ps[b + 2], {companies[2]});
            company.set(ps[b + 3], {companies[1]});
            company.set(ps[b + 4], {companies[0]});
            std::vector<Values> prices;
            for (auto [k, v] : std::vector<std::pair<size_t, double>>{
                     {0, 5}, {0, 10}, {1, 5}, {1, 10}, {1, 15}, {1, 20}, {2, 20}, {3, 20}})
                prices.push_back({{"ProductId", ps[b + k].get("id")}, {"value", v}});
            Price.bulkCreate(prices);
        }
    }
};

} // namespace

SEQUELIZE_CASE("include/findAll.test.js",
               "findAll > should be possible use limit, attributes and a where on a "
               "belongsTo with additional hasMany includes",
               "[include][findAll]") {
    FixtureA f;
    auto products =
        f.Product.findAll({.include = {{.model = &f.Company, .where = {{"name", "NYSE"}}},
                                       {.model = &f.Tag, .as = "Tags"},
                                       {.model = &f.Price}},
                           .attributes = {"id", "title"},
                           .order = {{"id", "ASC"}},
                           .limit = 3});
    REQUIRE(products.size() == 3);
    for (const auto& product : products) {
        REQUIRE(product.related("Company").at(0).get<std::string>("name") == "NYSE");
        REQUIRE_FALSE(product.related("Tags").empty());
        REQUIRE_FALSE(product.related("Prices").empty());
    }
}

SEQUELIZE_CASE("include/findAll.test.js",
               "findAll > should be possible to have the primary key in attributes",
               "[include][findAll]") {
    auto db = sequelize::open();
    Model& Parent = db->define("Parent", {});
    Model& Child1 = db->define("Child1", {});
    Association& children = Parent.hasMany(Child1);
    Child1.belongsTo(Parent);
    db->sync({.force = true});
    Instance parent = Parent.create({});
    Instance child = Child1.create({});
    children.add(parent, {child});
    REQUIRE_NOTHROW(Child1.findOne(
        {.include = {
             {.model = &Parent, .where = {{"id", parent.get("id")}}, .attributes = {"id"}}}}));
}

SEQUELIZE_CASE("include/findAll.test.js",
               "findAll > should be possible to turn off the attributes for the through table",
               "[include][findAll]") {
    NOT_SUPPORTED("through attributes");
}

SEQUELIZE_CASE("include/findAll.test.js",
               "findAll > should be possible to select on columns inside a through table",
               "[include][findAll]") {
    NOT_SUPPORTED("through attributes");
}

SEQUELIZE_CASE("include/findAll.test.js",
               "findAll > should be possible to select on columns inside a through table and a "
               "limit",
               "[include][findAll]") {
    NOT_SUPPORTED("through attributes");
}

// Fails: with the members' attributes limited to email, their id is not
// read, and no album finds its member.
SEQUELIZE_FAILING_CASE("include/findAll.test.js",
                       "findAll > should be possible not to include the main id in the attributes",
                       "[include][findAll]") {
    auto db = sequelize::open();
    Model& Member = db->define(
        "Member", {{"id", {.type = DataTypes::BIGINT, .primaryKey = true, .autoIncrement = true}},
                   {"email",
                    {.type = DataTypes::STRING,
                     .allowNull = false,
                     .unique = true,
                     .validate = {.notEmpty = true, .isEmail = true}}},
                   {"password", DataTypes::STRING}});
    Model& Album = db->define(
        "Album", {{"id", {.type = DataTypes::BIGINT, .primaryKey = true, .autoIncrement = true}},
                  {"title", {.type = DataTypes::STRING(25), .allowNull = false}}});
    Album.belongsTo(Member);
    Member.hasMany(Album);
    db->sync({.force = true});
    std::vector<Values> members, albums;
    for (int i = 1; i <= 20; ++i) {
        members.push_back({{"id", i},
                           {"email", "email" + std::to_string(i) + "@lmu.com"},
                           {"password", "testing" + std::to_string(i)}});
        albums.push_back({{"title", "Album" + std::to_string(i)}, {"MemberId", i}});
    }
    Member.bulkCreate(members);
    Album.bulkCreate(albums);
    auto members0 = Member.findAll({.include = {{.model = &Album}}, .attributes = {"email"}});
    REQUIRE(members0.size() == 20);
    for (const auto& member : members0) {
        REQUIRE(member.get("id").isNull());
        REQUIRE(member.related("Albums").size() == 1);
    }
}

SEQUELIZE_CASE("include/findAll.test.js",
               "findAll > should be possible to use limit and a where on a hasMany with additional "
               "includes",
               "[include][findAll]") {
    FixtureA f;
    auto products =
        f.Product.findAll({.include = {{.model = &f.Company},
                                       {.model = &f.Tag, .as = "Tags"},
                                       {.model = &f.Price, .where = {{"value", {Op::gt, 5}}}}},
                           .order = {{"id", "ASC"}},
                           .limit = 6});
    REQUIRE(products.size() == 6);
    for (const auto& product : products) {
        REQUIRE_FALSE(product.related("Tags").empty());
        REQUIRE_FALSE(product.related("Prices").empty());
        for (const auto& price : product.related("Prices"))
            REQUIRE(price.get("value").asDouble() > 5);
    }
}

SEQUELIZE_CASE("include/findAll.test.js",
               "findAll > should be possible to use limit and a where on a hasMany with a through "
               "model with additional includes",
               "[include][findAll]") {
    FixtureA f;
    auto products = f.Product.findAll(
        {.include = {{.model = &f.Company},
                     {.model = &f.Tag, .as = "Tags", .where = {{"name", {"A", "B", "C"}}}},
                     {.model = &f.Price}},
         .order = {{"id", "ASC"}},
         .limit = 10});
    REQUIRE(products.size() == 10);
    for (const auto& product : products) {
        REQUIRE_FALSE(product.related("Tags").empty());
        REQUIRE_FALSE(product.related("Prices").empty());
        for (const auto& tag : product.related("Tags")) {
            const std::string name = tag.get<std::string>("name");
            REQUIRE((name == "A" || name == "B" || name == "C"));
        }
    }
}

SEQUELIZE_CASE("include/findAll.test.js",
               "findAll > should support including date fields, with the correct timeszone",
               "[include][findAll]") {
    auto db = sequelize::open();
    Model& User = db->define("user", {{"dateField", DataTypes::DATE}}, {.timestamps = false});
    Model& Group = db->define("group", {{"dateField", DataTypes::DATE}}, {.timestamps = false});
    Association& groups = User.belongsToMany(Group, {.through = "group_user"});
    Group.belongsToMany(User, {.through = "group_user"});
    db->sync({.force = true});
    const Timestamp when = Value::parseTimestamp("2014-02-20T00:00:00Z");
    Instance user = User.create({{"dateField", when}});
    Instance group = Group.create({{"dateField", when}});
    groups.add(user, {group});
    auto users = User.findAll({.where = {{"id", user.get("id")}}, .include = {{.model = &Group}}});
    REQUIRE(users.size() == 1);
    REQUIRE(users[0].get("dateField").asTimestamp() == when);
    REQUIRE(users[0].related("groups").at(0).get("dateField").asTimestamp() == when);
}

SEQUELIZE_CASE("include/findAll.test.js",
               "findAll > should still pull the main record(s) when an included model is not "
               "required and has where restrictions without matches",
               "[include][findAll]") {
    auto db = sequelize::open();
    Model& A = db->define("a", {{"name", DataTypes::STRING(40)}});
    Model& B = db->define("b", {{"name", DataTypes::STRING(40)}});
    A.belongsToMany(B, {.through = "a_b"});
    B.belongsToMany(A, {.through = "a_b"});
    db->sync({.force = true});
    A.create({{"name", "Foobar"}});
    auto as = A.findAll(
        {.where = {{"name", "Foobar"}},
         .include = {{.model = &B, .where = {{"name", "idontexist"}}, .required = false}}});
    REQUIRE(as.size() == 1);
    REQUIRE(as[0].related("bs").empty());
}

SEQUELIZE_CASE("include/findAll.test.js",
               "findAll > should work with paranoid, a main record where, an include where, and a "
               "limit",
               "[include][findAll]") {
    auto db = sequelize::open();
    Model& Post = db->define("post", {{"date", DataTypes::DATE}, {"public", DataTypes::BOOLEAN}},
                             {.paranoid = true});
    Model& Category = db->define("category", {{"slug", DataTypes::STRING}});
    Association& categories = Post.hasMany(Category);
    Category.belongsTo(Post);
    db->sync({.force = true});
    std::vector<Instance> posts0;
    for (int i = 0; i < 4; ++i)
        posts0.push_back(Post.create({{"public", true}}));
    categories.create(posts0[1], {{"slug", "food"}});
    categories.create(posts0[2], {{"slug", "food"}});
    auto posts = Post.findAll({.where = {{"public", true}},
                               .include = {{.model = &Category, .where = {{"slug", "food"}}}},
                               .limit = 2});
    REQUIRE(posts.size() == 2);
}

SEQUELIZE_CASE("include/findAll.test.js",
               "findAll > should work on a nested set of required 1:1 relations",
               "[include][findAll]") {
    NOT_SUPPORTED("foreignKey as an attribute definition");
}

SEQUELIZE_CASE("include/findAll.test.js", "findAll > should work with an empty include.where",
               "[include][findAll]") {
    auto db = sequelize::open();
    Model& User = db->define("User", {});
    Model& Company = db->define("Company", {});
    Model& Group = db->define("Group", {});
    User.belongsTo(Company);
    User.belongsToMany(Group, {.through = "UsersGroups"});
    Group.belongsToMany(User, {.through = "UsersGroups"});
    db->sync({.force = true});
    REQUIRE_NOTHROW(User.findAll(
        {.include = {{.model = &Group, .where = {}}, {.model = &Company, .where = {}}}}));
}

SEQUELIZE_CASE("include/findAll.test.js",
               "findAll > should be able to order on the main table and a required belongsTo "
               "relation with custom tablenames and limit ",
               "[include][findAll]") {
    auto db = sequelize::open();
    Model& User = db->define("User", {{"lastName", DataTypes::STRING}}, {.tableName = "dem_users"});
    Model& Company =
        db->define("Company", {{"rank", DataTypes::INTEGER}}, {.tableName = "dem_companies"});
    Association& company = User.belongsTo(Company);
    Company.hasMany(User);
    db->sync({.force = true});
    Instance albertsen = User.create({{"lastName", "Albertsen"}});
    Instance zenith = User.create({{"lastName", "Zenith"}});
    Instance hansen = User.create({{"lastName", "Hansen"}});
    Instance company1 = Company.create({{"rank", 1}});
    Instance company2 = Company.create({{"rank", 2}});
    company.set(albertsen, {company1});
    company.set(zenith, {company2});
    company.set(hansen, {company2});
    auto users = User.findAll({.include = {{.model = &Company, .required = true}},
                               .order = {{"Company.rank", "ASC"}, {"lastName", "DESC"}},
                               .limit = 5});
    REQUIRE(users.size() == 3);
    REQUIRE(users[0].get<std::string>("lastName") == "Albertsen");
    REQUIRE(users[0].related("Company").at(0).get("rank").asInt() == 1);
    REQUIRE(users[1].get<std::string>("lastName") == "Zenith");
    REQUIRE(users[1].related("Company").at(0).get("rank").asInt() == 2);
    REQUIRE(users[2].get<std::string>("lastName") == "Hansen");
    REQUIRE(users[2].related("Company").at(0).get("rank").asInt() == 2);
}

SEQUELIZE_CASE("include/findAll.test.js",
               "findAll > should ignore include with attributes: [] (used for aggregates)",
               "[include][findAll]") {
    NOT_SUPPORTED("fn/col over an included model's columns");
}

SEQUELIZE_CASE(
    "include/findAll.test.js",
    "findAll > should ignore include with attributes: [] and through: { attributes: [] } "
    "(used for aggregates)",
    "[include][findAll]") {
    NOT_SUPPORTED("fn/col over an included model's columns");
}

SEQUELIZE_CASE("include/findAll.test.js",
               "findAll > should not add primary key when including and aggregating with raw: true",
               "[include][findAll]") {
    NOT_SUPPORTED("fn/col over an included model's columns");
}

SEQUELIZE_CASE("include/findAll.test.js",
               "findAll > should return posts with nested include with inner join with a m:n "
               "association",
               "[include][findAll]") {
    NOT_SUPPORTED("through attributes");
}

SEQUELIZE_CASE("include/findAll.test.js",
               "findAll > should be able to generate a correct request with inner and outer join",
               "[include][findAll]") {
    auto db = sequelize::open();
    Model& Customer = db->define("customer", {{"name", DataTypes::STRING}});
    Model& ShippingAddress = db->define(
        "shippingAddress", {{"address", DataTypes::STRING}, {"verified", DataTypes::BOOLEAN}});
    Model& Order = db->define("purchaseOrder", {{"description", DataTypes::TEXT}});
    Model& Shipment = db->define("shipment", {{"trackingNumber", DataTypes::STRING}});
    Customer.hasMany(ShippingAddress);
    ShippingAddress.belongsTo(Customer);
    Customer.hasMany(Order);
    Order.belongsTo(Customer);
    Shipment.belongsTo(Order);
    Order.hasOne(Shipment);
    db->sync({.force = true});
    REQUIRE_NOTHROW(Shipment.findOne(
        {.include = {{.model = &Order,
                      .required = true,
                      .include = {{.model = &Customer,
                                   .include = {{.model = &ShippingAddress,
                                                .where = {{"verified", true}}}}}}}}}));
}

SEQUELIZE_CASE("include/findAll.test.js",
               "findAll > should be able to generate a correct request for entity with 1:n and m:1 "
               "associations and limit",
               "[include][findAll]") {
    FixtureA f;
    auto products = f.Product.findAll({.include = {{.model = &f.User}, {.model = &f.Price}},
                                       .attributes = {"title"},
                                       .limit = 10});
    REQUIRE(products.size() == 10);
    for (const auto& product : products) {
        REQUIRE(product.get("title").kind() == ValueKind::Text);
        // The key read to match the belongsTo does not leak into the row.
        REQUIRE(product.get("UserId").isNull());
        REQUIRE(product.related("User").size() <= 1);
        REQUIRE(product.hasRelated("Prices"));
    }
}

// Fails: set on a paranoid junction deletes the links it drops for good;
// Sequelize soft-deletes them, so both rows are there with paranoid: false.
SEQUELIZE_FAILING_CASE("include/findAll.test.js",
                       "findAll > should allow through model to be paranoid",
                       "[include][findAll]") {
    auto db = sequelize::open();
    Model& User = db->define("user", {{"name", DataTypes::STRING}}, {.timestamps = false});
    Model& Customer = db->define("customer", {{"name", DataTypes::STRING}}, {.timestamps = false});
    Model& UserCustomer =
        db->define("user_customer", {}, {.createdAt = false, .updatedAt = false, .paranoid = true});
    Association& customers = User.belongsToMany(Customer, {.through = "user_customer"});
    db->sync({.force = true});
    Instance user = User.create({{"name", "User 1"}});
    Instance customer1 = Customer.create({{"name", "Customer 1"}});
    Instance customer2 = Customer.create({{"name", "Customer 2"}});
    customers.set(user, {customer1});
    customers.set(user, {customer2});
    auto users = User.findAll({.include = {{.model = &Customer}}});
    REQUIRE(users.size() == 1);
    REQUIRE(users[0].related("customers").size() == 1);
    // customers[0].user_customer.deletedAt needs through attributes.
    auto userCustomers = UserCustomer.findAll({.paranoid = false});
    REQUIRE(userCustomers.size() == 2);
    size_t deleted = 0;
    for (const auto& uc : userCustomers)
        deleted += uc.get("deletedAt").isNull() ? 0 : 1;
    REQUIRE(deleted == 1);
}
