// Server settings: PUBLIC_URL (required in production, checked, in development the address the server prints),
// ACCOUNT_QUOTA_BYTES, DISK_RESERVE, SHUTDOWN_GRACE_MS, METRICS_TOKEN.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { ConfigError, DEFAULT_ACCOUNT_QUOTA, loadConfig, servesHttps } from '../../src/server/config';

test('production refuses to start without PUBLIC_URL, naming it', () => {
  assert.throws(() => loadConfig({ NODE_ENV: 'production' }), (err: Error) => err instanceof ConfigError && /^PUBLIC_URL: bắt buộc/.test(err.message));
  assert.throws(() => loadConfig({ NODE_ENV: 'production', PUBLIC_URL: '  ' }), (err: Error) => err instanceof ConfigError);
  const config = loadConfig({ NODE_ENV: 'production', PUBLIC_URL: 'https://GuongSang.example/' });
  assert.is(config.publicUrl, 'https://guongsang.example');
  assert.ok(servesHttps(config));
});

test('outside production the default is the address `npm start` prints', () => {
  assert.is(loadConfig({}).publicUrl, 'http://localhost:8080');
  assert.is(loadConfig({ PORT: '3000' }).publicUrl, 'http://localhost:3000');
  assert.is(loadConfig({ HOST: '127.0.0.1', PORT: '9000' }).publicUrl, 'http://127.0.0.1:9000');
  assert.not.ok(servesHttps(loadConfig({})));
  assert.ok(loadConfig({}).publicUrlDefaulted, 'the Origin check also accepts the address a request was sent to');
  const set = loadConfig({ PUBLIC_URL: 'http://192.168.1.20:8080' });
  assert.is(set.publicUrl, 'http://192.168.1.20:8080');
  assert.not.ok(set.publicUrlDefaulted, 'PUBLIC_URL alone');
});

test('a PUBLIC_URL that is not an http(s) origin is refused', () => {
  for (const bad of ['guongsang.example', 'ftp://guongsang.example', 'https://guongsang.example/app', 'https://a.example/?x=1', 'https://u:p@a.example', 'https://']) {
    assert.throws(() => loadConfig({ PUBLIC_URL: bad }), (err: Error) => err instanceof ConfigError && err.message.startsWith('PUBLIC_URL:'), bad);
  }
});

test('ACCOUNT_QUOTA_BYTES: 2 GiB unless set, 0 is the default too, anything but a whole number stops the start', () => {
  assert.is(DEFAULT_ACCOUNT_QUOTA, 2 * 1024 ** 3);
  assert.is(loadConfig({}).accountQuotaBytes, DEFAULT_ACCOUNT_QUOTA);
  assert.is(loadConfig({ ACCOUNT_QUOTA_BYTES: '0' }).accountQuotaBytes, DEFAULT_ACCOUNT_QUOTA);
  assert.is(loadConfig({ ACCOUNT_QUOTA_BYTES: '5000000000' }).accountQuotaBytes, 5_000_000_000);
  for (const bad of ['-1', '2GB', '1.5', 'nhiều']) {
    assert.throws(() => loadConfig({ ACCOUNT_QUOTA_BYTES: bad }), (err: Error) => err instanceof ConfigError && err.message.startsWith('ACCOUNT_QUOTA_BYTES:'), bad);
  }
});

test('DISK_RESERVE: the smaller of 2% and 200 MB unless set; a share or a size; SHUTDOWN_GRACE_MS: 10 s', () => {
  assert.equal(loadConfig({}).diskReserve, { percent: 2, bytes: 200 * 1024 ** 2 });
  assert.equal(loadConfig({ DISK_RESERVE: '5%' }).diskReserve, { percent: 5, bytes: Infinity });
  assert.equal(loadConfig({ DISK_RESERVE: '512KB' }).diskReserve, { percent: 100, bytes: 512 * 1024 });
  assert.equal(loadConfig({ DISK_RESERVE: '1.5gb' }).diskReserve, { percent: 100, bytes: 1.5 * 1024 ** 3 });
  assert.equal(loadConfig({ DISK_RESERVE: '0' }).diskReserve, { percent: 100, bytes: 0 });
  for (const bad of ['-1%', '100%', '2 TB', 'đầy']) {
    assert.throws(() => loadConfig({ DISK_RESERVE: bad }), (err: Error) => err instanceof ConfigError && err.message.startsWith('DISK_RESERVE:'), bad);
  }
  assert.is(loadConfig({}).shutdownGraceMs, 10_000);
  assert.is(loadConfig({ SHUTDOWN_GRACE_MS: '250' }).shutdownGraceMs, 250);
  assert.throws(() => loadConfig({ SHUTDOWN_GRACE_MS: '10s' }), (err: Error) => err.message.startsWith('SHUTDOWN_GRACE_MS:'));
});

test('METRICS_TOKEN: unset or blank is no /metrics; a short one or one with spaces stops the start', () => {
  assert.is(loadConfig({}).metricsToken, undefined);
  assert.is(loadConfig({ METRICS_TOKEN: '   ' }).metricsToken, undefined);
  assert.is(loadConfig({ METRICS_TOKEN: ' 0123456789abcdef ' }).metricsToken, '0123456789abcdef');
  for (const bad of ['ngan-qua', '0123456789abcde', '01234567 89abcdef']) {
    assert.throws(() => loadConfig({ METRICS_TOKEN: bad }), (err: Error) => err instanceof ConfigError && err.message.startsWith('METRICS_TOKEN:'), bad);
  }
});

test.run();
