// A case every required field of which is filled, for tests to vary; its id as a phone makes one.
import { randomUUID } from 'node:crypto';
import { emptyDraft } from '../../src/shared/case-limits';
import type { CaseFields, DraftFields } from '../../src/shared/case-schema';

export function completeDraft(over: Partial<DraftFields> = {}): DraftFields {
  return {
    ...emptyDraft(),
    subjectKind: 'ca-nhan', subjectName: 'Lò Thị Mai', birthYear: 1988, gender: 'nu', ethnicityCode: '03',
    subjectCategoryId: 'nguoi-dan', communeCode: '03637', village: 'Bản Nà Ún', movementId: 'dan-van-kheo',
    fieldOfLifeId: 'cuu-nguoi', deedDate: '2026-07-14', deedPlace: 'Suối Nậm Kim',
    deedDescription: 'Chị Mai đã lao xuống suối cứu hai cháu nhỏ bị nước lũ cuốn trôi.',
    result: 'Hai cháu được cứu sống an toàn.', proposedFormId: 'giay_khen_chu_tich_ubnd_xa',
    reporterName: 'Vàng A Sử', consentAppraisal: true, consentAppraisalAt: '2026-07-15T08:00:00Z',
    ...over,
  };
}

/** A case as the server stores it: complete, with `over` applied (photos included). */
export function caseFields(over: Partial<CaseFields> = {}): CaseFields {
  return { ...completeDraft(), ...over } as CaseFields;
}

/** A UUIDv7-shaped id (version 7, RFC variant), as the phone makes. */
export function newCaseId(): string {
  const hex = randomUUID().replace(/-/g, '');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-7${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20)}`;
}
