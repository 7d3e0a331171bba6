// One client connection to a MariaDB or MySQL server, opened with the session
// settings the dialect relies on (UTC time zone, strict mode).
#pragma once

#include "mysql_statement.hpp"

#include <tabula/sdk/dialect.hpp>

#include <mysql.h>

#include <memory>
#include <string>
#include <string_view>

namespace tabula::mysql {

class Connection final : public sdk::Connection {
public:
    static std::unique_ptr<sdk::Connection> open(const sdk::Settings& settings);

    Connection(MYSQL* db, std::string where)
        : db_(db), where_(std::move(where)), session_(std::make_shared<Session>()) {}
    ~Connection() override { mysql_close(db_); }
    Connection(const Connection&) = delete;
    Connection& operator=(const Connection&) = delete;

    void ping() override;
    void exec(const std::string& sql) override;
    std::unique_ptr<sdk::Statement> prepare(std::string_view sql) override;
    void transaction(tabula_tx_op op, const char* name, tabula_isolation isolation) override;
    // MariaDB 10.5 and later return inserted rows with INSERT ... RETURNING.
    uint32_t serverSupports() override;
    // A statement running longer than this is cancelled (TABULA_ERR_TIMEOUT).
    void setTimeout(int64_t milliseconds) override;

private:
    MYSQL* db_;
    std::string where_; // host:port, for messages
    std::shared_ptr<Session> session_;
};

} // namespace tabula::mysql
