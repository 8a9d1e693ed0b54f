import { DEFAULT_PREFLIGHT_MINUTES, PREFLIGHT_MINUTES_MAX } from '../../contract/preflight';
import {
  NOTIFICATION_SETTING_DEFAULTS,
  SETTING_ENV_VARS,
  SETTING_NAMES,
  type SettingName,
} from '../../contract/operations/settings';
import { envBoolean, envInteger, type Settings } from '../config/settings';
import type { RuntimeSettingsValues } from './runtime-settings';

/** Defaults when neither the environment nor the settings table says otherwise. */
export const DEFAULT_RETENTION_DAYS = 30;
export const DEFAULT_MIN_FREE_DISK_MB = 500;

export interface EnvOverrides {
  /** Values the settings table starts from when it holds no row for a name. */
  defaults: RuntimeSettingsValues;
  /** Names an environment variable fixes, in the order of SETTING_NAMES. */
  locked: SettingName[];
}

const NOTIFICATION_SETTINGS = Object.keys(
  NOTIFICATION_SETTING_DEFAULTS,
) as (keyof typeof NOTIFICATION_SETTING_DEFAULTS)[];

/**
 * The run-time settings as the environment sets them. MAX_CONCURRENT_RECORDINGS,
 * CLEANUP_AFTER_TRANSFER and LOG_LEVEL were read by loadSettings; RETENTION_DAYS (0..3650, 0 keeps
 * recordings forever), MIN_FREE_DISK_MB (0..1000000), PREFLIGHT_MINUTES (0..720, 0 turns the
 * pre-flight checks off) and the notification switches
 * (NOTIFY_RECORDING_STARTED, NOTIFY_RECORDING_COMPLETED, NOTIFY_RECORDING_FAILED,
 * NOTIFY_TRANSFER_FAILED: true/false) are read here. A name whose variable is
 * set is locked: its value comes from the environment, whatever the settings table holds.
 */
export function envOverrides(settings: Settings, env: NodeJS.ProcessEnv): EnvOverrides {
  const retentionDays = envInteger(env, 'RETENTION_DAYS', 0, 3650);
  const minFreeDiskMb = envInteger(env, 'MIN_FREE_DISK_MB', 0, 1_000_000);
  const preflightMinutes = envInteger(env, 'PREFLIGHT_MINUTES', 0, PREFLIGHT_MINUTES_MAX);
  const locked = new Set<string>(settings.lockedByEnv);
  if (retentionDays !== undefined) locked.add('retentionDays');
  if (minFreeDiskMb !== undefined) locked.add('minFreeDiskMb');
  if (preflightMinutes !== undefined) locked.add('preflightMinutes');
  const notifications = { ...NOTIFICATION_SETTING_DEFAULTS } as Record<
    keyof typeof NOTIFICATION_SETTING_DEFAULTS,
    boolean
  >;
  for (const name of NOTIFICATION_SETTINGS) {
    const value = envBoolean(env, SETTING_ENV_VARS[name]);
    if (value === undefined) continue;
    notifications[name] = value;
    locked.add(name);
  }
  return {
    defaults: {
      maxConcurrentRecordings: settings.maxConcurrentRecordings,
      cleanupAfterTransfer: settings.cleanupAfterTransfer,
      retentionDays: retentionDays ?? DEFAULT_RETENTION_DAYS,
      minFreeDiskMb: minFreeDiskMb ?? DEFAULT_MIN_FREE_DISK_MB,
      logLevel: settings.logLevel,
      ...notifications,
      preflightMinutes: preflightMinutes ?? DEFAULT_PREFLIGHT_MINUTES,
    },
    locked: SETTING_NAMES.filter((name) => locked.has(name)),
  };
}
