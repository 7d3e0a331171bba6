// The connection pool, with Sequelize's options: max, min, idle, acquire,
// evict. A connection is validated (ping) before it is handed out.
#pragma once

#include "connection.hpp"

#include <tabula/database.hpp>

#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

namespace tabula::detail {

class Pool {
public:
    using Factory = std::function<std::unique_ptr<Connection>()>;
    Pool(PoolOptions options, Factory factory, std::string dialect);
    ~Pool();

    // A borrowed connection, returned to the pool when destroyed. The pool
    // must outlive every lease.
    class Lease {
    public:
        Lease(Pool* pool, std::unique_ptr<Connection> conn) : pool_(pool), conn_(std::move(conn)) {}
        Lease(Lease&&) noexcept = default;
        Lease& operator=(Lease&&) = delete; // would drop a held connection's slot
        ~Lease();
        Connection& operator*() const { return *conn_; }
        Connection* operator->() const { return conn_.get(); }

    private:
        Pool* pool_;
        std::unique_ptr<Connection> conn_;
    };

    // Throws ConnectionAcquireTimeoutError after options.acquire.
    Lease acquire();
    void close();

    // For tests and diagnostics.
    std::size_t size() const;      // open connections, busy or idle
    std::size_t idleCount() const; // open and idle

private:
    void release(std::unique_ptr<Connection> conn);
    void evictLoop();
    // Under the lock: whether a release should wake a waiter. Only as many
    // waiters are woken as there are connections for them, counting those
    // already woken and not yet back: with more threads than connections
    // every release used to wake one, which mostly found the connection
    // taken again by the thread that had released it.
    bool shouldWake();

    PoolOptions options_;
    Factory factory_;
    std::string dialect_;
    mutable std::mutex mutex_;
    std::condition_variable available_;
    std::condition_variable stop_;
    std::vector<std::unique_ptr<Connection>> idle_;
    std::size_t total_ = 0;
    std::size_t waiting_ = 0; // threads waiting in acquire
    std::size_t woken_ = 0;   // waiters notified that have not run yet
    bool closed_ = false;
    std::thread evictor_;
};

} // namespace tabula::detail
