// The quota's per-account counter (users.stored_bytes, accounts/quota.ts) against a recount of the rows it
// stands for, on both databases: after a random mix of everything that changes what an account holds (new
// photos, bytes another account already sent, replays, photos and revisions refused by the quota, new cases and
// revisions, erasures, the photo sweep), every account's counter equals the sum over its photos and revisions.
// And migration 0011 fills the counter for data written before it.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { join } from 'node:path';
import { reviewApi } from '../../src/shared/review-protocol';
import type { PhotoRef } from '../../src/shared/case-schema';
import { accountUsage, recountUsage } from '../../src/server/accounts/quota';
import { migrateTo, migrateToLatest } from '../../src/server/db/migrations';
import { createLogger } from '../../src/server/log';
import { PhotoStore } from '../../src/server/photos/store';
import { sweepPhotos } from '../../src/server/photos/sweep';
import { signedIn, type Client } from '../support/api-client';
import { caseFields, newCaseId } from '../support/case-fixtures';
import { createTestDatabase, DATABASE_KINDS } from '../support/databases';
import { FakeClock } from '../support/fake-clock';
import { fakeJpeg, putPhoto, sha256 } from '../support/photo-uploads';
import type { ServerProcess } from '../support/server-process';
import { forEachDatabase } from './helpers';

const QUOTA = 150_000;
const DAY = 86_400_000;

/** A fixed-seed generator (mulberry32): the same operations on every run. */
function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Photo { bytes: Buffer; ref: PhotoRef }
interface Reporter { client: Client; photos: Photo[]; cases: { id: string; revision: number }[] }

async function assertCountersHold(server: ServerProcess, clients: Client[], when: string): Promise<void> {
  for (const c of clients) {
    const counted = await accountUsage(server.db(), c.user.id);
    assert.is(counted, await recountUsage(server.db(), c.user.id), `${c.user.username} ${when}`);
  }
}

forEachDatabase('account usage counter', (test) => {
  test('equals a recount after random uploads, shared and refused photos, cases, revisions, erasures and a sweep', async ({ server }) => {
    const next = random(13);
    const pick = <T>(items: T[]): T => items[Math.floor(next() * items.length)]!;
    const reporters: Reporter[] = [];
    for (let i = 0; i < 3; i++) reporters.push({ client: await signedIn(server), photos: [], cases: [] });
    const province = await signedIn(server, 'province-reviewer', '12');
    const clients = reporters.map((r) => r.client);
    const seen = new Set<number>();
    const done = { created: 0, revised: 0, erased: 0 };

    const newPhoto = async (r: Reporter, bytes = fakeJpeg(1600, 1200, 2_000 + Math.floor(next() * 30_000))) => {
      const res = await putPhoto(r.client, bytes);
      seen.add(res.status);
      if (res.status === 201 || res.status === 200) {
        r.photos.push({ bytes, ref: { sha256: sha256(bytes), caption: 'Ảnh', width: 1600, height: 1200, bytes: bytes.length, thumbSha256: sha256(bytes), thumbBytes: bytes.length } });
      }
    };
    const sendCase = async (r: Reporter, id: string, baseRevision: number) => {
      const photos = r.photos.length > 0 ? [pick(r.photos).ref] : [];
      // Revisions of varied sizes, in multi-byte text.
      const village = `Bản ${Math.floor(next() * 1e6)} ${'Nà Ún '.repeat(Math.floor(next() * 14))}`;
      const deedDescription = 'Chị đã lao xuống suối cứu hai cháu nhỏ. '.repeat(1 + Math.floor(next() * 100));
      const res = await r.client.call(`/api/cases/${id}`, { method: 'PUT', json: { baseRevision, fields: caseFields({ photos, village, deedDescription }) } });
      seen.add(res.status);
      return res;
    };

    for (let step = 0; step < 80; step++) {
      const r = pick(reporters);
      const op = next();
      if (op < 0.3) await newPhoto(r);
      else if (op < 0.4) {
        // Bytes another account (or this one) already holds: 201/200 and counted once per account, or 507.
        const other = pick(reporters);
        if (other.photos.length > 0) await newPhoto(r, pick(other.photos).bytes);
      } else if (op < 0.65) {
        const id = newCaseId();
        if ((await sendCase(r, id, 0)).status === 201) r.cases.push({ id, revision: 1 }), done.created++;
      } else if (op < 0.85) {
        const c = r.cases.length > 0 ? pick(r.cases) : undefined;
        if (c && (await sendCase(r, c.id, c.revision)).status === 200) c.revision++, done.revised++;
      } else {
        const c = r.cases.pop();
        if (c) {
          const res = await province.call(reviewApi.erasure(c.id), { method: 'POST', json: { caseId: c.id, reason: 'Đơn yêu cầu số 7/2026' } });
          assert.is(res.status, 200, res.text);
          done.erased++;
        }
      }
      if (step % 20 === 19) await assertCountersHold(server, clients, `after step ${step}`);
    }
    assert.ok(seen.has(507), 'some writes were refused by the quota');
    assert.ok(seen.has(201), 'some were taken');
    assert.ok(done.created > 3 && done.revised > 3 && done.erased > 3, `${JSON.stringify(done)} ${[...seen].join(' ')}`);

    // The sweep removes the photos no case names: their owners hold them no more.
    const clock = new FakeClock(Date.now() + 40 * DAY);
    const swept = await sweepPhotos({ db: server.db(), photos: new PhotoStore(join(server.dataDir, 'photos')), log: createLogger(() => {}), now: clock.date }, 30);
    assert.ok(swept.removed > 0, 'the sweep removed some photos');
    await assertCountersHold(server, clients, 'after the sweep');
  });
}, { env: { ACCOUNT_QUOTA_BYTES: String(QUOTA) } });

