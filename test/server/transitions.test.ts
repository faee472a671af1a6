// POST /api/cases/{id}/transitions: every legal and illegal edge, required comments and decisions, consent to
// publish, stale clicks, the audit log, the reporter's changes feed, and the case page's timeline.
import * as assert from 'uvu/assert';
import { TRANSITIONS, type TransitionTarget } from '../../src/shared/appraisal';
import type { ReviewCase } from '../../src/shared/review-protocol';
import { APPRAISAL_STATUSES, type ChangesPage } from '../../src/shared/sync-protocol';
import { counts, forEachDatabase } from './helpers';
import { signedIn, type Client } from '../support/api-client';
import { caseFields } from '../support/case-fixtures';
import { uploadedPhoto } from '../support/photo-uploads';
import { BODY, bodyFor, createCase, moveTo, transition, WITHDRAW } from '../support/review-fixtures';

const TARGETS = APPRAISAL_STATUSES.filter((s): s is TransitionTarget => s !== 'received');
const CONSENT = { consentPublication: true, consentPublicationAt: '2026-07-15T08:00:00Z' };

forEachDatabase('appraisal transitions', (test) => {
  let reporter: Client;
  let province: Client;
  let commune: Client;

  test('setup', async ({ server }) => {
    reporter = await signedIn(server, 'reporter', '03637');
    province = await signedIn(server, 'province-reviewer', '12');
    commune = await signedIn(server, 'commune-reviewer', '03637');
  });

  test('every legal edge → 200 and one audit event; every illegal one → 409 and nothing written', async ({ server }) => {
    for (const from of APPRAISAL_STATUSES) {
      const legal = TRANSITIONS[from];
      for (const to of legal) {
        const id = await createCase(reporter, CONSENT);
        await moveTo(province, id, from);
        const r = await transition(province, id, { ...bodyFor(from, to), from });
        assert.is(r.status, 200, `${from} → ${to}: ${r.text}`);
        assert.is(r.body.status, to);
        if (from === 'proposed' && to === 'appraising') assert.is(r.body.formId, null, 'a withdrawn proposal leaves no form');
        const last = await server.db().selectFrom('case_events').selectAll().where('case_id', '=', id).orderBy('seq', 'desc').executeTakeFirstOrThrow();
        assert.equal([last.from_status, last.status, last.actor_id, last.kind], [from, to, province.user.id, 'status']);
      }
      const id = await createCase(reporter, CONSENT);
      await moveTo(province, id, from);
      const before = await counts(server);
      for (const to of TARGETS.filter((t) => !legal.includes(t))) {
        const r = await transition(province, id, BODY[to]);
        assert.is(r.status, 409, `${from} → ${to}: ${r.text}`);
        assert.is(r.body.error, 'conflict');
        assert.is(r.body.server.status, from);
      }
      assert.equal(await counts(server), before);
    }
  });

  test('the case page\'s "allowed" list is exactly what the server accepts, for each reviewer and state', async ({ server }) => {
    const admin = await signedIn(server, 'admin', '12');
    for (const actor of [commune, province, admin]) {
      for (const from of APPRAISAL_STATUSES) {
        for (const to of TRANSITIONS[from]) {
          const id = await createCase(reporter, CONSENT);
          await moveTo(province, id, from);
          const { allowed } = (await actor.call<ReviewCase>(`/api/review/cases/${id}`)).body;
          const r = await transition(actor, id, bodyFor(from, to));
          assert.is(r.status === 200, allowed.includes(to), `${actor.user.role}: ${from} → ${to} answered ${r.status}, allowed ${allowed}`);
        }
      }
    }
  });

  test('a comment for returned/rejected, a form for proposed, a decision for commended → else 422', async ({ server }) => {
    const id = await createCase(reporter);
    await moveTo(province, id, 'appraising');
    const before = await counts(server);
    const cases: [Record<string, unknown>, string][] = [
      [{ to: 'returned' }, 'comment'],
      [{ to: 'returned', comment: '   ' }, 'comment'],
      [{ to: 'rejected' }, 'comment'],
      [{ to: 'proposed' }, 'formId'],
      [{ to: 'proposed', formId: 'khong-co' }, 'formId'],
      [{ to: 'appraising', decisionNumber: '1/QĐ' }, 'decisionNumber'],
      [{ to: 'returned', comment: 'x', formId: 'giay_khen_chu_tich_ubnd_xa' }, 'formId'],
      [{ to: 'received' }, 'to'],
      [{ to: 'nowhere' }, 'to'],
      [{ to: 'appraising', extra: 1 }, 'extra'],
      [{ to: 'returned', comment: 'x'.repeat(2001) }, 'comment'],
    ];
    for (const [body, path] of cases) {
      const r = await transition(province, id, body);
      assert.is(r.status, 422, JSON.stringify(body).slice(0, 80));
      assert.ok(r.body.issues.some((i: { path: string }) => i.path === path), `${JSON.stringify(body).slice(0, 60)}: ${r.text}`);
    }
    const proposed = await createCase(reporter);
    await moveTo(province, proposed, 'proposed');
    for (const [body, path] of [
      [{ to: 'commended' }, 'decisionNumber'],
      [{ to: 'commended', decisionNumber: '12/QĐ-UBND' }, 'decisionDate'],
      [{ to: 'commended', decisionNumber: '12/QĐ-UBND', decisionDate: '2026-02-30' }, 'decisionDate'],
      [{ to: 'commended', decisionNumber: '12/QĐ-UBND', decisionDate: '2999-01-01' }, 'decisionDate'],
      [{ to: 'commended', decisionNumber: '12/QĐ-UBND', decisionDate: '2026-07-01' }, 'decisionDate'], // before the deed
    ] as const) {
      const r = await transition(province, proposed, body);
      assert.is(r.status, 422, JSON.stringify(body));
      assert.is(r.body.issues[0].path, path);
    }
    assert.equal((await counts(server)).case_events, before.case_events! + 3);
  });

  test('publish only with the subject\'s consent; commended cases keep form, number and date', async ({ server }) => {
    const without = await createCase(reporter, { consentPublication: false, consentPublicationAt: null });
    await moveTo(province, without, 'commended');
    const refused = await transition(province, without, BODY.published);
    assert.is(refused.status, 409);
    assert.match(refused.body.message, 'đồng ý đăng tin');
    const page = await province.call<ReviewCase>(`/api/review/cases/${without}`);
    assert.equal(page.body.allowed, []);

    const withConsent = await createCase(reporter, CONSENT);
    await moveTo(province, withConsent, 'commended');
    assert.equal((await province.call<ReviewCase>(`/api/review/cases/${withConsent}`)).body.allowed, ['published']);
    const published = await transition(province, withConsent, BODY.published);
    assert.is(published.status, 200);
    assert.equal(
      [published.body.formId, published.body.decisionNumber, published.body.decisionDate],
      ['giay_khen_chu_tich_ubnd_xa', '125/QĐ-UBND', '2026-08-01'],
    );
    const row = await server.db().selectFrom('cases').selectAll().where('id', '=', withConsent).executeTakeFirstOrThrow();
    assert.equal([row.status, row.commendation_form_id, row.decision_number, row.decision_date], ['published', 'giay_khen_chu_tich_ubnd_xa', '125/QĐ-UBND', '2026-08-01']);
  });

  test('publishing sets published_at; a withdrawal needs a comment and no decision, else 422 and nothing written', async ({ server }) => {
    const id = await createCase(reporter, CONSENT);
    await moveTo(province, id, 'published');
    const published = await server.db().selectFrom('cases').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    const event = await server.db().selectFrom('case_events').select('at').where('case_id', '=', id).where('status', '=', 'published').executeTakeFirstOrThrow();
    assert.is(published.published_at, event.at);
    const before = await counts(server);
    for (const [body, path] of [
      [{ to: 'commended' }, 'comment'],
      [{ to: 'commended', comment: '  ' }, 'comment'],
      [{ ...WITHDRAW, decisionNumber: '1/QĐ', decisionDate: '2026-08-01' }, 'decisionNumber'],
      [{ ...WITHDRAW, formId: 'giay_khen_chu_tich_ubnd_xa' }, 'formId'],
    ] as const) {
      const r = await transition(province, id, body);
      assert.is(r.status, 422, JSON.stringify(body));
      assert.ok(r.body.issues.some((i: { path: string }) => i.path === path), r.text);
    }
    assert.equal(await counts(server), before);
    const still = await server.db().selectFrom('cases').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    assert.equal([still.status, still.published_at, still.revision], ['published', published.published_at, 1]);
  });

  test('withdrawal (commune reviewer): off the bulletin, consent withdrawn in a new revision, decision kept, no republishing', async ({ server }) => {
    const reporter = await signedIn(server, 'reporter', '03637');
    const id = await createCase(reporter, CONSENT);
    await moveTo(province, id, 'published');
    const page = await commune.call<ReviewCase>(`/api/review/cases/${id}`);
    assert.equal(page.body.allowed, ['commended']);
    const r = await transition(commune, id, { ...WITHDRAW, from: 'published', revision: 1 });
    assert.is(r.status, 200, r.text);
    assert.equal([r.body.status, r.body.revision, r.body.formId, r.body.decisionNumber, r.body.decisionDate],
      ['commended', 2, 'giay_khen_chu_tich_ubnd_xa', '125/QĐ-UBND', '2026-08-01']);

    const db = server.db();
    const row = await db.selectFrom('cases').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    assert.equal([row.status, row.published_at, row.consent_publication, row.owner_id], ['commended', null, 0, reporter.user.id]);
    const revision = await db.selectFrom('case_revisions').selectAll().where('case_id', '=', id).where('revision', '=', 2).executeTakeFirstOrThrow();
    assert.is(revision.author_id, commune.user.id);
    assert.is(revision.fields, row.fields);
    const fields = JSON.parse(revision.fields);
    assert.equal([fields.consentPublication, fields.consentPublicationAt], [false, null]);
    assert.equal({ ...fields, consentPublication: true, consentPublicationAt: CONSENT.consentPublicationAt }, JSON.parse(
      (await db.selectFrom('case_revisions').select('fields').where('case_id', '=', id).where('revision', '=', 1).executeTakeFirstOrThrow()).fields));
    const last = await db.selectFrom('case_events').selectAll().where('case_id', '=', id).orderBy('seq', 'desc').executeTakeFirstOrThrow();
    assert.equal([last.kind, last.from_status, last.status, last.comment, last.actor_id, last.revision],
      ['status', 'published', 'commended', WITHDRAW.comment, commune.user.id, 2]);

    const feed = await reporter.call<ChangesPage>('/api/sync/changes?since=0');
    assert.equal(feed.body.changes.filter((c) => c.caseId === id).at(-1)?.comment, WITHDRAW.comment);
    const after = await province.call<ReviewCase>(`/api/review/cases/${id}`);
    assert.equal([after.body.allowed, after.body.case.fields.consentPublication], [[], false]);
    const again = await transition(province, id, BODY.published);
    assert.is(again.status, 409);
    assert.match(again.body.message, 'đồng ý đăng tin');
    assert.is((await transition(reporter, id, BODY.published)).status, 403);
  });

  test('commune reviewers: commune-level decisions only; the province records the rest and publishes', async () => {
    const id = await createCase(reporter, CONSENT);
    await moveTo(commune, id, 'appraising');
    assert.is((await transition(commune, id, { to: 'proposed', formId: 'bang_khen_chu_tich_ubnd_tinh' })).status, 200);
    const page = await commune.call<ReviewCase>(`/api/review/cases/${id}`);
    assert.equal(page.body.allowed, ['appraising', 'returned', 'rejected']);
    assert.is((await transition(commune, id, BODY.commended)).status, 403);
    // The province may record a different (lower) form than proposed.
    const decided = await transition(province, id, { ...BODY.commended, formId: 'giay_khen_chu_tich_ubnd_xa' });
    assert.is(decided.body.formId, 'giay_khen_chu_tich_ubnd_xa');
    assert.is((await transition(commune, id, BODY.published)).status, 403);
    assert.is((await transition(province, id, BODY.published)).status, 200);
  });

  test('a stale click (other status or revision) → 409; two reviewers at once → one wins', async ({ server }) => {
    const id = await createCase(reporter);
    assert.is((await transition(province, id, { to: 'appraising', from: 'appraising' })).status, 409);
    assert.is((await transition(province, id, { to: 'appraising', revision: 2 })).status, 409);
    const racing = await Promise.all([transition(province, id, BODY.appraising), transition(commune, id, BODY.appraising)]);
    assert.equal(racing.map((r) => r.status).sort(), [200, 409]);
    const events = await server.db().selectFrom('case_events').select('status').where('case_id', '=', id).orderBy('seq').execute();
    assert.equal(events.map((e) => e.status), ['received', 'appraising']);
  });

  test('returned with a comment → the phone\'s feed shows it → the resubmission goes back to appraisal → timeline', async ({ server }) => {
    // A phone of its own: the feed read below is the first page of this reporter's changes.
    const reporter = await signedIn(server, 'reporter', '03637');
    const photo = await uploadedPhoto(reporter, 'Cây cầu tạm');
    const id = await createCase(reporter, { photos: [photo] });
    await moveTo(commune, id, 'appraising');
    const comment = 'Bổ sung ảnh hiện trường và xác nhận của trưởng bản';
    assert.is((await transition(commune, id, { to: 'returned', comment, from: 'appraising', revision: 1 })).status, 200);

    const feed = await reporter.call<ChangesPage>('/api/sync/changes?since=0');
    const mine = feed.body.changes.filter((c) => c.caseId === id).map((c) => [c.status, c.comment, c.actor]);
    assert.equal(mine, [['received', null, reporter.user.displayName], ['appraising', null, commune.user.displayName], ['returned', comment, commune.user.displayName]]);

    const resent = await reporter.call(`/api/cases/${id}`, { method: 'PUT', json: { baseRevision: 1, fields: caseFields({ photos: [photo], village: 'Bản Nà Ún 2' }) } });
    assert.is(resent.status, 200, resent.text);
    const page = await commune.call<ReviewCase>(`/api/review/cases/${id}`);
    assert.is(page.status, 200);
    const { case: head, photos, revisions, timeline, allowed } = page.body;
    assert.equal([head.status, head.revision, head.fields.village, head.owner], ['appraising', 2, 'Bản Nà Ún 2', reporter.user.displayName]);
    assert.equal(photos, [{ sha256: photo.sha256, thumbSha256: photo.thumbSha256, caption: 'Cây cầu tạm', width: 1600, height: 1200, stored: true }]);
    assert.equal(revisions.map((r) => [r.revision, r.author]), [[1, reporter.user.displayName], [2, reporter.user.displayName]]);
    assert.equal(timeline.map((t) => [t.kind, t.from, t.to, t.comment, t.revision]), [
      ['received', null, 'received', null, 1],
      ['status', 'received', 'appraising', null, 1],
      ['status', 'appraising', 'returned', comment, 1],
      ['revised', 'returned', 'appraising', null, 2],
    ]);
    assert.equal(allowed, ['proposed', 'returned', 'rejected']);
    assert.is((await commune.call(`/api/photos/${photo.sha256}`)).status, 200);
    const first = await commune.call(`/api/review/cases/${id}/revisions/1`);
    assert.equal([first.status, first.body.revision, first.body.fields.village, first.body.author], [200, 1, 'Bản Nà Ún', reporter.user.displayName]);
    assert.is((await commune.call(`/api/review/cases/${id}/revisions/3`)).status, 404);
    assert.is((await commune.call(`/api/review/cases/${id}/revisions/0`)).status, 400);
  });

  test('unknown case → 404, bad id → 400, reporter → 403, not JSON → 415', async () => {
    assert.is((await transition(province, '0190a1b2-c3d4-7e5f-a678-123456789abc', BODY.appraising)).status, 404);
    assert.is((await transition(province, 'not-a-uuid', BODY.appraising)).status, 400);
    assert.is((await province.call('/api/review/cases/not-a-uuid')).status, 400);
    assert.is((await province.call('/api/review/cases/0190a1b2-c3d4-7e5f-a678-123456789abc')).status, 404);
    const id = await createCase(reporter);
    assert.is((await transition(reporter, id, BODY.appraising)).status, 403);
    assert.is((await province.call(`/api/cases/${id}/transitions`, { method: 'POST', body: '{}', headers: { 'content-type': 'text/plain' } })).status, 415);
  });
});

