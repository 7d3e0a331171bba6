// Connection URIs: each dialect's form and alias, percent-encoded parts, IPv6
// hosts, query options, and errors that never show the password.
#include "uri.hpp"

#include <tabula/errors.hpp>

#include <catch2/catch.hpp>

#include <map>
#include <string>

using namespace tabula;
using detail::ConnectionUri;
using detail::parseUri;

namespace {

// The message of the UsageError that parsing `uri` throws, or "" if it parses.
std::string usageErrorOf(const std::string& uri) {
    try {
        parseUri(uri);
    } catch (const UsageError& e) {
        return e.what();
    }
    return "";
}

} // namespace

TEST_CASE("sqlite URIs name a file or memory", "[uri]") {
    ConnectionUri memory = parseUri("sqlite::memory:");
    REQUIRE(memory.dialect == "sqlite");
    REQUIRE(memory.storage == ":memory:");
    REQUIRE(memory.host.empty());
    REQUIRE(memory.port == 0);

    REQUIRE(parseUri("sqlite:relative/path.sqlite").storage == "relative/path.sqlite");
    REQUIRE(parseUri("sqlite:/abs/path").storage == "/abs/path");
    REQUIRE(parseUri("sqlite:///abs/path").storage == "/abs/path");
    REQUIRE(parseUri("sqlite://relative.sqlite").storage == "relative.sqlite");
    REQUIRE(parseUri("sqlite:").storage == ":memory:");
    REQUIRE(parseUri("sqlite:my%20data.sqlite").storage == "my data.sqlite");

    ConnectionUri withQuery = parseUri("sqlite:db.sqlite?busyTimeout=100");
    REQUIRE(withQuery.storage == "db.sqlite");
    REQUIRE(withQuery.query == std::map<std::string, std::string>{{"busyTimeout", "100"}});
}

TEST_CASE("server URIs split into user, password, host, port and database", "[uri]") {
    ConnectionUri pg = parseUri("postgres://user:pass@host:5432/db");
    REQUIRE(pg.dialect == "postgres");
    REQUIRE(pg.username == "user");
    REQUIRE(pg.password == "pass");
    REQUIRE(pg.host == "host");
    REQUIRE(pg.port == 5432);
    REQUIRE(pg.database == "db");
    REQUIRE(pg.storage.empty());
    REQUIRE(pg.query.empty());

    ConnectionUri my = parseUri("mysql://root:secret@127.0.0.1:3306/app");
    REQUIRE(my.dialect == "mysql");
    REQUIRE(my.username == "root");
    REQUIRE(my.password == "secret");
    REQUIRE(my.host == "127.0.0.1");
    REQUIRE(my.port == 3306);
    REQUIRE(my.database == "app");

    ConnectionUri ms = parseUri("mssql://sa:Str0ng@sqlhost:1433/master");
    REQUIRE(ms.dialect == "mssql");
    REQUIRE(ms.username == "sa");
    REQUIRE(ms.host == "sqlhost");
    REQUIRE(ms.port == 1433);
    REQUIRE(ms.database == "master");

    // Parts that are left out stay empty; port 0 means the dialect's default.
    ConnectionUri bare = parseUri("postgres://localhost/app");
    REQUIRE(bare.username.empty());
    REQUIRE(bare.password.empty());
    REQUIRE(bare.host == "localhost");
    REQUIRE(bare.port == 0);
    REQUIRE(bare.database == "app");

    ConnectionUri userOnly = parseUri("postgres://ann@db.example.com/app");
    REQUIRE(userOnly.username == "ann");
    REQUIRE(userOnly.password.empty());
    REQUIRE(userOnly.host == "db.example.com");
}

TEST_CASE("scheme aliases map to the canonical dialect", "[uri]") {
    REQUIRE(parseUri("postgresql://u:p@h:5432/d").dialect == "postgres");
    REQUIRE(parseUri("mariadb://u:p@h:3306/d").dialect == "mysql");
    REQUIRE(parseUri("POSTGRES://u:p@h/d").dialect == "postgres");
    REQUIRE(parseUri("SQLite::memory:").dialect == "sqlite");
    REQUIRE(detail::canonicalDialect("postgresql") == "postgres");
    REQUIRE(detail::canonicalDialect("mariadb") == "mysql");
    REQUIRE(detail::canonicalDialect("mssql") == "mssql");
    // A third-party dialect keeps its own name.
    REQUIRE(parseUri("duck://h/d").dialect == "duck");
}