for (const kind of DATABASE_KINDS) {
  const test = suite(`migration 0011 [${kind}]`);
  test('fills each account\'s counter with what it held before: its photos, its revisions of its own cases', async () => {
    const database = await createTestDatabase(kind);
    const db = database.open();
    try {
      await migrateTo(db, '0009_proposal_batches');
      const at = '2026-07-15T08:00:00.000Z';
      const user = (id: string) => ({ id, username: id, display_name: id, role: 'reporter', area: '03637', password_hash: 'x', created_at: at, updated_at: at, disabled_at: null });
      await db.insertInto('users').values([user('u1'), user('u2'), user('u3')] as never).execute();
      const photo = (sha: string, bytes: number) => ({ sha256: sha.repeat(64), bytes, width: 1, height: 1, uploaded_by: 'u1', created_at: at, public_id: sha.repeat(32) });
      await db.insertInto('photos').values([photo('a', 1000), photo('b', 20_000)]).execute();
      await db.insertInto('photo_owners').values([
        { sha256: 'a'.repeat(64), user_id: 'u1', created_at: at }, { sha256: 'b'.repeat(64), user_id: 'u1', created_at: at },
        { sha256: 'b'.repeat(64), user_id: 'u2', created_at: at },
      ]).execute();
      const id = '0190a1b2-c3d4-7e5f-a678-000000000001';
      await db.insertInto('cases').values({
        id, owner_id: 'u1', commune_code: '03637', status: 'received', revision: 2, content_hash: 'h', fields: '{"v":"ằ"}',
        subject_kind: 'ca-nhan', subject_name: 'A', subject_category_id: 'x', movement_id: 'x', field_of_life_id: 'x', deed_date: '2026-07-14',
        created_at: at, updated_at: at, received_at: at, search_text: '',
      } as never).execute();
      // Two revisions by the owner (multi-byte text counts in bytes), one by a reviewer (not the owner's).
      await db.insertInto('case_revisions').values([
        { case_id: id, revision: 1, content_hash: 'h', fields: '{"v":"ằ"}', author_id: 'u1', created_at: at },
        { case_id: id, revision: 2, content_hash: 'h', fields: '{"v":"abc"}', author_id: 'u1', created_at: at },
        { case_id: id, revision: 3, content_hash: 'h', fields: '{"v":"reviewer"}', author_id: 'u3', created_at: at },
      ]).execute();
      await migrateToLatest(db);
      const counters = Object.fromEntries((await db.selectFrom('users').select(['id', 'stored_bytes']).execute()).map((r) => [r.id, Number(r.stored_bytes)]));
      assert.equal(counters, { u1: 1000 + 20_000 + Buffer.byteLength('{"v":"ằ"}') + Buffer.byteLength('{"v":"abc"}'), u2: 20_000, u3: 0 });
      for (const u of ['u1', 'u2', 'u3']) assert.is(await accountUsage(db, u), await recountUsage(db, u), u);
    } finally {
      await db.destroy();
      await database.drop();
    }
  });
  test.run();
}
