// The shapes that the brace forms of where clauses, operators, selections and
// order items build, before any model or dialect sees them.
#include <tabula/errors.hpp>
#include <tabula/query.hpp>

#include <catch2/catch.hpp>

#include <string>
#include <utility>
#include <vector>

using namespace tabula;

namespace {

void requireCompare(const Where& w, const std::string& attribute, OpKind op, const Value& value) {
    INFO(attribute);
    REQUIRE(w.type() == Where::Type::Compare);
    REQUIRE(w.attribute() == attribute);
    REQUIRE(w.op() == op);
    REQUIRE(w.value() == value);
    REQUIRE(w.value().kind() == value.kind());
    REQUIRE(w.children().empty());
}

} // namespace

TEST_CASE("an empty where is Empty", "[where]") {
    Where none;
    REQUIRE(none.empty());
    REQUIRE(none.type() == Where::Type::Empty);
    REQUIRE(none.children().empty());
    FindOptions options;
    REQUIRE(options.where.empty());
    REQUIRE(options.having.empty());
    REQUIRE(Where{}.empty());
}

TEST_CASE("attribute and value pairs compare for equality", "[where]") {
    Where one = {{"firstName", "John"}};
    requireCompare(one, "firstName", OpKind::eq, Value("John"));

    Where number = {{"age", 30}};
    requireCompare(number, "age", OpKind::eq, Value(30));

    // null means IS NULL when rendered; the tree keeps eq and a null value.
    Where null = {{"deletedAt", nullptr}};
    requireCompare(null, "deletedAt", OpKind::eq, Value());

    // A list means IN.
    Where list = {{"id", {1, 2, 3}}};
    REQUIRE(list.type() == Where::Type::Compare);
    REQUIRE(list.op() == OpKind::in);
    REQUIRE(list.value().kind() == ValueKind::Array);
    REQUIRE(list.value().asArray().size() == 3);
    REQUIRE(list.value().asArray()[2] == Value(3));
}

TEST_CASE("several pairs are joined by AND in the order written", "[where]") {
    Where w = {{"firstName", "John"}, {"age", {Op::gt, 18}}, {"city", {Op::in, {"Oslo", "Rome"}}}};
    REQUIRE(w.type() == Where::Type::And);
    REQUIRE(w.children().size() == 3);
    requireCompare(w.children()[0], "firstName", OpKind::eq, Value("John"));
    requireCompare(w.children()[1], "age", OpKind::gt, Value(18));
    requireCompare(w.children()[2], "city", OpKind::in, Value({"Oslo", "Rome"}));
}

TEST_CASE("each operator is kept with its operand", "[where]") {
    requireCompare({"a", {Op::eq, 1}}, "a", OpKind::eq, Value(1));
    requireCompare({"a", {Op::ne, 1}}, "a", OpKind::ne, Value(1));
    requireCompare({"a", {Op::gte, 1.5}}, "a", OpKind::gte, Value(1.5));
    requireCompare({"a", {Op::lt, "m"}}, "a", OpKind::lt, Value("m"));
    requireCompare({"a", {Op::lte, 9}}, "a", OpKind::lte, Value(9));
    requireCompare({"a", {Op::between, {1, 10}}}, "a", OpKind::between, Value({1, 10}));
    requireCompare({"a", {Op::notBetween, {1, 10}}}, "a", OpKind::notBetween, Value({1, 10}));
    requireCompare({"a", {Op::notIn, {1, 2}}}, "a", OpKind::notIn, Value({1, 2}));
    requireCompare({"a", {Op::like, "%x%"}}, "a", OpKind::like, Value("%x%"));
    requireCompare({"a", {Op::notLike, "x%"}}, "a", OpKind::notLike, Value("x%"));
    requireCompare({"a", {Op::iLike, "x"}}, "a", OpKind::iLike, Value("x"));
    requireCompare({"a", {Op::notILike, "x"}}, "a", OpKind::notILike, Value("x"));
    requireCompare({"a", {Op::startsWith, "x"}}, "a", OpKind::startsWith, Value("x"));
    requireCompare({"a", {Op::endsWith, "x"}}, "a", OpKind::endsWith, Value("x"));
    requireCompare({"a", {Op::substring, "x"}}, "a", OpKind::substring, Value("x"));
    requireCompare({"a", {Op::is, nullptr}}, "a", OpKind::is, Value());
    // {Op::not_, nullptr} is IS NOT NULL.
    requireCompare({"a", {Op::not_, nullptr}}, "a", OpKind::not_, Value());
    // As Sequelize: Op.not of another value is <>, of a list NOT IN.
    requireCompare({"a", {Op::not_, 5}}, "a", OpKind::ne, Value(5));
    requireCompare({"a", {Op::not_, Value::array({1, 2})}}, "a", OpKind::notIn,
                   Value::array({1, 2}));
    requireCompare({"a", {Op::not_, true}}, "a", OpKind::not_, Value(true));
    requireCompare({"meta.address.city", "Oslo"}, "meta.address.city", OpKind::eq, Value("Oslo"));
}

