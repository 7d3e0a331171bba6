#!/usr/bin/env node
// Prints, as JSON {operation: [{sql, params}, ...]}, the T-SQL that Sequelize 6's
// mssql dialect sends for each model-level operation that tsql_statements.cpp
// runs through Tabula. No server is needed: the connection manager hands out a
// fake connection and the dialect's Query._run records each statement with its
// bound parameters, then returns rows shaped like SQL Server's answer so that
// the model layer carries on as it would against a real server.
'use strict';

const path = require('path');
const { Sequelize, DataTypes, Op, Transaction } = require('sequelize');
const MssqlQuery = require(path.join(
  path.dirname(require.resolve('sequelize')), 'dialects', 'mssql', 'query.js'));

const sequelize = new Sequelize('tabula', 'sa', 'unused', {
  dialect: 'mssql',
  host: 'localhost',
  logging: false,
  // The version a first real connection would report; OFFSET/FETCH needs 2012+.
  databaseVersion: '15.0.2000',
});

// ---- recording --------------------------------------------------------------

let current = null; // the statements of the operation being recorded
const fakeConnection = () => ({ queue: { enqueue: (job) => job() }, uuid: 'fake' });
sequelize.connectionManager.getConnection = async () => fakeConnection();
sequelize.connectionManager.releaseConnection = async () => {};

const ISOLATION_SQL = {
  READ_UNCOMMITTED: 'READ UNCOMMITTED',
  READ_COMMITTED: 'READ COMMITTED',
  REPEATABLE_READ: 'REPEATABLE READ',
  SERIALIZABLE: 'SERIALIZABLE',
};

function record(sql, params) {
  if (current) current.push({ sql, params });
}

// How many row constructors a VALUES list holds (for canned OUTPUT rows).
function valuesRows(sql) {
  const m = /\bVALUES\s*(\(.*\))\s*;?\s*$/s.exec(sql);
  if (!m) return 1;
  return (m[1].match(/\)\s*,\s*\(/g) || []).length + 1;
}

const userRow = (id) => ({
  id, username: `user${id}`, email: `user${id}@example.com`, active: true,
  balance: '10.50', createdAt: new Date(0), updatedAt: new Date(0),
});
const postRow = (id) => ({
  id, title: `post ${id}`, body: 'text', userId: 1,
  createdAt: new Date(0), updatedAt: new Date(0),
});

