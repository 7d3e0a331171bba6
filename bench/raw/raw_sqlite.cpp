// The SQLite part of bench_raw: prepared statements reused for every call,
// values read straight from the statement's columns.
#include "raw.hpp"

#include <sqlite3.h>

namespace bench::raw {
namespace {

class Stmt {
public:
    Stmt(sqlite3* db, const std::string& sql) : db_(db) {
        if (sqlite3_prepare_v3(db, sql.c_str(), static_cast<int>(sql.size()),
                               SQLITE_PREPARE_PERSISTENT, &stmt_, nullptr) != SQLITE_OK)
            throw std::runtime_error(std::string("prepare: ") + sqlite3_errmsg(db) + " in " + sql);
    }
    ~Stmt() { sqlite3_finalize(stmt_); }
    Stmt(const Stmt&) = delete;
    Stmt& operator=(const Stmt&) = delete;

    sqlite3_stmt* get() const { return stmt_; }
    void check(int rc) const {
        if (rc != SQLITE_OK) throw std::runtime_error(std::string("bind: ") + sqlite3_errmsg(db_));
    }
    void bind(int i, std::int64_t v) const { check(sqlite3_bind_int64(stmt_, i, v)); }
    void bind(int i, const std::string& v) const {
        // The caller keeps the text alive until the statement is stepped.
        check(sqlite3_bind_text(stmt_, i, v.data(), static_cast<int>(v.size()), SQLITE_STATIC));
    }
    // True while there is a row; throws on error.
    bool step() const {
        const int rc = sqlite3_step(stmt_);
        if (rc == SQLITE_ROW) return true;
        if (rc == SQLITE_DONE) return false;
        throw std::runtime_error(std::string("step: ") + sqlite3_errmsg(db_));
    }
    void reset() const { sqlite3_reset(stmt_); }
    std::int64_t i64(int c) const { return sqlite3_column_int64(stmt_, c); }
    std::string text(int c) const {
        const auto* p = reinterpret_cast<const char*>(sqlite3_column_text(stmt_, c));
        return std::string(p ? p : "", static_cast<std::size_t>(sqlite3_column_bytes(stmt_, c)));
    }

private:
    sqlite3* db_;
    sqlite3_stmt* stmt_ = nullptr;
};

class Db {
public:
    explicit Db(const std::string& path, bool create = false) {
        const int flags =
            SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX | (create ? SQLITE_OPEN_CREATE : 0);
        if (sqlite3_open_v2(path.c_str(), &db_, flags, nullptr) != SQLITE_OK) {
            const std::string message = db_ ? sqlite3_errmsg(db_) : "out of memory";
            sqlite3_close(db_);
            throw std::runtime_error("cannot open " + path + ": " + message);
        }
        sqlite3_busy_timeout(db_, 10000);
    }
    ~Db() { sqlite3_close_v2(db_); }
    Db(const Db&) = delete;
    Db& operator=(const Db&) = delete;

