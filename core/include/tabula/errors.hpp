// The error hierarchy. Every exception derives from tabula::Error; database
// errors carry the SQL, its bound values (secrets masked), SQLSTATE, the
// native code and the dialect, so that a message names what went wrong.
#pragma once

#include <tabula/value.hpp>

#include <exception>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace tabula {

class Error : public std::runtime_error {
public:
    explicit Error(const std::string& message) : std::runtime_error(message) {}
    // The Sequelize-style class name, e.g. "UniqueConstraintError".
    virtual const char* name() const noexcept { return "Error"; }

    // Set when this error ended a transaction and rolling it back failed
    // too: that failure. The transaction's connection was discarded, so the
    // server rolled back whatever it held. Null otherwise.
    const std::exception_ptr& rollbackFailure() const noexcept { return rollbackFailure_; }
    void setRollbackFailure(std::exception_ptr failure) noexcept {
        rollbackFailure_ = std::move(failure);
    }

private:
    std::exception_ptr rollbackFailure_;
};

#define TABULA_ERROR_NAME(N)                                                                       \
    const char* name() const noexcept override { return #N; }

// Loading a dialect plugin failed: unknown name, not a dialect, ABI mismatch.
class PluginError : public Error {
public:
    using Error::Error;
    TABULA_ERROR_NAME(PluginError)
};

// Bad arguments from the program: unknown attribute, bad URI, bad option.
class UsageError : public Error {
public:
    using Error::Error;
    TABULA_ERROR_NAME(UsageError)
};

// A transaction could not be committed because part of it failed in a way
// that leaves its state on the server unknown (a savepoint that could not be
// released or rolled back). It was rolled back instead.
class TransactionError : public Error {
public:
    using Error::Error;
    TABULA_ERROR_NAME(TransactionError)
};

// A facts bundle shared by errors that come from a dialect.
struct ErrorFacts {
    std::string dialect;
    std::string sql;
    std::vector<Value> parameters;
    std::string sqlstate;
    long long nativeCode = 0;
    std::string original; // the driver's own message
    std::vector<std::string> fields;
    std::string constraint;
};

class DatabaseError : public Error {
public:
    DatabaseError(const std::string& message, ErrorFacts facts)
        : Error(message), facts_(std::move(facts)) {}
    TABULA_ERROR_NAME(DatabaseError)
    const std::string& dialect() const { return facts_.dialect; }
    const std::string& sql() const { return facts_.sql; }
    const std::vector<Value>& parameters() const { return facts_.parameters; }
    const std::string& sqlstate() const { return facts_.sqlstate; }
    long long nativeCode() const { return facts_.nativeCode; }
    const std::string& original() const { return facts_.original; }
    const ErrorFacts& facts() const { return facts_; }

private:
    ErrorFacts facts_;
};

class TimeoutError : public DatabaseError {
public:
    using DatabaseError::DatabaseError;
    TABULA_ERROR_NAME(TimeoutError)
};

class UnknownTableError : public DatabaseError {
public:
    using DatabaseError::DatabaseError;
    TABULA_ERROR_NAME(UnknownTableError)
};

class ConstraintError : public DatabaseError {
public:
    using DatabaseError::DatabaseError;
    TABULA_ERROR_NAME(ConstraintError)
    const std::vector<std::string>& fields() const { return facts().fields; }
    const std::string& constraint() const { return facts().constraint; }
};

class UniqueConstraintError : public ConstraintError {
public:
    using ConstraintError::ConstraintError;
    TABULA_ERROR_NAME(UniqueConstraintError)
};

class ForeignKeyConstraintError : public ConstraintError {
public:
    using ConstraintError::ConstraintError;
    TABULA_ERROR_NAME(ForeignKeyConstraintError)
};

class NotNullConstraintError : public ConstraintError {
public:
    using ConstraintError::ConstraintError;
    TABULA_ERROR_NAME(NotNullConstraintError)
};

class CheckConstraintError : public ConstraintError {
public:
    using ConstraintError::ConstraintError;
    TABULA_ERROR_NAME(CheckConstraintError)
};

class ConnectionError : public DatabaseError {
public:
    using DatabaseError::DatabaseError;
    TABULA_ERROR_NAME(ConnectionError)
};

class ConnectionRefusedError : public ConnectionError {
public:
    using ConnectionError::ConnectionError;
    TABULA_ERROR_NAME(ConnectionRefusedError)
};

class AccessDeniedError : public ConnectionError {
public:
    using ConnectionError::ConnectionError;
    TABULA_ERROR_NAME(AccessDeniedError)
};

class HostNotFoundError : public ConnectionError {
public:
    using ConnectionError::ConnectionError;
    TABULA_ERROR_NAME(HostNotFoundError)
};

class ConnectionTimedOutError : public ConnectionError {
public:
    using ConnectionError::ConnectionError;
    TABULA_ERROR_NAME(ConnectionTimedOutError)
};

// No pooled connection became free within the pool's `acquire` time.
class ConnectionAcquireTimeoutError : public ConnectionError {
public:
    using ConnectionError::ConnectionError;
    TABULA_ERROR_NAME(ConnectionAcquireTimeoutError)
};

// One failed rule on one attribute.
struct ValidationErrorItem {
    std::string path;      // attribute name; a model-wide validator's name
    std::string validator; // "notNull", "len", "isEmail", ...
    // Sequelize's message: "Validation isEmail on email failed", "User.name
    // cannot be null", or a custom validator's own message verbatim.
    std::string message;
    Value value;
    // Why it failed, with the value: "'x' is not an email address".
    std::string reason{};
    // bulkCreate: the position of the failing row in the list given.
    std::optional<std::size_t> record{};
};

// An instance failed validation; no SQL was sent.
class ValidationError : public Error {
public:
    ValidationError(const std::string& message, std::vector<ValidationErrorItem> errors)
        : Error(message), errors_(std::move(errors)) {}
    TABULA_ERROR_NAME(ValidationError)
    const std::vector<ValidationErrorItem>& errors() const { return errors_; }

private:
    std::vector<ValidationErrorItem> errors_;
};

// findOne/findByPk with rejectOnEmpty found nothing.
class EmptyResultError : public Error {
public:
    using Error::Error;
    TABULA_ERROR_NAME(EmptyResultError)
};

#undef TABULA_ERROR_NAME

} // namespace tabula
