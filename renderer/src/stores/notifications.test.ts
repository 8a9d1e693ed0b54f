// @vitest-environment happy-dom
import { createPinia, setActivePinia } from 'pinia';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { SessionDto } from '@contract';
import type { SettingsDto } from '@contract/operations';
import type { FakeClient } from '../testing/fake-client';
import { storeTest } from '../testing/store-test';
import { BROWSER_NOTIFICATIONS_KEY, useNotificationsStore } from './notifications';
import { sessionDto } from '@contract/testing/session-fixtures';

/** A stand-in for the browser's Notification, driven by the test. */
class FakeNotification {
  static permission: NotificationPermission = 'default';
  static answer: NotificationPermission = 'granted';
  static requests = 0;
  static created: FakeNotification[] = [];
  static async requestPermission(): Promise<NotificationPermission> {
    FakeNotification.requests += 1;
    FakeNotification.permission = FakeNotification.answer;
    return FakeNotification.answer;
  }
  onclick: ((event: Event) => void) | null = null;
  closed = false;
  constructor(
    readonly title: string,
    readonly options: NotificationOptions = {},
  ) {
    FakeNotification.created.push(this);
  }
  close(): void {
    this.closed = true;
  }
}

function session(patch: Partial<SessionDto> = {}): SessionDto {
  return sessionDto({
    status: 'RECORDING',
    title: '2026-11-24 Morning Show',
    trackNumber: 2519,
    ...patch,
  });
}

const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

const app = storeTest();
let client: FakeClient;
let settings: SettingsDto;

