// Sequelize's attribute validators (Attribute::validate): each failed rule
// becomes one ValidationErrorItem with Sequelize's message, the rule, the
// value and the reason it failed.
#include "validators.hpp"

#include <Poco/Exception.h>
#include <Poco/RegularExpression.h>

#include <cmath>
#include <cstdlib>
#include <exception>
#include <memory>
#include <mutex>
#include <optional>
#include <string_view>
#include <unordered_map>

namespace tabula::detail {

namespace {

bool isDigit(char c) { return c >= '0' && c <= '9'; }
bool isAsciiLetter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
// Bytes of UTF-8 sequences count as letters, so internationalised names pass.
bool isNonAscii(char c) { return static_cast<unsigned char>(c) >= 0x80; }
bool isSpaceOrControl(char c) {
    auto u = static_cast<unsigned char>(c);
    return u <= 0x20 || u == 0x7F;
}

bool allDigits(std::string_view s) {
    if (s.empty()) return false;
    for (char c : s)
        if (!isDigit(c)) return false;
    return true;
}

// Text and Decimal values carry their number as text; other kinds have none.
std::optional<std::string_view> numericText(const Value& v) {
    if (v.kind() == ValueKind::Text || v.kind() == ValueKind::Decimal) return v.text();
    return std::nullopt;
}

// [+-]digits, nothing else (no spaces).
bool isIntegerText(std::string_view s) {
    if (!s.empty() && (s[0] == '+' || s[0] == '-')) s.remove_prefix(1);
    return allDigits(s);
}

// [+-](digits[.digits] | .digits)[(e|E)[+-]digits]: plain decimal notation,
// without the "inf", "nan" and hexadecimal forms that strtod also reads.
bool isNumberText(std::string_view s) {
    size_t i = 0;
    if (i < s.size() && (s[i] == '+' || s[i] == '-')) ++i;
    size_t digits = 0;
    while (i < s.size() && isDigit(s[i]))
        ++i, ++digits;
    if (i < s.size() && s[i] == '.') {
        ++i;
        while (i < s.size() && isDigit(s[i]))
            ++i, ++digits;
    }
    if (digits == 0) return false;
    if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
        ++i;
        if (i < s.size() && (s[i] == '+' || s[i] == '-')) ++i;
        if (!allDigits(s.substr(i))) return false;
        i = s.size();
    }
    return i == s.size();
}

// The number a value stands for: Int, finite-or-infinite Double, or numeric text.
std::optional<double> numberOf(const Value& v) {
    if (v.kind() == ValueKind::Int) return v.asDouble();
    if (v.kind() == ValueKind::Double) {
        if (std::isnan(v.asDouble())) return std::nullopt;
        return v.asDouble();
    }
    if (const auto s = numericText(v); s && isNumberText(*s))
        return std::strtod(std::string(*s).c_str(), nullptr); // strtod reads up to a NUL
    return std::nullopt;
}

// A host name label: letters, digits and hyphens, not starting or ending
// with a hyphen, at most 63 characters.
bool isLabel(std::string_view label) {
    if (label.empty() || label.size() > 63) return false;
    if (label.front() == '-' || label.back() == '-') return false;
    for (char c : label)
        if (!isAsciiLetter(c) && !isDigit(c) && c != '-' && !isNonAscii(c)) return false;
    return true;
}

// Two or more labels joined by single dots, the last not all digits (so an
// IPv4 address is not taken for a name).
bool isDomainName(std::string_view s) {
    if (s.empty() || s.size() > 253) return false;
    size_t labels = 0;
    std::string_view last;
    while (true) {
        size_t dot = s.find('.');
        last = s.substr(0, dot);
        if (!isLabel(last)) return false;
        ++labels;
        if (dot == std::string_view::npos) break;
        s.remove_prefix(dot + 1);
    }
    return labels >= 2 && !allDigits(last);
}

bool isIpv4(std::string_view s) {
    for (int part = 0; part < 4; ++part) {
        size_t dot = s.find('.');
        if ((part < 3) != (dot != std::string_view::npos)) return false;
        std::string_view octet = s.substr(0, dot);
        if (!allDigits(octet) || octet.size() > 3 || std::atoi(std::string(octet).c_str()) > 255)
            return false;
        if (dot != std::string_view::npos) s.remove_prefix(dot + 1);
    }
    return true;
}

// Accepted: local@domain where
//   - there is exactly one '@' and no white space or control character;
//   - the local part has 1 to 64 characters: letters, digits, UTF-8 and
//     !#$%&'*+/=?^_`{|}~.- with no leading, trailing or doubled dot;
//   - the domain is a name of two or more dot-separated labels (letters,
//     digits, UTF-8, inner hyphens), the last not all digits: "a@b.c" passes,
//     "a@b", "a@.b.c", "a@b.c." and "a@127.0.0.1" do not.
bool isEmail(std::string_view s) {
    if (s.size() > 254) return false;
    size_t at = s.find('@');
    if (at == std::string_view::npos || s.find('@', at + 1) != std::string_view::npos) return false;
    std::string_view local = s.substr(0, at), domain = s.substr(at + 1);
    if (local.empty() || local.size() > 64) return false;
    if (local.front() == '.' || local.back() == '.' || local.find("..") != std::string_view::npos)
        return false;
    static constexpr std::string_view specials = "!#$%&'*+/=?^_`{|}~.-";
    for (char c : local)
        if (!isAsciiLetter(c) && !isDigit(c) && !isNonAscii(c) &&
            specials.find(c) == std::string_view::npos)
            return false;
    return isDomainName(domain);
}

// Accepted: scheme://host[:port][/path][?query][#fragment] where
//   - the scheme is http, https or ftp (any case);
//   - the host is "localhost", an IPv4 address (four numbers 0-255), or a
//     domain name as for isEmail ("x.org"); no user:password@ part;
//   - the port is 1 to 65535;
//   - path, query and fragment hold no white space or control character.
// So "http://localhost:8080/x?y=1" and "ftp://x.org" pass; "http://",
// "javascript:alert(1)", "http://x" and "http://a b.com" do not.
bool isUrl(std::string_view s) {
    size_t sep = s.find("://");
    if (sep == std::string_view::npos) return false;
    std::string scheme(s.substr(0, sep));
    for (char& c : scheme)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if (scheme != "http" && scheme != "https" && scheme != "ftp") return false;
    std::string_view rest = s.substr(sep + 3);
    for (char c : rest)
        if (isSpaceOrControl(c)) return false;

    size_t hostEnd = rest.find_first_of(":/?#");
    std::string_view host = rest.substr(0, hostEnd);
    std::string lowerHost(host);
    for (char& c : lowerHost)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if (lowerHost != "localhost" && !isIpv4(host) && !isDomainName(host)) return false;
    if (hostEnd == std::string_view::npos) return true;
    rest.remove_prefix(hostEnd);

    if (rest.front() == ':') {
        size_t portEnd = rest.find_first_of("/?#");
        std::string_view port = rest.substr(
            1, portEnd == std::string_view::npos ? std::string_view::npos : portEnd - 1);
        if (!allDigits(port) || port.size() > 5) return false;
        int number = std::atoi(std::string(port).c_str());
        if (number < 1 || number > 65535) return false;
    }
    // What follows the port begins with '/', '?' or '#' by construction and
    // holds no white space, checked above.
    return true;
}

// `is` patterns run on PCRE (Poco::RegularExpression) with the options that
// make it read ECMAScript: \uHHHH, \xHH, [^] and back references to groups
// that did not take part as in JavaScript, and '$' only at the very end.
constexpr int kEcmaScript =
    Poco::RegularExpression::RE_DOLLAR_ENDONLY | 0x02000000; // PCRE_JAVASCRIPT_COMPAT

// Bounds on matching one text, so that no pattern and text can take the
// process down or hold it for long: steps of backtracking, and how deeply
// backtracking nests (PCRE nests on the stack, about half a kilobyte a
// level, so this bounds the stack a match takes to some 2 MB).
constexpr const char* kLimits = "(*LIMIT_MATCH=5000000)(*LIMIT_RECURSION=4000)";

// Compiled `is` patterns, shared by every save of every model. Each is the
// pattern anchored at the start and followed by \z, so that a match is a
// match of the whole text whichever alternative the pattern tries first.
std::shared_ptr<const Poco::RegularExpression> compiledPattern(const std::string& model,
                                                               const std::string& attribute,
                                                               const std::string& pattern) {
    static std::mutex mutex;
    static std::unordered_map<std::string, std::shared_ptr<const Poco::RegularExpression>> cache;
    {
        std::lock_guard lock(mutex);
        if (auto it = cache.find(pattern); it != cache.end()) return it->second;
    }
    // PCRE reads a pattern up to its first NUL byte.
    if (pattern.find('\0') != std::string::npos)
        throw UsageError("the `is` validator of " + model + "." + attribute +
                         " has a NUL byte in its regular expression (write \\x00 to match one)");
    std::shared_ptr<const Poco::RegularExpression> re;
    try {
        // The pattern alone first, so that an error is about what was written.
        Poco::RegularExpression(pattern, kEcmaScript, false);
        re = std::make_shared<const Poco::RegularExpression>(
            std::string(kLimits) + "(?:" + pattern + ")\\z",
            kEcmaScript | Poco::RegularExpression::RE_ANCHORED);
    } catch (const Poco::Exception& e) {
        throw UsageError("the `is` validator of " + model + "." + attribute +
                         " has an invalid regular expression /" + pattern + "/: " + e.message());
    }
    std::lock_guard lock(mutex);
    return cache.emplace(pattern, std::move(re)).first->second;
}

enum class Matched { Yes, No, OverLimit };

Matched matchesWhole(const Poco::RegularExpression& re, const std::string& text) {
    try {
        Poco::RegularExpression::Match m;
        return re.match(text, 0, m, 0) > 0 ? Matched::Yes : Matched::No;
    } catch (const Poco::RegularExpressionException& e) {
        // A match with more groups than Poco reports positions for.
        if (e.message() == "too many captured substrings") return Matched::Yes;
        // Otherwise one of the limits above (or memory) ran out.
        return Matched::OverLimit;
    }
}

// A value as messages show it: numbers and booleans bare, the rest quoted.
std::string shown(const Value& v) {
    switch (v.kind()) {
    case ValueKind::Null: return "null";
    case ValueKind::Bool:
    case ValueKind::Int:
    case ValueKind::Double: return v.asString();
    default: {
        std::string quoted = "'";
        quoted += v.asString();
        quoted += '\'';
        return quoted;
    }
    }
}

std::string shownList(const std::vector<Value>& values) {
    std::string out = "[";
    for (size_t i = 0; i < values.size(); ++i)
        out += (i ? ", " : "") + shown(values[i]);
    return out + "]";
}

std::string shownNumber(double d) { return Value(d).asString(); }

} // namespace

