// What a batch's certificates print: the decision, the place, and for each COMMENDED case (in the batch's order)
// its form, the name as addressed and the achievement line. Nothing else of the case leaves the database here.

export interface CertificateEntry { caseId: string; formId: string; formName: string; name: string; achievement: string }

export interface CertificateBatch {
  id: string;
  decision: { number: string; date: string; authority: string; signer: string };
  placeName: string;
  entries: CertificateEntry[];
}
