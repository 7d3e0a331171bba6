// The PostgreSQL part of bench_raw: libpq with named prepared statements,
// binary parameters and binary results (no text parsing on reads), COPY for
// bulk loads that need no ids back.
#include "raw.hpp"

#include <libpq-fe.h>

#include <cstring>

namespace bench::raw {
namespace {

constexpr Oid int4Oid = 23;
constexpr Oid int8Oid = 20;
// Microseconds and days between 1970-01-01 and PostgreSQL's 2000-01-01 epoch.
constexpr std::int64_t pgEpochUs = 946684800LL * 1000000;
constexpr std::int64_t pgEpochDays = 10957;

struct ResultDeleter {
    void operator()(PGresult* r) const { PQclear(r); }
};
using PgResult = std::unique_ptr<PGresult, ResultDeleter>;

std::uint16_t be16(const char* p) {
    std::uint16_t v;
    std::memcpy(&v, p, 2);
    return __builtin_bswap16(v);
}
std::uint32_t be32(const char* p) {
    std::uint32_t v;
    std::memcpy(&v, p, 4);
    return __builtin_bswap32(v);
}
std::uint64_t be64(const char* p) {
    std::uint64_t v;
    std::memcpy(&v, p, 8);
    return __builtin_bswap64(v);
}

// NUMERIC in binary (base-10000 digits) to its exact decimal text.
std::string numericText(const char* p) {
    const int ndigits = static_cast<std::int16_t>(be16(p));
    const int weight = static_cast<std::int16_t>(be16(p + 2));
    const std::uint16_t sign = be16(p + 4);
    const int dscale = be16(p + 6);
    auto digit = [&](int i) { return i >= 0 && i < ndigits ? be16(p + 8 + 2 * i) : 0; };
    std::string out;
    if (sign == 0xC000) return "NaN";
    if (sign == 0x4000) out += '-';
    if (weight < 0) {
        out += '0';
    } else {
        char buf[8];
        for (int i = 0; i <= weight; ++i) {
            std::snprintf(buf, sizeof buf, i ? "%04u" : "%u", digit(i));
            out += buf;
        }
    }
    if (dscale > 0) {
        out += '.';
        std::string frac;
        char buf[8];
        for (int i = weight + 1; static_cast<int>(frac.size()) < dscale; ++i) {
            std::snprintf(buf, sizeof buf, "%04u", digit(i));
            frac += buf;
        }
        frac.resize(static_cast<std::size_t>(dscale));
        out += frac;
    }
    return out;
}

class PgConn {
public:
    explicit PgConn(const std::string& url) {
        const Endpoint e = parseUrl(url);
        const std::string port = std::to_string(e.port ? e.port : 5432);
        const char* keys[] = {"host", "port", "user", "password", "dbname", nullptr};
        const char* values[] = {e.host.c_str(),     port.c_str(),       e.user.c_str(),
                                e.password.c_str(), e.database.c_str(), nullptr};
        conn_ = PQconnectdbParams(keys, values, 0);
        if (PQstatus(conn_) != CONNECTION_OK) {
            const std::string message = PQerrorMessage(conn_);
            PQfinish(conn_);
            throw std::runtime_error("cannot connect: " + message);
        }
        PQsetNoticeProcessor(
            conn_, [](void*, const char*) {}, nullptr);
    }
    ~PgConn() { PQfinish(conn_); }
    PgConn(const PgConn&) = delete;
    PgConn& operator=(const PgConn&) = delete;

    PGconn* get() const { return conn_; }

