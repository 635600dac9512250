import { and, eq, inArray } from 'drizzle-orm';
import type { RequestContext } from '../../../auth/context';
import type { Db } from '../../../db/client';
import { inTransaction } from '../../../db/transaction';
import { AppError, type FieldProblem } from '../../../errors';
import type { Sheet } from '../../../files/workbook';
import { recordAudit } from '../../audit';
import { normalizeHeader, parseBankDate } from '../bank-statement';
import { fromMilli } from '../meters';
import { meterPolicy } from '../ops-policy';
import { feeMeters } from '../ops-tables';
import { feeEntries } from '../tables';
import { enterReadingIn } from './readings';

/*
 * Excel import of meter readings (docs/fees.md, "Meter readings"): the same shape as the
 * registry's imports. The template lists the community's active meters in walking order with
 * their previous reading; a row left without a reading is skipped. Every row goes through the
 * walk's own command (held for review the same way) and every problem is collected, so one bad
 * row does not hide the others; a dry run, or a commit with any problem, rolls everything back.
 */

/** Columns of the readings template; the three this import reads and the ones it shows. */
export const READING_COLUMNS = {
  serialNo: '表号',
  building: '楼栋',
  unit: '房号',
  item: '收费项目',
  previous: '上次读数',
  previousOn: '上次抄表日期',
  reading: '本次读数',
  readOn: '抄表日期',
} as const;

export interface ReadingImportRow {
  row: number;
  serialNo: string;
  unitLabel: string;
  reading: number;
  readOn: string;
  usage: number;
  status: 'accepted' | 'held';
  heldFor: 'lower' | 'spike' | null;
  chargeFen: number | null;
}
export interface ReadingImportOutcome {
  rows: ReadingImportRow[];
  created: number;
  problems: { row: number; column: string; problem: FieldProblem }[];
}

/** Thrown to roll a dry run (or a commit with problems) back after every row was tried. */
class RollBack extends Error {}

const FIELD_COLUMN: Record<string, string> = { meterId: READING_COLUMNS.serialNo, reading: READING_COLUMNS.reading, readOn: READING_COLUMNS.readOn };

export async function importReadings(db: Db, ctx: RequestContext, community: { id: string; organizationId: string }, sheet: Sheet, fileName: string, commit: boolean): Promise<ReadingImportOutcome> {
  meterPolicy.assert(ctx.actor, 'enter', { organizationId: community.organizationId, communityId: community.id });
  const out: ReadingImportOutcome = { rows: [], created: 0, problems: [] };
  const headers = sheet.headers.map(normalizeHeader);
  const col = (name: string) => headers.indexOf(normalizeHeader(name));
  const [serialI, readingI, dateI] = [col(READING_COLUMNS.serialNo), col(READING_COLUMNS.reading), col(READING_COLUMNS.readOn)];
  for (const [i, name] of [[serialI, READING_COLUMNS.serialNo], [readingI, READING_COLUMNS.reading]] as const) {
    if (i < 0) out.problems.push({ row: 1, column: name, problem: { key: 'import.missingColumn', params: { column: name } } });
  }
  if (out.problems.length) return out;

  const cell = (cells: string[], i: number) => (i >= 0 ? (cells[i] ?? '').trim() : '');
  const wanted = sheet.rows.filter((r) => cell(r.cells, readingI) !== '');
  if (!wanted.length) {
    out.problems.push({ row: 1, column: READING_COLUMNS.reading, problem: { key: 'import.noRows' } });
    return out;
  }
  const serials = [...new Set(wanted.map((r) => cell(r.cells, serialI)).filter(Boolean))];
  const meters = serials.length
    ? await db.select().from(feeMeters).where(and(eq(feeMeters.communityId, community.id), eq(feeMeters.status, 'active'), inArray(feeMeters.serialNo, serials)))
    : [];
  const bySerial = new Map<string, typeof meters>();
  for (const m of meters) bySerial.set(m.serialNo, [...(bySerial.get(m.serialNo) ?? []), m]);
  const seen = new Set<string>();

  try {
    await inTransaction(db, async (tx) => {
      for (const r of wanted) {
        const serialNo = cell(r.cells, serialI);
        const readingText = cell(r.cells, readingI);
        const dateText = cell(r.cells, dateI);
        const fail = (column: string, problem: FieldProblem) => out.problems.push({ row: r.row, column, problem });
        const found = bySerial.get(serialNo) ?? [];
        if (!serialNo) fail(READING_COLUMNS.serialNo, { key: 'field.required' });
        else if (found.length !== 1) fail(READING_COLUMNS.serialNo, { key: 'meterImport.unknownSerial', params: { serial: serialNo } });
        else if (seen.has(serialNo)) fail(READING_COLUMNS.serialNo, { key: 'meterImport.repeated' });
        seen.add(serialNo);
        const value = Number(readingText);
        const readingOk = /^\d+(\.\d{1,3})?$/.test(readingText) && value <= 100_000_000;
        if (!readingOk) fail(READING_COLUMNS.reading, { key: 'meterImport.readingFormat' });
        const readOn = dateText ? parseBankDate(dateText) : undefined;
        if (readOn === null) fail(READING_COLUMNS.readOn, { key: 'field.notADate' });
        if (found.length !== 1 || !readingOk || readOn === null || out.problems.some((p) => p.row === r.row)) continue;
        const meter = found[0]!;
        try {
          // A refused row throws before it writes, or (no price, closed books) after writing only its
          // own meter's reading, which no later row touches (a meter appears once); any problem
          // rolls the whole file back, so the other rows are still judged.
          const { reading } = await enterReadingIn(tx, ctx, { meterId: meter.id, reading: value, readOn }, 'import');
          const [charge] = reading.chargeEntryId ? await tx.select({ amountFen: feeEntries.amountFen }).from(feeEntries).where(eq(feeEntries.id, reading.chargeEntryId)) : [];
          out.rows.push({
            row: r.row,
            serialNo,
            unitLabel: [cell(r.cells, col(READING_COLUMNS.building)), cell(r.cells, col(READING_COLUMNS.unit))].filter(Boolean).join(' '),
            reading: fromMilli(reading.valueMilli),
            readOn: reading.readOn,
            usage: fromMilli(reading.usageMilli),
            status: reading.status === 'held' ? 'held' : 'accepted',
            heldFor: reading.heldFor,
            chargeFen: charge?.amountFen ?? null,
          });
        } catch (err) {
          if (!(err instanceof AppError)) throw err;
          if (err.fields) for (const [field, problem] of Object.entries(err.fields)) fail(FIELD_COLUMN[field] ?? READING_COLUMNS.serialNo, problem);
          else fail(READING_COLUMNS.serialNo, { key: err.messageKey, params: err.params });
        }
      }
      if (!commit || out.problems.length) throw new RollBack();
      out.created = out.rows.length;
      await recordAudit(tx, ctx, { organizationId: community.organizationId, entityType: 'fee_meter_reading_import', entityId: community.id, action: 'import', after: { fileName, readings: out.created, held: out.rows.filter((x) => x.status === 'held').length } });
    });
  } catch (err) {
    if (!(err instanceof RollBack)) throw err;
  }
  return out;
}
