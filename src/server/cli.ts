// Accounts from the command line (the first admin too), on the database the server uses (DATA_DIR / DATABASE_URL):
//   npm run user -- add --username X --role reporter --area 03637 --name "Vàng A Sử" [--password P]
//   npm run user -- list
//   npm run user -- passwd --username X [--password P]
// Without --password: asked for on a terminal, else read from stdin's first line; left empty, one is generated
// and printed once. The rules (username, password of 10+ characters, an area that suits the role) are those of the
// administration screen: shared/admin-protocol.ts.
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import * as v from 'valibot';
import { PasswordSchema, UserDetailsSchema, areaProblem } from '../shared/admin-protocol';
import { areaLabel } from '../shared/reference';
import { ROLES, roleNames } from '../shared/sync-protocol';
import { DuplicateUsername, changePassword, createAccount } from './accounts/manage';
import { generatePassword } from '../shared/admin-protocol';
import { findUserByUsername, listUsers } from './accounts/users';
import { ConfigError, loadConfig } from './config';
import { openDatabase, type Db } from './db/connect';
import { migrateToLatest } from './db/migrations';

class UsageError extends Error {}

const USAGE = `Cách dùng:
  npm run user -- add --username TÊN --role ${ROLES.join('|')} --area MÃ_XÃ|12 --name "Họ tên" [--password MẬT_KHẨU]
  npm run user -- list
  npm run user -- passwd --username TÊN [--password MẬT_KHẨU]`;

/** Answers to the prompts, from one readline interface (a second one would miss lines the first buffered). */
async function ask(prompts: string[], hidden: boolean): Promise<string[]> {
  const tty = process.stdin.isTTY === true;
  const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: tty });
  if (hidden && tty) {
    // Echo nothing while the password is typed: only the prompts are written.
    (rl as unknown as { _writeToOutput: (s: string) => void })._writeToOutput = (s) => {
      if (prompts.some((p) => s.startsWith(p))) process.stdout.write(s);
    };
  }
  const answers: string[] = [];
  const lines = rl[Symbol.asyncIterator]();
  for (const prompt of prompts) {
    if (tty) process.stdout.write(prompt);
    const next = await lines.next();
    if (hidden && tty) process.stdout.write('\n');
    if (next.done) break;
    answers.push(next.value);
  }
  rl.close();
  return answers;
}

/** The password given, typed or piped in; generated (and to be printed) when none. */
async function obtainPassword(given: string | undefined): Promise<{ password: string; generated: boolean }> {
  let password = given;
  if (password === undefined) {
    if (process.stdin.isTTY) {
      const [first = '', second = ''] = await ask(['Mật khẩu (để trống để tạo ngẫu nhiên): ', 'Nhập lại mật khẩu: '], true);
      if (first && first !== second) throw new UsageError('Hai lần nhập mật khẩu không khớp');
      password = first;
    } else {
      password = (await ask([''], false))[0] ?? '';
    }
  }
  if (!password) return { password: generatePassword(), generated: true };
  const checked = v.safeParse(PasswordSchema, password, { abortPipeEarly: true });
  if (!checked.success) throw new UsageError(checked.issues[0].message);
  return { password, generated: false };
}

const OPTION_OF: Record<string, string> = { username: '--username', displayName: '--name', role: '--role', area: '--area' };

async function add(db: Db, values: Record<string, string | undefined>): Promise<void> {
  const details = v.safeParse(UserDetailsSchema,
    { username: values.username ?? '', displayName: values.name ?? '', role: values.role ?? '', area: values.area ?? '' },
    { abortPipeEarly: true });
  if (!details.success) {
    throw new UsageError(details.issues.map((issue) => `${OPTION_OF[v.getDotPath(issue) ?? ''] ?? ''}: ${issue.message}`).join('\n'));
  }
  const { username, displayName, role, area } = details.output;
  const mismatch = areaProblem(role, area);
  if (mismatch) throw new UsageError(`--area: ${mismatch}`);
  if (await findUserByUsername(db, username)) throw new UsageError(`Tên đăng nhập "${username}" đã có`);
  const { password, generated } = await obtainPassword(values.password);
  try {
    await createAccount(db, { username, displayName, role, area, password });
  } catch (err) {
    throw err instanceof DuplicateUsername ? new UsageError(err.message) : err;
  }
  console.log(`Đã tạo tài khoản ${username} (${roleNames[role]}, ${areaLabel(area)}).`);
  if (generated) console.log(`Mật khẩu: ${password}\n(Chỉ hiện một lần: hãy chuyển cho người dùng qua kênh an toàn.)`);
}

async function passwd(db: Db, values: Record<string, string | undefined>): Promise<void> {
  const user = await findUserByUsername(db, values.username ?? '');
  if (!user) throw new UsageError(`Không có tài khoản "${values.username ?? ''}"`);
  const { password, generated } = await obtainPassword(values.password);
  await changePassword(db, user.id, password);
  console.log(`Đã đổi mật khẩu của ${user.username}; mọi phiên đăng nhập cũ đã bị đăng xuất.`);
  if (generated) console.log(`Mật khẩu mới: ${password}`);
}

async function list(db: Db): Promise<void> {
  const users = await listUsers(db);
  if (users.length === 0) console.log('Chưa có tài khoản nào.');
  for (const u of users) {
    const role = (roleNames as Record<string, string>)[u.role] ?? u.role;
    console.log([u.username, role, `${u.area} (${areaLabel(u.area)})`, u.display_name, u.disabled_at ? 'đã khoá' : ''].join('\t').trimEnd());
  }
}

async function main(): Promise<number> {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: {
      username: { type: 'string' }, role: { type: 'string' }, area: { type: 'string' },
      name: { type: 'string' }, password: { type: 'string' }, help: { type: 'boolean', short: 'h' },
    },
  });
  const command = positionals[0];
  if (values.help || !command || !['add', 'list', 'passwd'].includes(command)) {
    console.log(USAGE);
    return values.help ? 0 : 2;
  }
  const db = openDatabase(loadConfig());
  try {
    await migrateToLatest(db);
    if (command === 'add') await add(db, values as Record<string, string | undefined>);
    else if (command === 'passwd') await passwd(db, values as Record<string, string | undefined>);
    else await list(db);
    return 0;
  } finally {
    await db.destroy();
  }
}

main().then((code) => process.exit(code), (err) => {
  if (err instanceof UsageError || err instanceof ConfigError) {
    console.error(`Lỗi: ${err.message}`);
    process.exit(2);
  }
  if (err instanceof TypeError && 'code' in err && String(err.code).startsWith('ERR_PARSE_ARGS')) {
    console.error(`Lỗi: ${err.message}\n${USAGE}`);
    process.exit(2);
  }
  console.error('Lỗi không mong đợi:', err);
  process.exit(1);
});
