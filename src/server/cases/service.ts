// PUT /api/cases/{id}: creates, replays or revises a case, all in one write transaction.
//   new id (any baseRevision)         → revision 1, 201 (a server restored from backup takes it again)
//   same content as current revision  → the same receipt, 200, replay: true (a retried request changes nothing)
//   baseRevision = current, changed   → revision + 1, 200 (only while the reporter may still edit)
//   any other baseRevision, changed   → 409 conflict with the server's copy
//   an erased case (any baseRevision)  → 410 erased: never created again (the phone removes its copy)
// Every photo and thumbnail must already be uploaded by the case's author, or be listed by the case already
// (409 missing-photos), and match its stored size (422); a new revision must fit in the author's quota (507);
// nothing is written otherwise.
import type { CaseFields } from '../../shared/case-schema';
import type { CasePut, CaseReceipt, ServerStatus, SessionUser } from '../../shared/sync-protocol';
import { serverStatusNames } from '../../shared/sync-protocol';
import { communeLabel } from '../../shared/reference';
import { areaLabel } from '../../shared/reference';
import { inArea } from '../accounts/areas';
import { takeRoom } from '../accounts/quota';
import { appendEvent } from '../changes/events';
import { keepingDashboardCounts } from '../dashboard/counts/keep';
import type { Db } from '../db/connect';
import { lockKey, writeTransaction, type Tx } from '../db/transaction';
import { conflict, erased, forbidden, invalid, missingPhotos } from '../http/errors';
import { storedAmong, usablePhotos } from '../photos/repo';
import { listIssues } from '../reference/case-check';
import { canonicalJson, sha256Hex } from './canonical';
import { findCase, insertCase, photoHashes, setCasePhotos, toServerCase, updateCase, type CaseRow, type RevisionInput } from './repo';
import { storedFields } from './stored-fields';

/** Statuses in which the reporter may still send a new revision. */
const EDITABLE: readonly ServerStatus[] = ['received', 'returned'];

export interface PutResult { status: 200 | 201; receipt: CaseReceipt }

/** A case erased at its subject's request is refused to everyone, whatever the phone sends. */
function refuseErased(row: CaseRow | undefined): void {
  if (row?.status === 'erased') throw erased('Hồ sơ này đã được xoá theo yêu cầu của người được nêu tên trong hồ sơ, nên không gửi lại được');
}

/** Checks that need no database: the role, and the commune inside the user's area. */
function checkWriter(user: SessionUser, fields: CaseFields): void {
  if (user.role !== 'reporter') {
    throw forbidden('Chỉ tài khoản người báo cáo mới gửi được hồ sơ từ điện thoại');
  }
  if (!inArea(user.area, fields.communeCode)) {
    const commune = communeLabel(fields.communeCode) || fields.communeCode;
    throw forbidden(`${commune} không thuộc địa bàn của tài khoản này (${areaLabel(user.area)}), nên không gửi được hồ sơ của xã đó`);
  }
}

/** The receipt; `confirmed`: how many photos (with their thumbnails) are stored, looked up when not given. */
async function receipt(db: Tx, row: Pick<CaseRow, 'id' | 'revision' | 'received_at' | 'status'>, fields: CaseFields, replay: boolean, confirmed?: number): Promise<CaseReceipt> {
  if (confirmed === undefined) {
    const stored = await storedAmong(db, photoHashes(fields));
    confirmed = fields.photos.filter((p) => stored.has(p.sha256) && stored.has(p.thumbSha256)).length;
  }
  return {
    caseId: row.id, revision: row.revision, receivedAt: row.received_at, status: row.status,
    photosConfirmed: confirmed, photosTotal: fields.photos.length, replay,
  };
}

/** Every list value known, and active unless `previous` (the current server revision) already held it. */
async function requireListEntries(db: Tx, fields: CaseFields, previous: CaseFields | undefined): Promise<void> {
  const issues = await listIssues(db, fields, previous);
  if (issues.length > 0) throw invalid(issues);
}

