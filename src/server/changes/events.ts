// case_events: the append-only log of what happened to each case. Its seq is the changes feed's cursor.
import type { CaseChange, ServerStatus, SessionUser } from '../../shared/sync-protocol';
import type { CaseEventKind } from '../db/schema';
import { lockKey, type Tx } from '../db/transaction';
import { readableBy } from '../cases/scope';

export interface NewEvent {
  caseId: string;
  revision: number;
  kind: CaseEventKind;
  status: ServerStatus;
  comment?: string | null;
  actorId: string | null;
  at: string;
  fromStatus?: ServerStatus | null;
  formId?: string | null;
  decisionNumber?: string | null;
  decisionDate?: string | null;
}

/**
 * Appends an event. On PostgreSQL the lock makes events commit in seq order: otherwise a reader could see seq 8
 * committed before seq 7, move its cursor past 7 and never see it.
 */
export async function appendEvent(db: Tx, e: NewEvent): Promise<void> {
  await lockKey(db, 'case_events');
  await db.insertInto('case_events').values({
    case_id: e.caseId, revision: e.revision, kind: e.kind, status: e.status,
    comment: e.comment ?? null, actor_id: e.actorId, at: e.at, from_status: e.fromStatus ?? null,
    form_id: e.formId ?? null, decision_number: e.decisionNumber ?? null, decision_date: e.decisionDate ?? null,
  }).execute();
}

/** Events on cases the user may read, after `afterSeq`, oldest first; one more than `limit` tells "more". */
export async function listChanges(db: Tx, user: SessionUser, afterSeq: number, limit: number): Promise<{ changes: CaseChange[]; more: boolean }> {
  const rows = await db.selectFrom('case_events')
    .innerJoin('cases', 'cases.id', 'case_events.case_id')
    .leftJoin('users', 'users.id', 'case_events.actor_id')
    .select([
      'case_events.seq', 'case_events.case_id', 'case_events.revision', 'case_events.status',
      'case_events.comment', 'case_events.at', 'users.display_name',
    ])
    .where('case_events.seq', '>', afterSeq)
    .where(readableBy(user))
    .orderBy('case_events.seq')
    .limit(limit + 1)
    .execute();
  const changes = rows.slice(0, limit).map((r): CaseChange => ({
    seq: Number(r.seq), caseId: r.case_id, revision: r.revision, status: r.status,
    comment: r.comment, actor: r.display_name ?? null, at: r.at,
  }));
  return { changes, more: rows.length > limit };
}
