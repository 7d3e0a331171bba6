// The per-dialect context of the conformance suite: which dialect this run
// tests (TABULA_TEST_DIALECT) and how to open a database on it. Tests are
// written once against the public API; dialect differences are flags here.
#pragma once

#include <tabula/tabula.hpp>

#include <memory>
#include <string>

namespace conformance {

// "sqlite", "postgres", "mysql" or "mssql".
const std::string& dialect();
// The URI for this dialect: a fresh SQLite file, or the test server's URI.
std::string uri();
// A Database on this dialect with logging off unless the options say otherwise.
std::unique_ptr<tabula::Database> open(tabula::Options options = {});
// Checks that the dialect can run before a suite starts: the exit code to
// stop with (77 switched off or no SQL Server, 1 no server configured), or -1
// to go on. Prints what it decided, naming the suite.
int preflight(const char* suite);

inline bool isSqlite() { return dialect() == "sqlite"; }
inline bool isPostgres() { return dialect() == "postgres"; }
inline bool isMysql() { return dialect() == "mysql"; }
inline bool isMssql() { return dialect() == "mssql"; }

// Whether a logged statement matches a list of values: IN (...), or one
// array parameter (= ANY(...), <> ALL(...)) where the dialect binds arrays.
inline bool readsAList(const std::string& sql) {
    return sql.find(" IN (") != std::string::npos || sql.find(" = ANY(") != std::string::npos ||
           sql.find(" <> ALL(") != std::string::npos;
}

} // namespace conformance
