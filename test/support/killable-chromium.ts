// A Chromium we can kill -9 like a phone's OS does, then start again on the same profile.
import { spawn, type ChildProcess } from 'node:child_process';
import { chromium, type Browser } from 'playwright-core';
import { CHROMIUM_PATH, CHROMIUM_ARGS } from './browser';
import { SAFETY_NET_MS } from './wait';

export interface Killable { browser: Browser; process: ChildProcess; kill(): Promise<void> }

export async function startKillableChromium(profileDir: string): Promise<Killable> {
  const child = spawn(CHROMIUM_PATH, [
    ...CHROMIUM_ARGS, '--headless=new', '--remote-debugging-port=0', `--user-data-dir=${profileDir}`,
    '--window-size=360,640', 'about:blank',
  ], { stdio: ['ignore', 'ignore', 'pipe'], detached: true }); // its own process group: kill it whole
  const wsUrl = await new Promise<string>((resolve, reject) => {
    let seen = '';
    const timer = setTimeout(() => reject(new Error(`Chromium did not start: ${seen.slice(-500)}`)), SAFETY_NET_MS);
    child.stderr!.on('data', (chunk: Buffer) => {
      seen += chunk.toString();
      const m = /DevTools listening on (ws:\/\/\S+)/.exec(seen);
      if (m) { clearTimeout(timer); resolve(m[1]!); }
    });
    child.once('exit', (code) => { clearTimeout(timer); reject(new Error(`Chromium exited (${code}): ${seen.slice(-500)}`)); });
  });
  const browser = await chromium.connectOverCDP(wsUrl);
  return {
    browser,
    process: child,
    // Like the OS killing the browser: every process of it at once (renderers and helpers too), no clean-up.
    kill: () => new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      child.once('exit', () => resolve());
      try {
        process.kill(-child.pid!, 'SIGKILL');
      } catch {
        child.kill('SIGKILL');
      }
    }),
  };
}
