// Plugin loading: search order, the real SQLite dialect, and each way a file
// can fail to be a usable dialect, with the message a person gets.
#include "connection.hpp"
#include "plugin_loader.hpp"

#include <tabula/errors.hpp>
#include <tabula/sdk/dialect.hpp>

#include <catch2/catch.hpp>

#include <chrono>
#include <climits>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <optional>
#include <string>

namespace fs = std::filesystem;
using tabula::PluginError;
using namespace tabula::detail;

namespace {

const std::string kBadDir = TABULA_TEST_BAD_PLUGIN_DIR;
const std::string kDialectDir = TABULA_TEST_DIALECT_DIR;

std::string abi(int major, int minor) {
    return std::to_string(major) + "." + std::to_string(minor);
}
const std::string kCoreAbi = abi(TABULA_ABI_MAJOR, TABULA_ABI_MINOR);

// Sets or clears an environment variable for one scope, then restores it.
class ScopedEnv {
public:
    ScopedEnv(const char* name, const std::optional<std::string>& value) : name_(name) {
        if (const char* old = std::getenv(name)) old_ = old;
        if (value)
            ::setenv(name, value->c_str(), 1);
        else
            ::unsetenv(name);
    }
    ~ScopedEnv() {
        if (old_)
            ::setenv(name_, old_->c_str(), 1);
        else
            ::unsetenv(name_);
    }
    ScopedEnv(const ScopedEnv&) = delete;
    ScopedEnv& operator=(const ScopedEnv&) = delete;

private:
    const char* name_;
    std::optional<std::string> old_;
};

// A fresh folder under the system temp folder, removed at the end of scope.
class TempDir {
public:
    TempDir() {
        std::string pattern = (fs::temp_directory_path() / "tabula-loader-XXXXXX").string();
        if (!::mkdtemp(pattern.data())) throw std::runtime_error("mkdtemp failed");
        path_ = pattern;
    }
    ~TempDir() {
        std::error_code ec;
        fs::remove_all(path_, ec);
    }
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
    const fs::path& path() const { return path_; }
    std::string str() const { return path_.string(); }

private:
    fs::path path_;
};

// The PluginError message of loading `name` from `pluginPath`.
std::string loadError(const std::string& name, const std::string& pluginPath) {
    try {
        loadDialect(name, pluginPath);
    } catch (const PluginError& e) {
        return e.what();
    }
    FAIL("loading '" << name << "' from '" << pluginPath << "' did not throw PluginError");
    return {};
}

void writeGarbage(const fs::path& file) {
    std::ofstream out(file);
    out << "This is a text file that only looks like a dialect plugin by its name.\n"
           "A loader must refuse it and say why, in its own words.\n";
}

} // namespace

TEST_CASE("dialect file names carry the ABI major and the platform suffix", "[loader]") {
    CHECK(dialectFileName("sqlite") == "tabula-dialect-sqlite-abi1.so");
    CHECK(dialectFileName("my_dialect2") == "tabula-dialect-my_dialect2-abi1.so");
    CHECK_THROWS_AS(dialectFileName("SQLite"), PluginError);
    CHECK_THROWS_AS(dialectFileName("../etc"), PluginError);
    CHECK_THROWS_AS(dialectFileName(""), PluginError);
    CHECK_THROWS_WITH(loadDialect("no/such", ""), Catch::Contains("not a valid dialect name"));
}

TEST_CASE("search paths: pluginPath, TABULA_PLUGIN_PATH, next to libtabula, install folder",
          "[loader]") {
    ScopedEnv env("TABULA_PLUGIN_PATH", std::string("/opt/b:/opt/c::/opt/b/"));
    const auto paths = dialectSearchPaths("/opt/a");
    REQUIRE(paths.size() >= 4);
    CHECK(paths[0] == "/opt/a");
    CHECK(paths[1] == "/opt/b");
    CHECK(paths[2] == "/opt/c");
    CHECK(fs::path(paths[3]).filename() == "dialects");
    CHECK(fs::path(paths[3]).parent_path().filename() == "tabula");
    for (std::size_t i = 0; i < paths.size(); ++i)
        for (std::size_t j = i + 1; j < paths.size(); ++j)
            CHECK(paths[i] != paths[j]);

    ScopedEnv none("TABULA_PLUGIN_PATH", std::nullopt);
    const auto defaults = dialectSearchPaths("");
    REQUIRE(!defaults.empty());
    CHECK(fs::path(defaults.front()).filename() == "dialects");
}

