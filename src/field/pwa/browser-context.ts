// Where the app runs, from the user agent and the display mode: an app's built-in browser (Zalo, Facebook…), whose
// storage is its own and is lost when that app clears its data; an iPhone's browser, where nothing syncs in the
// background and Safari deletes a site's data after 7 days without use unless it is on the home screen; or an
// ordinary browser, where nothing is shown. Pure (facts in, answer out) so the table of real user agents in
// test/unit can drive it; readBrowserFacts() is the one place that reads the real browser.

export type InAppName = 'zalo' | 'facebook' | 'messenger' | 'instagram' | 'tiktok' | 'webview';

export type BrowserContextKind =
  | { kind: 'in-app'; app: InAppName; android: boolean }
  /** An iPhone or iPad browser, not opened from the home screen; `safari` false for Chrome, Firefox… on iOS. */
  | { kind: 'ios-browser'; safari: boolean }
  | { kind: 'ordinary' };

export interface BrowserFacts {
  userAgent: string;
  /** iOS Safari's navigator.standalone: opened from the home screen. */
  standalone?: boolean;
  /** matchMedia('(display-mode: standalone)'): an installed app on any platform. */
  displayStandalone?: boolean;
  /** An iPad asks for desktop sites and says "Macintosh": its touch points give it away. */
  maxTouchPoints?: number;
}

/** The phone's settings key (db/settings.ts) set once the in-app notice was answered "Vẫn ghi ở đây". */
export const IN_APP_NOTICE_SEEN = 'inAppNoticeSeen';

// Messenger before Facebook: its user agent carries FBAV too.
const apps: ReadonlyArray<[InAppName, RegExp]> = [
  ['zalo', /\bZalo\b/i],
  ['messenger', /FBAN\/Messenger|FB_IAB\/(?:Orca-Android|MESSENGER)/i],
  ['facebook', /FBAN\/|FBAV\/|FB_IAB\//],
  ['instagram', /\bInstagram\b/],
  ['tiktok', /musical_ly|BytedanceWebview|\btrill_|TikTok/i],
];

const ANDROID = /\bAndroid\b/;
// Android's WebView: "; wv)" in the platform part, or the "Version/4.0 Chrome/…" pair Chrome itself never sends.
const ANDROID_WEBVIEW = /; wv\)|\bVersion\/[\d.]+ Chrome\/[\d.]+/;
const IOS = /\b(?:iPhone|iPad|iPod)\b/;
const IOS_OTHER_BROWSER = /\b(?:CriOS|FxiOS|EdgiOS|OPiOS|OPT|YaBrowser|GSA)\//;

export function browserContext(facts: BrowserFacts): BrowserContextKind {
  if (facts.standalone || facts.displayStandalone) return { kind: 'ordinary' };
  const ua = facts.userAgent;
  const ios = IOS.test(ua) || (/\bMacintosh\b/.test(ua) && (facts.maxTouchPoints ?? 0) > 1);
  const android = ANDROID.test(ua);
  const named = apps.find(([, marker]) => marker.test(ua));
  if (named) return { kind: 'in-app', app: named[0], android };
  if (android && ANDROID_WEBVIEW.test(ua)) return { kind: 'in-app', app: 'webview', android: true };
  if (ios) {
    // Every iOS browser says "Safari/…"; an app's WKWebView does not.
    if (!/\bSafari\//.test(ua)) return { kind: 'in-app', app: 'webview', android: false };
    return { kind: 'ios-browser', safari: !IOS_OTHER_BROWSER.test(ua) };
  }
  return { kind: 'ordinary' };
}

/** The facts of the browser this runs in. */
export function readBrowserFacts(): BrowserFacts {
  const nav = navigator as Navigator & { standalone?: boolean };
  return {
    userAgent: nav.userAgent,
    standalone: nav.standalone === true,
    displayStandalone: typeof matchMedia === 'function' && matchMedia('(display-mode: standalone)').matches,
    maxTouchPoints: nav.maxTouchPoints,
  };
}
