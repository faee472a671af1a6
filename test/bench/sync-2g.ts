// Benchmark (not a test): 5 cases × 3 photos sent by the app in Chromium over the worst link the field has: a
// 32 kbit/s, 600 ms 2G link (DevTools' emulation) that drops every 45 s for a few seconds (a relay that resets
// every connection and refuses new ones; the phone sees offline, then online). A 300 KB photo needs ~75 s at that
// rate, so without resumable uploads none would ever arrive. Prints, from one run: whether everything arrived
// once, bytes on the wire ÷ payload bytes (aim ≤ 1.10: a drop costs the bytes in flight and a probe, not the
// photo), and elapsed ÷ (payload ÷ bandwidth) for information.
// Run: npm run build && npx tsx test/bench/sync-2g.ts [cases]
import { launchBrowser } from '../support/browser';
import { cuttableLink, shapeLink } from '../support/network-link';
import { assertDelivered, phoneWithOutbox, serverRequests, startSyncServer, waitAllSent } from '../support/sync-harness';

const CASES = Number(process.argv[2] ?? 5);
const PHOTOS = 3;
const BYTES_PER_SEC = 32_000 / 8;
const LATENCY_MS = 600;
const DROP_EVERY_MS = 45_000;
const OUTAGE_MS = 4_000;

const { server, user } = await startSyncServer();
const relay = await cuttableLink(server.url);
const browser = await launchBrowser();
let dropping: NodeJS.Timeout | undefined;
try {
  const { context, page, seeded, photoBytes, payload } = await phoneWithOutbox(browser, relay.url, user, CASES, PHOTOS);

  const cdp = await context.newCDPSession(page);
  const shape = () => shapeLink(cdp, { upBytesPerSec: BYTES_PER_SEC, downBytesPerSec: BYTES_PER_SEC, latencyMs: LATENCY_MS });
  await shape();
  let drops = 0;
  const drop = async () => {
    drops++;
    relay.cut();
    await context.setOffline(true);
    await new Promise((r) => setTimeout(r, OUTAGE_MS));
    relay.restore();
    await context.setOffline(false);
    await shape(); // Playwright's setOffline resets the throttling
  };
  // Each photo's tries as the page sent them: from the offset the server said it held.
  const tries = new Map<string, number[]>();
  context.on('request', (r) => {
    const sha = /\/api\/photos\/([0-9a-f]{64})$/.exec(new URL(r.url()).pathname)?.[1];
    if (!sha || r.method() === 'HEAD') return;
    tries.set(sha, [...(tries.get(sha) ?? []), Number(r.headers()['upload-offset'])]);
  });
  const requests = serverRequests(server);
  const before = relay.bytesUp();
  const t0 = Date.now();
  dropping = setInterval(() => { void drop(); }, DROP_EVERY_MS);
  await page.reload(); // the app starts (from the service worker's cache) and sends its outbox
  await waitAllSent(page, seeded.map((c) => c.id), 3 * 3_600_000);
  clearInterval(dropping);
  const elapsed = (Date.now() - t0) / 1000;
  const wire = relay.bytesUp() - before;
  await assertDelivered(page, server, seeded);

  const log = requests().log;
  const restarts = server.logs().filter((l) => l.includes('"msg":"photo upload started over"')).map((l) => JSON.parse(l) as { discarded: number });
  console.log(`uploads that started over with bytes held: ${restarts.length} (${restarts.reduce((n, r) => n + r.discarded, 0)} bytes); 409 offset-mismatch: ${log.filter((r) => r.status === 409 && r.path.startsWith('/api/photos/')).length}`);
  const count = (method: string, prefix: string) => log.filter((r) => r.method === method && r.path.startsWith(prefix)).length;
  console.log(`payload ${(payload / 1e6).toFixed(2)} MB (photos ${(photoBytes / 1e6).toFixed(2)} MB); ${drops} drops; every case arrived once`);
  console.log(`photo requests: ${count('HEAD', '/api/photos/')} HEAD, ${count('PUT', '/api/photos/')} PUT, ${count('PATCH', '/api/photos/')} PATCH`);
  // A try that starts before the previous one did sends bytes again; from 0 again: nothing had arrived, or lost.
  const later = [...tries.values()].flatMap((offsets) => offsets.slice(1).map((o, i) => [offsets[i]!, o] as const));
  console.log(`tries per photo: ${[...tries.values()].map((o) => o.length).join(' ')}; later tries from 0 again ${later.filter(([, o]) => o === 0).length}, from an earlier byte ${later.filter(([p, o]) => o < p).length}`);
  console.log(`elapsed ${elapsed.toFixed(0)} s, payload at 32 kbit/s ${(payload / BYTES_PER_SEC).toFixed(0)} s`);
  console.log(`elapsed ÷ (payload ÷ bandwidth) = ${(elapsed / (payload / BYTES_PER_SEC)).toFixed(3)}   (information: outages included)`);
  console.log(`bytes sent ÷ payload bytes     = ${(wire / payload).toFixed(3)}   (aim ≤ 1.10)`);
} finally {
  clearInterval(dropping);
  await browser.close();
  await relay.close();
  await server.dispose();
}
