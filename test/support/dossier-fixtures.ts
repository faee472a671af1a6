// Proposal batches written straight into the database (the batch API is another module's): a batch of `count`
// proposed cases of one commune, individuals, collectives and households in turn, with the council's meeting and
// votes, a public notice and photo files in the server's photo store when asked. For the documents' tests and
// the dossier benchmark.
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { randomBytes } from 'node:crypto';
import type { Authority, BatchHeader, CouncilMeeting } from '../../src/shared/batch-protocol';
import { DEFAULT_LEGAL_BASES } from '../../src/shared/batch-protocol';
import type { PhotoRef } from '../../src/shared/case-schema';
import { SUBJECT_KINDS, type SubjectKind } from '../../src/shared/reference';
import type { Db } from '../../src/server/db/connect';
import type { PhotoStore } from '../../src/server/photos/store';
import { caseRow } from '../bench/seed-cases';
import { caseFields, newCaseId } from './case-fixtures';
import { fakeJpeg, sha256 } from './photo-uploads';

const GIVEN = ['Lò Văn Hùng', 'Tòng Thị Xuân', 'Vàng A Sử', 'Giàng Thị Dợ', 'Lường Văn Ẩn', 'Đèo Thị Yến', 'Hoàng Văn Thắng', 'Nguyễn Thị Ngọc Ánh'];
const GROUPS = ['Chi đoàn thanh niên bản Nà Ún', 'Tổ tự quản bản Hô Ta', 'Hội Phụ nữ bản Phiêng Phát'];
const HOUSES = ['Hộ gia đình ông Lò Văn Dũng', 'Hộ gia đình bà Lù Thị Ươm'];

export const MUONG_KIM = '03637';

export const sampleHeader = (over: Partial<BatchHeader> = {}): BatchHeader => ({
  number: '12', symbol: 'TTr-UBND', date: '2026-12-05', placeName: 'Mường Kim',
  proposingBody: 'Ủy ban nhân dân xã Mường Kim', addressee: 'Chủ tịch Ủy ban nhân dân xã Mường Kim',
  signerTitle: 'KT. Chủ tịch / Phó Chủ tịch', signerName: 'Lò Văn Quyết', legalBases: [...DEFAULT_LEGAL_BASES],
  ...over,
});

export const sampleCouncil: CouncilMeeting = { date: '2026-12-03', place: 'Hội trường Ủy ban nhân dân xã', chair: 'Nguyễn Văn Bình', present: 9, total: 11 };

export interface BatchSeedOptions {
  createdBy: string;
  count: number;
  authority?: Authority;
  area?: string;
  communeCode?: string;
  formId?: string;
  header?: Partial<BatchHeader>;
  council?: CouncilMeeting | null;
  notice?: { from: string; until: string } | null;
  /** Photos per case (written to the store as fake JPEGs); none when no store. */
  photos?: { store: PhotoStore; perCase: (i: number) => number; bytes?: number };
  kind?: (i: number) => SubjectKind;
}

export interface BatchSeed {
  batchId: string;
  caseIds: string[];
  names: string[];
  /** Each case's photo bytes, in order. */
  photoBytes: Buffer[][];
}

export const subjectNameOf = (kind: SubjectKind, i: number): string =>
  kind === 'ca-nhan' ? `${GIVEN[i % GIVEN.length]} ${i + 1}` : kind === 'tap-the' ? `${GROUPS[i % GROUPS.length]} ${i + 1}` : `${HOUSES[i % HOUSES.length]} ${i + 1}`;

async function photoRefs(store: PhotoStore, n: number, bytes: number): Promise<{ refs: PhotoRef[]; files: Buffer[] }> {
  const refs: PhotoRef[] = [];
  const files: Buffer[] = [];
  for (let k = 0; k < n; k++) {
    const photo = fakeJpeg(1600, 1200, bytes, randomBytes(8));
    const path = store.pathOf(sha256(photo));
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, photo);
    files.push(photo);
    refs.push({ sha256: sha256(photo), caption: `Ảnh ${k + 1}`, width: 1600, height: 1200, bytes: photo.length, thumbSha256: sha256(photo), thumbBytes: photo.length });
  }
  return { refs, files };
}

export async function insertBatch(db: Db, o: BatchSeedOptions): Promise<BatchSeed> {
  const communeCode = o.communeCode ?? MUONG_KIM;
  const authority = o.authority ?? 'commune';
  const area = o.area ?? (authority === 'commune' ? communeCode : '12');
  const formId = o.formId ?? 'giay_khen_chu_tich_ubnd_xa';
  const batchId = newCaseId();
  const at = '2026-12-05T02:00:00.000Z';
  const header = sampleHeader(o.header);
  const council = o.council === undefined ? sampleCouncil : o.council;
  const rows: Array<ReturnType<typeof caseRow>> = [];
  const photoBytes: Buffer[][] = [];
  const names: string[] = [];
  for (let i = 0; i < o.count; i++) {
    const kind = o.kind?.(i) ?? SUBJECT_KINDS[i % 3]!;
    const name = subjectNameOf(kind, i);
    const photos = o.photos ? await photoRefs(o.photos.store, o.photos.perCase(i), o.photos.bytes ?? 4000) : { refs: [], files: [] };
    const fields = caseFields({
      subjectKind: kind, subjectName: name, communeCode, proposedFormId: formId, photos: photos.refs,
      ...(kind === 'ca-nhan' ? { workplaceOrRole: i % 2 ? 'Trưởng bản' : undefined } : { birthYear: undefined, gender: undefined, ethnicityCode: undefined }),
      deedDescription: `Ngày lũ về, ${name} đã kịp thời giúp bà con bản Nà Ún di dời tài sản, cứu hai cháu nhỏ khỏi dòng nước xiết.\nSau lũ, tiếp tục cùng bà con dọn bùn đất, sửa lại đường vào bản.`,
      result: 'Không có thiệt hại về người; 12 hộ được di dời an toàn, đường vào bản thông suốt sau hai ngày.',
    });
    rows.push(caseRow(fields, o.createdBy, 'proposed', at, { commendation_form_id: formId }));
    photoBytes.push(photos.files);
    names.push(name);
  }
  await db.transaction().execute(async (tx) => {
    await tx.insertInto('batches').values({
      id: batchId, status: 'draft', authority, area, number: header.number, symbol: header.symbol, doc_date: header.date,
      header: JSON.stringify(header), council: council ? JSON.stringify(council) : null, decision_number: null, decision_date: null,
      decision_authority: null, decision_signer: null, withdrawn_reason: null, public_id: randomBytes(8).toString('hex'),
      notice_from: o.notice?.from ?? null, notice_until: o.notice?.until ?? null, created_by: o.createdBy, created_at: at,
      updated_at: at, submitted_at: null, decided_at: null, withdrawn_at: null,
    }).execute();
    for (let i = 0; i < rows.length; i += 200) await tx.insertInto('cases').values(rows.slice(i, i + 200)).execute();
    const links = rows.map((r, i) => ({
      batch_id: batchId, case_id: r.id as string, form_id: formId, position: i, open: 1,
      vote_agree: council ? council.present - (i % 3 === 2 ? 2 : 0) : null, vote_voters: council ? council.present : null,
      outcome: null, outcome_comment: null, return_to: null, added_at: at,
    }));
    for (let i = 0; i < links.length; i += 200) await tx.insertInto('batch_cases').values(links.slice(i, i + 200)).execute();
  });
  return { batchId, caseIds: rows.map((r) => r.id as string), names, photoBytes };
}
