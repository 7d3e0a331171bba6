// Runs the conformance suite on one dialect. A dialect whose server is not
// configured fails the run, unless TABULA_TEST_SKIP names it, in which case
// the run reports itself skipped (exit 77) rather than passing in silence.
#define CATCH_CONFIG_RUNNER
#include "context.hpp"

#include <catch2/catch.hpp>

#include <cstdlib>
#include <filesystem>
#include <iostream>

namespace conformance {

namespace {

std::string env(const char* name) {
    const char* v = std::getenv(name);
    return v ? v : "";
}

const char* urlVariable(const std::string& d) {
    if (d == "postgres") return "TABULA_TEST_POSTGRES_URL";
    if (d == "mysql") return "TABULA_TEST_MYSQL_URL";
    if (d == "mssql") return "TABULA_TEST_MSSQL_URL";
    return nullptr;
}

} // namespace

const std::string& dialect() {
    static const std::string d =
        env("TABULA_TEST_DIALECT").empty() ? "sqlite" : env("TABULA_TEST_DIALECT");
    return d;
}

std::string uri() {
    if (isSqlite()) {
        static int counter = 0;
        auto dir = std::filesystem::temp_directory_path() / "tabula-conformance";
        std::filesystem::create_directories(dir);
        auto file = dir / ("db-" + std::to_string(::getpid()) + "-" + std::to_string(++counter) +
                           ".sqlite");
        std::filesystem::remove(file);
        return "sqlite:" + file.string();
    }
    return env(urlVariable(dialect()));
}

std::unique_ptr<tabula::Database> open(tabula::Options options) {
    // Quiet unless TABULA_TEST_LOG is set or the test brings its own sink.
    if (env("TABULA_TEST_LOG").empty() && !options.logging.custom()) options.logging = false;
    return std::make_unique<tabula::Database>(uri(), std::move(options));
}

} // namespace conformance

int main(int argc, char* argv[]) {
    using namespace conformance;
    const std::string d = dialect();
    const std::string skip = env("TABULA_TEST_SKIP");
    if (skip.find(d) != std::string::npos) {
        std::cout << "conformance[" << d << "]: switched off by TABULA_TEST_SKIP=" << skip
                  << "; no test ran on this dialect\n";
        return 77;
    }
    if (d == "mssql" && env("TABULA_TEST_MSSQL_URL").empty()) {
        // No SQL Server can be started here; the suite runs where one exists.
        std::cout << "conformance[mssql]: NOT RUN: TABULA_TEST_MSSQL_URL is not set, so there is "
                     "no SQL Server to test against (set it to mssql://user:pass@host:1433/db)\n";
        return 77;
    }
    if (const char* var = urlVariable(d); var && env(var).empty()) {
        std::cerr << "conformance[" << d << "]: " << var << " is not set, so there is no " << d
                  << " server to test against.\nStart the test servers with\n"
                  << "  eval \"$(scripts/test-servers.sh start)\"\n"
                  << "or switch this dialect off explicitly with TABULA_TEST_SKIP=" << d << "\n";
        return 1;
    }
    std::cout << "conformance suite on dialect: " << d << "\n";
    return Catch::Session().run(argc, argv);
}
