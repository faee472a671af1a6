// The story page's "Chia sẻ" button, as a file (the CSP allows no inline script). Progressive enhancement: the page
// is whole without it, and the button stays hidden until this runs. It shares what the page's tags say (og:title,
// og:description, the canonical address from PUBLIC_URL): the phone's share sheet (Zalo, Facebook, Messenger…)
// where the Web Share API exists, else the address copied to the clipboard, else shown selected for the person to
// copy (plain http and old WebViews have no clipboard API). Written for old engines: no syntax newer than ES2017.
import { asset } from './assets';

export const SHARED = 'Đã chép đường dẫn';
export const COPY_BY_HAND = 'Hãy chép đường dẫn ở trên';

const SHARE_SCRIPT = `'use strict';
(function () {
  var box = document.querySelector('.share');
  var canonical = document.querySelector('link[rel="canonical"]');
  if (!box || !canonical) return;
  var button = box.querySelector('button');
  var status = box.querySelector('[role="status"]');
  var meta = function (name) {
    var el = document.querySelector('meta[property="' + name + '"]');
    return el ? el.getAttribute('content') : '';
  };
  var url = canonical.href;
  var say = function (text) { status.textContent = text; };
  var byHand = function () {
    var field = box.querySelector('input');
    if (!field) {
      field = document.createElement('input');
      field.readOnly = true;
      field.value = url;
      field.setAttribute('aria-label', 'Đường dẫn của tin');
      box.insertBefore(field, status);
    }
    field.focus();
    field.select();
    var copied = false;
    try { copied = document.execCommand('copy'); } catch (e) { copied = false; }
    say(copied ? ${JSON.stringify(SHARED)} : ${JSON.stringify(COPY_BY_HAND)});
  };
  var copy = function () {
    if (!navigator.clipboard || !navigator.clipboard.writeText) return byHand();
    navigator.clipboard.writeText(url).then(function () { say(${JSON.stringify(SHARED)}); }, byHand);
  };
  button.addEventListener('click', function () {
    say('');
    if (typeof navigator.share !== 'function') return copy();
    navigator.share({ title: meta('og:title'), text: meta('og:description'), url: url }).catch(function (e) {
      if (!e || e.name !== 'AbortError') copy(); // AbortError: the person closed the share sheet
    });
  });
  button.hidden = false;
})();
`;

export const SHARE_SCRIPT_ASSET = asset('/chia-se.js', 'text/javascript; charset=utf-8', SHARE_SCRIPT);
