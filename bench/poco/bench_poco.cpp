// The benchmark scenarios through Poco::Data (1.11), written the way Poco is
// meant to be used: Session and Statement with into/use, a TypeHandler that
// maps bench_items rows onto bench::Item, vector binding for batches,
// Transaction and SessionPool. One scenario per process.
#include <Poco/Data/Date.h>
#include <Poco/Data/MySQL/Connector.h>
#include <Poco/Data/PostgreSQL/Connector.h>
#include <Poco/Data/SQLite/Connector.h>
#include <Poco/Data/Session.h>
#include <Poco/Data/SessionPool.h>
#include <Poco/Data/Statement.h>
#include <Poco/Data/Transaction.h>
#include <Poco/Data/TypeHandler.h>
#include <Poco/DateTime.h>
#include <Poco/Exception.h>

#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <iostream>
#include <memory>
#include <semaphore>
#include <string>
#include <unordered_map>
#include <vector>

#include "../common/bench_common.hpp"

namespace {

// A row to insert into bench_items-like tables: every column but the
// generated id, in the types the connectors bind. Binders keep pointers to
// the bound values until execution, so the row owns them.
struct NewItem {
    Poco::Int32 qty = 0;
    Poco::Int64 score = 0;
    std::string name, note, price;
    bool active = false;
    Poco::DateTime createdAt;
    Poco::Data::Date day;
    std::string meta;
};

std::int64_t micros(const Poco::DateTime& t) { return t.timestamp().epochMicroseconds(); }

Poco::DateTime dateTimeOf(std::int64_t us) {
    return Poco::DateTime(Poco::Timestamp(static_cast<Poco::Timestamp::TimeVal>(us)));
}

std::string isoDay(const Poco::Data::Date& d) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", d.year(), d.month(), d.day());
    return buf;
}

Poco::Data::Date dateOf(const std::string& iso) {
    int y = 0, m = 0, d = 0;
    std::sscanf(iso.c_str(), "%d-%d-%d", &y, &m, &d);
    return Poco::Data::Date(y, m, d);
}

} // namespace

namespace Poco::Data {

// bench_items columns in table order: id, qty, score, name, note, price,
// active, created_at, day, meta. Poco::Data has no decimal type and its MySQL
// connector will not read DECIMAL as text, so the price is read as a double
// and rounded to cents (exact for DECIMAL(10,2) magnitudes). The timestamp
// is a Poco::DateTime, the date a Poco::Data::Date. Read only: rows are
// written through NewItem.
template <>
class TypeHandler<bench::Item> {
public:
    static std::size_t size() { return 10; }

    static void prepare(std::size_t pos, const bench::Item& it, AbstractPreparator::Ptr prep) {
        TypeHandler<Poco::Int64>::prepare(pos++, it.id, prep);
        TypeHandler<Poco::Int32>::prepare(pos++, it.qty, prep);
        TypeHandler<Poco::Int64>::prepare(pos++, it.score, prep);
        TypeHandler<std::string>::prepare(pos++, it.name, prep);
        TypeHandler<std::string>::prepare(pos++, it.note, prep);
        TypeHandler<double>::prepare(pos++, 0.0, prep);
        TypeHandler<bool>::prepare(pos++, it.active, prep);
        TypeHandler<Poco::DateTime>::prepare(pos++, Poco::DateTime(), prep);
        TypeHandler<Poco::Data::Date>::prepare(pos++, Poco::Data::Date(), prep);
        TypeHandler<std::string>::prepare(pos++, it.meta, prep);
    }

