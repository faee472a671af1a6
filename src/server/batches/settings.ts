// The commendation settings (shared/batch-protocol's CommendationSettings) in the settings table under
// 'commendation': the legal bases a new batch starts with, and the per-form minimum share of the council's votes.
// Absent: DEFAULT_LEGAL_BASES and no minimum.
import { DEFAULT_LEGAL_BASES, type CommendationSettings } from '../../shared/batch-protocol';
import type { Db } from '../db/connect';
import { lockKey, writeTransaction, type Tx } from '../db/transaction';
import { invalid } from '../http/errors';
import { entriesById } from '../reference/repo';

const KEY = 'commendation';

export async function readCommendationSettings(db: Tx): Promise<CommendationSettings> {
  const row = await db.selectFrom('settings').select('value').where('key', '=', KEY).executeTakeFirst();
  if (!row) return { legalBases: [...DEFAULT_LEGAL_BASES], minVoteShare: {} };
  return JSON.parse(row.value) as CommendationSettings;
}

/** PUT by an administrator (app.ts guards it): every form named must be in the commendation forms list. */
export async function saveCommendationSettings(db: Db, userId: string, body: CommendationSettings, at: string): Promise<CommendationSettings> {
  return writeTransaction(db, async (tx) => {
    await lockKey(tx, `settings:${KEY}`);
    const ids = Object.keys(body.minVoteShare);
    const forms = await entriesById(tx, 'commendationForms', ids);
    const unknown = ids.filter((id) => !forms.has(id));
    if (unknown.length > 0) {
      throw invalid(unknown.map((id) => ({ path: `minVoteShare.${id}`, message: 'Hình thức khen thưởng không có trong danh mục' })));
    }
    // Only the forms with a minimum are kept: 0 means none (meetsVoteShare reads it so).
    const value: CommendationSettings = {
      legalBases: body.legalBases,
      minVoteShare: Object.fromEntries(Object.entries(body.minVoteShare).filter(([, share]) => share > 0)),
    };
    const json = JSON.stringify(value);
    const updated = await tx.updateTable('settings').set({ value: json, updated_by: userId, updated_at: at })
      .where('key', '=', KEY).executeTakeFirst();
    if (Number(updated.numUpdatedRows) === 0) {
      await tx.insertInto('settings').values({ key: KEY, value: json, updated_by: userId, updated_at: at }).execute();
    }
    return value;
  });
}
