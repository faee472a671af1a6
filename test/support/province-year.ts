// A year of a province's work written straight into the database (for the report's page-count tests): `count`
// cases received over the year in the given communes, each taking one of the usual paths through review with
// its audit events (proposed cases carry their form, commended ones a decision date), and the cases still
// proposed gathered into submitted batches, one per commune for commune forms and one for the province.
import type { Insertable } from 'kysely';
import type { Db } from '../../src/server/db/connect';
import type { CaseEventsTable } from '../../src/server/db/schema';
import { KINH_CODE } from '../../src/shared/reference';
import type { ServerStatus } from '../../src/shared/sync-protocol';
import { benchCaseFields, caseRow, insertBenchOwner, pick, seedCases } from '../bench/seed-cases';

const DAY = 86_400_000;
const PATHS: ServerStatus[][] = [
  ['received', 'appraising', 'proposed', 'commended'],
  ['received', 'appraising', 'proposed', 'commended', 'published'],
  ['received', 'appraising', 'proposed'],
  ['received', 'appraising'],
  ['received', 'rejected'],
  ['received', 'appraising', 'proposed', 'commended'],
  ['received', 'returned'],
];
const FORMS = ['giay_khen_chu_tich_ubnd_xa', 'giay_khen_chu_tich_ubnd_xa', 'bang_khen_chu_tich_ubnd_tinh'];

export interface YearSeed { year: number; count: number; communes: readonly string[] }

/** Seeds the year. Without an owner it adds the bench owner (once per database). */
export async function seedYear(db: Db, o: YearSeed, owner?: string): Promise<void> {
  const who = owner ?? await insertBenchOwner(db);
  const start = Date.UTC(o.year, 0, 1) - 7 * 3_600_000;
  const proposed: { id: string; commune: string; form: string }[] = [];
  await seedCases(db, o.count, (i) => {
    const path = pick(PATHS, i);
    let t = start + Math.floor((i / o.count) * 330 * DAY) + (i % 11) * 3_600_000;
    const received = new Date(t).toISOString();
    const form = pick(FORMS, i);
    let status: ServerStatus = 'received';
    let decision: string | null = null;
    const events: Omit<Insertable<CaseEventsTable>, 'case_id'>[] = path.map((to, k) => {
      if (k > 0) t += (2 + ((i * 13 + k * 7) % 15)) * DAY;
      const at = new Date(t).toISOString();
      if (to === 'commended') decision = new Date(t - DAY).toISOString().slice(0, 10);
      const event = { revision: 1, kind: k === 0 ? 'received' as const : 'status' as const, status: to, from_status: k === 0 ? null : status, at,
        actor_id: who, form_id: to === 'proposed' ? form : null, decision_date: to === 'commended' ? decision : null };
      status = to;
      return event;
    });
    const fields = benchCaseFields(i, {
      communeCode: pick(o.communes, i * 5), ethnicityCode: pick([KINH_CODE, '03', '05', '02'], i * 3), consentPublication: i % 4 !== 0,
      deedDate: new Date(start + 7 * 3_600_000 + Math.floor((i / o.count) * 330 * DAY) - (i % 20) * DAY).toISOString().slice(0, 10),
    });
    const row = caseRow(fields, who, status, received, {
      decision_date: decision, published_at: path.at(-1) === 'published' ? events.at(-1)!.at : null, updated_at: events.at(-1)!.at,
    });
    if (path.at(-1) === 'proposed') proposed.push({ id: row.id as string, commune: fields.communeCode, form });
    return { row, events };
  });
  await submitBatches(db, o.year, who, proposed);
}

async function submitBatches(db: Db, year: number, owner: string, cases: { id: string; commune: string; form: string }[]): Promise<void> {
  const groups = new Map<string, typeof cases>();
  for (const c of cases) {
    const area = c.form === 'bang_khen_chu_tich_ubnd_tinh' ? '12' : c.commune;
    groups.set(area, [...(groups.get(area) ?? []), c]);
  }
  let n = 0;
  for (const [area, members] of groups) {
    const id = `year-${year}-${area}`;
    const at = new Date(Date.UTC(year, 10, 20 + (n++ % 8), 2)).toISOString();
    await db.insertInto('batches').values({
      id, status: 'submitted', authority: area === '12' ? 'province' : 'commune', area, number: String(n), symbol: 'TTr-UBND',
      doc_date: at.slice(0, 10), header: '{}', public_id: `pub-${id}`, created_by: owner, created_at: at, updated_at: at, submitted_at: at,
    }).execute();
    await db.insertInto('batch_cases').values(members.map((c, position) => ({
      batch_id: id, case_id: c.id, form_id: c.form, position, open: 1, added_at: at,
    }))).execute();
  }
}
