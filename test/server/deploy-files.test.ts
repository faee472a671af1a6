// The production setup in src/deploy/ is checked by the programs that will run it: the systemd unit by
// systemd-analyze (verify, and its security exposure), the Caddyfile by caddy validate, the nginx site by nginx -t
// with a throwaway certificate. Each check is also shown failing on a broken copy, so a validator that accepts
// anything fails here. env.example must list every variable the server reads.
import * as assert from 'uvu/assert';
import { readFileSync } from 'node:fs';
import { suite } from 'uvu';
import { loadConfig } from '../../src/server/config';
import {
  SITE, UPSTREAM, caddyValidate, caddyWarnings, deployFile, exampleEnvNames, nginxTest, scratch, selfSignedPair,
  serverEnvNames, unitExposure, unitSettings, verifyUnit,
} from '../support/deploy-files';

const unit = deployFile('guong-sang.service');
const caddyfile = deployFile('Caddyfile');
const nginxSite = deployFile('nginx-site.conf');
const envExample = deployFile('env.example');

/** The unit's Environment= defaults as a map. */
const unitEnv = new Map(unitSettings(unit, 'Environment').map((kv) => kv.split(/=(.*)/s, 2) as [string, string]));

const test = suite('deploy files');

test('systemd-analyze verify: the unit loads with nothing to say; a mistyped setting is reported', () => {
  const shipped = verifyUnit(unit);
  assert.is(shipped.status, 0, shipped.output);
  assert.is(shipped.output, '', 'systemd-analyze says nothing about the shipped unit');

  const typo = verifyUnit(unit.replace('ProtectHome=yes', 'ProtectHomme=yes'));
  assert.match(typo.output, /Unknown key 'ProtectHomme'/);
  const badValue = verifyUnit(unit.replace('ProtectHome=yes', 'ProtectHome=maybe'));
  assert.match(badValue.output, /ProtectHome|protect home/i);
  const noBinary = verifyUnit(unit.replace(/^ExecStart=\S+/m, 'ExecStart=/usr/bin/no-such-node'));
  assert.is.not(noBinary.status, 0, noBinary.output);
});

