import type { ENUM_LABELS } from '../../../../common/registry';
import type { MessageKey } from '../../../i18n/messages';
import { enumChoices, parseEnum, type ColumnSpec } from './columns';
import type { SheetRow } from '../../../files/workbook';

/** A message key with its parameters, rendered in the request's language when answered. */
export interface KeyedProblem {
  key: MessageKey;
  params?: Record<string, string | number>;
}

/** One problem of an import: row as in Excel, column header, message key and parameters. */
export interface ImportProblem {
  row: number;
  column: string;
  problem: KeyedProblem;
}

/**
 * Reads typed values from one sheet row and collects a problem for every bad cell, so a file is
 * answered with all its problems at once instead of the first.
 */
export class RowReader<K extends string> {
  constructor(
    private readonly specs: readonly ColumnSpec<K>[],
    private readonly index: Map<K, number>,
    private readonly headers: string[],
    readonly row: SheetRow,
    private readonly problems: ImportProblem[],
  ) {}

  /** The header the user sees for a column. */
  header(key: K): string {
    const i = this.index.get(key);
    return (i !== undefined ? this.headers[i] : undefined) || this.specs.find((s) => s.key === key)!.header;
  }

  fail(key: K, problem: KeyedProblem): undefined {
    this.problems.push({ row: this.row.row, column: this.header(key), problem });
    return undefined;
  }

  raw(key: K): string {
    const i = this.index.get(key);
    return i === undefined ? '' : (this.row.cells[i] ?? '').trim();
  }

  text(key: K, opts: { required?: boolean; min?: number; max: number }): string | undefined {
    const v = this.raw(key);
    if (!v) return opts.required ? this.fail(key, { key: 'field.required' }) : undefined;
    if (v.length > opts.max) return this.fail(key, { key: 'field.tooLong', params: { max: opts.max } });
    if (opts.min && v.length < opts.min) return this.fail(key, { key: 'field.minLength', params: { n: opts.min } });
    return v;
  }

  int(key: K, opts: { required?: boolean; min: number; max: number }): number | undefined {
    const v = this.raw(key);
    if (!v) return opts.required ? this.fail(key, { key: 'field.required' }) : undefined;
    const n = Number(v);
    if (!Number.isFinite(n)) return this.fail(key, { key: 'field.notANumber' });
    if (!Number.isInteger(n)) return this.fail(key, { key: 'field.notAnInteger' });
    if (n < opts.min || n > opts.max) return this.fail(key, { key: 'field.range', params: { min: opts.min, max: opts.max } });
    return n;
  }

  decimal(key: K, opts: { max: number }): number | null | undefined {
    const v = this.raw(key);
    if (!v) return null;
    const n = Number(v);
    if (!Number.isFinite(n)) return this.fail(key, { key: 'field.notANumber' });
    if (n <= 0) return this.fail(key, { key: 'field.positive' });
    if (n > opts.max) return this.fail(key, { key: 'field.range', params: { min: 0, max: opts.max } });
    return Math.round(n * 100) / 100;
  }

  choice<G extends keyof typeof ENUM_LABELS>(key: K, group: G, opts: { required?: boolean } = {}): keyof (typeof ENUM_LABELS)[G] | undefined {
    const v = this.raw(key);
    if (!v) return opts.required ? this.fail(key, { key: 'field.required' }) : undefined;
    const code = parseEnum(group, v);
    if (code === undefined) return this.fail(key, { key: 'field.unknownValue', params: { value: v, allowed: enumChoices(group) } });
    return code;
  }

  /** A date as 2024-06-01, 2024/6/1 or 2024.6.1 (xlsx date cells arrive as ISO dates). */
  date(key: K): string | null | undefined {
    const v = this.raw(key);
    if (!v) return null;
    const m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(v);
    if (!m) return this.fail(key, { key: 'field.notADate' });
    const iso = `${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}`;
    const d = new Date(`${iso}T00:00:00Z`);
    if (Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== iso) return this.fail(key, { key: 'field.notADate' });
    return iso;
  }
}
