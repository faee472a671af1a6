// Write transactions under concurrency (src/server/db/transaction.ts). On SQLite, calls that arrive together share
// one commit (one fsync), each in its own savepoint, and the work they ask to precede it (a photo folder's fsync)
// runs once before it; on both databases, a SIGKILL after answers loses no case and no photo a client was told
// is stored.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import { openDatabase, type Db } from '../../src/server/db/connect';
import { migrateToLatest } from '../../src/server/db/migrations';
import { groupCommitStats, writeTransaction } from '../../src/server/db/transaction';
import { signedIn } from '../support/api-client';
import { caseFields, newCaseId } from '../support/case-fixtures';
import { fakeJpeg, patchPhoto, sha256, uploadedPhoto } from '../support/photo-uploads';
import { forEachDatabase } from './helpers';
import { createTestDatabase } from '../support/databases';

interface Local { dir: string; db: Db }
const sqlite = suite<Local>('group commit [sqlite]');

sqlite.before.each(async (ctx) => {
  ctx.dir = mkdtempSync(join(tmpdir(), 'gs-group-'));
  ctx.db = openDatabase({ dataDir: ctx.dir });
  await migrateToLatest(ctx.db);
});
sqlite.after.each(async (ctx) => {
  await ctx.db.destroy();
  rmSync(ctx.dir, { recursive: true, force: true });
});

const setting = (tx: Parameters<Parameters<typeof writeTransaction>[1]>[0], key: string) =>
  tx.insertInto('settings').values({ key, value: '{}', updated_by: null, updated_at: new Date().toISOString() }).execute();

/** What another connection to the file sees: only committed rows. */
function committedKeys(dir: string): string[] {
  const other = new SQLite(join(dir, 'db.sqlite'), { readonly: true });
  try {
    return (other.prepare('select key from settings order by key').all() as { key: string }[]).map((r) => r.key);
  } finally {
    other.close();
  }
}

sqlite('32 writes at once share a few commits; each resolves only once committed', async ({ db, dir }) => {
  const before = groupCommitStats(db);
  const keys = Array.from({ length: 32 }, (_, i) => `k${String(i).padStart(2, '0')}`);
  await Promise.all(keys.map(async (key) => {
    await writeTransaction(db, (tx) => setting(tx, key));
    assert.ok(committedKeys(dir).includes(key), `${key} is committed when its call resolves`);
  }));
  assert.equal(committedKeys(dir), keys);
  const after = groupCommitStats(db);
  assert.is(after.calls - before.calls, 32);
  assert.ok(after.commits - before.commits <= 2, `32 calls in ${after.commits - before.commits} commits`);
});

sqlite('a call that throws is rolled back alone, even after its writes; the others in its commit are kept', async ({ db, dir }) => {
  const results = await Promise.allSettled([
    writeTransaction(db, (tx) => setting(tx, 'a')),
    writeTransaction(db, async (tx) => {
      await setting(tx, 'b');
      throw new Error('refused after writing');
    }),
    writeTransaction(db, (tx) => setting(tx, 'a')), // a constraint error: 'a' exists within the same commit
    writeTransaction(db, (tx) => setting(tx, 'c')),
  ]);
  assert.equal(results.map((r) => r.status), ['fulfilled', 'rejected', 'rejected', 'fulfilled']);
  assert.match(String((results[1] as PromiseRejectedResult).reason), /refused after writing/);
  assert.match(String((results[2] as PromiseRejectedResult).reason), /UNIQUE/);
  assert.equal(committedKeys(dir), ['a', 'c']);
});

sqlite('a later call sees the earlier calls of its commit, never a rolled-back one', async ({ db }) => {
  const seen = await Promise.all([
    writeTransaction(db, (tx) => setting(tx, 'x')),
    writeTransaction(db, async (tx) => { await setting(tx, 'gone'); throw new Error('no'); }).catch(() => undefined),
    writeTransaction(db, async (tx) => (await tx.selectFrom('settings').select('key').orderBy('key').execute()).map((r) => r.key)),
  ]);
  assert.equal(seen[2], ['x']);
});

/** A write transaction that holds the commit under way until released: the calls made meanwhile share the next. */
function holdCommits(db: Db): { release(): Promise<void> } {
  let open!: () => void;
  const gate = new Promise<void>((resolve) => { open = resolve; });
  const holding = writeTransaction(db, () => gate);
  return { release: async () => { open(); await holding; } };
}

sqlite('Commit.before: work asked for by the calls of a commit runs once per key, before the COMMIT', async ({ db, dir }) => {
  const runs: Record<string, number> = {};
  const seenUncommitted: string[][] = [];
  const task = (key: string) => async () => {
    runs[key] = (runs[key] ?? 0) + 1;
    seenUncommitted.push(committedKeys(dir));
  };
  const held = holdCommits(db);
  const calls = ['a', 'b', 'c'].map((key) => writeTransaction(db, async (tx, commit) => {
    await setting(tx, key);
    commit.before('fsync folder', task('fsync folder'));
    if (key === 'c') commit.before('other folder', task('other folder'));
  }));
  await held.release();
  await Promise.all(calls);
  assert.equal(runs, { 'fsync folder': 1, 'other folder': 1 });
  assert.equal(seenUncommitted, [[], []], 'nothing of the commit is visible while its pre-commit work runs');
  assert.equal(committedKeys(dir), ['a', 'b', 'c']);
});

