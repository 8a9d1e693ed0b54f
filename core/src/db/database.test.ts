import {
  chmodSync,
  copyFileSync,
  readFileSync,
  existsSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { DataSource } from 'typeorm';
import { describe, expect, it } from 'vitest';
import { tempDirsOfEachTest } from '../../test-support/temp-dir';
import { Database } from './database';
import { DestinationEntity, ScheduleEntity, SessionEntity, StreamEntity } from './entities/schemas';

const fixture = join(import.meta.dirname, 'fixtures', 'v1-initial.sqlite');
const tmp = tempDirsOfEachTest('asr-db-');

describe('Database', () => {
  it('creates a new database through the migrations, in WAL mode, with foreign keys on', async () => {
    const db = await Database.open({ path: join(tmp(), 'new.sqlite') });
    try {
      expect(await db.journalMode()).toBe('wal');
      const ran = (await db.dataSource.query('SELECT name FROM migrations ORDER BY id')) as {
        name: string;
      }[];
      expect(ran.map((r) => r.name)).toEqual([
        'InitialSchema1764000000000',
        'TransferQueueIndex1764100000000',
        'SecretsOutOfDatabase1764200000000',
        'SessionStopReason1764300000000',
        'NotificationChannels1764400000000',
        'DeadAir1764500000000',
        'PodcastFeeds1764600000000',
        'NativeCaptureTracks1764700000000',
        'ScheduleName1764800000000',
      ]);
      const fk = (await db.dataSource.query('PRAGMA foreign_keys')) as { foreign_keys: number }[];
      expect(fk[0]?.foreign_keys).toBe(1);
      expect(await db.dataSource.showMigrations()).toBe(false);
    } finally {
      await db.close();
    }
  });

  it('upgrades the committed v1 fixture through every later migration and keeps its data', async () => {
    const path = join(tmp(), 'old.sqlite');
    copyFileSync(fixture, path);
    const db = await Database.open({ path });
    try {
      const stream = await db.reader.findOneByOrFail(StreamEntity, { id: 's1' });
      expect(stream.fallbackUrls).toEqual(['http://backup.example/live.mp3']);
      expect(stream.destinationId).toBe('d1');
      const session = await db.reader.findOneByOrFail(SessionEntity, { id: 'x1' });
      expect(session).toMatchObject({
        title: '2026-11-01 Morning Show',
        trackNumber: 2496,
        partial: false,
        gaps: [],
        silences: [],
        deadAir: false,
      });
      // migration 6: an old stream detects dead air with the defaults
      expect(stream).toMatchObject({ silenceThresholdDb: -50, deadAirSeconds: 60 });
      // migration 9: an old schedule has no name
      const schedules = await db.reader.find(ScheduleEntity);
      expect(schedules.length).toBeGreaterThan(0);
      expect(schedules.every((s) => s.name === null)).toBe(true);
      // migration 2 queued the pending transfer that v1 left without a due time
      expect(session.nextTransferAt).toBe('2026-11-01T08:01:00.000Z');
      const indexes = (await db.dataSource.query(
        `SELECT name FROM sqlite_master WHERE type='index' AND tbl_name='sessions' AND name LIKE 'IDX_%'`,
      )) as { name: string }[];
      expect(indexes.map((i) => i.name).sort()).toEqual([
        'IDX_sessions_start',
        'IDX_sessions_stream_start',
        'IDX_sessions_transfer_queue',
      ]);
    } finally {
      await db.close();
    }
  });

  it('moves the passphrases of an old database to 0600 files in CONFIG_DIR/keys, losing none; scrubs URL credentials', async () => {
    const root = tmp();
    const path = join(root, 'old.sqlite');
    const configDir = join(root, 'config');
    copyFileSync(fixture, path);
    const passphrase = ' two words, with blanks kept ';
    const raw = new BetterSqlite3(path);
    raw.prepare(`UPDATE destinations SET passphrase = ? WHERE id = 'd1'`).run(passphrase);
    raw
      .prepare(`UPDATE sessions SET errorMessage = ? WHERE id = 'x1'`)
      .run('ffmpeg: http://dj:on-air-secret@radio.example/live: 401 Unauthorized');
    raw.close();

    // without CONFIG_DIR it cannot move them: it refuses, and the database keeps them
    await expect(Database.open({ path })).rejects.toThrow(/CONFIG_DIR/);
    const kept = new BetterSqlite3(path, { readonly: true });
    expect(kept.prepare(`SELECT passphrase FROM destinations WHERE id = 'd1'`).get()).toEqual({
      passphrase,
    });
    kept.close();

    const db = await Database.open({ path, configDir });
    try {
      const d1 = await db.reader.findOneByOrFail(DestinationEntity, { id: 'd1' });
      const file = join(configDir, 'keys', 'd1.passphrase');
      expect(d1.passphraseFile).toBe(file);
      expect(readFileSync(file, 'utf8')).toBe(passphrase);
      expect(statSync(file).mode & 0o777).toBe(0o600);
      expect(statSync(join(configDir, 'keys')).mode & 0o777).toBe(0o700);
      const columns = (await db.dataSource.query(`PRAGMA table_info("destinations")`)) as {
        name: string;
      }[];
      expect(columns.map((c) => c.name)).not.toContain('passphrase');
      const x1 = await db.reader.findOneByOrFail(SessionEntity, { id: 'x1' });
      expect(x1.errorMessage).toBe(
        'ffmpeg: http://[redacted]@radio.example/live: 401 Unauthorized',
      );
    } finally {
      await db.close();
    }
    // not a byte of it is left in the database files
    for (const file of [path, `${path}-wal`]) {
      const bytes = existsSync(file) ? readFileSync(file) : Buffer.alloc(0);
      expect(bytes.includes(Buffer.from('with blanks kept')), file).toBe(false);
      expect(bytes.includes(Buffer.from('on-air-secret')), file).toBe(false);
    }
  });

  it('keeps its files (database, -wal, -shm) readable by the owner only, also old 0644 ones', async () => {
    const mode = (p: string) => statSync(p).mode & 0o777;
    const path = join(tmp(), 'modes.sqlite');
    const db = await Database.open({ path });
    try {
      await db.write((m) => m.query(`INSERT INTO settings (key,value) VALUES ('k','v')`));
      for (const file of [path, `${path}-wal`, `${path}-shm`]) {
        expect(existsSync(file), file).toBe(true);
        expect(mode(file), file).toBe(0o600);
      }
    } finally {
      await db.close();
    }
    // as an older version left them: readable by everyone
    const old = join(tmp(), 'old.sqlite');
    copyFileSync(fixture, old);
    chmodSync(old, 0o644);
    writeFileSync(`${old}-shm`, '', { mode: 0o644 });
    chmodSync(`${old}-shm`, 0o644);
    const problems: string[] = [];
    const reopened = await Database.open({ path: old, onModeProblem: (m) => problems.push(m) });
    try {
      await reopened.write((m) => m.query(`INSERT INTO settings (key,value) VALUES ('k','v')`));
      for (const file of [old, `${old}-wal`, `${old}-shm`]) expect(mode(file), file).toBe(0o600);
      expect(problems).toEqual([]);
    } finally {
      await reopened.close();
    }
  });

  it('refuses a row that would orphan its parent (foreign keys)', async () => {
    const db = await Database.open({ path: join(tmp(), 'fk.sqlite') });
    try {
      await expect(
        db.write((m) =>
          m.query(
            `INSERT INTO schedules (id,streamId,cronExpression,durationMinutes,createdAt,updatedAt) VALUES ('c','nope','* * * * *',1,'t','t')`,
          ),
        ),
      ).rejects.toThrow(/FOREIGN KEY/);
    } finally {
      await db.close();
    }
  });

  it('serializes overlapping transactions on the shared connection', async () => {
    const path = join(tmp(), 'lock.sqlite');
    const db = await Database.open({ path });
    const insert = (id: string) =>
      db.write(async (m) => {
        await m.query(`INSERT INTO settings (key,value) VALUES (?, 'a')`, [id]);
        await new Promise((r) => setTimeout(r, 20)); // yield while the transaction is open
        await m.query(`UPDATE settings SET value = 'b' WHERE key = ?`, [id]);
      });
    try {
      await Promise.all(Array.from({ length: 10 }, (_, i) => insert(`k${i}`)));
      const rows = (await db.dataSource.query(
        `SELECT value FROM settings WHERE key LIKE 'k%'`,
      )) as { value: string }[];
      expect(rows).toHaveLength(10);
      expect(rows.every((r) => r.value === 'b')).toBe(true);
      // a failed transaction rolls back and does not block the next one
      await expect(
        db.write(async (m) => {
          await m.query(`INSERT INTO settings (key,value) VALUES ('boom','x')`);
          throw new Error('fail');
        }),
      ).rejects.toThrow('fail');
      await insert('after');
      const boom = (await db.dataSource.query(
        `SELECT * FROM settings WHERE key='boom'`,
      )) as unknown[];
      expect(boom).toHaveLength(0);
    } finally {
      await db.close();
    }
  });

  it('shows why: the same overlapping transactions collide without the lock', async () => {
    const ds = new DataSource({ type: 'better-sqlite3', database: ':memory:' });
    await ds.initialize();
    await ds.query(`CREATE TABLE t (k varchar)`);
    const tx = (k: string) =>
      ds.transaction(async (m) => {
        await m.query(`INSERT INTO t VALUES (?)`, [k]);
        await new Promise((r) => setTimeout(r, 20));
      });
    const results = await Promise.allSettled([tx('a'), tx('b')]);
    await ds.destroy();
    expect(results.some((r) => r.status === 'rejected')).toBe(true);
  });
});
