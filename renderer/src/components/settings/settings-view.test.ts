// @vitest-environment happy-dom
import { flushPromises, type VueWrapper } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type {
  BackupDocument,
  BackupStream,
  RestorePreviewDto,
  SettingsDto,
} from '@contract/operations';
import { backupDocument, backupStream, settingsValues } from '@contract/testing/backup-fixtures';
import { ApiError } from '../../api/api-error';
import { installClient } from '../../api/client';
import {
  fakeAccount,
  fakeClient,
  type FakeAccount,
  type FakeClient,
} from '../../testing/fake-client';
import { byTestId, click, lastButton, maybe, mountInProviders } from '../../testing/page';
import SettingsView from '../../views/SettingsView.vue';

let client: FakeClient;
let account: FakeAccount;
let settings: SettingsDto;
let wrapper: VueWrapper | undefined;

function values() {
  const { lockedByEnv: _locked, ...rest } = settings;
  return rest;
}

/** A stream as these tests name it (its URL without an extension). */
function stream(id: string, name: string): BackupStream {
  return backupStream(id, { name, streamUrl: `https://radio.example/${id}` });
}

function backupOf(streams: BackupStream[]): BackupDocument {
  return backupDocument({ destinations: [], streams, schedules: [], settings: values() });
}

const noChange = { added: [], removed: [], changed: [], unchanged: 0 };

/** What the server answers a preview (backup.preview). */
function preview(patch: Partial<RestorePreviewDto> = {}): RestorePreviewDto {
  return {
    destinations: noChange,
    streams: noChange,
    schedules: noChange,
    notificationChannels: noChange,
    settings: [],
    refusals: [],
    notes: [],
    unchanged: false,
    ...patch,
  };
}

function mountView() {
  wrapper = mountInProviders(SettingsView);
  return wrapper;
}

async function type(root: Element, value: string): Promise<void> {
  const input = root.querySelector<HTMLInputElement>('input')!;
  input.focus();
  input.value = value;
  input.dispatchEvent(new Event('input', { bubbles: true }));
  input.blur();
  await flushPromises();
}

async function pickFile(id: string, file: File): Promise<void> {
  const input = byTestId<HTMLInputElement>(id);
  Object.defineProperty(input, 'files', { value: [file], configurable: true });
  input.dispatchEvent(new Event('change', { bubbles: true }));
  for (let i = 0; i < 3; i++) {
    await flushPromises();
    await new Promise((resolve) => setTimeout(resolve, 0));
  }
}

/** Opens the page and picks a file of `contents` to restore. */
async function restoreFile(contents: string, name = 'b.json'): Promise<void> {
  mountView();
  await flushPromises();
  await pickFile('backup-restore-file', new File([contents], name));
}

beforeEach(() => {
  settings = { ...settingsValues(), lockedByEnv: ['maxConcurrentRecordings'] };
  account = fakeAccount({ apiKey: 'secret-key-1234', lockedByEnv: false });
  client = fakeClient({ account });
  client.handle('settings.get', () => settings);
  client.handle('notificationChannels.list', () => ({ items: [], total: 0 }));
  client.handle('settings.update', (input) => {
    const { lockedByEnv: _ignored, ...changes } = input;
    settings = { ...settings, ...changes };
    return settings;
  });
  installClient(client);
  setActivePinia(createPinia());
});

