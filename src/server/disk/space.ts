// The data disk's free space (DATA_DIR). A write that would leave less than the reserve is refused before its
// body is read, and one that meets a full disk anyway (ENOSPC on a photo, SQLITE_FULL, PostgreSQL's disk_full)
// answers the same 507 disk-full: nothing half-written stays (the photo's partial file is removed, the transaction
// rolls back) and the phone keeps the case queued and sends it later. /api/health reports a low disk.
import type { StatsFs } from 'node:fs';
import { statfs } from 'node:fs/promises';
import type { Config } from '../config';
import { ApiFailure } from '../http/errors';

export const DISK_FULL_MESSAGE = 'Ổ đĩa lưu dữ liệu của máy chủ đã đầy, nên máy chủ tạm thời chưa nhận thêm. '
  + 'Hồ sơ vẫn được giữ trên điện thoại và sẽ tự gửi khi máy chủ có chỗ. Hãy báo quản trị viên.';

/** The reserve is the smaller of `percent` of the disk and `bytes`. */
export interface DiskReserve { percent: number; bytes: number }

export interface DiskSpace { freeBytes: number; totalBytes: number; reserveBytes: number; low: boolean }

const reading = new Map<string, Promise<StatsFs>>();

/**
 * statfs of `dir`, shared by the calls made while one is under way (32 uploads arriving together ask once): what
 * each gets was read after it was called or at most one system call earlier, never kept beyond that.
 */
function statfsShared(dir: string): Promise<StatsFs> {
  let pending = reading.get(dir);
  if (!pending) {
    pending = statfs(dir).finally(() => reading.delete(dir));
    reading.set(dir, pending);
  }
  return pending;
}

/** The disk holding `dir`, or undefined when it cannot be read (then nothing is refused on its account). */
export async function diskSpace(dir: string, reserve: DiskReserve): Promise<DiskSpace | undefined> {
  let s;
  try {
    s = await statfsShared(dir);
  } catch {
    return undefined;
  }
  const freeBytes = s.bavail * s.bsize;
  const totalBytes = s.blocks * s.bsize;
  const reserveBytes = Math.min(reserve.bytes, Math.ceil((totalBytes * reserve.percent) / 100));
  return { freeBytes, totalBytes, reserveBytes, low: freeBytes < reserveBytes };
}

export const diskFull = (): ApiFailure => new ApiFailure(507, { error: 'disk-full', message: DISK_FULL_MESSAGE });

/** Throws 507 disk-full when writing `bytes` would leave less than the reserve free. */
export async function requireDiskRoom(dir: string, reserve: DiskReserve, bytes: number): Promise<void> {
  const space = await diskSpace(dir, reserve);
  if (space && space.freeBytes - bytes < space.reserveBytes) throw diskFull();
}

/** Before reading a body: room for the bytes it announces (Content-Length), else for the most it may carry. */
export function requireRoomForBody(config: Pick<Config, 'dataDir' | 'diskReserve'>, declared: string | undefined, maxBytes: number): Promise<void> {
  const n = Number(declared);
  return requireDiskRoom(config.dataDir, config.diskReserve, declared !== undefined && Number.isFinite(n) && n >= 0 ? n : maxBytes);
}

const FULL_CODES = new Set(['ENOSPC', 'EDQUOT', 'SQLITE_FULL', '53100']);

/** A write failed for want of space: the file system, SQLite or PostgreSQL (53100 disk_full). */
export function isDiskFull(err: unknown): boolean {
  for (let e = err, depth = 0; e && typeof e === 'object' && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    if (FULL_CODES.has(String((e as { code?: unknown }).code))) return true;
  }
  return false;
}
