// The data of a deployment made by the release at migration 0005 (before photo owners, login throttle, erasures and
// batches): accounts of every role, cases in each state with their revisions, events and comments, edited reference
// lists, photos with their files, sessions. Written with plain inserts of the 0005 tables' shape, as the app of
// that time wrote them, so today's code cannot slip a newer column in. The checked-in fixture
// (test/fixtures/release-0005/: db.sqlite and photos/) is remade by `npx tsx test/support/release-0005.ts`;
// the PostgreSQL one is built by writeRelease0005 in each test.
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Kysely } from 'kysely';
import { openDatabase } from '../../src/server/db/connect';
import { migrateTo } from '../../src/server/db/migrations';
import { searchText0002 } from '../../src/server/db/migrations/0002-search-text';
import { canonicalJson } from '../../src/server/cases/canonical';
import type { CaseFields, PhotoRef } from '../../src/shared/case-schema';
import { PASSWORD } from './api-client';
import { completeDraft } from './case-fixtures';
import { tinyJpeg } from './tiny-jpeg';

export const RELEASE_0005_DIR = fileURLToPath(new URL('../fixtures/release-0005', import.meta.url));
export const RELEASE_0005_MIGRATION = '0005_event_order_index';
/** Every table 0005 had (its columns as they were are the columns of these rows). */
export const TABLES_0005 = ['users', 'sessions', 'cases', 'case_revisions', 'photos', 'case_photos', 'case_events', 'reference_entries'] as const;

/** PASSWORD hashed with the cheaper scrypt the tests use, fixed so both databases hold the same bytes. */
const PASSWORD_HASH = '$scrypt$ln=11,r=8,p=1$JBhSDvPt5ee5IoKASycmmQ==$gbGylQwxnmJLpB7NNOTXVFhUoWyAF1sH/vWJYV75jdo=';
export { PASSWORD as RELEASE_0005_PASSWORD };

const day = (d: number, h = 8) => new Date(Date.UTC(2026, 6, d, h)).toISOString();
const sha = (b: Buffer | string) => createHash('sha256').update(b).digest('hex');

const user = (id: string, username: string, role: string, area: string, disabled = false) => ({
  id, username, display_name: `Tài khoản ${username}`, role, area, password_hash: PASSWORD_HASH,
  created_at: day(1), updated_at: disabled ? day(10) : day(1), disabled_at: disabled ? day(10) : null,
});
export const USERS_0005 = [
  user('u-admin', 'quantri', 'admin', '12'),
  user('u-prov', 'tinh_ls', 'province-reviewer', '12'),
  user('u-comm', 'xa_namtam', 'commune-reviewer', '03637'),
  user('u-rep1', 'bc_vangasu', 'reporter', '03637'),
  user('u-rep2', 'bc_lothimai', 'reporter', '03640'),
  user('u-gone', 'bc_danghi', 'reporter', '03637', true),
];

/** Photo files (full size and thumbnail per reference), named by their sha256. */
export const PHOTO_FILES_0005: Buffer[] = Array.from({ length: 6 }, (_, i) => tinyJpeg(i + 1));
const photoRef = (n: number, caption: string): PhotoRef => {
  const full = PHOTO_FILES_0005[n * 2]!;
  const thumb = PHOTO_FILES_0005[n * 2 + 1]!;
  return { sha256: sha(full), caption, width: 8, height: 8, bytes: full.length, thumbSha256: sha(thumb), thumbBytes: thumb.length };
};

