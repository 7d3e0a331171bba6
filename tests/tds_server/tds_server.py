#!/usr/bin/env python3
"""A scripted TDS 7.4 test server for the mssql dialect's tests.

This is a test double, not a database: it parses nothing of the SQL it
receives. It speaks the wire protocol as the [MS-TDS] specification
describes it (PRELOGIN, LOGIN7, SQL_BATCH, RPC with sp_executesql,
ATTENTION) and answers each statement from a rule table read from a JSON
file, so that a client library can be tested end to end without a server.

    python3 tds_server.py --port 0 --script rules.json

prints the port it listens on as the first line of standard output, then
serves until it is killed. Standard library only.

The script is a JSON object:

  {"login":  {"password": "secret"},   # any other password: error 18456
   "rules":  [ {"sql": "exact text" | "regex": "pattern", "reply": REPLY}, ... ]}

A REPLY is an object, or a list of objects sent as consecutive results:
  {"columns": [["name", "int"], ...], "rows": [[1], ...]}  a result set
  {"count": 3}                                           a row count only
  {"error": {"number": 2627, "message": "...", "class": 14}}
  {"info": "text"}                                       an INFO message first
  {"delay": 2.5}                                         wait first (ATTENTION cancels)
  {"echo": true}       one row describing the RPC's parameters (see echo_reply)
  {"log": true}        one row per batch or statement this connection sent
  {"close": true}      drop the connection without answering
Statements that match no rule succeed with no rows. Column types: int,
bigint, smallint, tinyint, bit, real, float, decimal(p,s), numeric(p,s),
money, smallmoney, nvarchar(n|max), varchar(n), varbinary(n|max) (values as
hex text), date, time(s), datetime, smalldatetime, datetime2(s),
datetimeoffset(s) ("YYYY-MM-DD HH:MM:SS.fffffff +HH:MM", local time and
offset), uniqueidentifier. null is NULL.
"""

import argparse
import decimal
import datetime
import json
import re
import select
import socket
import struct
import sys
import threading
import time
import uuid

# Packet types.
PKT_SQL_BATCH = 0x01
PKT_RPC = 0x03
PKT_REPLY = 0x04
PKT_ATTENTION = 0x06
PKT_LOGIN7 = 0x10
PKT_PRELOGIN = 0x12

# Tokens.
TOK_COLMETADATA = 0x81
TOK_ERROR = 0xAA
TOK_INFO = 0xAB
TOK_LOGINACK = 0xAD
TOK_ROW = 0xD1
TOK_ENVCHANGE = 0xE3
TOK_RETURNSTATUS = 0x79
TOK_DONE = 0xFD
TOK_DONEPROC = 0xFE
TOK_DONEINPROC = 0xFF

DONE_MORE = 0x01
DONE_ERROR = 0x02
DONE_COUNT = 0x10
DONE_ATTN = 0x20

# Latin1_General_CI_AS: LCID 1033, case-insensitive, accent-sensitive, sort id 52.
COLLATION = bytes([0x09, 0x04, 0xD0, 0x00, 0x34])

# Wire type codes.
T_NULL, T_INT1, T_BIT, T_INT2, T_INT4, T_DATETIM4 = 0x1F, 0x30, 0x32, 0x34, 0x38, 0x3A
T_FLT4, T_MONEY, T_DATETIME, T_FLT8, T_MONEY4, T_INT8 = 0x3B, 0x3C, 0x3D, 0x3E, 0x7A, 0x7F
T_GUID, T_INTN, T_BITN, T_FLTN, T_MONEYN, T_DATETIMN = 0x24, 0x26, 0x68, 0x6D, 0x6E, 0x6F
T_DECIMALN, T_NUMERICN, T_DECIMAL, T_NUMERIC = 0x6A, 0x6C, 0x37, 0x3F
T_DATEN, T_TIMEN, T_DATETIME2N, T_DATETIMEOFFSETN = 0x28, 0x29, 0x2A, 0x2B
T_BIGVARBIN, T_BIGVARCHAR, T_BIGBINARY, T_BIGCHAR = 0xA5, 0xA7, 0xAD, 0xAF
T_NVARCHAR, T_NCHAR, T_TEXT, T_IMAGE, T_NTEXT = 0xE7, 0xEF, 0x23, 0x22, 0x63

