import { syncStandardsLibrary } from '../modules/standards/commands/sync-library';
import type { Database } from './client';
import { runMigrations } from './migrate';

/** Brings a database up to date: schema migrations, then the shipped standards library. */
export function prepareDatabase(database: Database): Promise<void> {
  return runMigrations(database, () => syncStandardsLibrary(database.db));
}
