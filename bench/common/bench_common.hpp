// What every C++ benchmark program shares: the command line, the data set,
// the result checksum and the JSON line each run prints. Each program (tabula,
// raw, soci, poco) does the same work through its own API; the runner compares
// their lines. Nothing here is timed.
#pragma once

#include <sys/resource.h>

#include <algorithm>
#include <barrier>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <functional>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

namespace bench {

// --impl NAME --dialect sqlite|postgres|mysql --url URL --scenario NAME
// --size N --runs R --threads T --variant V
//   url: for sqlite a file path, otherwise a tabula-style URI
//   (postgres://user:pass@host:port/db, mysql://...); each program turns it
//   into its own connection string.
struct Options {
    std::string impl;
    std::string dialect = "sqlite";
    std::string url;
    std::string scenario;
    std::int64_t size = 0;
    int runs = 5;
    int threads = 1;
    std::string variant;
};

inline Options parseOptions(int argc, char** argv, std::string impl) {
    Options o;
    o.impl = std::move(impl);
    for (int i = 1; i + 1 < argc; i += 2) {
        const std::string key = argv[i];
        const std::string value = argv[i + 1];
        if (key == "--dialect")
            o.dialect = value;
        else if (key == "--url")
            o.url = value;
        else if (key == "--scenario")
            o.scenario = value;
        else if (key == "--size")
            o.size = std::stoll(value);
        else if (key == "--runs")
            o.runs = std::stoi(value);
        else if (key == "--threads")
            o.threads = std::stoi(value);
        else if (key == "--variant")
            o.variant = value;
        else if (key == "--impl")
            o.impl = value;
        else
            throw std::invalid_argument("unknown option " + key);
    }
    if (o.scenario.empty()) throw std::invalid_argument("--scenario is required");
    return o;
}

// The parts of a URI, for programs whose driver wants them separately.
struct Endpoint {
    std::string user, password, host = "127.0.0.1", database;
    int port = 0;
};

inline Endpoint parseUrl(const std::string& url) {
    Endpoint e;
    auto scheme = url.find("://");
    if (scheme == std::string::npos) return e;
    std::string rest = url.substr(scheme + 3);
    auto slash = rest.find('/');
    std::string authority = rest.substr(0, slash);
    if (slash != std::string::npos) e.database = rest.substr(slash + 1);
    if (auto q = e.database.find('?'); q != std::string::npos) e.database.resize(q);
    if (auto at = authority.rfind('@'); at != std::string::npos) {
        std::string creds = authority.substr(0, at);
        authority = authority.substr(at + 1);
        auto colon = creds.find(':');
        e.user = creds.substr(0, colon);
        if (colon != std::string::npos) e.password = creds.substr(colon + 1);
    }
    auto colon = authority.rfind(':');
    e.host = authority.substr(0, colon);
    if (colon != std::string::npos) e.port = std::stoi(authority.substr(colon + 1));
    return e;
}

// ---- the data set --------------------------------------------------------
//
// bench_items, ten columns:
//   id BIGINT/INTEGER auto-increment primary key
//   qty INTEGER, score BIGINT, name VARCHAR(64), note TEXT,
//   price DECIMAL(10,2), active BOOLEAN, created_at timestamp (UTC),
//   day DATE, meta JSON
// Row i (from 1) holds the values item(i) gives. Read scenarios run against
// a table that `--scenario setup` of the raw program filled with --size rows;
// write scenarios use bench_items_w, which each program drops and recreates
// itself (untimed) before every run.
//
// Eager loading: bench_authors(id, name) 1..1000; bench_posts(id, author_id,
// title, body) ten per author, post j of author a has id (a-1)*10+j;
// bench_tags(id, name) 1..50; bench_author_tags(author_id, tag_id) three tags
// per author: ((a*7+k*11) % 50)+1 for k = 0,1,2 (distinct).
struct Item {
    std::int64_t id;
    std::int32_t qty;
    std::int64_t score;
    std::string name;
    std::string note;
    std::string price; // exact decimal text, two places
    bool active;
    std::int64_t createdAtUs; // microseconds since 1970-01-01 UTC, whole seconds
    std::string day;          // YYYY-MM-DD
    std::string meta;         // JSON object text
};

inline std::string twoPlaces(std::int64_t cents) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%lld.%02lld", static_cast<long long>(cents / 100),
                  static_cast<long long>(cents % 100));
    return buf;
}

