// The public notice of a submitted batch ("dân chủ, công khai"): who may post it and when (state, area, days,
// the server's clock), the public page's allow-list, the end of the notice (410), citizens' comments (stored,
// listed only to the batch's managers, rate-limited, bad input refused with nothing stored) and the Atom feed read
// by a real feed parser. On both databases; the app runs in this process, so its clock can be moved.
import * as assert from 'uvu/assert';
import { spawnSync } from 'node:child_process';
import { batchApi, publicNoticePaths } from '../../src/shared/batch-protocol';
import { communeLabel } from '../../src/shared/reference';
import { logIn, PASSWORD, type Client } from '../support/api-client';
import { FakeClock } from '../support/fake-clock';
import { startInProcess, type InProcessServer } from '../support/in-process-server';
import { DECISION, newBatch, submitted } from '../support/batch-fixtures';
import { commentCount, insertBatch, postComment, setStatus, type SeededBatch } from '../support/notice-seed';
import { createCase, moveTo } from '../support/review-fixtures';
import type { ServerProcess } from '../support/server-process';
import { forEachDatabase } from './helpers';

const DAY = 86_400_000;
const ENV = { TRUST_PROXY: '1', SESSION_STAFF_TTL: '400d', SESSION_STAFF_MAX_AGE: '400d' };
const CONSENT = { consentPublication: true, consentPublicationAt: '2026-07-15T08:00:00Z' };
/** Private values, distinctive enough to search the raw text for (ethnicity 50 is Si La). */
const PRIVATE = { ethnicityCode: '50', birthYear: 1943, village: 'Bản Sì Thâu Chải', deedPlace: 'Khe Phìn Hồ', reporterName: 'Tẩn Láo Lở' } as const;
const PRIVATE_TEXT = ['Si La', PRIVATE.village, PRIVATE.deedPlace, PRIVATE.reporterName, '1943'];
const PUBLIC_NAME = 'Lò Văn Thưởng';
const HIDDEN_NAMES = ['Giàng Thị Dợ', 'Sùng A Páo'];
const LONG_DEED = `Anh Thưởng đã dùng thuyền của gia đình chở 14 người dân qua dòng suối đang lũ. ${'Anh chèo nhiều chuyến trong đêm mưa to. '.repeat(12)}CUỐI-MÔ-TẢ`;

