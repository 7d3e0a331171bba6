// The per-attribute validators of Attribute::validate (isEmail, len, ...).
#pragma once

#include <tabula/errors.hpp>
#include <tabula/model.hpp>

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace tabula::detail {

// Characters in UTF-8 text: the bytes that do not continue a sequence.
inline std::size_t utf8Length(std::string_view s) {
    std::size_t n = 0;
    for (unsigned char c : s)
        if ((c & 0xC0) != 0x80) ++n;
    return n;
}

// True when `rules` holds at least one rule.
bool hasRules(const Validate& rules);

// Checks a non-null value against every rule in `rules`, appending one
// ValidationErrorItem per failed rule (path = attribute, validator = the
// rule's name, message naming model.attribute and the rule).
// ValidationError's message as Sequelize writes it: each item as
// "notNull Violation: <message>" or "Validation error: <message>", joined by
// ",\n".
std::string validationMessage(const std::vector<ValidationErrorItem>& errors);

void runValidators(const std::string& model, const std::string& attribute, const Validate& rules,
                   const Value& value, std::vector<ValidationErrorItem>& errors);

} // namespace tabula::detail
