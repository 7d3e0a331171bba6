// The mssql dialect plugin through its C table, against the scripted TDS 7.4
// test server in tests/tds_server (started here, one process for the file):
// login, parameter passing as the server receives it, decoding of every
// column type, row counts, error mapping, timeouts and transaction verbs.
#include "driver_harness.hpp"

#include <tabula/tabula.hpp>

#include <catch2/catch.hpp>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <fstream>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

namespace {

const std::string kBig(100000, 'x'); // an NVARCHAR(MAX) value of 100 kB

std::string script() {
    return R"js({
 "login": {"password": "secret"},
 "rules": [
  {"sql": "SELECT 1+1 AS result", "reply": {"columns": [["result", "int"]], "rows": [[2]]}},
  {"sql": "SELECT 1", "reply": {"columns": [["", "int"]], "rows": [[1]]}},
  {"regex": "SELECT echo", "reply": {"echo": true}},
  {"sql": "SELECT tabula_log", "reply": {"log": true}},
  {"sql": "SELECT types", "reply": {"columns": [
     ["i", "int"], ["si", "smallint"], ["ti", "tinyint"], ["bi", "bigint"], ["b", "bit"],
     ["r", "real"], ["f", "float"], ["dec", "decimal(38,6)"], ["num", "numeric(10,2)"],
     ["m", "money"], ["sm", "smallmoney"], ["nv", "nvarchar(50)"], ["nvmax", "nvarchar(max)"],
     ["vc", "varchar(20)"], ["vb", "varbinary(max)"], ["d", "date"], ["t", "time(7)"],
     ["dt", "datetime"], ["sdt", "smalldatetime"], ["dt2", "datetime2(6)"],
     ["dto", "datetimeoffset(7)"], ["g", "uniqueidentifier"]],
   "rows": [[2147483647, -32768, 255, -9223372036854775808, true,
     1.5, 0.1, "12345678901234567890.123456", "-12.50",
     "922337203685477.5807", "-214748.3648", "Grüße, 東京", ")js" +
           kBig + R"js(",
     "café", "00ff10", "2024-02-29", "23:59:59.1234567",
     "2024-01-02 03:04:05.003", "2024-01-02 03:04:00", "2024-01-02 03:04:05.123456",
     "2024-01-02 03:04:05.1234567 +05:30", "6F9619FF-8B86-D011-B42D-00C04FC964FF"],
    [null, null, null, null, null, null, null, null, null, null, null, null, null, null,
     null, null, null, null, null, null, null, null]]}},
  {"sql": "UPDATE t SET x = 1", "reply": {"count": 3}},
  {"regex": "^UPDATE t SET x = @p1", "reply": {"count": 7}},
  {"sql": "SELECT two", "reply": [{"count": 4}, {"columns": [["a", "int"]], "rows": [[1], [2]]}, {"count": 5}]},
  {"sql": "INSERT unique", "reply": {"error": {"number": 2627, "class": 14, "message": "Violation of UNIQUE KEY constraint 'users_email_unique'. Cannot insert duplicate key in object 'dbo.users'. The duplicate key value is (a@b.c)."}}},
  {"sql": "INSERT unique index", "reply": {"error": {"number": 2601, "class": 14, "message": "Cannot insert duplicate key row in object 'dbo.users' with unique index 'users_name_unique'. The duplicate key value is (ann)."}}},
  {"sql": "INSERT fk", "reply": {"error": {"number": 547, "message": "The INSERT statement conflicted with the FOREIGN KEY constraint \"tasks_userId_fkey\". The conflict occurred in database \"db\", table \"dbo.users\", column 'id'."}}},
  {"sql": "INSERT check", "reply": {"error": {"number": 547, "message": "The INSERT statement conflicted with the CHECK constraint \"age_positive\". The conflict occurred in database \"db\", table \"dbo.users\", column 'age'."}}},
  {"sql": "INSERT null", "reply": {"error": {"number": 515, "message": "Cannot insert the value NULL into column 'email', table 'db.dbo.users'; column does not allow nulls. INSERT fails."}}},
  {"sql": "SELECT nope", "reply": {"error": {"number": 208, "message": "Invalid object name 'nope'."}}},
  {"sql": "SELEC", "reply": {"error": {"number": 102, "class": 15, "message": "Incorrect syntax near 'SELEC'."}}},
  {"sql": "UPDATE deadlock", "reply": {"error": {"number": 1205, "class": 13, "message": "Transaction (Process ID 52) was deadlocked on lock resources with another process and has been chosen as the deadlock victim. Rerun the transaction."}}},
  {"regex": "^UPDATE p unique", "reply": {"error": {"number": 2627, "class": 14, "message": "Violation of PRIMARY KEY constraint 'PK_p'. Cannot insert duplicate key in object 'dbo.p'. The duplicate key value is (1)."}}},
  {"sql": "WAITFOR DELAY '00:00:05'", "reply": {"delay": 5}},
  {"sql": "SELECT drop", "reply": {"close": true}}
 ]})js";
}

