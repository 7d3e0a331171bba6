// The raw client-library programs: what every dialect's part shares. Each
// dialect file does every scenario with its own C API, the way it is best
// used; nothing here is timed except through bench::measure.
#pragma once

#include "bench_common.hpp"

#include <barrier>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <stdexcept>
#include <string>
#include <thread>
#include <unordered_map>
#include <vector>

namespace bench::raw {

// Index of each author by id, for attaching children in one pass.
inline std::unordered_map<std::int64_t, std::size_t> indexById(const std::vector<Author>& authors) {
    std::unordered_map<std::int64_t, std::size_t> index;
    index.reserve(authors.size());
    for (std::size_t i = 0; i < authors.size(); ++i)
        index.emplace(authors[i].id, i);
    return index;
}

// Tag k of author a in the shared data set.
inline std::int64_t authorTag(std::int64_t a, int k) { return (a * 7 + k * 11) % 50 + 1; }

// A fixed set of connections handed out one caller at a time.
template <class Conn>
class Pool {
public:
    explicit Pool(std::vector<Conn*> conns) : free_(std::move(conns)) {}
    Conn* acquire() {
        std::unique_lock lock(mutex_);
        ready_.wait(lock, [&] { return !free_.empty(); });
        Conn* c = free_.back();
        free_.pop_back();
        return c;
    }
    void release(Conn* c) {
        {
            std::lock_guard lock(mutex_);
            free_.push_back(c);
        }
        ready_.notify_one();
    }

private:
    std::mutex mutex_;
    std::condition_variable ready_;
    std::vector<Conn*> free_;
};

// The pool scenario over 16 connections: each lookup borrows one from a
// shared Pool, or (dedicated) each of 16 threads keeps its own.
template <class Conn>
Result poolScenario(const Options& o, std::vector<std::unique_ptr<Conn>>& conns,
                    std::int64_t total) {
    const bool dedicated = o.variant == "dedicated";
    if (dedicated && (o.threads != 16 || conns.size() != 16))
        throw std::invalid_argument("the dedicated variant runs 16 threads");
    std::vector<Conn*> shared;
    for (auto& c : conns)
        shared.push_back(c.get());
    Pool<Conn> pool(shared);
    return measure(o, nullptr, [&](std::int64_t& rows) {
        rows = o.size;
        return runThreads(o.threads, o.size, [&](int t, std::int64_t first, std::int64_t last) {
            std::int64_t sum = 0;
            if (dedicated) {
                Conn& c = *conns[static_cast<std::size_t>(t)];
                for (std::int64_t n = first; n < last; ++n)
                    sum += c.find(lookupId(n, total));
                return sum;
            }
            for (std::int64_t n = first; n < last; ++n) {
                Conn* c = pool.acquire();
                try {
                    sum += c->find(lookupId(n, total));
                } catch (...) {
                    pool.release(c);
                    throw;
                }
                pool.release(c);
            }
            return sum;
        });
    });
}

// Each dialect's entry point: runs o.scenario and prints its report line.
void runSqlite(const Options& o);
void runPostgres(const Options& o);
void runMysql(const Options& o);

constexpr std::int64_t authorCount = 1000;
constexpr std::int64_t tagCount = 50;

} // namespace bench::raw

namespace bench::raw {

// Days since 1970-01-01 of a proleptic Gregorian date.
inline std::int64_t daysFromCivil(std::int64_t y, unsigned m, unsigned d) {
    y -= m <= 2;
    const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
    const unsigned yoe = static_cast<unsigned>(y - era * 400);
    const unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

// "YYYY-MM-DD HH:MM:SS[.fff][ +HH:MM]" (as stored in SQLite) to microseconds.
inline std::int64_t parseTimestampText(const char* s, std::size_t n) {
    auto num = [&](std::size_t at, std::size_t len) {
        std::int64_t v = 0;
        for (std::size_t i = at; i < at + len && i < n; ++i)
            v = v * 10 + (s[i] - '0');
        return v;
    };
    if (n < 19) throw std::runtime_error("bad timestamp text");
    const std::int64_t days = daysFromCivil(num(0, 4), static_cast<unsigned>(num(5, 2)),
                                            static_cast<unsigned>(num(8, 2)));
    std::int64_t us = ((days * 24 + num(11, 2)) * 60 + num(14, 2)) * 60 + num(17, 2);
    us *= 1000000;
    std::size_t i = 19;
    if (i < n && s[i] == '.') {
        std::int64_t frac = 0;
        int digits = 0;
        for (++i; i < n && s[i] >= '0' && s[i] <= '9'; ++i)
            if (digits < 6) frac = frac * 10 + (s[i] - '0'), ++digits;
        while (digits++ < 6)
            frac *= 10;
        us += frac;
    }
    while (i < n && s[i] == ' ')
        ++i;
    if (i < n && (s[i] == '+' || s[i] == '-')) {
        const std::int64_t offset = (num(i + 1, 2) * 60 + num(i + 4, 2)) * 60 * 1000000;
        us += s[i] == '+' ? -offset : offset;
    }
    return us;
}

// Microseconds to "YYYY-MM-DD HH:MM:SS.fff +00:00", the SQLite storage form.
inline std::string formatTimestampText(std::int64_t us) {
    std::int64_t secs = us / 1000000;
    const std::int64_t days = secs / 86400;
    secs %= 86400;
    const std::string day = isoDay(days);
    char buf[48];
    std::snprintf(buf, sizeof buf, "%s %02lld:%02lld:%02lld.%03lld +00:00", day.c_str(),
                  static_cast<long long>(secs / 3600), static_cast<long long>(secs / 60 % 60),
                  static_cast<long long>(secs % 60), static_cast<long long>(us / 1000 % 1000));
    return buf;
}

} // namespace bench::raw
