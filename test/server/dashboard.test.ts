// GET /api/review/dashboard against a seeded dataset: cases created through the API and moved through the real
// transitions, then dated in the past in the database (first receipt, event times, decision dates). Every
// expected figure is computed here from the seed list with plain JS, following the definitions of
// shared/dashboard-protocol.ts, and compared with the whole answer.
import * as assert from 'uvu/assert';
import type { CaseFields } from '../../src/shared/case-schema';
import type { DashboardReport, PriorityGroup } from '../../src/shared/dashboard-protocol';
import { addDays, vietnamDay } from '../../src/shared/dates';
import { communeLabel, communes } from '../../src/shared/reference';
import { vietnameseCollator } from '../../src/shared/text';
import type { TransitionTarget } from '../../src/shared/appraisal';
import { APPRAISAL_STATUSES, type AppraisalStatus, type ServerStatus } from '../../src/shared/sync-protocol';
import type { ServerProcess } from '../support/server-process';
import { forEachDatabase } from './helpers';
import { recountDashboard } from '../../src/server/dashboard/counts/recount';
import { signedIn, type Client } from '../support/api-client';
import { caseFields } from '../support/case-fixtures';
import { BODY, WITHDRAW, createCase, transition } from '../support/review-fixtures';

const A = '03637'; // Mường Kim
const B = '03640'; // Khoen On
/** A transition by a reviewer, the reporter's resubmission, or a withdrawal of consent (published → commended). */
type Step = [ServerStatus | 'resubmit' | 'withdrawn', string];
interface Seed {
  commune: string; category: string; ethnicity: string | null; movement: string; field: string; deed: string;
  /** First receipt (UTC); null: left as the server stamped it (now). */
  received: string | null;
  steps: Step[]; decision?: string; consent?: boolean;
}
const s = (commune: string, category: string, ethnicity: string | null, movement: string, field: string, deed: string,
  received: string | null, steps: Step[] = [], more: Partial<Seed> = {}): Seed =>
  ({ commune, category, ethnicity, movement, field, deed, received, steps, ...more });

