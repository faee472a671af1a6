// The sync run as a state machine, against an in-process fake of the server (sync-fake-server.ts).
import 'fake-indexeddb/auto';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { runOnce, type RunOptions } from '../../src/sync/run';
import { saveDraftFields } from '../../src/db/cases';
import { finaliseCase, reopenCase } from '../../src/db/outbox';
import { getCursor, keepMine, takeServers } from '../../src/db/sync-state';
import type { GuongSangDb } from '../../src/db/database';
import type { CaseFields } from '../../src/shared/case-schema';
import { BACKOFF } from '../../src/sync/backoff';
import { FakeServer } from './sync-fake-server';
import { Clock, freshDb, queuedCase, sha } from './sync-helpers';

function setup() {
  const db = freshDb();
  const server = new FakeServer();
  const clock = new Clock();
  const run = (over: Partial<RunOptions> = {}) =>
    runOnce({ db, userId: 'u1', fetch: server.fetch, baseUrl: 'http://fake', now: clock.now, random: () => 0.5, ...over });
  return { db, server, clock, run };
}

const statusOf = async (db: GuongSangDb, id: string) => (await db.cases.get(id))?.status;

test('happy path: photos then case, receipt stored, outbox emptied, nothing else deleted', async () => {
  const { db, server, run } = setup();
  const a = await queuedCase(db);
  const b = await queuedCase(db, 'u1', { subjectName: 'Giàng A Páo' }, 1);
  const blobsBefore = await db.blobs.count();
  const r = await run();
  assert.is(r.outcome, 'done');
  assert.equal(r.sent.sort(), [a.id, b.id].sort());
  for (const c of [a, b]) {
    const local = (await db.cases.get(c.id))!;
    assert.is(local.status, 'sent');
    assert.is(local.receipt?.revision, 1);
    assert.is(local.serverRevision, 1);
    assert.is(local.receipt?.photosConfirmed, local.receipt?.photosTotal);
    for (const p of c.photos) {
      assert.is(sha(server.photos.get(p.sha256)!), p.sha256, 'byte-identical on the server');
      assert.ok(server.photos.has(p.thumbSha256));
    }
  }
  assert.is(server.cases.size, 2);
  assert.is(await db.outbox.count(), 0);
  assert.is(await db.blobs.count(), blobsBefore, 'photos stay on the phone after sending');
  assert.is(server.count('PUT', '/api/photos/'), 6);
});

test('only the photos the server lacks are uploaded', async () => {
  const { db, server, run } = setup();
  const a = await queuedCase(db, 'u1', {}, 2);
  server.photos.set(a.photos[0]!.sha256, Buffer.from(a.photos[0]!.bytes));
  server.photos.set(a.photos[1]!.thumbSha256, Buffer.from(a.photos[1]!.thumb));
  await run();
  const puts = server.requests.filter((q) => q.method === 'PUT' && q.path.startsWith('/api/photos/')).map((q) => q.path.slice(12));
  assert.equal(puts.sort(), [a.photos[0]!.thumbSha256, a.photos[1]!.sha256].sort());
  assert.is(server.count('HEAD', '/api/photos/'), 4);
  assert.is(await statusOf(db, a.id), 'sent');
});

test('the answer to the case PUT is lost (crash before markSent): the replay gives one server case', async () => {
  const { db, server, run, clock } = setup();
  const a = await queuedCase(db);
  server.after = (req) => (req.method === 'PUT' && req.path.startsWith('/api/cases/') ? 'network' : undefined);
  const first = await run();
  assert.is(first.outcome, 'network');
  assert.is(await statusOf(db, a.id), 'queued', 'not sent without an answer');
  assert.is(server.cases.size, 1, 'but the server did store it');
  const entry = (await db.outbox.get(a.id))!;
  assert.is(entry.attempts, 1);
  assert.ok(entry.lastError);
  server.after = undefined;
  clock.advance(BACKOFF.capMs);
  // A new Dexie instance on the same database: the app was killed and restarted.
  const { GuongSangDb } = await import('../../src/db/database');
  const reopened = new GuongSangDb(db.name);
  const second = await runOnce({ db: reopened, userId: 'u1', fetch: server.fetch, baseUrl: 'http://fake', now: clock.now });
  assert.equal(second.sent, [a.id]);
  const local = (await reopened.cases.get(a.id))!;
  assert.is(local.receipt?.replay, true);
  assert.is(local.receipt?.revision, 1);
  assert.is(server.cases.size, 1);
  assert.is(server.cases.get(a.id)?.revision, 1, 'one server case, one revision');
});

