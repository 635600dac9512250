import { IMPORT_MAX_ROWS } from '../../../../common/registry';
import type { Tx, DbOrTx } from '../../../db/client';
import type { Actor } from '../../../db/scope';
import type { communities } from '../tables';
import { locateColumns, type ColumnSpec } from './columns';
import { RowReader, type ImportProblem } from './row-reader';
import type { Sheet } from '../../../files/workbook';

/** The outcome of validating a file: its problems, and how to write it when there are none. */
export interface ImportPlan {
  rows: number;
  problems: ImportProblem[];
  /** Writes every row in the caller's transaction; returns the number of records created. */
  write(tx: Tx): Promise<number>;
}

export interface PlanContext {
  db: DbOrTx;
  actor: Actor;
  community: typeof communities.$inferSelect;
}

/**
 * Locates the columns of a sheet and opens a reader per row. Missing required columns and an
 * empty or oversized file are problems on row 1 (the header row).
 */
export function readRows<K extends string>(sheet: Sheet, specs: readonly ColumnSpec<K>[]) {
  const problems: ImportProblem[] = [];
  const { index, missing } = locateColumns(specs, sheet.headers);
  for (const spec of missing) problems.push({ row: 1, column: spec.header, problem: { key: 'import.missingColumn', params: { column: spec.header } } });
  if (!sheet.rows.length) problems.push({ row: 1, column: '', problem: { key: 'import.noRows' } });
  if (sheet.rows.length > IMPORT_MAX_ROWS) problems.push({ row: 1, column: '', problem: { key: 'import.tooManyRows', params: { max: IMPORT_MAX_ROWS } } });
  const readers = missing.length || sheet.rows.length > IMPORT_MAX_ROWS ? [] : sheet.rows.map((row) => new RowReader(specs, index, sheet.headers, row, problems));
  return { problems, readers };
}

/** Natural key of a unit inside a community: building name and unit number. */
export const unitKey = (building: string, number: string) => `${building}\u0000${number}`;
