// Database: connecting, the models registry, logging and raw queries.
#include "database_impl.hpp"
#include "model_impl.hpp"
#include "transaction_impl.hpp"
#include "uri.hpp"

#include <tabula/errors.hpp>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cstring>
#include <iostream>
#include <new>

namespace tabula {

void Logging::write(const std::string& message, std::chrono::microseconds elapsed) const {
    if (off_) return;
    if (timedSink_) {
        timedSink_(message, elapsed);
    } else if (sink_) {
        sink_(message);
    } else {
        std::cout << message << '\n';
    }
}

namespace {

void checkPool(const PoolOptions& pool) {
    if (pool.max < 1)
        throw UsageError("pool.max must be at least 1, got " + std::to_string(pool.max));
    if (pool.min < 0 || pool.min > pool.max)
        throw UsageError("pool.min must be between 0 and pool.max (" + std::to_string(pool.max) +
                         "), got " + std::to_string(pool.min));
    for (const auto& [name, time] : {std::pair{"acquire", pool.acquire},
                                     std::pair{"idle", pool.idle}, std::pair{"evict", pool.evict}})
        if (time.count() < 0)
            throw UsageError(std::string("pool.") + name + " must not be negative, got " +
                             std::to_string(time.count()) + " ms");
}

} // namespace

void DatabaseImpl::open() {
    if (dialect.empty())
        throw UsageError("no dialect given: set the `dialect` option (sqlite, postgres, mysql, "
                         "mariadb, mssql) or use a connection URI such as sqlite::memory:");
    checkPool(options.pool);
    if (dialect == "sqlite") {
        if (options.storage.empty() || options.storage == ":memory:") {
            // Each connection to ":memory:" would be a database of its own: every
            // connection of this pool opens one shared-cache in-memory database
            // instead, named for this Database alone. Reads do not wait for
            // another connection's open transaction (they see its rows, as they
            // would on Sequelize's one shared connection).
            static std::atomic<std::uint64_t> memoryDatabases{0};
            memoryName = "file:tabula-memory-" + std::to_string(memoryDatabases.fetch_add(1) + 1) +
                         "?mode=memory&cache=shared";
            settings.emplace_back("storage", memoryName);
            settings.emplace_back("readUncommitted", "1");
        } else {
            settings.emplace_back("storage", options.storage);
        }
    } else {
        settings.emplace_back("host", options.host.empty() ? "localhost" : options.host);
        if (options.port > 0) settings.emplace_back("port", std::to_string(options.port));
        settings.emplace_back("database", database);
        settings.emplace_back("username", username);
        settings.emplace_back("password", password);
        if (!options.storage.empty()) settings.emplace_back("storage", options.storage);
    }
    for (const auto& [key, value] : options.dialectOptions)
        settings.emplace_back(key, value);
    addConnectTimeout();

    library = detail::loadDialect(dialect, options.pluginPath);
    // Copy what this plugin's profile has; members it predates stay zero.
    const tabula_profile& own = library->profile();
    std::memcpy(&profile, &own, std::min<size_t>(own.struct_size, sizeof profile));
    profile.struct_size = sizeof profile;
    generator = std::make_unique<sql::Generator>(profile);
    // The pool is this object's member and closes before it, so the factory
    // may refer back to it.
    pool = std::make_unique<detail::Pool>(
        options.pool,
        [this] {
            auto conn = detail::Connection::open(library, settings);
            if (!memoryName.empty()) keepMemoryDatabase();
            learnServer(*conn);
            return conn;
        },
        dialect);
}

namespace {

std::chrono::milliseconds checkedTimeout(std::chrono::milliseconds timeout, const char* what) {
    if (timeout.count() < 0)
        throw UsageError(std::string(what) + " must not be negative, got " +
                         std::to_string(timeout.count()) + " ms");
    return timeout;
}

} // namespace

void DatabaseImpl::addConnectTimeout() {
    checkedTimeout(options.queryTimeout, "queryTimeout");
    if (dialect == "sqlite") return; // nothing to connect to
    std::chrono::milliseconds bound = checkedTimeout(options.connectTimeout, "connectTimeout");
    // Sequelize's dialectOptions.connectTimeout (milliseconds) when the
    // option is not set.
    auto given = options.dialectOptions.find("connectTimeout");
    if (bound.count() == 0 && given != options.dialectOptions.end()) {
        long long ms = 0;
        const std::string& text = given->second;
        const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), ms);
        if (ec != std::errc{} || end != text.data() + text.size() || ms < 0)
            throw UsageError("dialectOptions.connectTimeout must be milliseconds, got '" + text +
                             "'");
        bound = std::chrono::milliseconds(ms);
    }
    if (bound.count() == 0) bound = std::chrono::seconds(10);
    // Waiting for a connection never outlasts pool.acquire, opening one included.
    if (options.pool.acquire.count() > 0) bound = std::min(bound, options.pool.acquire);
    bound = std::max(bound, std::chrono::milliseconds(1));
    // Plugins read the last value given for a key.
    settings.emplace_back("connectTimeout", std::to_string(bound.count()));
}

