// Parses connection URIs into their parts, percent-decoding each part after
// it is split so that an encoded ':' or '@' in a password stays in it.
#include "uri.hpp"

#include <tabula/errors.hpp>

#include <algorithm>
#include <cctype>

namespace tabula::detail {

namespace {

int hexDigit(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

bool isSchemeName(const std::string& name) {
    if (name.empty() || !std::isalpha(static_cast<unsigned char>(name.front()))) return false;
    for (char c : name)
        if (!std::isalnum(static_cast<unsigned char>(c)) && c != '+' && c != '-' && c != '.')
            return false;
    return true;
}

// Where the part that may hold "user:password@" begins: after "scheme:" and
// any slashes. Only called for text that starts with a scheme.
size_t userInfoStart(const std::string& uri) {
    size_t start = uri.find(':') + 1;
    while (start < uri.size() && uri[start] == '/')
        ++start;
    return start;
}

// The URI as it may appear in an error, for a URI that starts with a scheme.
// Everything before the last '@' may be user information (a password with a
// bare '/' or '?' in it still ends there), so all of it is hidden. With no
// '@', a "user:password" whose "@host" was left out reads as a host and a
// port, so everything after a ':' there is hidden instead.
std::string masked(const std::string& uri) {
    const size_t start = userInfoStart(uri);
    const auto at = uri.rfind('@');
    if (at != std::string::npos && at >= start)
        return uri.substr(0, start) + "***" + uri.substr(at);
    const auto end = std::min(uri.find_first_of("/?", start), uri.size());
    size_t colon = start;
    if (colon < end && uri[colon] == '[') colon = std::min(uri.find(']', colon), end);
    colon = uri.find(':', colon);
    if (colon >= end) return uri;
    return uri.substr(0, colon + 1) + "***";
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
    // Nothing of text that does not start with a scheme is shown: it may be a
    // password given where a URI was expected.
    auto colon = uri.find(':');
    if (colon == std::string::npos || !isSchemeName(uri.substr(0, colon)))
        throw UsageError("not a connection URI: it must start with a scheme such as sqlite: or "
                         "postgres:// (e.g. sqlite::memory:, sqlite:path/db.sqlite or "
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

    // Without the "//" there is no telling where a password would end, so
    // none of what follows the scheme is shown.
    if (rest.rfind("//", 0) != 0)
        throw UsageError("connection URI '" + uri.substr(0, colon + 1) + "***' must be " + scheme +
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

    // The user information ends at the last '@' before the first '/' or '?'.
    // An '@' after that means a bare '/' or '?' cut a password (or a user
    // name) in two, and its pieces would be taken for a host, port, database
    // or option, so the URI is refused rather than guessed at.
    if ((slash != std::string::npos && rest.find('@', slash) != std::string::npos) ||
        queryText.find('@') != std::string::npos)
        throw UsageError("connection URI '" + masked(uri) +
                         "' has an '@' after its host: percent-encode '/', '?' and '@' in a "
                         "user name or password (%2F, %3F, %40), and '@' in a database name or "
                         "option (%40)");

    auto at = authority.rfind('@');
    if (at != std::string::npos) {
        std::string userInfo = authority.substr(0, at);
        authority = authority.substr(at + 1);
        auto sep = userInfo.find(':');
        result.username = percentDecode(userInfo.substr(0, sep));
        if (sep != std::string::npos) result.password = percentDecode(userInfo.substr(sep + 1));
    }
    // With no '@' a port may be a password whose "@host" was left out, so it
    // is named only when the user information was set apart.
    const bool showPort = at != std::string::npos;

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
        if (pc != std::string::npos && authority.find(':') != pc)
            throw UsageError("connection URI '" + masked(uri) +
                             "' has a ':' in its host (write an IPv6 address in brackets)");
        if (pc != std::string::npos) portText = authority.substr(pc + 1);
    }
    if (!portText.empty()) {
        for (char c : portText)
            if (!std::isdigit(static_cast<unsigned char>(c)))
                throw UsageError("connection URI '" + masked(uri) + "' has a bad port" +
                                 (showPort ? " '" + portText + "'"
                                           : std::string(" (user information must end with '@' "
                                                         "before the host)")));
        result.port = portText.size() > 5 ? 0 : std::stoi(portText);
        if (result.port <= 0 || result.port > 65535)
            throw UsageError("connection URI '" + masked(uri) + "' has a port out of range" +
                             (showPort ? ": " + portText : std::string()));
    }

    result.query = parseQuery(queryText);
    return result;
}

} // namespace tabula::detail