FIXED_LENGTH = {T_NULL: 0, T_INT1: 1, T_BIT: 1, T_INT2: 2, T_INT4: 4, T_DATETIM4: 4,
                T_FLT4: 4, T_MONEY: 8, T_DATETIME: 8, T_FLT8: 8, T_MONEY4: 4, T_INT8: 8}
BYTE_LENGTH = {T_GUID: "GUID", T_INTN: "INTN", T_BITN: "BITN", T_FLTN: "FLTN",
               T_MONEYN: "MONEYN", T_DATETIMN: "DATETIMN"}
TYPE_NAMES = {T_NULL: "NULL", T_INT1: "INT1", T_BIT: "BIT", T_INT2: "INT2", T_INT4: "INT4",
              T_DATETIM4: "DATETIM4", T_FLT4: "FLT4", T_MONEY: "MONEY", T_DATETIME: "DATETIME",
              T_FLT8: "FLT8", T_MONEY4: "MONEY4", T_INT8: "INT8", T_DECIMALN: "DECIMALN",
              T_NUMERICN: "NUMERICN", T_DECIMAL: "DECIMAL", T_NUMERIC: "NUMERIC",
              T_DATEN: "DATEN", T_TIMEN: "TIMEN", T_DATETIME2N: "DATETIME2N",
              T_DATETIMEOFFSETN: "DATETIMEOFFSETN", T_BIGVARBIN: "BIGVARBINARY",
              T_BIGVARCHAR: "BIGVARCHAR", T_BIGBINARY: "BIGBINARY", T_BIGCHAR: "BIGCHAR",
              T_NVARCHAR: "NVARCHAR", T_NCHAR: "NCHAR", T_TEXT: "TEXT", T_IMAGE: "IMAGE",
              T_NTEXT: "NTEXT"}
TYPE_NAMES.update(BYTE_LENGTH)

PLP_NULL = 0xFFFFFFFFFFFFFFFF
DAY0 = datetime.date(1, 1, 1).toordinal()
DAY1900 = datetime.date(1900, 1, 1).toordinal()
TICKS = 10_000_000  # 100 ns units per second, the finest TIME scale


def log(message):
    print(message, file=sys.stderr, flush=True)


# ---- little helpers for building token streams ---------------------------

