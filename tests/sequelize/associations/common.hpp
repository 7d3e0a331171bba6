// What the association and include ports share: a quoted identifier and a
// column read for the few raw statements that look at columns directly.
#pragma once

#include "support.hpp"

#include <memory>
#include <string>
#include <vector>

namespace assoc {

// The dialect's quoting of an identifier.
inline std::string q(const std::string& name) { return sequelize::quoted(name); }

// The value of a column of the first row of a table, read by the column's
// name from SELECT * (SQLite would read an unknown quoted name as a string).
inline tabula::Value columnOf(tabula::Database& db, const std::string& table,
                              const std::string& column) {
    auto rows = db.query("SELECT * FROM " + q(table)).rows;
    if (rows.empty() || !rows[0].has(column)) return {};
    return rows[0][column];
}

} // namespace assoc
