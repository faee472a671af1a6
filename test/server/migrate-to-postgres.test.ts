// npm run migrate-to-postgres: a populated SQLite deployment (the 0005 release's data, upgraded, then written to
// through the API: a case with photos, a proposal batch) copied into an empty PostgreSQL database; a server on it
// with the same DATA_DIR keeps the sessions, the accounts, the photos and takes new cases; a second copy into the
// now filled database is refused and changes nothing. Real SQLite, real PostgreSQL, the script as an operator runs it.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { rowCounts } from '../../src/server/db/migrations';
import { tableDigests } from '../../src/server/db/copy-to-postgres';
import { logIn, signedIn, type Client } from '../support/api-client';
import { proposedCase, newBatch, submitted } from '../support/batch-fixtures';
import { createCase } from '../support/review-fixtures';
import { sha256, uploadedPhoto } from '../support/photo-uploads';
import { startServerProcess, type ServerProcess } from '../support/server-process';
import { installRelease0005 } from '../support/release-0005';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const SCRIPT = fileURLToPath(new URL('../../src/server/db/migrate-to-postgres.ts', import.meta.url));

interface Run { code: number | null; stdout: string; stderr: string }
function migrate(...args: string[]): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', SCRIPT, ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (b: Buffer) => { stdout += b.toString(); });
    child.stderr.on('data', (b: Buffer) => { stderr += b.toString(); });
    child.once('error', reject);
    child.once('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

const test = suite('migrate-to-postgres');
let source: ServerProcess;
let target: ServerProcess;
let reporter: Client;
let photoCase: string;
let photo: { sha256: string; thumbSha256: string };
let first: Run;

test.before(async () => {
  source = await startServerProcess({ database: 'sqlite', prepare: async (d) => installRelease0005(d.dataDir) });
  reporter = await signedIn(source, 'reporter', '03637');
  const ref = await uploadedPhoto(reporter, 'Ảnh trước khi chuyển');
  photo = ref;
  photoCase = await createCase(reporter, { photos: [ref] });
  const commune = await logIn(source, 'xa_namtam');
  const proposed = await proposedCase(reporter, commune);
  await submitted(commune, await newBatch(commune, [proposed]));
  await source.stop();

  target = await startServerProcess({
    database: 'postgres',
    env: { DATA_DIR: source.dataDir },
    prepare: async (d) => { first = await migrate('--from', source.dataDir, '--to', d.databaseUrl!); },
  });
});
test.after(async () => {
  await target?.dispose();
  await source?.dispose();
});

test('the copy is verified table by table, and the tables hold the same rows', async () => {
  assert.is(first.code, 0, first.stderr + first.stdout);
  const [from, to] = await Promise.all([tableDigests(source.db()), tableDigests(target.db())]);
  assert.equal(to, from);
  const counts = await rowCounts(target.db());
  for (const table of ['users', 'sessions', 'cases', 'case_revisions', 'photos', 'photo_owners', 'case_photos', 'case_events', 'reference_entries', 'batches', 'batch_cases', 'batch_events'] as const) {
    assert.ok((counts[table] ?? 0) > 0, `${table} copied`);
    assert.match(first.stdout, new RegExp(`${table} +${counts[table]} dòng +[0-9a-f]{16} +khớp`));
  }
});

test('a server on PostgreSQL with the same DATA_DIR keeps sessions, accounts, photos and cases', async () => {
  // The reporter's session cookie from the SQLite server still works.
  const mine = await fetch(`${target.url}/api/photos/${photo.sha256}`, { headers: { cookie: reporter.cookie } });
  assert.is(mine.status, 200);
  assert.is(sha256(new Uint8Array(await mine.arrayBuffer())), photo.sha256);
  const commune = await logIn(target, 'xa_namtam');
  const detail = await commune.call(`/api/review/cases/${photoCase}`);
  assert.is(detail.status, 200, detail.text);
  assert.is(detail.body.case.fields.photos[0].caption, 'Ảnh trước khi chuyển');
  const thumb = await commune.call(`/api/photos/${photo.thumbSha256}`);
  assert.is(thumb.status, 200);
});

test('the server on PostgreSQL takes a new case; its event comes after every copied one', async () => {
  const before = await target.db().selectFrom('case_events').select(sql<number>`max(seq)`.as('max')).executeTakeFirstOrThrow();
  const pgReporter = await logIn(target, 'bc_vangasu');
  const ref = await uploadedPhoto(pgReporter, 'Ảnh sau khi chuyển');
  const id = await createCase(pgReporter, { photos: [ref] });
  const events = await target.db().selectFrom('case_events').select('seq').where('case_id', '=', id).execute();
  assert.is(events.length, 1);
  assert.is(events[0]!.seq, Number(before.max) + 1);
});

test('a second run refuses the now filled database and changes nothing', async () => {
  const counts = await rowCounts(target.db());
  const again = await migrate('--from', source.dataDir, '--to', target.databaseUrl!);
  assert.is(again.code, 2);
  assert.match(again.stderr, /CSDL PostgreSQL đích không trống \(users: \d+ dòng/);
  assert.equal(await rowCounts(target.db()), counts);
});

test('a folder without an SQLite database is refused', async () => {
  const r = await migrate('--from', `${source.dataDir}/khong-co`, '--to', target.databaseUrl!);
  assert.is(r.code, 2);
  assert.match(r.stderr, /không thấy cơ sở dữ liệu SQLite/);
});

test('a changed row changes the digest of its table, and of no other', async () => {
  const before = await tableDigests(target.db());
  await target.db().updateTable('users').set({ display_name: 'Tên đã sửa' }).where('username', '=', 'tinh_ls').execute();
  const after = await tableDigests(target.db());
  assert.equal(after.filter((d, i) => d.sha256 !== before[i]!.sha256).map((d) => d.table), ['users']);
});

test.run();
