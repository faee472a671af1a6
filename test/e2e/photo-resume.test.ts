// A photo over a link that keeps dropping, in real Chromium against the real server: each cut keeps what reached
// the server, the phone asks how much (HEAD) and sends only the rest (PATCH), and the photo is stored once, whole.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { Browser } from 'playwright-core';
import type { SessionUser } from '../../src/shared/sync-protocol';
import { readBlob } from '../support/app-db';
import { launchBrowser, newPhoneContext } from '../support/browser';
import { partialUploads } from '../support/held-upload';
import { cuttableLink } from '../support/network-link';
import type { ServerProcess } from '../support/server-process';
import { openSignedIn } from '../support/sign-in';
import { assertDelivered, assertSameBytes, pressSendUntilSent, seedQueuedCases, serverRequests, startSyncServer } from '../support/sync-harness';

interface Ctx { server: ServerProcess; user: SessionUser; browser: Browser }
const resume = suite<Ctx>('photo uploads resumed');

resume.before(async (ctx) => {
  Object.assign(ctx, await startSyncServer());
  ctx.browser = await launchBrowser();
});
resume.after(async (ctx) => {
  await ctx.browser?.close();
  await ctx.server?.dispose();
});

resume('the link drops three times during one photo: each try goes on from the byte the server holds; stored once, byte for byte', async (ctx) => {
  const link = await cuttableLink(ctx.server.url);
  const context = await newPhoneContext(ctx.browser, link.url);
  try {
    const page = await context.newPage();
    await openSignedIn(page);
    const [seeded] = await seedQueuedCases(page, ctx.user.id, 1, { photos: 1 });
    const main = seeded!.hashes[0]!;
    const size = (await readBlob(page, main)).length;
    const cuts = [0.2, 0.25, 0.3].map((share) => Math.floor(size * share));
    link.cutPhotoUploads(main, cuts);
    const tries: string[] = [];
    context.on('request', (r) => {
      if (new URL(r.url()).pathname === `/api/photos/${main}` && r.method() !== 'HEAD') {
        tries.push(`${r.method()} ${r.headers()['upload-offset']}`);
      }
    });
    // The reporter's phone notices each drop; the link is back by the time "Gửi ngay" is pressed again.
    context.on('requestfailed', (r) => { if (new URL(r.url()).pathname === `/api/photos/${main}`) link.restore(); });
    const answered = serverRequests(ctx.server);

    await page.reload(); // the app starts and sends its outbox; after each cut, "Gửi ngay"
    await pressSendUntilSent(page, [seeded!.id]);

    assert.is(link.cutsPending(), 0, 'the three cuts were made');
    const held = cuts.map((_, i) => cuts.slice(0, i + 1).reduce((a, b) => a + b, 0));
    assert.equal(tries, ['PATCH 0', ...held.map((offset) => `PATCH ${offset}`)], 'each try starts where the last one was cut');
    const stored = answered().log.filter((r) => r.path === `/api/photos/${main}` && r.status >= 200 && r.status < 300 && r.method !== 'HEAD');
    assert.equal(stored.map((r) => `${r.method} ${r.status}`), ['PATCH 201'], 'the photo was stored once, by the last try');
    await assertDelivered(page, ctx.server, [seeded!]);
    await assertSameBytes(page, ctx.server, main);
    assert.equal(partialUploads(ctx.server.dataDir), [], 'no unfinished upload left');
  } finally {
    await context.close();
    await link.close();
  }
});

resume.run();