    PgResult check(PGresult* r, const std::string& what) const {
        PgResult result(r);
        const ExecStatusType status = PQresultStatus(r);
        if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK && status != PGRES_COPY_IN)
            throw std::runtime_error(what + ": " + PQerrorMessage(conn_));
        return result;
    }
    void exec(const std::string& sql) const { check(PQexec(conn_, sql.c_str()), sql); }
    void prepare(const char* name, const std::string& sql, int nParams = 0,
                 const Oid* types = nullptr) const {
        check(PQprepare(conn_, name, sql.c_str(), nParams, types), sql);
    }
    // Runs a prepared statement: binary results, and binary parameters
    // where `formats` says so.
    PgResult run(const char* name, int n, const char* const* values, const int* lengths,
                 const int* formats) const {
        return check(PQexecPrepared(conn_, name, n, values, lengths, formats, 1), name);
    }
    std::int64_t scalar(const std::string& sql) const {
        PgResult r = check(PQexec(conn_, sql.c_str()), sql);
        return std::stoll(PQgetvalue(r.get(), 0, 0));
    }

private:
    PGconn* conn_ = nullptr;
};

const char* const itemColumns =
    "\"id\", \"qty\", \"score\", \"name\", \"note\", \"price\", \"active\", \"created_at\", "
    "\"day\", \"meta\"";

std::string cell(const PGresult* r, int row, int col) {
    return std::string(PQgetvalue(r, row, col), static_cast<std::size_t>(PQgetlength(r, row, col)));
}
std::int64_t int4(const PGresult* r, int row, int col) {
    return static_cast<std::int32_t>(be32(PQgetvalue(r, row, col)));
}
std::int64_t int8(const PGresult* r, int row, int col) {
    return static_cast<std::int64_t>(be64(PQgetvalue(r, row, col)));
}

Item readItem(const PGresult* r, int row) {
    Item it;
    it.id = int4(r, row, 0);
    it.qty = static_cast<std::int32_t>(int4(r, row, 1));
    it.score = int8(r, row, 2);
    it.name = cell(r, row, 3);
    it.note = cell(r, row, 4);
    it.price = numericText(PQgetvalue(r, row, 5));
    it.active = PQgetvalue(r, row, 6)[0] != 0;
    it.createdAtUs = int8(r, row, 7) + pgEpochUs;
    it.day = isoDay(static_cast<std::int32_t>(be32(PQgetvalue(r, row, 8))) + pgEpochDays);
    it.meta = cell(r, row, 9);
    return it;
}

// One connection with its lookup statement prepared.
struct Conn {
    explicit Conn(const std::string& url) : pg(url) {
        pg.prepare("lookup",
                   std::string("SELECT ") + itemColumns + " FROM \"bench_items\" WHERE \"id\" = $1",
                   1, &int4Oid);
    }
    PgConn pg;

