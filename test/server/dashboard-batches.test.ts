// The dashboard's figures that come from the decision and the proposal batches: days from the proposal to the
// decision (the latest move to "proposed" before the decision date, by Vietnam's day) and the batches pending
// at each authority. Cases, their events and the batches are inserted as rows (the batch routes are another
// feature's; these figures only read the tables).
import * as assert from 'uvu/assert';
import type { Insertable } from 'kysely';
import type { Authority, BatchStatus } from '../../src/shared/batch-protocol';
import type { DashboardReport, PendingBatches } from '../../src/shared/dashboard-protocol';
import type { CaseEventsTable } from '../../src/server/db/schema';
import type { ServerStatus } from '../../src/shared/sync-protocol';
import { benchCaseFields, caseRow, insertBenchOwner, seedCases } from '../bench/seed-cases';
import { signedIn, type Client } from '../support/api-client';
import { forEachDatabase } from './helpers';

const A = '03637'; // Mường Kim
const B = '03640'; // Khoen On
const RECEIVED = '2025-03-01T01:00:00.000Z';

type Move = [ServerStatus, string, ServerStatus?]; // to, at, from (default: the previous move's status)
interface Seed { key: string; commune: string; moves: Move[]; decision?: string }

const SEEDS: Seed[] = [
  // Proposed, returned, proposed again: counted from the second proposal (03-10 → 03-20: 10 days).
  { key: 'again', commune: A, decision: '2025-03-20', moves: [['appraising', '2025-03-02T03:00:00.000Z'], ['proposed', '2025-03-03T03:00:00.000Z'],
    ['returned', '2025-03-05T03:00:00.000Z'], ['appraising', '2025-03-06T03:00:00.000Z'], ['proposed', '2025-03-10T03:00:00.000Z'],
    ['commended', '2025-03-22T03:00:00.000Z']] },
  // A comment while proposed is no move: 03-05 → 03-20, 15 days.
  { key: 'comment', commune: A, decision: '2025-03-20', moves: [['appraising', '2025-03-02T03:00:00.000Z'], ['proposed', '2025-03-05T03:00:00.000Z'],
    ['proposed', '2025-03-12T03:00:00.000Z', 'proposed'], ['commended', '2025-03-21T03:00:00.000Z']] },
  // Proposed at 23:59 on the decision's day in Vietnam: 0 days.
  { key: 'same-day', commune: B, decision: '2025-03-20', moves: [['appraising', '2025-03-02T03:00:00.000Z'], ['proposed', '2025-03-20T16:59:59.999Z'],
    ['commended', '2025-03-21T03:00:00.000Z']] },
  // Its only proposal is on the day after the decision date (00:00 in Vietnam): no proposal before it, left out.
  { key: 'late', commune: B, decision: '2025-03-20', moves: [['appraising', '2025-03-02T03:00:00.000Z'], ['proposed', '2025-03-20T17:00:00.000Z'],
    ['commended', '2025-03-22T03:00:00.000Z']] },
  ...['p1', 'p2', 'p5', 'd1', 'x1', 'w1'].map((key) => ({ key, commune: A, moves: [['proposed', '2025-03-04T03:00:00.000Z', 'received']] as Move[] })),
  ...['p3', 'p4'].map((key) => ({ key, commune: B, moves: [['proposed', '2025-03-04T03:00:00.000Z', 'received']] as Move[] })),
];

interface BatchSeed { id: string; status: BatchStatus; authority: Authority; area: string; submitted: string | null; cases: string[] }
const BATCHES: BatchSeed[] = [
  { id: 'b-a1', status: 'submitted', authority: 'commune', area: A, submitted: '2025-04-01T02:00:00.000Z', cases: ['p1'] },
  { id: 'b-a2', status: 'submitted', authority: 'commune', area: A, submitted: '2025-03-25T02:00:00.000Z', cases: ['p2'] },
  { id: 'b-b1', status: 'submitted', authority: 'commune', area: B, submitted: '2025-04-02T02:00:00.000Z', cases: ['p3'] },
  { id: 'b-p1', status: 'submitted', authority: 'province', area: '12', submitted: '2025-04-03T02:00:00.000Z', cases: ['p4', 'p5'] },
  { id: 'b-a3', status: 'draft', authority: 'commune', area: A, submitted: null, cases: ['d1'] },
  { id: 'b-a4', status: 'decided', authority: 'commune', area: A, submitted: '2025-03-20T02:00:00.000Z', cases: ['x1'] },
  { id: 'b-a5', status: 'withdrawn', authority: 'commune', area: A, submitted: '2025-03-21T02:00:00.000Z', cases: ['w1'] },
];

