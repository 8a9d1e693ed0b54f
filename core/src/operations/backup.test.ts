import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { BackupDocument } from '../../contract/operations/backup';
import { DestinationEntity, StreamEntity } from '../db/entities/schemas';
import {
  configuredInstallation,
  emptyInstallation,
  encryptedKey,
  jpeg,
  snapshotAll,
  type Installation,
} from '../backup/test-support';
import { backupOperations } from './backup';
import type { OperationContext } from './context';
import { OperationTable } from './operation-table';

const open: Installation[] = [];
afterEach(async () => {
  for (const inst of open.splice(0)) await inst.close();
});

const table = new OperationTable<OperationContext>(backupOperations);
const ctxOf = (inst: Installation) => inst as unknown as OperationContext;
const takeBackup = (inst: Installation) =>
  table.invoke('backup.get', {}, ctxOf(inst)) as Promise<BackupDocument>;
const restore = (inst: Installation, doc: unknown) =>
  table.invoke('backup.restore', doc, ctxOf(inst));
/** The key's first two lines (its header and the first line of its body) and its footer. */
const truncatedKey = (key: string) => {
  const lines = key.trimEnd().split('\n');
  return [...lines.slice(0, 2), lines.at(-1)].join('\n') + '\n';
};
// through JSON, as HTTP carries it
const wire = (doc: BackupDocument) => JSON.parse(JSON.stringify(doc)) as BackupDocument;

async function installation(kind: 'configured' | 'empty') {
  const inst = kind === 'configured' ? await configuredInstallation() : await emptyInstallation();
  open.push(inst);
  return inst;
}

describe('backup.get', () => {
  it('answers every destination (with its key text and passphrase), stream (artwork inlined), schedule and setting', async () => {
    const inst = await installation('configured');
    const doc = await takeBackup(inst);
    expect(doc).toMatchObject({
      format: 'audio-stream-recorder-backup',
      version: 1,
      createdAt: '2026-11-24T06:00:00.000Z',
      appVersion: '1.0.0-test',
      settings: {
        maxConcurrentRecordings: 6,
        cleanupAfterTransfer: false,
        retentionDays: 14,
        minFreeDiskMb: 2048,
        logLevel: 'debug',
      },
    });
    expect(doc.destinations.map((d) => [d.id, d.privateKey, d.passphrase])).toEqual([
      ['dest-a', encryptedKey, 'correct horse battery staple'],
      ['dest-b', null, null],
    ]);
    expect(doc.destinations[1]?.privateKeyPath).toBe('/home/radio/.ssh/id_ed25519');
    const art = await readFile(join(inst.settings.artworkDir, 'stream-1.jpg'));
    expect(doc.streams.map((s) => s.id)).toEqual(['stream-1', 'stream-2', 'stream-3']);
    expect(Buffer.from(doc.streams[0]?.artwork ?? '', 'base64').equals(art)).toBe(true);
    expect(doc.streams[2]?.artwork).toBeNull();
    expect(doc.schedules.map((s) => s.id)).toEqual(['sched-1', 'sched-2', 'sched-3']);
    // no paths of this machine in the document
    expect(JSON.stringify(doc)).not.toContain(inst.root);
    // logged without secrets
    const logged = inst.logger.entries.map((e) => e.message).join('\n');
    expect(logged).toContain('Backup taken');
    expect(logged).not.toContain('correct horse');
  });
});

