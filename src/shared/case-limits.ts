// Limits and defaults of a case, without the validation code (which the form loads only on "Hoàn tất").
import type { DraftFields } from './case-schema';

export const CASE_LIMITS = {
  name: 200, village: 100, role: 200, place: 200, deed: 5000, result: 3000,
  reporter: 100, caption: 300, photos: 12, deedMin: 20, resultMin: 10,
} as const;

export function emptyDraft(): DraftFields {
  return {
    subjectKind: 'ca-nhan', awardTypeId: 'dot_xuat', photos: [],
    consentAppraisal: false, consentAppraisalAt: null, consentPublication: false, consentPublicationAt: null,
  };
}
