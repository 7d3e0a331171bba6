// Query options: where clauses with operators, attributes, order, grouping.
// Sequelize's `where: {firstName: 'John', age: {[Op.gt]: 18}}` is written
//   .where = {{"firstName", "John"}, {"age", {Op::gt, 18}}}
#pragma once

#include <tabula/value.hpp>

#include <chrono>
#include <concepts>
#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <type_traits>
#include <vector>

namespace tabula {

enum class OpKind {
    eq,
    ne,
    gt,
    gte,
    lt,
    lte,
    between,
    notBetween,
    in,
    notIn,
    like,
    notLike,
    iLike,
    notILike,
    startsWith,
    endsWith,
    substring,
    is,
    not_,
    and_,
    or_
};

const char* toString(OpKind op);

// One operator and its operand: {Op::gt, 18}, {Op::between, {1, 10}}.
struct Cond {
    Cond(OpKind op, Value value) : op(op), value(std::move(value)) {}
    OpKind op;
    Value value;
};

// A where clause: a tree of comparisons joined by AND, OR and NOT.
// Attribute names may be dotted paths into a JSON attribute: "meta.city".
// AND, OR and NOT nest at most maxDepth levels deep; building a deeper clause
// throws a UsageError, so no clause is too deep to copy, render or destroy.
class Where {
public:
    enum class Type { Empty, And, Or, Not, Compare };
    static constexpr int maxDepth = 256;

    Where() = default;
    // All of these hold (AND).
    Where(std::initializer_list<Where> all);
    // attribute = value; null means IS NULL, a list means IN.
    Where(std::string attribute, Value equals);
    Where(std::string attribute, Cond condition);
    // Several operators on one attribute, all holding: {{Op::gt, 1}, {Op::lt, 9}}.
    Where(std::string attribute, std::initializer_list<Cond> conditions);
    // A clause inside a JSON attribute, Sequelize's nested-object form:
    //   {"meta", Where{{"address", Where{{"city", "Oslo"}}}}}  means  meta.address.city = 'Oslo'
    // (A template so that a plain brace list never picks it.)
    template <class W>
    requires std::same_as<std::remove_cvref_t<W>, Where> Where(std::string attribute, W&& nested)
        : Where(std::forward<W>(nested)) {
        prefixPaths(attribute);
    }

    // AND of the children. Where::all({}) is Sequelize's explicit `where: {}`:
    // every row, accepted by update and destroy where a missing clause is not.
    static Where all(std::vector<Where> children);
    // OR of the children; with none (Op::or_({})) no row matches.
    static Where any(std::vector<Where> children);
    // NOT of the child; of a clause that restricts nothing, no row matches.
    static Where negate(Where child);

    Type type() const { return type_; }
    // No clause given at all.
    bool empty() const { return type_ == Type::Empty; }
    // Given, and holding for every row: Where::all({}).
    bool matchesAll() const { return type_ == Type::And && children_.empty(); }
    // Given, and holding for no row: Op::or_({}).
    bool matchesNone() const { return type_ == Type::Or && children_.empty(); }
    const std::string& attribute() const { return attribute_; }
    OpKind op() const { return op_; }
    const Value& value() const { return value_; }
    const std::vector<Where>& children() const { return children_; }
    // Levels of AND, OR and NOT: 0 for a comparison or an empty clause.
    int depth() const { return depth_; }

    // Combines two clauses with AND (either may be empty).
    Where operator&&(const Where& other) const;

private:
    void prefixPaths(const std::string& attribute);

