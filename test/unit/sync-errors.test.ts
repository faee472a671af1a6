// How the sync run answers each class of failure (the table under "Errors" in src/sync/README.md), against the
// in-process fake of the server (sync-fake-server.ts).
import 'fake-indexeddb/auto';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { saveDraftFields } from '../../src/db/cases';
import { finaliseCase } from '../../src/db/outbox';
import { keepMine, takeServers } from '../../src/db/reporter-choices';
import type { CaseFields } from '../../src/shared/case-schema';
import { BACKOFF } from '../../src/sync/backoff';
import { MESSAGES } from '../../src/sync/http';
import { DISK_FULL_MESSAGE } from '../../src/server/disk/space';
import { queuedCase, setup, statusOf } from './sync-helpers';
import { isUpload } from './sync-fake-server';

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
  const { db, run } = setup();
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
  assert.is(server.count('PATCH', '/api/photos/'), 2);
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

test("507 quota or disk-full, on a photo or on the case: the case stays queued with the server's message, the run stops for everyone; sent once the server has room", async () => {
  const refusals = [
    ['quota', 'Dung lượng lưu trữ của tài khoản này trên máy chủ đã đầy. Hãy liên hệ quản trị viên.'],
    ['disk-full', DISK_FULL_MESSAGE],
  ] as const;
  for (const [code, full] of refusals) for (const refused of ['/api/photos/', '/api/cases/']) {
    const { db, server, clock, run } = setup();
    const a = await queuedCase(db, 'u1', {}, 1, clock.t - 2);
    const b = await queuedCase(db, 'u1', {}, 1, clock.t - 1);
    let room = false;
    server.before = (req) => (!room && isUpload(req) && req.path.startsWith(refused)
      ? new Response(JSON.stringify({ error: code, message: full }), { status: 507, headers: { 'Content-Type': 'application/json' } })
      : undefined);
    const r = await run({ random: () => 0.999 });
    assert.is(r.outcome, 'network', `${code} ${refused}`);
    assert.equal(r.retried, [a.id]);
    assert.equal(r.lastError, { kind: 'server', message: full }, "the server's own sentence, shown to the reporter");
    assert.is(await statusOf(db, a.id), 'queued', 'never dropped nor parked');
    const entry = (await db.outbox.get(a.id))!;
    assert.is(entry.attempts, 1);
    assert.is(entry.lastError, full);
    assert.ok(entry.nextAttemptAt! > clock.t, 'backs off');
    assert.is((await db.outbox.get(b.id))!.attempts, undefined, 'the other case was not charged');
    assert.not.ok(server.requests.some((q) => q.method === (refused === '/api/cases/' ? 'PUT' : 'PATCH') && q.path.startsWith(refused) && q.path.includes(refused === '/api/cases/' ? b.id : b.photos[0]!.sha256)), 'the other case was not sent to be refused');

    room = true; // the administrator raised the quota, or freed the disk
    clock.advance(BACKOFF.baseMs + 1);
    const again = await run();
    assert.equal(again.sent.sort(), [a.id, b.id].sort());
    assert.is(await db.outbox.count(), 0);
  }
});

test('507 without a message: a Vietnamese one of the phone\'s own', async () => {
  const { db, server, run } = setup();
  await queuedCase(db, 'u1', {}, 1);
  server.before = (req) => (isUpload(req) ? new Response('Insufficient Storage', { status: 507 }) : undefined);
  const r = await run();
  assert.is(r.outcome, 'network');
  assert.is(r.lastError?.message, MESSAGES.quota);
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
  server.before = (req) => (isUpload(req) ? new Promise<undefined>(() => undefined) : undefined);
  const hang = server.fetch;
  const fetchWithSignal = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const signal = init?.signal;
    return Promise.race([hang(input, init), new Promise<never>((_, reject) => signal?.addEventListener('abort', () => reject(signal.reason)))]);
  }) as typeof fetch;
  // The timeouts the run asks for, in order: each request's is its base plus its bytes at the given speed.
  const timeouts: number[] = [];
  const timeout = AbortSignal.timeout;
  AbortSignal.timeout = (ms: number) => { timeouts.push(ms); return timeout.call(AbortSignal, ms); };
  const keepAlive = setInterval(() => undefined, 1000); // AbortSignal.timeout's timer does not keep Node running
  let r: Awaited<ReturnType<typeof run>>;
  try {
    r = await run({ fetch: fetchWithSignal, baseTimeoutMs: 50, minBytesPerSecond: 1e9 });
  } finally {
    clearInterval(keepAlive);
    AbortSignal.timeout = timeout;
  }
  const sized = server.requests.filter(isUpload).map((q) => 50 + Math.ceil((q.bytes * 1000) / 1e9));
  assert.ok(sized.length > 0 && sized.every((ms) => timeouts.includes(ms)), `each hanging PUT ended by its own sized timeout: ${sized} of ${timeouts}`);
  assert.is(r.outcome, 'network');
  assert.match((await db.outbox.get(a.id))!.lastError!, /chậm/);
});

test('hash mismatch: garbled on the way is retried; a photo damaged on the phone parks the case', async () => {
  const { db, server, run } = setup();
  const a = await queuedCase(db, 'u1', {}, 1);
  const b = await queuedCase(db, 'u1', {}, 1);
  let garble = true;
  server.before = (req) => {
    if (req.method !== 'PATCH' || !req.path.endsWith(a.photos[0]!.sha256) || !garble) return undefined;
    garble = false;
    return new Response(JSON.stringify({ error: 'hash-mismatch', message: 'Ảnh nhận được không khớp mã SHA-256 của nó' }), { status: 422 });
  };
  const stored = (await db.blobs.get(b.photos[0]!.sha256))!;
  const damaged = new Uint8Array(stored.bytes.slice(0));
  damaged[100] = damaged[100]! ^ 0xff;
  await db.blobs.put({ ...stored, bytes: damaged.buffer });
  const r = await run();
  assert.equal(r.retried, [a.id]);
  assert.match((await db.outbox.get(a.id))!.lastError!, /đường truyền/);
  assert.equal(r.parked, [b.id]);
  assert.match((await db.cases.get(b.id))!.problem!.message, /bị hỏng/);
  await run({ ignoreBackoff: true });
  assert.is(await statusOf(db, a.id), 'sent');
});
test.run();
