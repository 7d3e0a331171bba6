// Runs the conformance suite on one dialect. A dialect whose server is not
// configured fails the run, unless TABULA_TEST_SKIP names it, in which case
// the run reports itself skipped (exit 77) rather than passing in silence.
#define CATCH_CONFIG_RUNNER
#include "context.hpp"

#include <catch2/catch.hpp>

int main(int argc, char* argv[]) {
    if (int code = conformance::preflight("conformance"); code >= 0) return code;
    return Catch::Session().run(argc, argv);
}
