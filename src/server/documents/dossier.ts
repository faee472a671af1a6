// The dossier of a batch: each document by kind (as an OfficialDocument, then DOCX or HTML), its file name, and
// the ZIP of the five DOCX with the cases' photos ("Ảnh/001 Lò Văn Hùng/1.jpg", numbered as in the Danh sách).
import { readFile } from 'node:fs/promises';
import { dossierDocumentNames, DOSSIER_DOCUMENT_KINDS, type DossierDocumentKind } from '../../shared/batch-protocol';
import { safeName } from '../export/photos-zip';
import { zipStream, type ZipEntry } from '../export/zip-writer';
import type { PhotoStore } from '../photos/store';
import { baoCaoThanhTich } from './achievements';
import { listedCases } from './common';
import { duThaoQuyetDinh } from './decision-draft';
import type { Dossier } from './dossier-data';
import { renderDocx } from './format/docx';
import type { OfficialDocument } from './format/model';
import { bienBan } from './minutes';
import { danhSach, toTrinh } from './proposal';

const BUILDERS: Record<DossierDocumentKind, (d: Dossier) => OfficialDocument> = {
  'to-trinh': toTrinh,
  'danh-sach': danhSach,
  'bao-cao-thanh-tich': baoCaoThanhTich,
  'bien-ban': bienBan,
  'du-thao-quyet-dinh': duThaoQuyetDinh,
};

export const buildDocument = (kind: DossierDocumentKind, d: Dossier): OfficialDocument => BUILDERS[kind](d);

/** "01 Tờ trình đề nghị khen thưởng": numbered in the dossier's order. */
export const documentFileName = (kind: DossierDocumentKind): string =>
  `${String(DOSSIER_DOCUMENT_KINDS.indexOf(kind) + 1).padStart(2, '0')} ${dossierDocumentNames[kind]}`;

export const PHOTO_FOLDER = 'Ảnh';

/** "Ảnh/001 Lò Văn Hùng/": the case's STT in the Danh sách, then its name. */
export const photoFolder = (stt: number, name: string): string =>
  `${PHOTO_FOLDER}/${String(stt).padStart(3, '0')} ${safeName(name) || 'Không tên'}`;

/** The ZIP's bytes: the five documents, then each case's photos (one photo in memory at a time; a lost file is left out). */
export async function* dossierZip(d: Dossier, photos: PhotoStore, modified?: Date): AsyncGenerator<Uint8Array> {
  async function* entries(): AsyncGenerator<ZipEntry> {
    for (const kind of DOSSIER_DOCUMENT_KINDS) {
      yield { name: `${documentFileName(kind)}.docx`, data: [await renderDocx(buildDocument(kind, d))], deflate: false };
    }
    for (const { stt, c } of listedCases(d.cases)) {
      for (const [i, photo] of c.photos.entries()) {
        const bytes = await readFile(photos.pathOf(photo.sha256)).catch(() => undefined);
        if (bytes) yield { name: `${photoFolder(stt, c.subjectName)}/${i + 1}.jpg`, data: [bytes], deflate: false };
      }
    }
  }
  yield* zipStream(entries(), modified);
}
