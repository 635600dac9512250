import path from 'node:path';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import type { PgliteDatabase } from 'drizzle-orm/pglite';
import type { NodePgDatabase } from 'drizzle-orm/node-postgres';
import { ROOT_DIR } from '../config';
import type { Database } from './client';

const migrationsFolder = path.join(ROOT_DIR, 'migrations');
// Any constant works; it only has to be the same in every process of this product.
const MIGRATION_LOCK = 727_001;

/**
 * Brings the schema up to date. On PostgreSQL an advisory lock makes concurrent starts of
 * several server processes run the migrations once, one after the other. `after` runs under the
 * same lock (data that must follow the schema, such as the shipped standards library).
 */
export async function runMigrations(database: Database, after?: () => Promise<unknown>): Promise<void> {
  if (database.kind === 'pglite') {
    await migratePglite(database.db as unknown as PgliteDatabase, { migrationsFolder });
    await after?.();
    return;
  }
  const client = await database.pool!.connect();
  try {
    await client.query('select pg_advisory_lock($1)', [MIGRATION_LOCK]);
    await migratePg(database.db as unknown as NodePgDatabase, { migrationsFolder });
    await after?.();
  } finally {
    await client.query('select pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => undefined);
    client.release();
  }
}
