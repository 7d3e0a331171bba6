'use strict';
// Sequelize 6 side of the benchmark: the scenarios of bench/common, written
// the way a Sequelize user writes them, one scenario per process.
//   node bench.js --impl sequelize|sequelize-raw --dialect sqlite|postgres|mysql
//       --url URL --scenario S --size N --runs R [--threads T] [--variant V]
// sequelize-raw passes `raw: true` to every read; writes are the same.
// `--scenario setup` builds the shared tables the way `bench_raw --scenario
// setup` does, for checking this program on its own (check.sh).
// Dependencies: `bash install.sh` in this folder (builds sqlite3 from source).

const { Sequelize, DataTypes, Op } = require('sequelize');
const bench = require('./common');

const authorCount = 1000;
const tagCount = 50;

function authorTag(a, k) {
  return ((a * 7 + k * 11) % 50) + 1;
}

// ---- connections and models -------------------------------------------------

function connect(o, pool) {
  const options = {
    dialect: o.dialect,
    logging: false,
    define: { timestamps: false, freezeTableName: true },
  };
  if (pool) options.pool = pool;
  if (o.dialect === 'sqlite') return new Sequelize({ ...options, storage: o.url });
  if (o.dialect !== 'postgres' && o.dialect !== 'mysql')
    throw new Error(`unknown dialect ${o.dialect}`);
  const e = bench.parseUrl(o.url);
  return new Sequelize(e.database, e.user, e.password, {
    ...options,
    host: e.host,
    port: e.port || undefined,
  });
}

function itemAttributes() {
  return {
    id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
    qty: DataTypes.INTEGER,
    score: DataTypes.BIGINT,
    name: DataTypes.STRING(64),
    note: DataTypes.TEXT,
    price: DataTypes.DECIMAL(10, 2),
    active: DataTypes.BOOLEAN,
    created_at: DataTypes.DATE,
    day: DataTypes.DATEONLY,
    meta: DataTypes.JSON,
  };
}

function defineModels(seq) {
  const Item = seq.define('Item', itemAttributes(), { tableName: 'bench_items' });
  const ItemW = seq.define('ItemW', itemAttributes(), { tableName: 'bench_items_w' });
  const Rt = seq.define(
    'Rt',
    { id: { type: DataTypes.INTEGER, primaryKey: true }, qty: DataTypes.INTEGER },
    { tableName: 'bench_rt' },
  );
  const Author = seq.define(
    'Author',
    { id: { type: DataTypes.INTEGER, primaryKey: true }, name: DataTypes.STRING(64) },
    { tableName: 'bench_authors' },
  );
  const Post = seq.define(
    'Post',
    {
      id: { type: DataTypes.INTEGER, primaryKey: true },
      author_id: DataTypes.INTEGER,
      title: DataTypes.STRING(128),
      body: DataTypes.TEXT,
    },
    { tableName: 'bench_posts' },
  );
  const Tag = seq.define(
    'Tag',
    { id: { type: DataTypes.INTEGER, primaryKey: true }, name: DataTypes.STRING(32) },
    { tableName: 'bench_tags' },
  );
  const AuthorTag = seq.define(
    'AuthorTag',
    {
      author_id: { type: DataTypes.INTEGER, primaryKey: true },
      tag_id: { type: DataTypes.INTEGER, primaryKey: true },
    },
    { tableName: 'bench_author_tags' },
  );
  Author.hasMany(Post, { foreignKey: 'author_id', as: 'posts' });
  Author.belongsToMany(Tag, {
    through: AuthorTag,
    foreignKey: 'author_id',
    otherKey: 'tag_id',
    as: 'tags',
  });
  return { Item, ItemW, Rt, Author, Post, Tag, AuthorTag };
}

// ---- DDL, the same tables bench_raw creates --------------------------------------

function quote(o, name) {
  return o.dialect === 'mysql' ? `\`${name}\`` : `"${name}"`;
}

function itemsTableDdl(o, table) {
  const q = (n) => quote(o, n);
  const id = {
    sqlite: 'INTEGER PRIMARY KEY AUTOINCREMENT',
    postgres: 'SERIAL PRIMARY KEY',
    mysql: 'INTEGER AUTO_INCREMENT PRIMARY KEY',
  }[o.dialect];
  const createdAt = { sqlite: 'DATETIME', postgres: 'TIMESTAMPTZ', mysql: 'DATETIME(3)' }[
    o.dialect
  ];
  const meta = o.dialect === 'sqlite' ? 'TEXT' : 'JSON';
  const price = o.dialect === 'postgres' ? 'NUMERIC(10,2)' : 'DECIMAL(10,2)';
  return (
    `CREATE TABLE ${q(table)} (${q('id')} ${id}, ${q('qty')} INTEGER, ${q('score')} BIGINT, ` +
    `${q('name')} VARCHAR(64), ${q('note')} TEXT, ${q('price')} ${price}, ` +
    `${q('active')} BOOLEAN, ${q('created_at')} ${createdAt}, ${q('day')} DATE, ` +
    `${q('meta')} ${meta})`
  );
}