beforeEach(() => {
  FakeNotification.permission = 'default';
  FakeNotification.answer = 'granted';
  FakeNotification.requests = 0;
  FakeNotification.created = [];
  vi.stubGlobal('Notification', FakeNotification);
  localStorage.clear();
  settings = {
    maxConcurrentRecordings: 3,
    cleanupAfterTransfer: true,
    retentionDays: 0,
    minFreeDiskMb: 500,
    logLevel: 'info',
    notifyRecordingStarted: true,
    notifyRecordingCompleted: true,
    notifyRecordingFailed: true,
    notifyTransferFailed: false,
    preflightMinutes: 10,
    lockedByEnv: [],
  };
  client = app.client;
  client.handle('settings.get', () => settings);
  client.handle('streams.list', () => ({
    items: [{ id: 'stream-1', name: 'Morning Show', destinationId: 'd1' }],
    total: 1,
  }));
  client.handle('destinations.list', () => ({ items: [{ id: 'd1', name: 'Archive' }], total: 1 }));
  client.handle('sessions.list', () => ({ items: [], total: 0 }));
});

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('browser notifications', () => {
  it('asks for permission only when switched on, and remembers the choice', async () => {
    const store = useNotificationsStore();
    expect(store.supported).toBe(true);
    expect(store.active).toBe(false);
    expect(FakeNotification.requests).toBe(0);
    await expect(store.enable()).resolves.toBe('granted');
    expect(FakeNotification.requests).toBe(1);
    expect(store.active).toBe(true);
    expect(localStorage.getItem(BROWSER_NOTIFICATIONS_KEY)).toBe('on');
    // a new page (a new store) remembers it without asking again
    setActivePinia(createPinia());
    expect(useNotificationsStore().active).toBe(true);
    expect(FakeNotification.requests).toBe(1);
    useNotificationsStore().disable();
    expect(localStorage.getItem(BROWSER_NOTIFICATIONS_KEY)).toBeNull();
  });

  it('stays off when the browser denies permission', async () => {
    FakeNotification.answer = 'denied';
    const store = useNotificationsStore();
    await expect(store.enable()).resolves.toBe('denied');
    expect(store.permission).toBe('denied');
    expect(store.active).toBe(false);
    expect(localStorage.getItem(BROWSER_NOTIFICATIONS_KEY)).toBeNull();
    // denied is final: the browser is not asked again
    await store.enable();
    expect(FakeNotification.requests).toBe(1);
  });

  it('shows what the shared decision says, tagged by session, and a click opens the recording', async () => {
    const focus = vi.fn();
    vi.stubGlobal('focus', focus);
    const navigator = { push: vi.fn() };
    const store = useNotificationsStore();
    await store.enable();
    store.subscribe(navigator);
    await flush();

    client.emit('session', session());
    expect(FakeNotification.created).toHaveLength(1);
    const started = FakeNotification.created[0]!;
    expect(started.title).toBe('Recording Morning Show');
    expect(started.options).toEqual({ body: 'Started, for 1 h.', tag: 'sess-1' });

    // the same state again is not news
    client.emit('session', session());
    expect(FakeNotification.created).toHaveLength(1);

    client.emit(
      'session',
      session({ status: 'COMPLETED', transferStatus: 'COMPLETED', remotePath: '/srv/a.mp3' }),
    );
    expect(FakeNotification.created).toHaveLength(2);
    const done = FakeNotification.created[1]!;
    expect(done.title).toBe('Recorded Morning Show');
    expect(done.options.body).toContain('delivered to Archive');

    done.onclick?.(new Event('click'));
    expect(focus).toHaveBeenCalled();
    expect(navigator.push).toHaveBeenCalledWith({
      name: 'recordings',
      query: { session: 'sess-1' },
    });
    expect(done.closed).toBe(true);
  });

  it('shows the alerts no session change tells (a failed check before a run), by the same decision', async () => {
    const navigator = { push: vi.fn() };
    const store = useNotificationsStore();
    await store.enable();
    store.subscribe(navigator);
    await flush();
    const check = {
      event: 'preflight.failed' as const,
      at: '2026-11-24T06:50:00.000Z',
      message: 'Morning Show starts at 07:00: the stream answers 404.',
      stream: { id: 'stream-1', name: 'Morning Show' },
    };
    client.emit('alert', check);
    expect(FakeNotification.created).toHaveLength(1);
    const shown = FakeNotification.created[0]!;
    expect(shown.title).toBe('Check before recording failed: Morning Show');
    expect(shown.options.body).toBe(check.message);
    shown.onclick?.(new Event('click'));
    expect(navigator.push).not.toHaveBeenCalled();
    // told by the session's change instead
    client.emit('alert', { ...check, event: 'recording.failed' });
    expect(FakeNotification.created).toHaveLength(1);
  });

  it('follows the server’s switches (a transfer failure is off here)', async () => {
    const store = useNotificationsStore();
    await store.enable();
    store.subscribe();
    await flush();
    client.emit('session', session({ status: 'COMPLETED', transferStatus: 'PENDING' }));
    client.emit(
      'session',
      session({ status: 'COMPLETED', transferStatus: 'FAILED', attempts: 5, errorMessage: 'x' }),
    );
    expect(FakeNotification.created).toEqual([]);
    // switched on elsewhere: the server announces `system`, the settings are read again
    settings = { ...settings, notifyTransferFailed: true };
    client.emit('system', { activeRecordings: 0, maxConcurrentRecordings: 3 });
    await flush();
    client.emit(
      'session',
      session({ id: 'sess-2', status: 'COMPLETED', transferStatus: 'PENDING' }),
    );
    client.emit(
      'session',
      session({ id: 'sess-2', status: 'COMPLETED', transferStatus: 'FAILED', attempts: 5 }),
    );
    expect(FakeNotification.created.map((n) => n.title)).toEqual(['Delivery failed: Morning Show']);
  });

  it('shows nothing until switched on, nor after unsubscribing', async () => {
    const store = useNotificationsStore();
    const off = store.subscribe();
    client.emit('session', session());
    expect(FakeNotification.created).toEqual([]);
    await store.enable();
    off();
    client.emit('session', session({ id: 'later' }));
    expect(FakeNotification.created).toEqual([]);
  });

  it('does nothing where the browser has no notifications', () => {
    vi.stubGlobal('Notification', undefined);
    setActivePinia(createPinia());
    const store = useNotificationsStore();
    expect(store.supported).toBe(false);
    expect(store.permission).toBe('unsupported');
    store.subscribe();
    client.emit('session', session());
    expect(FakeNotification.created).toEqual([]);
  });
});
