// Transactions: begin on a leased connection, commit or roll back, nest as
// savepoints, run afterCommit callbacks once the outermost one commits.
#include "database_impl.hpp"
#include "transaction_impl.hpp"

#include <tabula/errors.hpp>

#include <atomic>

namespace tabula {

namespace {

tabula_isolation toC(Isolation level) {
    switch (level) {
    case Isolation::ReadUncommitted: return TABULA_ISO_READ_UNCOMMITTED;
    case Isolation::ReadCommitted: return TABULA_ISO_READ_COMMITTED;
    case Isolation::RepeatableRead: return TABULA_ISO_REPEATABLE_READ;
    case Isolation::Serializable: return TABULA_ISO_SERIALIZABLE;
    case Isolation::Default: break;
    }
    return TABULA_ISO_DEFAULT;
}

const char* isolationName(Isolation level) {
    switch (level) {
    case Isolation::ReadUncommitted: return " ISOLATION LEVEL READ UNCOMMITTED";
    case Isolation::ReadCommitted: return " ISOLATION LEVEL READ COMMITTED";
    case Isolation::RepeatableRead: return " ISOLATION LEVEL REPEATABLE READ";
    case Isolation::Serializable: return " ISOLATION LEVEL SERIALIZABLE";
    case Isolation::Default: break;
    }
    return "";
}

void requireOpen(const TransactionImpl& t, const char* verb) {
    if (t.done)
        throw UsageError(std::string("cannot ") + verb + " transaction " + t.name +
                         ": it has already been committed or rolled back");
}

// Runs one transaction verb on the transaction's connection, logged.
void verb(TransactionImpl& t, tabula_tx_op op, const std::string& text,
          tabula_isolation isolation = TABULA_ISO_DEFAULT) {
    t.db->log(text, {}, {}, t.name);
    t.connection->transaction(op, t.savepoint, isolation);
}

} // namespace

Transaction Database::transaction(TransactionOptions options) {
    static std::atomic<int> counter{0};
    auto t = std::make_shared<TransactionImpl>();
    t->db = impl_.get();
    t->name = "t" + std::to_string(++counter);
    t->mutex = std::make_shared<std::recursive_mutex>();
    t->lease.emplace(impl_->pool->acquire());
    t->connection = &**t->lease;
    verb(*t, TABULA_TX_BEGIN,
         std::string("START TRANSACTION") + isolationName(options.isolationLevel),
         toC(options.isolationLevel));
    return Transaction(std::move(t));
}

Transaction::~Transaction() {
    if (!impl_ || impl_->done) return;
    try {
        rollback();
    } catch (...) {
        // The connection is returned to the pool, which drops it if broken.
    }
}

bool Transaction::finished() const { return !impl_ || impl_->done; }

Transaction Transaction::transaction() {
    requireOpen(*impl_, "nest in");
    std::lock_guard lock(*impl_->mutex);
    auto t = std::make_shared<TransactionImpl>();
    TransactionImpl& root = impl_->root();
    t->db = impl_->db;
    t->parent = impl_;
    t->connection = impl_->connection;
    t->mutex = impl_->mutex;
    t->savepoint = "tabula_sp" + std::to_string(++root.savepoints);
    t->name = root.name + "." + t->savepoint;
    verb(*t, TABULA_TX_SAVEPOINT, "SAVEPOINT " + t->savepoint);
    return Transaction(std::move(t));
}

void Transaction::commit() {
    requireOpen(*impl_, "commit");
    TransactionImpl& t = *impl_;
    std::vector<std::function<void()>> callbacks;
    {
        std::lock_guard lock(*t.mutex);
        t.done = true;
        if (t.parent) {
            verb(t, TABULA_TX_RELEASE, "RELEASE SAVEPOINT " + t.savepoint);
            // Callbacks wait for the outermost commit.
            for (auto& c : t.afterCommit)
                t.parent->afterCommit.push_back(std::move(c));
            return;
        }
        try {
            verb(t, TABULA_TX_COMMIT, "COMMIT");
        } catch (...) {
            t.lease.reset();
            throw;
        }
        t.lease.reset();
        callbacks.swap(t.afterCommit);
    }
    for (auto& c : callbacks)
        c();
}

void Transaction::rollback() {
    requireOpen(*impl_, "roll back");
    TransactionImpl& t = *impl_;
    std::lock_guard lock(*t.mutex);
    t.done = true;
    t.afterCommit.clear();
    if (t.parent) {
        verb(t, TABULA_TX_ROLLBACK_TO, "ROLLBACK TO SAVEPOINT " + t.savepoint);
        return;
    }
    try {
        verb(t, TABULA_TX_ROLLBACK, "ROLLBACK");
    } catch (...) {
        t.lease.reset();
        throw;
    }
    t.lease.reset();
}

void Transaction::afterCommit(std::function<void()> callback) {
    requireOpen(*impl_, "add afterCommit to");
    std::lock_guard lock(*impl_->mutex);
    impl_->afterCommit.push_back(std::move(callback));
}

} // namespace tabula
