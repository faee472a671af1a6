// Proposal batches: who may batch what. The area (a commune reviewer's commune, the province's everything),
// the authority (one per batch, by the form's level; a commune reviewer only commune-level forms), roles,
// the council's vote threshold (an admin setting, off by default), and bad input (422 in Vietnamese, nothing written).
import * as assert from 'uvu/assert';
import { batchApi, DEFAULT_LEGAL_BASES, type BatchDetail, type BatchSummary } from '../../src/shared/batch-protocol';
import { signedIn, type Client } from '../support/api-client';
import {
  COMMUNE_FORM, MEETING, newBatch, post, PROVINCE_FORM, proposedCase, submitted, UPWARD_FORM,
} from '../support/batch-fixtures';
import { counts, forEachDatabase } from './helpers';

const short = (id: string) => `…${id.slice(-8)}`;

forEachDatabase('proposal batches: area, authority, roles', (test) => {
  let reporter: Client;
  let otherReporter: Client;
  let commune: Client;
  let otherCommune: Client;
  let province: Client;

  test('setup', async ({ server }) => {
    reporter = await signedIn(server, 'reporter', '03637');
    otherReporter = await signedIn(server, 'reporter', '03640');
    commune = await signedIn(server, 'commune-reviewer', '03637');
    otherCommune = await signedIn(server, 'commune-reviewer', '03640');
    province = await signedIn(server, 'province-reviewer', '12');
  });

  test('a commune reviewer can neither batch nor read another commune\'s cases and batches', async ({ server }) => {
    const theirs = await proposedCase(otherReporter, otherCommune, COMMUNE_FORM, { communeCode: '03640' });
    const before = await counts(server);
    const r = await post(commune, batchApi.list(), { caseIds: [theirs] });
    assert.is(r.status, 403, r.text);
    assert.match(r.body.message, 'không thuộc địa bàn');
    const theirBatch = await newBatch(otherCommune, [theirs]);
    assert.is(theirBatch.area, '03640');
    for (const [method, path, json] of [
      ['GET', batchApi.batch(theirBatch.id), undefined],
      ['PATCH', batchApi.batch(theirBatch.id), { number: '1' }],
      ['POST', batchApi.withdraw(theirBatch.id), { reason: 'Thử' }],
      ['DELETE', batchApi.case(theirBatch.id, theirs), undefined],
    ] as const) {
      const denied = await commune.call(path, { method, json });
      assert.is(denied.status, 404, `${method} ${path}: ${denied.text}`);
      assert.is(denied.body.message, 'Không tìm thấy đợt đề nghị này');
    }
    const list = await commune.call<BatchSummary[]>(batchApi.list());
    assert.not.ok(list.body.some((b) => b.id === theirBatch.id));
    assert.ok((await province.call<BatchSummary[]>(batchApi.list())).body.some((b) => b.id === theirBatch.id));
    assert.equal((await counts(server)).batch_events, before.batch_events! + 1);
    const query = await post(commune, batchApi.list(), { query: 'commune=03640' });
    assert.is(query.status, 403);
  });

  test('a selection mixing authorities is refused naming the cases that differ and what each needs', async ({ server }) => {
    const [a, b] = [await proposedCase(reporter, province), await proposedCase(reporter, province)];
    const c = await proposedCase(reporter, province, PROVINCE_FORM, { subjectName: 'Hà Văn Dũng' });
    const before = await counts(server);
    const r = await post(province, batchApi.list(), { caseIds: [a, c, b] });
    assert.is(r.status, 422, r.text);
    assert.equal(r.body.issues.map((i: { path: string }) => i.path), ['caseIds']);
    assert.match(r.body.message, `${short(c)} (Hà Văn Dũng) cần Chủ tịch UBND tỉnh`);
    assert.match(r.body.message, 'đợt này: Chủ tịch UBND xã');
    assert.not.match(r.body.message, short(a));
    const batch = await newBatch(province, [a]);
    const added = await post(province, batchApi.cases(batch.id), { caseIds: [c] });
    assert.is(added.status, 422);
    assert.match(added.body.message, `${short(c)} (Hà Văn Dũng) cần Chủ tịch UBND tỉnh`);
    assert.equal((await counts(server)).batches, before.batches! + 1);
  });

  test('a commune reviewer may not batch provincial or higher forms (403); the province gathers several communes', async () => {
    const mine = await proposedCase(reporter, commune, PROVINCE_FORM);
    const theirs = await proposedCase(otherReporter, province, PROVINCE_FORM, { communeCode: '03640' });
    const refused = await post(commune, batchApi.list(), { caseIds: [mine] });
    assert.is(refused.status, 403, refused.text);
    assert.match(refused.body.message, 'cấp xã của xã mình');
    const r = await post<BatchDetail>(province, batchApi.list(), { caseIds: [mine, theirs] });
    assert.is(r.status, 201, r.text);
    assert.equal([r.body.authority, r.body.area], ['province', '12']);
    assert.equal([r.body.header.placeName, r.body.header.proposingBody, r.body.header.addressee],
      ['Lai Châu', 'Ủy ban nhân dân tỉnh Lai Châu', 'Chủ tịch Ủy ban nhân dân tỉnh Lai Châu']);
    assert.equal(r.body.cases.map((c) => c.communeCode), ['03637', '03640']);
    assert.is((await commune.call(batchApi.batch(r.body.id))).status, 404);
    const upward = await newBatch(province, [await proposedCase(reporter, province, UPWARD_FORM)]);
    assert.equal([upward.authority, upward.header.addressee], ['upward', 'Thủ tướng Chính phủ']);
  });

  test('commune-level forms of two communes make two batches (each commune\'s chairman decides)', async () => {
    const mine = await proposedCase(reporter, province);
    const theirs = await proposedCase(otherReporter, province, COMMUNE_FORM, { communeCode: '03640', subjectName: 'Lường Thị Hoa' });
    const r = await post(province, batchApi.list(), { caseIds: [mine, theirs] });
    assert.is(r.status, 422, r.text);
    assert.match(r.body.message, `${short(theirs)} (Lường Thị Hoa) thuộc Xã Khoen On`);
    const batch = await newBatch(province, [theirs]);
    assert.equal([batch.authority, batch.area, batch.header.proposingBody], ['commune', '03640', 'Ủy ban nhân dân xã Khoen On']);
    assert.is((await otherCommune.call(batchApi.batch(batch.id))).status, 200, 'the commune manages a batch the province made for it');
  });

  test('reporters never reach batches or their settings (403); anonymous 401', async ({ server }) => {
    const a = await proposedCase(reporter, commune);
    const batch = await newBatch(commune, [a]);
    for (const [method, path] of [['GET', batchApi.list()], ['POST', batchApi.list()], ['GET', batchApi.batch(batch.id)],
      ['POST', batchApi.submit(batch.id)], ['GET', batchApi.settings]] as const) {
      const r = await reporter.call(path, { method, json: method === 'POST' ? { caseIds: [a] } : undefined });
      assert.is(r.status, 403, `${method} ${path}`);
    }
    const anonymous = await fetch(server.url + batchApi.list());
    assert.is(anonymous.status, 401);
  });
});

