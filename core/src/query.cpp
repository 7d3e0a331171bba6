// Where clauses, operators and attribute selections.
#include <tabula/errors.hpp>
#include <tabula/query.hpp>

#include <algorithm>
#include <string>

namespace tabula {

namespace {

// The depth of an AND, OR or NOT over `children`; refuses one past the limit
// before the deeper tree exists.
int depthOver(const std::vector<Where>& children) {
    int deepest = 0;
    for (const Where& child : children)
        deepest = std::max(deepest, child.depth());
    if (deepest >= Where::maxDepth)
        throw UsageError("a where clause may nest Op::and_, Op::or_ and Op::not_ at most " +
                         std::to_string(Where::maxDepth) + " levels deep");
    return deepest + 1;
}

} // namespace

const char* toString(OpKind op) {
    switch (op) {
    case OpKind::eq: return "Op.eq";
    case OpKind::ne: return "Op.ne";
    case OpKind::gt: return "Op.gt";
    case OpKind::gte: return "Op.gte";
    case OpKind::lt: return "Op.lt";
    case OpKind::lte: return "Op.lte";
    case OpKind::between: return "Op.between";
    case OpKind::notBetween: return "Op.notBetween";
    case OpKind::in: return "Op.in";
    case OpKind::notIn: return "Op.notIn";
    case OpKind::like: return "Op.like";
    case OpKind::notLike: return "Op.notLike";
    case OpKind::iLike: return "Op.iLike";
    case OpKind::notILike: return "Op.notILike";
    case OpKind::startsWith: return "Op.startsWith";
    case OpKind::endsWith: return "Op.endsWith";
    case OpKind::substring: return "Op.substring";
    case OpKind::is: return "Op.is";
    case OpKind::not_: return "Op.not";
    case OpKind::and_: return "Op.and";
    case OpKind::or_: return "Op.or";
    }
    return "Op.unknown";
}

// One clause, the common {{"id", 1}}, needs no AND around it, nor a vector
// to pass through on its way.
Where::Where(std::initializer_list<Where> all)
    : Where(all.size() == 1 ? Where(*all.begin()) : Where::all(std::vector<Where>(all))) {}

Where::Where(std::string attribute, Value equals)
    : type_(Type::Compare), attribute_(std::move(attribute)),
      op_(equals.kind() == ValueKind::Array ? OpKind::in : OpKind::eq), value_(std::move(equals)) {}

Where::Where(std::string attribute, Cond condition)
    : type_(Type::Compare), attribute_(std::move(attribute)), op_(condition.op),
      value_(std::move(condition.value)) {
    // As Sequelize: Op.not of a list is NOT IN, of a value other than null,
    // true or false it is <>; of those three it stays IS NOT.
    if (op_ == OpKind::not_ && value_.kind() == ValueKind::Array)
        op_ = OpKind::notIn;
    else if (op_ == OpKind::not_ && !value_.isNull() && value_.kind() != ValueKind::Bool)
        op_ = OpKind::ne;
    if (op_ == OpKind::and_ || op_ == OpKind::or_)
        throw UsageError(std::string(toString(op_)) + " on attribute '" + attribute_ +
                         "': use Op::and_({...}) / Op::or_({...}) around whole clauses");
}

Where::Where(std::string attribute, std::initializer_list<Cond> conditions) {
    std::vector<Where> parts;
    for (const auto& c : conditions)
        parts.emplace_back(attribute, c);
    *this = Where::all(std::move(parts));
}

void Where::prefixPaths(const std::string& attribute) {
    // Every comparison inside names a path below `attribute`.
    if (type_ == Type::Compare) attribute_ = attribute + "." + attribute_;
    for (auto& child : children_)
        child.prefixPaths(attribute);
}

Where Where::all(std::vector<Where> children) {
    // Nothing given is Sequelize's explicit `{}` or `[Op.and]: []`: every
    // row. Only empty clauses given leave the clause missing, as they were.
    const bool explicitAll = children.empty();
    std::erase_if(children, [](const Where& w) { return w.empty(); });
    if (children.empty()) {
        if (!explicitAll) return Where();
        Where w;
        w.type_ = Type::And;
        return w;
    }
    if (children.size() == 1) return std::move(children.front());
    const int depth = depthOver(children);
    Where w;
    w.type_ = Type::And;
    w.children_ = std::move(children);
    w.depth_ = depth;
    return w;
}

Where Where::any(std::vector<Where> children) {
    std::erase_if(children, [](const Where& w) { return w.empty() || w.matchesAll(); });
    if (children.empty()) {
        // As Sequelize's `[Op.or]: []`: no alternative holds, no row matches.
        Where w;
        w.type_ = Type::Or;
        return w;
    }
    if (children.size() == 1) return std::move(children.front());
    const int depth = depthOver(children);
    Where w;
    w.type_ = Type::Or;
    w.children_ = std::move(children);
    w.depth_ = depth;
    return w;
}

Where Where::negate(Where child) {
    // Not "no restriction" is Sequelize's `[Op.not]: {}`: no row matches.
    if (child.empty() || child.matchesAll()) return Where::any({});
    Where w;
    w.type_ = Type::Not;
    w.children_.push_back(std::move(child));
    w.depth_ = depthOver(w.children_);
    return w;
}

Where Where::operator&&(const Where& other) const { return all({*this, other}); }

Where detail::LogicalOp::operator()(std::initializer_list<Where> children) const {
    switch (kind) {
    case OpKind::and_: return Where::all(children);
    case OpKind::or_: return Where::any(children);
    case OpKind::not_: return Where::negate(Where::all(children));
    default: throw UsageError(std::string(toString(kind)) + " is not a logical operator");
    }
}

Expr Expr::literal(Value v) {
    Expr e("");
    e.kind = Kind::Literal;
    e.value = std::move(v);
    return e;
}

Expr col(std::string name) { return Expr(std::move(name)); }

Expr fnOf(std::string name, std::vector<Expr> args) {
    Expr e(std::move(name));
    e.kind = Expr::Kind::Function;
    e.args = std::move(args);
    return e;
}

Expr literal(Value v) { return Expr::literal(std::move(v)); }

Expr star() {
    Expr e("*");
    e.kind = Expr::Kind::Star;
    return e;
}

Attributes Attributes::exclude(std::vector<std::string> names) {
    Attributes a;
    a.excluded = std::move(names);
    return a;
}

Attributes Attributes::including(std::vector<Selection> extra) {
    Attributes a;
    a.extra = std::move(extra);
    return a;
}

} // namespace tabula
