import { z } from 'zod';
import { logLevelSchema } from '../events';
import { operationAt } from '../operation';
import { feedTokenSchema, podcastSchema } from '../podcast';
import { preflightMinutesField } from '../preflight';
import {
  NOTIFICATION_SETTING_DEFAULTS,
  settingsValuesSchema,
  type SettingName,
  type SettingsValues,
} from './settings';

export const BACKUP_FORMAT = 'audio-stream-recorder-backup';
export const BACKUP_VERSION = 1;

/**
 * Bounds of a backup document. A real configuration is a few destinations, tens of streams and
 * schedules and well under a megabyte of text besides its artwork; these are far above that and
 * keep the largest allowed document cheap to check and apply (README, "Contract additions").
 */
export const MAX_BACKUP_DESTINATIONS = 100;
export const MAX_BACKUP_STREAMS = 500;
export const MAX_BACKUP_SCHEDULES = 2000;
export const MAX_BACKUP_CHANNELS = 100;
/** The largest restore request body (artwork inlined). */
export const MAX_BACKUP_BYTES = 64 * 1024 * 1024;
/** Of which the document without its artwork: at most this much. */
export const MAX_BACKUP_TEXT_BYTES = 2 * 1024 * 1024;
/** One stream's artwork, decoded: a stored cover is a JPEG of at most 1400 px, a few hundred kB. */
export const MAX_BACKUP_ARTWORK_BYTES = 4 * 1024 * 1024;
/** The bcrypt rounds the encrypted keys of one backup may ask for together (16 each by default). */
export const MAX_BACKUP_KEY_KDF_ROUNDS = 2048;

/** Ids become file names on restore (`<id>.pem`, `<id>.jpg`): letters, digits, `_ . -`. */
const id = z
  .string()
  .regex(
    /^[A-Za-z0-9][A-Za-z0-9_.-]{0,127}$/,
    'must be 1 to 128 letters, digits, "_", "." or "-", starting with a letter or digit',
  );
const time = z.iso.datetime();

// The entries of a backup. The fields a create operation takes are only typed here: their rules
// are the operation's own (createDestinationInput, createStreamInput, createScheduleInput), which
// a restore applies to every entry (core/src/backup/validate-backup.ts). The other fields (ids,
// timestamps, transferMode, lastRunTime, artwork) exist only in a backup and are checked here.

export const backupDestinationSchema = z.strictObject({
  id,
  name: z.string(),
  host: z.string(),
  port: z.number(),
  username: z.string(),
  remoteDir: z.string(),
  /** A key file the user pointed at: kept as a path (the file itself is not in the backup). */
  privateKeyPath: z.string().nullable(),
  /** The text of the key file the app stores (an uploaded key). A secret. */
  privateKey: z.string().nullable(),
  /** A secret. */
  passphrase: z.string().nullable(),
  hostKeyFingerprint: z.string().nullable(),
  /** Absent in backups written before it existed: none. */
  publicBaseUrl: z.string().nullable().optional(),
  transferMode: z.enum(['fastPut', 'put']),
  createdAt: time,
  updatedAt: time,
});

const channelBase = {
  id,
  name: z.string(),
  enabled: z.boolean(),
  events: z.array(z.string()),
  createdAt: time,
  updatedAt: time,
};

/**
 * A notification channel: what `notificationChannels.create` takes (its rules are
 * createChannelInput's, applied by a restore), with the kind's secret as text (a webhook's
 * `secret`, an ntfy `token`, an SMTP `password`; null: none stored or its file unreadable), and
 * the channel's id and timestamps.
 */
export const backupChannelSchema = z.discriminatedUnion(
  'kind',
  [
    z.strictObject({
      ...channelBase,
      kind: z.literal('webhook'),
      url: z.string(),
      /** A secret: the HMAC key of the signature. */
      secret: z.string().nullable(),
    }),
    z.strictObject({
      ...channelBase,
      kind: z.literal('ntfy'),
      url: z.string(),
      priority: z.number().nullable(),
      /** A secret. */
      token: z.string().nullable(),
    }),
    z.strictObject({
      ...channelBase,
      kind: z.literal('email'),
      host: z.string(),
      port: z.number(),
      security: z.string(),
      username: z.string().nullable(),
      /** A secret. */
      password: z.string().nullable(),
      from: z.string(),
      to: z.array(z.string()),
    }),
  ],
  { error: 'kind must be webhook, ntfy or email' },
);

