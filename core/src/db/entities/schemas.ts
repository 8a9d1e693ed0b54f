import { EntitySchema } from 'typeorm';
import { alertEntities } from './alert-schemas';
import { bool, id, int, json, optInt, optText, stamps, text } from './columns';
import type {
  DestinationRecord,
  ScheduleRecord,
  SessionRecord,
  SettingRecord,
  StreamRecord,
  TransferAttemptRecord,
} from './records';

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
    fallbackUrls: json,
    artist: text,
    album: text,
    albumArtist: text,
    genre: optText,
    outputFilenamePattern: optText,
    destinationId: optText,
    mp3BitrateKbps: int,
    silenceThresholdDb: int,
    deadAirSeconds: int,
    writeCueSheet: bool,
    podcast: json,
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
    isActive: bool,
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
    trackNumber: optInt,
    outputFilePath: optText,
    remotePath: optText,
    fileSizeBytes: optInt,
    gaps: json,
    partial: bool,
    attempts: int,
    errorMessage: optText,
    stopReason: optText,
    silences: json,
    deadAir: bool,
    tracks: json,
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
    ok: bool,
    bytes: optInt,
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