TEST_CASE("the SQLite dialect loads from the build tree, once", "[loader]") {
    auto lib = loadDialect("sqlite", kDialectDir);
    REQUIRE(lib);
    CHECK(lib->name() == "sqlite");
    CHECK(std::string(lib->profile().name) == "sqlite");
    CHECK(lib->api().abi_major == TABULA_ABI_MAJOR);
    CHECK(fs::path(lib->path()).filename() == "tabula-dialect-sqlite-abi1.so");

    SECTION("the same library twice is the same object") {
        CHECK(loadDialect("sqlite", kDialectDir) == lib);
        CHECK(loadDialect("sqlite", "/no/such/folder") == lib);
    }
    SECTION("found with no pluginPath: the build puts dialects next to libtabula") {
        ScopedEnv none("TABULA_PLUGIN_PATH", std::nullopt);
        CHECK(loadDialect("sqlite", "") == lib);
        const auto paths = dialectSearchPaths("");
        CHECK(fs::equivalent(paths.front(), kDialectDir));
    }
}

TEST_CASE("an unknown dialect names every folder searched and what is there", "[loader]") {
    TempDir empty;
    ScopedEnv env("TABULA_PLUGIN_PATH", kDialectDir + ":/no/such/tabula/folder");
    const std::string message = loadError("nosuch", empty.str());
    CHECK_THAT(message, Catch::Contains("Dialect 'nosuch' not found"));
    CHECK_THAT(message, Catch::Contains(empty.str() + " (exists)"));
    CHECK_THAT(message, Catch::Contains(kDialectDir + " (exists)"));
    CHECK_THAT(message, Catch::Contains("/no/such/tabula/folder (does not exist)"));
    CHECK_THAT(message, Catch::Contains("Dialects found there: "));
    CHECK_THAT(message, Catch::Contains("sqlite"));
    CHECK_THAT(message, Catch::Contains("TABULA_PLUGIN_PATH"));
    CHECK_THAT(message, Catch::Contains("tabula-dialect-nosuch-abi1.so"));
    for (const auto& folder : dialectSearchPaths(empty.str()))
        CHECK_THAT(message, Catch::Contains("\n  " + folder + " ("));
}

TEST_CASE("aliases resolve to the canonical dialect", "[loader]") {
    ScopedEnv none("TABULA_PLUGIN_PATH", std::nullopt);
    if (fs::exists(fs::path(kDialectDir) / dialectFileName("mysql"))) {
        auto lib = loadDialect("mariadb", kDialectDir);
        CHECK(lib->name() == "mysql");
        CHECK(loadDialect("mysql", kDialectDir) == lib);
    } else {
        TempDir empty;
        const std::string message = loadError("mariadb", empty.str());
        CHECK_THAT(message, Catch::Contains("Dialect 'mariadb' (an alias of 'mysql') not found"));
        CHECK_THAT(message, Catch::Contains("tabula-dialect-mysql-abi1.so"));
    }
    if (fs::exists(fs::path(kDialectDir) / dialectFileName("postgres"))) {
        CHECK(loadDialect("postgresql", kDialectDir)->name() == "postgres");
    } else {
        TempDir empty;
        CHECK_THAT(loadError("postgresql", empty.str()),
                   Catch::Contains("tabula-dialect-postgres-abi1.so"));
    }
}

