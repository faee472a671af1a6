// SIGTERM during an upload (the real server process): the listening socket closes at once, the upload in flight
// finishes with 201 and the process exits 0 after it; a body never finished is cut at SHUTDOWN_GRACE_MS and its
// bytes are kept for the phone to send the rest (photos.test.ts, "killed mid-upload", resumes after a crash).
import * as assert from 'uvu/assert';
import { existsSync, readFileSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';
import { signedIn } from '../support/api-client';
import { heldPhotoUpload, partialUploads } from '../support/held-upload';
import { fakeJpeg, sha256 } from '../support/photo-uploads';
import type { ServerProcess } from '../support/server-process';
import { until } from '../support/wait';
import { forEachDatabase } from './helpers';

// Read at every start: the cut test restarts with a short deadline. Long enough otherwise never to be the reason.
const env: Record<string, string> = { SHUTDOWN_GRACE_MS: '120000' };

const fileOf = (server: ServerProcess, hash: string) => join(server.dataDir, 'photos', hash.slice(0, 2), hash.slice(2, 4), `${hash}.jpg`);
const logged = (server: ServerProcess, msg: string) => server.logs().some((line) => line.includes(`"msg":"${msg}"`));

/** What a new connection to the port meets: 'connected' or the error code (ECONNREFUSED once nobody listens). */
function tryConnect(url: string): Promise<string> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = connect(Number(port), hostname);
    socket.once('connect', () => { socket.destroy(); resolve('connected'); });
    socket.once('error', (err: NodeJS.ErrnoException) => resolve(err.code ?? err.message));
  });
}

forEachDatabase('graceful shutdown', (test) => {
  test.before.each(async ({ server }) => {
    if ((await tryConnect(server.url)) !== 'connected') await server.start();
  });

  test('SIGTERM mid-upload: new connections refused, the upload finishes with 201, then the server exits 0', async ({ server }) => {
    const reporter = await signedIn(server);
    const bytes = fakeJpeg(1600, 1200, 300_000);
    const upload = heldPhotoUpload(server.url, reporter, bytes, 100_000);
    await until(() => partialUploads(server.dataDir)[0]?.bytes === 100_000, 'the first part of the body written to the partial file');

    const exit = server.kill('SIGTERM');
    await until(() => logged(server, 'stopping'), 'the server to begin stopping');
    assert.is(await tryConnect(server.url), 'ECONNREFUSED', 'a new connection after SIGTERM is refused');
    assert.is(await Promise.race([exit.then(() => 'exited'), Promise.resolve('running')]), 'running', 'it waits for the upload');

    upload.finish();
    const reply = await upload.reply;
    if (reply instanceof Error) throw reply;
    assert.is(reply.status, 201, JSON.stringify(reply.body));
    assert.is(reply.headers.connection, 'close', 'the connection ends with the answer');
    assert.is(await exit, 0, 'exit code');
    assert.ok(logged(server, 'stopped'));
    assert.not.ok(logged(server, 'requests still running at the shutdown deadline: cut'));

    assert.ok(readFileSync(fileOf(server, sha256(bytes))).equals(bytes), 'the photo is stored whole');
    const row = await server.db().selectFrom('photos').select('bytes').where('sha256', '=', sha256(bytes)).executeTakeFirst();
    assert.is(row?.bytes, bytes.length);
    assert.equal(partialUploads(server.dataDir), [], 'the finished upload left no partial file');
  });

  test('a body never finished: cut at SHUTDOWN_GRACE_MS, the server exits 0, no row; the bytes that came are kept to resume', async ({ server }) => {
    await server.stop();
    env.SHUTDOWN_GRACE_MS = '300';
    try {
      await server.start();
      const reporter = await signedIn(server);
      const bytes = fakeJpeg(1600, 1200, 300_000);
      const upload = heldPhotoUpload(server.url, reporter, bytes, 100_000);
      await until(() => partialUploads(server.dataDir)[0]?.bytes === 100_000, 'the first part of the body written to the partial file');

      assert.is(await server.kill('SIGTERM'), 0, 'exit code');
      assert.instance(await upload.reply, Error, 'the held upload is cut');
      assert.ok(logged(server, 'requests still running at the shutdown deadline: cut'));
      assert.ok(logged(server, 'stopped'));
      assert.equal(partialUploads(server.dataDir).map((f) => f.bytes), [100_000], 'the cut upload kept the bytes that came, for the phone to send the rest');
      assert.not.ok(existsSync(fileOf(server, sha256(bytes))));
      const row = await server.db().selectFrom('photos').select('sha256').where('sha256', '=', sha256(bytes)).executeTakeFirst();
      assert.is(row, undefined);
    } finally {
      env.SHUTDOWN_GRACE_MS = '120000';
    }
  });
}, { env });
