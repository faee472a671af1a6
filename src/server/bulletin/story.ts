// What the public bulletin may show of a case. The public view is built from an allow-list: PublicStory names
// every field that leaves the server, and toPublicStory copies exactly those. Ethnicity, birth year, gender,
// village, deed place, workplace and the reporter never appear here, so no page or feed can print them. The public
// notice of a batch (notice/) shows the same PublicSubject of each consenting case, and nothing else of it.
import type { CaseFields } from '../../shared/case-schema';
import { communeLabel, defaultLists, entryName } from '../../shared/reference';
import { storedFields } from '../cases/stored-fields';

/** A photo by its public names (photos.public_id), never by the stored original's hash. */
export interface PublicPhoto {
  id: string;
  thumbId: string;
  caption: string;
  width: number;
  height: number;
  bytes: number;
}

export interface PublicCommendation {
  form: string;
  decisionNumber: string | null;
  decisionDate: string | null;   // ISO yyyy-mm-dd
}

/** What the public may know of a case's subject, once they consented to publication. */
export interface PublicSubject {
  subjectName: string;
  commune: string;               // "Xã Mường Kim": never anything finer
  deed: string;
  result: string;
}

export interface PublicStory extends PublicSubject {
  id: string;
  commendation: PublicCommendation | null;
  publishedAt: string;           // ISO time
  photos: PublicPhoto[];
}

/** The columns a story is made from (the full fields are parsed here and never passed on). */
export interface StoryRow {
  id: string;
  fields: string;
  published_at: string | null;
  commendation_form_id: string | null;
  form_name: string | null;      // the administrators' current name of the form, if the list has it
  decision_number: string | null;
  decision_date: string | null;
}

/** The subject's public part; null unless the fields say they consented to publication. */
export function toPublicSubject(fields: CaseFields): PublicSubject | null {
  if (fields.consentPublication !== true) return null;
  return { subjectName: fields.subjectName, commune: communeLabel(fields.communeCode), deed: fields.deedDescription, result: fields.result };
}

/** A commendation form's public name: the administrators' current name (`listed`), else the shipped one, else its id. */
export const publicFormName = (formId: string, listed: string | null): string =>
  listed || entryName(defaultLists.commendationForms, formId) || formId;

/**
 * The public view of a published case; null when its fields say the subject did not consent (belt and braces).
 * `publicIds`: the public name of each stored photo hash (a photo without one is left out).
 */
export function toPublicStory(row: StoryRow, publicIds: ReadonlyMap<string, string>): PublicStory | null {
  const fields = storedFields(row);
  const subject = toPublicSubject(fields);
  if (!subject || !row.published_at) return null;
  return {
    id: row.id,
    ...subject,
    commendation: row.commendation_form_id
      ? { form: publicFormName(row.commendation_form_id, row.form_name), decisionNumber: row.decision_number, decisionDate: row.decision_date }
      : null,
    publishedAt: row.published_at,
    photos: fields.photos.flatMap((p) => {
      const id = publicIds.get(p.sha256);
      const thumbId = publicIds.get(p.thumbSha256);
      return id && thumbId ? [{ id, thumbId, caption: p.caption, width: p.width, height: p.height, bytes: p.bytes }] : [];
    }),
  };
}
