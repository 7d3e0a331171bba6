// Maps SQLite result codes and messages to the core's error kinds, in one
// place, so every failure path of the dialect reports the same way.
#pragma once

#include <tabula/sdk/dialect.hpp>

#include <string>

namespace tabula::sqlite {

// The error for an extended result code and SQLite's own message. Constraint
// errors also carry the columns (and index or CHECK name) that SQLite names.
sdk::Error translateError(int extendedCode, const std::string& message);

} // namespace tabula::sqlite