void DatabaseImpl::learnServer(detail::Connection& connection) {
    if (serverKnown.load(std::memory_order_acquire)) return;
    std::lock_guard lock(serverMutex);
    if (serverKnown.load(std::memory_order_relaxed)) return;
    profile.supports |= connection.serverSupports();
    serverKnown.store(true, std::memory_order_release);
}

void DatabaseImpl::keepMemoryDatabase() {
    // An in-memory database lives while a connection to it is open; this one
    // is never used for a statement and closes with the Database, so the
    // pool may close all of its own.
    const std::lock_guard<std::mutex> lock(memoryKeeperMutex);
    if (!memoryKeeper) memoryKeeper = detail::Connection::open(library, settings);
}

const sql::Generator& DatabaseImpl::sql() {
    // Before any connection was opened, open one to ask; a failure to
    // connect is thrown and asked again next time.
    if (!serverKnown.load(std::memory_order_acquire)) pool->acquire();
    return *generator;
}

void DatabaseImpl::log(const std::string& sql, const std::vector<Value>&,
                       std::chrono::microseconds elapsed, const std::string& who) const {
    if (!options.logging.enabled()) return;
    if (options.benchmark) {
        auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(elapsed).count();
        options.logging.write("Executed (" + who + "): " + sql +
                                  " Elapsed time: " + std::to_string(ms) + "ms",
                              elapsed);
    } else {
        options.logging.write("Executing (" + who + "): " + sql, elapsed);
    }
}

namespace {

// The connection a statement runs on: the transaction's, held for its
// whole life, or one leased from the pool for this statement alone.
template <class Body>
auto onConnection(DatabaseImpl& db, Transaction* transaction, Body&& body) {
    const std::uint64_t schema = db.schemaVersion.load(std::memory_order_acquire);
    const std::chrono::milliseconds timeout =
        detail::StatementTimeout::current().value_or(db.options.queryTimeout);
    if (!transaction) {
        auto lease = db.pool->acquire();
        lease->useSchema(schema);
        lease->setTimeout(timeout);
        return body(*lease, std::string("default"));
    }
    TransactionImpl& t = transaction->impl();
    std::lock_guard lock(*t.mutex);
    t.checkOpen("run a statement in");
    if (t.db != &db) throw UsageError("transaction " + t.name + " belongs to another Database");
    t.connection->useSchema(schema);
    t.connection->setTimeout(timeout);
    return body(*t.connection, t.name);
}

} // namespace

namespace {

// Runs `execute` on the statement's connection, logged before it runs, or
// after with its time when the benchmark option is on.
template <class Execute>
detail::ResultSet logged(DatabaseImpl& db, const std::string& sql, Transaction* transaction,
                         Execute&& execute) {
    return onConnection(db, transaction, [&](detail::Connection& conn, const std::string& who) {
        if (!db.options.benchmark) db.log(sql, {}, {}, who);
        // The clock is read only when the statement's time is logged.
        const auto start = db.options.benchmark ? std::chrono::steady_clock::now()
                                                : std::chrono::steady_clock::time_point();
        detail::ResultSet rs = execute(conn);
        if (db.options.benchmark)
            db.log(sql, {},
                   std::chrono::duration_cast<std::chrono::microseconds>(
                       std::chrono::steady_clock::now() - start),
                   who);
        return rs;
    });
}

} // namespace

detail::ResultSet DatabaseImpl::run(const sql::Statement& statement, Transaction* transaction,
                                    const detail::Connection::RowCallback& onRow) {
    return logged(*this, statement.sql, transaction, [&](detail::Connection& conn) {
        return conn.execute(statement.sql, statement.params, onRow);
    });
}

detail::ResultSet DatabaseImpl::run(const std::string& sql, detail::ParamRefs params,
                                    Transaction* transaction,
                                    const detail::Connection::RowCallback& onRow) {
    return logged(*this, sql, transaction,
                  [&](detail::Connection& conn) { return conn.executeRefs(sql, params, onRow); });
}

