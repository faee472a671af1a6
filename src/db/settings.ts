// Small per-device settings (the reporter's own name to prefill, whether persistence was asked for).
import type { GuongSangDb } from './database';

export async function getSetting<T>(db: GuongSangDb, key: string): Promise<T | undefined> {
  return (await db.settings.get(key))?.value as T | undefined;
}

export function setSetting(db: GuongSangDb, key: string, value: unknown) {
  return db.settings.put({ key, value });
}
