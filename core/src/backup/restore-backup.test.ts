import { readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { backupDocumentSchema, type BackupDocument } from '../../contract/operations/backup';
import {
  DestinationEntity,
  ScheduleEntity,
  SessionEntity,
  StreamEntity,
} from '../db/entities/schemas';
import { NotificationChannelEntity } from '../db/entities/alert-schemas';
import { createBackup } from './create-backup';
import { formatWall } from '../../contract/dst';
import { restoreBackup } from './restore-backup';
import {
  closeAfterEach,
  configuredInstallation,
  jpeg,
  plainKey,
  session,
  snapshotAll,
  WEBHOOK_SECRET,
  restoreDeps,
} from './test-support';

const opened = closeAfterEach();
const configured = async () => opened(await configuredInstallation());

const parse = (doc: unknown): BackupDocument => backupDocumentSchema.parse(doc);

describe('restoreBackup onto a configured installation', () => {
  it('replaces the configuration, keeps sessions and their links, and tidies replaced files', async () => {
    const inst = await configured();
    const doc = await createBackup(inst);
    const newArt = await jpeg(40, 40, '#112233');
    const changed = parse({
      ...doc,
      destinations: [{ ...doc.destinations[0], privateKey: plainKey, passphrase: null }],
      streams: [
        doc.streams[0],
        { ...doc.streams[1], destinationId: 'dest-a', artwork: null },
        {
          ...doc.streams[2],
          id: 'stream-4',
          name: 'New Show',
          artwork: newArt.toString('base64'),
        },
      ],
      schedules: [doc.schedules[0], { ...doc.schedules[2], id: 'sched-4', streamId: 'stream-4' }],
      settings: { ...doc.settings, retentionDays: 0 },
    });
    const unrelated = join(inst.settings.artworkDir, 'readme.txt');
    await writeFile(unrelated, 'not ours to remove');

    expect(await restoreBackup(restoreDeps(inst), changed)).toEqual({
      destinations: 1,
      streams: 3,
      schedules: 2,
      notificationChannels: 3,
      settings: 10,
    });

    const after = await createBackup(inst);
    expect({ ...after, createdAt: changed.createdAt }).toEqual(changed);
    const m = inst.db.reader;
    expect((await m.find(DestinationEntity)).map((d) => d.id)).toEqual(['dest-a']);
    expect((await m.find(StreamEntity, { order: { id: 'ASC' } })).map((s) => s.id)).toEqual([
      'stream-1',
      'stream-2',
      'stream-4',
    ]);
    expect((await m.find(ScheduleEntity, { order: { id: 'ASC' } })).map((s) => s.id)).toEqual([
      'sched-1',
      'sched-4',
    ]);
    // the session's schedule was kept (updated in place, not deleted and re-created)
    expect(await m.findOneByOrFail(SessionEntity, { id: 'session-1' })).toEqual(
      session('session-1', 'stream-1', 'sched-1'),
    );
    expect(await readFile(join(inst.settings.configDir, 'keys', 'dest-a.pem'), 'utf8')).toBe(
      plainKey,
    );
    expect((await readdir(inst.settings.artworkDir)).sort()).toEqual([
      'readme.txt',
      'stream-1.jpg',
      'stream-4.jpg',
    ]);
    expect((await readFile(join(inst.settings.artworkDir, 'stream-4.jpg'))).equals(newArt)).toBe(
      true,
    );
    expect(inst.runtime.get().retentionDays).toBe(0);
    expect(inst.scheduler.reloads).toEqual([undefined]);
    const made = formatWall(inst.settings.timeZone, Date.parse(changed.createdAt));
    expect(made).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d$/);
    expect(inst.logger.entries.map((e) => e.message)).toContain(
      `Restored the backup made ${made} ${inst.settings.timeZone}: 1 destinations, 3 streams, 2 schedules, 3 notification channels, 10 settings.`,
    );
  });

  it('replaces the channels: secrets staged into 0600 files, replaced ones removed', async () => {
    const inst = await configured();
    const doc = await createBackup(inst);
    const keys = join(inst.settings.configDir, 'keys');
    const [hook, ntfy, mail] = doc.notificationChannels ?? [];
    const changed = parse({
      ...doc,
      notificationChannels: [
        { ...hook, secret: 'another webhook secret, long enough' },
        { ...ntfy, token: 'tk_abc123' },
        { ...mail, id: 'chan-mail-2', name: 'Mail 2', password: null },
      ],
    });

    expect(await restoreBackup(restoreDeps(inst), changed)).toMatchObject({
      notificationChannels: 3,
    });

    const rows = await inst.db.reader.find(NotificationChannelEntity, { order: { id: 'ASC' } });
    expect(rows.map((c) => [c.id, c.secretFile])).toEqual([
      ['chan-hook', join(keys, 'channel-chan-hook.secret')],
      ['chan-mail-2', null],
      ['chan-ntfy', join(keys, 'channel-chan-ntfy.secret')],
    ]);
    expect(await readFile(join(keys, 'channel-chan-hook.secret'), 'utf8')).toBe(
      'another webhook secret, long enough',
    );
    expect((await stat(join(keys, 'channel-chan-ntfy.secret'))).mode & 0o777).toBe(0o600);
    // the removed channel's secret is gone; nothing temporary left
    expect((await readdir(keys)).sort()).toEqual([
      'channel-chan-hook.secret',
      'channel-chan-ntfy.secret',
      'dest-a.passphrase',
      'dest-a.pem',
    ]);
    const after = await createBackup(inst);
    expect({ ...after, createdAt: changed.createdAt }).toEqual(changed);
  });

  it('keeps the channels (rows and secrets) when the backup lists none (written before they existed)', async () => {
    const inst = await configured();
    const { notificationChannels: _channels, ...old } = await createBackup(inst);
    const before = await inst.db.reader.find(NotificationChannelEntity, { order: { id: 'ASC' } });

    expect(await restoreBackup(restoreDeps(inst), parse(old))).toMatchObject({
      notificationChannels: 3,
    });

    expect(await inst.db.reader.find(NotificationChannelEntity, { order: { id: 'ASC' } })).toEqual(
      before,
    );
    expect(
      await readFile(join(inst.settings.configDir, 'keys', 'channel-chan-hook.secret'), 'utf8'),
    ).toBe(WEBHOOK_SECRET);
    expect(inst.logger.entries.map((e) => e.message)).toContainEqual(
      expect.stringContaining('3 notification channels (kept: the backup lists none)'),
    );
  });

  it('refuses (CONFLICT) a backup that lacks a stream with sessions, naming it; nothing changes', async () => {
    const inst = await configured();
    const doc = await createBackup(inst);
    const without = parse({
      ...doc,
      streams: doc.streams.filter((s) => s.id !== 'stream-1'),
      schedules: doc.schedules.filter((s) => s.streamId !== 'stream-1'),
    });
    const before = await snapshotAll(inst);
    await expect(restoreBackup(restoreDeps(inst), without)).rejects.toMatchObject({
      code: 'CONFLICT',
      field: 'streams',
      message: expect.stringContaining('lacks stream “Morning Show”, which recorded') as string,
    });
    const error = await restoreBackup(restoreDeps(inst), without).catch((e: unknown) => e);
    expect((error as Error).message).not.toContain('stream-1');
    expect(await snapshotAll(inst)).toEqual(before);
    expect(inst.scheduler.reloads).toEqual([]);
  });

  it('a failure inside the transaction rolls everything back and removes the staged files', async () => {
    const inst = await configured();
    const doc = await createBackup(inst);
    const changed = parse({
      ...doc,
      streams: doc.streams.map((s) => ({ ...s, artwork: null, name: `${s.name} 2` })),
      destinations: doc.destinations.map((d) => ({
        ...d,
        privateKey: plainKey,
        privateKeyPath: null,
        passphrase: null,
      })),
    });
    await inst.db.dataSource.query(
      `CREATE TRIGGER fail_restore BEFORE UPDATE ON streams BEGIN SELECT RAISE(ABORT, 'disk on fire'); END`,
    );
    const before = await snapshotAll(inst);
    await expect(restoreBackup(restoreDeps(inst), changed)).rejects.toThrow('disk on fire');
    expect(await snapshotAll(inst)).toEqual(before); // also: no temporary files anywhere
  });

  it('a scheduler that cannot reload is logged; the restore stands', async () => {
    const inst = await configured();
    const doc = await createBackup(inst);
    const failing = {
      ...restoreDeps(inst),
      scheduler: {
        reload: () => Promise.reject(new Error('cron engine stopped')),
        nextRunTime: () => null,
      },
    };
    await expect(restoreBackup(failing, doc)).resolves.toMatchObject({ streams: 3 });
    expect(inst.logger.entries.at(-1)).toMatchObject({
      level: 'error',
      message: expect.stringContaining('cron engine stopped') as string,
    });
  });

  it('restores run one at a time: files always match the rows of the last one', async () => {
    const inst = await configured();
    const doc = await createBackup(inst);
    const red = (await jpeg(8, 8, '#ff0000')).toString('base64');
    const blue = (await jpeg(8, 8, '#0000ff')).toString('base64');
    const a = parse({ ...doc, streams: doc.streams.map((s) => ({ ...s, artwork: red })) });
    const b = parse({
      ...doc,
      streams: doc.streams.map((s) => ({ ...s, artwork: blue, name: `${s.name} B` })),
    });
    await Promise.all([restoreBackup(restoreDeps(inst), a), restoreBackup(restoreDeps(inst), b)]);
    const after = await createBackup(inst);
    expect(after.streams).toEqual(b.streams);
  });
});
