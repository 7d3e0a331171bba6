// The benchmark scenarios through SOCI 4, written the way SOCI is meant to be
// used: prepared statements with into/use, vectors for bulk transfers,
// soci::transaction and soci::connection_pool. One scenario per process.
#include <soci/mysql/soci-mysql.h>
#include <soci/postgresql/soci-postgresql.h>
#include <soci/soci.h>
#include <soci/sqlite3/soci-sqlite3.h>

#include <cmath>
#include <cstdint>
#include <ctime>
#include <exception>
#include <iostream>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "../common/bench_common.hpp"

namespace {

using bench::Item;
using bench::Options;

// Statements are written with "double-quoted" identifiers; MySQL wants
// backticks (its default sql_mode has no ANSI_QUOTES).
std::string sqlFor(const Options& o, std::string sql) {
    if (o.dialect == "mysql")
        for (char& c : sql)
            if (c == '"') c = '`';
    return sql;
}

// SOCI connection strings are key=value lists; libpq and SOCI's MySQL parser
// accept a single-quoted value, needed only when it has spaces or quotes.
std::string quoteValue(const std::string& v) {
    if (!v.empty() && v.find_first_of(" '\\") == std::string::npos) return v;
    std::string out = "'";
    for (char c : v) {
        if (c == '\'' || c == '\\') out += '\\';
        out += c;
    }
    return out + "'";
}

// Which backend and connection string a session (or a pool slot) opens with.
struct Connection {
    const soci::backend_factory* backend;
    std::string parameters;
};

Connection connectionFor(const Options& o) {
    if (o.dialect == "sqlite") return {&soci::sqlite3, "db=" + o.url + " timeout=30"};
    const bench::Endpoint e = bench::parseUrl(o.url);
    std::string conn = "host=" + quoteValue(e.host) + " user=" + quoteValue(e.user) +
                       " password=" + quoteValue(e.password);
    if (e.port) conn += " port=" + std::to_string(e.port);
    if (o.dialect == "postgres")
        return {&soci::postgresql, conn + " dbname=" + quoteValue(e.database)};
    if (o.dialect == "mysql") return {&soci::mysql, conn + " db=" + quoteValue(e.database)};
    throw std::invalid_argument("unknown dialect " + o.dialect);
}

void open(soci::session& sql, const Options& o) {
    const Connection c = connectionFor(o);
    sql.open(*c.backend, c.parameters);
    // TIMESTAMPTZ text comes back in the session zone; read it as UTC.
    if (o.dialect == "postgres") {
        sql << "SET TIME ZONE 'UTC'";
        sql << "SET client_min_messages TO WARNING";
    }
}

std::unique_ptr<soci::session> openSession(const Options& o) {
    auto s = std::make_unique<soci::session>();
    open(*s, o);
    return s;
}

std::int64_t toMicros(std::tm t) { return static_cast<std::int64_t>(timegm(&t)) * 1000000; }

std::tm fromMicros(std::int64_t us) {
    const std::time_t secs = static_cast<std::time_t>(us / 1000000);
    std::tm t{};
    gmtime_r(&secs, &t);
    return t;
}

const char* const kColumns =
    "\"id\", \"qty\", \"score\", \"name\", \"note\", \"price\", \"active\", \"created_at\", "
    "\"day\", \"meta\"";

// The output buffers of a prepared single-row SELECT of bench_items. SOCI has
// no bool or microsecond-timestamp exchange type: int and std::tm stand in.
struct RowBuffers {
    long long id = 0;
    int qty = 0;
    long long score = 0;
    std::string name, note, price, day, meta;
    int active = 0;
    std::tm createdAt{};

    void intoStatement(soci::statement& st) {
        st.exchange(soci::into(id));
        st.exchange(soci::into(qty));
        st.exchange(soci::into(score));
        st.exchange(soci::into(name));
        st.exchange(soci::into(note));
        st.exchange(soci::into(price));
        st.exchange(soci::into(active));
        st.exchange(soci::into(createdAt));
        st.exchange(soci::into(day));
        st.exchange(soci::into(meta));
    }

