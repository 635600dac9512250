import type { Db, Tx } from './client';

/**
 * Runs `fn` in one transaction. Every write in Wuye goes through here and passes `tx` on,
 * so the change and its audit/timeline events commit or roll back together.
 */
export function inTransaction<T>(db: Db, fn: (tx: Tx) => Promise<T>): Promise<T> {
  return db.transaction(fn);
}
