// Proposal batches (đợt đề nghị khen thưởng): proposed cases gathered into one submission to the authority that
// decides their form, the council's vote, the decision for the whole batch. Types, paths and pure rules only (no
// valibot: batch-schemas.ts has the request schemas the server validates with).
//
//   draft ──submit──▶ submitted ──decision──▶ decided
//     │                   │
//     └──withdraw──▶ withdrawn ◀──withdraw (with a reason)
//
// A case is in at most one open batch (draft or submitted). Cases are added and removed, and the header and the
// council's vote edited, only while the batch is a draft; a submitted batch is read-only except for withdrawal and
// its public notice. Who may act on a batch follows the appraisal table (shared/appraisal.ts): a commune reviewer
// for their commune's commune-level forms, the province (province reviewers, admins) for every batch.
import type { Role } from './sync-protocol';
import { PROVINCE_AREA } from './sync-protocol';

export const BATCH_STATUSES = ['draft', 'submitted', 'decided', 'withdrawn'] as const;
export type BatchStatus = (typeof BATCH_STATUSES)[number];
export const OPEN_BATCH_STATUSES: readonly BatchStatus[] = ['draft', 'submitted'];

export const batchStatusNames: Record<BatchStatus, string> = {
  draft: 'Đang soạn',
  submitted: 'Đã trình',
  decided: 'Đã có quyết định',
  withdrawn: 'Đã rút',
};

/**
 * Who decides a batch: the commune chairman (commune-level forms, taxonomy level 'xa'), the province chairman
 * ('tinh'), or higher ('trung_uong' and anything else): the province submits those upward.
 */
export const AUTHORITIES = ['commune', 'province', 'upward'] as const;
export type Authority = (typeof AUTHORITIES)[number];

export const authorityNames: Record<Authority, string> = {
  commune: 'Chủ tịch UBND xã',
  province: 'Chủ tịch UBND tỉnh',
  upward: 'Cấp trên (tỉnh trình)',
};

export function authorityOfLevel(level: string | null | undefined): Authority {
  if (level === 'xa') return 'commune';
  if (level === 'tinh') return 'province';
  return 'upward';
}

/** A commune batch belongs to its commune; a provincial or upward batch to the province (PROVINCE_AREA). */
export const batchAreaFor = (authority: Authority, communeCode: string): string =>
  authority === 'commune' ? communeCode : PROVINCE_AREA;

/** May this user create, edit, submit, record the council and the decision of, and print a batch of this area? */
export function mayManageBatch(user: { role: Role; area: string }, batch: { authority: Authority; area: string }): boolean {
  if (user.role === 'reporter') return false;
  if (user.area === PROVINCE_AREA) return true;
  return batch.authority === 'commune' && batch.area === user.area;
}

/** The legal bases a new batch starts with (an administrator edits them in the commendation settings). */
export const DEFAULT_LEGAL_BASES: readonly string[] = [
  'Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022',
  'Nghị định số 98/2023/NĐ-CP ngày 31 tháng 12 năm 2023 của Chính phủ quy định chi tiết thi hành một số điều của Luật Thi đua, khen thưởng',
  'Chỉ thị số 02/CT-UBND ngày 20 tháng 01 năm 2021 của Ủy ban nhân dân tỉnh Lai Châu',
];

/** The document's header as the board types it (Nghị định 30/2020/NĐ-CP: number, symbol, place, date, signer). */
export interface BatchHeader {
  number: string;         // "12"; may stay empty while a draft (printed "…")
  symbol: string;         // "TTr-UBND"
  date: string;           // yyyy-mm-dd
  placeName: string;      // "Mường Kim" (the place in "Mường Kim, ngày 05 tháng 12 năm 2026")
  proposingBody: string;  // "Ủy ban nhân dân xã Mường Kim"
  addressee: string;      // "Chủ tịch Ủy ban nhân dân xã Mường Kim" (Kính gửi)
  signerTitle: string;    // "Chủ tịch", "KT. Chủ tịch / Phó Chủ tịch"
  signerName: string;
  legalBases: string[];
}

/** The council's meeting (Hội đồng Thi đua – Khen thưởng): recorded while the batch is a draft. */
export interface CouncilMeeting {
  date: string;           // yyyy-mm-dd
  place: string;
  chair: string;          // who chaired it
  present: number;        // members present …
  total: number;          // … of the council's members
}

/** A case's vote at the meeting: `agree` of `voters` (usually the members present). */
export interface CaseVote { caseId: string; agree: number; voters: number }

/** The states a case the authority did not commend may go back to, with the board's comment. */
export const NOT_COMMENDED_RETURNS = ['appraising', 'returned', 'rejected'] as const;
export type NotCommendedReturn = (typeof NOT_COMMENDED_RETURNS)[number];

/** The signed decision, for the whole batch (POST …/decision). Every case not listed in notCommended is commended. */
export interface DecisionRecord {
  number: string;         // "125/QĐ-UBND"
  date: string;           // yyyy-mm-dd
  authority: string;      // "Chủ tịch Ủy ban nhân dân xã Mường Kim"
  signer: string;
  notCommended: { caseId: string; comment: string; returnTo: NotCommendedReturn }[];
}

