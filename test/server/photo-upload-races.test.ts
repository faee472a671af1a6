// Two uploads whose steps interleave, held where the race lies by the store's own seams (its folder fsync, the
// answer to a complete upload): a 201 means the photo and its folders' entries are durable, whichever upload made
// the folder; and a second request for an upload that is being stored never writes into the file being stored.
import * as assert from 'uvu/assert';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { logIn, PASSWORD, type Client } from '../support/api-client';
import { heldPhotoUpload, partialUploads } from '../support/held-upload';
import { startInProcess, type InProcessServer } from '../support/in-process-server';
import { fakeJpeg, patchPhoto, sha256 } from '../support/photo-uploads';
import type { ServerProcess } from '../support/server-process';
import { until } from '../support/wait';
import { fsyncDirShared } from '../../src/server/private-files';
import { PartialUploads, type Appended, type AppendRequest } from '../../src/server/photos/partial';
import { PhotoStore, type PhotoStoreOptions } from '../../src/server/photos/store';
import { forEachDatabase } from './helpers';

interface Gate { opened: Promise<void>; open(): void }
function gate(): Gate {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => { open = resolve; });
  return { opened, open };
}

let accounts = 0;
async function reporter(server: ServerProcess, app: InProcessServer): Promise<Client> {
  const username = `race${++accounts}_${process.pid}`;
  await server.createUser({ username, password: PASSWORD, role: 'reporter', area: '03637' });
  return logIn(app, username);
}

/** Two photos stored in the same folder (same first four hex digits), a folder not on disk yet. */
function twoPhotosOfANewFolder(photosRoot: string): [Buffer, Buffer] {
  const byFolder = new Map<string, Buffer>();
  for (;;) {
    const bytes = fakeJpeg(1600, 1200, 2000);
    const hash = sha256(bytes);
    const folder = join(hash.slice(0, 2), hash.slice(2, 4));
    if (existsSync(join(photosRoot, folder))) continue;
    const other = byFolder.get(folder);
    if (other && !other.equals(bytes)) return [other, bytes];
    byFolder.set(folder, bytes);
  }
}

/** The folder fsyncs of one folder held until `release`; `called(n)` resolves at the n-th; `done` counts those ended. */
function heldFolderFsyncs(held: string) {
  const released = gate();
  const calls: Gate[] = [];
  const nth = (n: number) => (calls[n - 1] ??= gate());
  let count = 0;
  let done = 0;
  const fsyncFolder: PhotoStoreOptions['fsyncFolder'] = async (dir) => {
    if (dir !== held) return fsyncDirShared(dir);
    nth(++count).open();
    await released.opened;
    await fsyncDirShared(dir);
    done++;
  };
  return { fsyncFolder, release: released.open, called: (n: number) => nth(n).opened, done: () => done };
}

/** Uploads whose first complete body waits until `release` before its checks (`entered` once it does). */
class FirstAnswerHeld extends PartialUploads {
  private readonly entry = gate();
  private readonly held = gate();
  private first = true;
  readonly entered = this.entry.opened;
  release(): void { this.held.open(); }

  override append<T>(userId: string, sha: string, req: AppendRequest, answer: (appended: Appended) => Promise<T>): Promise<T> {
    return super.append(userId, sha, req, async (appended) => {
      if (this.first) {
        this.first = false;
        this.entry.open();
        await this.held.opened;
      }
      return answer(appended);
    });
  }
}

const fileOf = (dataDir: string, hash: string) => join(dataDir, 'photos', hash.slice(0, 2), hash.slice(2, 4), `${hash}.jpg`);

