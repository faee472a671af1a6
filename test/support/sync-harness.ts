// Shared by the sync browser tests and the link benchmark: the real server as a child process serving the built
// app, a signed-in phone in Chromium, cases seeded straight into the app's IndexedDB (real JPEGs encoded by
// Chromium, hashed in the page), the link shaped through the DevTools protocol, and the end-to-end check that
// every case is on the server exactly once with byte-identical photos and a receipt on the phone.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer, connect, type Socket } from 'node:net';
import { join } from 'node:path';
import type { CDPSession, Page } from 'playwright-core';
import { startServerProcess, type ServerProcess } from '../support/server-process';
import { readBlob, readCases, type StoredCase } from '../support/app-db';
import type { DraftFields } from '../../src/shared/case-schema';
import { completeDraft } from '../support/case-fixtures';
import { uuidv7 } from '../../src/shared/ids';
import type { SessionUser } from '../../src/shared/sync-protocol';

export const PASSWORD = 'mat-khau-thu-nghiem-2026';

export async function startSyncServer(): Promise<{ server: ServerProcess; user: SessionUser }> {
  const server = await startServerProcess({ database: 'sqlite' });
  const user = await server.createUser({ username: 'vang.a.su', password: PASSWORD, role: 'reporter', area: '03637', displayName: 'Vàng A Sử' });
  return { server, user };
}

/** A fetch signed in as `username` from the test process (a reviewer or an administrator beside the phone). */
export async function signedInFetch(base: string, username: string): Promise<(path: string, init?: RequestInit) => Promise<Response>> {
  const login = await fetch(`${base}/api/auth/login`, {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: PASSWORD }),
  });
  if (login.status !== 200) throw new Error(`${username} could not sign in: ${login.status} ${await login.text()}`);
  const cookie = login.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
  return (path: string, init: RequestInit = {}) =>
    fetch(`${base}${path}`, { ...init, headers: { cookie, 'content-type': 'application/json', ...(init.headers ?? {}) } });
}

/** Opens the app, waits for the service worker, and signs in through the sign-in screen. */
export async function openSignedIn(page: Page, username = 'vang.a.su'): Promise<void> {
  await page.goto('/');
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 15_000 });
  await signIn(page, username);
}

export async function signIn(page: Page, username = 'vang.a.su'): Promise<void> {
  await page.goto('/dang-nhap');
  await page.getByLabel('Tên đăng nhập').fill(username);
  await page.getByLabel('Mật khẩu').fill(PASSWORD);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await page.waitForURL((url) => url.pathname === '/' || url.pathname === '/tham-dinh');
  // Polled from here: waitForFunction does not await a promise returned by a string expression.
  for (const end = Date.now() + 15_000; ;) {
    const stored = await page.evaluate(`(async () => {
      const db = await new Promise((ok, ko) => { const r = indexedDB.open('guong-sang'); r.onsuccess = () => ok(r.result); r.onerror = () => ko(r.error); });
      const got = await new Promise((ok) => { const q = db.transaction('settings').objectStore('settings').get('session'); q.onsuccess = () => ok(q.result); });
      db.close();
      return !!got;
    })()`).catch(() => false);
    if (stored) break;
    if (Date.now() > end) throw new Error('the session was not stored on the phone after signing in');
    await new Promise((r) => setTimeout(r, 100));
  }
}

export interface SeededCase { id: string; hashes: string[]; bytes: number }