std::int64_t DatabaseImpl::bulkInsert(const std::string& table,
                                      const std::vector<std::string>& columns,
                                      detail::ParamRefs cells, Transaction* transaction) {
    const sql::Generator& quoting = sql();
    std::string text = "COPY " + quoting.quote(table) + " (";
    for (size_t c = 0; c < columns.size(); ++c)
        text += (c ? ", " : "") + quoting.quote(columns[c]);
    text += ") FROM STDIN";
    return logged(*this, text, transaction,
                  [&](detail::Connection& conn) {
                      detail::ResultSet rs;
                      rs.changes = conn.bulkInsert(text, table, columns, cells);
                      return rs;
                  })
        .changes;
}

void DatabaseImpl::runDdl(const std::string& sql, Transaction* transaction) {
    onConnection(*this, transaction, [&](detail::Connection& conn, const std::string& who) {
        if (!options.benchmark) log(sql, {}, {}, who);
        const auto start = options.benchmark ? std::chrono::steady_clock::now()
                                             : std::chrono::steady_clock::time_point();
        try {
            conn.exec(sql);
        } catch (...) {
            schemaChanged(); // a failed DDL statement may have done part of its work
            throw;
        }
        schemaChanged();
        if (options.benchmark)
            log(sql, {},
                std::chrono::duration_cast<std::chrono::microseconds>(
                    std::chrono::steady_clock::now() - start),
                who);
        return 0;
    });
}

Database::Database(const std::string& database, const std::string& username,
                   const std::string& password, Options options)
    : impl_(std::make_unique<DatabaseImpl>()) {
    impl_->self = this;
    impl_->database = database;
    impl_->username = username;
    impl_->password = password;
    impl_->dialect = detail::canonicalDialect(options.dialect);
    impl_->options = std::move(options);
    impl_->open();
}

Database::Database(const std::string& uri, Options options)
    : impl_(std::make_unique<DatabaseImpl>()) {
    detail::ConnectionUri parsed = detail::parseUri(uri);
    if (!options.dialect.empty() && detail::canonicalDialect(options.dialect) != parsed.dialect)
        throw UsageError("the URI names dialect '" + parsed.dialect +
                         "' but the dialect option is '" + options.dialect + "'");
    impl_->self = this;
    impl_->database = parsed.database;
    impl_->username = parsed.username;
    impl_->password = parsed.password;
    impl_->dialect = parsed.dialect;
    if (!parsed.host.empty()) options.host = parsed.host;
    if (parsed.port) options.port = parsed.port;
    if (!parsed.storage.empty()) options.storage = parsed.storage;
    for (auto& [key, value] : parsed.query)
        options.dialectOptions.emplace(key, value);
    options.dialect = parsed.dialect;
    impl_->options = std::move(options);
    impl_->open();
}

Database::~Database() {
    try {
        if (impl_) impl_->endOpenTransactions();
        if (impl_ && impl_->pool) impl_->pool->close();
    } catch (...) {
    }
}

void DatabaseImpl::rememberTransaction(TransactionImpl* t) {
    std::lock_guard lock(transactionsMutex);
    openTransactions.insert(t);
}

void DatabaseImpl::forgetTransaction(TransactionImpl* t) {
    std::lock_guard lock(transactionsMutex);
    openTransactions.erase(t);
}

void DatabaseImpl::endOpenTransactions() {
    std::unordered_set<TransactionImpl*> open;
    {
        std::lock_guard lock(transactionsMutex);
        open.swap(openTransactions);
    }
    for (TransactionImpl* t : open) {
        std::lock_guard lock(*t->mutex);
        t->orphaned = true;
        t->done = true;
        if (t->lease) {
            t->connection->poison();
            t->lease.reset();
        }
        t->connection = nullptr;
    }
}

void Database::authenticate() { impl_->run({"SELECT 1+1 AS result", {}}); }

std::future<void> Database::authenticateAsync() {
    return std::async(std::launch::async, [this] { authenticate(); });
}

void Database::close() {
    impl_->pool->close();
    // Later queries throw: the in-memory database can go.
    const std::lock_guard<std::mutex> lock(impl_->memoryKeeperMutex);
    impl_->memoryKeeper.reset();
}

