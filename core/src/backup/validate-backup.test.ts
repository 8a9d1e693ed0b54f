import { describe, expect, it } from 'vitest';
import {
  BACKUP_FORMAT,
  MAX_BACKUP_ARTWORK_BYTES,
  type BackupDocument,
} from '../../contract/operations/backup';
import { backupSchedule, settingsValues } from '../../contract/testing/backup-fixtures';
import { encryptedKey, jpeg, PASSPHRASE } from './test-support';
import { validateBackup } from './validate-backup';

const rules = { configDir: '/nonexistent/config', timeZone: 'Europe/Berlin' };
const checkBackup = (doc: BackupDocument) => validateBackup(doc, rules);

const t = '2026-11-24T06:00:00.000Z';

async function doc(over: Partial<BackupDocument> = {}): Promise<BackupDocument> {
  return {
    format: BACKUP_FORMAT,
    version: 1,
    createdAt: t,
    destinations: [
      {
        id: 'd',
        name: 'D',
        host: 'h',
        port: 22,
        username: 'u',
        remoteDir: '/r',
        privateKeyPath: null,
        privateKey: encryptedKey,
        passphrase: PASSPHRASE,
        hostKeyFingerprint: null,
        transferMode: 'fastPut',
        createdAt: t,
        updatedAt: t,
      },
    ],
    streams: [
      {
        id: 's',
        name: 'S',
        streamUrl: 'icy://radio.example.org/live',
        fallbackUrls: ['rtmp://x.example.org/live'],
        artist: 'A',
        album: 'B',
        albumArtist: 'C',
        genre: null,
        outputFilenamePattern: null,
        destinationId: 'd',
        mp3BitrateKbps: 192,
        artwork: (await jpeg(10, 10)).toString('base64'),
        createdAt: t,
        updatedAt: t,
      },
    ],
    schedules: [
      backupSchedule('c', 's', { cronExpression: '0 6 * * 1-5', timezone: 'Europe/Berlin' }),
    ],
    settings: settingsValues({ retentionDays: 30 }),
    ...over,
  };
}

describe('checkBackup', () => {
  it('accepts a sound document', async () => {
    await expect(checkBackup(await doc())).resolves.toMatchObject({ createdAt: t });
  });

  it('refuses a JPEG header followed by garbage', async () => {
    const d = await doc();
    const bytes = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(64, 7)]);
    d.streams[0] = { ...d.streams[0]!, artwork: bytes.toString('base64') };
    await expect(checkBackup(d)).rejects.toMatchObject({
      code: 'INVALID_IMAGE',
      field: 'streams.0.artwork',
    });
  });

  it('refuses a key given without the passphrase it needs', async () => {
    const d = await doc();
    d.destinations[0] = { ...d.destinations[0]!, passphrase: null };
    await expect(checkBackup(d)).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
      field: 'destinations.0.passphrase',
    });
  });

  it('never quotes the key or passphrase in its messages', async () => {
    const d = await doc();
    d.destinations[0] = { ...d.destinations[0]!, passphrase: 'wrong-secret-words' };
    const error = (await checkBackup(d).catch((e: unknown) => e)) as Error;
    expect(error.message).not.toContain('wrong-secret-words');
    expect(error.message).not.toContain(encryptedKey.split('\n')[1]);
  });

  it('takes covers handed over as bytes (the HTTP host decodes them off the main thread)', async () => {
    const d = await doc();
    const cover = await jpeg(12, 12);
    const handed = { ...d, streams: [{ ...d.streams[0]!, artwork: new Uint8Array(cover) }] };
    const valid = await validateBackup(handed as unknown as BackupDocument, rules);
    expect(valid.streams[0]!.artwork?.equals(cover)).toBe(true);

    const tooLarge = {
      ...d,
      streams: [{ ...d.streams[0]!, artwork: new Uint8Array(MAX_BACKUP_ARTWORK_BYTES + 1) }],
    };
    await expect(
      validateBackup(tooLarge as unknown as BackupDocument, rules),
    ).rejects.toMatchObject({ code: 'VALIDATION_FAILED', field: 'streams.0.artwork' });
  });

  it('answers the values as create stores them (trimmed, canonical zone)', async () => {
    const d = await doc();
    d.streams[0] = { ...d.streams[0]!, name: '  Spaced  ' };
    d.schedules[0] = {
      ...d.schedules[0]!,
      timezone: 'europe/berlin',
      cronExpression: '0  6 * * 1-5',
    };
    const valid = await checkBackup(d);
    expect(valid.streams[0]!.record.name).toBe('Spaced');
    expect(valid.schedules[0]).toMatchObject({
      timezone: 'Europe/Berlin',
      cronExpression: '0 6 * * 1-5',
    });
  });

  it('restores schedule names as create checks them: trimmed, none when missing, refused when too long', async () => {
    const d = await doc();
    d.schedules[0] = { ...d.schedules[0]!, name: '  Morning show ' };
    expect((await checkBackup(d)).schedules[0]!.name).toBe('Morning show');
    expect((await checkBackup(await doc())).schedules[0]!.name).toBeNull();
    d.schedules[0] = { ...d.schedules[0]!, name: 'x'.repeat(101) };
    await expect(checkBackup(d)).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
      field: 'schedules.0.name',
    });
  });
});