TEST_CASE("several operators on one attribute all hold", "[where]") {
    Where range = {{"age", {{Op::gt, 1}, {Op::lt, 9}}}};
    REQUIRE(range.type() == Where::Type::And);
    REQUIRE(range.children().size() == 2);
    requireCompare(range.children()[0], "age", OpKind::gt, Value(1));
    requireCompare(range.children()[1], "age", OpKind::lt, Value(9));

    // A single operator in the list is that comparison alone.
    Where single = {{"age", {{Op::gte, 18}}}};
    requireCompare(single, "age", OpKind::gte, Value(18));
}

TEST_CASE("Op::or_, Op::and_ and Op::not_ build logical nodes", "[where]") {
    Where any = Op::or_({{"name", "apple"}, {"price", 1}});
    REQUIRE(any.type() == Where::Type::Or);
    REQUIRE(any.children().size() == 2);
    requireCompare(any.children()[0], "name", OpKind::eq, Value("apple"));
    requireCompare(any.children()[1], "price", OpKind::eq, Value(1));

    Where all = Op::and_({{"a", 1}, {"b", 2}});
    REQUIRE(all.type() == Where::Type::And);
    REQUIRE(all.children().size() == 2);

    Where negated = Op::not_({{"a", 1}});
    REQUIRE(negated.type() == Where::Type::Not);
    REQUIRE(negated.children().size() == 1);
    requireCompare(negated.children()[0], "a", OpKind::eq, Value(1));

    // not_ over several clauses negates their AND.
    Where notBoth = Op::not_({{"a", 1}, {"b", 2}});
    REQUIRE(notBoth.type() == Where::Type::Not);
    REQUIRE(notBoth.children().size() == 1);
    REQUIRE(notBoth.children()[0].type() == Where::Type::And);
    REQUIRE(notBoth.children()[0].children().size() == 2);

    // The logical operators still read as their OpKind.
    OpKind k = Op::or_;
    REQUIRE(k == OpKind::or_);
    REQUIRE(OpKind(Op::and_) == OpKind::and_);
    REQUIRE(OpKind(Op::not_) == OpKind::not_);
}

TEST_CASE("logical nodes nest inside AND lists and inside each other", "[where]") {
    Where w = {{"kind", "fruit"}, Op::or_({{"price", {Op::lt, 2}}, {"price", {Op::gt, 6}}})};
    REQUIRE(w.type() == Where::Type::And);
    REQUIRE(w.children().size() == 2);
    requireCompare(w.children()[0], "kind", OpKind::eq, Value("fruit"));
    const Where& either = w.children()[1];
    REQUIRE(either.type() == Where::Type::Or);
    requireCompare(either.children()[0], "price", OpKind::lt, Value(2));
    requireCompare(either.children()[1], "price", OpKind::gt, Value(6));

    Where deep = Op::or_({Op::and_({{"a", 1}, {"b", 2}}), Op::not_({{"c", 3}})});
    REQUIRE(deep.type() == Where::Type::Or);
    REQUIRE(deep.children()[0].type() == Where::Type::And);
    REQUIRE(deep.children()[1].type() == Where::Type::Not);
    requireCompare(deep.children()[1].children()[0], "c", OpKind::eq, Value(3));
}

TEST_CASE("empty clauses drop out and single children collapse", "[where]") {
    // As Sequelize: [Op.and]: [] restricts nothing, [Op.or]: [] and an
    // Op.not of no restriction match no row.
    REQUIRE(Op::and_({}).matchesAll());
    REQUIRE(Where::all({}).matchesAll());
    REQUIRE_FALSE(Where::all({}).empty()); // given, unlike a missing clause
    REQUIRE(Where::all({Where(), Where()}).empty());
    REQUIRE(Op::or_({}).matchesNone());
    REQUIRE(Where::any({Where(), Where()}).matchesNone());
    REQUIRE(Op::not_({}).matchesNone());
    REQUIRE(Where::negate(Where()).matchesNone());
    requireCompare(Op::or_({{"a", 1}}), "a", OpKind::eq, Value(1));
    requireCompare(Where::all({Where(), Where("a", 1)}), "a", OpKind::eq, Value(1));

    Where a("a", 1), b("b", 2);
    Where both = a && b;
    REQUIRE(both.type() == Where::Type::And);
    REQUIRE(both.children().size() == 2);
    requireCompare(a && Where(), "a", OpKind::eq, Value(1));
    requireCompare(Where() && b, "b", OpKind::eq, Value(2));
    REQUIRE((Where() && Where()).empty());
}