def b_varchar(text):
    data = text.encode("utf-16-le")
    return bytes([len(data) // 2]) + data


def us_varchar(text):
    data = text.encode("utf-16-le")
    return struct.pack("<H", len(data) // 2) + data


def plp(data):
    if data is None:
        return struct.pack("<Q", PLP_NULL)
    out = struct.pack("<Q", len(data))
    for i in range(0, len(data), 8000):
        chunk = data[i:i + 8000]
        out += struct.pack("<I", len(chunk)) + chunk
    return out + struct.pack("<I", 0)


def done(token=TOK_DONE, status=0, count=None, curcmd=0xC1):
    if count is not None:
        status |= DONE_COUNT
    return struct.pack("<BHHQ", token, status, curcmd, count or 0)


def message(token, number, text, klass, state=1, server="tabula-test", proc="", line=1):
    body = (struct.pack("<iBB", number, state, klass) + us_varchar(text) + b_varchar(server) +
            b_varchar(proc) + struct.pack("<i", line))
    return struct.pack("<BH", token, len(body)) + body


def envchange(kind, new, old=b"\x00"):
    body = bytes([kind]) + new + old
    return struct.pack("<BH", TOK_ENVCHANGE, len(body)) + body


# ---- time arithmetic on 100 ns ticks --------------------------------------

def parse_time_ticks(text):
    """'HH:MM:SS[.fffffff]' to ticks since midnight."""
    m = re.fullmatch(r"(\d{1,2}):(\d{2}):(\d{2})(?:\.(\d{1,7}))?", text.strip())
    if not m:
        raise ValueError("bad time " + text)
    frac = (m.group(4) or "").ljust(7, "0")
    return ((int(m.group(1)) * 60 + int(m.group(2))) * 60 + int(m.group(3))) * TICKS + int(frac)


def format_time_ticks(ticks, scale):
    seconds, frac = divmod(ticks, TICKS)
    h, rest = divmod(seconds, 3600)
    text = "%02d:%02d:%02d" % (h, rest // 60, rest % 60)
    if scale > 0:
        text += "." + ("%07d" % frac)[:scale]
    return text


def parse_datetime(text):
    """'YYYY-MM-DD[ HH:MM:SS.f][ +HH:MM]' to (days since 0001-01-01, ticks, offset minutes)."""
    m = re.fullmatch(r"(\d{4}-\d{2}-\d{2})(?:[ T]([0-9:.]+))?\s*(?:([+-])(\d{2}):(\d{2}))?",
                     text.strip())
    if not m:
        raise ValueError("bad date/time " + text)
    days = datetime.date.fromisoformat(m.group(1)).toordinal() - DAY0
    ticks = parse_time_ticks(m.group(2)) if m.group(2) else 0
    offset = 0
    if m.group(3):
        offset = int(m.group(4)) * 60 + int(m.group(5))
        if m.group(3) == "-":
            offset = -offset
    return days, ticks, offset


def format_date(days):
    return datetime.date.fromordinal(days + DAY0).isoformat()


def time_bytes(scale):
    return 3 if scale <= 2 else 4 if scale <= 4 else 5


# ---- result column types ----------------------------------------------------

class Column:
    """One result column: its TYPE_INFO bytes and how to encode a value."""

    def __init__(self, name, spec):
        self.name = name
        self.spec = spec.strip().lower()
        m = re.fullmatch(r"(\w+)(?:\((\w+)(?:,\s*(\d+))?\))?", self.spec)
        if not m:
            raise ValueError("bad column type " + spec)
        self.base, arg, arg2 = m.group(1), m.group(2), m.group(3)
        self.max = arg == "max"
        self.size = int(arg) if arg and arg != "max" else None
        self.scale = int(arg2) if arg2 else None
        ints = {"tinyint": 1, "smallint": 2, "int": 4, "bigint": 8}
        b = self.base
        if b in ints:
            self.typeinfo = bytes([T_INTN, ints[b]])
        elif b == "bit":
            self.typeinfo = bytes([T_BITN, 1])
        elif b in ("real", "float"):
            self.typeinfo = bytes([T_FLTN, 4 if b == "real" else 8])
        elif b in ("money", "smallmoney"):
            self.typeinfo = bytes([T_MONEYN, 8 if b == "money" else 4])
        elif b in ("datetime", "smalldatetime"):
            self.typeinfo = bytes([T_DATETIMN, 8 if b == "datetime" else 4])
        elif b in ("decimal", "numeric"):
            self.precision = self.size or 18
            self.scale = self.scale or 0
            p = self.precision
            self.length = 5 if p <= 9 else 9 if p <= 19 else 13 if p <= 28 else 17
            self.typeinfo = bytes([T_DECIMALN if b == "decimal" else T_NUMERICN, self.length,
                                   self.precision, self.scale])
        elif b == "nvarchar":
            self.typeinfo = bytes([T_NVARCHAR]) + struct.pack(
                "<H", 0xFFFF if self.max else 2 * (self.size or 1)) + COLLATION
        elif b == "varchar":
            self.typeinfo = bytes([T_BIGVARCHAR]) + struct.pack(
                "<H", 0xFFFF if self.max else (self.size or 1)) + COLLATION
        elif b == "varbinary":
            self.typeinfo = bytes([T_BIGVARBIN]) + struct.pack(
                "<H", 0xFFFF if self.max else (self.size or 1))
        elif b == "date":
            self.typeinfo = bytes([T_DATEN])
        elif b in ("time", "datetime2", "datetimeoffset"):
            self.scale = 7 if self.size is None else self.size
            code = {"time": T_TIMEN, "datetime2": T_DATETIME2N,
                    "datetimeoffset": T_DATETIMEOFFSETN}[b]
            self.typeinfo = bytes([code, self.scale])
        elif b == "uniqueidentifier":
            self.typeinfo = bytes([T_GUID, 16])
        else:
            raise ValueError("unsupported column type " + spec)

    def metadata(self):
        # UserType, Flags (nullable), TYPE_INFO, ColName.
        return struct.pack("<IH", 0, 0x0001) + self.typeinfo + b_varchar(self.name)

    def encode(self, v):
        b = self.base
        if b in ("nvarchar", "varchar", "varbinary"):
            if v is None:
                data = None
            elif b == "nvarchar":
                data = str(v).encode("utf-16-le")
            elif b == "varchar":
                data = str(v).encode("cp1252")
            else:
                data = bytes.fromhex(v[2:] if v.startswith("0x") else v)
            if self.max:
                return plp(data)
            if data is None:
                return struct.pack("<H", 0xFFFF)
            return struct.pack("<H", len(data)) + data
        if v is None:
            return b"\x00"
        if b in ("tinyint", "smallint", "int", "bigint"):
            n = self.typeinfo[1]
            return bytes([n]) + int(v).to_bytes(n, "little", signed=(b != "tinyint"))
        if b == "bit":
            return b"\x01" + bytes([1 if v else 0])
        if b == "real":
            return b"\x04" + struct.pack("<f", float(v))
        if b == "float":
            return b"\x08" + struct.pack("<d", float(v))
        if b in ("money", "smallmoney"):
            units = int(decimal.Decimal(str(v)) * 10000)
            if b == "smallmoney":
                return b"\x04" + struct.pack("<i", units)
            return b"\x08" + struct.pack("<iI", units >> 32, units & 0xFFFFFFFF)
        if b in ("datetime", "smalldatetime"):
            days, ticks, _ = parse_datetime(v)
            days = days + DAY0 - DAY1900
            if b == "smalldatetime":
                return b"\x04" + struct.pack("<HH", days, ticks // (60 * TICKS))
            return b"\x08" + struct.pack("<iI", days, (ticks * 300 + TICKS // 2) // TICKS)
        if b in ("decimal", "numeric"):
            d = decimal.Decimal(str(v)).scaleb(self.scale)
            n = int(d.to_integral_value())
            body = abs(n).to_bytes(self.length - 1, "little")
            return bytes([self.length, 0 if n < 0 else 1]) + body
        if b == "date":
            days, _, _ = parse_datetime(v)
            return b"\x03" + days.to_bytes(3, "little")
        if b in ("time", "datetime2", "datetimeoffset"):
            scale = self.scale
            if b == "time":
                days, ticks, offset = 0, parse_time_ticks(v), 0
            else:
                days, ticks, offset = parse_datetime(v)
            if b == "datetimeoffset":  # the wire carries UTC and the offset
                total = days * 86400 * TICKS + ticks - offset * 60 * TICKS
                days, ticks = divmod(total, 86400 * TICKS)
            n = time_bytes(scale)
            out = (ticks // 10 ** (7 - scale)).to_bytes(n, "little")
            if b != "time":
                out += days.to_bytes(3, "little")
            if b == "datetimeoffset":
                out += struct.pack("<h", offset)
            return bytes([len(out)]) + out
        if b == "uniqueidentifier":
            return b"\x10" + uuid.UUID(v).bytes_le
        raise ValueError("cannot encode " + self.spec)


def result_set(columns, rows):
    out = struct.pack("<BH", TOK_COLMETADATA, len(columns))
    for c in columns:
        out += c.metadata()
    for row in rows:
        out += bytes([TOK_ROW])
        for c, v in zip(columns, row):
            out += c.encode(v)
    return out


# ---- reading what the client sent ------------------------------------------

class Reader:
    def __init__(self, data, pos=0):
        self.data, self.pos = data, pos

    def take(self, n):
        if self.pos + n > len(self.data):
            raise ValueError("truncated message")
        chunk = self.data[self.pos:self.pos + n]
        self.pos += n
        return chunk

    def u8(self):
        return self.take(1)[0]

    def u16(self):
        return struct.unpack("<H", self.take(2))[0]

    def u32(self):
        return struct.unpack("<I", self.take(4))[0]

    def u64(self):
        return struct.unpack("<Q", self.take(8))[0]

    def ucs2(self, chars):
        return self.take(2 * chars).decode("utf-16-le")

    def done(self):
        return self.pos >= len(self.data)


class Param:
    """One RPC parameter as received: name, wire type, raw bytes and meaning."""

    def __init__(self):
        self.name = ""
        self.status = 0
        self.code = 0
        self.typeinfo = b""
        self.raw = b""  # the value exactly as sent (length prefix included)
        self.value = None  # Python value, None for NULL
        self.declared = ""
        self.text = "NULL"
        self.maxlen = 0
        self.precision = 0
        self.scale = 0
        self.plp = False


def read_typeinfo(r, p):
    start = r.pos
    p.code = t = r.u8()
    name = TYPE_NAMES.get(t, "TYPE_0x%02X" % t)
    if t in FIXED_LENGTH:
        p.maxlen = FIXED_LENGTH[t]
        p.declared = name
    elif t in BYTE_LENGTH:
        p.maxlen = r.u8()
        p.declared = "%s(%d)" % (name, p.maxlen)
    elif t in (T_DECIMALN, T_NUMERICN, T_DECIMAL, T_NUMERIC):
        p.maxlen, p.precision, p.scale = r.u8(), r.u8(), r.u8()
        p.declared = "%s(%d,%d)" % (name, p.precision, p.scale)
    elif t == T_DATEN:
        p.declared = name
    elif t in (T_TIMEN, T_DATETIME2N, T_DATETIMEOFFSETN):
        p.scale = r.u8()
        p.declared = "%s(%d)" % (name, p.scale)
    elif t in (T_BIGVARBIN, T_BIGBINARY, T_BIGVARCHAR, T_BIGCHAR, T_NVARCHAR, T_NCHAR):
        p.maxlen = r.u16()
        if t in (T_BIGVARCHAR, T_BIGCHAR, T_NVARCHAR, T_NCHAR):
            r.take(5)  # collation
        p.plp = p.maxlen == 0xFFFF
        p.declared = "%s(%s)" % (name, "MAX" if p.plp else p.maxlen)
    elif t in (T_TEXT, T_NTEXT, T_IMAGE):
        p.maxlen = r.u32()
        if t != T_IMAGE:
            r.take(5)
        p.declared = name
    else:
        raise ValueError("unsupported parameter type 0x%02X" % t)
    p.typeinfo = r.data[start:r.pos]


def read_value(r, p):
    start = r.pos
    t = p.code
    if t in FIXED_LENGTH:
        data = r.take(FIXED_LENGTH[t]) if t != T_NULL else None
    elif p.plp:
        total = r.u64()
        if total == PLP_NULL:
            data = None
        else:
            chunks = []
            while True:
                n = r.u32()
                if n == 0:
                    break
                chunks.append(r.take(n))
            data = b"".join(chunks)
    elif t in (T_BIGVARBIN, T_BIGBINARY, T_BIGVARCHAR, T_BIGCHAR, T_NVARCHAR, T_NCHAR):
        n = r.u16()
        data = None if n == 0xFFFF else r.take(n)
    elif t in (T_TEXT, T_NTEXT, T_IMAGE):
        n = r.u32()
        data = None if n == 0xFFFFFFFF else r.take(n)
    else:
        n = r.u8()
        data = r.take(n) if n else None
    p.raw = r.data[start:r.pos]
    p.value = data
    p.text = "NULL" if data is None else describe(p, data)


def describe(p, data):
    """The received value as text, exactly (no float rounding for exact types)."""
    t = p.code
    if t in (T_INT1, T_INT2, T_INT4, T_INT8, T_INTN):
        return str(int.from_bytes(data, "little", signed=len(data) > 1))
    if t in (T_BIT, T_BITN):
        return str(data[0])
    if t in (T_FLT4, T_FLT8, T_FLTN):
        return repr(struct.unpack("<f" if len(data) == 4 else "<d", data)[0])
    if t in (T_MONEY, T_MONEY4, T_MONEYN):
        if len(data) == 4:
            units = struct.unpack("<i", data)[0]
        else:
            hi, lo = struct.unpack("<iI", data)
            units = (hi << 32) | lo
        return str(decimal.Decimal(units).scaleb(-4))
    if t in (T_DECIMALN, T_NUMERICN, T_DECIMAL, T_NUMERIC):
        n = int.from_bytes(data[1:], "little")
        if data[0] == 0:
            n = -n
        return str(decimal.Decimal(n).scaleb(-p.scale))
    if t in (T_NVARCHAR, T_NCHAR, T_NTEXT):
        return data.decode("utf-16-le")
    if t in (T_BIGVARCHAR, T_BIGCHAR, T_TEXT):
        return data.decode("cp1252")
    if t in (T_BIGVARBIN, T_BIGBINARY, T_IMAGE):
        return "0x" + data.hex()
    if t == T_GUID:
        return str(uuid.UUID(bytes_le=bytes(data)))
    if t == T_DATEN:
        return format_date(int.from_bytes(data, "little"))
    if t in (T_TIMEN, T_DATETIME2N, T_DATETIMEOFFSETN):
        n = time_bytes(p.scale)
        ticks = int.from_bytes(data[:n], "little") * 10 ** (7 - p.scale)
        if t == T_TIMEN:
            return format_time_ticks(ticks, p.scale)
        days = int.from_bytes(data[n:n + 3], "little")
        if t == T_DATETIME2N:
            return format_date(days) + " " + format_time_ticks(ticks, p.scale)
        offset = struct.unpack("<h", data[n + 3:n + 5])[0]
        local = days * 86400 * TICKS + ticks + offset * 60 * TICKS
        days, ticks = divmod(local, 86400 * TICKS)
        sign = "-" if offset < 0 else "+"
        return "%s %s %s%02d:%02d" % (format_date(days), format_time_ticks(ticks, p.scale), sign,
                                      abs(offset) // 60, abs(offset) % 60)
    if t in (T_DATETIME, T_DATETIM4, T_DATETIMN):
        if len(data) == 4:
            days, minutes = struct.unpack("<HH", data)
            ticks = minutes * 60 * TICKS
        else:
            days, t300 = struct.unpack("<iI", data)
            ticks = t300 * TICKS // 300
        return format_date(days + DAY1900 - DAY0) + " " + format_time_ticks(ticks, 3)
    return "0x" + bytes(data).hex()


def skip_all_headers(r):
    total = struct.unpack("<I", r.data[r.pos:r.pos + 4])[0]
    r.take(total)


def parse_rpc(data):
    """(procedure name or id, [Param]) of the first request in an RPC message."""
    r = Reader(data)
    skip_all_headers(r)
    n = r.u16()
    proc = ("#%d" % r.u16()) if n == 0xFFFF else r.ucs2(n)
    r.u16()  # option flags
    params = []
    while not r.done() and r.data[r.pos] not in (0x80, 0xFF, 0xFE):
        p = Param()
        p.name = r.ucs2(r.u8())
        p.status = r.u8()
        read_typeinfo(r, p)
        read_value(r, p)
        params.append(p)
    return proc, params


def parse_login7(data):
    r = Reader(data)
    fields = {}
    names = ["host", "user", "password", "app", "server", "extension", "library", "language",
             "database"]
    header = Reader(data, 36)
    for name in names:
        offset, length = header.u16(), header.u16()
        raw = data[offset:offset + 2 * length]
        if name == "password":  # each byte: nibbles swapped, then XOR 0xA5
            raw = bytes((((b ^ 0xA5) << 4) & 0xF0) | (((b ^ 0xA5) >> 4) & 0x0F) for b in raw)
        fields[name] = raw.decode("utf-16-le", "replace") if name != "extension" else ""
    fields["tds_version"] = "%08x" % struct.unpack("<I", data[4:8])[0]
    fields["packet_size"] = struct.unpack("<I", data[8:12])[0]
    return fields


# ---- one client connection ---------------------------------------------------

class Session(threading.Thread):
    def __init__(self, sock, script):
        super().__init__(daemon=True)
        self.sock = sock
        self.script = script
        self.packet_size = 4096
        self.log = []
        self.pending = b""
        self.cancelled = False

    # Packets.
    def read_exact(self, n):
        data = b""
        while len(data) < n:
            chunk = self.sock.recv(n - len(data))
            if not chunk:
                raise EOFError
            data += chunk
        return data

    def read_message(self):
        """(type, payload) of the next whole message."""
        payload = b""
        while True:
            header = self.read_exact(8)
            kind, status, length = struct.unpack(">BBH", header[:4])
            payload += self.read_exact(length - 8)
            if status & 0x01:
                return kind, payload

    def send(self, data, kind=PKT_REPLY):
        room = self.packet_size - 8
        number = 1
        while True:
            chunk, data = data[:room], data[room:]
            status = 0x00 if data else 0x01
            header = struct.pack(">BBHHBB", kind, status, len(chunk) + 8, 0, number & 0xFF, 0)
            self.sock.sendall(header + chunk)
            number += 1
            if not data:
                return

    def run(self):
        try:
            while True:
                kind, payload = self.read_message()
                if kind == PKT_PRELOGIN:
                    self.prelogin(payload)
                elif kind == PKT_LOGIN7:
                    if not self.login(payload):
                        return
                elif kind == PKT_SQL_BATCH:
                    r = Reader(payload)
                    skip_all_headers(r)
                    text = payload[r.pos:].decode("utf-16-le")
                    self.log.append(text)
                    self.answer(text, None, rpc=False)
                elif kind == PKT_RPC:
                    self.rpc(payload)
                elif kind == PKT_ATTENTION:
                    self.send(done(status=DONE_ATTN))
                else:
                    log("unexpected packet type 0x%02X" % kind)
                    return
        except (EOFError, ConnectionError, OSError):
            pass
        except Exception as e:  # a broken test double must say why
            log("tds_server: session failed: %r" % e)
        finally:
            try:
                self.sock.close()
            except OSError:
                pass

    def prelogin(self, payload):
        options = [(0x00, bytes([16, 0, 0x10, 0x00, 0, 0])),  # version 16.0.4096
                   (0x01, bytes([0x02])),  # ENCRYPT_NOT_SUP
                   (0x02, bytes([0])),
                   (0x03, b""),
                   (0x04, bytes([0]))]
        offset = 5 * len(options) + 1
        head, body = b"", b""
        for token, data in options:
            head += struct.pack(">BHH", token, offset + len(body), len(data))
            body += data
        self.send(head + b"\xff" + body)

    def login(self, payload):
        f = parse_login7(payload)
        self.login_fields = f
        wanted = self.script.get("login", {}).get("password")
        if wanted is not None and f["password"] != wanted:
            self.send(message(TOK_ERROR, 18456, "Login failed for user '%s'." % f["user"], 14) +
                      done(status=DONE_ERROR, curcmd=0))
            return False
        database = f["database"] or "master"
        self.packet_size = max(512, min(int(f["packet_size"] or 4096), 32767))
        out = envchange(1, b_varchar(database), b_varchar("master"))
        out += message(TOK_INFO, 5701, "Changed database context to '%s'." % database, 0)
        out += envchange(7, bytes([5]) + COLLATION, b"\x00")
        out += envchange(2, b_varchar("us_english"), b_varchar(""))
        out += message(TOK_INFO, 5703, "Changed language setting to us_english.", 0)
        ack = (bytes([1]) + bytes([0x74, 0x00, 0x00, 0x04]) + b_varchar("Tabula TDS test server") +
               bytes([16, 0, 0x10, 0x00]))
        out += struct.pack("<BH", TOK_LOGINACK, len(ack)) + ack
        out += envchange(4, b_varchar(str(self.packet_size)), b_varchar("4096"))
        out += done(curcmd=0)
        self.send(out)
        return True

    def rpc(self, payload):
        proc, params = parse_rpc(payload)
        if proc.lower() not in ("sp_executesql", "#10"):
            self.log.append("EXEC " + proc)
            self.send(message(TOK_ERROR, 2812, "Could not find stored procedure '%s'." % proc, 16) +
                      done(TOK_DONEPROC, DONE_ERROR))
            return
        stmt = params[0].text if params else ""
        declared = params[1].text if len(params) > 1 else ""
        self.log.append(stmt)
        self.answer(stmt, (declared, params[2:]), rpc=True)

    # Replies.
    def find_reply(self, text):
        for rule in self.script.get("rules", []):
            if "sql" in rule and rule["sql"] == text:
                return rule["reply"]
            if "regex" in rule and re.search(rule["regex"], text, re.S):
                return rule["reply"]
        return {}

    def wait(self, seconds):
        """Sleeps, watching for ATTENTION; True when the client cancelled."""
        end = time.monotonic() + seconds
        while True:
            left = end - time.monotonic()
            if left <= 0:
                return False
            ready, _, _ = select.select([self.sock], [], [], left)
            if ready:
                kind, _ = self.read_message()
                if kind == PKT_ATTENTION:
                    return True

    def answer(self, text, rpc_params, rpc):
        reply = self.find_reply(text)
        parts = reply if isinstance(reply, list) else [reply]
        out = b""
        inner = TOK_DONEINPROC if rpc else TOK_DONE
        for i, part in enumerate(parts):
            last = i == len(parts) - 1
            more = 0 if (last and not rpc) else DONE_MORE
            if part.get("close"):
                self.sock.shutdown(socket.SHUT_RDWR)
                raise EOFError
            if part.get("delay"):
                if out:
                    self.send(out)  # earlier results go out before the wait
                    out = b""
                if self.wait(float(part["delay"])):
                    self.send(done(status=DONE_ATTN))
                    return
            if part.get("info"):
                out += message(TOK_INFO, 0, part["info"], 0)
            if "error" in part:
                e = part["error"]
                out += message(TOK_ERROR, int(e["number"]), e.get("message", "error"),
                               int(e.get("class", 16)), int(e.get("state", 1)))
                out += done(inner, DONE_ERROR | more)
            elif part.get("echo"):
                out += self.echo_reply(text, rpc_params) + done(inner, more, count=1)
            elif part.get("log"):
                columns = [Column("entry", "nvarchar(max)")]
                out += result_set(columns, [[e] for e in self.log[:-1]])
                out += done(inner, more, count=len(self.log) - 1)
            elif "columns" in part:
                columns = [Column(name, spec) for name, spec in part["columns"]]
                rows = part.get("rows", [])
                out += result_set(columns, rows) + done(inner, more, count=len(rows))
            else:
                out += done(inner, more, count=part.get("count"))
        if rpc:
            out += struct.pack("<Bi", TOK_RETURNSTATUS, 0) + done(TOK_DONEPROC, 0)
        self.send(out)

    def echo_reply(self, text, rpc_params):
        """One row: the statement, the @params declaration, then for each
        parameter pN: its value re-sent with the type it arrived with, pN_type
        (the wire type, e.g. NVARCHAR(8000)) and pN_text (the value as text)."""
        declared, params = rpc_params if rpc_params else ("", [])
        meta, row = [], []
        text_col = Column("x", "nvarchar(max)")

        def add_text(name, value):
            meta.append(struct.pack("<IH", 0, 1) + text_col.typeinfo + b_varchar(name))
            row.append(text_col.encode(value))

        add_text("stmt", text)
        add_text("params", declared)
        for p in params:
            name = p.name.lstrip("@")
            typeinfo, raw = p.typeinfo, p.raw
            if p.code in (T_TEXT, T_NTEXT, T_IMAGE):  # not valid in a result: re-send as MAX
                c = Column(name, "varbinary(max)" if p.code == T_IMAGE else "nvarchar(max)")
                typeinfo = c.typeinfo
                raw = plp(None if p.value is None else
                          (p.value if p.code != T_TEXT else p.text.encode("utf-16-le")))
            meta.append(struct.pack("<IH", 0, 1) + typeinfo + b_varchar(name))
            row.append(raw)
            add_text(name + "_type", p.declared)
            add_text(name + "_text", p.text)
        return (struct.pack("<BH", TOK_COLMETADATA, len(meta)) + b"".join(meta) +
                bytes([TOK_ROW]) + b"".join(row))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--script", required=True)
    args = parser.parse_args()
    with open(args.script, encoding="utf-8") as f:
        script = json.load(f)
    server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    server.bind((args.host, args.port))
    server.listen(16)
    print(server.getsockname()[1], flush=True)
    while True:
        sock, _ = server.accept()
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        Session(sock, script).start()


if __name__ == "__main__":
    main()
