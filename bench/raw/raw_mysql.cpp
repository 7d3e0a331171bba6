// The MariaDB/MySQL part of bench_raw: MariaDB Connector/C prepared
// statements (binary protocol) with result buffers bound once and reused.
#include "raw.hpp"

#include <mysql.h>

#include <cstring>

namespace bench::raw {
namespace {

class MyConn {
public:
    explicit MyConn(const std::string& url) : db_(mysql_init(nullptr)) {
        if (!db_) throw std::runtime_error("mysql_init: out of memory");
        const Endpoint e = parseUrl(url);
        mysql_options(db_, MYSQL_SET_CHARSET_NAME, "utf8mb4");
        if (!mysql_real_connect(db_, e.host.c_str(), e.user.c_str(), e.password.c_str(),
                                e.database.c_str(), static_cast<unsigned>(e.port ? e.port : 3306),
                                nullptr, 0)) {
            const std::string message = mysql_error(db_);
            mysql_close(db_);
            throw std::runtime_error("cannot connect: " + message);
        }
    }
    ~MyConn() { mysql_close(db_); }
    MyConn(const MyConn&) = delete;
    MyConn& operator=(const MyConn&) = delete;

    MYSQL* get() const { return db_; }
    void exec(const std::string& sql) const {
        if (mysql_real_query(db_, sql.c_str(), sql.size()))
            throw std::runtime_error(std::string(mysql_error(db_)) + " in " + sql);
        if (MYSQL_RES* r = mysql_store_result(db_)) mysql_free_result(r);
    }
    std::int64_t scalar(const std::string& sql) const {
        if (mysql_real_query(db_, sql.c_str(), sql.size()))
            throw std::runtime_error(std::string(mysql_error(db_)) + " in " + sql);
        MYSQL_RES* r = mysql_store_result(db_);
        MYSQL_ROW row = r ? mysql_fetch_row(r) : nullptr;
        const std::int64_t v = row && row[0] ? std::stoll(row[0]) : 0;
        if (r) mysql_free_result(r);
        return v;
    }

private:
    MYSQL* db_;
};

class Stmt {
public:
    Stmt(const MyConn& conn, const std::string& sql) : stmt_(mysql_stmt_init(conn.get())) {
        if (!stmt_) throw std::runtime_error("mysql_stmt_init: out of memory");
        if (mysql_stmt_prepare(stmt_, sql.c_str(), sql.size()))
            throw std::runtime_error(std::string("prepare: ") + mysql_stmt_error(stmt_) + " in " +
                                     sql.substr(0, 200));
    }
    ~Stmt() { mysql_stmt_close(stmt_); }
    Stmt(const Stmt&) = delete;
    Stmt& operator=(const Stmt&) = delete;

    MYSQL_STMT* get() const { return stmt_; }
    void fail(const char* what) const {
        throw std::runtime_error(std::string(what) + ": " + mysql_stmt_error(stmt_));
    }
    void bindParams(MYSQL_BIND* binds) const {
        if (mysql_stmt_bind_param(stmt_, binds)) fail("bind");
    }
    void bindResult(MYSQL_BIND* binds) const {
        if (mysql_stmt_bind_result(stmt_, binds)) fail("bind result");
    }
    void execute() const {
        if (mysql_stmt_execute(stmt_)) fail("execute");
    }
    // True while there is a row; a value longer than its buffer is fetched
    // again with mysql_stmt_fetch_column by the reader.
    bool fetch() const {
        const int rc = mysql_stmt_fetch(stmt_);
        if (rc == MYSQL_NO_DATA) return false;
        if (rc == 1) fail("fetch");
        return true;
    }
    void store() const {
        if (mysql_stmt_store_result(stmt_)) fail("store");
    }
    void freeResult() const { mysql_stmt_free_result(stmt_); }

private:
    MYSQL_STMT* stmt_;
};

MYSQL_BIND intBind(enum_field_types type, void* buffer) {
    MYSQL_BIND b;
    std::memset(&b, 0, sizeof b);
    b.buffer_type = type;
    b.buffer = buffer;
    return b;
}

// A text column read into a reusable buffer.
struct TextBuffer {
    char data[512];
    unsigned long length = 0;
    my_bool isNull = 0;
    my_bool error = 0;

