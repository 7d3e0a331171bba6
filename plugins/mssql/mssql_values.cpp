// Parameter encoding and result decoding for the mssql dialect.
//
// What DB-Library (FreeTDS 1.3) sends for each Tabula type as an RPC
// parameter of sp_executesql, and how @params declares it:
//   BOOL      BITN            BIT
//   INT       INT8            BIGINT
//   DOUBLE    FLT8            FLOAT
//   DECIMAL   NVARCHAR text   DECIMAL(38,s): the server converts the text
//             exactly; a DBDECIMAL would need FreeTDS's internal byte order.
//   TEXT      NVARCHAR        NVARCHAR(4000); longer: NTEXT, NVARCHAR(MAX)
//   JSON      NVARCHAR/NTEXT  NVARCHAR(MAX)
//   BYTES     VARBINARY       VARBINARY(MAX); beyond 8000 bytes as IMAGE
//   (FreeTDS silently cuts NVARCHAR at 4000 characters and VARBINARY at 8000
//   bytes; given NTEXT or IMAGE it sends NVARCHAR(MAX) or VARBINARY(MAX).)
//   DATE      NVARCHAR text   DATE        ("YYYY-MM-DD")
//   TIME      NVARCHAR text   TIME        ("HH:MM:SS.fffffff")
//   TIMESTAMP NVARCHAR text   DATETIMEOFFSET ("YYYY-MM-DD HH:MM:SS.fffffff +00:00")
//             FreeTDS 1.3's dbrpcparam rejects its own DATEN/TIMEN/DATETIME2N/
//             DATETIMEOFFSETN codes (it counts them as fixed-size, drops the
//             length, then asks for one: SYBERPUL). The server converts these
//             ISO 8601 forms exactly, whatever its language and DATEFORMAT.
//   UUID      NVARCHAR text   UNIQUEIDENTIFIER (the GUID code meets the same
//             SYBERPUL refusal)
// An empty TEXT or BYTES value cannot be sent at all: dbrpcparam reads a zero
// length as NULL. Such a parameter goes out as NULL and the statement starts
// with SET @pN = N'' (or 0x), a constant the driver writes, never user data.
//   NULL      NVARCHAR NULL   NVARCHAR(1)
#include "mssql_values.hpp"

#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstring>

