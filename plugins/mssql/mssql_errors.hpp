// SQL Server message numbers and DB-Library error codes to the core's error
// kinds: the one place this dialect maps native codes.
#pragma once

#include <tabula/sdk/dialect.hpp>

#include <string>
#include <string_view>
#include <vector>

namespace tabula::mssql {

// One ERROR token the server sent (severity above 10).
struct ServerMessage {
    int number = 0;
    int severity = 0;
    std::string text;
};

// What DB-Library reported while one call ran. DB-Library's handlers are
// process-wide, so each connection keeps its own copy and the handlers find
// it through the DBPROCESS's user data.
struct Diagnostics {
    std::vector<ServerMessage> errors;
    int libraryError = 0; // DB-Library's SYBE* code of the first failure
    int osError = 0;      // errno behind it, when there is one
    std::string libraryText;
    bool timedOut = false;

    void clear() {
        errors.clear();
        libraryError = 0;
        osError = 0;
        libraryText.clear();
        timedOut = false;
    }
    // The server error worth reporting: the first that is not the trailing
    // "The statement has been terminated." (3621).
    const ServerMessage* serverError() const;
};

// The error for one server message number.
sdk::Error mapServerError(int number, std::string_view message);

// The error for a failed login, given what the handlers collected.
sdk::Error connectError(const Diagnostics& d, const std::string& where);

// The error for a failed call on an open connection; `dead` when DB-Library
// considers the connection unusable.
sdk::Error runError(const Diagnostics& d, bool dead, const std::string& where);

} // namespace tabula::mssql
