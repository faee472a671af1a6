// Backoff arithmetic and the reporter's choices after a refusal or a conflict (repository functions).
import 'fake-indexeddb/auto';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { BACKOFF, backoffDelay, nextAttemptTime, parseRetryAfter } from '../../src/sync/backoff';
import { readForSending } from '../../src/db/outbox';
import { markParked } from '../../src/db/send-results';
import { applyChanges } from '../../src/db/changes-feed';
import { reopenForEditing } from '../../src/db/reporter-choices';
import { CaseNotEditableError } from '../../src/db/cases';
import { freshDb, queuedCase } from './sync-helpers';

test('backoff: full jitter between the floor and base·2^(n−1), never above the cap', () => {
  assert.is(backoffDelay(1, () => 1 - 1e-12), BACKOFF.baseMs - 1);
  assert.is(backoffDelay(1, () => 0), BACKOFF.minMs);
  assert.is(backoffDelay(3, () => 0.5), BACKOFF.baseMs * 2);
  assert.is(backoffDelay(50, () => 1 - 1e-12), BACKOFF.capMs - 1);
  assert.is(backoffDelay(1e6, () => 1), BACKOFF.capMs);
  const spread = new Set(Array.from({ length: 50 }, (_, i) => backoffDelay(8, () => i / 50)));
  assert.ok(spread.size > 40, 'phones retrying together spread out');
});

test('Retry-After: seconds or an HTTP date, bounded; a retry is never sooner than asked', () => {
  const now = Date.parse('2026-07-20T08:00:00Z');
  assert.is(parseRetryAfter('120', now), 120_000);
  assert.is(parseRetryAfter(' 0 ', now), 0);
  assert.is(parseRetryAfter('Mon, 20 Jul 2026 08:05:00 GMT', now), 300_000);
  assert.is(parseRetryAfter('Mon, 20 Jul 2026 07:00:00 GMT', now), 0, 'a date in the past: now');
  assert.is(parseRetryAfter('soon', now), undefined);
  assert.is(parseRetryAfter(null, now), undefined);
  assert.is(parseRetryAfter('999999999', now), BACKOFF.maxRetryAfterMs);
  assert.is(nextAttemptTime(1, now, () => 0, 600_000), now + 600_000);
  assert.is(nextAttemptTime(1, now, () => 0.5, 0), now + 2_500);
});

test('reopening for editing: parked and conflict and returned cases become drafts; a plain sent one does not', async () => {
  const db = freshDb();
  const parked = await queuedCase(db);
  const snap = (await readForSending(db, parked.id))!;
  await markParked(db, snap.expected, { kind: 'invalid', message: 'Sai', at: 1 });
  const p = await reopenForEditing(db, parked.id);
  assert.is(p.status, 'draft');
  assert.is(p.problem, undefined);

  const conflict = await queuedCase(db);
  const c0 = (await db.cases.get(conflict.id))!;
  await db.cases.put({ ...c0, status: 'conflict', serverCopy: { caseId: c0.id, revision: 4, status: 'received', fields: c0.fields as never, updatedAt: '' } });
  await db.outbox.delete(conflict.id);
  const c = await reopenForEditing(db, conflict.id);
  assert.is(c.status, 'draft');
  assert.is(c.serverRevision, 4, 'the edit is based on the server’s latest revision');
  assert.is(c.serverCopy, undefined);

  const sent = await queuedCase(db);
  const s0 = (await db.cases.get(sent.id))!;
  await db.cases.put({ ...s0, status: 'sent', serverRevision: 1 });
  await db.outbox.delete(sent.id);
  try {
    await reopenForEditing(db, sent.id);
    assert.unreachable('a sent case the reviewers did not return stays read-only');
  } catch (e) {
    assert.instance(e, CaseNotEditableError);
  }
  await applyChanges(db, s0.ownerId!, [{ seq: 1, caseId: sent.id, revision: 1, status: 'returned', comment: 'Bổ sung', actor: null, at: '' }], '1');
  const after = (await db.cases.get(sent.id))!;
  assert.is(after.updatedAt, s0.updatedAt, 'reviewer changes never look like the reporter’s edits');
  const r = await reopenForEditing(db, sent.id);
  assert.is(r.status, 'draft');
  assert.is(r.serverRevision, 1);
  assert.is(await db.outbox.count(), 0);
});

test.run();
