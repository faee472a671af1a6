// Accounts managed by an administrator: create, list with filters, change, disable, reset passwords; what ends a
// user's sessions; what an administrator may not do to their own account; bad input changes nothing.
import * as assert from 'uvu/assert';
import type { AdminUser } from '../../src/shared/admin-protocol';
import type { ServerProcess } from '../support/server-process';
import { counts, forEachDatabase } from './helpers';
import { PASSWORD as TEST_PASSWORD, call, logIn, postLogin as login, signedIn, type Client } from '../support/api-client';

const PASSWORD = 'mat-khau-du-dai-2026';

const cookieOf = async (server: ServerProcess, username: string, password = PASSWORD): Promise<string> => (await logIn(server, username, password)).cookie;

const signedInAs = async (server: ServerProcess, cookie: string) => (await call(server, '/api/auth/me', { cookie })).status;

/** Every users row as stored (hashes included), to show that a refused request changed nothing. */
const usersTable = (server: ServerProcess) => server.db().selectFrom('users').selectAll().orderBy('id').execute();

async function create(admin: Client, over: Record<string, unknown> = {}) {
  return admin.call('/api/admin/users', { method: 'POST', json: {
    username: 'vang.a.su', displayName: 'Vàng A Sử', role: 'reporter', area: '03637', password: PASSWORD, ...over,
  } });
}

