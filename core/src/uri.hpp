// Connection URIs: "sqlite::memory:", "sqlite:path/db.sqlite",
// "postgres://user:pass@host:5432/db?sslmode=disable", mysql://, mssql://.
#pragma once

#include <map>
#include <string>

namespace tabula::detail {

struct ConnectionUri {
    std::string dialect; // canonical: sqlite, postgres, mysql, mssql, or as written
    std::string username;
    std::string password;
    std::string host;
    int port = 0;
    std::string database;
    std::string storage; // sqlite only
    std::map<std::string, std::string> query;
};

// Throws UsageError naming what is wrong with the URI (password masked).
ConnectionUri parseUri(const std::string& uri);

// "postgresql" → "postgres", "mariadb" → "mysql"; others unchanged.
std::string canonicalDialect(const std::string& name);

std::string percentDecode(const std::string& text);
// "a=1&b=x%20y" → {a: 1, b: "x y"}
std::map<std::string, std::string> parseQuery(const std::string& text);

} // namespace tabula::detail
