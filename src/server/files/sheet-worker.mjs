// Reads the first sheet of an uploaded xlsx or csv file inside a worker thread, so that a large or
// hostile file never blocks the server's event loop (see workbook.ts, which starts it with
// memory and time limits). Plain JavaScript on purpose: a worker thread does not inherit the
// TypeScript loader of the main thread (tsx in production, Vite under the tests).
//
// An xlsx file is a zip of XML parts. Before anything is parsed, the zip is checked as it is
// inflated: the number of parts, the declared and the actual inflated bytes, and the rows and
// cells of every worksheet, counted on the raw XML; a file over any limit is refused at the first
// byte that crosses it. The same pass keeps the few parts a sheet's values need (the workbook and
// its relations, the shared strings, the number formats, the worksheets); only a file within the
// limits is then read, by a scanner of just the elements that hold values (`<row>`, `<c>`, `<v>`,
// `<is>`, `<si>`): no object per cell, no styles beyond whether a number is a date. (exceljs,
// which built the whole workbook's object model, took 30 s for 10,000 rows on a loaded machine.)
import { parentPort, workerData } from 'node:worker_threads';
import yauzl from 'yauzl';

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
/** Parts read after the check (besides the worksheets): which sheet is first, shared strings, number formats. */
const KEPT = new Set(['xl/workbook.xml', 'xl/_rels/workbook.xml.rels', 'xl/sharedStrings.xml', 'xl/styles.xml']);

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
 * crossed. Resolves with the inflated parts a sheet is read from (`KEPT` and the worksheets), by
 * name; nothing else is kept.
 * @param {Buffer} data @param {Limits} limits @returns {Promise<Map<string, Buffer>>}
 */
function checkZip(data, limits) {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(data, { lazyEntries: true, validateEntrySizes: true }, (err, zip) => {
      if (err || !zip) return reject(new Refusal('unreadable'));
      let entries = 0;
      let inflated = 0;
      /** @type {Map<string, Buffer>} */
      const parts = new Map();
      const fail = (e) => {
        zip.close();
        reject(e instanceof Refusal ? e : new Refusal('unreadable'));
      };
      zip.on('error', fail);
      zip.on('end', () => resolve(parts));
      zip.on('entry', (entry) => {
        entries++;
        if (entries > limits.maxEntries) return fail(new Refusal('tooComplex'));
        if (inflated + entry.uncompressedSize > limits.maxInflatedBytes) return fail(new Refusal('tooLarge'));
        if (entry.fileName.endsWith('/')) return zip.readEntry();
        zip.openReadStream(entry, (e, stream) => {
          if (e || !stream) return fail(e);
          const sheet = WORKSHEET.test(entry.fileName);
          const keep = sheet || KEPT.has(entry.fileName);
          /** @type {Buffer[]} */
          const kept = [];
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
            if (keep) kept.push(chunk);
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
          stream.on('end', () => {
            if (keep) parts.set(entry.fileName, Buffer.concat(kept));
            zip.readEntry();
          });
        });
      });
      zip.readEntry();
    });
  });
}

const ENTITIES = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** XML text with its entities (`&amp;`, `&#20013;`, `&#x4E2D;`) replaced. */
function unescapeXml(text) {
  if (!text.includes('&')) return text;
  return text.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|amp|lt|gt|quot|apos);/g, (_, e) =>
    e[0] === '#' ? String.fromCodePoint(e[1] === 'x' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10)) : ENTITIES[e],
  );
}

/** @type {Map<string, RegExp>} */
const ATTRIBUTES = new Map();

/** One attribute of an element's attribute text (`r="B2" s="1" t="s"`), or undefined. */
function attr(attrs, name) {
  let pattern = ATTRIBUTES.get(name);
  if (!pattern) ATTRIBUTES.set(name, (pattern = new RegExp(`(?:^|\\s)${name}="([^"]*)"`)));
  const m = pattern.exec(attrs);
  return m ? m[1] : undefined;
}

/**
 * The text of a string item (`<si>` or `<is>`): its `<t>`, or its rich-text runs' `<t>` joined;
 * phonetic runs (`<rPh>`, the furigana Excel keeps beside a string) are not part of it.
 */
