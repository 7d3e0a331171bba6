// A dialect built for a newer ABI minor than the core's: complete in every
// other way, so the minor version alone is what the loader refuses.
#include <tabula/sdk/dialect.hpp>

namespace {

struct NewerMinor {
    static constexpr const char* name = "abi_newer_minor";
    static constexpr const char* version = "0.0.0";
    static std::unique_ptr<tabula::sdk::Connection> connect(const tabula::sdk::Settings&) {
        throw tabula::sdk::Error(TABULA_ERR_UNSUPPORTED, "this test dialect cannot connect");
    }
    static void configure(tabula_profile&) {}
};

} // namespace

extern "C" TABULA_PLUGIN_EXPORT const tabula_dialect* tabula_dialect_entry_v1(void) {
    const tabula_dialect* sdk = tabula::sdk::detail::Table<NewerMinor>::dialect();
    static const tabula_dialect table = {
        sizeof(tabula_dialect), TABULA_ABI_MAJOR,     TABULA_ABI_MINOR + 1, NewerMinor::name,
        NewerMinor::version,    "hand-written table", sdk->driver,          sdk->profile,
    };
    return &table;
}