// bench_items and the four tables of the eager scenario, as setup makes them.
function sharedTablesDdl(o) {
  const q = (n) => quote(o, n);
  const id = `${q('id')} INTEGER PRIMARY KEY`;
  return [
    itemsTableDdl(o, 'bench_items'),
    `CREATE TABLE ${q('bench_authors')} (${id}, ${q('name')} VARCHAR(64))`,
    `CREATE TABLE ${q('bench_posts')} (${id}, ${q('author_id')} INTEGER, ` +
      `${q('title')} VARCHAR(128), ${q('body')} TEXT)`,
    `CREATE INDEX ${q('bench_posts_author_id')} ON ${q('bench_posts')} (${q('author_id')})`,
    `CREATE TABLE ${q('bench_tags')} (${id}, ${q('name')} VARCHAR(32))`,
    `CREATE TABLE ${q('bench_author_tags')} (${q('author_id')} INTEGER, ${q('tag_id')} INTEGER, ` +
      `PRIMARY KEY (${q('author_id')}, ${q('tag_id')}))`,
  ];
}

async function recreate(seq, o, table, ddl) {
  await seq.query(`DROP TABLE IF EXISTS ${quote(o, table)}`);
  await seq.query(ddl);
}

// A timestamp as each dialect's column takes it as text.
function timestampText(o, us) {
  const iso = new Date(us / 1000).toISOString(); // 2024-01-01T00:00:01.000Z
  const text = `${iso.slice(0, 10)} ${iso.slice(11, 23)}`;
  return o.dialect === 'mysql' ? text : `${text} +00:00`;
}

// Multi-row INSERTs with bound values, 500 rows per statement, for setup.
async function insertRows(seq, o, table, columns, rows, transaction) {
  const chunk = 500;
  const cols = columns.map((c) => quote(o, c)).join(', ');
  for (let at = 0; at < rows.length; at += chunk) {
    const part = rows.slice(at, at + chunk);
    const bind = [];
    const tuples = part.map((row) => {
      const marks = row.map((v) => {
        bind.push(v);
        return `$${bind.length}`;
      });
      return `(${marks.join(',')})`;
    });
    await seq.query(`INSERT INTO ${quote(o, table)} (${cols}) VALUES ${tuples.join(',')}`, {
      bind,
      transaction,
    });
  }
}

async function setup(o) {
  const seq = connect(o);
  const q = (n) => quote(o, n);
  try {
    if (o.dialect === 'sqlite') await seq.query('PRAGMA journal_mode=WAL');
    const result = await bench.measure(o, null, async () => {
      for (const t of [
        'bench_items',
        'bench_items_w',
        'bench_rt',
        'bench_author_tags',
        'bench_posts',
        'bench_tags',
        'bench_authors',
      ])
        await seq.query(`DROP TABLE IF EXISTS ${q(t)}`);
      for (const ddl of sharedTablesDdl(o)) await seq.query(ddl);
      const active = (b) => (o.dialect === 'postgres' ? b : b ? 1 : 0);
      const items = [];
      for (let i = 1; i <= o.size; ++i) {
        const r = bench.item(i);
        items.push([
          r.qty,
          r.score,
          r.name,
          r.note,
          r.price,
          active(r.active),
          timestampText(o, r.createdAtUs),
          r.day,
          r.meta,
        ]);
      }
      const authors = [];
      const posts = [];
      const links = [];
      const tags = [];
      for (let t = 1; t <= tagCount; ++t) tags.push([t, `tag-${t}`]);
      for (let a = 1; a <= authorCount; ++a) {
        authors.push([a, `author-${a}`]);
        for (let j = 1; j <= 10; ++j) {
          const id = (a - 1) * 10 + j;
          posts.push([id, a, `post-${id}`, `body of post ${id}`]);
        }
        for (let k = 0; k < 3; ++k) links.push([a, authorTag(a, k)]);
      }
      await seq.transaction(async (t) => {
        const cols = ['qty', 'score', 'name', 'note', 'price', 'active', 'created_at', 'day'];
        await insertRows(seq, o, 'bench_items', [...cols, 'meta'], items, t);
        await insertRows(seq, o, 'bench_tags', ['id', 'name'], tags, t);
        await insertRows(seq, o, 'bench_authors', ['id', 'name'], authors, t);
        await insertRows(seq, o, 'bench_posts', ['id', 'author_id', 'title', 'body'], posts, t);
        await insertRows(seq, o, 'bench_author_tags', ['author_id', 'tag_id'], links, t);
      });
      const analyzed = `${q('bench_items')}, ${q('bench_posts')}`;
      await seq.query(o.dialect === 'mysql' ? `ANALYZE TABLE ${analyzed}` : 'ANALYZE');
      const [[row]] = await seq.query(`SELECT COUNT(*) AS ${q('n')} FROM ${q('bench_items')}`);
      return { sum: Number(row.n), rows: o.size };
    });
    bench.report(o, result);
  } finally {
    await seq.close();
  }
}

