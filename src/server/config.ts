// Everything the server reads from its environment, parsed once at start. A bad value stops the start with a
// message naming the variable, rather than a server that half works.
import { resolve } from 'node:path';
import type { DiskReserve } from './disk/space';

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  /** postgres://… when set; otherwise SQLite in dataDir/db.sqlite. */
  databaseUrl: string | undefined;
  maxPhotoBytes: number;
  maxJsonBytes: number;
  staticDir: string;
  /** Sliding session lengths in ms: long for reporters (phones offline for weeks), short for everyone else. */
  sessionTtl: { reporter: number; staff: number };
  /** However often it is used, a session ends this long after its sign-in. */
  sessionMaxAge: { reporter: number; staff: number };
  /**
   * The app's own origin ("https://guongsang.example"): absolute links, the Origin state-changing requests must
   * carry, and whether cookies are Secure and HSTS is sent. Never taken from a request's Host.
   */
  publicUrl: string;
  /**
   * PUBLIC_URL was not set (development only): the Origin check also accepts the address a request was sent to,
   * so `npm start` works however the developer reaches it (127.0.0.1, a LAN address, a test relay).
   */
  publicUrlDefaulted: boolean;
  /** Trust the client address our reverse proxy appends to X-Forwarded-For. */
  trustProxy: boolean;
  /** accounts/rate-limit.ts says what each means. */
  login: { windowMs: number; maxPerUser: number; maxPerIp: number; hashConcurrency: number };
  /** Photos no case names are removed this many days after their upload (photos/sweep.ts). */
  photoSweepDays: number;
  /** What one account may hold: its photos and its case revisions (accounts/quota.ts). */
  accountQuotaBytes: number;
  /** Free space the data disk keeps: the smaller of `percent` of it and `bytes` (disk/space.ts). */
  diskReserve: DiskReserve;
  /** On SIGTERM, how long requests in flight may take to finish before they are cut (main.ts). */
  shutdownGraceMs: number;
  /** GET /metrics answers only a request bearing this token; unset: /metrics is a 404 (metrics/routes.ts). */
  metricsToken: string | undefined;
}

export class ConfigError extends Error {}

/** A reporter's few hundred cases with photos over years (~300 KB a photo) fit many times over. */
export const DEFAULT_ACCOUNT_QUOTA = 2 * 1024 ** 3;

const DURATION = /^(\d+(?:\.\d+)?)\s*(ms|s|m|h|d)?$/;
const UNIT_MS = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 } as const;

/** "90d", "12h", "30m", "5s", "1500ms" (a bare number is seconds). */
export function parseDuration(name: string, text: string): number {
  const m = DURATION.exec(text.trim());
  const ms = m ? Number(m[1]) * UNIT_MS[(m[2] ?? 's') as keyof typeof UNIT_MS] : NaN;
  if (!(ms > 0)) throw new ConfigError(`${name}: cần một khoảng thời gian như 90d, 12h, 30m (nhận được "${text}")`);
  return ms;
}

function int(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) throw new ConfigError(`${name}: cần một số nguyên từ ${min} đến ${max} (nhận được "${raw}")`);
  return n;
}

/** METRICS_TOKEN: long enough that guessing it is hopeless (the scraper stores it, nobody types it). */
function metricsToken(env: NodeJS.ProcessEnv): string | undefined {
  const raw = env.METRICS_TOKEN?.trim();
  if (!raw) return undefined;
  if (raw.length < 16 || /\s/.test(raw)) {
    throw new ConfigError('METRICS_TOKEN: cần ít nhất 16 ký tự, không có khoảng trắng, ví dụ kết quả của `openssl rand -hex 32`');
  }
  return raw;
}

/** PUBLIC_URL, or in development the address the server prints when it starts. */
function publicUrl(env: NodeJS.ProcessEnv, host: string, port: number): string {
  const raw = env.PUBLIC_URL?.trim();
  if (!raw) {
    if (env.NODE_ENV === 'production') {
      throw new ConfigError('PUBLIC_URL: bắt buộc khi NODE_ENV=production, là địa chỉ người dùng mở ứng dụng, ví dụ https://guongsang.laichau.gov.vn');
    }
    return `http://${host === '0.0.0.0' || host === '::' ? 'localhost' : host}:${port}`;
  }
  let url: URL | undefined;
  try {
    url = new URL(raw);
  } catch {
    url = undefined;
  }
  if (!url || !/^https?:$/.test(url.protocol) || url.pathname !== '/' || url.search || url.hash || url.username || url.password) {
    throw new ConfigError(`PUBLIC_URL: cần địa chỉ gốc http(s)://tên-miền[:cổng], không có đường dẫn (nhận được "${raw}")`);
  }
  return url.origin;
}

