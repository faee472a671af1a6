// A certificate layout as the calibration form edits it: numbers as typed (a comma is a decimal point), turned
// back into the PUT body; text that is not a number is sent as it is, so the schema names the field to fix.
import {
  CERTIFICATE_FIELDS, type Alignment, type CertificateField, type CertificateLayout,
} from '../../shared/certificate-protocol';

export const NUMBER_KEYS = ['x', 'y', 'width', 'fontSize'] as const;
export type NumberKey = (typeof NUMBER_KEYS)[number];

export type FieldDraft = Record<NumberKey, string> & { align: Alignment };
export type LayoutDraft = Record<CertificateField, FieldDraft>;

export const numberKeyNames: Record<NumberKey, string> = {
  x: 'Cách mép trái (mm)', y: 'Cách mép trên (mm)', width: 'Độ rộng (mm)', fontSize: 'Cỡ chữ (pt)',
};

export function draftOfLayout(layout: CertificateLayout): LayoutDraft {
  return Object.fromEntries(CERTIFICATE_FIELDS.map((field) => {
    const f = layout[field];
    return [field, { x: String(f.x), y: String(f.y), width: String(f.width), fontSize: String(f.fontSize), align: f.align }];
  })) as LayoutDraft;
}

const asNumber = (typed: string): number | string => {
  const text = typed.trim().replace(',', '.');
  return text !== '' && Number.isFinite(Number(text)) ? Number(text) : typed;
};

/** The PUT body (numbers where the text is one). */
export function bodyOfDraft(draft: LayoutDraft): Record<string, Record<string, number | string>> {
  return Object.fromEntries(CERTIFICATE_FIELDS.map((field) => {
    const f = draft[field];
    return [field, { x: asNumber(f.x), y: asNumber(f.y), width: asNumber(f.width), fontSize: asNumber(f.fontSize), align: f.align }];
  }));
}

export const sameDraft = (a: LayoutDraft, b: LayoutDraft): boolean =>
  JSON.stringify(bodyOfDraft(a)) === JSON.stringify(bodyOfDraft(b));