function itemText(xml) {
  const plain = xml.includes('<rPh') ? xml.replace(/<rPh\b[\s\S]*?<\/rPh>/g, '') : xml;
  let text = '';
  for (const m of plain.matchAll(/<t(?:\s[^>]*)?>([\s\S]*?)<\/t>/g)) text += m[1];
  return unescapeXml(text);
}

/** @param {Buffer | undefined} part @returns {string[]} */
function sharedStrings(part) {
  if (!part) return [];
  const xml = part.toString('utf8');
  const out = [];
  for (const m of xml.matchAll(/<si>([\s\S]*?)<\/si>|<si\/>/g)) out.push(m[1] === undefined ? '' : itemText(m[1]));
  return out;
}

/** Excel's built-in number formats that show a date or time (ids 14–22, 45–47, and the CJK ones 27–36, 50–58). */
const BUILTIN_DATES = new Set([14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47, 50, 51, 52, 53, 54, 55, 56, 57, 58]);

/** A custom number format shows a date when, outside quotes and brackets, it has y, m, d, h, s or b (as exceljs decides). */
function isDateFormat(code) {
  return /[ymdhMsb]/.test(code.replace(/\[[^\]]*]/g, '').replace(/"[^"]*"/g, ''));
}

/**
 * Which cell styles (`s`, an index into `<cellXfs>`) show numbers as dates.
 * @param {Buffer | undefined} part @returns {boolean[]}
 */
function dateStyles(part) {
  if (!part) return [];
  const xml = part.toString('utf8');
  const custom = new Map();
  for (const m of xml.matchAll(/<numFmt\s([^>]*?)\/?>/g)) {
    const id = attr(m[1], 'numFmtId');
    const code = attr(m[1], 'formatCode');
    if (id !== undefined && code !== undefined) custom.set(Number(id), isDateFormat(unescapeXml(code)));
  }
  const xfs = /<cellXfs\b[^>]*>([\s\S]*?)<\/cellXfs>/.exec(xml);
  if (!xfs) return [];
  const out = [];
  for (const m of xfs[1].matchAll(/<xf\b([^>]*?)\/?>/g)) {
    const id = Number(attr(m[1], 'numFmtId') ?? 0);
    out.push(custom.has(id) ? custom.get(id) : BUILTIN_DATES.has(id));
  }
  return out;
}

/**
 * The first worksheet in the workbook's order (its first `<sheet>`, through the workbook's
 * relations), and whether dates count from 1904.
 * @param {Map<string, Buffer>} parts
 */
function firstSheet(parts) {
  const workbook = parts.get('xl/workbook.xml')?.toString('utf8') ?? '';
  const date1904 = /<workbookPr\b[^>]*\sdate1904="(?:1|true)"/.test(workbook);
  const first = /<sheet\s([^>]*?)\/?>/.exec(workbook);
  const relId = first && (attr(first[1], 'r:id') ?? /\s[\w]+:id="([^"]*)"/.exec(` ${first[1]}`)?.[1]);
  const rels = parts.get('xl/_rels/workbook.xml.rels')?.toString('utf8') ?? '';
  for (const m of rels.matchAll(/<Relationship\s([^>]*?)\/?>/g)) {
    if (relId === undefined || attr(m[1], 'Id') !== relId) continue;
    const target = attr(m[1], 'Target') ?? '';
    const name = target.startsWith('/') ? target.slice(1) : `xl/${target.replace(/^\.\//, '')}`;
    if (parts.has(name)) return { sheet: parts.get(name), date1904 };
  }
  // No workbook or relations to go by: the lowest-numbered worksheet.
  const names = [...parts.keys()].filter((n) => WORKSHEET.test(n)).sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
  return { sheet: names.length ? parts.get(names[0]) : undefined, date1904 };
}

/** `B` → 2, `AA` → 27 (the letters of a cell reference). */
function columnNumber(ref) {
  let n = 0;
  for (let i = 0; i < ref.length; i++) {
    const c = ref.charCodeAt(i);
    if (c < 65 || c > 90) break;
    n = n * 26 + (c - 64);
  }
  return n;
}