// The test server as a child process; fails loudly when it cannot start.
class TdsServer {
public:
    TdsServer() {
        const std::string source =
            std::string(TABULA_TEST_SOURCE_DIR) + "/tests/tds_server/tds_server.py";
        if (access(source.c_str(), R_OK) != 0)
            throw std::runtime_error("the TDS test server is missing: " + source);
        scriptPath_ = std::string(TABULA_TEST_BINARY_DIR) + "/tds_server_script_" +
                      std::to_string(getpid()) + ".json";
        std::ofstream(scriptPath_) << script();
        int out[2];
        if (pipe(out) != 0) throw std::runtime_error("pipe failed");
        pid_ = fork();
        if (pid_ < 0) throw std::runtime_error("fork failed");
        if (pid_ == 0) {
            prctl(PR_SET_PDEATHSIG, SIGTERM); // never outlive a crashed test run
            dup2(out[1], STDOUT_FILENO);
            close(out[0]);
            close(out[1]);
            execlp("python3", "python3", source.c_str(), "--port", "0", "--script",
                   scriptPath_.c_str(), static_cast<char*>(nullptr));
            std::perror("cannot run python3 for the TDS test server");
            _exit(127);
        }
        close(out[1]);
        std::string line;
        char c;
        while (read(out[0], &c, 1) == 1 && c != '\n')
            line += c;
        close(out[0]);
        if (line.empty()) {
            stop();
            throw std::runtime_error("the TDS test server did not start: is python3 installed?");
        }
        port_ = std::stoi(line);
    }
    ~TdsServer() { stop(); }
    TdsServer(const TdsServer&) = delete;
    int port() const { return port_; }

private:
    void stop() {
        if (pid_ > 0) {
            kill(pid_, SIGTERM);
            waitpid(pid_, nullptr, 0);
            pid_ = -1;
        }
        std::remove(scriptPath_.c_str());
    }
    pid_t pid_ = -1;
    int port_ = 0;
    std::string scriptPath_;
};

TdsServer& server() {
    static TdsServer s;
    return s;
}

const tabula_dialect& dialect() {
    static const tabula_dialect& d = harness::load("mssql");
    return d;
}

std::map<std::string, std::string> settings(std::map<std::string, std::string> extra = {}) {
    std::map<std::string, std::string> s = {{"host", "127.0.0.1"},
                                            {"port", std::to_string(server().port())},
                                            {"database", "tabula"},
                                            {"username", "sa"},
                                            {"password", "secret"}};
    for (auto& [k, v] : extra)
        s[k] = v;
    return s;
}

tabula_error connectFailure(const std::map<std::string, std::string>& s) {
    try {
        harness::Conn c(dialect(), s);
    } catch (const harness::Failure& f) {
        return f.error;
    }
    FAIL("connecting succeeded");
    return {};
}

tabula_error runFailure(harness::Conn& c, const std::string& sql,
                        const std::vector<tabula_value>& params = {}) {
    try {
        harness::Stmt s(c, sql);
        for (size_t i = 0; i < params.size(); ++i)
            s.bind(static_cast<int>(i) + 1, params[i]);
        while (s.step()) {
        }
    } catch (const harness::Failure& f) {
        return f.error;
    }
    FAIL("statement succeeded: " << sql);
    return {};
}

// The current row's column named `name`.
int columnIndex(harness::Stmt& s, const std::string& name) {
    for (int i = 0; i < s.columns(); ++i)
        if (s.name(i) == name) return i;
    FAIL("no column " << name);
    return -1;
}

tabula_value typed(int32_t type, int64_t i) { return tabula_value{type, i, 0.0, nullptr, 0}; }

