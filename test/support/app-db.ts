// Reads the app's IndexedDB from inside a page, the way the app stored it (no Dexie, no version change).
import type { Page } from 'playwright-core';

// In-page code as strings: tsx would wrap named inner functions in a `__name` helper the page lacks.
const READ_ALL = `(store) => new Promise((resolve, reject) => {
  const open = indexedDB.open('guong-sang');
  open.onerror = () => reject(open.error);
  open.onsuccess = () => {
    const db = open.result;
    const req = db.transaction(store, 'readonly').objectStore(store).getAll();
    req.onsuccess = () => { db.close(); resolve(req.result); };
    req.onerror = () => reject(req.error);
  };
})`;

export interface StoredCase {
  id: string; status: string; updatedAt: number; serverStatus?: string; receipt?: { revision: number };
  fields: Record<string, unknown> & { photos: Array<{ sha256: string; thumbSha256: string; width: number; height: number; caption: string }> };
}

export function readCases(page: Page): Promise<StoredCase[]> {
  return page.evaluate(`(${READ_ALL})('cases')`);
}

export async function readOutbox(page: Page): Promise<Array<{ caseId: string }>> {
  return page.evaluate(`(${READ_ALL})('outbox')`);
}

/** One value of the settings store (the session, the reference lists…), or undefined. */
export async function readSetting<T>(page: Page, key: string): Promise<T | undefined> {
  const all = await page.evaluate<Array<{ key: string; value: T }>>(`(${READ_ALL})('settings')`);
  return all.find((s) => s.key === key)?.value;
}

/** A stored blob's bytes (base64 across the page boundary). */
export async function readBlob(page: Page, sha256: string): Promise<Buffer> {
  const b64 = await page.evaluate<string>(`(async () => {
    const all = await (${READ_ALL})('blobs');
    const hit = all.find((b) => b.sha256 === ${JSON.stringify(sha256)});
    if (!hit) return '';
    const bytes = new Uint8Array(hit.bytes);
    let s = '';
    for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode.apply(null, bytes.subarray(i, i + 0x8000));
    return btoa(s);
  })()`);
  return Buffer.from(b64, 'base64');
}

/** Mean RGB of a small square around a point given as fractions of a decoded JPEG (decoded in the page). */
export function sampleColour(page: Page, jpeg: Buffer, fx: number, fy: number): Promise<[number, number, number]> {
  return page.evaluate(`(async () => {
    const bytes = Uint8Array.from(atob(${JSON.stringify(jpeg.toString('base64'))}), (c) => c.charCodeAt(0));
    const bitmap = await createImageBitmap(new Blob([bytes], { type: 'image/jpeg' }));
    const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
    const ctx = canvas.getContext('2d');
    ctx.drawImage(bitmap, 0, 0);
    const x = Math.floor(${fx} * bitmap.width) - 5, y = Math.floor(${fy} * bitmap.height) - 5;
    const d = ctx.getImageData(Math.max(0, x), Math.max(0, y), 10, 10).data;
    const sum = [0, 0, 0];
    for (let i = 0; i < d.length; i += 4) { sum[0] += d[i]; sum[1] += d[i + 1]; sum[2] += d[i + 2]; }
    const n = d.length / 4;
    return sum.map((v) => Math.round(v / n));
  })()`);
}

/**
 * Every store of the app's database as one JSON text (blob bytes left out, their keys kept), to search for what
 * must not be on the phone any more.
 */
export function dumpDatabase(page: Page): Promise<string> {
  return page.evaluate(`(async () => {
    const read = ${READ_ALL};
    const db = await new Promise((ok, ko) => { const r = indexedDB.open('guong-sang'); r.onsuccess = () => ok(r.result); r.onerror = () => ko(r.error); });
    const names = Array.from(db.objectStoreNames);
    db.close();
    const out = {};
    for (const name of names) {
      const rows = await read(name);
      out[name] = name === 'blobs' ? rows.map((b) => b.sha256) : rows;
    }
    return JSON.stringify(out);
  })()`);
}