interface CaseSpec {
  n: number; owner: string; commune: string; status: string; name: string; photos: PhotoRef[];
  /** Status changes after receipt: [status, actor, comment?] */
  steps: [string, string, string?][];
  revised?: boolean; form?: string; decision?: [string, string]; consent?: boolean;
}
const SPECS: CaseSpec[] = [
  { n: 1, owner: 'u-rep1', commune: '03637', status: 'received', name: 'Lò Thị Mai', photos: [photoRef(0, 'Cầu treo Nậm Đích')], steps: [] },
  { n: 2, owner: 'u-rep1', commune: '03637', status: 'received', name: 'Giàng A Páo', photos: [photoRef(1, 'Lớp học')], steps: [], revised: true },
  { n: 3, owner: 'u-rep1', commune: '03637', status: 'appraising', name: 'Tẩn Láo Lở', photos: [], steps: [['appraising', 'u-comm', 'Đang xác minh tại bản']] },
  { n: 4, owner: 'u-rep1', commune: '03637', status: 'proposed', name: 'Vàng Thị Dua', photos: [], steps: [['appraising', 'u-comm'], ['proposed', 'u-comm']], form: 'giay_khen_chu_tich_ubnd_xa' },
  { n: 5, owner: 'u-rep1', commune: '03637', status: 'commended', name: 'Lù Văn Thắng', photos: [], steps: [['appraising', 'u-comm'], ['proposed', 'u-comm'], ['commended', 'u-prov']], form: 'bang_khen_chu_tich_ubnd_tinh', decision: ['125/QĐ-UBND', '2026-07-25'] },
  { n: 6, owner: 'u-gone', commune: '03637', status: 'returned', name: 'Chảo Thị Mẩy', photos: [], steps: [['returned', 'u-comm', 'Bổ sung ngày xảy ra việc tốt']] },
  { n: 7, owner: 'u-rep1', commune: '03637', status: 'rejected', name: 'Sần Văn Sình', photos: [], steps: [['appraising', 'u-comm'], ['rejected', 'u-comm', 'Trùng với hồ sơ khác']] },
  { n: 8, owner: 'u-rep2', commune: '03640', status: 'published', name: 'Hoàng Thị Sua', photos: [photoRef(2, 'Dọn đường sau lũ')], steps: [['appraising', 'u-prov'], ['proposed', 'u-prov'], ['commended', 'u-prov'], ['published', 'u-prov']], form: 'giay_khen_chu_tich_ubnd_xa', decision: ['88/QĐ-UBND', '2026-07-26'], consent: true },
];
export const caseId0005 = (n: number) => `0190a1b2-c3d4-7e5f-a678-${String(n).padStart(12, '0')}`;

function fieldsOf(s: CaseSpec, revision: number): CaseFields {
  return {
    ...completeDraft({ subjectName: s.name, communeCode: s.commune, consentPublication: s.consent ?? false }),
    result: revision === 1 ? 'Hai cháu được cứu sống an toàn.' : 'Hai cháu được cứu sống, đã về nhà.',
    photos: s.photos,
  } as CaseFields;
}

/** The rows of the eight 0005 tables (reference_entries: the edits made on top of 0003's seed). */
export function release0005Rows() {
  const cases: Record<string, unknown>[] = [];
  const revisions: Record<string, unknown>[] = [];
  const events: Record<string, unknown>[] = [];
  const casePhotos: Record<string, unknown>[] = [];
  for (const s of SPECS) {
    const id = caseId0005(s.n);
    const last = s.revised ? 2 : 1;
    for (let revision = 1; revision <= last; revision++) {
      const json = canonicalJson(fieldsOf(s, revision));
      revisions.push({ case_id: id, revision, content_hash: sha(json), fields: json, author_id: s.owner, created_at: day(10 + revision, 8 + s.n) });
      events.push({ case_id: id, revision, kind: revision === 1 ? 'received' : 'revised', status: 'received', comment: null, actor_id: s.owner,
        at: day(10 + revision, 8 + s.n), from_status: revision === 1 ? null : 'received', form_id: null, decision_number: null, decision_date: null });
    }
    let from = 'received';
    s.steps.forEach(([status, actor, comment], k) => {
      events.push({ case_id: id, revision: last, kind: 'status', status, comment: comment ?? null, actor_id: actor, at: day(20 + k, 8 + s.n),
        from_status: from, form_id: status === 'proposed' || status === 'commended' ? s.form ?? null : null,
        decision_number: status === 'commended' ? s.decision![0] : null, decision_date: status === 'commended' ? s.decision![1] : null });
      from = status;
    });
    if (s.n === 1) events.push({ case_id: id, revision: 1, kind: 'comment', status: 'received', comment: 'Cảm ơn anh đã gửi, xã sẽ xác minh.', actor_id: 'u-comm', at: day(12), from_status: null, form_id: null, decision_number: null, decision_date: null });
    const f = fieldsOf(s, last);
    const json = canonicalJson(f);
    const updated = s.steps.length ? day(19 + s.steps.length, 8 + s.n) : day(10 + last, 8 + s.n);
    cases.push({
      id, owner_id: s.owner, commune_code: s.commune, status: s.status, revision: last, content_hash: sha(json), fields: json,
      subject_kind: f.subjectKind, subject_name: f.subjectName, subject_category_id: f.subjectCategoryId, movement_id: f.movementId,
      field_of_life_id: f.fieldOfLifeId, deed_date: f.deedDate, created_at: day(11, 8 + s.n), updated_at: updated, received_at: day(10 + last, 8 + s.n),
      commendation_form_id: s.form && s.status !== 'returned' ? s.form : null, decision_number: s.decision?.[0] ?? null, decision_date: s.decision?.[1] ?? null,
      search_text: searchText0002(f), ethnicity_code: f.ethnicityCode ?? null, consent_publication: s.consent ? 1 : 0,
      published_at: s.status === 'published' ? updated : null,
    });
    for (const p of s.photos) casePhotos.push({ case_id: id, sha256: p.sha256 }, { case_id: id, sha256: p.thumbSha256 });
  }
  const uploaderOf = (n: number) => (n < 4 ? 'u-rep1' : 'u-rep2');
  const photos = PHOTO_FILES_0005.map((b, n) => ({ sha256: sha(b), bytes: b.length, width: 8, height: 8, uploaded_by: uploaderOf(n), created_at: day(10, 7) }));
  const sessions = [
    { token_hash: sha('phiên-bc_vangasu'), user_id: 'u-rep1', created_at: day(10), renewed_at: day(28), expires_at: '2027-07-10T08:00:00.000Z' },
    { token_hash: sha('phiên-xa_namtam'), user_id: 'u-comm', created_at: day(27), renewed_at: day(28), expires_at: day(30) },
  ];
  return { users: USERS_0005, sessions, cases, case_revisions: revisions, photos, case_photos: casePhotos, case_events: events };
}