    static void extract(std::size_t pos, bench::Item& it, const bench::Item& def,
                        AbstractExtractor::Ptr ext) {
        TypeHandler<Poco::Int64>::extract(pos++, it.id, def.id, ext);
        TypeHandler<Poco::Int32>::extract(pos++, it.qty, def.qty, ext);
        TypeHandler<Poco::Int64>::extract(pos++, it.score, def.score, ext);
        TypeHandler<std::string>::extract(pos++, it.name, def.name, ext);
        TypeHandler<std::string>::extract(pos++, it.note, def.note, ext);
        double price = 0;
        TypeHandler<double>::extract(pos++, price, 0.0, ext);
        it.price = bench::twoPlaces(std::llround(price * 100));
        TypeHandler<bool>::extract(pos++, it.active, def.active, ext);
        Poco::DateTime created;
        TypeHandler<Poco::DateTime>::extract(pos++, created, Poco::DateTime(), ext);
        it.createdAtUs = micros(created);
        Poco::Data::Date day;
        TypeHandler<Poco::Data::Date>::extract(pos++, day, Poco::Data::Date(), ext);
        it.day = isoDay(day);
        TypeHandler<std::string>::extract(pos++, it.meta, def.meta, ext);
    }
};

template <>
class TypeHandler<NewItem> {
public:
    static std::size_t size() { return 9; }

    static void bind(std::size_t pos, const NewItem& r, AbstractBinder::Ptr binder,
                     AbstractBinder::Direction dir) {
        TypeHandler<Poco::Int32>::bind(pos++, r.qty, binder, dir);
        TypeHandler<Poco::Int64>::bind(pos++, r.score, binder, dir);
        TypeHandler<std::string>::bind(pos++, r.name, binder, dir);
        TypeHandler<std::string>::bind(pos++, r.note, binder, dir);
        TypeHandler<std::string>::bind(pos++, r.price, binder, dir);
        TypeHandler<bool>::bind(pos++, r.active, binder, dir);
        TypeHandler<Poco::DateTime>::bind(pos++, r.createdAt, binder, dir);
        TypeHandler<Poco::Data::Date>::bind(pos++, r.day, binder, dir);
        TypeHandler<std::string>::bind(pos++, r.meta, binder, dir);
    }

    static void prepare(std::size_t pos, const NewItem& r, AbstractPreparator::Ptr prep) {
        TypeHandler<Poco::Int32>::prepare(pos++, r.qty, prep);
        TypeHandler<Poco::Int64>::prepare(pos++, r.score, prep);
        TypeHandler<std::string>::prepare(pos++, r.name, prep);
        TypeHandler<std::string>::prepare(pos++, r.note, prep);
        TypeHandler<std::string>::prepare(pos++, r.price, prep);
        TypeHandler<bool>::prepare(pos++, r.active, prep);
        TypeHandler<Poco::DateTime>::prepare(pos++, r.createdAt, prep);
        TypeHandler<Poco::Data::Date>::prepare(pos++, r.day, prep);
        TypeHandler<std::string>::prepare(pos++, r.meta, prep);
    }

    static void extract(std::size_t, NewItem&, const NewItem&, AbstractExtractor::Ptr) {
        throw Poco::NotImplementedException("NewItem is write-only");
    }
};

} // namespace Poco::Data

