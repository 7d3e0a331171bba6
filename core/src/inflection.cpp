// Plural and singular forms of model names, rule for rule as the npm package
// `inflection` 1.13.4 gives them (Sequelize 6 names tables and associations
// with it). The rules apply to the whole name: "userCategory" → "userCategories"
// through the "y$" rule, but "farm_sheep" → "farm_sheeps", since only a whole
// name can be uncountable. The first rule whose pattern matches decides; a
// rule without a replacement leaves the word as it is (it is already in the
// wanted form). Patterns are case-insensitive and replace every match.
#include "inflection.hpp"

#include <algorithm>
#include <cctype>
#include <iterator>
#include <optional>
#include <regex>
#include <string_view>
#include <vector>

namespace tabula::detail {

namespace {

// Words whose plural is the word itself, in lower case.
constexpr std::string_view uncountables[]{"accommodation",
                                          "adulthood",
                                          "advertising",
                                          "advice",
                                          "aggression",
                                          "aid",
                                          "air",
                                          "aircraft",
                                          "alcohol",
                                          "anger",
                                          "applause",
                                          "arithmetic",
                                          "assistance",
                                          "athletics",
                                          "bacon",
                                          "baggage",
                                          "beef",
                                          "biology",
                                          "blood",
                                          "botany",
                                          "bread",
                                          "butter",
                                          "carbon",
                                          "cardboard",
                                          "cash",
                                          "chalk",
                                          "chaos",
                                          "chess",
                                          "crossroads",
                                          "countryside",
                                          "dancing",
                                          "deer",
                                          "dignity",
                                          "dirt",
                                          "dust",
                                          "economics",
                                          "education",
                                          "electricity",
                                          "engineering",
                                          "enjoyment",
                                          "envy",
                                          "equipment",
                                          "ethics",
                                          "evidence",
                                          "evolution",
                                          "fame",
                                          "fiction",
                                          "flour",
                                          "flu",
                                          "food",
                                          "fuel",
                                          "fun",
                                          "furniture",
                                          "gallows",
                                          "garbage",
                                          "garlic",
                                          "genetics",
                                          "gold",
                                          "golf",
                                          "gossip",
                                          "gratitude",
                                          "grief",
                                          "guilt",
                                          "gymnastics",
                                          "happiness",
                                          "hardware",
                                          "harm",
                                          "hate",
                                          "hatred",
                                          "health",
                                          "heat",
                                          "help",
                                          "homework",
                                          "honesty",
                                          "honey",
                                          "hospitality",
                                          "housework",
                                          "humour",
                                          "hunger",
                                          "hydrogen",
                                          "ice",
                                          "importance",
                                          "inflation",
                                          "information",
                                          "innocence",
                                          "iron",
                                          "irony",
                                          "jam",
                                          "jewelry",
                                          "judo",
                                          "karate",
                                          "knowledge",
                                          "lack",
                                          "laughter",
                                          "lava",
                                          "leather",
                                          "leisure",
                                          "lightning",
                                          "linguine",
                                          "linguini",
                                          "linguistics",
                                          "literature",
                                          "litter",
                                          "livestock",
                                          "logic",
                                          "loneliness",
                                          "luck",
                                          "luggage",
                                          "macaroni",
                                          "machinery",
                                          "magic",
                                          "management",
                                          "mankind",
                                          "marble",
                                          "mathematics",
                                          "mayonnaise",
                                          "measles",
                                          "methane",
                                          "milk",
                                          "minus",
                                          "money",
                                          "mud",
                                          "music",
                                          "mumps",
                                          "nature",
                                          "news",
                                          "nitrogen",
                                          "nonsense",
                                          "nurture",
                                          "nutrition",
                                          "obedience",
                                          "obesity",
                                          "oxygen",
                                          "pasta",
                                          "patience",
                                          "physics",
                                          "poetry",
                                          "pollution",
                                          "poverty",
                                          "pride",
                                          "psychology",
                                          "publicity",
                                          "punctuation",
                                          "quartz",
                                          "racism",
                                          "relaxation",
                                          "reliability",
                                          "research",
                                          "respect",
                                          "revenge",
                                          "rice",
                                          "rubbish",
                                          "rum",
                                          "safety",
                                          "scenery",
                                          "seafood",
                                          "seaside",
                                          "series",
                                          "shame",
                                          "sheep",
                                          "shopping",
                                          "sleep",
                                          "smoke",
                                          "smoking",
                                          "snow",
                                          "soap",
                                          "software",
                                          "soil",
                                          "spaghetti",
                                          "species",
                                          "steam",
                                          "stuff",
                                          "stupidity",
                                          "sunshine",
                                          "symmetry",
                                          "tennis",
                                          "thirst",
                                          "thunder",
                                          "timber",
                                          "traffic",
                                          "transportation",
                                          "trust",
                                          "underwear",
                                          "unemployment",
                                          "unity",
                                          "validity",
                                          "veal",
                                          "vegetation",
                                          "vegetarianism",
                                          "vengeance",
                                          "violence",
                                          "vitality",
                                          "warmth",
                                          "wealth",
                                          "weather",
                                          "welfare",
                                          "wheat",
                                          "wildlife",
                                          "wisdom",
                                          "yoga",
                                          "zinc",
                                          "zoology"};

// The patterns, named after the form they recognise.
struct Patterns {
    // Plural forms.
    std::regex men{"^(m|wom)en$", std::regex::icase};
    std::regex people{"(pe)ople$", std::regex::icase};
    std::regex children{"(child)ren$", std::regex::icase};
    std::regex tia{"([ti])a$", std::regex::icase};
    std::regex analyses{"((a)naly|(b)a|(d)iagno|(p)arenthe|(p)rogno|(s)ynop|(t)he)ses$",
                        std::regex::icase};
    std::regex databases{"(database)s$", std::regex::icase};
    std::regex drives{"(drive)s$", std::regex::icase};
    std::regex hives{"(hi|ti)ves$", std::regex::icase};
    std::regex curves{"(curve)s$", std::regex::icase};
    std::regex lrves{"([lr])ves$", std::regex::icase};
    std::regex aves{"([a])ves$", std::regex::icase};
    std::regex foves{"([^fo])ves$", std::regex::icase};
    std::regex movies{"(m)ovies$", std::regex::icase};
    std::regex aeiouyies{"([^aeiouy]|qu)ies$", std::regex::icase};
    std::regex series{"(s)eries$", std::regex::icase};
    std::regex xes{"(x|ch|ss|sh)es$", std::regex::icase};
    std::regex mice{"([m|l])ice$", std::regex::icase};
    std::regex buses{"(bus)es$", std::regex::icase};
    std::regex oes{"(o)es$", std::regex::icase};
    std::regex shoes{"(shoe)s$", std::regex::icase};
    std::regex crises{"(cris|ax|test)es$", std::regex::icase};
    std::regex octopuses{"(octop|vir)uses$", std::regex::icase};
    std::regex aliases{"(alias|canvas|status|campus)es$", std::regex::icase};
    std::regex summonses{"^(summons|bonus)es$", std::regex::icase};
    std::regex oxen{"^(ox)en", std::regex::icase};
    std::regex matrices{"(matr)ices$", std::regex::icase};
    std::regex vertices{"(vert|ind)ices$", std::regex::icase};
    std::regex feet{"^feet$", std::regex::icase};
    std::regex teeth{"^teeth$", std::regex::icase};
    std::regex geese{"^geese$", std::regex::icase};
    std::regex quizzes{"(quiz)zes$", std::regex::icase};
    std::regex whereases{"^(whereas)es$", std::regex::icase};
    std::regex criteria{"^(criteri)a$", std::regex::icase};
    std::regex genera{"^genera$", std::regex::icase};
    std::regex ss{"ss$", std::regex::icase};
    std::regex plural_s{"s$", std::regex::icase};