const SEEDS: Seed[] = [
  s(A, 'lao-dong-truc-tiep', '03', 'dan-van-kheo', 'cuu-nguoi', '2024-12-20', '2024-12-31T17:00:00.000Z', [
    ['appraising', '2025-01-05T03:00:00.000Z'], ['proposed', '2025-01-20T03:00:00.000Z'], ['commended', '2025-02-10T03:00:00.000Z'],
    ['published', '2025-03-01T03:00:00.000Z']], { decision: '2025-02-08', consent: true }),
  s(A, 'nguoi-dan', '01', 'dan-van-kheo', 'kinh-te', '2025-01-10', '2025-01-15T02:00:00.000Z', [
    ['appraising', '2025-01-16T02:00:00.000Z'], ['proposed', '2025-02-01T02:00:00.000Z'], ['commended', '2025-03-20T02:00:00.000Z']],
    { decision: '2025-03-15', consent: true }),
  s(A, 'cbccvc', '01', 'ntm-giam-ngheo', 'kinh-te', '2025-02-01', '2025-02-03T10:00:00.000Z', [['rejected', '2025-02-13T10:00:00.000Z']]),
  s(A, 'can-bo-co-so', '05', 'ntm-giam-ngheo', 'giao-duc', '2025-02-20', '2025-03-02T01:00:00.000Z', [
    ['returned', '2025-03-05T01:00:00.000Z'], ['resubmit', '2025-03-09T01:00:00.000Z'], ['proposed', '2025-04-02T01:00:00.000Z']]),
  s(A, 'hoc-sinh', '03', 'dan-van-kheo', 'giao-duc', '2025-04-01', '2025-04-10T05:00:00.000Z', [['appraising', '2025-04-11T05:00:00.000Z']]),
  s(A, 'khac', null, 'khac', 'moi-truong', '2025-05-01', '2025-06-30T16:59:59.999Z'), // 30/06 23:59 in Vietnam: inside
  s(A, 'lao-dong-truc-tiep', '03', 'dan-van-kheo', 'cuu-nguoi', '2024-12-01', '2024-12-31T16:59:59.999Z', [ // 31/12: outside
    ['appraising', '2025-01-02T03:00:00.000Z'], ['proposed', '2025-01-10T03:00:00.000Z'], ['commended', '2025-01-26T03:00:00.000Z']],
    { decision: '2025-01-25' }),
  s(A, 'nguoi-dan', '01', 'dan-van-kheo', 'kinh-te', '2025-06-01', '2025-06-30T17:00:00.000Z', [['rejected', '2025-07-02T00:00:00.000Z']]), // 01/07: outside
  s(B, 'lao-dong-truc-tiep', '03', 'vi-nguoi-ngheo', 'giam-ngheo', '2025-01-25', '2025-02-01T01:00:00.000Z', [
    ['appraising', '2025-02-02T01:00:00.000Z'], ['proposed', '2025-02-10T01:00:00.000Z'], ['commended', '2025-02-28T01:00:00.000Z'],
    ['published', '2025-03-10T01:00:00.000Z'], ['withdrawn', '2025-04-15T01:00:00.000Z']], { decision: '2025-02-25', consent: true }),
  s(B, 'nguoi-dan', '01', 'vi-nguoi-ngheo', 'y-te', '2025-03-01', '2025-03-04T03:00:00.000Z', [['rejected', '2025-04-01T03:00:00.000Z']]),
  s(B, 'doanh-nghiep', '05', 'vi-nguoi-ngheo', 'y-te', '2025-05-10', '2025-05-12T03:00:00.000Z', [
    ['appraising', '2025-05-13T03:00:00.000Z'], ['proposed', '2025-05-20T03:00:00.000Z'], ['appraising', '2025-05-25T03:00:00.000Z']]),
  s(B, 'cbccvc', '05', 'khac', 'y-te', '2025-05-28', '2025-06-01T03:00:00.000Z', [
    ['appraising', '2025-06-02T03:00:00.000Z'], ['proposed', '2025-06-05T03:00:00.000Z'], ['commended', '2025-06-21T03:00:00.000Z']],
    { decision: '2025-06-20' }),
  s(A, 'nguoi-dan', '03', 'dan-van-kheo', 'kinh-te', '2026-01-05', null),
];

// ---- the expected figures, from the seeds ------------------------------------------------------------------

const dayDiff = (a: string, b: string) => (Date.parse(b) - Date.parse(a)) / 86_400_000;
const atOf = (seed: Seed, now: string) => seed.received ?? now;

function statusAt(seed: Seed, instant: string, now: string): ServerStatus | null {
  if (atOf(seed, now) >= instant) return null;
  let status: ServerStatus = 'received';
  const after = { resubmit: 'appraising', withdrawn: 'commended' } as const;
  for (const [to, at] of seed.steps) if (at < instant) status = to === 'resubmit' || to === 'withdrawn' ? after[to] : to;
  return status;
}
const ever = (seed: Seed, status: ServerStatus) => seed.steps.some(([to]) => to === status);
/** On the bulletin now: published, and not withdrawn since (a withdrawal also withdraws the consent). */
const onBulletin = (seed: Seed) => seed.steps.filter(([to]) => to === 'published' || to === 'withdrawn').at(-1)?.[0] === 'published';
const consents = (seed: Seed) => !!seed.consent && !seed.steps.some(([to]) => to === 'withdrawn');
const stepAt = (seed: Seed, status: ServerStatus) => seed.steps.find(([to]) => to === status)?.[1];

function median(values: number[]) {
  const v = [...values].sort((a, b) => a - b);
  const n = v.length;
  return { days: n === 0 ? null : n % 2 ? v[(n - 1) / 2]! : (v[n / 2 - 1]! + v[n / 2]!) / 2, n };
}

interface Entry { id: string; name: string; priority: number; retired_at: string | null }
interface Lists { movements: Entry[]; fieldsOfLife: Entry[]; subjectCategories: Entry[] }

