// UUIDv7 (RFC 9562): made on the phone, a case's id for life; time-ordered so ids sort by creation.
import { hexOf } from './hash';

let lastMs = 0;
let seq = 0;

export function uuidv7(now: number = Date.now()): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  // A counter in rand_a keeps ids made within the same millisecond increasing.
  if (now <= lastMs) { now = lastMs; seq = (seq + 1) & 0xfff; if (seq === 0) now = ++lastMs; }
  else seq = bytes[6]! & 0x07;
  lastMs = now;
  const ms = BigInt(now);
  for (let i = 0; i < 6; i++) bytes[i] = Number((ms >> BigInt(8 * (5 - i))) & 0xffn);
  bytes[6] = 0x70 | ((seq >> 8) & 0x0f);
  bytes[7] = seq & 0xff;
  bytes[8] = 0x80 | (bytes[8]! & 0x3f);
  const hex = hexOf(bytes);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

/** A case named briefly where its subject's name stands beside it (a confirmation, a notice): the id's random
 *  tail, since its head is the creation time, shared by the cases of the same minute. */
export const shortCaseId = (id: string): string => id.slice(-8);
