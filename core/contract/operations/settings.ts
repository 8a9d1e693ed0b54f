import { z } from 'zod';
import { logLevelSchema } from '../events';
import { operationAt } from '../operation';
import { preflightMinutesField } from '../preflight';
import { wholeNumber } from './common';

/** On or off, refused in one sentence. */
const onOff = () => z.boolean({ error: 'must be true or false' });

/** The settings a user may change at run time, with their ranges (`GET/PUT /api/settings`). */
export const settingsValuesSchema = z.strictObject({
  maxConcurrentRecordings: wholeNumber(1, 100),
  cleanupAfterTransfer: onOff(),
  /** Days a local recording is kept; 0 keeps it forever. */
  retentionDays: wholeNumber(0, 3650),
  /** Recordings do not start while less than this many MB are free in RECORDINGS_DIR. */
  minFreeDiskMb: wholeNumber(0, 1_000_000),
  logLevel: z.enum(logLevelSchema.options, {
    error: `must be one of ${logLevelSchema.options.join(', ')}`,
  }),
  /** Desktop (and opt-in browser) notifications, one switch per kind (core/contract/notifications.ts). */
  notifyRecordingStarted: onOff(),
  notifyRecordingCompleted: onOff(),
  notifyRecordingFailed: onOff(),
  /** A transfer that failed after its retries. */
  notifyTransferFailed: onOff(),
  /**
   * Minutes before a scheduled run its stream and destination are checked (0: off); the
   * contract's field (core/contract/preflight.ts) without its default, which only fills in
   * what a stored row or an older backup lacks.
   */
  preflightMinutes: preflightMinutesField.unwrap(),
});

/**
 * Defaults of the settings that no environment setting supplies a default for (the others come
 * from `loadSettings`: MAX_CONCURRENT_RECORDINGS, CLEANUP_AFTER_TRANSFER, LOG_LEVEL, and from
 * RETENTION_DAYS / MIN_FREE_DISK_MB). Also what a backup written before a setting existed restores.
 */
export const NOTIFICATION_SETTING_DEFAULTS = {
  notifyRecordingStarted: false,
  notifyRecordingCompleted: true,
  notifyRecordingFailed: true,
  notifyTransferFailed: true,
} as const satisfies Record<string, boolean>;

export type SettingsValues = z.infer<typeof settingsValuesSchema>;
export type SettingName = keyof SettingsValues;

export const SETTING_NAMES = Object.keys(settingsValuesSchema.shape) as SettingName[];

/** The environment variable that fixes each setting when it is set. */
export const SETTING_ENV_VARS: Readonly<Record<SettingName, string>> = {
  maxConcurrentRecordings: 'MAX_CONCURRENT_RECORDINGS',
  cleanupAfterTransfer: 'CLEANUP_AFTER_TRANSFER',
  retentionDays: 'RETENTION_DAYS',
  minFreeDiskMb: 'MIN_FREE_DISK_MB',
  logLevel: 'LOG_LEVEL',
  notifyRecordingStarted: 'NOTIFY_RECORDING_STARTED',
  notifyRecordingCompleted: 'NOTIFY_RECORDING_COMPLETED',
  notifyRecordingFailed: 'NOTIFY_RECORDING_FAILED',
  notifyTransferFailed: 'NOTIFY_TRANSFER_FAILED',
  preflightMinutes: 'PREFLIGHT_MINUTES',
};

/** The settings as answered: the values plus the names an environment variable fixes. */
export const settingsDtoSchema = settingsValuesSchema.extend({
  lockedByEnv: z.array(settingsValuesSchema.keyof()),
});
export type SettingsDto = z.output<typeof settingsDtoSchema>;

export const settingsGet = operationAt('GET /api/settings', 'settings.get', {
  input: z.object({}),
  output: settingsDtoSchema,
  summary: 'The run-time settings, with lockedByEnv naming those an environment variable fixes.',
});

/**
 * Any subset of the settings. `lockedByEnv` may be sent back as it was read (it is ignored); a
 * locked setting may be sent with its current value, but changing it is refused (409).
 */
export const settingsUpdateInputSchema = settingsValuesSchema
  .partial()
  .extend({ lockedByEnv: z.array(z.string()).optional() });

export const settingsUpdate = operationAt('PUT /api/settings', 'settings.update', {
  input: settingsUpdateInputSchema,
  output: settingsDtoSchema,
  summary:
    'Changes some run-time settings; refuses those fixed by an environment variable. Answers the settings.',
});

export const settingsSpecs = [settingsGet, settingsUpdate] as const;
