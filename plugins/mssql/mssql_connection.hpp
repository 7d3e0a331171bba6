// One DB-Library connection to SQL Server through FreeTDS, with its own
// message and error state.
#pragma once

#include "mssql_errors.hpp"

#include <tabula/sdk/dialect.hpp>

#include <sybdb.h>

#include <memory>
#include <string>
#include <string_view>

namespace tabula::mssql {

class Statement;

class Connection final : public sdk::Connection {
public:
    static std::unique_ptr<sdk::Connection> open(const sdk::Settings& settings);

    Connection(DBPROCESS* db, std::unique_ptr<Diagnostics> diagnostics, std::string where);
    ~Connection() override;
    Connection(const Connection&) = delete;
    Connection& operator=(const Connection&) = delete;

    void ping() override;
    void exec(const std::string& sql) override;
    std::unique_ptr<sdk::Statement> prepare(std::string_view sql) override;
    void transaction(tabula_tx_op op, const char* name, tabula_isolation isolation) override;
    // DB-Library's DBSETTIME, in whole seconds (rounded up); 0 goes back to
    // requestTimeout, or no limit.
    void setTimeout(int64_t milliseconds) override;

    // For statements: DB-Library has one result stream per connection, so the
    // statement that sends a request owns it until its results are read.
    DBPROCESS* handle() const { return db_; }
    Diagnostics& diagnostics() { return *diagnostics_; }
    void claim(Statement* statement);
    void release(Statement* statement);
    // The error for the call that just failed; pending results are discarded
    // so that the connection can take the next request.
    sdk::Error failure();
    // Throws the server error the last call left behind, if any.
    void throwIfServerError();

private:
    DBPROCESS* db_;
    std::unique_ptr<Diagnostics> diagnostics_;
    std::string where_; // host:port, for messages
    Statement* active_ = nullptr;
    int requestSeconds_ = 0; // requestTimeout, 0: none
};

} // namespace tabula::mssql
