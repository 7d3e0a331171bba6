'use strict';
// The benchmark contract of bench/common/bench_common.hpp in JavaScript: the
// command line, the data set, the checksum, the timing loop and the JSON line.
// Every function here gives exactly what its C++ counterpart gives.

const fs = require('fs');

function parseOptions(argv, impl) {
  const o = {
    impl,
    dialect: 'sqlite',
    url: '',
    scenario: '',
    size: 0,
    runs: 5,
    threads: 1,
    variant: '',
  };
  for (let i = 0; i + 1 < argv.length; i += 2) {
    const key = argv[i];
    const value = argv[i + 1];
    if (key === '--dialect') o.dialect = value;
    else if (key === '--url') o.url = value;
    else if (key === '--scenario') o.scenario = value;
    else if (key === '--size') o.size = toInt(value, key);
    else if (key === '--runs') o.runs = toInt(value, key);
    else if (key === '--threads') o.threads = toInt(value, key);
    else if (key === '--variant') o.variant = value;
    else if (key === '--impl') o.impl = value;
    else throw new Error(`unknown option ${key}`);
  }
  if (!o.scenario) throw new Error('--scenario is required');
  return o;
}

function toInt(text, key) {
  const v = Number.parseInt(text, 10);
  if (!Number.isFinite(v)) throw new Error(`${key} wants a number, got ${text}`);
  return v;
}

// postgres://user:pass@host:port/db into its parts, like bench::parseUrl.
function parseUrl(url) {
  const e = { user: '', password: '', host: '127.0.0.1', database: '', port: 0 };
  const scheme = url.indexOf('://');
  if (scheme < 0) return e;
  const rest = url.slice(scheme + 3);
  const slash = rest.indexOf('/');
  let authority = slash < 0 ? rest : rest.slice(0, slash);
  if (slash >= 0) e.database = rest.slice(slash + 1);
  const q = e.database.indexOf('?');
  if (q >= 0) e.database = e.database.slice(0, q);
  const at = authority.lastIndexOf('@');
  if (at >= 0) {
    const creds = authority.slice(0, at);
    authority = authority.slice(at + 1);
    const colon = creds.indexOf(':');
    e.user = colon < 0 ? creds : creds.slice(0, colon);
    if (colon >= 0) e.password = creds.slice(colon + 1);
  }
  const colon = authority.lastIndexOf(':');
  e.host = colon < 0 ? authority : authority.slice(0, colon);
  if (colon >= 0) e.port = toInt(authority.slice(colon + 1), 'port');
  return e;
}

// ---- the data set ----------------------------------------------------------

const epoch2024Seconds = 1704067200; // 2024-01-01T00:00:00Z
const epoch2024Days = 19723;

function pad(n, width) {
  return String(n).padStart(width, '0');
}

function twoPlaces(cents) {
  return `${Math.trunc(cents / 100)}.${pad(cents % 100, 2)}`;
}

function isoDay(daysSinceEpoch) {
  // Date's UTC calendar is the proleptic Gregorian one bench::isoDay computes.
  const d = new Date(daysSinceEpoch * 86400000);
  return `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1, 2)}-${pad(d.getUTCDate(), 2)}`;
}

// Row i of bench_items (bench::item). createdAtUs stays a Number: the
// largest value the data set reaches is far below 2^53.
function item(i) {
  return {
    id: i,
    qty: i % 1000,
    score: i * 7919,
    name: `name-${i}`,
    note: `a note for row ${i} of the benchmark`,
    price: twoPlaces((i * 37) % 100000),
    active: i % 2 === 0,
    createdAtUs: (epoch2024Seconds + i) * 1000000,
    day: isoDay(epoch2024Days + (i % 365)),
    meta: `{"k":${i},"tag":"t${i % 10}"}`,
  };
}

// ---- checking results --------------------------------------------------------