    sqlite3* get() const { return db_; }
    void exec(const std::string& sql) const {
        char* error = nullptr;
        if (sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &error) != SQLITE_OK) {
            const std::string message = error ? error : "unknown error";
            sqlite3_free(error);
            throw std::runtime_error(message + " in " + sql);
        }
    }
    std::int64_t scalar(const std::string& sql) const {
        Stmt s(db_, sql);
        if (!s.step()) throw std::runtime_error("no row from " + sql);
        return s.i64(0);
    }

private:
    sqlite3* db_ = nullptr;
};

const char* const itemColumns = "id, qty, score, name, note, price, active, created_at, day, meta";

Item readItem(const Stmt& s) {
    Item r;
    r.id = s.i64(0);
    r.qty = static_cast<std::int32_t>(s.i64(1));
    r.score = s.i64(2);
    r.name = s.text(3);
    r.note = s.text(4);
    r.price = s.text(5);
    r.active = s.i64(6) != 0;
    const auto* at = reinterpret_cast<const char*>(sqlite3_column_text(s.get(), 7));
    r.createdAtUs =
        parseTimestampText(at, static_cast<std::size_t>(sqlite3_column_bytes(s.get(), 7)));
    r.day = s.text(8);
    r.meta = s.text(9);
    return r;
}

// A multi-row INSERT of `rows` items without id.
std::string insertSql(const std::string& table, std::int64_t rows, bool returning) {
    std::string sql = "INSERT INTO \"" + table +
                      "\" (\"qty\", \"score\", \"name\", \"note\", \"price\", \"active\", "
                      "\"created_at\", \"day\", \"meta\") VALUES ";
    for (std::int64_t i = 0; i < rows; ++i)
        sql += i ? ",(?,?,?,?,?,?,?,?,?)" : "(?,?,?,?,?,?,?,?,?)";
    if (returning) sql += " RETURNING \"id\"";
    return sql;
}

// The text forms of an item's timestamp, kept alive while bound.
struct Bound {
    std::string createdAt;
};

void bindItem(const Stmt& s, int base, const Item& r, Bound& keep) {
    keep.createdAt = formatTimestampText(r.createdAtUs);
    s.bind(base + 1, r.qty);
    s.bind(base + 2, r.score);
    s.bind(base + 3, r.name);
    s.bind(base + 4, r.note);
    s.bind(base + 5, r.price);
    s.bind(base + 6, std::int64_t{r.active ? 1 : 0});
    s.bind(base + 7, keep.createdAt);
    s.bind(base + 8, r.day);
    s.bind(base + 9, r.meta);
}

constexpr std::int64_t chunkRows = 500;

// Inserts items in one transaction; returns the sum of the generated ids
// when `returning`, else the row count.
std::int64_t insertItems(const Db& db, const std::string& table, const std::vector<Item>& items,
                         bool returning) {
    std::int64_t sum = 0;
    db.exec("BEGIN");
    std::unique_ptr<Stmt> full, tail;
    std::vector<Bound> keep(static_cast<std::size_t>(chunkRows));
    for (std::size_t at = 0; at < items.size(); at += chunkRows) {
        const std::int64_t n =
            std::min<std::int64_t>(chunkRows, static_cast<std::int64_t>(items.size() - at));
        std::unique_ptr<Stmt>& slot = n == chunkRows ? full : tail;
        if (!slot) slot = std::make_unique<Stmt>(db.get(), insertSql(table, n, returning));
        for (std::int64_t i = 0; i < n; ++i)
            bindItem(*slot, static_cast<int>(i * 9), items[at + static_cast<std::size_t>(i)],
                     keep[static_cast<std::size_t>(i)]);
        while (slot->step())
            sum += slot->i64(0);
        slot->reset();
    }
    db.exec("COMMIT");
    return returning ? sum : static_cast<std::int64_t>(items.size());
}

void setup(const Options& o) {
    Db db(o.url, true);
    db.exec("PRAGMA journal_mode=WAL");
    Result result = measure(o, nullptr, [&](std::int64_t& rows) {
        for (const char* t : {"bench_items", "bench_items_w", "bench_rt", "bench_author_tags",
                              "bench_posts", "bench_tags", "bench_authors"})
            db.exec(std::string("DROP TABLE IF EXISTS \"") + t + "\"");
        db.exec(itemsTableDdl("sqlite", "bench_items"));
        db.exec(
            "CREATE TABLE \"bench_authors\" (\"id\" INTEGER PRIMARY KEY, \"name\" VARCHAR(64))");
        db.exec("CREATE TABLE \"bench_posts\" (\"id\" INTEGER PRIMARY KEY, \"author_id\" INTEGER, "
                "\"title\" VARCHAR(128), \"body\" TEXT)");
        db.exec("CREATE INDEX \"bench_posts_author_id\" ON \"bench_posts\" (\"author_id\")");
        db.exec("CREATE TABLE \"bench_tags\" (\"id\" INTEGER PRIMARY KEY, \"name\" VARCHAR(32))");
        db.exec("CREATE TABLE \"bench_author_tags\" (\"author_id\" INTEGER, \"tag_id\" INTEGER, "
                "PRIMARY KEY (\"author_id\", \"tag_id\"))");
        const std::vector<Item> items = bench::items(o.size);
        insertItems(db, "bench_items", items, false);
        db.exec("BEGIN");
        {
            Stmt author(db.get(), "INSERT INTO \"bench_authors\" (\"id\", \"name\") VALUES (?, ?)");
            Stmt post(db.get(), "INSERT INTO \"bench_posts\" (\"id\", \"author_id\", \"title\", "
                                "\"body\") VALUES (?, ?, ?, ?)");
            Stmt tag(db.get(), "INSERT INTO \"bench_tags\" (\"id\", \"name\") VALUES (?, ?)");
            Stmt link(
                db.get(),
                "INSERT INTO \"bench_author_tags\" (\"author_id\", \"tag_id\") VALUES (?, ?)");
            for (std::int64_t t = 1; t <= tagCount; ++t) {
                const std::string name = "tag-" + std::to_string(t);
                tag.bind(1, t);
                tag.bind(2, name);
                tag.step();
                tag.reset();
            }
            for (std::int64_t a = 1; a <= authorCount; ++a) {
                const std::string name = "author-" + std::to_string(a);
                author.bind(1, a);
                author.bind(2, name);
                author.step();
                author.reset();
                for (std::int64_t j = 1; j <= 10; ++j) {
                    const std::int64_t id = (a - 1) * 10 + j;
                    const std::string title = "post-" + std::to_string(id);
                    const std::string body = "body of post " + std::to_string(id);
                    post.bind(1, id);
                    post.bind(2, a);
                    post.bind(3, title);
                    post.bind(4, body);
                    post.step();
                    post.reset();
                }
                for (int k = 0; k < 3; ++k) {
                    link.bind(1, a);
                    link.bind(2, authorTag(a, k));
                    link.step();
                    link.reset();
                }
            }
        }
        db.exec("COMMIT");
        db.exec("ANALYZE");
        rows = o.size;
        return db.scalar("SELECT COUNT(*) FROM \"bench_items\"");
    });
    report(o, result);
}

// One connection with its lookup statement, as a pool member.
struct Conn {
    explicit Conn(const std::string& path)
        : db(path), lookup(db.get(), std::string("SELECT ") + itemColumns +
                                         " FROM \"bench_items\" WHERE \"id\" = ?") {}
    Db db;
    Stmt lookup;