Model& Database::define(const std::string& modelName, AttributeList attributes,
                        ModelOptions options) {
    // Redefining replaces the model, as in Sequelize. When no instance of the
    // current definition is alive, the new one is built in the same Model
    // object: every Model& handed out stays valid and names the new
    // definition, and the old one is freed. Otherwise the old object stays
    // as it is, for its instances and references, until the Database goes.
    if (!isDefined(modelName)) {
        auto model =
            std::make_unique<Model>(*this, modelName, std::move(attributes), std::move(options));
        std::lock_guard lock(impl_->modelsMutex);
        auto& slot = impl_->models[modelName];
        if (slot) { // defined meanwhile by another thread
            std::erase(impl_->definitionOrder, slot.get());
            impl_->retired.push_back(std::move(slot));
        }
        slot = std::move(model);
        impl_->definitionOrder.push_back(slot.get());
        return *slot;
    }
    // Built aside first, so that a definition that is refused changes nothing.
    auto model = std::make_unique<Model>(*this, modelName, attributes, options);
    std::lock_guard lock(impl_->modelsMutex);
    auto& slot = impl_->models[modelName];
    if (slot) {
        std::erase(impl_->definitionOrder, slot.get());
        if (slot->impl().liveInstances.load(std::memory_order_acquire) == 0) {
            Model* reused = slot.get();
            reused->~Model();
            try {
                ::new (static_cast<void*>(reused))
                    Model(*this, modelName, std::move(attributes), std::move(options));
                model.reset();
            } catch (...) {
                // Out of memory on the second build of a definition that built
                // once: the object is gone, its storage is given back.
                ::operator delete(static_cast<void*>(slot.release()));
            }
        } else {
            impl_->retired.push_back(std::move(slot));
        }
    }
    if (!slot) slot = std::move(model);
    impl_->definitionOrder.push_back(slot.get());
    return *slot;
}

Model& Database::model(const std::string& modelName) const {
    std::lock_guard lock(impl_->modelsMutex);
    auto it = impl_->models.find(modelName);
    if (it == impl_->models.end()) {
        std::string known;
        for (const auto& [name, m] : impl_->models)
            known += (known.empty() ? "" : ", ") + name;
        throw UsageError("model '" + modelName + "' has not been defined" +
                         (known.empty() ? std::string() : " (defined: " + known + ")"));
    }
    return *it->second;
}

bool Database::isDefined(const std::string& modelName) const {
    std::lock_guard lock(impl_->modelsMutex);
    return impl_->models.count(modelName) != 0;
}

namespace {

// Models in dependency order: a model comes after the models its foreign
// keys point at (definition order otherwise; cycles keep definition order).
std::vector<Model*> dependencyOrder(std::vector<Model*> models) {
    std::vector<Model*> ordered;
    std::vector<Model*> pending = std::move(models);
    while (!pending.empty()) {
        bool progressed = false;
        for (auto it = pending.begin(); it != pending.end();) {
            const ModelImpl& m = (*it)->impl();
            bool ready = true;
            for (const auto& a : m.attributes) {
                if (!a.reference || a.reference->table == m.table) continue;
                for (Model* other : pending)
                    if (other != *it && other->tableName() == a.reference->table) ready = false;
            }
            if (ready) {
                ordered.push_back(*it);
                it = pending.erase(it);
                progressed = true;
            } else {
                ++it;
            }
        }
        if (!progressed) {
            ordered.insert(ordered.end(), pending.begin(), pending.end());
            break;
        }
    }
    return ordered;
}

} // namespace

void Database::sync(SyncOptions options) {
    std::vector<Model*> models;
    {
        std::lock_guard lock(impl_->modelsMutex);
        models = dependencyOrder(impl_->definitionOrder);
    }
    // force: drop every table first, dependents before what they point at.
    if (options.force)
        for (auto it = models.rbegin(); it != models.rend(); ++it)
            (*it)->drop({.transaction = options.transaction});
    SyncOptions create = options;
    create.force = false;
    for (Model* m : models)
        m->sync(create);
}

std::future<void> Database::syncAsync(SyncOptions options) {
    return std::async(std::launch::async, [this, options] { sync(options); });
}

void Database::drop() {
    std::vector<Model*> models;
    {
        std::lock_guard lock(impl_->modelsMutex);
        models = dependencyOrder(impl_->definitionOrder);
    }
    for (auto it = models.rbegin(); it != models.rend(); ++it)
        (*it)->drop();
}

