import type { LogLevel } from '../../contract';

/** The settings a user can change at run time (`GET/PUT /api/settings`), unless the environment
 * fixes them (then they are listed in `lockedByEnv` and refused by update). */
export interface RuntimeSettingsValues {
  maxConcurrentRecordings: number;
  cleanupAfterTransfer: boolean;
  retentionDays: number;
  minFreeDiskMb: number;
  logLevel: LogLevel;
  /** Which notifications the desktop app (and the browser UI, when allowed) shows. */
  notifyRecordingStarted: boolean;
  notifyRecordingCompleted: boolean;
  notifyRecordingFailed: boolean;
  notifyTransferFailed: boolean;
  /** Minutes before a scheduled run its pre-flight check is made (0: off). */
  preflightMinutes: number;
}

export interface RuntimeSettings {
  /** The current values (synchronous: read on hot paths). */
  get(): RuntimeSettingsValues;
  /** Validates, persists in the settings table, notifies listeners. Locked names are refused. */
  update(patch: Partial<RuntimeSettingsValues>): Promise<RuntimeSettingsValues>;
  readonly lockedByEnv: readonly (keyof RuntimeSettingsValues)[];
  onChange(listener: (values: RuntimeSettingsValues) => void): () => void;
  /** Re-reads the settings table (after a restore wrote it) and notifies listeners. */
  reload(): Promise<RuntimeSettingsValues>;
}
