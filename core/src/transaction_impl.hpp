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
    TransactionImpl() = default;
    TransactionImpl(const TransactionImpl&) = delete;
    TransactionImpl& operator=(const TransactionImpl&) = delete;
    ~TransactionImpl();

    DatabaseImpl* db = nullptr;
    std::shared_ptr<TransactionImpl> parent;  // set for a savepoint
    std::optional<detail::Pool::Lease> lease; // the root's connection
    detail::Connection* connection = nullptr;
    std::string name;      // for log lines: "t3", "t3.sp1"
    std::string savepoint; // nested only
    bool done = false;
    // Root only. Why the transaction can no longer commit (a savepoint verb
    // failed, leaving the server's state unknown); empty while it can.
    std::string broken;
    // Root only. Set when its Database was destroyed first: the connection
    // was closed (the server rolled back) and every later use is an error.
    bool orphaned = false;
    int savepoints = 0; // the root counts its savepoints for their names
    std::vector<std::function<void()>> afterCommit;
    // Statements of one transaction from several threads run one at a time.
    std::shared_ptr<std::recursive_mutex> mutex;

    TransactionImpl& root() { return parent ? parent->root() : *this; }
    const TransactionImpl& root() const { return parent ? parent->root() : *this; }

    // Throws UsageError, naming `verb`, when the transaction has ended or its
    // Database is gone.
    void checkOpen(const char* verb) const;

    // Root only: gives the connection back. A poisoned one (its transaction
    // state unknown) is closed by the pool, which makes the server roll back
    // whatever it still held, instead of being handed to the next caller.
    void release(bool poison);
};

} // namespace tabula
