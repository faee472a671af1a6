// Scheduled backups' settings and retention: the newest backup of each of the last N days and M weeks is kept.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { backupName } from '../../src/server/backup/layout';
import { backupScheduleFromEnv, backupsToPrune } from '../../src/server/backup/schedule';
import { ConfigError } from '../../src/server/config';

const at = (iso: string) => backupName(new Date(iso));

test('no BACKUP_DIR, no schedule; defaults 24h, 7 daily, 4 weekly; bad values name their variable', () => {
  assert.is(backupScheduleFromEnv({}), undefined);
  const s = backupScheduleFromEnv({ BACKUP_DIR: '/srv/backups' })!;
  assert.equal(s, { dir: '/srv/backups', everyMs: 86_400_000, keepDaily: 7, keepWeekly: 4 });
  assert.is(backupScheduleFromEnv({ BACKUP_DIR: '/b', BACKUP_EVERY: '6h' })!.everyMs, 6 * 3_600_000);
  assert.throws(() => backupScheduleFromEnv({ BACKUP_DIR: '/b', BACKUP_EVERY: 'soon' }), (e: Error) => e instanceof ConfigError && /^BACKUP_EVERY/.test(e.message));
  assert.throws(() => backupScheduleFromEnv({ BACKUP_DIR: '/b', BACKUP_KEEP_DAILY: '0' }), (e: Error) => e instanceof ConfigError && /^BACKUP_KEEP_DAILY/.test(e.message));
});

test('keeps the newest of each of the last 7 days and 4 weeks; removes the rest; ignores other names', () => {
  // Four backups a day (every 6 h) for 60 days up to Saturday 5 December 2026.
  const names: string[] = [];
  for (let h = 0; h < 60 * 24; h += 6) names.push(at(new Date(Date.UTC(2026, 11, 5, 18) - h * 3_600_000).toISOString()));
  names.push('.partial-gs-backup-2026-12-05T19-00-00-000Z-abcd', 'notes.txt');
  const prune = backupsToPrune(names, 7, 4);
  const kept = names.filter((n) => n.startsWith('gs-backup-') && !prune.includes(n)).sort();
  assert.equal(kept, [
    // The newest of the 4 weeks (Mondays 16/11, 23/11, 30/11; this week's is today's newest).
    at('2026-11-15T18:00:00.000Z'), at('2026-11-22T18:00:00.000Z'),
    at('2026-11-29T18:00:00.000Z'), at('2026-11-30T18:00:00.000Z'), at('2026-12-01T18:00:00.000Z'),
    at('2026-12-02T18:00:00.000Z'), at('2026-12-03T18:00:00.000Z'), at('2026-12-04T18:00:00.000Z'), at('2026-12-05T18:00:00.000Z'),
  ].sort());
  assert.not.ok(prune.some((n) => !n.startsWith('gs-backup-')), 'only backups are removed');
  assert.equal(backupsToPrune([at('2026-12-05T00:00:00.000Z')], 7, 4), [], 'a single backup stays');
});

test.run();
