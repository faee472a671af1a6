// Write transactions under concurrency (src/server/db/transaction.ts). On SQLite, calls that arrive together share
// one commit (one fsync), each in its own savepoint; on both databases, a SIGKILL after answers loses nothing a
// client was told is stored.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import { openDatabase, type Db } from '../../src/server/db/connect';
import { migrateToLatest } from '../../src/server/db/migrations';
import { groupCommitStats, writeTransaction } from '../../src/server/db/transaction';
import { signedIn } from '../support/api-client';
import { caseFields, newCaseId } from '../support/case-fixtures';
import { uploadedPhoto } from '../support/photo-uploads';
import { forEachDatabase } from './helpers';

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

sqlite.run();

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
});
