// Photo uploads: HEAD/PUT/GET /api/photos/{sha256}, content-addressed files on disk, refusals, a killed server.
import * as assert from 'uvu/assert';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { ServerProcess } from '../support/server-process';
import { forEachDatabase } from './helpers';
import { call, signedIn, type Client } from '../support/api-client';
import type { PhotoRef } from '../../src/shared/case-schema';
import { caseFields, newCaseId } from '../support/case-fixtures';
import { fakeJpeg, patchPhoto, putPhoto, sha256, uploadedPhoto } from '../support/photo-uploads';
import { partialUploads } from '../support/held-upload';
import { buildExifSegment, GPS_LAI_CHAU, insertSegment } from '../support/photo-fixtures';
import { until } from '../support/wait';

const LIMIT = 1024 * 1024;
const fileOf = (server: ServerProcess, hash: string) => join(server.dataDir, 'photos', hash.slice(0, 2), hash.slice(2, 4), `${hash}.jpg`);
const tempFiles = (server: ServerProcess) => partialUploads(server.dataDir);
const segment = (marker: number, text: string) => {
  const payload = Buffer.from(text, 'latin1');
  return Buffer.concat([Buffer.from([0xff, marker, (payload.length + 2) >> 8, (payload.length + 2) & 0xff]), payload]);
};
const putCase = (client: Client, id: string, photos: PhotoRef[], baseRevision = 0) =>
  client.call(`/api/cases/${id}`, { method: 'PUT', json: { baseRevision, fields: caseFields({ photos }) } });
const photoRows = async (server: ServerProcess) => (await server.db().selectFrom('photos').select('sha256').execute()).length;

