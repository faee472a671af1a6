// GET /api/sync/changes: the events on cases each user may read, oldest first, paged by cursor.
import * as assert from 'uvu/assert';
import type { CaseChange, ChangesPage } from '../../src/shared/sync-protocol';
import { appendEvent } from '../../src/server/changes/events';
import { writeTransaction } from '../../src/server/db/transaction';
import type { ServerProcess } from '../support/server-process';
import { counts, forEachDatabase } from './helpers';
import { signedIn, type Client } from '../support/api-client';
import { caseFields, newCaseId } from '../support/case-fixtures';

async function createCase(client: Client, communeCode = '03637'): Promise<string> {
  const id = newCaseId();
  const r = await client.call(`/api/cases/${id}`, { method: 'PUT', json: { baseRevision: 0, fields: caseFields({ communeCode }) } });
  if (r.status !== 201) throw new Error(`${r.status} ${r.text}`);
  return id;
}

/** What the review workspace will do (next issue): change a case's status and log it. */
async function review(server: ServerProcess, caseId: string, actorId: string, status: 'appraising' | 'returned', comment: string | null, times = 1): Promise<void> {
  await writeTransaction(server.db(), async (tx) => {
    await tx.updateTable('cases').set({ status }).where('id', '=', caseId).execute();
    const { revision } = await tx.selectFrom('cases').select('revision').where('id', '=', caseId).executeTakeFirstOrThrow();
    for (let i = 0; i < times; i++) {
      await appendEvent(tx, { caseId, revision, kind: comment ? 'comment' : 'status', status, comment, actorId, at: new Date().toISOString() });
    }
  });
}

async function allChanges(client: Client, since = '0'): Promise<{ changes: CaseChange[]; pages: ChangesPage[] }> {
  const pages: ChangesPage[] = [];
  let cursor = since;
  for (;;) {
    const r = await client.call<ChangesPage>(`/api/sync/changes?since=${cursor}`);
    assert.is(r.status, 200, r.text);
    pages.push(r.body);
    cursor = r.body.cursor;
    if (!r.body.more) break;
  }
  return { changes: pages.flatMap((p) => p.changes), pages };
}

forEachDatabase('changes feed', (test) => {
  test('each user sees the cases they may read: own (reporter), commune (commune reviewer), all (province)', async ({ server }) => {
    const mine = await signedIn(server);
    const neighbour = await signedIn(server);
    const provinceReporter = await signedIn(server, 'reporter', '12');
    const communeReviewer = await signedIn(server, 'commune-reviewer', '03637');
    const otherCommuneReviewer = await signedIn(server, 'commune-reviewer', '03640');
    const provinceReviewer = await signedIn(server, 'province-reviewer', '12');
    const admin = await signedIn(server, 'admin', '12');

    const a = await createCase(mine);
    const b = await createCase(neighbour);
    const c = await createCase(provinceReporter, '03640');
    await review(server, a, communeReviewer.user.id, 'returned', 'Bổ sung ảnh hiện trường và xác nhận của trưởng bản');

    const ids = async (client: Client) => (await allChanges(client)).changes.map((ch) => ch.caseId);
    assert.equal(await ids(mine), [a, a]);
    assert.equal(await ids(neighbour), [b]);
    assert.equal(await ids(communeReviewer), [a, b, a]);
    assert.equal(await ids(otherCommuneReviewer), [c]);
    assert.equal(await ids(provinceReviewer), [a, b, c, a]);
    assert.equal(await ids(admin), [a, b, c, a]);

    const [received, returned] = (await allChanges(mine)).changes;
    assert.equal({ ...received!, seq: 0, at: '' }, { seq: 0, caseId: a, revision: 1, status: 'received', comment: null, actor: mine.user.displayName, at: '' });
    assert.equal({ ...returned!, seq: 0, at: '' }, {
      seq: 0, caseId: a, revision: 1, status: 'returned', comment: 'Bổ sung ảnh hiện trường và xác nhận của trưởng bản', actor: communeReviewer.user.displayName, at: '',
    });
    assert.ok(returned!.seq > received!.seq);
    assert.ok(!Number.isNaN(Date.parse(returned!.at)));

    // The returned case, revised, goes back to appraisal: the phone learns it from the feed.
    const cursor = String(returned!.seq);
    const resent = await mine.call(`/api/cases/${a}`, { method: 'PUT', json: { baseRevision: 1, fields: caseFields({ village: 'Bản Nà Ún 2' }) } });
    assert.is(resent.status, 200);
    const next = await mine.call<ChangesPage>(`/api/sync/changes?since=${cursor}`);
    assert.equal(next.body.changes.map((ch) => [ch.revision, ch.status]), [[2, 'appraising']]);
  });

  test('pages of 200, oldest first, no gaps or repeats; the cursor stays when nothing is new', async ({ server }) => {
    const reporter = await signedIn(server);
    const reviewer = await signedIn(server, 'commune-reviewer', '03637');
    const start = (await allChanges(reviewer)).pages.at(-1)!.cursor;
    const id = await createCase(reporter);
    const other = await createCase(await signedIn(server));
    await review(server, id, reviewer.user.id, 'appraising', null, 230);
    await review(server, other, reviewer.user.id, 'appraising', null, 100);
    await review(server, id, reviewer.user.id, 'returned', 'Thiếu xác nhận', 120);

    const { changes, pages } = await allChanges(reporter, '0');
    assert.equal(pages.map((p) => [p.changes.length, p.more]), [[200, true], [151, false]]);
    assert.is(changes.length, 351, '1 received + 230 + 120, none of the other case');
    assert.ok(changes.every((ch, i) => i === 0 || ch.seq > changes[i - 1]!.seq), 'ascending');
    assert.ok(changes.every((ch) => ch.caseId === id));
    assert.is(pages[0]!.cursor, String(changes[199]!.seq));

    const last = pages.at(-1)!.cursor;
    const empty = await reporter.call<ChangesPage>(`/api/sync/changes?since=${last}`);
    assert.equal(empty.body, { changes: [], cursor: last, more: false });
    const future = await reporter.call<ChangesPage>('/api/sync/changes?since=999999999');
    assert.equal(future.body, { changes: [], cursor: '999999999', more: false });

    const reviewerView = await allChanges(reviewer, start);
    assert.is(reviewerView.changes.length, 2 + 230 + 100 + 120);
  });

  test('a bad cursor → 400, not signed in → 401; nothing changes', async ({ server }) => {
    const reporter = await signedIn(server);
    const before = await counts(server);
    for (const q of ['?since=abc', '?since=-1', '?since=1.5', '?since=', '', '?since=01', `?since=${'9'.repeat(30)}`, `?since=${'1'.repeat(10_000)}`, '?since=1e3', '?since=%00', '?since=2147483648', '?since=999999999999999']) {
      const r = await reporter.call(`/api/sync/changes${q}`);
      assert.is(r.status, 400, q.slice(0, 40));
      assert.is(r.body.error, 'invalid');
      assert.is(r.body.issues[0].path, 'since');
    }
    const anonymous = await fetch(`${server.url}/api/sync/changes?since=0`);
    assert.is(anonymous.status, 401);
    assert.equal(await counts(server), before);
  });
});
