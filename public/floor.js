// Runs before the app, as a classic script in old syntax, so that any browser runs it. Below the supported floor
// (README "Điện thoại hỗ trợ"), or without Web Crypto (plain http on a LAN address: photos are named by their
// SHA-256), it removes #app — the app then does not start — and shows the matching Vietnamese page of index.html.
(function () {
  var w = window;
  var doc = document;
  // The reviewers' screens take no photos and hash nothing: only the field app needs the photo and crypto checks.
  var field = w.location.pathname.indexOf('/tham-dinh') !== 0;

  function belowFloor() {
    try {
      return !('noModule' in doc.createElement('script')) ||
        typeof [].at !== 'function' || // Chrome 92, Safari 15.4, Firefox 90: the engine age the build targets
        !w.indexedDB ||
        (field && photosBelowFloor());
    } catch (e) {
      return true;
    }
  }

  function photosBelowFloor() {
    return typeof w.OffscreenCanvas !== 'function' || // the photo worker draws on it: Safari 16.4, Firefox 105
        typeof w.OffscreenCanvas.prototype.convertToBlob !== 'function' ||
        typeof w.createImageBitmap !== 'function' ||
        typeof w.Worker !== 'function';
  }

  function withoutWebCrypto() {
    try {
      return !(w.crypto && w.crypto.subtle && typeof w.crypto.subtle.digest === 'function');
    } catch (e) {
      return true;
    }
  }

  var which = belowFloor() ? 'floor-old' : field && withoutWebCrypto() ? 'floor-http' : '';
  if (!which) return;
  var app = doc.getElementById('app');
  if (app) app.parentNode.removeChild(app);
  var page = doc.getElementById(which);
  if (!page) return;
  var here = w.location.href;
  var spots = page.getElementsByTagName('strong');
  for (var i = 0; i < spots.length; i++) {
    if (spots[i].className === 'floor-address') spots[i].appendChild(doc.createTextNode(here));
  }
  var links = page.getElementsByTagName('a');
  for (var j = 0; j < links.length; j++) {
    if (links[j].className === 'floor-https') {
      links[j].href = 'https://' + w.location.host + w.location.pathname + w.location.search;
    }
  }
  page.removeAttribute('hidden');
  doc.documentElement.setAttribute('data-floor', which);
})();
