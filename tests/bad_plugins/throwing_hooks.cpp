// A dialect written with the C++ wrapper whose every hook throws: the
// connection's and the statements' destructors (close, finalize), ping,
// exec (something that is not a std::exception), the server's flags, and,
// picked by a statement's SQL text ("bind", "step", "column_count",
// "column_name", "column", "changes", "last_insert_id", "reset"), each
// statement call. Any other SQL gives one row of one cell. The wrapper must
// stop every one of them at the C boundary.
#include <tabula/sdk/dialect.hpp>

#include <stdexcept>
#include <string>

namespace {

// Out of line, so that the compiler cannot see the throw inside a destructor.
[[noreturn]] __attribute__((noinline)) void fail(const std::string& what) {
    throw std::runtime_error("throwing_hooks: " + what);
}

class ThrowingStatement : public tabula::sdk::Statement {
public:
    explicit ThrowingStatement(std::string_view sql) : sql_(sql) {}
    ~ThrowingStatement() override { fail("finalize"); }
    void bind(int, const tabula_value&) override { check("bind"); }
    bool step() override {
        check("step");
        return !stepped_ && (stepped_ = true);
    }
    int columnCount() override {
        check("column_count");
        return 1;
    }
    const char* columnName(int) override {
        check("column_name");
        return "cell";
    }
    tabula_value column(int) override {
        check("column");
        return tabula::sdk::intValue(7);
    }
    int64_t changes() override {
        check("changes");
        return 1;
    }
    int64_t lastInsertId() override {
        check("last_insert_id");
        return 1;
    }
    void reset() override {
        stepped_ = false;
        check("reset");
    }

private:
    void check(const char* hook) const {
        if (sql_ == hook) fail(hook);
    }
    std::string sql_;
    bool stepped_ = false;
};

class ThrowingConnection : public tabula::sdk::Connection {
public:
    ~ThrowingConnection() override { fail("close"); }
    void ping() override { fail("ping"); }
    void exec(const std::string&) override { throw 42; }
    uint32_t serverSupports() override { fail("server_supports"); }
    std::unique_ptr<tabula::sdk::Statement> prepare(std::string_view sql) override {
        return std::make_unique<ThrowingStatement>(sql);
    }
};

struct ThrowingHooks {
    static constexpr const char* name = "throwing_hooks";
    static constexpr const char* version = "0.0.0";
    static std::unique_ptr<tabula::sdk::Connection> connect(const tabula::sdk::Settings&) {
        return std::make_unique<ThrowingConnection>();
    }
    static void configure(tabula_profile&) {}
};

} // namespace

TABULA_DIALECT(ThrowingHooks)
