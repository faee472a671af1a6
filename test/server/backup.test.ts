// Backup, restore and verify (issue #11, points 1–3), on a real server process: reporters keep sending cases with
// photos while `npm run backup` runs; the backup is restored into a fresh DATA_DIR or database, a server started
// on it, and every case acknowledged before the backup began must be there with its photos byte for byte.
import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as assert from 'uvu/assert';
import type { CaseChange, ChangesPage } from '../../src/shared/sync-protocol';
import { photoPath, readManifest, type Manifest } from '../../src/server/backup/layout';
import { scheduleBackups } from '../../src/server/backup/schedule';
import { createLogger } from '../../src/server/log';
import { logIn, signedIn, type Client } from '../support/api-client';
import { caseFields, newCaseId } from '../support/case-fixtures';
import { createTestDatabase, type TestDatabase } from '../support/databases';
import { fakeJpeg, putPhoto, sha256 } from '../support/photo-uploads';
import { startServerProcess, type ServerProcess } from '../support/server-process';
import { until } from '../support/wait';
import { forEachDatabase } from './helpers';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const CLI = fileURLToPath(new URL('../../src/server/backup/cli.ts', import.meta.url));

interface Run { code: number; out: string }

/** The CLI as `npm run backup|restore|verify` runs it, on the data `env` names. */
function cli(args: string[], env: Record<string, string>): Promise<Run> {
  return new Promise((resolve) => {
    execFile(process.execPath, ['--import', 'tsx', CLI, ...args], { cwd: ROOT, env: { ...process.env, ...env } }, (err, stdout, stderr) => {
      resolve({ code: err ? Number((err as { code?: number }).code ?? 1) : 0, out: stdout + stderr });
    });
  });
}

const envOf = (s: { dataDir: string; databaseUrl?: string | undefined }) => ({ DATA_DIR: s.dataDir, DATABASE_URL: s.databaseUrl ?? '' });

interface Sent { client: Client; photos: Buffer[] }

/** A case with one photo and its thumbnail, sent as a phone does: photos first, then the case. */
async function sendCase(client: Client): Promise<{ id: string; photos: Buffer[] }> {
  const photo = fakeJpeg(1600, 1200, 6000);
  const thumb = fakeJpeg(320, 240, 1500);
  for (const bytes of [photo, thumb]) {
    const r = await putPhoto(client, bytes);
    if (r.status !== 201 && r.status !== 200) throw new Error(`photo: ${r.status} ${r.text}`);
  }
  const id = newCaseId();
  const ref = { sha256: sha256(photo), caption: 'Ảnh hiện trường', width: 1600, height: 1200, bytes: photo.length, thumbSha256: sha256(thumb), thumbBytes: thumb.length };
  const r = await client.call(`/api/cases/${id}`, { method: 'PUT', json: { baseRevision: 0, fields: caseFields({ photos: [ref] }) } });
  if (r.status !== 201) throw new Error(`case: ${r.status} ${r.text}`);
  return { id, photos: [photo, thumb] };
}

async function changesSince(client: Client, since: string): Promise<{ changes: CaseChange[]; cursor: string }> {
  const changes: CaseChange[] = [];
  let cursor = since;
  for (;;) {
    const r = await client.call<ChangesPage>(`/api/sync/changes?since=${cursor}`);
    assert.is(r.status, 200, r.text);
    changes.push(...r.body.changes);
    cursor = r.body.cursor;
    if (!r.body.more) return { changes, cursor };
  }
}

const backupsIn = (dir: string) => readdirSync(dir).filter((n) => n.startsWith('gs-backup-')).sort().map((n) => join(dir, n));