inline std::string isoDay(std::int64_t daysSinceEpoch) {
    // Civil-from-days (proleptic Gregorian), for the DATE column.
    std::int64_t z = daysSinceEpoch + 719468;
    const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    const unsigned doe = static_cast<unsigned>(z - era * 146097);
    const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    std::int64_t y = static_cast<std::int64_t>(yoe) + era * 400;
    const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const unsigned mp = (5 * doy + 2) / 153;
    const unsigned d = doy - (153 * mp + 2) / 5 + 1;
    const unsigned m = mp < 10 ? mp + 3 : mp - 9;
    y += m <= 2;
    char buf[32];
    std::snprintf(buf, sizeof buf, "%04lld-%02u-%02u", static_cast<long long>(y), m, d);
    return buf;
}

constexpr std::int64_t epoch2024Seconds = 1704067200; // 2024-01-01T00:00:00Z
constexpr std::int64_t epoch2024Days = 19723;

// The DDL of bench_items (and of bench_items_w, which write scenarios
// recreate): one schema for every program on a dialect.
inline std::string itemsTableDdl(const std::string& dialect, const std::string& table) {
    if (dialect == "postgres")
        return "CREATE TABLE \"" + table +
               "\" (\"id\" SERIAL PRIMARY KEY, \"qty\" INTEGER, \"score\" BIGINT, "
               "\"name\" VARCHAR(64), \"note\" TEXT, \"price\" NUMERIC(10,2), \"active\" BOOLEAN, "
               "\"created_at\" TIMESTAMPTZ, \"day\" DATE, \"meta\" JSON)";
    if (dialect == "mysql")
        return "CREATE TABLE `" + table +
               "` (`id` INTEGER NOT NULL AUTO_INCREMENT PRIMARY KEY, `qty` INTEGER, `score` "
               "BIGINT, "
               "`name` VARCHAR(64), `note` TEXT, `price` DECIMAL(10,2), `active` BOOLEAN, "
               "`created_at` DATETIME(3), `day` DATE, `meta` JSON) ENGINE=InnoDB";
    return "CREATE TABLE \"" + table +
           "\" (\"id\" INTEGER PRIMARY KEY AUTOINCREMENT, \"qty\" INTEGER, \"score\" BIGINT, "
           "\"name\" VARCHAR(64), \"note\" TEXT, \"price\" DECIMAL(10,2), \"active\" BOOLEAN, "
           "\"created_at\" DATETIME, \"day\" DATE, \"meta\" TEXT)";
}

inline Item item(std::int64_t i) {
    Item r;
    r.id = i;
    r.qty = static_cast<std::int32_t>(i % 1000);
    r.score = i * 7919;
    r.name = "name-" + std::to_string(i);
    r.note = "a note for row " + std::to_string(i) + " of the benchmark";
    r.price = twoPlaces((i * 37) % 100000);
    r.active = i % 2 == 0;
    r.createdAtUs = (epoch2024Seconds + i) * 1000000;
    r.day = isoDay(epoch2024Days + i % 365);
    r.meta = "{\"k\":" + std::to_string(i) + ",\"tag\":\"t" + std::to_string(i % 10) + "\"}";
    return r;
}

// Rows 1..count of the data set.
inline std::vector<Item> items(std::int64_t count) {
    std::vector<Item> rows;
    rows.reserve(static_cast<std::size_t>(std::max<std::int64_t>(count, 0)));
    for (std::int64_t i = 1; i <= count; ++i)
        rows.push_back(item(i));
    return rows;
}

// ---- eager loading -----------------------------------------------------------
//
// Parents with their child lists, as a program without an ORM assembles
// them, and what a load of them contributes to the checksum.
struct Post {
    std::int64_t id;
    std::int64_t authorId;
    std::string title;
    std::string body;
};

