// After the changes feed, a run asks for the editable reference lists (movements, forms…) with the version it
// holds; the server answers 304 when nothing changed. A failure here costs nothing but freshness: the run's
// outcome and the outbox never depend on it, and the phone keeps the lists it had.
import type { GuongSangDb } from '../db/database';
import { getReferenceLists, storeReferenceLists } from '../db/reference-lists';
import { EDITABLE_LISTS, type ReferenceLists } from '../shared/reference-protocol';
import type { SyncApi } from './http';

export type ListsPull = 'updated' | 'unchanged' | 'failed';

const MAX_ENTRIES = 1000;

const isEntry = (e: unknown): boolean => {
  const x = e as { id?: unknown; name?: unknown } | null;
  return !!x && typeof x.id === 'string' && x.id !== '' && typeof x.name === 'string' && x.name !== '';
};

/** What a picker relies on: every list present, each entry with an id and a name. Anything else is not kept. */
export function isReferenceLists(value: unknown): value is ReferenceLists {
  const x = value as Partial<ReferenceLists> | null;
  if (!x || typeof x.version !== 'string' || !x.version || typeof x.lists !== 'object' || !x.lists) return false;
  return EDITABLE_LISTS.every((name) => {
    const list: unknown = x.lists![name];
    return Array.isArray(list) && list.length > 0 && list.length <= MAX_ENTRIES && list.every(isEntry);
  });
}

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
