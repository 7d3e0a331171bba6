// Fault injection against a real PostgreSQL or MariaDB server: 64 threads
// share one Database (pool.max 5) doing reads and transactional writes while
// the server's backends are killed, the server restarts, and the server is
// stopped for a few seconds. Afterwards:
//   - every transaction whose commit() returned has its rows, exactly;
//   - no row of a rolled-back transaction (or savepoint) exists, a
//     transaction whose commit threw is either wholly there or wholly absent,
//     and there is no row nobody wrote;
//   - every exception the threads saw derives from tabula::Error;
//   - the same Database works again within a bounded time;
//   - closing it leaves none of its connections on the server.
//
//   tabula_fault_test postgres|mysql
//
// The server URL comes from TABULA_TEST_POSTGRES_URL / TABULA_TEST_MYSQL_URL
// and the server folder from TABULA_TEST_SERVERS_DIR (or TABULA_SERVERS_DIR),
// as scripts/test-servers.sh sets them; the server is restarted with
// scripts/pg-server.sh or scripts/mariadb-server.sh. Exit 0: passed, 1:
// failed, 77: switched off by TABULA_TEST_SKIP (naming the dialect, or "fault").
#include <tabula/tabula.hpp>

#include <algorithm>
#include <array>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <fstream>
#include <iostream>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <random>
#include <set>
#include <sstream>
#include <string>
#include <thread>
#include <typeinfo>
#include <unistd.h>
#include <vector>

using namespace tabula;
using Clock = std::chrono::steady_clock;
using namespace std::chrono_literals;