/** Migrates a fresh database to 0005 and writes the release's data into it. */
export async function writeRelease0005(db: Kysely<any>): Promise<void> {
  await migrateTo(db, RELEASE_0005_MIGRATION);
  const rows = release0005Rows();
  for (const table of ['users', 'sessions', 'cases', 'case_revisions', 'photos', 'case_photos'] as const) {
    await db.insertInto(table).values(rows[table]).execute();
  }
  for (const event of rows.case_events) await db.insertInto('case_events').values(event).execute(); // seq in order
  // 0003 seeded the lists "now": as of the release's day instead, then an administrator's edits.
  await db.updateTable('reference_entries').set({ updated_at: day(1) }).execute();
  await db.updateTable('reference_entries').set({ name: 'Dân vận khéo (đổi tên)', updated_at: day(15) })
    .where('list', '=', 'movements').where('id', '=', 'dan-van-kheo').execute();
  await db.updateTable('reference_entries').set({ retired_at: day(16), updated_at: day(16) })
    .where('list', '=', 'fieldsOfLife').where('id', '=', 'kinh-te').execute();
  await db.insertInto('reference_entries').values({ list: 'movements', id: 'ban-lang-xanh', name: 'Bản làng xanh', level: null, priority: 0, position: 99, retired_at: null, updated_at: day(17) }).execute();
}

/** Writes the release's photo files under DATA_DIR/photos as the server stores them. */
export function writePhotoFiles0005(dataDir: string): void {
  for (const b of PHOTO_FILES_0005) {
    const h = sha(b);
    const path = join(dataDir, 'photos', h.slice(0, 2), h.slice(2, 4), `${h}.jpg`);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, b);
  }
}

/** Copies the checked-in fixture into an empty DATA_DIR. */
export function installRelease0005(dataDir: string): void {
  cpSync(RELEASE_0005_DIR, dataDir, { recursive: true });
}

async function remake(): Promise<void> {
  rmSync(RELEASE_0005_DIR, { recursive: true, force: true });
  const db = openDatabase({ dataDir: RELEASE_0005_DIR });
  await writeRelease0005(db);
  await db.destroy();
  // One file, no -wal beside it: checkpointed and back to the rollback journal.
  const SQLite = (await import('better-sqlite3')).default;
  const file = new SQLite(join(RELEASE_0005_DIR, 'db.sqlite'));
  file.pragma('journal_mode = DELETE');
  file.exec('vacuum');
  file.close();
  writePhotoFiles0005(RELEASE_0005_DIR);
  console.log(`made ${RELEASE_0005_DIR}`, existsSync(join(RELEASE_0005_DIR, 'db.sqlite')));
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  remake().catch((err: unknown) => { console.error(err); process.exitCode = 1; });
}
