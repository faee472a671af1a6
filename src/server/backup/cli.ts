// Backups from the command line, on the data the server uses (DATA_DIR / DATABASE_URL), while it runs:
//   npm run backup -- --to DIR          a new complete backup folder in DIR (photos linked to the previous one)
//   npm run restore -- --from FOLDER    into an empty DATA_DIR or database, then verify
//   npm run verify                      integrity, every case's photos and their hashes; exit 1 on a problem
//   npm run verify -- --backup FOLDER   a backup's database file and photos against its manifest
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig, type Config } from '../config';
import { openDatabase } from '../db/connect';
import { runBackup } from './backup';
import { RestoreRefused, runRestore } from './restore';
import { summarise, verifyBackup, verifyData } from './verify';

const USAGE = `Cách dùng:
  npm run backup -- --to THƯ_MỤC
  npm run restore -- --from THƯ_MỤC_BẢN_SAO_LƯU
  npm run verify [-- --backup THƯ_MỤC_BẢN_SAO_LƯU]`;

class UsageError extends Error {}

const mb = (bytes: number) => `${(bytes / 1024 ** 2).toFixed(1)} MB`;

async function verify(config: Config): Promise<number> {
  if (!config.databaseUrl && !existsSync(join(config.dataDir, 'db.sqlite'))) {
    console.log(`KHÔNG ĐẠT: không có cơ sở dữ liệu ${join(config.dataDir, 'db.sqlite')}`);
    return 1;
  }
  const db = openDatabase(config);
  try {
    const report = await verifyData(db, config.dataDir);
    console.log(summarise(report));
    return report.problems.length ? 1 : 0;
  } finally {
    await db.destroy();
  }
}

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  const { values } = parseArgs({ args: rest, options: { to: { type: 'string' }, from: { type: 'string' }, backup: { type: 'string' } }, strict: true });
  const config = loadConfig();
  switch (command) {
    case 'backup': {
      if (!values.to) throw new UsageError('Thiếu --to THƯ_MỤC');
      const db = config.databaseUrl ? openDatabase(config) : undefined;
      try {
        const { folder, manifest: m } = await runBackup(config, db, resolve(values.to));
        console.log(`Đã sao lưu vào ${folder}: ${m.counts.cases} hồ sơ, ${m.photos.length} ảnh (${m.stats.photosCopied} chép mới, ${m.stats.photosLinked} liên kết tới bản trước), ghi ${mb(m.stats.bytesWritten)} trong ${(m.stats.ms / 1000).toFixed(1)} giây`);
        if (m.damaged.length) {
          console.log(`CẢNH BÁO: ${m.damaged.length} ảnh hồ sơ dùng bị thiếu hoặc hỏng trong DATA_DIR: ${m.damaged.join(', ')}`);
          return 1;
        }
        return 0;
      } finally {
        await db?.destroy();
      }
    }
    case 'restore': {
      if (!values.from) throw new UsageError('Thiếu --from THƯ_MỤC_BẢN_SAO_LƯU');
      const m = await runRestore(config, resolve(values.from));
      console.log(`Đã khôi phục bản sao lưu lúc ${m.createdAt}: ${m.counts.cases} hồ sơ, ${m.photos.length} ảnh. Đang kiểm tra…`);
      return verify(config);
    }
    case 'verify': {
      if (!values.backup) return verify(config);
      const report = await verifyBackup(resolve(values.backup));
      console.log(summarise(report));
      return report.problems.length ? 1 : 0;
    }
    default:
      throw new UsageError(command ? `Lệnh không rõ: ${command}` : 'Thiếu lệnh');
  }
}

main(process.argv.slice(2)).then(
  (code) => { process.exitCode = code; },
  (err: unknown) => {
    if (err instanceof UsageError) console.error(`${err.message}\n${USAGE}`);
    else if (err instanceof ConfigError || err instanceof RestoreRefused) console.error(`Lỗi: ${err.message}`);
    else if ((err as NodeJS.ErrnoException).code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') console.error(`${(err as Error).message}\n${USAGE}`);
    else console.error(err);
    process.exitCode = 2;
  },
);
