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
  /**
   * The next uploads (PUT or PATCH) of this photo are cut, one per entry: each after that many bytes of its body
   * reached the server, the link goes down as at cut() (the server sees the body end short, the phone a reset
   * connection, and so does the retry Chromium makes on its own) until restore().
   */
  cutPhotoUploads(sha256: string, afterBodyBytes: number[]): void;
  /** Cuts planned by cutPhotoUploads not made yet. */
  cutsPending(): number;
}

type Fault = { kind: 'hold' } | { kind: 'cut'; afterBodyBytes: number };

const PHOTO_UPLOAD = /(PUT|PATCH) \/api\/photos\/([0-9a-f]{64}) HTTP/;
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
  const cuts = new Map<string, number[]>();
  function cut(): void {
    down = true;
    for (const s of open) s.resetAndDestroy();
    open.clear();
  }
  const relay = createServer((client) => {
    if (down) { client.resetAndDestroy(); return; }
    const upstream = connect(Number(port), hostname);
    for (const s of [client, upstream]) {
      open.add(s);
      s.on('error', () => undefined);
      s.on('close', () => { open.delete(s); client.destroy(); upstream.destroy(); });
    }
    const forward = phoneToServer(upstream, cut, (sha) => {
      const planned = cuts.get(sha)?.shift();
      if (planned !== undefined) return { kind: 'cut', afterBodyBytes: planned };
      if (!holdArmed) return undefined;
      holdArmed = false;
      return { kind: 'hold' };
    });
    client.on('data', (chunk: Buffer) => { up += chunk.length; forward(chunk); });
    upstream.pipe(client);
  });
  await new Promise<void>((resolve) => relay.listen(0, '127.0.0.1', resolve));
  const address = relay.address();
  const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  return {
    url,
    cut,
    restore() { down = false; },
    bytesUp: () => up,
    holdNextPhotoUpload() { holdArmed = true; },
    cutPhotoUploads(sha256, afterBodyBytes) { cuts.set(sha256, [...(cuts.get(sha256) ?? []), ...afterBodyBytes]); },
    cutsPending: () => [...cuts.values()].reduce((n, list) => n + list.length, 0),
    close: () => new Promise<void>((resolve) => {
      for (const s of open) s.destroy();
      relay.close(() => resolve());
    }),
  };
}

/**
 * One connection's phone-to-server direction. It watches for a photo upload's request line (a request's headers
 * come in one segment on loopback) and asks `faultFor` what to do with it: hold it (its headers and the body's first
 * kilobyte go through, the rest is swallowed) or cut it (that many body bytes go through, the connection ends
 * towards the server, then the link goes down). Everything else goes through as it comes.
 */
function phoneToServer(upstream: Socket, cut: () => void, faultFor: (sha256: string) => Fault | undefined): (chunk: Buffer) => void {
  let fault: Fault | undefined;
  let allowance = 0; // body bytes still to forward, once a faulty upload's headers passed
  let done = false;
  return (chunk) => {
    if (done) return;
    if (!fault) {
      const text = chunk.toString('latin1');
      const line = PHOTO_UPLOAD.exec(text);
      const headersEnd = line ? text.indexOf('\r\n\r\n', line.index) : -1;
      fault = headersEnd < 0 ? undefined : faultFor(line![2]!);
      if (!fault) { upstream.write(chunk); return; }
      allowance = fault.kind === 'hold' ? HELD_AFTER_BODY_BYTES : fault.afterBodyBytes;
      upstream.write(chunk.subarray(0, headersEnd + 4));
      chunk = chunk.subarray(headersEnd + 4);
    }
    const through = Math.min(allowance, chunk.length);
    if (through > 0) upstream.write(chunk.subarray(0, through));
    allowance -= through;
    if (allowance > 0) return;
    done = true;
    // The bytes let through, then the body ends short and the link goes down: the server may not have read the
    // last of them by then (a busy machine), so what it holds is for the phone to learn, as on a real link.
    if (fault.kind === 'cut') upstream.end(cut);
  };
}
