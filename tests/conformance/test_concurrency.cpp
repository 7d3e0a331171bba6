// One Database shared by many threads: the pool hands connections around,
// every write lands, and the *Async functions work from several threads.
// Catch2's assertions are not thread-safe, so threads only collect failures.
#include "context.hpp"

#include <catch2/catch.hpp>

#include <cstdint>
#include <future>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <thread>
#include <vector>

using namespace tabula;

namespace {

// Failures seen by worker threads, reported by the main thread.
class Failures {
public:
    void add(std::string what) {
        std::lock_guard<std::mutex> lock(mutex_);
        list_.push_back(std::move(what));
    }
    // Runs `work`, recording any exception it throws.
    template <class F>
    void guard(const std::string& who, F&& work) {
        try {
            work();
        } catch (const std::exception& e) {
            add(who + ": " + e.what());
        }
    }
    std::vector<std::string> list() const {
        std::lock_guard<std::mutex> lock(mutex_);
        return list_;
    }

private:
    mutable std::mutex mutex_;
    std::vector<std::string> list_;
};

Model& defineCounter(Database& db) {
    Model& Counter = db.define("counter", {{"worker", DataTypes::INTEGER},
                                           {"step", DataTypes::INTEGER},
                                           {"hits", DataTypes::INTEGER}});
    Counter.sync({.force = true});
    return Counter;
}

// Each worker creates a row, reads it back by key and updates it, `cycles`
// times; a read that does not see the row's own values is a failure.
void runWorkers(Model& Counter, int threads, int cycles, Failures& failures) {
    std::vector<std::thread> workers;
    for (int t = 0; t < threads; ++t) {
        workers.emplace_back([&, t] {
            failures.guard("worker " + std::to_string(t), [&] {
                for (int c = 0; c < cycles; ++c) {
                    Instance row = Counter.create({{"worker", t}, {"step", c}, {"hits", 0}});
                    std::optional<Instance> found = Counter.findByPk(row.get("id"));
                    if (!found || found->get("worker").asInt() != t ||
                        found->get("step").asInt() != c) {
                        failures.add("worker " + std::to_string(t) + " step " + std::to_string(c) +
                                     " did not read back its row");
                        continue;
                    }
                    found->update({{"hits", 1}});
                }
            });
        });
    }
    for (auto& w : workers)
        w.join();
}

void requireNoFailures(const Failures& failures) {
    const std::vector<std::string> list = failures.list();
    for (const auto& f : list)
        UNSCOPED_INFO(f);
    REQUIRE(list.empty());
}

// The rows are all there, once each, and every update landed.
void requireAllRows(Model& Counter, int threads, int cycles) {
    std::vector<Instance> rows = Counter.findAll();
    REQUIRE(rows.size() == static_cast<size_t>(threads * cycles));
    std::set<std::pair<std::int64_t, std::int64_t>> seen;
    std::set<std::int64_t> ids;
    for (const Instance& r : rows) {
        REQUIRE(r.get("hits").asInt() == 1);
        seen.emplace(r.get("worker").asInt(), r.get("step").asInt());
        ids.insert(r.get("id").asInt());
    }
    REQUIRE(seen.size() == rows.size());
    REQUIRE(ids.size() == rows.size());
    REQUIRE(Counter.count({.where = {{"hits", 1}}}) == threads * cycles);
}

} // namespace

TEST_CASE("16 threads share a pool of 4 to create, read back and update rows", "[concurrency]") {
    // On SQLite each uri() is a fresh file, so the connections share one database.
    auto db = conformance::open({.pool = {.max = 4}});
    Model& Counter = defineCounter(*db);
    Failures failures;
    runWorkers(Counter, 16, 50, failures);
    requireNoFailures(failures);
    requireAllRows(Counter, 16, 50);
}

TEST_CASE("a pool of one connection serves many threads in turn", "[concurrency]") {
    auto db = conformance::open({.pool = {.max = 1}});
    Model& Counter = defineCounter(*db);
    Failures failures;
    runWorkers(Counter, 8, 10, failures);
    requireNoFailures(failures);
    requireAllRows(Counter, 8, 10);
}

