// The production files in src/deploy/ put through the programs that run them: systemd-analyze for the unit,
// caddy and nginx for the proxy configurations. Each check returns the program's exit status and what it said;
// a program missing from the machine throws (CI installs them: .ci/run), never a skip.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const DEPLOY = fileURLToPath(new URL('../../src/deploy/', import.meta.url));
const SERVER_SRC = fileURLToPath(new URL('../../src/server/', import.meta.url));

/** The site name the shipped proxy configurations serve and their certificate paths name. */
export const SITE = 'guongsang.laichau.gov.vn';
export const UPSTREAM = '127.0.0.1:8080';

export const deployFile = (name: string): string => readFileSync(join(DEPLOY, name), 'utf8');

export interface Outcome { status: number | null; output: string }

export function run(cmd: string, args: string[], env: Record<string, string> = {}): Outcome {
  const r = spawnSync(cmd, args, { encoding: 'utf8', env: { ...process.env, ...env }, timeout: 120_000 });
  if (r.error) throw new Error(`${cmd} could not run (${r.error.message}): install it (.ci/run does)`);
  return { status: r.status, output: `${r.stdout}${r.stderr}`.trim() };
}

const scratchDirs: string[] = [];
process.on('exit', () => {
  for (const dir of scratchDirs) rmSync(dir, { recursive: true, force: true });
});

/** A temp folder, removed when the test process ends. */
export function scratch(label: string): string {
  const dir = mkdtempSync(join(tmpdir(), `gs-deploy-${label}-`));
  scratchDirs.push(dir);
  return dir;
}

/**
 * The unit as systemd would load it, from a copy in a temp folder. ExecStart names /usr/bin/node (Debian's
 * path); a machine whose node lives elsewhere gets its own node's path in the copy, nothing else changed.
 */
export function unitCopy(text: string): string {
  const dir = scratch('unit');
  const file = join(dir, 'guong-sang.service');
  writeFileSync(file, existsSync('/usr/bin/node') ? text : text.replace(/\/usr\/bin\/node\b/g, process.execPath));
  return file;
}

export const verifyUnit = (text: string): Outcome => run('systemd-analyze', ['verify', unitCopy(text)]);

/** systemd-analyze security's exposure score, 0 (locked down) to 10, of the unit offline. */
export function unitExposure(text: string): { score: number; output: string } {
  const { output } = run('systemd-analyze', ['security', '--offline=true', unitCopy(text)], { SYSTEMD_COLORS: '0' });
  const m = /Overall exposure level for guong-sang\.service: (\d+(?:\.\d+)?)/.exec(output);
  if (!m) throw new Error(`no exposure level in:\n${output}`);
  return { score: Number(m[1]), output };
}

/** Caddy keeps its state (certificates, the internal CA) under HOME / XDG folders: a private one per run. */
export function caddyEnv(dir: string): Record<string, string> {
  mkdirSync(join(dir, 'home'), { recursive: true });
  return { HOME: join(dir, 'home'), XDG_DATA_HOME: join(dir, 'data'), XDG_CONFIG_HOME: join(dir, 'config') };
}

export function caddyValidate(text: string): Outcome {
  const dir = scratch('caddy');
  writeFileSync(join(dir, 'Caddyfile'), text);
  return run('caddy', ['validate', '--config', join(dir, 'Caddyfile'), '--adapter', 'caddyfile'], caddyEnv(dir));
}

/** Caddy's warnings (a deprecated or needless directive) among its JSON log lines. */
export const caddyWarnings = (output: string): string[] => output.split('\n').filter((l) => l.includes('"level":"warn"'));

/** A throwaway self-signed certificate for SITE (and localhost): cert.pem and key.pem in `dir`. */
export function selfSignedPair(dir: string): { cert: string; key: string } {
  const cert = join(dir, 'cert.pem');
  const key = join(dir, 'key.pem');
  const r = run('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '2', '-subj', `/CN=${SITE}`,
    '-addext', `subjectAltName=DNS:${SITE},DNS:localhost`, '-keyout', key, '-out', cert]);
  if (r.status !== 0) throw new Error(`openssl: ${r.output}`);
  return { cert, key };
}

/**
 * nginx -t on a minimal nginx.conf that includes the site, as /etc/nginx/nginx.conf does, with the site's
 * Let's Encrypt paths pointed at `pair` (or left as they are when none is given) and every file nginx writes
 * in a temp folder.
 */
export function nginxTest(site: string, pair?: { cert: string; key: string }): Outcome {
  const dir = scratch('nginx');
  const live = `/etc/letsencrypt/live/${SITE}`;
  const text = pair ? site.replaceAll(`${live}/fullchain.pem`, pair.cert).replaceAll(`${live}/privkey.pem`, pair.key) : site;
  writeFileSync(join(dir, 'site.conf'), text);
  writeFileSync(join(dir, 'nginx.conf'), nginxWrapper(dir, 'include site.conf;'));
  return run('nginx', ['-t', '-p', dir, '-e', join(dir, 'error.log'), '-c', join(dir, 'nginx.conf')]);
}

export function nginxWrapper(dir: string, http: string): string {
  const temp = ['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'].map((t) => `${t}_temp_path ${join(dir, t)};`).join(' ');
  return `pid ${join(dir, 'nginx.pid')};\nerror_log ${join(dir, 'error.log')};\nevents {}\nhttp {\n  access_log off;\n  ${temp}\n  ${http}\n}\n`;
}

/** Every environment variable the server's code reads (env.NAME, env['NAME'], or int(env, 'NAME', …)-style helpers). */
export function serverEnvNames(): Set<string> {
  const names = new Set<string>();
  for (const file of readdirSync(SERVER_SRC, { recursive: true, encoding: 'utf8' })) {
    if (!file.endsWith('.ts')) continue;
    const code = readFileSync(join(SERVER_SRC, file), 'utf8');
    for (const m of code.matchAll(/\benv(?:\?\.|\.)([A-Z][A-Z0-9_]+)\b|\benv\[['"]([A-Z][A-Z0-9_]+)['"]\]|\b(?:int|count|parseDuration)\((?:env,\s*)?'([A-Z][A-Z0-9_]+)'/g)) {
      names.add((m[1] ?? m[2] ?? m[3])!);
    }
  }
  return names;
}

/** The variables env.example lists, set or commented out as a default (`KEY=…` or `#KEY=…` at a line's start). */
export const exampleEnvNames = (text: string): Set<string> =>
  new Set([...text.matchAll(/^#?([A-Z][A-Z0-9_]+)=/gm)].map((m) => m[1]!));

/** `Key=value` lines of a unit's [Service] (and other) sections, in order; repeated keys keep every value. */
export const unitSettings = (text: string, key: string): string[] =>
  [...text.matchAll(new RegExp(`^${key}=(.*)$`, 'gm'))].map((m) => m[1]!.trim());
