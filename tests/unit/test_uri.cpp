// Connection URIs: each dialect's form and alias, percent-encoded parts, IPv6
// hosts, query options, and errors that never show the password.
#include "uri.hpp"

#include <tabula/errors.hpp>

#include <catch2/catch.hpp>

#include <map>
#include <string>
#include <vector>

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

TEST_CASE("malformed URIs never show the password", "[uri]") {
    const std::vector<std::string> shapes = {"postgres:/u:PW@host/db",
                                             "postgres//u:PW@host/db",
                                             "postgres:u:PW@host/db",
                                             "postgres:///u:PW@host/db",
                                             "postgres:PW@host/db",
                                             "u:PW@host/db",
                                             "PW@host/db",
                                             "PW",
                                             "postgres://u:PW",
                                             "postgres://u:PW/db",
                                             "postgres://u:PW:5432/db",
                                             "postgres://u:PW?x=1",
                                             "postgres://u:PW@h:o:1/db",
                                             "postgres://u:PW@[::1/db",
                                             "mysql:u:PW@host:3306/db",
                                             "postgres://u:PW@host:0/db",
                                             "postgres://u:PW@host:999999/db"};
    for (const auto& uri : shapes) {
        INFO(uri);
        std::string message = usageErrorOf(uri);
        REQUIRE_FALSE(message.empty());
        REQUIRE_THAT(message, !Catch::Contains("PW"));
    }
}

TEST_CASE("a bare '/' or '?' in a password is refused without showing any of it", "[uri]") {
    for (const std::string uri :
         {"postgres://u:p/w@host/db", "postgres://u:p?w@host/db", "postgres://u:s3/cr3t@host/db",
          "postgres://u:s3?cr3t@host:5432/db", "postgres://u:12/34@host/db",
          "postgres://u:s3@cr/3t@host/db", "postgres://u/s3cr3t:x@host/db",
          "mysql://u:s3cr3t/@host/db"}) {
        INFO(uri);
        std::string message = usageErrorOf(uri);
        REQUIRE_FALSE(message.empty());
        for (const char* piece : {"p/w", "p?w", "'p'", "'w", "s3", "cr3t", "12", "34"})
            REQUIRE_THAT(message, !Catch::Contains(piece));
    }
    // Encoded, the same passwords parse.
    REQUIRE(parseUri("postgres://u:p%2Fw@host/db").password == "p/w");
    REQUIRE(parseUri("postgres://u:p%3Fw@host/db").password == "p?w");
    // An '@' in a database name or an option must be encoded as well.
    REQUIRE_THROWS_AS(parseUri("postgres://host/d@b"), UsageError);
    REQUIRE_THROWS_AS(parseUri("postgres://host/db?application_name=a@b"), UsageError);
    REQUIRE(parseUri("postgres://host/db?application_name=a%40b").query.at("application_name") ==
            "a@b");
}

// Every combination of scheme, separator, user, password with a character
// that URIs treat specially, and what follows: a URI either parses with the
// password's pieces in the password alone, or is refused with a message that
// shows neither piece.
TEST_CASE("generated malformed URIs keep the password out of every other part", "[uri]") {
    const std::vector<std::string> schemes = {"postgres", "mysql", "mariadb", "mssql", "PoStGrEs"};
    const std::vector<std::string> separators = {"://", ":/", ":", "//", ":///", "", ":////", "/"};
    const std::vector<std::string> users = {"u", "", "u/x", "u?x", "u:v"};
    const std::vector<std::string> specials = {"",   "/",   "?", "@", ":", "#", "%", "//", "/?",
                                               "?/", "%2F", " ", "[", "]", "&", "=", "/@", "\\"};
    const std::vector<std::string> tails = {"@host/db",
                                            "@host:5432/db",
                                            "@host:54x2/db",
                                            "@[::1]:5432/db",
                                            "@[::1:5432/db",
                                            "@host",
                                            "@/db",
                                            "@host:99999999999/db",
                                            "@host:/db",
                                            "",
                                            "/db",
                                            ":5432/db",
                                            "@host/db?sslmode=disable",
                                            "@host?x=1"};
    auto hasPiece = [](const std::string& text) {
        return text.find("QQ") != std::string::npos || text.find("ZZ") != std::string::npos;
    };
    size_t refused = 0, parsed = 0;
    for (const auto& scheme : schemes)
        for (const auto& separator : separators)
            for (const auto& user : users)
                for (const auto& special : specials)
                    for (const auto& tail : tails) {
                        // A password with a bare '@' and no host after it reads as
                        // user:password@host whatever is done: not a malformed URI.
                        if (special.find('@') != std::string::npos &&
                            tail.find('@') == std::string::npos)
                            continue;
                        const std::string uri =
                            scheme + separator + user + ":QQ" + special + "ZZ" + tail;
                        INFO(uri);
                        try {
                            ConnectionUri u = parseUri(uri);
                            ++parsed;
                            // Without an '@' after the password nothing marks
                            // it as one: "u:QQ?ZZ" may be a host and options.
                            if (tail.find('@') == std::string::npos) continue;
                            REQUIRE_FALSE(hasPiece(u.dialect));
                            REQUIRE_FALSE(hasPiece(u.username));
                            REQUIRE_FALSE(hasPiece(u.host));
                            REQUIRE_FALSE(hasPiece(u.database));
                            REQUIRE_FALSE(hasPiece(u.storage));
                            REQUIRE_FALSE(hasPiece(std::to_string(u.port)));
                            for (const auto& [key, value] : u.query) {
                                REQUIRE_FALSE(hasPiece(key));
                                REQUIRE_FALSE(hasPiece(value));
                            }
                        } catch (const UsageError& e) {
                            ++refused;
                            REQUIRE_FALSE(hasPiece(e.what()));
                        }
                    }
    REQUIRE(parsed > 0);
    REQUIRE(refused > 0);
}