forEachDatabase('photos', (test) => {
  test('HEAD 404 → PUT 201 → HEAD 200 with its length → PUT again is a 200 no-op; bytes identical on disk', async ({ server }) => {
    const reporter = await signedIn(server);
    const bytes = fakeJpeg(1600, 1200, 300_000);
    const hash = sha256(bytes);
    const head0 = await reporter.call(`/api/photos/${hash}`, { method: 'HEAD' });
    assert.is(head0.status, 404);

    const first = await putPhoto(reporter, bytes);
    assert.is(first.status, 201);
    assert.equal(first.body, { sha256: hash, bytes: bytes.length, width: 1600, height: 1200, created: true });

    const head = await reporter.call(`/api/photos/${hash}`, { method: 'HEAD' });
    assert.is(head.status, 200);
    assert.is(head.headers.get('content-length'), String(bytes.length));
    assert.is(head.text, '');

    const again = await putPhoto(reporter, bytes);
    assert.is(again.status, 200);
    assert.is(again.body.created, false);
    const other = await signedIn(server);
    assert.is((await other.call(`/api/photos/${hash}`, { method: 'HEAD' })).status, 404, 'HEAD answers for the caller only');
    assert.is((await putPhoto(other, bytes)).status, 200, 'another user uploading the same photo: still one file');
    assert.is((await other.call(`/api/photos/${hash}`, { method: 'HEAD' })).status, 200, 'now the other user has it too');

    assert.ok(readFileSync(fileOf(server, hash)).equals(bytes), 'stored byte for byte under photos/ab/cd/<sha256>.jpg');
    const rows = await server.db().selectFrom('photos').selectAll().where('sha256', '=', hash).execute();
    assert.is(rows.length, 1);
    assert.is(rows[0]!.uploaded_by, reporter.user.id);
    const owners = await server.db().selectFrom('photo_owners').select('user_id').where('sha256', '=', hash).orderBy('user_id').execute();
    assert.equal(owners.map((o) => o.user_id), [reporter.user.id, other.user.id].sort());
    assert.equal(tempFiles(server), []);
  });

  test('refused: hash mismatch 422, not a JPEG 415, broken JPEG 422, absurd size 422 — nothing stored', async ({ server }) => {
    const reporter = await signedIn(server);
    const before = await photoRows(server);
    const jpeg = fakeJpeg(800, 600, 5000);
    const claimed = sha256(fakeJpeg(800, 600, 5000));
    const mismatch = await putPhoto(reporter, jpeg, claimed);
    assert.is(mismatch.status, 422);
    assert.is(mismatch.body.error, 'hash-mismatch');
    assert.is((await reporter.call(`/api/photos/${claimed}`, { method: 'HEAD' })).status, 404);
    assert.is((await reporter.call(`/api/photos/${sha256(jpeg)}`, { method: 'HEAD' })).status, 404);

    const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 0, 0, 1, 0, 0, 0, 1, 0]), Buffer.alloc(500)]);
    const text = Buffer.from('<?php system($_GET["c"]); ?> definitely not a photo');
    for (const bytes of [png, text, Buffer.alloc(0)]) {
      const r = await putPhoto(reporter, bytes);
      assert.is(r.status, 415, `${bytes.length} bytes`);
      assert.is(r.body.error, 'not-jpeg');
    }
    const truncated = fakeJpeg(800, 600, 5000).subarray(0, 60);
    const broken = await putPhoto(reporter, truncated);
    assert.is(broken.status, 422);
    assert.is(broken.body.error, 'not-jpeg');

    const huge = await putPhoto(reporter, fakeJpeg(60000, 60000, 3000));
    assert.is(huge.status, 422);
    assert.match(huge.body.message, /60000×60000/);

    assert.is(await photoRows(server), before);
    assert.equal(tempFiles(server), []);
  });

  test('over the size limit: 413 from Content-Length at once, and from a streamed body as soon as it passes', async ({ server }) => {
    const reporter = await signedIn(server);
    const before = await photoRows(server);
    const big = fakeJpeg(1600, 1200, LIMIT + 1);
    const declared = await putPhoto(reporter, big);
    assert.is(declared.status, 413);
    assert.is(declared.body.error, 'too-large');
    assert.match(declared.body.message, /1 MB/);

    // No Content-Length (chunked): the server counts while reading and answers as soon as the limit is passed,
    // long before this client would have finished sending. Past twice the limit, the body waits for the answer.
    const chunk = fakeJpeg(1600, 1200, 16 * 1024);
    let sent = 0;
    let answered = false;
    const body = new ReadableStream<Uint8Array>({
      async pull(controller) {
        if (sent >= 2 * LIMIT) await until(() => answered, 'the answer to a body past the limit').catch(() => undefined);
        if (sent >= 64 * LIMIT) { controller.close(); return; }
        sent += chunk.length;
        controller.enqueue(chunk);
      },
    });
    const res = await fetch(`${server.url}/api/photos/${'a'.repeat(64)}`, {
      method: 'PUT', body, duplex: 'half', headers: { 'content-type': 'image/jpeg', cookie: reporter.cookie },
    } as RequestInit).finally(() => { answered = true; });
    const sentWhenAnswered = sent;
    assert.is(res.status, 413);
    assert.is(((await res.json()) as { error: string }).error, 'too-large');
    assert.ok(sentWhenAnswered < 3 * LIMIT, `answered after ${sentWhenAnswered} bytes`);
    assert.equal(tempFiles(server), []);
    assert.is(await photoRows(server), before);
  });

  test('wrong or missing content type: 415; not signed in: 401; a bad hash in the path: 400', async ({ server }) => {
    const reporter = await signedIn(server);
    const before = await photoRows(server);
    const bytes = fakeJpeg(800, 600, 3000);
    for (const type of ['application/octet-stream', 'image/png', 'text/plain', '']) {
      const r = await putPhoto(reporter, bytes, sha256(bytes), type);
      assert.is(r.status, 415, type);
      assert.is(r.body.error, 'unsupported-media-type');
    }
    const anonymous = await call(server, `/api/photos/${sha256(bytes)}`, { method: 'PUT', body: bytes, headers: { 'content-type': 'image/jpeg' } });
    assert.is(anonymous.status, 401);
    assert.is((await call(server, `/api/photos/${sha256(bytes)}`, { method: 'HEAD' })).status, 401);
    for (const path of [sha256(bytes).toUpperCase(), 'abc', `${sha256(bytes)}.jpg`, '..%2F..%2Fetc%2Fpasswd']) {
      const r = await putPhoto(reporter, bytes, path);
      assert.is(r.status, 400, path);
      assert.is(r.body.error, 'invalid');
    }
    assert.is(await photoRows(server), before);
  });

  test('GET: only through a case the caller may read (not even the uploader before then); HEAD only for uploaders', async ({ server }) => {
    const reporter = await signedIn(server);
    const photo = await uploadedPhoto(reporter);
    assert.is((await reporter.call(`/api/photos/${photo.sha256}`)).status, 404, 'in no case yet');

    const reviewer = await signedIn(server, 'commune-reviewer', '03637');
    const stranger = await signedIn(server);
    const otherCommune = await signedIn(server, 'commune-reviewer', '03628');
    assert.is((await reviewer.call(`/api/photos/${photo.sha256}`)).status, 404, 'not in any case yet');
    const put = await reporter.call(`/api/cases/${newCaseId()}`, { method: 'PUT', json: { baseRevision: 0, fields: caseFields({ photos: [photo] }) } });
    assert.is(put.status, 201, put.text);
    const own = await fetch(`${server.url}/api/photos/${photo.sha256}`, { headers: { cookie: reporter.cookie } });
    assert.is(own.status, 200);
    assert.is(own.headers.get('content-type'), 'image/jpeg');
    assert.is(sha256(new Uint8Array(await own.arrayBuffer())), photo.sha256);
    assert.is((await reviewer.call(`/api/photos/${photo.thumbSha256}`)).status, 200);
    assert.is((await reviewer.call(`/api/photos/${photo.sha256}`, { method: 'HEAD' })).status, 404, 'HEAD: the reviewer did not upload it');
    assert.is((await stranger.call(`/api/photos/${photo.sha256}`)).status, 404);
    assert.is((await stranger.call(`/api/photos/${photo.sha256}`, { method: 'HEAD' })).status, 404, 'HEAD tells a stranger nothing');
    assert.is((await otherCommune.call(`/api/photos/${photo.sha256}`)).status, 404);
  });

  test('a case may list only photos its author uploaded: 409 naming the others; uploading the same bytes records ownership, no second file', async ({ server }) => {
    const owner = await signedIn(server);
    const thief = await signedIn(server);
    const bytes = fakeJpeg(1600, 1200, 6000);
    const thumb = fakeJpeg(320, 240, 1500);
    for (const b of [bytes, thumb]) assert.is((await putPhoto(owner, b)).status, 201);
    const photo: PhotoRef = { sha256: sha256(bytes), caption: 'x', width: 1600, height: 1200, bytes: bytes.length, thumbSha256: sha256(thumb), thumbBytes: thumb.length };
    const id = newCaseId();
    const refused = await putCase(thief, id, [photo]);
    assert.is(refused.status, 409, refused.text);
    assert.is(refused.body.error, 'missing-photos');
    assert.equal(refused.body.missing, [photo.sha256, photo.thumbSha256]);
    assert.is((await thief.call(`/api/photos/${photo.sha256}`)).status, 404, 'no case of theirs was written');
    assert.not.ok(await server.db().selectFrom('cases').select('id').where('id', '=', id).executeTakeFirst());

    // What the phone does with the 409: upload the named photos, and send the case again.
    const mtime = statSync(fileOf(server, photo.sha256)).mtimeMs;
    for (const b of [bytes, thumb]) assert.is((await putPhoto(thief, b)).status, 200, 'already stored: no second copy');
    assert.is(statSync(fileOf(server, photo.sha256)).mtimeMs, mtime, 'the stored file is not written again');
    assert.is((await putCase(thief, id, [photo])).status, 201);
    assert.is((await thief.call(`/api/photos/${photo.sha256}`)).status, 200);

    // A later revision of the owner's own case keeps listing its photos.
    const mine = newCaseId();
    assert.is((await putCase(owner, mine, [photo])).status, 201);
    const revised = await owner.call(`/api/cases/${mine}`, { method: 'PUT', json: { baseRevision: 1, fields: caseFields({ photos: [photo], result: 'Đã cập nhật kết quả' }) } });
    assert.is(revised.status, 200, revised.text);
  });

  test('a case\'s photo width, height and bytes must match the stored file: 422, nothing written', async ({ server }) => {
    const reporter = await signedIn(server);
    const photo = await uploadedPhoto(reporter);
    for (const wrong of [{ width: 1599 }, { height: 900 }, { bytes: photo.bytes + 1 }, { thumbBytes: photo.thumbBytes - 1 }]) {
      const id = newCaseId();
      const r = await putCase(reporter, id, [{ ...photo, ...wrong }]);
      assert.is(r.status, 422, JSON.stringify(wrong));
      assert.is(r.body.error, 'invalid');
      assert.match(r.body.issues[0].message, /không khớp/);
      assert.not.ok(await server.db().selectFrom('cases').select('id').where('id', '=', id).executeTakeFirst());
    }
    assert.is((await putCase(reporter, newCaseId(), [photo])).status, 201);
  });

  test('metadata refused: APP1 EXIF/XMP, APP13 IPTC, COM (even after a scan), other APPn → 422 in Vietnamese, nothing stored; JFIF and ICC pass', async ({ server }) => {
    const reporter = await signedIn(server);
    const before = await photoRows(server);
    const base = () => fakeJpeg(1600, 1200, 6000);
    const beforeEoi = (jpeg: Buffer, seg: Buffer) => Buffer.concat([jpeg.subarray(0, -2), seg, jpeg.subarray(-2)]);
    const carriers: [string, Buffer][] = [
      ['EXIF', insertSegment(base(), buildExifSegment({ gps: GPS_LAI_CHAU, make: 'Cam', model: 'SN-1' }))],
      ['XMP', insertSegment(base(), segment(0xe1, 'http://ns.adobe.com/xap/1.0/\0<x:xmpmeta/>'))],
      ['IPTC', insertSegment(base(), segment(0xed, 'Photoshop 3.0\0IPTC'))],
      ['COM', insertSegment(base(), segment(0xfe, 'Bản Sì Thâu Chải'))],
      ['COM after the scan', beforeEoi(base(), segment(0xfe, 'hidden'))],
      ['APP5', insertSegment(base(), segment(0xe5, 'vendor'))],
      ['APP0 JFXX', insertSegment(base(), segment(0xe0, 'JFXX\0\x10thumb'))],
      ['APP2 not ICC', insertSegment(base(), segment(0xe2, 'MPF\0'))],
    ];
    for (const [name, bytes] of carriers) {
      const r = await putPhoto(reporter, bytes);
      assert.is(r.status, 422, name);
      assert.match(r.body.message, /siêu dữ liệu/, name);
      assert.not.ok(existsSync(fileOf(server, sha256(bytes))), name);
    }
    assert.is(await photoRows(server), before);
    assert.equal(tempFiles(server), []);
    const icc = insertSegment(base(), segment(0xe2, 'ICC_PROFILE\0\x01\x01profile'));
    assert.is((await putPhoto(reporter, icc)).status, 201, 'an ICC profile is kept');
  });

  test('a server killed mid-upload stores no photo; after restart HEAD says how much it kept and PATCH sends the rest', async ({ server }) => {
    const reporter = await signedIn(server);
    const bytes = fakeJpeg(1600, 1200, 400_000);
    const hash = sha256(bytes);
    let release: () => void = () => {};
    const stalled = new Promise<void>((r) => { release = r; });
    let step = 0;
    const body = new ReadableStream<Uint8Array>({
      async pull(controller) {
        if (step === 0) { step++; controller.enqueue(bytes.subarray(0, 200_000)); return; }
        await stalled; // never sends the rest
        controller.close();
      },
    });
    const upload = fetch(`${server.url}/api/photos/${hash}`, {
      method: 'PUT', body, duplex: 'half', headers: { 'content-type': 'image/jpeg', 'content-length': String(bytes.length), cookie: reporter.cookie },
    } as RequestInit).catch((err: Error) => err);

    await until(() => tempFiles(server)[0]?.bytes === 200_000, 'the first 200,000 bytes written to the partial file');
    const url = server.url;
    await server.stop('SIGKILL');
    release();
    assert.instance(await upload, Error);

    await server.start();
    assert.is(server.url, url, 'same address after a restart');
    assert.not.ok(existsSync(fileOf(server, hash)), 'no photo before its last byte');
    const head = await reporter.call(`/api/photos/${hash}`, { method: 'HEAD' });
    assert.is(head.status, 404);
    assert.is(head.headers.get('upload-offset'), '200000', 'the bytes that came before the kill are kept');
    const rest = await patchPhoto(reporter, bytes, 200_000);
    assert.is(rest.status, 201, rest.text);
    assert.ok(readFileSync(fileOf(server, hash)).equals(bytes), 'assembled byte for byte');
    assert.equal(tempFiles(server), []);
  });
}, { env: { MAX_PHOTO_BYTES: String(LIMIT) } });
