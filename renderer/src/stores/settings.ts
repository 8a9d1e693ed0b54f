import { defineStore } from 'pinia';
import { ref } from 'vue';
import type {
  BackupDocument,
  RestoreSummaryDto,
  SettingName,
  SettingsDto,
  SettingsValues,
} from '../../../core/contract/operations';
import { useClient } from '../api/client';
import { errorMessage } from '../api/error-messages';
import { diffRestore, parseBackup, type RestoreDiff } from '../settings/restore-diff';
import { useDestinationsStore } from './destinations';
import { useSchedulesStore } from './schedules';
import { useStreamsStore } from './streams';
import { useSystemStore } from './system';

/** A backup read from a file and compared with the current configuration, ready to apply. */
export interface RestorePlan {
  doc: BackupDocument;
  diff: RestoreDiff;
}

/** The run-time settings (`settings.get/update`), and the backup and restore of the configuration. */
export const useSettingsStore = defineStore('settings', () => {
  const client = useClient();
  const settings = ref<SettingsDto | null>(null);
  const loading = ref(false);
  const error = ref<string | null>(null);

  async function load(): Promise<void> {
    loading.value = true;
    try {
      settings.value = await client.invoke('settings.get');
      error.value = null;
    } catch (e) {
      error.value = errorMessage(e);
    } finally {
      loading.value = false;
    }
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
   * Reads a backup file and works out what restoring it changes, without changing anything:
   * its schema is checked here; the current configuration is the server's own backup; streams
   * the backup lacks are looked up for sessions (the server refuses to drop those). Rejects with
   * an Error listing the file's problems, or the ApiError of a request.
   */
  async function planRestore(text: string): Promise<RestorePlan> {
    const parsed = parseBackup(text);
    if (!parsed.ok) throw new BackupFileError(parsed.problems);
    const [current, now] = await Promise.all([
      client.invoke('backup.get'),
      client.invoke('settings.get'),
    ]);
    settings.value = now;
    const keep = new Set(parsed.doc.streams.map((s) => s.id));
    const lost = current.streams.filter((s) => !keep.has(s.id));
    const counts = await Promise.all(
      lost.map(async (s) => {
        const page = await client.invoke('sessions.list', { streamId: s.id, limit: 1 });
        return [s.id, page.total] as const;
      }),
    );
    const diff = diffRestore(current, parsed.doc, {
      sessionCounts: Object.fromEntries(counts),
      lockedByEnv: now.lockedByEnv,
    });
    return { doc: parsed.doc, diff };
  }

  /** Applies a backup (replacing destinations, streams, schedules and settings), then reloads what shows them. */
  async function restore(doc: BackupDocument): Promise<RestoreSummaryDto> {
    const summary = await client.invoke('backup.restore', doc);
    await Promise.all([
      load(),
      useDestinationsStore().load(),
      useStreamsStore().load(),
      useSchedulesStore().load(),
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
