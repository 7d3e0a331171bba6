// A dialect whose driver table leaves a required function (step) NULL.
#include <tabula/sdk/dialect.hpp>

namespace {

struct NullStep {
    static constexpr const char* name = "null_step";
    static constexpr const char* version = "0.0.0";
    static std::unique_ptr<tabula::sdk::Connection> connect(const tabula::sdk::Settings&) {
        throw tabula::sdk::Error(TABULA_ERR_UNSUPPORTED, "this test dialect cannot connect");
    }
    static void configure(tabula_profile&) {}
};

} // namespace

extern "C" TABULA_PLUGIN_EXPORT const tabula_dialect* tabula_dialect_entry_v1(void) {
    static const tabula_driver driver = [] {
        tabula_driver d = *tabula::sdk::detail::Table<NullStep>::dialect()->driver;
        d.step = nullptr;
        return d;
    }();
    static const tabula_dialect table = [] {
        tabula_dialect t = *tabula::sdk::detail::Table<NullStep>::dialect();
        t.driver = &driver;
        return t;
    }();
    return &table;
}
