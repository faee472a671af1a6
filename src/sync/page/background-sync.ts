// Background Sync, the page's side (Chromium only): leaving the app with cases waiting asks the browser for a
// 'sync' event, which wakes the service worker (../background.ts) when it is online again — even after the app
// was closed. Elsewhere the page drives sync itself (./controller.ts), so nothing depends on this.
import { SYNC_TAG } from '../background';

interface SyncManagerLike { register(tag: string): Promise<void> }

/** Asks the browser for a 'sync' event when it has a network. Quietly does nothing without it. */
export async function registerBackgroundSync(): Promise<boolean> {
  try {
    if (typeof navigator === 'undefined' || !('serviceWorker' in navigator)) return false;
    const registration = await navigator.serviceWorker.getRegistration();
    const sync = (registration as (ServiceWorkerRegistration & { sync?: SyncManagerLike }) | undefined)?.sync;
    if (!sync) return false;
    await sync.register(SYNC_TAG);
    return true;
  } catch {
    return false; // denied (e.g. the site's background-sync permission) or not supported
  }
}