/** A serial day number as Excel stores dates, as `YYYY-MM-DD`. */
function excelDate(serial, date1904) {
  return new Date(Math.round((serial - 25569 + (date1904 ? 1462 : 0)) * 86_400_000)).toISOString().slice(0, 10);
}

/**
 * The text of one cell, as the import reads it: a string trimmed, a number as JavaScript prints it,
 * a date-formatted number as its date, a formula by its cached result, an error cell as empty.
 * Returns null for a cell without a value (only a style).
 */
function cellValue(attrs, inner, strings, dates, date1904) {
  const type = attr(attrs, 't') ?? 'n';
  if (type === 'inlineStr') {
    const is = /<is>([\s\S]*?)<\/is>/.exec(inner);
    return is ? itemText(is[1]).trim() : null;
  }
  const v = /<v(?:\s[^>]*)?>([\s\S]*?)<\/v>/.exec(inner);
  if (!v) return null;
  const raw = unescapeXml(v[1]);
  switch (type) {
    case 's':
      return (strings[Number(raw)] ?? '').trim();
    case 'str':
      return raw.trim();
    case 'b':
      return raw === '1' || raw === 'true' ? 'true' : 'false';
    case 'e':
      return '';
    case 'd': {
      const d = new Date(raw);
      return Number.isNaN(d.getTime()) ? raw.trim() : d.toISOString().slice(0, 10);
    }
    default: {
      const n = parseFloat(raw);
      if (Number.isNaN(n)) return raw.trim();
      const style = attr(attrs, 's');
      return style !== undefined && dates[Number(style)] ? excelDate(n, date1904) : String(n);
    }
  }
}

/** @param {Buffer} data @param {Limits} limits */
async function readXlsx(data, limits) {
  const parts = await checkZip(data, limits);
  const { sheet, date1904 } = firstSheet(parts);
  if (!sheet) throw new Refusal('unreadable');
  const strings = sharedStrings(parts.get('xl/sharedStrings.xml'));
  const dates = dateStyles(parts.get('xl/styles.xml'));
  parts.clear();
  const xml = sheet.toString('utf8');
  /** @type {string[]} */
  let headers = [];
  /** @type {SheetRow[]} */
  const rows = [];
  let rowNumber = 0;
  for (const r of xml.matchAll(/<row\b([^>]*?)(?:\/>|>([\s\S]*?)<\/row>)/g)) {
    const at = attr(r[1], 'r');
    rowNumber = at !== undefined ? Number(at) : rowNumber + 1;
    if (r[2] === undefined) continue;
    /** @type {string[]} */
    const cells = [];
    let column = 0;
    let hasValue = false;
    for (const c of r[2].matchAll(/<c\b([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g)) {
      const ref = attr(c[1], 'r');
      column = ref !== undefined ? columnNumber(ref) : column + 1;
      if (c[2] === undefined) continue;
      const value = cellValue(c[1], c[2], strings, dates, date1904);
      if (value === null) continue;
      if (column > limits.maxColumns) throw new Refusal('tooManyColumns', { max: limits.maxColumns });
      while (cells.length < column - 1) cells.push('');
      cells[column - 1] = value;
      hasValue = true;
    }
    // Rows without a value are skipped; the first row with one holds the headers.
    if (!hasValue) continue;
    if (!headers.length) {
      headers = cells;
      continue;
    }
    if (cells.some((c) => c !== '')) rows.push({ row: rowNumber, cells });
  }
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
async function readCsv(data, limits) {
  const { parse: parseCsv } = await import('csv-parse/sync');
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
    const sheet = data.subarray(0, 4).equals(XLSX_MAGIC) ? await readXlsx(data, limits) : await readCsv(data, limits);
    parentPort.postMessage({ ok: true, sheet });
  } catch (err) {
    parentPort.postMessage(err instanceof Refusal ? { ok: false, reason: err.reason, params: err.params } : { ok: false, reason: 'unreadable', params: {} });
  }
}

await main();
