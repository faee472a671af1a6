// Shared by the sync unit tests: a fresh database per test, queued cases with real photo bytes (so the fake
// server can re-hash them), and a deterministic clock.
import 'fake-indexeddb/auto';
import { createHash } from 'node:crypto';
import { GuongSangDb } from '../../src/db/database';
import { addPhoto, createDraft } from '../../src/db/cases';
import { finaliseCase } from '../../src/db/outbox';
import type { CaseFields, DraftFields } from '../../src/shared/case-schema';
import { completeDraft } from '../support/case-fixtures';
import { FakeClock } from '../support/fake-clock';
import { runOnce, type RunOptions } from '../../src/sync/run';
import { FakeServer } from './sync-fake-server';

let n = 0;
export const freshDb = () => new GuongSangDb(`sync-${process.pid}-${++n}`);

let seed = 0;
function bytes(size: number): ArrayBuffer {
  const buf = Buffer.alloc(size);
  const s = ++seed;
  for (let i = 0; i < size; i++) buf[i] = (i * 31 + s * 17 + (i >> 8)) & 0xff;
  buf.writeUInt32BE(s, 0);
  return buf.buffer.slice(buf.byteOffset, buf.byteOffset + size) as ArrayBuffer;
}
export const sha = (b: ArrayBuffer | Buffer) => createHash('sha256').update(Buffer.from(b as ArrayBuffer)).digest('hex');

export function photo(size = 3000) {
  const main = bytes(size);
  const thumb = bytes(Math.ceil(size / 10));
  return { sha256: sha(main), bytes: main, width: 1600, height: 1200, thumbSha256: sha(thumb), thumb };
}

/** A finished, queued case of `owner` (null: recorded before anyone signed in) with `photos` photos (each with its thumbnail). */
export async function queuedCase(db: GuongSangDb, owner: string | null = 'u1', over: Partial<DraftFields> = {}, photos = 2, at = Date.now()) {
  const draft = await createDraft(db, completeDraft(over), { ...(owner ? { ownerId: owner } : {}), now: at });
  const added = [];
  for (let i = 0; i < photos; i++) {
    const p = photo();
    added.push(p);
    await addPhoto(db, draft.id, p, `Ảnh ${i + 1}`, at);
  }
  const current = (await db.cases.get(draft.id))!;
  await finaliseCase(db, draft.id, current.fields as CaseFields, at);
  return { id: draft.id, photos: added };
}

/** A database, the fake server and a clock for one test, and a run of the engine against them. */
export function setup() {
  const db = freshDb();
  const server = new FakeServer();
  const clock = new FakeClock();
  const run = (over: Partial<RunOptions> = {}) =>
    runOnce({ db, userId: 'u1', fetch: server.fetch, baseUrl: 'http://fake', now: clock.now, random: () => 0.5, ...over });
  return { db, server, clock, run };
}

export const statusOf = async (db: GuongSangDb, id: string) => (await db.cases.get(id))?.status;