test('systemd-analyze security: exposure at most 1.5 of 10; without the hardening it is far higher', () => {
  const { score, output } = unitExposure(unit);
  assert.ok(score <= 1.5, `exposure ${score}:\n${output}`);
  const bare = unit.replace(/^# Hardening[\s\S]*?(?=\n\[Install\])/m, '');
  assert.ok(unitExposure(bare).score >= 5, 'the hardening block is what the score measures');
});

test('the unit: own user, state and backup folders writable, env file, restart limits, graceful stop', () => {
  assert.equal(unitSettings(unit, 'User'), ['guong-sang']);
  assert.equal(unitSettings(unit, 'StateDirectory'), ['guong-sang']);
  assert.is(unitEnv.get('DATA_DIR'), '/var/lib/guong-sang', 'DATA_DIR is the StateDirectory');
  assert.equal(unitSettings(unit, 'ReadWritePaths'), [unitEnv.get('BACKUP_DIR')], 'BACKUP_DIR is writable');
  assert.equal(unitSettings(unit, 'EnvironmentFile'), ['/etc/guong-sang/env']);
  assert.equal(unitSettings(unit, 'ProtectSystem'), ['strict']);
  for (const key of ['NoNewPrivileges', 'PrivateTmp', 'ProtectHome']) assert.equal(unitSettings(unit, key), ['yes'], key);
  assert.equal(unitSettings(unit, 'Restart'), ['on-failure']);
  assert.ok(unitSettings(unit, 'StartLimitBurst').length === 1 && unitSettings(unit, 'StartLimitIntervalSec').length === 1);

  // The server behind the proxy only, trusting the proxy's address header.
  assert.is(unitEnv.get('HOST'), '127.0.0.1');
  assert.is(unitEnv.get('TRUST_PROXY'), '1');
  assert.is(unitEnv.get('NODE_ENV'), 'production');
  const config = loadConfig({ ...Object.fromEntries(unitEnv), PUBLIC_URL: `https://${SITE}` });
  assert.is(`${config.host}:${config.port}`, UPSTREAM, 'the proxies forward to where the unit makes it listen');
  assert.ok(config.trustProxy);

  // systemd's stop deadline is beyond the server's own grace.
  const stopSec = Number(/^(\d+)s$/.exec(unitSettings(unit, 'TimeoutStopSec')[0] ?? '')?.[1]);
  assert.ok(stopSec * 1000 >= config.shutdownGraceMs + 10_000, `TimeoutStopSec ${stopSec}s vs SHUTDOWN_GRACE_MS ${config.shutdownGraceMs}`);
  assert.equal(unitSettings(unit, 'KillSignal'), ['SIGTERM']);
});

test('the unit starts what `npm start` starts once built: node build/server/main.js in the checkout', () => {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { scripts: Record<string, string> };
  const started = /exec node (\S+)$/.exec(pkg.scripts.start!)?.[1];
  assert.is(started, 'build/server/main.js', 'npm start ends by running the built server');
  const [dir] = unitSettings(unit, 'WorkingDirectory');
  assert.equal(unitSettings(unit, 'ExecStart'), [`/usr/bin/node ${dir}/${started}`]);
  assert.is(unitEnv.get('STATIC_DIR'), `${dir}/dist`, 'the built app of the same checkout');
});

test('caddy validate accepts the Caddyfile without a warning, and refuses a broken one', () => {
  const shipped = caddyValidate(caddyfile);
  assert.is(shipped.status, 0, shipped.output);
  assert.match(shipped.output, /Valid configuration/);
  assert.equal(caddyWarnings(shipped.output), []);
  const broken = caddyValidate(caddyfile.replace('request_body {', 'request_bodyy {'));
  assert.is.not(broken.status, 0, broken.output);
});

test('nginx -t accepts the site with a certificate in place, and refuses it without one', () => {
  const pair = selfSignedPair(scratch('cert'));
  const shipped = nginxTest(nginxSite, pair);
  assert.is(shipped.status, 0, shipped.output);
  assert.match(shipped.output, /test is successful/);
  const noCertificate = nginxTest(nginxSite);
  assert.is.not(noCertificate.status, 0, 'the Let\'s Encrypt files do not exist on this machine');
  assert.match(noCertificate.output, /letsencrypt/);
  const broken = nginxTest(nginxSite.replace('client_max_body_size', 'client_max_body_sizes'), pair);
  assert.is.not(broken.status, 0, broken.output);
});

test('both proxies: the server\'s upstream, a body limit above the server\'s own, /metrics refused', () => {
  const { maxPhotoBytes, maxJsonBytes } = loadConfig({});
  const largest = Math.max(maxPhotoBytes, maxJsonBytes);
  const caddyLimit = /max_size (\d+)MB/.exec(caddyfile);
  const nginxLimit = /client_max_body_size (\d+)m;/.exec(nginxSite);
  assert.ok(caddyLimit && Number(caddyLimit[1]) * 1e6 > largest, 'Caddy request_body max_size');
  assert.ok(nginxLimit && Number(nginxLimit[1]) * 2 ** 20 > largest, 'nginx client_max_body_size');

  assert.match(caddyfile, `reverse_proxy ${UPSTREAM} {`);
  assert.match(nginxSite, `proxy_pass http://${UPSTREAM};`);
  assert.match(caddyfile, /^\t@metrics path \/metrics \/metrics\/\*\n\trespond @metrics 404$/m);
  assert.match(nginxSite, /location = \/metrics \{\s*return 404;\s*\}\s*location \^~ \/metrics\/ \{\s*return 404;/);
  // nginx sets what TRUST_PROXY reads (the last X-Forwarded-For hop: the address nginx saw) and passes Host on.
  assert.match(nginxSite, 'proxy_set_header X-Forwarded-For $remote_addr;');
  assert.match(nginxSite, 'proxy_set_header Host $host;');
  assert.match(nginxSite, 'proxy_set_header X-Forwarded-Proto $scheme;');
  // Both serve the name PUBLIC_URL gives.
  const publicUrl = /^PUBLIC_URL=(\S+)$/m.exec(envExample)?.[1];
  assert.is(publicUrl, `https://${SITE}`);
  assert.match(caddyfile, new RegExp(`^${SITE.replaceAll('.', '\\.')} \\{$`, 'm'));
  assert.is([...nginxSite.matchAll(new RegExp(`server_name ${SITE};`, 'g'))].length, 2);
});

test('env.example lists every variable the server reads, and no other', () => {
  const read = serverEnvNames();
  for (const known of ['PUBLIC_URL', 'DATABASE_URL', 'TRUST_PROXY', 'DISK_RESERVE', 'BACKUP_DIR', 'BACKUP_KEEP_WEEKLY', 'NODE_ENV']) {
    assert.ok(read.has(known), `the scan finds ${known}`);
  }
  const listed = exampleEnvNames(envExample);
  assert.equal([...read].filter((n) => !listed.has(n)).sort(), [], 'read by the server, missing from env.example');
  assert.equal([...listed].filter((n) => !read.has(n)).sort(), [], 'in env.example, never read by the server');
  for (const name of unitEnv.keys()) assert.ok(read.has(name), `the unit sets ${name}, which the server reads`);
});

test.run();