struct Tag {
    std::int64_t id;
    std::string name;
};

struct Author {
    std::int64_t id;
    std::string name;
    std::vector<Post> posts;
    std::vector<Tag> tags;
};

inline std::int64_t eagerChecksum(const std::vector<Author>& authors) {
    std::int64_t sum = 0;
    for (const Author& a : authors) {
        sum += a.id;
        for (const Post& p : a.posts)
            sum += p.id;
        for (const Tag& t : a.tags)
            sum += t.id;
    }
    return sum;
}

// ---- checking results ------------------------------------------------------
//
// A checksum of what a run read, the same whatever the API: for each row read,
// id + qty + score + length(name) + (active ? 1 : 0) + cents(price), summed.
// The runner compares it across programs; the test suite compares it with
// expectedChecksum().
inline std::int64_t cents(const std::string& decimal) {
    std::int64_t whole = 0, frac = 0;
    int fracDigits = 0;
    bool negative = false, afterPoint = false;
    for (char c : decimal) {
        if (c == '-')
            negative = true;
        else if (c == '.')
            afterPoint = true;
        else if (c >= '0' && c <= '9') {
            if (!afterPoint)
                whole = whole * 10 + (c - '0');
            else if (fracDigits < 2)
                frac = frac * 10 + (c - '0'), ++fracDigits;
        }
    }
    while (fracDigits < 2)
        frac *= 10, ++fracDigits;
    const std::int64_t v = whole * 100 + frac;
    return negative ? -v : v;
}

inline std::int64_t rowChecksum(std::int64_t id, std::int64_t qty, std::int64_t score,
                                std::size_t nameLength, bool active, std::int64_t priceCents) {
    return id + qty + score + static_cast<std::int64_t>(nameLength) + (active ? 1 : 0) + priceCents;
}

// What one row read contributes to the checksum.
inline std::int64_t itemChecksum(const Item& r) {
    return rowChecksum(r.id, r.qty, r.score, r.name.size(), r.active, cents(r.price));
}

// Untimed sanity check of one row against the data set, column by column:
// the checksum covers only some columns. A mismatch is reported on standard
// error, naming the program, not fatal.
inline void verifyRow(const Item& got, const char* program) {
    const Item want = item(got.id);
    const bool same = got.qty == want.qty && got.score == want.score && got.name == want.name &&
                      got.note == want.note && cents(got.price) == cents(want.price) &&
                      got.active == want.active && got.createdAtUs == want.createdAtUs &&
                      got.day == want.day && got.meta == want.meta;
    if (!same)
        std::fprintf(stderr,
                     "%s: row %lld differs from the data set: qty %d score %lld name %s note %s "
                     "price %s active %d created_at %lld day %s meta %s\n",
                     program, static_cast<long long>(got.id), static_cast<int>(got.qty),
                     static_cast<long long>(got.score), got.name.c_str(), got.note.c_str(),
                     got.price.c_str(), got.active ? 1 : 0, static_cast<long long>(got.createdAtUs),
                     got.day.c_str(), got.meta.c_str());
}

inline std::int64_t expectedChecksum(std::int64_t id) { return itemChecksum(item(id)); }

// The ids findByPk looks up, in order: a fixed walk over 1..tableRows.
inline std::int64_t lookupId(std::int64_t n, std::int64_t tableRows) {
    return (n * 7919) % tableRows + 1;
}

// ---- timing and reporting --------------------------------------------------

// The process's own peak resident memory: VmHWM, the high-water mark of its
// address space. getrusage's ru_maxrss is kept across exec on Linux, so a
// program started by the runner would report at least the runner's own
// memory (about 16 MB of Python); it is only the fallback.
inline long peakRssKb() {
    if (std::FILE* status = std::fopen("/proc/self/status", "r")) {
        char line[256];
        long kb = -1;
        while (kb < 0 && std::fgets(line, sizeof line, status))
            if (std::sscanf(line, "VmHWM: %ld kB", &kb) != 1) kb = -1;
        std::fclose(status);
        if (kb >= 0) return kb;
    }
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return usage.ru_maxrss;
}

