import ExcelJS from 'exceljs';
import { parse as parseCsv } from 'csv-parse/sync';
import { AppError } from '../errors';

/** One data row of an uploaded sheet: its row number as the user sees it, and text cells by header. */
export interface SheetRow {
  row: number;
  cells: string[];
}

export interface Sheet {
  headers: string[];
  rows: SheetRow[];
}

const XLSX_MAGIC = Buffer.from([0x50, 0x4b, 0x03, 0x04]);

/** Reads the first sheet of an xlsx file or a csv file (UTF-8 with or without BOM, or GB18030 as saved by Chinese Excel). */
export async function readSheet(data: Buffer): Promise<Sheet> {
  try {
    return data.subarray(0, 4).equals(XLSX_MAGIC) ? await readXlsx(data) : readCsv(data);
  } catch (err) {
    if (err instanceof AppError) throw err;
    throw new AppError('BAD_REQUEST', 'error.fileUnreadable');
  }
}

async function readXlsx(data: Buffer): Promise<Sheet> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(data as unknown as ArrayBuffer);
  const sheet = workbook.worksheets[0];
  if (!sheet) throw new AppError('BAD_REQUEST', 'error.fileUnreadable');
  let headers: string[] = [];
  const rows: SheetRow[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const values = row.values as unknown[]; // 1-based; index 0 is unused
    const cells = values.slice(1).map(cellText);
    if (!headers.length) {
      headers = cells;
      return;
    }
    if (cells.some((c) => c !== '')) rows.push({ row: rowNumber, cells });
  });
  return { headers, rows };
}

/** The text of an exceljs cell value, whatever its type. */
export function cellText(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'object') {
    const o = v as { richText?: { text: string }[]; text?: unknown; result?: unknown };
    if (o.richText) return o.richText.map((r) => r.text).join('').trim();
    if (o.result !== undefined) return cellText(o.result);
    if (o.text !== undefined) return cellText(o.text);
    return '';
  }
  return String(v).trim();
}

function decode(data: Buffer): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(data).replace(/^\uFEFF/, '');
  } catch {
    return new TextDecoder('gb18030').decode(data);
  }
}

function readCsv(data: Buffer): Sheet {
  const records = parseCsv(decode(data), { relax_column_count: true, skip_empty_lines: true, info: true }) as unknown as {
    record: string[];
    info: { lines: number };
  }[];
  const [head, ...body] = records;
  if (!head) return { headers: [], rows: [] };
  return {
    headers: head.record.map((h) => h.trim()),
    rows: body
      .map((r) => ({ row: r.info.lines, cells: r.record.map((c) => c.trim()) }))
      .filter((r) => r.cells.some((c) => c !== '')),
  };
}

export type CellValue = string | number | null;

/** Builds an xlsx file: a bold header row, sized columns, and optional extra sheets (e.g. instructions). */
export async function writeWorkbook(
  sheets: { name: string; headers: string[]; rows: CellValue[][]; widths?: number[] }[],
): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Wuye';
  for (const s of sheets) {
    const ws = workbook.addWorksheet(s.name, { views: [{ state: 'frozen', ySplit: 1 }] });
    ws.columns = s.headers.map((h, i) => ({ header: h, width: s.widths?.[i] ?? Math.max(10, h.length * 2 + 4) }));
    ws.getRow(1).font = { bold: true };
    // Text format keeps phone and ID numbers from turning into numbers in Excel.
    ws.columns.forEach((c) => (c.numFmt = '@'));
    for (const r of s.rows) ws.addRow(r);
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
