// First bundle: a tab still running an old release asks for a lazily loaded file (a screen, the validation, the
// sync engine, the photo worker) that a deploy or the new service worker removed. The draft is saved first, then
// the update banner asks for the reload that brings the new version; the user never sees the browser's English
// "Failed to fetch dynamically imported module".
import { flushAllDrafts } from '../hooks/useDraft';
import { markStaleCode } from './register';
import { WORKER_MISSING_EVENT } from '../../photos/errors';

export const STALE_CODE_MESSAGE = 'Đã có phiên bản mới: bấm “Cập nhật” để tải lại. Bản nháp đã được lưu trên máy.';

/** What a failed lazy load turns into: callers show it (or nothing: the banner already asks for the update). */
export class StaleCodeError extends Error {
  constructor(cause?: unknown) {
    super(STALE_CODE_MESSAGE, { cause });
    this.name = 'StaleCodeError';
  }
}

// Chromium, Firefox, Safari, and vite's preload helper (a stylesheet or a modulepreload that failed).
const LOAD_FAILURE = /dynamically imported module|Importing a module script failed|Unable to preload CSS|Failed to load module script/i;

export function isCodeLoadFailure(reason: unknown): boolean {
  if (reason instanceof StaleCodeError) return true;
  return reason instanceof Error && LOAD_FAILURE.test(reason.message);
}

let reported: Promise<void> | undefined;

/** Saves the open draft, then shows the update banner (once per page). */
export function reportStaleCode(): Promise<void> {
  reported ??= flushAllDrafts().catch(() => undefined).then(markStaleCode);
  return reported;
}

/** A dynamic import that fails for want of its file becomes a StaleCodeError, with the banner shown. */
export async function loadCode<T>(load: () => Promise<T>): Promise<T> {
  try {
    return await load();
  } catch (error) {
    await reportStaleCode();
    throw new StaleCodeError(error);
  }
}

/** Whether the server answers at all (any status): a failed load with the server reachable means the file is gone. */
export function serverReachable(): Promise<boolean> {
  return fetch('/api/health', { cache: 'no-store' }).then(() => true, () => false);
}

/**
 * Catches any load failure no caller handled, and the photo worker's missing script. Call once at startup.
 * vite's preload helper rethrows a failed stylesheet or modulepreload into the import() itself (its
 * vite:preloadError is left alone: preventDefault() would resolve the import with undefined), so loadCode() and
 * this net see it; listening to that event too would also flag the review workspace merely opened offline.
 */
export function watchForStaleCode(): void {
  addEventListener(WORKER_MISSING_EVENT, () => void reportStaleCode());
  addEventListener('unhandledrejection', (event) => {
    if (!isCodeLoadFailure(event.reason)) return;
    event.preventDefault();
    void reportStaleCode();
  });
  addEventListener('error', (event) => {
    if (!isCodeLoadFailure(event.error)) return;
    event.preventDefault();
    void reportStaleCode();
  });
}
