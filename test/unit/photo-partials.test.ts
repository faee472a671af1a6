// The server's unfinished photo uploads on disk (src/server/photos/partial.ts): kept per account, at most
// MAX_PARTIALS_PER_USER each, and expired after PARTIAL_TTL_MS, on a fake clock and a real temp folder.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdtempSync, readdirSync, rmSync, utimesSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MAX_PARTIALS_PER_USER, PARTIAL_TTL_MS, PartialUploads, type Appended } from '../../src/server/photos/partial';
import { FakeClock } from '../support/fake-clock';

const hash = (i: number) => i.toString(16).padStart(64, '0');
const once = (bytes: Uint8Array) => (async function* () { yield bytes; })();
/** The outcome of an append, as it came (what a route would answer with it is not the point here). */
const asIs = async (appended: Appended) => appended;

/** A cut upload of `n` bytes: the body's end comes before Upload-Length. */
async function cutUpload(partials: PartialUploads, user: string, sha: string, n = 100): Promise<void> {
  const r = await partials.append(user, sha, { offset: 0, total: n + 1, maxBytes: 10_000, chunks: once(new Uint8Array(n)) }, asIs);
  assert.equal(r, { complete: false, offset: n });
}

function withPartials(run: (partials: PartialUploads, clock: FakeClock, root: string) => Promise<void>) {
  return async () => {
    const root = mkdtempSync(join(tmpdir(), 'gs-partials-'));
    const clock = new FakeClock();
    try {
      await run(new PartialUploads(root, clock.now), clock, root);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  };
}

/** Sets a partial file's modification time (what expiry reads) to `at`. */
const touch = (partials: PartialUploads, user: string, sha: string, at: number) =>
  utimesSync(partials.pathOf(user, sha), at / 1000, at / 1000);

test('an upload untouched for PARTIAL_TTL_MS expires; a younger one stays; empty account folders go', withPartials(async (partials, clock, root) => {
  await cutUpload(partials, 'u1', hash(1));
  await cutUpload(partials, 'u2', hash(2));
  touch(partials, 'u1', hash(1), clock.now() - PARTIAL_TTL_MS - 1000);
  touch(partials, 'u2', hash(2), clock.now() - PARTIAL_TTL_MS + 60_000);
  assert.is(await partials.expire(), 1);
  assert.is(await partials.offset('u1', hash(1)), 0, 'the old one is gone');
  assert.is(await partials.offset('u2', hash(2)), 100, 'the younger one stays');
  assert.is(readdirSync(root).length, 1, "the first account's empty folder is removed");
}));

test('each account keeps at most MAX_PARTIALS_PER_USER unfinished uploads: a new one drops its oldest', withPartials(async (partials, clock) => {
  for (let i = 0; i < MAX_PARTIALS_PER_USER; i++) {
    await cutUpload(partials, 'u1', hash(i));
    touch(partials, 'u1', hash(i), clock.now() - (MAX_PARTIALS_PER_USER - i) * 1000); // hash(0) the oldest
  }
  await cutUpload(partials, 'u2', hash(0));
  await cutUpload(partials, 'u1', hash(999));
  assert.is(await partials.offset('u1', hash(0)), 0, 'the oldest went');
  assert.is(await partials.offset('u1', hash(1)), 100);
  assert.is(await partials.offset('u1', hash(999)), 100);
  assert.is(await partials.offset('u2', hash(0)), 100, "another account's upload of the same bytes is its own");
}));

test('a complete upload hands over the whole file with its SHA-256; one past Upload-Length is refused and dropped', withPartials(async (partials) => {
  const bytes = new Uint8Array(300).map((_, i) => i % 251);
  await partials.append('u1', hash(7), { offset: 0, total: 300, maxBytes: 10_000, chunks: once(bytes.subarray(0, 120)) }, asIs);
  const done = await partials.append('u1', hash(7), { offset: 120, total: 300, maxBytes: 10_000, chunks: once(bytes.subarray(120)) }, asIs);
  assert.ok(done.complete);
  if (done.complete) {
    const { createHash } = await import('node:crypto');
    assert.is(done.received.sha256, createHash('sha256').update(bytes).digest('hex'), 'hashed across both requests');
    assert.is(done.received.bytes, 300);
    assert.equal([...done.received.head], [...bytes]);
  }
  await cutUpload(partials, 'u1', hash(8));
  try {
    await partials.append('u1', hash(8), { offset: 100, total: 150, maxBytes: 10_000, chunks: once(new Uint8Array(60)) }, asIs);
    assert.unreachable('past Upload-Length');
  } catch (err) {
    assert.is((err as { status?: number }).status, 400);
  }
  assert.is(await partials.offset('u1', hash(8)), 0, 'dropped');
}));

test.run();
