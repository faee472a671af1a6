// PUT /api/admin/reference/{list}: the administrator sends a list's active entries in order; one transaction
// brings the table in line. Entries are never deleted (old cases name them): one missing from the body is
// retired, one sent again is active again, a new id is added, a new name is a rename.
import type { ReferenceListBody } from '../../shared/reference-schemas';
import type { EditableListName, ReferenceLists } from '../../shared/reference-protocol';
import type { Db } from '../db/connect';
import { lockKey, writeTransaction } from '../db/transaction';
import { listRows, readReferenceLists, type EntryRow } from './repo';

type Values = Pick<EntryRow, 'name' | 'level' | 'priority' | 'position' | 'retired_at'>;

const same = (row: EntryRow, values: Values) =>
  row.name === values.name && row.level === values.level && Number(row.priority) === values.priority
  && Number(row.position) === values.position && row.retired_at === values.retired_at;

export async function replaceList(db: Db, list: EditableListName, body: ReferenceListBody, now = new Date()): Promise<ReferenceLists> {
  const at = now.toISOString();
  return writeTransaction(db, async (tx) => {
    await lockKey(tx, 'reference_entries');
    const current = await listRows(tx, list);
    const byId = new Map(current.map((row) => [row.id, row]));
    const wanted = new Map<string, Values>();
    body.forEach((e, position) => {
      wanted.set(e.id, { name: e.name, level: e.level ?? null, priority: e.priority ? 1 : 0, position, retired_at: null });
    });
    // Retired entries keep their relative order, after the active ones, and the time they were first retired.
    current.filter((row) => !wanted.has(row.id)).forEach((row, i) => {
      wanted.set(row.id, {
        name: row.name, level: row.level, priority: Number(row.priority), position: body.length + i, retired_at: row.retired_at ?? at,
      });
    });

    for (const [id, values] of wanted) {
      const row = byId.get(id);
      if (!row) {
        await tx.insertInto('reference_entries').values({ list, id, ...values, updated_at: at }).execute();
      } else if (!same(row, values)) {
        await tx.updateTable('reference_entries').set({ ...values, updated_at: at }).where('list', '=', list).where('id', '=', id).execute();
      }
    }
    return readReferenceLists(tx);
  });
}
