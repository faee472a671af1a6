// Storage that lasts: ask the browser not to evict our data once there is something worth keeping, and watch
// how much room is left. navigator.storage.persist() exists only on the page, never in workers.
import { useEffect, useState } from 'preact/hooks';
import type { GuongSangDb } from '../../db/database';
import { getSetting, setSetting } from '../../db/settings';

/** Below this much free space, or above this share used, the app warns before the phone is full. */
export const LOW_SPACE_BYTES = 200 * 1024 * 1024;
export const HIGH_USE_RATIO = 0.9;

/** Asks once, after the first save. Without the API (old Safari, plain http) or when it throws: undefined. */
export async function requestPersistenceOnce(db: GuongSangDb): Promise<boolean | undefined> {
  const storage = navigator.storage;
  if (typeof storage?.persist !== 'function') return undefined;
  try {
    if (typeof storage.persisted === 'function' && (await storage.persisted())) return true;
    if (await getSetting<boolean>(db, 'persistRequested')) return false;
    const granted = await storage.persist();
    await setSetting(db, 'persistRequested', true);
    return granted;
  } catch {
    return undefined;
  }
}

export interface StorageState { usage: number; quota: number; persisted: boolean | undefined; low: boolean }

/** undefined where the browser gives no estimate (the API missing or failing): the screens then show no figures. */
export async function readStorageState(): Promise<StorageState | undefined> {
  const storage = navigator.storage;
  if (typeof storage?.estimate !== 'function') return undefined;
  try {
    const { usage = 0, quota = 0 } = await storage.estimate();
    const persisted = typeof storage.persisted === 'function' ? await storage.persisted() : undefined;
    const low = quota > 0 && (quota - usage < LOW_SPACE_BYTES || usage / quota > HIGH_USE_RATIO);
    return { usage, quota, persisted, low };
  } catch {
    return undefined;
  }
}

/** Re-reads the estimate when `version` changes (e.g. after a save) and when the page becomes visible. */
export function useStorageState(version: unknown = 0): StorageState | undefined {
  const [state, setState] = useState<StorageState>();
  useEffect(() => {
    const refresh = () => void readStorageState().then(setState);
    refresh();
    document.addEventListener('visibilitychange', refresh);
    return () => document.removeEventListener('visibilitychange', refresh);
  }, [version]);
  return state;
}
