// One prepared statement over MariaDB's binary protocol, with a text-protocol
// path for the few statements the server will not prepare.
#pragma once

#include <tabula/sdk/dialect.hpp>

#include <mysql.h>

#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace tabula::mysql {

// How a result column's cells become tabula values, from its metadata.
enum class Decode {
    Null,
    Bool,
    Int,
    Bit,
    Float,
    Double,
    Decimal,
    DateTime,
    Date,
    Time,
    Bytes,
    Text
};

Decode decodeFor(const MYSQL_FIELD& field);

class Statement;

// What one connection is busy with. A statement's rows are read off the wire
// as they are stepped through (the client keeps no copy of the whole result),
// so nothing else may use the connection until they are all read; whatever
// needs it first claims it, and the reading statement keeps the rest of its
// rows in memory.
class Session {
public:
    // Make the connection free for `by` (null: the connection itself).
    void claim(const Statement* by);
    void streaming(Statement* s) { streaming_ = s; }
    void finished(const Statement* s) {
        if (streaming_ == s) streaming_ = nullptr;
    }

private:
    Statement* streaming_ = nullptr;
};

class Statement final : public sdk::Statement {
public:
    Statement(MYSQL* db, std::shared_ptr<Session> session, std::string_view sql);
    ~Statement() override;
    Statement(const Statement&) = delete;
    Statement& operator=(const Statement&) = delete;

    void bind(int index, const tabula_value& value) override;
    bool step() override;
    int columnCount() override;
    const char* columnName(int column) override;
    tabula_value column(int column) override;
    void row(tabula_value* out, int count) override;
    int64_t changes() override { return changes_; }
    int64_t lastInsertId() override { return lastInsertId_; }
    void reset() override;

    // Read the rest of the current result into memory, so the connection is
    // free; the statement goes on stepping through those rows.
    void keepRest();

private:
    // A bound parameter's own copy of its value, kept until the next bind.
    struct Param {
        int64_t i = 0;
        double d = 0;
        signed char tiny = 0;
        MYSQL_TIME time{};
        std::string bytes;
        unsigned long length = 0;
    };

    // A result column: its metadata and the buffers the binary protocol fills.
    struct Column {
        std::string name;
        Decode decode = Decode::Text;
        bool isUnsigned = false;
        unsigned int decimals = 0;
        int64_t i = 0;
        double d = 0;
        float f = 0;
        MYSQL_TIME time{};
        std::vector<char> buffer;
        unsigned long length = 0;
        my_bool isNull = 0;
        my_bool error = 0;
        std::string scratch; // formatted text that a returned value points into
    };

    // A cell of a row kept by keepRest(): the value, with its data in `bytes`.
    struct KeptCell {
        tabula_value value;
        std::string bytes;
    };

    struct ResultDeleter {
        void operator()(MYSQL_RES* r) const { mysql_free_result(r); }
    };
    using Result = std::unique_ptr<MYSQL_RES, ResultDeleter>;

    void setColumns(const MYSQL_FIELD* fields, unsigned int count);
    void bindResults();
    bool execute();
    bool fetch();
    void fetchLongColumns();
    void finishResults();
    tabula_value cell(int column); // the caller has checked the row and the column
    bool nextKept();
    tabula_value binaryValue(Column& c);
    tabula_value textValue(Column& c, const char* data, unsigned long size);
    [[noreturn]] void fail() const;

    MYSQL* db_;
    std::shared_ptr<Session> session_;
    MYSQL_STMT* stmt_ = nullptr; // null on the text-protocol path
    std::string sql_;
    std::vector<Param> params_;
    std::vector<MYSQL_BIND> paramBinds_;
    std::vector<Column> columns_;
    std::vector<MYSQL_BIND> resultBinds_;
    bool executed_ = false;
    bool hasRow_ = false;
    bool resultOpen_ = false;
    int64_t changes_ = 0;
    int64_t lastInsertId_ = 0;
    // Rows read ahead by keepRest(), cell after cell: where the current and
    // the next row start, and the columns of the row that was current then.
    static constexpr size_t noKeptRow = static_cast<size_t>(-1);
    bool kept_ = false;
    std::vector<KeptCell> keptCells_;
    size_t keptRow_ = noKeptRow;
    size_t keptNext_ = 0;
    std::vector<Column> held_;
    // Text-protocol path only.
    Result textResult_;
    MYSQL_ROW textRow_ = nullptr;
    unsigned long* textLengths_ = nullptr;
};

} // namespace tabula::mysql
