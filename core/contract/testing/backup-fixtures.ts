/**
 * Test support: the parts of a backup document (core/contract/operations/backup.ts) as tests build
 * them, shared by the core's tests and the renderer's (which reaches them through the @contract
 * alias). Each builder gives one sound entry; a test passes only what it is about in `patch`.
 * Not exported from the contract's index: production code does not import it.
 */
import type {
  BackupChannel,
  BackupDestination,
  BackupDocument,
  BackupSchedule,
  BackupStream,
} from '../operations/backup';
import type { SettingsValues } from '../operations/settings';

/** The time every entry was created and last updated. */
export const FIXTURE_TIME = '2026-11-24T06:00:00.000Z';

export function backupDestination(
  id: string,
  patch: Partial<BackupDestination> = {},
): BackupDestination {
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
    publicBaseUrl: null,
    transferMode: 'fastPut',
    createdAt: FIXTURE_TIME,
    updatedAt: FIXTURE_TIME,
    ...patch,
  };
}

export function backupStream(id: string, patch: Partial<BackupStream> = {}): BackupStream {
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
    silenceThresholdDb: -50,
    deadAirSeconds: 60,
    writeCueSheet: false,
    // written out, not NO_PODCAST: the defaults tests that use this fixture pin the values
    podcast: {
      enabled: false,
      title: null,
      description: null,
      author: null,
      category: null,
      explicit: false,
      language: null,
      keepEpisodes: 20,
    },
    artwork: null,
    createdAt: FIXTURE_TIME,
    updatedAt: FIXTURE_TIME,
    ...patch,
  };
}

export function backupSchedule(
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
    createdAt: FIXTURE_TIME,
    updatedAt: FIXTURE_TIME,
    ...patch,
  };
}

/** A webhook channel (with its secret); `patch` may make it another kind. */
export function backupChannel(id: string, patch: Partial<BackupChannel> = {}): BackupChannel {
  return {
    id,
    name: `Channel ${id}`,
    kind: 'webhook',
    enabled: true,
    events: ['recording.failed', 'transfer.failed'],
    url: `https://hooks.example.com/${id}`,
    secret: 'sha256:0123456789abcdef',
    createdAt: FIXTURE_TIME,
    updatedAt: FIXTURE_TIME,
    ...patch,
  } as BackupChannel;
}

/** A full set of settings values (what a backup carries, without `lockedByEnv`). */
export function settingsValues(patch: Partial<SettingsValues> = {}): SettingsValues {
  return {
    maxConcurrentRecordings: 3,
    cleanupAfterTransfer: true,
    retentionDays: 0,
    minFreeDiskMb: 500,
    logLevel: 'info',
    notifyRecordingStarted: false,
    notifyRecordingCompleted: true,
    notifyRecordingFailed: true,
    notifyTransferFailed: true,
    preflightMinutes: 10,
    ...patch,
  };
}

/** A backup of one destination `d1`, one stream `s1` delivering to it and one schedule `k1`. */
export function backupDocument(patch: Partial<BackupDocument> = {}): BackupDocument {
  return {
    format: 'audio-stream-recorder-backup',
    version: 1,
    createdAt: FIXTURE_TIME,
    destinations: [backupDestination('d1')],
    streams: [backupStream('s1', { destinationId: 'd1' })],
    schedules: [backupSchedule('k1', 's1')],
    settings: settingsValues(),
    ...patch,
  };
}
