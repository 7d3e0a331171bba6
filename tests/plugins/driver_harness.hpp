// Drives one dialect plugin through its C table alone, with no core: what a
// plugin's own tests use to check binding, stepping, types and error codes.
#pragma once

#include <tabula/sdk/dialect.h>

#include <dlfcn.h>

#include <cstdlib>
#include <map>
#include <stdexcept>
#include <string>
#include <vector>

namespace harness {

// Loads tabula-dialect-<name>-abi1.so from the build tree's dialect folder.
inline const tabula_dialect& load(const std::string& name) {
    const std::string path = std::string(TABULA_TEST_DIALECT_DIR) + "/tabula-dialect-" + name +
                             "-abi" + std::to_string(TABULA_ABI_MAJOR) + ".so";
    void* lib = dlopen(path.c_str(), RTLD_NOW | RTLD_LOCAL);
    if (!lib) throw std::runtime_error("cannot load " + path + ": " + dlerror());
    auto entry = reinterpret_cast<tabula_dialect_entry_fn>(dlsym(lib, TABULA_DIALECT_ENTRY_SYMBOL));
    if (!entry) throw std::runtime_error(path + " has no entry point");
    return *entry();
}

struct Failure : std::runtime_error {
    Failure(const tabula_error& e) : std::runtime_error(e.message), error(e) {}
    tabula_error error;
};

inline tabula_error freshError() {
    tabula_error e{};
    e.struct_size = sizeof e;
    return e;
}

inline void check(int rc, const tabula_error& e) {
    if (rc == TABULA_ERROR) throw Failure(e);
}

// Settings from a test server URL: scheme://user:pass@host:port/db
// (no percent-decoding: test URLs use plain characters).
inline std::map<std::string, std::string> settingsFromUrl(const std::string& url) {
    std::map<std::string, std::string> s;
    auto rest = url.substr(url.find("://") + 3);
    auto at = rest.rfind('@');
    auto cred = rest.substr(0, at);
    rest = rest.substr(at + 1);
    auto colon = cred.find(':');
    s["username"] = cred.substr(0, colon);
    s["password"] = colon == std::string::npos ? "" : cred.substr(colon + 1);
    auto slash = rest.find('/');
    auto hostPort = rest.substr(0, slash);
    s["database"] = slash == std::string::npos ? "" : rest.substr(slash + 1);
    auto pc = hostPort.rfind(':');
    s["host"] = hostPort.substr(0, pc);
    if (pc != std::string::npos) s["port"] = hostPort.substr(pc + 1);
    return s;
}

// The URL of a test server from the environment; fails loudly when unset.
inline std::string requireUrl(const char* variable) {
    const char* url = std::getenv(variable);
    if (!url || !*url)
        throw std::runtime_error(std::string(variable) +
                                 " is not set: start the test servers with "
                                 "scripts/test-servers.sh start and export what it prints");
    return url;
}

class Conn {
public:
    Conn(const tabula_dialect& d, const std::map<std::string, std::string>& settings) : d_(d) {
        std::vector<tabula_setting> list;
        for (auto& [k, v] : settings)
            list.push_back({k.c_str(), v.c_str()});
        auto e = freshError();
        check(d_.driver->connect(list.data(), list.size(), &c_, &e), e);
    }
    ~Conn() {
        if (c_) d_.driver->close(c_);
    }
    Conn(const Conn&) = delete;
    void exec(const std::string& sql) {
        auto e = freshError();
        check(d_.driver->exec(c_, sql.c_str(), &e), e);
    }
    tabula_conn* get() const { return c_; }
    const tabula_driver& driver() const { return *d_.driver; }

private:
    const tabula_dialect& d_;
    tabula_conn* c_ = nullptr;
};

class Stmt {
public:
    Stmt(Conn& c, const std::string& sql) : drv_(c.driver()) {
        auto e = freshError();
        check(drv_.prepare(c.get(), sql.data(), sql.size(), &s_, &e), e);
    }
    ~Stmt() {
        if (s_) drv_.finalize(s_);
    }
    Stmt(const Stmt&) = delete;
    void bind(int i, tabula_value v) {
        auto e = freshError();
        check(drv_.bind(s_, i, &v, &e), e);
    }
    bool step() {
        auto e = freshError();
        int rc = drv_.step(s_, &e);
        check(rc, e);
        return rc == TABULA_ROW;
    }
    tabula_value column(int i) {
        tabula_value v{};
        auto e = freshError();
        check(drv_.column_value(s_, i, &v, &e), e);
        return v;
    }
    std::string text(int i) {
        auto v = column(i);
        return std::string(v.data ? v.data : "", v.size);
    }
    // The first `count` cells of the current row in one call (ABI 1.4).
    std::vector<tabula_value> row(int count) {
        std::vector<tabula_value> cells(static_cast<size_t>(count));
        auto e = freshError();
        check(drv_.row_values(s_, cells.data(), count, &e), e);
        return cells;
    }
    int columns() { return drv_.column_count(s_); }
    std::string name(int i) { return drv_.column_name(s_, i); }
    int64_t changes() { return drv_.changes(s_); }
    int64_t lastInsertId() { return drv_.last_insert_id(s_); }
    void reset() {
        auto e = freshError();
        check(drv_.reset(s_, &e), e);
    }

private:
    const tabula_driver& drv_;
    tabula_stmt* s_ = nullptr;
};

// Reads the current row both ways, row_values and column_value cell by cell,
// and describes the first cell where they differ; "" when they agree.
inline std::string rowDisagreement(Stmt& s, int count) {
    struct Cell {
        int32_t type;
        int64_t i;
        double d;
        std::string data;
        bool operator==(const Cell& o) const {
            return type == o.type && i == o.i && data == o.data &&
                   (d == o.d || (d != d && o.d != o.d));
        }
    };
    auto copy = [](const tabula_value& v) {
        return Cell{v.type, v.i, v.d, v.data ? std::string(v.data, v.size) : std::string()};
    };
    std::vector<Cell> whole;
    for (const auto& v : s.row(count))
        whole.push_back(copy(v));
    for (int c = 0; c < count; ++c) {
        const Cell one = copy(s.column(c));
        const Cell& all = whole[static_cast<size_t>(c)];
        if (!(one == all))
            return "column " + std::to_string(c) + ": row_values gives type " +
                   std::to_string(all.type) + " '" + all.data + "', column_value type " +
                   std::to_string(one.type) + " '" + one.data + "'";
    }
    return "";
}

inline tabula_value text(const std::string& s, int32_t type = TABULA_TYPE_TEXT) {
    return tabula_value{type, 0, 0.0, s.data(), s.size()};
}
inline tabula_value integer(int64_t i) { return tabula_value{TABULA_TYPE_INT, i, 0.0, nullptr, 0}; }
inline tabula_value real(double d) { return tabula_value{TABULA_TYPE_DOUBLE, 0, d, nullptr, 0}; }
inline tabula_value null() { return tabula_value{TABULA_TYPE_NULL, 0, 0.0, nullptr, 0}; }

} // namespace harness
