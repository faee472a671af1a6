import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { browserContext, type BrowserContextKind } from '../../src/field/pwa/browser-context';
import { chromeIntentUrl } from '../../src/field/pwa/open-elsewhere';
import { userAgents as ua } from '../support/user-agents';

const table: Array<[keyof typeof ua, BrowserContextKind]> = [
  ['zaloAndroid', { kind: 'in-app', app: 'zalo', android: true }],
  ['zaloAndroidOld', { kind: 'in-app', app: 'zalo', android: true }],
  ['zaloIos', { kind: 'in-app', app: 'zalo', android: false }],
  ['facebookAndroid', { kind: 'in-app', app: 'facebook', android: true }],
  ['facebookIos', { kind: 'in-app', app: 'facebook', android: false }],
  ['messengerAndroid', { kind: 'in-app', app: 'messenger', android: true }],
  ['messengerIos', { kind: 'in-app', app: 'messenger', android: false }],
  ['instagramIos', { kind: 'in-app', app: 'instagram', android: false }],
  ['tiktokAndroid', { kind: 'in-app', app: 'tiktok', android: true }],
  ['androidWebView', { kind: 'in-app', app: 'webview', android: true }],
  ['chromeAndroid', { kind: 'ordinary' }],
  ['samsungInternet', { kind: 'ordinary' }],
  ['safariIphone', { kind: 'ios-browser', safari: true }],
  ['chromeIos', { kind: 'ios-browser', safari: false }],
  ['chromeDesktop', { kind: 'ordinary' }],
];

for (const [name, expected] of table) {
  test(`${name} is ${JSON.stringify(expected)}`, () => {
    assert.equal(browserContext({ userAgent: ua[name], maxTouchPoints: 5 }), expected);
  });
}

test('a Facebook user agent without FBAN/FBAV (FB_IAB only) is still Facebook; a bare "; wv)" is a WebView', () => {
  const chrome = 'Mozilla/5.0 (Linux; Android 13; Pixel 7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Mobile Safari/537.36';
  assert.equal(browserContext({ userAgent: `${chrome} [FB_IAB/FB4A;]` }), { kind: 'in-app', app: 'facebook', android: true });
  assert.equal(browserContext({ userAgent: chrome.replace('Pixel 7)', 'Pixel 7; wv)') }), { kind: 'in-app', app: 'webview', android: true });
  assert.equal(browserContext({ userAgent: ua.zaloIos.replace(' Zalo iOS/502 ZaloTheme/light ZaloLanguage/vn', '') }), { kind: 'in-app', app: 'webview', android: false }, 'an unnamed iOS app: WKWebView, no "Safari/"');
});

test('an iPad asking for desktop sites is an iOS browser; a Mac is not', () => {
  assert.equal(browserContext({ userAgent: ua.safariIpadDesktop, maxTouchPoints: 5 }), { kind: 'ios-browser', safari: true });
  assert.equal(browserContext({ userAgent: ua.safariIpadDesktop, maxTouchPoints: 0 }), { kind: 'ordinary' });
});

test('opened from the home screen (navigator.standalone or display-mode: standalone), nothing is shown', () => {
  assert.equal(browserContext({ userAgent: ua.safariIphone, standalone: true }), { kind: 'ordinary' });
  assert.equal(browserContext({ userAgent: ua.safariIphone, displayStandalone: true }), { kind: 'ordinary' });
  assert.equal(browserContext({ userAgent: ua.safariIphone, standalone: false, displayStandalone: false }), { kind: 'ios-browser', safari: true });
});

test("Chrome's intent link keeps host, port, path and query, drops the fragment, keeps the scheme", () => {
  assert.is(chromeIntentUrl('https://guongsang.laichau.gov.vn/ho-so/abc?x=1#top'), 'intent://guongsang.laichau.gov.vn/ho-so/abc?x=1#Intent;scheme=https;package=com.android.chrome;end');
  assert.is(chromeIntentUrl('http://127.0.0.1:5173/'), 'intent://127.0.0.1:5173/#Intent;scheme=http;package=com.android.chrome;end');
});

test.run();