forEachDatabase('admin: accounts', (test) => {
  let admin: Client;

  test('an administrator creates a reporter, who signs in; the list shows no password hash and filters', async ({ server }) => {
    admin = await signedIn(server, 'admin', '12');
    const created = await create(admin, { username: ' Vang.A.Su ' });
    assert.is(created.status, 201, created.text);
    const user = created.body.user;
    assert.equal({ ...user, id: '', createdAt: '', updatedAt: '' },
      { id: '', username: 'vang.a.su', displayName: 'Vàng A Sử', role: 'reporter', area: '03637', disabled: false, createdAt: '', updatedAt: '' });
    const signIn = await login(server, 'vang.a.su', PASSWORD);
    assert.is(signIn.status, 200);
    assert.is(signIn.body.user.id, user.id);

    await create(admin, { username: 'lo.thi.mai', displayName: 'Lò Thị Mai', role: 'commune-reviewer', area: '03640' });
    await create(admin, { username: 'tinh.1', displayName: 'Trần Văn Tỉnh', role: 'province-reviewer', area: '12' });

    const all = await admin.call('/api/admin/users');
    assert.is(all.status, 200);
    assert.not.match(all.text, /scrypt|password|hash/i);
    const names = (q: string) => admin.call<{ users: AdminUser[] }>(`/api/admin/users?${q}`).then((r) => r.body.users.map((u) => u.username));
    assert.ok((await names('')).includes('vang.a.su'));
    assert.equal(await names('role=reporter&area=03637'), ['vang.a.su']);
    assert.equal(await names('area=03640'), ['lo.thi.mai']);
    assert.equal(await names('q=vang a su'), ['vang.a.su'], 'diacritics ignored');
    assert.equal(await names('q=TỈNH'), ['tinh.1']);
    assert.equal(await names('status=disabled'), []);
    assert.equal(await names('role=province-reviewer&q='), ['tinh.1'], 'an empty field means any');
    const bad = await admin.call('/api/admin/users?role=boss&area=99999');
    assert.is(bad.status, 422);
    assert.equal(bad.body.issues.map((i: { path: string }) => i.path).sort(), ['area', 'role']);
  });

  test('changing the display name keeps the sessions; role, area and disabling end them', async ({ server }) => {
    const { body: { users } } = await admin.call<{ users: AdminUser[] }>('/api/admin/users?q=vang.a.su');
    const id = users[0]!.id;
    const patch = (json: unknown) => admin.call<{ user: AdminUser }>(`/api/admin/users/${id}`, { method: 'PATCH', json });

    let cookie = await cookieOf(server, 'vang.a.su');
    const renamed = await patch({ displayName: '  Vàng Văn Sử ' });
    assert.is(renamed.status, 200, renamed.text);
    assert.is(renamed.body.user.displayName, 'Vàng Văn Sử');
    assert.is(await signedInAs(server, cookie), 200, 'a new display name does not sign anyone out');
    assert.is((await call(server, '/api/auth/me', { cookie })).body.user.displayName, 'Vàng Văn Sử');

    const moved = await patch({ area: '03640' });
    assert.is(moved.status, 200, moved.text);
    assert.is(moved.body.user.area, '03640');
    assert.is(await signedInAs(server, cookie), 401, 'a new area ends the old session');

    cookie = await cookieOf(server, 'vang.a.su');
    const promoted = await patch({ role: 'commune-reviewer' });
    assert.is(promoted.status, 200, promoted.text);
    assert.is(await signedInAs(server, cookie), 401, 'a new role ends the old session');

    cookie = await cookieOf(server, 'vang.a.su');
    const sameAgain = await patch({ role: 'commune-reviewer', area: '03640' });
    assert.is(sameAgain.status, 200);
    assert.is(await signedInAs(server, cookie), 200, 'sending the same role and area changes nothing');

    const disabled = await patch({ disabled: true });
    assert.is(disabled.status, 200);
    assert.is(disabled.body.user.disabled, true);
    assert.is(await signedInAs(server, cookie), 401, 'disabling ends the session');
    assert.is((await login(server, 'vang.a.su', PASSWORD)).status, 401, 'a disabled user cannot sign in');
    assert.equal((await admin.call<{ users: AdminUser[] }>('/api/admin/users?status=disabled')).body.users.map((u) => u.username), ['vang.a.su']);

    const enabled = await patch({ disabled: false });
    assert.is(enabled.body.user.disabled, false);
    assert.is((await login(server, 'vang.a.su', PASSWORD)).status, 200, 'enabled again');
  });

  test('a password reset signs the user out everywhere; the old password stops working', async ({ server }) => {
    const { body: { users } } = await admin.call<{ users: AdminUser[] }>('/api/admin/users?q=vang.a.su');
    const cookies = [await cookieOf(server, 'vang.a.su'), await cookieOf(server, 'vang.a.su')];
    const reset = await admin.call(`/api/admin/users/${users[0]!.id}/password`, { method: 'POST', json: { password: 'mật khẩu mới 2026' } });
    assert.is(reset.status, 200, reset.text);
    for (const cookie of cookies) assert.is(await signedInAs(server, cookie), 401);
    assert.is((await login(server, 'vang.a.su', PASSWORD)).status, 401);
    assert.is((await login(server, 'vang.a.su', 'mật khẩu mới 2026')).status, 200);
  });

  test('an administrator resetting their own password stays signed in here, and only here', async ({ server }) => {
    const own = await signedIn(server, 'admin', '12');
    const elsewhere = await cookieOf(server, own.user.username, TEST_PASSWORD);
    const reset = await own.call(`/api/admin/users/${own.user.id}/password`, { method: 'POST', json: { password: PASSWORD } });
    assert.is(reset.status, 200, reset.text);
    assert.is(await signedInAs(server, own.cookie), 200);
    assert.is(await signedInAs(server, elsewhere), 401);
  });

  test('an administrator cannot disable or demote themselves (409, nothing changes)', async ({ server }) => {
    const before = await usersTable(server);
    for (const json of [{ disabled: true }, { role: 'province-reviewer' }, { displayName: 'Tên khác', role: 'reporter', area: '03637' }]) {
      const r = await admin.call(`/api/admin/users/${admin.user.id}`, { method: 'PATCH', json });
      assert.is(r.status, 409, JSON.stringify(json));
      assert.match(r.body.message, /chính mình/);
    }
    assert.equal(await usersTable(server), before);
    assert.is(await signedInAs(server, admin.cookie), 200);
    const kept = await admin.call(`/api/admin/users/${admin.user.id}`, { method: 'PATCH', json: { role: 'admin', displayName: 'Quản trị tỉnh' } });
    assert.is(kept.status, 200, 'keeping one\'s own role is not a demotion');
  });

  test('a username already taken, in any letter case, is a 409 in Vietnamese', async ({ server }) => {
    const before = await counts(server);
    for (const username of ['vang.a.su', 'VANG.A.SU']) {
      const r = await create(admin, { username, displayName: 'Người khác' });
      assert.is(r.status, 409, username);
      assert.match(r.body.message, /Tên đăng nhập "vang\.a\.su" đã có/);
    }
    assert.equal(await counts(server), before);
  });

  test('bad bodies: 422 with the paths, no row added or changed', async ({ server }) => {
    const before = await counts(server);
    const rows = await usersTable(server);
    const cases: Array<[Record<string, unknown>, string[]]> = [
      [{ username: 'ab' }, ['username']],
      [{ username: 'vàng a sử' }, ['username']],
      [{ username: 'x'.repeat(33) }, ['username']],
      [{ displayName: '   ' }, ['displayName']],
      [{ role: 'boss' }, ['role']],
      [{ area: '99999' }, ['area']],
      [{ password: 'ngan-qua' }, ['password']],
      [{ password: 123456789012 }, ['password']],
      [{ extra: 1 }, ['extra']],
      [{ username: 'bao.cao.tinh', area: '12' }, ['area']],
      [{ username: 'tham.dinh.xa', role: 'commune-reviewer', area: '12' }, ['area']],
      [{ username: 'tham.dinh.tinh', role: 'province-reviewer', area: '03637' }, ['area']],
      [{ username: 'quan.tri.xa', role: 'admin', area: '03637' }, ['area']],
    ];
    for (const [over, paths] of cases) {
      const r = await create(admin, { username: 'nguoi.moi', ...over });
      assert.is(r.status, 422, JSON.stringify(over));
      assert.equal(r.body.issues.map((i: { path: string }) => i.path), paths, JSON.stringify(over));
      for (const issue of r.body.issues) assert.match(issue.message, /[ạ-ỹàáâãèéêìíòóôõùúýăđ]/i, 'a Vietnamese message');
    }
    const reporter = (await admin.call<{ users: AdminUser[] }>('/api/admin/users?q=vang.a.su')).body.users[0]!;
    const patches: Array<[unknown, string[]]> = [
      [{}, ['']],
      [{ role: 'province-reviewer' }, ['area']],
      [{ area: '12' }, ['area']],
      [{ disabled: 'yes' }, ['disabled']],
      [{ displayName: '' }, ['displayName']],
      [{ username: 'doi.ten' }, ['username']],
      [[], ['']],
    ];
    for (const [json, paths] of patches) {
      const r = await admin.call(`/api/admin/users/${reporter.id}`, { method: 'PATCH', json });
      assert.is(r.status, 422, JSON.stringify(json));
      assert.equal(r.body.issues.map((i: { path: string }) => i.path), paths, JSON.stringify(json));
    }
    const short = await admin.call(`/api/admin/users/${reporter.id}/password`, { method: 'POST', json: { password: 'ngắn' } });
    assert.is(short.status, 422);
    assert.equal(short.body.issues, [{ path: 'password', message: 'Mật khẩu cần ít nhất 10 ký tự' }]);
    const notJson = await admin.call('/api/admin/users', { method: 'POST', body: 'username=x', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    assert.is(notJson.status, 415);
    const unknown = await admin.call('/api/admin/users/00000000-0000-4000-8000-000000000000', { method: 'PATCH', json: { displayName: 'Ai đó' } });
    assert.is(unknown.status, 404);
    assert.is((await admin.call('/api/admin/users/khong-phai-id/password', { method: 'POST', json: { password: PASSWORD } })).status, 404);

    assert.equal(await counts(server), before);
    assert.equal(await usersTable(server), rows);
  });

  test('other roles get 403 and change nothing; anonymous gets 401', async ({ server }) => {
    const before = await counts(server);
    for (const [role, area] of [['reporter', '03637'], ['commune-reviewer', '03637'], ['province-reviewer', '12']] as const) {
      const user = await signedIn(server, role, area);
      const r = await create(user, { username: `moi.${role}` });
      assert.is(r.status, 403, role);
      assert.match(r.body.message, /quản trị/);
    }
    assert.is((await create({ call: (p, o) => call(server, p, o) } as Client)).status, 401);
    const after = await counts(server);
    assert.is(after.users, before.users! + 3, 'only the three test users were added');
  });
});
