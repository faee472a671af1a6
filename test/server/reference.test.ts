// The editable reference lists: GET /api/reference (ETag, 304), the administrator's PUT (rename, reorder, add,
// retire, un-retire, refused bodies change nothing), and cases and transitions checked against the lists.
import * as assert from 'uvu/assert';
import { defaultLists, type EditableLists, type ListEntry } from '../../src/shared/reference';
import { referenceApi, type EditableListName, type ReferenceEntryInput, type ReferenceLists } from '../../src/shared/reference-protocol';
import type { ReviewCase } from '../../src/shared/review-protocol';
import type { ServerProcess } from '../support/server-process';
import { counts, forEachDatabase } from './helpers';
import { call, signedIn, type Client } from '../support/api-client';
import { caseFields, newCaseId } from '../support/case-fixtures';
import { createCase, moveTo, transition } from '../support/review-fixtures';

const put = (admin: Client, list: EditableListName, body: unknown) =>
  admin.call<ReferenceLists & { error?: string; message?: string; issues?: Array<{ path: string; message: string }> }>(referenceApi.list(list), { method: 'PUT', json: body });
const putCase = (client: Client, id: string, baseRevision: number, over: Parameters<typeof caseFields>[0]) =>
  client.call(`/api/cases/${id}`, { method: 'PUT', json: { baseRevision, fields: caseFields(over) } });

/** A list as the PUT body: its active entries, optional keys as the wire has them. */
const active = (entries: readonly ListEntry[]): ReferenceEntryInput[] =>
  entries.filter((e) => !e.retired).map(({ id, name, priority, ...rest }) => ({
    id, name, ...(priority ? { priority } : {}), ...('level' in rest ? { level: (rest as { level: ReferenceEntryInput['level'] }).level } : {}),
  }));

const tableRows = (server: ServerProcess) =>
  server.db().selectFrom('reference_entries').selectAll().orderBy('list').orderBy('id').execute();

async function movements(client: Client): Promise<ListEntry[]> {
  const r = await client.call<ReferenceLists>(referenceApi.lists);
  assert.is(r.status, 200, r.text);
  return r.body.lists.movements;
}