bool hasRules(const Validate& rules) {
    return rules.notEmpty || rules.len || rules.isEmail || rules.isUrl || !rules.is.empty() ||
           rules.isInt || rules.isFloat || rules.min || rules.max || !rules.isIn.empty() ||
           !rules.notIn.empty() || !rules.custom.empty();
}

std::string validationMessage(const std::vector<ValidationErrorItem>& errors) {
    std::string message;
    for (const ValidationErrorItem& item : errors) {
        if (!message.empty()) message += ",\n";
        message += item.validator == "notNull" ? "notNull Violation: " : "Validation error: ";
        message += item.message;
    }
    return message;
}

void runValidators(const std::string& model, const std::string& attribute, const Validate& rules,
                   const Value& value, std::vector<ValidationErrorItem>& errors) {
    // Sequelize's message for a built-in rule; the reason says more.
    auto fail = [&](const std::string& rule, const std::string& why) {
        errors.push_back(
            {attribute, rule, "Validation " + rule + " on " + attribute + " failed", value, why});
    };
    // Called for attributes that have rules (AttributeInfo::hasRules).
    // Nothing is formatted unless a rule needs the text or fails.
    const bool needsText =
        rules.notEmpty || rules.len || rules.isEmail || rules.isUrl || !rules.is.empty();
    const std::string text = needsText ? value.asString() : std::string();
    auto show = [&] { return shown(value); };

    if (rules.notEmpty && value.kind() == ValueKind::Text) {
        bool blank = true;
        for (char c : text)
            if (!(c == ' ' || (c >= '\t' && c <= '\r'))) blank = false;
        if (blank) fail("notEmpty", show() + " is empty");
    }
    if (rules.len) {
        const size_t n = utf8Length(text);
        const Length& b = *rules.len;
        const bool unbounded = b.max == static_cast<std::size_t>(-1);
        if (n < b.min || n > b.max) {
            std::string bounds =
                unbounded    ? "at least " + std::to_string(b.min)
                : b.min == 0 ? "at most " + std::to_string(b.max)
                             : "between " + std::to_string(b.min) + " and " + std::to_string(b.max);
            fail("len", show() + " has " + std::to_string(n) + " characters, expected " + bounds);
        }
    }
    if (rules.isEmail && !isEmail(text)) fail("isEmail", show() + " is not an email address");
    if (rules.isUrl && !isUrl(text)) fail("isUrl", show() + " is not an http, https or ftp URL");
    if (rules.isInt) {
        const auto s = numericText(value);
        if (value.kind() != ValueKind::Int && !(s && isIntegerText(*s)))
            fail("isInt", show() + " is not an integer");
    }
    if (rules.isFloat) {
        const auto s = numericText(value);
        const bool number = value.kind() == ValueKind::Int ||
                            (value.kind() == ValueKind::Double && !std::isnan(value.asDouble())) ||
                            (s && isNumberText(*s));
        if (!number) fail("isFloat", show() + " is not a number");
    }
    if (rules.min || rules.max) {
        const std::optional<double> n = numberOf(value);
        if (rules.min) {
            if (!n)
                fail("min", show() + " is not a number");
            else if (*n < *rules.min)
                fail("min", show() + " is less than " + shownNumber(*rules.min));
        }
        if (rules.max) {
            if (!n)
                fail("max", show() + " is not a number");
            else if (*n > *rules.max)
                fail("max", show() + " is greater than " + shownNumber(*rules.max));
        }
    }
    // Value equality only: the text "1" is not the number 1.
    auto contains = [&](const std::vector<Value>& list) {
        for (const Value& v : list)
            if (v == value) return true;
        return false;
    };
    if (!rules.isIn.empty() && !contains(rules.isIn))
        fail("isIn", show() + " is not one of " + shownList(rules.isIn));
    if (!rules.notIn.empty() && contains(rules.notIn))
        fail("notIn", show() + " is one of the forbidden values " + shownList(rules.notIn));
    if (!rules.is.empty()) {
        auto re = compiledPattern(model, attribute, rules.is);
        switch (matchesWhole(*re, text)) {
        case Matched::Yes: break;
        case Matched::No: fail("is", show() + " does not match /" + rules.is + "/"); break;
        case Matched::OverLimit:
            // Not known to match, so not let through; the text may be long,
            // so its length is shown rather than itself.
            fail("is", "the text (" + std::to_string(utf8Length(text)) +
                           " characters) could not be checked against /" + rules.is +
                           "/ within the regular expression engine's limits on backtracking");
            break;
        }
    }
    for (const auto& [name, check] : rules.custom) {
        if (!check)
            throw UsageError("the custom validator '" + name + "' of " + model + "." + attribute +
                             " has no function");
        try {
            check(value);
        } catch (const std::exception& e) {
            // A custom validator's message is the item's, verbatim.
            errors.push_back({attribute, name, e.what(), value, e.what()});
        }
    }
}

} // namespace tabula::detail