namespace {

// ---- settings ---------------------------------------------------------------

constexpr int kThreads = 64;
constexpr int kPoolMax = 5;
constexpr int kMaxOpsPerThread = 20000;
// The workers stop this long after the last fault, or at the hard limit.
constexpr auto kAfterFaults = 6s;
constexpr auto kWorkLimit = 75s;
// The final round, on the same Database, must be done within this.
constexpr auto kFinalLimit = 30s;
constexpr int kFinalThreads = 16;
constexpr int kFinalOps = 12;
// Past this the program reports itself stuck and exits.
constexpr auto kWatchdog = 240s;
const char* const kAppName = "tabula_fault_test";
const char* const kAdminAppName = "tabula_fault_admin";

std::string env(const char* name) {
    const char* v = std::getenv(name);
    return v ? v : "";
}

double seconds(Clock::duration d) { return std::chrono::duration<double>(d).count(); }

// ---- failures and error counts ---------------------------------------------

std::mutex reportMutex;
std::vector<std::string> failures;
std::map<std::string, long> errorCounts;    // tabula::Error::name() -> count
std::map<std::string, long> finalErrors;    // the same, in the final round
std::map<std::string, std::string> samples; // one message per error class
long rollbackFailures = 0;

std::size_t failureCount = 0;

void fail(const std::string& what) {
    std::lock_guard lock(reportMutex);
    // The first 200 are kept and printed: enough to see a pattern.
    if (++failureCount > 200) return;
    failures.push_back(what);
    std::cerr << "FAIL: " << what << "\n";
}

void countError(const Error& e, bool finalRound) {
    std::string bad;
    if (e.rollbackFailure()) {
        try {
            std::rethrow_exception(e.rollbackFailure());
        } catch (const Error&) {
        } catch (const std::exception& inner) {
            bad = std::string(typeid(inner).name()) + ": " + inner.what();
        } catch (...) {
            bad = "something that is not a std::exception";
        }
    }
    {
        std::lock_guard lock(reportMutex);
        ++(finalRound ? finalErrors : errorCounts)[e.name()];
        samples.emplace(e.name(), e.what());
        if (e.rollbackFailure()) ++rollbackFailures;
    }
    if (!bad.empty())
        fail("a failed rollback attached to a " + std::string(e.name()) +
             " is not a tabula::Error: " + bad);
}

// Thrown by the test's own transaction bodies to make them roll back.
struct DeliberateRollback {};

// ---- the ledger ---------------------------------------------------------------

enum class Outcome {
    Committed,     // commit() returned
    RolledBack,    // the body threw on purpose, or rollback() was called
    BeginFailed,   // no transaction: no connection, or BEGIN failed
    BodyFailed,    // a statement in the body failed: never committed
    CommitUnknown, // commit() threw: either state is acceptable
};

struct TxRecord {
    Outcome outcome;
    std::string counterKey;                        // incremented by this transaction
    std::vector<std::pair<std::string, int>> rows; // key and final value
    std::vector<std::string> savepointRows;        // written in a rolled-back savepoint
};

struct ThreadState {
    std::vector<TxRecord> ledger;
    std::vector<std::string> ackedKeys; // rows of acknowledged commits, to read back
    long ops = 0, reads = 0, commits = 0, rollbacks = 0, beginFailed = 0, bodyFailed = 0,
         unknown = 0, errors = 0;
};

// ---- timing of faults and recovery --------------------------------------------

const Clock::time_point programStart = Clock::now();
long long sinceStart(Clock::time_point t) {
    return std::chrono::duration_cast<std::chrono::microseconds>(t - programStart).count();
}

struct FaultEvent {
    std::string name;
    std::atomic<long long> endedUs{-1};   // when the fault was over (server up)
    std::atomic<long long> firstOkUs{-1}; // first success of an operation started after
};
std::array<FaultEvent, 8> events;
std::atomic<int> eventCount{0};

void noteSuccess(Clock::time_point started) {
    const long long s = sinceStart(started), now = sinceStart(Clock::now());
    for (int i = 0; i < eventCount.load(); ++i) {
        const long long ended = events[i].endedUs.load();
        if (ended < 0 || s < ended) continue;
        long long seen = events[i].firstOkUs.load();
        while ((seen < 0 || now < seen) && !events[i].firstOkUs.compare_exchange_weak(seen, now)) {
        }
    }
}

// ---- the server ---------------------------------------------------------------

struct Server {
    std::string dialect; // postgres or mysql
    std::string url;
    std::string script; // scripts/pg-server.sh or scripts/mariadb-server.sh
    std::string dir;    // the servers' folder
};

std::string shellQuote(const std::string& s) {
    std::string out = "'";
    for (char c : s) {
        if (c == '\'')
            out += "'\\''";
        else
            out += c;
    }
    return out + "'";
}

// Runs the server script; true when it succeeded.
bool serverCommand(const Server& server, const std::string& args) {
    const std::string command = "TABULA_SERVERS_DIR=" + shellQuote(server.dir) + " bash " +
                                shellQuote(server.script) + " " + args + " 1>&2";
    const int rc = std::system(command.c_str());
    if (rc != 0) std::cerr << "server command failed (" << rc << "): " << command << "\n";
    return rc == 0;
}

// Whatever happened, the server must be up on its port for the tests after this one.
void leaveServerRunning(const Server& server) {
    if (!serverCommand(server, "start-again"))
        fail("could not make sure the " + server.dialect + " server runs again");
}

Options databaseOptions(const Server& server, const char* appName, int poolMax,
                        std::chrono::milliseconds acquire) {
    Options o;
    o.logging = !env("TABULA_TEST_LOG").empty();
    o.pool.max = poolMax;
    o.pool.acquire = acquire;
    o.dialectOptions["connect_timeout"] = "5";
    if (server.dialect == "postgres") o.dialectOptions["application_name"] = appName;
    return o;
}

// A connection of the test's own to watch and kill the others.
class Admin {
public:
    explicit Admin(const Server& server)
        : server_(server), db_(server.url, databaseOptions(server, kAdminAppName, 1, 10000ms)) {}

    // The test Database's connections the server has, excluding this one.
    long long countTestConnections() {
        if (server_.dialect == "postgres")
            return db_
                .query("SELECT count(*) AS n FROM pg_stat_activity WHERE application_name = ? "
                       "AND pid <> pg_backend_pid()",
                       {.replacements = {kAppName}})
                .rows.at(0)["n"]
                .asInt();
        return db_
            .query("SELECT count(*) AS n FROM information_schema.processlist WHERE user = "
                   "SUBSTRING_INDEX(CURRENT_USER(), '@', 1) AND id <> CONNECTION_ID()")
            .rows.at(0)["n"]
            .asInt();
    }

