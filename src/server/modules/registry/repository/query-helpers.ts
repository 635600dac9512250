import { asc, desc, isNotNull, isNull, sql, type AnyColumn, type SQL } from 'drizzle-orm';

/** Escapes LIKE wildcards so user input only ever matches literally. */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** `col LIKE 'text%'`: uses the text_pattern_ops indexes. */
export function startsWith(col: AnyColumn | SQL, text: string): SQL {
  return sql`${col} like ${`${escapeLike(text)}%`}`;
}

/** `col LIKE '%text%'` for short lists (names), where a scan is cheap. */
export function contains(col: AnyColumn | SQL, text: string): SQL {
  return sql`${col} like ${`%${escapeLike(text)}%`}`;
}

/** The archived filter shared by every list. */
export function archivedFilter(col: AnyColumn, mode: 'active' | 'archived' | 'all'): SQL | undefined {
  if (mode === 'active') return isNull(col);
  if (mode === 'archived') return isNotNull(col);
  return undefined;
}

/** `-name` -> descending by the column for `name`, plus a tiebreaker for stable paging. */
export function orderBy<K extends string>(sort: K | `-${K}`, columns: Record<K, AnyColumn | SQL>, tiebreak: AnyColumn): SQL[] {
  const descending = sort.startsWith('-');
  const key = (descending ? sort.slice(1) : sort) as K;
  const col = columns[key];
  return [descending ? desc(col) : asc(col), asc(tiebreak)];
}

/** Limit and offset of a 1-based page. */
export interface Window {
  limit: number;
  offset: number;
}

export function pageWindow(q: { page: number; pageSize: number }): Window {
  return { limit: q.pageSize, offset: (q.page - 1) * q.pageSize };
}

/** The digits-only forms a phone search may take. */
export function phoneTerms(q: string): { full?: string; last4?: string; prefix?: string } {
  if (!/^\d+$/.test(q)) return {};
  if (q.length === 11) return { full: q };
  return { ...(q.length === 4 ? { last4: q } : {}), ...(q.length >= 3 ? { prefix: q } : {}) };
}

export { qualified } from '../../../db/sql';
