// bench_raw: every scenario through the databases' own C client libraries
// (sqlite3, libpq, MariaDB Connector/C), the baseline the others are
// measured against. `--scenario setup` creates and fills the shared tables.
#include "raw.hpp"

#include <cstdio>
#include <exception>

int main(int argc, char** argv) {
    try {
        const bench::Options o = bench::parseOptions(argc, argv, "raw");
        if (o.dialect == "sqlite")
            bench::raw::runSqlite(o);
        else if (o.dialect == "postgres")
            bench::raw::runPostgres(o);
        else if (o.dialect == "mysql")
            bench::raw::runMysql(o);
        else
            throw std::invalid_argument("unknown dialect " + o.dialect);
        return 0;
    } catch (const std::exception& e) {
        std::fprintf(stderr, "bench_raw: %s\n", e.what());
        return 1;
    }
}
