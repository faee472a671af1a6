// The page's sync driver: when it runs, what it tells the UI, one run at a time.
import 'fake-indexeddb/auto';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { startSync, type SyncController, type SyncSnapshot } from '../../src/sync/page/controller';
import { saveSession } from '../../src/db/session';
import type { GuongSangDb } from '../../src/db/database';
import { BACKOFF } from '../../src/sync/backoff';
import { FakeServer, isUpload } from './sync-fake-server';
import { until } from '../support/wait';
import { freshDb, queuedCase } from './sync-helpers';

const USER = { id: 'u1', username: 'su', displayName: 'Vàng A Sử', role: 'reporter' as const, area: '03637' };

// Stopped after each test even when it fails, so a failing test never leaves timers keeping Node alive.
const running: SyncController[] = [];
test.after.each(() => { for (const c of running.splice(0)) c.stop(); });

function start(db: GuongSangDb, server: FakeServer, user: { id?: string } = { id: 'u1' }, over: { random?: () => number } = {}) {
  const seen: SyncSnapshot[] = [];
  const sync = startSync({ db, currentUserId: () => user.id, fetch: server.fetch, baseUrl: 'http://fake', ...over });
  sync.subscribe((s) => seen.push(s));
  running.push(sync);
  return { sync, seen };
}

const idle = (sync: SyncController) => until(() => !sync.snapshot().running, 'idle');

test('at start it sends the queue, reports progress per case, and ends with clean counts', async () => {
  const db = freshDb();
  const server = new FakeServer();
  const a = await queuedCase(db, 'u1', {}, 2);
  await queuedCase(db, 'u1', { subjectName: 'INVALID' }, 1);
  server.photos.set(a.photos[1]!.sha256, Buffer.from(a.photos[1]!.bytes)); // already there: counts as sent
  const { sync, seen } = start(db, server);
  await until(() => seen.some((s) => s.running), 'a run');
  await idle(sync);
  await until(() => sync.snapshot().waiting === 0 && sync.snapshot().parked === 1, 'counts');
  const s = sync.snapshot();
  assert.is(s.conflicts, 0);
  assert.is(s.current, undefined);
  assert.is(s.lastError?.kind, 'invalid');
  assert.is(s.nextAttemptAt, undefined);
  const progress = seen.filter((x) => x.current?.caseId === a.id).map((x) => x.current!);
  assert.is(progress[0]?.label, 'Lò Thị Mai');
  const total = a.photos.reduce((n, p) => n + p.bytes.byteLength + p.thumb.byteLength, 0);
  assert.is(progress.at(-1)?.totalBytes, total);
  assert.is(progress.at(-1)?.sentBytes, total);
  assert.ok(progress.every((p, i) => i === 0 || p.sentBytes >= progress[i - 1]!.sentBytes), 'never goes backwards');
  sync.stop();
});

test('a newly queued case (in any tab: the outbox is observed) is sent without being told', async () => {
  const db = freshDb();
  const server = new FakeServer();
  const { sync } = start(db, server);
  await until(() => server.count('GET', '/api/sync/changes') === 1, 'start-up run');
  await idle(sync);
  const a = await queuedCase(db);
  await until(async () => (await db.cases.get(a.id))?.status === 'sent', 'sent after queueing');
  sync.stop();
});

test('401: authRequired, the queue kept, no automatic retry; a new sign-in clears it and sends', async () => {
  const db = freshDb();
  const server = new FakeServer();
  server.user = undefined;
  await queuedCase(db);
  const { sync } = start(db, server);
  await until(() => sync.snapshot().authRequired, 'authRequired');
  await idle(sync);
  assert.is(sync.snapshot().waiting, 1);
  assert.is(sync.snapshot().lastError?.kind, 'auth');
  assert.is(sync.snapshot().nextAttemptAt, undefined, 'no timer while the user must sign in');
  const before = server.requests.length;
  sync.notifyQueued();
  await queuedCase(db);
  // The controller has seen the new case (and made its decision in the same step): a run it started would
  // already be running.
  await until(() => sync.snapshot().waiting === 2, 'the controller sees the newly queued case');
  assert.not.ok(sync.snapshot().running, 'no run started');
  assert.is(server.requests.length, before, 'automatic triggers wait for the sign-in');
  server.user = 'u1';
  await saveSession(db, USER);
  await until(() => sync.snapshot().waiting === 0 && !sync.snapshot().authRequired, 'sent after signing in');
  sync.stop();
});

