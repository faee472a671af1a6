// A minimal SpreadsheetML workbook (one sheet) written as it streams: the fixed parts, then sheet1.xml one page
// of rows at a time, deflated. Text cells are inline strings (no shared-string table to hold in memory, and a
// cell's text is never read as a formula); numbers are numbers; the header row is bold and frozen.
import type { EditableLists } from '../../shared/reference';
import { escapeXml } from '../../shared/xml';
import type { ExportCase } from './cases';
import { cellsOf, COLUMNS, HEADERS, type Cell } from './columns';
import { inTurns, nextTurn } from './turns';
import { zipStream, type ZipEntry } from './zip-writer';

const XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
const MAIN_NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL_NS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const PKG_REL_NS = 'http://schemas.openxmlformats.org/package/2006/relationships';
const SHEET_NAME = 'Hồ sơ';
const STYLE_HEADER = 1;

/** 0 → A, 25 → Z, 26 → AA. */
export function columnName(index: number): string {
  let name = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
  return name;
}

function cellXml(cell: Cell, ref: string, style: number): string {
  const s = style ? ` s="${style}"` : '';
  if (cell === null || cell === '') return '';
  if (typeof cell === 'number') return `<c r="${ref}"${s}><v>${cell}</v></c>`;
  return `<c r="${ref}"${s} t="inlineStr"><is><t xml:space="preserve">${escapeXml(cell)}</t></is></c>`;
}

const rowXml = (cells: readonly Cell[], row: number, style = 0): string =>
  `<row r="${row}">${cells.map((cell, i) => cellXml(cell, `${columnName(i)}${row}`, style)).join('')}</row>`;

const PARTS: Record<string, string> = {
  '[Content_Types].xml': `<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">`
    + '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    + '<Default Extension="xml" ContentType="application/xml"/>'
    + '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    + '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
    + '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>'
    + '</Types>',
  '_rels/.rels': `<Relationships xmlns="${PKG_REL_NS}">`
    + `<Relationship Id="rId1" Type="${REL_NS}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
  'xl/workbook.xml': `<workbook xmlns="${MAIN_NS}" xmlns:r="${REL_NS}">`
    + `<sheets><sheet name="${SHEET_NAME}" sheetId="1" r:id="rId1"/></sheets></workbook>`,
  'xl/_rels/workbook.xml.rels': `<Relationships xmlns="${PKG_REL_NS}">`
    + `<Relationship Id="rId1" Type="${REL_NS}/worksheet" Target="worksheets/sheet1.xml"/>`
    + `<Relationship Id="rId2" Type="${REL_NS}/styles" Target="styles.xml"/></Relationships>`,
  'xl/styles.xml': `<styleSheet xmlns="${MAIN_NS}">`
    + '<fonts count="2"><font><sz val="11"/><name val="Calibri"/></font><font><b/><sz val="11"/><name val="Calibri"/></font></fonts>'
    + '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>'
    + '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
    + '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
    + '<cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
    + '<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/></cellXfs>'
    + '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>',
};

const SHEET_START = `<worksheet xmlns="${MAIN_NS}" xmlns:r="${REL_NS}">`
  + '<sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>'
  + '<selection pane="bottomLeft" activeCell="A2" sqref="A2"/></sheetView></sheetViews>'
  + `<cols>${COLUMNS.map((c, i) => `<col min="${i + 1}" max="${i + 1}" width="${c.width}" customWidth="1"/>`).join('')}</cols>`
  + '<sheetData>';

async function* sheetXml(pages: AsyncIterable<ExportCase[]>, lists: EditableLists): AsyncGenerator<Uint8Array> {
  const encoder = new TextEncoder();
  yield encoder.encode(XML_HEAD + SHEET_START + rowXml(HEADERS, 1, STYLE_HEADER));
  let row = 1;
  for await (const page of pages) {
    // One chunk a page, as the deflater has always been given: its output depends on where the chunks break.
    // Deflating it (~40 ms) is then a task of its own, not added to the last slice's rows.
    let rows = '';
    for await (const slice of inTurns(page)) rows += slice.map((c) => rowXml(cellsOf(c, lists), ++row)).join('');
    await nextTurn();
    yield encoder.encode(rows);
  }
  yield encoder.encode('</sheetData></worksheet>');
}

export function xlsxFile(pages: AsyncIterable<ExportCase[]>, lists: EditableLists): AsyncGenerator<Uint8Array> {
  const encoder = new TextEncoder();
  const fixed = Object.entries(PARTS).map(([name, xml]): ZipEntry => ({ name, data: [encoder.encode(XML_HEAD + xml)], deflate: true }));
  return zipStream([...fixed, { name: 'xl/worksheets/sheet1.xml', data: sheetXml(pages, lists), deflate: true }]);
}