forEachDatabase('photo uploads that race each other', (test) => {
  let app: InProcessServer | undefined;
  test.after.each(async () => {
    await app?.close();
    app = undefined;
  });

  test('an upload into a folder another upload has just made is answered only once that folder is durable in its parent', async ({ server, kind }) => {
    const root = join(server.dataDir, 'photos');
    const [first, second] = twoPhotosOfANewFolder(root);
    const folder = dirname(fileOf(server.dataDir, sha256(first)));
    // The entry of the new folder cd/ is in ab/: its fsync is held, so the first upload stops just before COMMIT.
    const fsyncs = heldFolderFsyncs(dirname(folder));
    app = await startInProcess(server, { photos: new PhotoStore(root, { fsyncFolder: fsyncs.fsyncFolder }) });
    // Two accounts: one account's uploads queue on its quota lock, which would hide the race.
    const [alice, bob] = [await reporter(server, app), await reporter(server, app)];

    const madeTheFolder = patchPhoto(alice, first, 0);
    madeTheFolder.catch(() => {}); // awaited below; a failed assertion before then closes its connection
    await fsyncs.called(1);
    assert.ok(existsSync(folder), 'the first upload made the folder and waits at its parent\'s fsync');
    const intoIt = patchPhoto(bob, second, 0).then((reply) => ({ reply, parentSyncsDone: fsyncs.done() }));
    intoIt.catch(() => {});

    // PostgreSQL: the second upload's transaction runs beside the first, so it is either answered (too early) or
    // waits for an fsync of ab/ of its own. SQLite runs every query on its one connection, held by the first
    // upload's commit: the second cannot even read its session before that commit, so the race cannot happen
    // there and the first is let go at once (the check below still holds the order).
    if (kind === 'postgres') await Promise.race([intoIt, fsyncs.called(2)]);
    fsyncs.release();

    const [a, b] = [await madeTheFolder, await intoIt];
    assert.is(a.status, 201, a.text);
    assert.is(b.reply.status, 201, b.reply.text);
    assert.ok(b.parentSyncsDone >= 1, 'answered 201 before the folder it went into was durable in its parent');
    assert.ok(readFileSync(fileOf(server.dataDir, sha256(second))).equals(second));
  });

  /**
   * A server whose first complete upload waits before its checks (FirstAnswerHeld), and that upload: a reporter's
   * PATCH of a whole 120 KB photo, held there. `waits()`: how many requests have waited for an earlier one since.
   */
  async function firstPatchHeld(server: ServerProcess) {
    const photos = new PhotoStore(join(server.dataDir, 'photos'));
    const partials = new FirstAnswerHeld(photos.partials.root);
    Object.assign(photos, { partials });
    let waits = 0;
    const started = await startInProcess(server, {
      photos, log: (line) => { if (line.includes('photo upload waits for its earlier request')) waits++; },
    });
    app = started;
    const alice = await reporter(server, started);
    const bytes = fakeJpeg(1600, 1200, 120_000);
    const stored = patchPhoto(alice, bytes, 0);
    stored.catch(() => {}); // awaited by the test; a failed assertion before then closes its connection
    await partials.entered;
    return { url: started.url, partials, alice, bytes, hash: sha256(bytes), stored, waits: () => waits };
  }

  test('a PUT of an upload whose complete PATCH is being stored waits for it: the stored photo is the whole PATCH', async ({ server }) => {
    const { url, partials, alice, bytes, hash, stored, waits } = await firstPatchHeld(server);
    // The same photo again from byte 0 (a client that gave up on the answer), its first 50,000 bytes only.
    const again = heldPhotoUpload(url, alice, bytes, 50_000);
    await until(() => waits() > 0 || partialUploads(server.dataDir).some((f) => f.bytes === 50_000), 'the PUT waiting, or writing');
    partials.release();

    const reply = await stored;
    assert.is(reply.status, 201, reply.text);
    again.cut();
    await again.reply;
    assert.ok(readFileSync(fileOf(server.dataDir, hash)).equals(bytes), 'the stored photo is the one checked, byte for byte');
    assert.ok(waits() > 0, 'the PUT waited for the PATCH being stored');
    const row = await server.db().selectFrom('photos').select('bytes').where('sha256', '=', hash).executeTakeFirstOrThrow();
    assert.is(Number(row.bytes), bytes.length);
  });

  test('a PATCH that waits for the one being stored (the phone asked HEAD before the answer came) is answered as stored, not 409 at 0', async ({ server }) => {
    const { partials, alice, bytes, hash, stored, waits } = await firstPatchHeld(server);
    // HEAD now says every byte is held: the phone's empty PATCH at the end, and one from halfway (an older probe).
    const head = await alice.call(`/api/photos/${hash}`, { method: 'HEAD' });
    assert.is(head.status, 404);
    assert.is(head.headers.get('upload-offset'), String(bytes.length));
    const atTheEnd = patchPhoto(alice, bytes, bytes.length);
    atTheEnd.catch(() => {});
    await until(() => waits() === 1, 'the empty PATCH waiting for the one being stored');
    partials.release();
    assert.is((await stored).status, 201);
    const afterIt = await atTheEnd;
    assert.is(afterIt.status, 200, afterIt.text);
    assert.equal(afterIt.body, { sha256: hash, bytes: bytes.length, width: 1600, height: 1200, created: false });
    const halfway = await patchPhoto(alice, bytes, 60_000);
    assert.is(halfway.status, 200, halfway.text);
    assert.equal(partialUploads(server.dataDir).filter((f) => f.path.includes(hash)), [], 'nothing written for either');
    assert.ok(readFileSync(fileOf(server.dataDir, hash)).equals(bytes));
  });
});