/** Every photo stored, usable by this user in this case, and of the size the fields declare: one query. */
async function requirePhotos(db: Tx, fields: CaseFields, userId: string, caseId: string): Promise<void> {
  const hashes = photoHashes(fields);
  const rows = await usablePhotos(db, hashes, userId, caseId);
  const missing = [...new Set(hashes.filter((h) => !rows.has(h)))];
  if (missing.length > 0) throw missingPhotos(missing);
  const issues = fields.photos.flatMap((p, i) => {
    const photo = rows.get(p.sha256)!;
    const thumb = rows.get(p.thumbSha256)!;
    const wrong = photo.width !== p.width || photo.height !== p.height || photo.bytes !== p.bytes || thumb.bytes !== p.thumbBytes;
    return wrong ? [{ path: `photos.${i}`, message: `Ảnh ${i + 1}: kích thước khai báo không khớp với tệp ảnh máy chủ đã nhận` }] : [];
  });
  if (issues.length > 0) throw invalid(issues, 'Thông tin ảnh trong hồ sơ không khớp với ảnh đã gửi lên');
}

/** The revision's stored fields fit in the author's quota, and now count against it (accounts/quota.ts). */
const takeRoomFor = (tx: Tx, user: SessionUser, json: string, quota: number): Promise<void> =>
  takeRoom(tx, user.id, Buffer.byteLength(json, 'utf8'), quota);

/** `quota`: the bytes the author's account may hold (ACCOUNT_QUOTA_BYTES). */
export async function putCase(db: Db, user: SessionUser, caseId: string, body: CasePut, quota: number, now = new Date()): Promise<PutResult> {
  const { fields, baseRevision } = body;
  checkWriter(user, fields);
  const json = canonicalJson(fields);
  const contentHash = sha256Hex(json);
  const at = now.toISOString();

  // A retried request (the common case on a bad network) is answered without taking the write lock.
  const existing = await findCase(db, caseId);
  refuseErased(existing);
  if (existing && existing.owner_id === user.id && existing.content_hash === contentHash) {
    return { status: 200, receipt: await receipt(db, existing, fields, true) };
  }

  return writeTransaction(db, async (tx) => {
    await lockKey(tx, `case:${caseId}`);
    const current = await findCase(tx, caseId);

    if (!current) {
      // A phone that says it sent this case before, to a server that lacks it (restored from an older backup):
      // the phone's copy is all there is, so it is taken as a new case rather than refused forever.
      await requireListEntries(tx, fields, undefined);
      await requirePhotos(tx, fields, user.id, caseId);
      await takeRoomFor(tx, user, json, quota);
      const input: RevisionInput = { caseId, revision: 1, fields, json, contentHash, authorId: user.id, at };
      await keepingDashboardCounts(tx, [caseId], async () => {
        await insertCase(tx, input, 'received');
        await setCasePhotos(tx, caseId, photoHashes(fields), false);
        await appendEvent(tx, { caseId, revision: 1, kind: 'received', status: 'received', actorId: user.id, at });
      });
      return { status: 201, receipt: await receipt(tx, { id: caseId, revision: 1, received_at: at, status: 'received' }, fields, false, fields.photos.length) };
    }

    refuseErased(current);
    if (current.owner_id !== user.id) throw forbidden('Hồ sơ này do người khác gửi, bạn không sửa được');
    if (current.content_hash === contentHash) {
      return { status: 200, receipt: await receipt(tx, current, fields, true) };
    }
    if (baseRevision !== current.revision) {
      throw conflict(`Hồ sơ trên máy chủ đã ở phiên bản ${current.revision}, khác với bản điện thoại đã sửa (phiên bản ${baseRevision})`, toServerCase(current));
    }
    if (!EDITABLE.includes(current.status)) {
      throw conflict(`Hồ sơ đang ở trạng thái "${serverStatusNames[current.status]}", không sửa được nữa`, toServerCase(current));
    }
    await requireListEntries(tx, fields, storedFields(current));
    await requirePhotos(tx, fields, user.id, caseId);
    await takeRoomFor(tx, user, json, quota);
    const revision = current.revision + 1;
    // A case returned for more information goes back to appraisal with its new revision.
    const status: ServerStatus = current.status === 'returned' ? 'appraising' : current.status;
    await keepingDashboardCounts(tx, [caseId], async () => {
      await updateCase(tx, { caseId, revision, fields, json, contentHash, authorId: user.id, at }, status);
      await setCasePhotos(tx, caseId, photoHashes(fields));
      await appendEvent(tx, { caseId, revision, kind: 'revised', status, fromStatus: current.status, actorId: user.id, at });
    });
    return { status: 200, receipt: await receipt(tx, { id: caseId, revision, received_at: at, status }, fields, false, fields.photos.length) };
  });
}