TEST_CASE("a file that is not a shared library: the loader's own message", "[loader]") {
    TempDir dir;
    const fs::path file = dir.path() / "tabula-dialect-garbage-abi1.so";
    writeGarbage(file);
    const std::string message = loadError("garbage", dir.str());
    CHECK_THAT(message, Catch::Contains(file.string()));
    CHECK_THAT(message, Catch::Contains("Cannot load dialect 'garbage'"));
    // dlopen's own words for a text file.
    CHECK_THAT(message, Catch::Contains("invalid ELF header"));
}

TEST_CASE("a library without the entry point is not a dialect", "[loader]") {
    const std::string message = loadError("no_entry", kBadDir);
    CHECK_THAT(message,
               Catch::Contains(kBadDir + "/tabula-dialect-no_entry-abi1.so is not a Tabula "
                                         "dialect: it has no tabula_dialect_entry_v1 entry point"));
}

TEST_CASE("an entry point that returns nothing", "[loader]") {
    CHECK_THAT(loadError("null_entry", kBadDir),
               Catch::Contains("returned no dialect table from its entry point"));
}

TEST_CASE("a dialect built for another ABI major names both versions", "[loader]") {
    const std::string message = loadError("abi_major", kBadDir);
    CHECK_THAT(message, Catch::Contains("Dialect 'abi_major' at " + kBadDir));
    CHECK_THAT(message, Catch::Contains("was built for dialect ABI " +
                                        abi(TABULA_ABI_MAJOR + 1, TABULA_ABI_MINOR)));
    CHECK_THAT(message, Catch::Contains("this core speaks ABI " + kCoreAbi));
    CHECK_THAT(message, Catch::Contains("rebuild the dialect against this SDK"));
}

TEST_CASE("a dialect built for a newer ABI minor names both versions", "[loader]") {
    const std::string message = loadError("abi_newer_minor", kBadDir);
    CHECK_THAT(message,
               Catch::Contains("is newer (ABI " + abi(TABULA_ABI_MAJOR, TABULA_ABI_MINOR + 1) +
                               ") than this core (ABI " + kCoreAbi + ")"));
    CHECK_THAT(message, Catch::Contains("upgrade Tabula or use a dialect built for " + kCoreAbi));
    CHECK_THAT(message, Catch::Contains("hand-written table"));
}

TEST_CASE("a dialect built for an older ABI minor loads; members it lacks are not used",
          "[loader]") {
    auto library = loadDialect("abi_older_minor", kBadDir);
    REQUIRE(library->api().abi_minor == 0);
    REQUIRE(library->driver().struct_size < sizeof(tabula_driver));
    auto connection = Connection::open(library, {});
    REQUIRE(connection->serverSupports() == 0); // its table ends before server_supports
    REQUIRE_NOTHROW(connection->ping());
}

TEST_CASE("a dialect older than ABI 1.6 refuses a statement timeout with a UsageError",
          "[loader]") {
    auto library = loadDialect("abi_older_minor", kBadDir);
    auto connection = Connection::open(library, {});
    // No limit is what such a dialect always had: nothing to ask for.
    REQUIRE_NOTHROW(connection->setTimeout(std::chrono::milliseconds(0)));
    try {
        connection->setTimeout(std::chrono::milliseconds(300));
        FAIL("a timeout was accepted by a dialect without set_timeout");
    } catch (const tabula::UsageError& e) {
        CHECK_THAT(e.what(), Catch::Contains("abi_older_minor"));
        CHECK_THAT(e.what(), Catch::Contains("before 1.6"));
    }
}

TEST_CASE("incomplete dialect tables say what is missing", "[loader]") {
    CHECK_THAT(loadError("null_driver", kBadDir), Catch::Contains("has no driver table"));
    CHECK_THAT(loadError("null_step", kBadDir),
               Catch::Contains("leaves required driver functions NULL: step"));
    CHECK_THAT(loadError("small_struct", kBadDir),
               Catch::Contains("returned a dialect table of 8 bytes"));
}

