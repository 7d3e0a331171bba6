'use strict';
// The checksum a correct run of a scenario prints, from the data set alone.
//   node expected.js --scenario S --size N [--table-rows T]
// --table-rows: the rows of bench_items that setup made (for findByPk, pool).
// check.sh uses it to check every line bench.js prints.

const bench = require('./common');

function authorTag(a, k) {
  return ((a * 7 + k * 11) % 50) + 1;
}

function expected(scenario, size, tableRows) {
  let sum = 0;
  switch (scenario) {
    case 'setup':
      return size;
    case 'findByPk':
    case 'pool':
      for (let n = 0; n < size; ++n) sum += bench.expectedChecksum(bench.lookupId(n, tableRows));
      return sum;
    case 'findAll':
      for (let id = 1; id <= Math.min(size, tableRows); ++id) sum += bench.expectedChecksum(id);
      return sum;
    case 'bulkCreate':
      return size; // without the returning variant
    case 'bulkCreate-returning':
      return (size * (size + 1)) / 2;
    case 'eager':
      for (let a = 1; a <= 1000; ++a) {
        sum += a;
        for (let j = 1; j <= 10; ++j) sum += (a - 1) * 10 + j;
        for (let k = 0; k < 3; ++k) sum += authorTag(a, k);
      }
      return sum;
    case 'roundtrips':
      if (size === 0) return 0;
      for (let r = 1; r <= 100; ++r) sum += size * 1000 + r;
      return sum;
    default:
      throw new Error(`unknown scenario ${scenario}`);
  }
}

if (require.main === module) {
  const args = process.argv.slice(2);
  const get = (key, fallback) => {
    const i = args.indexOf(key);
    return i >= 0 ? args[i + 1] : fallback;
  };
  const size = Number(get('--size', '0'));
  const tableRows = Number(get('--table-rows', '0'));
  console.log(expected(get('--scenario'), size, tableRows));
}

module.exports = { expected };
