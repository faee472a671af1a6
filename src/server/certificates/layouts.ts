// The certificate layouts: one JSON document in the settings table (key 'certificate-layouts': formId →
// CertificateLayout). A form without a saved layout prints at DEFAULT_CERTIFICATE_LAYOUT.
import * as v from 'valibot';
import {
  DEFAULT_CERTIFICATE_LAYOUT, type CertificateFormLayout, type CertificateLayout, type CertificateLayouts,
} from '../../shared/certificate-protocol';
import { certificateLayoutSchema } from '../../shared/certificate-schemas';
import type { Db } from '../db/connect';
import { lockKey, writeTransaction, type Tx } from '../db/transaction';
import { listRows } from '../reference/repo';

const KEY = 'certificate-layouts';

/** The saved layouts; an entry that no longer parses (a hand-edited row) is left out, so it prints at the default. */
async function savedLayouts(db: Tx): Promise<Record<string, CertificateLayout>> {
  const row = await db.selectFrom('settings').select('value').where('key', '=', KEY).executeTakeFirst();
  if (!row) return {};
  let stored: unknown;
  try {
    stored = JSON.parse(row.value);
  } catch {
    return {};
  }
  if (!stored || typeof stored !== 'object') return {};
  const layouts: Record<string, CertificateLayout> = {};
  for (const [formId, layout] of Object.entries(stored)) {
    const parsed = v.safeParse(certificateLayoutSchema, layout);
    if (parsed.success) layouts[formId] = parsed.output;
  }
  return layouts;
}

/** The layout each of `formIds` prints at. */
export async function layoutsFor(db: Tx, formIds: readonly string[]): Promise<Map<string, CertificateLayout>> {
  const saved = await savedLayouts(db);
  return new Map(formIds.map((id) => [id, saved[id] ?? DEFAULT_CERTIFICATE_LAYOUT]));
}

/** Every commendation form of the list (active first, in order; retired ones only when they have a layout). */
export async function readCertificateLayouts(db: Tx): Promise<CertificateLayouts> {
  const [forms, saved] = await Promise.all([listRows(db, 'commendationForms'), savedLayouts(db)]);
  const shown = [...forms.filter((f) => !f.retired_at), ...forms.filter((f) => f.retired_at && saved[f.id])];
  return {
    forms: shown.map((f): CertificateFormLayout => ({
      formId: f.id, formName: f.name, layout: saved[f.id] ?? DEFAULT_CERTIFICATE_LAYOUT, saved: f.id in saved,
    })),
  };
}

export async function findCommendationFormName(db: Tx, formId: string): Promise<string | undefined> {
  const row = await db.selectFrom('reference_entries').select('name')
    .where('list', '=', 'commendationForms').where('id', '=', formId).executeTakeFirst();
  return row?.name;
}

/** Replaces one form's layout (the others are kept as they are). */
export async function saveCertificateLayout(db: Db, formId: string, layout: CertificateLayout, userId: string, at: string): Promise<void> {
  await writeTransaction(db, async (tx) => {
    await lockKey(tx, `settings:${KEY}`);
    const layouts = { ...(await savedLayouts(tx)), [formId]: layout };
    const value = JSON.stringify(layouts);
    await tx.insertInto('settings').values({ key: KEY, value, updated_by: userId, updated_at: at })
      .onConflict((oc) => oc.column('key').doUpdateSet({ value, updated_by: userId, updated_at: at }))
      .execute();
  });
}