namespace {

using bench::Item;
using bench::Options;
using Poco::Data::Session;
using Poco::Data::Statement;
using namespace Poco::Data::Keywords;

// Statements are written with "double-quoted" identifiers and ? markers;
// MySQL wants backticks, PostgreSQL's connector wants $1, $2, ...
std::string sqlFor(const Options& o, const std::string& sql) {
    std::string out;
    int marker = 0;
    for (char c : sql) {
        if (c == '"' && o.dialect == "mysql")
            out += '`';
        else if (c == '?' && o.dialect == "postgres")
            out += '$' + std::to_string(++marker);
        else
            out += c;
    }
    return out;
}

std::string quoteValue(const std::string& v) {
    if (!v.empty() && v.find_first_of(" '\\") == std::string::npos) return v;
    std::string out = "'";
    for (char c : v) {
        if (c == '\'' || c == '\\') out += '\\';
        out += c;
    }
    return out + "'";
}

struct Connection {
    std::string connector, parameters;
};

Connection connectionFor(const Options& o) {
    if (o.dialect == "sqlite") return {"SQLite", o.url};
    const bench::Endpoint e = bench::parseUrl(o.url);
    const std::string port = e.port ? std::to_string(e.port) : "";
    if (o.dialect == "postgres") {
        std::string conn = "host=" + quoteValue(e.host) + " dbname=" + quoteValue(e.database) +
                           " user=" + quoteValue(e.user) + " password=" + quoteValue(e.password);
        if (!port.empty()) conn += " port=" + port;
        return {"PostgreSQL", conn};
    }
    if (o.dialect == "mysql") {
        std::string conn =
            "host=" + e.host + ";db=" + e.database + ";user=" + e.user + ";password=" + e.password;
        if (!port.empty()) conn += ";port=" + port;
        return {"MySQL", conn};
    }
    throw std::invalid_argument("unknown dialect " + o.dialect);
}

Session openSession(const Options& o) {
    const Connection c = connectionFor(o);
    return Session(c.connector, c.parameters);
}

NewItem newItem(std::int64_t i) {
    Item it = bench::item(i);
    return NewItem{it.qty,
                   it.score,
                   std::move(it.name),
                   std::move(it.note),
                   std::move(it.price),
                   it.active,
                   dateTimeOf(it.createdAtUs),
                   dateOf(it.day),
                   std::move(it.meta)};
}

// Poco 1.11's MySQL connector, on MariaDB Connector/C, reads LONGTEXT (what
// MariaDB makes of JSON) as garbage or crashes, into std::string and CLOB
// alike; a CAST to a bounded CHAR hands it a VARCHAR, which it reads right.
std::string selectItems(const Options& o, const std::string& where) {
    const std::string meta = o.dialect == "mysql" ? "CAST(\"meta\" AS CHAR(4096))" : "\"meta\"";
    return sqlFor(o, "SELECT \"id\", \"qty\", \"score\", \"name\", \"note\", \"price\", "
                     "\"active\", \"created_at\", \"day\", " +
                         meta + " FROM \"bench_items\" WHERE " + where);
}

std::int64_t tableRows(Session& s, const Options& o) {
    Poco::Int64 n = 0;
    s << sqlFor(o, "SELECT COUNT(*) FROM \"bench_items\""), into(n), now;
    if (n <= 0) throw std::runtime_error("bench_items is empty: run setup first");
    return n;
}

// A primary-key lookup prepared once on one session and re-executed.
struct Lookup {
    Item row{};
    Poco::Int64 key = 0;
    Statement st;

    Lookup(Session& s, const Options& o) : st(s) {
        st << selectItems(o, "\"id\" = ?"), into(row), use(key);
    }

