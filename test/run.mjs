// `npm test`: type-check, build, then every uvu suite; ends with the plain line "N passed, N failed".
// Suites run one after another (2-core machines); a suite that crashes counts as a failure, never as a skip.
import { spawnSync } from 'node:child_process';
import { readdirSync, existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

// uvu's bin run with this node; --no-color, else it sets FORCE_COLOR and Node warns that NO_COLOR is ignored.
const UVU = fileURLToPath(new URL('../node_modules/uvu/bin.js', import.meta.url));

const only = process.argv.slice(2);
const suites = ['unit', 'server', 'build', 'e2e'].filter((s) => only.length === 0 || only.includes(s));
const env = { ...process.env, NO_COLOR: '1' };
delete env.FORCE_COLOR;

function step(label, cmd, args) {
  console.log(`\n▶ ${label}`);
  const r = spawnSync(cmd, args, { stdio: 'inherit', env });
  return r.status === 0;
}

let passed = 0;
let failed = 0;

if (!process.env.SKIP_TYPECHECK) {
  if (step('typecheck', 'npm', ['run', '-s', 'typecheck'])) passed++; else failed++;
}
if (suites.some((s) => s !== 'unit') && !process.env.SKIP_BUILD) {
  if (!step('build', 'npx', ['vite', 'build', '--logLevel', 'warn'])) {
    console.log(`${passed} passed, ${failed + 1} failed`);
    process.exit(1);
  }
}

for (const suite of suites) {
  const dir = `test/${suite}`;
  if (!existsSync(dir) || !readdirSync(dir).some((f) => f.endsWith('.test.ts'))) continue;
  console.log(`\n▶ ${suite}`);
  const r = spawnSync(process.execPath, [UVU, '--no-color', '-r', 'tsx', dir, '\\.test\\.ts$'], { env, encoding: 'utf8', maxBuffer: 64 << 20 });
  const out = `${r.stdout ?? ''}${r.stderr ?? ''}`;
  process.stdout.write(out);
  const total = Number(/Total:\s+(\d+)/.exec(out)?.[1] ?? NaN);
  const ok = Number(/Passed:\s+(\d+)/.exec(out)?.[1] ?? NaN);
  if (Number.isNaN(total) || Number.isNaN(ok)) {
    console.log(`✘ suite ${suite} crashed before reporting (exit ${r.status})`);
    failed++;
    continue;
  }
  passed += ok;
  failed += total - ok;
  if (r.status !== 0 && total === ok) failed++; // exited non-zero without a failing test: count the crash
}

console.log(`\n${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
