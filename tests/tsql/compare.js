#!/usr/bin/env node
// Compares, operation by operation, the T-SQL Tabula sends (tabula_tsql_statements)
// with what Sequelize 6 sends (sequelize_tsql.js), after removing differences
// that do not change what SQL Server does:
//   - whitespace, letter case of keywords, trailing semicolons;
//   - parameter names (@p1, @0, $1) and, in statements that read or write
//     rows, values one side writes inline and the other binds: all become ?;
//   - N'..' and '..' literals; != and <> (the same operator in T-SQL);
//   - savepoint names, which each library picks for itself;
//   - a lone table's alias (FROM [users] AS [user]) and the qualifiers
//     [user]. / [users]. in front of its columns, when nothing is joined.
// Every other difference must be listed in differences.json as a rewrite from
// Sequelize's form to Tabula's with the reason Tabula's form is also correct.
// The run fails on an unlisted difference and on a listed one that no longer
// occurs, so the list stays true.
//
// Usage: node compare.js <tabula_tsql_statements> [<mssql plugin .so>]
'use strict';

const { execFileSync } = require('child_process');
const fs = require('fs');
const path = require('path');

// ---- normalising ----------------------------------------------------------------

const TOKEN = new RegExp([
  String.raw`(?<space>\s+)`,
  String.raw`(?<string>N?'(?:[^']|'')*')`,
  String.raw`(?<ident>\[(?:[^\]]|\]\])*\])`,
  String.raw`(?<word0>@@\w+)`,
  String.raw`(?<param>@\w+|\$\d+|\?)`,
  String.raw`(?<number>\d+(?:\.\d+)?)`,
  String.raw`(?<word>\$?[A-Za-z_][\w$]*)`,
  String.raw`(?<op><>|!=|<=|>=|[(),.;=<>+*\-/])`,
].join('|'), 'gy');

function tokenize(sql) {
  const tokens = [];
  TOKEN.lastIndex = 0;
  while (TOKEN.lastIndex < sql.length) {
    const at = TOKEN.lastIndex;
    const m = TOKEN.exec(sql);
    if (!m) throw new Error(`cannot read SQL at ${at}: ${sql.slice(at, at + 40)}`);
    const kind = Object.keys(m.groups).find((k) => m.groups[k] !== undefined);
    if (kind !== 'space') tokens.push({ kind, text: m[0] });
  }
  return tokens;
}

// A literal's value, for comparing with a bound one.
function literalValue(token) {
  if (token.kind === 'number') return Number(token.text);
  return token.text.replace(/^N/, '').slice(1, -1).replace(/''/g, "'");
}

// Values compare loosely: bits and booleans, numbers and their text, and any
// two timestamps (each side stamps its own clock) are alike.
function looseValue(v) {
  if (v === true) return 1;
  if (v === false) return 0;
  if (typeof v === 'string') {
    if (/^\d{4}-\d\d-\d\d[ T]\d\d:\d\d:\d\d/.test(v)) return '<timestamp>';
    if (/^-?\d+(\.\d+)?$/.test(v)) return Number(v);
  }
  return v;
}

const DML = new Set(['SELECT', 'INSERT', 'UPDATE', 'DELETE', 'MERGE']);

