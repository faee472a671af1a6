// A data disk that fills (a real 8 MB tmpfs as DATA_DIR): a photo whose write meets ENOSPC half-way gets 507
// disk-full with a Vietnamese message and leaves no partial file and no row; below DISK_RESERVE uploads and cases are
// refused before their body; SQLite stays consistent (a write that meets the full disk rolls back); /api/health
// says 503 disk-low. After space is freed, the same photo and case go in, the case once.
import * as assert from 'uvu/assert';
import { suite } from 'uvu';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'kysely';
import { isDiskFull } from '../../src/server/disk/space';
import { writeTransaction } from '../../src/server/db/transaction';
import { call, signedIn, type Client, type Reply } from '../support/api-client';
import { caseFields, newCaseId } from '../support/case-fixtures';
import { DATABASE_KINDS } from '../support/databases';
import { heldPhotoUpload, partialUploads } from '../support/held-upload';
import { fakeJpeg, putPhoto, sha256 } from '../support/photo-uploads';
import { startServerProcess, type ServerProcess } from '../support/server-process';
import { withSmallDisk } from '../support/small-disk';
import { until } from '../support/wait';

const RESERVE = 512 * 1024;
const fileOf = (server: ServerProcess, hash: string) => join(server.dataDir, 'photos', hash.slice(0, 2), hash.slice(2, 4), `${hash}.jpg`);
const photoRow = (server: ServerProcess, hash: string) => server.db().selectFrom('photos').select('bytes').where('sha256', '=', hash).executeTakeFirst();
const caseRows = (server: ServerProcess, id: string) => server.db().selectFrom('cases').select('id').where('id', '=', id).execute();

function assertDiskFull(r: { status: number; body: any }, what: string): void {
  assert.is(r.status, 507, `${what}: ${JSON.stringify(r.body)}`);
  assert.is(r.body.error, 'disk-full', what);
  assert.match(r.body.message, /Ổ đĩa lưu dữ liệu của máy chủ đã đầy/);
  assert.match(r.body.message, /vẫn được giữ trên điện thoại/);
}

async function assertConsistent(server: ServerProcess, kind: string): Promise<void> {
  if (kind === 'sqlite') {
    const { rows } = await sql<{ integrity_check: string }>`pragma integrity_check`.execute(server.db());
    assert.equal(rows.map((r) => r.integrity_check), ['ok'], 'SQLite integrity_check');
  }
  const orphans = await server.db().selectFrom('case_photos').leftJoin('photos', 'photos.sha256', 'case_photos.sha256')
    .select('case_photos.sha256').where('photos.sha256', 'is', null).execute();
  assert.equal(orphans, [], 'no case names a photo the server lacks');
}

const putCase = (client: Client, id: string, photo: Buffer, thumb: Buffer): Promise<Reply> => client.call(`/api/cases/${id}`, {
  method: 'PUT',
  json: {
    baseRevision: 0,
    fields: caseFields({ photos: [{ sha256: sha256(photo), caption: 'Ảnh', width: 1600, height: 1200, bytes: photo.length, thumbSha256: sha256(thumb), thumbBytes: thumb.length }] }),
  },
});

for (const kind of DATABASE_KINDS) {
  const test = suite(`full data disk [${kind}]`);

  test('ENOSPC mid-upload: 507, nothing half-written, health 503; after freeing space the same upload and case go in once', async () => {
    await withSmallDisk(8, async (disk) => {
      const server = await startServerProcess({ database: kind, dataDir: join(disk.dir, 'data'), env: { DISK_RESERVE: String(RESERVE) } });
      try {
        const reporter = await signedIn(server);
        const thumb = fakeJpeg(320, 240, 20_000);
        assert.is((await putPhoto(reporter, thumb)).status, 201);
        const photo = fakeJpeg(1600, 1200, 1_500_000);
        const hash = sha256(photo);
        assert.ok(disk.free() - photo.length > RESERVE, 'room for the photo when its upload begins');

        // The disk fills while the body is on its way: the server is writing it when the filler takes the room.
        const upload = heldPhotoUpload(server.url, reporter, photo, 64 * 1024);
        await until(() => partialUploads(server.dataDir).length === 1, 'the body being written to the partial file');
        const filler = disk.fill(200 * 1024);
        upload.finish();
        const reply = await upload.reply;
        if (reply instanceof Error) throw reply;
        assertDiskFull(reply, 'the upload that met ENOSPC');
        assert.equal(partialUploads(server.dataDir), [], 'no partial file left');
        assert.not.ok(existsSync(fileOf(server, hash)), 'no photo file');
        assert.is(await photoRow(server, hash), undefined, 'no photos row');
        assert.ok(server.logs().some((l) => l.includes('"msg":"data disk full"')), 'logged for the operator');

        const health = await call(server, '/api/health');
        assert.is(health.status, 503);
        assert.is(health.body.status, 'disk-low');
        assert.is(health.body.disk.low, true);
        assert.ok(health.body.disk.freeBytes < RESERVE && health.body.disk.reserveBytes === RESERVE, JSON.stringify(health.body.disk));

        // Below the reserve: refused before the body is read, a case included (none without its photo).
        assertDiskFull(await putPhoto(reporter, photo), 'a photo below the reserve');
        assert.equal(partialUploads(server.dataDir), []);
        const caseId = newCaseId();
        assertDiskFull(await putCase(reporter, caseId, photo, thumb), 'a case below the reserve');
        assert.equal(await caseRows(server, caseId), []);
        await assertConsistent(server, kind);

        if (kind === 'sqlite') {
          // A database write that meets the full disk itself: SQLITE_FULL, rolled back, nothing kept.
          disk.fill(0);
          const err = await writeTransaction(server.db(), async (tx) => {
            await tx.insertInto('settings').values({ key: 'filler', value: JSON.stringify('x'.repeat(2 * 1024 * 1024)), updated_by: null, updated_at: new Date().toISOString() }).execute();
          }).then(() => undefined, (e: unknown) => e);
          assert.ok(err && isDiskFull(err), `SQLITE_FULL expected, got ${String(err)}`);
          await assertConsistent(server, kind);
          const kept = await server.db().selectFrom('settings').select('key').where('key', '=', 'filler').execute();
          assert.equal(kept, [], 'the failed transaction rolled back');
        }

        for (const name of [filler, join(disk.dir, 'filler-2')]) rmSync(name, { force: true });
        const healthy = await call(server, '/api/health');
        assert.is(healthy.status, 200, JSON.stringify(healthy.body));
        assert.is(healthy.body.status, 'ok');
        assert.is((await putPhoto(reporter, photo)).status, 201, 'the same upload once space is back');
        assert.ok(readFileSync(fileOf(server, hash)).equals(photo));
        assert.is((await putCase(reporter, caseId, photo, thumb)).status, 201);
        const replay = await putCase(reporter, caseId, photo, thumb);
        assert.is(replay.status, 200);
        assert.is(replay.body.replay, true);
        assert.is((await caseRows(server, caseId)).length, 1, 'the case arrives once');
        await assertConsistent(server, kind);
      } finally {
        await server.dispose();
      }
    });
  });

  test.run();
}