TEST_CASE("Op::and_ and Op::or_ on one attribute are refused", "[where]") {
    REQUIRE_THROWS_AS(Where("price", Cond(Op::or_, 1)), UsageError);
    REQUIRE_THROWS_AS(Where("price", Cond(Op::and_, 1)), UsageError);
    REQUIRE_THROWS_WITH(Where("price", Cond(Op::or_, {1, 2})),
                        Catch::Contains("price") && Catch::Contains("Op.or"));
    REQUIRE_THROWS_AS((Where{{"price", {{Op::gt, 1}, {Op::or_, 5}}}}), UsageError);
    REQUIRE_THROWS_AS((Where{{"price", {Op::and_, 5}}}), UsageError);
    REQUIRE_NOTHROW(Where("price", Cond(Op::not_, nullptr)));
}

TEST_CASE("operators have Sequelize's names", "[where]") {
    REQUIRE(std::string(toString(OpKind::gt)) == "Op.gt");
    REQUIRE(std::string(toString(OpKind::notBetween)) == "Op.notBetween");
    REQUIRE(std::string(toString(OpKind::or_)) == "Op.or");
    REQUIRE(std::string(toString(OpKind::and_)) == "Op.and");
    REQUIRE(std::string(toString(OpKind::not_)) == "Op.not");
}

TEST_CASE("attributes: names, aliases, functions, exclude and include", "[where]") {
    Attributes names = {"id", "name"};
    REQUIRE(names.only.size() == 2);
    REQUIRE(names.only[0].expr.kind == Expr::Kind::Column);
    REQUIRE(names.only[0].expr.name == "id");
    REQUIRE(names.only[1].expr.name == "name");
    REQUIRE(names.only[1].as.empty());
    REQUIRE_FALSE(names.empty());

    Attributes aliased = {"id", {"name", "label"}, {fn("COUNT", col("id")), "n"}};
    REQUIRE(aliased.only.size() == 3);
    REQUIRE(aliased.only[1].expr.kind == Expr::Kind::Column);
    REQUIRE(aliased.only[1].expr.name == "name");
    REQUIRE(aliased.only[1].as == "label");
    const Expr& count = aliased.only[2].expr;
    REQUIRE(count.kind == Expr::Kind::Function);
    REQUIRE(count.name == "COUNT");
    REQUIRE(count.args.size() == 1);
    REQUIRE(count.args[0].kind == Expr::Kind::Column);
    REQUIRE(count.args[0].name == "id");
    REQUIRE(aliased.only[2].as == "n");

    Attributes excluded = Attributes::exclude({"password", "salt"});
    REQUIRE(excluded.only.empty());
    REQUIRE(excluded.excluded == std::vector<std::string>{"password", "salt"});
    REQUIRE_FALSE(excluded.empty());

    Attributes extra = Attributes::including({{fn("LENGTH", col("name")), "len"}});
    REQUIRE(extra.only.empty());
    REQUIRE(extra.extra.size() == 1);
    REQUIRE(extra.extra[0].expr.name == "LENGTH");
    REQUIRE(extra.extra[0].as == "len");

    REQUIRE(Attributes{}.empty());
}

TEST_CASE("expressions: columns, literals, star and nested functions", "[where]") {
    Expr lit = literal(5);
    REQUIRE(lit.kind == Expr::Kind::Literal);
    REQUIRE(lit.value == Value(5));
    REQUIRE(star().kind == Expr::Kind::Star);
    REQUIRE(col("price").kind == Expr::Kind::Column);
    REQUIRE(col("price").name == "price");

    Expr nested = fn("ROUND", fn("AVG", col("price")), literal(2));
    REQUIRE(nested.kind == Expr::Kind::Function);
    REQUIRE(nested.args.size() == 2);
    REQUIRE(nested.args[0].kind == Expr::Kind::Function);
    REQUIRE(nested.args[0].name == "AVG");
    REQUIRE(nested.args[0].args[0].name == "price");
    REQUIRE(nested.args[1].kind == Expr::Kind::Literal);
    REQUIRE(nested.args[1].value == Value(2));

    Expr countAll = fn("COUNT", star());
    REQUIRE(countAll.args.size() == 1);
    REQUIRE(countAll.args[0].kind == Expr::Kind::Star);
    REQUIRE(fn("NOW").args.empty());
}

