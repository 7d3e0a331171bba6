// bench_tabula: every benchmark scenario through Tabula's public API, the
// way an application would write it.
#include "bench_common.hpp"

#include <tabula/tabula.hpp>

#include <barrier>
#include <cstdio>
#include <exception>
#include <memory>
#include <thread>

using namespace tabula;

namespace {

std::string tabulaUri(const bench::Options& o) {
    return o.dialect == "sqlite" ? "sqlite:" + o.url : o.url;
}

// Timestamps off for every model (the junction included); no statement log.
Options dbOptions(int poolMax, int poolMin) {
    Options options;
    // TABULA_BENCH_LOG=1 prints each statement to stderr, for diagnosis only.
    if (const char* log = std::getenv("TABULA_BENCH_LOG"); log && *log == '1')
        options.logging = Logging([](const std::string& sql) {
            std::fprintf(stderr, "%s\n", sql.substr(0, 300).c_str());
        });
    else
        options.logging = false;
    options.define.timestamps = false;
    options.pool.max = poolMax;
    options.pool.min = poolMin;
    return options;
}

Model& defineItems(Database& db, const std::string& modelName, const std::string& table) {
    return db.define(
        modelName,
        {
            {"id", {.type = DataTypes::INTEGER, .primaryKey = true, .autoIncrement = true}},
            {"qty", DataTypes::INTEGER},
            {"score", DataTypes::BIGINT},
            {"name", DataTypes::STRING(64)},
            {"note", DataTypes::TEXT},
            {"price", DataTypes::DECIMAL(10, 2)},
            {"active", DataTypes::BOOLEAN},
            {"created_at", DataTypes::DATE},
            {"day", DataTypes::DATEONLY},
            {"meta", DataTypes::JSON},
        },
        {.tableName = table, .freezeTableName = true});
}

// What a findByPk or findAll row contributes, read through Instance::get.
std::int64_t instanceChecksum(const Instance& row) {
    return bench::rowChecksum(row.get<std::int64_t>("id"), row.get<std::int64_t>("qty"),
                              row.get<std::int64_t>("score"), row.get<std::string>("name").size(),
                              row.get<bool>("active"), bench::cents(row.get<std::string>("price")));
}

Values itemValues(const bench::Item& r) {
    return {
        {"qty", r.qty},
        {"score", r.score},
        {"name", r.name},
        {"note", r.note},
        {"price", Value::decimal(r.price)},
        {"active", r.active},
        {"created_at", Timestamp(std::chrono::microseconds(r.createdAtUs))},
        {"day", Value::date(r.day)},
        {"meta", Value::json(r.meta)},
    };
}

std::int64_t lookups(const Model& items, std::int64_t first, std::int64_t last,
                     std::int64_t total) {
    std::int64_t sum = 0;
    for (std::int64_t n = first; n < last; ++n) {
        const std::int64_t id = bench::lookupId(n, total);
        auto row = items.findByPk(id);
        if (!row) throw std::runtime_error("no row " + std::to_string(id));
        sum += instanceChecksum(*row);
    }
    return sum;
}

void run(const bench::Options& o) {
    const std::string uri = tabulaUri(o);
    bench::Result result;
    if (o.scenario == "pool") {
        const bool dedicated = o.variant == "dedicated";
        if (dedicated && o.threads != 16)
            throw std::invalid_argument("the dedicated variant runs 16 threads");
        std::vector<std::unique_ptr<Database>> dbs;
        std::vector<Model*> models;
        for (int i = 0; i < (dedicated ? 16 : 1); ++i) {
            dbs.push_back(dedicated ? std::make_unique<Database>(uri, dbOptions(1, 1))
                                    : std::make_unique<Database>(uri, dbOptions(16, 16)));
            models.push_back(&defineItems(*dbs.back(), "item", "bench_items"));
            dbs.back()->authenticate();
        }
        const std::int64_t total = models[0]->count();
        result = bench::measure(o, nullptr, [&](std::int64_t& rows) {
            rows = o.size;
            return bench::runThreads(
                o.threads, o.size, [&](int t, std::int64_t first, std::int64_t last) {
                    return lookups(*models[dedicated ? static_cast<std::size_t>(t) : 0], first,
                                   last, total);
                });
        });
        bench::report(o, result);
        return;
    }

    Database db(uri, dbOptions(5, 0));
    // Connect before timing, as the other programs do.
    db.authenticate();
    if (o.scenario == "findByPk") {
        Model& items = defineItems(db, "item", "bench_items");
        const std::int64_t total = items.count();
        result = bench::measure(o, nullptr, [&](std::int64_t& rows) {
            rows = o.size;
            return lookups(items, 0, o.size, total);
        });
    } else if (o.scenario == "findAll") {
        Model& items = defineItems(db, "item", "bench_items");
        result = bench::measure(o, nullptr, [&](std::int64_t& rows) {
            const std::vector<Instance> found =
                items.findAll({.where = {{"id", {Op::lte, o.size}}}});
            std::int64_t sum = 0;
            for (const Instance& row : found)
                sum += instanceChecksum(row);
            rows = static_cast<std::int64_t>(found.size());
            return sum;
        });
    } else if (o.scenario == "bulkCreate") {
        Model& written = defineItems(db, "item", "bench_items_w");
        const bool returning = o.variant == "returning";
        const std::vector<bench::Item> data = bench::items(o.size);
        result = bench::measure(
            o, [&] { written.sync({.force = true}); },
            [&](std::int64_t& rows) {
                std::vector<Values> batch;
                batch.reserve(data.size());
                for (const bench::Item& r : data)
                    batch.push_back(itemValues(r));
                const std::vector<Instance> created = db.transaction([&](Transaction& t) {
                    return written.bulkCreate(std::move(batch),
                                              {.returning = returning, .transaction = &t});
                });
                rows = o.size;
                if (!returning) return o.size;
                std::int64_t sum = 0;
                for (const Instance& row : created)
                    sum += row.get<std::int64_t>("id");
                return sum;
            });
    } else if (o.scenario == "eager") {
        Model& author = db.define("author",
                                  {{"id", {.type = DataTypes::INTEGER, .primaryKey = true}},
                                   {"name", DataTypes::STRING(64)}},
                                  {.tableName = "bench_authors", .freezeTableName = true});
        Model& post = db.define("post",
                                {{"id", {.type = DataTypes::INTEGER, .primaryKey = true}},
                                 {"author_id", DataTypes::INTEGER},
                                 {"title", DataTypes::STRING(128)},
                                 {"body", DataTypes::TEXT}},
                                {.tableName = "bench_posts", .freezeTableName = true});
        Model& tag = db.define("tag",
                               {{"id", {.type = DataTypes::INTEGER, .primaryKey = true}},
                                {"name", DataTypes::STRING(32)}},
                               {.tableName = "bench_tags", .freezeTableName = true});
        db.define("author_tag",
                  {{"author_id", {.type = DataTypes::INTEGER, .primaryKey = true}},
                   {"tag_id", {.type = DataTypes::INTEGER, .primaryKey = true}}},
                  {.tableName = "bench_author_tags", .freezeTableName = true});
        author.hasMany(post, {.as = "posts", .foreignKey = "author_id"});
        author.belongsToMany(tag, {.as = "tags",
                                   .foreignKey = "author_id",
                                   .through = "author_tag",
                                   .otherKey = "tag_id"});
        result = bench::measure(o, nullptr, [&](std::int64_t& rows) {
            const std::vector<Instance> authors =
                author.findAll({.include = {{.model = &post}, {.model = &tag}}});
            std::int64_t sum = 0;
            for (const Instance& a : authors) {
                sum += a.get<std::int64_t>("id");
                for (const Instance& p : a.related("posts"))
                    sum += p.get<std::int64_t>("id");
                for (const Instance& t : a.related("tags"))
                    sum += t.get<std::int64_t>("id");
            }
            rows = static_cast<std::int64_t>(authors.size());
            return sum;
        });
    } else if (o.scenario == "roundtrips") {
        Model& rt = db.define(
            "rt",
            {{"id", {.type = DataTypes::INTEGER, .primaryKey = true}}, {"qty", DataTypes::INTEGER}},
            {.tableName = "bench_rt", .freezeTableName = true});
        result = bench::measure(
            o,
            [&] {
                rt.sync({.force = true});
                std::vector<Values> rows;
                for (int r = 1; r <= 100; ++r)
                    rows.push_back({{"id", r}, {"qty", 0}});
                rt.bulkCreate(rows);
            },
            [&](std::int64_t& rows) {
                for (std::int64_t k = 1; k <= o.size; ++k)
                    db.transaction([&](Transaction& t) {
                        for (std::int64_t r = 1; r <= 100; ++r)
                            rt.update({{"qty", k * 1000 + r}},
                                      {.where = {{"id", r}}, .transaction = &t});
                    });
                rows = o.size * 100;
                return std::int64_t{0};
            });
        result.checksum = rt.sum("qty").asInt();
    } else {
        bench::reportUnsupported(o, "unknown scenario " + o.scenario);
        return;
    }
    bench::report(o, result);
}

} // namespace

int main(int argc, char** argv) {
    try {
        const bench::Options o = bench::parseOptions(argc, argv, "tabula");
        if (o.scenario == "setup") {
            bench::reportUnsupported(o, "bench_raw creates the shared tables");
            return 0;
        }
        run(o);
        return 0;
    } catch (const std::exception& e) {
        std::fprintf(stderr, "bench_tabula: %s\n", e.what());
        return 1;
    }
}
