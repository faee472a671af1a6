// The network between a phone and the server: shaped like a mountain link (DevTools' emulation), or a TCP relay
// that really drops (and counts what it carried).
import { createServer, connect, type Socket } from 'node:net';
import type { CDPSession } from 'playwright-core';

/** The link as a phone in the mountains has it: throughput in bytes/s each way, latency per request. */
export async function shapeLink(cdp: CDPSession, o: { upBytesPerSec: number; downBytesPerSec?: number; latencyMs: number; offline?: boolean }): Promise<void> {
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', {
    offline: o.offline ?? false, latency: o.latencyMs,
    uploadThroughput: o.upBytesPerSec, downloadThroughput: o.downBytesPerSec ?? o.upBytesPerSec * 4,
  });
}

export interface CuttableLink {
  url: string; cut(): void; restore(): void; close(): Promise<void>;
  /** Bytes the phone has sent through it. */
  bytesUp(): number;
  /**
   * The next photo PUT is let through up to its headers and the first kilobyte of its body, then held: the server
   * has begun to receive it and waits for the rest, for as long as the test needs an upload in flight. The held
   * connection ends when either side closes it (a killed server, a reloaded page) or at cut().
   */
  holdNextPhotoUpload(): void;
}

const PHOTO_PUT = 'PUT /api/photos/';
const HELD_AFTER_BODY_BYTES = 1024;

/**
 * A TCP relay in front of the server, for a network that really drops: cut() resets every open connection
 * (an upload dies half-way, as when a phone loses its mast) and refuses new ones until restore(). DevTools'
 * offline mode alone lets requests already in flight finish.
 */
export async function cuttableLink(target: string): Promise<CuttableLink> {
  const { hostname, port } = new URL(target);
  const open = new Set<Socket>();
  let down = false;
  let up = 0;
  let holdArmed = false;
  const relay = createServer((client) => {
    if (down) { client.resetAndDestroy(); return; }
    const upstream = connect(Number(port), hostname);
    for (const s of [client, upstream]) {
      open.add(s);
      s.on('error', () => undefined);
      s.on('close', () => { open.delete(s); client.destroy(); upstream.destroy(); });
    }
    const forward = phoneToServer(upstream, () => {
      if (!holdArmed) return false;
      holdArmed = false;
      return true;
    });
    client.on('data', (chunk: Buffer) => { up += chunk.length; forward(chunk); });
    upstream.pipe(client);
  });
  await new Promise<void>((resolve) => relay.listen(0, '127.0.0.1', resolve));
  const address = relay.address();
  const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  return {
    url,
    cut() {
      down = true;
      for (const s of open) s.resetAndDestroy();
      open.clear();
    },
    restore() { down = false; },
    bytesUp: () => up,
    holdNextPhotoUpload() { holdArmed = true; },
    close: () => new Promise<void>((resolve) => {
      for (const s of open) s.destroy();
      relay.close(() => resolve());
    }),
  };
}

/**
 * One connection's phone-to-server direction. It watches for a photo PUT's request line (a request's headers come
 * in one segment on loopback); when `takeHold()` says this one is to be held, it forwards the headers and the body's
 * first kilobyte, then swallows the rest.
 */
function phoneToServer(upstream: Socket, takeHold: () => boolean): (chunk: Buffer) => void {
  let allowance: number | undefined; // body bytes still to forward before holding, once a held PUT's headers passed
  let held = false;
  return (chunk) => {
    if (held) return;
    if (allowance === undefined) {
      const text = chunk.toString('latin1');
      const line = text.indexOf(PHOTO_PUT);
      const headersEnd = line < 0 ? -1 : text.indexOf('\r\n\r\n', line);
      if (headersEnd < 0 || !takeHold()) { upstream.write(chunk); return; }
      allowance = HELD_AFTER_BODY_BYTES;
      upstream.write(chunk.subarray(0, headersEnd + 4));
      chunk = chunk.subarray(headersEnd + 4);
    }
    upstream.write(chunk.subarray(0, allowance));
    allowance -= Math.min(allowance, chunk.length);
    if (allowance === 0) held = true;
  };
}
