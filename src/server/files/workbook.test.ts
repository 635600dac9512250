import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { readSheet, type Sheet } from './workbook';

/** How the import read a sheet before the streaming reader: exceljs's whole workbook, each value as text. */
async function readWithExcelJs(data: Buffer): Promise<Sheet> {
  const text = (v: unknown): string => {
    if (v === null || v === undefined) return '';
    if (v instanceof Date) return v.toISOString().slice(0, 10);
    if (typeof v === 'object') {
      const o = v as { richText?: { text: string }[]; result?: unknown; text?: unknown };
      if (o.richText) return o.richText.map((r) => r.text).join('').trim();
      if (o.result !== undefined) return text(o.result);
      if (o.text !== undefined) return text(o.text);
      return '';
    }
    return String(v as string | number | boolean).trim();
  };
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(data as unknown as ArrayBuffer);
  let headers: string[] = [];
  const rows: Sheet['rows'] = [];
  workbook.worksheets[0]!.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const values = row.values as unknown[];
    // exceljs leaves holes for missing cells; the reader fills them with ''.
    const cells = Array.from({ length: values.length - 1 }, (_, i) => text(values[i + 1]));
    if (!headers.length) headers = cells;
    else if (cells.some((c) => c !== '')) rows.push({ row: rowNumber, cells });
  });
  return { headers, rows };
}

/** A hand-written xlsx: the parts a spreadsheet program writes, with the given first and second sheets. */
async function handmade(parts: { sheets: string[]; strings?: string; styles?: string; workbookPr?: string }): Promise<Buffer> {
  const zip = new JSZip();
  zip.file('[Content_Types].xml', '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>');
  // The workbook lists the second worksheet part first: the first sheet is the workbook's, not the part's name.
  const sheets = parts.sheets.map((_, i) => `<sheet name="S${i + 1}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).reverse().join('');
  zip.file(
    'xl/workbook.xml',
    `<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">${parts.workbookPr ?? ''}<sheets>${sheets}</sheets></workbook>`,
  );
  zip.file(
    'xl/_rels/workbook.xml.rels',
    `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${parts.sheets
      .map((_, i) => `<Relationship Id="rId${i + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`)
      .join('')}</Relationships>`,
  );
  parts.sheets.forEach((data, i) =>
    zip.file(`xl/worksheets/sheet${i + 1}.xml`, `<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${data}</sheetData></worksheet>`),
  );
  if (parts.strings) zip.file('xl/sharedStrings.xml', `<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">${parts.strings}</sst>`);
  if (parts.styles) zip.file('xl/styles.xml', `<?xml version="1.0"?><styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">${parts.styles}</styleSheet>`);
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}

describe('readSheet (xlsx)', () => {
  it('reads what exceljs read: strings, numbers, dates, booleans, formulas, rich text, gaps and empty rows', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('房屋');
    sheet.addRow(['楼栋', '楼层', 'a & b <c>', '日期', '是否', '备注', '公式']);
    sheet.addRow([]);
    sheet.addRow(['1栋', 3, '  前后有空格  ', new Date(Date.UTC(2026, 0, 5)), true, { richText: [{ text: '加', font: { bold: true } }, { text: '粗' }] }, { formula: '1+1', result: 2 }]);
    sheet.getCell('J3').value = '远处的格';
    sheet.addRow([null, null, '只有第三格']);
    sheet.addRow([13800138000, 0.1 + 0.2, -4.5e-7, 'x"y\'z']);
    const custom = sheet.addRow(['自定义日期']);
    custom.getCell(2).value = 46000;
    custom.getCell(2).numFmt = 'yyyy/m/d';
    custom.getCell(3).value = 46000.5;
    custom.getCell(3).numFmt = '0.00';
    workbook.addWorksheet('第二张').addRow(['不读']);
    const data = Buffer.from(await workbook.xlsx.writeBuffer());

    const read = await readSheet(data);
    expect(read).toEqual(await readWithExcelJs(data));
    expect(read.headers).toEqual(['楼栋', '楼层', 'a & b <c>', '日期', '是否', '备注', '公式']);
    expect(read.rows).toEqual([
      { row: 3, cells: ['1栋', '3', '前后有空格', '2026-01-05', 'true', '加粗', '2', '', '', '远处的格'] },
      { row: 4, cells: ['', '', '只有第三格'] },
      { row: 5, cells: ['13800138000', String(0.1 + 0.2), '-4.5e-7', 'x"y\'z'] },
      { row: 6, cells: ['自定义日期', '2025-12-09', '46000.5'] },
    ]);
  });

  it('takes the workbook’s first sheet, inline strings, shared strings without phonetic runs, entities and 1904 dates', async () => {
    const data = await handmade({
      workbookPr: '<workbookPr date1904="1"/>',
      strings: '<si><t>名称</t></si><si><r><t>张</t></r><r><rPr><b/></rPr><t xml:space="preserve">三 </t></r><rPh sb="0" eb="1"><t>ちょう</t></rPh></si><si/>',
      styles: '<numFmts count="1"><numFmt numFmtId="164" formatCode="&quot;年&quot;yyyy"/></numFmts><cellXfs count="3"><xf numFmtId="0"/><xf numFmtId="14"/><xf numFmtId="164"/></cellXfs>',
      sheets: [
        '<row r="1"><c r="A1" t="inlineStr"><is><t>第一部分</t></is></c></row><row r="2"><c r="A2"><v>1</v></c></row>',
        '<row r="2"><c r="A2" t="s"><v>0</v></c><c r="C2" t="inlineStr"><is><t>&#x4E2D;&amp;&#25991;</t></is></c></row>' +
          '<row r="3" spans="1:3"><c r="A3" t="s"><v>1</v></c><c r="B3" s="1"><v>0</v></c><c r="C3" s="2"><v>1</v></c></row>' +
          '<row r="4"><c r="A4" s="1"/><c r="B4" t="s"><v>2</v></c></row>' +
          '<row r="5"><c r="A5" t="e"><v>#N/A</v></c><c r="B5" t="b"><v>0</v></c><c r="C5" t="str"><f>A1</f><v> 算出 </v></c></row>' +
          '<row r="6"/>' +
          '<row r="7"><c r="B7" t="d"><v>2026-03-04T00:00:00Z</v></c></row>',
      ],
    });
    const read = await readSheet(data);
    expect(read.headers).toEqual(['名称', '', '中&文']);
    expect(read.rows).toEqual([
      // The 1904 system counts from 1904-01-01: day 0 of it is that day.
      { row: 3, cells: ['张三', '1904-01-01', '1904-01-02'] },
      { row: 5, cells: ['', 'false', '算出'] },
      { row: 7, cells: ['', '2026-03-04'] },
    ]);
  });

  it('refuses a sheet wider than allowed, counting only cells that hold a value', async () => {
    const wide = await handmade({ sheets: [`<row r="1"><c r="A1" t="inlineStr"><is><t>a</t></is></c><c r="E1" s="0"/></row><row r="2"><c r="D2"><v>1</v></c></row>`] });
    expect(await readSheet(wide, { ...limits, maxColumns: 4 })).toEqual({ headers: ['a'], rows: [{ row: 2, cells: ['', '', '', '1'] }] });
    await expect(readSheet(wide, { ...limits, maxColumns: 3 })).rejects.toMatchObject({ messageKey: 'import.tooManyColumns' });
  });
});

const limits = { maxRows: 100, maxColumns: 100, maxCells: 10_000, maxInflatedBytes: 10 * 1024 * 1024, maxEntries: 50, timeoutMs: 30_000, maxMemoryMb: 256 };