test('a crash at any request, before or after the server handled it, only ever leads to replays', async () => {
  // Count the requests of a clean run, then break each one in turn, both ways.
  const probe = setup();
  await queuedCase(probe.db, 'u1', {}, 2);
  await queuedCase(probe.db, 'u1', {}, 1);
  await probe.run();
  const total = probe.server.requests.length;
  for (let k = 0; k < total; k++) {
    for (const when of ['before', 'after'] as const) {
      const { db, server, run } = setup();
      const a = await queuedCase(db, 'u1', {}, 2);
      const b = await queuedCase(db, 'u1', {}, 1);
      server[when] = (_req, n) => (n === k ? 'network' : undefined);
      for (let i = 0; i < 4 && (await db.outbox.count()) > 0; i++) await run({ ignoreBackoff: true });
      const label = `request ${k} failing ${when} handling`;
      assert.is(await db.outbox.count(), 0, label);
      for (const c of [a, b]) {
        assert.is(await statusOf(db, c.id), 'sent', label);
        assert.is(server.cases.get(c.id)?.revision, 1, label);
        for (const p of c.photos) assert.is(sha(server.photos.get(p.sha256)!), p.sha256, label);
      }
      assert.is(server.cases.size, 2, label);
    }
  }
});

test('401 stops the whole run and keeps the queue; nothing is charged to the cases', async () => {
  const { db, server, run } = setup();
  const ids = [(await queuedCase(db)).id, (await queuedCase(db)).id, (await queuedCase(db)).id];
  server.user = undefined;
  const r = await run();
  assert.is(r.outcome, 'auth');
  assert.is(r.lastError?.kind, 'auth');
  const first = (await db.cases.get(ids[0]!))!.blobHashes;
  assert.ok(server.requests.every((q) => q.method === 'HEAD' && first.some((h) => q.path.endsWith(h))), 'only the first probes, already in flight');
  assert.is(await db.outbox.count(), 3);
  for (const id of ids) {
    assert.is(await statusOf(db, id), 'queued');
    assert.is((await db.outbox.get(id))?.attempts, undefined);
  }
  server.user = 'u1';
  assert.is((await run()).sent.length, 3, 'signed in again: all go');
});

test('422 parks that case with the server message and issues; the others go on', async () => {
  const { db, server, run } = setup();
  const a = await queuedCase(db);
  const bad = await queuedCase(db, 'u1', { subjectName: 'INVALID' });
  const c = await queuedCase(db);
  const r = await run();
  assert.is(r.outcome, 'done');
  assert.equal(r.parked, [bad.id]);
  assert.is(await statusOf(db, a.id), 'sent');
  assert.is(await statusOf(db, c.id), 'sent');
  const parked = (await db.cases.get(bad.id))!;
  assert.is(parked.status, 'parked');
  assert.is(parked.problem?.message, 'Hồ sơ chưa hợp lệ');
  assert.equal(parked.problem?.issues, [{ path: 'subjectName', message: 'Tên không hợp lệ' }]);
  assert.not.ok(await db.outbox.get(bad.id), 'out of the queue until corrected');
  assert.is(r.lastError?.kind, 'invalid');
});

test('403 parks the case as forbidden', async () => {
  const { db, server, run } = setup();
  const a = await queuedCase(db);
  server.before = (req) => (req.path.startsWith('/api/cases/') ? new Response(JSON.stringify({ error: 'forbidden', message: 'Không thuộc xã của bạn' }), { status: 403 }) : undefined);
  await run();
  const local = (await db.cases.get(a.id))!;
  assert.is(local.status, 'parked');
  assert.is(local.problem?.kind, 'forbidden');
  assert.is(local.problem?.message, 'Không thuộc xã của bạn');
});

