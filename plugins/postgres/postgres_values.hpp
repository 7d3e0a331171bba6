// Conversions between libpq's text format and Tabula cells (numbers,
// timestamps, bytea, arrays read back as JSON) and SQL quoting.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace tabula::postgres {

// Shortest text that reads back as the same double; Infinity/-Infinity/NaN
// as PostgreSQL spells them.
std::string formatDouble(double value);
double parseDouble(std::string_view text);

// Microseconds since 1970-01-01 UTC as "YYYY-MM-DD HH:MM:SS.ffffff+00"
// (with " BC" for years before 1).
std::string formatTimestamp(int64_t micros);
// A date parameter as PostgreSQL reads it. ISO 8601's expanded years, which
// the core writes past 9999 and before 0 ("+010000-01-01", "-000043-03-15"),
// become "10000-01-01" and "0044-03-15 BC"; other text is left to the server.
std::string dateForPostgres(std::string_view text);
// ISO DateStyle output of timestamp or timestamptz to microseconds since
// 1970-01-01 UTC; a value without an offset is taken as UTC. Throws for
// infinity and for text it cannot read.
int64_t parseTimestamp(std::string_view text);
// ISO output of timetz ("HH:MM:SS[.ffffff]+hh[:mm]") as the UTC time of day.
std::string timeOfDayInUtc(std::string_view text);

// Binary result format (PQexecPrepared with resultFormat 1), for the types
// read that way: each gives what the text format would have given.
// numeric_send's base-10000 digits as numeric_out writes them ("-12.50",
// "NaN", "Infinity").
std::string numericFromBinary(std::string_view binary);
// date_send's days since 2000-01-01 as "YYYY-MM-DD" (" BC", "infinity").
std::string dateFromBinary(std::string_view binary);
// timestamp_send's microseconds since 2000-01-01 as microseconds since
// 1970-01-01; throws for infinity, as parseTimestamp does.
int64_t timestampFromBinary(std::string_view binary);
// uuid_send's 16 bytes as "xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx".
std::string uuidFromBinary(std::string_view binary);
// A big-endian integer of 2, 4 or 8 bytes, sign-extended; throws when the
// value has another size.
int64_t integerFromBinary(std::string_view binary, bool isUnsigned = false);
double floatFromBinary(std::string_view binary);

// bytea in the hex ("\x00ff") or the older escape output format.
std::string decodeBytea(std::string_view text);

// How array elements read as JSON.
enum class ElementKind { Number, Bool, Json, Text };
// An array literal ("{1,2,NULL}", "{\"a b\",c}", "{{1,2},{3,4}}") as JSON.
std::string arrayToJson(std::string_view literal, ElementKind kind);

// "name" with embedded double quotes doubled.
std::string quoteIdentifier(std::string_view name);
// A string literal for DDL: 'it''s', or E'a\\b' when there is a backslash, so
// that it reads the same whatever standard_conforming_strings says.
std::string quoteLiteral(std::string_view text);

} // namespace tabula::postgres
