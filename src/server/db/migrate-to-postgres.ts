// npm run migrate-to-postgres -- --from DATA_DIR --to postgres://USER:PASS@HOST/DB
// Moves an SQLite deployment to PostgreSQL, for a province that outgrows SQLite. Stop the server first. The SQLite
// database (DATA_DIR/db.sqlite) is brought to the latest schema, as the server would at start, then copied table
// by table into an EMPTY PostgreSQL database (refused otherwise), made at the latest schema here; then both are
// read again and every table's count and content hash compared. Photos stay where they are: run the server with
// the same DATA_DIR and DATABASE_URL set. Login throttle counters are not copied (they start afresh).
// Exit codes: 0 copied and verified, 1 a difference or an unexpected error, 2 refused (usage, source, target).
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { openDatabase, ping, type Db } from './connect';
import { copyDatabase, tableDigests, tablesWithData } from './copy-to-postgres';
import { migrateToLatest } from './migrations';

class Refusal extends Error {}

const USAGE = `Cách dùng:
  npm run migrate-to-postgres -- --from THƯ_MỤC_DỮ_LIỆU --to postgres://NGƯỜI_DÙNG:MẬT_KHẨU@MÁY/CSDL
Dừng máy chủ trước khi chuyển. CSDL PostgreSQL đích phải trống.`;

const hidePassword = (url: string) => url.replace(/:[^:@/]*@/, ':***@');

async function main(): Promise<number> {
  const { values } = parseArgs({ options: { from: { type: 'string' }, to: { type: 'string' }, help: { type: 'boolean', short: 'h' } } });
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  if (!values.from || !values.to) throw new Refusal(`thiếu --from hoặc --to\n${USAGE}`);
  if (!/^postgres(ql)?:\/\//.test(values.to)) throw new Refusal(`--to phải là địa chỉ postgres://… (nhận được "${hidePassword(values.to)}")`);
  const dataDir = resolve(values.from);
  const file = join(dataDir, 'db.sqlite');
  if (!existsSync(file)) throw new Refusal(`không thấy cơ sở dữ liệu SQLite ${file}`);

  const target = openDatabase({ dataDir, databaseUrl: values.to });
  let source: Db | undefined;
  try {
    await ping(target).catch((err: Error) => { throw new Refusal(`không kết nối được PostgreSQL ${hidePassword(values.to!)}: ${err.message}`); });
    const filled = await tablesWithData(target);
    if (filled.length > 0) {
      throw new Refusal(`CSDL PostgreSQL đích không trống (${filled.map((t) => `${t.table}: ${t.rows} dòng`).join(', ')}). `
        + 'Chỉ chuyển vào một CSDL trống, để không trộn hay ghi đè dữ liệu; tạo một CSDL mới (createdb) rồi chạy lại.');
    }
    source = openDatabase({ dataDir });
    const sourceSteps = await migrateToLatest(source);
    if (sourceSteps.length) console.log(`SQLite: đã áp dụng ${sourceSteps.join(', ')}`);
    await migrateToLatest(target);

    const started = Date.now();
    const copied = await copyDatabase(source, target);
    console.log(`Đã chép ${Object.values(copied).reduce((a, b) => a + b, 0)} dòng trong ${((Date.now() - started) / 1000).toFixed(1)} giây.`);

    const [from, to] = await Promise.all([tableDigests(source), tableDigests(target)]);
    let differences = 0;
    for (const [i, s] of from.entries()) {
      const t = to[i]!;
      const same = s.rows === t.rows && s.sha256 === t.sha256;
      if (!same) differences++;
      console.log(`${s.table.padEnd(18)} ${String(s.rows).padStart(8)} dòng  ${s.sha256.slice(0, 16)}  ${same ? 'khớp' : `KHÁC: PostgreSQL có ${t.rows} dòng, ${t.sha256.slice(0, 16)}`}`);
    }
    if (differences > 0) {
      console.error(`Lỗi: ${differences} bảng khác nhau giữa SQLite và PostgreSQL. Đừng dùng bản chép này; kiểm tra máy chủ đã dừng chưa rồi chạy lại vào một CSDL trống mới.`);
      return 1;
    }
    console.log(`Xong: mọi bảng khớp. Ảnh vẫn ở ${join(dataDir, 'photos')}. Chạy máy chủ với DATA_DIR=${dataDir} và DATABASE_URL=${hidePassword(values.to)}.`);
    return 0;
  } finally {
    await source?.destroy();
    await target.destroy();
  }
}

main().then((code) => process.exit(code), (err: unknown) => {
  if (err instanceof Refusal || (err instanceof TypeError && 'code' in err && String(err.code).startsWith('ERR_PARSE_ARGS'))) {
    console.error(`Lỗi: ${err.message}`);
    process.exit(2);
  }
  console.error('Lỗi không mong đợi:', err);
  process.exit(1);
});