    // Terminates the test Database's connections; returns how many.
    long long killTestConnections() {
        if (server_.dialect == "postgres") {
            auto result = db_.query("SELECT pg_terminate_backend(pid) AS killed FROM "
                                    "pg_stat_activity WHERE application_name = ? AND pid <> "
                                    "pg_backend_pid()",
                                    {.replacements = {kAppName}});
            long long n = 0;
            for (const Row& row : result.rows)
                if (row["killed"].asBool()) ++n;
            return n;
        }
        // Only one connection (pool.max 1): the ids read are not this one's.
        auto result =
            db_.query("SELECT id FROM information_schema.processlist WHERE user = "
                      "SUBSTRING_INDEX(CURRENT_USER(), '@', 1) AND id <> CONNECTION_ID()");
        long long n = 0;
        for (const Row& row : result.rows) {
            try {
                // An integer the server handed out, not program input.
                db_.query("KILL CONNECTION " + std::to_string(row["id"].asInt()));
                ++n;
            } catch (const Error& e) {
                // Gone meanwhile (unknown thread id): nothing to kill.
                std::cerr << "  kill " << row["id"].asInt() << ": " << e.name() << ": " << e.what()
                          << "\n";
            }
        }
        return n;
    }

    Database& db() { return db_; }

private:
    const Server& server_;
    Database db_;
};

// Retries an admin action across a restart of the server.
template <class F>
auto withRetry(const char* what, F&& action) -> decltype(action()) {
    for (int attempt = 1;; ++attempt) {
        try {
            return action();
        } catch (const Error& e) {
            if (attempt >= 10) throw;
            std::cerr << "  " << what << " failed (" << e.name() << ": " << e.what()
                      << "), retrying\n";
            std::this_thread::sleep_for(500ms);
        }
    }
}

// ---- the workload ---------------------------------------------------------------

struct Workload {
    Database& db;
    Model& Table;
    std::atomic<bool>& stop;
    Clock::time_point hardStop;
};

std::string rowKey(int thread, long tx, int i) {
    return "t" + std::to_string(thread) + "-x" + std::to_string(tx) + "-r" + std::to_string(i);
}
std::string counterKey(int thread) { return "counter-" + std::to_string(thread); }

enum class TxKind { Commit, ThrowInBody, ExplicitRollback, SavepointRollback };

// One write transaction; its outcome goes to the ledger. Exceptions from
// Tabula are counted and, outside the final round, expected.
void writeTransaction(Workload& w, ThreadState& st, int thread, long tx, TxKind kind,
                      std::mt19937& rng, bool finalRound) {
    TxRecord rec{};
    rec.outcome = Outcome::BodyFailed;
    rec.counterKey = counterKey(thread);
    const int n = 1 + static_cast<int>(rng() % 3);
    for (int i = 0; i < n; ++i)
        rec.rows.emplace_back(rowKey(thread, tx, i), static_cast<int>(rng() % 100000));
    const int updated = static_cast<int>(rng() % n);
    const int newValue = static_cast<int>(rng() % 100000);
    bool begun = false, bodyDone = false;

    auto body = [&](Transaction& t) {
        begun = true;
        for (const auto& [key, value] : rec.rows)
            w.Table.create({{"key", key}, {"txn", "t" + std::to_string(thread)}, {"val", value}},
                           {.transaction = &t});
        w.Table.update({{"val", newValue}},
                       {.where = {{"key", rec.rows[updated].first}}, .transaction = &t});
        rec.rows[updated].second = newValue;
        w.Table.increment("val", {.by = 1, .transaction = &t}, {{"key", rec.counterKey}});
        auto counter = w.Table.findByPk(rec.counterKey, {.transaction = &t});
        if (!counter) fail("thread " + std::to_string(thread) + ": its counter row is missing");
        if (kind == TxKind::SavepointRollback) {
            const std::string key = rowKey(thread, tx, 9);
            rec.savepointRows.push_back(key);
            try {
                t.transaction([&](Transaction& nested) {
                    w.Table.create({{"key", key}, {"txn", "savepoint"}, {"val", 1}},
                                   {.transaction = &nested});
                    throw DeliberateRollback{};
                });
            } catch (const DeliberateRollback&) {
            }
        }
        if (kind == TxKind::ThrowInBody) throw DeliberateRollback{};
        bodyDone = true;
    };

    try {
        if (kind == TxKind::ExplicitRollback) {
            Transaction t = w.db.transaction();
            body(t); // when it throws, the destructor rolls back
            try {
                t.rollback();
            } catch (const Error& e) {
                // The server rolls back what it held when the connection goes.
                countError(e, finalRound);
                ++st.errors;
            }
            rec.outcome = Outcome::RolledBack;
        } else {
            w.db.transaction([&](Transaction& t) { body(t); });
            rec.outcome = Outcome::Committed;
        }
    } catch (const DeliberateRollback&) {
        rec.outcome = Outcome::RolledBack;
    } catch (const Error& e) {
        countError(e, finalRound);
        ++st.errors;
        // bodyDone: everything ran and commit() threw.
        rec.outcome = !begun                                         ? Outcome::BeginFailed
                      : bodyDone && kind != TxKind::ExplicitRollback ? Outcome::CommitUnknown
                                                                     : Outcome::BodyFailed;
        if (finalRound)
            fail(std::string("final round: transaction failed: ") + e.name() + ": " + e.what());
    } catch (const std::exception& e) {
        ++st.errors;
        rec.outcome = bodyDone ? Outcome::CommitUnknown : Outcome::BodyFailed;
        fail("thread " + std::to_string(thread) + ": a transaction threw an exception not " +
             "derived from tabula::Error: " + typeid(e).name() + ": " + e.what());
    } catch (...) {
        ++st.errors;
        rec.outcome = bodyDone ? Outcome::CommitUnknown : Outcome::BodyFailed;
        fail("thread " + std::to_string(thread) +
             ": a transaction threw something that is not a std::exception");
    }
    switch (rec.outcome) {
    case Outcome::Committed:
        ++st.commits;
        for (const auto& [key, value] : rec.rows)
            st.ackedKeys.push_back(key);
        break;
    case Outcome::RolledBack: ++st.rollbacks; break;
    case Outcome::BeginFailed: ++st.beginFailed; break;
    case Outcome::BodyFailed: ++st.bodyFailed; break;
    case Outcome::CommitUnknown: ++st.unknown; break;
    }
    st.ledger.push_back(std::move(rec));
}

void readOperation(Workload& w, ThreadState& st, int thread, std::mt19937& rng) {
    ++st.reads;
    switch (rng() % 3) {
    case 0:
        (void)w.Table.findAll({.where = {{"txn", "t" + std::to_string(thread)}}, .limit = 20});
        break;
    case 1: (void)w.Table.count(); break;
    default:
        if (st.ackedKeys.empty()) {
            (void)w.Table.findByPk(counterKey(thread));
        } else {
            const std::string& key = st.ackedKeys[rng() % st.ackedKeys.size()];
            if (!w.Table.findByPk(key))
                fail("thread " + std::to_string(thread) + ": row " + key +
                     " of an acknowledged commit is not found by findByPk");
        }
    }
}

// Runs one operation and deals with what it throws.
void operation(Workload& w, ThreadState& st, int thread, long& tx, std::mt19937& rng,
               bool finalRound, int step) {
    const auto started = Clock::now();
    ++st.ops;
    try {
        const unsigned pick = finalRound ? static_cast<unsigned>(step % 5) : rng() % 10;
        if (pick < 2 || (!finalRound && pick < 5)) {
            readOperation(w, st, thread, rng);
        } else {
            TxKind kind = TxKind::Commit;
            const unsigned r = finalRound ? static_cast<unsigned>(step % 4) : rng() % 10;
            if (r == 1) kind = TxKind::ThrowInBody;
            if (r == 2) kind = TxKind::ExplicitRollback;
            if (r == 3) kind = TxKind::SavepointRollback;
            const long before = st.errors;
            writeTransaction(w, st, thread, tx++, kind, rng, finalRound);
            if (st.errors != before) throw 0; // already counted; no success
        }
        noteSuccess(started);
    } catch (int) {
        std::this_thread::sleep_for(std::chrono::milliseconds(20 + rng() % 80));
    } catch (const Error& e) {
        countError(e, finalRound);
        ++st.errors;
        if (finalRound)
            fail(std::string("final round: read failed: ") + e.name() + ": " + e.what());
        std::this_thread::sleep_for(std::chrono::milliseconds(20 + rng() % 80));
    } catch (const std::exception& e) {
        ++st.errors;
        fail("thread " + std::to_string(thread) +
             ": an exception not derived from tabula::Error: " + typeid(e).name() + ": " +
             e.what());
    } catch (...) {
        ++st.errors;
        fail("thread " + std::to_string(thread) + ": an exception that is not a std::exception");
    }
}

// ---- checks at the end ---------------------------------------------------------

struct LedgerTotals {
    long unknownPresent = 0, unknownAbsent = 0;
};

LedgerTotals checkLedger(Model& Table, const std::vector<ThreadState>& states) {
    std::map<std::string, int> stored;
    for (const Instance& row : Table.findAll())
        stored[row.get("key").asString()] = static_cast<int>(row.get("val").asInt());
    std::cout << "rows stored: " << stored.size() << "\n";

    LedgerTotals totals;
    std::set<std::string> known;
    for (std::size_t thread = 0; thread < states.size(); ++thread) {
        long expectedCounter = 0;
        for (const TxRecord& rec : states[thread].ledger) {
            std::size_t present = 0;
            bool exact = true;
            for (const auto& [key, value] : rec.rows) {
                known.insert(key);
                auto it = stored.find(key);
                if (it == stored.end()) continue;
                ++present;
                if (it->second != value) exact = false;
            }
            for (const std::string& key : rec.savepointRows) {
                known.insert(key);
                if (stored.count(key))
                    fail("row " + key + " written in a rolled-back savepoint exists");
            }
            const std::string first = rec.rows.front().first;
            switch (rec.outcome) {
            case Outcome::Committed:
                if (present != rec.rows.size())
                    fail("acknowledged commit lost: " + std::to_string(rec.rows.size() - present) +
                         " of its " + std::to_string(rec.rows.size()) + " rows missing (first " +
                         first + ")");
                else if (!exact)
                    fail("acknowledged commit stored other values (first row " + first + ")");
                ++expectedCounter;
                break;
            case Outcome::RolledBack:
            case Outcome::BeginFailed:
            case Outcome::BodyFailed:
                if (present)
                    fail(std::string(rec.outcome == Outcome::RolledBack
                                         ? "rolled-back"
                                         : "failed, never committed") +
                         " transaction left " + std::to_string(present) + " rows (first " + first +
                         ")");
                break;
            case Outcome::CommitUnknown:
                if (present == rec.rows.size() && exact) {
                    ++totals.unknownPresent;
                    ++expectedCounter;
                } else if (present == 0) {
                    ++totals.unknownAbsent;
                } else {
                    fail("transaction whose commit threw is partly stored (" +
                         std::to_string(present) + " of " + std::to_string(rec.rows.size()) +
                         " rows, first " + first + ")");
                }
                break;
            }
        }
        const std::string ck = counterKey(static_cast<int>(thread));
        known.insert(ck);
        auto it = stored.find(ck);
        if (it == stored.end())
            fail("counter row " + ck + " is missing");
        else if (it->second != expectedCounter)
            fail("counter " + ck + " is " + std::to_string(it->second) + ", the ledger says " +
                 std::to_string(expectedCounter));
    }
    for (const auto& [key, value] : stored)
        if (!known.count(key)) fail("unexpected row " + key + " (no transaction wrote it)");
    return totals;
}

// ---- main ------------------------------------------------------------------------

// A hang is a failure too, and the server must stay up for the tests after.
void startWatchdog(const Server& server) {
    std::thread([&server] {
        std::this_thread::sleep_for(kWatchdog);
        std::cerr << "FAIL: the test did not finish within " << kWatchdog.count()
                  << " s: operations hang\n";
        leaveServerRunning(server);
        std::_Exit(1);
    }).detach();
}

int run(const Server& server) {
    // Baseline: the test's connections before it opens any.
    long long baseline = 0;
    {
        Admin admin(server);
        baseline = withRetry("baseline", [&] { return admin.countTestConnections(); });
    }
    std::cout << "connections of this test before it starts: " << baseline << "\n";

    auto db =
        std::make_unique<Database>(server.url, databaseOptions(server, kAppName, kPoolMax, 8000ms));
    db->authenticate();
    Model& Table = db->define(
        "faultRow",
        {{"key", {.type = DataTypes::STRING(64), .allowNull = false, .primaryKey = true}},
         {"txn", DataTypes::STRING(32)},
         {"val", DataTypes::INTEGER}},
        {.tableName = "fault_rows", .timestamps = false});
    Table.sync({.force = true});
    for (int t = 0; t < kThreads; ++t)
        Table.create({{"key", counterKey(t)}, {"txn", "counter"}, {"val", 0}});

    std::atomic<bool> stop{false};
    Workload w{*db, Table, stop, Clock::now() + kWorkLimit};
    std::vector<ThreadState> states(kThreads);

    const auto workStart = Clock::now();
    std::vector<std::thread> workers;
    for (int t = 0; t < kThreads; ++t) {
        workers.emplace_back([&, t] {
            std::mt19937 rng(static_cast<unsigned>(1000 + t));
            long tx = 0;
            ThreadState& st = states[t];
            while (!stop.load() && st.ops < kMaxOpsPerThread && Clock::now() < w.hardStop) {
                operation(w, st, t, tx, rng, false, 0);
                std::this_thread::sleep_for(std::chrono::microseconds(rng() % 3000));
            }
        });
    }

    // The faults, in order.
    Admin admin(server);
    long long maxSeen = 0;
    auto sample = [&] {
        try {
            maxSeen = std::max(maxSeen, admin.countTestConnections());
        } catch (const Error& e) {
            std::cerr << "  counting connections: " << e.name() << ": " << e.what() << "\n";
        }
    };
    auto ended = [&](const std::string& name) {
        const int i = eventCount.load();
        events[i].name = name;
        events[i].endedUs = sinceStart(Clock::now());
        eventCount = i + 1;
    };
    try {
        std::this_thread::sleep_for(3s);
        for (int round = 1; round <= 3; ++round) {
            sample();
            const long long killed = withRetry("kill", [&] { return admin.killTestConnections(); });
            std::cout << "[" << seconds(Clock::now() - workStart) << " s] kill round " << round
                      << ": " << killed << " connections terminated\n";
            ended("kill round " + std::to_string(round));
            std::this_thread::sleep_for(1500ms);
        }
        std::this_thread::sleep_for(2s);
        sample();
        auto t0 = Clock::now();
        std::cout << "[" << seconds(t0 - workStart) << " s] restarting the server\n";
        if (!serverCommand(server, "restart")) fail("the server did not restart");
        std::cout << "[" << seconds(Clock::now() - workStart) << " s] server restarted in "
                  << seconds(Clock::now() - t0) << " s\n";
        ended("restart");
        std::this_thread::sleep_for(4s);
        withRetry("sample", [&] {
            maxSeen = std::max(maxSeen, admin.countTestConnections());
            return 0;
        });
        t0 = Clock::now();
        std::cout << "[" << seconds(t0 - workStart) << " s] stopping the server for 3 s\n";
        if (!serverCommand(server, "stop-for 3"))
            fail("the server did not come back after stop-for 3");
        std::cout << "[" << seconds(Clock::now() - workStart) << " s] server back after "
                  << seconds(Clock::now() - t0) << " s\n";
        ended("stop for 3 s");
        std::this_thread::sleep_for(kAfterFaults);
        withRetry("sample", [&] {
            maxSeen = std::max(maxSeen, admin.countTestConnections());
            return 0;
        });
    } catch (const std::exception& e) {
        fail(std::string("the fault sequence stopped: ") + e.what());
    }
    stop = true;
    for (auto& t : workers)
        t.join();
    const auto workEnd = Clock::now();
    std::cout << "[" << seconds(workEnd - workStart) << " s] workers done\n";

    // The final round: the same Database, every operation must succeed.
    const auto finalStart = Clock::now();
    std::vector<ThreadState> finalStates(kFinalThreads);
    {
        std::vector<std::thread> finalWorkers;
        for (int t = 0; t < kFinalThreads; ++t) {
            finalWorkers.emplace_back([&, t] {
                std::mt19937 rng(static_cast<unsigned>(5000 + t));
                // Keys of their own: the final round's threads follow the others'.
                const int thread = t;
                ThreadState& st = finalStates[t];
                long tx = 1'000'000;
                for (int step = 0; step < kFinalOps && Clock::now() - finalStart < kFinalLimit;
                     ++step)
                    operation(w, st, thread, tx, rng, true, step);
            });
        }
        for (auto& t : finalWorkers)
            t.join();
    }
    const auto finalTime = Clock::now() - finalStart;
    long finalOps = 0;
    for (const ThreadState& st : finalStates)
        finalOps += st.ops;
    if (finalOps != static_cast<long>(kFinalThreads) * kFinalOps)
        fail("final round: only " + std::to_string(finalOps) + " of " +
             std::to_string(kFinalThreads * kFinalOps) + " operations ran within " +
             std::to_string(kFinalLimit.count()) + " s");
    // The final round's rows and counters belong to the same threads' ledgers.
    for (int t = 0; t < kFinalThreads; ++t) {
        auto& to = states[t];
        auto& from = finalStates[t];
        to.ledger.insert(to.ledger.end(), std::make_move_iterator(from.ledger.begin()),
                         std::make_move_iterator(from.ledger.end()));
    }

    // With the pool settled, the server holds at most pool.max of ours.
    const long long open = withRetry("count", [&] { return admin.countTestConnections(); });
    maxSeen = std::max(maxSeen, open);
    if (open > kPoolMax)
        fail("the server holds " + std::to_string(open) + " connections of the test, more than " +
             "pool.max " + std::to_string(kPoolMax));

    const LedgerTotals totals = checkLedger(Table, states);
    Table.drop();

    db->close();
    db.reset();
    // On MariaDB the test's connections are counted by user: the watcher's too.
    admin.db().close();
    // Closed connections leave the server's list shortly after.
    long long after = -1;
    const auto closeDeadline = Clock::now() + 10s;
    do {
        after = withRetry("count", [&] { return Admin(server).countTestConnections(); });
        if (after == baseline) break;
        std::this_thread::sleep_for(200ms);
    } while (Clock::now() < closeDeadline);
    if (after != baseline)
        fail("after close the server still holds " + std::to_string(after - baseline) +
             " connections of the test (baseline " + std::to_string(baseline) + ", now " +
             std::to_string(after) + ")");

    // ---- summary ----
    ThreadState sum;
    for (const ThreadState& st : states) {
        sum.ops += st.ops;
        sum.reads += st.reads;
        sum.commits += st.commits;
        sum.rollbacks += st.rollbacks;
        sum.beginFailed += st.beginFailed;
        sum.bodyFailed += st.bodyFailed;
        sum.unknown += st.unknown;
        sum.errors += st.errors;
    }
    for (const ThreadState& st : finalStates) {
        sum.ops += st.ops;
        sum.reads += st.reads;
        sum.commits += st.commits;
        sum.rollbacks += st.rollbacks;
    }
    std::cout << "\n=== fault injection summary (" << server.dialect << ") ===\n"
              << "threads " << kThreads << ", pool.max " << kPoolMax << ", workload "
              << seconds(workEnd - workStart) << " s\n"
              << "operations " << sum.ops << " (reads " << sum.reads << ")\n"
              << "transactions: committed " << sum.commits << ", rolled back on purpose "
              << sum.rollbacks << ", could not begin " << sum.beginFailed << ", failed in the body "
              << sum.bodyFailed << ", commit threw (outcome unknown) " << sum.unknown
              << " -> found stored " << totals.unknownPresent << ", absent " << totals.unknownAbsent
              << "\n"
              << "errors by class during the faults:";
    for (const auto& [name, count] : errorCounts)
        std::cout << " " << name << "=" << count;
    std::cout << "\nerrors with a failed rollback attached: " << rollbackFailures << "\n";
    for (const auto& [name, message] : samples)
        std::cout << "  e.g. " << name << ": " << message.substr(0, 200) << "\n";
    std::cout << "recovery (fault over -> first successful operation started after it):\n";
    for (int i = 0; i < eventCount.load(); ++i) {
        const long long ok = events[i].firstOkUs.load(), end = events[i].endedUs.load();
        std::cout << "  " << events[i].name << ": "
                  << (ok < 0 ? std::string("none") : std::to_string((ok - end) / 1000) + " ms")
                  << "\n";
    }
    std::cout << "final round: " << finalOps << " operations in " << seconds(finalTime)
              << " s, errors " << finalErrors.size() << "\n"
              << "connections of the test on the server: at most " << maxSeen
              << " seen, after close " << after << " (baseline " << baseline << ")\n";
    std::lock_guard lock(reportMutex);
    if (!failures.empty()) {
        std::cout << "\nFAILED: " << failureCount << " problem(s)"
                  << (failureCount > failures.size() ? ", the first of them" : "") << ":\n";
        for (const std::string& f : failures)
            std::cout << "  - " << f << "\n";
        return 1;
    }
    std::cout << "PASSED\n";
    return 0;
}

} // namespace

