import 'fake-indexeddb/auto';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { strFromU8, strToU8, unzipSync, zipSync, type Zippable } from 'fflate';
import { GuongSangDb } from '../../src/db/database';
import { addPhoto, createDraft, getCase, removePhoto, saveDraftFields, type NewPhoto } from '../../src/db/cases';
import { finaliseCase } from '../../src/db/outbox';
import { reopenForEditing } from '../../src/db/reporter-choices';
import { StorageError } from '../../src/db/errors';
import { validateForFinalise, type CaseFields } from '../../src/shared/case-schema';
import { exportUnsent } from '../../src/transfer/export';
import { importFile, TransferError } from '../../src/transfer/import';
import { sha256Hex } from '../../src/shared/hash';
import { EXPORT_FORMAT, MANIFEST_PATH, photoPath } from '../../src/transfer/format';
import { completeDraft } from '../support/case-fixtures';

let n = 0;
const freshDb = () => new GuongSangDb(`transfer-${process.pid}-${++n}`);
const T0 = Date.UTC(2026, 6, 20, 20, 0); // 21/07/2026 03:00 in Vietnam

async function randomJpeg(size: number) {
  const bytes = new Uint8Array(size);
  crypto.getRandomValues(bytes.subarray(0, Math.min(size, 65536)));
  bytes.set([0xff, 0xd8, 0xff]);
  return { bytes: bytes.buffer, sha256: await sha256Hex(bytes) };
}

async function makePhoto(): Promise<NewPhoto> {
  const [full, thumb] = await Promise.all([randomJpeg(40_000), randomJpeg(3_000)]);
  return { sha256: full.sha256, bytes: full.bytes, width: 1600, height: 1200, thumbSha256: thumb.sha256, thumb: thumb.bytes };
}

function finalFields(fields: ReturnType<typeof completeDraft>): CaseFields {
  const v = validateForFinalise(fields);
  if (!v.ok) throw new Error(`fixture does not validate: ${JSON.stringify(v.errors)}`);
  return v.fields;
}

/** A device with a draft (2 photos) and a queued case (1 photo shared with the draft). */
async function deviceWithCases() {
  const db = freshDb();
  const [p1, p2] = [await makePhoto(), await makePhoto()];
  const draft = await createDraft(db, { subjectName: 'Lò Văn Pành' }, { now: T0 });
  await addPhoto(db, draft.id, p1, 'Ảnh 1', T0 + 1);
  await addPhoto(db, draft.id, p2, '', T0 + 2);
  const queued = await createDraft(db, completeDraft(), { now: T0 + 3 });
  await addPhoto(db, queued.id, p1, 'Chị Mai', T0 + 4);
  await finaliseCase(db, queued.id, finalFields(completeDraft()), T0 + 5);
  return { db, draftId: draft.id, queuedId: queued.id, photos: [p1, p2] };
}

/** Everything on a device, as plain data (JSON drops keys whose value is undefined, so compare without them). */
async function snapshot(db: GuongSangDb) {
  return {
    cases: JSON.parse(JSON.stringify(await db.cases.orderBy('id').toArray())) as unknown[],
    blobs: (await db.blobs.orderBy('sha256').toArray()).map((b) => ({ ...b, bytes: Array.from(new Uint8Array(b.bytes)) })),
    outbox: await db.outbox.orderBy('caseId').toArray(),
  };
}

const unzipBlob = async (blob: Blob) => unzipSync(new Uint8Array(await blob.arrayBuffer()));
const rezip = (files: Zippable) => new Blob([zipSync(files)]);

async function assertRefused(db: GuongSangDb, file: Blob, message: RegExp) {
  const before = await snapshot(db);
  try {
    await importFile(db, file);
    assert.unreachable('should refuse the file');
  } catch (e) {
    assert.instance(e, TransferError);
    assert.match((e as Error).message, message);
  }
  assert.equal(await snapshot(db), before, 'the device is unchanged');
}

test('round trip: same cases, same ids, same photo bytes; the queued case is back in the outbox', async () => {
  const { db: a, draftId, queuedId } = await deviceWithCases();
  const out = await exportUnsent(a, T0 + 10);
  assert.is(out.caseCount, 2);
  assert.is(out.photoCount, 2);
  assert.is(out.fileName, 'guong-sang-21-07-2026-2-ho-so.zip');

  const b = freshDb();
  const result = await importFile(b, out.blob);
  assert.equal(result, { added: 2, updated: 0, skipped: 0, photos: 2 });
  const [sa, sb] = [await snapshot(a), await snapshot(b)];
  assert.equal(sb.cases, sa.cases);
  assert.equal(sb.blobs, sa.blobs);
  assert.is(sb.blobs.length, 4, 'two photos and two thumbnails, the shared one stored once');
  assert.equal(sb.outbox, [{ caseId: queuedId, queuedAt: T0 + 5 }]);
  assert.is((await getCase(b, draftId))?.status, 'draft');
});