// ---- checksums of what was read ---------------------------------------------------

function truthy(v) {
  if (typeof v === 'string') return v !== '0' && v !== 'f' && v !== 'false' && v !== '';
  if (Buffer.isBuffer(v)) return v.some((b) => b !== 0);
  return Boolean(v);
}

// Works on a model instance (attribute getters) and on a raw row alike.
function itemChecksum(r) {
  return bench.rowChecksum(
    Number(r.id),
    Number(r.qty),
    Number(r.score),
    r.name.length,
    truthy(r.active),
    bench.priceCents(r.price),
  );
}

function sumIds(list) {
  let s = 0;
  for (const x of list) s += Number(x.id);
  return s;
}

async function tableRows(Item) {
  return Item.count();
}

// ---- scenarios ------------------------------------------------------------------

async function findByPk(o, seq, m, raw) {
  const total = await tableRows(m.Item);
  const options = raw ? { raw: true } : {};
  return bench.measure(o, null, async () => {
    let sum = 0;
    for (let n = 0; n < o.size; ++n) {
      const r = await m.Item.findByPk(bench.lookupId(n, total), options);
      if (!r) throw new Error(`no row ${bench.lookupId(n, total)}`);
      sum += itemChecksum(r);
    }
    return { sum, rows: o.size };
  });
}

async function findAll(o, seq, m, raw) {
  return bench.measure(o, null, async () => {
    const items = await m.Item.findAll({ where: { id: { [Op.lte]: o.size } }, raw });
    let sum = 0;
    for (const r of items) sum += itemChecksum(r);
    return { sum, rows: items.length };
  });
}

async function bulkCreate(o, seq, m) {
  const returning = o.variant === 'returning';
  // Only postgres has RETURNING in Sequelize 6; mysql and sqlite give the ids
  // from the insert id and the row count by themselves.
  const options = returning && seq.getDialect() === 'postgres' ? { returning: true } : {};
  const records = [];
  for (let i = 1; i <= o.size; ++i) {
    const r = bench.item(i);
    records.push({
      qty: r.qty,
      score: r.score,
      name: r.name,
      note: r.note,
      price: r.price,
      active: r.active,
      created_at: new Date(r.createdAtUs / 1000),
      day: r.day,
      meta: JSON.parse(r.meta),
    });
  }
  return bench.measure(
    o,
    () => recreate(seq, o, 'bench_items_w', itemsTableDdl(o, 'bench_items_w')),
    async () => {
      const created = await seq.transaction((transaction) =>
        m.ItemW.bulkCreate(records, { ...options, transaction }),
      );
      if (!returning) return { sum: o.size, rows: o.size };
      for (const c of created) if (c.id == null) throw new Error('bulkCreate gave no id');
      return { sum: sumIds(created), rows: o.size };
    },
  );
}

function eagerChecksumOf(authors) {
  let sum = 0;
  for (const a of authors) sum += Number(a.id) + sumIds(a.posts) + sumIds(a.tags);
  return sum;
}

