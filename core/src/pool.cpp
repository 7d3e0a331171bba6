// The connection pool: Sequelize's max/min/idle/acquire/evict semantics, a
// ping before each hand-out and an evictor thread for spare idle connections.
#include "pool.hpp"

#include <tabula/errors.hpp>

#include <algorithm>
#include <exception>
#include <optional>
#include <string>
#include <utility>

namespace tabula::detail {

namespace {

ErrorFacts factsFor(const std::string& dialect) {
    ErrorFacts facts;
    facts.dialect = dialect;
    return facts;
}

} // namespace

Pool::Pool(PoolOptions options, Factory factory, std::string dialect)
    : options_(options), factory_(std::move(factory)), dialect_(std::move(dialect)) {
    options_.max = std::max(options_.max, 1);
    options_.min = std::clamp(options_.min, 0, options_.max);
    if (options_.evict.count() > 0) evictor_ = std::thread([this] { evictLoop(); });
}

Pool::~Pool() { close(); }

Pool::Lease::~Lease() {
    if (conn_ && pool_) pool_->release(std::move(conn_));
}

Pool::Lease Pool::acquire() {
    // Read the clock only when there is a wait to bound.
    std::optional<std::chrono::steady_clock::time_point> deadline;
    const auto max = static_cast<std::size_t>(options_.max);
    std::unique_lock lock(mutex_);
    for (;;) {
        if (closed_) throw ConnectionError("the pool is closed", factsFor(dialect_));

        if (!idle_.empty()) {
            // The most recently used one: the likeliest to be alive and warm.
            std::unique_ptr<Connection> conn = std::move(idle_.back());
            idle_.pop_back();
            lock.unlock();
            try {
                conn->ping();
                return Lease(this, std::move(conn));
            } catch (const std::exception&) {
                // Killed server-side or timed out: drop it and try again, so
                // the caller never sees a stale connection.
                conn.reset();
            }
            lock.lock();
            --total_;
            continue;
        }

        if (total_ < max) {
            ++total_; // reserved while it opens, outside the lock
            lock.unlock();
            try {
                std::unique_ptr<Connection> conn = factory_();
                if (!conn)
                    throw ConnectionError("the connection factory returned no connection",
                                          factsFor(dialect_));
                return Lease(this, std::move(conn));
            } catch (...) {
                lock.lock();
                --total_;
                const bool wake = shouldWake();
                lock.unlock();
                if (wake) available_.notify_one();
                throw;
            }
        }

        if (!deadline) deadline = std::chrono::steady_clock::now() + options_.acquire;
        ++waiting_;
        bool ready = true;
        while (!closed_ && idle_.empty() && total_ >= max) {
            const bool timedOut = available_.wait_until(lock, *deadline) == std::cv_status::timeout;
            // Whatever woke this thread, one fewer is on its way back.
            if (woken_ > 0) --woken_;
            if (timedOut) {
                ready = closed_ || !idle_.empty() || total_ < max;
                break;
            }
        }
        --waiting_;
        woken_ = std::min(woken_, waiting_);
        if (!ready)
            throw ConnectionAcquireTimeoutError(
                "Timed out after " + std::to_string(options_.acquire.count()) +
                    " ms waiting for a connection from the pool (max " +
                    std::to_string(options_.max) + ", all in use)",
                factsFor(dialect_));
    }
}

bool Pool::shouldWake() {
    const std::size_t max = static_cast<std::size_t>(options_.max);
    const std::size_t free = idle_.size() + (total_ < max ? max - total_ : 0);
    if (waiting_ <= woken_ || free <= woken_) return false;
    ++woken_;
    return true;
}

void Pool::release(std::unique_ptr<Connection> conn) {
    if (!conn) return;
    std::unique_lock lock(mutex_);
    bool wake = false;
    if (closed_ || !conn->usable()) {
        --total_;
        wake = shouldWake();
        lock.unlock();
        conn.reset(); // closes it, outside the lock
    } else {
        conn->touch();
        idle_.push_back(std::move(conn));
        wake = shouldWake();
        lock.unlock();
    }
    if (wake) available_.notify_one();
}

void Pool::evictLoop() {
    std::unique_lock lock(mutex_);
    while (!closed_) {
        stop_.wait_for(lock, options_.evict, [this] { return closed_; });
        if (closed_) break;
        const auto now = std::chrono::steady_clock::now();
        const auto min = static_cast<std::size_t>(options_.min);
        std::vector<std::unique_ptr<Connection>> expired;
        // idle_ is ordered by release time, so the oldest are at the front.
        auto it = idle_.begin();
        while (it != idle_.end() && total_ > min && now - (*it)->lastUsed() > options_.idle) {
            expired.push_back(std::move(*it));
            ++it;
            --total_;
        }
        idle_.erase(idle_.begin(), it);
        if (expired.empty()) continue;
        lock.unlock();
        expired.clear(); // closes them, outside the lock
        available_.notify_all();
        lock.lock();
    }
}

void Pool::close() {
    std::vector<std::unique_ptr<Connection>> idle;
    {
        std::lock_guard lock(mutex_);
        closed_ = true;
        idle.swap(idle_);
        total_ -= idle.size();
    }
    stop_.notify_all();
    available_.notify_all();
    if (evictor_.joinable() && evictor_.get_id() != std::this_thread::get_id()) evictor_.join();
    idle.clear();
}

std::size_t Pool::size() const {
    std::lock_guard lock(mutex_);
    return total_;
}

std::size_t Pool::idleCount() const {
    std::lock_guard lock(mutex_);
    return idle_.size();
}

} // namespace tabula::detail
