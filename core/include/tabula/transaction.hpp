// Transactions: managed (commit when the function returns, roll back when it
// throws) and unmanaged (commit or roll back yourself; a transaction dropped
// unfinished rolls back). Nested transactions are savepoints.
#pragma once

#include <concepts>
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
            if (!finished()) rollback();
            throw;
        }
    }

    TransactionImpl& impl() const { return *impl_; }

private:
    std::shared_ptr<TransactionImpl> impl_;
};

} // namespace tabula