test('409 conflict keeps the server copy; keepMine re-sends on its revision, takeServers adopts it', async () => {
  const { db, server, run } = setup();
  const a = await queuedCase(db);
  const b = await queuedCase(db);
  await run();
  server.editOnServer(a.id, { village: 'Bản Máy Chủ' });
  server.editOnServer(b.id, { village: 'Bản Máy Chủ' });
  for (const id of [a.id, b.id]) {
    // The reporter edits the same sent case (returned) on the phone, on revision 1.
    await db.cases.update(id, { status: 'draft' });
    const cur = (await db.cases.get(id))!;
    await saveDraftFields(db, id, { ...cur.fields, village: 'Bản Của Tôi' });
    await finaliseCase(db, id, (await db.cases.get(id))!.fields as CaseFields);
  }
  const r = await run();
  assert.equal(r.conflicts.sort(), [a.id, b.id].sort());
  const conflicted = (await db.cases.get(a.id))!;
  assert.is(conflicted.status, 'conflict');
  assert.is(conflicted.serverCopy?.revision, 2);
  assert.is(conflicted.serverCopy?.fields.village, 'Bản Máy Chủ');
  assert.is(await db.outbox.count(), 0);

  await keepMine(db, a.id);
  assert.is((await db.cases.get(a.id))?.serverRevision, 2);
  await run();
  assert.is(await statusOf(db, a.id), 'sent');
  assert.is(server.cases.get(a.id)?.revision, 3);
  assert.is(server.cases.get(a.id)?.fields.village, 'Bản Của Tôi');

  const before = server.requests.length;
  await takeServers(db, b.id);
  const taken = (await db.cases.get(b.id))!;
  assert.is(taken.status, 'sent');
  assert.is(taken.fields.village, 'Bản Máy Chủ');
  assert.is(taken.serverRevision, 2);
  await run();
  assert.not.ok(server.requests.slice(before).some((q) => q.path === `/api/cases/${b.id}`), 'nothing to send');
});

test('409 missing-photos (HEAD said present): the missing ones are uploaded and the PUT retried once', async () => {
  const { db, server, run } = setup();
  const a = await queuedCase(db, 'u1', {}, 1);
  // Something between the phone and the server answered every HEAD with 200.
  server.before = (req) => (req.method === 'HEAD' ? new Response(null, { status: 200 }) : undefined);
  const r = await run();
  assert.equal(r.sent, [a.id]);
  assert.is(server.count('PUT', '/api/cases/'), 2);
  assert.is(server.count('PUT', '/api/photos/'), 2);
  assert.ok(server.photos.has(a.photos[0]!.sha256));
});

test('a receipt with fewer photos confirmed than the total is not taken as sent', async () => {
  const { db, server, run } = setup();
  const a = await queuedCase(db, 'u1', {}, 1);
  server.after = (req) => {
    if (!req.path.startsWith('/api/cases/')) return undefined;
    const c = server.cases.get(a.id)!;
    return new Response(JSON.stringify({ caseId: a.id, revision: c.revision, receivedAt: c.receivedAt, status: 'received', photosConfirmed: 0, photosTotal: 1, replay: false }), { status: 201 });
  };
  await run();
  assert.is(await statusOf(db, a.id), 'queued');
  assert.match((await db.outbox.get(a.id))!.lastError!, /0\/1/);
});

test('5xx: the case backs off with jitter, capped, and the others go on', async () => {
  const { db, server, clock, run } = setup();
  const a = await queuedCase(db, 'u1', {}, 1, clock.t - 2);
  const b = await queuedCase(db, 'u1', {}, 1, clock.t - 1);
  server.before = (req) => (req.path === `/api/cases/${a.id}` ? new Response('{}', { status: 503 }) : undefined);
  const r = await run({ random: () => 0.999 });
  assert.is(r.outcome, 'done');
  assert.equal(r.sent, [b.id]);
  const entry = (await db.outbox.get(a.id))!;
  assert.is(entry.attempts, 1);
  assert.ok(entry.nextAttemptAt! > clock.t + 4000 && entry.nextAttemptAt! <= clock.t + BACKOFF.baseMs, 'first delay ≤ base');
  assert.match(entry.lastError!, /bận|lỗi/);
  // Not due yet: a plain run leaves it alone; with full jitter, later delays stay within the exponential bound and the cap.
  await run();
  assert.is((await db.outbox.get(a.id))!.attempts, 1);
  const seen: number[] = [];
  for (let i = 2; i <= 14; i++) {
    clock.advance(BACKOFF.capMs + 1);
    const rand = i % 2 ? 0.999 : 0.001;
    await run({ random: () => rand });
    const e = (await db.outbox.get(a.id))!;
    assert.is(e.attempts, i);
    const delay = e.nextAttemptAt! - clock.t;
    seen.push(delay);
    assert.ok(delay >= BACKOFF.minMs && delay <= Math.min(BACKOFF.capMs, BACKOFF.baseMs * 2 ** (i - 1)), `attempt ${i}: ${delay}`);
  }
  assert.ok(seen.some((d) => d > BACKOFF.capMs * 0.99), 'reaches the cap');
  assert.ok(seen.some((d) => d < 5000), 'jitter spreads retries down to the floor');
});