TEST_CASE("order items and find options from brace forms", "[where]") {
    FindOptions o{.where = {{"kind", "fruit"}},
                  .attributes = {"name"},
                  .order = {{"createdAt", "DESC"}, "name", {fn("LENGTH", col("name")), "ASC"}},
                  .limit = 5,
                  .offset = 10};
    requireCompare(o.where, "kind", OpKind::eq, Value("fruit"));
    REQUIRE(o.attributes.only.size() == 1);
    REQUIRE(o.order.size() == 3);
    REQUIRE(o.order[0].expr.name == "createdAt");
    REQUIRE(o.order[0].direction == "DESC");
    REQUIRE(o.order[1].expr.name == "name");
    REQUIRE(o.order[1].direction == "ASC");
    REQUIRE(o.order[2].expr.kind == Expr::Kind::Function);
    REQUIRE(o.limit == 5);
    REQUIRE(o.offset == 10);
    REQUIRE(o.paranoid);
    REQUIRE_FALSE(o.raw);
    REQUIRE_FALSE(o.rejectOnEmpty);
}

namespace {

// Wraps `w` in one more level of `kind` (Op::not_, Op::and_ or Op::or_),
// moving it so that building is linear however deep the clause gets.
Where deeper(OpKind kind, Where w, int i) {
    switch (kind) {
    case OpKind::not_: return Where::negate(std::move(w));
    case OpKind::and_: return Where::all({std::move(w), Where("n", i)});
    default: return Where::any({Where("n", i), std::move(w)});
    }
}

// Nests `levels` levels of `kind` around a comparison; returns how many
// levels were built before a UsageError, and that error's message.
std::pair<int, std::string> nest(OpKind kind, int levels) {
    Where w{{"id", 1}};
    int built = 0;
    try {
        for (int i = 0; i < levels; ++i) {
            w = deeper(kind, std::move(w), i);
            ++built;
        }
    } catch (const UsageError& e) {
        return {built, e.what()};
    }
    return {built, ""};
}

} // namespace

TEST_CASE("a where nested 100,000 levels deep is a UsageError, not a crash", "[where]") {
    for (OpKind kind : {OpKind::not_, OpKind::and_, OpKind::or_}) {
        INFO(toString(kind));
        auto [built, message] = nest(kind, 100000);
        REQUIRE(built == 256);
        REQUIRE_THAT(message, Catch::Contains("at most 256 levels"));
    }
}

TEST_CASE("Op::and_, Op::or_ and Op::not_ refuse a level past the limit", "[where]") {
    Where w{{"id", 1}};
    int built = 0;
    REQUIRE_THROWS_AS(
        [&] {
            for (int i = 0; i < 1000; ++i) {
                if (i % 3 == 0)
                    w = Op::not_({w});
                else if (i % 3 == 1)
                    w = Op::and_({w, {"n", i}});
                else
                    w = Op::or_({{"n", i}, w});
                ++built;
            }
        }(),
        UsageError);
    REQUIRE(built == 256);
    // The clause that was too deep to wrap is left as it was.
    REQUIRE(w.depth() == 256);
    REQUIRE(w.type() == Where::Type::Not);
    REQUIRE_THROWS_AS(Op::not_({w}), UsageError);
    REQUIRE_THROWS_AS(w && Where("x", 1), UsageError);
}

TEST_CASE("a where exactly as deep as the limit is built, copied and prefixed", "[where]") {
    REQUIRE(Where::maxDepth == 256);
    Where w{{"id", 1}};
    REQUIRE(w.depth() == 0);
    for (int i = 0; i < Where::maxDepth; ++i)
        w = i % 2 ? Where::negate(std::move(w)) : Where::any({std::move(w), Where("n", i)});
    REQUIRE(w.depth() == Where::maxDepth);

    Where copy = w;
    REQUIRE(copy.depth() == Where::maxDepth);
    // The nested-object form prefixes every comparison, however deep.
    Where inJson("meta", copy);
    const Where* leaf = &inJson;
    while (leaf->type() != Where::Type::Compare)
        leaf = &leaf->children().front();
    REQUIRE(leaf->attribute() == "meta.id");

    // The depth is the deepest branch: a shallow sibling adds nothing.
    Where shallow = Where::negate(Where("x", 1));
    REQUIRE(shallow.depth() == 1);
    Where beside = Where::negate(std::move(shallow));
    REQUIRE(beside.depth() == 2);
    Where almost = w.children().front(); // one level less
    REQUIRE(almost.depth() == Where::maxDepth - 1);
    REQUIRE(Where::all({almost, beside}).depth() == Where::maxDepth);
    REQUIRE_THROWS_AS(Where::all({w, beside}), UsageError);
    // AND of a single clause is that clause: no level is added.
    REQUIRE(Op::and_({w}).depth() == Where::maxDepth);
}
