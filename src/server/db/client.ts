import { mkdirSync } from 'node:fs';
import { PGlite, type PGliteOptions } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import type { ExtractTablesWithRelations } from 'drizzle-orm';
import type { PgTransaction } from 'drizzle-orm/pg-core';
import pg from 'pg';
import * as schema from './schema';

export type Schema = typeof schema;
/** The drizzle database, the same type on PGlite and on PostgreSQL. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
/** A transaction handle; every write takes one explicitly. */
export type Tx = PgTransaction<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;
export type DbOrTx = Db | Tx;

export type DatabaseKind = 'pglite' | 'postgres';

export interface Database {
  kind: DatabaseKind;
  db: Db;
  /** Runs raw SQL (migrations, maintenance); returns rows. */
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
  /** The PGlite instance, for backup (embedded store only). */
  pglite?: PGlite;
  /** The pool, for advisory locks and listeners (PostgreSQL only). */
  pool?: pg.Pool;
  /**
   * Streaming replicas (PostgreSQL with `DATABASE_READ_URL` only): read-only handles for lists,
   * search, dashboards, reports and exports. Pick one through `db/read-routing.ts`, never directly.
   */
  replicas?: { db: Db; pool: pg.Pool }[];
  close(): Promise<void>;
}

// Return timestamps as ISO strings' source (Date) and big numerics as strings, the same way on both drivers.
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number(v));

export interface OpenDatabaseOptions {
  databaseUrl?: string;
  /** Read replicas of `databaseUrl` (see `Database.replicas`). */
  readUrls?: string[];
  /** PGlite data dir, or `memory://` for an in-memory database. */
  dataDir: string;
  poolSize?: number;
}

/** Opens PostgreSQL when a URL is given, otherwise the embedded PGlite store. */
export async function openDatabase(options: OpenDatabaseOptions): Promise<Database> {
  if (options.databaseUrl) {
    const pool = new pg.Pool({ connectionString: options.databaseUrl, max: options.poolSize ?? 10 });
    // An idle connection can be closed by the server (restart, failover, a dropped database);
    // without a listener that 'error' event would end the process. The pool opens a new one.
    pool.on('error', (err) => console.error(`postgres: idle connection closed (${err.message})`));
    // Fail fast on a wrong URL instead of at the first request.
    await pool.query('select 1');
    const db = drizzlePg(pool, { schema }) as unknown as Db;
    const replicas = await Promise.all(
      (options.readUrls ?? []).map(async (url) => {
        const replica = new pg.Pool({ connectionString: url, max: options.poolSize ?? 10 });
        replica.on('error', (err) => console.error(`postgres replica: idle connection closed (${err.message})`));
        await replica.query('select 1');
        return { db: drizzlePg(replica, { schema }) as unknown as Db, pool: replica };
      }),
    );
    return {
      kind: 'postgres',
      db,
      pool,
      ...(replicas.length ? { replicas } : {}),
      query: async <T>(sql: string, params?: unknown[]) => (await pool.query(sql, params)).rows as T[],
      close: async () => {
        await Promise.all([pool.end(), ...replicas.map((r) => r.pool.end())]);
      },
    };
  }
  if (!options.dataDir.startsWith('memory://')) mkdirSync(options.dataDir, { recursive: true });
  return wrapPglite(await createPglite({ dataDir: options.dataDir }));
}

/**
 * Opens a PGlite instance with the extensions the migrations use (`pg_trgm` for the list search's
 * trigram indexes), so the one SQL of the migrations runs on both stores. Every PGlite of the
 * product (server, tests, backup and restore) is opened here.
 */
export function createPglite(options: PGliteOptions): Promise<PGlite> {
  return PGlite.create({ ...options, extensions: { ...options.extensions, pg_trgm } });
}

/** The Database over an open PGlite instance. */
export function wrapPglite(client: PGlite): Database {
  const db = drizzlePglite(client, { schema }) as unknown as Db;
  return {
    kind: 'pglite',
    db,
    pglite: client,
    query: async <T>(sql: string, params?: unknown[]) => (await client.query<T>(sql, params)).rows,
    close: () => client.close(),
  };
}
