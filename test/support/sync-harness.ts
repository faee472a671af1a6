// Shared by the sync browser tests, the link benchmark and the screenshots: the real server as a child process
// serving the built app, cases seeded straight into the app's IndexedDB (real JPEGs encoded by Chromium, hashed in
// the page), the phone's state read back, what the server was asked, and the end-to-end check that every case is
// on the server exactly once with byte-identical photos and a receipt on the phone.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import type { DraftFields } from '../../src/shared/case-schema';
import { uuidv7 } from '../../src/shared/ids';
import { SYNC_LOCK } from '../../src/sync/lock';
import type { SessionUser } from '../../src/shared/sync-protocol';
import { PASSWORD } from './api-client';
import { readBlob, readCases, type StoredCase } from './app-db';
import { newPhoneContext } from './browser';
import { completeDraft } from './case-fixtures';
import { startServerProcess, type ServerProcess } from './server-process';
import { openSignedIn } from './sign-in';
import { until } from './wait';
import { partialUploads } from './held-upload';

/** `env`: server settings, read at every (re)start. */
export async function startSyncServer(env: Record<string, string> = {}): Promise<{ server: ServerProcess; user: SessionUser }> {
  const server = await startServerProcess({ database: 'sqlite', env });
  const user = await server.createUser({ username: 'vang.a.su', password: PASSWORD, role: 'reporter', area: '03637', displayName: 'Vàng A Sử' });
  return { server, user };
}

export interface SeededCase { id: string; hashes: string[]; bytes: number }