    Type type_ = Type::Empty;
    std::string attribute_;
    OpKind op_ = OpKind::eq;
    Value value_;
    std::vector<Where> children_;
    int depth_ = 0;
};

namespace detail {
struct LogicalOp {
    OpKind kind;
    constexpr operator OpKind() const { return kind; }
    Where operator()(std::initializer_list<Where> children) const;
};
} // namespace detail

// Sequelize's Op: comparison operators, and or_/and_/not_ for logic.
struct Op {
    static constexpr OpKind eq = OpKind::eq;
    static constexpr OpKind ne = OpKind::ne;
    static constexpr OpKind gt = OpKind::gt;
    static constexpr OpKind gte = OpKind::gte;
    static constexpr OpKind lt = OpKind::lt;
    static constexpr OpKind lte = OpKind::lte;
    static constexpr OpKind between = OpKind::between;
    static constexpr OpKind notBetween = OpKind::notBetween;
    static constexpr OpKind in = OpKind::in;
    static constexpr OpKind notIn = OpKind::notIn;
    static constexpr OpKind like = OpKind::like;
    static constexpr OpKind notLike = OpKind::notLike;
    static constexpr OpKind iLike = OpKind::iLike;
    static constexpr OpKind notILike = OpKind::notILike;
    static constexpr OpKind startsWith = OpKind::startsWith;
    static constexpr OpKind endsWith = OpKind::endsWith;
    static constexpr OpKind substring = OpKind::substring;
    static constexpr OpKind is = OpKind::is;
    // {Op::not_, nullptr} is IS NOT NULL; Op::not_({...}) negates a clause.
    static constexpr detail::LogicalOp not_{OpKind::not_};
    static constexpr detail::LogicalOp and_{OpKind::and_};
    static constexpr detail::LogicalOp or_{OpKind::or_};
};

// An SQL function over columns, for attributes: fn("COUNT", col("id")).
struct Expr {
    enum class Kind { Column, Literal, Function, Star };
    Kind kind = Kind::Column;
    std::string name{}; // column or function name
    Value value;        // literal, bound as a parameter
    std::vector<Expr> args{};

    Expr(const char* column) : name(column) {}
    Expr(std::string column) : name(std::move(column)) {}
    static Expr literal(Value v);
};
Expr col(std::string name);
Expr fnOf(std::string name, std::vector<Expr> args);
template <class... Args>
Expr fn(std::string name, Args&&... args) {
    return fnOf(std::move(name), std::vector<Expr>{Expr(std::forward<Args>(args))...});
}
Expr literal(Value v);
Expr star();

// One selected attribute: "name", {"name", "alias"}, {fn("COUNT", col("id")), "n"}.
struct Selection {
    Selection(const char* attribute) : expr(attribute) {}
    Selection(std::string attribute) : expr(std::move(attribute)) {}
    Selection(Expr e, std::string as) : expr(std::move(e)), as(std::move(as)) {}
    Expr expr;
    std::string as{};
};

// Which attributes to read: a list, or all but some (Attributes::exclude).
struct Attributes {
    Attributes() = default;
    Attributes(std::initializer_list<Selection> only) : only(only) {}
    Attributes(std::vector<Selection> only) : only(std::move(only)) {}
    static Attributes exclude(std::vector<std::string> names);
    // All attributes plus these (Sequelize's `attributes: {include: [...]}`).
    static Attributes including(std::vector<Selection> extra);

    std::vector<Selection> only{};
    std::vector<Selection> extra{};
    std::vector<std::string> excluded{};
    bool empty() const { return only.empty() && extra.empty() && excluded.empty(); }
};

// {"createdAt", "DESC"}; direction: ASC, DESC, with NULLS FIRST/LAST.
struct OrderBy {
    OrderBy(const char* attribute, std::string direction = "ASC")
        : expr(attribute), direction(std::move(direction)) {}
    OrderBy(std::string attribute, std::string direction = "ASC")
        : expr(std::move(attribute)), direction(std::move(direction)) {}
    OrderBy(Expr e, std::string direction = "ASC")
        : expr(std::move(e)), direction(std::move(direction)) {}
    Expr expr;
    std::string direction{};
};

class Transaction;
class Model;

// Eager loading, Sequelize's `include`: {.model = &Task} or {.as = "tasks"}.
// A where on the include makes it required (only parents that have a
// match), unless required = false.
struct Include {
    const Model* model = nullptr;
    std::string as{};
    Where where{};
    std::optional<bool> required{};
    Attributes attributes{};
    std::vector<Include> include{}; // nested
    std::vector<OrderBy> order{};   // order of the included rows in each parent
};

struct FindOptions {
    Where where{};
    std::vector<Include> include{};
    Attributes attributes{};
    std::vector<OrderBy> order{};
    std::optional<std::int64_t> limit{};
    std::optional<std::int64_t> offset{};
    std::vector<std::string> group{};
    Where having{};
    bool raw = false;     // values as the database returned them
    bool paranoid = true; // false: include soft-deleted rows
    bool rejectOnEmpty = false;
    Transaction* transaction = nullptr;
    // Time limit of each statement the call runs (TimeoutError past it);
    // 0: none; unset: Options::queryTimeout.
    std::optional<std::chrono::milliseconds> timeout{};
};

} // namespace tabula
