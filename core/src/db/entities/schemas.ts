import { EntitySchema } from 'typeorm';
import { alertEntities } from './alert-schemas';
import type {
  DestinationRecord,
  ScheduleRecord,
  SessionRecord,
  SettingRecord,
  StreamRecord,
  TransferAttemptRecord,
} from './records';

// EntitySchema (not decorators): no reflect-metadata at run time, and the columns say their
// types explicitly, which esbuild-based test runs cannot infer from decorators.
const id = { type: 'varchar', primary: true } as const;
const text = { type: 'varchar' } as const;
const optText = { type: 'varchar', nullable: true } as const;
const int = { type: 'integer' } as const;
const stamps = { createdAt: text, updatedAt: text };

export const DestinationEntity = new EntitySchema<DestinationRecord>({
  name: 'Destination',
  tableName: 'destinations',
  columns: {
    id,
    name: text,
    host: text,
    port: int,
    username: text,
    remoteDir: text,
    privateKeyPath: optText,
    storedKeyFile: optText,
    passphraseFile: optText,
    hostKeyFingerprint: optText,
    publicBaseUrl: optText,
    transferMode: text,
    ...stamps,
  },
});

export const StreamEntity = new EntitySchema<StreamRecord>({
  name: 'Stream',
  tableName: 'streams',
  columns: {
    id,
    name: text,
    streamUrl: text,
    fallbackUrls: { type: 'simple-json' },
    artist: text,
    album: text,
    albumArtist: text,
    genre: optText,
    outputFilenamePattern: optText,
    destinationId: optText,
    mp3BitrateKbps: int,
    silenceThresholdDb: int,
    deadAirSeconds: int,
    writeCueSheet: { type: 'boolean' },
    podcast: { type: 'simple-json' },
    artworkFile: optText,
    ...stamps,
  },
});

export const ScheduleEntity = new EntitySchema<ScheduleRecord>({
  name: 'Schedule',
  tableName: 'schedules',
  columns: {
    id,
    name: optText,
    streamId: text,
    cronExpression: text,
    timezone: optText,
    durationMinutes: int,
    padBeforeSeconds: int,
    padAfterSeconds: int,
    isActive: { type: 'boolean' },
    maxRetries: int,
    lastRunTime: optText,
    ...stamps,
  },
});

export const SessionEntity = new EntitySchema<SessionRecord>({
  name: 'Session',
  tableName: 'sessions',
  columns: {
    id,
    streamId: text,
    scheduleId: optText,
    status: text,
    transferStatus: text,
    startTime: text,
    endTime: optText,
    plannedDurationSeconds: int,
    durationSeconds: { type: 'real', nullable: true },
    title: optText,
    trackNumber: { type: 'integer', nullable: true },
    outputFilePath: optText,
    remotePath: optText,
    fileSizeBytes: { type: 'integer', nullable: true },
    gaps: { type: 'simple-json' },
    partial: { type: 'boolean' },
    attempts: int,
    errorMessage: optText,
    stopReason: optText,
    silences: { type: 'simple-json' },
    deadAir: { type: 'boolean' },
    tracks: { type: 'simple-json' },
    partsDir: optText,
    nextTransferAt: optText,
    ...stamps,
  },
});

export const SettingEntity = new EntitySchema<SettingRecord>({
  name: 'Setting',
  tableName: 'settings',
  columns: { key: id, value: text },
});

export const TransferAttemptEntity = new EntitySchema<TransferAttemptRecord>({
  name: 'TransferAttempt',
  tableName: 'transfer_attempts',
  columns: {
    id,
    sessionId: text,
    destinationId: optText,
    startedAt: text,
    finishedAt: optText,
    ok: { type: 'boolean' },
    bytes: { type: 'integer', nullable: true },
    mode: optText,
    error: optText,
  },
});

export const entities = [
  DestinationEntity,
  StreamEntity,
  ScheduleEntity,
  SessionEntity,
  SettingEntity,
  TransferAttemptEntity,
  ...alertEntities,
];
