// A photo PUT whose body the test sends in two parts, on a connection of its own (node:http, no keep-alive
// pool): the server is inside the handler, writing the first part to the upload's partial file, until finish()
// sends the rest.
import { request } from 'node:http';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Client } from './api-client';
import { sha256 } from './photo-uploads';

export interface HeldReply { status: number; headers: Record<string, string | string[] | undefined>; body: any }

export interface HeldUpload {
  /** Sends the rest of the body. */
  finish(): void;
  /** Drops the connection, as a link that goes dead does. */
  cut(): void;
  /** The answer, or the error of a connection that was cut. */
  reply: Promise<HeldReply | Error>;
}

/**
 * Sends `firstBytes` of the photo's body and holds. From 0 as a PUT, or with `offset` as the PATCH that resumes
 * an upload (then the body is the bytes from `offset` on, and `firstBytes` counts from there).
 */
export function heldPhotoUpload(baseUrl: string, client: Client, bytes: Buffer, firstBytes: number, o: { offset?: number } = {}): HeldUpload {
  const { hostname, port } = new URL(baseUrl);
  const offset = o.offset ?? 0;
  const body = bytes.subarray(offset);
  const req = request({
    host: hostname, port, method: offset > 0 ? 'PATCH' : 'PUT', path: `/api/photos/${sha256(bytes)}`, agent: false,
    headers: {
      'content-length': String(body.length), cookie: client.cookie,
      ...(offset > 0
        ? { 'content-type': 'application/offset+octet-stream', 'upload-offset': String(offset), 'upload-length': String(bytes.length) }
        : { 'content-type': 'image/jpeg' }),
    },
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
  req.write(body.subarray(0, firstBytes));
  return { finish: () => { req.end(body.subarray(firstBytes)); }, cut: () => { req.destroy(); }, reply };
}

export interface PartialFile { path: string; bytes: number }

/** Unfinished photo uploads on the server's disk (DATA_DIR/photos/partial/<account>/<sha256>.part), with their sizes. */
export function partialUploads(dataDir: string): PartialFile[] {
  const root = join(dataDir, 'photos', 'partial');
  if (!existsSync(root)) return [];
  return readdirSync(root).flatMap((account) => readdirSync(join(root, account))
    .map((name) => join(root, account, name))
    .map((path) => ({ path, bytes: statSync(path).size })));
}