struct Result {
    std::vector<double> runsMs;
    std::int64_t rows = 0;     // rows read or written per run
    std::int64_t checksum = 0; // of the last run
};

// Runs `prepare` (untimed) then `body` (timed) o.runs times. body returns
// the checksum of what it read or wrote, and sets rows.
inline Result measure(const Options& o, const std::function<void()>& prepare,
                      const std::function<std::int64_t(std::int64_t& rows)>& body) {
    Result r;
    for (int run = 0; run < o.runs; ++run) {
        if (prepare) prepare();
        std::int64_t rows = 0;
        const auto start = std::chrono::steady_clock::now();
        const std::int64_t sum = body(rows);
        const auto stop = std::chrono::steady_clock::now();
        r.runsMs.push_back(std::chrono::duration<double, std::milli>(stop - start).count());
        r.rows = rows;
        r.checksum = sum;
    }
    return r;
}

inline double median(std::vector<double> v) {
    if (v.empty()) return 0;
    std::sort(v.begin(), v.end());
    const std::size_t n = v.size();
    return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

// One line of JSON on standard output per scenario run:
// {"impl":..,"dialect":..,"scenario":..,"size":..,"threads":..,"variant":..,
//  "runs_ms":[..],"median_ms":..,"rows":..,"checksum":..,"peak_rss_kb":..}
// A program that cannot do a scenario prints the same fields with
// "unsupported":"<reason>" and no timings, and exits 0.
inline void report(const Options& o, const Result& r) {
    std::printf("{\"impl\":\"%s\",\"dialect\":\"%s\",\"scenario\":\"%s\",\"size\":%lld,"
                "\"threads\":%d,\"variant\":\"%s\",\"runs_ms\":[",
                o.impl.c_str(), o.dialect.c_str(), o.scenario.c_str(),
                static_cast<long long>(o.size), o.threads, o.variant.c_str());
    for (std::size_t i = 0; i < r.runsMs.size(); ++i)
        std::printf("%s%.3f", i ? "," : "", r.runsMs[i]);
    std::printf("],\"median_ms\":%.3f,\"rows\":%lld,\"checksum\":%lld,\"peak_rss_kb\":%ld}\n",
                median(r.runsMs), static_cast<long long>(r.rows),
                static_cast<long long>(r.checksum), peakRssKb());
    std::fflush(stdout);
}

// Runs body(thread, first, last) on `threads` threads over lookups
// [0, total), all released together; returns the sum of what they return.
inline std::int64_t
runThreads(int threads, std::int64_t total,
           const std::function<std::int64_t(int, std::int64_t, std::int64_t)>& body) {
    std::vector<std::int64_t> sums(static_cast<std::size_t>(threads), 0);
    std::vector<std::exception_ptr> errors(static_cast<std::size_t>(threads));
    std::barrier start(threads);
    std::vector<std::thread> pool;
    for (int t = 0; t < threads; ++t)
        pool.emplace_back([&, t] {
            const std::int64_t first = total * t / threads;
            const std::int64_t last = total * (t + 1) / threads;
            start.arrive_and_wait();
            try {
                sums[static_cast<std::size_t>(t)] = body(t, first, last);
            } catch (...) {
                errors[static_cast<std::size_t>(t)] = std::current_exception();
            }
        });
    for (auto& th : pool)
        th.join();
    for (auto& e : errors)
        if (e) std::rethrow_exception(e);
    std::int64_t sum = 0;
    for (auto s : sums)
        sum += s;
    return sum;
}

inline void reportUnsupported(const Options& o, const std::string& reason) {
    std::printf("{\"impl\":\"%s\",\"dialect\":\"%s\",\"scenario\":\"%s\",\"size\":%lld,"
                "\"threads\":%d,\"variant\":\"%s\",\"unsupported\":\"%s\"}\n",
                o.impl.c_str(), o.dialect.c_str(), o.scenario.c_str(),
                static_cast<long long>(o.size), o.threads, o.variant.c_str(), reason.c_str());
    std::fflush(stdout);
}

} // namespace bench
