// `npm run verify`: the database's integrity (SQLite's integrity_check; on both, no migration pending and every
// table readable), every photo a case lists present with the SHA-256 its name says, and the photo files no row
// names (orphans: listed, harmless). Reads only. With --backup FOLDER: a backup's files against its manifest.
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { sql } from 'kysely';
import { dialectOf, type Db } from '../db/connect';
import { pendingMigrations, rowCounts } from '../db/migrations';
import { photoPath, readManifest } from './layout';
import { hashFile } from './photos';

export interface VerifyReport {
  problems: string[];
  /** Orphan files, and photo rows no case names whose file is gone: listed, not failures. */
  notes: string[];
  counts: Record<string, number>;
  photosChecked: number;
}

const SHA_FILE = /^([0-9a-f]{64})\.jpg$/;

async function entries(dir: string): Promise<string[]> {
  try {
    return await readdir(dir);
  } catch {
    return [];
  }
}

/** Every sha256 with a file under photosDir/ab/cd/ (unfinished uploads in partial/ and anything else are not photos). */
async function photoFiles(photosDir: string): Promise<Set<string>> {
  const found = new Set<string>();
  for (const a of await entries(photosDir)) {
    if (!/^[0-9a-f]{2}$/.test(a)) continue;
    for (const b of await entries(join(photosDir, a))) {
      for (const name of await entries(join(photosDir, a, b))) {
        const m = SHA_FILE.exec(name);
        if (m) found.add(m[1]!);
      }
    }
  }
  return found;
}

export async function verifyData(db: Db, dataDir: string): Promise<VerifyReport> {
  const problems: string[] = [];
  const notes: string[] = [];
  if (dialectOf(db) === 'sqlite') {
    const { rows } = await sql<{ integrity_check: string }>`pragma integrity_check`.execute(db);
    const bad = rows.map((r) => r.integrity_check).filter((r) => r !== 'ok');
    for (const line of bad.slice(0, 20)) problems.push(`Cơ sở dữ liệu hỏng: ${line}`);
  }
  const pending = await pendingMigrations(db);
  if (pending.length) problems.push(`Cơ sở dữ liệu chưa ở phiên bản mới nhất: còn ${pending.join(', ')}`);
  let counts: Record<string, number> = {};
  try {
    counts = await rowCounts(db);
  } catch (err) {
    problems.push(`Không đọc được các bảng: ${(err as Error).message}`);
  }

  const photosDir = join(dataDir, 'photos');
  const named = new Set((await db.selectFrom('case_photos').select('sha256').distinct().execute()).map((r) => r.sha256));
  const rows = new Set((await db.selectFrom('photos').select('sha256').execute()).map((r) => r.sha256));
  const files = await photoFiles(photosDir);
  for (const sha of [...named].sort()) {
    if (!files.has(sha)) {
      problems.push(`Thiếu ảnh ${sha} (hồ sơ có dùng)`);
      continue;
    }
    const { sha256 } = await hashFile(photoPath(photosDir, sha));
    if (sha256 !== sha) problems.push(`Ảnh ${sha} bị hỏng: nội dung có SHA-256 ${sha256}`);
  }
  for (const sha of [...rows].sort()) {
    if (!named.has(sha) && !files.has(sha)) notes.push(`Ảnh ${sha} có trong bảng photos nhưng không có tệp (chưa hồ sơ nào dùng)`);
  }
  for (const sha of [...files].sort()) {
    if (!rows.has(sha) && !named.has(sha)) notes.push(`Tệp ảnh mồ côi (không hàng nào nhắc đến): ${photoPath(photosDir, sha)}`);
  }
  return { problems, notes, counts, photosChecked: named.size };
}

export function summarise(r: VerifyReport): string {
  const lines = [
    `Kiểm tra dữ liệu: ${r.counts.cases ?? '?'} hồ sơ, ${r.counts.photos ?? '?'} ảnh; đã đối chiếu SHA-256 của ${r.photosChecked} ảnh.`,
    ...r.notes.map((n) => `  lưu ý: ${n}`),
    ...r.problems.map((p) => `  LỖI: ${p}`),
    r.problems.length ? `KHÔNG ĐẠT: ${r.problems.length} lỗi.` : 'ĐẠT: không có lỗi.',
  ];
  return lines.join('\n');
}

/** A backup folder against its manifest: the database file and every photo, by SHA-256. */
export async function verifyBackup(folder: string): Promise<VerifyReport> {
  const manifest = await readManifest(folder);
  if (!manifest) return { problems: [`${folder} không phải một bản sao lưu hoàn chỉnh (không có manifest.json)`], notes: [], counts: {}, photosChecked: 0 };
  const problems: string[] = [];
  const db = await hashFile(join(folder, manifest.databaseFile)).catch(() => undefined);
  if (db?.sha256 !== manifest.databaseSha256) problems.push(`Tệp cơ sở dữ liệu ${manifest.databaseFile} thiếu hoặc không khớp SHA-256`);
  for (const p of manifest.photos) {
    const got = await hashFile(photoPath(join(folder, 'photos'), p.sha256)).catch(() => undefined);
    if (!got) problems.push(`Thiếu ảnh ${p.sha256}`);
    else if (got.sha256 !== p.sha256) problems.push(`Ảnh ${p.sha256} bị hỏng: nội dung có SHA-256 ${got.sha256}`);
  }
  for (const sha of manifest.damaged) problems.push(`Ảnh ${sha} đã thiếu hoặc hỏng trong DATA_DIR khi sao lưu`);
  return { problems, notes: [], counts: manifest.counts, photosChecked: manifest.photos.length };
}
