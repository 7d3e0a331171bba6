// Factory functions for the query AST, so that the model layer builds nodes
// and conditions in one expression each.
#include "sql/ast.hpp"

#include <utility>

namespace tabula::sql {

Node Node::column(std::string name, std::string table) {
    Node n;
    n.kind = Kind::Column;
    n.name = std::move(name);
    n.table = std::move(table);
    return n;
}

Node Node::param(Value v) {
    Node n;
    n.kind = Kind::Param;
    n.value = std::move(v);
    return n;
}

Node Node::function(std::string name, std::vector<Node> args) {
    Node n;
    n.kind = Kind::Function;
    n.name = std::move(name);
    n.args = std::move(args);
    return n;
}

Node Node::star() {
    Node n;
    n.kind = Kind::Star;
    return n;
}

Node Node::jsonText(std::string column, std::vector<std::string> path, std::string table) {
    Node n;
    n.kind = Kind::JsonText;
    n.name = std::move(column);
    n.path = std::move(path);
    n.table = std::move(table);
    return n;
}

Node Node::now() {
    Node n;
    n.kind = Kind::Now;
    return n;
}

Node Node::binary(Node lhs, std::string symbol, Node rhs) {
    Node n;
    n.kind = Kind::Binary;
    n.name = std::move(symbol);
    n.args.push_back(std::move(lhs));
    n.args.push_back(std::move(rhs));
    return n;
}

Condition Condition::compare(Node lhs, OpKind op, Value value) {
    Condition c;
    c.kind = Kind::Compare;
    c.lhs = std::move(lhs);
    c.op = op;
    c.value = std::move(value);
    return c;
}

Condition Condition::all(std::vector<Condition> children) {
    Condition c;
    c.kind = Kind::And;
    c.children = std::move(children);
    return c;
}

Condition Condition::any(std::vector<Condition> children) {
    Condition c;
    c.kind = Kind::Or;
    c.children = std::move(children);
    return c;
}

Condition Condition::negate(Condition child) {
    Condition c;
    c.kind = Kind::Not;
    c.children.push_back(std::move(child));
    return c;
}

Condition Condition::exists(Select subquery) {
    Condition c;
    c.kind = Kind::Exists;
    c.subquery = std::make_shared<const Select>(std::move(subquery));
    return c;
}

Condition Condition::columnsEqual(Node lhs, Node rhs) {
    Condition c;
    c.kind = Kind::Compare;
    c.op = OpKind::eq;
    c.lhs = std::move(lhs);
    c.rhs = std::make_shared<const Node>(std::move(rhs));
    return c;
}

Node Node::scalar(Select subquery) {
    Node n;
    n.kind = Kind::Subquery;
    n.subquery = std::make_shared<const Select>(std::move(subquery));
    return n;
}

} // namespace tabula::sql
