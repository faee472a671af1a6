// The administrator's lists the report names its rows by.
import type { Tx } from '../db/transaction';

export interface ListEntryRow { id: string; name: string; priority: boolean; retired: boolean }

/** An administrator's list as it is now, retired entries included, in its order. */
export async function listEntries(db: Tx, list: 'movements' | 'fieldsOfLife' | 'subjectCategories'): Promise<ListEntryRow[]> {
  const rows = await db.selectFrom('reference_entries')
    .select(['id', 'name', 'priority', 'retired_at'])
    .where('list', '=', list)
    .orderBy('position').orderBy('id')
    .execute();
  return rows.map((r) => ({ id: r.id, name: r.name, priority: Number(r.priority) === 1, retired: r.retired_at !== null }));
}