TEST_CASE("a dialect reporting another name than its file is refused", "[loader]") {
    const std::string message = loadError("wrong_name", kBadDir);
    CHECK_THAT(message, Catch::Contains("Dialect 'wrong_name'"));
    CHECK_THAT(message, Catch::Contains("reports its name as 'imposter'"));
    CHECK_THAT(message, Catch::Contains("tabula-dialect-imposter-abi1.so"));
    // Refused loads are not remembered: asking again gives the same answer.
    CHECK(loadError("wrong_name", kBadDir) == message);
}

TEST_CASE("pluginPath is searched before TABULA_PLUGIN_PATH", "[loader]") {
    // Two different files with one name: the error tells which one was taken.
    TempDir first, second;
    const std::string file = dialectFileName("ordered");
    writeGarbage(first.path() / file);
    fs::copy_file(fs::path(kBadDir) / dialectFileName("no_entry"), second.path() / file);

    ScopedEnv env("TABULA_PLUGIN_PATH", first.str());
    CHECK_THAT(loadError("ordered", second.str()), Catch::Contains("is not a Tabula dialect"));
    CHECK_THAT(loadError("ordered", ""), Catch::Contains("invalid ELF header"));
}

namespace {

class NeverConnects {
public:
    static constexpr const char* name = "static_fake";
    static constexpr const char* version = "1.2.3";
    static std::unique_ptr<tabula::sdk::Connection> connect(const tabula::sdk::Settings&) {
        throw tabula::sdk::Error(TABULA_ERR_CONN_REFUSED, "static_fake does not connect");
    }
    static void configure(tabula_profile& profile) { profile.supports = TABULA_SUPPORTS_ARRAY; }
};

const tabula_dialect* staticFakeEntry() {
    return tabula::sdk::detail::Table<NeverConnects>::dialect();
}

const tabula_dialect* futureMajorEntry() {
    static tabula_dialect table = [] {
        tabula_dialect t = *staticFakeEntry();
        t.abi_major = TABULA_ABI_MAJOR + 1;
        return t;
    }();
    return &table;
}

} // namespace

TEST_CASE("static registration takes the place of a file", "[loader]") {
    registerDialect("static_fake", &staticFakeEntry);
    registerDialect("static_fake", &staticFakeEntry); // the same table again is harmless
    auto lib = loadDialect("static_fake", "/no/such/folder");
    CHECK(lib->name() == "static_fake");
    CHECK(lib->path().empty());
    CHECK(std::string(lib->api().version) == "1.2.3");
    CHECK((lib->profile().supports & TABULA_SUPPORTS_ARRAY) != 0);

    CHECK_THROWS_WITH(registerDialect("other_name", &staticFakeEntry),
                      Catch::Contains("reports its name as 'static_fake'"));
    CHECK_THROWS_WITH(registerDialect("future", &futureMajorEntry),
                      Catch::Contains("was built for dialect ABI " +
                                      abi(TABULA_ABI_MAJOR + 1, TABULA_ABI_MINOR)));
    CHECK_THROWS_AS(registerDialect("Bad Name", &staticFakeEntry), PluginError);
}

namespace {

// The message of the DatabaseError that running `sql` on `connection` raises.
std::string runError(Connection& connection, const std::string& sql) {
    try {
        connection.execute(sql, {});
    } catch (const tabula::DatabaseError& e) {
        return e.what();
    }
    FAIL("running '" << sql << "' did not throw DatabaseError");
    return {};
}

} // namespace

