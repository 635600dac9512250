import { fieldError } from '../errors';

interface PgErrorLike {
  code?: string;
  constraint?: string;
  cause?: unknown;
}

function pgError(err: unknown): PgErrorLike | null {
  // Drizzle wraps driver errors; the driver's error (pg or PGlite) carries the SQLSTATE.
  let e = err as PgErrorLike | undefined;
  for (let i = 0; e && i < 3; i++) {
    if (typeof e.code === 'string' && /^[0-9A-Z]{5}$/.test(e.code)) return e;
    e = e.cause as PgErrorLike | undefined;
  }
  return null;
}

/**
 * Runs a write and turns a unique-index violation into a field-level 400 ("already in use"),
 * for the race in which two requests pass the pre-check at the same time.
 */
export async function withUniqueFields<T>(fn: () => Promise<T>, constraintFields: Record<string, string>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    const pg = pgError(err);
    if (pg?.code === '23505' && pg.constraint && constraintFields[pg.constraint]) {
      throw fieldError({ [constraintFields[pg.constraint]!]: { key: 'field.taken' } });
    }
    throw err;
  }
}