forEachDatabase('dashboard: decisions and batches', (test) => {
  let province: Client;
  let commune: Client;
  const report = async (who: Client, query = ''): Promise<DashboardReport> => {
    const r = await who.call<DashboardReport>(`/api/review/dashboard?from=2025-01-01&to=2025-12-31${query}`);
    assert.is(r.status, 200, r.text);
    return r.body;
  };

  test('setup: cases, their events and batches as rows', async ({ server }) => {
    province = await signedIn(server, 'province-reviewer', '12');
    commune = await signedIn(server, 'commune-reviewer', A);
    const db = server.db();
    const owner = await insertBenchOwner(db);
    const ids = new Map<string, string>();
    await seedCases(db, SEEDS.length, (i) => {
      const seed = SEEDS[i]!;
      const row = caseRow(benchCaseFields(i, { communeCode: seed.commune }), owner, seed.moves.at(-1)![0], RECEIVED,
        { decision_date: seed.decision ?? null });
      ids.set(seed.key, row.id as string);
      let status: ServerStatus = 'received';
      const events: Omit<Insertable<CaseEventsTable>, 'case_id'>[] = [{ revision: 1, kind: 'received', status, at: RECEIVED, actor_id: owner }];
      for (const [to, at, from] of seed.moves) {
        const kind = from === to ? 'comment' : 'status';
        events.push({ revision: 1, kind, status: to, from_status: from ?? status, at, actor_id: owner });
        status = to;
      }
      return { row, events };
    });
    for (const b of BATCHES) {
      await db.insertInto('batches').values({
        id: b.id, status: b.status, authority: b.authority, area: b.area, number: '1', symbol: 'TTr-UBND', doc_date: '2025-03-20',
        header: '{}', public_id: `pub-${b.id}`, created_by: owner, created_at: '2025-03-20T01:00:00.000Z', updated_at: '2025-03-20T01:00:00.000Z',
        submitted_at: b.submitted,
      }).execute();
      const open = b.status === 'draft' || b.status === 'submitted' ? 1 : 0;
      await db.insertInto('batch_cases').values(b.cases.map((key, position) => ({
        batch_id: b.id, case_id: ids.get(key)!, form_id: 'giay-khen-chu-tich-xa', position, open, added_at: '2025-03-20T01:00:00.000Z',
      }))).execute();
    }
  });

  test('days from the proposal to the decision: the latest proposal on or before the decision day', async () => {
    assert.equal((await report(province)).speed.proposalToDecision, { days: 10, n: 3 }, '10, 15 and 0 days; the late one left out');
    assert.equal((await report(commune)).speed.proposalToDecision, { days: 12.5, n: 2 });
    assert.equal((await report(province, `&commune=${B}`)).speed.proposalToDecision, { days: 0, n: 1 });
  });

  test('batches pending at each authority: submitted only, by commune for commune batches, in the area', async () => {
    const row = (authority: Authority, c: string | null, name: string, batches: number, cases: number, oldestSubmittedAt: string): PendingBatches =>
      ({ authority, commune: c, name, batches, cases, oldestSubmittedAt });
    assert.equal((await report(province)).pendingBatches, [
      row('province', null, 'Chủ tịch UBND tỉnh', 1, 2, '2025-04-03T02:00:00.000Z'),
      row('commune', B, 'Chủ tịch UBND xã Khoen On', 1, 1, '2025-04-02T02:00:00.000Z'),
      row('commune', A, 'Chủ tịch UBND xã Mường Kim', 2, 2, '2025-03-25T02:00:00.000Z'),
    ]);
    // The commune sees its own batches and the province's batch that holds one of its cases (counted alone).
    const own = [
      row('province', null, 'Chủ tịch UBND tỉnh', 1, 1, '2025-04-03T02:00:00.000Z'),
      row('commune', A, 'Chủ tịch UBND xã Mường Kim', 2, 2, '2025-03-25T02:00:00.000Z'),
    ];
    assert.equal((await report(commune)).pendingBatches, own);
    assert.equal((await report(province, `&commune=${A}`)).pendingBatches, own);
    // Pending is now: a period without any case still lists them.
    const r = await commune.call<DashboardReport>('/api/review/dashboard?from=2024-01-01&to=2024-01-31');
    assert.is(r.body.total, 0);
    assert.equal(r.body.pendingBatches, own);
  });
});