TEST_CASE("a cell that breaks the value rules is refused, not read", "[loader][abi]") {
    auto connection = Connection::open(loadDialect("bad_cells", kBadDir), {});
    // Data NULL with a size: reading it would read memory the dialect never gave.
    CHECK_THAT(runError(*connection, "null_text"), Catch::Contains("no data") &&
                                                       Catch::Contains("100 bytes") &&
                                                       Catch::Contains("[bad_cells]"));
    CHECK_THAT(runError(*connection, "null_bytes"), Catch::Contains("no data"));
    CHECK_THAT(runError(*connection, "huge_text"),
               Catch::Contains(std::to_string(SIZE_MAX) + " bytes"));
    CHECK_THAT(runError(*connection, "odd_type"), Catch::Contains("unknown type 99"));
    // The cell goes through fromCell too when a caller converts it itself.
    CHECK_THROWS_AS(fromCell(tabula_value{TABULA_TYPE_TEXT, 0, 0.0, nullptr, 100}), tabula::Error);
    CHECK_THROWS_AS(fromCell(tabula_value{99, 0, 0.0, "x", 1}), tabula::Error);
    // The connection is still good for well-formed results.
    const ResultSet fine = connection->execute("fine", {});
    REQUIRE(fine.rows.size() == 1);
    CHECK(fine.rows[0][0] == tabula::Value("fine"));
}

TEST_CASE("an absurd column count is refused", "[loader][abi]") {
    auto connection = Connection::open(loadDialect("bad_columns", kBadDir), {});
    CHECK_THAT(runError(*connection, "int_max"),
               Catch::Contains(std::to_string(INT_MAX) + " columns") &&
                   Catch::Contains("[bad_columns]"));
    CHECK_THAT(runError(*connection, "negative"), Catch::Contains("-1 columns"));
    const ResultSet fine = connection->execute("one", {});
    REQUIRE(fine.rows.size() == 1);
    CHECK(fine.rows[0][0] == tabula::Value(7));
}

TEST_CASE("exceptions from a C++ dialect's hooks stop at the C boundary", "[loader][abi]") {
    auto library = loadDialect("throwing_hooks", kBadDir);
    {
        auto connection = Connection::open(library, {});
        CHECK_THROWS_WITH(connection->ping(), Catch::Contains("throwing_hooks: ping"));
        CHECK_THROWS_WITH(connection->exec("anything"),
                          Catch::Contains("unknown exception in dialect plugin"));
        CHECK(connection->serverSupports() == 0);
        for (const char* hook : {"step", "column", "reset"})
            CHECK_THAT(runError(*connection, hook),
                       Catch::Contains(std::string("throwing_hooks: ") + hook));
        CHECK_THROWS_AS(connection->execute("bind", {tabula::Value(1)}), tabula::DatabaseError);
        // A column count it cannot give is an error, not a row of nothing.
        CHECK_THAT(runError(*connection, "column_count"), Catch::Contains("-1 columns"));
        const ResultSet unnamed = connection->execute("column_name", {});
        CHECK(unnamed.rows.size() == 1);
        CHECK(connection->execute("changes", {}).changes == 0);
        CHECK(connection->execute("last_insert_id", {}).lastInsertId == 0);
        // Leaving the scope finalizes every cached statement and closes the
        // connection: both destructors throw.
    }
    // And straight through the C table, without the core's own wrappers.
    const tabula_driver& driver = library->driver();
    tabula_conn* raw = nullptr;
    tabula_error err{};
    REQUIRE(driver.connect(nullptr, 0, &raw, &err) == TABULA_OK);
    tabula_stmt* stmt = nullptr;
    REQUIRE(driver.prepare(raw, "column_count", 12, &stmt, &err) == TABULA_OK);
    CHECK(driver.column_count(stmt) < 0);
    driver.finalize(stmt);
    REQUIRE(driver.prepare(raw, "changes", 7, &stmt, &err) == TABULA_OK);
    CHECK(driver.changes(stmt) == 0);
    driver.finalize(stmt);
    REQUIRE(driver.prepare(raw, "column_name", 11, &stmt, &err) == TABULA_OK);
    CHECK(driver.column_name(stmt, 0) != nullptr);
    driver.finalize(stmt);
    CHECK(driver.server_supports(raw) == 0);
    driver.close(raw);
}

TEST_CASE("an exception while a C++ dialect builds its tables stops at the entry point",
          "[loader][abi]") {
    CHECK_THAT(loadError("throwing_entry", kBadDir),
               Catch::Contains("returned no dialect table from its entry point"));
}