function expected(o: { from: string; to: string; commune: string | null; now: string; lists: Lists; buckets: { unit: 'week' | 'month'; bounds: [string, string, string][] } }): Omit<DashboardReport, 'asOf'> {
  const cases = SEEDS.filter((c) => (!o.commune || c.commune === o.commune) && vietnamDay(atOf(c, o.now)) >= o.from && vietnamDay(atOf(c, o.now)) <= o.to);
  const final = (c: Seed) => statusAt(c, '9999', o.now)!;
  const tally = (rows: { id: string; name: string; retired?: boolean }[], key: (c: Seed) => string, keepZero: (r: { retired?: boolean }) => boolean) =>
    rows.map((r, i) => ({ ...r, count: cases.filter((c) => key(c) === r.id).length, i }))
      .filter((r) => r.count > 0 || keepZero(r))
      .sort((a, b) => b.count - a.count || a.i - b.i)
      .map(({ i: _, ...r }) => r);
  const entries = (list: Entry[]) => list.map((e) => ({ id: e.id, name: e.name, ...(e.retired_at ? { retired: true } : {}) }));
  const areaCommunes = communes.filter((c) => !o.commune || c.code === o.commune).map((c) => ({ id: c.code, name: communeLabel(c.code) }))
    .sort((a, b) => vietnameseCollator.compare(a.name, b.name));

  const groups: Record<PriorityGroup, Seed[]> = {
    reported: cases, proposed: cases.filter((c) => ever(c, 'proposed')), commended: cases.filter((c) => ever(c, 'commended')),
  };
  const counts = (holds: (c: Seed) => boolean) =>
    ({ reported: groups.reported.filter(holds).length, proposed: groups.proposed.filter(holds).length, commended: groups.commended.filter(holds).length });
  const minority = (c: Seed) => c.ethnicity !== null && c.ethnicity !== '01';
  const priority = o.lists.subjectCategories.filter((e) => e.priority === 1);
  const rejected = cases.filter((c) => ever(c, 'rejected'));

  return {
    period: { from: o.from, to: o.to },
    area: o.commune ? { code: o.commune, label: communeLabel(o.commune) } : { code: '12', label: 'toàn tỉnh Lai Châu' },
    total: cases.length,
    byStatus: Object.fromEntries(APPRAISAL_STATUSES.map((st) => [st, cases.filter((c) => final(c) === st).length])) as Record<AppraisalStatus, number>,
    byCommune: tally(areaCommunes, (c) => c.commune, () => true),
    byMovement: tally(entries(o.lists.movements), (c) => c.movement, (r) => !r.retired),
    byFieldOfLife: tally(entries(o.lists.fieldsOfLife), (c) => c.field, (r) => !r.retired),
    statusOverTime: {
      unit: o.buckets.unit,
      buckets: o.buckets.bounds.map(([start, end, at]) => ({
        start, end, at,
        counts: Object.fromEntries(APPRAISAL_STATUSES.map((st) => [st, cases.filter((c) => statusAt(c, at, o.now) === st).length])) as Record<AppraisalStatus, number>,
      })),
    },
    priority: {
      totals: counts(() => true),
      rows: [
        ...priority.map((e) => ({ id: e.id, name: e.name, kind: 'category' as const, ...(e.retired_at ? { retired: true } : {}), counts: counts((c) => c.category === e.id) })),
        { id: 'dan-toc-thieu-so', name: 'Người dân tộc thiểu số', kind: 'ethnic-minority' as const, counts: counts(minority) },
        { id: 'nhom-uu-tien', name: 'Thuộc ít nhất một nhóm ưu tiên', kind: 'any' as const,
          counts: counts((c) => minority(c) || priority.some((e) => e.id === c.category)) },
      ],
    },
    speed: {
      deedToReport: median(cases.map((c) => dayDiff(c.deed, vietnamDay(atOf(c, o.now))))),
      reportToCommendation: median(cases.filter((c) => c.decision && ever(c, 'commended')).map((c) => dayDiff(vietnamDay(atOf(c, o.now)), c.decision!))),
      reportToRejection: median(rejected.map((c) => dayDiff(vietnamDay(atOf(c, o.now)), vietnamDay(stepAt(c, 'rejected')!)))),
      proposalToDecision: median(cases.filter((c) => c.decision && ever(c, 'commended')).flatMap((c) => {
        const proposal = c.steps.filter(([to, at]) => to === 'proposed' && vietnamDay(at) <= c.decision!).at(-1);
        return proposal ? [dayDiff(vietnamDay(proposal[1]), c.decision!)] : [];
      })),
    },
    publicity: {
      published: cases.filter(onBulletin).length,
      commended: groups.commended.length,
      commendedPublished: groups.commended.filter(onBulletin).length,
      commendedConsenting: groups.commended.filter(consents).length,
    },
    pendingBatches: [],
  };
}

