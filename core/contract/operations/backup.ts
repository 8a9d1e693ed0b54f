import { z } from 'zod';
import { defineOperation } from '../operation';
import { NOTIFICATION_SETTING_DEFAULTS, settingsValuesSchema } from './settings';

export const BACKUP_FORMAT = 'audio-stream-recorder-backup';
export const BACKUP_VERSION = 1;

/** Ids become file names on restore (`<id>.pem`, `<id>.jpg`): letters, digits, `_ . -`. */
const id = z
  .string()
  .regex(
    /^[A-Za-z0-9][A-Za-z0-9_.-]{0,127}$/,
    'must be 1 to 128 letters, digits, "_", "." or "-", starting with a letter or digit',
  );
const time = z.iso.datetime();
const name = z.string().min(1).max(500);
const text = z.string().max(4096);

export const backupDestinationSchema = z.strictObject({
  id,
  name,
  host: z.string().min(1).max(255),
  port: z.number().int().min(1).max(65535),
  username: z.string().min(1).max(255),
  remoteDir: z.string().min(1).max(4096),
  /** A key file the user pointed at: kept as a path (the file itself is not in the backup). */
  privateKeyPath: z.string().min(1).max(4096).nullable(),
  /** The text of the key file the app stores (an uploaded key). A secret. */
  privateKey: z.string().min(1).max(65_536).nullable(),
  /** A secret. */
  passphrase: z.string().max(4096).nullable(),
  hostKeyFingerprint: z.string().max(4096).nullable(),
  transferMode: z.enum(['fastPut', 'put']),
  createdAt: time,
  updatedAt: time,
});

/** At most 10 MB of JPEG, as base64 (a JPEG's base64 starts with `/9j/`). */
const jpegBase64 = z
  .base64()
  .max(14_000_000)
  .refine((s) => s.startsWith('/9j/'), 'must be a JPEG image in base64');

export const backupStreamSchema = z.strictObject({
  id,
  name,
  streamUrl: z.string().min(1).max(4096),
  fallbackUrls: z.array(z.string().min(1).max(4096)).max(100),
  artist: text,
  album: text,
  albumArtist: text,
  genre: text.nullable(),
  outputFilenamePattern: text.nullable(),
  destinationId: id.nullable(),
  mp3BitrateKbps: z.number().int().min(8).max(640),
  /** The stored cover, a JPEG, as base64; null when the stream has none. */
  artwork: jpegBase64.nullable(),
  createdAt: time,
  updatedAt: time,
});

export const backupScheduleSchema = z.strictObject({
  id,
  streamId: id,
  cronExpression: z.string().min(1).max(256),
  timezone: z.string().min(1).max(100).nullable(),
  durationMinutes: z.number().int().min(1).max(1440),
  padBeforeSeconds: z.number().int().min(0).max(86_400),
  padAfterSeconds: z.number().int().min(0).max(86_400),
  isActive: z.boolean(),
  maxRetries: z.number().int().min(0).max(100),
  lastRunTime: time.nullable(),
  createdAt: time,
  updatedAt: time,
});

/**
 * The settings of a backup. Settings added after version 1 was first written (the notification
 * switches) may be missing from an older document: it restores with their defaults.
 */
export const backupSettingsSchema = settingsValuesSchema.extend({
  notifyRecordingStarted: z.boolean().default(NOTIFICATION_SETTING_DEFAULTS.notifyRecordingStarted),
  notifyRecordingCompleted: z
    .boolean()
    .default(NOTIFICATION_SETTING_DEFAULTS.notifyRecordingCompleted),
  notifyRecordingFailed: z.boolean().default(NOTIFICATION_SETTING_DEFAULTS.notifyRecordingFailed),
  notifyTransferFailed: z.boolean().default(NOTIFICATION_SETTING_DEFAULTS.notifyTransferFailed),
});

function duplicates(ids: readonly string[]): Map<string, number> {
  const seen = new Set<string>();
  const dup = new Map<string, number>();
  ids.forEach((value, index) => {
    if (seen.has(value) && !dup.has(value)) dup.set(value, index);
    seen.add(value);
  });
  return dup;
}

/**
 * The whole configuration as one JSON document: destinations (with their stored private key and
 * passphrase: the document is a secret), streams (artwork inlined), schedules and settings.
 * References are checked: every stream's destination and every schedule's stream must be in it.
 */
export const backupDocumentSchema = z
  .strictObject({
    format: z.literal(BACKUP_FORMAT),
    version: z.literal(BACKUP_VERSION),
    createdAt: time,
    /** The app version that wrote it (informational). */
    appVersion: z.string().max(100).optional(),
    destinations: z.array(backupDestinationSchema).max(1000),
    streams: z.array(backupStreamSchema).max(10_000),
    schedules: z.array(backupScheduleSchema).max(10_000),
    settings: backupSettingsSchema,
  })
  .superRefine((doc, ctx) => {
    for (const key of ['destinations', 'streams', 'schedules'] as const) {
      for (const [value, index] of duplicates(doc[key].map((x) => x.id))) {
        ctx.addIssue({
          code: 'custom',
          path: [key, index, 'id'],
          message: `the id ${value} appears twice in ${key}`,
        });
      }
    }
    const destinations = new Set(doc.destinations.map((d) => d.id));
    doc.streams.forEach((s, index) => {
      if (s.destinationId !== null && !destinations.has(s.destinationId)) {
        ctx.addIssue({
          code: 'custom',
          path: ['streams', index, 'destinationId'],
          message: `stream "${s.name}" refers to destination ${s.destinationId}, which is not in the backup`,
        });
      }
    });
    const streams = new Set(doc.streams.map((s) => s.id));
    doc.schedules.forEach((s, index) => {
      if (!streams.has(s.streamId)) {
        ctx.addIssue({
          code: 'custom',
          path: ['schedules', index, 'streamId'],
          message: `schedule ${s.id} refers to stream ${s.streamId}, which is not in the backup`,
        });
      }
    });
  });

export type BackupDocument = z.infer<typeof backupDocumentSchema>;
export type BackupDestination = z.infer<typeof backupDestinationSchema>;
export type BackupStream = z.infer<typeof backupStreamSchema>;
export type BackupSchedule = z.infer<typeof backupScheduleSchema>;

/** What a restore put in place. */
export interface RestoreSummaryDto {
  destinations: number;
  streams: number;
  schedules: number;
  settings: number;
}

export const backupGet = defineOperation({
  name: 'backup.get',
  input: z.object({}),
  http: { method: 'GET', path: '/api/backup' },
  summary:
    'The whole configuration as one JSON document: destinations, streams (artwork inlined), schedules and settings. It INCLUDES SECRETS (uploaded private keys and passphrases) so that it can rebuild everything: keep it safe.',
});

export const backupRestore = defineOperation({
  name: 'backup.restore',
  input: backupDocumentSchema,
  http: { method: 'POST', path: '/api/restore' },
  summary:
    'Replaces destinations, streams, schedules and settings with a backup document, validated whole before anything changes and applied in one transaction. Sessions are kept; a stream with sessions that the backup lacks is refused (409).',
});

export const backupSpecs = [backupGet, backupRestore] as const;
