// Prints, as JSON {operation: [{sql, params}, ...]}, the T-SQL that Tabula
// sends for each model-level operation that sequelize_tsql.js runs through
// Sequelize, without a server. The dialect named "mssql" is registered
// statically: its SQL profile is the one the real SQL Server plugin exports,
// its driver records each statement and bound value and answers with rows
// shaped like SQL Server's, so the model layer carries on as it would.
//
// Usage: tabula_tsql_statements [path/to/tabula-dialect-mssql-abi1.so] [operation...]
#include "plugin_loader.hpp"

#include <tabula/sdk/dialect.hpp>
#include <tabula/tabula.hpp>

#include <dlfcn.h>

#include <cstdio>
#include <cstring>
#include <ctime>
#include <functional>
#include <iostream>
#include <map>
#include <memory>
#include <regex>
#include <set>
#include <sstream>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#ifndef TSQL_MSSQL_PLUGIN
#define TSQL_MSSQL_PLUGIN ""
#endif

using namespace tabula;

namespace {

// ---- JSON output --------------------------------------------------------------

// A JSON string, escaped as the core writes text values.
std::string jsonString(std::string_view s) { return Value(s).toJSONText(); }

std::string hex(std::string_view bytes) {
    static const char* digits = "0123456789abcdef";
    std::string out;
    for (unsigned char c : bytes) {
        out += digits[c >> 4];
        out += digits[c & 15];
    }
    return out;
}

// A bound value as JSON: numbers and booleans as such, everything else as text.
std::string jsonValue(const tabula_value& v) {
    const std::string_view text = tabula::sdk::textOf(v);
    switch (v.type) {
    case TABULA_TYPE_NULL: return "null";
    case TABULA_TYPE_BOOL: return v.i ? "true" : "false";
    case TABULA_TYPE_INT: return std::to_string(v.i);
    case TABULA_TYPE_DOUBLE: {
        std::ostringstream s;
        s << v.d;
        return s.str();
    }
    case TABULA_TYPE_BYTES: return jsonString(hex(text));
    case TABULA_TYPE_TIMESTAMP: {
        const std::time_t seconds = static_cast<std::time_t>(v.i / 1000000);
        std::tm tm{};
        gmtime_r(&seconds, &tm);
        char buf[40];
        std::strftime(buf, sizeof buf, "%Y-%m-%d %H:%M:%S", &tm);
        char frac[16];
        std::snprintf(frac, sizeof frac, ".%06lld +00:00", static_cast<long long>(v.i % 1000000));
        return jsonString(std::string(buf) + frac);
    }
    default: return jsonString(text);
    }
}

struct Recorded {
    std::string sql;
    std::vector<std::string> params; // JSON values
};

// The statements of the operation being recorded; null between operations.
std::vector<Recorded>* recording = nullptr;

void record(std::string sql, std::vector<std::string> params = {}) {
    if (recording) recording->push_back({std::move(sql), std::move(params)});
}

// ---- canned answers -------------------------------------------------------------

// A row the fake server returns, as owned cells.
struct Cell {
    int32_t type;
    int64_t i = 0;
    std::string text;
};
struct Canned {
    std::vector<std::string> columns;
    std::vector<std::vector<Cell>> rows;
    int64_t changes = 0;
};

constexpr int64_t kEpochMicros = 0; // 1970-01-01: every canned timestamp

std::vector<Cell> userRow(int64_t id) {
    const std::string name = "user" + std::to_string(id);
    return {{TABULA_TYPE_INT, id, {}},
            {TABULA_TYPE_TEXT, 0, name},
            {TABULA_TYPE_TEXT, 0, name + "@example.com"},
            {TABULA_TYPE_BOOL, 1, {}},
            {TABULA_TYPE_DECIMAL, 0, "10.50"},
            {TABULA_TYPE_TIMESTAMP, kEpochMicros, {}},
            {TABULA_TYPE_TIMESTAMP, kEpochMicros, {}}};
}
std::vector<Cell> postRow(int64_t id) {
    return {{TABULA_TYPE_INT, id, {}},
            {TABULA_TYPE_TEXT, 0, "post " + std::to_string(id)},
            {TABULA_TYPE_TEXT, 0, "text"},
            {TABULA_TYPE_INT, 1, {}},
            {TABULA_TYPE_TIMESTAMP, kEpochMicros, {}},
            {TABULA_TYPE_TIMESTAMP, kEpochMicros, {}}};
}
const std::vector<std::string> kUserColumns = {"id",      "username",  "email",    "active",
                                               "balance", "createdAt", "updatedAt"};
const std::vector<std::string> kPostColumns = {"id",     "title",     "body",
                                               "userId", "createdAt", "updatedAt"};

// Row constructors in the VALUES list of an INSERT or MERGE.
int64_t valuesRows(const std::string& sql) {
    const auto at = sql.find("VALUES");
    if (at == std::string::npos) return 1;
    static const std::regex between(R"(\)\s*,\s*\()");
    const std::string tail = sql.substr(at);
    return 1 + std::distance(std::sregex_iterator(tail.begin(), tail.end(), between),
                             std::sregex_iterator());
}

// What SQL Server would answer to `sql`.
Canned answer(const std::string& sql) {
    Canned c;
    auto starts = [&](const char* verb) { return sql.rfind(verb, 0) == 0; };
    const bool output = sql.find("OUTPUT INSERTED") != std::string::npos;
    if ((starts("INSERT") || starts("MERGE")) && output) {
        c.columns = kUserColumns;
        const int64_t n = valuesRows(sql);
        for (int64_t i = 1; i <= n; ++i)
            c.rows.push_back(userRow(i));
        c.changes = n;
    } else if (starts("UPDATE") || starts("DELETE") || starts("INSERT") || starts("MERGE")) {
        if (output) {
            c.columns = kUserColumns;
            c.rows.push_back(userRow(1));
        }
        c.changes = 1;
    } else if (starts("SELECT")) {
        if (sql.find("COUNT(") != std::string::npos) {
            c.columns = {"count"};
            c.rows.push_back({{TABULA_TYPE_INT, 2, {}}});
        } else if (sql.find("FROM [posts]") != std::string::npos) {
            c.columns = kPostColumns;
            c.rows = {postRow(1), postRow(2)};
        } else if (sql.find("FROM [users]") != std::string::npos) {
            c.columns = kUserColumns;
            c.rows = {userRow(1), userRow(2)};
        }
    }
    return c;
}

// ---- the recording driver ---------------------------------------------------------

class RecordingStatement : public sdk::Statement {
public:
    explicit RecordingStatement(std::string sql) : sql_(std::move(sql)) {}

