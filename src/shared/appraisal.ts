// The appraisal state machine: which status a case may move to, and who may move it. Pure (no valibot, no I/O)
// so the reviewer screens can offer only the actions the server will accept.
//
//   from \ to      appraising  proposed   commended        returned   rejected   published
//   received       C P A       ·          ·                C P A      C P A      ·
//   appraising     ·           C P A      ·                C P A      C P A      ·
//   proposed       C P A       ·          C¹ P A           C P A      C P A      ·
//   commended      ·           ·          ·                ·          ·          P A ²
//   published      ·           ·          C P A ³          ·          ·          ·
//   returned       (the reporter's new revision: PUT /api/cases/{id})   C P A     ·
//   rejected: final
//
//   C commune reviewer, only on cases of the commune in their area; P province reviewer; A admin (both within
//   their area, which is the whole province for them). A reporter makes no transition.
//   ¹ only when the commendation is commune-level (a decision of the commune chairman); a provincial or central
//     form is recorded by the province.   ² only when the subject consented to publication; publishing in the
//     provincial media is the province's decision.
//   ³ "Gỡ khỏi bản tin": the subject withdrew consent to publication (they usually tell the commune). A comment
//     is required; the case keeps its commendation, its consent is recorded as withdrawn in a new revision, so it
//     cannot be published again.
//   proposed → appraising withdraws a proposal (e.g. to change the form). What each edge's body carries (a
//   comment, a form, a decision) is in transition-rules.ts.
import type { Role, ServerStatus } from './sync-protocol';
import { PROVINCE_AREA, serverStatusNames } from './sync-protocol';

export type TransitionTarget = Exclude<ServerStatus, 'received' | 'erased'>;

export const TRANSITIONS: Readonly<Record<ServerStatus, readonly TransitionTarget[]>> = {
  received: ['appraising', 'returned', 'rejected'],
  appraising: ['proposed', 'returned', 'rejected'],
  proposed: ['appraising', 'commended', 'returned', 'rejected'],
  commended: ['published'],
  returned: ['rejected'],
  rejected: [],
  published: ['commended'],
  erased: [],
};

/** Commendation-form levels a commune reviewer may record as decided (the rest are provincial or higher). */
export const COMMUNE_FORM_LEVELS: readonly string[] = ['xa'];

export const transitionActionNames: Record<TransitionTarget, string> = {
  appraising: 'Thẩm định',
  proposed: 'Đề nghị khen thưởng',
  commended: 'Ghi nhận đã khen thưởng',
  returned: 'Trả lại bổ sung',
  rejected: 'Không đủ điều kiện',
  published: 'Đăng tin',
};

/** published → commended takes a case off the bulletin because the subject withdrew consent to publication. */
export const isWithdrawal = (from: ServerStatus, to: TransitionTarget): boolean => from === 'published' && to === 'commended';

/** The button's label for this edge (the same target can mean two things: see isWithdrawal). */
export const transitionActionName = (from: ServerStatus, to: TransitionTarget): string =>
  isWithdrawal(from, to) ? 'Gỡ khỏi bản tin (rút đồng ý đăng tin)' : transitionActionNames[to];

export interface TransitionSubject {
  status: ServerStatus;
  communeCode: string;
  consentPublication: boolean;
  /** The level of the commendation form the decision would record (taxonomy "level"), if known. */
  formLevel?: string | undefined;
}

export interface Actor { role: Role; area: string }

/** Why a transition is refused: the case's state (409), the actor's role or area (403). */
export type TransitionRefusal =
  | { ok: false; kind: 'state'; message: string }
  | { ok: false; kind: 'role'; message: string }
  | { ok: false; kind: 'area'; message: string };
export type TransitionCheck = { ok: true } | TransitionRefusal;

const isReviewer = (role: Role) => role !== 'reporter';
const actsOn = (actor: Actor, communeCode: string) => actor.area === PROVINCE_AREA || actor.area === communeCode;

export function checkTransition(actor: Actor, subject: TransitionSubject, to: TransitionTarget): TransitionCheck {
  if (!isReviewer(actor.role)) return { ok: false, kind: 'role', message: 'Tài khoản người báo cáo không thẩm định được hồ sơ' };
  if (!actsOn(actor, subject.communeCode)) return { ok: false, kind: 'area', message: 'Hồ sơ này không thuộc địa bàn của tài khoản' };
  if (!TRANSITIONS[subject.status].includes(to)) {
    return { ok: false, kind: 'state', message: `Không chuyển được hồ sơ từ "${statusName(subject.status)}" sang "${statusName(to)}"` };
  }
  if (to === 'published') {
    if (!subject.consentPublication) return { ok: false, kind: 'state', message: 'Người được báo cáo chưa đồng ý đăng tin, không đăng được' };
    if (actor.role === 'commune-reviewer') return { ok: false, kind: 'role', message: 'Chỉ cấp tỉnh quyết định đăng tin trên báo, đài của tỉnh' };
  }
  if (to === 'commended' && !isWithdrawal(subject.status, to) && actor.role === 'commune-reviewer'
    && !COMMUNE_FORM_LEVELS.includes(subject.formLevel ?? '')) {
    return { ok: false, kind: 'role', message: 'Hình thức khen thưởng này do cấp tỉnh trở lên quyết định: cán bộ thẩm định cấp tỉnh ghi nhận quyết định' };
  }
  return { ok: true };
}

/** Who acts on a data subject's request (review-protocol's subject access and erasure): admins and province reviewers. */
export const mayServeDataSubject = (role: Role): boolean => role === 'admin' || role === 'province-reviewer';

/** The targets this actor may choose now (for the UI's buttons). */
export function allowedTransitions(actor: Actor, subject: TransitionSubject): TransitionTarget[] {
  return TRANSITIONS[subject.status].filter((to) => checkTransition(actor, subject, to).ok);
}

const statusName = (s: ServerStatus) => serverStatusNames[s];
