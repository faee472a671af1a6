// First bundle: service-worker registration, "a new version is waiting", and the install prompt, as a
// tiny store (get/subscribe, plus a Preact hook). Call registerPwa() once at startup.
import type { Workbox } from 'workbox-window';
import { useEffect, useState } from 'preact/hooks';
import { afterFirstScreen } from '../after-first-screen';

export interface PwaState {
  /** A new version is installed and waits for the user (UpdateBanner). */
  updateWaiting: boolean;
  /** The browser offered installation and it has not happened yet (InstallButton). */
  canInstall: boolean;
  /** This page runs a release whose lazily loaded files are gone (stale-code.ts): only the reload helps. */
  staleCode: boolean;
}

/** Chromium's install prompt event; not in TypeScript's DOM lib. */
interface BeforeInstallPromptEvent extends Event {
  prompt(): Promise<void>;
  readonly userChoice: Promise<{ outcome: 'accepted' | 'dismissed' }>;
}

let state: PwaState = { updateWaiting: false, canInstall: false, staleCode: false };
const listeners = new Set<() => void>();
let wb: Workbox | undefined;
let registration: ServiceWorkerRegistration | undefined;
let installEvent: BeforeInstallPromptEvent | undefined;
let reloadRequested = false;
let started = false;
let lastCheck = 0;

const UPDATE_CHECK_EVERY_MS = 60 * 60 * 1000;

function set(patch: Partial<PwaState>): void {
  const next = { ...state, ...patch };
  if ((Object.keys(next) as Array<keyof PwaState>).every((key) => next[key] === state[key])) return;
  state = next;
  for (const fn of listeners) fn();
}

export function getPwaState(): PwaState {
  return state;
}

export function subscribePwa(fn: () => void): () => void {
  listeners.add(fn);
  return () => listeners.delete(fn);
}

export function usePwaState(): PwaState {
  const [value, setValue] = useState(state);
  useEffect(() => {
    setValue(state);
    return subscribePwa(() => setValue(state));
  }, []);
  return value;
}

/** Starts everything; safe to call more than once. The service worker is registered in production builds only. */
export function registerPwa(): void {
  if (started || typeof window === 'undefined') return;
  started = true;

  window.addEventListener('beforeinstallprompt', (event) => {
    event.preventDefault(); // keep the mini-infobar away; the app shows its own button
    installEvent = event as BeforeInstallPromptEvent;
    set({ canInstall: true });
  });
  window.addEventListener('appinstalled', () => {
    installEvent = undefined;
    set({ canInstall: false });
  });

  if (!import.meta.env.PROD || !('serviceWorker' in navigator)) return;

  // Neither workbox-window nor the service worker's install (its precache downloads) is needed to show the first
  // screen: both wait for it (after-first-screen.ts).
  afterFirstScreen(() => void import('workbox-window').then((module) => register(new module.Workbox('/sw.js', { scope: '/' }))));
}

function register(workbox: Workbox): void {
  wb = workbox;
  let controller = navigator.serviceWorker.controller;
  navigator.serviceWorker.addEventListener('controllerchange', () => {
    const previous = controller;
    controller = navigator.serviceWorker.controller;
    if (reloadRequested) {
      reloadRequested = false; // reload exactly once, even if the event repeats
      window.location.reload();
    } else if (previous) {
      // Another tab applied an update: this page still runs the old code, so offer the reload.
      set({ updateWaiting: true });
    }
  });
  workbox.register()
    .then((reg) => {
      if (!reg) return;
      registration = reg;
      lastCheck = Date.now();
      watch(reg);
    })
    .catch(() => {
      // No service worker (private mode, storage blocked): the app still works online.
    });

  // An installed app can stay open for days without a navigation, which is when browsers look for updates.
  const check = () => {
    if (!wb || document.visibilityState !== 'visible' || !navigator.onLine) return;
    if (Date.now() - lastCheck < UPDATE_CHECK_EVERY_MS) return;
    lastCheck = Date.now();
    wb.update().catch(() => undefined);
  };
  document.addEventListener('visibilitychange', check);
  window.addEventListener('online', check);
}

// workbox-window reports only the first update it sees per page and misses one found before register()
// resolved; watching the registration directly covers both.
function watch(reg: ServiceWorkerRegistration): void {
  const mark = () => {
    if (reg.waiting && navigator.serviceWorker.controller) set({ updateWaiting: true });
  };
  const follow = (sw: ServiceWorker | null) => sw?.addEventListener('statechange', mark);
  mark();
  follow(reg.installing);
  reg.addEventListener('updatefound', () => follow(reg.installing));
}

/** The update banner, saying this page's code is out of date (its reload brings the version the server has). */
export function markStaleCode(): void {
  set({ updateWaiting: true, staleCode: true });
}

/**
 * Activates the waiting version and reloads once it controls the page. Await anything unsaved (the draft)
 * before calling this: the reload follows immediately.
 */
export function applyUpdate(): void {
  const waiting = registration?.waiting;
  if (!wb || !waiting) {
    // The new version already controls this page (applied from another tab): only the reload is left.
    window.location.reload();
    return;
  }
  reloadRequested = true;
  wb.messageSkipWaiting();
}

/** Shows the browser's install dialog; resolves with the user's choice, or 'unavailable'. */
export async function promptInstall(): Promise<'accepted' | 'dismissed' | 'unavailable'> {
  const event = installEvent;
  if (!event) return 'unavailable';
  installEvent = undefined; // a prompt event can be used once
  set({ canInstall: false });
  await event.prompt();
  const { outcome } = await event.userChoice;
  return outcome;
}