async function eager(o, seq, m, raw) {
  const include = [
    { model: m.Post, as: 'posts' },
    { model: m.Tag, as: 'tags', through: { attributes: [] } },
  ];
  return bench.measure(o, null, async () => {
    if (!raw) {
      const authors = await m.Author.findAll({ include });
      return { sum: eagerChecksumOf(authors), rows: authors.length };
    }
    // raw rows come one per author x post x tag; gather them into authors.
    const rows = await m.Author.findAll({ include, raw: true, nest: true });
    const byId = new Map();
    for (const row of rows) {
      let a = byId.get(row.id);
      if (!a) {
        a = { id: row.id, name: row.name, posts: new Map(), tags: new Map() };
        byId.set(row.id, a);
      }
      if (row.posts.id != null) a.posts.set(row.posts.id, row.posts);
      if (row.tags.id != null) a.tags.set(row.tags.id, row.tags);
    }
    const authors = [...byId.values()].map((a) => ({
      id: a.id,
      name: a.name,
      posts: [...a.posts.values()],
      tags: [...a.tags.values()],
    }));
    return { sum: eagerChecksumOf(authors), rows: authors.length };
  });
}

async function roundtrips(o, seq, m) {
  const q = (n) => quote(o, n);
  const result = await bench.measure(
    o,
    async () => {
      await recreate(
        seq,
        o,
        'bench_rt',
        `CREATE TABLE ${q('bench_rt')} (${q('id')} INTEGER PRIMARY KEY, ${q('qty')} INTEGER)`,
      );
      const rows = [];
      for (let r = 1; r <= 100; ++r) rows.push({ id: r, qty: 0 });
      await m.Rt.bulkCreate(rows);
    },
    async () => {
      for (let k = 1; k <= o.size; ++k) {
        await seq.transaction(async (transaction) => {
          for (let r = 1; r <= 100; ++r)
            await m.Rt.update({ qty: k * 1000 + r }, { where: { id: r }, transaction });
        });
      }
      return { sum: 0, rows: o.size * 100 };
    },
  );
  result.checksum = Number(await m.Rt.sum('qty'));
  return result;
}

// Opens every connection of the pool before timing (the pool fills lazily).
async function warm(seq, count) {
  await Promise.all(Array.from({ length: count }, () => seq.query('SELECT 1')));
}

async function pool(o, seq, m, raw) {
  const dedicated = o.variant === 'dedicated';
  if (!dedicated && o.variant !== 'pooled')
    throw new Error('the pool scenario wants --variant pooled or dedicated');
  if (dedicated && o.threads !== 16) throw new Error('the dedicated variant runs 16 threads');
  if (o.threads < 1) throw new Error('--threads must be at least 1');
  const total = await tableRows(m.Item);
  const options = raw ? { raw: true } : {};
  const extra = [];
  let models;
  if (dedicated) {
    // One Sequelize instance per worker, each with a single connection.
    for (let t = 0; t < 16; ++t) {
      const own = connect(o, { max: 1, min: 1 });
      extra.push(own);
      await warm(own, 1);
    }
    models = extra.map((s) => defineModels(s).Item);
  } else {
    await warm(seq, 16);
  }
  try {
    return await bench.measure(o, null, async () => {
      // Node runs one thread: each "thread" is a chain of awaited lookups,
      // all chains started together.
      const workers = [];
      for (let t = 0; t < o.threads; ++t) {
        const first = Math.floor((o.size * t) / o.threads);
        const last = Math.floor((o.size * (t + 1)) / o.threads);
        const Item = dedicated ? models[t] : m.Item;
        workers.push(
          (async () => {
            let sum = 0;
            for (let n = first; n < last; ++n) {
              const r = await Item.findByPk(bench.lookupId(n, total), options);
              if (!r) throw new Error(`no row ${bench.lookupId(n, total)}`);
              sum += itemChecksum(r);
            }
            return sum;
          })(),
        );
      }
      const sums = await Promise.all(workers);
      return { sum: sums.reduce((a, b) => a + b, 0), rows: o.size };
    });
  } finally {
    for (const s of extra) await s.close();
  }
}

const scenarios = { findByPk, findAll, bulkCreate, eager, roundtrips, pool };

async function main() {
  const o = bench.parseOptions(process.argv.slice(2), 'sequelize');
  if (o.impl !== 'sequelize' && o.impl !== 'sequelize-raw')
    throw new Error(`unknown --impl ${o.impl} (sequelize or sequelize-raw)`);
  if (o.scenario === 'setup') return setup(o);
  const run = scenarios[o.scenario];
  if (!run) return bench.reportUnsupported(o, `unknown scenario ${o.scenario}`);
  const seq = connect(o, o.scenario === 'pool' ? { max: 16, min: 16 } : undefined);
  try {
    const m = defineModels(seq);
    const result = await run(o, seq, m, o.impl === 'sequelize-raw');
    bench.report(o, result);
  } finally {
    await seq.close();
  }
}

main().catch((err) => {
  console.error(err && err.stack ? err.stack : err);
  process.exit(1);
});