    std::int64_t find(std::int64_t id) const {
        const std::uint32_t key = __builtin_bswap32(static_cast<std::uint32_t>(id));
        const char* values[] = {reinterpret_cast<const char*>(&key)};
        const int lengths[] = {4}, formats[] = {1};
        PgResult r = pg.run("lookup", 1, values, lengths, formats);
        if (PQntuples(r.get()) != 1) throw std::runtime_error("no row " + std::to_string(id));
        return itemChecksum(readItem(r.get(), 0));
    }
};

// COPY text format: backslash, tab and line breaks escaped.
void copyText(std::string& out, const std::string& v) {
    for (char c : v) {
        switch (c) {
        case '\\': out += "\\\\"; break;
        case '\t': out += "\\t"; break;
        case '\n': out += "\\n"; break;
        case '\r': out += "\\r"; break;
        default: out += c;
        }
    }
}

void copyRows(const PgConn& pg, const std::string& copySql,
              const std::function<bool(std::string&)>& nextLine) {
    pg.check(PQexec(pg.get(), copySql.c_str()), copySql);
    std::string buffer;
    buffer.reserve(1 << 17);
    auto flush = [&] {
        if (PQputCopyData(pg.get(), buffer.data(), static_cast<int>(buffer.size())) != 1)
            throw std::runtime_error(std::string("COPY: ") + PQerrorMessage(pg.get()));
        buffer.clear();
    };
    while (nextLine(buffer))
        if (buffer.size() >= (1 << 16)) flush();
    if (!buffer.empty()) flush();
    if (PQputCopyEnd(pg.get(), nullptr) != 1)
        throw std::runtime_error(std::string("COPY end: ") + PQerrorMessage(pg.get()));
    pg.check(PQgetResult(pg.get()), "COPY");
    while (PGresult* extra = PQgetResult(pg.get()))
        PQclear(extra);
}

void copyItems(const PgConn& pg, const std::string& table, const std::vector<Item>& items) {
    std::size_t at = 0;
    copyRows(pg,
             "COPY \"" + table +
                 "\" (\"qty\", \"score\", \"name\", \"note\", \"price\", \"active\", "
                 "\"created_at\", \"day\", \"meta\") FROM STDIN",
             [&](std::string& out) {
                 if (at == items.size()) return false;
                 const Item& r = items[at++];
                 out += std::to_string(r.qty);
                 out += '\t';
                 out += std::to_string(r.score);
                 out += '\t';
                 copyText(out, r.name);
                 out += '\t';
                 copyText(out, r.note);
                 out += '\t';
                 out += r.price;
                 out += r.active ? "\tt\t" : "\tf\t";
                 out += formatTimestampText(r.createdAtUs);
                 out += '\t';
                 out += r.day;
                 out += '\t';
                 copyText(out, r.meta);
                 out += '\n';
                 return true;
             });
}

constexpr int chunkRows = 1000;

// Multi-row INSERT ... RETURNING with text parameters; returns the id sum.
std::int64_t insertReturning(const PgConn& pg, const std::string& table,
                             const std::vector<Item>& items) {
    std::int64_t sum = 0;
    bool fullPrepared = false, tailPrepared = false;
    std::vector<std::string> text(static_cast<std::size_t>(chunkRows) * 4);
    std::vector<const char*> values(static_cast<std::size_t>(chunkRows) * 9);
    std::vector<int> lengths(values.size()), formats(values.size(), 0);
    for (std::size_t at = 0; at < items.size(); at += chunkRows) {
        const int n = static_cast<int>(std::min<std::size_t>(chunkRows, items.size() - at));
        const char* name = n == chunkRows ? "insert_full" : "insert_tail";
        bool& prepared = n == chunkRows ? fullPrepared : tailPrepared;
        if (!prepared) {
            std::string sql = "INSERT INTO \"" + table +
                              "\" (\"qty\", \"score\", \"name\", \"note\", \"price\", "
                              "\"active\", \"created_at\", \"day\", \"meta\") VALUES ";
            for (int i = 0; i < n; ++i) {
                sql += i ? ",(" : "(";
                for (int c = 1; c <= 9; ++c)
                    sql += (c > 1 ? ",$" : "$") + std::to_string(i * 9 + c);
                sql += ')';
            }
            sql += " RETURNING \"id\"";
            pg.prepare(name, sql);
            prepared = true;
        }
        for (int i = 0; i < n; ++i) {
            const Item& r = items[at + static_cast<std::size_t>(i)];
            std::string* t = &text[static_cast<std::size_t>(i) * 4];
            t[0] = std::to_string(r.qty);
            t[1] = std::to_string(r.score);
            t[2] = formatTimestampText(r.createdAtUs);
            const char** v = &values[static_cast<std::size_t>(i) * 9];
            int* len = &lengths[static_cast<std::size_t>(i) * 9];
            v[0] = t[0].c_str(), len[0] = static_cast<int>(t[0].size());
            v[1] = t[1].c_str(), len[1] = static_cast<int>(t[1].size());
            v[2] = r.name.c_str(), len[2] = static_cast<int>(r.name.size());
            v[3] = r.note.c_str(), len[3] = static_cast<int>(r.note.size());
            v[4] = r.price.c_str(), len[4] = static_cast<int>(r.price.size());
            v[5] = r.active ? "t" : "f", len[5] = 1;
            v[6] = t[2].c_str(), len[6] = static_cast<int>(t[2].size());
            v[7] = r.day.c_str(), len[7] = static_cast<int>(r.day.size());
            v[8] = r.meta.c_str(), len[8] = static_cast<int>(r.meta.size());
        }
        PgResult res = pg.run(name, n * 9, values.data(), lengths.data(), formats.data());
        for (int row = 0; row < PQntuples(res.get()); ++row)
            sum += int4(res.get(), row, 0);
    }
    return sum;
}

void setup(const Options& o) {
    PgConn pg(o.url);
    Result result = measure(o, nullptr, [&](std::int64_t& rows) {
        pg.exec("DROP TABLE IF EXISTS \"bench_items\", \"bench_items_w\", \"bench_rt\", "
                "\"bench_author_tags\", \"bench_posts\", \"bench_tags\", \"bench_authors\"");
        pg.exec(itemsTableDdl("postgres", "bench_items"));
        pg.exec(
            "CREATE TABLE \"bench_authors\" (\"id\" INTEGER PRIMARY KEY, \"name\" VARCHAR(64))");
        pg.exec("CREATE TABLE \"bench_posts\" (\"id\" INTEGER PRIMARY KEY, \"author_id\" INTEGER, "
                "\"title\" VARCHAR(128), \"body\" TEXT)");
        pg.exec("CREATE INDEX \"bench_posts_author_id\" ON \"bench_posts\" (\"author_id\")");
        pg.exec("CREATE TABLE \"bench_tags\" (\"id\" INTEGER PRIMARY KEY, \"name\" VARCHAR(32))");
        pg.exec("CREATE TABLE \"bench_author_tags\" (\"author_id\" INTEGER, \"tag_id\" INTEGER, "
                "PRIMARY KEY (\"author_id\", \"tag_id\"))");
        const std::vector<Item> items = bench::items(o.size);
        pg.exec("BEGIN");
        copyItems(pg, "bench_items", items);
        std::int64_t next = 1;
        copyRows(pg, "COPY \"bench_authors\" (\"id\", \"name\") FROM STDIN", [&](std::string& out) {
            if (next > authorCount) return false;
            out += std::to_string(next) + "\tauthor-" + std::to_string(next) + "\n";
            ++next;
            return true;
        });
        next = 1;
        copyRows(pg, "COPY \"bench_posts\" (\"id\", \"author_id\", \"title\", \"body\") FROM STDIN",
                 [&](std::string& out) {
                     if (next > authorCount * 10) return false;
                     const std::string id = std::to_string(next);
                     out += id + "\t" + std::to_string((next - 1) / 10 + 1) + "\tpost-" + id +
                            "\tbody of post " + id + "\n";
                     ++next;
                     return true;
                 });
        next = 1;
        copyRows(pg, "COPY \"bench_tags\" (\"id\", \"name\") FROM STDIN", [&](std::string& out) {
            if (next > tagCount) return false;
            out += std::to_string(next) + "\ttag-" + std::to_string(next) + "\n";
            ++next;
            return true;
        });
        next = 0;
        copyRows(pg, "COPY \"bench_author_tags\" (\"author_id\", \"tag_id\") FROM STDIN",
                 [&](std::string& out) {
                     if (next >= authorCount * 3) return false;
                     const std::int64_t a = next / 3 + 1;
                     out += std::to_string(a) + "\t" +
                            std::to_string(authorTag(a, static_cast<int>(next % 3))) + "\n";
                     ++next;
                     return true;
                 });
        pg.exec("COMMIT");
        pg.exec("ANALYZE \"bench_items\", \"bench_authors\", \"bench_posts\", \"bench_tags\", "
                "\"bench_author_tags\"");
        rows = o.size;
        return pg.scalar("SELECT COUNT(*) FROM \"bench_items\"");
    });
    report(o, result);
}

void recreate(const PgConn& pg, const std::string& table, const std::string& ddl) {
    pg.exec("DROP TABLE IF EXISTS \"" + table + "\"");
    pg.exec(ddl);
}

} // namespace