int main(int argc, char* argv[]) {
    const std::string dialect = argc > 1 ? argv[1] : env("TABULA_TEST_DIALECT");
    if (dialect != "postgres" && dialect != "mysql") {
        std::cerr << "usage: " << argv[0] << " postgres|mysql\n";
        return 2;
    }
    const std::string skip = env("TABULA_TEST_SKIP");
    if (skip.find(dialect) != std::string::npos || skip.find("fault") != std::string::npos) {
        std::cout << "fault[" << dialect << "]: switched off by TABULA_TEST_SKIP=" << skip << "\n";
        return 77;
    }
    Server server;
    server.dialect = dialect;
    const char* urlVar =
        dialect == "postgres" ? "TABULA_TEST_POSTGRES_URL" : "TABULA_TEST_MYSQL_URL";
    server.url = env(urlVar);
    if (server.url.empty()) {
        std::cerr << "fault[" << dialect << "]: " << urlVar << " is not set, so there is no "
                  << dialect << " server to test against.\nStart the test servers with\n"
                  << "  eval \"$(scripts/test-servers.sh start)\"\n"
                  << "or switch this dialect off explicitly with TABULA_TEST_SKIP=" << dialect
                  << "\n";
        return 1;
    }
    server.dir = env("TABULA_TEST_SERVERS_DIR");
    if (server.dir.empty()) server.dir = env("TABULA_SERVERS_DIR");
    if (server.dir.empty()) server.dir = "/tmp/tabula-servers";
    const std::string sub = dialect == "postgres" ? "postgres" : "mariadb";
    server.script = std::string(TABULA_TEST_SOURCE_DIR) + "/scripts/" +
                    (dialect == "postgres" ? "pg-server.sh" : "mariadb-server.sh");
    // Restarting some other server would be worse than not running: the
    // folder must hold the server the URL names.
    {
        std::ifstream in(server.dir + "/" + sub + "/env");
        std::stringstream text;
        text << in.rdbuf();
        if (!in || text.str().find(server.url) == std::string::npos) {
            std::cerr << "fault[" << dialect << "]: " << server.dir << "/" << sub
                      << "/env does not name " << server.url
                      << ", so this test cannot restart that server. Set TABULA_TEST_SERVERS_DIR "
                         "to the folder scripts/test-servers.sh started it in, or switch this "
                         "test off with TABULA_TEST_SKIP=fault.\n";
            return 1;
        }
    }
    std::cout << "fault injection on " << dialect << " (" << server.dir << ")\n";
    int rc = 1;
    startWatchdog(server);
    try {
        rc = run(server);
    } catch (const Error& e) {
        std::cerr << "FAIL: " << e.name() << ": " << e.what() << "\n";
        rc = 1;
    } catch (const std::exception& e) {
        std::cerr << "FAIL: " << typeid(e).name() << ": " << e.what() << "\n";
        rc = 1;
    }
    leaveServerRunning(server);
    if (rc == 0 && !failures.empty()) rc = 1;
    return rc;
}