    MYSQL_BIND bind() {
        MYSQL_BIND b;
        std::memset(&b, 0, sizeof b);
        b.buffer_type = MYSQL_TYPE_STRING;
        b.buffer = data;
        b.buffer_length = sizeof data;
        b.length = &length;
        b.is_null = &isNull;
        b.error = &error;
        return b;
    }
    std::string get(const Stmt& s, unsigned column) const {
        if (length <= sizeof data) return std::string(data, length);
        // Longer than the buffer: fetch the whole value.
        std::string whole(length, '\0');
        MYSQL_BIND b;
        std::memset(&b, 0, sizeof b);
        b.buffer_type = MYSQL_TYPE_STRING;
        b.buffer = whole.data();
        b.buffer_length = length;
        if (mysql_stmt_fetch_column(s.get(), &b, column, 0)) s.fail("fetch column");
        return whole;
    }
};

std::int64_t timeMicros(const MYSQL_TIME& t) {
    const std::int64_t days = daysFromCivil(t.year, t.month, t.day);
    return ((days * 24 + t.hour) * 60 + t.minute) * 60 * 1000000 +
           static_cast<std::int64_t>(t.second) * 1000000 + static_cast<std::int64_t>(t.second_part);
}

MYSQL_TIME microsTime(std::int64_t us) {
    MYSQL_TIME t;
    std::memset(&t, 0, sizeof t);
    const std::int64_t secs = us / 1000000;
    const std::string day = isoDay(secs / 86400);
    t.year = static_cast<unsigned>(std::stoi(day.substr(0, 4)));
    t.month = static_cast<unsigned>(std::stoi(day.substr(5, 2)));
    t.day = static_cast<unsigned>(std::stoi(day.substr(8, 2)));
    t.hour = static_cast<unsigned>(secs % 86400 / 3600);
    t.minute = static_cast<unsigned>(secs % 3600 / 60);
    t.second = static_cast<unsigned>(secs % 60);
    t.second_part = static_cast<unsigned long>(us % 1000000);
    t.time_type = MYSQL_TIMESTAMP_DATETIME;
    return t;
}

// Result buffers for the ten item columns, bound to one statement.
struct ItemReader {
    std::int32_t id = 0, qty = 0;
    std::int64_t score = 0;
    signed char active = 0;
    MYSQL_TIME createdAt{}, day{};
    TextBuffer name, note, price, meta;
    MYSQL_BIND binds[10];

    void bindTo(const Stmt& s) {
        binds[0] = intBind(MYSQL_TYPE_LONG, &id);
        binds[1] = intBind(MYSQL_TYPE_LONG, &qty);
        binds[2] = intBind(MYSQL_TYPE_LONGLONG, &score);
        binds[3] = name.bind();
        binds[4] = note.bind();
        binds[5] = price.bind();
        binds[6] = intBind(MYSQL_TYPE_TINY, &active);
        binds[7] = intBind(MYSQL_TYPE_DATETIME, &createdAt);
        binds[8] = intBind(MYSQL_TYPE_DATE, &day);
        binds[9] = meta.bind();
        s.bindResult(binds);
    }
    Item read(const Stmt& s) const {
        Item r;
        r.id = id;
        r.qty = qty;
        r.score = score;
        r.name = name.get(s, 3);
        r.note = note.get(s, 4);
        r.price = price.get(s, 5);
        r.active = active != 0;
        r.createdAtUs = timeMicros(createdAt);
        char buf[16];
        std::snprintf(buf, sizeof buf, "%04u-%02u-%02u", day.year, day.month, day.day);
        r.day = buf;
        r.meta = meta.get(s, 9);
        return r;
    }
};

const char* const itemColumns =
    "`id`, `qty`, `score`, `name`, `note`, `price`, `active`, `created_at`, `day`, `meta`";

// One connection with its lookup statement and result buffers.
struct Conn {
    explicit Conn(const std::string& url)
        : my(url),
          lookup(my, std::string("SELECT ") + itemColumns + " FROM `bench_items` WHERE `id` = ?") {
        param = intBind(MYSQL_TYPE_LONGLONG, &key);
        lookup.bindParams(&param);
        reader.bindTo(lookup);
    }
    MyConn my;
    Stmt lookup;
    long long key = 0;
    MYSQL_BIND param;
    ItemReader reader;

