// A dialect built for ABI 1.0, before tabula_driver gained server_supports:
// its tables end where 1.0 ended. A newer core must load it and never touch
// the members past its struct sizes (here a trap stands where they would be).
#include <tabula/sdk/dialect.hpp>

#include <cstddef>
#include <cstdlib>

namespace {

class IdleConnection : public tabula::sdk::Connection {
public:
    void ping() override {}
    void exec(const std::string&) override {}
    std::unique_ptr<tabula::sdk::Statement> prepare(std::string_view) override {
        throw tabula::sdk::Error(TABULA_ERR_UNSUPPORTED, "this test dialect runs no statements");
    }
};

struct OlderMinor {
    static constexpr const char* name = "abi_older_minor";
    static constexpr const char* version = "0.0.0";
    static std::unique_ptr<tabula::sdk::Connection> connect(const tabula::sdk::Settings&) {
        return std::make_unique<IdleConnection>();
    }
    static void configure(tabula_profile&) {}
};

uint32_t trap(tabula_conn*) { std::abort(); }

} // namespace

extern "C" TABULA_PLUGIN_EXPORT const tabula_dialect* tabula_dialect_entry_v1(void) {
    const tabula_dialect* sdk = tabula::sdk::detail::Table<OlderMinor>::dialect();
    static tabula_driver driver = [&] {
        tabula_driver d = *sdk->driver;
        d.struct_size = offsetof(tabula_driver, server_supports); // the ABI 1.0 size
        d.server_supports = &trap;
        return d;
    }();
    static const tabula_dialect table = {
        sizeof(tabula_dialect), TABULA_ABI_MAJOR, 0,       OlderMinor::name,
        OlderMinor::version,    "ABI 1.0 table",  &driver, sdk->profile,
    };
    return &table;
}
