// Debian's Prometheus (and promtool) on the README's own configuration: the "Theo dõi" section's scrape config and
// alert rules, taken from the README as written, so what the operator copies is what the test ran.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from './server-process';
import { until } from './wait';

const README = fileURLToPath(new URL('../../README.md', import.meta.url));

/** The README's `yaml` blocks of the monitoring section: [scrape config, alert rules]. */
export function readmePrometheusFiles(): { scrape: string; rules: string } {
  const section = readFileSync(README, 'utf8').split('### Theo dõi')[1]?.split('\n## ')[0] ?? '';
  const [scrape, rules] = [...section.matchAll(/```yaml\n([\s\S]*?)```/g)].map((m) => m[1]!);
  if (!scrape || !rules) throw new Error('README: the monitoring section lost its scrape config or its rules');
  return { scrape, rules };
}

/** promtool's answer (exit code and output). */
export function promtool(args: string[], input?: string): { status: number | null; output: string } {
  const run = spawnSync('promtool', args, { input, encoding: 'utf8' });
  if (run.error) throw new Error(`promtool: ${run.error.message} (install prometheus)`);
  return { status: run.status, output: `${run.stdout}${run.stderr}` };
}

export interface Prometheus {
  url: string;
  /** An instant query's result vector. */
  query(q: string): Promise<Array<{ metric: Record<string, string>; value: [number, string] }>>;
  rules(): Promise<Array<{ name: string; health: string; lastError?: string }>>;
  stop(): Promise<void>;
}

/** Prometheus scraping `target` with `token`, the README's config and rules, every second. */
export async function startPrometheus(target: string, token: string): Promise<Prometheus> {
  const dir = mkdtempSync(join(tmpdir(), 'gs-prometheus-'));
  const { scrape, rules } = readmePrometheusFiles();
  writeFileSync(join(dir, 'token'), token, { mode: 0o600 });
  writeFileSync(join(dir, 'rules.yml'), rules);
  const config = `global: { scrape_interval: 1s, evaluation_interval: 1s }\nrule_files: [${join(dir, 'rules.yml')}]\n${scrape}`
    .replace('/etc/prometheus/guongsang.token', join(dir, 'token'))
    .replace("'127.0.0.1:8080'", `'${target}'`);
  writeFileSync(join(dir, 'prometheus.yml'), config);
  const checked = promtool(['check', 'config', join(dir, 'prometheus.yml')]);
  if (checked.status !== 0) throw new Error(`promtool check config: ${checked.output}`);

  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const logs: string[] = [];
  const proc: ChildProcess = spawn('prometheus', [
    `--config.file=${join(dir, 'prometheus.yml')}`, `--storage.tsdb.path=${join(dir, 'data')}`,
    `--web.listen-address=127.0.0.1:${port}`, '--log.level=warn',
  ], { stdio: ['ignore', 'pipe', 'pipe'] });
  proc.stdout?.on('data', (d) => logs.push(String(d)));
  proc.stderr?.on('data', (d) => logs.push(String(d)));
  const exited = new Promise<void>((resolve) => proc.once('exit', () => resolve()));
  const stop = async () => {
    proc.kill('SIGTERM');
    await exited;
    rmSync(dir, { recursive: true, force: true });
  };
  const api = async (path: string) => {
    const res = await fetch(url + path);
    const body = await res.json() as { status: string; data: any };
    if (body.status !== 'success') throw new Error(`${path}: ${JSON.stringify(body)}`);
    return body.data;
  };
  try {
    await until(() => proc.exitCode === null && fetch(`${url}/-/ready`).then((r) => r.ok, () => false), () => `Prometheus ready:\n${logs.join('')}`);
  } catch (err) {
    await stop();
    throw err;
  }
  return {
    url,
    query: async (q) => (await api(`/api/v1/query?query=${encodeURIComponent(q)}`)).result,
    rules: async () => (await api('/api/v1/rules')).groups.flatMap((g: { rules: unknown[] }) => g.rules),
    stop,
  };
}