/**
 * The fields of a backup that hold base64 (`*`: any entry). A host may hand them to the restore
 * operations already decoded, as bytes (Uint8Array): the HTTP host decodes them off the main
 * thread (core/server/http/json-off-thread.ts).
 */
export const BACKUP_BASE64_FIELDS: readonly (readonly string[])[] = [['streams', '*', 'artwork']];

export const BACKUP_ARTWORK_NOT_BASE64 = 'must be a JPEG image in base64';
export const BACKUP_ARTWORK_TOO_LARGE = `must be at most ${MAX_BACKUP_ARTWORK_BYTES / 1024 / 1024} MB of JPEG`;

/** The JPEG of a stored cover as base64 (a JPEG's base64 starts with `/9j/`). */
export const backupArtworkSchema = z
  .base64(BACKUP_ARTWORK_NOT_BASE64)
  .max(Math.ceil(MAX_BACKUP_ARTWORK_BYTES / 3) * 4, BACKUP_ARTWORK_TOO_LARGE)
  .refine((s) => s.startsWith('/9j/'), BACKUP_ARTWORK_NOT_BASE64);

export const backupStreamSchema = z.strictObject({
  id,
  name: z.string(),
  streamUrl: z.string(),
  fallbackUrls: z.array(z.string()),
  artist: z.string(),
  album: z.string(),
  albumArtist: z.string(),
  genre: z.string().nullable(),
  outputFilenamePattern: z.string().nullable(),
  destinationId: id.nullable(),
  mp3BitrateKbps: z.number(),
  /** Dead-air detection (checked by createStreamInput); a backup from before it: the defaults. */
  silenceThresholdDb: z.number().optional(),
  deadAirSeconds: z.number().optional(),
  /** Native capture's cue sheet (issue 16); a backup from before it: false. */
  writeCueSheet: z.boolean().optional(),
  /** The podcast feed (checked by createStreamInput); a backup from before it: no feed. */
  podcast: podcastSchema.optional(),
  /** The stored cover, a JPEG, as base64; null when the stream has none. */
  artwork: backupArtworkSchema.nullable(),
  createdAt: time,
  updatedAt: time,
});

export const backupScheduleSchema = z.strictObject({
  id,
  /** Missing in a backup written before schedules had names (migration 0009): none. */
  name: z.string().nullable().optional(),
  streamId: id,
  cronExpression: z.string(),
  timezone: z.string().nullable(),
  durationMinutes: z.number(),
  padBeforeSeconds: z.number(),
  padAfterSeconds: z.number(),
  isActive: z.boolean(),
  maxRetries: z.number(),
  lastRunTime: time.nullable(),
  createdAt: time,
  updatedAt: time,
});

/**
 * The settings of a backup. Settings added after version 1 was first written (the notification
 * switches, preflightMinutes) may be missing from an older document: it restores with their defaults.
 */
export const backupSettingsSchema = settingsValuesSchema.extend({
  notifyRecordingStarted: z.boolean().default(NOTIFICATION_SETTING_DEFAULTS.notifyRecordingStarted),
  notifyRecordingCompleted: z
    .boolean()
    .default(NOTIFICATION_SETTING_DEFAULTS.notifyRecordingCompleted),
  notifyRecordingFailed: z.boolean().default(NOTIFICATION_SETTING_DEFAULTS.notifyRecordingFailed),
  notifyTransferFailed: z.boolean().default(NOTIFICATION_SETTING_DEFAULTS.notifyTransferFailed),
  /** Missing from backups written before pre-flight checks: restores with the default (10). */
  preflightMinutes: preflightMinutesField,
});

function entries<T extends z.ZodType>(entry: T, max: number, what: string) {
  return z
    .array(entry, { error: 'must be a list' })
    .max(max, `holds more than ${max} ${what}, more than a restore accepts`);
}

/**
 * The document around the entries: what the restore operations take as input, checked at once.
 * The entries, up to their bounds, are checked one by one by the restore (without holding the
 * event loop), each as its create operation checks it.
 */
