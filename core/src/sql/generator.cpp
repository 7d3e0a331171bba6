// Renders the query AST into SQL text and bound parameters for one dialect
// profile. Values travel as parameters; only DDL defaults become literals.
#include "sql/generator.hpp"

#include <tabula/errors.hpp>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <functional>
#include <new>
#include <utility>

namespace tabula::sql {
namespace {

bool isIdentStart(char c) { return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_'; }
bool isDigit(char c) { return c >= '0' && c <= '9'; }
bool isIdentChar(char c) { return isIdentStart(c) || isDigit(c); }

bool isFunctionName(std::string_view name) {
    if (name.empty() || !isIdentStart(name[0])) return false;
    for (char c : name)
        if (!isIdentChar(c)) return false;
    return true;
}

bool isJsonSegment(std::string_view segment) {
    if (segment.empty()) return false;
    for (char c : segment)
        if (!isIdentChar(c) && c != '-') return false;
    return true;
}

// UTF-8 without overlong forms, surrogates or code points past U+10FFFF.
bool wellFormedUtf8(std::string_view s) {
    std::size_t i = 0;
    while (i < s.size()) {
        const auto c = static_cast<unsigned char>(s[i]);
        std::size_t extra = 0;
        std::uint32_t cp = 0;
        if (c < 0x80) {
            ++i;
            continue;
        } else if (c >= 0xC2 && c <= 0xDF) {
            extra = 1, cp = c & 0x1Fu;
        } else if (c >= 0xE0 && c <= 0xEF) {
            extra = 2, cp = c & 0x0Fu;
        } else if (c >= 0xF0 && c <= 0xF4) {
            extra = 3, cp = c & 0x07u;
        } else {
            return false;
        }
        if (s.size() - i <= extra) return false;
        for (std::size_t k = 1; k <= extra; ++k) {
            const auto d = static_cast<unsigned char>(s[i + k]);
            if ((d & 0xC0) != 0x80) return false;
            cp = (cp << 6) | (d & 0x3Fu);
        }
        if ((extra == 2 && cp < 0x800) || (extra == 3 && cp < 0x10000) || cp > 0x10FFFF ||
            (cp >= 0xD800 && cp <= 0xDFFF))
            return false;
        i += extra + 1;
    }
    return true;
}

std::string join(const std::vector<std::string>& parts, std::string_view separator) {
    std::string out;
    for (std::size_t i = 0; i < parts.size(); ++i) {
        if (i) out += separator;
        out += parts[i];
    }
    return out;
}

// A sink the dialect appends to. The callback runs inside a C call, so it
// must not throw; a failed allocation is remembered and rethrown afterwards.
struct TextSink {
    std::string text;
    bool failed = false;
    tabula_sink sink{this, &TextSink::append};

    TextSink() = default;
    TextSink(const TextSink&) = delete;
    TextSink& operator=(const TextSink&) = delete;

    static void append(void* ctx, const char* data, size_t len) noexcept {
        auto* self = static_cast<TextSink*>(ctx);
        if (!self || !data || len == 0) return;
        try {
            self->text.append(data, len);
        } catch (...) {
            self->failed = true;
        }
    }
    const std::string& result() const {
        if (failed) throw std::bad_alloc();
        return text;
    }
};

std::string dialectName(const tabula_profile& profile) {
    return profile.name ? profile.name : "unnamed";
}

// MySQL and its relatives treat a backslash inside string literals as an
// escape and use `#` comments; they are the dialects that quote with backticks.
bool backslashDialect(const tabula_profile& profile) { return profile.quote_open == '`'; }

// LIKE patterns escape with '!', which no dialect treats specially inside a
// string literal (a backslash is an escape in MySQL literals). '[' is escaped
// too because SQL Server reads it as a character class.
constexpr char likeEscape = '!';

std::string escapeLike(std::string_view text) {
    std::string out;
    for (char c : text) {
        if (c == '%' || c == '_' || c == '[' || c == likeEscape) out += likeEscape;
        out += c;
    }
    return out;
}

// Renders expressions and conditions, collecting parameters in the order
// their placeholders appear in the text.
class Writer {
public:
    Writer(const Generator& gen, std::vector<Value>& params) : gen_(gen), params_(params) {}

    std::string bind(Value value) {
        // Past the dialect's limit the driver would fail late, or (libpq
        // before 16) drop the connection: refuse while nothing was sent.
        const int max = gen_.profile().max_params;
        if (max > 0 && params_.size() >= static_cast<std::size_t>(max))
            throw UsageError("a statement on the " + dialectName(gen_.profile()) +
                             " dialect takes at most " + std::to_string(max) +
                             " bound parameters; this one needs more (split a long list "
                             "of values, or bulk-create in smaller batches)");
        params_.push_back(std::move(value));
        return gen_.placeholder(static_cast<int>(params_.size()));
    }

    std::string node(const Node& n) {
        switch (n.kind) {
        case Node::Kind::Column: return column(n.name, n.table);
        case Node::Kind::Param: return bind(n.value);
        case Node::Kind::Star: return "*";
        case Node::Kind::Now: return nowSql();
        case Node::Kind::Function: return function(n);
        case Node::Kind::JsonText: return jsonText(n);
        case Node::Kind::Binary: return binary(n);
        case Node::Kind::Subquery: return "(" + select(*n.subquery) + ")";
        }
        throw UsageError("unknown expression kind in a query");
    }

    std::string column(const std::string& name, const std::string& table) const {
        if (table.empty()) return gen_.quote(name);
        return gen_.quote(table) + "." + gen_.quote(name);
    }

    std::string nowSql() const {
        const char* now = gen_.profile().now_sql;
        return now && *now ? now : "CURRENT_TIMESTAMP";
    }

    // Top-level conditions (WHERE, HAVING, NOT's operand) skip the outer
    // parentheses; groups inside another group keep them.
    // A whole SELECT, its parameters numbered on with the outer statement's.
    std::string select(const Select& query);

    std::string condition(const Condition& c, bool nested = false) {
        switch (c.kind) {
        case Condition::Kind::Empty: return {};
        case Condition::Kind::And: {
            std::vector<const Condition*> live;
            for (const Condition& child : c.children)
                if (!vacuous(child)) live.push_back(&child);
            if (live.empty()) return {};
            if (live.size() == 1) return condition(*live[0], nested);
            return group(live, " AND ", nested);
        }
        case Condition::Kind::Or: {
            // An empty OR has no true branch: it matches nothing.
            if (c.children.empty()) return "1=0";
            if (vacuous(c)) return {};
            std::vector<const Condition*> all;
            for (const Condition& child : c.children)
                all.push_back(&child);
            if (all.size() == 1) return condition(*all[0], nested);
            return group(all, " OR ", nested);
        }
        case Condition::Kind::Not:
            if (c.children.empty() || vacuous(c.children[0])) return "1=0";
            return "NOT (" + condition(c.children[0], false) + ")";
        case Condition::Kind::Compare: return compare(c);
        case Condition::Kind::Exists: return "EXISTS (" + select(*c.subquery) + ")";
        }
        throw UsageError("unknown condition kind in a where clause");
    }

private:
    // True when the condition holds for every row and renders as nothing.
    static bool vacuous(const Condition& c) {
        switch (c.kind) {
        case Condition::Kind::Empty: return true;
        case Condition::Kind::And:
            for (const Condition& child : c.children)
                if (!vacuous(child)) return false;
            return true;
        case Condition::Kind::Or:
            for (const Condition& child : c.children)
                if (vacuous(child)) return true;
            return false;
        case Condition::Kind::Not:
        case Condition::Kind::Compare:
        case Condition::Kind::Exists: return false;
        }
        return false;
    }

    std::string group(const std::vector<const Condition*>& children, std::string_view separator,
                      bool nested) {
        std::vector<std::string> parts;
        for (const Condition* child : children)
            parts.push_back(condition(*child, true));
        std::string joined = join(parts, separator);
        return nested ? "(" + joined + ")" : joined;
    }

    std::string function(const Node& n) {
        if (!isFunctionName(n.name))
            throw UsageError("invalid SQL function name '" + n.name +
                             "': a function name is letters, digits and underscores");
        std::vector<std::string> args;
        for (const Node& arg : n.args)
            args.push_back(node(arg));
        return n.name + "(" + (n.distinct ? "DISTINCT " : "") + join(args, ", ") + ")";
    }

    std::string jsonText(const Node& n) {
        const tabula_profile& profile = gen_.profile();
        if (!profile.render_json_path)
            throw UsageError("the " + dialectName(profile) +
                             " dialect has no JSON support (path '" + n.name + "')");
        if (n.path.empty()) throw UsageError("a JSON path into '" + n.name + "' is empty");
        std::vector<const char*> segments;
        for (const std::string& segment : n.path) {
            if (!isJsonSegment(segment))
                throw UsageError("invalid JSON path segment '" + segment + "' in '" + n.name +
                                 "': segments are letters, digits, '_' and '-'");
            segments.push_back(segment.c_str());
        }
        const std::string col = column(n.name, n.table);
        TextSink out;
        if (profile.render_json_path(col.c_str(), segments.data(), segments.size(), &out.sink) != 0)
            throw PluginError("the " + dialectName(profile) +
                              " dialect could not render a JSON path into " + col);
        return out.result();
    }

    std::string binary(const Node& n) {
        if (n.name != "+" && n.name != "-")
            throw UsageError("unsupported arithmetic operator '" + n.name + "'");
        if (n.args.size() != 2) throw UsageError("arithmetic needs exactly two operands");
        std::string lhs = node(n.args[0]);
        std::string rhs = node(n.args[1]);
        return "(" + lhs + " " + n.name + " " + rhs + ")";
    }

    static const std::vector<Value>* list(const Value& v) {
        return v.kind() == ValueKind::Array ? &v.asArray() : nullptr;
    }

    static void requireScalar(OpKind op, const Value& v) {
        if (list(v))
            throw UsageError(std::string("Op.") + toString(op) + " takes one value, not a list");
    }

    // SQLite's LIKE reads a pattern only up to a NUL, and reads bytes that
    // are not UTF-8 as whatever characters they resemble; either way the
    // pattern would match more than it says. Refused on every dialect.
    static void requirePatternText(OpKind op, const Value& v) {
        if (v.kind() != ValueKind::Text) return;
        const std::string_view text = v.text();
        if (text.find('\0') != std::string_view::npos)
            throw UsageError(std::string("Op.") + toString(op) +
                             ": a LIKE pattern must not contain a NUL character");
        if (!wellFormedUtf8(text))
            throw UsageError(std::string("Op.") + toString(op) +
                             ": a LIKE pattern must be valid UTF-8 text");
    }

    std::string inList(const Node& lhs, const std::vector<Value>& items, bool negated) {
        if (items.empty()) return negated ? "1=1" : "1=0";
        // Where the dialect binds arrays, the whole list is one parameter:
        // one statement for every length, and no limit on the length.
        if (gen_.supports(TABULA_SUPPORTS_ARRAY) &&
            std::none_of(items.begin(), items.end(),
                         [](const Value& v) { return v.kind() == ValueKind::Array; }))
            return node(lhs) + (negated ? " <> ALL(" : " = ANY(") + bind(Value::array(items)) + ")";
        std::string out = node(lhs) + (negated ? " NOT IN (" : " IN (");
        for (std::size_t i = 0; i < items.size(); ++i) {
            if (i) out += ", ";
            out += bind(items[i]);
        }
        return out + ")";
    }

    // lhs IS [NOT] NULL. A path into JSON is null where it is missing and
    // where it holds JSON null. MySQL and MariaDB render a path as
    // JSON_UNQUOTE(JSON_EXTRACT(...)), which reads JSON null as the text
    // 'null': JSON_TYPE of the extracted value tells it from a string.
    std::string nullCheck(const Node& lhs, bool negated) {
        std::string text = node(lhs);
        constexpr std::string_view unquote = "JSON_UNQUOTE(";
        if (lhs.kind == Node::Kind::JsonText && backslashDialect(gen_.profile()) &&
            text.starts_with(unquote) && text.ends_with(')')) {
            const std::string extracted =
                text.substr(unquote.size(), text.size() - unquote.size() - 1);
            if (negated)
                return "(" + text + " IS NOT NULL AND JSON_TYPE(" + extracted + ") <> 'NULL')";
            return "(" + text + " IS NULL OR JSON_TYPE(" + extracted + ") = 'NULL')";
        }
        return text + (negated ? " IS NOT NULL" : " IS NULL");
    }

    std::string isCheck(const Condition& c, bool negated) {
        if (c.value.isNull()) return nullCheck(c.lhs, negated);
        if (c.value.kind() != ValueKind::Bool)
            throw UsageError(std::string(toString(c.op)) + " takes null, true or false, not a " +
                             toString(c.value.kind()));
        const char* what = c.value.asBool() ? "TRUE" : "FALSE";
        if (gen_.supports(TABULA_SUPPORTS_BIT_BOOLEANS)) {
            // No boolean literals: IS TRUE is = 1, and IS NOT TRUE also holds for NULL.
            const std::string lhs = node(c.lhs);
            const char* bit = c.value.asBool() ? "1" : "0";
            if (!negated) return lhs + " = " + bit;
            return "(" + lhs + " IS NULL OR " + lhs + " <> " + bit + ")";
        }
        return node(c.lhs) + (negated ? " IS NOT " : " IS ") + what;
    }

    std::string compare(const Condition& c) {
        static constexpr const char* symbols[] = {"=", "<>", ">", ">=", "<", "<="};
        if (c.rhs) return node(c.lhs) + " = " + node(*c.rhs);
        const Value& v = c.value;
        switch (c.op) {
        case OpKind::eq:
        case OpKind::ne: {
            const bool negated = c.op == OpKind::ne;
            if (v.isNull()) return nullCheck(c.lhs, negated);
            if (const auto* items = list(v); items && !c.wholeValue)
                return inList(c.lhs, *items, negated);
            std::string lhs = node(c.lhs);
            return lhs + " " + symbols[static_cast<int>(c.op)] + " " + bind(v);
        }
        case OpKind::gt:
        case OpKind::gte:
        case OpKind::lt:
        case OpKind::lte: {
            requireScalar(c.op, v);
            std::string lhs = node(c.lhs);
            return lhs + " " + symbols[static_cast<int>(c.op)] + " " + bind(v);
        }
        case OpKind::is: return isCheck(c, false);
        case OpKind::not_: return isCheck(c, true);
        case OpKind::in:
        case OpKind::notIn: {
            const auto* items = list(v);
            if (!items)
                throw UsageError(std::string("Op.") + toString(c.op) + " takes a list of values");
            return inList(c.lhs, *items, c.op == OpKind::notIn);
        }
        case OpKind::between:
        case OpKind::notBetween: {
            const auto* items = list(v);
            if (!items || items->size() != 2)
                throw UsageError(std::string("Op.") + toString(c.op) +
                                 " takes a list of two values");
            std::string lhs = node(c.lhs);
            std::string low = bind((*items)[0]);
            std::string high = bind((*items)[1]);
            return lhs + (c.op == OpKind::between ? " BETWEEN " : " NOT BETWEEN ") + low + " AND " +
                   high;
        }
        case OpKind::like:
        case OpKind::notLike: {
            requireScalar(c.op, v);
            requirePatternText(c.op, v);
            std::string lhs = node(c.lhs);
            return lhs + (c.op == OpKind::like ? " LIKE " : " NOT LIKE ") + bind(v);
        }
        case OpKind::iLike:
        case OpKind::notILike: {
            requireScalar(c.op, v);
            requirePatternText(c.op, v);
            const bool negated = c.op == OpKind::notILike;
            std::string lhs = node(c.lhs);
            if (gen_.supports(TABULA_SUPPORTS_ILIKE))
                return lhs + (negated ? " NOT ILIKE " : " ILIKE ") + bind(v);
            return "LOWER(" + lhs + (negated ? ") NOT LIKE LOWER(" : ") LIKE LOWER(") + bind(v) +
                   ")";
        }
        case OpKind::startsWith:
        case OpKind::endsWith:
        case OpKind::substring: {
            requireScalar(c.op, v);
            if (v.isNull())
                throw UsageError(std::string("Op.") + toString(c.op) + " takes text, not null");
            requirePatternText(c.op, v);
            std::string pattern = escapeLike(v.asString());
            if (c.op != OpKind::startsWith) pattern.insert(pattern.begin(), '%');
            if (c.op != OpKind::endsWith) pattern += '%';
            std::string lhs = node(c.lhs);
            return lhs + " LIKE " + bind(Value(std::move(pattern))) + " ESCAPE '" + likeEscape +
                   "'";
        }
        case OpKind::and_:
        case OpKind::or_: break;
        }
        throw UsageError(std::string("Op.") + toString(c.op) + " is not a comparison operator");
    }

    const Generator& gen_;
    std::vector<Value>& params_;
};

void appendClause(std::string& sql, std::string_view keyword, const std::string& body) {
    if (body.empty()) return;
    sql += ' ';
    sql += keyword;
    sql += ' ';
    sql += body;
}

std::string orderBy(Writer& w, const Generator& gen, const std::vector<OrderItem>& order) {
    std::vector<std::string> terms;
    for (const OrderItem& item : order) {
        const char* direction = item.descending ? " DESC" : " ASC";
        if (item.nulls == Nulls::Default) {
            terms.push_back(w.node(item.expr) + direction);
        } else if (gen.supports(TABULA_SUPPORTS_NULLS_ORDER)) {
            terms.push_back(w.node(item.expr) + direction +
                            (item.nulls == Nulls::First ? " NULLS FIRST" : " NULLS LAST"));
        } else {
            // `x IS NULL` is 1 for nulls: DESC puts them first, ASC last.
            terms.push_back(w.node(item.expr) +
                            (item.nulls == Nulls::First ? " IS NULL DESC" : " IS NULL ASC"));
            terms.push_back(w.node(item.expr) + direction);
        }
    }
    return join(terms, ", ");
}

std::string limitClause(const tabula_profile& profile, std::int64_t limit, std::int64_t offset) {
    if (offset < 0) throw UsageError("OFFSET must not be negative");
    if (limit < 0 && offset == 0) return {};
    if (profile.render_limit) {
        TextSink out;
        if (profile.render_limit(limit < 0 ? -1 : limit, offset, &out.sink) != 0)
            throw PluginError("the " + dialectName(profile) +
                              " dialect could not render LIMIT/OFFSET");
        return out.result();
    }
    std::string out;
    if (limit >= 0) out = "LIMIT " + std::to_string(limit);
    if (offset > 0) out += (out.empty() ? "OFFSET " : " OFFSET ") + std::to_string(offset);
    return out;
}

std::string standardType(const ColumnDef& column) {
    const DataType& t = column.type;
    auto sized = [](const char* name, int length) {
        return std::string(name) + "(" + std::to_string(length > 0 ? length : 255) + ")";
    };
    std::string out;
    switch (t.kind()) {
    case DataKind::String: out = sized("VARCHAR", t.length()); break;
    case DataKind::Char: out = sized("CHAR", t.length()); break;
    case DataKind::Text: out = "TEXT"; break;
    case DataKind::Integer: out = "INTEGER"; break;
    case DataKind::BigInt: out = "BIGINT"; break;
    case DataKind::Float: out = "FLOAT"; break;
    case DataKind::Double: out = "DOUBLE PRECISION"; break;
    case DataKind::Decimal:
        out = t.precision() > 0 ? "DECIMAL(" + std::to_string(t.precision()) + "," +
                                      std::to_string(t.scale()) + ")"
                                : "DECIMAL";
        break;
    case DataKind::Boolean: out = "BOOLEAN"; break;
    case DataKind::Date: out = "TIMESTAMP"; break;
    case DataKind::DateOnly: out = "DATE"; break;
    case DataKind::Time: out = "TIME"; break;
    case DataKind::Uuid: out = "CHAR(36)"; break;
    case DataKind::Json:
    case DataKind::JsonB: out = "TEXT"; break;
    case DataKind::Blob: out = "BLOB"; break;
    case DataKind::Enum: out = "VARCHAR(255)"; break;
    case DataKind::Array:
    case DataKind::Virtual:
        throw UsageError("column '" + column.name + "' has type " + t.describe() +
                         ", which standard SQL cannot store");
    }
    // The standard spelling of an auto-incrementing column (SQL:2003).
    if (column.autoIncrement) out += " GENERATED BY DEFAULT AS IDENTITY";
    return out;
}

} // namespace

std::string Generator::quote(std::string_view identifier) const {
    if (identifier.empty()) throw UsageError("an SQL identifier must not be empty");
    const char open = profile_.quote_open ? profile_.quote_open : '"';
    const char close = profile_.quote_close ? profile_.quote_close : open;
    std::string out(1, open);
    for (char c : identifier) {
        if (c == '\0') throw UsageError("an SQL identifier must not contain a NUL character");
        if (c == close) out += close;
        out += c;
    }
    out += close;
    return out;
}

std::string Generator::literal(const Value& value) const {
    auto quoted = [this](std::string_view text) {
        // T-SQL reads '...' in the database's code page; N'...' is Unicode.
        std::string out = supports(TABULA_SUPPORTS_TSQL_DDL) ? "N'" : "'";
        for (char c : text) {
            if (c == '\0') throw UsageError("an SQL literal must not contain a NUL character");
            if (c == '\'') out += '\'';
            if (c == '\\' && backslashDialect(profile_)) out += '\\';
            out += c;
        }
        return out + "'";
    };
    switch (value.kind()) {
    case ValueKind::Null: return "NULL";
    case ValueKind::Bool:
        if (supports(TABULA_SUPPORTS_BIT_BOOLEANS)) return value.asBool() ? "1" : "0";
        return value.asBool() ? "TRUE" : "FALSE";
    case ValueKind::Int: return std::to_string(value.asInt());
    case ValueKind::Double: {
        const double d = value.asDouble();
        if (!std::isfinite(d)) throw UsageError("a non-finite number has no SQL literal");
        char buf[32];
        auto result = std::to_chars(buf, buf + sizeof buf, d);
        return std::string(buf, result.ptr);
    }
    case ValueKind::Timestamp: {
        std::string text = Value::formatTimestamp(value.asTimestamp());
        // MySQL and MariaDB DATETIME holds UTC with no offset, and MariaDB
        // refuses a literal that has one: '2012-01-01 00:00:00.000'.
        constexpr std::string_view utc = " +00:00";
        if (backslashDialect(profile_) && text.ends_with(utc)) text.erase(text.size() - utc.size());
        return quoted(text);
    }
    case ValueKind::Bytes:
    case ValueKind::Array:
        throw UsageError(std::string("a ") + toString(value.kind()) +
                         " value cannot be written as an SQL literal");
    default: return quoted(value.asString());
    }
}

std::string Generator::placeholder(int index) const {
    switch (profile_.placeholder) {
    case TABULA_PLACEHOLDER_QUESTION: return "?";
    case TABULA_PLACEHOLDER_DOLLAR: return "$" + std::to_string(index);
    case TABULA_PLACEHOLDER_AT: return "@p" + std::to_string(index);
    }
    throw PluginError("the " + dialectName(profile_) +
                      " dialect has an unknown placeholder style " +
                      std::to_string(profile_.placeholder));
}

std::string Writer::select(const Select& query) {
    std::string sql = "SELECT ";
    // T-SQL: a limit alone is TOP (n); with an offset it is OFFSET ... FETCH,
    // which is only allowed after an ORDER BY.
    const bool tsql = gen_.supports(TABULA_SUPPORTS_TOP);
    const bool top = tsql && query.limit >= 0 && query.offset == 0;
    if (top) sql += "TOP (" + std::to_string(query.limit) + ") ";
    if (query.columns.empty()) {
        sql += "*";
    } else {
        sql.reserve(32 + query.columns.size() * 24);
        for (std::size_t i = 0; i < query.columns.size(); ++i) {
            const SelectItem& item = query.columns[i];
            if (i) sql += ", ";
            sql += node(item.expr);
            if (!item.alias.empty()) {
                sql += " AS ";
                sql += gen_.quote(item.alias);
            }
        }
    }
    sql += " FROM " + gen_.quote(query.table);
    appendClause(sql, "WHERE", condition(query.where));
    std::vector<std::string> group;
    for (const Node& n : query.group)
        group.push_back(node(n));
    appendClause(sql, "GROUP BY", join(group, ", "));
    appendClause(sql, "HAVING", condition(query.having));
    std::string order = orderBy(*this, gen_, query.order);
    if (tsql && !top && query.offset > 0 && order.empty()) {
        std::vector<std::string> keys;
        for (const std::string& key : query.keyColumns)
            keys.push_back(column(key, query.table));
        // Without a key there is no stable order; the server still needs one.
        order = keys.empty() ? "(SELECT NULL)" : join(keys, ", ");
    }
    appendClause(sql, "ORDER BY", order);
    if (top) return sql;
    const std::string limit = limitClause(gen_.profile(), query.limit, query.offset);
    if (!limit.empty()) {
        if (limit.front() != ' ') sql += ' ';
        sql += limit;
    }
    return sql;
}

Statement Generator::select(const Select& query) const {
    Statement st;
    Writer w(*this, st.params);
    st.sql = w.select(query);
    return st;
}

namespace {

// ` VALUES (?, ?), (?, ?)` for the rows of an INSERT.
std::string valuesList(Writer& w, const Insert& query) {
    if (query.rows.empty()) throw UsageError("an INSERT into " + query.table + " has no rows");
    std::string out = " VALUES ";
    for (std::size_t r = 0; r < query.rows.size(); ++r) {
        const auto& row = query.rows[r];
        if (row.size() != query.columns.size())
            throw UsageError("an INSERT row has " + std::to_string(row.size()) + " values for " +
                             std::to_string(query.columns.size()) + " columns");
        if (r) out += ", ";
        out += "(";
        for (std::size_t i = 0; i < row.size(); ++i) {
            if (i) out += ", ";
            out += w.bind(row[i]);
        }
        out += ")";
    }
    return out;
}

} // namespace

bool Generator::outputInserted(bool returning) const {
    return returning && supports(TABULA_SUPPORTS_OUTPUT_INSERTED);
}

std::string Generator::returnedColumns(const std::vector<std::string>& columns,
                                       const char* prefix) const {
    if (columns.empty()) return std::string(prefix) + "*";
    std::string out;
    for (const std::string& c : columns) {
        if (!out.empty()) out += ", ";
        out += prefix + quote(c);
    }
    return out;
}

Statement Generator::insert(const Insert& query) const {
    if (query.upsert && supports(TABULA_SUPPORTS_UPSERT_MERGE)) return merge(query);
    Statement st;
    Writer w(*this, st.params);
    std::string& sql = st.sql;
    const bool ignore =
        query.upsert && (query.upsert->ignore || query.upsert->updateColumns.empty());
    if (query.upsert && !supports(TABULA_SUPPORTS_UPSERT_ON_CONFLICT) &&
        !supports(TABULA_SUPPORTS_UPSERT_ON_DUPLICATE))
        throw UsageError("the " + dialectName(profile_) + " dialect does not support upsert");
    const bool insertIgnore = ignore && !supports(TABULA_SUPPORTS_UPSERT_ON_CONFLICT);
    if (query.rows.size() > 1 && profile_.max_insert_rows > 0 &&
        query.rows.size() > static_cast<std::size_t>(profile_.max_insert_rows))
        throw UsageError("the " + dialectName(profile_) + " dialect takes at most " +
                         std::to_string(profile_.max_insert_rows) + " rows per INSERT, not " +
                         std::to_string(query.rows.size()));
    // T-SQL names the returned columns between the column list and VALUES.
    const std::string output =
        outputInserted(query.returning)
            ? " OUTPUT " + returnedColumns(query.returningColumns, "INSERTED.")
            : "";

    sql = insertIgnore ? "INSERT IGNORE INTO " : "INSERT INTO ";
    sql += quote(query.table);
    if (query.columns.empty()) {
        for (const auto& row : query.rows)
            if (!row.empty()) throw UsageError("an INSERT row has values but no columns");
        const std::size_t rows = query.rows.empty() ? 1 : query.rows.size();
        if (supports(TABULA_SUPPORTS_DEFAULT_VALUES)) {
            if (rows > 1)
                throw UsageError("the " + dialectName(profile_) +
                                 " dialect inserts one all-default row per statement");
            sql += output + " DEFAULT VALUES";
        } else {
            sql += " () VALUES ()";
            for (std::size_t i = 1; i < rows; ++i)
                sql += ", ()";
        }
    } else {
        std::vector<std::string> columns;
        for (const std::string& c : query.columns)
            columns.push_back(quote(c));
        sql += " (" + join(columns, ", ") + ")" + output + valuesList(w, query);
    }

    if (query.upsert) {
        const Upsert& up = *query.upsert;
        if (supports(TABULA_SUPPORTS_UPSERT_ON_CONFLICT)) {
            if (ignore) {
                sql += " ON CONFLICT DO NOTHING";
            } else {
                if (up.conflictColumns.empty())
                    throw UsageError("an upsert into " + query.table +
                                     " needs the columns of a unique key to conflict on");
                std::vector<std::string> target, set;
                for (const std::string& c : up.conflictColumns)
                    target.push_back(quote(c));
                for (const std::string& c : up.updateColumns)
                    set.push_back(quote(c) + " = EXCLUDED." + quote(c));
                sql += " ON CONFLICT (" + join(target, ", ") + ") DO UPDATE SET " + join(set, ", ");
            }
        } else if (!ignore) {
            std::vector<std::string> set;
            for (const std::string& c : up.updateColumns)
                set.push_back(quote(c) + " = VALUES(" + quote(c) + ")");
            sql += " ON DUPLICATE KEY UPDATE " + join(set, ", ");
        }
    }
    if (query.returning && output.empty() &&
        (supports(TABULA_SUPPORTS_RETURNING) || supports(TABULA_SUPPORTS_INSERT_RETURNING_ONLY)))
        sql += " RETURNING " + returnedColumns(query.returningColumns, "");
    return st;
}

// Upsert as one MERGE: the new rows are the source, matched on the conflict
// columns; HOLDLOCK keeps two concurrent upserts of one key from both inserting.
Statement Generator::merge(const Insert& query) const {
    const Upsert& up = *query.upsert;
    if (query.columns.empty())
        throw UsageError("an upsert into " + query.table + " needs at least one column");
    if (up.conflictColumns.empty())
        throw UsageError("an upsert into " + query.table +
                         " needs the columns of a unique key to conflict on");
    Statement st;
    Writer w(*this, st.params);
    const std::string target = quote("target");
    const std::string source = quote("source");
    std::vector<std::string> columns, sourceColumns, on, set;
    for (const std::string& c : query.columns) {
        columns.push_back(quote(c));
        sourceColumns.push_back(source + "." + quote(c));
    }
    for (const std::string& c : up.conflictColumns) {
        if (std::find(query.columns.begin(), query.columns.end(), c) == query.columns.end())
            throw UsageError("an upsert into " + query.table + " conflicts on " + c +
                             ", which the row does not give");
        on.push_back(target + "." + quote(c) + " = " + source + "." + quote(c));
    }
    for (const std::string& c : up.updateColumns)
        set.push_back(target + "." + quote(c) + " = " + source + "." + quote(c));

    std::string& sql = st.sql;
    sql = "MERGE INTO " + quote(query.table) + " WITH (HOLDLOCK) AS " + target + " USING (" +
          valuesList(w, query).substr(1) + ") AS " + source + " (" + join(columns, ", ") + ") ON " +
          join(on, " AND ");
    if (!up.ignore && !set.empty()) sql += " WHEN MATCHED THEN UPDATE SET " + join(set, ", ");
    sql += " WHEN NOT MATCHED THEN INSERT (" + join(columns, ", ") + ") VALUES (" +
           join(sourceColumns, ", ") + ")";
    if (outputInserted(query.returning)) sql += " OUTPUT INSERTED.*";
    sql += ";"; // MERGE must end with a semicolon
    return st;
}

namespace {

// How a limited UPDATE or DELETE is written on this dialect.
enum class RowLimit { None, Suffix, Top, KeySubquery };

RowLimit rowLimit(const Generator& gen, const char* verb, const std::string& table,
                  std::int64_t limit, const std::vector<std::string>& keys) {
    if (limit < 0) return RowLimit::None;
    if (gen.supports(TABULA_SUPPORTS_UPDATE_LIMIT)) return RowLimit::Suffix;
    if (gen.supports(TABULA_SUPPORTS_TOP)) return RowLimit::Top;
    if (keys.empty())
        throw UsageError(std::string("a limited ") + verb + " of " + table + " on the " +
                         dialectName(gen.profile()) +
                         " dialect needs a primary key to choose its rows by");
    return RowLimit::KeySubquery;
}

// The WHERE of a limited statement that picks its rows by key:
// ("k1", "k2") IN (SELECT "k1", "k2" FROM "t" WHERE ... LIMIT n).
std::string keySubquery(Writer& w, const Generator& gen, const std::string& table,
                        const Condition& where, std::int64_t limit,
                        const std::vector<std::string>& keys) {
    Select pick;
    pick.table = table;
    for (const std::string& k : keys)
        pick.columns.push_back({Node::column(k), ""});
    pick.where = where;
    pick.limit = limit;
    std::vector<std::string> quoted;
    for (const std::string& k : keys)
        quoted.push_back(gen.quote(k));
    const std::string lhs = quoted.size() == 1 ? quoted.front() : "(" + join(quoted, ", ") + ")";
    return lhs + " IN (" + w.select(pick) + ")";
}

} // namespace

Statement Generator::update(const Update& query) const {
    if (query.set.empty()) throw UsageError("an UPDATE of " + query.table + " sets no columns");
    const RowLimit limited = rowLimit(*this, "UPDATE", query.table, query.limit, query.keyColumns);
    Statement st;
    Writer w(*this, st.params);
    std::string& sql = st.sql;
    sql = "UPDATE ";
    if (limited == RowLimit::Top) sql += "TOP (" + std::to_string(query.limit) + ") ";
    sql += quote(query.table) + " SET ";
    for (std::size_t i = 0; i < query.set.size(); ++i) {
        if (i) sql += ", ";
        sql += quote(query.set[i].first) + " = " + w.node(query.set[i].second);
    }
    const bool output = outputInserted(query.returning && supports(TABULA_SUPPORTS_RETURNING));
    if (output) sql += " OUTPUT INSERTED.*";
    if (limited == RowLimit::KeySubquery)
        appendClause(
            sql, "WHERE",
            keySubquery(w, *this, query.table, query.where, query.limit, query.keyColumns));
    else
        appendClause(sql, "WHERE", w.condition(query.where));
    if (limited == RowLimit::Suffix) sql += " LIMIT " + std::to_string(query.limit);
    if (!output && query.returning && supports(TABULA_SUPPORTS_RETURNING) &&
        !supports(TABULA_SUPPORTS_INSERT_RETURNING_ONLY))
        sql += " RETURNING *";
    return st;
}

Statement Generator::remove(const Delete& query) const {
    const RowLimit limited = rowLimit(*this, "DELETE", query.table, query.limit, query.keyColumns);
    Statement st;
    Writer w(*this, st.params);
    st.sql = "DELETE ";
    if (limited == RowLimit::Top) st.sql += "TOP (" + std::to_string(query.limit) + ") ";
    st.sql += "FROM " + quote(query.table);
    if (limited == RowLimit::KeySubquery)
        appendClause(
            st.sql, "WHERE",
            keySubquery(w, *this, query.table, query.where, query.limit, query.keyColumns));
    else
        appendClause(st.sql, "WHERE", w.condition(query.where));
    if (limited == RowLimit::Suffix) st.sql += " LIMIT " + std::to_string(query.limit);
    return st;
}

std::string Generator::columnType(const std::string& table, const ColumnDef& column,
                                  std::vector<std::string>* beforeCreate,
                                  std::vector<std::string>* afterDrop) const {
    const DataType& type = column.type;
    if (type.kind() == DataKind::Virtual)
        throw UsageError("column '" + column.name + "' is VIRTUAL and has no SQL type");
    if (!profile_.render_type) return standardType(column);

    std::vector<const char*> values;
    for (const std::string& v : type.values())
        values.push_back(v.c_str());
    tabula_column_type ct{};
    ct.struct_size = sizeof ct;
    // DataKind and tabula_data_kind share their ordinals.
    ct.kind = static_cast<std::int32_t>(type.kind());
    ct.length = type.length();
    ct.precision = type.precision();
    ct.scale = type.scale();
    ct.values = values.empty() ? nullptr : values.data();
    ct.value_count = values.size();
    ct.element = type.element() ? static_cast<std::int32_t>(type.element()->kind())
                                : static_cast<std::int32_t>(TABULA_DT_TEXT);
    ct.auto_increment = column.autoIncrement ? 1 : 0;
    ct.primary_key = column.primaryKey ? 1 : 0;
    ct.table = table.c_str();
    ct.column = column.name.c_str();

    TextSink text, before, after;
    if (profile_.render_type(&ct, &text.sink, &before.sink, &after.sink) != 0)
        throw PluginError("the " + dialectName(profile_) + " dialect could not render the type " +
                          type.describe() + " of column " + table + "." + column.name);
    const std::string& result = text.result();
    if (result.empty())
        throw PluginError("the " + dialectName(profile_) + " dialect rendered no type for " +
                          type.describe() + " of column " + table + "." + column.name);
    if (beforeCreate && !before.result().empty()) beforeCreate->push_back(before.result());
    if (afterDrop && !after.result().empty()) afterDrop->push_back(after.result());
    return result;
}

namespace {

// onDelete/onUpdate words, checked: they are written into DDL as they are.
std::string referentialAction(const Generator& gen, const std::string& action) {
    std::string upper;
    for (char c : action)
        upper += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    // SQL Server has no RESTRICT; its NO ACTION also refuses at once, as
    // nothing there can be deferred.
    if (upper == "RESTRICT" && gen.supports(TABULA_SUPPORTS_TSQL_DDL)) return "NO ACTION";
    for (const char* allowed : {"CASCADE", "SET NULL", "SET DEFAULT", "RESTRICT", "NO ACTION"})
        if (upper == allowed) return upper;
    throw UsageError(
        "'" + action +
        "' is not a referential action (CASCADE, SET NULL, SET DEFAULT, RESTRICT, NO ACTION)");
}

// `"c" TYPE [NOT NULL] [UNIQUE] [DEFAULT x]`; inlinePk tells whether the
// type text already made the column the primary key.
std::string columnDefinition(const Generator& gen, const std::string& table,
                             const ColumnDef& column, std::vector<std::string>& before,
                             bool& inlinePk) {
    std::string def = gen.quote(column.name) + " " + gen.columnType(table, column, &before);
    inlinePk = column.autoIncrement && gen.supports(TABULA_SUPPORTS_AUTOINC_INLINE_PK);
    if (!inlinePk && (!column.allowNull || column.primaryKey)) def += " NOT NULL";
    if (column.unique && !column.primaryKey) def += " UNIQUE";
    if (column.defaultNow) {
        const char* now = gen.profile().now_sql;
        def += std::string(" DEFAULT ") + (now && *now ? now : "CURRENT_TIMESTAMP");
    } else if (column.defaultLiteral) {
        def += " DEFAULT " + gen.literal(*column.defaultLiteral);
    }
    if (!column.comment.empty() && gen.supports(TABULA_SUPPORTS_COMMENT_INLINE))
        def += " COMMENT " + gen.literal(Value(column.comment));
    return def;
}

} // namespace

std::vector<std::string> Generator::createTable(const CreateTable& query) const {
    std::vector<std::string> statements;
    std::vector<std::string> defs, primary;
    for (const ColumnDef& column : query.columns) {
        if (column.type.kind() == DataKind::Virtual) continue;
        bool inlinePk = false;
        defs.push_back(columnDefinition(*this, query.table, column, statements, inlinePk));
        if (column.primaryKey && !inlinePk) primary.push_back(quote(column.name));
    }
    if (defs.empty()) throw UsageError("table " + query.table + " has no stored columns");
    if (!primary.empty()) defs.push_back("PRIMARY KEY (" + join(primary, ", ") + ")");
    for (const auto& [name, columns] : query.uniqueKeys) {
        std::vector<std::string> quoted;
        for (const std::string& c : columns)
            quoted.push_back(quote(c));
        if (quoted.empty()) throw UsageError("unique key " + name + " has no columns");
        defs.push_back("CONSTRAINT " + quote(name) + " UNIQUE (" + join(quoted, ", ") + ")");
    }
    for (const ColumnDef& column : query.columns) {
        if (!column.references) continue;
        const ColumnDef::Reference& r = *column.references;
        std::string fk = "FOREIGN KEY (" + quote(column.name) + ") REFERENCES " + quote(r.table) +
                         " (" + quote(r.column) + ")";
        if (!r.onDelete.empty()) fk += " ON DELETE " + referentialAction(*this, r.onDelete);
        if (!r.onUpdate.empty()) fk += " ON UPDATE " + referentialAction(*this, r.onUpdate);
        defs.push_back(std::move(fk));
    }
    const std::string body = quote(query.table) + " (" + join(defs, ", ") + ")";
    if (!query.ifNotExists)
        statements.push_back("CREATE TABLE " + body);
    else if (supports(TABULA_SUPPORTS_TSQL_DDL))
        // T-SQL has no CREATE TABLE IF NOT EXISTS.
        statements.push_back("IF OBJECT_ID(" + literal(Value(quote(query.table))) +
                             ", N'U') IS NULL CREATE TABLE " + body);
    else
        statements.push_back("CREATE TABLE IF NOT EXISTS " + body);
    if (supports(TABULA_SUPPORTS_COMMENT_ON_COLUMN))
        for (const ColumnDef& column : query.columns)
            if (!column.comment.empty() && column.type.kind() != DataKind::Virtual)
                statements.push_back("COMMENT ON COLUMN " + quote(query.table) + "." +
                                     quote(column.name) + " IS " + literal(Value(column.comment)));
    return statements;
}

std::vector<std::string> Generator::dropTable(const DropTable& query) const {
    std::vector<std::string> statements{std::string("DROP TABLE ") +
                                        (query.ifExists ? "IF EXISTS " : "") + quote(query.table)};
    if (!profile_.render_type) return statements;
    for (const ColumnDef& column : query.columns) {
        if (column.type.kind() == DataKind::Virtual) continue;
        columnType(query.table, column, nullptr, &statements);
    }
    return statements;
}

std::vector<std::string> Generator::addColumn(const std::string& table,
                                              const ColumnDef& column) const {
    std::vector<std::string> statements;
    if (column.type.kind() == DataKind::Virtual) return statements;
    bool inlinePk = false;
    std::string def = columnDefinition(*this, table, column, statements, inlinePk);
    if (column.primaryKey && !inlinePk) def += " PRIMARY KEY";
    const char* add = supports(TABULA_SUPPORTS_TSQL_DDL) ? " ADD " : " ADD COLUMN ";
    statements.push_back("ALTER TABLE " + quote(table) + add + def);
    if (!column.comment.empty() && supports(TABULA_SUPPORTS_COMMENT_ON_COLUMN))
        statements.push_back("COMMENT ON COLUMN " + quote(table) + "." + quote(column.name) +
                             " IS " + literal(Value(column.comment)));
    return statements;
}

Statement Generator::bindRaw(const std::string& sql, const std::vector<Value>& positional,
                             const std::map<std::string, Value>& named, bool dollarStyle) const {
    Statement st;
    Writer w(*this, st.params);
    std::string& out = st.sql;
    const std::size_t n = sql.size();
    const bool backslashes = backslashDialect(profile_);
    std::size_t nextPositional = 0;
    // What the SQL used, so that a value it never names is refused.
    std::vector<bool> usedPositional(positional.size(), false);
    std::vector<std::string_view> usedNames;

    // Index just past the closing quote (or the end of the text).
    auto skipQuoted = [&](std::size_t start, char close, bool escapes) {
        std::size_t j = start + 1;
        while (j < n) {
            if (escapes && sql[j] == '\\') {
                j += 2;
                continue;
            }
            if (sql[j] == close) return j + 1;
            ++j;
        }
        return n;
    };
    auto identEnd = [&](std::size_t start) {
        std::size_t j = start;
        while (j < n && isIdentChar(sql[j]))
            ++j;
        return j;
    };
    // A list given as a replacement is a comma-separated list of bound values
    // (IN (:ids)); a list inside it is a parenthesised tuple, as Sequelize
    // renders them. In bind mode a list is one (array) parameter.
    std::function<std::string(const Value&, const std::string&)> bindValue =
        [&](const Value& value, const std::string& placeholder) -> std::string {
        if (dollarStyle || value.kind() != ValueKind::Array) return w.bind(value);
        const std::vector<Value>& items = value.asArray();
        if (items.empty())
            throw UsageError("query: the replacement " + placeholder +
                             " is an empty list; a list must hold at least one value");
        std::string list;
        for (const Value& item : items) {
            if (!list.empty()) list += ", ";
            list += item.kind() == ValueKind::Array ? "(" + bindValue(item, placeholder) + ")"
                                                    : w.bind(item);
        }
        return list;
    };
    auto bindNamed = [&](const std::string& name, char prefix) {
        auto it = named.find(name);
        if (it == named.end())
            throw UsageError(std::string("no value given for the named parameter ") + prefix +
                             name);
        usedNames.push_back(it->first);
        out += bindValue(it->second, prefix + name);
    };
    // In bind mode $$ is an escaped $, wherever it is written (quoted text
    // included) unless it follows a letter, digit or _, as in Sequelize.
    auto append = [&](std::size_t from, std::size_t to) {
        if (!dollarStyle) {
            out.append(sql, from, to - from);
            return;
        }
        for (std::size_t k = from; k < to; ++k) {
            out += sql[k];
            if (sql[k] == '$' && k + 1 < to && sql[k + 1] == '$' &&
                (k == 0 || !isIdentChar(sql[k - 1])))
                ++k;
        }
    };

    std::size_t i = 0;
    std::size_t afterEscape = std::string::npos; // just past the last $$ read as $
    while (i < n) {
        const char c = sql[i];
        const char prev = i > 0 ? sql[i - 1] : '\0';
        const char next = i + 1 < n ? sql[i + 1] : '\0';
        std::size_t end = i;
        bool verbatim = false; // a dollar-quoted body is kept as written
        if (c == '\'') {
            // E'...' is PostgreSQL's escape-string syntax.
            const bool escapeString =
                (prev == 'E' || prev == 'e') && (i < 2 || !isIdentChar(sql[i - 2]));
            end = skipQuoted(i, '\'', backslashes || escapeString);
        } else if (c == '"' || c == '`') {
            end = skipQuoted(i, c, backslashes && c == '"');
        } else if (c == '[' && profile_.quote_open == '[') {
            end = skipQuoted(i, ']', false);
        } else if (c == '-' && next == '-') {
            end = sql.find('\n', i);
            end = end == std::string::npos ? n : end;
        } else if (c == '#' && backslashes) {
            end = sql.find('\n', i);
            end = end == std::string::npos ? n : end;
        } else if (c == '/' && next == '*') {
            end = sql.find("*/", i + 2);
            end = end == std::string::npos ? n : end + 2;
        } else if (dollarStyle && c == '$' && next == '$' && !isIdentChar(prev)) {
            out += '$';
            i += 2;
            afterEscape = i;
            continue;
        } else if (c == '$' && !isIdentChar(prev) && (prev != '$' || i == afterEscape)) {
            // $tag$ ... $tag$ is a PostgreSQL dollar-quoted string.
            std::size_t tagEnd = isIdentStart(next) ? identEnd(i + 1) : i + 1;
            if (tagEnd < n && sql[tagEnd] == '$') {
                const std::string tag = sql.substr(i, tagEnd - i + 1);
                const std::size_t close = sql.find(tag, tagEnd + 1);
                end = close == std::string::npos ? n : close + tag.size();
                verbatim = true;
            } else if (dollarStyle && isDigit(next)) {
                std::size_t j = i + 1;
                while (j < n && isDigit(sql[j]))
                    ++j;
                const std::string digits = sql.substr(i + 1, j - i - 1);
                std::size_t index = 0;
                auto [ptr, ec] =
                    std::from_chars(digits.data(), digits.data() + digits.size(), index);
                if (ec != std::errc() || index == 0 || index > positional.size())
                    throw UsageError("no value given for the positional parameter $" + digits);
                usedPositional[index - 1] = true;
                out += w.bind(positional[index - 1]);
                i = j;
                continue;
            } else if (dollarStyle && isIdentStart(next)) {
                std::size_t j = identEnd(i + 1);
                bindNamed(sql.substr(i + 1, j - i - 1), '$');
                i = j;
                continue;
            }
        } else if (!dollarStyle && c == ':') {
            if (next == ':') {
                // A PostgreSQL cast, x::text, not a parameter.
                end = i + 2;
            } else if (isIdentStart(next)) {
                std::size_t j = identEnd(i + 1);
                bindNamed(sql.substr(i + 1, j - i - 1), ':');
                i = j;
                continue;
            }
        } else if (!dollarStyle && c == '?') {
            if (nextPositional >= positional.size())
                throw UsageError("no value given for the positional parameter ? number " +
                                 std::to_string(nextPositional + 1));
            out += bindValue(positional[nextPositional],
                             "? number " + std::to_string(nextPositional + 1));
            ++nextPositional;
            ++i;
            continue;
        }
        if (end <= i) end = i + 1;
        if (verbatim)
            out.append(sql, i, end - i);
        else
            append(i, end);
        i = end;
    }
    // A value the SQL does not use is a mistake (a placeholder inside quotes,
    // a misspelt name), not something to drop in silence.
    if (!dollarStyle && nextPositional < positional.size())
        throw UsageError("query: " + std::to_string(positional.size()) +
                         " replacements given but the SQL uses " + std::to_string(nextPositional) +
                         " (? outside quotes and comments)");
    std::string unused;
    if (dollarStyle)
        for (std::size_t k = 0; k < positional.size(); ++k)
            if (!usedPositional[k])
                unused += (unused.empty() ? "$" : ", $") + std::to_string(k + 1);
    for (const auto& [name, value] : named)
        if (std::find(usedNames.begin(), usedNames.end(), name) == usedNames.end())
            unused += (unused.empty() ? "" : ", ") + std::string(dollarStyle ? "$" : ":") + name;
    if (!unused.empty())
        throw UsageError(std::string("query: the SQL does not use the ") +
                         (dollarStyle ? "bind parameters " : "replacements ") + unused);
    return st;
}

} // namespace tabula::sql
