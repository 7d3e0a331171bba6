// Every PostgreSQL failure becomes a Tabula error kind here: SQLSTATEs from
// the server, libpq's messages for failed connection attempts.
#pragma once

#include <tabula/sdk/dialect.hpp>

#include <libpq-fe.h>

#include <string>

namespace tabula::postgres {

// The error a failed PGresult describes (result may be null when libpq
// could not even build one; the connection's message is used then).
sdk::Error resultError(PGconn* conn, const PGresult* result);

// The error for a connection attempt that failed with libpq's message.
sdk::Error connectError(const std::string& message, const std::string& endpoint);

} // namespace tabula::postgres