export const backupEnvelopeSchema = z.strictObject({
  format: z.literal(BACKUP_FORMAT),
  version: z.literal(BACKUP_VERSION),
  createdAt: time,
  /** The app version that wrote it (informational). */
  appVersion: z.string().max(100).optional(),
  destinations: entries(z.unknown(), MAX_BACKUP_DESTINATIONS, 'destinations'),
  streams: entries(z.unknown(), MAX_BACKUP_STREAMS, 'streams'),
  schedules: entries(z.unknown(), MAX_BACKUP_SCHEDULES, 'schedules'),
  /**
   * Absent in a backup written before channels existed: a restore then keeps the current
   * channels (an empty list removes them).
   */
  notificationChannels: entries(
    z.unknown(),
    MAX_BACKUP_CHANNELS,
    'notification channels',
  ).optional(),
  settings: backupSettingsSchema,
  /**
   * The podcast feeds' token (a secret: it is in every feed URL). Absent in a backup written
   * before feeds: a restore keeps the current token.
   */
  feedToken: feedTokenSchema.optional(),
});

/** A problem of a whole document: a duplicate id or a reference to an entry it lacks. */
export interface BackupIssue {
  path: (string | number)[];
  message: string;
}

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
 * What is wrong with a document as a whole: ids must be unique per kind, and every stream's
 * destination and every schedule's stream must be in it.
 */
export function backupReferenceIssues(doc: {
  destinations: readonly { id: string }[];
  streams: readonly { id: string; name: string; destinationId: string | null }[];
  schedules: readonly { id: string; streamId: string }[];
  notificationChannels?: readonly { id: string }[] | undefined;
}): BackupIssue[] {
  const issues: BackupIssue[] = [];
  for (const key of ['destinations', 'streams', 'schedules', 'notificationChannels'] as const) {
    for (const [value, index] of duplicates((doc[key] ?? []).map((x) => x.id))) {
      issues.push({ path: [key, index, 'id'], message: `the id ${value} appears twice in ${key}` });
    }
  }
  const destinations = new Set(doc.destinations.map((d) => d.id));
  doc.streams.forEach((s, index) => {
    if (s.destinationId !== null && !destinations.has(s.destinationId)) {
      issues.push({
        path: ['streams', index, 'destinationId'],
        message: `stream "${s.name}" refers to destination ${s.destinationId}, which is not in the backup`,
      });
    }
  });
  const streams = new Set(doc.streams.map((s) => s.id));
  doc.schedules.forEach((s, index) => {
    if (!streams.has(s.streamId)) {
      issues.push({
        path: ['schedules', index, 'streamId'],
        message: `schedule ${s.id} refers to stream ${s.streamId}, which is not in the backup`,
      });
    }
  });
  return issues;
}

/**
 * The whole configuration as one JSON document: destinations (with their stored private key and
 * passphrase: the document is a secret), streams (artwork inlined), schedules, notification channels
 * (with their secrets) and settings. This
 * schema checks its form and references (what the UI checks of a file before sending it); a
 * restore checks each entry with its create operation's rules too.
 */
export const backupDocumentSchema = backupEnvelopeSchema
  .extend({
    destinations: entries(backupDestinationSchema, MAX_BACKUP_DESTINATIONS, 'destinations'),
    streams: entries(backupStreamSchema, MAX_BACKUP_STREAMS, 'streams'),
    schedules: entries(backupScheduleSchema, MAX_BACKUP_SCHEDULES, 'schedules'),
    notificationChannels: entries(
      backupChannelSchema,
      MAX_BACKUP_CHANNELS,
      'notification channels',
    ).optional(),
  })
  .superRefine((doc, ctx) => {
    for (const issue of backupReferenceIssues(doc)) ctx.addIssue({ code: 'custom', ...issue });
  });

export type BackupDocument = z.infer<typeof backupDocumentSchema>;
export type BackupEnvelope = z.infer<typeof backupEnvelopeSchema>;
export type BackupDestination = z.infer<typeof backupDestinationSchema>;
export type BackupStream = z.infer<typeof backupStreamSchema>;
export type BackupSchedule = z.infer<typeof backupScheduleSchema>;
export type BackupChannel = z.infer<typeof backupChannelSchema>;

