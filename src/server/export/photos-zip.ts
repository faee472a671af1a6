// The ZIP of photos: a folder per case ("<commune> - <name> - <id>/") holding its photos in the case's order
// (01.jpg, 02.jpg…, full size, stored: JPEGs do not deflate) and ho-so.txt (the case's row, one "header: value"
// line each, and the photos' captions), then danh-sach.csv with the same rows as the CSV export. One photo is in
// memory at a time; the list is written to a temp file while the folders stream, then added last in 64 KB
// pieces, so it names exactly the cases whose folders are in the archive.
import { mkdtemp, open, readFile, rm, type FileHandle } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { communeLabel, type EditableLists } from '../../shared/reference';
import type { PhotoStore } from '../photos/store';
import type { ExportCase } from './cases';
import { cellsOf, HEADERS } from './columns';
import { csvHead, csvRows } from './csv';
import { inTurns } from './turns';
import { zipStream, type ZipEntry } from './zip-writer';

const READ_BYTES = 64 * 1024;
const NAME_CHARS = 60;

/** The file's bytes, 64 KB at a time; whoever opened the file closes it. */
async function* fileChunks(file: FileHandle): AsyncGenerator<Uint8Array> {
  for (;;) {
    const buffer = new Uint8Array(READ_BYTES);
    const { bytesRead } = await file.read(buffer, 0, READ_BYTES, null);
    if (bytesRead === 0) return;
    yield buffer.subarray(0, bytesRead);
  }
}

/** An entry with a file's contents; the file is closed once the entry is written or the archive abandoned. */
async function* fileEntry(file: FileHandle, name: string, deflate: boolean): AsyncGenerator<ZipEntry> {
  try {
    yield { name, data: fileChunks(file), deflate };
  } finally {
    await file.close();
  }
}

/** A file or folder name every system accepts: no separators, reserved or control characters, no trailing dot. */
export function safeName(text: string, max = NAME_CHARS): string {
  const cleaned = text.normalize('NFC').replace(/[\\/:*?"<>|\u0000-\u001f\u007f]/g, ' ').replace(/\s+/g, ' ').trim();
  return [...cleaned].slice(0, max).join('').replace(/[. ]+$/, '');
}

/**
 * The whole id, not its first characters: a UUIDv7 begins with its creation time, so cases filed within the same
 * minute share their first 8 characters.
 */
export const caseFolder = (c: ExportCase): string =>
  `${communeLabel(c.communeCode)} - ${safeName(c.fields.subjectName) || 'Không tên'} - ${c.id}`;

export const photoName = (index: number): string => `${String(index + 1).padStart(2, '0')}.jpg`;

function caseText(c: ExportCase, lists: EditableLists, missing: ReadonlySet<number>): string {
  const lines = cellsOf(c, lists).map((cell, i) => `${HEADERS[i]}: ${cell ?? ''}`);
  lines.push('', 'Ảnh:');
  c.fields.photos.forEach((p, i) => {
    lines.push(`${photoName(i)}${p.caption ? ` — ${p.caption}` : ''}${missing.has(i) ? ' (máy chủ không còn tệp ảnh này)' : ''}`);
  });
  return `\uFEFF${lines.join('\n').replace(/\r?\n/g, '\r\n')}\r\n`;
}

async function* caseEntries(c: ExportCase, lists: EditableLists, photos: PhotoStore): AsyncGenerator<ZipEntry> {
  const folder = caseFolder(c);
  const missing = new Set<number>();
  for (const [i, photo] of c.fields.photos.entries()) {
    // Read whole before its entry starts (one photo, at most MAX_PHOTO_BYTES, in memory at a time): a lost file
    // becomes a note in ho-so.txt, not a broken archive.
    const bytes = await readFile(photos.pathOf(photo.sha256)).catch(() => undefined);
    if (bytes) yield { name: `${folder}/${photoName(i)}`, data: [bytes], deflate: false };
    else missing.add(i);
  }
  // About 1 KB: a deflate stream each would cost more than the bytes it saves.
  yield { name: `${folder}/ho-so.txt`, data: [new TextEncoder().encode(caseText(c, lists, missing))], deflate: false };
}

export async function* photosZipFile(pages: AsyncIterable<ExportCase[]>, lists: EditableLists, photos: PhotoStore): AsyncGenerator<Uint8Array> {
  const dir = await mkdtemp(join(tmpdir(), 'gs-export-'));
  const listPath = join(dir, 'danh-sach.csv');
  try {
    const list = await open(listPath, 'w', 0o600);
    let listOpen = true;
    try {
      await list.appendFile(csvHead());
      async function* entries(): AsyncGenerator<ZipEntry> {
        for await (const page of pages) {
          // Cases without photos read no file, so nothing else would let the event loop turn.
          for await (const slice of inTurns(page)) {
            await list.appendFile(csvRows(slice, lists));
            for (const c of slice) yield* caseEntries(c, lists, photos);
          }
        }
        await list.close();
        listOpen = false;
        yield* fileEntry(await open(listPath, 'r'), 'danh-sach.csv', true);
      }
      yield* zipStream(entries());
    } finally {
      if (listOpen) await list.close();
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
