// Transactions: managed (commit when the function returns, roll back when it
// throws) and unmanaged (commit or roll back yourself; a transaction dropped
// unfinished rolls back). Nested transactions are savepoints.
//
// A transaction belongs to its Database and should end before it. If the
// Database is destroyed first, it rolls the transaction back (by closing its
// connection); any later use of the Transaction throws UsageError.
//
// When COMMIT, ROLLBACK or a savepoint verb fails, the connection's state is
// unknown: it is discarded, never reused, and the server rolls back what it
// still held. After a savepoint verb fails, the transaction can only roll
// back; commit() throws TransactionError.
#pragma once

#include <concepts>
#include <exception>
#include <functional>
#include <memory>
#include <type_traits>

namespace tabula {

enum class Isolation { Default, ReadUncommitted, ReadCommitted, RepeatableRead, Serializable };

struct TransactionOptions {
    Isolation isolationLevel = Isolation::Default;
};

struct TransactionImpl;

class Transaction {
public:
    explicit Transaction(std::shared_ptr<TransactionImpl> impl) : impl_(std::move(impl)) {}
    Transaction(Transaction&&) noexcept = default;
    Transaction& operator=(Transaction&&) = delete;
    Transaction(const Transaction&) = delete;
    // Rolls back when neither commit() nor rollback() was called.
    ~Transaction();

    void commit();
    void rollback();
    bool finished() const;
    // Runs after the outermost transaction commits; never after a rollback.
    void afterCommit(std::function<void()> callback);

    // A nested transaction: a savepoint on this transaction's connection.
    Transaction transaction();
    template <class F>
    requires std::invocable<F, Transaction&>
    auto transaction(F&& body) {
        Transaction nested = transaction();
        return nested.run(std::forward<F>(body));
    }

    // Runs body, commits on return, rolls back and rethrows on an exception.
    template <class F>
    auto run(F&& body) {
        try {
            if constexpr (std::is_void_v<std::invoke_result_t<F, Transaction&>>) {
                body(*this);
                commit();
            } else {
                auto result = body(*this);
                commit();
                return result;
            }
        } catch (...) {
            // The caller sees body's error; a failed rollback is attached
            // to it (Error::rollbackFailure) rather than replacing it.
            if (!finished()) rollbackAfter(std::current_exception());
            throw;
        }
    }

    TransactionImpl& impl() const { return *impl_; }

private:
    // Rolls back after `original` ended the body; never throws.
    void rollbackAfter(const std::exception_ptr& original) noexcept;

    std::shared_ptr<TransactionImpl> impl_;
};

} // namespace tabula
