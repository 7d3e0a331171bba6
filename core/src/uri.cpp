// Parses connection URIs into their parts, percent-decoding each part after
// it is split so that an encoded ':' or '@' in a password stays in it.
#include "uri.hpp"

#include <tabula/errors.hpp>

#include <cctype>

namespace tabula::detail {

namespace {

int hexDigit(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

// The URI as it may appear in an error: the password replaced.
std::string masked(const std::string& uri) {
    auto scheme = uri.find("://");
    if (scheme == std::string::npos) return uri;
    auto at = uri.rfind('@');
    if (at != std::string::npos && at < scheme) return uri;
    if (at == std::string::npos) return uri;
    auto colon = uri.find(':', scheme + 3);
    if (colon == std::string::npos || colon > at) return uri;
    return uri.substr(0, colon + 1) + "***" + uri.substr(at);
}

} // namespace

std::map<std::string, std::string> parseQuery(const std::string& text) {
    std::map<std::string, std::string> query;
    size_t start = 0;
    while (start < text.size()) {
        auto amp = text.find('&', start);
        std::string pair = text.substr(start, amp == std::string::npos ? amp : amp - start);
        if (!pair.empty()) {
            auto eq = pair.find('=');
            query[percentDecode(pair.substr(0, eq))] =
                eq == std::string::npos ? "" : percentDecode(pair.substr(eq + 1));
        }
        if (amp == std::string::npos) break;
        start = amp + 1;
    }
    return query;
}

std::string percentDecode(const std::string& text) {
    std::string out;
    out.reserve(text.size());
    for (size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '%' && i + 2 < text.size()) {
            int hi = hexDigit(text[i + 1]), lo = hexDigit(text[i + 2]);
            if (hi >= 0 && lo >= 0) {
                out += static_cast<char>(hi * 16 + lo);
                i += 2;
                continue;
            }
        }
        out += text[i];
    }
    return out;
}

std::string canonicalDialect(const std::string& name) {
    if (name == "postgresql") return "postgres";
    if (name == "mariadb") return "mysql";
    return name;
}

ConnectionUri parseUri(const std::string& uri) {
    ConnectionUri result;
    auto colon = uri.find(':');
    if (colon == std::string::npos || colon == 0)
        throw UsageError("not a connection URI: '" + masked(uri) +
                         "' (expected e.g. sqlite::memory:, sqlite:path/db.sqlite or "
                         "postgres://user:pass@host:5432/db)");
    std::string scheme = uri.substr(0, colon);
    for (char& c : scheme)
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    result.dialect = canonicalDialect(scheme);
    std::string rest = uri.substr(colon + 1);

    if (result.dialect == "sqlite") {
        // sqlite::memory:, sqlite:relative/path, sqlite:/abs/path, sqlite://rel, sqlite:///abs
        if (rest.rfind("//", 0) == 0) rest = rest.substr(2);
        auto q = rest.find('?');
        if (q != std::string::npos) {
            result.query = parseQuery(rest.substr(q + 1));
            rest = rest.substr(0, q);
        }
        result.storage = rest.empty() ? ":memory:" : percentDecode(rest);
        return result;
    }

    if (rest.rfind("//", 0) != 0)
        throw UsageError("connection URI '" + masked(uri) + "' must be " + scheme +
                         "://user:password@host:port/database");
    rest = rest.substr(2);

    auto query = rest.find('?');
    std::string queryText;
    if (query != std::string::npos) {
        queryText = rest.substr(query + 1);
        rest = rest.substr(0, query);
    }
    auto slash = rest.find('/');
    std::string authority = rest.substr(0, slash);
    if (slash != std::string::npos) result.database = percentDecode(rest.substr(slash + 1));

    auto at = authority.rfind('@');
    if (at != std::string::npos) {
        std::string userInfo = authority.substr(0, at);
        authority = authority.substr(at + 1);
        auto sep = userInfo.find(':');
        result.username = percentDecode(userInfo.substr(0, sep));
        if (sep != std::string::npos) result.password = percentDecode(userInfo.substr(sep + 1));
    }

    std::string portText;
    if (!authority.empty() && authority.front() == '[') { // [::1]:5432
        auto close = authority.find(']');
        if (close == std::string::npos)
            throw UsageError("connection URI '" + masked(uri) +
                             "' has an unclosed '[' in its host");
        result.host = authority.substr(1, close - 1);
        if (close + 1 < authority.size() && authority[close + 1] == ':')
            portText = authority.substr(close + 2);
    } else {
        auto pc = authority.rfind(':');
        result.host = percentDecode(authority.substr(0, pc));
        if (pc != std::string::npos) portText = authority.substr(pc + 1);
    }
    if (!portText.empty()) {
        for (char c : portText)
            if (!std::isdigit(static_cast<unsigned char>(c)))
                throw UsageError("connection URI '" + masked(uri) + "' has a bad port '" +
                                 portText + "'");
        result.port = portText.size() > 5 ? 0 : std::stoi(portText);
        if (result.port <= 0 || result.port > 65535)
            throw UsageError("connection URI '" + masked(uri) +
                             "' has a port out of range: " + portText);
    }

    result.query = parseQuery(queryText);
    return result;
}

} // namespace tabula::detail
