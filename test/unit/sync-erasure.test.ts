// A case erased on the server at the data subject's request (#9 point 8) leaves the phone: told by the changes
// feed, or by a 410 'erased' answer to its PUT, the phone deletes its fields, notes, photos, thumbnails and outbox
// entry and keeps only a tombstone (id, owner, date) until the reporter dismisses it. Against the in-process fake.
import 'fake-indexeddb/auto';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { addPhoto, createDraft, saveDraftFields } from '../../src/db/cases';
import type { GuongSangDb } from '../../src/db/database';
import { dismissTombstone, listTombstones } from '../../src/db/erasure';
import { finaliseCase } from '../../src/db/outbox';
import { reopenForEditing } from '../../src/db/reporter-choices';
import type { CaseFields } from '../../src/shared/case-schema';
import { completeDraft } from '../support/case-fixtures';
import { photo, queuedCase, setup, statusOf } from './sync-helpers';

const NAME = 'Lò Thị Xoá';

/** Everything the phone's database holds, as one string: no trace of an erased case may be found in it. */
async function everything(db: GuongSangDb): Promise<string> {
  const [cases, outbox, settings, blobs, tombstones] = await Promise.all([
    db.cases.toArray(), db.outbox.toArray(), db.settings.toArray(), db.blobs.toCollection().primaryKeys(), db.tombstones.toArray(),
  ]);
  return JSON.stringify({ cases, outbox, settings, blobs, tombstones });
}

test('the feed says "erased": the case, its notes and photos leave the phone, a tombstone stays; others are untouched', async () => {
  const { db, server, run } = setup();
  const erased = await queuedCase(db, 'u1', { subjectName: NAME, village: 'Bản Nà Xoá' });
  const kept = await queuedCase(db, 'u1', { subjectName: 'Người ở lại' });
  assert.equal((await run()).sent.length, 2);
  server.review(erased.id, 'returned', 'Bổ sung ảnh của Lò Thị Xoá');
  await run();
  assert.is((await db.cases.get(erased.id))?.serverStatus, 'returned', 'the comment reached the phone first');

  server.erase(erased.id);
  const r = await run();
  assert.is(r.outcome, 'done');
  assert.is(r.changesApplied, 1);
  assert.is(await db.cases.get(erased.id), undefined);
  const dump = await everything(db);
  for (const trace of [NAME, 'Bản Nà Xoá', 'Lò Thị Xoá', ...erased.photos.flatMap((p) => [p.sha256, p.thumbSha256])]) {
    assert.not.ok(dump.includes(trace), `nothing of the erased case is left: ${trace}`);
  }
  const at = server.changes.at(-1)!.at;
  assert.equal(await listTombstones(db, 'u1'), [{ caseId: erased.id, ownerId: 'u1', erasedAt: at }]);
  assert.is(await statusOf(db, kept.id), 'sent');
  for (const p of kept.photos) assert.ok(await db.blobs.get(p.sha256), 'the other case keeps its photos');

  assert.is((await run()).changesApplied, 0, 'the cursor moved past the erasure');
  await dismissTombstone(db, erased.id);
  assert.equal(await listTombstones(db, 'u1'), []);
});

test('a photo another local case also holds stays for that case', async () => {
  const { db, server, run } = setup();
  const shared = photo();
  const ids: string[] = [];
  for (const name of [NAME, 'Người dùng chung ảnh']) {
    const draft = await createDraft(db, completeDraft({ subjectName: name }), { ownerId: 'u1' });
    await addPhoto(db, draft.id, shared);
    await finaliseCase(db, draft.id, (await db.cases.get(draft.id))!.fields as CaseFields);
    ids.push(draft.id);
  }
  await run();
  server.erase(ids[0]!);
  await run();
  assert.is(await db.cases.get(ids[0]!), undefined);
  assert.ok(await db.blobs.get(shared.sha256), 'still listed by the other case');
  assert.ok(await db.blobs.get(shared.thumbSha256));
});

test('a PUT answered 410 "erased": the re-sent case is removed with its edits, not parked or retried', async () => {
  const { db, server, run } = setup();
  const other = await queuedCase(db);
  const c = await queuedCase(db, 'u1', { subjectName: NAME });
  await run();
  server.review(c.id, 'returned', 'Cần bổ sung');
  await run();
  await reopenForEditing(db, c.id);
  const draft = (await db.cases.get(c.id))!;
  const { photos: _photos, ...editable } = draft.fields;
  await saveDraftFields(db, c.id, { ...editable, village: 'Bản sửa sau khi bị xoá' });
  await finaliseCase(db, c.id, (await db.cases.get(c.id))!.fields as CaseFields);
  server.erase(c.id);

  const puts = server.count('PUT', `/api/cases/${c.id}`);
  const r = await run();
  assert.is(server.count('PUT', `/api/cases/${c.id}`), puts + 1, 'tried once');
  assert.equal(r.erased, [c.id]);
  assert.equal(r.parked, []);
  assert.equal(r.retried, []);
  assert.is(r.lastError, undefined, 'no error to show: the tombstone says what happened');
  assert.is(await db.outbox.count(), 0);
  const dump = await everything(db);
  for (const trace of [NAME, 'Bản sửa sau khi bị xoá', ...c.photos.map((p) => p.sha256)]) assert.not.ok(dump.includes(trace), trace);
  assert.equal((await listTombstones(db, 'u1')).map((t) => t.caseId), [c.id]);
  assert.is(await statusOf(db, other.id), 'sent');
});

test('another user\'s case on a shared phone is not touched by this user\'s feed; tombstones are per user', async () => {
  const { db, server, run } = setup();
  const mine = await queuedCase(db, 'u1');
  const theirs = await queuedCase(db, 'u2');
  await run();
  server.erase(mine.id);
  // A feed that (wrongly) names the other user's case must not remove it.
  server.changes.push({ ...server.changes.at(-1)!, seq: server.changes.length + 1, caseId: theirs.id });
  await run();
  assert.is(await db.cases.get(mine.id), undefined);
  assert.is(await statusOf(db, theirs.id), 'queued');
  assert.equal(await listTombstones(db, 'u2'), []);
  assert.equal(await listTombstones(db, undefined), []);
});

test('a 410 that is not "erased" is a server error: retried, nothing removed', async () => {
  const { db, server, run } = setup();
  const c = await queuedCase(db);
  server.before = (req) => (req.method === 'PUT' && req.path.startsWith('/api/cases/') ? new Response('Gone', { status: 410 }) : undefined);
  const r = await run();
  assert.equal(r.retried, [c.id]);
  assert.is(await statusOf(db, c.id), 'queued');
  assert.equal(await listTombstones(db, 'u1'), []);
});

test.run();
