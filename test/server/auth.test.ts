// Accounts: login, logout, me; cookie flags; sliding sessions and their absolute maximum; a new sign-in ends the
// browser's previous session; login rate limits (more in login-throttle.test.ts); the user CLI.
import * as assert from 'uvu/assert';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { ServerProcess } from '../support/server-process';
import { forEachDatabase } from './helpers';
import { PASSWORD, call, logIn, postLogin as login, sessionCookie, signedIn } from '../support/api-client';
import { FakeClock } from '../support/fake-clock';
import { startInProcess } from '../support/in-process-server';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const STAFF_TTL = { SESSION_STAFF_TTL: '1500ms' };

function cli(server: ServerProcess, args: string[], input = ''): { code: number | null; out: string } {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'src/server/cli.ts', ...args], {
    cwd: ROOT, input, encoding: 'utf8',
    env: { ...process.env, DATA_DIR: server.dataDir, DATABASE_URL: server.databaseUrl ?? '' },
  });
  return { code: r.status, out: `${r.stdout}${r.stderr}` };
}

forEachDatabase('auth', (test) => {
  test('login answers the user and sets an HttpOnly, SameSite=Strict session cookie; me and logout', async ({ server }) => {
    const created = await server.createUser({ username: 'vang.a.su', password: 'Mật khẩu dài 1', role: 'reporter', area: '03637', displayName: 'Vàng A Sử' });
    const res = await login(server, ' Vang.A.Su ', 'Mật khẩu dài 1');
    assert.is(res.status, 200);
    assert.equal(res.body.user, created);
    assert.equal(res.body.user, { id: created.id, username: 'vang.a.su', displayName: 'Vàng A Sử', role: 'reporter', area: '03637' });

    const setCookie = res.headers.getSetCookie().find((c) => c.startsWith('gs_session='))!;
    assert.match(setCookie, /HttpOnly/i);
    assert.match(setCookie, /SameSite=Strict/i);
    assert.match(setCookie, /Path=\//);
    assert.not.match(setCookie, /Secure/i, 'not over plain http');
    assert.match(setCookie, /Max-Age=7776000/, 'a reporter stays signed in for 90 days');
    const cookie = sessionCookie(res.headers);

    const me = await call(server, '/api/auth/me', { cookie });
    assert.is(me.status, 200);
    assert.equal(me.body.user, created);

    const out = await call(server, '/api/auth/logout', { method: 'POST', cookie });
    assert.is(out.status, 200);
    assert.match(out.headers.getSetCookie().join(';'), /gs_session=;.*Max-Age=0/);
    const after = await call(server, '/api/auth/me', { cookie });
    assert.is(after.status, 401, 'the old cookie is dead on the server, not only in the browser');
    assert.is(after.body.error, 'unauthenticated');
  });

  test('reviewers get a short session; the database keeps only a hash of the token', async ({ server }) => {
    const reviewer = await signedIn(server, 'commune-reviewer', '03637');
    const res = await login(server, reviewer.user.username, PASSWORD);
    assert.match(res.headers.getSetCookie().join(';'), /Max-Age=43200/);
    const token = sessionCookie(res.headers).split('=')[1]!;
    const rows = await server.db().selectFrom('sessions').select('token_hash').execute();
    assert.ok(rows.length >= 2);
    assert.not.ok(rows.some((r) => r.token_hash.includes(token)));
  });

  test('wrong password, unknown user, bad bodies: 401 or 4xx, never a session', async ({ server }) => {
    await server.createUser({ username: 'lo.thi.mai', password: 'dung-mat-khau', role: 'reporter', area: '03637' });
    for (const [username, password] of [['lo.thi.mai', 'sai-mat-khau'], ['khong.co.ai', 'dung-mat-khau']]) {
      const r = await login(server, username!, password!);
      assert.is(r.status, 401);
      assert.is(r.body.error, 'unauthenticated');
      assert.is(r.body.message, 'Tên đăng nhập hoặc mật khẩu không đúng');
      assert.is(r.headers.getSetCookie().length, 0);
    }
    const missing = await call(server, '/api/auth/login', { method: 'POST', json: { username: 'lo.thi.mai' } });
    assert.is(missing.status, 422);
    assert.equal(missing.body.issues.map((i: { path: string }) => i.path), ['password']);
    assert.is(missing.body.issues[0].message, 'Thiếu trường bắt buộc');
    const extra = await call(server, '/api/auth/login', { method: 'POST', json: { username: 'a', password: 'b', admin: true } });
    assert.is(extra.status, 422);
    assert.is(extra.body.issues[0].path, 'admin');
  });

  test('a forged or malformed cookie is simply not signed in', async ({ server }) => {
    for (const cookie of ['gs_session=abc', `gs_session=${'A'.repeat(43)}`, 'gs_session=../../x', `gs_session=${'x'.repeat(5000)}`]) {
      const r = await call(server, '/api/auth/me', { cookie });
      assert.is(r.status, 401, cookie.slice(0, 30));
    }
  });

  test('the CLI adds users (password from stdin or generated), lists them and changes passwords', async ({ server }) => {
    const add = cli(server, ['add', '--username', 'Giang.A.Pao', '--role', 'commune-reviewer', '--area', '03637', '--name', 'Giàng A Páo'], 'mat-khau-tu-stdin\n');
    assert.is(add.code, 0, add.out);
    assert.match(add.out, /Đã tạo tài khoản giang\.a\.pao/);
    assert.is((await login(server, 'giang.a.pao', 'mat-khau-tu-stdin')).status, 200);

    const generated = cli(server, ['add', '--username', 'quan.tri', '--role', 'admin', '--area', '12', '--name', 'Quản trị']);
    assert.is(generated.code, 0, generated.out);
    const password = /Mật khẩu: (\S+)/.exec(generated.out)?.[1];
    assert.ok(password && password.length >= 16, generated.out);
    const adminLogin = await login(server, 'quan.tri', password!);
    assert.is(adminLogin.status, 200);
    assert.is(adminLogin.body.user.role, 'admin');

    const list = cli(server, ['list']);
    assert.is(list.code, 0);
    assert.match(list.out, /giang\.a\.pao\tThẩm định cấp xã\t03637 \(Xã Mường Kim\)\tGiàng A Páo/);

    const passwd = cli(server, ['passwd', '--username', 'quan.tri', '--password', 'mat-khau-moi-2026']);
    assert.is(passwd.code, 0, passwd.out);
    assert.is((await call(server, '/api/auth/me', { cookie: sessionCookie(adminLogin.headers) })).status, 401, 'old sessions end');
    assert.is((await login(server, 'quan.tri', password!)).status, 401);
    assert.is((await login(server, 'quan.tri', 'mat-khau-moi-2026')).status, 200);

    const bad = cli(server, ['add', '--username', 'x.y', '--role', 'boss', '--area', '99999', '--name', 'X']);
    assert.is(bad.code, 2);
    assert.match(bad.out, /--role/);
    const dup = cli(server, ['add', '--username', 'giang.a.pao', '--role', 'reporter', '--area', '03637', '--name', 'X', '--password', 'mat-khau-dai']);
    assert.is(dup.code, 2);
    assert.match(dup.out, /đã có/);
  });
});

forEachDatabase('auth: sliding sessions, rate limits, https', (test) => {
  test('a session used before it expires slides on; left idle, it ends', async ({ server }) => {
    // The same app in this process, on this suite's database, with a clock the test moves.
    const clock = new FakeClock(Date.now());
    const app = await startInProcess(server, { env: STAFF_TTL, now: clock.date });
    try {
      await server.createUser({ username: 'truot.phien', password: PASSWORD, role: 'province-reviewer', area: '12' });
      const reviewer = await logIn(app, 'truot.phien');
      let renewed = false;
      for (let used = 0; used <= 2400; used += 150) { // well past the 1.5 s the session first had
        const r = await reviewer.call('/api/auth/me');
        assert.is(r.status, 200, `used ${used} ms after signing in`);
        if (r.headers.getSetCookie().some((c) => /gs_session=.+Max-Age=1\b/.test(c))) renewed = true;
        clock.advance(150);
      }
      assert.ok(renewed, 'the cookie is sent again with a fresh Max-Age');
      clock.advance(1800);
      assert.is((await reviewer.call('/api/auth/me')).status, 401);
    } finally {
      await app.close();
    }
  });

  test('a session past its absolute maximum age is refused, though it was used a moment ago', async ({ server }) => {
    const clock = new FakeClock(Date.now());
    const app = await startInProcess(server, { env: { ...STAFF_TTL, SESSION_STAFF_MAX_AGE: '3s' }, now: clock.date });
    try {
      await server.createUser({ username: 'het.han', password: PASSWORD, role: 'province-reviewer', area: '12' });
      const reviewer = await logIn(app, 'het.han');
      for (let used = 0; used < 3000; used += 150) {
        const r = await reviewer.call('/api/auth/me');
        assert.is(r.status, 200, `used ${used} ms after signing in`);
        const maxAge = /gs_session=.+Max-Age=(\d+)/.exec(r.headers.getSetCookie().join('\n'))?.[1];
        if (maxAge) assert.ok(used / 1000 + Number(maxAge) <= 3, 'the cookie never outlives the maximum');
        clock.advance(150);
      }
      assert.is((await reviewer.call('/api/auth/me')).status, 401, 'used 150 ms ago, but signed in 3 s ago');
      assert.is((await logIn(app, 'het.han')).user.username, 'het.han', 'signing in again starts a new one');
    } finally {
      await app.close();
    }
  });

  test('a new sign-in in the same browser ends the session it had', async ({ server }) => {
    await server.createUser({ username: 'may.chung', password: PASSWORD, role: 'reporter', area: '03637' });
    await server.createUser({ username: 'nguoi.sau', password: PASSWORD, role: 'reporter', area: '03637' });
    const before = await logIn(server, 'may.chung');
    const again = await call(server, '/api/auth/login', { method: 'POST', json: { username: 'nguoi.sau', password: PASSWORD }, cookie: before.cookie });
    assert.is(again.status, 200);
    assert.is((await before.call('/api/auth/me')).status, 401, "the first user's session is over on the server");
    const after = await call(server, '/api/auth/me', { cookie: sessionCookie(again.headers) });
    assert.is(after.body.user.username, 'nguoi.sau');
  });

  test('5 failures for a username at an address → 429 with Retry-After, even with the right password; others unaffected', async ({ server }) => {
    await server.createUser({ username: 'bi.khoa', password: 'dung-mat-khau', role: 'reporter', area: '03637' });
    await server.createUser({ username: 'khong.bi.khoa', password: 'dung-mat-khau', role: 'reporter', area: '03637' });
    const app = await startInProcess(server, { env: STAFF_TTL, now: new FakeClock(Date.now()).date });
    try {
      for (let i = 0; i < 5; i++) assert.is((await login(app, 'bi.khoa', `sai-${i}`)).status, 401);
      for (const password of ['sai-nua', 'dung-mat-khau']) {
        const r = await login(app, 'BI.KHOA', password);
        assert.is(r.status, 429);
        assert.is(r.body.error, 'rate-limited');
        assert.match(r.body.message, /thử lại sau 2 giây/);
        assert.is(r.headers.get('retry-after'), '2');
      }
      assert.is((await login(app, 'khong.bi.khoa', 'dung-mat-khau')).status, 200);
    } finally {
      await app.close();
    }
  });

  test('failures from one address across usernames are limited too', async ({ server }) => {
    await server.createUser({ username: 'nguoi.ngay', password: 'dung-mat-khau', role: 'reporter', area: '03637' });
    const from = { 'x-forwarded-for': '203.0.113.7' }; // TRUST_PROXY=1 in this suite
    for (let i = 0; i < 8; i++) assert.is((await login(server, `ai.do.${i}`, 'doan-bua', from)).status, 401);
    assert.is((await login(server, 'nguoi.ngay', 'dung-mat-khau', from)).status, 429);
    assert.is((await login(server, 'nguoi.ngay', 'dung-mat-khau', { 'x-forwarded-for': '203.0.113.8' })).status, 200);
  });

  test('behind a trusted proxy, a forwarded "https" does not decide: PUBLIC_URL does (https: app-and-headers.test.ts)', async ({ server }) => {
    await server.createUser({ username: 'qua.proxy', password: 'dung-mat-khau', role: 'reporter', area: '03637' });
    const r = await login(server, 'qua.proxy', 'dung-mat-khau', { 'x-forwarded-proto': 'https' });
    assert.is(r.status, 200);
    assert.not.match(r.headers.getSetCookie().join(';'), /Secure/);
    assert.is(r.headers.get('strict-transport-security'), null);
  });
}, { env: { ...STAFF_TTL, LOGIN_MAX_FAILURES_PER_IP: '8', TRUST_PROXY: '1' } });
