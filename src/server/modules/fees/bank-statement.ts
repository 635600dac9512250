import { createHash } from 'node:crypto';
import type { BankUnmatchedReason } from '../../../common/fee-bank';
import type { Sheet } from '../../files/workbook';

/*
 * Reading a bank statement (docs/fees.md, "Bank statements"): pure functions from an uploaded
 * sheet and the community's saved column mapping to statement lines, and from lines to payer
 * accounts. Nothing here touches the database.
 */

export interface BankMappingLike {
  dateColumn: string;
  amountColumn: string;
  counterpartyColumn: string | null;
  referenceColumns: string[];
  transactionIdColumn: string | null;
}

/** A row of the statement as read: a credit line, a row that is no transfer in, or a bad row. */
export type StatementRow =
  | { row: number; kind: 'credit'; valueDate: string; amountFen: number; counterparty: string; reference: string; lineKey: string }
  | { row: number; kind: 'skip'; reason: 'not_transaction' | 'not_credit'; valueDate: string | null; amountFen: number | null; counterparty: string; reference: string }
  | { row: number; kind: 'error'; column: string; problem: 'notADate' | 'notAnAmount' };

/** Headers compared loosely: case, spaces, full-width brackets and asterisks do not matter. */
export const normalizeHeader = (h: string) => h.normalize('NFKC').replace(/\s+/g, '').replace(/[*]/g, '').toLowerCase();

/** A date as banks print it: 2026-03-05, 2026/3/5, 2026.3.5, 20260305, 2026年3月5日, with or without a time. */
export function parseBankDate(text: string): string | null {
  const v = text.normalize('NFKC').trim();
  const time = '(?:[ T]\\d{1,2}:\\d{2}(?::\\d{2})?(?:\\.\\d+)?)?$';
  const m = new RegExp(`^(\\d{4})[-/.年](\\d{1,2})[-/.月](\\d{1,2})日?${time}`).exec(v) ?? new RegExp(`^(\\d{4})(\\d{2})(\\d{2})${time}`).exec(v);
  if (!m) return null;
  const iso = `${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}`;
  const d = new Date(`${iso}T00:00:00Z`);
  return Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== iso ? null : iso;
}

/** An amount in yuan as banks print it (1,234.50, ¥1234.5, +100.00, -20, CNY 5) to fen; null when unreadable. */
export function parseBankAmount(text: string): number | null {
  const v = text.normalize('NFKC').replace(/[,\s¥]|CNY|RMB|元/gi, '');
  if (!/^[+-]?\d+(\.\d{1,2})?$/.test(v)) return null;
  const negative = v.startsWith('-');
  const [whole, frac = ''] = v.replace(/^[+-]/, '').split('.');
  const fen = Number(whole) * 100 + Number(frac.padEnd(2, '0'));
  return Number.isSafeInteger(fen) ? (negative ? -fen : fen) : null;
}

/**
 * Finds the header row (the first row that holds every mapped column: banks print the account and
 * period above it) and reads every row below it. A row without a date in the date column is no
 * transaction (a title, a total, a footer); a row with a date and no incoming amount is an
 * outgoing or empty one. Lines without the bank's transaction number are keyed by a digest of
 * their content and their occurrence, so a statement read twice gives the same keys.
 */