// Rows SQL Server would return for `sql`.
function canned(sql) {
  if (/AFFECTEDROWS/.test(sql)) return [[{ AFFECTEDROWS: 1 }], 1];
  if (/^\s*(INSERT|MERGE)\b/i.test(sql) && /OUTPUT/.test(sql)) {
    const n = valuesRows(sql);
    const rows = [];
    for (let i = 1; i <= n; ++i) rows.push({ ...userRow(i), $action: 'INSERT' });
    return [rows, n];
  }
  if (/^\s*UPDATE\b/i.test(sql)) {
    return /OUTPUT/.test(sql) ? [[userRow(1)], 1] : [[], 1];
  }
  if (/^\s*SELECT\b/i.test(sql)) {
    if (/count\(/i.test(sql)) return [[{ count: 2 }], 1];
    if (/FROM \[posts\]/.test(sql)) return [[postRow(1), postRow(2)], 2];
    if (/FROM \[users\]/.test(sql)) return [[userRow(1), userRow(2)], 2];
  }
  return [[], 0];
}

MssqlQuery.prototype._run = async function run(connection, sql, parameters) {
  this.sql = sql;
  const tx = this.options.transaction;
  // Transaction verbs go to tedious's beginTransaction/saveTransaction/...
  // which send a TDS transaction-manager request, not this text; they are
  // written here as the T-SQL with the same effect.
  if (sql.startsWith('BEGIN TRANSACTION')) {
    const level = this.options.isolationLevel;
    if (level) record(`SET TRANSACTION ISOLATION LEVEL ${ISOLATION_SQL[level]}`, []);
    record('BEGIN TRANSACTION', []);
    return [];
  }
  if (/^(COMMIT|ROLLBACK|SAVE) TRANSACTION/.test(sql)) {
    const verb = sql.replace(/ TRANSACTION.*$/s, '');
    const named = verb !== 'COMMIT' && tx && tx.name;
    record(`${verb} TRANSACTION${named ? ` [${tx.name}]` : ''}`, []);
    return [];
  }
  const params = [];
  if (parameters) {
    for (const key of Object.keys(parameters)) {
      const v = parameters[key];
      params.push(v instanceof Date ? v.toISOString() : Buffer.isBuffer(v) ? v.toString('hex') : v);
    }
  }
  record(sql, params);
  const [rows, rowCount] = canned(sql);
  return this.formatResults(rows, rowCount);
};

// ---- models -------------------------------------------------------------------

const User = sequelize.define('user', {
  username: { type: DataTypes.STRING(64), allowNull: false, unique: true },
  email: DataTypes.STRING,
  active: { type: DataTypes.BOOLEAN, defaultValue: true },
  balance: DataTypes.DECIMAL(10, 2),
});

const Post = sequelize.define('post', {
  title: DataTypes.STRING,
  body: DataTypes.TEXT,
});
User.hasMany(Post, { onDelete: 'CASCADE' });
Post.belongsTo(User, { onDelete: 'CASCADE' });

// Every data type, and the column options a conformance test uses.
const Sample = sequelize.define('sample', {
  str: DataTypes.STRING(100),
  txt: DataTypes.TEXT,
  chr: DataTypes.CHAR(10),
  num: DataTypes.INTEGER,
  big: DataTypes.BIGINT,
  flt: DataTypes.FLOAT,
  dbl: DataTypes.DOUBLE,
  dec: DataTypes.DECIMAL(10, 2),
  flag: DataTypes.BOOLEAN,
  at: DataTypes.DATE,
  day: DataTypes.DATEONLY,
  clock: DataTypes.TIME,
  uid: DataTypes.UUID,
  doc: DataTypes.JSON,
  bin: DataTypes.BLOB,
  mood: DataTypes.ENUM('happy', 'sad'),
  code: { type: DataTypes.STRING(32), unique: true },
  status: { type: DataTypes.STRING(16), defaultValue: 'new' },
  required: { type: DataTypes.INTEGER, allowNull: false },
});

// ---- operations ---------------------------------------------------------------

const threeUsers = () => [
  { username: 'ann', email: 'ann@example.com', balance: '1.50' },
  { username: 'bob', email: 'bob@example.com', balance: '2.50' },
  { username: 'cy', email: 'cy@example.com', balance: '3.50' },
];

const operations = [
  ['sync_sample', () => Sample.sync()],
  ['sync_user', () => User.sync()],
  ['sync_post', () => Post.sync()],
  ['create', () => User.create({ username: 'ann', email: 'ann@example.com', balance: '10.50' })],
  ['bulk_create', () => User.bulkCreate(threeUsers())],
  ['bulk_create_returning', () => User.bulkCreate(threeUsers(), { returning: true })],
  ['find_by_pk', () => User.findByPk(1)],
  ['where_eq', () => User.findAll({ where: { username: 'ann' } })],
  ['where_ne', () => User.findAll({ where: { username: { [Op.ne]: 'ann' } } })],
  ['where_gt', () => User.findAll({ where: { balance: { [Op.gt]: 5 } } })],
  ['where_in', () => User.findAll({ where: { id: [1, 2, 3] } })],
  ['where_like', () => User.findAll({ where: { email: { [Op.like]: '%@example.com' } } })],
  ['where_between', () => User.findAll({ where: { balance: { [Op.between]: [1, 9] } } })],
  ['where_is_null', () => User.findAll({ where: { email: null } })],
  ['where_and_or', () => User.findAll({
    where: { active: true, [Op.or]: [{ username: 'ann' }, { balance: { [Op.lt]: 2 } }] },
  })],
  ['order', () => User.findAll({ order: [['username', 'ASC'], ['id', 'DESC']] })],
  ['limit', () => User.findAll({ limit: 10 })],
  ['limit_offset', () => User.findAll({ order: [['username', 'ASC']], limit: 10, offset: 20 })],
  ['include_has_many', () => User.findAll({ include: [Post] })],
  ['include_belongs_to', () => Post.findAll({ include: [User] })],
  ['count', () => User.count({ where: { active: true } })],
  ['update_where', () => User.update({ email: 'x@example.com' }, { where: { username: 'ann' } })],
  ['update_returning', () => User.update({ email: 'x@example.com' },
    { where: { username: 'ann' }, returning: true })],
  ['destroy_where', () => User.destroy({ where: { active: false } })],
  ['upsert', () => User.upsert({ username: 'ann', email: 'ann@example.com', balance: '1.00' },
    { conflictFields: ['username'] })],
  ['increment', () => User.increment('balance', { by: 2, where: { id: 1 } })],
  ['transaction_commit', () => sequelize.transaction(async (t) => {
    await User.create({ username: 'tx' }, { transaction: t });
  })],
  ['transaction_rollback', async () => {
    const t = await sequelize.transaction();
    await User.create({ username: 'tx' }, { transaction: t });
    await t.rollback();
  }],
  ['savepoint_rollback', () => sequelize.transaction(async (outer) => {
    await User.create({ username: 'outer' }, { transaction: outer });
    const inner = await sequelize.transaction({ transaction: outer });
    await User.create({ username: 'inner' }, { transaction: inner });
    await inner.rollback();
  })],
  ['savepoint_commit', () => sequelize.transaction(async (outer) => {
    await sequelize.transaction({ transaction: outer }, async (inner) => {
      await User.create({ username: 'inner' }, { transaction: inner });
    });
  })],
  ['isolation_level', () => sequelize.transaction(
    { isolationLevel: Transaction.ISOLATION_LEVELS.SERIALIZABLE },
    async (t) => { await User.count({ transaction: t }); })],
];

async function main() {
  const only = process.argv.slice(2);
  const out = {};
  for (const [name, op] of operations) {
    if (only.length && !only.includes(name)) continue;
    current = [];
    await op();
    out[name] = current;
    current = null;
  }
  process.stdout.write(`${JSON.stringify(out, null, 1)}\n`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
