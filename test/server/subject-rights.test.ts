// The data subject's rights (issue 9, point 8), for an admin or a province reviewer acting on a citizen's request:
// access (one ZIP with everything held about a case, opened by Info-ZIP's unzip) and erasure (the personal data
// gone from every table and from disk, the case gone from every view, the reporter's phone told through the feed).
import * as assert from 'uvu/assert';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { strFromU8, unzipSync } from 'fflate';
import type { CaseFields, PhotoRef } from '../../src/shared/case-schema';
import { reviewApi, type ErasureReceipt, type ExportFormat, type TransitionRequest } from '../../src/shared/review-protocol';
import type { ChangesPage } from '../../src/shared/sync-protocol';
import { dialectOf } from '../../src/server/db/connect';
import type { ServerProcess } from '../support/server-process';
import { forEachDatabase } from './helpers';
import { signedIn, type Client } from '../support/api-client';
import { caseFields } from '../support/case-fixtures';
import { sha256, uploadedPhoto } from '../support/photo-uploads';
import { BODY, createCase, transition } from '../support/review-fixtures';

// Each test's subject is named nowhere else in the database, so a scan for the name finds only their case.
const SUBJECT = 'Giàng Thị Sùng Ly';
const VILLAGE = 'Bản Pá Xá Hồng';
const ERASED = { subjectName: 'Lù Thị Páo Chi', village: 'Bản Sì Thâu Chải' };
const commentOn = (name: string) => `Cần xác nhận của trưởng bản với chị ${name}`;
const CONSENT = { consentPublication: true, consentPublicationAt: '2026-07-15T08:00:00Z' };
const TMP = mkdtempSync(join(tmpdir(), 'gs-subject-test-'));
process.on('exit', () => rmSync(TMP, { recursive: true, force: true }));

const fileOf = (server: ServerProcess, hash: string) => join(server.dataDir, 'photos', hash.slice(0, 2), hash.slice(2, 4), `${hash}.jpg`);

async function download(client: Client, server: ServerProcess, path: string) {
  const res = await fetch(server.url + path, { headers: { cookie: client.cookie } });
  return { status: res.status, headers: res.headers, bytes: new Uint8Array(await res.arrayBuffer()) };
}

/** The archive as a real program sees it: tested, listed, and its files read. */
function unzipped(bytes: Uint8Array) {
  const path = join(TMP, `${sha256(bytes)}.zip`);
  writeFileSync(path, bytes);
  const test = execFileSync('unzip', ['-t', path], { encoding: 'utf8' });
  assert.match(test, /No errors detected/);
  const names = execFileSync('unzip', ['-Z1', path], { encoding: 'utf8' }).trim().split('\n');
  return { names, read: (name: string) => execFileSync('unzip', ['-p', path, name], { maxBuffer: 64 << 20 }) };
}

const erase = (client: Client, id: string, body: unknown = { caseId: id, reason: 'Đơn yêu cầu số 12/2026 ngày 01/12/2026' }) =>
  client.call(reviewApi.erasure(id), { method: 'POST', json: body });

const put = (client: Client, id: string, baseRevision: number, over: Partial<CaseFields>) =>
  client.call(`/api/cases/${id}`, { method: 'PUT', json: { baseRevision, fields: caseFields({ ...CONSENT, ...over }) } });

async function step(client: Client, id: string, body: TransitionRequest): Promise<void> {
  const r = await transition(client, id, body);
  assert.is(r.status, 200, r.text);
}

/** A case with two revisions: returned with a comment naming the subject, then sent again with one photo fewer. */
async function twoRevisions(reporter: Client, province: Client, person: Partial<CaseFields>, photos: PhotoRef[], dropped: PhotoRef) {
  const id = await createCase(reporter, { ...person, ...CONSENT, photos: [...photos, dropped] });
  await step(province, id, BODY.appraising);
  await step(province, id, { to: 'returned', comment: commentOn(person.subjectName!) });
  const r = await put(reporter, id, 1, { ...person, photos, deedPlace: `Suối Nậm Kim, ${person.village!}` });
  assert.is(r.status, 200, r.text);
  return id;
}

