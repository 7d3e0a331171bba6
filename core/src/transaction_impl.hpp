// A transaction holds one pooled connection from begin to commit or
// rollback; every statement given the transaction runs on that connection.
// A nested transaction is a savepoint on its parent's connection.
#pragma once

#include "pool.hpp"

#include <tabula/transaction.hpp>

#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace tabula {

struct DatabaseImpl;

struct TransactionImpl {
    DatabaseImpl* db = nullptr;
    std::shared_ptr<TransactionImpl> parent;  // set for a savepoint
    std::optional<detail::Pool::Lease> lease; // the root's connection
    detail::Connection* connection = nullptr;
    std::string name;      // for log lines: "t3", "t3.sp1"
    std::string savepoint; // nested only
    bool done = false;
    int savepoints = 0; // the root counts its savepoints for their names
    std::vector<std::function<void()>> afterCommit;
    // Statements of one transaction from several threads run one at a time.
    std::shared_ptr<std::recursive_mutex> mutex;

    TransactionImpl& root() { return parent ? parent->root() : *this; }
};

} // namespace tabula
