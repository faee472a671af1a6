// PUT /api/admin/certificate-layouts/{formId} as a valibot schema: the server validates with it, the admin screen
// checks with it first. Every field's box must lie on the A4 landscape sheet, its font 8–40 pt.
import * as v from 'valibot';
import {
  ALIGNMENTS, CERTIFICATE_FIELDS, FONT_PT, MM_PER_PT, SHEET_MM, type CertificateField,
} from './certificate-protocol';

const mm = (what: string, min: number, max: number) => v.pipe(
  v.number(`Nhập ${what} bằng số (mm)`),
  v.finite(`Nhập ${what} bằng số (mm)`),
  v.minValue(min, `${capital(what)} phải từ ${min} đến ${max} mm`),
  v.maxValue(max, `${capital(what)} phải từ ${min} đến ${max} mm`),
);
const capital = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
const FONT_MESSAGE = `Cỡ chữ phải từ ${FONT_PT.min} đến ${FONT_PT.max} pt`;

const fieldObject = v.strictObject({
  x: mm('vị trí ngang', 0, SHEET_MM.width),
  y: mm('vị trí dọc', 0, SHEET_MM.height),
  width: mm('độ rộng', 10, SHEET_MM.width),
  fontSize: v.pipe(v.number(FONT_MESSAGE), v.finite(FONT_MESSAGE), v.minValue(FONT_PT.min, FONT_MESSAGE), v.maxValue(FONT_PT.max, FONT_MESSAGE)),
  align: v.picklist(ALIGNMENTS, 'Chọn căn trái, giữa hoặc phải'),
});

type FieldOutput = v.InferOutput<typeof fieldObject>;

const fieldLayout = v.pipe(
  fieldObject,
  v.forward<FieldOutput, v.PartialCheckIssue<FieldOutput>, ['width']>(
    v.partialCheck([['x'], ['width']], (f) => f.x + f.width <= SHEET_MM.width,
      `Ô chữ vượt mép phải tờ giấy: vị trí ngang cộng độ rộng tối đa ${SHEET_MM.width} mm`),
    ['width'],
  ),
  // One line of the font must start and end on the sheet.
  v.forward<FieldOutput, v.PartialCheckIssue<FieldOutput>, ['y']>(
    v.partialCheck([['y'], ['fontSize']], (f) => f.y + f.fontSize * MM_PER_PT <= SHEET_MM.height,
      `Dòng chữ vượt mép dưới tờ giấy: vị trí dọc cộng chiều cao chữ tối đa ${SHEET_MM.height} mm`),
    ['y'],
  ),
);

export const certificateLayoutSchema = v.strictObject(
  Object.fromEntries(CERTIFICATE_FIELDS.map((field) => [field, fieldLayout])) as Record<CertificateField, typeof fieldLayout>,
);