/** Every text column of every table, as text: the rows in which `needle` appears. */
async function occurrences(server: ServerProcess, needle: string): Promise<string[]> {
  const db = server.db();
  const found: string[] = [];
  const columns: { table: string; column: string }[] = [];
  if (dialectOf(db) === 'postgres') {
    const r = await sql<{ table_name: string; column_name: string }>`select table_name, column_name from information_schema.columns
      where table_schema = current_schema() and data_type in ('text', 'character varying', 'json', 'jsonb')`.execute(db);
    columns.push(...r.rows.map((c) => ({ table: c.table_name, column: c.column_name })));
  } else {
    const tables = await sql<{ name: string }>`select name from sqlite_master where type = 'table'`.execute(db);
    for (const { name } of tables.rows) {
      const info = await sql<{ name: string }>`select name from pragma_table_info(${name})`.execute(db);
      columns.push(...info.rows.map((c) => ({ table: name, column: c.name })));
    }
  }
  for (const { table, column } of columns) {
    const r = await sql<{ n: number | string }>`select count(*) as n from ${sql.table(table)}
      where cast(${sql.ref(column)} as text) like ${`%${needle}%`}`.execute(db);
    if (Number(r.rows[0]!.n) > 0) found.push(`${table}.${column}`);
  }
  return found;
}

