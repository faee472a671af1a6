// src/deploy/run-as-server, the README's way to run the tools on the server's data, run for real as root (CI is):
// the first admin is made through it as another user than root ('nobody' standing in for guong-sang), with the
// unit's environment (systemctl's answer, here a stand-in on PATH) overridden by the env file, and npm given a
// home of its own that is gone afterwards. The files it leaves in DATA_DIR belong to that user.
import * as assert from 'uvu/assert';
import { spawnSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { suite } from 'uvu';
import { openDatabase } from '../../src/server/db/connect';
import { PASSWORD } from '../support/api-client';
import { DEPLOY, scratch } from '../support/deploy-files';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const SCRIPT = join(DEPLOY, 'run-as-server');

/**
 * The checkout as /opt/guong-sang would be, readable by the server's user: hard links of what `npm run` needs in a
 * world-readable folder (this clone's parent folders may be closed to other users, as a CI clone under /root is).
 */
function installedCopy(dir: string): string {
  const copy = join(dir, 'opt-guong-sang');
  mkdirSync(copy, { mode: 0o755 });
  for (const part of ['package.json', 'tsconfig.json', 'src', 'node_modules']) {
    const r = spawnSync('cp', ['-al', join(ROOT, part), copy], { encoding: 'utf8' });
    assert.is(r.status, 0, r.stderr);
  }
  return copy;
}

function idOf(user: string): { uid: number; gid: number } {
  const id = (flag: string) => Number(spawnSync('id', [flag, user], { encoding: 'utf8' }).stdout.trim());
  return { uid: id('-u'), gid: id('-g') };
}

const test = suite('deploy: run-as-server');

test('the first admin, made as the server\'s user with the unit\'s settings and the env file\'s', async () => {
  assert.is(process.getuid?.(), 0, 'run-as-server is run with sudo: this test runs as root, as CI does');
  const dir = scratch('run-as');
  const nobody = idOf('nobody');
  const dataDir = join(dir, 'data');
  mkdirSync(dataDir, { mode: 0o700 });
  chownSync(dataDir, nobody.uid, nobody.gid);
  chmodSync(dir, 0o755);

  // What `systemctl show --property=Environment --value guong-sang` prints for the shipped unit (PORT overridden).
  const bin = join(dir, 'bin');
  mkdirSync(bin);
  writeFileSync(join(bin, 'systemctl'), `#!/bin/sh\necho "NODE_ENV=production PORT=8080 DATA_DIR=${dataDir} SEEN_FROM_UNIT=yes"\n`, { mode: 0o755 });
  const envFile = join(dir, 'env');
  writeFileSync(envFile, "PUBLIC_URL=https://guongsang.example\nPORT='9090'\n", { mode: 0o600 });
  const checkout = installedCopy(dir);
  const env = { ...process.env, PATH: `${bin}:${process.env.PATH}`, GS_USER: 'nobody', GS_CHECKOUT: checkout, GS_ENV_FILE: envFile };
  const run = (args: string[], input = '') => {
    const r = spawnSync(SCRIPT, args, { env, input, encoding: 'utf8', timeout: 180_000 });
    return { status: r.status, out: `${r.stdout}${r.stderr}` };
  };

  const seen = run(['sh', '-c', 'echo "$(id -un) $(pwd) $DATA_DIR $PORT $PUBLIC_URL $NODE_ENV $SEEN_FROM_UNIT $HOME"']);
  assert.is(seen.status, 0, seen.out);
  const [user, cwd, data, port, publicUrl, nodeEnv, fromUnit, home] = seen.out.trim().split(' ');
  assert.equal([user, cwd, data, port, publicUrl, nodeEnv, fromUnit], ['nobody', checkout, dataDir, '9090', 'https://guongsang.example', 'production', 'yes']);
  assert.not.ok(existsSync(home!), 'npm\'s home is removed afterwards');

  const made = run(['npm', 'run', '-s', 'user', '--', 'add', '--username', 'admin', '--role', 'admin', '--area', '12', '--name', 'Quản trị'], `${PASSWORD}\n`);
  assert.is(made.status, 0, made.out);
  assert.not.match(made.out, /npm notice/, 'npm asks the registry for nothing');

  const files = readdirSync(dataDir);
  assert.ok(files.includes('db.sqlite'), files.join(', '));
  for (const f of files) assert.is(statSync(join(dataDir, f)).uid, nobody.uid, `${f} belongs to the server's user`);
  const db = openDatabase({ dataDir, databaseUrl: undefined });
  try {
    const admin = await db.selectFrom('users').select(['username', 'role', 'area', 'display_name']).execute();
    assert.equal(admin, [{ username: 'admin', role: 'admin', area: '12', display_name: 'Quản trị' }]);
  } finally {
    await db.destroy();
  }

  const notRoot = spawnSync('runuser', ['-u', 'nobody', '--', join(checkout, 'src/deploy/run-as-server'), 'true'], { env, encoding: 'utf8' });
  assert.is(notRoot.status, 2, 'without sudo it says so');
});

test.run();