    Item item() const {
        return Item{id, qty, score, name, note, price, active != 0, toMicros(createdAt), day, meta};
    }
};

// A prepared primary-key lookup bound to one session.
struct Lookup {
    RowBuffers row;
    long long key = 0;
    soci::statement st;

    Lookup(soci::session& sql, const Options& o) : st(sql) {
        row.intoStatement(st);
        st.exchange(soci::use(key));
        st.alloc();
        st.prepare(sqlFor(o, std::string("SELECT ") + kColumns +
                                 " FROM \"bench_items\" WHERE \"id\" = :id"));
        st.define_and_bind();
    }

    Item fetch(std::int64_t id) {
        key = id;
        if (!st.execute(true)) throw std::runtime_error("no row with id " + std::to_string(id));
        return row.item();
    }
};

std::int64_t tableRows(soci::session& sql, const Options& o) {
    long long n = 0;
    sql << sqlFor(o, "SELECT COUNT(*) FROM \"bench_items\""), soci::into(n);
    if (n <= 0) throw std::runtime_error("bench_items is empty: run setup first");
    return n;
}

void recreateItemsTable(soci::session& sql, const Options& o, const std::string& table) {
    sql << sqlFor(o, "DROP TABLE IF EXISTS \"" + table + "\"");
    sql << bench::itemsTableDdl(o.dialect, table);
}

// Column vectors for a bulk insert of items first..last into bench_items-like tables.
struct ItemColumns {
    std::vector<int> qty, active;
    std::vector<long long> score;
    std::vector<std::string> name, note, price, day, meta;
    std::vector<std::tm> createdAt;