TEST_CASE("the *Async functions run from several threads at once", "[concurrency]") {
    auto db = conformance::open({.pool = {.max = 4}});
    db->authenticateAsync().get();
    Model& Job = db->define("job", {{"owner", DataTypes::INTEGER},
                                    {"title", {.type = DataTypes::STRING, .allowNull = false}},
                                    {"done", {.type = DataTypes::BOOLEAN, .defaultValue = false}}});
    Job.syncAsync({.force = true}).get();

    constexpr int owners = 4, perOwner = 10;
    Failures failures;
    std::vector<std::thread> threads;
    for (int o = 0; o < owners; ++o) {
        threads.emplace_back([&, o] {
            failures.guard("owner " + std::to_string(o), [&] {
                // Start every insert before waiting for any.
                std::vector<std::future<Instance>> pending;
                for (int i = 0; i < perOwner; ++i)
                    pending.push_back(Job.createAsync(
                        {{"owner", o},
                         {"title", "job " + std::to_string(o) + "." + std::to_string(i)}}));
                std::vector<Value> ids;
                for (auto& f : pending)
                    ids.push_back(f.get().get("id"));
                for (const Value& id : ids) {
                    std::optional<Instance> found = Job.findByPkAsync(id).get();
                    if (!found || found->get("owner").asInt() != o)
                        failures.add("owner " + std::to_string(o) + " lost job " + id.asString());
                }
                std::int64_t mine = Job.countAsync({.where = {{"owner", o}}}).get();
                if (mine != perOwner)
                    failures.add("owner " + std::to_string(o) + " counted " + std::to_string(mine));
                std::int64_t updated =
                    Job.updateAsync({{"done", true}}, {.where = {{"owner", o}}}).get();
                if (updated != perOwner)
                    failures.add("owner " + std::to_string(o) + " updated " +
                                 std::to_string(updated));
            });
        });
    }
    for (auto& t : threads)
        t.join();
    requireNoFailures(failures);

    REQUIRE(Job.countAsync().get() == owners * perOwner);
    REQUIRE(Job.findAllAsync({.where = {{"done", true}}}).get().size() ==
            static_cast<size_t>(owners * perOwner));
    std::optional<Instance> first = Job.findOneAsync({.where = {{"title", "job 0.0"}}}).get();
    REQUIRE(first);
    REQUIRE(first->get("owner") == Value(0));
    REQUIRE(first->get("done") == Value(true));

    std::vector<Instance> more =
        Job.bulkCreateAsync({{{"owner", 9}, {"title", "x"}}, {{"owner", 9}, {"title", "y"}}}).get();
    REQUIRE(more.size() == 2);
    REQUIRE(Job.destroyAsync({.where = {{"owner", 9}}}).get() == 2);

    QueryResult raw = db->queryAsync("SELECT COUNT(*) AS n FROM jobs").get();
    REQUIRE(raw.rows.size() == 1);
    REQUIRE(raw.rows[0]["n"].asInt() == owners * perOwner);

    // Errors arrive through the future, with their type.
    auto invalid = Job.createAsync({{"owner", 1}});
    REQUIRE_THROWS_AS(invalid.get(), ValidationError);
    auto unknown = Job.findAllAsync({.where = {{"nope", 1}}});
    REQUIRE_THROWS_AS(unknown.get(), UsageError);
    auto badSql = db->queryAsync("SELECT * FROM no_such_table_here");
    REQUIRE_THROWS_AS(badSql.get(), DatabaseError);
}

TEST_CASE("reads from many threads see the same rows", "[concurrency]") {
    auto db = conformance::open({.pool = {.max = 4}});
    Model& Counter = defineCounter(*db);
    std::vector<Values> rows;
    for (int i = 0; i < 20; ++i)
        rows.push_back({{"worker", i % 4}, {"step", i}, {"hits", i}});
    Counter.bulkCreate(rows);

    Failures failures;
    std::vector<std::thread> readers;
    for (int t = 0; t < 8; ++t) {
        readers.emplace_back([&, t] {
            failures.guard("reader " + std::to_string(t), [&] {
                for (int i = 0; i < 20; ++i) {
                    auto all = Counter.findAll({.where = {{"worker", t % 4}}, .order = {"step"}});
                    if (all.size() != 5) failures.add("reader saw " + std::to_string(all.size()));
                    if (Counter.count() != 20) failures.add("reader counted wrong");
                }
            });
        });
    }
    for (auto& r : readers)
        r.join();
    requireNoFailures(failures);
}
