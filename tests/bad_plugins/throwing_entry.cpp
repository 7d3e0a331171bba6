// A dialect written with the C++ wrapper whose configure throws while the
// entry point builds its tables: the entry point must return NULL rather
// than let the exception out through the C function.
#include <tabula/sdk/dialect.hpp>

#include <stdexcept>

namespace {

struct ThrowingEntry {
    static constexpr const char* name = "throwing_entry";
    static constexpr const char* version = "0.0.0";
    static std::unique_ptr<tabula::sdk::Connection> connect(const tabula::sdk::Settings&) {
        throw tabula::sdk::Error(TABULA_ERR_UNSUPPORTED, "this test dialect cannot connect");
    }
    static void configure(tabula_profile&) { throw std::runtime_error("configure failed"); }
};

} // namespace

TABULA_DIALECT(ThrowingEntry)
