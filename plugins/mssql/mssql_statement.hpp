// A statement on a DB-Library connection: plain batches without parameters,
// sp_executesql remote procedure calls with them.
#pragma once

#include "mssql_values.hpp"

#include <tabula/sdk/dialect.hpp>

#include <string>
#include <string_view>
#include <vector>

namespace tabula::mssql {

class Connection;

class Statement final : public sdk::Statement {
public:
    Statement(Connection& connection, std::string_view sql);
    ~Statement() override;

    void bind(int index, const tabula_value& value) override;
    bool step() override;
    int columnCount() override { return static_cast<int>(names_.size()); }
    const char* columnName(int column) override;
    tabula_value column(int column) override;
    int64_t changes() override { return changes_; }
    void reset() override;

    // The connection takes the result stream away for another request.
    void abandon() { state_ = State::Done; }

private:
    enum class State { Ready, Rows, Done };

    void send();
    bool nextResultWithColumns();
    void drain();
    void noteCount();
    std::string declarations() const;

    Connection& connection_;
    std::string sql_;
    std::vector<Param> params_;
    State state_ = State::Ready;
    std::vector<std::string> names_;
    std::vector<Cell> cells_;
    int64_t changes_ = 0;
};

} // namespace tabula::mssql
