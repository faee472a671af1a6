// The sync lease that stands in for Web Locks (src/sync/lease.ts): two tabs on one database, played by two owners
// of a real IndexedDB (fake-indexeddb), take turns; a killed tab's lease lapses; an abort ends the wait.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { freshDb } from './sync-helpers';
import { LEASE_KEY, LEASE_MS, withSyncLease } from '../../src/sync/lease';

function deferred<T = void>() {
  let resolve!: (v: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

test('a second tab never runs while the first holds the lease, and runs once it is given back', async () => {
  const db = freshDb();
  const log: string[] = [];
  const finishA = deferred();
  const aStarted = deferred();
  const a = withSyncLease(db, async () => {
    log.push('a start');
    aStarted.resolve();
    await finishA.promise;
    log.push('a end');
    return 'a';
  }, { owner: 'tab-a' });
  await aStarted.promise;

  assert.is(await withSyncLease(db, async () => 'never', { owner: 'tab-b', ifAvailable: true }), undefined, 'ifAvailable gives up');
  const bTried = deferred();
  let tries = 0;
  const b = withSyncLease(db, async () => {
    log.push('b start');
    return 'b';
  }, {
    owner: 'tab-b',
    // Each wait ends when the test says: first once B has been turned away, then when A is done.
    retry: async () => {
      tries++;
      bTried.resolve();
      await finishA.promise;
    },
  });
  await bTried.promise;
  assert.equal(log, ['a start'], 'B waits while A runs');
  finishA.resolve();
  assert.equal(await Promise.all([a, b]), ['a', 'b']);
  assert.equal(log, ['a start', 'a end', 'b start']);
  assert.ok(tries >= 1);
  assert.is(await db.settings.get(LEASE_KEY), undefined, 'released');
});

test('a lease left by a killed tab lapses after LEASE_MS; before that it keeps others out', async () => {
  const db = freshDb();
  const t0 = 1_000_000;
  await db.settings.put({ key: LEASE_KEY, value: { owner: 'killed-tab', until: t0 + LEASE_MS } });
  assert.is(await withSyncLease(db, async () => 'ran', { owner: 'tab-b', ifAvailable: true, now: () => t0 + LEASE_MS - 1 }), undefined);
  assert.is(await withSyncLease(db, async () => 'ran', { owner: 'tab-b', ifAvailable: true, now: () => t0 + LEASE_MS + 1 }), 'ran');
});

test('a page reloaded mid-run: the next page in the same tab takes its lease at once', async () => {
  const db = freshDb();
  const t0 = 1_000_000;
  await db.settings.put({ key: LEASE_KEY, value: { owner: 'page-before-reload', until: t0 + LEASE_MS } });
  const now = () => t0 + 1;
  assert.is(await withSyncLease(db, async () => 'ran', { owner: 'other-tab', ifAvailable: true, now }), undefined);
  assert.is(await withSyncLease(db, async () => 'ran', { owner: 'reloaded', previous: 'page-before-reload', ifAvailable: true, now }), 'ran');
});

test('a failing run gives the lease back; an aborted wait rejects and leaves the holder alone', async () => {
  const db = freshDb();
  await withSyncLease(db, async () => { throw new Error('storage failed'); }, { owner: 'tab-a' }).then(
    () => assert.unreachable('should reject'),
    (e: Error) => assert.is(e.message, 'storage failed'),
  );
  assert.is(await db.settings.get(LEASE_KEY), undefined);

  const hold = deferred();
  const started = deferred();
  const a = withSyncLease(db, async () => { started.resolve(); await hold.promise; }, { owner: 'tab-a' });
  await started.promise;
  const controller = new AbortController();
  const waiting = deferred();
  const b = withSyncLease(db, async () => 'never', {
    owner: 'tab-b', signal: controller.signal,
    retry: (signal) => new Promise((_, reject) => {
      signal!.addEventListener('abort', () => reject(signal!.reason));
      waiting.resolve();
    }),
  });
  await waiting.promise;
  controller.abort(new DOMException('stopped', 'AbortError'));
  await b.then(() => assert.unreachable('should reject'), (e: DOMException) => assert.is(e.name, 'AbortError'));
  assert.is(((await db.settings.get(LEASE_KEY))?.value as { owner: string }).owner, 'tab-a');
  hold.resolve();
  await a;
});

test.run();