    void add(const Item& it) {
        qty.push_back(it.qty);
        score.push_back(it.score);
        name.push_back(it.name);
        note.push_back(it.note);
        price.push_back(it.price);
        active.push_back(it.active ? 1 : 0);
        createdAt.push_back(fromMicros(it.createdAtUs));
        day.push_back(it.day);
        meta.push_back(it.meta);
    }
    void clear() { *this = ItemColumns{}; }
};

std::string insertItemSql(const Options& o, const std::string& table) {
    return sqlFor(o, "INSERT INTO \"" + table +
                         "\" (\"qty\", \"score\", \"name\", \"note\", \"price\", \"active\", "
                         "\"created_at\", \"day\", \"meta\") VALUES (:qty, :score, :name, :note, "
                         ":price, :active, :created_at, :day, :meta)");
}

// Inserts rows first..last in batches of vector binds, inside the caller's transaction.
void insertItems(soci::session& sql, const Options& o, const std::string& table, std::int64_t first,
                 std::int64_t last) {
    constexpr std::int64_t batch = 1000;
    ItemColumns c;
    for (std::int64_t from = first; from <= last; from += batch) {
        c.clear();
        for (std::int64_t i = from; i <= last && i < from + batch; ++i)
            c.add(bench::item(i));
        sql << insertItemSql(o, table), soci::use(c.qty), soci::use(c.score), soci::use(c.name),
            soci::use(c.note), soci::use(c.price), soci::use(c.active), soci::use(c.createdAt),
            soci::use(c.day), soci::use(c.meta);
    }
}

// ---- setup (a small stand-alone fixture; the canonical one is bench_raw's) ----

void setup(const Options& o) {
    auto sqlp = openSession(o);
    soci::session& sql = *sqlp;
    if (o.dialect == "sqlite") sql << "PRAGMA journal_mode=WAL";
    for (const char* t :
         {"bench_author_tags", "bench_posts", "bench_tags", "bench_authors", "bench_items"})
        sql << sqlFor(o, std::string("DROP TABLE IF EXISTS \"") + t + "\"");
    recreateItemsTable(sql, o, "bench_items");
    sql << sqlFor(o, "CREATE TABLE \"bench_authors\" (\"id\" INTEGER PRIMARY KEY, "
                     "\"name\" VARCHAR(64))");
    sql << sqlFor(o, "CREATE TABLE \"bench_posts\" (\"id\" INTEGER PRIMARY KEY, "
                     "\"author_id\" INTEGER, \"title\" VARCHAR(128), \"body\" TEXT)");
    sql << sqlFor(o, "CREATE INDEX \"bench_posts_author_id\" ON \"bench_posts\" (\"author_id\")");
    sql << sqlFor(o,
                  "CREATE TABLE \"bench_tags\" (\"id\" INTEGER PRIMARY KEY, \"name\" VARCHAR(32))");
    sql << sqlFor(o, "CREATE TABLE \"bench_author_tags\" (\"author_id\" INTEGER, \"tag_id\" "
                     "INTEGER, PRIMARY KEY (\"author_id\", \"tag_id\"))");

    soci::transaction tr(sql);
    insertItems(sql, o, "bench_items", 1, o.size);
    std::vector<int> ids, fk;
    std::vector<std::string> names, bodies;
    for (int a = 1; a <= 1000; ++a)
        ids.push_back(a), names.push_back("author-" + std::to_string(a));
    sql << sqlFor(o, "INSERT INTO \"bench_authors\" (\"id\", \"name\") VALUES (:id, :name)"),
        soci::use(ids), soci::use(names);
    ids.clear(), names.clear();
    for (int a = 1; a <= 1000; ++a)
        for (int j = 1; j <= 10; ++j) {
            const int id = (a - 1) * 10 + j;
            ids.push_back(id), fk.push_back(a);
            names.push_back("post-" + std::to_string(id));
            bodies.push_back("body of post " + std::to_string(id));
        }
    sql << sqlFor(o, "INSERT INTO \"bench_posts\" (\"id\", \"author_id\", \"title\", \"body\") "
                     "VALUES (:id, :a, :t, :b)"),
        soci::use(ids), soci::use(fk), soci::use(names), soci::use(bodies);
    ids.clear(), names.clear(), fk.clear();
    for (int t = 1; t <= 50; ++t)
        ids.push_back(t), names.push_back("tag-" + std::to_string(t));
    sql << sqlFor(o, "INSERT INTO \"bench_tags\" (\"id\", \"name\") VALUES (:id, :name)"),
        soci::use(ids), soci::use(names);
    ids.clear();
    for (int a = 1; a <= 1000; ++a)
        for (int k = 0; k < 3; ++k)
            fk.push_back(a), ids.push_back((a * 7 + k * 11) % 50 + 1);
    sql << sqlFor(o, "INSERT INTO \"bench_author_tags\" (\"author_id\", \"tag_id\") "
                     "VALUES (:a, :t)"),
        soci::use(fk), soci::use(ids);
    tr.commit();
    bench::Result r;
    r.rows = o.size;
    r.checksum = o.size;
    bench::report(o, r);
}

// ---- read scenarios --------------------------------------------------------

void findByPk(const Options& o) {
    auto sqlp = openSession(o);
    const std::int64_t rows = tableRows(*sqlp, o);
    Lookup lookup(*sqlp, o);
    bench::report(o, bench::measure(o, nullptr, [&](std::int64_t& n) {
                      std::int64_t sum = 0;
                      for (std::int64_t i = 0; i < o.size; ++i)
                          sum += bench::itemChecksum(lookup.fetch(bench::lookupId(i, rows)));
                      n = o.size;
                      return sum;
                  }));
    bench::verifyRow(lookup.fetch(1), "bench_soci");
    bench::verifyRow(lookup.fetch(rows), "bench_soci");
}

void findAll(const Options& o) {
    auto sqlp = openSession(o);
    soci::session& sql = *sqlp;
    const std::string query =
        sqlFor(o, std::string("SELECT ") + kColumns + " FROM \"bench_items\" WHERE \"id\" <= :n");
    bench::report(o, bench::measure(o, nullptr, [&](std::int64_t& n) {
                      // Bulk fetch: SOCI fills each vector with up to `batch` rows per fetch().
                      constexpr std::size_t batch = 1000;
                      std::vector<long long> id(batch), score(batch);
                      std::vector<int> qty(batch), active(batch);
                      std::vector<std::string> name(batch), note(batch), price(batch), day(batch),
                          meta(batch);
                      std::vector<std::tm> createdAt(batch);
                      // SQLite keeps DECIMAL as REAL, and SOCI's bulk fetch renders a REAL
                      // into a string with 20 digits (21.09 -> 21.08999...): take a double
                      // there and round it to cents.
                      const bool realPrice = o.dialect == "sqlite";
                      std::vector<double> priceReal(realPrice ? batch : 0);
                      long long limit = o.size;
                      soci::statement st(sql);
                      st.exchange(soci::into(id));
                      st.exchange(soci::into(qty));
                      st.exchange(soci::into(score));
                      st.exchange(soci::into(name));
                      st.exchange(soci::into(note));
                      if (realPrice)
                          st.exchange(soci::into(priceReal));
                      else
                          st.exchange(soci::into(price));
                      st.exchange(soci::into(active));
                      st.exchange(soci::into(createdAt));
                      st.exchange(soci::into(day));
                      st.exchange(soci::into(meta));
                      st.exchange(soci::use(limit));
                      st.alloc();
                      st.prepare(query);
                      st.define_and_bind();
                      std::vector<Item> items;
                      items.reserve(static_cast<std::size_t>(o.size));
                      st.execute();
                      while (st.fetch()) {
                          if (realPrice)
                              for (std::size_t i = 0; i < id.size(); ++i)
                                  price[i] = bench::twoPlaces(std::llround(priceReal[i] * 100));
                          for (std::size_t i = 0; i < id.size(); ++i)
                              items.push_back(Item{id[i], qty[i], score[i], std::move(name[i]),
                                                   std::move(note[i]), std::move(price[i]),
                                                   active[i] != 0, toMicros(createdAt[i]),
                                                   std::move(day[i]), std::move(meta[i])});
                          for (auto* v : {&id, &score})
                              v->resize(batch);
                          for (auto* v : {&qty, &active})
                              v->resize(batch);
                          for (auto* v : {&name, &note, &price, &day, &meta})
                              v->resize(batch);
                          createdAt.resize(batch);
                          if (realPrice) priceReal.resize(batch);
                      }
                      std::int64_t sum = 0;
                      for (const Item& it : items)
                          sum += bench::itemChecksum(it);
                      n = static_cast<std::int64_t>(items.size());
                      return sum;
                  }));
}

// ---- writes ----------------------------------------------------------------

void bulkCreate(const Options& o) {
    auto sqlp = openSession(o);
    soci::session& sql = *sqlp;
    const bool returning = o.variant == "returning";
    bench::report(o, bench::measure(
                         o, [&] { recreateItemsTable(sql, o, "bench_items_w"); },
                         [&](std::int64_t& n) {
                             n = o.size;
                             soci::transaction tr(sql);
                             if (!returning) {
                                 insertItems(sql, o, "bench_items_w", 1, o.size);
                                 tr.commit();
                                 return o.size;
                             }
                             // Vector binds cannot be combined with into(), so each row is one
                             // execution of a prepared statement that yields its id.
                             std::int64_t sum = 0;
                             int qty = 0, active = 0;
                             long long score = 0, id = 0;
                             std::string name, note, price, day, meta;
                             std::tm createdAt{};
                             std::string text = insertItemSql(o, "bench_items_w");
                             if (o.dialect == "postgres") text += " RETURNING \"id\"";
                             soci::statement st(sql);
                             st.exchange(soci::use(qty));
                             st.exchange(soci::use(score));
                             st.exchange(soci::use(name));
                             st.exchange(soci::use(note));
                             st.exchange(soci::use(price));
                             st.exchange(soci::use(active));
                             st.exchange(soci::use(createdAt));
                             st.exchange(soci::use(day));
                             st.exchange(soci::use(meta));
                             if (o.dialect == "postgres") st.exchange(soci::into(id));
                             st.alloc();
                             st.prepare(text);
                             st.define_and_bind();
                             for (std::int64_t i = 1; i <= o.size; ++i) {
                                 Item it = bench::item(i);
                                 qty = it.qty, score = it.score, active = it.active ? 1 : 0;
                                 name = std::move(it.name), note = std::move(it.note);
                                 price = std::move(it.price), day = std::move(it.day);
                                 meta = std::move(it.meta), createdAt = fromMicros(it.createdAtUs);
                                 st.execute(true);
                                 // sqlite and MySQL report the generated key through the session.
                                 if (o.dialect != "postgres" &&
                                     !sql.get_last_insert_id("bench_items_w", id))
                                     throw std::runtime_error("no last insert id");
                                 sum += id;
                             }
                             tr.commit();
                             return sum;
                         }));
}

void roundtrips(const Options& o) {
    auto sqlp = openSession(o);
    soci::session& sql = *sqlp;
    int v = 0, r = 0;
    auto prepare = [&] {
        sql << sqlFor(o, "DROP TABLE IF EXISTS \"bench_rt\"");
        sql << sqlFor(o, "CREATE TABLE \"bench_rt\" (\"id\" INTEGER PRIMARY KEY, \"qty\" INTEGER)");
        std::vector<int> ids, zeros(100, 0);
        for (int i = 1; i <= 100; ++i)
            ids.push_back(i);
        sql << sqlFor(o, "INSERT INTO \"bench_rt\" (\"id\", \"qty\") VALUES (:id, :qty)"),
            soci::use(ids), soci::use(zeros);
    };
    bench::Result res = bench::measure(o, prepare, [&](std::int64_t& n) {
        soci::statement st = (sql.prepare << sqlFor(o, "UPDATE \"bench_rt\" SET \"qty\" = :v "
                                                       "WHERE \"id\" = :r"),
                              soci::use(v), soci::use(r));
        for (std::int64_t k = 1; k <= o.size; ++k) {
            soci::transaction tr(sql);
            for (r = 1; r <= 100; ++r) {
                v = static_cast<int>(k * 1000 + r);
                st.execute(true);
            }
            tr.commit();
        }
        n = o.size * 100;
        return std::int64_t{0};
    });
    long long sum = 0;
    sql << sqlFor(o, "SELECT SUM(\"qty\") FROM \"bench_rt\""), soci::into(sum);
    res.checksum = sum;
    bench::report(o, res);
}

// ---- eager: authors with posts and tags, assembled by hand ------------------

using bench::Author;
using bench::Post;
using bench::Tag;

void eager(const Options& o) {
    auto sqlp = openSession(o);
    soci::session& sql = *sqlp;
    bench::report(
        o, bench::measure(o, nullptr, [&](std::int64_t& n) {
            constexpr std::size_t batch = 1000;
            std::vector<Author> authors;
            std::unordered_map<long long, std::size_t> index;
            {
                std::vector<long long> id(batch);
                std::vector<std::string> name(batch);
                soci::statement st = (sql.prepare << sqlFor(o, "SELECT \"id\", \"name\" FROM "
                                                               "\"bench_authors\""),
                                      soci::into(id), soci::into(name));
                st.execute();
                while (st.fetch()) {
                    for (std::size_t i = 0; i < id.size(); ++i) {
                        index.emplace(id[i], authors.size());
                        authors.push_back(Author{id[i], std::move(name[i]), {}, {}});
                    }
                    id.resize(batch), name.resize(batch);
                }
            }
            {
                std::vector<long long> id(batch), author(batch);
                std::vector<std::string> title(batch), body(batch);
                soci::statement st =
                    (sql.prepare << sqlFor(o, "SELECT \"id\", \"author_id\", "
                                              "\"title\", \"body\" FROM \"bench_posts\""),
                     soci::into(id), soci::into(author), soci::into(title), soci::into(body));
                st.execute();
                while (st.fetch()) {
                    for (std::size_t i = 0; i < id.size(); ++i)
                        if (auto it = index.find(author[i]); it != index.end())
                            authors[it->second].posts.push_back(
                                Post{id[i], author[i], std::move(title[i]), std::move(body[i])});
                    id.resize(batch), author.resize(batch);
                    title.resize(batch), body.resize(batch);
                }
            }
            {
                std::vector<long long> author(batch), id(batch);
                std::vector<std::string> name(batch);
                soci::statement st =
                    (sql.prepare << sqlFor(o, "SELECT \"at\".\"author_id\", \"t\".\"id\", "
                                              "\"t\".\"name\" FROM \"bench_author_tags\" "
                                              "\"at\" JOIN \"bench_tags\" \"t\" ON "
                                              "\"t\".\"id\" = \"at\".\"tag_id\""),
                     soci::into(author), soci::into(id), soci::into(name));
                st.execute();
                while (st.fetch()) {
                    for (std::size_t i = 0; i < id.size(); ++i)
                        if (auto it = index.find(author[i]); it != index.end())
                            authors[it->second].tags.push_back(Tag{id[i], std::move(name[i])});
                    author.resize(batch), id.resize(batch), name.resize(batch);
                }
            }
            n = static_cast<std::int64_t>(authors.size());
            return bench::eagerChecksum(authors);
        }));
}

// ---- pool ------------------------------------------------------------------

void pool(const Options& o) {
    const bool pooled = o.variant == "pooled";
    if (!pooled && o.variant != "dedicated")
        throw std::invalid_argument("pool needs --variant pooled or dedicated");
    if (!pooled && o.threads != 16) throw std::invalid_argument("dedicated needs --threads 16");
    if (o.threads < 1) throw std::invalid_argument("--threads must be positive");
    constexpr std::size_t poolSize = 16;

    std::int64_t rows = 0;
    {
        auto s = openSession(o);
        rows = tableRows(*s, o);
    }
    // pooled: one connection_pool of 16 sessions shared by every thread; each
    // lookup leases a session, runs the lookup prepared on it and gives it back.
    // dedicated: a session per thread for the whole run.
    soci::connection_pool sociPool(poolSize);
    std::vector<std::unique_ptr<soci::session>> own;
    std::vector<std::unique_ptr<Lookup>> lookups;
    for (std::size_t i = 0; i < poolSize; ++i) {
        soci::session* s = nullptr;
        if (pooled) {
            s = &sociPool.at(i);
            open(*s, o);
        } else {
            own.push_back(openSession(o));
            s = own.back().get();
        }
        lookups.push_back(std::make_unique<Lookup>(*s, o));
    }

    // Each thread's share of the lookups, timed like every other program's:
    // all threads released together.
    auto lookupRange = [&](int t, std::int64_t first, std::int64_t last) {
        std::int64_t sum = 0;
        for (std::int64_t n = first; n < last; ++n) {
            const std::int64_t id = bench::lookupId(n, rows);
            if (pooled) {
                const std::size_t pos = sociPool.lease();
                try {
                    sum += bench::itemChecksum(lookups[pos]->fetch(id));
                } catch (...) {
                    sociPool.give_back(pos);
                    throw;
                }
                sociPool.give_back(pos);
            } else {
                sum += bench::itemChecksum(lookups[static_cast<std::size_t>(t)]->fetch(id));
            }
        }
        return sum;
    };
    bench::Result r = bench::measure(o, nullptr, [&](std::int64_t& done) {
        done = o.size;
        return bench::runThreads(o.threads, o.size, lookupRange);
    });
    bench::report(o, r);
}

} // namespace

int main(int argc, char** argv) {
    Options o;
    try {
        o = bench::parseOptions(argc, argv, "soci");
        if (o.scenario == "setup")
            setup(o);
        else if (o.scenario == "findByPk")
            findByPk(o);
        else if (o.scenario == "findAll")
            findAll(o);
        else if (o.scenario == "bulkCreate")
            bulkCreate(o);
        else if (o.scenario == "roundtrips")
            roundtrips(o);
        else if (o.scenario == "eager")
            eager(o);
        else if (o.scenario == "pool")
            pool(o);
        else
            throw std::invalid_argument("unknown scenario " + o.scenario);
    } catch (const std::exception& e) {
        std::cerr << "bench_soci: " << e.what() << '\n';
        return 1;
    }
    return 0;
}