forEachDatabase('proposal batches: vote threshold, settings, bad input', (test) => {
  let reporter: Client;
  let commune: Client;
  let province: Client;
  let admin: Client;

  test('setup', async ({ server }) => {
    reporter = await signedIn(server, 'reporter', '03637');
    commune = await signedIn(server, 'commune-reviewer', '03637');
    province = await signedIn(server, 'province-reviewer', '12');
    admin = await signedIn(server, 'admin', '12');
  });

  test('settings: every reviewer reads the defaults; only an admin writes, with known forms and shares 0..1', async ({ server }) => {
    const read = await commune.call(batchApi.settings);
    assert.equal([read.status, read.body], [200, { legalBases: [...DEFAULT_LEGAL_BASES], minVoteShare: {} }]);
    const body = { legalBases: ['Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022'], minVoteShare: { [COMMUNE_FORM]: 0.75 } };
    for (const who of [commune, province]) {
      const r = await who.call(batchApi.settings, { method: 'PUT', json: body });
      assert.is(r.status, 403);
      assert.match(r.body.message, 'Chỉ quản trị viên');
    }
    const before = await counts(server);
    for (const [bad, path] of [
      [{ ...body, minVoteShare: { khong_co: 0.5 } }, 'minVoteShare.khong_co'],
      [{ ...body, minVoteShare: { [COMMUNE_FORM]: 1.5 } }, `minVoteShare.${COMMUNE_FORM}`],
      [{ ...body, legalBases: [] }, 'legalBases'],
      [{ ...body, legalBases: ['  '] }, 'legalBases.0'],
      [{ legalBases: body.legalBases }, 'minVoteShare'],
    ] as const) {
      const r = await admin.call(batchApi.settings, { method: 'PUT', json: bad });
      assert.is(r.status, 422, JSON.stringify(bad));
      assert.is(r.body.issues[0].path, path);
    }
    assert.equal(await counts(server), before);
    const saved = await admin.call(batchApi.settings, { method: 'PUT', json: body });
    assert.equal([saved.status, saved.body], [200, body]);
    assert.equal((await commune.call(batchApi.settings)).body, body);
    const batch = await newBatch(commune, [await proposedCase(reporter, commune)]);
    assert.equal(batch.header.legalBases, body.legalBases, 'a new batch starts from the settings');
  });

  test('with a minimum share set, submit refuses the cases below it (named); without one, any vote passes', async () => {
    await admin.call(batchApi.settings, { method: 'PUT', json: { legalBases: [...DEFAULT_LEGAL_BASES], minVoteShare: { [COMMUNE_FORM]: 0.75 } } });
    const a = await proposedCase(reporter, commune);
    const b = await proposedCase(reporter, commune, COMMUNE_FORM, { subjectName: 'Vàng Thị Dua' });
    const batch = await newBatch(commune, [a, b]);
    let refusal = '';
    try {
      await submitted(commune, batch, [{ caseId: a, agree: 6, voters: 7 }, { caseId: b, agree: 4, voters: 7 }]);
    } catch (err) {
      refusal = (err as Error).message;
    }
    assert.match(refusal, '/submit: 422');
    assert.match(refusal, `${short(b)} (Vàng Thị Dua) 4/7, cần 75%`);
    assert.not.match(refusal, short(a));
    const read = await commune.call<BatchDetail>(batchApi.batch(batch.id));
    assert.is(read.body.status, 'draft');
    assert.is((await commune.call(batchApi.case(batch.id, b), { method: 'DELETE' })).status, 200);
    assert.is((await post(commune, batchApi.submit(batch.id))).status, 200);

    await admin.call(batchApi.settings, { method: 'PUT', json: { legalBases: [...DEFAULT_LEGAL_BASES], minVoteShare: {} } });
    const low = await newBatch(commune, [await proposedCase(reporter, commune)]);
    const done = await submitted(commune, low, [{ caseId: low.cases[0]!.caseId, agree: 1, voters: 7 }]);
    assert.is(done.status, 'submitted');
  });

  test('submit needs a number, a signer, the council and a case (422 naming each)', async () => {
    const a = await proposedCase(reporter, commune);
    const batch = await newBatch(commune, [a]);
    await commune.call(batchApi.case(batch.id, a), { method: 'DELETE' });
    const r = await post(commune, batchApi.submit(batch.id));
    assert.is(r.status, 422);
    assert.equal(r.body.issues.map((i: { path: string }) => i.path), ['cases', 'header.number', 'header.signerName', 'council']);
  });

  test('bad input → 422 with Vietnamese messages at the field\'s path, and nothing written', async ({ server }) => {
    const a = await proposedCase(reporter, commune);
    const batch = await newBatch(commune, [a]);
    const before = await counts(server);
    const cases: [string, string, unknown, string][] = [
      ['POST', batchApi.list(), {}, ''],
      ['POST', batchApi.list(), { caseIds: [] }, 'caseIds'],
      ['POST', batchApi.list(), { caseIds: ['khong-phai-uuid'] }, 'caseIds.0'],
      ['POST', batchApi.list(), { caseIds: [a, a] }, 'caseIds.1'],
      ['POST', batchApi.list(), { caseIds: [a.replace(/.$/, a.endsWith('0') ? '1' : '0')] }, 'caseIds.0'],
      ['PATCH', batchApi.batch(batch.id), {}, ''],
      ['PATCH', batchApi.batch(batch.id), { date: '2026-02-30' }, 'date'],
      ['PATCH', batchApi.batch(batch.id), { number: '12/TTr' }, 'number'],
      ['PATCH', batchApi.batch(batch.id), { symbol: '' }, 'symbol'],
      ['PATCH', batchApi.batch(batch.id), { legalBases: new Array(21).fill('Luật') }, 'legalBases'],
      ['PATCH', batchApi.batch(batch.id), { addressee: 'x'.repeat(201) }, 'addressee'],
      ['PATCH', batchApi.batch(batch.id), { status: 'decided' }, 'status'],
      ['PUT', batchApi.council(batch.id), { meeting: { ...MEETING, present: 10 }, votes: [] }, 'meeting.present'],
      ['PUT', batchApi.council(batch.id), { meeting: MEETING, votes: [{ caseId: a, agree: 8, voters: 7 }] }, 'votes.0.agree'],
      ['PUT', batchApi.council(batch.id), { meeting: MEETING, votes: [{ caseId: a, agree: 1, voters: 8 }] }, 'votes.0.voters'],
      ['PUT', batchApi.council(batch.id), { meeting: MEETING, votes: [{ caseId: a, agree: 1.5, voters: 7 }] }, 'votes.0.agree'],
      ['PUT', batchApi.council(batch.id), { meeting: { ...MEETING, date: '2999-01-01' }, votes: [] }, 'meeting.date'],
      ['PUT', batchApi.council(batch.id), { meeting: MEETING, votes: [{ caseId: batch.id, agree: 1, voters: 7 }] }, 'votes.0.caseId'],
      ['POST', batchApi.withdraw(batch.id), { reason: 'x'.repeat(501) }, 'reason'],
      ['GET', batchApi.list('status=xong'), undefined, 'status'],
    ];
    for (const [method, path, json, issuePath] of cases) {
      const r = await commune.call(path, { method, json });
      const what = `${method} ${path} ${JSON.stringify(json)?.slice(0, 80)}`;
      assert.is(r.status, 422, `${what}: ${r.text}`);
      assert.ok(r.body.issues.some((i: { path: string }) => i.path === issuePath), `${what}: ${r.text}`);
      for (const issue of r.body.issues) assert.match(issue.message, /[ăâđêôơưàảãáạèẻẽéẹìỉĩíịòỏõóọùủũúụỳỷỹýỵ]/i, `${what}: ${issue.message}`);
    }
    assert.equal(await counts(server), before);
    assert.is((await commune.call(batchApi.batch('khong-co'))).status, 404);
  });
});