// A port nothing listens on: bound, then released.
int closedPort() {
    const int fd = socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    a.sin_port = 0;
    bind(fd, reinterpret_cast<sockaddr*>(&a), sizeof a);
    socklen_t len = sizeof a;
    getsockname(fd, reinterpret_cast<sockaddr*>(&a), &len);
    close(fd);
    return ntohs(a.sin_port);
}

} // namespace

TEST_CASE("mssql logs in and runs a batch", "[mssql][driver]") {
    harness::Conn c(dialect(), settings());
    harness::Stmt s(c, "SELECT 1+1 AS result");
    REQUIRE(s.step());
    CHECK(s.columns() == 1);
    CHECK(s.name(0) == "result");
    const tabula_value v = s.column(0);
    CHECK(v.type == TABULA_TYPE_INT);
    CHECK(v.i == 2);
    CHECK_FALSE(s.step());
    auto e = harness::freshError();
    CHECK(c.driver().ping(c.get(), &e) == TABULA_OK);
}

TEST_CASE("mssql login failures map to their kinds", "[mssql][driver]") {
    const tabula_error denied = connectFailure(settings({{"password", "wrong"}}));
    CHECK(denied.kind == TABULA_ERR_ACCESS_DENIED);
    CHECK(denied.native_code == 18456);
    CHECK(std::string(denied.message).find("Login failed for user 'sa'") != std::string::npos);

    const tabula_error refused = connectFailure(settings({{"port", std::to_string(closedPort())}}));
    CHECK(refused.kind == TABULA_ERR_CONN_REFUSED);

    const tabula_error host = connectFailure(settings({{"host", "no-such-host.invalid"}}));
    CHECK(host.kind == TABULA_ERR_HOST_NOT_FOUND);

    // DB-Library cannot switch TLS on per connection: freetds.conf decides.
    const tabula_error encrypt = connectFailure(settings({{"encrypt", "true"}}));
    CHECK(encrypt.kind == TABULA_ERR_UNSUPPORTED);
}