const SIZE = /^(\d+(?:\.\d+)?)\s*(%|b|kb|mb|gb)?$/i;
const UNIT_BYTES = { b: 1, kb: 1024, mb: 1024 ** 2, gb: 1024 ** 3 } as const;

/** DISK_RESERVE: "2%" or a size ("200MB", "512KB", a bare number is bytes); unset: the smaller of 2% and 200 MB. */
function diskReserve(env: NodeJS.ProcessEnv): DiskReserve {
  const raw = env.DISK_RESERVE?.trim();
  if (!raw) return { percent: 2, bytes: 200 * 1024 ** 2 };
  const m = SIZE.exec(raw);
  const n = m ? Number(m[1]) : NaN;
  const unit = (m?.[2] ?? 'b').toLowerCase();
  if (unit === '%' && n >= 0 && n < 100) return { percent: n, bytes: Infinity };
  if (unit !== '%' && n >= 0) return { percent: 100, bytes: Math.ceil(n * UNIT_BYTES[unit as keyof typeof UNIT_BYTES]) };
  throw new ConfigError(`DISK_RESERVE: cần một tỉ lệ như 2% hoặc một dung lượng như 200MB (nhận được "${raw}")`);
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const databaseUrl = env.DATABASE_URL?.trim() || undefined;
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    throw new ConfigError('DATABASE_URL: chỉ hỗ trợ postgres://… (để trống để dùng SQLite trong DATA_DIR)');
  }
  const port = int(env, 'PORT', 8080, 0, 65535);
  const host = env.HOST?.trim() || '0.0.0.0';
  return {
    port,
    host,
    dataDir: resolve(env.DATA_DIR?.trim() || 'data'),
    databaseUrl,
    maxPhotoBytes: int(env, 'MAX_PHOTO_BYTES', 8 * 1024 * 1024, 1024, 1024 * 1024 * 1024),
    maxJsonBytes: int(env, 'MAX_JSON_BYTES', 256 * 1024, 1024, 64 * 1024 * 1024),
    staticDir: resolve(env.STATIC_DIR?.trim() || 'dist'),
    sessionTtl: {
      reporter: parseDuration('SESSION_REPORTER_TTL', env.SESSION_REPORTER_TTL || '90d'),
      staff: parseDuration('SESSION_STAFF_TTL', env.SESSION_STAFF_TTL || '12h'),
    },
    sessionMaxAge: {
      reporter: parseDuration('SESSION_REPORTER_MAX_AGE', env.SESSION_REPORTER_MAX_AGE || '365d'),
      staff: parseDuration('SESSION_STAFF_MAX_AGE', env.SESSION_STAFF_MAX_AGE || '7d'),
    },
    publicUrl: publicUrl(env, host, port),
    publicUrlDefaulted: !env.PUBLIC_URL?.trim(),
    trustProxy: env.TRUST_PROXY === '1' || env.TRUST_PROXY === 'true',
    login: {
      windowMs: parseDuration('LOGIN_WINDOW', env.LOGIN_WINDOW || '15m'),
      maxPerUser: int(env, 'LOGIN_MAX_FAILURES', 5, 1, 10_000),
      // Higher than per user: a commune office shares one address behind its router.
      maxPerIp: int(env, 'LOGIN_MAX_FAILURES_PER_IP', 20, 1, 100_000),
      hashConcurrency: int(env, 'LOGIN_HASH_CONCURRENCY', 2, 1, 64),
    },
    photoSweepDays: int(env, 'PHOTO_SWEEP_DAYS', 30, 1, 3650),
    // 0 means the default, like unset.
    accountQuotaBytes: int(env, 'ACCOUNT_QUOTA_BYTES', DEFAULT_ACCOUNT_QUOTA, 0, Number.MAX_SAFE_INTEGER) || DEFAULT_ACCOUNT_QUOTA,
    diskReserve: diskReserve(env),
    shutdownGraceMs: int(env, 'SHUTDOWN_GRACE_MS', 10_000, 0, 3_600_000),
    metricsToken: metricsToken(env),
  };
}

/** Served over https (PUBLIC_URL says so, whatever a request or a proxy header claims). */
export const servesHttps = (config: Pick<Config, 'publicUrl'>): boolean => config.publicUrl.startsWith('https:');
