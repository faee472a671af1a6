// Storage failures as a field worker should read them. Nothing half-written stays behind: every write that
// can fail this way runs in one transaction, which IndexedDB rolls back.
import Dexie, { type Table } from 'dexie';
import type { GuongSangDb } from './database';

export class StorageError extends Error {
  constructor(message: string, readonly quota: boolean, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'StorageError';
  }
}

function isQuotaError(error: unknown): boolean {
  const names = new Set<string>();
  for (let e: unknown = error; e && typeof e === 'object' && names.size < 5; e = (e as { inner?: unknown }).inner) {
    names.add(String((e as { name?: unknown }).name));
  }
  return names.has('QuotaExceededError');
}

export function toStorageError(error: unknown): StorageError {
  if (error instanceof StorageError) return error;
  if (isQuotaError(error)) {
    return new StorageError(
      'Bộ nhớ của máy đã đầy nên chưa lưu được. Hãy xoá bớt ảnh, video không cần thiết trên máy rồi thử lại; hồ sơ đã lưu trước đó vẫn còn nguyên.',
      true, { cause: error },
    );
  }
  return new StorageError('Không lưu được vào bộ nhớ của máy. Hãy thử lại; nếu vẫn lỗi, hãy sao lưu hồ sơ ra tệp.', false, { cause: error });
}

const isDatabaseFailure = (error: unknown) => error instanceof Dexie.DexieError || error instanceof DOMException;

/** Runs a write and turns an IndexedDB failure into a StorageError with a Vietnamese message; the app's own
 *  errors (a rule broken inside the transaction) pass through unchanged. */
export async function guardWrite<T>(write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    throw isDatabaseFailure(error) ? toStorageError(error) : error;
  }
}

/** The way the app writes: `body` in one read-write transaction over `tables`, failures as guardWrite says. */
export function writeTransaction<T>(db: GuongSangDb, tables: readonly Table[], body: () => Promise<T>): Promise<T> {
  return guardWrite(() => db.transaction('rw', tables, body));
}
