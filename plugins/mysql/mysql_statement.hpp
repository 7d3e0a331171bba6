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

class Statement final : public sdk::Statement {
public:
    Statement(MYSQL* db, std::string_view sql);
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
    tabula_value binaryValue(Column& c);
    tabula_value textValue(Column& c, const char* data, unsigned long size);
    [[noreturn]] void fail() const;

    MYSQL* db_;
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
    // Text-protocol path only.
    Result textResult_;
    MYSQL_ROW textRow_ = nullptr;
    unsigned long* textLengths_ = nullptr;
};

} // namespace tabula::mysql