function cents(decimal) {
  let whole = 0;
  let frac = 0;
  let fracDigits = 0;
  let negative = false;
  let afterPoint = false;
  for (const c of String(decimal)) {
    if (c === '-') negative = true;
    else if (c === '.') afterPoint = true;
    else if (c >= '0' && c <= '9') {
      if (!afterPoint) whole = whole * 10 + (c.charCodeAt(0) - 48);
      else if (fracDigits < 2) {
        frac = frac * 10 + (c.charCodeAt(0) - 48);
        ++fracDigits;
      }
    }
  }
  while (fracDigits < 2) {
    frac *= 10;
    ++fracDigits;
  }
  const v = whole * 100 + frac;
  return negative ? -v : v;
}

// A DECIMAL as a driver hands it over: exact text (pg, mysql) or a double
// (sqlite stores DECIMAL(10,2) with numeric affinity); a double is rounded to
// the cent rather than read digit by digit.
function priceCents(value) {
  if (typeof value === 'number') return Math.round(value * 100);
  return cents(value);
}

function rowChecksum(id, qty, score, nameLength, active, priceCentsValue) {
  return id + qty + score + nameLength + (active ? 1 : 0) + priceCentsValue;
}

function expectedChecksum(id) {
  const r = item(id);
  return rowChecksum(r.id, r.qty, r.score, r.name.length, r.active, cents(r.price));
}

function lookupId(n, tableRows) {
  return ((n * 7919) % tableRows) + 1;
}

// ---- timing and reporting ------------------------------------------------------

// Runs prepare (untimed) then body (timed) o.runs times; body returns
// { sum, rows }. Wall time from process.hrtime.bigint().
async function measure(o, prepare, body) {
  const r = { runsMs: [], rows: 0, checksum: 0 };
  for (let run = 0; run < o.runs; ++run) {
    if (prepare) await prepare();
    const start = process.hrtime.bigint();
    const { sum, rows } = await body();
    const stop = process.hrtime.bigint();
    r.runsMs.push(Number(stop - start) / 1e6);
    r.rows = rows;
    r.checksum = sum;
  }
  return r;
}

function median(values) {
  if (values.length === 0) return 0;
  const v = [...values].sort((a, b) => a - b);
  const n = v.length;
  return n % 2 ? v[(n - 1) / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

// VmHWM, the process's own peak: resourceUsage().maxRSS comes from
// getrusage, which Linux carries across exec from the runner that started
// the program.
function peakRssKb() {
  try {
    const match = /^VmHWM:\s*(\d+) kB$/m.exec(fs.readFileSync('/proc/self/status', 'utf8'));
    if (match) return Number(match[1]);
  } catch (e) {
    // no /proc: the fallback below
  }
  return process.resourceUsage().maxRSS;
}

function head(o) {
  return (
    `{"impl":${JSON.stringify(o.impl)},"dialect":${JSON.stringify(o.dialect)},` +
    `"scenario":${JSON.stringify(o.scenario)},"size":${o.size},"threads":${o.threads},` +
    `"variant":${JSON.stringify(o.variant)}`
  );
}

function integer(v) {
  if (!Number.isSafeInteger(v)) throw new Error(`checksum ${v} is not an exact integer`);
  return String(v);
}

function report(o, r) {
  const runs = r.runsMs.map((ms) => ms.toFixed(3)).join(',');
  process.stdout.write(
    `${head(o)},"runs_ms":[${runs}],"median_ms":${median(r.runsMs).toFixed(3)},` +
      `"rows":${integer(r.rows)},"checksum":${integer(r.checksum)},"peak_rss_kb":${peakRssKb()}}\n`,
  );
}

function reportUnsupported(o, reason) {
  process.stdout.write(`${head(o)},"unsupported":${JSON.stringify(reason)}}\n`);
}

module.exports = {
  parseOptions,
  parseUrl,
  item,
  isoDay,
  cents,
  priceCents,
  rowChecksum,
  expectedChecksum,
  lookupId,
  measure,
  median,
  report,
  reportUnsupported,
};