describe('backup.restore', () => {
  it('backup → fresh installation → restore gives back the identical configuration', async () => {
    const source = await installation('configured');
    const doc = await takeBackup(source);
    const target = await installation('empty');

    expect(await restore(target, wire(doc))).toEqual({
      destinations: 2,
      streams: 3,
      schedules: 3,
      settings: 9,
    });

    const again = await takeBackup(target);
    expect(again).toEqual(doc);
    expect(target.runtime.get()).toEqual(source.runtime.get());
    expect(target.scheduler.reloads).toEqual([undefined]);

    // rows equal but for where this installation keeps its files
    const rows = async (inst: Installation) => ({
      destinations: (await inst.db.reader.find(DestinationEntity, { order: { id: 'ASC' } })).map(
        ({ storedKeyFile, ...d }) => ({ ...d, hasKey: storedKeyFile !== null }),
      ),
      streams: (await inst.db.reader.find(StreamEntity, { order: { id: 'ASC' } })).map(
        ({ artworkFile, ...s }) => ({ ...s, hasArt: artworkFile !== null }),
      ),
    });
    expect(await rows(target)).toEqual(await rows(source));

    // the files themselves: same bytes, key readable by the owner only
    const dest = await target.db.reader.findOneByOrFail(DestinationEntity, { id: 'dest-a' });
    expect(dest.storedKeyFile).toBe(join(target.settings.configDir, 'keys', 'dest-a.pem'));
    expect(await readFile(dest.storedKeyFile ?? '', 'utf8')).toBe(encryptedKey);
    expect((await stat(dest.storedKeyFile ?? '')).mode & 0o777).toBe(0o600);
    expect((await stat(join(target.settings.configDir, 'keys'))).mode & 0o777).toBe(0o700);
    for (const id of ['stream-1', 'stream-2']) {
      const s = await target.db.reader.findOneByOrFail(StreamEntity, { id });
      expect(s.artworkFile).toBe(join(target.settings.artworkDir, `${id}.jpg`));
      expect(
        (await readFile(s.artworkFile ?? '')).equals(
          await readFile(join(source.settings.artworkDir, `${id}.jpg`)),
        ),
      ).toBe(true);
    }
    // no temporary files left behind
    expect(await readdir(target.settings.artworkDir)).toEqual(['stream-1.jpg', 'stream-2.jpg']);
    expect(await readdir(join(target.settings.configDir, 'keys'))).toEqual(['dest-a.pem']);
  });

  it('restores a backup written before the notification settings existed, with their defaults', async () => {
    const source = await installation('configured');
    const doc = wire(await takeBackup(source));
    const {
      notifyRecordingStarted: _a,
      notifyRecordingCompleted: _b,
      notifyRecordingFailed: _c,
      notifyTransferFailed: _d,
      ...oldSettings
    } = doc.settings;
    const target = await installation('empty');
    await target.runtime.update({ notifyRecordingCompleted: false, notifyRecordingStarted: true });

    await restore(target, { ...doc, settings: oldSettings });

    expect(target.runtime.get()).toEqual({
      ...oldSettings,
      notifyRecordingStarted: false,
      notifyRecordingCompleted: true,
      notifyRecordingFailed: true,
      notifyTransferFailed: true,
    });
  });

  describe('a damaged backup changes nothing', () => {
    const cases: [string, (doc: BackupDocument) => unknown, Record<string, unknown>][] = [
      ['not an object', () => 'backup', { code: 'VALIDATION_FAILED' }],
      [
        'wrong format tag',
        (d) => ({ ...d, format: 'something-else' }),
        { code: 'VALIDATION_FAILED', field: 'format' },
      ],
      [
        'unknown version',
        (d) => ({ ...d, version: 2 }),
        { code: 'VALIDATION_FAILED', field: 'version' },
      ],
      [
        'streams not a list',
        (d) => ({ ...d, streams: 'nope' }),
        { code: 'VALIDATION_FAILED', field: 'streams' },
      ],
      [
        'settings missing',
        ({ settings: _s, ...d }) => d,
        { code: 'VALIDATION_FAILED', field: 'settings' },
      ],
      [
        'a port as text',
        (d) => ({ ...d, destinations: [{ ...d.destinations[0], port: '22' }] }),
        { code: 'VALIDATION_FAILED', field: 'destinations.0.port' },
      ],
      [
        'a setting out of range',
        (d) => ({ ...d, settings: { ...d.settings, retentionDays: 9999 } }),
        { code: 'VALIDATION_FAILED', field: 'settings.retentionDays' },
      ],
      [
        'an unknown field',
        (d) => ({ ...d, schedules: [{ ...d.schedules[0], cron: 'x' }] }),
        { code: 'VALIDATION_FAILED' },
      ],
      [
        'a dangling destination reference',
        (d) => ({ ...d, destinations: d.destinations.filter((x) => x.id !== 'dest-b') }),
        { code: 'VALIDATION_FAILED', field: 'streams.1.destinationId' },
      ],
      [
        'a dangling stream reference',
        (d) => ({
          ...d,
          schedules: d.schedules.map((s, i) => (i === 2 ? { ...s, streamId: 'gone' } : s)),
        }),
        { code: 'VALIDATION_FAILED', field: 'schedules.2.streamId' },
      ],
      [
        'a duplicate id',
        (d) => ({ ...d, schedules: [...d.schedules, d.schedules[0]] }),
        { code: 'VALIDATION_FAILED', field: 'schedules.3.id' },
      ],
      [
        'an id that is not a file name',
        (d) => ({ ...d, streams: d.streams.map((s, i) => (i === 2 ? { ...s, id: '../x' } : s)) }),
        { code: 'VALIDATION_FAILED', field: 'streams.2.id' },
      ],
      [
        'artwork that is not base64',
        (d) => ({ ...d, streams: d.streams.map((s) => ({ ...s, artwork: '/9j/%%%not base64' })) }),
        { code: 'VALIDATION_FAILED', field: 'streams.0.artwork' },
      ],
      [
        'artwork that is base64 of something else',
        (d) => ({
          ...d,
          streams: d.streams.map((s, i) =>
            i === 1 ? { ...s, artwork: Buffer.from('GIF89a....').toString('base64') } : s,
          ),
        }),
        { code: 'VALIDATION_FAILED', field: 'streams.1.artwork' },
      ],
      [
        'a cut-off JPEG',
        (d) => ({
          ...d,
          streams: d.streams.map((s, i) =>
            i === 1
              ? {
                  ...s,
                  artwork: cut(s.artwork ?? ''),
                }
              : s,
          ),
        }),
        { code: 'INVALID_IMAGE', field: 'streams.1.artwork' },
      ],
      [
        'a damaged private key',
        (d) => ({
          ...d,
          // cut after its first line: always damaged, whatever the generated key holds (cutting
          // a few letters out of a random key left about one key in 20 readable)
          destinations: d.destinations.map((x, i) =>
            i === 0 ? { ...x, privateKey: truncatedKey(x.privateKey ?? '') } : x,
          ),
        }),
        { code: 'VALIDATION_FAILED', field: 'destinations.0.privateKey' },
      ],
      [
        'a wrong passphrase',
        (d) => ({
          ...d,
          destinations: d.destinations.map((x, i) => (i === 0 ? { ...x, passphrase: 'no' } : x)),
        }),
        { code: 'VALIDATION_FAILED', field: 'destinations.0.passphrase' },
      ],
      [
        'a file: stream URL',
        (d) => ({
          ...d,
          streams: d.streams.map((s, i) =>
            i === 2 ? { ...s, streamUrl: 'file:///etc/passwd' } : s,
          ),
        }),
        { code: 'UNSUPPORTED_URL_SCHEME', field: 'streams.2.streamUrl' },
      ],
      [
        'a concat: fallback URL',
        (d) => ({
          ...d,
          streams: d.streams.map((s, i) =>
            i === 0 ? { ...s, fallbackUrls: ['https://ok.example.org/', 'concat:a|b'] } : s,
          ),
        }),
        { code: 'UNSUPPORTED_URL_SCHEME', field: 'streams.0.fallbackUrls.1' },
      ],
      [
        'a bad cron expression',
        (d) => ({
          ...d,
          schedules: d.schedules.map((s, i) =>
            i === 1 ? { ...s, cronExpression: '61 * * * *' } : s,
          ),
        }),
        { code: 'VALIDATION_FAILED', field: 'schedules.1.cronExpression' },
      ],
      [
        'an unknown time zone',
        (d) => ({
          ...d,
          schedules: d.schedules.map((s, i) => (i === 0 ? { ...s, timezone: 'Mars/Olympus' } : s)),
        }),
        { code: 'VALIDATION_FAILED', field: 'schedules.0.timezone' },
      ],
    ];

    it.each(cases)('%s', async (_name, damage, expected) => {
      // the backup of another configuration, so that applying it would change everything
      const other = await installation('configured');
      await other.db.write((m) =>
        m.update(StreamEntity, { id: 'stream-3' }, { name: 'Renamed elsewhere' }),
      );
      const doc = wire(await takeBackup(other));
      const inst = await installation('configured');
      await writeExtraArtwork(inst);
      const before = await snapshotAll(inst);

      await expect(restore(inst, damage(doc))).rejects.toMatchObject(expected);

      expect(await snapshotAll(inst)).toEqual(before);
      expect(inst.scheduler.reloads).toEqual([]);
    });
  });
});

/** The first half of a base64 JPEG: it starts like one but its data is cut off. */
function cut(base64: string): string {
  const bytes = Buffer.from(base64, 'base64');
  return bytes.subarray(0, Math.floor(bytes.length / 2)).toString('base64');
}

/** A changed cover, so that a restore that wrote artwork would show. */
async function writeExtraArtwork(inst: Installation) {
  const { writeFile } = await import('node:fs/promises');
  await writeFile(join(inst.settings.artworkDir, 'stream-1.jpg'), await jpeg(16, 16, '#00ff00'));
}