// In-page code as a string (tsx would wrap named inner functions in a helper the page lacks). Encodes JPEGs of
// random blocks with a little noise (they compress like photos: ~250 KB at 1600×1200, ~12 KB for the 320 px
// thumbnail), hashes them, and writes cases, blobs and outbox entries as the app does, one transaction per case.
const SEED_IN_PAGE = `async ({ cases, photos, width, height, seed }) => {
  let s = seed >>> 0;
  const rnd = () => ((s = (s * 1664525 + 1013904223) >>> 0) / 4294967296);
  const jpeg = async (w, h) => {
    const canvas = new OffscreenCanvas(w, h);
    const ctx = canvas.getContext('2d');
    const block = Math.max(8, Math.round(w / 40));
    for (let y = 0; y < h; y += block) for (let x = 0; x < w; x += block) {
      ctx.fillStyle = 'rgb(' + Math.floor(rnd() * 255) + ',' + Math.floor(rnd() * 255) + ',' + Math.floor(rnd() * 255) + ')';
      ctx.fillRect(x, y, block, block);
    }
    const img = ctx.getImageData(0, 0, w, h);
    for (let i = 0; i < img.data.length; i += 4) { const n = (rnd() - 0.5) * 18; img.data[i] += n; img.data[i + 1] += n; img.data[i + 2] += n; }
    ctx.putImageData(img, 0, 0);
    const bytes = await (await canvas.convertToBlob({ type: 'image/jpeg', quality: 0.8 })).arrayBuffer();
    const sha = Array.from(new Uint8Array(await crypto.subtle.digest('SHA-256', bytes)), (b) => b.toString(16).padStart(2, '0')).join('');
    return { sha, bytes };
  };
  const db = await new Promise((ok, ko) => { const r = indexedDB.open('guong-sang'); r.onsuccess = () => ok(r.result); r.onerror = () => ko(r.error); });
  const out = [];
  for (const c of cases) {
    const refs = [], blobs = [];
    for (let p = 0; p < photos; p++) {
      const main = await jpeg(width, height);
      const thumb = await jpeg(Math.round(width / 5), Math.round(height / 5));
      blobs.push({ sha256: main.sha, bytes: main.bytes, type: 'image/jpeg' }, { sha256: thumb.sha, bytes: thumb.bytes, type: 'image/jpeg' });
      refs.push({ sha256: main.sha, caption: 'Ảnh ' + (p + 1), width, height, bytes: main.bytes.byteLength, thumbSha256: thumb.sha, thumbBytes: thumb.bytes.byteLength });
    }
    const record = { ...c.record, fields: { ...c.record.fields, photos: refs }, blobHashes: refs.flatMap((r) => [r.sha256, r.thumbSha256]) };
    await new Promise((ok, ko) => {
      const tx = db.transaction(['cases', 'blobs', 'outbox'], 'readwrite');
      for (const b of blobs) tx.objectStore('blobs').put(b);
      tx.objectStore('cases').put(record);
      tx.objectStore('outbox').put({ caseId: record.id, queuedAt: record.finalisedAt, ownerId: record.ownerId });
      tx.oncomplete = ok; tx.onerror = () => ko(tx.error);
    });
    out.push({ id: record.id, hashes: record.blobHashes, bytes: blobs.reduce((n, b) => n + b.bytes.byteLength, 0) });
  }
  db.close();
  return out;
}`;

let seedCounter = 1;

/**
 * Puts `n` finished, queued cases of `ownerId` straight into the app's database (as if "Hoàn tất" had been
 * pressed on each). Dexie in the page does not see writes made outside it: reload, go online or press
 * "Gửi ngay" for the engine to notice them.
 */
export async function seedQueuedCases(page: Page, ownerId: string, n: number, o: { photos?: number; width?: number; height?: number; fields?: Partial<DraftFields> } = {}): Promise<SeededCase[]> {
  const now = Date.now();
  const cases = Array.from({ length: n }, (_, i) => ({
    record: {
      id: uuidv7(now + i), status: 'queued', createdAt: now + i, updatedAt: now + i, finalisedAt: now + i, ownerId,
      fields: completeDraft({ subjectName: `Người tốt số ${seedCounter + i}`, village: `Bản ${i + 1}`, ...o.fields }),
    },
  }));
  seedCounter += n;
  return page.evaluate(`(${SEED_IN_PAGE})(${JSON.stringify({ cases, photos: o.photos ?? 2, width: o.width ?? 1600, height: o.height ?? 1200, seed: seedCounter * 7919 })})`);
}