TEST_CASE("mssql sends every type as a typed sp_executesql parameter", "[mssql][driver]") {
    harness::Conn c(dialect(), settings());
    harness::Stmt s(c, "SELECT echo @p1");
    const std::string decimal = "12345678901234567890.123456", text = "Grüße, 東京";
    const std::string bytes("\x00\xff\x10", 3), date = "2024-02-29", time = "13:14:15.123456";
    const std::string json = R"({"a":[1,2]})", guid = "6f9619ff-8b86-d011-b42d-00c04fc964ff";
    s.bind(1, typed(TABULA_TYPE_BOOL, 1));
    s.bind(2, harness::integer(-9007199254740993));
    s.bind(3, harness::real(0.1));
    s.bind(4, harness::text(decimal, TABULA_TYPE_DECIMAL));
    s.bind(5, harness::text(text));
    s.bind(6, harness::text(bytes, TABULA_TYPE_BYTES));
    s.bind(7, harness::text(date, TABULA_TYPE_DATE));
    s.bind(8, harness::text(time, TABULA_TYPE_TIME));
    s.bind(9, typed(TABULA_TYPE_TIMESTAMP, 1704164645123456)); // 2024-01-02 03:04:05.123456Z
    s.bind(10, harness::text(json, TABULA_TYPE_JSON));
    s.bind(11, harness::text(guid, TABULA_TYPE_UUID));
    s.bind(12, harness::null());
    s.bind(13, harness::text(kBig));
    s.bind(14, harness::text(""));
    const std::string blob(20000, '\x7f');
    s.bind(15, harness::text(blob, TABULA_TYPE_BYTES));
    REQUIRE(s.step());

    // dbrpcparam reads a zero length as NULL: the empty string is set in the statement.
    CHECK(s.text(columnIndex(s, "stmt")) == "SET @p14 = N''; SELECT echo @p1");
    CHECK(s.text(columnIndex(s, "params")) ==
          "@p1 BIT, @p2 BIGINT, @p3 FLOAT, @p4 DECIMAL(38,6), @p5 NVARCHAR(4000), "
          "@p6 VARBINARY(MAX), @p7 DATE, @p8 TIME, @p9 DATETIMEOFFSET, @p10 NVARCHAR(MAX), "
          "@p11 UNIQUEIDENTIFIER, @p12 NVARCHAR(1), @p13 NVARCHAR(MAX), @p14 NVARCHAR(4000), "
          "@p15 VARBINARY(MAX)");
    auto wire = [&](const char* p) { return s.text(columnIndex(s, std::string(p) + "_type")); };
    auto seen = [&](const char* p) { return s.text(columnIndex(s, std::string(p) + "_text")); };
    // Typed on the wire: BIT, BIGINT, FLOAT, VARBINARY, NVARCHAR (UTF-16).
    CHECK(wire("p1") == "BITN(1)");
    CHECK(seen("p1") == "1");
    CHECK(wire("p2") == "INTN(8)");
    CHECK(seen("p2") == "-9007199254740993");
    CHECK(wire("p3") == "FLTN(8)");
    CHECK(seen("p3") == "0.1");
    CHECK(wire("p5") == "NVARCHAR(" + std::to_string(2 * text.size()) + ")");
    CHECK(seen("p5") == text);
    CHECK(wire("p6") == "BIGVARBINARY(3)");
    CHECK(seen("p6") == "0x00ff10");
    CHECK(seen("p10") == json);
    CHECK(wire("p12").rfind("NVARCHAR(", 0) == 0);
    CHECK(seen("p12") == "NULL");
    // Long values are handed to FreeTDS as NTEXT and IMAGE (NVARCHAR and
    // VARBINARY would be cut), which it sends as the MAX types over TDS 7.4.
    CHECK(wire("p13") == "NVARCHAR(MAX)");
    CHECK(seen("p13").size() == kBig.size());
    CHECK(wire("p15") == "BIGVARBINARY(MAX)");
    CHECK(seen("p15").size() == 2 + 2 * blob.size());
    CHECK(seen("p14") == "NULL");
    // Sent as exact text that the server converts to the declared type.
    CHECK(wire("p4").rfind("NVARCHAR(", 0) == 0);
    CHECK(seen("p4") == decimal);
    CHECK(wire("p7").rfind("NVARCHAR(", 0) == 0);
    CHECK(seen("p7") == date);
    CHECK(seen("p8") == "13:14:15.1234560");
    CHECK(seen("p9") == "2024-01-02 03:04:05.1234560 +00:00");
    CHECK(wire("p11").rfind("NVARCHAR(", 0) == 0);
    CHECK(seen("p11") == guid);

    // The values come back re-sent with the wire type they arrived with.
    CHECK(s.column(columnIndex(s, "p1")).type == TABULA_TYPE_BOOL);
    CHECK(s.column(columnIndex(s, "p2")).i == -9007199254740993);
    CHECK(s.column(columnIndex(s, "p3")).d == 0.1);
    CHECK(s.text(columnIndex(s, "p5")) == text);
    CHECK(s.column(columnIndex(s, "p6")).type == TABULA_TYPE_BYTES);
    CHECK(s.text(columnIndex(s, "p6")) == bytes);
    CHECK((s.text(columnIndex(s, "p13")) == kBig));
    CHECK((s.text(columnIndex(s, "p15")) == blob));
    CHECK(s.column(columnIndex(s, "p12")).type == TABULA_TYPE_NULL);
    CHECK_FALSE(s.step());
}

TEST_CASE("mssql decodes every column type", "[mssql][driver]") {
    harness::Conn c(dialect(), settings());
    harness::Stmt s(c, "SELECT types");
    REQUIRE(s.step());
    auto col = [&](const char* name) { return s.column(columnIndex(s, name)); };
    auto text = [&](const char* name) { return s.text(columnIndex(s, name)); };
    CHECK(col("i").i == 2147483647);
    CHECK(col("si").i == -32768);
    CHECK(col("ti").i == 255);
    CHECK(col("bi").i == INT64_MIN);
    CHECK(col("b").type == TABULA_TYPE_BOOL);
    CHECK(col("b").i == 1);
    CHECK(col("r").type == TABULA_TYPE_DOUBLE);
    CHECK(col("r").d == 1.5);
    CHECK(col("f").d == 0.1);
    CHECK(col("dec").type == TABULA_TYPE_DECIMAL);
    CHECK(text("dec") == "12345678901234567890.123456");
    CHECK(text("num") == "-12.50");
    CHECK(col("m").type == TABULA_TYPE_DECIMAL);
    CHECK(text("m") == "922337203685477.5807");
    CHECK(text("sm") == "-214748.3648");
    CHECK(col("nv").type == TABULA_TYPE_TEXT);
    CHECK(text("nv") == "Grüße, 東京");
    CHECK((text("nvmax") == kBig));
    CHECK(text("vc") == "café");
    CHECK(col("vb").type == TABULA_TYPE_BYTES);
    CHECK(text("vb") == std::string("\x00\xff\x10", 3));
    CHECK(col("d").type == TABULA_TYPE_DATE);
    CHECK(text("d") == "2024-02-29");
    CHECK(col("t").type == TABULA_TYPE_TIME);
    CHECK(text("t") == "23:59:59.1234567");
    CHECK(col("dt").type == TABULA_TYPE_TIMESTAMP);
    CHECK(col("dt").i == 1704164645003000); // 1/300 s ticks, shown as .003
    CHECK(col("sdt").i == 1704164640000000);
    CHECK(col("dt2").i == 1704164645123456);
    CHECK(col("dto").type == TABULA_TYPE_TIMESTAMP);
    CHECK(col("dto").i == 1704164645123456 - 19800LL * 1000000); // 03:04:05 at +05:30
    CHECK(col("g").type == TABULA_TYPE_UUID);
    CHECK(text("g") == "6f9619ff-8b86-d011-b42d-00c04fc964ff");

    REQUIRE(s.step()); // the row of NULLs
    for (int i = 0; i < s.columns(); ++i) {
        INFO("column " << s.name(i));
        CHECK(s.column(i).type == TABULA_TYPE_NULL);
    }
    CHECK_FALSE(s.step());
    CHECK(s.changes() == 2);
}