    std::int64_t find(std::int64_t id) {
        key = id;
        lookup.execute();
        if (!lookup.fetch()) throw std::runtime_error("no row " + std::to_string(id));
        const Item r = reader.read(lookup);
        while (lookup.fetch()) {
        }
        return itemChecksum(r);
    }
};

constexpr std::size_t chunkRows = 1000;

// Parameter buffers for one multi-row INSERT of items.
struct InsertBinds {
    std::vector<MYSQL_BIND> binds;
    std::vector<MYSQL_TIME> times;
    std::vector<signed char> flags;
    std::vector<unsigned long> lengths;

    void fill(const std::vector<Item>& items, std::size_t at, std::size_t n) {
        binds.assign(n * 9, MYSQL_BIND{});
        times.resize(n);
        flags.resize(n);
        lengths.resize(n * 9);
        for (std::size_t i = 0; i < n; ++i) {
            const Item& r = items[at + i];
            MYSQL_BIND* b = &binds[i * 9];
            unsigned long* len = &lengths[i * 9];
            auto text = [&](int c, const std::string& v) {
                b[c].buffer_type = MYSQL_TYPE_STRING;
                b[c].buffer = const_cast<char*>(v.data());
                b[c].buffer_length = v.size();
                len[c] = v.size();
                b[c].length = &len[c];
            };
            b[0].buffer_type = MYSQL_TYPE_LONG;
            b[0].buffer = const_cast<std::int32_t*>(&r.qty);
            b[1].buffer_type = MYSQL_TYPE_LONGLONG;
            b[1].buffer = const_cast<std::int64_t*>(&r.score);
            text(2, r.name);
            text(3, r.note);
            text(4, r.price);
            flags[i] = r.active ? 1 : 0;
            b[5].buffer_type = MYSQL_TYPE_TINY;
            b[5].buffer = &flags[i];
            times[i] = microsTime(r.createdAtUs);
            b[6].buffer_type = MYSQL_TYPE_DATETIME;
            b[6].buffer = &times[i];
            text(7, r.day);
            text(8, r.meta);
        }
    }
};

std::string insertSql(const std::string& table, std::size_t rows) {
    std::string sql = "INSERT INTO `" + table +
                      "` (`qty`, `score`, `name`, `note`, `price`, `active`, `created_at`, "
                      "`day`, `meta`) VALUES ";
    for (std::size_t i = 0; i < rows; ++i)
        sql += i ? ",(?,?,?,?,?,?,?,?,?)" : "(?,?,?,?,?,?,?,?,?)";
    return sql;
}

// Multi-row prepared INSERTs in one transaction; returns the id sum (from
// each statement's first id, the rest following it) or the row count.
std::int64_t insertItems(const MyConn& my, const std::string& table, const std::vector<Item>& items,
                         bool returning) {
    std::int64_t sum = 0;
    std::unique_ptr<Stmt> full, tail;
    InsertBinds binds;
    my.exec("START TRANSACTION");
    for (std::size_t at = 0; at < items.size(); at += chunkRows) {
        const std::size_t n = std::min(chunkRows, items.size() - at);
        std::unique_ptr<Stmt>& slot = n == chunkRows ? full : tail;
        if (!slot) slot = std::make_unique<Stmt>(my, insertSql(table, n));
        binds.fill(items, at, n);
        slot->bindParams(binds.binds.data());
        slot->execute();
        const auto first = static_cast<std::int64_t>(mysql_stmt_insert_id(slot->get()));
        const auto count = static_cast<std::int64_t>(n);
        sum += first * count + count * (count - 1) / 2;
    }
    if (mysql_commit(my.get())) throw std::runtime_error(mysql_error(my.get()));
    return returning ? sum : static_cast<std::int64_t>(items.size());
}

void setup(const Options& o) {
    MyConn my(o.url);
    Result result = measure(o, nullptr, [&](std::int64_t& rows) {
        my.exec("DROP TABLE IF EXISTS `bench_items`, `bench_items_w`, `bench_rt`, "
                "`bench_author_tags`, `bench_posts`, `bench_tags`, `bench_authors`");
        my.exec(itemsTableDdl("mysql", "bench_items"));
        my.exec("CREATE TABLE `bench_authors` (`id` INTEGER PRIMARY KEY, `name` VARCHAR(64))");
        my.exec("CREATE TABLE `bench_posts` (`id` INTEGER PRIMARY KEY, `author_id` INTEGER, "
                "`title` VARCHAR(128), `body` TEXT, INDEX `bench_posts_author_id` (`author_id`))");
        my.exec("CREATE TABLE `bench_tags` (`id` INTEGER PRIMARY KEY, `name` VARCHAR(32))");
        my.exec("CREATE TABLE `bench_author_tags` (`author_id` INTEGER, `tag_id` INTEGER, "
                "PRIMARY KEY (`author_id`, `tag_id`))");
        const std::vector<Item> items = bench::items(o.size);
        insertItems(my, "bench_items", items, false);
        my.exec("START TRANSACTION");
        {
            // Two-column rows (id or key, then a text or a second key).
            auto insertPairs =
                [&](const std::string& sql, std::int64_t count,
                    const std::function<void(std::int64_t, long long&, long long&, std::string&)>&
                        row) {
                    Stmt s(my, sql);
                    long long a = 0, b = 0;
                    std::string text;
                    unsigned long length = 0;
                    MYSQL_BIND binds[2];
                    for (std::int64_t i = 1; i <= count; ++i) {
                        row(i, a, b, text);
                        binds[0] = intBind(MYSQL_TYPE_LONGLONG, &a);
                        if (text.empty()) {
                            binds[1] = intBind(MYSQL_TYPE_LONGLONG, &b);
                        } else {
                            binds[1] = intBind(MYSQL_TYPE_STRING, text.data());
                            length = text.size();
                            binds[1].buffer_length = length;
                            binds[1].length = &length;
                        }
                        s.bindParams(binds);
                        s.execute();
                    }
                };
            insertPairs("INSERT INTO `bench_tags` (`id`, `name`) VALUES (?, ?)", tagCount,
                        [](std::int64_t i, long long& a, long long&, std::string& t) {
                            a = i;
                            t = "tag-" + std::to_string(i);
                        });
            insertPairs("INSERT INTO `bench_authors` (`id`, `name`) VALUES (?, ?)", authorCount,
                        [](std::int64_t i, long long& a, long long&, std::string& t) {
                            a = i;
                            t = "author-" + std::to_string(i);
                        });
            insertPairs("INSERT INTO `bench_author_tags` (`author_id`, `tag_id`) VALUES (?, ?)",
                        authorCount * 3,
                        [](std::int64_t i, long long& a, long long& b, std::string& t) {
                            a = (i - 1) / 3 + 1;
                            b = authorTag(a, static_cast<int>((i - 1) % 3));
                            t.clear();
                        });
            Stmt post(my, "INSERT INTO `bench_posts` (`id`, `author_id`, `title`, `body`) "
                          "VALUES (?, ?, ?, ?)");
            long long id = 0, author = 0;
            std::string title, body;
            unsigned long lengths[2];
            MYSQL_BIND binds[4];
            for (std::int64_t i = 1; i <= authorCount * 10; ++i) {
                id = i;
                author = (i - 1) / 10 + 1;
                title = "post-" + std::to_string(i);
                body = "body of post " + std::to_string(i);
                binds[0] = intBind(MYSQL_TYPE_LONGLONG, &id);
                binds[1] = intBind(MYSQL_TYPE_LONGLONG, &author);
                binds[2] = intBind(MYSQL_TYPE_STRING, title.data());
                binds[2].buffer_length = lengths[0] = title.size();
                binds[2].length = &lengths[0];
                binds[3] = intBind(MYSQL_TYPE_STRING, body.data());
                binds[3].buffer_length = lengths[1] = body.size();
                binds[3].length = &lengths[1];
                post.bindParams(binds);
                post.execute();
            }
        }
        if (mysql_commit(my.get())) throw std::runtime_error(mysql_error(my.get()));
        my.exec("ANALYZE TABLE `bench_items`, `bench_authors`, `bench_posts`, `bench_tags`, "
                "`bench_author_tags`");
        rows = o.size;
        return my.scalar("SELECT COUNT(*) FROM `bench_items`");
    });
    report(o, result);
}

void recreate(const MyConn& my, const std::string& table, const std::string& ddl) {
    my.exec("DROP TABLE IF EXISTS `" + table + "`");
    my.exec(ddl);
}

// Runs a statement without parameters and hands each row to `row`.
void eachRow(const Stmt& s, MYSQL_BIND* binds, const std::function<void()>& row) {
    s.execute();
    s.bindResult(binds);
    s.store();
    while (s.fetch())
        row();
    s.freeResult();
}

} // namespace

void runMysql(const Options& o) {
    if (o.scenario == "setup") return setup(o);
    Result result;
    if (o.scenario == "findByPk") {
        Conn conn(o.url);
        const std::int64_t total = conn.my.scalar("SELECT COUNT(*) FROM `bench_items`");
        result = measure(o, nullptr, [&](std::int64_t& rows) {
            std::int64_t sum = 0;
            for (std::int64_t n = 0; n < o.size; ++n)
                sum += conn.find(lookupId(n, total));
            rows = o.size;
            return sum;
        });
    } else if (o.scenario == "findAll") {
        MyConn my(o.url);
        Stmt s(my, std::string("SELECT ") + itemColumns + " FROM `bench_items` WHERE `id` <= ?");
        long long limit = o.size;
        MYSQL_BIND param = intBind(MYSQL_TYPE_LONGLONG, &limit);
        s.bindParams(&param);
        ItemReader reader;
        reader.bindTo(s);
        result = measure(o, nullptr, [&](std::int64_t& rows) {
            std::vector<Item> items;
            s.execute();
            while (s.fetch())
                items.push_back(reader.read(s));
            std::int64_t sum = 0;
            for (const Item& r : items)
                sum += itemChecksum(r);
            rows = static_cast<std::int64_t>(items.size());
            return sum;
        });
    } else if (o.scenario == "bulkCreate") {
        MyConn my(o.url);
        const bool returning = o.variant == "returning";
        const std::vector<Item> items = bench::items(o.size);
        result = measure(
            o, [&] { recreate(my, "bench_items_w", itemsTableDdl("mysql", "bench_items_w")); },
            [&](std::int64_t& rows) {
                rows = o.size;
                return insertItems(my, "bench_items_w", items, returning);
            });
    } else if (o.scenario == "eager") {
        MyConn my(o.url);
        Stmt authorsQ(my, "SELECT `id`, `name` FROM `bench_authors`");
        Stmt postsQ(my, "SELECT `id`, `author_id`, `title`, `body` FROM `bench_posts`");
        Stmt tagsQ(my, "SELECT `at`.`author_id`, `t`.`id`, `t`.`name` FROM `bench_author_tags` "
                       "AS `at` JOIN `bench_tags` AS `t` ON `t`.`id` = `at`.`tag_id`");
        result = measure(o, nullptr, [&](std::int64_t& rows) {
            std::vector<Author> authors;
            std::int32_t a = 0, b = 0;
            TextBuffer t1, t2;
            {
                MYSQL_BIND binds[] = {intBind(MYSQL_TYPE_LONG, &a), t1.bind()};
                eachRow(authorsQ, binds, [&] {
                    authors.push_back({a, t1.get(authorsQ, 1), {}, {}});
                });
            }
            const auto index = indexById(authors);
            {
                MYSQL_BIND binds[] = {intBind(MYSQL_TYPE_LONG, &a), intBind(MYSQL_TYPE_LONG, &b),
                                      t1.bind(), t2.bind()};
                eachRow(postsQ, binds, [&] {
                    auto it = index.find(b);
                    if (it == index.end()) return;
                    authors[it->second].posts.push_back(
                        {a, b, t1.get(postsQ, 2), t2.get(postsQ, 3)});
                });
            }
            {
                MYSQL_BIND binds[] = {intBind(MYSQL_TYPE_LONG, &a), intBind(MYSQL_TYPE_LONG, &b),
                                      t1.bind()};
                eachRow(tagsQ, binds, [&] {
                    auto it = index.find(a);
                    if (it == index.end()) return;
                    authors[it->second].tags.push_back({b, t1.get(tagsQ, 2)});
                });
            }
            rows = static_cast<std::int64_t>(authors.size());
            return eagerChecksum(authors);
        });
    } else if (o.scenario == "roundtrips") {
        MyConn my(o.url);
        std::unique_ptr<Stmt> update;
        std::int32_t value = 0, id = 0;
        MYSQL_BIND binds[2];
        result = measure(
            o,
            [&] {
                update.reset();
                recreate(my, "bench_rt",
                         "CREATE TABLE `bench_rt` (`id` INTEGER PRIMARY KEY, `qty` INTEGER) "
                         "ENGINE=InnoDB");
                std::string fill = "INSERT INTO `bench_rt` (`id`, `qty`) VALUES ";
                for (int r = 1; r <= 100; ++r)
                    fill += (r > 1 ? ",(" : "(") + std::to_string(r) + ",0)";
                my.exec(fill);
                update =
                    std::make_unique<Stmt>(my, "UPDATE `bench_rt` SET `qty` = ? WHERE `id` = ?");
                binds[0] = intBind(MYSQL_TYPE_LONG, &value);
                binds[1] = intBind(MYSQL_TYPE_LONG, &id);
                update->bindParams(binds);
            },
            [&](std::int64_t& rows) {
                for (std::int64_t k = 1; k <= o.size; ++k) {
                    my.exec("START TRANSACTION");
                    for (std::int32_t r = 1; r <= 100; ++r) {
                        value = static_cast<std::int32_t>(k * 1000 + r);
                        id = r;
                        update->execute();
                    }
                    if (mysql_commit(my.get())) throw std::runtime_error(mysql_error(my.get()));
                }
                rows = o.size * 100;
                return std::int64_t{0};
            });
        result.checksum = my.scalar("SELECT SUM(`qty`) FROM `bench_rt`");
    } else if (o.scenario == "pool") {
        std::vector<std::unique_ptr<Conn>> conns;
        for (int i = 0; i < 16; ++i)
            conns.push_back(std::make_unique<Conn>(o.url));
        const std::int64_t total = conns[0]->my.scalar("SELECT COUNT(*) FROM `bench_items`");
        result = poolScenario(o, conns, total);
    } else {
        reportUnsupported(o, "unknown scenario " + o.scenario);
        return;
    }
    report(o, result);
}

} // namespace bench::raw
