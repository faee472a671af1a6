// Login throttling under concurrency, in the database, per (account, address) with growing delays; the cap on
// concurrent password checks.
import * as assert from 'uvu/assert';
import { test as plain } from 'uvu';
import { LoginLimiter, LoginRefused } from '../../src/server/accounts/rate-limit';
import { loadConfig } from '../../src/server/config';
import { forEachDatabase, type Ctx } from './helpers';
import { PASSWORD, postLogin as login, type Reply } from '../support/api-client';
import { FakeClock } from '../support/fake-clock';
import { startInProcess, type InProcessServer } from '../support/in-process-server';

// Addresses come from X-Forwarded-For (TRUST_PROXY=1), so each test has its own.
const ENV = { TRUST_PROXY: '1', LOGIN_MAX_FAILURES: '5', LOGIN_MAX_FAILURES_PER_IP: '100', LOGIN_WINDOW: '15m' };
const from = (ip: string) => ({ 'x-forwarded-for': ip });

/** The app in this process on the suite's database, with a clock the test moves and a limiter it can count. */
async function instance({ server }: Ctx, clock: FakeClock, env: Record<string, string> = {}) {
  const limiter = new LoginLimiter(loadConfig({ ...ENV, ...env }).login);
  const app = await startInProcess(server, { env: { ...ENV, ...env }, now: clock.date, limiter });
  return { app, limiter };
}

function assertRefused(r: Reply, seconds?: number): void {
  assert.is(r.status, 429, r.text);
  assert.is(r.body.error, 'rate-limited');
  assert.match(r.body.message, /^Đăng nhập sai quá nhiều lần\. Vui lòng thử lại sau \d+ (giây|phút)\.$/);
  const retry = Number(r.headers.get('retry-after'));
  if (seconds === undefined) assert.ok(retry >= 1, `Retry-After ${retry}`);
  else assert.is(retry, seconds, 'Retry-After');
}

async function closing<T>(apps: InProcessServer[], fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } finally {
    for (const app of apps) await app.close();
  }
}

forEachDatabase('login throttle', (test) => {
  test('30 wrong passwords at once for one account: 5 are checked, 25 get 429 without a check', async (ctx) => {
    await ctx.server.createUser({ username: 'dong.loat', password: PASSWORD, role: 'reporter', area: '03637' });
    const clock = new FakeClock(Date.now());
    const { app, limiter } = await instance(ctx, clock);
    await closing([app], async () => {
      const replies = await Promise.all(Array.from({ length: 30 }, (_, i) => login(app, 'dong.loat', `sai-${i}`, from('198.51.100.1'))));
      assert.is(replies.filter((r) => r.status === 401).length, 5);
      for (const r of replies.filter((r) => r.status !== 401)) assertRefused(r, 2);
      assert.is(limiter.checks, 5, 'password checks run');
      assertRefused(await login(app, 'dong.loat', PASSWORD, from('198.51.100.1')), 2);
      assert.is(limiter.checks, 5, 'the right password is not checked either while the pair waits');
      clock.advance(2000);
      assert.is((await login(app, 'dong.loat', PASSWORD, from('198.51.100.1'))).status, 200);
    });
  });

  test('after the free attempts each further one waits twice as long; a success clears the pair', async (ctx) => {
    await ctx.server.createUser({ username: 'cham.dan', password: PASSWORD, role: 'reporter', area: '03637' });
    const clock = new FakeClock(Date.now());
    const { app } = await instance(ctx, clock);
    const at = from('198.51.100.2');
    await closing([app], async () => {
      for (let i = 0; i < 5; i++) assert.is((await login(app, 'cham.dan', `sai-${i}`, at)).status, 401);
      for (const seconds of [2, 4, 8, 16]) {
        assertRefused(await login(app, 'cham.dan', 'sai-nua', at), seconds);
        clock.advance(seconds * 1000 - 1);
        assertRefused(await login(app, 'cham.dan', 'sai-nua', at), 1);
        clock.advance(1);
        assert.is((await login(app, 'cham.dan', 'sai-nua', at)).status, 401, `after ${seconds} s`);
      }
      const waited = await login(app, 'cham.dan', PASSWORD, at);
      assertRefused(waited, 32);
      assert.match(waited.body.message, /sau 32 giây\./);
      clock.advance(32_000);
      assert.is((await login(app, 'cham.dan', PASSWORD, at)).status, 200);
      for (let i = 0; i < 5; i++) assert.is((await login(app, 'cham.dan', `lai-sai-${i}`, at)).status, 401, 'free attempts again');
      assertRefused(await login(app, 'cham.dan', 'sai', at), 2);
      clock.advance(15 * 60_000);
      assert.is((await login(app, 'cham.dan', PASSWORD, at)).status, 200, 'a quiet window forgets the count');
    });
  });

  test("a stranger's failures from another address do not lock the user out of their own", async (ctx) => {
    await ctx.server.createUser({ username: 'nan.nhan', password: PASSWORD, role: 'reporter', area: '03637' });
    const clock = new FakeClock(Date.now());
    const { app } = await instance(ctx, clock);
    await closing([app], async () => {
      for (let i = 0; i < 30; i++) {
        const r = await login(app, 'nan.nhan', `doan-${i}`, from('203.0.113.66'));
        assert.is(r.status, i < 5 ? 401 : 429);
      }
      assert.is((await login(app, 'nan.nhan', PASSWORD, from('198.51.100.3'))).status, 200);
    });
  });

  test('the count lives in the database: a second server, or the same one restarted, keeps it', async (ctx) => {
    await ctx.server.createUser({ username: 'hai.may', password: PASSWORD, role: 'reporter', area: '03637' });
    const clock = new FakeClock(Date.now());
    const first = await instance(ctx, clock);
    const second = await instance(ctx, clock);
    const at = from('198.51.100.4');
    await closing([first.app], async () => {
      for (let i = 0; i < 5; i++) assert.is((await login(first.app, 'hai.may', `sai-${i}`, at)).status, 401);
    });
    await closing([second.app], async () => {
      assertRefused(await login(second.app, 'hai.may', PASSWORD, at), 2);
      assert.is(second.limiter.checks, 0);
    });
    const restarted = await instance(ctx, clock);
    await closing([restarted.app], async () => {
      assertRefused(await login(restarted.app, 'hai.may', PASSWORD, at), 2);
      clock.advance(2000);
      assert.is((await login(restarted.app, 'hai.may', PASSWORD, at)).status, 200);
    });
  });
});

plain('password checks: a few run at once, a few more wait, the rest are refused at once as busy', async () => {
  const limiter = new LoginLimiter({ ...loadConfig({}).login, hashConcurrency: 2 });
  let running = 0;
  let most = 0;
  const gates: (() => void)[] = [];
  const slow = () => new Promise<boolean>((resolve) => {
    running++;
    most = Math.max(most, running);
    gates.push(() => { running--; resolve(false); });
  });
  const admitted = Array.from({ length: 18 }, () => limiter.check(slow)); // 2 running, 16 waiting
  const refused = await limiter.check(slow).then(() => null, (err: unknown) => err);
  assert.instance(refused, LoginRefused);
  assert.ok((refused as LoginRefused).busy);
  while (gates.length > 0 || running > 0) {
    await new Promise((resolve) => setImmediate(resolve));
    gates.shift()?.();
  }
  await Promise.all(admitted);
  assert.is(most, 2);
  assert.is(limiter.checks, 18);
});
plain.run();