TEST_CASE("percent-encoded parts are decoded after the URI is split", "[uri]") {
    ConnectionUri u = parseUri("postgres://user%2Bx:p%40ss%3Aword@host:5432/my%20db");
    REQUIRE(u.username == "user+x");
    REQUIRE(u.password == "p@ss:word");
    REQUIRE(u.host == "host");
    REQUIRE(u.port == 5432);
    REQUIRE(u.database == "my db");

    // An encoded '/' in the password does not start the database name.
    ConnectionUri slash = parseUri("mysql://u:a%2Fb@h/d");
    REQUIRE(slash.password == "a/b");
    REQUIRE(slash.database == "d");

    REQUIRE(detail::percentDecode("a%20b%2fc") == "a b/c");
    // Text that is not an escape is kept as written.
    REQUIRE(detail::percentDecode("100%") == "100%");
    REQUIRE(detail::percentDecode("%zz") == "%zz");
    REQUIRE(detail::percentDecode("%4") == "%4");
}

TEST_CASE("IPv6 hosts are written in brackets", "[uri]") {
    ConnectionUri u = parseUri("postgres://u:p@[::1]:5432/db");
    REQUIRE(u.host == "::1");
    REQUIRE(u.port == 5432);
    REQUIRE(u.database == "db");

    ConnectionUri noPort = parseUri("mysql://[fe80::1:2]/db");
    REQUIRE(noPort.host == "fe80::1:2");
    REQUIRE(noPort.port == 0);

    REQUIRE_THROWS_AS(parseUri("postgres://u:p@[::1:5432/db"), UsageError);
}

TEST_CASE("query options become a map of decoded strings", "[uri]") {
    ConnectionUri u = parseUri("postgres://u:p@h:5432/db?sslmode=disable&application_name=x");
    REQUIRE(u.database == "db");
    REQUIRE(u.query ==
            std::map<std::string, std::string>{{"sslmode", "disable"}, {"application_name", "x"}});

    ConnectionUri noDb = parseUri("mysql://u:p@h?charset=utf8mb4");
    REQUIRE(noDb.host == "h");
    REQUIRE(noDb.database.empty());
    REQUIRE(noDb.query.at("charset") == "utf8mb4");

    REQUIRE(detail::parseQuery("a=1&b=x%20y&flag&&c=") ==
            std::map<std::string, std::string>{{"a", "1"}, {"b", "x y"}, {"flag", ""}, {"c", ""}});
    REQUIRE(detail::parseQuery("").empty());
}

TEST_CASE("malformed URIs are UsageErrors", "[uri]") {
    REQUIRE_THROWS_AS(parseUri("not a uri"), UsageError);
    REQUIRE_THROWS_AS(parseUri(":memory:"), UsageError);
    REQUIRE_THROWS_AS(parseUri("postgres:host/db"), UsageError);
    REQUIRE_THROWS_AS(parseUri("postgres://u:p@host:0/db"), UsageError);
    REQUIRE_THROWS_AS(parseUri("postgres://u:p@host:65536/db"), UsageError);
    REQUIRE(parseUri("postgres://u:p@host:65535/db").port == 65535);
}

TEST_CASE("a bad port is a UsageError that names the port but not the password", "[uri]") {
    std::string message = usageErrorOf("postgres://user:s3cr3t@host:54x2/db");
    REQUIRE_THAT(message, Catch::Contains("54x2"));
    REQUIRE_THAT(message, !Catch::Contains("s3cr3t"));

    message = usageErrorOf("postgres://user:p%40ss%3Aword@host:abc/db");
    REQUIRE_THAT(message, Catch::Contains("abc"));
    REQUIRE_THAT(message, !Catch::Contains("p%40ss%3Aword"));
    REQUIRE_THAT(message, !Catch::Contains("p@ss:word"));

    message = usageErrorOf("mysql://root:hunter2@[::1]:99x/db");
    REQUIRE_THAT(message, Catch::Contains("99x"));
    REQUIRE_THAT(message, !Catch::Contains("hunter2"));

    // The parser takes the last '@' as the end of the password, so a password
    // written with a bare '@' parses; its error must hide all of it too.
    REQUIRE(parseUri("postgres://user:top@secret@host:5432/db").password == "top@secret");
    message = usageErrorOf("postgres://user:top@secret@host:5x/db");
    REQUIRE_THAT(message, Catch::Contains("5x"));
    REQUIRE_THAT(message, !Catch::Contains("secret"));
}

TEST_CASE("a port too long for an int is a UsageError, not another exception", "[uri]") {
    REQUIRE_THROWS_AS(parseUri("postgres://user:s3cr3t@host:99999999999/db"), UsageError);
    std::string message = usageErrorOf("postgres://user:s3cr3t@host:99999999999/db");
    REQUIRE_THAT(message, Catch::Contains("99999999999"));
    REQUIRE_THAT(message, !Catch::Contains("s3cr3t"));
}
