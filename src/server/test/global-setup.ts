import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { ROOT_DIR } from '../config';
import { openDatabase } from '../db/client';
import { prepareDatabase } from '../db/prepare';
import { TEST_DB, TEST_PG_URL, templateName, templateTarball } from './test-app';

/** A fingerprint of everything that shapes an empty database: migrations and the standards library. */
function schemaFingerprint(): string {
  const hash = createHash('sha256');
  for (const dir of ['migrations', 'migrations/meta', 'standards', 'standards/inspections']) {
    if (!existsSync(path.join(ROOT_DIR, dir))) continue;
    for (const f of readdirSync(path.join(ROOT_DIR, dir)).sort()) {
      const file = path.join(ROOT_DIR, dir, f);
      if (f.includes('.')) hash.update(f).update(readFileSync(file));
    }
  }
  return hash.digest('hex').slice(0, 16);
}

/**
 * Migrates one template database per test run, so each test file copies it instead of running
 * every migration again (PGlite: a data-dir tarball; PostgreSQL: CREATE DATABASE … TEMPLATE).
 */
export default async function setup(): Promise<void> {
  const fingerprint = schemaFingerprint();
  process.env.WUYE_TEST_TEMPLATE = fingerprint;
  if (TEST_DB === 'pglite') {
    const file = templateTarball(fingerprint);
    if (existsSync(file)) return;
    const database = await openDatabase({ dataDir: 'memory://' });
    await prepareDatabase(database);
    const dump = await database.pglite!.dumpDataDir('none');
    await database.close();
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, Buffer.from(await dump.arrayBuffer()));
    return;
  }
  const name = templateName(fingerprint);
  const admin = new pg.Client({ connectionString: TEST_PG_URL });
  await admin.connect();
  try {
    const { rowCount } = await admin.query('select 1 from pg_database where datname = $1', [name]);
    if (rowCount) return;
    await admin.query(`create database ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(TEST_PG_URL);
  url.pathname = `/${name}`;
  const database = await openDatabase({ databaseUrl: url.toString(), dataDir: '' });
  await prepareDatabase(database);
  await database.close();
}
