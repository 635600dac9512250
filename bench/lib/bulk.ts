import type { Database } from '../../src/server/db/client';

/** Column values of one row, keyed by column name (snake_case, as in the table). */
export type Row = Record<string, unknown>;

/**
 * Loads rows into a table in large batches through `json_populate_recordset`: one parameter per
 * batch (the rows as JSON), typed by the table itself, on PGlite and PostgreSQL alike. Columns
 * absent from the rows keep their defaults.
 */
export async function bulkInsert(database: Database, table: string, rows: Row[], batch = 5000): Promise<void> {
  if (!rows.length) return;
  const columns = Object.keys(rows[0]!);
  const list = columns.map((c) => `"${c}"`).join(', ');
  for (let i = 0; i < rows.length; i += batch) {
    const chunk = rows.slice(i, i + batch);
    await database.query(`insert into ${table} (${list}) select ${list} from json_populate_recordset(null::${table}, $1::json)`, [
      JSON.stringify(chunk),
    ]);
  }
}

/** Collects rows per table and flushes them when a table's buffer is full. */
export class BulkWriter {
  private buffers = new Map<string, Row[]>();
  readonly counts = new Map<string, number>();
  /** `order`: tables in foreign-key order; a full table first writes the tables before it. */
  constructor(
    private readonly database: Database,
    private readonly order: string[],
    private readonly flushAt = 5000,
  ) {}

  async add(table: string, row: Row): Promise<void> {
    let buf = this.buffers.get(table);
    if (!buf) this.buffers.set(table, (buf = []));
    buf.push(row);
    this.counts.set(table, (this.counts.get(table) ?? 0) + 1);
    if (buf.length >= this.flushAt) {
      for (const earlier of this.order.slice(0, Math.max(0, this.order.indexOf(table)))) await this.flushTable(earlier);
      await this.flushTable(table);
    }
  }

  private async flushTable(table: string): Promise<void> {
    const buf = this.buffers.get(table);
    if (!buf?.length) return;
    this.buffers.set(table, []);
    await bulkInsert(this.database, table, buf, this.flushAt);
  }

  /** Writes what is left, in foreign-key order. */
  async flush(): Promise<void> {
    for (const t of [...this.order, ...this.buffers.keys()]) await this.flushTable(t);
  }
}
