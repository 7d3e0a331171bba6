// The per-attribute validators of Attribute::validate (isEmail, len, ...).
#pragma once

#include <tabula/errors.hpp>
#include <tabula/model.hpp>

#include <string>
#include <vector>

namespace tabula::detail {

// True when `rules` holds at least one rule.
bool hasRules(const Validate& rules);

// Checks a non-null value against every rule in `rules`, appending one
// ValidationErrorItem per failed rule (path = attribute, validator = the
// rule's name, message naming model.attribute and the rule).
void runValidators(const std::string& model, const std::string& attribute, const Validate& rules,
                   const Value& value, std::vector<ValidationErrorItem>& errors);

} // namespace tabula::detail