TEST_CASE("mssql reports row counts from DONE", "[mssql][driver]") {
    harness::Conn c(dialect(), settings());
    {
        harness::Stmt s(c, "UPDATE t SET x = 1");
        CHECK_FALSE(s.step());
        CHECK(s.changes() == 3);
    }
    {
        harness::Stmt s(c, "UPDATE t SET x = @p1");
        s.bind(1, harness::integer(1));
        CHECK_FALSE(s.step());
        CHECK(s.changes() == 7);
        s.reset(); // reused with new values
        s.bind(1, harness::integer(2));
        CHECK_FALSE(s.step());
        CHECK(s.changes() == 7);
    }
    {
        // The first result with columns is the one returned; later counts still count.
        harness::Stmt s(c, "SELECT two");
        REQUIRE(s.step());
        CHECK(s.column(0).i == 1);
        REQUIRE(s.step());
        CHECK(s.column(0).i == 2);
        CHECK_FALSE(s.step());
        CHECK(s.changes() == 5);
    }
}

TEST_CASE("mssql maps server error numbers", "[mssql][driver]") {
    harness::Conn c(dialect(), settings());
    tabula_error e = runFailure(c, "INSERT unique");
    CHECK(e.kind == TABULA_ERR_UNIQUE);
    CHECK(e.native_code == 2627);
    CHECK(std::string(e.constraint) == "users_email_unique");
    CHECK(std::string(e.fields) == "email");
    CHECK(std::string(e.sqlstate).empty());
    CHECK(std::string(e.message).find("The duplicate key value is (a@b.c)") != std::string::npos);

    e = runFailure(c, "INSERT unique index");
    CHECK(e.kind == TABULA_ERR_UNIQUE);
    CHECK(e.native_code == 2601);
    CHECK(std::string(e.constraint) == "users_name_unique");
    CHECK(std::string(e.fields) == "name");

    // Through sp_executesql the same error arrives inside the procedure's results.
    e = runFailure(c, "UPDATE p unique @p1", {harness::integer(1)});
    CHECK(e.kind == TABULA_ERR_UNIQUE);
    CHECK(std::string(e.constraint) == "PK_p");

    e = runFailure(c, "INSERT fk");
    CHECK(e.kind == TABULA_ERR_FOREIGN_KEY);
    CHECK(e.native_code == 547);
    CHECK(std::string(e.constraint) == "tasks_userId_fkey");

    e = runFailure(c, "INSERT check");
    CHECK(e.kind == TABULA_ERR_CHECK);
    CHECK(std::string(e.constraint) == "age_positive");

    e = runFailure(c, "INSERT null");
    CHECK(e.kind == TABULA_ERR_NOT_NULL);
    CHECK(e.native_code == 515);
    CHECK(std::string(e.fields) == "email");

    e = runFailure(c, "SELECT nope");
    CHECK(e.kind == TABULA_ERR_UNKNOWN_TABLE);
    CHECK(e.native_code == 208);

    e = runFailure(c, "SELEC");
    CHECK(e.kind == TABULA_ERR_SYNTAX);
    CHECK(e.native_code == 102);

    e = runFailure(c, "UPDATE deadlock");
    CHECK(e.kind == TABULA_ERR_DEADLOCK);
    CHECK(e.native_code == 1205);

    // Still usable after all of them.
    harness::Stmt s(c, "SELECT 1+1 AS result");
    REQUIRE(s.step());
    CHECK(s.column(0).i == 2);
}

