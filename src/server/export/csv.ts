// CSV as Excel opens it in Vietnamese: UTF-8 with a BOM, commas, RFC 4180 quoting, CRLF. A text cell that a
// spreadsheet would run as a formula (= + - @, or a leading tab or carriage return) gets a leading apostrophe.
import type { EditableLists } from '../../shared/reference';
import type { ExportCase } from './cases';
import { cellsOf, HEADERS, type Cell } from './columns';
import { inTurns } from './turns';

export const CSV_BOM = '\uFEFF';
const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]/;

export function csvCell(cell: Cell): string {
  if (cell === null) return '';
  if (typeof cell === 'number') return String(cell);
  const text = FORMULA_START.test(cell) ? `'${cell}` : cell;
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export const csvLine = (cells: readonly Cell[]): string => `${cells.map(csvCell).join(',')}\r\n`;

/** The BOM and the header row. */
export const csvHead = (): string => CSV_BOM + csvLine(HEADERS);

export const csvRows = (page: readonly ExportCase[], lists: EditableLists): string =>
  page.map((c) => csvLine(cellsOf(c, lists))).join('');

export async function* csvFile(pages: AsyncIterable<ExportCase[]>, lists: EditableLists): AsyncGenerator<Uint8Array> {
  const encoder = new TextEncoder();
  yield encoder.encode(csvHead());
  for await (const page of pages) {
    for await (const slice of inTurns(page)) yield encoder.encode(csvRows(slice, lists));
  }
}