namespace tabula::mssql {
namespace {

// FreeTDS's codes for the server's own wide character and GUID types, which
// sybdb.h does not name (XSYBNVARCHAR and SYBUNIQUE in FreeTDS's tds.h); the
// GUID code appears only in results.
constexpr int kWireNVarChar = 231;
constexpr int kWireGuid = 36;

constexpr int64_t kDays1900 = -25567; // 1900-01-01 in days since 1970-01-01
constexpr int64_t kMicrosPerDay = 86'400'000'000;

[[noreturn]] void badValue(const char* what, std::string_view text) {
    throw sdk::Error(TABULA_ERR_MISUSE,
                     std::string("invalid ") + what + " value '" + std::string(text) + "'");
}

int number(std::string_view text, size_t at, size_t digits, const char* what) {
    int v = 0;
    if (at + digits > text.size()) badValue(what, text);
    const auto [end, ec] = std::from_chars(text.data() + at, text.data() + at + digits, v);
    if (ec != std::errc{} || end != text.data() + at + digits) badValue(what, text);
    return v;
}

// "YYYY-MM-DD" to days since 1970-01-01.
int64_t parseDate(std::string_view text) {
    if (text.size() != 10 || text[4] != '-' || text[7] != '-') badValue("DATE", text);
    return daysFromCivil(number(text, 0, 4, "DATE"),
                         static_cast<unsigned>(number(text, 5, 2, "DATE")),
                         static_cast<unsigned>(number(text, 8, 2, "DATE")));
}

// "HH:MM:SS[.fffffff]" to 100 ns units since midnight.
uint64_t parseTime(std::string_view text) {
    if (text.size() < 8 || text[2] != ':' || text[5] != ':') badValue("TIME", text);
    uint64_t ticks = (static_cast<uint64_t>(number(text, 0, 2, "TIME")) * 3600 +
                      static_cast<uint64_t>(number(text, 3, 2, "TIME")) * 60 +
                      static_cast<uint64_t>(number(text, 6, 2, "TIME"))) *
                     10'000'000;
    if (text.size() > 8) {
        if (text[8] != '.' || text.size() > 16 || text.size() == 9) badValue("TIME", text);
        std::string frac(text.substr(9));
        frac.resize(7, '0');
        ticks += static_cast<uint64_t>(number(frac, 0, 7, "TIME"));
    }
    return ticks;
}

std::string rawBytes(const void* p, size_t n) {
    return std::string(static_cast<const char*>(p), n);
}

// The scale of an exact decimal text, checked to be one.
int decimalScale(std::string_view text) {
    size_t i = (!text.empty() && (text[0] == '-' || text[0] == '+')) ? 1 : 0;
    size_t digits = 0, scale = 0;
    bool point = false;
    for (; i < text.size(); ++i) {
        if (text[i] == '.' && !point) {
            point = true;
            continue;
        }
        if (text[i] < '0' || text[i] > '9') badValue("DECIMAL", text);
        ++digits;
        if (point) ++scale;
    }
    if (digits == 0 || digits > 38) badValue("DECIMAL", text);
    return static_cast<int>(scale);
}

std::string formatDate(int64_t daysSince1970) {
    int64_t y;
    unsigned m, d;
    civilFromDays(daysSince1970, y, m, d);
    char buf[32];
    std::snprintf(buf, sizeof buf, "%04lld-%02u-%02u", static_cast<long long>(y), m, d);
    return buf;
}

// 100 ns units since midnight to "HH:MM:SS[.fffffff]", trailing zeros dropped.
std::string formatTime(uint64_t ticks) {
    const uint64_t seconds = ticks / 10'000'000, frac = ticks % 10'000'000;
    char buf[32];
    std::snprintf(buf, sizeof buf, "%02u:%02u:%02u", static_cast<unsigned>(seconds / 3600),
                  static_cast<unsigned>(seconds / 60 % 60), static_cast<unsigned>(seconds % 60));
    std::string out = buf;
    if (frac) {
        std::snprintf(buf, sizeof buf, ".%07u", static_cast<unsigned>(frac));
        std::string f = buf;
        while (f.back() == '0')
            f.pop_back();
        out += f;
    }
    return out;
}

// 100 ns units since midnight to "HH:MM:SS.fffffff", all seven digits.
std::string formatTime7(uint64_t ticks) {
    const uint64_t seconds = ticks / 10'000'000;
    char buf[32];
    std::snprintf(buf, sizeof buf, "%02u:%02u:%02u.%07u", static_cast<unsigned>(seconds / 3600),
                  static_cast<unsigned>(seconds / 60 % 60), static_cast<unsigned>(seconds % 60),
                  static_cast<unsigned>(ticks % 10'000'000));
    return buf;
}

// Money is a count of ten-thousandths.
std::string formatMoney(int64_t units) {
    const bool negative = units < 0;
    const uint64_t magnitude =
        negative ? 0 - static_cast<uint64_t>(units) : static_cast<uint64_t>(units);
    char buf[40];
    std::snprintf(buf, sizeof buf, "%s%llu.%04llu", negative ? "-" : "",
                  static_cast<unsigned long long>(magnitude / 10000),
                  static_cast<unsigned long long>(magnitude % 10000));
    return buf;
}

std::string formatGuid(const unsigned char* b) {
    // The first three groups are little-endian on the wire, the rest as is.
    char buf[40];
    std::snprintf(buf, sizeof buf,
                  "%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x", b[3],
                  b[2], b[1], b[0], b[5], b[4], b[7], b[6], b[8], b[9], b[10], b[11], b[12], b[13],
                  b[14], b[15]);
    return buf;
}

int hexDigit(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

std::string guidBytes(std::string_view text) {
    std::string hex;
    for (char c : text)
        if (c != '-' && c != '{' && c != '}') hex += c;
    if (hex.size() != 32) badValue("UUID", text);
    unsigned char b[16];
    for (int i = 0; i < 16; ++i) {
        const int hi = hexDigit(hex[2 * i]), lo = hexDigit(hex[2 * i + 1]);
        if (hi < 0 || lo < 0) badValue("UUID", text);
        b[i] = static_cast<unsigned char>(hi * 16 + lo);
    }
    const unsigned char wire[16] = {b[3], b[2], b[1],  b[0],  b[5],  b[4],  b[7],  b[6],
                                    b[8], b[9], b[10], b[11], b[12], b[13], b[14], b[15]};
    return rawBytes(wire, 16);
}

// Bytes of a DB-Library value of fixed size, copied to avoid unaligned reads.
template <class T>
T load(const BYTE* p) {
    T v;
    std::memcpy(&v, p, sizeof v);
    return v;
}

} // namespace

int64_t daysFromCivil(int64_t y, unsigned m, unsigned d) {
    y -= m <= 2;
    const int64_t era = (y >= 0 ? y : y - 399) / 400;
    const unsigned yoe = static_cast<unsigned>(y - era * 400);
    const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + static_cast<int64_t>(doe) - 719468;
}

void civilFromDays(int64_t z, int64_t& y, unsigned& m, unsigned& d) {
    z += 719468;
    const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    const unsigned doe = static_cast<unsigned>(z - era * 146097);
    const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const unsigned mp = (5 * doy + 2) / 153;
    d = doy - (153 * mp + 2) / 5 + 1;
    m = mp < 10 ? mp + 3 : mp - 9;
    y = static_cast<int64_t>(yoe) + era * 400 + (m <= 2);
}

int textWireType(size_t utf8Bytes) { return utf8Bytes <= 4000 ? kWireNVarChar : SYBNTEXT; }

Param encodeParam(const tabula_value& v) {
    Param p;
    p.bound = true;
    const std::string_view text = sdk::textOf(v);
    switch (v.type) {
    case TABULA_TYPE_NULL:
        p.wireType = kWireNVarChar;
        p.declaration = "NVARCHAR(1)";
        p.null = true;
        break;
    case TABULA_TYPE_BOOL: {
        const unsigned char b = v.i ? 1 : 0;
        p.wireType = SYBBIT;
        p.declaration = "BIT";
        p.bytes = rawBytes(&b, 1);
        break;
    }
    case TABULA_TYPE_INT: {
        const DBBIGINT i = v.i;
        p.wireType = SYBINT8;
        p.declaration = "BIGINT";
        p.bytes = rawBytes(&i, sizeof i);
        break;
    }
    case TABULA_TYPE_DOUBLE: {
        const DBFLT8 d = v.d;
        if (!std::isfinite(d))
            throw sdk::Error(TABULA_ERR_MISUSE, "SQL Server cannot store NaN or infinity");
        p.wireType = SYBFLT8;
        p.declaration = "FLOAT";
        p.bytes = rawBytes(&d, sizeof d);
        break;
    }
    case TABULA_TYPE_DECIMAL:
        p.wireType = kWireNVarChar;
        p.declaration = "DECIMAL(38," + std::to_string(decimalScale(text)) + ")";
        p.bytes = std::string(text);
        break;
    case TABULA_TYPE_TEXT:
        p.wireType = textWireType(text.size());
        // 4000 UTF-16 units at most; a UTF-8 byte count bounds the unit count.
        p.declaration = text.size() <= 4000 ? "NVARCHAR(4000)" : "NVARCHAR(MAX)";
        p.bytes = std::string(text);
        break;
    case TABULA_TYPE_JSON:
        p.wireType = textWireType(text.size());
        p.declaration = "NVARCHAR(MAX)";
        p.bytes = std::string(text);
        break;
    case TABULA_TYPE_BYTES:
        // Beyond 8000 bytes FreeTDS would cut VARBINARY; IMAGE carries any size.
        p.wireType = text.size() <= 8000 ? SYBVARBINARY : SYBIMAGE;
        p.declaration = "VARBINARY(MAX)";
        p.bytes = std::string(text);
        break;
    case TABULA_TYPE_DATE:
        parseDate(text); // checked here rather than by the server
        p.wireType = kWireNVarChar;
        p.declaration = "DATE";
        p.bytes = std::string(text);
        break;
    case TABULA_TYPE_TIME:
        p.wireType = kWireNVarChar;
        p.declaration = "TIME";
        p.bytes = formatTime7(parseTime(text));
        break;
    case TABULA_TYPE_TIMESTAMP: {
        int64_t days = v.i / kMicrosPerDay, micros = v.i % kMicrosPerDay;
        if (micros < 0) {
            micros += kMicrosPerDay;
            --days;
        }
        p.wireType = kWireNVarChar;
        p.declaration = "DATETIMEOFFSET";
        p.bytes =
            formatDate(days) + " " + formatTime7(static_cast<uint64_t>(micros) * 10) + " +00:00";
        break;
    }
    case TABULA_TYPE_UUID:
        guidBytes(text); // checked here rather than by the server
        p.wireType = kWireNVarChar;
        p.declaration = "UNIQUEIDENTIFIER";
        p.bytes = std::string(text);
        break;
    default:
        throw sdk::Error(TABULA_ERR_UNSUPPORTED,
                         "the mssql dialect cannot bind a value of type " + std::to_string(v.type));
    }
    if ((v.type == TABULA_TYPE_TEXT || v.type == TABULA_TYPE_BYTES || v.type == TABULA_TYPE_JSON) &&
        p.bytes.empty()) {
        p.null = true;
        p.emptyValue = v.type == TABULA_TYPE_BYTES ? "0x" : "N''";
    }
    return p;
}

void decodeColumn(DBPROCESS* db, int column, Cell& cell) {
    cell.storage.clear();
    cell.value = sdk::nullValue();
    const BYTE* data = dbdata(db, column);
    const DBINT length = dbdatlen(db, column);
    if (!data && length == 0) return; // NULL
    const int type = dbcoltype(db, column);
    auto text = [&](std::string s, int32_t as) {
        cell.storage = std::move(s);
        cell.value = sdk::textValue(cell.storage.data(), cell.storage.size(), as);
    };
    switch (type) {
    case SYBINT1: cell.value = sdk::intValue(load<DBTINYINT>(data)); return;
    case SYBINT2: cell.value = sdk::intValue(load<DBSMALLINT>(data)); return;
    case SYBINT4: cell.value = sdk::intValue(load<DBINT>(data)); return;
    case SYBINT8: cell.value = sdk::intValue(load<DBBIGINT>(data)); return;
    case SYBBIT:
    case SYBBITN: cell.value = sdk::intValue(data[0] ? 1 : 0, TABULA_TYPE_BOOL); return;
    case SYBREAL: cell.value = sdk::doubleValue(load<DBREAL>(data)); return;
    case SYBFLT8: cell.value = sdk::doubleValue(load<DBFLT8>(data)); return;
    case SYBMONEY: {
        const DBMONEY m = load<DBMONEY>(data);
        const int64_t units = static_cast<int64_t>(
            (static_cast<uint64_t>(static_cast<uint32_t>(m.mnyhigh)) << 32) | m.mnylow);
        text(formatMoney(units), TABULA_TYPE_DECIMAL);
        return;
    }
    case SYBMONEY4: text(formatMoney(load<DBMONEY4>(data).mny4), TABULA_TYPE_DECIMAL); return;
    case SYBDECIMAL:
    case SYBNUMERIC: {
        // FreeTDS prints a numeric exactly, digit by digit.
        char buf[64];
        const DBINT n =
            dbconvert(db, type, data, length, SYBCHAR, reinterpret_cast<BYTE*>(buf), sizeof buf);
        if (n < 0) throw sdk::Error(TABULA_ERR_GENERIC, "cannot convert a DECIMAL column");
        text(std::string(buf, static_cast<size_t>(n)), TABULA_TYPE_DECIMAL);
        return;
    }
    case SYBCHAR:
    case SYBVARCHAR:
    case SYBTEXT:
    case SYBNTEXT:
    case SYBNVARCHAR:
    case kWireNVarChar:
        // DB-Library has already converted it to the client charset, UTF-8.
        text(std::string(reinterpret_cast<const char*>(data), static_cast<size_t>(length)),
             TABULA_TYPE_TEXT);
        return;
    case SYBBINARY:
    case SYBVARBINARY:
    case SYBIMAGE:
        text(std::string(reinterpret_cast<const char*>(data), static_cast<size_t>(length)),
             TABULA_TYPE_BYTES);
        return;
    case kWireGuid: text(formatGuid(data), TABULA_TYPE_UUID); return;
    case SYBDATETIME: {
        // Days since 1900-01-01 and 1/300 s since midnight, taken as UTC;
        // rounded to the millisecond as SQL Server shows it (.000, .003, .007).
        const DBDATETIME d = load<DBDATETIME>(data);
        const int64_t micros = (static_cast<int64_t>(d.dttime) * 10 + 1) / 3 * 1000;
        cell.value =
            sdk::intValue((kDays1900 + d.dtdays) * kMicrosPerDay + micros, TABULA_TYPE_TIMESTAMP);
        return;
    }
    case SYBDATETIME4: {
        const DBDATETIME4 d = load<DBDATETIME4>(data);
        cell.value = sdk::intValue((kDays1900 + d.days) * kMicrosPerDay +
                                       static_cast<int64_t>(d.minutes) * 60'000'000,
                                   TABULA_TYPE_TIMESTAMP);
        return;
    }
    case SYBMSDATE:
    case SYBMSTIME:
    case SYBMSDATETIME2:
    case SYBMSDATETIMEOFFSET: {
        const DBDATETIMEALL d = load<DBDATETIMEALL>(data);
        const int64_t days = kDays1900 + d.date;
        if (type == SYBMSDATE) {
            text(formatDate(days), TABULA_TYPE_DATE);
            return;
        }
        if (type == SYBMSTIME) {
            text(formatTime(d.time), TABULA_TYPE_TIME);
            return;
        }
        // DATETIME2 is taken as UTC. DATETIMEOFFSET: FreeTDS keeps the time as
        // the wire carries it, already UTC, beside the offset, which is only
        // presentation. The 100 ns digit is dropped: Tabula counts microseconds.
        const int64_t micros = days * kMicrosPerDay + static_cast<int64_t>(d.time / 10);
        cell.value = sdk::intValue(micros, TABULA_TYPE_TIMESTAMP);
        return;
    }
    default: {
        // Anything else (XML, SQL_VARIANT, ...) as the text FreeTDS makes of it.
        std::string out(static_cast<size_t>(length) * 4 + 64, '\0');
        const DBINT n =
            dbconvert(db, type, data, length, SYBCHAR, reinterpret_cast<BYTE*>(out.data()),
                      static_cast<DBINT>(out.size()));
        if (n < 0)
            throw sdk::Error(TABULA_ERR_UNSUPPORTED,
                             "the mssql dialect cannot read a column of type " +
                                 std::to_string(type));
        out.resize(static_cast<size_t>(n));
        text(std::move(out), TABULA_TYPE_TEXT);
        return;
    }
    }
}

} // namespace tabula::mssql
