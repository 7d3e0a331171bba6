// The per-dialect context shared by the conformance suite and the port of
// Sequelize's own tests: which dialect a run tests and how to open a database.
#include "context.hpp"

#include <unistd.h>

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

int preflight(const char* suite) {
    const std::string d = dialect();
    const std::string skip = env("TABULA_TEST_SKIP");
    if (skip.find(d) != std::string::npos) {
        std::cout << suite << "[" << d << "]: switched off by TABULA_TEST_SKIP=" << skip
                  << "; no test ran on this dialect\n";
        return 77;
    }
    if (d == "mssql" && env("TABULA_TEST_MSSQL_URL").empty()) {
        // No SQL Server can be started here; the suite runs where one exists.
        std::cout << suite
                  << "[mssql]: NOT RUN: TABULA_TEST_MSSQL_URL is not set, so there is "
                     "no SQL Server to test against (set it to mssql://user:pass@host:1433/db)\n";
        return 77;
    }
    if (const char* var = urlVariable(d); var && env(var).empty()) {
        std::cerr << suite << "[" << d << "]: " << var << " is not set, so there is no " << d
                  << " server to test against.\nStart the test servers with\n"
                  << "  eval \"$(scripts/test-servers.sh start)\"\n"
                  << "or switch this dialect off explicitly with TABULA_TEST_SKIP=" << d << "\n";
        return 1;
    }
    std::cout << suite << " suite on dialect: " << d << "\n";
    return -1;
}

} // namespace conformance