forEachDatabase('backup and restore', (test) => {
  let backups = '';
  let first: Manifest | undefined;

  test('a backup under writes restores every acknowledged case, photos byte for byte; the restored server syncs on', async ({ server, kind }) => {
    backups = mkdtempSync(join(tmpdir(), 'gs-backups-'));
    const reporters = await Promise.all([0, 1, 2].map(() => signedIn(server)));
    const reader = await signedIn(server, 'province-reviewer', '12');
    const sent = new Map<string, Sent>();
    const acknowledgedBefore = new Set<string>();
    let phase: 'before' | 'during' | 'after' = 'before';
    let duringBackup = 0;
    let stop = false;
    const writers = reporters.map(async (client) => {
      while (!stop) {
        const { id, photos } = await sendCase(client);
        sent.set(id, { client, photos });
        if (phase === 'before') acknowledgedBefore.add(id);
        if (phase === 'during') duringBackup++;
      }
    });
    await until(() => acknowledgedBefore.size >= 6, 'six cases acknowledged');
    phase = 'during';
    const backup = await cli(['backup', '--to', backups], envOf(server));
    phase = 'after';
    // Writers go on until the backup has surely missed something.
    await until(() => sent.size > acknowledgedBefore.size + duringBackup, 'a case after the backup');
    stop = true;
    await Promise.all(writers);
    assert.is(backup.code, 0, backup.out);
    assert.ok(duringBackup > 0, 'cases were written while the backup ran');

    const [folder] = backupsIn(backups);
    first = await readManifest(folder!);
    assert.ok(first, 'the manifest');
    assert.is(first!.database, kind);
    assert.equal(first!.damaged, []);
    assert.ok(first!.counts.cases! >= acknowledgedBefore.size);
    assert.is(readdirSync(backups).filter((n) => n.startsWith('.partial-')).length, 0, 'no half-made backup left');

    // A phone that synced against the old server, past the backup.
    const { changes: seen, cursor } = await changesSince(reader, '0');
    assert.ok(Number(cursor) > first!.lastEventSeq, 'the phone saw events the backup does not hold');

    // Refused: a DATA_DIR (or database) in use.
    const emptyDir = mkdtempSync(join(tmpdir(), 'gs-empty-'));
    const refused = await cli(['restore', '--from', folder!], kind === 'postgres' ? { DATA_DIR: emptyDir, DATABASE_URL: server.databaseUrl! } : envOf(server));
    rmSync(emptyDir, { recursive: true, force: true });
    assert.is.not(refused.code, 0, refused.out);
    assert.match(refused.out, /không trống/);

    const target: TestDatabase = await createTestDatabase(kind);
    let restored: ServerProcess | undefined;
    try {
      const restore = await cli(['restore', '--from', folder!], target.env);
      assert.is(restore.code, 0, restore.out);
      assert.match(restore.out, /ĐẠT: không có lỗi/);
      restored = await startServerProcess({ database: kind, env: target.env });

      const db = target.open();
      try {
        const ids = [...acknowledgedBefore];
        const rows = await db.selectFrom('cases').select('id').where('id', 'in', ids).execute();
        assert.is(rows.length, ids.length, 'every case acknowledged before the backup');
      } finally {
        await db.destroy();
      }
      const clients = new Map<string, Client>();
      for (const id of acknowledgedBefore) {
        const { client, photos } = sent.get(id)!;
        const again = clients.get(client.user.username) ?? await logIn(restored, client.user.username);
        clients.set(client.user.username, again);
        for (const bytes of photos) {
          const res = await fetch(`${restored.url}/api/photos/${sha256(bytes)}`, { headers: { cookie: again.cookie } });
          assert.is(res.status, 200);
          assert.ok(Buffer.from(await res.arrayBuffer()).equals(bytes), `photo ${sha256(bytes)} byte for byte`);
        }
      }

      // New writes, and the phone's old cursor reads exactly them.
      const writer = clients.values().next().value!;
      const fresh = await sendCase(writer);
      const readerAgain = await logIn(restored, reader.user.username);
      const next = await changesSince(readerAgain, cursor);
      const all = await changesSince(readerAgain, '0');
      const newOnes = all.changes.filter((c) => c.seq > first!.lastEventSeq);
      assert.ok(next.changes.some((c) => c.caseId === fresh.id), 'the new case reaches the phone');
      assert.equal(next.changes.map((c) => c.seq), newOnes.map((c) => c.seq), 'every event since the restore, once');
      const seenSeqs = new Set(seen.map((c) => c.seq));
      assert.ok(next.changes.every((c) => !seenSeqs.has(c.seq)), 'nothing the phone already had');

      // Verify: a tampered photo, then a missing one.
      const photosDir = join(target.dataDir, 'photos');
      const [a, b] = [...acknowledgedBefore].map((id) => sha256(sent.get(id)!.photos[0]!));
      const original = readFileSync(photoPath(photosDir, a!));
      const tampered = Buffer.from(original);
      tampered[tampered.length - 10] = tampered[tampered.length - 10]! ^ 1;
      writeFileSync(photoPath(photosDir, a!), tampered);
      const onTamper = await cli(['verify'], target.env);
      assert.is(onTamper.code, 1, onTamper.out);
      assert.match(onTamper.out, new RegExp(`Ảnh ${a} bị hỏng`));
      writeFileSync(photoPath(photosDir, a!), original);
      unlinkSync(photoPath(photosDir, b!));
      const onMissing = await cli(['verify'], target.env);
      assert.is(onMissing.code, 1, onMissing.out);
      assert.match(onMissing.out, new RegExp(`Thiếu ảnh ${b}`));
      assert.not.match(onMissing.out, new RegExp(`Ảnh ${a} bị hỏng`));
    } finally {
      await restored?.dispose();
      await target.drop();
    }
  });

  test('the next backup copies only new photos and hard-links the rest; a damaged backup fails verify and restore', async ({ server, kind }) => {
    const reporter = await signedIn(server);
    const added = await sendCase(reporter);
    const second = await cli(['backup', '--to', backups], envOf(server));
    assert.is(second.code, 0, second.out);
    const [older, newer] = backupsIn(backups);
    const m = (await readManifest(newer!))!;
    const previous = new Set(first!.photos.map((p) => p.sha256));
    const expectedNew = m.photos.filter((p) => !previous.has(p.sha256));
    assert.ok(expectedNew.some((p) => p.sha256 === sha256(added.photos[0]!)));
    assert.is(m.stats.photosCopied, expectedNew.length);
    assert.is(m.stats.photosLinked, m.photos.length - expectedNew.length);
    const shared = first!.photos[0]!.sha256;
    assert.is(statSync(photoPath(join(newer!, 'photos'), shared)).ino, statSync(photoPath(join(older!, 'photos'), shared)).ino);

    // A damaged backup: verify says so, and restore refuses it, leaving the DATA_DIR empty for the next try.
    assert.is((await cli(['verify', '--backup', newer!], {})).code, 0);
    const damagedPhoto = photoPath(join(newer!, 'photos'), sha256(added.photos[0]!));
    writeFileSync(damagedPhoto, Buffer.concat([readFileSync(damagedPhoto), Buffer.from([0])]));
    const check = await cli(['verify', '--backup', newer!], {});
    assert.is(check.code, 1, check.out);
    assert.match(check.out, new RegExp(`Ảnh ${sha256(added.photos[0]!)} bị hỏng`));
    const target = await createTestDatabase(kind);
    try {
      const restore = await cli(['restore', '--from', newer!], target.env);
      assert.is.not(restore.code, 0, restore.out);
      assert.match(restore.out, /bị hỏng/);
      assert.equal(readdirSync(target.dataDir), []);
    } finally {
      await target.drop();
    }
    rmSync(backups, { recursive: true, force: true });
  });

  test('scheduled: BACKUP_DIR and BACKUP_EVERY make backups in the server, logged with their size; never two at once', async ({ server, kind }) => {
    const dir = mkdtempSync(join(tmpdir(), 'gs-scheduled-'));
    const lines: string[] = [];
    const log = createLogger((line) => { lines.push(line); });
    const runner = scheduleBackups({ dir, everyMs: 3_600_000, keepDaily: 7, keepWeekly: 4 }, { dataDir: server.dataDir, databaseUrl: server.databaseUrl }, server.db(), log);
    runner.stop();
    await Promise.all([runner.run(), runner.run()]);
    assert.is(backupsIn(dir).length, 1, lines.join(''));
    assert.ok(lines.some((l) => /"backup still running: this run skipped"/.test(l)));
    assert.ok(lines.some((l) => /"backup done".*"bytesWritten":[1-9]/.test(l)), lines.join(''));

    const live = await startServerProcess({ database: kind, env: { BACKUP_DIR: dir, BACKUP_EVERY: '1s' } });
    try {
      await until(() => live.logs().filter((l) => l.includes('"backup done"')).length >= 2, () => `two scheduled backups:\n${live.logs().slice(-10).join('\n')}`);
      // One a second, the same day: only the newest of today is kept.
      await until(() => backupsIn(dir).length === 1 && live.logs().some((l) => l.includes('"backups removed"')), 'the older backups of today removed');
    } finally {
      await live.dispose();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
