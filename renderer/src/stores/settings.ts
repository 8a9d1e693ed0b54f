import { defineStore } from 'pinia';
import { ref } from 'vue';
import type {
  BackupDocument,
  RestorePreviewDto,
  RestoreSummaryDto,
  SettingName,
  SettingsDto,
  SettingsValues,
} from '@contract/operations';
import { useClient } from '../api/client';
import { parseBackup } from '../settings/backup-file';
import { useDestinationsStore } from './destinations';
import { useNotificationChannelsStore } from './notification-channels';
import { useSchedulesStore } from './schedules';
import { useStreamsStore } from './streams';
import { useSystemStore } from './system';
import { trackedLoad } from './tracked-load';

/** A backup read from a file and compared with the current configuration, ready to apply. */
export interface RestorePlan {
  doc: BackupDocument;
  diff: RestorePreviewDto;
}

/** The run-time settings (`settings.get/update`), and the backup and restore of the configuration. */
export const useSettingsStore = defineStore('settings', () => {
  const client = useClient();
  const settings = ref<SettingsDto | null>(null);
  const { loading, error, track } = trackedLoad();

  async function load(): Promise<void> {
    await track(async () => {
      settings.value = await client.invoke('settings.get');
    });
  }

  async function ensureLoaded(): Promise<void> {
    if (!settings.value && !loading.value) await load();
  }

  function isLocked(name: SettingName): boolean {
    return settings.value?.lockedByEnv.includes(name) ?? false;
  }

  /**
   * Saves the settings that differ from the current ones (locked ones are never sent); answers
   * the settings as the server now has them. Rejects with the ApiError (`field` names the setting).
   */
  async function update(values: Partial<SettingsValues>): Promise<SettingsDto> {
    const current = settings.value;
    const changes: Partial<SettingsValues> = {};
    for (const [name, value] of Object.entries(values) as [SettingName, unknown][]) {
      if (value === undefined || isLocked(name)) continue;
      if (current && current[name] === value) continue;
      Object.assign(changes, { [name]: value });
    }
    if (current && Object.keys(changes).length === 0) return current;
    settings.value = await client.invoke('settings.update', changes);
    return settings.value;
  }

  /** The whole configuration as one document (it includes private keys and passphrases). */
  function backup(): Promise<BackupDocument> {
    return client.invoke('backup.get');
  }

  /**
   * Reads a backup file and asks the server what restoring it would change, without changing
   * anything: its form is checked here; the server checks it as a restore does (rejecting with
   * the ApiError naming the field) and compares it with its configuration. No backup is taken:
   * the comparison never brings keys or passphrases to the browser. Rejects with an Error
   * listing the file's problems, or the ApiError of the request.
   */
  async function planRestore(text: string): Promise<RestorePlan> {
    const parsed = parseBackup(text);
    if (!parsed.ok) throw new BackupFileError(parsed.problems);
    const diff = await client.invoke('backup.preview', parsed.doc);
    return { doc: parsed.doc, diff };
  }

  /**
   * Applies a backup (replacing destinations, streams, schedules, notification channels and
   * settings), then reloads what shows them.
   */
  async function restore(doc: BackupDocument): Promise<RestoreSummaryDto> {
    const summary = await client.invoke('backup.restore', doc);
    await Promise.all([
      load(),
      useDestinationsStore().load(),
      useStreamsStore().load(),
      useSchedulesStore().load(),
      useNotificationChannelsStore().load(),
      useSystemStore().load(),
    ]);
    return summary;
  }

  return {
    settings,
    loading,
    error,
    load,
    ensureLoaded,
    isLocked,
    update,
    backup,
    planRestore,
    restore,
  };
});

/** A backup file that is not one (or not a valid one), with what is wrong. */
export class BackupFileError extends Error {
  constructor(readonly problems: string[]) {
    super(problems.join(' '));
    this.name = 'BackupFileError';
  }
}
