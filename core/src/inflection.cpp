// The one table of irregular and uncountable words lives here; rules are
// tried from the most specific to the most general.
#include "inflection.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <regex>
#include <utility>
#include <vector>

namespace tabula::detail {

namespace {

struct Irregular {
    const char* singular;
    const char* plural;
};

constexpr std::array irregulars{
    Irregular{"person", "people"},  Irregular{"man", "men"},     Irregular{"woman", "women"},
    Irregular{"child", "children"}, Irregular{"tooth", "teeth"}, Irregular{"foot", "feet"},
    Irregular{"mouse", "mice"},     Irregular{"goose", "geese"}, Irregular{"ox", "oxen"},
    Irregular{"move", "moves"},     Irregular{"sex", "sexes"},   Irregular{"cow", "kine"},
    Irregular{"zombie", "zombies"}};

constexpr std::array uncountables{"equipment", "information", "rice",   "money", "species",
                                  "series",    "fish",        "sheep",  "moose", "deer",
                                  "news",      "data",        "police", "jeans", "feedback"};

struct Rule {
    std::regex pattern;
    const char* replacement;
};

const std::vector<Rule>& pluralRules() {
    static const std::vector<Rule> rules = [] {
        const std::vector<std::pair<const char*, const char*>> text{
            {"(quiz)$", "$1zes"},
            {"(matr|vert|ind)(?:ix|ex)$", "$1ices"},
            {"(x|ch|ss|sh)$", "$1es"},
            {"([^aeiouy]|qu)y$", "$1ies"},
            {"(hive)$", "$1s"},
            {"(?:([^f])fe|([lr])f)$", "$1$2ves"},
            {"sis$", "ses"},
            {"([ti])um$", "$1a"},
            {"(buffal|tomat|potat)o$", "$1oes"},
            {"(bu)s$", "$1ses"},
            {"(alias|status)$", "$1es"},
            {"(octop|vir)us$", "$1i"},
            {"(ax|test)is$", "$1es"},
            {"s$", "s"},
            {"$", "s"}};
        std::vector<Rule> r;
        for (auto& [p, rep] : text)
            r.push_back({std::regex(p, std::regex::icase), rep});
        return r;
    }();
    return rules;
}

const std::vector<Rule>& singularRules() {
    static const std::vector<Rule> rules = [] {
        const std::vector<std::pair<const char*, const char*>> text{
            {"(quiz)zes$", "$1"},
            {"(matr)ices$", "$1ix"},
            {"(vert|ind)ices$", "$1ex"},
            {"(alias|status)es$", "$1"},
            {"(octop|vir)i$", "$1us"},
            {"(cris|ax|test)es$", "$1is"},
            {"(shoe)s$", "$1"},
            {"(o)es$", "$1"},
            {"(bus)es$", "$1"},
            {"(m|l)ice$", "$1ouse"},
            {"(x|ch|ss|sh)es$", "$1"},
            {"(m)ovies$", "$1ovie"},
            {"(s)eries$", "$1eries"},
            {"([^aeiouy]|qu)ies$", "$1y"},
            {"([lr])ves$", "$1f"},
            {"(tive)s$", "$1"},
            {"(hive)s$", "$1"},
            {"([^f])ves$", "$1fe"},
            {"(^analy)ses$", "$1sis"},
            {"((a)naly|(b)a|(d)iagno|(p)arenthe|(p)rogno|(s)ynop|(t)he)ses$", "$1sis"},
            {"([ti])a$", "$1um"},
            {"(n)ews$", "$1ews"},
            {"(ss)$", "$1"},
            {"(us)$", "$1"},
            {"s$", ""}};
        std::vector<Rule> r;
        for (auto& [p, rep] : text)
            r.push_back({std::regex(p, std::regex::icase), rep});
        return r;
    }();
    return rules;
}

std::string lower(std::string s) {
    std::transform(s.begin(), s.end(), s.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return s;
}

// The last word of a camelCase or snake_case name: "userProfile" → "Profile".
size_t lastWordStart(const std::string& word) {
    for (size_t i = word.size(); i-- > 1;) {
        if (std::isupper(static_cast<unsigned char>(word[i])) || word[i - 1] == '_' ||
            word[i - 1] == '-' || word[i - 1] == ' ')
            return i;
    }
    return 0;
}

// Keeps the case of the original's first letter.
std::string matchCase(const std::string& original, std::string replacement) {
    if (!original.empty() && !replacement.empty() &&
        std::isupper(static_cast<unsigned char>(original[0])))
        replacement[0] =
            static_cast<char>(std::toupper(static_cast<unsigned char>(replacement[0])));
    return replacement;
}

std::string inflect(const std::string& word, bool plural) {
    if (word.empty()) return word;
    size_t start = lastWordStart(word);
    std::string head = word.substr(0, start), tail = word.substr(start);
    std::string key = lower(tail);
    for (const char* u : uncountables)
        if (key == u) return word;
    for (const auto& irr : irregulars) {
        if (key == (plural ? irr.singular : irr.plural))
            return head + matchCase(tail, plural ? irr.plural : irr.singular);
        if (key == (plural ? irr.plural : irr.singular)) return word;
    }
    for (const auto& rule : plural ? pluralRules() : singularRules()) {
        if (std::regex_search(tail, rule.pattern))
            return head + std::regex_replace(tail, rule.pattern, rule.replacement,
                                             std::regex_constants::format_first_only);
    }
    return word;
}

} // namespace

std::string pluralize(const std::string& word) { return inflect(word, true); }
std::string singularize(const std::string& word) { return inflect(word, false); }

std::string underscore(const std::string& name) {
    std::string out;
    for (size_t i = 0; i < name.size(); ++i) {
        unsigned char c = static_cast<unsigned char>(name[i]);
        if (std::isupper(c)) {
            bool prevLower = i > 0 && (std::islower(static_cast<unsigned char>(name[i - 1])) ||
                                       std::isdigit(static_cast<unsigned char>(name[i - 1])));
            bool nextLower =
                i + 1 < name.size() && std::islower(static_cast<unsigned char>(name[i + 1]));
            bool prevUpper = i > 0 && std::isupper(static_cast<unsigned char>(name[i - 1]));
            if (i > 0 && name[i - 1] != '_' && (prevLower || (prevUpper && nextLower))) out += '_';
            out += static_cast<char>(std::tolower(c));
        } else {
            out += static_cast<char>(c);
        }
    }
    return out;
}

} // namespace tabula::detail
