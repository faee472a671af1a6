// Benchmark (not a test): 50 cases × 3 photos sent by the app in Chromium over a link shaped like a rural 3G
// uplink (1 Mbps up, 300 ms latency, through DevTools' network emulation), to the real server. Prints, from one
// run: elapsed ÷ (payload ÷ bandwidth) — how close sending gets to the link's limit — and bytes on the wire ÷
// payload bytes (headers, probes, retries). Run: npm run build && npx tsx test/bench/sync-link.ts [cases]
import { launchBrowser } from '../support/browser';
import { cuttableLink, shapeLink } from '../support/network-link';
import { assertDelivered, phoneWithOutbox, serverRequests, startSyncServer, waitAllSent } from '../support/sync-harness';

const CASES = Number(process.argv[2] ?? 50);
const PHOTOS = 3;
const UP_BYTES_PER_SEC = 1_000_000 / 8;
const LATENCY_MS = 300;

const { server, user } = await startSyncServer();
const relay = await cuttableLink(server.url); // counts the bytes the phone sends
const browser = await launchBrowser();
try {
  const { context, page, seeded, photoBytes, payload } = await phoneWithOutbox(browser, relay.url, user, CASES, PHOTOS);

  const cdp = await context.newCDPSession(page);
  await shapeLink(cdp, { upBytesPerSec: UP_BYTES_PER_SEC, downBytesPerSec: UP_BYTES_PER_SEC * 4, latencyMs: LATENCY_MS });
  const requests = serverRequests(server);
  const before = relay.bytesUp();
  const t0 = Date.now();
  await page.reload(); // the app starts (from the service worker's cache) and sends its outbox
  await waitAllSent(page, seeded.map((c) => c.id), 3_600_000);
  const elapsed = (Date.now() - t0) / 1000;
  const wire = relay.bytesUp() - before;
  await assertDelivered(page, server, seeded);

  const ideal = payload / UP_BYTES_PER_SEC;
  const counts = requests();
  console.log(`payload ${(payload / 1e6).toFixed(2)} MB (photos ${(photoBytes / 1e6).toFixed(2)} MB), ${counts.total} API requests`);
  console.log(`elapsed ${elapsed.toFixed(1)} s, payload at 1 Mbps ${ideal.toFixed(1)} s`);
  console.log(`elapsed ÷ (payload ÷ bandwidth) = ${(elapsed / ideal).toFixed(3)}   (aim ≤ 1.12)`);
  console.log(`bytes sent ÷ payload bytes     = ${(wire / payload).toFixed(3)}   (aim ≤ 1.02)`);
} finally {
  await browser.close();
  await relay.close();
  await server.dispose();
}
