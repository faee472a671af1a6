// Files on disk: DATA_DIR, the SQLite database with its -wal/-shm, and the photo folders and files are the
// server's user's alone (0700/0600), whatever umask the server was started with.
import * as assert from 'uvu/assert';
import { randomBytes } from 'node:crypto';
import { readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { suite } from 'uvu';
import { hashPassword } from '../../src/server/accounts/passwords';
import { insertUser } from '../../src/server/accounts/users';
import { openDatabase } from '../../src/server/db/connect';
import { logIn, PASSWORD } from '../support/api-client';
import { DATABASE_KINDS } from '../support/databases';
import { uploadedPhoto } from '../support/photo-uploads';
import { startServerProcess } from '../support/server-process';

const mode = (path: string) => statSync(path).mode & 0o777;

function walk(dir: string, found: string[] = []): string[] {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    found.push(path);
    if (entry.isDirectory()) walk(path, found);
  }
  return found;
}

for (const kind of DATABASE_KINDS) {
  const test = suite(`files on disk [${kind}]`);

  test('DATA_DIR, the database files and photos are 0700/0600 even under umask 000', async () => {
    const root = join(tmpdir(), `gs-modes-${randomBytes(4).toString('hex')}`);
    const dataDir = join(root, 'new', 'data');
    const umask = process.umask(0);
    let server;
    try {
      server = await startServerProcess({ database: kind, env: { DATA_DIR: dataDir } });
    } finally {
      process.umask(umask);
    }
    try {
      // The account goes into the database this server uses (with SQLite, the one in our DATA_DIR).
      const db = openDatabase({ dataDir, databaseUrl: server.databaseUrl });
      await insertUser(db, { username: 'modes', displayName: 'Modes', role: 'reporter', area: '03637', passwordHash: await hashPassword(PASSWORD, 11) });
      await db.destroy();
      const reporter = await logIn(server, 'modes');
      await uploadedPhoto(reporter);
      const files = walk(dataDir);
      if (kind === 'sqlite') {
        for (const name of ['db.sqlite', 'db.sqlite-wal', 'db.sqlite-shm']) assert.ok(files.includes(join(dataDir, name)), name);
      }
      assert.ok(files.some((f) => f.endsWith('.jpg')), 'a photo was written');
      for (const dir of [join(root, 'new'), dataDir]) assert.is(mode(dir).toString(8), '700', dir);
      for (const path of files) {
        assert.is(mode(path).toString(8), statSync(path).isDirectory() ? '700' : '600', path);
      }
    } finally {
      await server.dispose();
      rmSync(root, { recursive: true, force: true });
    }
  });

  test.run();
}
