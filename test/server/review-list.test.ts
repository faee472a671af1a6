// GET /api/review/cases: filters, keyset paging and folded search against a seeded set whose answers the test
// computes itself from what it sent (only ids and receipt times are read back from the database).
import * as assert from 'uvu/assert';
import type { CaseFields } from '../../src/shared/case-schema';
import type { ReviewListPage } from '../../src/shared/review-protocol';
import { SUBJECT_KINDS } from '../../src/shared/reference';
import type { AppraisalStatus } from '../../src/shared/sync-protocol';
import { matchesQuery } from '../../src/shared/text';
import { forEachDatabase } from './helpers';
import { signedIn, type Client } from '../support/api-client';
import { caseFields } from '../support/case-fixtures';
import { createCase, moveTo } from '../support/review-fixtures';

const COMMUNES = ['03637', '03640', '03595'];
const NAMES = ['Lò Thị Mai', 'Điêu Chính Tới', 'Nguyễn Văn Đức', 'Tập thể bản Nà Ún', 'Lường Văn Hặc', 'Giàng Thị Dợ 50%_giảm', 'Lò Văn Đức'];
const DEEDS = [
  'Cứu người bị nước lũ cuốn trôi ở suối Nậm Kim.', 'Dọn sạt lở mở lại đường vào bản sau mưa lớn.', 'Trả lại ví tiền nhặt được ở chợ Điện Biên.',
  'Sửa cầu "Nà Ún" (bản *Mới*) - AND/NEAR: dựng lại nhà-văn-hoá.', // the FTS5 query syntax, as plain text
];
const MOVEMENTS = ['dan-van-kheo', 'ntm-giam-ngheo', 'vi-nguoi-ngheo'];
const FIELDS = ['kinh-te', 'giao-duc', 'y-te', 'giao-thong'];
const CATEGORIES = ['lao-dong-truc-tiep', 'can-bo-co-so', 'nguoi-dan', 'hoc-sinh', 'khac'];
const STATUS_BY_MOD: AppraisalStatus[] = ['received', 'appraising', 'returned', 'received'];
const N = 36;

interface Seeded { id: string; fields: CaseFields; status: AppraisalStatus; createdAt: string }

function seedFields(i: number): Partial<CaseFields> {
  const day = new Date(Date.UTC(2026, 0, 1 + i * 5)).toISOString().slice(0, 10);
  return {
    communeCode: COMMUNES[i % 3]!, subjectName: NAMES[i % NAMES.length]!, deedDescription: DEEDS[i % DEEDS.length]!,
    subjectKind: SUBJECT_KINDS[i % 3]!, movementId: MOVEMENTS[i % 3]!, fieldOfLifeId: FIELDS[i % 4]!,
    subjectCategoryId: CATEGORIES[i % 5]!, deedDate: day,
  };
}

const searchable = (f: CaseFields) =>
  [f.subjectName, f.village, f.workplaceOrRole, f.deedPlace, f.deedDescription, f.result, f.reporterName, ...f.photos.map((p) => p.caption)];

/** Newest first by first receipt, ties by id, both as byte strings. */
const order = (a: Seeded, b: Seeded) =>
  a.createdAt === b.createdAt ? (a.id < b.id ? 1 : -1) : a.createdAt < b.createdAt ? 1 : -1;

async function walk(client: Client, params: Record<string, string>, limit: number): Promise<string[]> {
  const ids: string[] = [];
  let cursor: string | null = null;
  for (let pages = 0; pages < 100; pages++) {
    const q = new URLSearchParams({ ...params, limit: String(limit), ...(cursor ? { cursor } : {}) });
    const r = await client.call<ReviewListPage>(`/api/review/cases?${q}`);
    assert.is(r.status, 200, r.text);
    assert.ok(r.body.cases.length <= limit);
    ids.push(...r.body.cases.map((c) => c.id));
    cursor = r.body.next;
    if (!cursor) return ids;
  }
  throw new Error('paging never ended');
}

