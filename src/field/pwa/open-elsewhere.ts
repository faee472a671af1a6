// For the in-app browser notices (lazy, with ./BrowserNotices.tsx): each app's name, and Android's link that
// opens this page in Chrome.
import type { InAppName } from './browser-context';

/** How the notices name each in-app browser. */
export const inAppNames: Record<InAppName, string> = {
  zalo: 'Zalo',
  facebook: 'Facebook',
  messenger: 'Messenger',
  instagram: 'Instagram',
  tiktok: 'TikTok',
  webview: 'ứng dụng này',
};

/** Android's link that opens this same address in Chrome (the fragment would end the intent's own part early). */
export function chromeIntentUrl(href: string): string {
  const url = new URL(href);
  return `intent://${url.host}${url.pathname}${url.search}#Intent;scheme=${url.protocol.slice(0, -1)};package=com.android.chrome;end`;
}