/** One case of a batch as the batch screen lists it. */
export interface BatchCase {
  caseId: string;
  subjectKind: string;
  subjectName: string;
  communeCode: string;
  formId: string;
  /** The council's vote, once recorded. */
  vote: CaseVote | null;
  /** After the decision: commended, or not (with the comment and the state it returned to). */
  outcome: { commended: true } | { commended: false; comment: string; returnTo: NotCommendedReturn } | null;
}

export interface BatchSummary {
  id: string;
  status: BatchStatus;
  authority: Authority;
  area: string;
  number: string;
  symbol: string;
  date: string;
  caseCount: number;
  createdAt: string;
  submittedAt: string | null;
  decidedAt: string | null;
}

export interface BatchDetail extends BatchSummary {
  header: BatchHeader;
  council: CouncilMeeting | null;
  decision: Omit<DecisionRecord, 'notCommended'> | null;
  withdrawnReason: string | null;
  cases: BatchCase[];
  /** The public notice (Dân chủ, công khai), once posted. */
  notice: { from: string; until: string; publicUrl: string; comments: number } | null;
  /** The batch's audit log, oldest first ('created', 'edited', 'cases-added', 'case-removed', 'council', …). */
  events: BatchEvent[];
}

export interface BatchEvent { kind: string; actorName: string | null; at: string; detail: unknown }

/**
 * POST /api/review/batches: a draft from the chosen cases, or from every proposed case matching the table's
 * filters (`query`, the list's query string) in the reviewer's area. All must be proposed, in no open batch, and
 * decided by one authority: else 422 naming the cases that differ. The header starts from the defaults.
 */
export type BatchCasesSelection = { caseIds: string[] } | { query: string };

export const batchApi = {
  list: (query = '') => `/api/review/batches${query ? `?${query}` : ''}`,
  batch: (id: string) => `/api/review/batches/${id}`,
  /** POST BatchCasesSelection adds; DELETE …/cases/{caseId} removes (draft only). */
  cases: (id: string) => `/api/review/batches/${id}/cases`,
  case: (id: string, caseId: string) => `/api/review/batches/${id}/cases/${caseId}`,
  /** PUT { meeting: CouncilMeeting, votes: CaseVote[] } (draft only). */
  council: (id: string) => `/api/review/batches/${id}/council`,
  submit: (id: string) => `/api/review/batches/${id}/submit`,
  /** POST { reason } */
  withdraw: (id: string) => `/api/review/batches/${id}/withdraw`,
  /** POST DecisionRecord (submitted only) */
  decision: (id: string) => `/api/review/batches/${id}/decision`,
  /** The generated documents: DOCX for Word and LibreOffice, HTML to print. */
  document: (id: string, kind: DossierDocumentKind, format: 'docx' | 'html') => `/api/review/batches/${id}/documents/${kind}.${format}`,
  dossier: (id: string) => `/api/review/batches/${id}/dossier.zip`,
  /** POST { days } (submitted only): posts the batch for public comment; GET …/comments: what citizens sent. */
  notice: (id: string) => `/api/review/batches/${id}/notice`,
  comments: (id: string) => `/api/review/batches/${id}/comments`,
  /** Admin: the defaults a new batch starts with and the per-form vote thresholds. */
  settings: '/api/admin/commendation-settings',
} as const;

/** The public notice of a batch (no account): its page, the feed of notices now open, the comment form's target. */
export const publicNoticePaths = {
  page: (publicId: string) => `/cong-khai/${publicId}`,
  comment: (publicId: string) => `/cong-khai/${publicId}/gop-y`,
  feed: '/cong-khai/feed.atom',
} as const;

export const DOSSIER_DOCUMENT_KINDS = ['to-trinh', 'danh-sach', 'bao-cao-thanh-tich', 'bien-ban', 'du-thao-quyet-dinh'] as const;
export type DossierDocumentKind = (typeof DOSSIER_DOCUMENT_KINDS)[number];

export const dossierDocumentNames: Record<DossierDocumentKind, string> = {
  'to-trinh': 'Tờ trình đề nghị khen thưởng',
  'danh-sach': 'Danh sách đề nghị khen thưởng',
  'bao-cao-thanh-tich': 'Báo cáo tóm tắt thành tích',
  'bien-ban': 'Biên bản họp Hội đồng Thi đua - Khen thưởng',
  'du-thao-quyet-dinh': 'Dự thảo Quyết định khen thưởng',
};

/**
 * Commendation settings (admin): the legal bases a new batch starts with, and per commendation form the least
 * share of the council's votes a case needs to stay in a submitted batch (absent: no minimum, the default).
 */
export interface CommendationSettings {
  legalBases: string[];
  minVoteShare: Record<string, number>;   // formId → 0..1
}

/** Whether a vote meets the form's minimum share (no minimum set: always). */
export function meetsVoteShare(vote: CaseVote | null, minShare: number | undefined): boolean {
  if (minShare === undefined || minShare <= 0) return true;
  if (!vote || vote.voters <= 0) return false;
  return vote.agree / vote.voters >= minShare;
}