void runPostgres(const Options& o) {
    if (o.scenario == "setup") return setup(o);
    Result result;
    if (o.scenario == "findByPk") {
        Conn conn(o.url);
        const std::int64_t total = conn.pg.scalar("SELECT COUNT(*) FROM \"bench_items\"");
        result = measure(o, nullptr, [&](std::int64_t& rows) {
            std::int64_t sum = 0;
            for (std::int64_t n = 0; n < o.size; ++n)
                sum += conn.find(lookupId(n, total));
            rows = o.size;
            return sum;
        });
    } else if (o.scenario == "findAll") {
        PgConn pg(o.url);
        pg.prepare("range",
                   std::string("SELECT ") + itemColumns +
                       " FROM \"bench_items\" WHERE \"id\" <= $1",
                   1, &int8Oid);
        result = measure(o, nullptr, [&](std::int64_t& rows) {
            const std::uint64_t key = __builtin_bswap64(static_cast<std::uint64_t>(o.size));
            const char* values[] = {reinterpret_cast<const char*>(&key)};
            const int lengths[] = {8}, formats[] = {1};
            PgResult r = pg.run("range", 1, values, lengths, formats);
            const int n = PQntuples(r.get());
            std::vector<Item> items;
            items.reserve(static_cast<std::size_t>(n));
            for (int row = 0; row < n; ++row)
                items.push_back(readItem(r.get(), row));
            std::int64_t sum = 0;
            for (const Item& it : items)
                sum += itemChecksum(it);
            rows = n;
            return sum;
        });
    } else if (o.scenario == "bulkCreate") {
        PgConn pg(o.url);
        const bool returning = o.variant == "returning";
        const std::vector<Item> items = bench::items(o.size);
        result = measure(
            o,
            [&] {
                recreate(pg, "bench_items_w", itemsTableDdl("postgres", "bench_items_w"));
                // Statements prepared against the old table would be stale.
                pg.exec("DEALLOCATE ALL");
            },
            [&](std::int64_t& rows) {
                rows = o.size;
                pg.exec("BEGIN");
                std::int64_t sum = o.size;
                if (returning)
                    sum = insertReturning(pg, "bench_items_w", items);
                else
                    copyItems(pg, "bench_items_w", items);
                pg.exec("COMMIT");
                return sum;
            });
    } else if (o.scenario == "eager") {
        PgConn pg(o.url);
        pg.prepare("authors", "SELECT \"id\", \"name\" FROM \"bench_authors\"");
        pg.prepare("posts",
                   "SELECT \"id\", \"author_id\", \"title\", \"body\" FROM \"bench_posts\"");
        pg.prepare("tags", "SELECT \"at\".\"author_id\", \"t\".\"id\", \"t\".\"name\" FROM "
                           "\"bench_author_tags\" AS \"at\" JOIN \"bench_tags\" AS \"t\" ON "
                           "\"t\".\"id\" = \"at\".\"tag_id\"");
        result = measure(o, nullptr, [&](std::int64_t& rows) {
            std::vector<Author> authors;
            {
                PgResult r = pg.run("authors", 0, nullptr, nullptr, nullptr);
                const int n = PQntuples(r.get());
                authors.reserve(static_cast<std::size_t>(n));
                for (int i = 0; i < n; ++i)
                    authors.push_back({int4(r.get(), i, 0), cell(r.get(), i, 1), {}, {}});
            }
            const auto index = indexById(authors);
            {
                PgResult r = pg.run("posts", 0, nullptr, nullptr, nullptr);
                for (int i = 0, n = PQntuples(r.get()); i < n; ++i) {
                    auto it = index.find(int4(r.get(), i, 1));
                    if (it == index.end()) continue;
                    authors[it->second].posts.push_back({int4(r.get(), i, 0), int4(r.get(), i, 1),
                                                         cell(r.get(), i, 2), cell(r.get(), i, 3)});
                }
            }
            {
                PgResult r = pg.run("tags", 0, nullptr, nullptr, nullptr);
                for (int i = 0, n = PQntuples(r.get()); i < n; ++i) {
                    auto it = index.find(int4(r.get(), i, 0));
                    if (it == index.end()) continue;
                    authors[it->second].tags.push_back({int4(r.get(), i, 1), cell(r.get(), i, 2)});
                }
            }
            rows = static_cast<std::int64_t>(authors.size());
            return eagerChecksum(authors);
        });
    } else if (o.scenario == "roundtrips") {
        PgConn pg(o.url);
        result = measure(
            o,
            [&] {
                recreate(pg, "bench_rt",
                         "CREATE TABLE \"bench_rt\" (\"id\" INTEGER PRIMARY KEY, \"qty\" INTEGER)");
                pg.exec("INSERT INTO \"bench_rt\" (\"id\", \"qty\") SELECT \"i\", 0 FROM "
                        "generate_series(1, 100) AS \"s\"(\"i\")");
                pg.exec("DEALLOCATE ALL");
                const Oid types[] = {int4Oid, int4Oid};
                pg.prepare("update", "UPDATE \"bench_rt\" SET \"qty\" = $1 WHERE \"id\" = $2", 2,
                           types);
            },
            [&](std::int64_t& rows) {
                const int lengths[] = {4, 4}, formats[] = {1, 1};
                for (std::int64_t k = 1; k <= o.size; ++k) {
                    pg.exec("BEGIN");
                    for (std::int64_t r = 1; r <= 100; ++r) {
                        const std::uint32_t v =
                            __builtin_bswap32(static_cast<std::uint32_t>(k * 1000 + r));
                        const std::uint32_t id = __builtin_bswap32(static_cast<std::uint32_t>(r));
                        const char* values[] = {reinterpret_cast<const char*>(&v),
                                                reinterpret_cast<const char*>(&id)};
                        pg.check(PQexecPrepared(pg.get(), "update", 2, values, lengths, formats, 1),
                                 "update");
                    }
                    pg.exec("COMMIT");
                }
                rows = o.size * 100;
                return std::int64_t{0};
            });
        result.checksum = pg.scalar("SELECT SUM(\"qty\") FROM \"bench_rt\"");
    } else if (o.scenario == "pool") {
        std::vector<std::unique_ptr<Conn>> conns;
        for (int i = 0; i < 16; ++i)
            conns.push_back(std::make_unique<Conn>(o.url));
        const std::int64_t total = conns[0]->pg.scalar("SELECT COUNT(*) FROM \"bench_items\"");
        result = poolScenario(o, conns, total);
    } else {
        reportUnsupported(o, "unknown scenario " + o.scenario);
        return;
    }
    report(o, result);
}

} // namespace bench::raw