TEST_CASE("mssql cancels a request at requestTimeout", "[mssql][driver]") {
    harness::Conn c(dialect(), settings({{"requestTimeout", "1000"}}));
    const auto start = std::chrono::steady_clock::now();
    const tabula_error e = runFailure(c, "WAITFOR DELAY '00:00:05'");
    const auto elapsed = std::chrono::steady_clock::now() - start;
    CHECK(e.kind == TABULA_ERR_TIMEOUT);
    CHECK(elapsed < std::chrono::seconds(4));
    // The ATTENTION was acknowledged: the connection takes the next request.
    harness::Stmt s(c, "SELECT 1+1 AS result");
    REQUIRE(s.step());
    CHECK(s.column(0).i == 2);
}

TEST_CASE("mssql reports a dropped connection as lost", "[mssql][driver]") {
    harness::Conn c(dialect(), settings());
    const tabula_error e = runFailure(c, "SELECT drop");
    CHECK(e.kind == TABULA_ERR_CONNECTION_LOST);
    auto err = harness::freshError();
    CHECK(c.driver().ping(c.get(), &err) == TABULA_ERROR);
    CHECK(err.kind == TABULA_ERR_CONNECTION_LOST);
}

TEST_CASE("mssql transaction verbs are T-SQL", "[mssql][driver]") {
    harness::Conn c(dialect(), settings());
    const tabula_driver& d = c.driver();
    auto run = [&](tabula_tx_op op, const char* name, tabula_isolation iso = TABULA_ISO_DEFAULT) {
        auto e = harness::freshError();
        harness::check(d.transaction(c.get(), op, name, iso, &e), e);
    };
    run(TABULA_TX_BEGIN, nullptr);
    run(TABULA_TX_SAVEPOINT, "sp1");
    run(TABULA_TX_ROLLBACK_TO, "sp1");
    run(TABULA_TX_RELEASE, "sp1");
    run(TABULA_TX_SAVEPOINT, "odd]name");
    run(TABULA_TX_COMMIT, nullptr);
    run(TABULA_TX_BEGIN, nullptr, TABULA_ISO_SERIALIZABLE);
    run(TABULA_TX_ROLLBACK, nullptr);

    harness::Stmt s(c, "SELECT tabula_log");
    std::vector<std::string> log;
    while (s.step())
        log.push_back(s.text(0));
    // The session setup batch comes first.
    REQUIRE(log.size() == 8);
    CHECK(log[0].rfind("SET TEXTSIZE 2147483647;", 0) == 0);
    CHECK(log[1] == "BEGIN TRANSACTION");
    CHECK(log[2] == "SAVE TRANSACTION [sp1]");
    CHECK(log[3] == "ROLLBACK TRANSACTION [sp1]");
    CHECK(log[4] == "SAVE TRANSACTION [odd]]name]");
    CHECK(log[5] == "COMMIT TRANSACTION");
    CHECK(log[6] == "SET TRANSACTION ISOLATION LEVEL SERIALIZABLE; BEGIN TRANSACTION");
    CHECK(log[7] == "ROLLBACK TRANSACTION");
}

TEST_CASE("mssql through the public API", "[mssql]") {
    using namespace tabula;
    Database db("mssql://sa:secret@127.0.0.1:" + std::to_string(server().port()) + "/tabula",
                {.logging = false, .pluginPath = TABULA_TEST_DIALECT_DIR});
    db.authenticate();
    auto r = db.query("SELECT 1+1 AS result");
    REQUIRE(r.rows.size() == 1);
    CHECK(r.rows[0]["result"].asInt() == 2);

    auto echoed = db.query("SELECT echo ?", {.replacements = {Value(std::string("Grüße"))}});
    REQUIRE(echoed.rows.size() == 1);
    CHECK(echoed.rows[0]["params"].asString() == "@p1 NVARCHAR(4000)");
    CHECK(echoed.rows[0]["p1_text"].asString() == "Grüße");
    db.close();
}
