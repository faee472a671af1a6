// Opening generated documents with the programs people use: LibreOffice (headless, its own profile each run, so
// parallel runs never collide) converts DOCX to PDF; poppler reads the PDF (page sizes, text, word positions,
// fonts). One soffice run converts many files: it takes ~5 s to start, so tests convert everything at once.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';

/** Writes each named DOCX to a temp folder, converts them all to PDF in one soffice run; returns the PDFs' paths by name. */
export function convertToPdf(files: Record<string, Uint8Array>): { dir: string; pdfs: Record<string, string> } {
  const dir = mkdtempSync(join(tmpdir(), 'gs-office-'));
  const profile = mkdtempSync(join(tmpdir(), 'gs-lo-profile-'));
  const inputs = Object.entries(files).map(([name, bytes]) => {
    const path = join(dir, `${name}.docx`);
    writeFileSync(path, bytes);
    return path;
  });
  try {
    execFileSync('soffice', [`-env:UserInstallation=file://${profile}`, '--headless', '--convert-to', 'pdf', '--outdir', dir, ...inputs], {
      stdio: 'pipe', timeout: 180_000,
    });
  } finally {
    rmSync(profile, { recursive: true, force: true });
  }
  const pdfs = Object.fromEntries(inputs.map((p) => [basename(p, '.docx'), p.replace(/\.docx$/, '.pdf')]));
  return { dir, pdfs };
}

const run = (cmd: string, args: string[]): string => execFileSync(cmd, args, { encoding: 'utf8', maxBuffer: 64 << 20 });

export interface PageSize { width: number; height: number }

/** Every page's size in points (A4 portrait is about 595 × 842). */
export function pageSizes(pdf: string): PageSize[] {
  const pages = Number(/Pages:\s+(\d+)/.exec(run('pdfinfo', [pdf]))?.[1]);
  const info = run('pdfinfo', ['-f', '1', '-l', String(pages), pdf]);
  return [...info.matchAll(/Page\s+\d+ size:\s+([\d.]+) x ([\d.]+) pts/g)].map((m) => ({ width: Number(m[1]), height: Number(m[2]) }));
}

export const isA4Portrait = (s: PageSize): boolean => Math.abs(s.width - 595.3) < 2 && Math.abs(s.height - 841.9) < 2;
export const isA4Landscape = (s: PageSize): boolean => Math.abs(s.width - 841.9) < 2 && Math.abs(s.height - 595.3) < 2;

export const pdfText = (pdf: string, layout = true): string => run('pdftotext', [...(layout ? ['-layout'] : []), pdf, '-']);

export interface Word { page: number; text: string; xMin: number; yMin: number; xMax: number; yMax: number }

/** Every word with its box in points, page by page (pdftotext -bbox). */
export function words(pdf: string): Word[] {
  const html = run('pdftotext', ['-bbox', pdf, '-']);
  const out: Word[] = [];
  let page = 0;
  for (const m of html.matchAll(/<page [^>]*>|<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g)) {
    if (m[0].startsWith('<page')) { page++; continue; }
    out.push({ page, xMin: Number(m[1]), yMin: Number(m[2]), xMax: Number(m[3]), yMax: Number(m[4]), text: m[5]! });
  }
  return out;
}

/** The fonts the PDF embeds or names (pdffonts), e.g. "LiberationSerif-Bold". */
export function pdfFontNames(pdf: string): string[] {
  return run('pdffonts', [pdf]).split('\n').slice(2).map((l) => l.split(/\s+/)[0]!.replace(/^[A-Z]{6}\+/, '')).filter(Boolean);
}

export const removeDir = (dir: string): void => rmSync(dir, { recursive: true, force: true });
