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

void requireOpen(const TransactionImpl& t, const char* verb) { t.checkOpen(verb); }

// Runs one transaction verb on the transaction's connection, logged.
void verb(TransactionImpl& t, tabula_tx_op op, const std::string& text,
          tabula_isolation isolation = TABULA_ISO_DEFAULT) {
    t.db->log(text, {}, {}, t.name);
    t.connection->transaction(op, t.savepoint, isolation);
}

// A savepoint verb failed: whether the server still has the savepoint, or
// still has its changes, is unknown. The transaction may only roll back now,
// and its connection is never reused.
void breakRoot(TransactionImpl& t, const std::string& what) {
    TransactionImpl& root = t.root();
    if (root.broken.empty()) root.broken = what;
    t.connection->poison();
}

} // namespace

void TransactionImpl::checkOpen(const char* verb) const {
    if (parent ? parent->root().orphaned : orphaned)
        throw UsageError(std::string("cannot ") + verb + " transaction " + name +
                         ": its Database was destroyed first, which rolled it back");
    if (done)
        throw UsageError(std::string("cannot ") + verb + " transaction " + name +
                         ": it has already been committed or rolled back");
}

void TransactionImpl::release(bool poison) {
    if (!lease) return;
    if (poison) connection->poison();
    lease.reset();
    db->forgetTransaction(this);
}

TransactionImpl::~TransactionImpl() {
    // Reached with the lease still held only when no Transaction object ever
    // owned it (BEGIN failed): its state is unknown.
    if (lease) release(true);
}

Transaction Database::transaction(TransactionOptions options) {
    static std::atomic<int> counter{0};
    auto t = std::make_shared<TransactionImpl>();
    t->db = impl_.get();
    t->name = "t" + std::to_string(++counter);
    t->mutex = std::make_shared<std::recursive_mutex>();
    t->lease.emplace(impl_->pool->acquire());
    t->connection = &**t->lease;
    impl_->rememberTransaction(t.get());
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
        // rollback() discarded the connection: the server rolls back.
    }
}

bool Transaction::finished() const { return !impl_ || impl_->done || impl_->root().orphaned; }

Transaction Transaction::transaction() {
    requireOpen(*impl_, "nest in");
    std::lock_guard lock(*impl_->mutex);
    auto t = std::make_shared<TransactionImpl>();
    TransactionImpl& root = impl_->root();
    if (!root.broken.empty())
        throw TransactionError("cannot nest in transaction " + impl_->name + ": " + root.broken +
                               "; it can only roll back");
    t->db = impl_->db;
    t->parent = impl_;
    t->connection = impl_->connection;
    t->mutex = impl_->mutex;
    t->savepoint = "tabula_sp" + std::to_string(++root.savepoints);
    t->name = root.name + "." + t->savepoint;
    try {
        verb(*t, TABULA_TX_SAVEPOINT, "SAVEPOINT " + t->savepoint);
    } catch (...) {
        breakRoot(*t, "savepoint " + t->savepoint + " could not be created");
        throw;
    }
    return Transaction(std::move(t));
}

void Transaction::commit() {
    requireOpen(*impl_, "commit");
    TransactionImpl& t = *impl_;
    std::vector<std::function<void()>> callbacks;
    {
        std::lock_guard lock(*t.mutex);
        t.done = true;
        TransactionImpl& root = t.root();
        if (!root.broken.empty()) {
            if (!t.parent) t.release(true);
            throw TransactionError(
                "cannot commit transaction " + t.name + ": " + root.broken +
                (t.parent ? "; it can only roll back" : "; it was rolled back instead"));
        }
        if (t.parent) {
            try {
                verb(t, TABULA_TX_RELEASE, "RELEASE SAVEPOINT " + t.savepoint);
            } catch (...) {
                breakRoot(t, "savepoint " + t.savepoint + " could not be released");
                throw;
            }
            // Callbacks wait for the outermost commit.
            for (auto& c : t.afterCommit)
                t.parent->afterCommit.push_back(std::move(c));
            return;
        }
        try {
            verb(t, TABULA_TX_COMMIT, "COMMIT");
        } catch (...) {
            // Committed or not, the connection's state is unknown.
            t.release(true);
            throw;
        }
        t.release(false);
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
        try {
            verb(t, TABULA_TX_ROLLBACK_TO, "ROLLBACK TO SAVEPOINT " + t.savepoint);
        } catch (...) {
            breakRoot(t, "savepoint " + t.savepoint + " could not be rolled back");
            throw;
        }
        return;
    }
    try {
        verb(t, TABULA_TX_ROLLBACK, "ROLLBACK");
    } catch (...) {
        // Closing the connection is what rolls back now.
        t.release(true);
        throw;
    }
    t.release(!t.broken.empty());
}

void Transaction::rollbackAfter(const std::exception_ptr& original) noexcept {
    try {
        rollback();
    } catch (...) {
        const std::exception_ptr failure = std::current_exception();
        try {
            std::rethrow_exception(original);
        } catch (Error& e) {
            // The same object the caller's `throw;` rethrows.
            e.setRollbackFailure(failure);
        } catch (...) {
        }
    }
}

void Transaction::afterCommit(std::function<void()> callback) {
    if (!callback) throw UsageError("afterCommit needs a function to call; it was given none");
    requireOpen(*impl_, "add afterCommit to");
    std::lock_guard lock(*impl_->mutex);
    impl_->afterCommit.push_back(std::move(callback));
}

} // namespace tabula