export function readStatement(sheet: Sheet, mapping: BankMappingLike): { headers: string[]; rows: StatementRow[]; missing: string[] } {
  const grid = [{ row: 0, cells: sheet.headers }, ...sheet.rows];
  const wanted = [mapping.dateColumn, mapping.amountColumn, mapping.counterpartyColumn, mapping.transactionIdColumn, ...mapping.referenceColumns].filter((c): c is string => !!c);
  const find = (cells: string[], name: string) => cells.map(normalizeHeader).indexOf(normalizeHeader(name));
  const at = grid.findIndex((r) => wanted.every((w) => find(r.cells, w) >= 0));
  if (at < 0) {
    const best = grid.slice(0, 30).reduce((b, r) => (wanted.filter((w) => find(r.cells, w) >= 0).length > wanted.filter((w) => find(b.cells, w) >= 0).length ? r : b), grid[0]!);
    return { headers: best.cells, rows: [], missing: wanted.filter((w) => find(best.cells, w) < 0) };
  }
  const head = grid[at]!.cells;
  const col = (name: string | null) => (name ? find(head, name) : -1);
  const [dateI, amountI, payerI, idI] = [col(mapping.dateColumn), col(mapping.amountColumn), col(mapping.counterpartyColumn), col(mapping.transactionIdColumn)];
  const refI = mapping.referenceColumns.map(col);
  const seen = new Map<string, number>();
  const rows: StatementRow[] = [];
  for (const r of grid.slice(at + 1)) {
    const cell = (i: number) => (i >= 0 ? (r.cells[i] ?? '').trim() : '');
    const counterparty = cell(payerI).slice(0, 100);
    const reference = [...new Set(refI.map(cell).filter(Boolean))].join(' ').slice(0, 300);
    const valueDate = parseBankDate(cell(dateI));
    if (!valueDate) {
      rows.push({ row: r.row, kind: 'skip', reason: 'not_transaction', valueDate: null, amountFen: null, counterparty, reference });
      continue;
    }
    const amountText = cell(amountI);
    const amountFen = amountText === '' ? 0 : parseBankAmount(amountText);
    if (amountFen === null) {
      rows.push({ row: r.row, kind: 'error', column: head[amountI] ?? mapping.amountColumn, problem: 'notAnAmount' });
      continue;
    }
    if (amountFen <= 0) {
      rows.push({ row: r.row, kind: 'skip', reason: 'not_credit', valueDate, amountFen, counterparty, reference });
      continue;
    }
    const id = cell(idI);
    const content = id ? `id:${id}` : `${valueDate}|${amountFen}|${counterparty}|${reference}`;
    const n = (seen.get(content) ?? 0) + 1;
    seen.set(content, n);
    const lineKey = id ? `id:${id}#${n}` : `h:${createHash('sha256').update(`${content}#${n}`).digest('hex').slice(0, 40)}`;
    rows.push({ row: r.row, kind: 'credit', valueDate, amountFen, counterparty, reference, lineKey });
  }
  return { headers: head, rows, missing: [] };
}

/** Text of a remark as searched: full-width to half-width, lower case, one space for any run of spaces. */
const searchable = (s: string) => s.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim();

/**
 * The ways an owner writes a unit in a transfer's remark: `1栋101`, `1栋 101`, `1栋-101`, and for a numbered
 * building also `1#101`, `1号楼101`, `1幢101`, `1-101`.
 */
export function unitSpellings(label: string): string[] {
  const cut = label.lastIndexOf(' ');
  const building = searchable(cut > 0 ? label.slice(0, cut) : label);
  const number = searchable(cut > 0 ? label.slice(cut + 1) : '');
  if (!number) return [building];
  const out = new Set([`${building}${number}`, `${building} ${number}`, `${building}-${number}`]);
  const numbered = /^(\d+)(?:栋|幢|号楼|#|号)$/.exec(building);
  if (numbered) for (const b of ['栋', '幢', '号楼', '#', '-', '号']) out.add(`${numbered[1]}${b}${number}`).add(`${numbered[1]}${b}-${number}`).add(`${numbered[1]}${b} ${number}`);
  return [...out];
}

/** Whether `needle` occurs in `hay` as a whole: no letter or digit right before it, no digit right after. */
function occursWhole(hay: string, needle: string): boolean {
  for (let i = hay.indexOf(needle); i >= 0; i = hay.indexOf(needle, i + 1)) {
    const before = hay[i - 1];
    const after = hay[i + needle.length];
    if ((!before || !/[0-9a-z]/.test(before)) && (!after || !/[0-9]/.test(after))) return true;
  }
  return false;
}

export interface MatchAccount {
  id: string;
  label: string;
  /** What the account owes now (never negative). */
  dueFen: number;
}

/**
 * Matches a line to one account: the reference and remark must name exactly one unit, and the
 * amount may not exceed what that unit owes (less what earlier lines of the same statement
 * already pay). A larger amount is left for the desk (a prepayment, or the wrong unit named).
 */
export function matchLine(
  line: { amountFen: number; reference: string; counterparty: string },
  accounts: readonly (MatchAccount & { spellings: string[] })[],
  pending: Map<string, number>,
): { account: MatchAccount; dueFen: number } | { reason: BankUnmatchedReason; account: MatchAccount | null; dueFen: number | null } {
  const text = searchable(`${line.reference} ${line.counterparty}`);
  const named = accounts.filter((a) => a.spellings.some((s) => occursWhole(text, s)));
  if (named.length === 0) return { reason: 'no_unit', account: null, dueFen: null };
  if (named.length > 1) return { reason: 'several_units', account: null, dueFen: null };
  const account = named[0]!;
  const due = Math.max(0, account.dueFen - (pending.get(account.id) ?? 0));
  if (line.amountFen > due) return { reason: 'amount_above_due', account, dueFen: due };
  pending.set(account.id, (pending.get(account.id) ?? 0) + line.amountFen);
  return { account, dueFen: due };
}