afterEach(() => {
  wrapper?.unmount();
  wrapper = undefined;
  document.body.innerHTML = '';
  vi.useRealTimers();
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

describe('Settings page: settings', () => {
  it('shows a setting fixed by the environment as such, and saves only what changed', async () => {
    mountView();
    await flushPromises();
    const locked = byTestId('setting-maxConcurrentRecordings');
    expect(locked.dataset.locked).toBe('true');
    expect(locked.querySelector('input')!.disabled).toBe(true);
    expect(byTestId('setting-locked-maxConcurrentRecordings').textContent).toContain(
      'Set by MAX_CONCURRENT_RECORDINGS',
    );
    expect(byTestId('setting-retentionDays').dataset.locked).toBe('false');

    await type(byTestId('setting-retentionDays'), '5000');
    expect(byTestId('setting-retentionDays').textContent).toContain(
      'Must be a whole number from 0 to 3650.',
    );
    expect(byTestId<HTMLButtonElement>('settings-save').disabled).toBe(true);

    await type(byTestId('setting-retentionDays'), '30');
    expect(byTestId<HTMLButtonElement>('settings-save').disabled).toBe(false);
    await click('settings-save');
    expect(client.calls.filter((c) => c.op === 'settings.update').map((c) => c.input)).toEqual([
      { retentionDays: 30 },
    ]);
    expect(settings.retentionDays).toBe(30);
  });

  it('has Settings → Notifications: the notification channels card', async () => {
    mountView();
    await flushPromises();
    expect(byTestId('channels-card').textContent).toContain('No notification channels yet');
    expect(client.calls.some((c) => c.op === 'notificationChannels.list')).toBe(true);
  });

  it('puts the server’s refusal on the setting and keeps the value typed', async () => {
    client.handle('settings.update', () => {
      const message =
        'This setting is set by the environment variable MIN_FREE_DISK_MB: change it there and restart.';
      throw new ApiError('CONFLICT', message, {
        field: 'minFreeDiskMb',
      });
    });
    mountView();
    await flushPromises();
    await type(byTestId('setting-minFreeDiskMb'), '900');
    await click('settings-save');
    const field = byTestId('setting-minFreeDiskMb');
    expect(field.textContent).toContain(
      'This setting is set by the environment variable MIN_FREE_DISK_MB: change it there and restart.',
    );
    expect(field.querySelector('input')!.value).toBe('900');
  });
});

describe('Settings page: API key and password', () => {
  it('hides the key until asked, copies it, and makes a new one only after asking', async () => {
    const writeText = vi.fn(async () => undefined);
    vi.stubGlobal('navigator', { ...navigator, clipboard: { writeText } });
    mountView();
    await flushPromises();
    const value = byTestId('api-key-value');
    expect(value.textContent).not.toContain('secret-key-1234');
    await click('api-key-show');
    expect(byTestId('api-key-value').textContent).toBe('secret-key-1234');
    await click('api-key-copy');
    expect(writeText).toHaveBeenCalledWith('secret-key-1234');

    await click('api-key-regenerate');
    expect(document.body.textContent).toContain('The current key stops working at once');
    lastButton('Cancel').click();
    await flushPromises();
    expect(account.key.apiKey).toBe('secret-key-1234');

    await click('api-key-regenerate');
    lastButton('Make a new key').click();
    await flushPromises();
    expect(account.key.apiKey).not.toBe('secret-key-1234');
    expect(byTestId('api-key-value').textContent).toBe(account.key.apiKey);
  });

  it('changes the password, showing a wrong current one on its field', async () => {
    mountView();
    await flushPromises();
    await type(byTestId('password-current'), 'not it');
    await type(byTestId('password-new'), 'short');
    expect(byTestId('password-card').textContent).toContain('Must be at least 8 characters.');
    await type(byTestId('password-new'), 'a long new password');
    await type(byTestId('password-repeat'), 'a long new passwort');
    expect(byTestId('password-card').textContent).toContain('The two new passwords differ.');
    await type(byTestId('password-repeat'), 'a long new password');
    await click('password-save');
    expect(byTestId('password-card').textContent).toContain('The current password is wrong.');
    expect(byTestId('password-new').querySelector('input')!.value).toBe('a long new password');

    await type(byTestId('password-current'), 'old password');
    await click('password-save');
    expect(account.password).toBe('a long new password');
    expect(byTestId('password-current').querySelector('input')!.value).toBe('');
  });

  it('has no API key or password in the desktop app', async () => {
    client = fakeClient({ needsLogin: false });
    client.handle('settings.get', () => settings);
    installClient(client);
    setActivePinia(createPinia());
    mountView();
    await flushPromises();
    expect(maybe('settings-card')).not.toBeNull();
    expect(maybe('api-key-card')).toBeNull();
    expect(maybe('password-card')).toBeNull();
  });
});

describe('Settings page: backup and restore', () => {
  it('downloads the backup as a dated JSON file', async () => {
    const doc = backupOf([stream('s1', 'Morning')]);
    client.handle('backup.get', () => doc);
    const blobs: Blob[] = [];
    vi.spyOn(URL, 'createObjectURL').mockImplementation((blob) => {
      blobs.push(blob as Blob);
      return 'blob:backup';
    });
    const revoked = vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => undefined);
    const clicked: HTMLAnchorElement[] = [];
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (
      this: HTMLAnchorElement,
    ) {
      clicked.push(this);
    });
    mountView();
    await flushPromises();
    expect(byTestId('backup-card').textContent).toContain('contains the uploaded private keys');
    // the object URL outlives the click by a minute (the browser reads it after the click):
    // on a fake clock, so that the test sees it revoked and leaves no timer behind
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    await click('backup-download');
    expect(clicked).toHaveLength(1);
    expect(clicked[0]!.download).toMatch(/^audio-stream-recorder-backup-\d{4}-\d{2}-\d{2}\.json$/);
    expect(clicked[0]!.href).toBe('blob:backup');
    expect(JSON.parse(await blobs[0]!.text())).toEqual(doc);
    vi.advanceTimersByTime(59_000);
    expect(revoked).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1000);
    expect(revoked).toHaveBeenCalledWith('blob:backup');
  });

  it('shows what a restore changes before applying it, then applies it; takes no backup', async () => {
    client.handle('backup.preview', () =>
      preview({
        streams: {
          added: [{ id: 's3', name: 'Evening', changes: [] }],
          removed: [{ id: 's2', name: 'Night', changes: [] }],
          changed: [{ id: 's1', name: 'Morning Show', changes: ['name'] }],
          unchanged: 0,
        },
        notificationChannels: {
          added: [],
          removed: [],
          changed: [{ id: 'n1', name: 'Phone', changes: ['access token'] }],
          unchanged: 1,
        },
        settings: [{ name: 'retentionDays', from: 0, to: 30, lockedBy: null }],
      }),
    );
    client.handle('backup.restore', () => ({
      destinations: 0,
      streams: 2,
      schedules: 0,
      notificationChannels: 2,
      settings: 9,
    }));
    client.handle('destinations.list', () => ({ items: [], total: 0 }));
    client.handle('streams.list', () => ({ items: [], total: 0 }));
    client.handle('schedules.list', () => ({ items: [], total: 0 }));
    client.handle('system.get', () => ({ activeRecordings: 0, maxConcurrentRecordings: 3 }));
    const incoming = backupOf([stream('s1', 'Morning Show'), stream('s3', 'Evening')]);
    incoming.settings = { ...incoming.settings, retentionDays: 30 };
    await restoreFile(JSON.stringify(incoming), 'audio-stream-recorder-backup-2026-11-24.json');
    expect(client.calls.find((c) => c.op === 'backup.preview')?.input).toEqual(incoming);
    const summary = byTestId('restore-summary');
    const streams = byTestId('restore-streams');
    expect(streams.querySelector('[data-change="added"]')!.textContent).toContain('Evening');
    expect(streams.querySelector('[data-change="removed"]')!.textContent).toContain('Night');
    expect(streams.querySelector('[data-change="changed"]')!.textContent).toContain('Morning Show');
    const channels = byTestId('restore-notificationChannels');
    expect(channels.textContent).toContain('1 changed, 1 unchanged');
    expect(channels.querySelector('[data-change="changed"]')!.textContent).toContain(
      'Phone — access token',
    );
    expect(byTestId('restore-settings').textContent).toContain(
      'Keep local recordings for: forever → 30 days',
    );
    expect(summary.textContent).toContain('replaces');
    expect(client.calls.some((c) => c.op === 'backup.restore')).toBe(false);
    // a preview is no backup: nothing secret came to the browser
    expect(client.calls.some((c) => c.op === 'backup.get')).toBe(false);

    await click('restore-apply');
    expect(client.calls.find((c) => c.op === 'backup.restore')?.input).toEqual(incoming);
    expect(byTestId('restore-success').textContent).toContain('2 streams');
    expect(byTestId('restore-success').textContent).toContain('2 notification channels');
    expect(maybe('restore-summary')).toBeNull();
  });

  it('will not apply a restore the server would refuse, and explains why', async () => {
    client.handle('backup.preview', () =>
      preview({
        refusals: [
          {
            streamId: 's2',
            name: 'Night',
            sessions: 3,
            message: 'The backup lacks stream “Night”, which has 3 recordings.',
          },
        ],
      }),
    );
    await restoreFile(JSON.stringify(backupOf([stream('s1', 'Morning')])));
    expect(byTestId('restore-refusal').textContent).toContain(
      'lacks stream “Night”, which has 3 recordings',
    );
    expect(byTestId<HTMLButtonElement>('restore-apply').disabled).toBe(true);
  });

  it('shows why the server refuses a file, naming the field', async () => {
    client.handle('backup.preview', () => {
      throw new ApiError('VALIDATION_FAILED', 'streams.0.fallbackUrls: must hold at most 10 URLs', {
        field: 'streams.0.fallbackUrls',
      });
    });
    await restoreFile(JSON.stringify(backupOf([stream('s1', 'Morning')])));
    expect(byTestId('restore-problems').textContent).toContain('streams.0.fallbackUrls');
    expect(maybe('restore-summary')).toBeNull();
  });

  it('lists the problems of a file that is not a valid backup', async () => {
    await restoreFile('{"format": "audio-stream-recorder-backup"}', 'x.json');
    expect(byTestId('restore-problems').textContent).toContain('destinations');
    expect(maybe('restore-summary')).toBeNull();
  });
});
