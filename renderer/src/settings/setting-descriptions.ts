import {
  SETTING_ENV_VARS,
  SETTING_NAMES,
  type SettingName,
  type SettingsValues,
} from '@contract/operations';

/** How the Settings page shows a setting. */
export interface SettingDescription {
  label: string;
  /** One sentence on what it does. */
  help: string;
  group: 'recording' | 'storage' | 'notifications';
  /** For numbers: the unit shown after the field. */
  unit?: string;
}

export const SETTING_DESCRIPTIONS: Readonly<Record<SettingName, SettingDescription>> = {
  maxConcurrentRecordings: {
    label: 'Recordings at the same time',
    help: 'At most this many recordings run at once; a scheduled run waits for a free slot, “Record now” is refused while all are busy.',
    group: 'recording',
  },
  preflightMinutes: {
    label: 'Check streams and destinations before a run',
    help: 'This many minutes before each scheduled recording its stream (and fallbacks) is tested and its destination checked; a problem sends a “pre-flight failed” alert. 0 turns the checks off.',
    group: 'recording',
    unit: 'minutes before',
  },
  logLevel: {
    label: 'Log level',
    help: 'How much the log keeps: debug is the most detailed, error the least.',
    group: 'recording',
  },
  cleanupAfterTransfer: {
    label: 'Delete local files after delivery',
    help: 'Removes the local MP3 once the destination confirmed it. Recordings without a destination are always kept.',
    group: 'storage',
  },
  retentionDays: {
    label: 'Keep local recordings for',
    help: 'Every night, local recordings older than this that no transfer waits for are removed. 0 keeps them forever.',
    group: 'storage',
    unit: 'days',
  },
  minFreeDiskMb: {
    label: 'Minimum free disk space',
    help: 'Recordings do not start below this, and running ones are stopped cleanly when space falls under it.',
    group: 'storage',
    unit: 'MB',
  },
  notifyRecordingStarted: {
    label: 'A recording started',
    help: 'When a scheduled or manual recording begins.',
    group: 'notifications',
  },
  notifyRecordingCompleted: {
    label: 'A recording is finished',
    help: 'When a recording is delivered to its destination — or saved, when its stream has none.',
    group: 'notifications',
  },
  notifyRecordingFailed: {
    label: 'A recording failed',
    help: 'When a recording could not be made or a scheduled one was missed; also dead air in a recording, a failed check before a scheduled one, and low disk space.',
    group: 'notifications',
  },
  notifyTransferFailed: {
    label: 'A delivery failed',
    help: 'When a transfer to a destination failed for good (after its retries).',
    group: 'notifications',
  },
};

/** The label of a setting (its name when the UI does not know it yet). */
export function settingLabel(name: string): string {
  return (SETTING_DESCRIPTIONS as Partial<Record<string, SettingDescription>>)[name]?.label ?? name;
}

/** The environment variable that fixes a setting. */
export function settingEnvVar(name: SettingName): string {
  return SETTING_ENV_VARS[name];
}

/** A setting's value as the page says it: "on"/"off", "30 days", "info". */
export function formatSettingValue(name: SettingName, value: SettingsValues[SettingName]): string {
  if (typeof value === 'boolean') return value ? 'on' : 'off';
  const unit = SETTING_DESCRIPTIONS[name]?.unit;
  if (name === 'retentionDays' && value === 0) return 'forever';
  if (name === 'preflightMinutes' && value === 0) return 'off';
  return unit ? `${value} ${unit}` : String(value);
}

/** The settings of one group, in the contract's order. */
export function settingsOf(group: SettingDescription['group']): SettingName[] {
  return SETTING_NAMES.filter((name) => SETTING_DESCRIPTIONS[name]?.group === group);
}
