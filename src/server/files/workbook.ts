import { Worker } from 'node:worker_threads';
import ExcelJS from 'exceljs';
import { IMPORT_MAX_ROWS } from '../../common/registry';
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

/** What an uploaded sheet may hold; past any of these it is refused before it is parsed. */
export interface SheetLimits {
  /** Data rows (the header row comes on top). */
  maxRows: number;
  maxColumns: number;
  /** Cells of all worksheets together. */
  maxCells: number;
  /** Bytes of all zip parts once inflated (an xlsx file is a zip of XML). */
  maxInflatedBytes: number;
  /** Parts of the zip. */
  maxEntries: number;
  /** Time and memory of the worker that reads the file. */
  timeoutMs: number;
  maxMemoryMb: number;
}

export const DEFAULT_SHEET_LIMITS: SheetLimits = {
  maxRows: IMPORT_MAX_ROWS,
  maxColumns: 100,
  maxCells: 1_000_000,
  maxInflatedBytes: 100 * 1024 * 1024,
  maxEntries: 200,
  timeoutMs: 30_000,
  maxMemoryMb: 512,
};

const WORKER = new URL('./sheet-worker.mjs', import.meta.url);

type WorkerAnswer = { ok: true; sheet: Sheet } | { ok: false; reason: 'unreadable' | 'tooLarge' | 'tooComplex' | 'tooManyRows' | 'tooManyColumns'; params: Record<string, number> };

/**
 * Reads the first sheet of an xlsx file or a csv file (UTF-8 with or without BOM, or GB18030 as
 * saved by Chinese Excel) in a worker thread with its own memory and time limits, so a large or
 * hostile file (a zip bomb, a million empty rows) neither blocks the event loop nor exhausts the
 * server's memory. Limits are checked while the file is inflated, before it is parsed.
 */
export async function readSheet(data: Buffer, limits: SheetLimits = DEFAULT_SHEET_LIMITS): Promise<Sheet> {
  const { timeoutMs, maxMemoryMb, ...counts } = limits;
  const answer = await new Promise<WorkerAnswer>((resolve) => {
    const worker = new Worker(WORKER, {
      workerData: { data, limits: counts },
      resourceLimits: { maxOldGenerationSizeMb: maxMemoryMb, maxYoungGenerationSizeMb: 32 },
      stdout: true,
      stderr: true,
    });
    let settled = false;
    const settle = (a: WorkerAnswer) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      void worker.terminate();
      resolve(a);
    };
    // Past its time or its memory the worker is ended and the file counts as too complex.
    const timer = setTimeout(() => settle({ ok: false, reason: 'tooComplex', params: {} }), timeoutMs);
    worker.once('message', (m: WorkerAnswer) => settle(m));
    worker.once('error', (err: Error & { code?: string }) =>
      settle({ ok: false, reason: err.code === 'ERR_WORKER_OUT_OF_MEMORY' ? 'tooComplex' : 'unreadable', params: {} }),
    );
    worker.once('exit', () => settle({ ok: false, reason: 'unreadable', params: {} }));
  });
  if (answer.ok) return answer.sheet;
  switch (answer.reason) {
    case 'tooManyRows':
      throw new AppError('BAD_REQUEST', 'import.tooManyRows', { max: answer.params.max ?? limits.maxRows });
    case 'tooManyColumns':
      throw new AppError('BAD_REQUEST', 'import.tooManyColumns', { max: answer.params.max ?? limits.maxColumns });
    case 'tooLarge':
    case 'tooComplex':
      throw new AppError('BAD_REQUEST', 'import.fileTooComplex');
    default:
      throw new AppError('BAD_REQUEST', 'error.fileUnreadable');
  }
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
