// The decision of a proposal batch: one transaction moves every case (commended, or back to the state the board
// chose with its comment), one audit event each, the batch closed; a case that changed meanwhile, or a second
// decision at the same time, fails as a whole and changes nothing.
import * as assert from 'uvu/assert';
import { batchApi, type BatchDetail } from '../../src/shared/batch-protocol';
import type { ChangesPage } from '../../src/shared/sync-protocol';
import { signedIn, type Client } from '../support/api-client';
import { DECISION, newBatch, post, PROVINCE_FORM, proposedCase, submitted } from '../support/batch-fixtures';
import type { ServerProcess } from '../support/server-process';
import { counts, forEachDatabase } from './helpers';

const statuses = async (server: ServerProcess, ids: string[]) => {
  const rows = await server.db().selectFrom('cases').select(['id', 'status', 'commendation_form_id', 'decision_number']).where('id', 'in', ids).execute();
  return ids.map((id) => rows.find((r) => r.id === id)!).map((r) => [r.status, r.commendation_form_id, r.decision_number]);
};

forEachDatabase('proposal batches: the decision', (test) => {
  let reporter: Client;
  let commune: Client;
  let province: Client;

  test('setup', async ({ server }) => {
    reporter = await signedIn(server, 'reporter', '03637');
    commune = await signedIn(server, 'commune-reviewer', '03637');
    province = await signedIn(server, 'province-reviewer', '12');
  });

  test('cases the authority did not commend go back with their comment; the others are commended', async ({ server }) => {
    const [a, b, c] = [await proposedCase(reporter, commune), await proposedCase(reporter, commune), await proposedCase(reporter, commune)];
    const batch = await submitted(commune, await newBatch(commune, [a, b, c]));
    const before = await counts(server);
    const r = await post<BatchDetail>(commune, batchApi.decision(batch.id), {
      ...DECISION,
      notCommended: [
        { caseId: a, comment: 'Bổ sung xác nhận của trưởng bản', returnTo: 'returned' },
        { caseId: c, comment: 'Xem xét lại hình thức khen thưởng', returnTo: 'appraising' },
      ],
    });
    assert.is(r.status, 200, r.text);
    assert.equal(r.body.cases.map((x) => x.outcome), [
      { commended: false, comment: 'Bổ sung xác nhận của trưởng bản', returnTo: 'returned' },
      { commended: true },
      { commended: false, comment: 'Xem xét lại hình thức khen thưởng', returnTo: 'appraising' },
    ]);
    assert.equal(await statuses(server, [a, b, c]), [
      ['returned', 'giay_khen_chu_tich_ubnd_xa', null], ['commended', 'giay_khen_chu_tich_ubnd_xa', '125/QĐ-UBND'], ['appraising', null, null],
    ]);
    assert.is((await counts(server)).case_events, before.case_events! + 3);
    const feed = (await reporter.call<ChangesPage>('/api/sync/changes?since=0')).body.changes;
    assert.equal(feed.filter((ch) => ch.caseId === a).at(-1)!.comment, 'Bổ sung xác nhận của trưởng bản');
    assert.is(feed.filter((ch) => ch.caseId === a).at(-1)!.status, 'returned');
    const decided = r.body.events.at(-1)!;
    assert.equal([decided.kind, decided.detail], ['decided', { number: '125/QĐ-UBND', date: '2026-08-10', commended: 1, notCommended: [a, c] }]);
    const again = await post(commune, batchApi.withdraw(batch.id), { reason: 'Nhầm' });
    assert.is(again.status, 409);
    assert.match(again.body.message, 'Đã có quyết định');
    assert.is((await post(commune, batchApi.list(), { caseIds: [b] })).status, 422, 'a commended case is no longer proposed');
  });

  test('the decision\'s date is not before the batch or any deed, and names only the batch\'s cases (422, nothing written)', async ({ server }) => {
    const late = await proposedCase(reporter, commune, undefined, { deedDate: '2026-08-07', subjectName: 'Giàng A Páo' });
    const batch = await submitted(commune, await newBatch(commune, [late]));
    const stranger = await proposedCase(reporter, commune);
    const before = await counts(server);
    for (const [body, path, text] of [
      [{ ...DECISION, date: '2026-08-04' }, 'date', 'ngày tờ trình (05/08/2026)'],
      [{ ...DECISION, date: '2026-08-06' }, 'date', `…${late.slice(-8)} (Giàng A Páo) ngày 07/08/2026`],
      [{ ...DECISION, date: '2999-01-01' }, 'date', 'tương lai'],
      [{ ...DECISION, number: ' ' }, 'number', 'số quyết định'],
      [{ ...DECISION, notCommended: [{ caseId: stranger, comment: 'x', returnTo: 'returned' }] }, 'notCommended.0.caseId', 'không có trong đợt'],
      [{ ...DECISION, notCommended: [{ caseId: late, comment: '', returnTo: 'returned' }] }, 'notCommended.0.comment', 'lý do'],
      [{ ...DECISION, notCommended: [{ caseId: late, comment: 'x', returnTo: 'published' }] }, 'notCommended.0.returnTo', 'trạng thái'],
    ] as const) {
      const r = await post(commune, batchApi.decision(batch.id), body);
      assert.is(r.status, 422, `${JSON.stringify(body)}: ${r.text}`);
      assert.is(r.body.issues[0].path, path);
      assert.match(r.body.issues[0].message, text);
    }
    assert.equal(await counts(server), before);
  });

  test('a case that changed meanwhile (erased, or moved) fails the whole decision: 409 naming it, nothing changed', async ({ server }) => {
    const [a, b] = [await proposedCase(reporter, commune), await proposedCase(reporter, commune, undefined, { subjectName: 'Tao Văn Ính' })];
    const batch = await submitted(commune, await newBatch(commune, [a, b]));
    await server.db().updateTable('cases').set({ status: 'appraising' }).where('id', '=', b).execute();
    const before = await counts(server);
    const r = await post(commune, batchApi.decision(batch.id), DECISION);
    assert.is(r.status, 409, r.text);
    assert.match(r.body.message, `…${b.slice(-8)} (Tao Văn Ính) nay "Đang thẩm định"`);
    assert.equal(await counts(server), before);
    assert.equal(await statuses(server, [a, b]), [['proposed', 'giay_khen_chu_tich_ubnd_xa', null], ['appraising', 'giay_khen_chu_tich_ubnd_xa', null]]);
    assert.is((await commune.call<BatchDetail>(batchApi.batch(batch.id))).body.status, 'submitted');

    await server.db().updateTable('cases').set({ status: 'proposed' }).where('id', '=', b).execute();
    const erasure = await post(province, `/api/review/cases/${b}/erasure`, { caseId: b, reason: 'Đơn số 7/2026' });
    assert.is(erasure.status, 200, erasure.text);
    const erased = await post(commune, batchApi.decision(batch.id), DECISION);
    assert.is(erased.status, 409, erased.text);
    assert.is((await statuses(server, [a]))[0]![0], 'proposed');
  });

  test('two decisions at once: one is recorded, the other refused; one event per case', async ({ server }) => {
    const ids = [];
    for (let i = 0; i < 4; i++) ids.push(await proposedCase(reporter, province, PROVINCE_FORM));
    const batch = await submitted(province, await newBatch(province, ids));
    const before = await counts(server);
    const replies = await Promise.all([
      post(province, batchApi.decision(batch.id), { ...DECISION, number: '901/QĐ-UBND' }),
      post(province, batchApi.decision(batch.id), { ...DECISION, number: '902/QĐ-UBND' }),
    ]);
    assert.equal(replies.map((r) => r.status).sort(), [200, 409], replies.map((r) => r.text).join('\n'));
    const winner = replies.find((r) => r.status === 200)!.body as BatchDetail;
    assert.is((await counts(server)).case_events, before.case_events! + ids.length);
    const numbers = new Set((await statuses(server, ids)).map((s) => s[2]));
    assert.equal([...numbers], [winner.decision!.number]);
  });
});
