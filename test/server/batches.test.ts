// Proposal batches, the life of one batch: made from proposed cases, its header, cases added and removed while
// a draft, the council, submission, withdrawal, and the decision that moves every case in one transaction.
import * as assert from 'uvu/assert';
import { batchApi, DEFAULT_LEGAL_BASES, type BatchDetail, type BatchSummary } from '../../src/shared/batch-protocol';
import { todayIso } from '../../src/shared/dates';
import type { ChangesPage } from '../../src/shared/sync-protocol';
import { signedIn, type Client } from '../support/api-client';
import { DECISION, MEETING, newBatch, post, proposedCase, submitted } from '../support/batch-fixtures';
import { counts, forEachDatabase } from './helpers';

forEachDatabase('proposal batches', (test) => {
  let reporter: Client;
  let commune: Client;

  test('setup', async ({ server }) => {
    reporter = await signedIn(server, 'reporter', '03637');
    commune = await signedIn(server, 'commune-reviewer', '03637');
  });

  test('a commune reviewer makes a draft: header from the commune and the defaults, listed and read back', async ({ server }) => {
    const a = await proposedCase(reporter, commune);
    const b = await proposedCase(reporter, commune);
    const r = await post<BatchDetail>(commune, batchApi.list(), { caseIds: [a, b] });
    assert.is(r.status, 201, r.text);
    const batch = r.body;
    assert.equal([batch.status, batch.authority, batch.area, batch.caseCount], ['draft', 'commune', '03637', 2]);
    assert.equal(batch.header, {
      number: '', symbol: 'TTr-UBND', date: todayIso(), placeName: 'Mường Kim', proposingBody: 'Ủy ban nhân dân xã Mường Kim',
      addressee: 'Chủ tịch Ủy ban nhân dân xã Mường Kim', signerTitle: '', signerName: '', legalBases: [...DEFAULT_LEGAL_BASES],
    });
    assert.equal(batch.cases.map((c) => [c.caseId, c.formId, c.vote, c.outcome]), [[a, 'giay_khen_chu_tich_ubnd_xa', null, null], [b, 'giay_khen_chu_tich_ubnd_xa', null, null]]);
    assert.equal(batch.events.map((e) => [e.kind, e.actorName]), [['created', commune.user.displayName]]);
    assert.is(batch.notice, null);

    const list = await commune.call<BatchSummary[]>(batchApi.list('status=draft'));
    assert.ok(list.body.some((s) => s.id === batch.id && s.caseCount === 2));
    assert.is((await commune.call<BatchSummary[]>(batchApi.list('status=decided'))).body.length, 0);
    const read = await commune.call<BatchDetail>(batchApi.batch(batch.id));
    assert.equal(read.body, batch);
    const row = await server.db().selectFrom('batches').select('public_id').where('id', '=', batch.id).executeTakeFirstOrThrow();
    assert.match(row.public_id, /^[A-Za-z0-9_-]{16}$/);
  });

  test('the whole path: edit, add, remove, council, submit, decision → every case commended with one event each; the phone sees it', async ({ server }) => {
    const [a, b, c] = [await proposedCase(reporter, commune), await proposedCase(reporter, commune), await proposedCase(reporter, commune)];
    let batch = await newBatch(commune, [a]);
    const added = await post<BatchDetail>(commune, batchApi.cases(batch.id), { caseIds: [b, c] });
    assert.is(added.status, 200, added.text);
    assert.equal(added.body.cases.map((x) => x.caseId), [a, b, c]);
    const removed = await commune.call<BatchDetail>(batchApi.case(batch.id, c), { method: 'DELETE' });
    assert.is(removed.status, 200, removed.text);
    assert.equal(removed.body.cases.map((x) => x.caseId), [a, b]);
    batch = await submitted(commune, removed.body);
    assert.equal([batch.status, batch.number, batch.date, batch.council], ['submitted', '12', '2026-08-05', MEETING]);
    assert.equal(batch.cases.map((x) => x.vote), [{ caseId: a, agree: 7, voters: 7 }, { caseId: b, agree: 7, voters: 7 }]);

    const before = await counts(server);
    const decided = await post<BatchDetail>(commune, batchApi.decision(batch.id), DECISION);
    assert.is(decided.status, 200, decided.text);
    assert.equal([decided.body.status, decided.body.decision], ['decided', { number: '125/QĐ-UBND', date: '2026-08-10', authority: DECISION.authority, signer: DECISION.signer }]);
    assert.equal(decided.body.cases.map((x) => x.outcome), [{ commended: true }, { commended: true }]);
    const after = await counts(server);
    assert.is(after.case_events, before.case_events! + 2);
    const rows = await server.db().selectFrom('cases').select(['id', 'status', 'decision_number', 'decision_date', 'commendation_form_id']).where('id', 'in', [a, b]).execute();
    for (const row of rows) assert.equal([row.status, row.decision_number, row.decision_date, row.commendation_form_id], ['commended', '125/QĐ-UBND', '2026-08-10', 'giay_khen_chu_tich_ubnd_xa']);
    const events = await server.db().selectFrom('case_events').selectAll().where('case_id', 'in', [a, b]).where('status', '=', 'commended').execute();
    assert.equal(events.map((e) => [e.kind, e.from_status, e.decision_number, e.decision_date, e.form_id, e.actor_id]).sort(), [
      ['status', 'proposed', '125/QĐ-UBND', '2026-08-10', 'giay_khen_chu_tich_ubnd_xa', commune.user.id],
      ['status', 'proposed', '125/QĐ-UBND', '2026-08-10', 'giay_khen_chu_tich_ubnd_xa', commune.user.id],
    ]);
    const open = await server.db().selectFrom('batch_cases').select('open').where('batch_id', '=', batch.id).execute();
    assert.equal(open.map((o) => o.open), [0, 0]);

    const feed = await reporter.call<ChangesPage>('/api/sync/changes?since=0');
    const mine = feed.body.changes.filter((ch) => ch.caseId === a).at(-1)!;
    assert.equal(mine.status, 'commended');
    assert.match(mine.comment ?? '', '125/QĐ-UBND');
    assert.equal(decided.body.events.map((e) => e.kind), ['created', 'cases-added', 'case-removed', 'edited', 'council', 'submitted', 'decided']);
  });
});