test('429 with Retry-After: the case waits at least that long, and the run stops for everyone', async () => {
  const { db, server, clock, run } = setup();
  const a = await queuedCase(db, 'u1', {}, 1, clock.t - 2);
  const b = await queuedCase(db, 'u1', {}, 1, clock.t - 1);
  server.before = (req) => (req.method === 'HEAD' ? new Response('{}', { status: 429, headers: { 'Retry-After': '120' } }) : undefined);
  const r = await run({ random: () => 0.01 });
  assert.is(r.outcome, 'network');
  assert.is(r.retryAfterMs, 120_000);
  assert.ok((await db.outbox.get(a.id))!.nextAttemptAt! >= clock.t + 120_000);
  assert.is((await db.outbox.get(b.id))!.attempts, undefined, 'the other case was not charged');
});

test('network failure: the run ends, the case stays queued with attempts and why; never-tried cases go first next time', async () => {
  const { db, server, clock, run } = setup();
  const a = await queuedCase(db, 'u1', {}, 1, clock.t - 2);
  const b = await queuedCase(db, 'u1', {}, 1, clock.t - 1);
  server.before = () => 'network';
  const r = await run();
  assert.is(r.outcome, 'network');
  assert.is(r.lastError?.kind, 'network');
  assert.is((await db.outbox.get(a.id))!.attempts, 1);
  assert.match((await db.outbox.get(a.id))!.lastError!, /mạng/);
  assert.is((await db.outbox.get(b.id))!.attempts, undefined);
  server.before = undefined;
  server.requests = [];
  await run({ ignoreBackoff: true });
  const firstCasePut = server.requests.find((q) => q.path.startsWith('/api/cases/'));
  assert.is(firstCasePut?.path, `/api/cases/${b.id}`, 'the case that never failed goes first');
  assert.is(await db.outbox.count(), 0);
});

test('a request that hangs times out (sized to its bytes) and counts as a network failure', async () => {
  const { db, server, run } = setup();
  const a = await queuedCase(db, 'u1', {}, 1);
  server.before = (req) => (req.method === 'PUT' ? new Promise<undefined>(() => undefined) : undefined);
  const hang = server.fetch;
  const fetchWithSignal = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const signal = init?.signal;
    return Promise.race([hang(input, init), new Promise<never>((_, reject) => signal?.addEventListener('abort', () => reject(signal.reason)))]);
  }) as typeof fetch;
  const started = Date.now();
  const keepAlive = setTimeout(() => undefined, 5000); // AbortSignal.timeout's timer does not keep Node running
  const r = await run({ fetch: fetchWithSignal, baseTimeoutMs: 50, minBytesPerSecond: 1e9 });
  clearTimeout(keepAlive);
  assert.ok(Date.now() - started < 2000);
  assert.is(r.outcome, 'network');
  assert.match((await db.outbox.get(a.id))!.lastError!, /chậm/);
});

test('edited during the upload: not marked sent, but its base revision follows the server', async () => {
  const { db, server, run } = setup();
  const a = await queuedCase(db, 'u1', {}, 1);
  server.before = async (req) => {
    if (req.method === 'PUT' && req.path.startsWith('/api/photos/') && (await statusOf(db, a.id)) === 'queued') {
      await reopenCase(db, a.id); // the reporter taps "Sửa lại" while the photo uploads
      const cur = (await db.cases.get(a.id))!;
      await saveDraftFields(db, a.id, { ...cur.fields, village: 'Bản Mới Sửa' }, cur.updatedAt + 10);
    }
    return undefined;
  };
  const r = await run();
  assert.equal(r.sent, []);
  const local = (await db.cases.get(a.id))!;
  assert.is(local.status, 'draft');
  assert.is(local.fields.village, 'Bản Mới Sửa');
  assert.is(local.serverRevision, 1, 'the server holds the earlier content as revision 1');
  server.before = undefined;
  await finaliseCase(db, a.id, local.fields as CaseFields);
  await run();
  assert.is(await statusOf(db, a.id), 'sent');
  assert.is(server.cases.get(a.id)?.revision, 2, 'an update, not a conflict with itself');
  assert.is(server.cases.get(a.id)?.fields.village, 'Bản Mới Sửa');
});