test('network failure: a timer with backoff; it fires and sends once the link is back', async () => {
  const db = freshDb();
  const server = new FakeServer();
  server.before = () => 'network';
  const a = await queuedCase(db, 'u1', {}, 1);
  const t0 = Date.now();
  const { sync } = start(db, server, { id: 'u1' }, { random: () => 0 });
  await until(() => sync.snapshot().nextAttemptAt !== undefined, 'a retry time');
  const s = sync.snapshot();
  assert.is(s.lastError?.kind, 'network');
  assert.ok(s.nextAttemptAt! >= t0 + BACKOFF.minMs && s.nextAttemptAt! <= Date.now() + BACKOFF.baseMs);
  assert.is(s.waiting, 1);
  server.before = undefined;
  await until(async () => (await db.cases.get(a.id))?.status === 'sent', 'sent by the timer');
  await until(() => sync.snapshot().lastError === undefined, 'error cleared');
  sync.stop();
});

test("507 quota: held with the server's message, a newly queued case does not start a run; sent when the quota is raised", async () => {
  const db = freshDb();
  const server = new FakeServer();
  const full = 'Dung lượng lưu trữ của tài khoản này trên máy chủ đã đầy. Hãy liên hệ quản trị viên.';
  let room = false;
  server.before = (req) => (!room && isUpload(req)
    ? new Response(JSON.stringify({ error: 'quota', message: full }), { status: 507, headers: { 'Content-Type': 'application/json' } })
    : undefined);
  const a = await queuedCase(db, 'u1', {}, 1);
  const { sync } = start(db, server, { id: 'u1' }, { random: () => 0.999 });
  await until(() => sync.snapshot().nextAttemptAt !== undefined, 'a retry time');
  await idle(sync);
  assert.equal(sync.snapshot().lastError, { kind: 'server', message: full });
  assert.ok(sync.snapshot().nextAttemptAt! > Date.now(), 'held');
  const before = server.requests.length;
  const b = await queuedCase(db);
  await until(() => sync.snapshot().waiting === 2, 'the controller sees the newly queued case');
  assert.is(server.requests.length, before, 'no run while held: the full account is not hammered');
  assert.is((await db.cases.get(a.id))?.status, 'queued');

  room = true; // the administrator raised the quota
  await sync.syncNow();
  assert.is((await db.cases.get(a.id))?.status, 'sent');
  assert.is((await db.cases.get(b.id))?.status, 'sent');
  assert.is(sync.snapshot().lastError, undefined);
  sync.stop();
});

test('"Gửi ngay" ignores the backoff of a case and resolves after the run', async () => {
  const db = freshDb();
  const server = new FakeServer();
  const a = await queuedCase(db, 'u1', {}, 1);
  await db.outbox.update(a.id, { attempts: 3, nextAttemptAt: Date.now() + 3_600_000, lastError: 'Máy chủ đang bận.' });
  const { sync } = start(db, server);
  await until(() => server.count('GET', '/api/sync/changes') === 1, 'start-up run');
  await idle(sync);
  assert.is((await db.cases.get(a.id))?.status, 'queued', 'the automatic run respected the backoff');
  assert.ok(sync.snapshot().nextAttemptAt! > Date.now() + 3_000_000, 'the timer is set for it');
  await sync.syncNow();
  assert.is((await db.cases.get(a.id))?.status, 'sent');
  assert.is(sync.snapshot().waiting, 0);
  sync.stop();
});

test('two tabs on one database: one run at a time, each case sent once', async () => {
  const db = freshDb();
  const server = new FakeServer();
  server.before = () => new Promise((r) => setTimeout(() => r(undefined), 2)); // each request takes a moment: an overlap would show
  const active = [0, 0];
  let overlaps = 0;
  const tab = (i: number): typeof fetch => async (input, init) => {
    if (active[1 - i]! > 0) overlaps++;
    active[i]!++;
    try {
      return await server.fetch(input, init);
    } finally {
      active[i]!--;
    }
  };
  for (let i = 0; i < 4; i++) await queuedCase(db, 'u1', {}, 1);
  const tabs = [0, 1].map((i) => {
    const sync = startSync({ db, currentUserId: () => 'u1', fetch: tab(i), baseUrl: 'http://fake' });
    running.push(sync);
    return sync;
  });
  await Promise.all(tabs.map((t) => t.syncNow()));
  assert.is(await db.outbox.count(), 0);
  assert.is(server.count('PUT', '/api/cases/'), 4, 'each case PUT exactly once');
  assert.is(server.count('PATCH', '/api/photos/'), 8, 'each photo and thumbnail sent exactly once');
  assert.is(overlaps, 0, 'never a request of one tab while the other has one in flight');
});

test('signed out: nothing is sent; stop() ends everything', async () => {
  const db = freshDb();
  const server = new FakeServer();
  await queuedCase(db);
  const user: { id?: string } = {};
  const { sync, seen } = start(db, server, user);
  await until(() => seen.length > 0, 'the controller has looked at the outbox'); // and decided whether to run
  assert.not.ok(sync.snapshot().running, 'no run started');
  assert.is(server.requests.length, 0);
  assert.is(sync.snapshot().waiting, 0, 'nobody signed in: no one’s queue shown');
  sync.stop();
  user.id = 'u1';
  await sync.syncNow();
  assert.is(server.requests.length, 0, 'a stopped controller never runs');
});

test.run();
