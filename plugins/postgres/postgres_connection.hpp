// Opens a libpq connection as a Tabula dialect connection.
#pragma once

#include <tabula/sdk/dialect.hpp>

#include <memory>

namespace tabula::postgres {

// host, port, database, username, password, plus sslmode, application_name,
// connect_timeout, options and target_session_attrs when given. The session
// reads and writes UTF-8 and uses UTC, whatever the server's defaults.
std::unique_ptr<sdk::Connection> connect(const sdk::Settings& settings);

} // namespace tabula::postgres
