// Statements on a DB-Library connection. Without parameters the text goes as
// a plain batch; with them, as sp_executesql with @stmt, @params and one typed
// RPC parameter per value, so no value ever enters the SQL text.
#include "mssql_statement.hpp"

#include "mssql_connection.hpp"

namespace tabula::mssql {

Statement::Statement(Connection& connection, std::string_view sql)
    : connection_(connection), sql_(sql) {}

Statement::~Statement() {
    if (state_ == State::Rows) dbcancel(connection_.handle());
    connection_.release(this);
}

void Statement::bind(int index, const tabula_value& value) {
    if (index < 1 || index > 2098)
        throw sdk::Error(TABULA_ERR_MISUSE,
                         "parameter index " + std::to_string(index) + " out of range");
    if (static_cast<size_t>(index) > params_.size()) params_.resize(static_cast<size_t>(index));
    params_[static_cast<size_t>(index) - 1] = encodeParam(value);
}

std::string Statement::declarations() const {
    std::string out;
    for (size_t i = 0; i < params_.size(); ++i) {
        if (!params_[i].bound)
            throw sdk::Error(TABULA_ERR_MISUSE,
                             "parameter @p" + std::to_string(i + 1) + " is not bound");
        if (i) out += ", ";
        out += "@p" + std::to_string(i + 1) + " " + params_[i].declaration;
    }
    return out;
}

void Statement::send() {
    DBPROCESS* db = connection_.handle();
    connection_.claim(this);
    changes_ = 0;
    if (params_.empty()) {
        if (dbcmd(db, sql_.c_str()) == FAIL || dbsqlexec(db) == FAIL) throw connection_.failure();
        connection_.throwIfServerError();
        return;
    }
    // dbrpcparam keeps pointers until dbrpcsend: everything stays alive here.
    const std::string declared = declarations();
    std::string text;
    for (size_t i = 0; i < params_.size(); ++i)
        if (!params_[i].emptyValue.empty())
            text += "SET @p" + std::to_string(i + 1) + " = " + params_[i].emptyValue + "; ";
    text += sql_;
    const std::vector<std::string> names = [&] {
        std::vector<std::string> n;
        for (size_t i = 0; i < params_.size(); ++i)
            n.push_back("@p" + std::to_string(i + 1));
        return n;
    }();
    auto bytes = [](const std::string& s) {
        return reinterpret_cast<BYTE*>(const_cast<char*>(s.data()));
    };
    bool ok = dbrpcinit(db, "sp_executesql", 0) != FAIL &&
              dbrpcparam(db, "@stmt", 0, textWireType(text.size()), -1,
                         static_cast<DBINT>(text.size()), bytes(text)) != FAIL &&
              dbrpcparam(db, "@params", 0, textWireType(declared.size()), -1,
                         static_cast<DBINT>(declared.size()), bytes(declared)) != FAIL;
    for (size_t i = 0; ok && i < params_.size(); ++i) {
        const Param& p = params_[i];
        ok = dbrpcparam(db, names[i].c_str(), 0, p.wireType, -1, p.null ? 0 : p.length(),
                        p.null ? nullptr : bytes(p.bytes)) != FAIL;
    }
    if (!ok) {
        // A half-built call would otherwise go out with the next request.
        dbrpcinit(db, "", DBRPCRESET);
        throw connection_.failure();
    }
    if (dbrpcsend(db) == FAIL || dbsqlok(db) == FAIL) throw connection_.failure();
    connection_.throwIfServerError();
}

void Statement::noteCount() {
    const DBINT count = dbcount(connection_.handle());
    if (count >= 0) changes_ = count;
}

// Moves to the next result that has columns, noting the row counts of those
// without; false when there is none.
bool Statement::nextResultWithColumns() {
    DBPROCESS* db = connection_.handle();
    for (;;) {
        const RETCODE rc = dbresults(db);
        if (rc == NO_MORE_RESULTS) {
            connection_.throwIfServerError();
            return false;
        }
        if (rc == FAIL) throw connection_.failure();
        connection_.throwIfServerError();
        const int count = dbnumcols(db);
        if (count > 0) {
            names_.clear();
            for (int i = 1; i <= count; ++i) {
                const char* name = dbcolname(db, i);
                names_.emplace_back(name ? name : "");
            }
            cells_.assign(static_cast<size_t>(count), Cell{});
            return true;
        }
        noteCount();
    }
}

// Reads and discards what follows the first result set, keeping its counts.
void Statement::drain() {
    DBPROCESS* db = connection_.handle();
    for (;;) {
        const RETCODE rc = dbresults(db);
        if (rc == NO_MORE_RESULTS) break;
        if (rc == FAIL) throw connection_.failure();
        STATUS row;
        while ((row = dbnextrow(db)) != NO_MORE_ROWS)
            if (row == FAIL) throw connection_.failure();
        noteCount();
    }
    connection_.throwIfServerError();
}

bool Statement::step() {
    if (state_ == State::Done) return false;
    if (state_ == State::Ready) {
        names_.clear();
        cells_.clear();
        send();
        state_ = State::Rows;
        if (!nextResultWithColumns()) {
            state_ = State::Done;
            connection_.release(this);
            return false;
        }
    }
    DBPROCESS* db = connection_.handle();
    for (;;) {
        const STATUS row = dbnextrow(db);
        if (row == REG_ROW) {
            for (int i = 0; i < static_cast<int>(cells_.size()); ++i)
                decodeColumn(db, i + 1, cells_[static_cast<size_t>(i)]);
            return true;
        }
        if (row == NO_MORE_ROWS) {
            noteCount();
            drain();
            state_ = State::Done;
            connection_.release(this);
            return false;
        }
        if (row == FAIL) throw connection_.failure();
        // BUF_FULL cannot happen without buffering; compute rows are skipped.
    }
}

const char* Statement::columnName(int column) {
    if (column < 0 || column >= static_cast<int>(names_.size()))
        throw sdk::Error(TABULA_ERR_MISUSE,
                         "column index " + std::to_string(column) + " out of range");
    return names_[static_cast<size_t>(column)].c_str();
}

tabula_value Statement::column(int column) {
    if (column < 0 || column >= static_cast<int>(cells_.size()))
        throw sdk::Error(TABULA_ERR_MISUSE,
                         "column index " + std::to_string(column) + " out of range");
    return cells_[static_cast<size_t>(column)].value;
}

void Statement::reset() {
    if (state_ == State::Rows) dbcancel(connection_.handle());
    connection_.release(this);
    state_ = State::Ready;
    params_.clear();
    cells_.clear();
}

} // namespace tabula::mssql
