// What a batch's certificates print: the decision, the place, and for each COMMENDED case (in the batch's order)
// its form, its name and the achievement line. Read through the dossier's loader (documents/dossier-data.ts).
import { mayManageBatch } from '../../shared/batch-protocol';
import type { SessionUser } from '../../shared/sync-protocol';
import type { Db } from '../db/connect';
import { loadDossier } from '../documents/dossier-data';
import { ApiFailure, notFound } from '../http/errors';
import { achievementLine, printedName } from './wording';

export interface CertificateEntry { caseId: string; formId: string; formName: string; name: string; achievement: string }

export interface CertificateBatch {
  id: string;
  decision: { number: string; date: string; authority: string; signer: string };
  placeName: string;
  entries: CertificateEntry[];
}

/** 404 outside the user's area (as if there were no such batch); 409 before the decision, or with nobody to print. */
export async function loadCertificateBatch(db: Db, batchId: string, user: SessionUser): Promise<CertificateBatch> {
  const dossier = await loadDossier(db, batchId);
  if (!dossier || !mayManageBatch(user, dossier.batch)) throw notFound('Không tìm thấy đợt đề nghị này trong khu vực của bạn');
  const { decision } = dossier.batch;
  if (dossier.batch.status !== 'decided' || !decision) {
    throw refusal('Đợt đề nghị chưa có quyết định khen thưởng: chỉ in được giấy khen sau khi đã ghi số và ngày của quyết định.');
  }
  const batch = {
    id: batchId,
    decision,
    placeName: dossier.batch.header.placeName,
    // A case erased at its subject's request keeps its place in the batch but nothing to print.
    entries: dossier.cases.filter((c) => c.outcome?.commended === true && c.status !== 'erased').map((c) => ({
      caseId: c.caseId,
      formId: c.formId,
      formName: c.formName || c.formId,
      name: printedName(c.subjectName),
      achievement: achievementLine(c.deedDescription, c.result),
    })),
  };
  if (batch.entries.length === 0) throw refusal('Đợt đề nghị này không có hồ sơ nào được khen thưởng nên không có giấy khen để in.');
  return batch;
}

const refusal = (message: string) => new ApiFailure(409, { error: 'conflict', message });