forEachDatabase('reference lists', (test) => {
  let admin: Client;
  let reporter: Client;
  let province: Client;
  let commune: Client;

  test('setup', async ({ server }) => {
    admin = await signedIn(server, 'admin', '12');
    reporter = await signedIn(server, 'reporter', '03637');
    province = await signedIn(server, 'province-reviewer', '12');
    commune = await signedIn(server, 'commune-reviewer', '03637');
  });

  test('GET: the shipped lists for any signed-in user, an ETag of the version, 304 when it still matches', async ({ server }) => {
    assert.is((await call(server, referenceApi.lists)).status, 401);
    const r = await reporter.call<ReferenceLists>(referenceApi.lists);
    assert.is(r.status, 200);
    const strip = (lists: EditableLists) => Object.fromEntries(Object.entries(lists).map(([k, es]) =>
      [k, (es as Array<ListEntry & { level?: string }>).map((e) => [e.id, e.name, e.level ?? null, !!e.priority, !!e.retired])]));
    assert.equal(strip(r.body.lists), strip(defaultLists));
    assert.type(r.body.version, 'string');
    assert.is(r.headers.get('etag'), `"${r.body.version}"`);
    assert.match(r.headers.get('cache-control') ?? '', /no-cache/);

    for (const tag of [`"${r.body.version}"`, `W/"${r.body.version}"`, `"other", "${r.body.version}"`, '*']) {
      const again = await reporter.call(referenceApi.lists, { headers: { 'if-none-match': tag } });
      assert.is(again.status, 304, tag);
      assert.is(again.text, '');
      assert.is(again.headers.get('etag'), `"${r.body.version}"`);
    }
    assert.is((await reporter.call(referenceApi.lists, { headers: { 'if-none-match': '"stale"' } })).status, 200);
  });

  test('PUT renames, reorders, adds and retires; retired entries stay in GET, marked; sent again they are back', async ({ server }) => {
    const before = await reporter.call<ReferenceLists>(referenceApi.lists);
    const start = active(before.body.lists.movements);
    const [first, second, ...rest] = start;
    const retiredId = rest.at(-2)!.id;
    const body = [
      { id: 'chuyen-doi-so', name: '  Chuyển đổi   số toàn dân ' },
      second!, { ...first!, name: 'Dân vận khéo 2026' },
      ...rest.filter((e) => e.id !== retiredId),
    ];
    const r = await put(admin, 'movements', body);
    assert.is(r.status, 200, r.text);
    assert.is.not(r.body.version, before.body.version);
    const expected = [
      { id: 'chuyen-doi-so', name: 'Chuyển đổi số toàn dân' }, second, { id: first!.id, name: 'Dân vận khéo 2026' },
      ...rest.filter((e) => e.id !== retiredId), { ...rest.at(-2)!, retired: true },
    ];
    assert.equal(r.body.lists.movements, expected);
    assert.equal(await movements(reporter), expected, 'GET answers the same lists');
    assert.equal((await reporter.call<ReferenceLists>(referenceApi.lists)).body.version, r.body.version);
    assert.is((await reporter.call(referenceApi.lists, { headers: { 'if-none-match': `"${before.body.version}"` } })).status, 200, 'the old version no longer matches');
    assert.equal(r.body.lists.fieldsOfLife, before.body.lists.fieldsOfLife, 'other lists untouched');

    const row = await server.db().selectFrom('reference_entries').selectAll().where('list', '=', 'movements').where('id', '=', retiredId).executeTakeFirstOrThrow();
    assert.ok(row.retired_at, 'retired, not deleted');
    const retiredAt = row.retired_at;

    // Another edit keeps the time it was first retired.
    const again = await put(admin, 'movements', body.slice(1));
    assert.is(again.status, 200, again.text);
    assert.equal(again.body.lists.movements.slice(-2).map((e) => [e.id, e.retired]), [['chuyen-doi-so', true], [retiredId, true]], 'retired last, in their order');
    const still = await server.db().selectFrom('reference_entries').select('retired_at').where('list', '=', 'movements').where('id', '=', retiredId).executeTakeFirstOrThrow();
    assert.is(still.retired_at, retiredAt);

    // Sent again: active, in the place it is sent.
    const back = await put(admin, 'movements', [{ ...rest.at(-2)! }, ...body]);
    assert.is(back.status, 200, back.text);
    assert.equal(back.body.lists.movements.map((e) => [e.id, !!e.retired]), [[retiredId, false], ...body.map((e) => [e.id, false])]);
    const restored = await server.db().selectFrom('reference_entries').select('retired_at').where('list', '=', 'movements').where('id', '=', retiredId).executeTakeFirstOrThrow();
    assert.is(restored.retired_at, null);

    // The same list again changes nothing, not even the version.
    const same = await put(admin, 'movements', [{ ...rest.at(-2)! }, ...body]);
    assert.is(same.body.version, back.body.version);

    // Back to the shipped list (the retired additions stay, retired).
    const reset = await put(admin, 'movements', active(defaultLists.movements));
    assert.is(reset.status, 200, reset.text);
    assert.equal(reset.body.lists.movements.filter((e) => !e.retired).map((e) => e.id), defaultLists.movements.map((e) => e.id));
  });

  test('levels and priorities: forms need a known level; only subject categories carry a priority', async () => {
    const forms = [...active(defaultLists.commendationForms), { id: 'giay_khen_moi', name: 'Giấy khen mới của xã', level: 'xa' as const }];
    const r = await put(admin, 'commendationForms', forms);
    assert.is(r.status, 200, r.text);
    assert.equal(r.body.lists.commendationForms.at(-1), { id: 'giay_khen_moi', name: 'Giấy khen mới của xã', level: 'xa' });
    const categories = active(defaultLists.subjectCategories).map((e) => (e.id === 'khac' ? { ...e, priority: true } : e));
    const c = await put(admin, 'subjectCategories', categories);
    assert.is(c.status, 200, c.text);
    assert.equal(c.body.lists.subjectCategories.filter((e) => e.priority).map((e) => e.id),
      [...defaultLists.subjectCategories.filter((e) => e.priority).map((e) => e.id), 'khac']);
    assert.is((await put(admin, 'subjectCategories', active(defaultLists.subjectCategories))).status, 200);
    // level: null and priority: false are the same as absent elsewhere.
    assert.is((await put(admin, 'awardTypes', active(defaultLists.awardTypes).map((e) => ({ ...e, level: null, priority: false })))).status, 200);
  });

  test('bad bodies → 422 with a Vietnamese message on each path, and the table unchanged', async ({ server }) => {
    const movementsBody = active(defaultLists.movements);
    const cases: Array<[EditableListName, unknown, Array<[string, RegExp]>]> = [
      ['movements', [], [['', /ít nhất một mục/]]],
      ['movements', { entries: movementsBody }, [['', /danh sách/]]],
      ['movements', [...movementsBody, { ...movementsBody[0]!, name: 'Tên khác' }], [[`${movementsBody.length}.id`, /trùng với mục thứ 1/]]],
      ['movements', [...movementsBody, { id: 'moi', name: ' dân VẬN khéo ' }], [[`${movementsBody.length}.name`, /Tên này trùng/]]],
      ['movements', [{ id: 'Dân-vận', name: 'Dân vận' }], [['0.id', /chữ thường không dấu/]]],
      ['movements', [{ id: 'a'.repeat(65), name: 'Dài' }], [['0.id', /tối đa 64/]]],
      ['movements', [{ id: 'x', name: '   ' }], [['0.name', /Nhập tên/]]],
      ['movements', [{ id: 'x', name: 'a'.repeat(201) }], [['0.name', /tối đa 200/]]],
      ['movements', [{ id: 'x' }], [['0.name', /Thiếu trường bắt buộc/]]],
      ['movements', [{ id: 'x', name: 'X', level: 'xa' }], [['0.level', /Chỉ hình thức khen thưởng/]]],
      ['movements', [{ id: 'x', name: 'X', priority: true }], [['0.priority', /Chỉ nhóm đối tượng/]]],
      ['movements', [{ id: 'x', name: 'X', retired: false }], [['0.retired', /không được phép/]]],
      ['commendationForms', [{ id: 'x', name: 'X' }], [['0.level', /Chọn cấp khen thưởng/]]],
      ['commendationForms', [{ id: 'x', name: 'X', level: 'huyen' }], [['0.level', /Chọn cấp khen thưởng/]]],
      ['subjectCategories', [{ id: 'x', name: 'X', priority: 'yes' }], [['0.priority', /true hoặc false/]]],
    ];
    const before = await tableRows(server);
    const version = (await reporter.call<ReferenceLists>(referenceApi.lists)).body.version;
    for (const [list, body, expected] of cases) {
      const r = await put(admin, list, body);
      const label = `${list} ${JSON.stringify(body).slice(0, 80)}`;
      assert.is(r.status, 422, `${label}: ${r.text}`);
      assert.is(r.body.error, 'invalid');
      const issues = (r.body as { issues?: Array<{ path: string; message: string }> }).issues ?? [];
      for (const [path, message] of expected) {
        const issue = issues.find((i) => i.path === path);
        assert.ok(issue, `${label}: no issue on "${path}" in ${JSON.stringify(issues)}`);
        assert.match(issue!.message, message, label);
      }
    }
    const notJson = await admin.call(referenceApi.list('movements'), { method: 'PUT', body: '[]', headers: { 'content-type': 'text/plain' } });
    assert.is(notJson.status, 415);
    const unknown = await admin.call('/api/admin/reference/ethnicGroups', { method: 'PUT', json: [{ id: 'x', name: 'X' }] });
    assert.is(unknown.status, 404);
    assert.match(String(unknown.body.message), /Không có danh mục/);
    assert.equal(await tableRows(server), before);
    assert.is((await reporter.call<ReferenceLists>(referenceApi.lists)).body.version, version);
  });

  test('only administrators edit: reviewers and reporters 403, anonymous 401, nothing changed', async ({ server }) => {
    const before = await tableRows(server);
    for (const client of [reporter, commune, province]) {
      const r = await put(client, 'movements', [{ id: 'x', name: 'X' }]);
      assert.is(r.status, 403, client.user.role);
      assert.match(String(r.body.message), /quản trị/);
    }
    assert.is((await call(server, referenceApi.list('movements'), { method: 'PUT', json: [{ id: 'x', name: 'X' }] })).status, 401);
    assert.equal(await tableRows(server), before);
  });

  test('a case naming an entry not in its list → 422 on that path, nothing stored', async ({ server }) => {
    const before = await counts(server);
    const r = await putCase(reporter, newCaseId(), 0, { movementId: 'khong-co', awardTypeId: 'khong_co', proposedFormId: 'giay_khen_chu_tich_ubnd_xa' });
    assert.is(r.status, 422, r.text);
    assert.equal(r.body.issues.map((i: { path: string }) => i.path), ['fields.movementId', 'fields.awardTypeId']);
    assert.match(r.body.issues[0].message, /^Phong trào không có trong danh sách/);
    assert.match(r.body.issues[1].message, /^Loại hình khen thưởng không có trong danh sách/);
    for (const [key, message] of [['fieldOfLifeId', /^Lĩnh vực không có/], ['subjectCategoryId', /^Nhóm đối tượng không có/], ['proposedFormId', /^Hình thức khen thưởng không có/]] as const) {
      const one = await putCase(reporter, newCaseId(), 0, { [key]: 'khac-la' });
      assert.is(one.status, 422, `${key}: ${one.text}`);
      assert.equal(one.body.issues.map((i: { path: string }) => i.path), [`fields.${key}`]);
      assert.match(one.body.issues[0].message, message);
    }
    assert.equal(await counts(server), before);
  });

  test('retired entries: refused on a new case or a changed value, kept by a case that already had them', async ({ server }) => {
    const oldId = newCaseId();
    assert.is((await putCase(reporter, oldId, 0, { movementId: 'bau-cu-2021' })).status, 201);
    const other = newCaseId();
    assert.is((await putCase(reporter, other, 0, { movementId: 'dan-van-kheo' })).status, 201);
    const retired = active(defaultLists.movements).filter((e) => e.id !== 'bau-cu-2021' && e.id !== 'doanh-nghiep');
    assert.is((await put(admin, 'movements', retired)).status, 200);

    try {
      const before = await counts(server);
      const fresh = await putCase(reporter, newCaseId(), 0, { movementId: 'bau-cu-2021' });
      assert.is(fresh.status, 422, fresh.text);
      assert.equal(fresh.body.issues, [{ path: 'fields.movementId', message: `Phong trào "${defaultLists.movements.find((m) => m.id === 'bau-cu-2021')!.name}" đã ngừng sử dụng, hãy chọn mục khác` }]);
      const changed = await putCase(reporter, other, 1, { movementId: 'doanh-nghiep' });
      assert.is(changed.status, 422, 'a changed value may not pick a retired entry');
      assert.match(changed.body.issues[0].message, /đã ngừng sử dụng/);
      assert.equal(await counts(server), before);

      // A replay of what was stored before the list changed is still the same receipt (exactly once).
      const replay = await putCase(reporter, oldId, 0, { movementId: 'bau-cu-2021' });
      assert.is(replay.status, 200, replay.text);
      assert.is(replay.body.replay, true);
      // Returned, corrected, resubmitted: the old movement stays.
      await moveTo(province, oldId, 'returned');
      const revised = await putCase(reporter, oldId, 1, { movementId: 'bau-cu-2021', village: 'Bản Nà Ún, thôn 2' });
      assert.is(revised.status, 200, revised.text);
      assert.is(revised.body.revision, 2);
      const row = await server.db().selectFrom('cases').select(['movement_id', 'status']).where('id', '=', oldId).executeTakeFirstOrThrow();
      assert.equal(row, { movement_id: 'bau-cu-2021', status: 'appraising' });
    } finally {
      assert.is((await put(admin, 'movements', active(defaultLists.movements))).status, 200);
    }
  });

  test('transitions read forms from the lists: retired or unknown → 422, an added form carries its level', async ({ server }) => {
    const forms = active(defaultLists.commendationForms).filter((f) => f.id !== 'lao_dong_tien_tien');
    const edited = await put(admin, 'commendationForms', [...forms, { id: 'giay_khen_thon', name: 'Giấy khen của trưởng thôn', level: 'xa' }]);
    assert.is(edited.status, 200, edited.text);
    try {
      const id = await createCase(reporter);
      await moveTo(province, id, 'appraising');
      const before = await counts(server);
      for (const [formId, message] of [['lao_dong_tien_tien', /đã ngừng sử dụng/], ['khong_co', /không có trong danh mục/]] as const) {
        const r = await transition(province, id, { to: 'proposed', formId });
        assert.is(r.status, 422, `${formId}: ${r.text}`);
        assert.equal(r.body.issues.map((i: { path: string }) => i.path), ['formId']);
        assert.match(r.body.issues[0].message, message);
      }
      assert.equal(await counts(server), before);

      // Proposed with the form added by the administrator: its level ('xa') lets the commune board decide.
      assert.is((await transition(province, id, { to: 'proposed', formId: 'giay_khen_thon' })).status, 200);
      const page = await commune.call<ReviewCase>(`/api/review/cases/${id}`);
      assert.ok(page.body.allowed.includes('commended'), `allowed: ${page.body.allowed}`);
      const decided = await transition(commune, id, { to: 'commended', decisionNumber: '12/QĐ-UBND', decisionDate: '2026-08-01' });
      assert.is(decided.status, 200, decided.text);
      assert.is(decided.body.formId, 'giay_khen_thon');
    } finally {
      assert.is((await put(admin, 'commendationForms', active(defaultLists.commendationForms))).status, 200);
    }
  });
});
