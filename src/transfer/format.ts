// The backup file that carries unsent cases from one browser or phone to another when sync never works.
// A ZIP holding:
//   cases.json               the manifest below (deflated)
//   photos/<sha256>.jpg      every blob a case uses, photos and thumbnails alike (stored, not compressed)
// Ids, timestamps and statuses travel unchanged, so importing the same file twice never duplicates a case.
// Change the layout only with a new version number; an importer refuses versions it does not know.
import * as v from 'valibot';
import { DraftFieldsSchema } from '../shared/case-schema';
import { UUID_PATTERN } from '../shared/ids';
import { todayIso } from '../shared/dates';
import { UNSENT_STATUSES, type LocalCase } from '../db/database';
import { blobHashesOf } from '../db/cases';

export const EXPORT_FORMAT = 'guong-sang-export';
export const EXPORT_VERSION = 1;
export const MANIFEST_PATH = 'cases.json';
export const PHOTO_DIR = 'photos/';
/** Every blob is a JPEG made by the photo worker, so the extension and type are fixed. */
export const PHOTO_TYPE = 'image/jpeg';

/** A case not on the server yet (UNSENT_STATUSES): exported, and replaceable by a newer import. */
export const isUnsent = (status: string) => (UNSENT_STATUSES as readonly string[]).includes(status);

export const photoPath = (sha256: string) => `${PHOTO_DIR}${sha256}.jpg`;
const PHOTO_NAME = /^photos\/([0-9a-f]{64})\.jpg$/;
/** The hash a ZIP entry name claims for its bytes, or null when the entry is not a photo. */
export const hashFromPath = (path: string) => PHOTO_NAME.exec(path)?.[1] ?? null;

/** What the UI shows when a file cannot be exported or imported; nothing on the device has changed. */
export class TransferError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'TransferError';
  }
}

export const NOT_AN_EXPORT = 'Tệp này không phải tệp sao lưu của Gương Sáng. Hãy chọn đúng tệp .zip đã xuất từ mục "Bộ nhớ và sao lưu".';
export const DAMAGED =
  'Tệp sao lưu bị hỏng hoặc không đầy đủ (có thể do chép, gửi qua Zalo hay tải về chưa xong). Hãy xuất lại tệp trên máy cũ rồi nhập lại. Chưa có gì thay đổi trên máy này.';
export const TOO_BIG =
  'Tệp này giải nén ra quá lớn hoặc có quá nhiều mục, không phải tệp sao lưu do Gương Sáng xuất. Hãy xuất lại tệp trên máy cũ rồi nhập lại. Chưa có gì thay đổi trên máy này.';

const time = v.pipe(v.number(), v.integer(), v.minValue(0));

const ExportedCaseSchema = v.object({
  id: v.pipe(v.string(), v.regex(UUID_PATTERN)),
  status: v.picklist(UNSENT_STATUSES),
  createdAt: time,
  updatedAt: time,
  finalisedAt: v.optional(time),
  fields: DraftFieldsSchema,
  // Not trusted: rebuilt from fields.photos on import (the index that keeps shared blobs alive must be exact).
  blobHashes: v.optional(v.array(v.string())),
});

export const ManifestSchema = v.pipe(
  v.object({
    format: v.literal(EXPORT_FORMAT),
    version: v.literal(EXPORT_VERSION),
    exportedAt: time,
    cases: v.array(ExportedCaseSchema),
  }),
  v.check((m) => new Set(m.cases.map((c) => c.id)).size === m.cases.length, 'duplicate case id'),
);

export interface Manifest {
  format: typeof EXPORT_FORMAT;
  version: typeof EXPORT_VERSION;
  exportedAt: number;
  cases: LocalCase[];
}

export function buildManifest(cases: readonly LocalCase[], exportedAt: number): Manifest {
  return { format: EXPORT_FORMAT, version: EXPORT_VERSION, exportedAt, cases: [...cases] };
}

/** Checks the parsed cases.json; throws a TransferError that says what is wrong in words a user can act on. */
export function parseManifest(json: unknown): Manifest {
  const head = (json ?? {}) as { format?: unknown; version?: unknown };
  if (typeof json !== 'object' || head.format !== EXPORT_FORMAT) throw new TransferError(NOT_AN_EXPORT);
  if (head.version !== EXPORT_VERSION) {
    const newer = typeof head.version === 'number' && head.version > EXPORT_VERSION;
    throw new TransferError(
      newer
        ? `Tệp sao lưu này được tạo bằng phiên bản Gương Sáng mới hơn (định dạng số ${String(head.version)}). Hãy cập nhật ứng dụng trên máy này (mở lại khi có mạng) rồi nhập lại.`
        : `Tệp sao lưu có định dạng không được hỗ trợ (số ${String(head.version)}). Hãy xuất lại tệp trên máy cũ.`,
    );
  }
  const result = v.safeParse(ManifestSchema, json);
  if (!result.success) throw new TransferError(DAMAGED, { cause: new v.ValiError(result.issues) });
  const cases = result.output.cases.map(
    (c): LocalCase => ({ ...c, blobHashes: blobHashesOf(c.fields.photos) }),
  );
  return { ...result.output, cases };
}

/** `guong-sang-05-03-2026-4-ho-so.zip`, dated in Vietnam's time zone. */
export function exportFileName(caseCount: number, now: number): string {
  const [y, m, d] = todayIso(now).split('-');
  return `guong-sang-${d}-${m}-${y}-${caseCount}-ho-so.zip`;
}
