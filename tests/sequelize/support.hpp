// Sequelize 6's integration tests (test/integration/** on its v6 branch),
// translated to Tabula. One file here per file there; each case names its
// source file and the it() title it translates, so that the two can be read
// side by side:
//
//   SEQUELIZE_CASE("model/create.test.js", "findOrCreate > returns a single row", "[create]") {
//       auto db = conformance::open();
//       ...
//   }
//
// Every case ends in one of four outcomes, counted per dialect by main.cpp:
//   passed         the case ran and held;
//   failed         a difference from Sequelize, to be fixed (the run fails);
//   known failure  a difference found and not fixed yet, declared with
//                  SEQUELIZE_FAILING_CASE: it is counted and listed as a
//                  failure without failing the run, and the run fails as
//                  soon as the case passes on a dialect it is not skipped
//                  on, so the mark cannot outlive the fix;
//   not supported  Tabula cannot express it yet: NOT_SUPPORTED("feature")
//                  names the missing feature, and the case stops there;
//   skipped        the original does not run on this dialect either:
//                  ONLY_ON_DIALECTS("postgres") or SKIP_ON_DIALECTS("mssql").
// A difference found and not fixed yet is declared with SEQUELIZE_FAILING_CASE:
// counted and listed as a known failure without failing the run; once it holds
// on a dialect it is not skipped on, the run fails, so the mark cannot outlive
// the fix.
// A difference Tabula keeps on purpose is not a failure: the case asserts
// Tabula's behaviour, says why in a comment beginning "Differs:", and the
// difference is listed in docs/sequelize-differences.md.
#pragma once

#include "conformance/context.hpp"

#include <catch2/catch.hpp>

#include <initializer_list>
#include <memory>
#include <string>

namespace sequelize {

// Marks the running case; main.cpp's listener reads the mark when it ends.
void markNotSupported(const std::string& feature);
void markSkipped(const std::string& reason);
// Whether this run's dialect is one of these.
bool dialectIn(std::initializer_list<const char*> dialects);
// Cases declared failing that held in this run (each fails the run).
int passingKnownFailures();
// A Database for one case, on an empty database, as each Sequelize test
// starts: on the test servers the tables (and PostgreSQL enum types) earlier
// cases left are dropped first; SQLite gets a fresh file anyway.
std::unique_ptr<tabula::Database> open(tabula::Options options = {});
void clearDatabase(tabula::Database& db);
// The dialect's quoting of an identifier, for the few raw statements cases run.
std::string quoted(const std::string& name);

} // namespace sequelize

#define SEQUELIZE_CASE(file, title, tags) TEST_CASE(file ": " title, "[sequelize]" tags)
#define SEQUELIZE_FAILING_CASE(file, title, tags)                                                  \
    TEST_CASE(file ": " title, "[sequelize][!mayfail][known-failure]" tags)

// Stops the case: Tabula has no way to say this yet.
#define NOT_SUPPORTED(feature)                                                                     \
    do {                                                                                           \
        ::sequelize::markNotSupported(feature);                                                    \
        return;                                                                                    \
    } while (false)

// The original runs only on these dialects (its `if (dialect === ...)`).
#define ONLY_ON_DIALECTS(...)                                                                      \
    do {                                                                                           \
        if (!::sequelize::dialectIn({__VA_ARGS__})) {                                              \
            ::sequelize::markSkipped("runs only on " #__VA_ARGS__ " in Sequelize");                \
            return;                                                                                \
        }                                                                                          \
    } while (false)

// The original is skipped on these dialects.
#define SKIP_ON_DIALECTS(...)                                                                      \
    do {                                                                                           \
        if (::sequelize::dialectIn({__VA_ARGS__})) {                                               \
            ::sequelize::markSkipped("skipped on " #__VA_ARGS__ " in Sequelize");                  \
            return;                                                                                \
        }                                                                                          \
    } while (false)
