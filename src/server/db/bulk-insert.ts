import { getTableColumns, getTableName, sql, type SQL } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import type { DbOrTx } from './client';

/** Rows per statement: one JSON parameter each, so the limit is memory, not the 65,535 parameters. */
export const BULK_CHUNK = 5000;

type Json = string | number | boolean | null | Json[] | { [k: string]: Json };

/** A column value as JSON text that `json_populate_recordset` reads back into the column's type. */
function jsonValue(v: unknown): Json {
  if (v === undefined || v === null) return null;
  if (v instanceof Date) return v.toISOString();
  if (Array.isArray(v)) return v.map(jsonValue);
  return v as Json;
}

/**
 * Inserts many rows of a table with one statement per `BULK_CHUNK` rows:
 * `insert … select … from json_populate_recordset(null::table, $1)`, the rows travelling as one
 * JSON parameter typed by the table itself (the same SQL on PGlite and PostgreSQL). Drizzle's
 * `insert().values()` sends one parameter per cell, which the driver and the server parse one
 * by one; this sends one per chunk. Columns are those of the first row (the others keep their
 * defaults; every row must name the same columns). Runs in the caller's transaction; `returning`
 * names the columns to read back (by property name).
 */
export async function bulkInsert<T extends PgTable, K extends keyof T['$inferSelect'] & string = never>(
  db: DbOrTx,
  table: T,
  rows: readonly T['$inferInsert'][],
  returning: readonly K[] = [],
): Promise<Pick<T['$inferSelect'], K>[]> {
  if (!rows.length) return [];
  const columns = getTableColumns(table) as Record<string, PgColumn>;
  const keys = Object.keys(rows[0]!).filter((k) => columns[k]);
  const names = keys.map((k) => columns[k]!.name);
  const list = sql.join(names.map((n) => sql.identifier(n)), sql`, `);
  const back: SQL | undefined = returning.length
    ? sql` returning ${sql.join(returning.map((k) => sql`${sql.identifier(columns[k]!.name)} as ${sql.identifier(k)}`), sql`, `)}`
    : undefined;
  const out: Pick<T['$inferSelect'], K>[] = [];
  for (let i = 0; i < rows.length; i += BULK_CHUNK) {
    const chunk = rows.slice(i, i + BULK_CHUNK).map((r) => {
      const o: Record<string, Json> = {};
      keys.forEach((k, j) => (o[names[j]!] = jsonValue((r as Record<string, unknown>)[k])));
      return o;
    });
    const tableName = sql.identifier(getTableName(table));
    const query = sql`insert into ${tableName} (${list}) select ${list} from json_populate_recordset(null::${tableName}, ${JSON.stringify(chunk)}::json)${back ?? sql``}`;
    const result = (await db.execute(query)) as unknown as { rows: Pick<T['$inferSelect'], K>[] };
    if (back) out.push(...result.rows);
  }
  return out;
}
