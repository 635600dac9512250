// Reads the first sheet of an uploaded xlsx or csv file inside a worker thread, so that a large or
// hostile file never blocks the server's event loop (see read-sheet.ts, which starts it with
// memory and time limits). Plain JavaScript on purpose: a worker thread does not inherit the
// TypeScript loader of the main thread (tsx in production, Vite under the tests).
//
// An xlsx file is a zip of XML parts. Before anything is parsed, the zip is checked as it is
// inflated: the number of parts, the declared and the actual inflated bytes, and the rows and
// cells of every worksheet, counted on the raw XML; a file over any limit is refused at the first
// byte that crosses it. Only a file within the limits is then parsed into cells.
import { parentPort, workerData } from 'node:worker_threads';
import yauzl from 'yauzl';
import { parse as parseCsv } from 'csv-parse/sync';

/** @typedef {{ maxRows: number, maxColumns: number, maxCells: number, maxInflatedBytes: number, maxEntries: number }} Limits */
/** @typedef {{ row: number, cells: string[] }} SheetRow */

class Refusal extends Error {
  /** @param {string} reason @param {Record<string, number>} [params] */
  constructor(reason, params = {}) {
    super(reason);
    this.reason = reason;
    this.params = params;
  }
}

const XLSX_MAGIC = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
const ROW = Buffer.from('<row');
const CELL = Buffer.from('<c');
const WORKSHEET = /^xl\/worksheets\/[^/]+\.xml$/;

/** Occurrences of `tag` followed by a space, `>` or `/` (so `<row` does not count `<rowBreaks`). */
function countTags(chunk, tag) {
  let n = 0;
  for (let i = chunk.indexOf(tag); i !== -1; i = chunk.indexOf(tag, i + tag.length)) {
    const next = chunk[i + tag.length];
    if (next === 0x20 || next === 0x3e || next === 0x2f || next === undefined) n++;
  }
  return n;
}

/**
 * Inflates every part once, counting bytes, rows and cells; throws a Refusal at the first limit
 * crossed. Nothing is kept: this pass only decides whether the file may be parsed.
 * @param {Buffer} data @param {Limits} limits
 */
function checkZip(data, limits) {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(data, { lazyEntries: true, validateEntrySizes: true }, (err, zip) => {
      if (err || !zip) return reject(new Refusal('unreadable'));
      let entries = 0;
      let inflated = 0;
      const fail = (e) => {
        zip.close();
        reject(e instanceof Refusal ? e : new Refusal('unreadable'));
      };
      zip.on('error', fail);
      zip.on('end', () => resolve());
      zip.on('entry', (entry) => {
        entries++;
        if (entries > limits.maxEntries) return fail(new Refusal('tooComplex'));
        if (inflated + entry.uncompressedSize > limits.maxInflatedBytes) return fail(new Refusal('tooLarge'));
        if (entry.fileName.endsWith('/')) return zip.readEntry();
        zip.openReadStream(entry, (e, stream) => {
          if (e || !stream) return fail(e);
          const sheet = WORKSHEET.test(entry.fileName);
          let rows = 0;
          let cells = 0;
          // A tag split across two chunks is found in the joint of the last bytes and the next chunk.
          let tail = Buffer.alloc(0);
          stream.on('data', (chunk) => {
            inflated += chunk.length;
            if (inflated > limits.maxInflatedBytes) {
              stream.destroy();
              return fail(new Refusal('tooLarge'));
            }
            if (!sheet) return;
            const joint = Buffer.concat([tail, chunk]);
            rows += countTags(joint, ROW);
            cells += countTags(joint, CELL);
            // Tags that ended inside the tail were counted with the previous chunk: count the
            // joint but subtract what the tail alone held.
            rows -= countTags(tail, ROW);
            cells -= countTags(tail, CELL);
            tail = chunk.subarray(Math.max(0, chunk.length - 4));
            // One header row is allowed on top of the data rows.
            if (rows > limits.maxRows + 1) {
              stream.destroy();
              return fail(new Refusal('tooManyRows', { max: limits.maxRows }));
            }
            if (cells > limits.maxCells) {
              stream.destroy();
              return fail(new Refusal('tooComplex'));
            }
          });
          stream.on('error', fail);
          stream.on('end', () => zip.readEntry());
        });
      });
      zip.readEntry();
    });
  });
}

/** The text of an exceljs cell value, whatever its type. */
function cellText(v) {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'object') {
    if (v.richText) return v.richText.map((r) => r.text).join('').trim();
    if (v.result !== undefined) return cellText(v.result);
    if (v.text !== undefined) return cellText(v.text);
    return '';
  }
  return String(v).trim();
}

/** @param {Buffer} data @param {Limits} limits */
async function readXlsx(data, limits) {
  await checkZip(data, limits);
  // exceljs is large: loaded only for a file that passed the check, so a bomb is refused quickly.
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(data);
  const sheet = workbook.worksheets[0];
  if (!sheet) throw new Refusal('unreadable');
  /** @type {string[]} */
  let headers = [];
  /** @type {SheetRow[]} */
  const rows = [];
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const values = /** @type {unknown[]} */ (row.values); // 1-based; index 0 is unused
    if (values.length - 1 > limits.maxColumns) throw new Refusal('tooManyColumns', { max: limits.maxColumns });
    const cells = values.slice(1).map(cellText);
    if (!headers.length) {
      headers = cells;
      return;
    }
    if (cells.some((c) => c !== '')) rows.push({ row: rowNumber, cells });
  });
  return { headers, rows };
}

function decode(data) {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(data).replace(/^\uFEFF/, '');
  } catch {
    return new TextDecoder('gb18030').decode(data);
  }
}

/** @param {Buffer} data @param {Limits} limits */
function readCsv(data, limits) {
  // `to` stops the parser after the header and one row more than allowed.
  const records = parseCsv(decode(data), { relax_column_count: true, skip_empty_lines: true, info: true, to: limits.maxRows + 2 });
  if (records.length > limits.maxRows + 1) throw new Refusal('tooManyRows', { max: limits.maxRows });
  const [head, ...body] = records;
  if (!head) return { headers: [], rows: [] };
  if (records.some((r) => r.record.length > limits.maxColumns)) throw new Refusal('tooManyColumns', { max: limits.maxColumns });
  return {
    headers: head.record.map((h) => h.trim()),
    rows: body.map((r) => ({ row: r.info.lines, cells: r.record.map((c) => c.trim()) })).filter((r) => r.cells.some((c) => c !== '')),
  };
}

async function main() {
  const { data: bytes, limits } = workerData;
  const data = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  try {
    const sheet = data.subarray(0, 4).equals(XLSX_MAGIC) ? await readXlsx(data, limits) : readCsv(data, limits);
    parentPort.postMessage({ ok: true, sheet });
  } catch (err) {
    parentPort.postMessage(err instanceof Refusal ? { ok: false, reason: err.reason, params: err.params } : { ok: false, reason: 'unreadable', params: {} });
  }
}

await main();