    void bind(int index, const tabula_value& value) override {
        if (index < 1) throw sdk::Error(TABULA_ERR_MISUSE, "parameters are numbered from 1");
        if (params_.size() < static_cast<size_t>(index)) params_.resize(index, "null");
        params_[index - 1] = jsonValue(value);
    }
    bool step() override {
        if (!ran_) {
            ran_ = true;
            record(sql_, params_);
            answer_ = answer(sql_);
            next_ = 0;
        }
        return next_++ < answer_.rows.size();
    }
    int columnCount() override { return static_cast<int>(answer_.columns.size()); }
    const char* columnName(int column) override { return answer_.columns.at(column).c_str(); }
    tabula_value column(int column) override {
        const Cell& cell = answer_.rows.at(next_ - 1).at(column);
        if (cell.type == TABULA_TYPE_INT || cell.type == TABULA_TYPE_BOOL ||
            cell.type == TABULA_TYPE_TIMESTAMP)
            return sdk::intValue(cell.i, cell.type);
        return sdk::textValue(cell.text.data(), cell.text.size(), cell.type);
    }
    int64_t changes() override { return answer_.changes; }
    void reset() override {
        ran_ = false;
        params_.clear();
        answer_ = {};
    }

private:
    std::string sql_;
    std::vector<std::string> params_;
    bool ran_ = false;
    Canned answer_;
    size_t next_ = 0;
};

const char* isolationSql(tabula_isolation level) {
    switch (level) {
    case TABULA_ISO_READ_UNCOMMITTED: return "READ UNCOMMITTED";
    case TABULA_ISO_READ_COMMITTED: return "READ COMMITTED";
    case TABULA_ISO_REPEATABLE_READ: return "REPEATABLE READ";
    case TABULA_ISO_SERIALIZABLE: return "SERIALIZABLE";
    default: return nullptr;
    }
}

std::string bracketed(const char* name) {
    std::string out = "[";
    for (const char* p = name ? name : ""; *p; ++p) {
        if (*p == ']') out += ']';
        out += *p;
    }
    return out + "]";
}

class RecordingConnection : public sdk::Connection {
public:
    void ping() override {}
    void exec(const std::string& sql) override { record(sql); }
    std::unique_ptr<sdk::Statement> prepare(std::string_view sql) override {
        return std::make_unique<RecordingStatement>(std::string(sql));
    }
    // The T-SQL the SQL Server plugin sends for each transaction verb (see
    // plugins/mssql/mssql_connection.cpp); the plugin's own driver tests check
    // that it sends exactly these. T-SQL has no RELEASE SAVEPOINT: a savepoint
    // stays until its transaction ends.
    void transaction(tabula_tx_op op, const char* name, tabula_isolation isolation) override {
        switch (op) {
        case TABULA_TX_BEGIN:
            if (const char* level = isolationSql(isolation))
                record(std::string("SET TRANSACTION ISOLATION LEVEL ") + level +
                       "; BEGIN TRANSACTION");
            else
                record("BEGIN TRANSACTION");
            return;
        case TABULA_TX_COMMIT: record("COMMIT TRANSACTION"); return;
        case TABULA_TX_ROLLBACK: record("ROLLBACK TRANSACTION"); return;
        case TABULA_TX_SAVEPOINT: record("SAVE TRANSACTION " + bracketed(name)); return;
        case TABULA_TX_RELEASE: return;
        case TABULA_TX_ROLLBACK_TO: record("ROLLBACK TRANSACTION " + bracketed(name)); return;
        }
        throw sdk::Error(TABULA_ERR_MISUSE, "unknown transaction operation");
    }
};

struct RecordingMssql {
    static constexpr const char* name = "mssql";
    static constexpr const char* version = "recording";
    static std::unique_ptr<sdk::Connection> connect(const sdk::Settings&) {
        return std::make_unique<RecordingConnection>();
    }
    static void configure(tabula_profile&) {}
};

// The real plugin's profile, taken from its entry point.
const tabula_profile* realProfile = nullptr;

const tabula_dialect* recordingEntry() {
    static const tabula_dialect table = [] {
        tabula_dialect t = *sdk::detail::Table<RecordingMssql>::dialect();
        t.profile = realProfile;
        t.build_tag = "recording driver, real mssql profile";
        return t;
    }();
    return &table;
}

void loadRealProfile(const std::string& path) {
    // Kept open for the life of the process: the profile points into it.
    void* handle = ::dlopen(path.c_str(), RTLD_NOW | RTLD_LOCAL);
    if (!handle) throw std::runtime_error(std::string("cannot load ") + path + ": " + ::dlerror());
    auto entry =
        reinterpret_cast<tabula_dialect_entry_fn>(::dlsym(handle, TABULA_DIALECT_ENTRY_SYMBOL));
    if (!entry) throw std::runtime_error(path + " exports no " TABULA_DIALECT_ENTRY_SYMBOL);
    const tabula_dialect* api = entry();
    if (!api || !api->profile || std::strcmp(api->name, "mssql") != 0)
        throw std::runtime_error(path + " is not the mssql dialect");
    realProfile = api->profile;
}

// ---- the operations ----------------------------------------------------------------

std::vector<Values> threeUsers() {
    return {
        {{"username", "ann"}, {"email", "ann@example.com"}, {"balance", Value::decimal("1.50")}},
        {{"username", "bob"}, {"email", "bob@example.com"}, {"balance", Value::decimal("2.50")}},
        {{"username", "cy"}, {"email", "cy@example.com"}, {"balance", Value::decimal("3.50")}}};
}

struct Operation {
    std::string name;
    std::function<void()> run;
};

} // namespace

