/**
 * `npm run bench -- [--scale N] [--db pglite|postgres] [--only name,...] [--reload]`
 * Loads a deterministic dataset (once per scale and database) and runs the benchmarks; each
 * prints a table and writes bench/results/<name>.json with its same-run baseline.
 */
import { parseArgs } from 'node:util';
import { datasetTarget, type DbKind } from './lib/target';
import { BENCHMARKS } from './benchmarks';

const { values } = parseArgs({
  options: {
    scale: { type: 'string', default: '1' },
    db: { type: 'string', default: 'postgres' },
    only: { type: 'string' },
    reload: { type: 'boolean', default: false },
  },
});
const scale = Number(values.scale);
const kind = values.db as DbKind;
if (!(scale > 0) || !['pglite', 'postgres'].includes(kind)) {
  console.error('usage: npm run bench -- [--scale N] [--db pglite|postgres] [--only name,...] [--reload]');
  process.exit(2);
}
const wanted = values.only ? values.only.split(',') : Object.keys(BENCHMARKS);
const unknown = wanted.filter((n) => !(n in BENCHMARKS) && n !== 'load');
if (unknown.length) {
  console.error(`unknown benchmark(s): ${unknown.join(', ')}; known: load, ${Object.keys(BENCHMARKS).join(', ')}`);
  process.exit(2);
}
const log = (s: string) => console.log(`[bench] ${s}`);
const failures: string[] = [];
for (const name of wanted.filter((n) => n !== 'load' || wanted.length === 1)) {
  const bench = BENCHMARKS[name as keyof typeof BENCHMARKS];
  const needs = bench?.needsDataset ?? true;
  const target = needs || name === 'load' ? await datasetTarget(bench?.db ?? kind, scale, values.reload && name === wanted[0], log) : null;
  if (!bench) continue;
  log(`running ${name}`);
  try {
    await bench.run({ target, scale, kind, reload: values.reload, log });
  } catch (err) {
    console.error(err);
    failures.push(name);
  }
}
if (failures.length) {
  console.error(`\nFAILED: ${failures.join(', ')}`);
  process.exit(1);
}
