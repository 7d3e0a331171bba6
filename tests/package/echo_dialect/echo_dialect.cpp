// A third-party dialect built out of tree against the installed SDK alone: its
// "database" answers `SELECT ?, ?, ...` by echoing the bound values. The source
// compiles against every SDK since ABI 1.0, which is what the ABI checks need.
#include <tabula/sdk/dialect.hpp>

#include <string>
#include <vector>

namespace {

using tabula::sdk::Error;

class EchoStatement final : public tabula::sdk::Statement {
public:
    explicit EchoStatement(int parameters) : cells_(static_cast<size_t>(parameters)) {
        for (int i = 1; i <= parameters; ++i)
            names_.push_back("p" + std::to_string(i));
    }

    // The caller's bytes may be gone before step(): keep a copy.
    void bind(int index, const tabula_value& value) override {
        if (index < 1 || index > static_cast<int>(cells_.size()))
            throw Error(TABULA_ERR_MISUSE, "parameter " + std::to_string(index) + " out of range");
        Cell& cell = cells_[static_cast<size_t>(index - 1)];
        cell.value = value;
        cell.bytes.assign(value.data ? value.data : "", value.data ? value.size : 0);
    }

    // One row, then done until reset.
    bool step() override {
        row_ = !done_;
        done_ = true;
        return row_;
    }

    int columnCount() override { return static_cast<int>(cells_.size()); }
    const char* columnName(int column) override { return names_.at(checked(column)).c_str(); }

    tabula_value column(int column) override {
        if (!row_) throw Error(TABULA_ERR_MISUSE, "no current row");
        Cell& cell = cells_[checked(column)];
        tabula_value out = cell.value;
        out.data = cell.bytes.data();
        return out;
    }

    int64_t changes() override { return 0; }

    void reset() override {
        for (Cell& cell : cells_)
            cell = Cell{};
        done_ = row_ = false;
    }

private:
    struct Cell {
        tabula_value value = tabula::sdk::nullValue();
        std::string bytes;
    };
    size_t checked(int column) const {
        if (column < 0 || column >= static_cast<int>(cells_.size()))
            throw Error(TABULA_ERR_MISUSE, "column " + std::to_string(column) + " out of range");
        return static_cast<size_t>(column);
    }

    std::vector<Cell> cells_;
    std::vector<std::string> names_;
    bool done_ = false;
    bool row_ = false;
};

class EchoConnection final : public tabula::sdk::Connection {
public:
    void ping() override {}

    void exec(const std::string& sql) override {
        throw Error(TABULA_ERR_UNSUPPORTED, "the echo dialect runs no SQL: " + sql);
    }

    // Only `SELECT ?, ?, ...`: anything else is a syntax error here.
    std::unique_ptr<tabula::sdk::Statement> prepare(std::string_view sql) override {
        int parameters = 0;
        bool valid = sql.starts_with("SELECT ");
        for (char c : sql.substr(valid ? 7 : 0)) {
            if (c == '?')
                ++parameters;
            else if (c != ',' && c != ' ')
                valid = false;
        }
        if (!valid || parameters == 0)
            throw Error(TABULA_ERR_SYNTAX,
                        "the echo dialect only answers SELECT ?, ?, ...: " + std::string(sql));
        return std::make_unique<EchoStatement>(parameters);
    }
};

struct EchoDialect {
    static constexpr const char* name = "echo";
    static constexpr const char* version = "1.0.0";

    static std::unique_ptr<tabula::sdk::Connection> connect(const tabula::sdk::Settings&) {
        return std::make_unique<EchoConnection>();
    }

    static void configure(tabula_profile& profile) {
        profile.placeholder = TABULA_PLACEHOLDER_QUESTION;
        profile.supports = 0;
    }
};

} // namespace

TABULA_DIALECT(EchoDialect)