// One recorded statement → normalised statements (split at ';') with the
// values of their ?s in order.
function normalise({ sql, params }) {
  const out = [];
  let current = [];
  const statements = [current];
  for (const t of tokenize(sql)) {
    if (t.kind === 'op' && t.text === ';') statements.push((current = []));
    else current.push(t);
  }
  for (const tokens of statements) {
    if (!tokens.length) continue;
    const dml = DML.has(tokens[0].text.toUpperCase());
    const values = [];
    let words = tokens.map((t) => {
      switch (t.kind) {
      case 'word0':
      case 'word': return t.text.toUpperCase();
      case 'param': {
        const n = /^@p?(\d+)$|^\$(\d+)$/.exec(t.text);
        // @p1 and $1 count from 1, Sequelize's @0 from 0.
        const index = n ? (n[1] !== undefined ? Number(n[1]) - (t.text.startsWith('@p') ? 1 : 0)
          : Number(n[2]) - 1) : values.length;
        values.push(params[index]);
        return '?';
      }
      case 'string':
        if (dml) {
          values.push(literalValue(t));
          return '?';
        }
        return t.text.replace(/^N/, '');
      case 'number':
        if (dml) {
          values.push(literalValue(t));
          return '?';
        }
        return t.text;
      case 'op': return t.text === '!=' ? '<>' : t.text;
      default: return t.text;
      }
    });
    // Savepoint names are each library's own choice.
    if (/^(SAVE|ROLLBACK) TRANSACTION \[/.test(words.slice(0, 3).join(' '))) words[2] = '[savepoint]';
    words = dropLoneAlias(words);
    out.push({ sql: words.join(' '), values: values.map(looseValue) });
  }
  return out;
}

// FROM [table] AS [alias] with nothing joined: the alias and the [alias]. and
// [table]. qualifiers say nothing more than the bare column names.
function dropLoneAlias(words) {
  if (words.includes('JOIN')) return words;
  const from = words.indexOf('FROM');
  if (from < 0 || !/^\[/.test(words[from + 1] || '')) return words;
  const names = new Set([words[from + 1]]);
  let result = words;
  if (words[from + 2] === 'AS' && /^\[/.test(words[from + 3] || '')) {
    names.add(words[from + 3]);
    result = [...words.slice(0, from + 2), ...words.slice(from + 4)];
  }
  const unqualified = [];
  for (let i = 0; i < result.length; ++i) {
    if (names.has(result[i]) && result[i + 1] === '.' && result[i - 1] !== 'FROM') {
      i += 1; // skip the qualifier and its dot
      continue;
    }
    unqualified.push(result[i]);
  }
  return unqualified;
}

// ---- running both sides ------------------------------------------------------

function runJson(file, args, what) {
  try {
    return JSON.parse(execFileSync(file, args, { encoding: 'utf8', maxBuffer: 64 << 20 }));
  } catch (err) {
    console.error(`compare.js: ${what} failed: ${err.message}`);
    process.exit(2);
  }
}

function main() {
  const [statementsExe, plugin] = process.argv.slice(2);
  if (!statementsExe) {
    console.error('usage: node compare.js <tabula_tsql_statements> [<mssql plugin .so>]');
    process.exit(2);
  }
  const here = __dirname;
  if (!fs.existsSync(path.join(here, 'node_modules', 'sequelize'))) {
    console.error(`compare.js: Sequelize is not installed: run \`npm ci\` in ${here}`);
    process.exit(2);
  }
  const sequelize = runJson(process.execPath, [path.join(here, 'sequelize_tsql.js')],
    'sequelize_tsql.js');
  const tabula = runJson(statementsExe, plugin ? [plugin] : [], 'tabula_tsql_statements');
  const listed = JSON.parse(fs.readFileSync(path.join(here, 'differences.json'), 'utf8'));

  const problems = [];
  const table = [];
  const operations = [...new Set([...Object.keys(sequelize), ...Object.keys(tabula)])];
  for (const op of operations) {
    if (!sequelize[op] || !tabula[op]) {
      problems.push(`${op}: only ${sequelize[op] ? 'Sequelize' : 'Tabula'} has this operation`);
      continue;
    }
    const s = sequelize[op].flatMap(normalise);
    const t = tabula[op].flatMap(normalise);
    const sText = s.map((x) => x.sql).join(' ;\n');
    const tText = t.map((x) => x.sql).join(' ;\n');

    // Each listed difference rewrites Sequelize's form into Tabula's.
    let rewritten = sText;
    const reasons = [];
    for (const d of listed.differences) {
      if (!d.operations.includes(op)) continue;
      const pattern = new RegExp(d.sequelize, 'g');
      if (!pattern.test(rewritten)) {
        problems.push(`${op}: listed difference no longer occurs: ${d.reason}`);
        continue;
      }
      rewritten = rewritten.replace(new RegExp(d.sequelize, 'g'), d.tabula);
      reasons.push(d.fix ? `TO FIX: ${d.reason}` : d.reason);
    }
    let status = reasons.length ? 'listed differences' : 'same';
    if (rewritten !== tText) {
      status = 'DIFFERENT';
      problems.push(`${op}: unlisted difference\n    Sequelize after the listed rewrites:\n` +
        `      ${rewritten.replace(/\n/g, '\n      ')}\n    Tabula:\n      ${tText.replace(/\n/g, '\n      ')}`);
    } else if (!reasons.length) {
      // Same statements: the values must match too, in order.
      const sv = JSON.stringify(s.map((x) => x.values));
      const tv = JSON.stringify(t.map((x) => x.values));
      if (sv !== tv) {
        status = 'DIFFERENT VALUES';
        problems.push(`${op}: values differ\n    Sequelize: ${sv}\n    Tabula:    ${tv}`);
      }
    }
    table.push({ op, status, reasons, sText, tText });
  }

  // A side-by-side report, then the table of differences.
  for (const row of table) {
    console.log(`=== ${row.op}: ${row.status}`);
    const sl = row.sText.split('\n');
    const tl = row.tText.split('\n');
    for (let i = 0; i < Math.max(sl.length, tl.length); ++i) {
      console.log(`  Sequelize | ${sl[i] ?? ''}`);
      console.log(`  Tabula    | ${tl[i] ?? ''}`);
    }
    for (const r of row.reasons) console.log(`  - ${r}`);
  }
  console.log('\noperation               status               listed differences');
  for (const row of table)
    console.log(`${row.op.padEnd(24)}${row.status.padEnd(21)}${row.reasons.length}` +
      `${row.reasons.some((r) => r.startsWith('TO FIX')) ? ' (one to fix)' : ''}`);

  if (problems.length) {
    console.log(`\n${problems.length} problem(s):`);
    for (const p of problems) console.log(`- ${p}`);
    process.exit(1);
  }
  console.log(`\nAll ${table.length} operations agree, up to the ` +
    `${listed.differences.length} listed differences.`);
}

main();
