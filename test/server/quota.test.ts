// The per-account storage quota (ACCOUNT_QUOTA_BYTES): photos and revisions beyond it get 507 quota and change
// nothing; bytes the account already holds and replays still pass; raising the quota lets the same requests in.
import * as assert from 'uvu/assert';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { ServerProcess } from '../support/server-process';
import { forEachDatabase } from './helpers';
import { signedIn, type Client, type Reply } from '../support/api-client';
import type { PhotoRef } from '../../src/shared/case-schema';
import { accountUsage } from '../../src/server/accounts/quota';
import { caseFields, newCaseId } from '../support/case-fixtures';
import { fakeJpeg, putPhoto, sha256, uploadedPhoto } from '../support/photo-uploads';
import { partialUploads } from '../support/held-upload';

const QUOTA = 40_000;
// Read at every start: a test stops the server, raises it and starts again.
const env = { ACCOUNT_QUOTA_BYTES: String(QUOTA) };

const fileOf = (server: ServerProcess, hash: string) => join(server.dataDir, 'photos', hash.slice(0, 2), hash.slice(2, 4), `${hash}.jpg`);
const photoRow = (server: ServerProcess, hash: string) => server.db().selectFrom('photos').select('sha256').where('sha256', '=', hash).executeTakeFirst();
const usage = (server: ServerProcess, client: Client) => accountUsage(server.db(), client.user.id);
const putCase = (client: Client, id: string, photos: PhotoRef[], baseRevision = 0, village = 'Bản Nà Ún') =>
  client.call(`/api/cases/${id}`, { method: 'PUT', json: { baseRevision, fields: caseFields({ photos, village }) } });

/** Uploads one photo of the size that leaves `free` bytes of the account's quota. */
async function fillUpTo(server: ServerProcess, client: Client, free: number): Promise<void> {
  const filler = fakeJpeg(800, 600, QUOTA - (await usage(server, client)) - free);
  assert.is((await putPhoto(client, filler)).status, 201);
  assert.is(await usage(server, client), QUOTA - free);
}

function assertQuota(r: Reply): void {
  assert.is(r.status, 507, r.text);
  assert.is(r.body.error, 'quota');
  assert.match(r.body.message, /đã đầy/);
  assert.match(r.body.message, /vẫn được giữ trên điện thoại/);
  assert.match(r.body.message, /quản trị viên/);
}

async function raiseQuota(server: ServerProcess, bytes: number): Promise<void> {
  await server.stop();
  env.ACCOUNT_QUOTA_BYTES = String(bytes);
  await server.start();
}

forEachDatabase('account quota', (test) => {
  test.before.each(async ({ server }) => {
    if (env.ACCOUNT_QUOTA_BYTES !== String(QUOTA)) await raiseQuota(server, QUOTA);
  });

  test('a photo over the quota: 507, no file, no row; bytes the account already holds still answer 200', async ({ server }) => {
    const reporter = await signedIn(server);
    const held = fakeJpeg(1600, 1200, 20_000);
    assert.is((await putPhoto(reporter, held)).status, 201);
    await fillUpTo(server, reporter, 5_000);

    const over = fakeJpeg(1600, 1200, 5_001);
    assertQuota(await putPhoto(reporter, over));
    assert.not.ok(existsSync(fileOf(server, sha256(over))), 'no file on disk');
    assert.is(await photoRow(server, sha256(over)), undefined, 'no photos row');
    assert.equal(partialUploads(server.dataDir), [], 'no partial file left');
    assert.is((await reporter.call(`/api/photos/${sha256(over)}`, { method: 'HEAD' })).status, 404);

    const again = await putPhoto(reporter, held);
    assert.is(again.status, 200, 'the same bytes again: nothing new to hold');
    assert.is(await usage(server, reporter), QUOTA - 5_000);
    const fits = fakeJpeg(1600, 1200, 5_000);
    assert.is((await putPhoto(reporter, fits)).status, 201, 'exactly the free bytes fit');
  });

  test("bytes another account stored count once they are this account's too", async ({ server }) => {
    const reporter = await signedIn(server);
    const other = await signedIn(server);
    const shared = fakeJpeg(1600, 1200, 8_000);
    assert.is((await putPhoto(other, shared)).status, 201);
    await fillUpTo(server, reporter, 7_999);
    assertQuota(await putPhoto(reporter, shared));
    const owners = await server.db().selectFrom('photo_owners').select('user_id').where('sha256', '=', sha256(shared)).execute();
    assert.equal(owners.map((o) => o.user_id), [other.user.id], 'the refused account does not own it');
    assert.ok(existsSync(fileOf(server, sha256(shared))), "the other account's file stays");
  });

  test('two uploads at once for the last free bytes: one is stored, the other refused', async ({ server }) => {
    const reporter = await signedIn(server);
    await fillUpTo(server, reporter, 10_000);
    const [a, b] = [fakeJpeg(1600, 1200, 6_000), fakeJpeg(1600, 1200, 6_000)];
    const answers = await Promise.all([putPhoto(reporter, a), putPhoto(reporter, b)]);
    assert.equal(answers.map((r) => r.status).sort(), [201, 507]);
    assert.is(await usage(server, reporter), QUOTA - 4_000);
  });

  test('a new case or revision over the quota: 507 and nothing stored; a replay still 200; raised: accepted', async ({ server }) => {
    const reporter = await signedIn(server);
    const photo = await uploadedPhoto(reporter);
    const id = newCaseId();
    assert.is((await putCase(reporter, id, [photo])).status, 201);
    await fillUpTo(server, reporter, 100);

    const revised = await putCase(reporter, id, [photo], 1, 'Bản Hua Bum');
    assertQuota(revised);
    const second = newCaseId();
    assertQuota(await putCase(reporter, second, [photo]));
    const rows = await server.db().selectFrom('case_revisions').select(['case_id', 'revision']).where('author_id', '=', reporter.user.id).execute();
    assert.equal(rows, [{ case_id: id, revision: 1 }], 'no revision, no case stored');
    const stored = await server.db().selectFrom('cases').select('revision').where('id', '=', id).executeTakeFirst();
    assert.is(stored?.revision, 1);

    const replay = await putCase(reporter, id, [photo]);
    assert.is(replay.status, 200, 'a retried PUT of the stored revision');
    assert.is(replay.body.replay, true);

    await raiseQuota(server, QUOTA * 2);
    assert.is((await putCase(reporter, second, [photo])).status, 201);
    const update = await putCase(reporter, id, [photo], 1, 'Bản Hua Bum');
    assert.is(update.status, 200, update.text);
    assert.is(update.body.revision, 2);
  });
}, { env });
