// Turns MariaDB/MySQL client and server error codes into the core's error kinds:
// the one place this dialect maps native codes.
#pragma once

#include <tabula/sdk/dialect.hpp>

#include <mysql.h>

#include <string>
#include <string_view>

namespace tabula::mysql {

// Where an error happened: while connecting only the connection kinds apply.
enum class Phase { Connect, Run };

// The error for one native code. `sql` (may be empty) helps to name the column
// of a unique key called <table>_<column>_unique.
sdk::Error mapError(unsigned int code, std::string_view sqlstate, std::string_view message,
                    Phase phase, std::string_view sql = {});

// The last error on a connection or a statement.
sdk::Error connectionError(MYSQL* db, Phase phase, std::string_view sql = {});
sdk::Error statementError(MYSQL_STMT* stmt, std::string_view sql);

} // namespace tabula::mysql
