// SHA-256 with Web Crypto (pages, workers and Node alike): how photos are named everywhere in the app.

/** Lower-case hex of some bytes. */
export const hexOf = (bytes: Uint8Array): string => Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');

/** The lower-case hex SHA-256 of some bytes. */
export async function sha256Hex(bytes: ArrayBuffer | Uint8Array<ArrayBuffer>): Promise<string> {
  return hexOf(new Uint8Array(await crypto.subtle.digest('SHA-256', bytes)));
}
