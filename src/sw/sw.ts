// The service worker: the whole field app (shell, chunks, photo worker, icons) is precached at install,
// so every screen opens with no network. Built by vite-plugin-pwa (injectManifest) into a classic script:
// nothing here, nor in what it imports, may use dynamic import().
import { clientsClaim } from 'workbox-core';
import { cleanupOutdatedCaches, createHandlerBoundToURL, precacheAndRoute, type PrecacheEntry } from 'workbox-precaching';
import { NavigationRoute, registerRoute } from 'workbox-routing';
import { appDb } from '../db/database';
import { runInServiceWorker, SYNC_TAG } from '../sync/background';

declare const self: ServiceWorkerGlobalScope & { __WB_MANIFEST: Array<PrecacheEntry | string> };
/** Background Sync's event (Chromium only; not in TypeScript's WebWorker lib). */
interface SyncEvent extends ExtendableEvent { readonly tag: string }

precacheAndRoute(self.__WB_MANIFEST);
cleanupOutdatedCaches();

// Every app route ("/", "/ho-so/<id>", "/bo-nho", …) is the same single page. Not the API, not the public
// bulletin nor a batch's public notice (server-rendered pages), and not a file opened directly (a screenshot, an
// export): those must reach the network, not get the app shell.
registerRoute(
  new NavigationRoute(createHandlerBoundToURL('/index.html'), {
    denylist: [/^\/api(\/|$)/, /^\/ban-tin(\/|$)/, /^\/cong-khai(\/|$)/, /\/[^/?]+\.[^/?]+$/],
  }),
);

// A new version waits until the user presses "Cập nhật" (src/field/pwa): swapping code under a half-typed
// case could lose it. Only the very first install takes control at once, so the first visit works offline.
self.addEventListener('message', (event: ExtendableMessageEvent) => {
  const data: unknown = event.data;
  if (typeof data === 'object' && data !== null && (data as { type?: unknown }).type === 'SKIP_WAITING') {
    event.waitUntil(self.skipWaiting());
  }
});
clientsClaim();

// Background Sync: the browser wakes us when it is online again, even with the app closed, and we send the
// outbox with the same engine as the page (src/sync), under the same lock. A visible page sends by itself
// (showing progress): then there is nothing to do here.
self.addEventListener('sync', (event: Event) => {
  const e = event as SyncEvent;
  if (e.tag !== SYNC_TAG) return;
  e.waitUntil((async () => {
    const pages = await self.clients.matchAll({ type: 'window' });
    if (pages.some((p) => p.visibilityState === 'visible')) return;
    await runInServiceWorker(appDb());
  })());
});
