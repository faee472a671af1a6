// Certificates (Giấy khen / Bằng khen) of a decided batch: the text fields printed onto the pre-printed blanks
// (phôi) at the positions an administrator calibrates per commendation form, in millimetres from the top-left of
// an A4 landscape sheet; or a plain full certificate when no blanks are at hand. Types, defaults and paths only
// (certificate-schemas.ts has the valibot schema the server enforces and the admin screen checks first).

export const SHEET_MM = { width: 297, height: 210 } as const;
export const FONT_PT = { min: 8, max: 40 } as const;
export const MM_PER_PT = 25.4 / 72;

export const CERTIFICATE_FIELDS = ['name', 'achievement', 'decision', 'placeDate'] as const;
export type CertificateField = (typeof CERTIFICATE_FIELDS)[number];

export const certificateFieldNames: Record<CertificateField, string> = {
  name: 'Tên cá nhân, tập thể',
  achievement: 'Dòng "Đã có thành tích …"',
  decision: 'Số, ngày quyết định',
  placeDate: 'Địa danh, ngày tháng',
};

export const ALIGNMENTS = ['left', 'center', 'right'] as const;
export type Alignment = (typeof ALIGNMENTS)[number];
export const alignmentNames: Record<Alignment, string> = { left: 'Trái', center: 'Giữa', right: 'Phải' };

/** One text field on the sheet: the top-left of its box (mm), the box's width (mm), the font size (pt). */
export interface FieldLayout {
  x: number;
  y: number;
  width: number;
  fontSize: number;
  align: Alignment;
}

export type CertificateLayout = Record<CertificateField, FieldLayout>;

/**
 * Where a usual blank leaves room (the emblem and "TẶNG GIẤY KHEN" printed above the middle; the signature and
 * stamp bottom right): the name and the achievement centred across the middle, the decision bottom left, the place
 * and date above the signature. A first guess to calibrate from with the test print.
 */
export const DEFAULT_CERTIFICATE_LAYOUT: CertificateLayout = {
  name: { x: 48, y: 92, width: 201, fontSize: 24, align: 'center' },
  achievement: { x: 43, y: 110, width: 211, fontSize: 15, align: 'center' },
  decision: { x: 25, y: 172, width: 115, fontSize: 12, align: 'left' },
  placeDate: { x: 160, y: 140, width: 115, fontSize: 13, align: 'center' },
};

/** One commendation form with the layout its certificates print at (`saved`: calibrated, else the default). */
export interface CertificateFormLayout {
  formId: string;
  formName: string;
  layout: CertificateLayout;
  saved: boolean;
}

/** GET and PUT answer: every commendation form in use (the reference list's, then retired ones with a layout). */
export interface CertificateLayouts { forms: CertificateFormLayout[] }

export const CERTIFICATE_PRINTS = ['blank', 'full'] as const;
/** 'blank': only the text fields, on pre-printed blanks; 'full': the whole certificate on plain paper. */
export type CertificatePrint = (typeof CERTIFICATE_PRINTS)[number];

export const certificatePrintNames: Record<CertificatePrint, string> = {
  blank: 'In giấy khen lên phôi',
  full: 'In giấy khen đầy đủ (giấy trắng)',
};

export const certificateApi = {
  /** Admin: GET every form's layout; PUT …/{formId} a CertificateLayout (422 with Vietnamese issues). */
  layouts: '/api/admin/certificate-layouts',
  layout: (formId: string) => `/api/admin/certificate-layouts/${encodeURIComponent(formId)}`,
  /** HTML to print (reviewers): the calibration grid with the form's fields at their positions. */
  testPrint: (formId: string) => `/api/review/certificates/form/${encodeURIComponent(formId)}/test-print.html`,
  /** HTML to print: one page per commended case of a decided batch (reviewers who may manage the batch). */
  batch: (batchId: string, print: CertificatePrint) => `/api/review/certificates/batch/${encodeURIComponent(batchId)}/${print}.html`,
} as const;
