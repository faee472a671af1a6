import 'fake-indexeddb/auto';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { GuongSangDb } from '../../src/db/database';
import { addPhoto, createDraft, deleteCase, getCase, removePhoto, saveDraftFields, setPhotoCaption, CaseNotEditableError } from '../../src/db/cases';
import { finaliseCase, outboxCount } from '../../src/db/outbox';
import { reopenForEditing } from '../../src/db/reporter-choices';
import { StorageError } from '../../src/db/errors';
import { validateForFinalise } from '../../src/shared/case-schema';
import { completeDraft } from '../support/case-fixtures';

let n = 0;
const freshDb = () => new GuongSangDb(`test-${process.pid}-${++n}`);
const hex = (c: string) => c.repeat(64);
const photo = (c: string, t: string) => ({ sha256: hex(c), bytes: new Uint8Array(1000).buffer, width: 1600, height: 1200, thumbSha256: hex(t), thumb: new Uint8Array(100).buffer });

test('a draft saves with almost nothing filled in and keeps its id', async () => {
  const db = freshDb();
  const draft = await createDraft(db);
  await saveDraftFields(db, draft.id, { ...draft.fields, subjectName: 'Lò' });
  const back = await getCase(db, draft.id);
  assert.is(back?.fields.subjectName, 'Lò');
  assert.is(back?.status, 'draft');
  assert.match(draft.id, /^[0-9a-f-]{36}$/);
});

test('photos: stored with their thumbnail, shared blobs survive until the last case lets go', async () => {
  const db = freshDb();
  const a = await createDraft(db);
  const b = await createDraft(db);
  await addPhoto(db, a.id, photo('a', 'b'));
  await addPhoto(db, a.id, photo('a', 'b')); // the same photo twice is one photo
  await addPhoto(db, b.id, photo('a', 'b'));
  assert.is((await getCase(db, a.id))?.fields.photos.length, 1);
  assert.is(await db.blobs.count(), 2);
  await setPhotoCaption(db, a.id, hex('a'), 'Chị Mai bên suối');
  assert.is((await getCase(db, a.id))?.fields.photos[0]?.caption, 'Chị Mai bên suối');
  await removePhoto(db, a.id, hex('a'));
  assert.is(await db.blobs.count(), 2, 'still used by case b');
  await deleteCase(db, b.id);
  assert.is(await db.blobs.count(), 0);
});

test('saving fields never overwrites photos added meanwhile', async () => {
  const db = freshDb();
  const d = await createDraft(db);
  const staleFields = { ...d.fields };
  await addPhoto(db, d.id, photo('c', 'd'));
  await saveDraftFields(db, d.id, { ...staleFields, village: 'Bản Lả' });
  const back = await getCase(db, d.id);
  assert.is(back?.fields.photos.length, 1);
  assert.is(back?.fields.village, 'Bản Lả');
});

test('finalising queues the case; a queued case is read-only until reopened', async () => {
  const db = freshDb();
  const d = await createDraft(db, completeDraft());
  const v = validateForFinalise((await getCase(db, d.id))!.fields);
  assert.ok(v.ok);
  if (!v.ok) return;
  await finaliseCase(db, d.id, v.fields);
  assert.is((await getCase(db, d.id))?.status, 'queued');
  assert.is(await outboxCount(db), 1);
  try {
    await saveDraftFields(db, d.id, { ...d.fields, village: 'x' });
    assert.unreachable('should refuse');
  } catch (e) {
    assert.instance(e, CaseNotEditableError);
  }
  await reopenForEditing(db, d.id);
  assert.is((await getCase(db, d.id))?.status, 'draft');
  assert.is(await outboxCount(db), 0);
});

test('a failing write leaves nothing half-written and says so in Vietnamese', async () => {
  const db = freshDb();
  const d = await createDraft(db);
  const put = db.cases.put.bind(db.cases);
  db.cases.put = (() => Promise.reject(new DOMException('full', 'QuotaExceededError'))) as unknown as typeof db.cases.put;
  try {
    await addPhoto(db, d.id, photo('e', 'f'));
    assert.unreachable('should fail');
  } catch (e) {
    assert.instance(e, StorageError);
    assert.ok((e as StorageError).quota);
    assert.match((e as Error).message, /Bộ nhớ của máy đã đầy/);
  } finally {
    db.cases.put = put;
  }
  assert.is(await db.blobs.count(), 0, 'the photo bytes were rolled back with the case');
  assert.is((await getCase(db, d.id))?.fields.photos.length, 0);
});

test.run();