sqlite('Commit.before: when that work fails, the whole commit is rolled back and every call of it fails', async ({ db, dir }) => {
  const held = holdCommits(db);
  const calls = Promise.allSettled([
    writeTransaction(db, (tx) => setting(tx, 'a')),
    writeTransaction(db, async (tx, commit) => {
      await setting(tx, 'b');
      commit.before('fsync folder', () => Promise.reject(new Error('EIO')));
    }),
  ]);
  await held.release();
  const results = await calls;
  assert.equal(results.map((r) => r.status), ['rejected', 'rejected']);
  assert.equal(committedKeys(dir), []);
  await writeTransaction(db, (tx) => setting(tx, 'c'));
  assert.equal(committedKeys(dir), ['c'], 'the next commit goes on');
});

sqlite.run();

const postgres = suite('Commit.before [postgres]');
postgres('runs before the COMMIT; a failure rolls the transaction back', async () => {
  const database = await createTestDatabase('postgres');
  const db = database.open();
  const other = database.open();
  try {
    await migrateToLatest(db);
    const visible = async (key: string) => (await other.selectFrom('settings').select('key').where('key', '=', key).executeTakeFirst()) !== undefined;
    let seen: boolean | undefined;
    await writeTransaction(db, async (tx, commit) => {
      await setting(tx, 'a');
      commit.before('folder', async () => { seen = await visible('a'); });
    });
    assert.is(seen, false, 'not committed while the work runs');
    assert.ok(await visible('a'));
    await writeTransaction(db, async (tx, commit) => {
      await setting(tx, 'b');
      commit.before('folder', () => Promise.reject(new Error('EIO')));
    }).then(() => assert.unreachable('should fail'), (err: Error) => assert.match(err.message, /EIO/));
    assert.not.ok(await visible('b'));
  } finally {
    await other.destroy();
    await db.destroy();
    await database.drop();
  }
});
postgres.run();

forEachDatabase('acknowledged writes survive a SIGKILL', (test) => {
  test('32 reporters sending at once, the server killed mid-stream: every case answered 201 is there after the restart', async ({ server }) => {
    const reporters = await Promise.all(Array.from({ length: 8 }, () => signedIn(server)));
    const photos = await Promise.all(reporters.map((r) => uploadedPhoto(r)));
    const acknowledged: string[] = [];
    let killed: Promise<void> | undefined;
    const send = async (i: number) => {
      for (let n = 0; !killed; n++) {
        const id = newCaseId();
        const r = await reporters[i % 8]!.call(`/api/cases/${id}`, { method: 'PUT', json: { baseRevision: 0, fields: caseFields({ photos: [photos[i % 8]!] }) } })
          .catch(() => undefined);
        if (r?.status === 201) acknowledged.push(id);
        // After 100 answers the server dies, whatever is in flight.
        if (acknowledged.length >= 100 && !killed) killed = server.stop('SIGKILL');
        if (!r) return;
      }
    };
    await Promise.all(Array.from({ length: 32 }, (_, i) => send(i)));
    await killed;
    await server.start();
    const ids = new Set((await server.db().selectFrom('cases').select('id').execute()).map((r) => r.id));
    const lost = acknowledged.filter((id) => !ids.has(id));
    assert.ok(acknowledged.length >= 100, `${acknowledged.length} acknowledged`);
    assert.equal(lost, [], `${lost.length} of ${acknowledged.length} acknowledged cases lost`);
  });

  test('32 photo uploads at once as the phone sends them (PATCH), the server killed mid-stream: every photo answered 201 is stored whole', async ({ server }) => {
    const reporters = await Promise.all(Array.from({ length: 8 }, () => signedIn(server)));
    const acknowledged: Buffer[] = [];
    let killed: Promise<void> | undefined;
    const send = async (i: number) => {
      while (!killed) {
        const bytes = fakeJpeg(1600, 1200, 20_000 + i * 1000);
        const r = await patchPhoto(reporters[i % 8]!, bytes, 0).catch(() => undefined);
        if (r?.status === 201) acknowledged.push(bytes);
        if (acknowledged.length >= 60 && !killed) killed = server.stop('SIGKILL');
        if (!r) return;
      }
    };
    await Promise.all(Array.from({ length: 32 }, (_, i) => send(i)));
    await killed;
    await server.start();
    const rows = new Set((await server.db().selectFrom('photos').select('sha256').execute()).map((r) => r.sha256));
    const lost = acknowledged.filter((bytes) => {
      const hash = sha256(bytes);
      const file = join(server.dataDir, 'photos', hash.slice(0, 2), hash.slice(2, 4), `${hash}.jpg`);
      return !rows.has(hash) || !existsSync(file) || sha256(readFileSync(file)) !== hash;
    });
    assert.ok(acknowledged.length >= 60, `${acknowledged.length} acknowledged`);
    assert.is(lost.length, 0, `${lost.length} of ${acknowledged.length} acknowledged photos lost or damaged`);
  });
});
