// English inflection for table names (user → users, person → people) and
// underscored column names (firstName → first_name), as Sequelize does.
#pragma once

#include <string>

namespace tabula::detail {

std::string pluralize(const std::string& word);
std::string singularize(const std::string& word);
// camelCase → snake_case: "firstName" → "first_name", "createdAt" → "created_at".
std::string underscore(const std::string& name);

} // namespace tabula::detail
