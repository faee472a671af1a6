// Photo uploads a dropped link cuts: the server keeps the bytes that came, HEAD tells the uploader how many
// (Upload-Offset), PATCH sends the rest, and the photo is checked and stored once, whole, when its last byte is in.
import * as assert from 'uvu/assert';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { PartialUploads } from '../../src/server/photos/partial';
import type { ServerProcess } from '../support/server-process';
import { forEachDatabase } from './helpers';
import { signedIn, type Client } from '../support/api-client';
import { heldPhotoUpload, partialUploads, type HeldUpload } from '../support/held-upload';
import { fakeJpeg, patchPhoto, putPhoto, sha256 } from '../support/photo-uploads';
import { until } from '../support/wait';

const LIMIT = 1024 * 1024;
const fileOf = (server: ServerProcess, hash: string) => join(server.dataDir, 'photos', hash.slice(0, 2), hash.slice(2, 4), `${hash}.jpg`);
const photoRows = (server: ServerProcess, hash: string) => server.db().selectFrom('photos').select('sha256').where('sha256', '=', hash).execute();
const offsetOf = async (client: Client, hash: string) => {
  const head = await client.call(`/api/photos/${hash}`, { method: 'HEAD' });
  assert.is(head.status, 404, 'not stored yet');
  return Number(head.headers.get('upload-offset'));
};

/** Sends `firstBytes` of the body (from `offset`), waits until the server holds them, then drops the link. */
async function cutAfter(server: ServerProcess, client: Client, bytes: Buffer, firstBytes: number, offset = 0): Promise<HeldUpload> {
  const upload = heldPhotoUpload(server.url, client, bytes, firstBytes, { offset });
  await until(() => partialUploads(server.dataDir)[0]?.bytes === offset + firstBytes, `${offset + firstBytes} bytes held by the server`);
  upload.cut();
  assert.instance(await upload.reply, Error, 'the client saw its connection die');
  return upload;
}