forEachDatabase('public notice', (test) => {
  let app: InProcessServer;
  let clock: FakeClock;
  let commune: Client, other: Client, province: Client, reporter: Client;
  let users = 0;

  const account = async (server: ServerProcess, role: 'reporter' | 'commune-reviewer' | 'province-reviewer', area: string) => {
    const username = `notice${++users}_${role}`;
    await server.createUser({ username, password: PASSWORD, role, area });
    return logIn(app, username);
  };
  const batch = (server: ServerProcess, o: Partial<Parameters<typeof insertBatch>[1]> = {}) =>
    insertBatch(server.db(), { createdBy: commune.user.id, caseIds: [], ...o });
  /** Proposed cases (a case is in one open batch at most): the first consents to publication, the others do not. */
  const proposed = async (n = 3) => {
    const ids: string[] = [];
    for (let i = 0; i < n; i++) {
      const fields = i === 0 ? { subjectName: PUBLIC_NAME, deedDescription: LONG_DEED, ...PRIVATE, ...CONSENT } : { subjectName: HIDDEN_NAMES[(i - 1) % 2], ...PRIVATE };
      const id = await createCase(reporter, fields);
      await moveTo(province, id, 'proposed');
      ids.push(id);
    }
    return ids;
  };
  const running = (days = 7) => ({ from: new Date(clock.t - DAY).toISOString(), until: new Date(clock.t + days * DAY).toISOString() });
  const getPage = (b: SeededBatch) => fetch(app.url + publicNoticePaths.page(b.publicId));

  test.before(async ({ server }) => {
    clock = new FakeClock(Date.parse('2026-12-05T03:00:00.000Z'));
    app = await startInProcess(server, { env: ENV, now: clock.date });
    [commune, other, province, reporter] = [
      await account(server, 'commune-reviewer', '03637'), await account(server, 'commune-reviewer', '03640'),
      await account(server, 'province-reviewer', '12'), await account(server, 'reporter', '03637'),
    ];
  });
  test.after(async () => { await app?.close(); });

  test('posting: submitted batches only, by their managers, 1–30 days from the server clock, never twice at once', async ({ server }) => {
    const draft = await batch(server, { status: 'draft' });
    const post = (who: Client, id: string, body: unknown) => who.call(batchApi.notice(id), { method: 'POST', json: body });

    const early = await post(commune, draft.id, { days: 7 });
    assert.is(early.status, 409);
    assert.match(early.body.message, /đã trình và chưa có quyết định.*Đang soạn/);
    for (const status of ['decided', 'withdrawn'] as const) {
      const b = await batch(server, { status });
      assert.is((await post(province, b.id, { days: 7 })).status, 409, status);
    }

    const b = await batch(server);
    assert.is((await post(other, b.id, { days: 7 })).status, 404, 'another commune: as if it did not exist');
    assert.is((await post(reporter, b.id, { days: 7 })).status, 403);
    assert.is((await post(commune, randomMissing(), { days: 7 })).status, 404);
    for (const days of [0, 31, 2.5, '7', null]) {
      const r = await post(commune, b.id, { days });
      assert.is(r.status, 422, `days ${String(days)}`);
      assert.match(r.body.issues[0].message, /từ 1 đến 30/);
    }
    const unchanged = await server.db().selectFrom('batches').select(['notice_from']).where('id', '=', b.id).executeTakeFirstOrThrow();
    assert.is(unchanged.notice_from, null, 'refusals change nothing');

    const ok = await post(commune, b.id, { days: 7 });
    assert.is(ok.status, 200, ok.text);
    const from = new Date(clock.t).toISOString();
    const until = new Date(clock.t + 7 * DAY).toISOString();
    assert.equal(ok.body, { from, until, publicUrl: app.url + publicNoticePaths.page(b.publicId), comments: 0 });
    const row = await server.db().selectFrom('batches').select(['notice_from', 'notice_until']).where('id', '=', b.id).executeTakeFirstOrThrow();
    assert.equal(row, { notice_from: from, notice_until: until });
    const events = await server.db().selectFrom('batch_events').select(['kind', 'actor_id', 'at', 'detail']).where('batch_id', '=', b.id).execute();
    assert.equal(events, [{ kind: 'notice', actor_id: commune.user.id, at: from, detail: '{"days":7}' }]);

    clock.advance(7 * DAY - 1);
    const again = await post(province, b.id, { days: 3 });
    assert.is(again.status, 409, 'a notice is running');
    assert.match(again.body.message, /đang được lấy ý kiến nhân dân đến/);
    clock.advance(1);
    assert.is((await post(province, b.id, { days: 30 })).status, 200, 'once it ended, it may run again');
    assert.is((await server.db().selectFrom('batch_events').select('seq').where('batch_id', '=', b.id).execute()).length, 2);
  });

  test('with the batch API: a real submitted batch posted, its detail names the notice and counts comments; the decision ends it', async ({ server }) => {
    const made = await submitted(commune, await newBatch(commune, await proposed(2)));
    assert.is((await commune.call(batchApi.notice(made.id), { method: 'POST', json: { days: 5 } })).status, 200);
    const page = await fetch(app.url + (await commune.call(batchApi.batch(made.id))).body.notice.publicUrl.replace(/^https?:\/\/[^/]+/, ''));
    assert.is(page.status, 200);
    const html = await page.text();
    assert.ok(html.includes(PUBLIC_NAME) && html.includes('và 1 trường hợp khác không công bố tên theo nguyện vọng'));
    assert.not.ok(html.includes(HIDDEN_NAMES[0]!));
    const publicId = /action="\/cong-khai\/([^/"]+)\/gop-y"/.exec(html)![1]!;
    assert.is((await postComment(app, publicId, { 'y-kien': 'Tôi biết anh Thưởng, đề nghị khen là đúng.' }, { 'x-forwarded-for': '198.51.100.77' })).status, 200);
    const detail = (await commune.call(batchApi.batch(made.id))).body;
    assert.equal({ ...detail.notice, publicUrl: undefined }, { from: new Date(clock.t).toISOString(), until: new Date(clock.t + 5 * DAY).toISOString(), publicUrl: undefined, comments: 1 });
    const decided = await commune.call(batchApi.decision(made.id), { method: 'POST', json: DECISION });
    assert.is(decided.status, 200, decided.text);
    assert.is((await fetch(app.url + publicNoticePaths.page(publicId))).status, 410, 'decided: the notice is over');
    assert.is((await commune.call(batchApi.notice(made.id), { method: 'POST', json: { days: 5 } })).status, 409);
  });

  test('the page shows consenting subjects and only counts the others; nothing outside the allow-list', async ({ server }) => {
    const b = await batch(server, { caseIds: await proposed(), notice: running() });
    const res = await getPage(b);
    assert.is(res.status, 200);
    assert.match(res.headers.get('content-type') ?? '', /^text\/html/);
    assert.match(res.headers.get('content-security-policy') ?? '', /form-action 'self'/);
    assert.is(res.headers.get('referrer-policy'), 'same-origin');
    assert.is(res.headers.get('x-content-type-options'), 'nosniff');
    assert.match(res.headers.get('cache-control') ?? '', /max-age=60/);
    const html = await res.text();
    for (const text of [PUBLIC_NAME, communeLabel('03637'), 'Giấy khen', 'Ủy ban nhân dân xã Mường Kim', 'Tờ trình số 12/TTr-UBND ngày 18/07/2026',
      'Chủ tịch Ủy ban nhân dân xã Mường Kim', 'chở 14 người dân', 'và 2 trường hợp khác không công bố tên theo nguyện vọng',
      `action="${publicNoticePaths.comment(b.publicId)}"`, 'method="post"']) {
      assert.ok(html.includes(text), `shows ${text}`);
    }
    for (const text of [...HIDDEN_NAMES, ...PRIVATE_TEXT, 'CUỐI-MÔ-TẢ', 'Dân tộc', 'Năm sinh']) assert.not.ok(html.includes(text), `never shows ${text}`);
    const deed = /<p class="text">(Anh Thưởng đã dùng thuyền[^<]*)<\/p>/.exec(html)?.[1] ?? '';
    assert.ok(deed.endsWith('…') && deed.length <= 280 && deed.length > 200, `the deed shortened with an ellipsis: ${deed}`);

    const noneConsent = await batch(server, { caseIds: (await proposed()).slice(1), notice: running() });
    assert.ok((await (await getPage(noneConsent)).text()).includes('2 trường hợp được đề nghị, không công bố tên theo nguyện vọng'));

    const missing = await fetch(`${app.url}/cong-khai/${'f'.repeat(32)}`);
    assert.is(missing.status, 404);
    assert.match(await missing.text(), /Không có đợt lấy ý kiến nhân dân nào ở địa chỉ này/);
    assert.is((await getPage(await batch(server, { caseIds: await proposed(1) }))).status, 404, 'never posted: never public');
  });

  test('after the end, or once the batch leaves "submitted": 410, and no comment is taken', async ({ server }) => {
    const b = await batch(server, { caseIds: await proposed(1), notice: running(2) });
    assert.is((await getPage(b)).status, 200);
    clock.advance(2 * DAY);
    const ended = await getPage(b);
    assert.is(ended.status, 410);
    assert.match(await ended.text(), /Thời gian lấy ý kiến đã kết thúc/);
    assert.is((await postComment(app, b.publicId, { 'y-kien': 'Tôi đồng ý khen thưởng anh Thưởng.' })).status, 410);

    const decided = await batch(server, { caseIds: await proposed(1), notice: running() });
    await setStatus(server.db(), decided.id, 'decided');
    assert.is((await getPage(decided)).status, 410);
    assert.is((await postComment(app, decided.publicId, { 'y-kien': 'Tôi đồng ý khen thưởng anh Thưởng.' })).status, 410);
    assert.is(await commentCount(server.db(), b.id) + await commentCount(server.db(), decided.id), 0);
  });

  test('comments: stored, thanked for, listed newest first to the batch managers only', async ({ server }) => {
    const b = await batch(server, { caseIds: await proposed(1), notice: running() });
    const first = await postComment(app, b.publicId, { ten: '  Lý Văn Sáng ', 'y-kien': '  Anh Thưởng cứu người thật, cả bản đều biết.  ' }, { 'x-forwarded-for': '198.51.100.1' });
    assert.is(first.status, 200);
    assert.match(first.text, /Cảm ơn bạn đã góp ý[\s\S]*Hội đồng Thi đua – Khen thưởng sẽ xem xét/);
    clock.advance(60_000);
    assert.is((await postComment(app, b.publicId, { 'y-kien': 'Đề nghị xem xét thêm <b>kỹ</b> & công bằng.' }, { 'x-forwarded-for': '198.51.100.2' })).status, 200);

    const list = await commune.call(batchApi.comments(b.id));
    assert.is(list.status, 200);
    assert.equal(list.body.comments.map((c: any) => [c.authorName, c.body, c.createdAt]), [
      [null, 'Đề nghị xem xét thêm <b>kỹ</b> & công bằng.', new Date(clock.t).toISOString()],
      ['Lý Văn Sáng', 'Anh Thưởng cứu người thật, cả bản đều biết.', new Date(clock.t - 60_000).toISOString()],
    ]);
    assert.is((await province.call(batchApi.comments(b.id))).body.comments.length, 2);
    assert.is((await other.call(batchApi.comments(b.id))).status, 404);
    assert.is((await reporter.call(batchApi.comments(b.id))).status, 403);
  });

  test('bad input: a Vietnamese reason, the typed text kept and escaped, nothing stored', async ({ server }) => {
    const b = await batch(server, { caseIds: await proposed(1), notice: running() });
    const cases: [Record<string, string>, number, RegExp][] = [
      [{ ten: 'Lò <script>alert(1)</script>', 'y-kien': '' }, 422, /Ý kiến cần ít nhất 10 ký tự/],
      [{ 'y-kien': '   ngắn     ' }, 422, /Ý kiến cần ít nhất 10 ký tự/],
      [{ 'y-kien': 'ý'.repeat(2001) }, 422, /Ý kiến tối đa 2000 ký tự/],
      [{ ten: 'T'.repeat(101), 'y-kien': 'Một ý kiến đủ dài để gửi.' }, 422, /Họ tên tối đa 100 ký tự/],
      [{ 'y-kien': 'Một ý kiến\u0000 đủ dài để gửi.' }, 422, /ký tự không hợp lệ/],
    ];
    for (const [fields, status, message] of cases) {
      const r = await postComment(app, b.publicId, fields, { 'x-forwarded-for': '198.51.100.9' });
      assert.is(r.status, status, JSON.stringify(fields).slice(0, 60));
      assert.match(r.text, message);
      assert.match(r.text, /<form method="post"/, 'the form again, to correct');
    }
    const escaped = await postComment(app, b.publicId, { ten: 'Lò <script>alert(1)</script>', 'y-kien': 'ngắn' });
    assert.ok(escaped.text.includes('value="Lò &lt;script&gt;alert(1)&lt;/script&gt;"'), 'the name comes back as text');
    assert.not.ok(escaped.text.includes('<script>'));

    const json = await call(b, { 'content-type': 'application/json' }, JSON.stringify({ 'y-kien': 'Một ý kiến đủ dài để gửi.' }));
    assert.is(json.status, 415);
    assert.match(await json.text(), /Content-Type application\/x-www-form-urlencoded/);
    const tooBig = await postComment(app, b.publicId, { 'y-kien': 'x'.repeat(20_000) });
    assert.is(tooBig.status, 413);
    assert.match(tooBig.text, /Dữ liệu gửi lên quá lớn/);
    for (const headers of [{ origin: 'https://trang-khac.example' }, { 'sec-fetch-site': 'cross-site' }] as Record<string, string>[]) {
      const r = await postComment(app, b.publicId, { 'y-kien': 'Một ý kiến đủ dài để gửi.' }, headers);
      assert.is(r.status, 403, JSON.stringify(headers));
      assert.match(r.text, /Yêu cầu đến từ một trang khác/);
    }
    assert.is(await commentCount(server.db(), b.id), 0);

    function call(batch: SeededBatch, headers: Record<string, string>, body: string) {
      return fetch(app.url + publicNoticePaths.comment(batch.publicId), { method: 'POST', headers: { origin: app.url, ...headers }, body });
    }
  });

  test('rate limits: one address 5 an hour (429, nothing stored), others unaffected; a notice takes 500 at most', async ({ server }) => {
    const b = await batch(server, { caseIds: await proposed(1), notice: running() });
    const from = (address: string) => postComment(app, b.publicId, { 'y-kien': `Ý kiến từ địa chỉ ${address} về đợt này.` }, { 'x-forwarded-for': address });
    for (let i = 0; i < 5; i++) assert.is((await from('203.0.113.7')).status, 200, `comment ${i + 1}`);
    const flood = await from('203.0.113.7');
    assert.is(flood.status, 429);
    assert.match(flood.text, /tối đa 5 ý kiến trong một giờ/);
    assert.ok(Number(flood.headers.get('retry-after')) > 0);
    assert.is(await commentCount(server.db(), b.id), 5);
    assert.is((await from('203.0.113.8')).status, 200, 'another address is not held back');
    clock.advance(3600_000);
    assert.is((await from('203.0.113.7')).status, 200, 'an hour later');

    const full = await batch(server, { caseIds: await proposed(1), notice: running() });
    const at = new Date(clock.t).toISOString();
    await server.db().insertInto('batch_comments').values(Array.from({ length: 499 }, (_, i) => ({
      id: `seed-${full.id}-${i}`, batch_id: full.id, author_name: null, body: 'Ý kiến đã có từ trước.', created_at: at,
    }))).execute();
    assert.is((await postComment(app, full.publicId, { 'y-kien': 'Ý kiến thứ năm trăm.' }, { 'x-forwarded-for': '192.0.2.1' })).status, 200);
    const over = await postComment(app, full.publicId, { 'y-kien': 'Ý kiến thứ năm trăm lẻ một.' }, { 'x-forwarded-for': '192.0.2.2' });
    assert.is(over.status, 429);
    assert.match(over.text, /đã nhận 500 ý kiến/);
    assert.is(await commentCount(server.db(), full.id), 500);
    assert.is((await postComment(app, b.publicId, { 'y-kien': 'Địa chỉ này vẫn gửi được ý kiến.' }, { 'x-forwarded-for': '192.0.2.2' })).status, 200,
      'a refusal for a full notice does not use up the address');
  });

  test('the Atom feed, read by feedparser: well-formed, exactly the running notices, nothing beyond the page', async ({ server }) => {
    await server.db().updateTable('batches').set({ notice_until: new Date(clock.t).toISOString() }).where('notice_until', '>', new Date(clock.t).toISOString()).execute();
    const older = await batch(server, { caseIds: await proposed(), notice: { from: new Date(clock.t - 2 * DAY).toISOString(), until: new Date(clock.t + DAY).toISOString() } });
    const newer = await batch(server, { caseIds: await proposed(1), header: { number: '13', proposingBody: 'UBND xã Mường Kim & <đoàn thể>' }, notice: running() });
    await batch(server, { caseIds: await proposed(1), notice: { from: new Date(clock.t - 3 * DAY).toISOString(), until: new Date(clock.t).toISOString() } }); // ended just now
    await batch(server, { caseIds: await proposed(1) }); // never posted
    const decided = await batch(server, { caseIds: await proposed(1), notice: running() });
    await setStatus(server.db(), decided.id, 'decided');

    const res = await fetch(app.url + publicNoticePaths.feed);
    assert.is(res.status, 200);
    assert.match(res.headers.get('content-type') ?? '', /^application\/atom\+xml/);
    const feed = feedparser(await res.text());
    assert.is(feed.bozo, false, feed.error);
    assert.is(feed.version, 'atom10');
    assert.equal(feed.entries.map((e) => e.link), [newer, older].map((b) => app.url + publicNoticePaths.page(b.publicId)));
    assert.is(feed.entries[0]!.title, 'UBND xã Mường Kim & <đoàn thể>: Tờ trình số 13/TTr-UBND ngày 18/07/2026');
    assert.is(new Set(feed.entries.map((e) => e.id)).size, 2);
    for (const e of feed.entries) {
      assert.ok(e.content.includes(PUBLIC_NAME));
      for (const text of [...PRIVATE_TEXT, 'CUỐI-MÔ-TẢ']) assert.not.ok(e.content.includes(text), `feed never shows ${text}`);
    }
    assert.ok(feed.entries[1]!.content.includes('và 2 trường hợp khác không công bố tên theo nguyện vọng'));
    for (const name of HIDDEN_NAMES) assert.not.ok(JSON.stringify(feed).includes(name));
  });
});

const randomMissing = () => '00000000-0000-4000-8000-000000000000';

interface ParsedFeed { bozo: boolean; error: string; version: string; entries: { id: string; title: string; link: string; content: string }[] }

/** Debian's python3-feedparser, the parser many feed readers are built on. */
function feedparser(xml: string): ParsedFeed {
  const script = `import sys, json, feedparser
d = feedparser.parse(sys.stdin.buffer.read())
print(json.dumps({"bozo": bool(d.bozo), "error": str(d.get("bozo_exception", "")), "version": d.version,
  "entries": [{"id": e.get("id"), "title": e.get("title"), "link": e.get("link"), "content": (e.get("content") or [{}])[0].get("value", "")} for e in d.entries]}))`;
  const run = spawnSync('/usr/bin/python3', ['-c', script], { input: xml, encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`feedparser: ${run.stderr} (install python3-feedparser)`);
  return JSON.parse(run.stdout) as ParsedFeed;
}
