// Upgrades: today's server started on a deployment made by the release at migration 0005 (the checked-in SQLite
// fixture; on PostgreSQL the same data written by the same script) applies 0006…0009 and keeps every row, the
// accounts sign in and the photos are served to whoever may read them, and no one else.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'kysely';
import { accountUsage, recountUsage } from '../../src/server/accounts/quota';
import type { Db } from '../../src/server/db/connect';
import type { ChangesPage } from '../../src/shared/sync-protocol';
import type { ReviewCase } from '../../src/shared/review-protocol';
import { logIn, postLogin } from '../support/api-client';
import { DATABASE_KINDS, type TestDatabase } from '../support/databases';
import { startServerProcess, type ServerProcess } from '../support/server-process';
import {
  caseId0005, installRelease0005, PHOTO_FILES_0005, RELEASE_0005_DIR, release0005Rows, TABLES_0005, USERS_0005,
  writePhotoFiles0005, writeRelease0005,
} from '../support/release-0005';

const ALL_MIGRATIONS = ['0001_initial', '0002_review', '0003_lists_and_publication', '0004_search_index', '0005_event_order_index',
  '0006_photo_ownership', '0007_login_throttle', '0008_case_erasures', '0009_proposal_batches', '0011_account_usage', '0012_dashboard_counts'];

type Rows = Record<string, Record<string, unknown>[]>;
const sorted = (rows: Record<string, unknown>[]) => rows.map((r) => JSON.stringify(r)).sort();

/** Every row of the 0005 tables, with the columns they had then. */
async function snapshot(db: Db, columnsOf?: Rows): Promise<Rows> {
  const out: Rows = {};
  for (const table of TABLES_0005) {
    const columns = columnsOf ? Object.keys(columnsOf[table]![0]!) : undefined;
    const q = db.selectFrom(table as any);
    const rows = await (columns ? q.select(columns as any) : q.selectAll()).execute();
    out[table] = rows as Record<string, unknown>[];
  }
  return out;
}

const applied = async (db: Db) =>
  (await sql<{ name: string }>`select name from kysely_migration order by name`.execute(db)).rows.map((r) => r.name);

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