// ---- seeding -------------------------------------------------------------------------------------------------

function fieldsOf(seed: Seed): Partial<CaseFields> {
  const common: Partial<CaseFields> = {
    communeCode: seed.commune, subjectCategoryId: seed.category, movementId: seed.movement, fieldOfLifeId: seed.field, deedDate: seed.deed,
    consentPublication: seed.consent ?? false, consentPublicationAt: seed.consent ? '2025-01-01T00:00:00Z' : null,
  };
  if (seed.ethnicity !== null) return { ...common, ethnicityCode: seed.ethnicity };
  // A collective: no ethnicity, birth year or gender (undefined overrides the complete draft's, and is not sent).
  return { ...common, subjectKind: 'tap-the', subjectName: 'Tổ hòa giải bản Nà Ún', ethnicityCode: undefined, birthYear: undefined, gender: undefined };
}

async function seed(server: ServerProcess, reporters: Record<string, Client>, admin: Client): Promise<void> {
  const db = server.db();
  for (const c of SEEDS) {
    const id = await createCase(reporters[c.commune]!, fieldsOf(c));
    for (const [to] of c.steps) {
      const r = to === 'resubmit'
        ? await reporters[c.commune]!.call(`/api/cases/${id}`, { method: 'PUT', json: { baseRevision: 1, fields: caseFields({ ...fieldsOf(c), village: 'Bản Nà Ún, thôn 3' }) } })
        : await transition(admin, id, to === 'withdrawn' ? WITHDRAW : BODY[to as TransitionTarget]);
      if (r.status !== 200) throw new Error(`${to}: ${r.status} ${r.text}`);
    }
    if (!c.received) continue;
    await db.updateTable('cases').set({
      created_at: c.received, received_at: c.received, decision_date: c.decision ?? null, published_at: onBulletin(c) ? stepAt(c, 'published')! : null,
    }).where('id', '=', id).execute();
    const events = await db.selectFrom('case_events').select('seq').where('case_id', '=', id).orderBy('seq').execute();
    const times = [c.received, ...c.steps.map(([, at]) => at)];
    assert.is(events.length, times.length, 'one event per step');
    for (const [i, e] of events.entries()) await db.updateTable('case_events').set({ at: times[i]! }).where('seq', '=', e.seq).execute();
  }
  await recountDashboard(db); // the dates changed behind the dashboard's counts
}

async function readLists(server: ServerProcess): Promise<Lists> {
  const rows = await server.db().selectFrom('reference_entries').select(['list', 'id', 'name', 'priority', 'retired_at'])
    .orderBy('position').execute();
  const of = (list: string) => rows.filter((r) => r.list === list).map((r) => ({ ...r, priority: Number(r.priority) }));
  return { movements: of('movements'), fieldsOfLife: of('fieldsOfLife'), subjectCategories: of('subjectCategories') };
}

const HALF_YEAR: { unit: 'month'; bounds: [string, string, string][] } = {
  unit: 'month',
  bounds: [
    ['2025-01-01', '2025-01-31', '2025-01-31T17:00:00.000Z'], ['2025-02-01', '2025-02-28', '2025-02-28T17:00:00.000Z'],
    ['2025-03-01', '2025-03-31', '2025-03-31T17:00:00.000Z'], ['2025-04-01', '2025-04-30', '2025-04-30T17:00:00.000Z'],
    ['2025-05-01', '2025-05-31', '2025-05-31T17:00:00.000Z'], ['2025-06-01', '2025-06-30', '2025-06-30T17:00:00.000Z'],
  ],
};

