// PUT /api/cases/{id}: create, replay, revise, conflicts, missing photos, validation, ownership and area.
import * as assert from 'uvu/assert';
import type { CaseReceipt } from '../../src/shared/sync-protocol';
import type { ServerProcess } from '../support/server-process';
import { counts, forEachDatabase } from './helpers';
import { signedIn, type Client } from '../support/api-client';
import { caseFields, newCaseId } from '../support/case-fixtures';
import { fakeJpeg, sha256, uploadedPhoto } from '../support/photo-uploads';

const put = (client: Client, id: string, body: unknown) => client.call<any>(`/api/cases/${id}`, { method: 'PUT', json: body });
const setStatus = (server: ServerProcess, id: string, status: string) =>
  server.db().updateTable('cases').set({ status: status as never }).where('id', '=', id).execute();

forEachDatabase('cases', (test) => {
  test('create → 201 receipt; the same content again → 200 replay with the same receipt, nothing new stored', async ({ server }) => {
    const reporter = await signedIn(server);
    const photo = await uploadedPhoto(reporter);
    const id = newCaseId();
    const fields = caseFields({ photos: [photo] });
    const before = await counts(server);

    const created = await put(reporter, id, { baseRevision: 0, fields });
    assert.is(created.status, 201, created.text);
    const receipt = created.body as CaseReceipt;
    assert.equal(receipt, { caseId: id, revision: 1, receivedAt: receipt.receivedAt, status: 'received', photosConfirmed: 1, photosTotal: 1, replay: false });
    assert.ok(Math.abs(Date.parse(receipt.receivedAt) - Date.now()) < 60_000);
    const after = await counts(server);
    assert.equal(
      { cases: after.cases! - before.cases!, revisions: after.case_revisions! - before.case_revisions!, events: after.case_events! - before.case_events!, photos: after.case_photos! - before.case_photos! },
      { cases: 1, revisions: 1, events: 1, photos: 2 },
    );

    // Retried, with keys in another order and untrimmed text: the same content after validation.
    const shuffled = Object.fromEntries(Object.entries({ ...fields, subjectName: `  ${fields.subjectName}  ` }).reverse());
    for (const body of [{ baseRevision: 0, fields }, { fields: shuffled, baseRevision: 0 }, { baseRevision: 1, fields }]) {
      const replay = await put(reporter, id, body);
      assert.is(replay.status, 200);
      assert.equal(replay.body, { ...receipt, replay: true });
    }
    assert.equal(await counts(server), after);
    const row = await server.db().selectFrom('cases').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    assert.equal(
      { owner: row.owner_id, commune: row.commune_code, movement: row.movement_id, field: row.field_of_life_id, category: row.subject_category_id, kind: row.subject_kind, deed: row.deed_date, name: row.subject_name },
      { owner: reporter.user.id, commune: '03637', movement: 'dan-van-kheo', field: 'cuu-nguoi', category: 'nguoi-dan', kind: 'ca-nhan', deed: '2026-07-14', name: 'Lò Thị Mai' },
    );
  });

  test('a change on the current revision makes the next one; on a stale revision → 409 with the server copy', async ({ server }) => {
    const reporter = await signedIn(server);
    const id = newCaseId();
    assert.is((await put(reporter, id, { baseRevision: 0, fields: caseFields() })).status, 201);
    const v2 = caseFields({ village: 'Bản Phiêng Kham' });
    const updated = await put(reporter, id, { baseRevision: 1, fields: v2 });
    assert.is(updated.status, 200, updated.text);
    assert.is(updated.body.revision, 2);
    assert.is(updated.body.replay, false);
    assert.is(updated.body.status, 'received');

    const before = await counts(server);
    for (const baseRevision of [1, 0, 7]) {
      const stale = await put(reporter, id, { baseRevision, fields: caseFields({ village: 'Bản khác' }) });
      assert.is(stale.status, 409, `base ${baseRevision}`);
      assert.is(stale.body.error, 'conflict');
      assert.is(stale.body.server.caseId, id);
      assert.is(stale.body.server.revision, 2);
      assert.is(stale.body.server.status, 'received');
      assert.equal(stale.body.server.fields, v2);
      assert.ok(stale.body.server.updatedAt);
    }
    assert.equal(await counts(server), before);
    const revisions = await server.db().selectFrom('case_revisions').select(['revision', 'author_id']).where('case_id', '=', id).orderBy('revision').execute();
    assert.equal(revisions, [{ revision: 1, author_id: reporter.user.id }, { revision: 2, author_id: reporter.user.id }]);
  });

  test('photos the server lacks → 409 naming each (photo and thumbnail), nothing written; then it goes through', async ({ server }) => {
    const reporter = await signedIn(server);
    const stored = await uploadedPhoto(reporter);
    const photo = fakeJpeg(1600, 1200, 5000);
    const thumb = fakeJpeg(320, 240, 1200);
    const ref = { sha256: sha256(photo), caption: '', width: 1600, height: 1200, bytes: photo.length, thumbSha256: sha256(thumb), thumbBytes: thumb.length };
    const id = newCaseId();
    const before = await counts(server);
    const missing = await put(reporter, id, { baseRevision: 0, fields: caseFields({ photos: [stored, ref] }) });
    assert.is(missing.status, 409);
    assert.is(missing.body.error, 'missing-photos');
    assert.equal(missing.body.missing, [ref.sha256, ref.thumbSha256]);
    assert.equal(await counts(server), before);

    await reporter.call(`/api/photos/${ref.sha256}`, { method: 'PUT', body: photo, headers: { 'content-type': 'image/jpeg' } });
    const onlyThumb = await put(reporter, id, { baseRevision: 0, fields: caseFields({ photos: [stored, ref] }) });
    assert.equal(onlyThumb.body.missing, [ref.thumbSha256]);
    await reporter.call(`/api/photos/${ref.thumbSha256}`, { method: 'PUT', body: thumb, headers: { 'content-type': 'image/jpeg' } });
    const ok = await put(reporter, id, { baseRevision: 0, fields: caseFields({ photos: [stored, ref] }) });
    assert.is(ok.status, 201);
    assert.is(ok.body.photosConfirmed, 2);
    assert.is(ok.body.photosTotal, 2);
  });

  test('invalid fields → 422 with a Vietnamese message per field path; nothing written', async ({ server }) => {
    const reporter = await signedIn(server);
    const before = await counts(server);
    const fields = {
      ...caseFields(), deedDate: '2099-01-01', subjectName: '', reporterPhone: '12345', nickname: 'x',
      photos: [{ sha256: 'xyz', caption: '', width: 1600, height: 1200, bytes: 10, thumbSha256: 'a'.repeat(64), thumbBytes: 1, exif: {} }],
    };
    const r = await put(reporter, newCaseId(), { baseRevision: 0, fields });
    assert.is(r.status, 422);
    assert.is(r.body.error, 'invalid');
    const byPath = Object.fromEntries((r.body.issues as { path: string; message: string }[]).map((i) => [i.path, i.message]));
    assert.is(byPath['fields.deedDate'], 'Ngày không thể ở tương lai');
    assert.is(byPath['fields.subjectName'], 'Nhập họ tên hoặc tên tập thể');
    assert.is(byPath['fields.reporterPhone'], 'Số điện thoại chưa đúng (ví dụ 0912345678)');
    assert.is(byPath['fields.photos.0.sha256'], 'Mã ảnh không hợp lệ');
    assert.is(byPath['fields.photos.0.exif'], 'Trường này không được phép');
    assert.is(byPath['fields.nickname'], 'Trường này không được phép');

    const noConsent = await put(reporter, newCaseId(), { baseRevision: 0, fields: caseFields({ consentAppraisal: false as true }) });
    assert.is(noConsent.status, 422);
    assert.equal(noConsent.body.issues, [{ path: 'fields.consentAppraisal', message: 'Cần có sự đồng ý của người được báo cáo để thẩm định' }]);
    const individual = await put(reporter, newCaseId(), { baseRevision: 0, fields: caseFields({ birthYear: undefined }) });
    assert.equal(individual.body.issues, [{ path: 'fields.birthYear', message: 'Nhập năm sinh' }]);
    const base = await put(reporter, newCaseId(), { baseRevision: -1, fields: caseFields() });
    assert.equal(base.body.issues.map((i: { path: string }) => i.path), ['baseRevision']);
    assert.equal(await counts(server), before);
  });

  test("someone else's case, a commune outside the area, or a reviewer writing: 403, nothing written", async ({ server }) => {
    const owner = await signedIn(server);
    const id = newCaseId();
    const fields = caseFields();
    assert.is((await put(owner, id, { baseRevision: 0, fields })).status, 201);
    const other = await signedIn(server);
    const reviewer = await signedIn(server, 'commune-reviewer', '03637');
    const before = await counts(server);

    for (const body of [{ baseRevision: 1, fields: caseFields({ village: 'Bản lạ' }) }, { baseRevision: 1, fields }]) {
      const r = await put(other, id, body);
      assert.is(r.status, 403);
      assert.is(r.body.error, 'forbidden');
      assert.match(r.body.message, /người khác/);
    }
    const outside = await put(owner, newCaseId(), { baseRevision: 0, fields: caseFields({ communeCode: '03640' }) });
    assert.is(outside.status, 403);
    assert.match(outside.body.message, /Xã Khoen On.*không thuộc địa bàn.*Xã Mường Kim/);
    const moving = await put(owner, id, { baseRevision: 1, fields: caseFields({ communeCode: '03640' }) });
    assert.is(moving.status, 403, 'an update cannot move the case out of the area either');
    assert.is((await put(reviewer, newCaseId(), { baseRevision: 0, fields })).status, 403);
    assert.equal(await counts(server), before);

    const provinceWide = await signedIn(server, 'reporter', '12');
    assert.is((await put(provinceWide, newCaseId(), { baseRevision: 0, fields: caseFields({ communeCode: '03640' }) })).status, 201);
  });

  test('under appraisal a case cannot be revised (409); a returned case can, and goes back to appraisal', async ({ server }) => {
    const reporter = await signedIn(server);
    const id = newCaseId();
    const fields = caseFields();
    assert.is((await put(reporter, id, { baseRevision: 0, fields })).status, 201);
    await setStatus(server, id, 'appraising');
    const locked = await put(reporter, id, { baseRevision: 1, fields: caseFields({ village: 'Bản mới' }) });
    assert.is(locked.status, 409);
    assert.is(locked.body.server.status, 'appraising');
    assert.match(locked.body.message, /Đang thẩm định/);
    assert.is((await put(reporter, id, { baseRevision: 1, fields })).body.replay, true, 'a replay is still answered');

    await setStatus(server, id, 'returned');
    const resent = await put(reporter, id, { baseRevision: 1, fields: caseFields({ village: 'Bản mới' }) });
    assert.is(resent.status, 200, resent.text);
    assert.is(resent.body.revision, 2);
    assert.is(resent.body.status, 'appraising');
    const events = await server.db().selectFrom('case_events').select(['revision', 'kind', 'status']).where('case_id', '=', id).orderBy('seq').execute();
    assert.equal(events, [{ revision: 1, kind: 'received', status: 'received' }, { revision: 2, kind: 'revised', status: 'appraising' }]);
  });

  test('a case the server lost (phone says revision 3) is taken again as new; a bad id → 400; not signed in → 401', async ({ server }) => {
    const reporter = await signedIn(server);
    const lost = await put(reporter, newCaseId(), { baseRevision: 3, fields: caseFields() });
    assert.is(lost.status, 201, 'never refused forever: the phone holds the only copy');
    assert.is(lost.body.revision, 1);
    const before = await counts(server);
    for (const id of ['not-a-uuid', '..%2F..%2Fetc%2Fpasswd', newCaseId().toUpperCase(), `${newCaseId()}%2F..`, '00000000-0000-0000-0000-000000000000']) {
      const bad = await put(reporter, id, { baseRevision: 0, fields: caseFields() });
      assert.is(bad.status, 400, id);
      assert.is(bad.body.issues[0].path, 'id');
    }
    const anonymous = await fetch(`${server.url}/api/cases/${newCaseId()}`, { method: 'PUT', body: JSON.stringify({ baseRevision: 0, fields: caseFields() }), headers: { 'content-type': 'application/json' } });
    assert.is(anonymous.status, 401);
    assert.equal(await counts(server), before);
  });

  test('the same request sent 8 times at once makes one case; racing edits make one revision and conflicts', async ({ server }) => {
    const reporter = await signedIn(server);
    const id = newCaseId();
    const fields = caseFields();
    const statuses = (await Promise.all(Array.from({ length: 8 }, () => put(reporter, id, { baseRevision: 0, fields })))).map((r) => r.status).sort();
    assert.equal(statuses, [200, 200, 200, 200, 200, 200, 200, 201]);
    const edits = await Promise.all(Array.from({ length: 6 }, (_, i) => put(reporter, id, { baseRevision: 1, fields: caseFields({ village: `Bản ${i}` }) })));
    assert.equal(edits.map((r) => r.status).sort(), [200, 409, 409, 409, 409, 409]);
    const revisions = await server.db().selectFrom('case_revisions').select('revision').where('case_id', '=', id).execute();
    assert.is(revisions.length, 2);
  });
});
