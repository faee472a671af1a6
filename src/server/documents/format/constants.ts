// Every measure of the administrative format (Nghị định 30/2020/NĐ-CP, Phụ lục I, as summarised in
// ../shared/reference/admin-documents.md) in one place, for both renderers (DOCX and the print page). Where the
// decree gives a range, the value chosen is noted; correct it here and both outputs follow.

export const FONT = 'Times New Roman';
/** Fallbacks for the print page where Times New Roman is missing (Liberation Serif has the same metrics). */
export const HTML_FONT_STACK = `"${FONT}", "Liberation Serif", "Tinos", serif`;

/** A4 in millimetres, portrait. */
export const PAGE_MM = { width: 210, height: 297 } as const;

/** Margins in mm (top and bottom 20–25, left 30–35, right 15–20). Landscape sections keep the same edges. */
export const MARGIN_MM = { top: 20, bottom: 20, left: 30, right: 15 } as const;
/** Where the page number sits: inside the top margin, measured from the sheet's top edge. */
export const HEADER_FROM_TOP_MM = 10;
export const FOOTER_FROM_BOTTOM_MM = 10;

/** Sizes in points. */
export const PT = {
  body: 14,                 // 13–14; one size throughout a document
  issuingBody: 13,          // 12–13, bold capitals
  superiorBody: 13,         // 12–13, capitals, not bold
  number: 13,               // "Số: 12/TTr-UBND"
  nationalTitle: 13,        // Quốc hiệu, 12–13 bold capitals
  motto: 14,                // Tiêu ngữ, 13–14 bold
  placeDate: 14,            // 13–14 italic
  docType: 14,              // 13–14 bold capitals
  summary: 14,              // bold
  recipientsLabel: 12,      // "Nơi nhận:" bold italic
  recipients: 11,
  signature: 14,            // authority, title and name, bold
  table: 12,                // the cells of a wide table (Danh sách)
  pageNumber: 13,
} as const;

/** Paragraphs: first-line indent 1–1.27 cm, at least 6 pt between paragraphs, line spacing single to 1.5. */
export const PARAGRAPH = { firstLineCm: 1.27, afterPt: 6, lineSpacing: 1.15 } as const;

/** The two-column header, as a share of the text width: the left column holds the body, the right the Quốc hiệu. */
export const HEADER_COLUMNS = { left: 0.4, right: 0.6 } as const;
/** Rule under the issuing body: a third to a half of its text's width (here in mm, centred in its column). */
export const BODY_RULE_MM = 25;
/** Rule under the Tiêu ngữ: as long as the line ("Độc lập - Tự do - Hạnh phúc" in 14 pt bold is about 65 mm). */
export const MOTTO_RULE_MM = 65;
/** The signature block's column (right), as a share of the text width; the recipients take the rest. */
export const SIGNATURE_COLUMN = 0.5;
/** Blank lines left for the signature and the seal. */
export const SIGNATURE_SPACE_LINES = 4;

export const NATIONAL_TITLE = 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM';
export const MOTTO = 'Độc lập - Tự do - Hạnh phúc';

/** Millimetres to the units each renderer uses. */
export const mmToTwip = (mm: number): number => Math.round((mm * 1440) / 25.4);
export const cmToTwip = (cm: number): number => mmToTwip(cm * 10);
/** docx sizes are half-points. */
export const ptToHalfPt = (pt: number): number => Math.round(pt * 2);
