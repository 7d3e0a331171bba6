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
// ISO DateStyle output of timestamp or timestamptz to microseconds since
// 1970-01-01 UTC; a value without an offset is taken as UTC. Throws for
// infinity and for text it cannot read.
int64_t parseTimestamp(std::string_view text);
// ISO output of timetz ("HH:MM:SS[.ffffff]+hh[:mm]") as the UTC time of day.
std::string timeOfDayInUtc(std::string_view text);

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
