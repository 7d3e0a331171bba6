// A complete dialect whose file name (wrong_name) differs from the name it
// reports (imposter): the loader must not hand it out under either name.
#include <tabula/sdk/dialect.hpp>

namespace {

struct Imposter {
    static constexpr const char* name = "imposter";
    static constexpr const char* version = "0.0.0";
    static std::unique_ptr<tabula::sdk::Connection> connect(const tabula::sdk::Settings&) {
        throw tabula::sdk::Error(TABULA_ERR_UNSUPPORTED, "this test dialect cannot connect");
    }
    static void configure(tabula_profile&) {}
};

} // namespace

TABULA_DIALECT(Imposter)
