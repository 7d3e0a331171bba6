// A dialect that connects to nothing and answers every statement with one
// row whose column count is absurd; the SQL text picks it: "int_max" gives
// INT_MAX columns, "negative" gives -1, anything else one.
#include <tabula/sdk/dialect.hpp>

#include <climits>
#include <string>

namespace {

class CountingStatement : public tabula::sdk::Statement {
public:
    explicit CountingStatement(std::string_view sql) : sql_(sql) {}
    void bind(int, const tabula_value&) override {}
    bool step() override { return !stepped_ && (stepped_ = true); }
    int columnCount() override {
        if (sql_ == "int_max") return INT_MAX;
        if (sql_ == "negative") return -1;
        return 1;
    }
    const char* columnName(int) override { return "cell"; }
    tabula_value column(int) override { return tabula::sdk::intValue(7); }
    int64_t changes() override { return 0; }
    void reset() override { stepped_ = false; }

private:
    std::string sql_;
    bool stepped_ = false;
};

class CountingConnection : public tabula::sdk::Connection {
public:
    void ping() override {}
    void exec(const std::string&) override {}
    std::unique_ptr<tabula::sdk::Statement> prepare(std::string_view sql) override {
        return std::make_unique<CountingStatement>(sql);
    }
};

struct BadColumns {
    static constexpr const char* name = "bad_columns";
    static constexpr const char* version = "0.0.0";
    static std::unique_ptr<tabula::sdk::Connection> connect(const tabula::sdk::Settings&) {
        return std::make_unique<CountingConnection>();
    }
    static void configure(tabula_profile&) {}
};

} // namespace

TABULA_DIALECT(BadColumns)
