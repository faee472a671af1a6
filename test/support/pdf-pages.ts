// A PDF read back as people's tools read it: poppler's pdfinfo (page count and size) and pdftotext, page by page.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface PdfRead {
  /** pdfinfo's "Page size" line, e.g. "595.28 x 841.89 pts (A4)". */
  pageSize: string;
  /** The text of each page, in order. */
  pages: string[];
}

/** Reads a PDF file, or the bytes of one. */
export function readPdf(pdf: string | Uint8Array): PdfRead {
  const dir = typeof pdf === 'string' ? null : mkdtempSync(join(tmpdir(), 'gs-pdf-'));
  try {
    const file = dir ? join(dir, 'read.pdf') : (pdf as string);
    if (dir) writeFileSync(file, pdf as Uint8Array);
    const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
    const count = Number(/^Pages:\s+(\d+)/m.exec(info)?.[1]);
    if (!count) throw new Error(`pdfinfo found no pages:\n${info}`);
    const pages = Array.from({ length: count }, (_, i) =>
      execFileSync('pdftotext', ['-f', String(i + 1), '-l', String(i + 1), '-enc', 'UTF-8', file, '-'], { encoding: 'utf8' }));
    return { pageSize: /^Page size:\s+(.+)$/m.exec(info)?.[1] ?? '', pages };
  } finally {
    if (dir) rmSync(dir, { recursive: true, force: true });
  }
}
