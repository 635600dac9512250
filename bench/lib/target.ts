import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { ROOT_DIR } from '../../src/server/config';
import { openDatabase, type Database } from '../../src/server/db/client';
import { prepareDatabase } from '../../src/server/db/prepare';
import { generateDataset } from '../generate';
import { report } from './report';

export type DbKind = 'pglite' | 'postgres';
export const BENCH_PG_URL = process.env.WUYE_BENCH_PG_URL ?? process.env.WUYE_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:54329/postgres';
/** The fixed instant the dataset is generated against (today 00:00 UTC unless set), for reproducible rows. */
export const DEFAULT_SEED = 20261122;

/** Where a dataset lives: a PostgreSQL database or a PGlite directory, and the server env for it. */
export interface Target {
  kind: DbKind;
  scale: number;
  env: Record<string, string>;
  open(): Promise<Database>;
}

function pgUrl(name: string): string {
  const url = new URL(BENCH_PG_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

const scaleTag = (scale: number) => String(scale).replace('.', '_');

/** The dataset of a scale on a database, loading it first when missing (or when `reload`). */
export async function datasetTarget(kind: DbKind, scale: number, reload: boolean, log: (s: string) => void): Promise<Target> {
  const name = `wuye_bench_s${scaleTag(scale)}`;
  const marker = path.join(ROOT_DIR, '.tmp', `${name}-${kind}.loaded.json`);
  let target: Target;
  if (kind === 'postgres') {
    const url = pgUrl(name);
    const admin = new pg.Client({ connectionString: BENCH_PG_URL });
    await admin.connect();
    const exists = (await admin.query('select 1 from pg_database where datname = $1', [name])).rowCount! > 0;
    if (exists && (reload || !existsSync(marker))) await admin.query(`drop database ${name} with (force)`);
    if (!exists || reload || !existsSync(marker)) await admin.query(`create database ${name}`);
    await admin.end();
    target = { kind, scale, env: { DATABASE_URL: url }, open: () => openDatabase({ databaseUrl: url, dataDir: '', poolSize: 16 }) };
  } else {
    const dir = path.join(ROOT_DIR, '.tmp', `${name}-pglite`);
    if (reload || !existsSync(marker)) rmSync(dir, { recursive: true, force: true });
    target = { kind, scale, env: { WUYE_DATA_DIR: dir }, open: () => openDatabase({ dataDir: dir }) };
  }
  if (!reload && existsSync(marker)) {
    log(`dataset ${name} on ${kind}: already loaded (${readFileSync(marker, 'utf8').slice(0, 80)}…)`);
    return target;
  }
  const database = await target.open();
  try {
    await prepareDatabase(database);
    const now = new Date(Math.floor(Date.now() / 86_400_000) * 86_400_000 + 6 * 3_600_000);
    log(`loading scale ${scale} into ${kind} (${name}) …`);
    const r = await generateDataset(database, scale, DEFAULT_SEED, now, log);
    const total = Object.values(r.rows).reduce((a, b) => a + b, 0);
    report(`load-${kind}-s${scaleTag(scale)}`, [
      { table: 'all rows', rows: total, seconds: Math.round(r.seconds), 'rows/s': Math.round(total / r.seconds) },
      ...Object.entries(r.rows).map(([table, rows]) => ({ table, rows })),
    ], { scale, seed: DEFAULT_SEED, now: now.toISOString() });
    mkdirSync(path.dirname(marker), { recursive: true });
    writeFileSync(marker, JSON.stringify({ seconds: r.seconds, rows: r.rows, now }));
  } finally {
    await database.close();
  }
  return target;
}

/**
 * A benchmark's own dataset (`wuye_bench_<name>`, loaded once per scale and database by `load`
 * into a prepared, empty database and reused after; `reload` loads it again). For benchmarks whose
 * data is not the work-order dataset, so they neither need nor disturb it.
 */
export async function ownTarget(
  kind: DbKind,
  name: string,
  scale: number,
  reload: boolean,
  log: (s: string) => void,
  load: (database: Database, now: Date) => Promise<{ seconds: number; rows: Record<string, number> }>,
): Promise<Target> {
  const db = `wuye_bench_${name}_s${scaleTag(scale)}`;
  const marker = path.join(ROOT_DIR, '.tmp', `${db}-${kind}.loaded.json`);
  const fresh = reload || !existsSync(marker);
  let target: Target;
  if (kind === 'postgres') {
    const url = pgUrl(db);
    if (fresh) {
      const admin = new pg.Client({ connectionString: BENCH_PG_URL });
      await admin.connect();
      await admin.query(`drop database if exists ${db} with (force)`);
      await admin.query(`create database ${db}`);
      await admin.end();
    }
    target = { kind, scale, env: { DATABASE_URL: url }, open: () => openDatabase({ databaseUrl: url, dataDir: '', poolSize: 16 }) };
  } else {
    const dir = path.join(ROOT_DIR, '.tmp', `${db}-pglite`);
    if (fresh) rmSync(dir, { recursive: true, force: true });
    target = { kind, scale, env: { WUYE_DATA_DIR: dir }, open: () => openDatabase({ dataDir: dir }) };
  }
  if (!fresh) {
    log(`dataset ${db} on ${kind}: already loaded (${readFileSync(marker, 'utf8').slice(0, 80)}…)`);
    return target;
  }
  const database = await target.open();
  try {
    await prepareDatabase(database);
    const now = new Date(Math.floor(Date.now() / 86_400_000) * 86_400_000 + 6 * 3_600_000);
    log(`loading ${name} at scale ${scale} into ${kind} (${db}) …`);
    const r = await load(database, now);
    const total = Object.values(r.rows).reduce((a, b) => a + b, 0);
    report(`load-${name}-${kind}-s${scaleTag(scale)}`, [
      { table: 'all rows', rows: total, seconds: Math.round(r.seconds), 'rows/s': Math.round(total / r.seconds) },
      ...Object.entries(r.rows).map(([table, rows]) => ({ table, rows })),
    ], { scale, now: now.toISOString() });
    mkdirSync(path.dirname(marker), { recursive: true });
    writeFileSync(marker, JSON.stringify({ seconds: r.seconds, rows: r.rows, now }));
  } finally {
    await database.close();
  }
  return target;
}
