// Password hashing with scrypt (node:crypto): random salt per password, parameters kept in the hash string
// so they can be raised later without invalidating old hashes, constant-time comparison.
import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

const DEFAULT = { ln: 15, r: 8, p: 1 }; // N = 2^15: 32 MiB and ~0.1 s per hash on a small server
const KEY_LENGTH = 32;
const FORMAT = /^\$scrypt\$ln=(\d{1,2}),r=(\d{1,2}),p=(\d{1,2})\$([A-Za-z0-9+/]+={0,2})\$([A-Za-z0-9+/]+={0,2})$/;

function derive(password: string, salt: Buffer, ln: number, r: number, p: number, keylen: number): Promise<Buffer> {
  const N = 2 ** ln;
  const options: ScryptOptions = { N, r, p, maxmem: 256 * N * r * p };
  // NFC: the same Vietnamese password typed on two keyboards may arrive composed or decomposed.
  return new Promise((resolve, reject) =>
    scrypt(password.normalize('NFC'), salt, keylen, options, (err, key) => (err ? reject(err) : resolve(key))));
}

/** `ln` (log2 of N) is for tests, which hash many throwaway passwords; accounts use the default. */
export async function hashPassword(password: string, ln = DEFAULT.ln): Promise<string> {
  const { r, p } = DEFAULT;
  const salt = randomBytes(16);
  const key = await derive(password, salt, ln, r, p, KEY_LENGTH);
  return `$scrypt$ln=${ln},r=${r},p=${p}$${salt.toString('base64')}$${key.toString('base64')}`;
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const m = FORMAT.exec(stored);
  if (!m) return false;
  const [ln, r, p] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (ln < 10 || ln > 20 || r < 1 || r > 32 || p < 1 || p > 16) return false;
  const expected = Buffer.from(m[5]!, 'base64');
  if (expected.length < 16) return false;
  const actual = await derive(password, Buffer.from(m[4]!, 'base64'), ln, r, p, expected.length);
  return timingSafeEqual(actual, expected);
}

let dummy: Promise<string> | undefined;

/** Spends the time of a real check, so an unknown username answers no faster than a wrong password. */
export async function verifyAgainstDummy(password: string): Promise<false> {
  dummy ??= hashPassword('not-a-real-password');
  await verifyPassword(password, await dummy);
  return false;
}
