// The query AST: what the model layer builds and the generator renders.
// Names here are columns and tables, already resolved from attributes.
#pragma once

#include <tabula/data_types.hpp>
#include <tabula/query.hpp>
#include <tabula/value.hpp>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace tabula::sql {

// An expression in a select list, ORDER BY, GROUP BY or a comparison.
struct Node {
    enum class Kind {
        Column,   // [table.]name, quoted
        Param,    // value, bound
        Function, // name(args...), name validated
        Star,     // *
        JsonText, // text at path inside JSON column `name`
        Now,      // the dialect's current timestamp
        Binary,   // args[0] <symbol> args[1], symbol in {+, -}
        Subquery  // (SELECT ...), one value
    };
    Kind kind = Kind::Column;
    std::string table;                             // Column, JsonText: optional qualifier
    std::string name;                              // column, function name, or Binary symbol
    Value value;                                   // Param
    std::vector<Node> args;                        // Function, Binary
    std::vector<std::string> path;                 // JsonText segments
    bool distinct = false;                         // Function: COUNT(DISTINCT x)
    std::shared_ptr<const struct Select> subquery; // Subquery

    static Node column(std::string name, std::string table = {});
    static Node param(Value v);
    static Node function(std::string name, std::vector<Node> args);
    static Node star();
    static Node jsonText(std::string column, std::vector<std::string> path, std::string table = {});
    static Node now();
    static Node binary(Node lhs, std::string symbol, Node rhs);
    static Node scalar(struct Select subquery);
};

struct Select;

// A condition tree. Compare: lhs <op> value, with Value lists for IN and
// BETWEEN, null for IS NULL / IS NOT NULL.
struct Condition {
    enum class Kind { Empty, And, Or, Not, Compare, Exists };
    Kind kind = Kind::Empty;
    OpKind op = OpKind::eq;
    Node lhs;
    Value value;
    std::vector<Condition> children;
    std::shared_ptr<const Select> subquery; // Exists
    std::shared_ptr<const Node> rhs;        // Compare of two columns: lhs = rhs
    // eq/ne with a list: the list is one value (an ARRAY column's), compared
    // as a whole, rather than the values of an IN list.
    bool wholeValue = false;

    bool empty() const { return kind == Kind::Empty; }
    static Condition compare(Node lhs, OpKind op, Value value);
    static Condition all(std::vector<Condition> children);
    static Condition any(std::vector<Condition> children);
    static Condition negate(Condition child);
    // EXISTS (subquery); the subquery may name the outer table's columns.
    static Condition exists(Select subquery);
    static Condition columnsEqual(Node lhs, Node rhs);
};

struct SelectItem {
    Node expr;
    std::string alias; // empty: none
};

enum class Nulls { Default, First, Last };

struct OrderItem {
    Node expr;
    bool descending = false;
    Nulls nulls = Nulls::Default;
};

struct Select {
    std::string table;
    std::vector<SelectItem> columns; // empty: *
    Condition where;
    std::vector<Node> group;
    Condition having;
    std::vector<OrderItem> order;
    std::int64_t limit = -1; // -1: none
    std::int64_t offset = 0;
    // The primary key, for dialects whose OFFSET needs an ORDER BY and the
    // query has none (T-SQL's OFFSET ... FETCH).
    std::vector<std::string> keyColumns;
};

struct Upsert {
    std::vector<std::string> conflictColumns; // ON CONFLICT (...)
    std::vector<std::string> updateColumns;   // columns set from the new row
    bool ignore = false;                      // DO NOTHING / INSERT IGNORE
};

struct Insert {
    std::string table;
    std::vector<std::string> columns;
    std::vector<std::vector<Value>> rows; // one or more; each rows[i].size() == columns.size()
    bool returning = false;               // RETURNING * where supported
    // The columns RETURNING (or OUTPUT INSERTED) names; empty: every column.
    std::vector<std::string> returningColumns;
    std::optional<Upsert> upsert;
};

// A limit on UPDATE or DELETE: LIMIT n where the dialect has it
// (TABULA_SUPPORTS_UPDATE_LIMIT), TOP (n) in T-SQL, and elsewhere the key
// columns of at most n matching rows, chosen by a subquery.
struct Update {
    std::string table;
    std::vector<std::pair<std::string, Node>> set; // column = expr
    Condition where;
    bool returning = false;
    std::int64_t limit = -1;             // -1: none
    std::vector<std::string> keyColumns; // for the limit's subquery
};

struct Delete {
    std::string table;
    Condition where;
    std::int64_t limit = -1;             // -1: none
    std::vector<std::string> keyColumns; // for the limit's subquery
};

struct ColumnDef {
    std::string name;
    DataType type{DataKind::String, 255};
    bool allowNull = true;
    bool primaryKey = false;
    bool autoIncrement = false;
    bool unique = false;                 // single-column unique
    std::optional<Value> defaultLiteral; // rendered as a SQL literal in DDL
    struct Reference {
        std::string table;
        std::string column;
        std::string onDelete; // CASCADE, SET NULL, SET DEFAULT, RESTRICT, NO ACTION
        std::string onUpdate;
    };
    std::optional<Reference> references; // a FOREIGN KEY
    bool defaultNow = false;
    std::string comment;
};

struct CreateTable {
    std::string table;
    std::vector<ColumnDef> columns;
    // Named unique keys over several columns: name → columns.
    std::vector<std::pair<std::string, std::vector<std::string>>> uniqueKeys;
    bool ifNotExists = true;
};

struct DropTable {
    std::string table;
    std::vector<ColumnDef> columns; // to drop the dialect's named types (ENUM)
    bool ifExists = true;
};

// SQL text and its parameters, in placeholder order.
struct Statement {
    std::string sql;
    std::vector<Value> params;
};

} // namespace tabula::sql