test('importing the same file twice adds nothing the second time', async () => {
  const { db: a } = await deviceWithCases();
  const { blob } = await exportUnsent(a, T0 + 10);
  const b = freshDb();
  await importFile(b, blob);
  const once = await snapshot(b);
  assert.equal(await importFile(b, blob), { added: 0, updated: 0, skipped: 2, photos: 0 });
  assert.equal(await snapshot(b), once);
  assert.equal(await importFile(a, blob), { added: 0, updated: 0, skipped: 2, photos: 0 }, 'back into the device it came from');
});

test('the file: cases.json deflated, every blob stored uncompressed under photos/<sha256>.jpg', async () => {
  const { db: a, photos } = await deviceWithCases();
  const { blob } = await exportUnsent(a, T0 + 10);
  const methods = new Map<string, number>();
  const files = unzipSync(new Uint8Array(await blob.arrayBuffer()), {
    filter: (f) => (methods.set(f.name, f.compression), true),
  });
  const expected = [MANIFEST_PATH, ...photos.flatMap((p) => [photoPath(p.sha256), photoPath(p.thumbSha256)])];
  assert.equal(Object.keys(files).sort(), expected.sort());
  assert.is(methods.get(MANIFEST_PATH), 8);
  for (const p of photos) assert.is(methods.get(photoPath(p.sha256)), 0);
  const manifest = JSON.parse(strFromU8(files[MANIFEST_PATH]!));
  assert.is(manifest.format, EXPORT_FORMAT);
  assert.is(manifest.version, 1);
  assert.is(manifest.exportedAt, T0 + 10);
  assert.equal(manifest.cases.map((c: { status: string }) => c.status).sort(), ['draft', 'queued'], 'both unsent statuses');
});

test('nothing to export is said plainly', async () => {
  try {
    await exportUnsent(freshDb());
    assert.unreachable('should refuse');
  } catch (e) {
    assert.instance(e, TransferError);
    assert.match((e as Error).message, /Không có hồ sơ nào chưa gửi/);
  }
});

test('newer wins: a newer copy replaces a draft, an older or equal one is skipped', async () => {
  const { db: a, draftId, queuedId, photos } = await deviceWithCases();
  const b = freshDb();
  await importFile(b, (await exportUnsent(a, T0 + 10)).blob);

  // Edited on A later: the draft loses a photo, the queued case is reopened for correction.
  await removePhoto(a, draftId, photos[1]!.sha256, T0 + 20);
  await reopenForEditing(a, queuedId, T0 + 21);
  // Edited on B later still: B's copy of the queued case must survive the import.
  await reopenForEditing(b, queuedId, T0 + 22);
  await saveDraftFields(b, queuedId, { ...(await getCase(b, queuedId))!.fields, village: 'Bản Hon' }, T0 + 30);

  const result = await importFile(b, (await exportUnsent(a, T0 + 40)).blob);
  assert.equal(result, { added: 0, updated: 1, skipped: 1, photos: 0 });
  assert.is((await getCase(b, draftId))?.fields.photos.length, 1);
  assert.is((await getCase(b, draftId))?.updatedAt, T0 + 20);
  assert.is(await b.blobs.get(photos[1]!.sha256), undefined, 'the photo no case uses any more is gone');
  assert.ok(await b.blobs.get(photos[0]!.sha256));
  assert.is((await getCase(b, queuedId))?.fields.village, 'Bản Hon');
});

test('a newer queued copy puts the case back in the outbox; a newer draft copy takes it out', async () => {
  const a = freshDb();
  const d = await createDraft(a, completeDraft(), { now: T0 });
  const b = freshDb();
  await importFile(b, (await exportUnsent(a, T0 + 1)).blob);
  assert.is(await b.outbox.count(), 0);

  await finaliseCase(a, d.id, finalFields(completeDraft()), T0 + 2);
  assert.equal(await importFile(b, (await exportUnsent(a, T0 + 3)).blob), { added: 0, updated: 1, skipped: 0, photos: 0 });
  assert.equal(await b.outbox.toArray(), [{ caseId: d.id, queuedAt: T0 + 2 }]);
  assert.is((await getCase(b, d.id))?.status, 'queued');

  await reopenForEditing(a, d.id, T0 + 4);
  await importFile(b, (await exportUnsent(a, T0 + 5)).blob);
  assert.is(await b.outbox.count(), 0);
  assert.is((await getCase(b, d.id))?.status, 'draft');
});

test('a file that is not a ZIP is refused and changes nothing', async () => {
  const { db } = await deviceWithCases();
  await assertRefused(db, new Blob(['Họ tên,Năm sinh\nLò Thị Mai,1988\n']), /không phải tệp sao lưu/);
  await assertRefused(db, new Blob([]), /không phải tệp sao lưu/);
});

test('a ZIP cut short on the way is refused as damaged', async () => {
  const { db: a } = await deviceWithCases();
  const bytes = new Uint8Array(await (await exportUnsent(a, T0)).blob.arrayBuffer());
  await assertRefused(freshDb(), new Blob([bytes.subarray(0, bytes.length >> 1)]), /bị hỏng/);
});