namespace {

// Whether a raw statement may change the schema under prepared statements:
// its first word is one of DDL's.
bool changesSchema(std::string_view sql) {
    std::size_t at = 0;
    for (;;) {
        while (at < sql.size() && std::isspace(static_cast<unsigned char>(sql[at])))
            ++at;
        if (sql.substr(at, 2) == "--") {
            at = sql.find('\n', at);
            if (at == std::string_view::npos) return false;
            continue;
        }
        if (sql.substr(at, 2) == "/*") {
            at = sql.find("*/", at + 2);
            if (at == std::string_view::npos) return false;
            at += 2;
            continue;
        }
        break;
    }
    std::string word;
    while (at < sql.size() && std::isalpha(static_cast<unsigned char>(sql[at])))
        word += static_cast<char>(std::toupper(static_cast<unsigned char>(sql[at++])));
    return word == "CREATE" || word == "ALTER" || word == "DROP" || word == "RENAME" ||
           word == "TRUNCATE" || word == "COMMENT" || word == "GRANT" || word == "REVOKE";
}

} // namespace

namespace detail {

namespace {
thread_local std::optional<std::chrono::milliseconds> tStatementTimeout;
} // namespace

StatementTimeout::StatementTimeout(const std::optional<std::chrono::milliseconds>& timeout) {
    if (!timeout) return;
    if (timeout->count() < 0)
        throw UsageError("timeout must not be negative, got " + std::to_string(timeout->count()) +
                         " ms");
    previous_ = tStatementTimeout;
    tStatementTimeout = timeout;
    set_ = true;
}

StatementTimeout::~StatementTimeout() {
    if (set_) tStatementTimeout = previous_;
}

const std::optional<std::chrono::milliseconds>& StatementTimeout::current() {
    return tStatementTimeout;
}

} // namespace detail

QueryResult Database::query(const std::string& sql, QueryOptions options) {
    const detail::StatementTimeout limit(options.timeout);
    sql::Statement statement{sql, {}};
    const bool dollar = !options.bind.empty() || !options.namedBind.empty();
    const bool colon = !options.replacements.empty() || !options.namedReplacements.empty();
    if (dollar && colon) throw UsageError("query: use either replacements or bind, not both");
    if (dollar)
        statement = impl_->sql().bindRaw(sql, options.bind, options.namedBind, true);
    else if (colon)
        statement =
            impl_->sql().bindRaw(sql, options.replacements, options.namedReplacements, false);

    detail::ResultSet rs;
    if (changesSchema(sql)) {
        try {
            rs = impl_->run(statement, options.transaction);
        } catch (...) {
            impl_->schemaChanged();
            throw;
        }
        impl_->schemaChanged();
    } else {
        rs = impl_->run(statement, options.transaction);
    }
    QueryResult result;
    result.affectedRows = rs.changes;
    result.lastInsertId = rs.lastInsertId;
    if (options.model) {
        result.instances = options.model->impl().instancesFrom(detail::ResultSet(rs), false);
    }
    result.rows.reserve(rs.rows.size());
    for (auto& row : rs.rows)
        result.rows.emplace_back(rs.columns, std::move(row));
    return result;
}

std::future<QueryResult> Database::queryAsync(std::string sql, QueryOptions options) {
    return std::async(
        std::launch::async,
        [this, sql = std::move(sql), options = std::move(options)] { return query(sql, options); });
}

const std::string& Database::dialectName() const { return impl_->dialect; }
const std::string& Database::databaseName() const { return impl_->database; }
const Options& Database::options() const { return impl_->options; }

const Value& Row::operator[](const std::string& column) const {
    for (size_t i = 0; i < columns_->size(); ++i)
        if ((*columns_)[i] == column) return values_[i];
    std::string known;
    for (const auto& c : *columns_)
        known += (known.empty() ? "" : ", ") + c;
    throw UsageError("no column '" + column + "' in this row (columns: " + known + ")");
}

const Value& Row::operator[](std::size_t index) const {
    if (index < values_.size()) return values_[index];
    throw UsageError("row index " + std::to_string(index) + " is out of range: the row has " +
                     std::to_string(values_.size()) +
                     (values_.size() == 1 ? " column" : " columns"));
}

bool Row::has(const std::string& column) const {
    for (const auto& c : *columns_)
        if (c == column) return true;
    return false;
}

std::string Row::toJSON() const {
    std::string out = "{";
    for (size_t i = 0; i < values_.size(); ++i) {
        if (i) out += ',';
        out += Value((*columns_)[i]).toJSONText();
        out += ':';
        out += values_[i].toJSONText();
    }
    return out + "}";
}

} // namespace tabula