int main(int argc, char** argv) try {
    std::string plugin = TSQL_MSSQL_PLUGIN;
    std::set<std::string> only;
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        if (arg.find(".so") != std::string::npos || arg.find('/') != std::string::npos)
            plugin = arg;
        else
            only.insert(arg);
    }
    if (plugin.empty()) throw std::runtime_error("give the path of the mssql plugin");
    loadRealProfile(plugin);
    detail::registerDialect("mssql", &recordingEntry);

    Database db("tabula", "sa", "unused",
                {.host = "localhost", .dialect = "mssql", .logging = false});

    Model& User = db.define(
        "user",
        {
            {"username", {.type = DataTypes::STRING(64), .allowNull = false, .unique = true}},
            {"email", DataTypes::STRING},
            {"active", {.type = DataTypes::BOOLEAN, .defaultValue = true}},
            {"balance", DataTypes::DECIMAL(10, 2)},
        });
    Model& Post = db.define("post", {
                                        {"title", DataTypes::STRING},
                                        {"body", DataTypes::TEXT},
                                    });
    User.hasMany(Post, {.onDelete = "CASCADE"});
    Post.belongsTo(User, {.onDelete = "CASCADE"});

    // Every data type, and the column options a conformance test uses.
    Model& Sample =
        db.define("sample", {
                                {"str", DataTypes::STRING(100)},
                                {"txt", DataTypes::TEXT},
                                {"chr", DataTypes::CHAR(10)},
                                {"num", DataTypes::INTEGER},
                                {"big", DataTypes::BIGINT},
                                {"flt", DataTypes::FLOAT},
                                {"dbl", DataTypes::DOUBLE},
                                {"dec", DataTypes::DECIMAL(10, 2)},
                                {"flag", DataTypes::BOOLEAN},
                                {"at", DataTypes::DATE},
                                {"day", DataTypes::DATEONLY},
                                {"clock", DataTypes::TIME},
                                {"uid", DataTypes::UUID},
                                {"doc", DataTypes::JSON},
                                {"bin", DataTypes::BLOB},
                                {"mood", DataTypes::ENUM({"happy", "sad"})},
                                {"code", {.type = DataTypes::STRING(32), .unique = true}},
                                {"status", {.type = DataTypes::STRING(16), .defaultValue = "new"}},
                                {"required", {.type = DataTypes::INTEGER, .allowNull = false}},
                            });

    const std::vector<Operation> operations = {
        {"sync_sample", [&] { Sample.sync(); }},
        {"sync_user", [&] { User.sync(); }},
        {"sync_post", [&] { Post.sync(); }},
        {"create",
         [&] {
             User.create({{"username", "ann"},
                          {"email", "ann@example.com"},
                          {"balance", Value::decimal("10.50")}});
         }},
        {"bulk_create", [&] { User.bulkCreate(threeUsers(), {.returning = false}); }},
        {"bulk_create_returning", [&] { User.bulkCreate(threeUsers(), {.returning = true}); }},
        {"find_by_pk", [&] { User.findByPk(1); }},
        {"where_eq",
         [&] {
             User.findAll({.where = {{"username", "ann"}}});
         }},
        {"where_ne",
         [&] {
             User.findAll({.where = {{"username", {Op::ne, "ann"}}}});
         }},
        {"where_gt",
         [&] {
             User.findAll({.where = {{"balance", {Op::gt, 5}}}});
         }},
        {"where_in",
         [&] {
             User.findAll({.where = {{"id", {1, 2, 3}}}});
         }},
        {"where_like",
         [&] {
             User.findAll({.where = {{"email", {Op::like, "%@example.com"}}}});
         }},
        {"where_between",
         [&] {
             User.findAll({.where = {{"balance", {Op::between, {1, 9}}}}});
         }},
        {"where_is_null",
         [&] {
             User.findAll({.where = {{"email", nullptr}}});
         }},
        {"where_and_or",
         [&] {
             User.findAll({.where = {{"active", true},
                                     Op::or_({{"username", "ann"}, {"balance", {Op::lt, 2}}})}});
         }},
        {"order",
         [&] {
             User.findAll({.order = {{"username", "ASC"}, {"id", "DESC"}}});
         }},
        {"limit", [&] { User.findAll({.limit = 10}); }},
        {"limit_offset",
         [&] {
             User.findAll({.order = {{"username", "ASC"}}, .limit = 10, .offset = 20});
         }},
        {"include_has_many", [&] { User.findAll({.include = {{.model = &Post}}}); }},
        {"include_belongs_to", [&] { Post.findAll({.include = {{.model = &User}}}); }},
        {"count",
         [&] {
             User.count({.where = {{"active", true}}});
         }},
        {"update_where",
         [&] {
             User.update({{"email", "x@example.com"}}, {.where = {{"username", "ann"}}});
         }},
        // No UpdateOptions::returning: a program reads the rows back itself.
        {"update_returning",
         [&] {
             User.update({{"email", "x@example.com"}}, {.where = {{"username", "ann"}}});
             User.findAll({.where = {{"username", "ann"}}});
         }},
        {"destroy_where",
         [&] {
             User.destroy({.where = {{"active", false}}});
         }},
        {"upsert",
         [&] {
             User.upsert({{"username", "ann"},
                          {"email", "ann@example.com"},
                          {"balance", Value::decimal("1.00")}},
                         {.conflictFields = {"username"}});
         }},
        {"increment",
         [&] {
             User.increment("balance", {.by = 2}, {{"id", 1}});
         }},
        {"transaction_commit",
         [&] {
             db.transaction([&](Transaction& t) {
                 User.create({{"username", "tx"}}, {.transaction = &t});
             });
         }},
        {"transaction_rollback",
         [&] {
             Transaction t = db.transaction();
             User.create({{"username", "tx"}}, {.transaction = &t});
             t.rollback();
         }},
        {"savepoint_rollback",
         [&] {
             db.transaction([&](Transaction& outer) {
                 User.create({{"username", "outer"}}, {.transaction = &outer});
                 Transaction inner = outer.transaction();
                 User.create({{"username", "inner"}}, {.transaction = &inner});
                 inner.rollback();
             });
         }},
        {"savepoint_commit",
         [&] {
             db.transaction([&](Transaction& outer) {
                 outer.transaction([&](Transaction& inner) {
                     User.create({{"username", "inner"}}, {.transaction = &inner});
                 });
             });
         }},
        {"isolation_level",
         [&] {
             db.transaction([&](Transaction& t) { User.count({.transaction = &t}); },
                            {.isolationLevel = Isolation::Serializable});
         }},
    };

    std::cout << "{";
    bool firstOp = true;
    for (const Operation& op : operations) {
        if (!only.empty() && !only.count(op.name)) continue;
        std::vector<Recorded> statements;
        recording = &statements;
        op.run();
        recording = nullptr;
        std::cout << (firstOp ? "\n " : ",\n ") << jsonString(op.name) << ": [";
        firstOp = false;
        for (size_t i = 0; i < statements.size(); ++i) {
            std::cout << (i ? ",\n  " : "\n  ") << "{\"sql\": " << jsonString(statements[i].sql)
                      << ", \"params\": [";
            for (size_t j = 0; j < statements[i].params.size(); ++j)
                std::cout << (j ? ", " : "") << statements[i].params[j];
            std::cout << "]}";
        }
        std::cout << "\n ]";
    }
    std::cout << "\n}\n";
    return 0;
} catch (const std::exception& e) {
    std::cerr << "tabula_tsql_statements: " << e.what() << '\n';
    return 1;
}