forEachDatabase('proposal batches: one open batch per case, drafts only, withdrawal', (test) => {
  let reporter: Client;
  let commune: Client;

  test('setup', async ({ server }) => {
    reporter = await signedIn(server, 'reporter', '03637');
    commune = await signedIn(server, 'commune-reviewer', '03637');
  });

  test('a case in an open batch cannot join another (named); after the withdrawal it can, still proposed', async ({ server }) => {
    const a = await proposedCase(reporter, commune);
    const b = await proposedCase(reporter, commune);
    const first = await newBatch(commune, [a]);
    const before = await counts(server);
    for (const [path, json] of [[batchApi.list(), { caseIds: [b, a] }], [batchApi.list(), { query: 'kind=ca-nhan' }]] as const) {
      const r = await post(commune, path, json);
      assert.is(r.status, 422, r.text);
      assert.match(r.body.message, `…${a.slice(-8)} (Lò Thị Mai) ở đợt Số …/TTr-UBND`);
      assert.not.match(r.body.message, b.slice(-8));
    }
    const second = await newBatch(commune, [b]);
    const into = await post(commune, batchApi.cases(second.id), { caseIds: [a] });
    assert.is(into.status, 422, into.text);
    const again = await post(commune, batchApi.cases(first.id), { caseIds: [a] });
    assert.match(again.body.message, 'ở chính đợt này');
    assert.equal((await counts(server)).batch_cases, before.batch_cases! + 1);

    const missing = await post(commune, batchApi.withdraw(first.id), { reason: '  ' });
    assert.is(missing.status, 422);
    assert.equal(missing.body.issues, [{ path: 'reason', message: 'Nêu lý do rút đợt đề nghị' }]);
    const withdrawn = await post<BatchDetail>(commune, batchApi.withdraw(first.id), { reason: 'Lập lại đợt theo hướng dẫn mới' });
    assert.is(withdrawn.status, 200, withdrawn.text);
    assert.equal([withdrawn.body.status, withdrawn.body.withdrawnReason], ['withdrawn', 'Lập lại đợt theo hướng dẫn mới']);
    const row = await server.db().selectFrom('cases').select('status').where('id', '=', a).executeTakeFirstOrThrow();
    assert.is(row.status, 'proposed');
    const moved = await post<BatchDetail>(commune, batchApi.cases(second.id), { caseIds: [a] });
    assert.is(moved.status, 200, moved.text);
    assert.equal(moved.body.cases.map((c) => c.caseId), [b, a]);
    assert.is((await post(commune, batchApi.withdraw(first.id), { reason: 'Lần nữa' })).status, 409);
  });

  test('two batches made at once from the same case: one is made, the other refused (422, never a 5xx)', async ({ server }) => {
    const a = await proposedCase(reporter, commune);
    const before = await counts(server);
    const replies = await Promise.all([post(commune, batchApi.list(), { caseIds: [a] }), post(commune, batchApi.list(), { caseIds: [a] })]);
    assert.equal(replies.map((r) => r.status).sort(), [201, 422], replies.map((r) => r.text).join('\n'));
    assert.equal((await counts(server)).batch_cases, before.batch_cases! + 1);
  });

  test('the table\'s filters pick every proposed case of the area; a filter matching none, or a bad one → 422', async ({ server }) => {
    const other = await signedIn(server, 'commune-reviewer', '03637');
    const group = await proposedCase(reporter, other, undefined, { subjectKind: 'tap-the', subjectName: 'Đội thanh niên tình nguyện bản Nà Ún' });
    const none = await post(other, batchApi.list(), { query: 'kind=tap-the&q=khong-co-ai' });
    assert.is(none.status, 422);
    assert.match(none.body.message, 'Không có hồ sơ');
    const bad = await post(other, batchApi.list(), { query: 'from=2026-13-01' });
    assert.is(bad.status, 422);
    assert.is(bad.body.issues[0].path, 'query.from');
    const r = await post<BatchDetail>(other, batchApi.list(), { query: 'kind=tap-the&q=thanh%20nien' });
    assert.is(r.status, 201, r.text);
    assert.equal(r.body.cases.map((c) => c.caseId), [group]);
  });

  test('a submitted batch is read-only but for withdrawal (409 in Vietnamese); a draft cannot get a decision', async ({ server }) => {
    const a = await proposedCase(reporter, commune);
    const b = await proposedCase(reporter, commune);
    const draft = await newBatch(commune, [a]);
    const early = await post(commune, batchApi.decision(draft.id), DECISION);
    assert.is(early.status, 409);
    assert.match(early.body.message, 'Đang soạn');
    const batch = await submitted(commune, draft);
    const before = await counts(server);
    for (const [method, path, json] of [
      ['PATCH', batchApi.batch(batch.id), { number: '13' }],
      ['POST', batchApi.cases(batch.id), { caseIds: [b] }],
      ['DELETE', batchApi.case(batch.id, a), undefined],
      ['PUT', batchApi.council(batch.id), { meeting: MEETING, votes: [] }],
      ['POST', batchApi.submit(batch.id), {}],
    ] as const) {
      const r = await commune.call(path, { method, json });
      assert.is(r.status, 409, `${method} ${path}: ${r.text}`);
      assert.match(r.body.message, 'Đã trình');
      assert.match(r.body.message, 'chỉ còn rút được');
    }
    assert.equal(await counts(server), before);
    assert.is((await post(commune, batchApi.withdraw(batch.id), { reason: 'Hội đồng họp lại' })).status, 200);
  });

  test('a case in an open batch refuses single transitions (409 naming the batch); removed from the draft, it moves again', async () => {
    const a = await proposedCase(reporter, commune);
    const batch = await newBatch(commune, [a]);
    await commune.call(batchApi.batch(batch.id), { method: 'PATCH', json: { number: '31' } });
    const refused = await post(commune, `/api/cases/${a}/transitions`, { to: 'appraising' });
    assert.is(refused.status, 409, refused.text);
    assert.match(refused.body.message, 'đợt đề nghị Số 31/TTr-UBND');
    assert.match(refused.body.message, 'rút đợt');
    assert.is((await commune.call(batchApi.case(batch.id, a), { method: 'DELETE' })).status, 200);
    const gone = await commune.call(batchApi.case(batch.id, a), { method: 'DELETE' });
    assert.is(gone.status, 404);
    assert.is((await post(commune, `/api/cases/${a}/transitions`, { to: 'appraising' })).status, 200);
  });
});
