import { describe, expect, it } from 'vitest';
import type {
  BackupDestination,
  BackupDocument,
  BackupSchedule,
  BackupStream,
} from '@contract/operations';
import { backupFileName, parseBackup } from './backup-file';

const T = '2026-11-24T06:00:00.000Z';

function destination(id: string, patch: Partial<BackupDestination> = {}): BackupDestination {
  return {
    id,
    name: `Destination ${id}`,
    host: 'sftp.example.com',
    port: 22,
    username: 'rec',
    remoteDir: '/srv',
    privateKeyPath: null,
    privateKey: '-----BEGIN OPENSSH PRIVATE KEY-----\nAAA\n-----END OPENSSH PRIVATE KEY-----',
    passphrase: null,
    hostKeyFingerprint: null,
    transferMode: 'fastPut',
    createdAt: T,
    updatedAt: T,
    ...patch,
  };
}

function stream(id: string, patch: Partial<BackupStream> = {}): BackupStream {
  return {
    id,
    name: `Stream ${id}`,
    streamUrl: `https://radio.example/${id}.mp3`,
    fallbackUrls: [],
    artist: 'A',
    album: 'B',
    albumArtist: 'C',
    genre: null,
    outputFilenamePattern: null,
    destinationId: null,
    mp3BitrateKbps: 192,
    artwork: null,
    createdAt: T,
    updatedAt: T,
    ...patch,
  };
}

function schedule(
  id: string,
  streamId: string,
  patch: Partial<BackupSchedule> = {},
): BackupSchedule {
  return {
    id,
    streamId,
    cronExpression: '0 6 * * *',
    timezone: null,
    durationMinutes: 60,
    padBeforeSeconds: 0,
    padAfterSeconds: 0,
    isActive: true,
    maxRetries: 3,
    lastRunTime: null,
    createdAt: T,
    updatedAt: T,
    ...patch,
  };
}

function doc(patch: Partial<BackupDocument> = {}): BackupDocument {
  return {
    format: 'audio-stream-recorder-backup',
    version: 1,
    createdAt: T,
    destinations: [destination('d1')],
    streams: [stream('s1', { destinationId: 'd1' })],
    schedules: [schedule('k1', 's1')],
    settings: {
      maxConcurrentRecordings: 3,
      cleanupAfterTransfer: true,
      retentionDays: 0,
      minFreeDiskMb: 500,
      logLevel: 'info',
      notifyRecordingStarted: false,
      notifyRecordingCompleted: true,
      notifyRecordingFailed: true,
      notifyTransferFailed: true,
    },
    ...patch,
  };
}

describe('parseBackup', () => {
  it('accepts a backup and fills what older backups lack', () => {
    const old = doc() as unknown as { settings: Record<string, unknown> };
    delete old.settings.notifyRecordingStarted;
    const parsed = parseBackup(JSON.stringify(old));
    expect(parsed.ok).toBe(true);
    if (parsed.ok) expect(parsed.doc.settings.notifyRecordingStarted).toBe(false);
  });

  it('says what is wrong, with where', () => {
    expect(parseBackup('{nope')).toEqual({
      ok: false,
      problems: ['The file is not JSON: pick a backup downloaded from Settings.'],
    });
    expect(parseBackup('{"hello": 1}')).toMatchObject({
      ok: false,
      problems: [expect.stringContaining('not a backup of Audio Stream Recorder')],
    });
    const broken = doc({ schedules: [schedule('k1', 'missing')] });
    const parsed = parseBackup(JSON.stringify(broken));
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) {
      expect(parsed.problems[0]).toMatch(/^schedules\.0\.streamId: .*refers to stream missing/);
    }
  });
});

describe('backupFileName', () => {
  it('names the file with the local date', () => {
    expect(backupFileName(new Date(2026, 0, 5, 23, 59))).toBe(
      'audio-stream-recorder-backup-2026-01-05.json',
    );
  });
});