/** What a restore put in place. */
export const restoreSummaryDtoSchema = z.strictObject({
  destinations: z.number().int().nonnegative(),
  streams: z.number().int().nonnegative(),
  schedules: z.number().int().nonnegative(),
  /** The channels now in place (the current ones, kept, when the backup has none listed). */
  notificationChannels: z.number().int().nonnegative(),
  settings: z.number().int().nonnegative(),
});
export type RestoreSummaryDto = z.output<typeof restoreSummaryDtoSchema>;

export const backupGet = operationAt('GET /api/backup', 'backup.get', {
  input: z.object({}),
  output: backupDocumentSchema,
  http: { largeAnswer: true },
  summary:
    'The whole configuration as one JSON document: destinations, streams (artwork inlined), schedules, notification channels and settings. It INCLUDES SECRETS (uploaded private keys and passphrases, channel secrets, tokens and passwords) so that it can rebuild everything: keep it safe.',
});

export const backupRestore = operationAt('POST /api/restore', 'backup.restore', {
  input: backupEnvelopeSchema,
  output: restoreSummaryDtoSchema,
  summary:
    'Replaces destinations, streams, schedules, notification channels (when the document lists them) and settings with a backup document, validated whole before anything changes (every entry as its create operation validates it) and applied in one transaction. Sessions are kept; a stream with sessions that the backup lacks is refused (409).',
});

/** One destination, stream, schedule or notification channel a restore adds, removes or changes. */
export const restoreItemSchema = z.strictObject({
  id: z.string(),
  name: z.string(),
  /** For a changed one: what changes, in words ("host", "private key"...). */
  changes: z.array(z.string()),
});
export type RestoreItem = z.output<typeof restoreItemSchema>;

export const restoreKindDiffSchema = z.strictObject({
  added: z.array(restoreItemSchema),
  removed: z.array(restoreItemSchema),
  changed: z.array(restoreItemSchema),
  /** How many stay exactly as they are. */
  unchanged: z.number().int().nonnegative(),
});
export type RestoreKindDiff = z.output<typeof restoreKindDiffSchema>;

/** The value of one setting (a number, a switch or a log level). */
const settingValue = z.union([z.number(), z.boolean(), logLevelSchema]) satisfies z.ZodType<
  SettingsValues[SettingName]
>;

export const restoreSettingChangeSchema = z.strictObject({
  name: settingsValuesSchema.keyof(),
  from: settingValue.optional(),
  to: settingValue,
  /** The environment variable that fixes it: the value is stored, but the variable still wins. */
  lockedBy: z.string().nullable(),
});
export type RestoreSettingChange = z.output<typeof restoreSettingChangeSchema>;

/** Something the server will refuse: the restore changes nothing then (409). */
export const restoreRefusalSchema = z.strictObject({
  streamId: z.string(),
  name: z.string(),
  sessions: z.number().int().nonnegative(),
  message: z.string(),
});
export type RestoreRefusal = z.output<typeof restoreRefusalSchema>;

/** The answer of `POST /api/restore/preview`: what restoring the document would change. */
export const restorePreviewDtoSchema = z.strictObject({
  destinations: restoreKindDiffSchema,
  streams: restoreKindDiffSchema,
  schedules: restoreKindDiffSchema,
  notificationChannels: restoreKindDiffSchema,
  settings: z.array(restoreSettingChangeSchema),
  refusals: z.array(restoreRefusalSchema),
  /** Things worth knowing that do not stop the restore. */
  notes: z.array(z.string()),
  /** True when the backup holds exactly the current configuration. */
  unchanged: z.boolean(),
});
export type RestorePreviewDto = z.output<typeof restorePreviewDtoSchema>;

export const backupPreview = operationAt('POST /api/restore/preview', 'backup.preview', {
  input: backupEnvelopeSchema,
  output: restorePreviewDtoSchema,
  summary:
    'What POST /api/restore would change with this document, without changing anything: it is checked exactly as a restore checks it (400 naming the field), then compared with the current configuration (added, removed and changed destinations, streams, schedules and notification channels, changed settings, and what the restore would refuse). Answers no secrets, so it takes no backup.',
});

export const backupSpecs = [backupGet, backupRestore, backupPreview] as const;