test('re-queued during the upload (edited and finished again): the old receipt does not mark it sent', async () => {
  const { db, server, run } = setup();
  const a = await queuedCase(db, 'u1', {}, 1);
  let done = false;
  server.after = async (req) => {
    if (!done && req.path.startsWith('/api/cases/')) {
      done = true;
      await reopenCase(db, a.id);
      const cur = (await db.cases.get(a.id))!;
      await finaliseCase(db, a.id, { ...(cur.fields as CaseFields), result: 'Kết quả đã bổ sung thêm.' }, cur.updatedAt + 5);
    }
    return undefined;
  };
  await run();
  // The run picked the re-queued version up again in the same run.
  assert.is(await statusOf(db, a.id), 'queued', 'a case already tried is not retried in the same run');
  await run();
  assert.is(await statusOf(db, a.id), 'sent');
  assert.is(server.cases.get(a.id)?.fields.result, 'Kết quả đã bổ sung thêm.');
  assert.is(server.cases.get(a.id)?.revision, 2);
});

test("other users' cases are never sent, and no request touches their photos", async () => {
  const { db, server, run } = setup();
  const mine = await queuedCase(db, 'u1', {}, 1);
  const theirs = await queuedCase(db, 'u2', {}, 2);
  const nobody = await queuedCase(db, null, {}, 1);
  await run();
  assert.is(await statusOf(db, mine.id), 'sent');
  assert.is(await statusOf(db, theirs.id), 'queued');
  assert.is(await statusOf(db, nobody.id), 'queued');
  const hashes = [...theirs.photos, ...nobody.photos].flatMap((p) => [p.sha256, p.thumbSha256]);
  assert.not.ok(server.requests.some((q) => hashes.some((h) => q.path.includes(h)) || q.path.includes(theirs.id)));
  assert.equal((await db.outbox.get(theirs.id))?.attempts, undefined);
});

test('a photo missing on the phone parks the case instead of blocking the queue', async () => {
  const { db, run } = setup();
  const a = await queuedCase(db, 'u1', {}, 1);
  const b = await queuedCase(db, 'u1', {}, 1);
  await db.blobs.delete(a.photos[0]!.sha256);
  const r = await run();
  assert.equal(r.parked, [a.id]);
  assert.equal(r.sent, [b.id]);
  assert.match((await db.cases.get(a.id))!.problem!.message, /không còn trên máy/);
});

test('the changes feed: status and comments stored, cursor advanced per user, paging followed', async () => {
  const { db, server, run } = setup();
  const a = await queuedCase(db);
  await run();
  server.pageSize = 2;
  server.review(a.id, 'appraising');
  server.review(a.id, 'returned', 'Bổ sung ảnh giấy tờ');
  server.review('0190aaaa-0000-7000-8000-000000000000', 'appraising'); // not on this phone
  const r = await run();
  assert.is(r.changesApplied, 1);
  const local = (await db.cases.get(a.id))!;
  assert.is(local.serverStatus, 'returned');
  assert.is(local.notes?.length, 2);
  assert.is(local.notes?.[1]?.comment, 'Bổ sung ảnh giấy tờ');
  assert.is(local.notes?.[1]?.actor, 'Cán bộ xã');
  assert.is(local.status, 'sent', 'status changes never touch the local state');
  assert.is(await getCursor(db, 'u1'), '3');
  assert.is(await getCursor(db, 'u2'), '0');
  const gets = server.requests.filter((q) => q.path.startsWith('/api/sync/changes'));
  assert.equal(gets.map((q) => q.path).slice(-2), ['/api/sync/changes?since=0', '/api/sync/changes?since=2']);
  server.requests = [];
  await run();
  assert.equal(server.requests.map((q) => q.path), ['/api/sync/changes?since=3']);
  assert.is((await db.cases.get(a.id))!.notes?.length, 2, 'replayed changes are not duplicated');
});

test.run();
