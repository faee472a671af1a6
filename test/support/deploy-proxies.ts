// The shipped reverse-proxy configurations run for real in front of a test server: Caddy with its own local CA
// (`tls internal`), nginx with a throwaway certificate, each on a free port of this machine. Only what a test
// machine needs is changed in a copy (the site's name and ports, the upstream's port, where state is kept); the
// rest (headers, limits, buffering, the /metrics block) is the shipped file as it is.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { request } from 'node:https';
import { join } from 'node:path';
import { SITE, UPSTREAM, caddyEnv, deployFile, nginxWrapper, scratch, selfSignedPair } from './deploy-files';
import { freePort } from './server-process';
import { until } from './wait';

export interface RunningProxy {
  name: string;
  /** https://localhost:PORT, what the server's PUBLIC_URL is set to. */
  url: string;
  port: number;
  /** The certificate authority the proxy's certificate is checked against. */
  ca(): string;
  stop(): Promise<void>;
}

export interface ProxyKind {
  name: string;
  start(port: number, upstream: string): Promise<RunningProxy>;
}

const children = new Set<ChildProcess>();
process.on('exit', () => {
  for (const child of children) child.kill('SIGKILL');
});

function launch(name: string, cmd: string, args: string[], env: Record<string, string>): { child: ChildProcess; output: () => string } {
  let text = '';
  const child = spawn(cmd, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  child.on('error', (err) => { text += `\n${name} could not run: ${err.message} (install it: .ci/run does)`; });
  children.add(child);
  child.once('exit', () => children.delete(child));
  for (const stream of [child.stdout, child.stderr]) stream?.on('data', (d: Buffer) => { text = (text + d.toString()).slice(-8000); });
  return { child, output: () => text };
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}

export interface HttpsReply { status: number; headers: Record<string, string | string[] | undefined>; text: string }

/**
 * One https request to the proxy on 127.0.0.1, from `localAddress` (another loopback address than the proxy's own
 * upstream connection, so the server's idea of the client's address is telling), naming the site as localhost.
 */
export function viaProxy(proxy: RunningProxy, path: string, o: { method?: string; headers?: Record<string, string>; body?: string | Buffer; localAddress?: string } = {}): Promise<HttpsReply> {
  return new Promise((resolve, reject) => {
    const req = request({
      host: '127.0.0.1', port: proxy.port, servername: 'localhost', ca: proxy.ca(), path, method: o.method ?? 'GET',
      localAddress: o.localAddress ?? '127.0.0.2', headers: { host: `localhost:${proxy.port}`, ...o.headers },
    }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (d: Buffer) => chunks.push(d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(o.body);
  });
}

/** Each replacement must change something: a shipped file that moved on fails here, not as a stray listener. */
function edit(text: string, replacements: [string | RegExp, string][]): string {
  return replacements.reduce((t, [from, to]) => {
    const next = t.replace(from, to);
    if (next === t) throw new Error(`the shipped file no longer has ${String(from)}`);
    return next;
  }, text);
}

async function ready(proxy: RunningProxy, child: ChildProcess, output: () => string): Promise<RunningProxy> {
  await until(async () => {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`${proxy.name} exited:\n${output()}`);
    try {
      return (await viaProxy(proxy, '/api/health')).status === 200;
    } catch {
      return false; // not listening, or Caddy's certificate not issued yet
    }
  }, () => `${proxy.name} to answer through to the server:\n${output()}`);
  return proxy;
}

export const caddy: ProxyKind = {
  name: 'Caddy',
  async start(port, upstream) {
    const dir = scratch('caddy-run');
    const env = caddyEnv(dir);
    // No admin endpoint (its fixed port 2019 would collide between runs), no listener on port 80, and its local
    // CA never installed into this machine's trust store (Caddy would as root).
    const text = edit(deployFile('Caddyfile'), [
      [/^\{$/m, `{\n\tadmin off\n\thttp_port ${await freePort()}\n\tauto_https disable_redirects\n\tskip_install_trust`],
      [`${SITE} {`, `https://localhost:${port} {\n\ttls internal`],
      [`reverse_proxy ${UPSTREAM}`, `reverse_proxy ${upstream}`],
    ]);
    writeFileSync(join(dir, 'Caddyfile'), text);
    const { child, output } = launch('caddy', 'caddy', ['run', '--config', join(dir, 'Caddyfile'), '--adapter', 'caddyfile'], env);
    const root = join(env.XDG_DATA_HOME!, 'caddy', 'pki', 'authorities', 'local', 'root.crt');
    const proxy: RunningProxy = {
      name: 'Caddy', url: `https://localhost:${port}`, port,
      ca: () => (existsSync(root) ? readFileSync(root, 'utf8') : ''),
      stop: () => stopChild(child),
    };
    return ready(proxy, child, output);
  },
};

export const nginx: ProxyKind = {
  name: 'nginx',
  async start(port, upstream) {
    const dir = scratch('nginx-run');
    const pair = selfSignedPair(dir);
    const live = `/etc/letsencrypt/live/${SITE}`;
    const site = edit(deployFile('nginx-site.conf'), [
      ['listen 80;', `listen 127.0.0.1:${await freePort()};`],
      ['listen 443 ssl http2;', `listen 127.0.0.1:${port} ssl http2;`],
      [/^\tlisten \[::\]:.*\n/gm, ''],
      [`${live}/fullchain.pem`, pair.cert],
      [`${live}/privkey.pem`, pair.key],
      [`proxy_pass http://${UPSTREAM};`, `proxy_pass http://${upstream};`],
    ]);
    writeFileSync(join(dir, 'site.conf'), site);
    // One process, in the foreground, as whoever runs the test (no workers switching to another user).
    writeFileSync(join(dir, 'nginx.conf'), `daemon off;\nmaster_process off;\n${nginxWrapper(dir, 'include site.conf;')}`);
    const { child, output } = launch('nginx', 'nginx', ['-p', dir, '-e', join(dir, 'error.log'), '-c', join(dir, 'nginx.conf')], {});
    const ca = readFileSync(pair.cert, 'utf8');
    const proxy: RunningProxy = { name: 'nginx', url: `https://localhost:${port}`, port, ca: () => ca, stop: () => stopChild(child) };
    return ready(proxy, child, output);
  },
};
