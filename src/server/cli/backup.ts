import { spawn } from 'node:child_process';
import { existsSync, readdirSync, renameSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { createPglite } from '../db/client';
import type { AppConfig } from '../config';
import { lockDataDir } from '../db/data-dir-lock';

function run(cmd: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { stdio: 'inherit' });
    child.on('error', (err) =>
      reject(new Error(`${cmd} could not be started (${err.message}); install the PostgreSQL client tools.`)),
    );
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${cmd} exited with code ${code}`))));
  });
}

/**
 * Writes a consistent copy of the database to `file`. Embedded store: a gzipped tarball of the
 * data directory made by PGlite itself while the store is locked (the server must be stopped).
 * PostgreSQL: `pg_dump --format=custom`, which is consistent while the server runs.
 */
export async function backup(config: AppConfig, file: string): Promise<void> {
  if (config.databaseUrl) {
    await run('pg_dump', ['--format=custom', '--no-owner', '--file', file, config.databaseUrl]);
    return;
  }
  const unlock = lockDataDir(config.dataDir);
  try {
    const pg = await createPglite({ dataDir: config.dataDir });
    const dump = await pg.dumpDataDir('gzip');
    await pg.close();
    await writeFile(file, Buffer.from(await dump.arrayBuffer()));
  } finally {
    unlock();
  }
}

/**
 * Restores a backup made by `backup`. Embedded store: the current data directory is kept beside
 * it as `<dir>.before-restore-<time>`. PostgreSQL: `pg_restore --clean --if-exists` into the
 * database of DATABASE_URL.
 */
export async function restore(config: AppConfig, file: string): Promise<string | null> {
  if (!existsSync(file)) throw new Error(`No such backup file: ${file}`);
  if (config.databaseUrl) {
    await run('pg_restore', ['--clean', '--if-exists', '--no-owner', '--dbname', config.databaseUrl, file]);
    return null;
  }
  const data = await readFile(file);
  let keptAs: string | null = null;
  if (existsSync(config.dataDir) && readdirSync(config.dataDir).some((f) => f !== '.wuye.lock')) {
    // Refuse while a server holds the store, then move it aside rather than delete it.
    lockDataDir(config.dataDir)();
    keptAs = `${config.dataDir}.before-restore-${new Date().toISOString().replace(/[:.]/g, '-')}`;
    renameSync(config.dataDir, keptAs);
  }
  const unlock = lockDataDir(config.dataDir);
  try {
    const pg = await createPglite({ dataDir: config.dataDir, loadDataDir: new Blob([data]) });
    await pg.query('select 1');
    await pg.close();
  } finally {
    unlock();
  }
  return keptAs;
}