forEachDatabase('review list', (test) => {
  let seeded: Seeded[] = [];
  let province: Client;

  test('setup: 36 cases in three communes, some moved on; five given the same receipt time', async ({ server }) => {
    const reporter = await signedIn(server, 'reporter', '12');
    province = await signedIn(server, 'province-reviewer', '12');
    for (let i = 0; i < N; i++) {
      const fields = caseFields(seedFields(i));
      const id = await createCase(reporter, fields);
      const status = STATUS_BY_MOD[i % 4]!;
      await moveTo(province, id, status);
      seeded.push({ id, fields, status, createdAt: '' });
    }
    const ties = seeded.slice(10, 15).map((s) => s.id);
    await server.db().updateTable('cases').set({ created_at: '2026-07-20T01:02:03.000Z' }).where('id', 'in', ties).execute();
    const rows = await server.db().selectFrom('cases').select(['id', 'created_at']).execute();
    const createdAt = new Map(rows.map((r) => [r.id, r.created_at]));
    seeded = seeded.map((s) => ({ ...s, createdAt: createdAt.get(s.id)! }));
  });

  const cases: [string, Record<string, string>, (s: Seeded) => boolean][] = [
    ['everything', {}, () => true],
    ['status', { status: 'appraising' }, (s) => s.status === 'appraising'],
    ['commune', { commune: '03640' }, (s) => s.fields.communeCode === '03640'],
    ['movement', { movement: 'vi-nguoi-ngheo' }, (s) => s.fields.movementId === 'vi-nguoi-ngheo'],
    ['field of life', { fieldOfLife: 'y-te' }, (s) => s.fields.fieldOfLifeId === 'y-te'],
    ['category', { category: 'hoc-sinh' }, (s) => s.fields.subjectCategoryId === 'hoc-sinh'],
    ['kind', { kind: 'tap-the' }, (s) => s.fields.subjectKind === 'tap-the'],
    ['deed date range', { from: '2026-02-15', to: '2026-04-06' }, (s) => s.fields.deedDate >= '2026-02-15' && s.fields.deedDate <= '2026-04-06'],
    ['combined', { commune: '03637', status: 'received', q: 'duc' }, (s) => s.fields.communeCode === '03637' && s.status === 'received' && matchesQuery('duc', ...searchable(s.fields))],
    ['nothing matches', { status: 'commended' }, () => false],
  ];
  const searches = ['lo thi mai', 'LÒ THỊ', 'đức', 'duc lo', 'dien bien', 'nậm kim', '50%', '%', '_giam', 'khong co ai',
    // 2 letters (no trigram), and words spelling FTS5 syntax, which must be matched as plain text
    'ặc', 'iê đức', 'lo mai', '"nà ún"', '"na', '(bản *mới*)', 'nha-van-hoa', 'AND', 'and near:', 'NEAR', '*moi', '"', '""', '"""',
    'a"b', '-', 'NEAR(cau', 'cau OR bien', 'mai NOT'];
  for (const query of searches) {
    cases.push([`q=${query}`, { q: query }, (s) => matchesQuery(query, ...searchable(s.fields))]);
  }

  test('each filter and search, walked in pages of 7, gives exactly the expected cases in order', async () => {
    for (const [label, params, keep] of cases) {
      const expected = seeded.filter(keep).sort(order).map((s) => s.id);
      assert.equal(await walk(province, params, 7), expected, label);
    }
    assert.ok(seeded.filter((s) => matchesQuery('50%', ...searchable(s.fields))).length < N, 'the % is not a wildcard');
  });

  test('a page: the head of each case; the same answer with page sizes 1, 5 and 200', async () => {
    const expected = [...seeded].sort(order);
    const first = await province.call<ReviewListPage>('/api/review/cases?limit=3');
    const s = expected[0]!;
    assert.equal(first.body.cases[0], {
      id: s.id, status: s.status, revision: 1, communeCode: s.fields.communeCode, subjectKind: s.fields.subjectKind,
      subjectName: s.fields.subjectName, subjectCategoryId: s.fields.subjectCategoryId, movementId: s.fields.movementId,
      fieldOfLifeId: s.fields.fieldOfLifeId, deedDate: s.fields.deedDate, createdAt: s.createdAt,
      updatedAt: first.body.cases[0]!.updatedAt, formId: null, decisionNumber: null, decisionDate: null,
    });
    for (const limit of [1, 5, 200]) assert.equal(await walk(province, {}, limit), expected.map((c) => c.id), `limit ${limit}`);
    const byDefault = await province.call<ReviewListPage>('/api/review/cases');
    assert.is(byDefault.body.cases.length, Math.min(N, 50));
  });

  test('a commune reviewer sees only their commune; empty parameters mean "any"', async ({ server }) => {
    const commune = await signedIn(server, 'commune-reviewer', '03640');
    const expected = seeded.filter((s) => s.fields.communeCode === '03640').sort(order).map((s) => s.id);
    assert.equal(await walk(commune, {}, 4), expected);
    assert.equal(await walk(commune, { status: '', q: '', commune: '' }, 50), expected);
    assert.is((await commune.call('/api/review/cases?commune=03637')).status, 403);
  });

  test('bad parameters → 422 (or 400 for a forged cursor) naming the parameter', async () => {
    for (const [query, path] of [
      ['status=bogus', 'status'], ['limit=0', 'limit'], ['limit=201', 'limit'], ['limit=abc', 'limit'], ['commune=99999', 'commune'],
      ['kind=x', 'kind'], ['from=2026-02-30', 'from'], ['to=26-01-01', 'to'], ['foo=1', 'foo'], ['cursor=!!', 'cursor'],
      [`q=${'a'.repeat(201)}`, 'q'], ['movement=A%20B', 'movement'],
    ]) {
      const r = await province.call(`/api/review/cases?${query}`);
      assert.is(r.status, 422, query);
      assert.is(r.body.issues[0].path, path, query);
    }
    for (const cursor of ['abc', Buffer.from('[1,2]').toString('base64url'), Buffer.from('{"a":1}').toString('base64url')]) {
      const r = await province.call(`/api/review/cases?cursor=${cursor}`);
      assert.is(r.status, 400, cursor);
      assert.is(r.body.issues[0].path, 'cursor');
    }
  });
});
