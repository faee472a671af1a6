// The end of the soak: the server's database against what the phones were told. Every acknowledged case must be
// there once, at the latest revision a phone got a receipt for, with that revision's content; every revision the
// server stored must be one a phone was told of (a replay that made a revision would show here); no two cases
// may carry one phone-made name (a case sent twice under two ids).
import type { Db } from '../../../src/server/db/connect';
import type { Ledger } from './ledger';

export interface Verdict {
  acknowledged: number;
  serverCases: number;
  lost: string[];
  staleOrWrong: string[];
  duplicates: string[];
  unacknowledgedRevisions: string[];
  unacknowledgedCases: number;
}

export async function verify(db: Db, ledger: Ledger, owners: readonly string[]): Promise<Verdict> {
  const users = await db.selectFrom('users').select(['id', 'username']).where('username', 'in', [...owners]).execute();
  const nameOf = new Map(users.map((u) => [u.id, u.username]));
  const ids = [...nameOf.keys()];
  const cases = ids.length
    ? await db.selectFrom('cases').select(['id', 'owner_id', 'revision', 'content_hash', 'subject_name']).where('owner_id', 'in', ids).execute()
    : [];
  const revisions = ids.length
    ? await db.selectFrom('case_revisions').innerJoin('cases', 'cases.id', 'case_revisions.case_id')
      .select(['case_revisions.case_id', 'case_revisions.revision', 'case_revisions.content_hash']).where('cases.owner_id', 'in', ids).execute()
    : [];

  const byId = new Map(cases.map((c) => [c.id, c]));
  const v: Verdict = {
    acknowledged: ledger.acked.size, serverCases: cases.length, lost: [], staleOrWrong: [], duplicates: [],
    unacknowledgedRevisions: [], unacknowledgedCases: 0,
  };
  for (const [id, a] of ledger.acked) {
    const row = byId.get(id);
    if (!row) v.lost.push(`${a.marker} (${id})`);
    else if (row.revision !== a.revision || row.content_hash !== a.contentHash || nameOf.get(row.owner_id) !== a.owner) {
      v.staleOrWrong.push(`${a.marker}: server revision ${row.revision}, acknowledged ${a.revision}${row.content_hash === a.contentHash ? '' : ', other content'}`);
    }
  }
  const names = new Map<string, number>();
  for (const c of cases) {
    const marker = /P\d+C\d+$/.exec(c.subject_name)?.[0] ?? c.subject_name;
    names.set(marker, (names.get(marker) ?? 0) + 1);
    if (!ledger.acked.has(c.id)) v.unacknowledgedCases++;
  }
  for (const [marker, n] of names) if (n > 1) v.duplicates.push(`${marker} ×${n}`);
  for (const r of revisions) {
    const told = ledger.acked.get(r.case_id)?.revisions.get(r.revision);
    if (told === undefined) v.unacknowledgedRevisions.push(`${r.case_id} r${r.revision}`);
    else if (told !== r.content_hash) v.staleOrWrong.push(`${r.case_id} r${r.revision}: stored content differs from what the phone sent`);
  }
  return v;
}
