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

export interface CuttableLink { url: string; cut(): void; restore(): void; close(): Promise<void>; /** Bytes the phone has sent through it. */ bytesUp(): number }

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
  const relay = createServer((client) => {
    if (down) { client.resetAndDestroy(); return; }
    const upstream = connect(Number(port), hostname);
    for (const s of [client, upstream]) {
      open.add(s);
      s.on('error', () => undefined);
      s.on('close', () => { open.delete(s); client.destroy(); upstream.destroy(); });
    }
    client.on('data', (chunk: Buffer) => { up += chunk.length; });
    client.pipe(upstream).pipe(client);
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
    close: () => new Promise<void>((resolve) => {
      for (const s of open) s.destroy();
      relay.close(() => resolve());
    }),
  };
}
