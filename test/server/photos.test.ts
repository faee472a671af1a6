// Photo uploads: HEAD/PUT/GET /api/photos/{sha256}, content-addressed files on disk, refusals, a killed server.
import * as assert from 'uvu/assert';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { ServerProcess } from '../support/server-process';
import { forEachDatabase } from './helpers';
import { call, signedIn } from '../support/api-client';
import { caseFields, newCaseId } from '../support/case-fixtures';
import { fakeJpeg, putPhoto, sha256, uploadedPhoto } from '../support/photo-uploads';
import { until } from '../support/wait';

const LIMIT = 1024 * 1024;
const fileOf = (server: ServerProcess, hash: string) => join(server.dataDir, 'photos', hash.slice(0, 2), hash.slice(2, 4), `${hash}.jpg`);
const tempFiles = (server: ServerProcess) => readdirSync(join(server.dataDir, 'photos', 'tmp'));
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
    assert.is((await putPhoto(other, bytes)).status, 200, 'another user uploading the same photo: still one file');

    assert.ok(readFileSync(fileOf(server, hash)).equals(bytes), 'stored byte for byte under photos/ab/cd/<sha256>.jpg');
    const rows = await server.db().selectFrom('photos').selectAll().where('sha256', '=', hash).execute();
    assert.is(rows.length, 1);
    assert.is(rows[0]!.uploaded_by, reporter.user.id);
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

  test('GET: the uploader and readers of a case using the photo; nobody else', async ({ server }) => {
    const reporter = await signedIn(server);
    const photo = await uploadedPhoto(reporter);
    const own = await fetch(`${server.url}/api/photos/${photo.sha256}`, { headers: { cookie: reporter.cookie } });
    assert.is(own.status, 200);
    assert.is(own.headers.get('content-type'), 'image/jpeg');
    assert.is(sha256(new Uint8Array(await own.arrayBuffer())), photo.sha256);

    const reviewer = await signedIn(server, 'commune-reviewer', '03637');
    const stranger = await signedIn(server);
    const otherCommune = await signedIn(server, 'commune-reviewer', '03628');
    assert.is((await reviewer.call(`/api/photos/${photo.sha256}`)).status, 404, 'not in any case yet');
    const put = await reporter.call(`/api/cases/${newCaseId()}`, { method: 'PUT', json: { baseRevision: 0, fields: caseFields({ photos: [photo] }) } });
    assert.is(put.status, 201, put.text);
    assert.is((await reviewer.call(`/api/photos/${photo.thumbSha256}`)).status, 200);
    assert.is((await stranger.call(`/api/photos/${photo.sha256}`)).status, 404);
    assert.is((await otherCommune.call(`/api/photos/${photo.sha256}`)).status, 404);
  });

  test('a server killed mid-upload leaves no file and no row; after restart the upload succeeds', async ({ server }) => {
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

    await until(() => tempFiles(server).length > 0, 'the body written to a temp file');
    assert.is(tempFiles(server).length, 1, 'the body is being written to a temp file');
    const url = server.url;
    await server.stop('SIGKILL');
    release();
    assert.instance(await upload, Error);

    await server.start();
    assert.is(server.url, url, 'same address after a restart');
    assert.equal(tempFiles(server), [], 'the leftover temp file is removed at start');
    assert.not.ok(existsSync(fileOf(server, hash)));
    assert.is((await reporter.call(`/api/photos/${hash}`, { method: 'HEAD' })).status, 404);
    assert.is((await putPhoto(reporter, bytes)).status, 201, 'the session survived the restart too');
    assert.ok(readFileSync(fileOf(server, hash)).equals(bytes));
  });
}, { env: { MAX_PHOTO_BYTES: String(LIMIT) } });
