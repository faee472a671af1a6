// The sync run as a state machine, against an in-process fake of the server (sync-fake-server.ts): delivery,
// exactly once under crashes, edits during an upload, other users' cases, the changes feed.
import 'fake-indexeddb/auto';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { runOnce } from '../../src/sync/run';
import { saveDraftFields } from '../../src/db/cases';
import { finaliseCase } from '../../src/db/outbox';
import { getCursor } from '../../src/db/changes-feed';
import { reopenForEditing } from '../../src/db/reporter-choices';
import type { CaseFields } from '../../src/shared/case-schema';
import { BACKOFF } from '../../src/sync/backoff';
import { until } from '../support/wait';
import { queuedCase, setup, sha, statusOf } from './sync-helpers';

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
  assert.is(server.count('PATCH', '/api/photos/'), 6);
});

test('only the photos the server lacks are uploaded', async () => {
  const { db, server, run } = setup();
  const a = await queuedCase(db, 'u1', {}, 2);
  server.photos.set(a.photos[0]!.sha256, Buffer.from(a.photos[0]!.bytes));
  server.photos.set(a.photos[1]!.thumbSha256, Buffer.from(a.photos[1]!.thumb));
  await run();
  const puts = server.requests.filter((q) => q.method === 'PATCH' && q.path.startsWith('/api/photos/')).map((q) => q.path.slice(12));
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

test('edited during the upload: not marked sent, but its base revision follows the server', async () => {
  const { db, server, run } = setup();
  const a = await queuedCase(db, 'u1', {}, 1);
  server.before = async (req) => {
    if (req.method === 'PATCH' && req.path.startsWith('/api/photos/') && (await statusOf(db, a.id)) === 'queued') {
      await reopenForEditing(db, a.id); // the reporter taps "Sửa lại" while the photo uploads
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
      await reopenForEditing(db, a.id);
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

test('cases overlap by one step: the next photos go up while a case awaits its answer; a 401 there stops both, charging neither', async () => {
  const { db, server, run } = setup();
  const a = await queuedCase(db, 'u1', {}, 1);
  const b = await queuedCase(db, 'u1', {}, 1);
  const seen: string[] = [];
  const waits: string[] = []; // an order waited for that never came
  const once = (happened: (request: string) => boolean, what: string) =>
    until(() => seen.some(happened), what).catch((e: Error) => { waits.push(e.message); });
  const isBPhotoUpload = (x: string) => b.photos.some((p) => x === `PATCH /api/photos/${p.sha256}` || x === `PATCH /api/photos/${p.thumbSha256}`);
  let releaseB = () => {};
  const bHeld = new Promise<void>((r) => { releaseB = r; });
  server.before = async (req) => {
    seen.push(`${req.method} ${req.path}`);
    // a's photo is still going up when b is probed; a's answer comes once b's photos go up; b's photo never ends.
    if (req.method === 'PATCH' && req.path === `/api/photos/${a.photos[0]!.sha256}`) await once((x) => x === `HEAD /api/photos/${b.photos[0]!.sha256}`, 'b probed while a uploads');
    if (req.method === 'PATCH' && req.path === `/api/photos/${b.photos[0]!.sha256}`) await bHeld;
    if (req.path === `/api/cases/${a.id}`) {
      await once(isBPhotoUpload, "b's photos going up while a awaits its answer");
      seen.push('answer a');
      return new Response(JSON.stringify({ error: 'unauthenticated', message: 'Bạn cần đăng nhập' }), { status: 401 });
    }
    return undefined;
  };
  let ended = false;
  const running = run().finally(() => { ended = true; });
  await until(() => ended, 'the run to end while b’s photo is still uploading'); // the upload in flight is abandoned, not waited for
  const r = await running;
  releaseB();
  assert.equal(waits, []);
  assert.is(r.outcome, 'auth');
  const putA = seen.indexOf(`PUT /api/cases/${a.id}`);
  const bPhoto = seen.findIndex(isBPhotoUpload);
  assert.ok(putA >= 0 && bPhoto > putA && bPhoto < seen.indexOf('answer a'), seen.join('\n'));
  assert.ok(seen.slice(0, putA).some((x) => x === `HEAD /api/photos/${b.photos[0]!.sha256}`), 'b was probed while a uploaded');
  for (const c of [a, b]) {
    assert.is(await statusOf(db, c.id), 'queued');
    assert.is((await db.outbox.get(c.id))?.attempts, undefined);
  }
  assert.not.ok(seen.includes(`PUT /api/cases/${b.id}`));
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
  assert.equal(server.requests.map((q) => q.path), ['/api/sync/changes?since=3', '/api/reference']);
  assert.is((await db.cases.get(a.id))!.notes?.length, 2, 'replayed changes are not duplicated');
});
test.run();

test('a photo upload a dropped link cuts goes on from the byte the server holds: cut twice, every byte sent once', async () => {
  const { db, server, run, clock } = setup();
  const a = await queuedCase(db, 'u1', {}, 1);
  const main = a.photos[0]!;
  server.dropUploadsAfter = 1000;
  for (const held of [1000, 2000]) {
    assert.is((await run()).outcome, 'network');
    assert.is(server.partials.get(main.sha256)?.length, held, `the server holds ${held} bytes`);
    assert.is(await statusOf(db, a.id), 'queued');
    clock.advance(BACKOFF.capMs);
  }
  assert.is((await run()).outcome, 'done');
  assert.is(await statusOf(db, a.id), 'sent');
  assert.ok(server.photos.get(main.sha256)!.equals(Buffer.from(main.bytes)), 'assembled byte for byte');
  const uploads = server.requests.filter((q) => q.path === `/api/photos/${main.sha256}` && q.method !== 'HEAD');
  assert.equal(uploads.map((q) => [q.method, q.headers['upload-offset'], q.bytes]), [['PATCH', '0', 3000], ['PATCH', '1000', 2000], ['PATCH', '2000', 1000]]);
});
