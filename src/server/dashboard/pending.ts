// The proposal batches waiting for a decision (status 'submitted') in the report's area, by authority (and, for
// commune batches, by commune): how many batches, how many of the area's cases they hold, the oldest submission.
// Pending is now, not in the period: a batch submitted last year and still undecided is what the board must see.
import { authorityNames, type Authority } from '../../shared/batch-protocol';
import type { PendingBatches } from '../../shared/dashboard-protocol';
import { communeLabel } from '../../shared/reference';
import { vietnameseCollator } from '../../shared/text';
import type { Tx } from '../db/transaction';

export async function pendingBatches(db: Tx, commune: string | null): Promise<PendingBatches[]> {
  let q = db.selectFrom('batches')
    .innerJoin('batch_cases', 'batch_cases.batch_id', 'batches.id')
    .innerJoin('cases', 'cases.id', 'batch_cases.case_id')
    .where('batches.status', '=', 'submitted');
  if (commune) q = q.where('cases.commune_code', '=', commune);
  const rows = await q
    .select((eb) => [
      'batches.authority as authority', 'batches.area as area',
      eb.fn.count<number | string>('batches.id').distinct().as('batches'),
      eb.fn.countAll<number | string>().as('cases'),
      eb.fn.min('batches.submitted_at').as('oldest'),
    ])
    .groupBy(['batches.authority', 'batches.area'])
    .execute();
  const rank = (a: Authority) => ['province', 'upward', 'commune'].indexOf(a);
  return rows
    .map((r): PendingBatches => {
      const local = r.authority === 'commune';
      return {
        authority: r.authority, commune: local ? r.area : null,
        name: local ? `Chủ tịch UBND ${communeLabel(r.area).replace(/^\S+/, (w) => w.toLowerCase())}` : authorityNames[r.authority],
        batches: Number(r.batches), cases: Number(r.cases), oldestSubmittedAt: r.oldest ?? '',
      };
    })
    .sort((a, b) => rank(a.authority) - rank(b.authority) || vietnameseCollator.compare(a.name, b.name));
}
