// A dialect that connects to nothing and answers every statement with one
// row of one cell that breaks the value rules; the SQL text picks the fault:
//   null_text   TEXT with data NULL and size 100
//   null_bytes  BYTES with data NULL and size 100
//   huge_text   TEXT with real data and size SIZE_MAX
//   odd_type    a type tag no ABI defines
// Anything else gives the well-formed text "fine".
#include <tabula/sdk/dialect.hpp>

#include <cstdint>
#include <string>

namespace {

class FaultyStatement : public tabula::sdk::Statement {
public:
    explicit FaultyStatement(std::string_view sql) : sql_(sql) {}
    void bind(int, const tabula_value&) override {}
    bool step() override { return !stepped_ && (stepped_ = true); }
    int columnCount() override { return 1; }
    const char* columnName(int) override { return "cell"; }
    tabula_value column(int) override {
        if (sql_ == "null_text") return tabula_value{TABULA_TYPE_TEXT, 0, 0.0, nullptr, 100};
        if (sql_ == "null_bytes") return tabula_value{TABULA_TYPE_BYTES, 0, 0.0, nullptr, 100};
        if (sql_ == "huge_text") return tabula_value{TABULA_TYPE_TEXT, 0, 0.0, "x", SIZE_MAX};
        if (sql_ == "odd_type") return tabula_value{99, 0, 0.0, "x", 1};
        return tabula::sdk::textValue("fine", 4);
    }
    int64_t changes() override { return 0; }
    void reset() override { stepped_ = false; }

private:
    std::string sql_;
    bool stepped_ = false;
};

class FaultyConnection : public tabula::sdk::Connection {
public:
    void ping() override {}
    void exec(const std::string&) override {}
    std::unique_ptr<tabula::sdk::Statement> prepare(std::string_view sql) override {
        return std::make_unique<FaultyStatement>(sql);
    }
};

struct BadCells {
    static constexpr const char* name = "bad_cells";
    static constexpr const char* version = "0.0.0";
    static std::unique_ptr<tabula::sdk::Connection> connect(const tabula::sdk::Settings&) {
        return std::make_unique<FaultyConnection>();
    }
    static void configure(tabula_profile&) {}
};

} // namespace

TABULA_DIALECT(BadCells)