forEachDatabase('data subject rights', (test) => {
  let reporter: Client;
  let province: Client;
  let communeReviewer: Client;
  let admin: Client;
  let elsewhere: Client;

  test.before(async ({ server }) => {
    reporter = await signedIn(server, 'reporter', '03637');
    province = await signedIn(server, 'province-reviewer', '12');
    communeReviewer = await signedIn(server, 'commune-reviewer', '03637');
    admin = await signedIn(server, 'admin', '12');
    // An administrator whose area is another commune (the command line allows it): the case is not theirs.
    elsewhere = await signedIn(server, 'admin', '03640');
  });

  test('access: one ZIP with the fields, every revision, the timeline and every photo the server holds', async ({ server }) => {
    const [kept, dropped] = [await uploadedPhoto(reporter, 'Ảnh cứu người'), await uploadedPhoto(reporter, 'Ảnh bỏ ở bản sau')];
    const id = await twoRevisions(reporter, province, { subjectName: SUBJECT, village: VILLAGE }, [kept], dropped);

    for (const who of [communeReviewer, reporter]) {
      const r = await who.call(reviewApi.subjectAccess(id));
      assert.is(r.status, 403, r.text);
      assert.match(r.body.message, /[ạảãáàâầấậẩẫăằắặẳẵđêềếệểễôồốộổỗơờớợởỡưừứựửữ]/i);
    }
    assert.is((await elsewhere.call(reviewApi.subjectAccess(id))).status, 404);

    const r = await download(admin, server, reviewApi.subjectAccess(id));
    assert.is(r.status, 200);
    assert.is(r.headers.get('content-type'), 'application/zip');
    assert.is(r.headers.get('content-disposition'), `attachment; filename="ho-so-${id}.zip"`);
    const zip = unzipped(r.bytes);
    const held = [kept.sha256, kept.thumbSha256, dropped.sha256, dropped.thumbSha256];
    assert.equal([...zip.names].sort(), ['ho-so.json', ...held.map((h) => `anh/${h}.jpg`)].sort());
    for (const h of held) assert.is(sha256(zip.read(`anh/${h}.jpg`)), h, 'the stored bytes, unchanged');

    const doc = JSON.parse(zip.read('ho-so.json').toString('utf8'));
    assert.is(doc.caseId, id);
    assert.is(doc.status, 'appraising');
    assert.is(doc.revision, 2);
    assert.is(doc.owner, reporter.user.displayName);
    assert.is(doc.fields.subjectName, SUBJECT);
    assert.is(doc.fields.deedPlace, `Suối Nậm Kim, ${VILLAGE}`);
    assert.equal(doc.revisions.map((v: any) => [v.revision, v.author, v.fields.photos.length, v.fields.village]),
      [[1, reporter.user.displayName, 2, VILLAGE], [2, reporter.user.displayName, 1, VILLAGE]]);
    assert.ok(doc.revisions.every((v: any) => typeof v.at === 'string'));
    assert.equal(doc.timeline.map((e: any) => [e.kind, e.to, e.comment, e.actor]), [
      ['received', 'received', null, reporter.user.displayName],
      ['status', 'appraising', null, province.user.displayName],
      ['status', 'returned', commentOn(SUBJECT), province.user.displayName],
      ['revised', 'appraising', null, reporter.user.displayName],
    ]);
    assert.equal(doc.photos.map((p: any) => [p.sha256, p.caption, p.revisions, p.file, p.thumbFile]), [
      [kept.sha256, kept.caption, [1, 2], `anh/${kept.sha256}.jpg`, `anh/${kept.thumbSha256}.jpg`],
      [dropped.sha256, dropped.caption, [1], `anh/${dropped.sha256}.jpg`, `anh/${dropped.thumbSha256}.jpg`],
    ]);
  });

  test('erasure: who may, and the checks before anything is written', async ({ server }) => {
    const id = await createCase(reporter, { subjectName: SUBJECT });
    for (const who of [communeReviewer, reporter]) {
      const r = await erase(who, id);
      assert.is(r.status, 403, r.text);
      assert.is(r.body.error, 'forbidden');
    }
    assert.is((await erase(elsewhere, id)).status, 404);
    const mismatch = await erase(province, id, { caseId: await createCase(reporter), reason: 'Đơn số 3' });
    assert.is(mismatch.status, 422, mismatch.text);
    assert.match(mismatch.body.message, /không khớp/);
    for (const reason of ['   ', 'x'.repeat(501)]) {
      const r = await erase(province, id, { caseId: id, reason });
      assert.is(r.status, 422, r.text);
      assert.equal(r.body.issues.map((i: any) => i.path), ['reason']);
    }
    assert.is((await erase(province, id, { caseId: id })).status, 422);
    const row = await server.db().selectFrom('cases').select(['status', 'subject_name']).where('id', '=', id).executeTakeFirstOrThrow();
    assert.equal(row, { status: 'received', subject_name: SUBJECT }, 'nothing written');
    assert.is((await admin.call(reviewApi.case(id))).status, 200);
  });

  test('erasure: the personal data leaves the database, the disk and every view; the phone is told', async ({ server }) => {
    const db = server.db();
    const [shared, inOldRevision, own, dropped] = [await uploadedPhoto(reporter), await uploadedPhoto(reporter), await uploadedPhoto(reporter), await uploadedPhoto(reporter)];
    const other = await createCase(reporter, { photos: [shared] });
    // A case whose earlier revision listed a photo the erased case lists too: a reviewer may still look at it.
    const older = await createCase(reporter, { photos: [inOldRevision] });
    assert.is((await put(reporter, older, 1, { photos: [] })).status, 200);
    const id = await twoRevisions(reporter, province, ERASED, [shared, inOldRevision, own], dropped);
    for (const to of ['proposed', 'commended', 'published'] as const) await step(province, id, BODY[to]);
    const publicId = async (h: string) => (await db.selectFrom('photos').select('public_id').where('sha256', '=', h).executeTakeFirstOrThrow()).public_id;
    const publicPhoto = `/ban-tin/anh/${await publicId(own.sha256)}`;
    const get = (path: string) => fetch(server.url + path).then(async (res) => ({ status: res.status, text: await res.text() }));
    assert.is((await get(`/ban-tin/${id}`)).status, 200);
    assert.is((await get(publicPhoto)).status, 200, 'cached by the bulletin before the erasure');
    assert.match((await get('/ban-tin/feed.atom')).text, ERASED.subjectName);

    const r = await erase(province, id, { caseId: id, reason: '  Đơn yêu cầu số 12/2026  ' });
    assert.is(r.status, 200, r.text);
    const receipt = r.body as ErasureReceipt;
    assert.is(receipt.caseId, id);
    assert.ok(Date.parse(receipt.erasedAt) <= Date.now());
    const again = await erase(province, id);
    assert.equal([again.status, again.body.error], [410, 'erased']);

    // The review workspace: 410 with a Vietnamese message; the list and the exports no longer hold it.
    for (const path of [reviewApi.case(id), reviewApi.revision(id, 1), reviewApi.subjectAccess(id), reviewApi.transitions(id)]) {
      const gone = await province.call(path, path.endsWith('transitions') ? { method: 'POST', json: BODY.appraising } : {});
      assert.equal([gone.status, gone.body.error], [410, 'erased'], path);
      assert.match(gone.body.message, /đã được xoá theo yêu cầu của người được nêu tên/);
    }
    for (const query of ['', 'status=erased', 'commune=03637']) {
      const list = await province.call(`/api/review/cases?${query}`);
      assert.is(list.status, 200);
      assert.not.ok(list.body.cases.some((c: any) => c.id === id), query);
      assert.ok(query === 'status=erased' || list.body.cases.some((c: any) => c.id === other), 'the other case is still listed');
    }
    for (const format of ['csv', 'xlsx', 'zip'] as ExportFormat[]) {
      const file = await download(province, server, reviewApi.export(format, ''));
      assert.is(file.status, 200);
      const text = format === 'csv' ? strFromU8(file.bytes)
        : Object.entries(unzipSync(file.bytes)).map(([name, bytes]) => `${name}\n${name.endsWith('.jpg') ? '' : strFromU8(bytes)}`).join('\n');
      assert.not.ok(text.includes(id), format);
      assert.ok(text.includes(other), `${format} still holds the other case`);
    }

    // The public bulletin: the story, its photo and its feed entry are gone at once.
    assert.is((await get(`/ban-tin/${id}`)).status, 404);
    assert.is((await get(publicPhoto)).status, 404);
    for (const path of ['/ban-tin', '/ban-tin/feed.atom']) {
      const page = await get(path);
      assert.not.ok(page.text.includes(ERASED.subjectName) || page.text.includes(id), path);
    }

    // Photos: those only this case named are gone (rows, owners, files); the one another case lists stays.
    for (const h of [own.sha256, own.thumbSha256, dropped.sha256, dropped.thumbSha256]) {
      assert.not.ok(existsSync(fileOf(server, h)), 'file removed');
      assert.is((await db.selectFrom('photos').select('sha256').where('sha256', '=', h).execute()).length, 0);
      assert.is((await db.selectFrom('photo_owners').select('sha256').where('sha256', '=', h).execute()).length, 0);
    }
    for (const h of [shared.sha256, shared.thumbSha256, inOldRevision.sha256, inOldRevision.thumbSha256]) assert.ok(existsSync(fileOf(server, h)));
    assert.is((await reporter.call(`/api/photos/${shared.sha256}`)).status, 200, 'still readable through the other case');
    assert.is((await reporter.call(`/api/photos/${own.sha256}`)).status, 404);

    // The reporter's phone: its PUT of that id is refused, never a re-creation; the feed tells it the case is erased.
    for (const base of [0, 2, 7]) {
      const refused = await put(reporter, id, base, { photos: [shared] });
      assert.equal([refused.status, refused.body.error], [410, 'erased']);
      assert.match(refused.body.message, /theo yêu cầu của người được nêu tên/);
    }
    const feed = await reporter.call<ChangesPage>('/api/sync/changes?since=0');
    const mine = feed.body.changes.filter((c) => c.caseId === id);
    assert.equal(mine.at(-1), { ...mine.at(-1)!, status: 'erased', comment: null, actor: province.user.displayName });
    assert.ok(mine.every((c) => c.comment === null), 'earlier comments are gone too');

    // What remains: the id, owner, commune, times and revision; the audit row; nothing personal anywhere.
    const row = await db.selectFrom('cases').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    assert.equal([row.status, row.fields, row.subject_name, row.search_text, row.ethnicity_code, Number(row.consent_publication), row.published_at],
      ['erased', '{}', '', '', null, 0, null]);
    assert.equal([row.owner_id, row.commune_code, row.revision], [reporter.user.id, '03637', 2]);
    assert.is((await db.selectFrom('case_revisions').select('revision').where('case_id', '=', id).execute()).length, 0);
    assert.is((await db.selectFrom('case_photos').select('sha256').where('case_id', '=', id).execute()).length, 0);
    const audit = await db.selectFrom('case_erasures').selectAll().where('case_id', '=', id).executeTakeFirstOrThrow();
    assert.equal(audit, { case_id: id, erased_by: province.user.id, erased_at: receipt.erasedAt, reason: 'Đơn yêu cầu số 12/2026' });
    const events = await db.selectFrom('case_events').select(['kind', 'status', 'actor_id']).where('case_id', '=', id).orderBy('seq').execute();
    assert.equal(events.at(-1), { kind: 'erased', status: 'erased', actor_id: province.user.id });
    for (const needle of [ERASED.subjectName, 'lu thi pao chi', ERASED.village, 'si thau chai', 'Páo Chi', commentOn(ERASED.subjectName)]) {
      assert.equal(await occurrences(server, needle), [], needle);
    }
    await db.updateTable('cases').set({ subject_name: ERASED.subjectName }).where('id', '=', other).execute();
    assert.equal(await occurrences(server, ERASED.subjectName), ['cases.subject_name'], 'the scan finds what is there');
    const logged = server.logs().map((l) => { try { return JSON.parse(l); } catch { return {}; } }).filter((l) => l.msg === 'case erased');
    assert.equal(logged.map(({ time: _t, ...rest }) => rest), [{ level: 'info', msg: 'case erased', caseId: id, actorId: province.user.id }]);
  });
});