/** Rewrites every uncompressed size the ZIP declares (local header and central directory) to `size`. */
function declareSize(zip: Uint8Array, size: number): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(zip);
  const view = new DataView(out.buffer);
  for (let i = 0; i + 4 <= out.length; i++) {
    const sig = view.getUint32(i, true);
    if (sig === 0x04034b50) view.setUint32(i + 22, size, true);
    else if (sig === 0x02014b50) view.setUint32(i + 24, size, true);
  }
  return out;
}

test('a zip bomb (small file, small declared sizes, inflating past the budget) is refused before it is inflated', async () => {
  const { db: a } = await deviceWithCases();
  const files = await unzipBlob((await exportUnsent(a, T0)).blob);
  const bomb = zipSync({ ...files, [MANIFEST_PATH]: [new Uint8Array(40 << 20), { level: 9 }] });
  assert.ok(bomb.length < 1 << 20, 'the file itself is small');
  await assertRefused(a, new Blob([declareSize(bomb, 1000)]), /quá lớn/);
});

test('a ZIP with more entries than any export has is refused', async () => {
  const { db: a } = await deviceWithCases();
  const files: Zippable = await unzipBlob((await exportUnsent(a, T0)).blob);
  for (let i = 0; i <= 10_000; i++) files[`x/${i}.txt`] = new Uint8Array(0);
  await assertRefused(freshDb(), rezip(files), /quá nhiều mục/);
});

test('a ZIP with a wrong or bad manifest is refused', async () => {
  const { db: a } = await deviceWithCases();
  const files = await unzipBlob((await exportUnsent(a, T0)).blob);
  const manifest = JSON.parse(strFromU8(files[MANIFEST_PATH]!));
  const target = freshDb();
  await createDraft(target, { subjectName: 'Có sẵn' }, { now: T0 });
  const withManifest = (m: unknown) => rezip({ ...files, [MANIFEST_PATH]: strToU8(typeof m === 'string' ? m : JSON.stringify(m)) });

  await assertRefused(target, rezip({ 'anh.jpg': new Uint8Array([1, 2, 3]) }), /không phải tệp sao lưu/);
  await assertRefused(target, withManifest({ ...manifest, format: 'other-app' }), /không phải tệp sao lưu/);
  await assertRefused(target, withManifest({ ...manifest, version: 2 }), /phiên bản Gương Sáng mới hơn/);
  await assertRefused(target, withManifest('{"format": "guong-sang-export", '), /bị hỏng/);
  const badId = { ...manifest, cases: [{ ...manifest.cases[0], id: 'not-a-uuid' }, manifest.cases[1]] };
  await assertRefused(target, withManifest(badId), /bị hỏng/);
  const badField = { ...manifest, cases: [{ ...manifest.cases[0], fields: { ...manifest.cases[0].fields, photos: 'x' } }] };
  await assertRefused(target, withManifest(badField), /bị hỏng/);
  const twice = { ...manifest, cases: [manifest.cases[0], manifest.cases[0]] };
  await assertRefused(target, withManifest(twice), /bị hỏng/);
});

test('a photo whose bytes do not match its name, or a missing photo, refuses the whole file', async () => {
  const { db: a, photos } = await deviceWithCases();
  const files = await unzipBlob((await exportUnsent(a, T0)).blob);
  const target = freshDb();
  await createDraft(target, { subjectName: 'Có sẵn' }, { now: T0 });

  const corrupt = files[photoPath(photos[1]!.sha256)]!.slice();
  corrupt[100] = corrupt[100]! ^ 0xff;
  await assertRefused(target, rezip({ ...files, [photoPath(photos[1]!.sha256)]: corrupt }), /bị hỏng/);

  const { [photoPath(photos[0]!.thumbSha256)]: _dropped, ...withoutThumb } = files;
  await assertRefused(target, rezip(withoutThumb), /bị hỏng/);
});

test('a backup unzipped and zipped again (one folder deep, deflated) still imports', async () => {
  const { db: a } = await deviceWithCases();
  const files = await unzipBlob((await exportUnsent(a, T0)).blob);
  const folder = Object.fromEntries(Object.entries(files).map(([name, bytes]) => [`sao-luu/${name}`, bytes]));
  const result = await importFile(freshDb(), new Blob([zipSync({ ...folder, '__MACOSX/sao-luu/._cases.json': new Uint8Array(4) }, { level: 6 })]));
  assert.equal(result, { added: 2, updated: 0, skipped: 0, photos: 2 });
});

test('a full disk during import leaves nothing half-imported', async () => {
  const { db: a } = await deviceWithCases();
  const { blob } = await exportUnsent(a, T0);
  const b = freshDb();
  const before = await snapshot(b);
  const put = b.outbox.put.bind(b.outbox);
  b.outbox.put = (() => Promise.reject(new DOMException('full', 'QuotaExceededError'))) as unknown as typeof b.outbox.put;
  try {
    await importFile(b, blob);
    assert.unreachable('should fail');
  } catch (e) {
    assert.instance(e, StorageError);
    assert.ok((e as StorageError).quota);
  } finally {
    b.outbox.put = put;
  }
  assert.equal(await snapshot(b), before);
});

test.run();