    // Singular forms.
    std::regex man{"^(m|wom)an$", std::regex::icase};
    std::regex person{"(pe)rson$", std::regex::icase};
    std::regex child{"(child)$", std::regex::icase};
    std::regex drive{"(drive)$", std::regex::icase};
    std::regex ox{"^(ox)$", std::regex::icase};
    std::regex axis{"(ax|test)is$", std::regex::icase};
    std::regex octopus{"(octop|vir)us$", std::regex::icase};
    std::regex alias{"(alias|status|canvas|campus)$", std::regex::icase};
    std::regex summons{"^(summons|bonus)$", std::regex::icase};
    std::regex bus{"(bu)s$", std::regex::icase};
    std::regex buffalo{"(buffal|tomat|potat)o$", std::regex::icase};
    std::regex tium{"([ti])um$", std::regex::icase};
    std::regex sis{"sis$", std::regex::icase};
    std::regex ffe{"(?:([^f])fe|([lr])f)$", std::regex::icase};
    std::regex hive{"(hi|ti)ve$", std::regex::icase};
    std::regex aeiouyy{"([^aeiouy]|qu)y$", std::regex::icase};
    std::regex x{"(x|ch|ss|sh)$", std::regex::icase};
    std::regex matrix{"(matr)ix$", std::regex::icase};
    std::regex vertex{"(vert|ind)ex$", std::regex::icase};
    std::regex mouse{"([m|l])ouse$", std::regex::icase};
    std::regex foot{"^foot$", std::regex::icase};
    std::regex tooth{"^tooth$", std::regex::icase};
    std::regex goose{"^goose$", std::regex::icase};
    std::regex quiz{"(quiz)$", std::regex::icase};
    std::regex whereas{"^(whereas)$", std::regex::icase};
    std::regex criterion{"^(criteri)on$", std::regex::icase};
    std::regex genus{"^genus$", std::regex::icase};
    std::regex singular_s{"s$", std::regex::icase};
    std::regex common{"$", std::regex::icase};
};

const Patterns& patterns() {
    static const Patterns p;
    return p;
}

struct Rule {
    const std::regex* pattern;
    // Absent: the word already has the wanted form and stays as it is.
    std::optional<std::string> replacement;
};

const std::vector<Rule>& pluralRules() {
    static const std::vector<Rule> rules = [] {
        const Patterns& p = patterns();
        return std::vector<Rule>{// Already plural.
                                 {&p.men, {}},
                                 {&p.people, {}},
                                 {&p.children, {}},
                                 {&p.tia, {}},
                                 {&p.analyses, {}},
                                 {&p.databases, {}},
                                 {&p.drives, {}},
                                 {&p.hives, {}},
                                 {&p.curves, {}},
                                 {&p.lrves, {}},
                                 {&p.foves, {}},
                                 {&p.aeiouyies, {}},
                                 {&p.series, {}},
                                 {&p.movies, {}},
                                 {&p.xes, {}},
                                 {&p.mice, {}},
                                 {&p.buses, {}},
                                 {&p.oes, {}},
                                 {&p.shoes, {}},
                                 {&p.crises, {}},
                                 {&p.octopuses, {}},
                                 {&p.aliases, {}},
                                 {&p.summonses, {}},
                                 {&p.oxen, {}},
                                 {&p.matrices, {}},
                                 {&p.feet, {}},
                                 {&p.teeth, {}},
                                 {&p.geese, {}},
                                 {&p.quizzes, {}},
                                 {&p.whereases, {}},
                                 {&p.criteria, {}},
                                 {&p.genera, {}},
                                 // Singular to plural.
                                 {&p.man, "$1en"},
                                 {&p.person, "$1ople"},
                                 {&p.child, "$1ren"},
                                 {&p.drive, "$1s"},
                                 {&p.ox, "$1en"},
                                 {&p.axis, "$1es"},
                                 {&p.octopus, "$1uses"},
                                 {&p.alias, "$1es"},
                                 {&p.summons, "$1es"},
                                 {&p.bus, "$1ses"},
                                 {&p.buffalo, "$1oes"},
                                 {&p.tium, "$1a"},
                                 {&p.sis, "ses"},
                                 {&p.ffe, "$1$2ves"},
                                 {&p.hive, "$1ves"},
                                 {&p.aeiouyy, "$1ies"},
                                 {&p.matrix, "$1ices"},
                                 {&p.vertex, "$1ices"},
                                 {&p.x, "$1es"},
                                 {&p.mouse, "$1ice"},
                                 {&p.foot, "feet"},
                                 {&p.tooth, "teeth"},
                                 {&p.goose, "geese"},
                                 {&p.quiz, "$1zes"},
                                 {&p.whereas, "$1es"},
                                 {&p.criterion, "$1a"},
                                 {&p.genus, "genera"},
                                 {&p.singular_s, "s"},
                                 {&p.common, "s"}};
    }();
    return rules;
}

const std::vector<Rule>& singularRules() {
    static const std::vector<Rule> rules = [] {
        const Patterns& p = patterns();
        return std::vector<Rule>{// Already singular.
                                 {&p.man, {}},
                                 {&p.person, {}},
                                 {&p.child, {}},
                                 {&p.drive, {}},
                                 {&p.ox, {}},
                                 {&p.axis, {}},
                                 {&p.octopus, {}},
                                 {&p.alias, {}},
                                 {&p.summons, {}},
                                 {&p.bus, {}},
                                 {&p.buffalo, {}},
                                 {&p.tium, {}},
                                 {&p.sis, {}},
                                 {&p.ffe, {}},
                                 {&p.hive, {}},
                                 {&p.aeiouyy, {}},
                                 {&p.x, {}},
                                 {&p.matrix, {}},
                                 {&p.mouse, {}},
                                 {&p.foot, {}},
                                 {&p.tooth, {}},
                                 {&p.goose, {}},
                                 {&p.quiz, {}},
                                 {&p.whereas, {}},
                                 {&p.criterion, {}},
                                 {&p.genus, {}},
                                 // Plural to singular.
                                 {&p.men, "$1an"},
                                 {&p.people, "$1rson"},
                                 {&p.children, "$1"},
                                 {&p.databases, "$1"},
                                 {&p.drives, "$1"},
                                 {&p.genera, "genus"},
                                 {&p.criteria, "$1on"},
                                 {&p.tia, "$1um"},
                                 {&p.analyses, "$1$2sis"},
                                 {&p.hives, "$1ve"},
                                 {&p.curves, "$1"},
                                 {&p.lrves, "$1f"},
                                 {&p.aves, "$1ve"},
                                 {&p.foves, "$1fe"},
                                 {&p.movies, "$1ovie"},
                                 {&p.aeiouyies, "$1y"},
                                 {&p.series, "$1eries"},
                                 {&p.xes, "$1"},
                                 {&p.mice, "$1ouse"},
                                 {&p.buses, "$1"},
                                 {&p.oes, "$1"},
                                 {&p.shoes, "$1"},
                                 {&p.crises, "$1is"},
                                 {&p.octopuses, "$1us"},
                                 {&p.aliases, "$1"},
                                 {&p.summonses, "$1"},
                                 {&p.oxen, "$1"},
                                 {&p.matrices, "$1ix"},
                                 {&p.vertices, "$1ex"},
                                 {&p.feet, "foot"},
                                 {&p.teeth, "tooth"},
                                 {&p.geese, "goose"},
                                 {&p.quizzes, "$1"},
                                 {&p.whereases, "$1"},
                                 {&p.ss, "ss"},
                                 {&p.plural_s, ""}};
    }();
    return rules;
}

std::string lower(std::string s) {
    std::transform(s.begin(), s.end(), s.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return s;
}

std::string inflect(const std::string& word, const std::vector<Rule>& rules) {
    const std::string key = lower(word);
    if (std::find(std::begin(uncountables), std::end(uncountables), key) != std::end(uncountables))
        return word;
    for (const Rule& rule : rules) {
        if (!std::regex_search(word, *rule.pattern)) continue;
        if (!rule.replacement) return word;
        return std::regex_replace(word, *rule.pattern, *rule.replacement);
    }
    return word;
}

} // namespace

std::string pluralize(const std::string& word) { return inflect(word, pluralRules()); }
std::string singularize(const std::string& word) { return inflect(word, singularRules()); }

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