forEachDatabase('dashboard', (test) => {
  let province: Client;
  let communeReviewer: Client;
  let lists: Lists;
  const get = (who: Client, query: string) => who.call<DashboardReport>(`/api/review/dashboard?${query}`);
  const same = async (who: Client, query: string, want: Omit<DashboardReport, 'asOf'>) => {
    const r = await get(who, query);
    assert.is(r.status, 200, r.text);
    const { asOf, ...rest } = r.body;
    assert.ok(Math.abs(Date.parse(asOf) - Date.now()) < 60_000, 'asOf is now');
    assert.equal(rest, want);
    return r.body;
  };

  test('setup: cases of two communes through the API, dated in 2025; an administrator edited the lists', async ({ server }) => {
    province = await signedIn(server, 'province-reviewer', '12');
    communeReviewer = await signedIn(server, 'commune-reviewer', A);
    const reporters = { [A]: await signedIn(server, 'reporter', A), [B]: await signedIn(server, 'reporter', B) };
    await seed(server, reporters, await signedIn(server, 'admin', '12'));
    const db = server.db();
    // Names and priorities come from the edited lists, not from the JSON the app shipped with.
    await db.updateTable('reference_entries').set({ name: 'Người dân (tên mới)' }).where('list', '=', 'subjectCategories').where('id', '=', 'nguoi-dan').execute();
    await db.updateTable('reference_entries').set({ priority: 1 }).where('list', '=', 'subjectCategories').where('id', '=', 'hoc-sinh').execute();
    for (const id of ['ntm-giam-ngheo', 'bau-cu-2021']) {
      await db.updateTable('reference_entries').set({ retired_at: '2025-01-01T00:00:00.000Z' }).where('list', '=', 'movements').where('id', '=', id).execute();
    }
    lists = await readLists(server);
  });

  test('the province, first half of 2025: every figure', async () => {
    const now = new Date().toISOString();
    const want = expected({ from: '2025-01-01', to: '2025-06-30', commune: null, now, lists, buckets: HALF_YEAR });
    const got = await same(province, 'from=2025-01-01&to=2025-06-30', want);
    // Spot checks of the expectation itself (10 cases in the period, the boundary cases on the right side).
    assert.is(got.total, 10);
    assert.equal(got.speed.deedToReport, { days: 6, n: 10 });
    assert.equal(got.speed.reportToCommendation, { days: 31, n: 4 });
    assert.equal(got.speed.reportToRejection, { days: 19, n: 2 });
    assert.equal(got.speed.proposalToDecision, { days: 17, n: 4 }, '19, 42, 15 and 15 days');
    assert.equal(got.publicity, { published: 1, commended: 4, commendedPublished: 1, commendedConsenting: 2 }, 'one withdrew consent');
    assert.equal(got.byMovement.find((m) => m.id === 'ntm-giam-ngheo'), { id: 'ntm-giam-ngheo', name: 'Xây dựng nông thôn mới và giảm nghèo bền vững', count: 2, retired: true });
    assert.not.ok(got.byMovement.some((m) => m.id === 'bau-cu-2021'), 'a retired entry nobody names is left out');
    assert.equal(got.priority.rows.map((r) => r.id), ['lao-dong-truc-tiep', 'can-bo-co-so', 'nguoi-dan', 'hoc-sinh', 'dan-toc-thieu-so', 'nhom-uu-tien']);
    assert.is(got.priority.rows[2]!.name, 'Người dân (tên mới)');
    assert.is(got.byCommune.length, communes.length, 'every commune of the province, even those with no case');
  });

  test('a commune reviewer sees their commune only; the province may pick one; another commune is refused', async () => {
    const now = new Date().toISOString();
    const wantA = expected({ from: '2025-01-01', to: '2025-06-30', commune: A, now, lists, buckets: HALF_YEAR });
    const got = await same(communeReviewer, 'from=2025-01-01&to=2025-06-30', wantA);
    assert.is(got.total, 6);
    assert.equal(got.speed.deedToReport, { days: 9.5, n: 6 });
    assert.equal(got.byCommune, [{ id: A, name: 'Xã Mường Kim', count: 6 }]);
    await same(communeReviewer, `from=2025-01-01&to=2025-06-30&commune=${A}`, wantA);
    await same(province, `from=2025-01-01&to=2025-06-30&commune=${A}`, wantA);
    await same(province, `from=2025-01-01&to=2025-06-30&commune=${B}`,
      expected({ from: '2025-01-01', to: '2025-06-30', commune: B, now, lists, buckets: HALF_YEAR }));
    const refused = await communeReviewer.call(`/api/review/dashboard?from=2025-01-01&to=2025-06-30&commune=${B}`);
    assert.is(refused.status, 403);
    assert.match(refused.body.message, /không thuộc địa bàn/);
  });

  test('a short period is charted week by week and leaves out the cases received outside it', async () => {
    const now = new Date().toISOString();
    const got = await same(province, 'from=2025-02-01&to=2025-02-20', expected({
      from: '2025-02-01', to: '2025-02-20', commune: null, now, lists, buckets: {
        unit: 'week', bounds: [['2025-02-01', '2025-02-07', '2025-02-07T17:00:00.000Z'], ['2025-02-08', '2025-02-14', '2025-02-14T17:00:00.000Z'],
          ['2025-02-15', '2025-02-20', '2025-02-20T17:00:00.000Z']],
      },
    }));
    assert.is(got.total, 2);
    assert.equal(got.statusOverTime.buckets.map((b) => b.counts.rejected), [0, 1, 1], 'rejected on 13/02');
  });

  test('a period running now: buckets stop at today, the last one is a snapshot of now', async ({ server }) => {
    // The one case left undated was received now-ish: its real receipt time (the others are all in 2025).
    const newest = await server.db().selectFrom('cases').select('created_at').orderBy('created_at', 'desc').executeTakeFirstOrThrow();
    const before = newest.created_at;
    const today = vietnamDay(before);
    const day = (n: number) => addDays(today, n);
    const [from, to] = [day(-3), day(10)];
    const r = await get(province, `from=${from}&to=${to}`);
    assert.is(r.status, 200, r.text);
    const want = expected({ from, to, commune: null, now: before, lists, buckets: { unit: 'week', bounds: [[from, day(3), r.body.asOf]] } });
    const { asOf: _, ...rest } = r.body;
    assert.equal(rest, want);
    assert.is(r.body.total, 1);
    assert.is(r.body.statusOverTime.buckets[0]!.counts.received, 1);
  });

  test('bad periods and filters: 422 with Vietnamese messages, per field', async () => {
    const cases: [string, string, RegExp][] = [
      ['to=2025-06-30', 'from', /ngày bắt đầu/],
      ['from=2025-01-01', 'to', /ngày kết thúc/],
      ['from=2025-13-01&to=2025-12-31', 'from', /yyyy-mm-dd/],
      ['from=01/01/2025&to=2025-12-31', 'from', /yyyy-mm-dd/],
      ['from=2025-06-30&to=2025-01-01', 'to', /không được trước/],
      ['from=2020-01-01&to=2025-01-01', 'to', /tối đa 60 tháng/],
      ['from=1999-12-31&to=2000-01-31', 'from', /từ năm 2000/],
      ['from=2025-01-01&to=2025-06-30&commune=99999', 'commune', /Mã xã/],
      ['from=2025-01-01&to=2025-06-30&status=received', 'status', /không được phép/],
    ];
    for (const [query, path, message] of cases) {
      const r = await get(province, query);
      assert.is(r.status, 422, query);
      const issue = r.body as unknown as { issues: { path: string; message: string }[] };
      assert.is(issue.issues[0]!.path, path, query);
      assert.match(issue.issues[0]!.message, message, query);
    }
  });

  test('reporters and anonymous callers are refused', async ({ server }) => {
    const reporter = await signedIn(server, 'reporter', A);
    assert.is((await get(reporter, 'from=2025-01-01&to=2025-06-30')).status, 403);
    assert.is((await fetch(`${server.url}/api/review/dashboard?from=2025-01-01&to=2025-06-30`)).status, 401);
  });
});