    std::int64_t find(std::int64_t id) {
        lookup.bind(1, id);
        if (!lookup.step()) throw std::runtime_error("no row " + std::to_string(id));
        const Item r = readItem(lookup);
        lookup.reset();
        return itemChecksum(r);
    }
};

void recreate(const Db& db, const std::string& table, const std::string& ddl) {
    db.exec("DROP TABLE IF EXISTS \"" + table + "\"");
    db.exec(ddl);
}

} // namespace

void runSqlite(const Options& o) {
    if (o.scenario == "setup") return setup(o);
    Db db(o.url);
    Result result;
    if (o.scenario == "findByPk") {
        const std::int64_t total = db.scalar("SELECT COUNT(*) FROM \"bench_items\"");
        Conn conn(o.url);
        result = measure(o, nullptr, [&](std::int64_t& rows) {
            std::int64_t sum = 0;
            for (std::int64_t n = 0; n < o.size; ++n)
                sum += conn.find(lookupId(n, total));
            rows = o.size;
            return sum;
        });
    } else if (o.scenario == "findAll") {
        Stmt s(db.get(),
               std::string("SELECT ") + itemColumns + " FROM \"bench_items\" WHERE \"id\" <= ?");
        result = measure(o, nullptr, [&](std::int64_t& rows) {
            std::vector<Item> items;
            s.bind(1, o.size);
            while (s.step())
                items.push_back(readItem(s));
            s.reset();
            std::int64_t sum = 0;
            for (const Item& r : items)
                sum += itemChecksum(r);
            rows = static_cast<std::int64_t>(items.size());
            return sum;
        });
    } else if (o.scenario == "bulkCreate") {
        const bool returning = o.variant == "returning";
        const std::vector<Item> items = bench::items(o.size);
        result = measure(
            o, [&] { recreate(db, "bench_items_w", itemsTableDdl("sqlite", "bench_items_w")); },
            [&](std::int64_t& rows) {
                rows = o.size;
                return insertItems(db, "bench_items_w", items, returning);
            });
    } else if (o.scenario == "eager") {
        Stmt authorsQ(db.get(), "SELECT \"id\", \"name\" FROM \"bench_authors\"");
        Stmt postsQ(db.get(),
                    "SELECT \"id\", \"author_id\", \"title\", \"body\" FROM \"bench_posts\"");
        Stmt tagsQ(db.get(), "SELECT \"at\".\"author_id\", \"t\".\"id\", \"t\".\"name\" FROM "
                             "\"bench_author_tags\" AS \"at\" JOIN \"bench_tags\" AS \"t\" ON "
                             "\"t\".\"id\" = \"at\".\"tag_id\"");
        result = measure(o, nullptr, [&](std::int64_t& rows) {
            std::vector<Author> authors;
            while (authorsQ.step())
                authors.push_back({authorsQ.i64(0), authorsQ.text(1), {}, {}});
            authorsQ.reset();
            const auto index = indexById(authors);
            while (postsQ.step()) {
                auto it = index.find(postsQ.i64(1));
                if (it == index.end()) continue;
                authors[it->second].posts.push_back(
                    {postsQ.i64(0), postsQ.i64(1), postsQ.text(2), postsQ.text(3)});
            }
            postsQ.reset();
            while (tagsQ.step()) {
                auto it = index.find(tagsQ.i64(0));
                if (it == index.end()) continue;
                authors[it->second].tags.push_back({tagsQ.i64(1), tagsQ.text(2)});
            }
            tagsQ.reset();
            rows = static_cast<std::int64_t>(authors.size());
            return eagerChecksum(authors);
        });
    } else if (o.scenario == "roundtrips") {
        result = measure(
            o,
            [&] {
                recreate(db, "bench_rt",
                         "CREATE TABLE \"bench_rt\" (\"id\" INTEGER PRIMARY KEY, \"qty\" INTEGER)");
                db.exec("INSERT INTO \"bench_rt\" (\"id\", \"qty\") WITH RECURSIVE \"n\"(\"i\") AS "
                        "(SELECT 1 UNION ALL SELECT \"i\" + 1 FROM \"n\" WHERE \"i\" < 100) "
                        "SELECT \"i\", 0 FROM \"n\"");
            },
            [&](std::int64_t& rows) {
                Stmt begin(db.get(), "BEGIN"), commit(db.get(), "COMMIT");
                Stmt update(db.get(), "UPDATE \"bench_rt\" SET \"qty\" = ? WHERE \"id\" = ?");
                for (std::int64_t k = 1; k <= o.size; ++k) {
                    begin.step();
                    begin.reset();
                    for (std::int64_t r = 1; r <= 100; ++r) {
                        update.bind(1, k * 1000 + r);
                        update.bind(2, r);
                        update.step();
                        update.reset();
                    }
                    commit.step();
                    commit.reset();
                }
                rows = o.size * 100;
                return std::int64_t{0};
            });
        result.checksum = db.scalar("SELECT SUM(\"qty\") FROM \"bench_rt\"");
    } else if (o.scenario == "pool") {
        const std::int64_t total = db.scalar("SELECT COUNT(*) FROM \"bench_items\"");
        std::vector<std::unique_ptr<Conn>> conns;
        for (int i = 0; i < 16; ++i)
            conns.push_back(std::make_unique<Conn>(o.url));
        result = poolScenario(o, conns, total);
    } else {
        reportUnsupported(o, "unknown scenario " + o.scenario);
        return;
    }
    report(o, result);
}

} // namespace bench::raw
