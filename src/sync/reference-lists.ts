// After the changes feed, a run asks for the editable reference lists (movements, forms…) with the version it
// holds; the server answers 304 when nothing changed. A failure here costs nothing but freshness: the run's
// outcome and the outbox never depend on it, and the phone keeps the lists it had.
import type { GuongSangDb } from '../db/database';
import { getReferenceLists, storeReferenceLists } from '../db/reference-lists';
import { isReferenceLists } from '../shared/reference-protocol';
import type { SyncApi } from './http';

export type ListsPull = 'updated' | 'unchanged' | 'failed';

export async function pullReferenceLists(db: GuongSangDb, api: SyncApi, now: () => number): Promise<ListsPull> {
  try {
    const held = await getReferenceLists(db);
    const got = await api.referenceLists(held?.version);
    if (got === 'unchanged') return 'unchanged';
    if (!isReferenceLists(got)) return 'failed';
    await storeReferenceLists(db, got, now());
    return 'updated';
  } catch {
    return 'failed';
  }
}