forEachDatabase('photo uploads resumed after a dropped link', (test) => {
  test('cut three times during one photo: each time HEAD gives the offset, PATCH goes on; stored once, byte-identical', async ({ server }) => {
    const reporter = await signedIn(server);
    const bytes = fakeJpeg(1600, 1200, 300_000);
    const hash = sha256(bytes);
    assert.is(await offsetOf(reporter, hash), 0, 'nothing held before the first byte');

    await cutAfter(server, reporter, bytes, 70_000);
    assert.is(await offsetOf(reporter, hash), 70_000);
    await cutAfter(server, reporter, bytes, 90_000, 70_000);
    assert.is(await offsetOf(reporter, hash), 160_000);
    await cutAfter(server, reporter, bytes, 40_000, 160_000);
    assert.is(await offsetOf(reporter, hash), 200_000);
    assert.not.ok(existsSync(fileOf(server, hash)), 'nothing visible before the last byte');
    assert.equal(await photoRows(server, hash), []);

    const last = await patchPhoto(reporter, bytes, 200_000);
    assert.is(last.status, 201, last.text);
    assert.equal(last.body, { sha256: hash, bytes: bytes.length, width: 1600, height: 1200, created: true });
    assert.ok(readFileSync(fileOf(server, hash)).equals(bytes), 'assembled byte for byte');
    assert.is((await photoRows(server, hash)).length, 1);
    assert.is((await reporter.call(`/api/photos/${hash}`, { method: 'HEAD' })).status, 200);
    assert.equal(partialUploads(server.dataDir), [], 'the partial file became the photo');
  });

  test('a PATCH at another offset than the server holds: 409 with the right one, nothing written', async ({ server }) => {
    const reporter = await signedIn(server);
    const bytes = fakeJpeg(1600, 1200, 120_000);
    const hash = sha256(bytes);
    await cutAfter(server, reporter, bytes, 50_000);
    for (const offset of [40_000, 60_000]) {
      const r = await patchPhoto(reporter, bytes, offset);
      assert.is(r.status, 409, `offset ${offset}`);
      assert.is(r.body.error, 'offset-mismatch');
      assert.is(r.headers.get('upload-offset'), '50000');
    }
    assert.equal(partialUploads(server.dataDir).map((f) => f.bytes), [50_000]);
    assert.is((await patchPhoto(reporter, bytes, 50_000)).status, 201);
  });

  test('a request replayed from byte 0 while bytes are held (PATCH at 0): 409 with the offset, nothing discarded; PUT starts over', async ({ server }) => {
    const reporter = await signedIn(server);
    const bytes = fakeJpeg(1600, 1200, 120_000);
    await cutAfter(server, reporter, bytes, 50_000);
    const replayed = await patchPhoto(reporter, bytes, 0);
    assert.is(replayed.status, 409);
    assert.is(replayed.headers.get('upload-offset'), '50000');
    assert.equal(partialUploads(server.dataDir).map((f) => f.bytes), [50_000]);
    const put = await putPhoto(reporter, bytes);
    assert.is(put.status, 201, 'a PUT (another client) starts over and is stored');
    assert.ok(server.logs().some((l) => l.includes('"msg":"photo upload started over"') && l.includes('"discarded":50000')), 'logged');
  });

  test('every byte held but never checked (a server stopped first): an empty PATCH at the end finishes it', async ({ server }) => {
    const reporter = await signedIn(server);
    const bytes = fakeJpeg(1600, 1200, 60_000);
    const hash = sha256(bytes);
    const partial = new PartialUploads(join(server.dataDir, 'photos', 'partial')).pathOf(reporter.user.id, hash);
    mkdirSync(dirname(partial), { recursive: true });
    writeFileSync(partial, bytes);
    assert.is(await offsetOf(reporter, hash), bytes.length);
    const done = await patchPhoto(reporter, bytes, bytes.length);
    assert.is(done.status, 201, done.text);
    assert.ok(readFileSync(fileOf(server, hash)).equals(bytes));
    assert.equal(partialUploads(server.dataDir), []);
  });

  test("another account neither sees nor continues someone's upload; the same bytes from it are its own upload", async ({ server }) => {
    const reporter = await signedIn(server);
    const other = await signedIn(server);
    const bytes = fakeJpeg(1600, 1200, 120_000);
    const hash = sha256(bytes);
    await cutAfter(server, reporter, bytes, 50_000);
    assert.is(await offsetOf(other, hash), 0);
    const r = await patchPhoto(other, bytes, 50_000);
    assert.is(r.status, 409);
    assert.is(r.headers.get('upload-offset'), '0');
    assert.is((await putPhoto(other, bytes)).status, 201, 'its own upload from byte 0');
    assert.is((await patchPhoto(reporter, bytes, 50_000)).status, 200, "the first account's rest: the photo is known, it becomes an owner");
    const owners = await server.db().selectFrom('photo_owners').select('user_id').where('sha256', '=', hash).execute();
    assert.is(owners.length, 2);
    assert.equal(partialUploads(server.dataDir), []);
  });

  test('a request left open on a dead link: HEAD answers the bytes it had, and the PATCH that follows ends it and goes on', async ({ server }) => {
    const reporter = await signedIn(server);
    const bytes = fakeJpeg(1600, 1200, 150_000);
    const hash = sha256(bytes);
    // No reset ever reaches the server: the request just stops sending.
    const stale = heldPhotoUpload(server.url, reporter, bytes, 64_000);
    await until(() => partialUploads(server.dataDir)[0]?.bytes === 64_000, 'the first bytes held');
    assert.is(await offsetOf(reporter, hash), 64_000);
    assert.is((await patchPhoto(reporter, bytes, 64_000)).status, 201);
    assert.instance(await stale.reply, Error, 'the stale request was ended by the server');
    assert.ok(readFileSync(fileOf(server, hash)).equals(bytes));
  });

  test('a wrong hash at the end (422) drops the upload: the next try starts at 0; a body longer than the rest: 400, upload kept', async ({ server }) => {
    const reporter = await signedIn(server);
    const bytes = fakeJpeg(1600, 1200, 120_000);
    const hash = sha256(bytes);
    await cutAfter(server, reporter, bytes, 50_000);
    const garbled = Buffer.from(bytes);
    garbled.writeUInt8(garbled.readUInt8(100_000) ^ 0x01, 100_000);
    const wrong = await patchPhoto(reporter, garbled, 50_000, { hash });
    assert.is(wrong.status, 422);
    assert.is(wrong.body.error, 'hash-mismatch');
    assert.is(await offsetOf(reporter, hash), 0, 'the bad bytes are gone');
    assert.equal(partialUploads(server.dataDir), []);

    await cutAfter(server, reporter, bytes, 50_000);
    const longer = await patchPhoto(reporter, Buffer.concat([bytes, Buffer.alloc(10)]), 50_000, { hash, total: bytes.length });
    assert.is(longer.status, 400, longer.text);
    assert.is(await offsetOf(reporter, hash), 50_000, 'refused before a byte was written');
    assert.equal(await photoRows(server, hash), []);
    assert.is((await patchPhoto(reporter, bytes, 50_000)).status, 201);
  });

  test('PATCH headers checked: Upload-Offset and Upload-Length numbers (400), within the size limit (413), its type (415)', async ({ server }) => {
    const reporter = await signedIn(server);
    const bytes = fakeJpeg(1600, 1200, 20_000);
    const hash = sha256(bytes);
    const patch = (headers: Record<string, string>) =>
      reporter.call(`/api/photos/${hash}`, { method: 'PATCH', body: bytes.subarray(10), headers: { 'content-type': 'application/offset+octet-stream', ...headers } });
    assert.is((await patch({ 'upload-length': String(bytes.length) })).status, 400, 'no Upload-Offset');
    assert.is((await patch({ 'upload-offset': '10' })).status, 400, 'no Upload-Length');
    assert.is((await patch({ 'upload-offset': '-1', 'upload-length': String(bytes.length) })).status, 400);
    assert.is((await patch({ 'upload-offset': '10', 'upload-length': '10' })).status, 400, 'a body past the end');
    assert.is((await patch({ 'upload-offset': '11', 'upload-length': '10' })).status, 400, 'an offset past the end');
    assert.is((await patch({ 'upload-offset': '10', 'upload-length': String(LIMIT + 1) })).status, 413);
    const typed = await reporter.call(`/api/photos/${hash}`, {
      method: 'PATCH', body: bytes.subarray(10), headers: { 'content-type': 'image/jpeg', 'upload-offset': '10', 'upload-length': String(bytes.length) },
    });
    assert.is(typed.status, 415);
    assert.equal(partialUploads(server.dataDir), []);
  });
}, { env: { MAX_PHOTO_BYTES: String(LIMIT) } });
