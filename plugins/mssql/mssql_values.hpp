// Tabula values to DB-Library RPC parameters and result cells back to Tabula
// values, without loss.
#pragma once

#include <tabula/sdk/dialect.hpp>

#include <sybdb.h>

#include <string>

namespace tabula::mssql {

// One bound parameter, ready for dbrpcparam: the wire type, the bytes the
// pointer refers to (owned here) and the T-SQL type it is declared as in
// sp_executesql's @params.
struct Param {
    bool bound = false;
    int wireType = 0;
    std::string declaration; // "BIGINT", "NVARCHAR(4000)", ...
    std::string bytes;       // the value as DB-Library reads it
    bool null = false;
    // An empty string or byte string, sent as NULL and set by this constant.
    std::string emptyValue;
    DBINT length() const { return static_cast<DBINT>(bytes.size()); }
};

Param encodeParam(const tabula_value& value);

// The wire type for UTF-8 text of this many bytes: FreeTDS cuts NVARCHAR
// parameters at 4000 characters, so longer text goes as NTEXT, which it sends
// as NVARCHAR(MAX) over TDS 7.2 and later.
int textWireType(size_t utf8Bytes);

// One result cell: the value handed to the core and the storage it points to.
struct Cell {
    tabula_value value{};
    std::string storage;
};

// Decodes column `column` (from 1) of the current row.
void decodeColumn(DBPROCESS* db, int column, Cell& cell);

// Days since 1970-01-01 of a proleptic Gregorian date, and back.
int64_t daysFromCivil(int64_t y, unsigned m, unsigned d);
void civilFromDays(int64_t days, int64_t& y, unsigned& m, unsigned& d);

} // namespace tabula::mssql