    const Item& fetch(std::int64_t id) {
        key = id;
        if (st.execute() != 1) throw std::runtime_error("no row with id " + std::to_string(id));
        return row;
    }
};

// ---- reads -----------------------------------------------------------------

void findByPk(const Options& o) {
    Session s = openSession(o);
    const std::int64_t rows = tableRows(s, o);
    Lookup lookup(s, o);
    bench::report(o, bench::measure(o, nullptr, [&](std::int64_t& n) {
                      std::int64_t sum = 0;
                      for (std::int64_t i = 0; i < o.size; ++i)
                          sum += bench::itemChecksum(lookup.fetch(bench::lookupId(i, rows)));
                      n = o.size;
                      return sum;
                  }));
    bench::verifyRow(lookup.fetch(1), "bench_poco");
    bench::verifyRow(lookup.fetch(rows), "bench_poco");
}

void findAll(const Options& o) {
    Session s = openSession(o);
    const std::string query = selectItems(o, "\"id\" <= ?");
    bench::report(o, bench::measure(o, nullptr, [&](std::int64_t& n) {
                      std::vector<Item> items;
                      Poco::Int64 limit = o.size;
                      s << query, into(items), use(limit), now;
                      std::int64_t sum = 0;
                      for (const Item& it : items)
                          sum += bench::itemChecksum(it);
                      n = static_cast<std::int64_t>(items.size());
                      return sum;
                  }));
}

// ---- writes ----------------------------------------------------------------

void bulkCreate(const Options& o) {
    Session s = openSession(o);
    const bool returning = o.variant == "returning";
    std::string insert = sqlFor(o, "INSERT INTO \"bench_items_w\" (\"qty\", \"score\", \"name\", "
                                   "\"note\", \"price\", \"active\", \"created_at\", \"day\", "
                                   "\"meta\") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
    const std::string insertPlain = insert;
    if (returning) insert += sqlFor(o, " RETURNING \"id\"");
    auto prepare = [&] {
        s << sqlFor(o, "DROP TABLE IF EXISTS \"bench_items_w\""), now;
        s << bench::itemsTableDdl(o.dialect, "bench_items_w"), now;
    };
    bench::report(o, bench::measure(o, prepare, [&](std::int64_t& n) {
                      std::vector<NewItem> rows;
                      if (!returning || o.dialect != "mysql") {
                          rows.reserve(static_cast<std::size_t>(o.size));
                          for (std::int64_t i = 1; i <= o.size; ++i)
                              rows.push_back(newItem(i));
                      }
                      n = o.size;
                      // A vector bound with use() runs the statement once per element.
                      Poco::Data::Transaction tr(s);
                      std::int64_t sum = o.size;
                      if (returning && o.dialect == "mysql") {
                          // Poco's MySQL connector returns no rows for INSERT ...
                          // RETURNING; the session reports each generated key.
                          NewItem row;
                          Statement st(s);
                          st << insertPlain, use(row);
                          sum = 0;
                          for (std::int64_t i = 1; i <= o.size; ++i) {
                              row = newItem(i);
                              st.execute();
                              sum += static_cast<std::int64_t>(
                                  Poco::AnyCast<Poco::UInt64>(s.getProperty("insertId")));
                          }
                      } else if (returning) {
                          std::vector<Poco::Int64> ids;
                          s << insert, use(rows), into(ids), now;
                          if (static_cast<std::int64_t>(ids.size()) != o.size)
                              throw std::runtime_error("RETURNING gave " +
                                                       std::to_string(ids.size()) + " ids");
                          sum = 0;
                          for (Poco::Int64 id : ids)
                              sum += id;
                      } else {
                          s << insert, use(rows), now;
                      }
                      tr.commit();
                      return sum;
                  }));
}

void roundtrips(const Options& o) {
    Session s = openSession(o);
    auto prepare = [&] {
        s << sqlFor(o, "DROP TABLE IF EXISTS \"bench_rt\""), now;
        s << sqlFor(o, "CREATE TABLE \"bench_rt\" (\"id\" INTEGER PRIMARY KEY, \"qty\" INTEGER)"),
            now;
        std::vector<Poco::Int32> ids, zeros(100, 0);
        for (int i = 1; i <= 100; ++i)
            ids.push_back(i);
        s << sqlFor(o, "INSERT INTO \"bench_rt\" (\"id\", \"qty\") VALUES (?, ?)"), use(ids),
            use(zeros), now;
    };
    bench::Result res = bench::measure(o, prepare, [&](std::int64_t& n) {
        Poco::Int32 v = 0, r = 0;
        Statement update(s);
        update << sqlFor(o, "UPDATE \"bench_rt\" SET \"qty\" = ? WHERE \"id\" = ?"), use(v), use(r);
        for (std::int64_t k = 1; k <= o.size; ++k) {
            Poco::Data::Transaction tr(s);
            for (r = 1; r <= 100; ++r) {
                v = static_cast<Poco::Int32>(k * 1000 + r);
                update.execute();
            }
            tr.commit();
        }
        n = o.size * 100;
        return std::int64_t{0};
    });
    Poco::Int64 sum = 0;
    s << sqlFor(o, "SELECT SUM(\"qty\") FROM \"bench_rt\""), into(sum), now;
    res.checksum = sum;
    bench::report(o, res);
}

// ---- eager: authors with posts and tags, assembled by hand ------------------

using bench::Author;
using bench::Post;
using bench::Tag;

void eager(const Options& o) {
    Session s = openSession(o);
    const std::string authorsSql = sqlFor(o, "SELECT \"id\", \"name\" FROM \"bench_authors\"");
    const std::string postsSql =
        sqlFor(o, "SELECT \"id\", \"author_id\", \"title\", \"body\" FROM \"bench_posts\"");
    const std::string tagsSql =
        sqlFor(o, "SELECT \"at\".\"author_id\", \"t\".\"id\", \"t\".\"name\" FROM "
                  "\"bench_author_tags\" \"at\" JOIN \"bench_tags\" \"t\" ON \"t\".\"id\" = "
                  "\"at\".\"tag_id\"");
    bench::report(
        o, bench::measure(o, nullptr, [&](std::int64_t& n) {
            std::vector<Author> authors;
            std::unordered_map<Poco::Int64, std::size_t> index;
            {
                std::vector<Poco::Int64> id;
                std::vector<std::string> name;
                s << authorsSql, into(id), into(name), now;
                authors.reserve(id.size());
                for (std::size_t i = 0; i < id.size(); ++i) {
                    index.emplace(id[i], authors.size());
                    authors.push_back(Author{id[i], std::move(name[i]), {}, {}});
                }
            }
            {
                std::vector<Poco::Int64> id, author;
                std::vector<std::string> title, body;
                s << postsSql, into(id), into(author), into(title), into(body), now;
                for (std::size_t i = 0; i < id.size(); ++i)
                    if (auto it = index.find(author[i]); it != index.end())
                        authors[it->second].posts.push_back(
                            Post{id[i], author[i], std::move(title[i]), std::move(body[i])});
            }
            {
                std::vector<Poco::Int64> author, id;
                std::vector<std::string> name;
                s << tagsSql, into(author), into(id), into(name), now;
                for (std::size_t i = 0; i < id.size(); ++i)
                    if (auto it = index.find(author[i]); it != index.end())
                        authors[it->second].tags.push_back(Tag{id[i], std::move(name[i])});
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
    constexpr int poolSize = 16;

    std::int64_t rows = 0;
    {
        Session s = openSession(o);
        rows = tableRows(s, o);
    }
    const Connection c = connectionFor(o);
    const std::string query = selectItems(o, "\"id\" = ?");
    // pooled: one SessionPool of 16 sessions shared by every thread; a lookup
    // takes a session, runs the query and hands the session back. Poco's pool
    // throws instead of waiting when all sessions are out, so a semaphore
    // holding 16 permits makes threads queue for one.
    Poco::Data::SessionPool sessionPool(c.connector, c.parameters, poolSize, poolSize);
    std::counting_semaphore<poolSize> permits(poolSize);
    if (pooled) {
        // Open all 16 up front, as a pool with min 16 would.
        std::vector<Session> warm;
        for (int i = 0; i < poolSize; ++i)
            warm.push_back(sessionPool.get());
    }
    // dedicated: a session and a prepared lookup per thread for the whole run.
    std::vector<Session> own;
    std::vector<std::unique_ptr<Lookup>> lookups;
    if (!pooled)
        for (int i = 0; i < poolSize; ++i) {
            own.push_back(openSession(o));
            lookups.push_back(std::make_unique<Lookup>(own.back(), o));
        }

    // Each thread's share of the lookups, timed like every other program's:
    // all threads released together.
    auto lookupRange = [&](int t, std::int64_t first, std::int64_t last) {
        std::int64_t sum = 0;
        for (std::int64_t n = first; n < last; ++n) {
            const std::int64_t id = bench::lookupId(n, rows);
            if (pooled) {
                permits.acquire();
                try {
                    Session s(sessionPool.get());
                    Item it{};
                    Poco::Int64 key = id;
                    s << query, into(it), use(key), now;
                    sum += bench::itemChecksum(it);
                } catch (...) {
                    permits.release();
                    throw;
                }
                permits.release();
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
        o = bench::parseOptions(argc, argv, "poco");
        // TIMESTAMPTZ text is rendered in the session's zone; libpq's PGTZ sets
        // it for every connection, pooled ones included (Poco's connection
        // string parser does not take libpq's quoted options=... value).
        if (o.dialect == "postgres") setenv("PGTZ", "UTC", 1);
        Poco::Data::SQLite::Connector::registerConnector();
        Poco::Data::PostgreSQL::Connector::registerConnector();
        Poco::Data::MySQL::Connector::registerConnector();
        if (o.scenario == "findByPk")
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
        else if (o.scenario == "setup")
            bench::reportUnsupported(o, "the shared tables are created by bench_raw");
        else
            throw std::invalid_argument("unknown scenario " + o.scenario);
    } catch (const Poco::Exception& e) {
        std::cerr << "bench_poco: " << e.displayText() << '\n';
        return 1;
    } catch (const std::exception& e) {
        std::cerr << "bench_poco: " << e.what() << '\n';
        return 1;
    }
    return 0;
}