for (const kind of DATABASE_KINDS) {
  const test = suite(`upgrade from the 0005 release [${kind}]`);
  let server: ServerProcess;
  let before: Rows;
  let migratedBefore: string[];

  test.before(async () => {
    server = await startServerProcess({
      database: kind,
      prepare: async (database: TestDatabase) => {
        if (kind === 'sqlite') installRelease0005(database.dataDir);
        else writePhotoFiles0005(database.dataDir);
        const db = database.open();
        try {
          if (kind === 'postgres') await writeRelease0005(db);
          before = await snapshot(db);
          migratedBefore = await applied(db);
        } finally {
          await db.destroy();
        }
      },
    });
  });
  test.after(async () => { await server?.dispose(); });

  test('the fixture is at 0005 and holds the release data; the server applied 0006…0012', async () => {
    assert.equal(migratedBefore, ALL_MIGRATIONS.slice(0, 5));
    assert.equal(await applied(server.db()), ALL_MIGRATIONS);
    const expected = release0005Rows();
    for (const table of ['users', 'sessions', 'cases', 'case_revisions', 'photos', 'case_photos'] as const) {
      assert.equal(sorted(before[table]!), sorted(expected[table]), `${table} as written at 0005`);
    }
    assert.equal(sorted(before.case_events!.map(({ seq, ...rest }) => rest)), sorted(expected.case_events));
    assert.is(before.reference_entries!.find((r) => r.id === 'dan-van-kheo')?.name, 'Dân vận khéo (đổi tên)');
    if (kind === 'sqlite') assert.ok(readFileSync(join(RELEASE_0005_DIR, 'db.sqlite')).length > 0);
    // 0011 counted what each account held then: its photos (0006 made their owners) and its revisions.
    for (const user of before.users!) {
      const id = String(user.id);
      assert.is(await accountUsage(server.db(), id), await recountUsage(server.db(), id), `${String(user.username)}'s counter`);
    }
    assert.ok((await accountUsage(server.db(), String(expected.cases[0]!.owner_id))) > 0, 'a reporter of the release holds bytes');
  });

  test('every row of every 0005 table is intact after the upgrade', async () => {
    const after = await snapshot(server.db(), before);
    for (const table of TABLES_0005) {
      assert.ok(before[table]!.length > 0, `${table} has rows`);
      assert.equal(sorted(after[table]!), sorted(before[table]!), table);
    }
  });

  test('0006 named each photo and recorded its uploaders and the reporters that list it', async () => {
    const photos = await server.db().selectFrom('photos').select(['sha256', 'public_id', 'uploaded_by']).execute();
    assert.is(photos.length, PHOTO_FILES_0005.length);
    assert.is(new Set(photos.map((p) => p.public_id)).size, photos.length);
    for (const p of photos) assert.match(p.public_id ?? '', /^[0-9a-f]{32}$/);
    const owners = await server.db().selectFrom('photo_owners').select(['sha256', 'user_id']).execute();
    for (const p of photos) assert.ok(owners.some((o) => o.sha256 === p.sha256 && o.user_id === p.uploaded_by), p.sha256);
  });

  test('the fixture accounts sign in; the disabled one does not', async () => {
    for (const u of USERS_0005.filter((u) => !u.disabled_at)) {
      const client = await logIn(server, u.username);
      assert.is(client.user.role, u.role);
    }
    const gone = USERS_0005.find((u) => u.disabled_at)!;
    assert.not.equal((await postLogin(server, gone.username)).status, 200);
  });

  test('photos are served from the same DATA_DIR to who may read them, and to no one else', async () => {
    const reporter = await logIn(server, 'bc_vangasu');
    const otherReporter = await logIn(server, 'bc_lothimai');
    const commune = await logIn(server, 'xa_namtam');
    const province = await logIn(server, 'tinh_ls');
    const fields = JSON.parse(String(before.cases!.find((c) => c.id === caseId0005(1))!.fields)) as { photos: { sha256: string; thumbSha256: string }[] };
    const photo = fields.photos[0]!;
    for (const [who, status] of [[reporter, 200], [commune, 200], [province, 200], [otherReporter, 404]] as const) {
      for (const h of [photo.sha256, photo.thumbSha256]) {
        const res = await fetch(`${server.url}/api/photos/${h}`, { headers: { cookie: who.cookie } });
        assert.is(res.status, status, `${who.user.username} reads ${h.slice(0, 8)}`);
        if (status === 200) assert.is(sha(Buffer.from(await res.arrayBuffer())), h);
        else await res.arrayBuffer();
      }
    }
  });

  test('cases, their timeline and the changes feed read as before', async () => {
    const commune = await logIn(server, 'xa_namtam');
    const detail = await commune.call<ReviewCase>(`/api/review/cases/${caseId0005(5)}`);
    assert.is(detail.status, 200, detail.text);
    assert.is(detail.body.case.status, 'commended');
    assert.is(detail.body.case.fields.subjectName, 'Lù Văn Thắng');
    const list = await commune.call<{ cases: { id: string }[] }>('/api/review/cases');
    assert.equal(list.body.cases.map((c) => c.id).sort(), before.cases!.filter((c) => c.commune_code === '03637').map((c) => String(c.id)).sort());
    const reporter = await logIn(server, 'bc_vangasu');
    const feed = await reporter.call<ChangesPage>('/api/sync/changes?since=0');
    assert.is(feed.status, 200, feed.text);
    const mine = before.case_events!.filter((e) => before.cases!.some((c) => c.id === e.case_id && c.owner_id === 'u-rep1'));
    assert.equal(feed.body.changes.map((c) => c.seq), mine.map((e) => Number(e.seq)).sort((a, b) => a - b));
    assert.ok(feed.body.changes.some((c) => c.comment === 'Cảm ơn anh đã gửi, xã sẽ xác minh.'));
  });

  test.run();
}