// In-page code as a string (tsx would wrap named inner functions in a helper the page lacks). Encodes JPEGs of
// random blocks with a little noise (they compress like photos: ~250 KB at 1600×1200, ~12 KB for the 320 px
// thumbnail), hashes them, and writes cases, blobs and outbox entries as the app does, in one transaction taken
// under the engine's sync lock: a run still going (the one after sign-in, on a slow machine) ends before the cases
// exist, so none of them is sent before the test has set up its link and its faults.
const SEED_IN_PAGE = `async ({ cases, photos, width, height, seed, syncLock }) => {
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
  const prepared = [];
  for (const c of cases) {
    const refs = [], blobs = [];
    for (let p = 0; p < photos; p++) {
      const main = await jpeg(width, height);
      const thumb = await jpeg(Math.round(width / 5), Math.round(height / 5));
      blobs.push({ sha256: main.sha, bytes: main.bytes, type: 'image/jpeg' }, { sha256: thumb.sha, bytes: thumb.bytes, type: 'image/jpeg' });
      refs.push({ sha256: main.sha, caption: 'Ảnh ' + (p + 1), width, height, bytes: main.bytes.byteLength, thumbSha256: thumb.sha, thumbBytes: thumb.bytes.byteLength });
    }
    prepared.push({ record: { ...c.record, fields: { ...c.record.fields, photos: refs }, blobHashes: refs.flatMap((r) => [r.sha256, r.thumbSha256]) }, blobs });
  }
  const write = async () => {
    const db = await new Promise((ok, ko) => { const r = indexedDB.open('guong-sang'); r.onsuccess = () => ok(r.result); r.onerror = () => ko(r.error); });
    await new Promise((ok, ko) => {
      const tx = db.transaction(['cases', 'blobs', 'outbox'], 'readwrite');
      for (const { record, blobs } of prepared) {
        for (const b of blobs) tx.objectStore('blobs').put(b);
        tx.objectStore('cases').put(record);
        tx.objectStore('outbox').put({ caseId: record.id, queuedAt: record.finalisedAt, ownerId: record.ownerId });
      }
      tx.oncomplete = ok; tx.onerror = () => ko(tx.error);
    });
    db.close();
  };
  if (navigator.locks) await navigator.locks.request(syncLock, write); else await write();
  return prepared.map(({ record, blobs }) => ({ id: record.id, hashes: record.blobHashes, bytes: blobs.reduce((n, b) => n + b.bytes.byteLength, 0) }));
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
  return page.evaluate(`(${SEED_IN_PAGE})(${JSON.stringify({ cases, photos: o.photos ?? 2, width: o.width ?? 1600, height: o.height ?? 1200, seed: seedCounter * 7919, syncLock: SYNC_LOCK })})`);
}

/** The bytes of the JSON bodies PUT /api/cases will carry for the queued cases (payload, like their photos). */
export function queuedCaseBodyBytes(page: Page): Promise<number> {
  return page.evaluate<number>(`(async () => {
    const db = await new Promise((ok) => { const r = indexedDB.open('guong-sang'); r.onsuccess = () => ok(r.result); });
    const cases = await new Promise((ok) => { const q = db.transaction('cases').objectStore('cases').getAll(); q.onsuccess = () => ok(q.result); });
    db.close();
    return cases.filter((c) => c.status === 'queued')
      .reduce((n, c) => n + new TextEncoder().encode(JSON.stringify({ baseRevision: 0, fields: c.fields })).length, 0);
  })()`);
}

/**
 * The link benchmarks' phone: signed in against `url` (a relay in front of the server), `cases` × `photos`
 * queued in its outbox, and the payload they will send (photo bytes plus every case's JSON body).
 */
export async function phoneWithOutbox(browser: Browser, url: string, user: SessionUser, cases: number, photos: number) {
  const context = await newPhoneContext(browser, url);
  const page = await context.newPage();
  await openSignedIn(page);
  console.log(`seeding ${cases} cases × ${photos} photos (1600×1200 JPEG + thumbnail)…`);
  const seeded = await seedQueuedCases(page, user.id, cases, { photos });
  const photoBytes = seeded.reduce((n, c) => n + c.bytes, 0);
  const payload = photoBytes + (await queuedCaseBodyBytes(page));
  return { context, page, seeded, photoBytes, payload };
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

const sentOf = (state: { cases: PhoneCase[] } | undefined, ids: readonly string[]) =>
  state?.cases.filter((c) => ids.includes(c.id) && c.status === 'sent').length ?? 0;

export async function waitAllSent(page: Page, ids: readonly string[], timeoutMs?: number): Promise<void> {
  let state: Awaited<ReturnType<typeof phoneState>> | undefined;
  await until(async () => {
    state = await phoneState(page).catch(() => state); // a reload in progress: keep the last state seen
    return sentOf(state, ids) === ids.length;
  }, () => {
    const others = state?.cases.filter((c) => ids.includes(c.id) && c.status !== 'sent').map((c) => `${c.status} ${JSON.stringify(c.problem ?? '')}`);
    return `all ${ids.length} cases sent (${sentOf(state, ids)} were; outbox: ${state?.outbox.length}; ${others?.join('; ')})`;
  }, timeoutMs);
}

/** Presses "Gửi ngay" whenever the bar offers it, until every case is sent (a reporter waiting on a hill). */
export async function pressSendUntilSent(page: Page, ids: readonly string[]) {
  let statuses: string[] = [];
  await until(async () => {
    const state = await phoneState(page).catch(() => undefined);
    statuses = ids.map((id) => state?.cases.find((c) => c.id === id)?.status ?? '?');
    if (statuses.every((status) => status === 'sent')) return true;
    const button = page.getByRole('button', { name: 'Gửi ngay' });
    // The bar may change under the press: a press that misses is made again on the next look.
    if (await button.isVisible().catch(() => false)) await button.click({ timeout: 1000 }).catch(() => undefined);
    return false;
  }, () => `every case sent, pressing "Gửi ngay" (now ${statuses.join(', ')})`, 90_000);
}

/** Waits until the phone's copy of a case is as `holds` says. */
export async function waitForCase(page: Page, id: string, holds: (c: StoredCase) => boolean, timeoutMs?: number): Promise<void> {
  let seen: StoredCase | undefined;
  await until(async () => {
    seen = (await readCases(page).catch(() => [])).find((x) => x.id === id);
    return seen !== undefined && holds(seen);
  }, () => `case ${id} as expected on the phone (it is ${JSON.stringify(seen?.status)}, server status ${JSON.stringify(seen?.serverStatus)})`, timeoutMs);
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

export interface LoggedRequest { method: string; path: string; status: number; user: string | null }

export interface RequestCounts { casePuts: Map<string, number>; photoUploads: Map<string, number>; total: number; log: LoggedRequest[] }

/** The API requests the server answered from now on (its request log): pages and service worker alike. */
export function serverRequests(server: ServerProcess): () => RequestCounts {
  const from = server.logs().length;
  return () => {
    const r: RequestCounts = { casePuts: new Map(), photoUploads: new Map(), total: 0, log: [] };
    const bump = (m: Map<string, number>, k: string) => m.set(k, (m.get(k) ?? 0) + 1);
    for (const line of server.logs().slice(from)) {
      let entry: Partial<LoggedRequest> & { msg?: string };
      try { entry = JSON.parse(line) as typeof entry; } catch { continue; }
      if (entry.msg !== 'request' || !entry.path?.startsWith('/api/')) continue;
      r.log.push({ method: entry.method ?? '', path: entry.path, status: entry.status ?? 0, user: entry.user ?? null });
      r.total++;
      if (entry.method === 'PUT' && entry.path.startsWith('/api/cases/')) bump(r.casePuts, entry.path.slice(11));
      if ((entry.method === 'PUT' || entry.method === 'PATCH') && entry.path.startsWith('/api/photos/')) bump(r.photoUploads, entry.path.slice(12));
    }
    return r;
  };
}

/**
 * Waits until a photo's bytes are arriving at the server: it writes a body to the upload's partial file until the
 * whole photo is there (then the file moves into place), so a partial file means an upload is in flight now.
 */
export async function photoUploadArriving(server: ServerProcess): Promise<void> {
  await until(() => partialUploads(server.dataDir).some((f) => f.bytes > 0), 'a photo upload arriving at the server');
}
