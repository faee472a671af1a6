// Shared by the server test files: a suite per database, row counts, a GET with the path exactly as written.
// (The API client and the fixtures are in test/support: the browser tests and benches use them too.)
import { request } from 'node:http';
import { suite, type Test } from 'uvu';
import { rowCounts } from '../../src/server/db/migrations';
import { DATABASE_KINDS, type DatabaseKind } from '../support/databases';
import { startServerProcess, type ServerProcess, type ServerProcessOptions } from '../support/server-process';

export interface Ctx { server: ServerProcess; kind: DatabaseKind }

/** The same tests against SQLite and PostgreSQL: one uvu suite per database, each with its own server. */
export function forEachDatabase(name: string, define: (test: Test<Ctx>) => void, options: Omit<ServerProcessOptions, 'database'> = {}): void {
  for (const kind of DATABASE_KINDS) {
    const s = suite<Ctx>(`${name} [${kind}]`, { kind } as Ctx);
    s.before(async (ctx) => {
      ctx.server = await startServerProcess({ ...options, database: kind });
    });
    s.after(async (ctx) => {
      await ctx.server?.dispose();
    });
    define(s);
    s.run();
  }
}

export async function counts(server: ServerProcess): Promise<Record<string, number>> {
  return rowCounts(server.db());
}

/** A GET with the path exactly as written: no normalisation of dot segments or encodings by the client. */
export function rawGet(baseUrl: string, path: string, headers: Record<string, string> = {}): Promise<{ status: number; text: string }> {
  const { hostname, port } = new URL(baseUrl);
  return new Promise((resolve, reject) => {
    const req = request({ host: hostname, port, path, method: 'GET', headers }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (d: string) => { text += d; });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
    });
    req.on('error', reject);
    req.end();
  });
}