/** The app's cases and outbox, read with plain IndexedDB. */
export interface PhoneCase {
  id: string; status: string; blobHashes: string[]; problem?: { message: string; issues?: unknown[] };
  receipt?: { revision: number; photosConfirmed: number; photosTotal: number; replay: boolean };
}

export function phoneState(page: Page): Promise<{ cases: PhoneCase[]; outbox: string[]; blobs: string[] }> {
  return page.evaluate(`(async () => {
    const db = await new Promise((ok, ko) => { const r = indexedDB.open('guong-sang'); r.onsuccess = () => ok(r.result); r.onerror = () => ko(r.error); });
    const all = (store, keys) => new Promise((ok) => { const s = db.transaction(store).objectStore(store); const q = keys ? s.getAllKeys() : s.getAll(); q.onsuccess = () => ok(q.result); });
    const cases = await all('cases');
    const outbox = await all('outbox', true);
    const blobs = await all('blobs', true);
    db.close();
    return { cases: cases.map((c) => ({ id: c.id, status: c.status, receipt: c.receipt, blobHashes: c.blobHashes, problem: c.problem })), outbox, blobs };
  })()`);
}

export async function waitAllSent(page: Page, ids: readonly string[], timeoutMs = 60_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const state = await phoneState(page).catch(() => undefined); // a reload in progress
    const sent = state?.cases.filter((c) => ids.includes(c.id) && c.status === 'sent').length ?? 0;
    if (sent === ids.length) return;
    if (Date.now() > end) {
      const others = state?.cases.filter((c) => ids.includes(c.id) && c.status !== 'sent').map((c) => `${c.status} ${JSON.stringify(c.problem ?? '')}`);
      throw new Error(`only ${sent}/${ids.length} sent after ${timeoutMs} ms; outbox: ${state?.outbox.length}; ${others?.join('; ')}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** Polls the phone's copy of a case until `holds` is true of it. */
export async function waitForCase(page: Page, id: string, holds: (c: StoredCase) => boolean, timeoutMs = 30_000): Promise<void> {
  for (const end = Date.now() + timeoutMs; ;) {
    const c = (await readCases(page).catch(() => [])).find((x) => x.id === id);
    if (c && holds(c)) return;
    if (Date.now() > end) throw new Error(`case ${id}: not as expected after ${timeoutMs} ms: ${JSON.stringify(c?.status)}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

export const photoPath = (server: ServerProcess, sha: string) => join(server.dataDir, 'photos', sha.slice(0, 2), sha.slice(2, 4), `${sha}.jpg`);

/**
 * Every case once on the server (revision 1 unless said), each photo and thumbnail on its disk with the very
 * bytes the phone holds; on the phone, each case sent with a full receipt, the outbox empty, no photo deleted.
 */
export async function assertDelivered(page: Page, server: ServerProcess, seeded: readonly SeededCase[], revision = 1): Promise<void> {
  const rows = await server.db().selectFrom('cases').select(['id', 'revision']).execute();
  const byId = new Map<string, number[]>();
  for (const r of rows) byId.set(r.id, [...(byId.get(r.id) ?? []), r.revision]);
  const state = await phoneState(page);
  for (const c of seeded) {
    const rev = byId.get(c.id);
    if (!rev || rev.length !== 1 || rev[0] !== revision) throw new Error(`case ${c.id}: server rows ${JSON.stringify(rev)}`);
    const local = state.cases.find((x) => x.id === c.id);
    if (local?.status !== 'sent') throw new Error(`case ${c.id} is ${local?.status} on the phone`);
    if (!local.receipt || local.receipt.photosConfirmed !== local.receipt.photosTotal || local.receipt.revision !== revision) {
      throw new Error(`case ${c.id}: receipt ${JSON.stringify(local.receipt)}`);
    }
    for (const sha of c.hashes) {
      const onDisk = readFileSync(photoPath(server, sha));
      if (createHash('sha256').update(onDisk).digest('hex') !== sha) throw new Error(`photo ${sha} differs on the server`);
      if (!state.blobs.includes(sha)) throw new Error(`photo ${sha} was deleted on the phone`);
    }
  }
  if (state.outbox.length !== 0) throw new Error(`outbox still holds ${state.outbox.length}`);
  const revisions = await server.db().selectFrom('case_revisions').select(['case_id']).execute();
  const ids = new Set(seeded.map((c) => c.id));
  const extra = revisions.filter((r) => ids.has(r.case_id)).length - seeded.length * revision;
  if (extra !== 0) throw new Error(`${extra} extra revisions stored: a replay was taken for an edit`);
}

/** One photo's bytes on the phone equal the server's file (a direct comparison, not only the hash). */
export async function assertSameBytes(page: Page, server: ServerProcess, sha: string): Promise<void> {
  const phone = await readBlob(page, sha);
  if (!phone.equals(readFileSync(photoPath(server, sha)))) throw new Error(`photo ${sha}: bytes differ`);
}

/** The link as a phone in the mountains has it: throughput in bytes/s each way, latency per request. */
export async function shapeLink(cdp: CDPSession, o: { upBytesPerSec: number; downBytesPerSec?: number; latencyMs: number; offline?: boolean }): Promise<void> {
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', {
    offline: o.offline ?? false, latency: o.latencyMs,
    uploadThroughput: o.upBytesPerSec, downloadThroughput: o.downBytesPerSec ?? o.upBytesPerSec * 4,
  });
}

export interface RequestCounts { casePuts: Map<string, number>; photoPuts: Map<string, number>; total: number }

/** Counts the API requests the server receives from now on (its request log): pages and service worker alike. */
export function serverRequests(server: ServerProcess): () => RequestCounts {
  const from = server.logs().length;
  return () => {
    const r: RequestCounts = { casePuts: new Map(), photoPuts: new Map(), total: 0 };
    const bump = (m: Map<string, number>, k: string) => m.set(k, (m.get(k) ?? 0) + 1);
    for (const line of server.logs().slice(from)) {
      let entry: { msg?: string; method?: string; path?: string };
      try { entry = JSON.parse(line) as typeof entry; } catch { continue; }
      if (entry.msg !== 'request' || !entry.path?.startsWith('/api/')) continue;
      r.total++;
      if (entry.method === 'PUT' && entry.path.startsWith('/api/cases/')) bump(r.casePuts, entry.path.slice(11));
      if (entry.method === 'PUT' && entry.path.startsWith('/api/photos/')) bump(r.photoPuts, entry.path.slice(12));
    }
    return r;
  };
}

export interface CuttableLink { url: string; cut(): void; restore(): void; close(): Promise<void>; /** Bytes the phone has sent through it. */ bytesUp(): number }

/**
 * A TCP relay in front of the server, for a network that really drops: cut() resets every open connection
 * (an upload dies half-way, as when a phone loses its mast) and refuses new ones until restore(). DevTools'
 * offline mode alone lets requests already in flight finish.
 */
export async function cuttableLink(target: string): Promise<CuttableLink> {
  const { hostname, port } = new URL(target);
  const open = new Set<Socket>();
  let down = false;
  let up = 0;
  const relay = createServer((client) => {
    if (down) { client.resetAndDestroy(); return; }
    const upstream = connect(Number(port), hostname);
    for (const s of [client, upstream]) {
      open.add(s);
      s.on('error', () => undefined);
      s.on('close', () => { open.delete(s); client.destroy(); upstream.destroy(); });
    }
    client.on('data', (chunk: Buffer) => { up += chunk.length; });
    client.pipe(upstream).pipe(client);
  });
  await new Promise<void>((resolve) => relay.listen(0, '127.0.0.1', resolve));
  const address = relay.address();
  const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  return {
    url,
    cut() {
      down = true;
      for (const s of open) s.resetAndDestroy();
      open.clear();
    },
    restore() { down = false; },
    bytesUp: () => up,
    close: () => new Promise<void>((resolve) => {
      for (const s of open) s.destroy();
      relay.close(() => resolve());
    }),
  };
}
