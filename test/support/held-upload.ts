// A photo PUT whose body the test sends in two parts, on a connection of its own (node:http, no keep-alive
// pool): the server is inside the handler, writing the first part to a temp file, until finish() sends the rest.
import { request } from 'node:http';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Client } from './api-client';
import { sha256 } from './photo-uploads';

export interface HeldReply { status: number; headers: Record<string, string | string[] | undefined>; body: any }

export interface HeldUpload {
  /** Sends the rest of the body. */
  finish(): void;
  /** The answer, or the error of a connection that was cut. */
  reply: Promise<HeldReply | Error>;
}

export function heldPhotoUpload(baseUrl: string, client: Client, bytes: Buffer, firstBytes: number): HeldUpload {
  const { hostname, port } = new URL(baseUrl);
  const req = request({
    host: hostname, port, method: 'PUT', path: `/api/photos/${sha256(bytes)}`, agent: false,
    headers: { 'content-type': 'image/jpeg', 'content-length': String(bytes.length), cookie: client.cookie },
  });
  const reply = new Promise<HeldReply | Error>((resolve) => {
    req.on('error', resolve);
    req.on('response', (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (d: string) => { text += d; });
      res.on('error', resolve);
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text ? JSON.parse(text) : undefined }));
    });
  });
  req.write(bytes.subarray(0, firstBytes));
  return { finish: () => { req.end(bytes.subarray(firstBytes)); }, reply };
}

/** The temp files of uploads in progress (DATA_DIR/photos/tmp). */
export const tempFiles = (dataDir: string): string[] => readdirSync(join(dataDir, 'photos', 'tmp'));
