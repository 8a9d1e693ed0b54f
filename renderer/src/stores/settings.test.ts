import { beforeEach, describe, expect, it } from 'vitest';
import type { BackupDocument, BackupStream, SettingsDto } from '@contract/operations';
import { backupDocument, backupStream, settingsValues } from '@contract/testing/backup-fixtures';
import type { FakeClient } from '../testing/fake-client';
import { storeTest } from '../testing/store-test';
import { useDestinationsStore } from './destinations';
import { useNotificationChannelsStore } from './notification-channels';
import { BackupFileError, useSettingsStore } from './settings';
import { useStreamsStore } from './streams';

function settingsDto(patch: Partial<SettingsDto> = {}): SettingsDto {
  return { ...settingsValues(), lockedByEnv: [], ...patch };
}

/** A stream as these tests name it (its URL without an extension). */
function stream(id: string, name: string): BackupStream {
  return backupStream(id, { name, streamUrl: `https://radio.example/${id}` });
}

function backup(streams: BackupStream[]): BackupDocument {
  return backupDocument({ destinations: [], streams, schedules: [] });
}

const app = storeTest();
let client: FakeClient;
let serverSettings: SettingsDto;

beforeEach(() => {
  client = app.client;
  serverSettings = settingsDto({ lockedByEnv: ['logLevel'] });
  client.handle('settings.get', () => serverSettings);
  client.handle('settings.update', (input) => {
    const { lockedByEnv: _ignored, ...changes } = input;
    serverSettings = { ...serverSettings, ...changes };
    return serverSettings;
  });
});

describe('settings store', () => {
  it('sends only the settings that changed, never a locked one', async () => {
    const store = useSettingsStore();
    await store.load();
    expect(store.isLocked('logLevel')).toBe(true);
    const answer = await store.update({
      maxConcurrentRecordings: 3,
      retentionDays: 14,
      logLevel: 'debug',
    });
    expect(client.calls.at(-1)).toEqual({ op: 'settings.update', input: { retentionDays: 14 } });
    expect(answer.retentionDays).toBe(14);
    expect(store.settings?.retentionDays).toBe(14);
    // nothing changed: nothing sent
    const before = client.calls.length;
    await store.update({ retentionDays: 14 });
    expect(client.calls.length).toBe(before);
  });

  it('refuses a file that is not a valid backup, without asking the server', async () => {
    const store = useSettingsStore();
    const error = await store
      .planRestore('{"format":"audio-stream-recorder-backup"}')
      .catch((e) => e);
    expect(error).toBeInstanceOf(BackupFileError);
    expect((error as BackupFileError).problems.length).toBeGreaterThan(0);
    expect(client.calls).toEqual([]);
  });

  it('asks the server what restoring the file would change: no backup is taken', async () => {
    const preview = {
      destinations: { added: [], removed: [], changed: [], unchanged: 0 },
      streams: {
        added: [],
        removed: [{ id: 's2', name: 'Night', changes: [] }],
        changed: [],
        unchanged: 1,
      },
      schedules: { added: [], removed: [], changed: [], unchanged: 0 },
      notificationChannels: { added: [], removed: [], changed: [], unchanged: 0 },
      settings: [],
      refusals: [{ streamId: 's2', name: 'Night', sessions: 7, message: 'refused' }],
      notes: [],
      unchanged: false,
    };
    client.handle('backup.preview', () => preview);
    const store = useSettingsStore();
    const file = backup([stream('s1', 'Morning')]);
    const plan = await store.planRestore(JSON.stringify(file));
    // the preview, and only it: backup.get would bring every key and passphrase to the browser
    // (and log "Backup taken")
    expect(client.calls).toEqual([{ op: 'backup.preview', input: file }]);
    expect(plan.diff).toEqual(preview);
    expect(plan.doc.streams).toHaveLength(1);
  });

  it('applies a restore and reloads what shows the configuration', async () => {
    client.handle('backup.restore', () => ({
      destinations: 0,
      streams: 1,
      schedules: 0,
      notificationChannels: 0,
      settings: 9,
    }));
    client.handle('destinations.list', () => ({ items: [], total: 0 }));
    client.handle('streams.list', () => ({ items: [{ id: 's1', name: 'Morning' }], total: 1 }));
    client.handle('schedules.list', () => ({ items: [], total: 0 }));
    client.handle('notificationChannels.list', () => ({ items: [], total: 0 }));
    client.handle('system.get', () => ({ activeRecordings: 0, maxConcurrentRecordings: 3 }));
    const store = useSettingsStore();
    const doc = backup([stream('s1', 'Morning')]);
    await expect(store.restore(doc)).resolves.toEqual({
      destinations: 0,
      streams: 1,
      schedules: 0,
      notificationChannels: 0,
      settings: 9,
    });
    expect(client.calls[0]).toEqual({ op: 'backup.restore', input: doc });
    expect(client.calls.map((c) => c.op).sort()).toEqual([
      'backup.restore',
      'destinations.list',
      'notificationChannels.list',
      'schedules.list',
      'settings.get',
      'streams.list',
      'system.get',
    ]);
    expect(useStreamsStore().items.map((s) => s.name)).toEqual(['Morning']);
    expect(useDestinationsStore().loaded).toBe(true);
    expect(useNotificationChannelsStore().loaded).toBe(true);
    expect(store.settings).not.toBeNull();
  });
});
