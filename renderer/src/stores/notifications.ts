import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import type { SessionDto } from '@contract';
import type { AlertPayload } from '@contract/alerts';
import { decideNotification, type RecordingNotification } from '@contract/notifications';
import { NOTIFICATION_SETTING_DEFAULTS } from '@contract/operations';
import { useClient } from '../api/client';
import type { Unsubscribe } from '../api/transport';
import { unsubscribeAll } from './follow';
import { useDestinationsStore } from './destinations';
import { useSessionsStore } from './sessions';
import { useSettingsStore } from './settings';
import { useStreamsStore } from './streams';

/** Remembered in this browser: the user switched browser notifications on. */
export const BROWSER_NOTIFICATIONS_KEY = 'asr.browserNotifications';

/** The browser's permission for notifications, or `unsupported` where there is no Notification API. */
export type NotificationPermissionState = NotificationPermission | 'unsupported';

/** Where a click on a notification leads (the router, in the app). */
export interface NotificationNavigator {
  push(to: { name: 'recordings'; query: { session: string } }): unknown;
}

/** The desktop build shows notifications from its main process (Electron), not from the page. */
const DESKTOP_BUILD = import.meta.env.VITE_TRANSPORT === 'ipc';

function notificationApi(): typeof Notification | undefined {
  if (DESKTOP_BUILD) return undefined;
  const api = (globalThis as { Notification?: typeof Notification }).Notification;
  return typeof api === 'function' ? api : undefined;
}

function readOptIn(): boolean {
  try {
    return globalThis.localStorage?.getItem(BROWSER_NOTIFICATIONS_KEY) === 'on';
  } catch {
    return false;
  }
}

function writeOptIn(on: boolean): void {
  try {
    if (on) globalThis.localStorage?.setItem(BROWSER_NOTIFICATIONS_KEY, 'on');
    else globalThis.localStorage?.removeItem(BROWSER_NOTIFICATIONS_KEY);
  } catch {
    // private mode: the choice lasts until the page is closed
  }
}

/**
 * Opt-in browser notifications for the headless UI: when a recording starts, ends, fails or its
 * delivery fails, as the shared decision (core/contract/notifications.ts) and the server's
 * notification settings say. Only on the user's click is permission asked; the choice is kept
 * in this browser. While subscribed (logged in), `session` events are watched.
 */
export const useNotificationsStore = defineStore('notifications', () => {
  const client = useClient();
  const api = notificationApi();
  const supported = api !== undefined;
  const permission = ref<NotificationPermissionState>(api ? api.permission : 'unsupported');
  const optedIn = ref(readOptIn());
  /** True when notifications will be shown: opted in and allowed by the browser. */
  const active = computed(() => supported && optedIn.value && permission.value === 'granted');

  /** Loads what notifications are worded from (the switches, stream and destination names). */
  function prepare(): void {
    if (!active.value) return;
    void useSettingsStore().ensureLoaded();
    void useStreamsStore().ensureLoaded();
    void useDestinationsStore().ensureLoaded();
  }

  /**
   * Switches browser notifications on, asking the browser's permission when it was never asked
   * (call it from a click: browsers ignore the request otherwise). Answers the permission.
   */
  async function enable(): Promise<NotificationPermissionState> {
    if (!api) return 'unsupported';
    let answer = api.permission;
    if (answer === 'default') {
      try {
        answer = await api.requestPermission();
      } catch {
        answer = api.permission;
      }
    }
    permission.value = answer;
    optedIn.value = answer === 'granted';
    writeOptIn(optedIn.value);
    prepare();
    return answer;
  }

  function disable(): void {
    optedIn.value = false;
    writeOptIn(false);
  }

  /** Reads the browser's permission again (it may have been changed in the site settings). */
  function refreshPermission(): void {
    if (api) permission.value = api.permission;
  }

  /** The last version seen of each session, to tell what changed. */
  const seen = new Map<string, SessionDto>();
  const shown: RecordingNotification[] = [];

  function show(note: RecordingNotification, navigator: NotificationNavigator | undefined): void {
    if (!api) return;
    try {
      // the tag replaces a notification of the same recording (another tab, an earlier state)
      const notification = new api(note.title, {
        body: note.body,
        tag: note.sessionId ?? `${note.kind}-${note.title}`,
      });
      notification.onclick = () => {
        try {
          globalThis.focus?.();
        } catch {
          // a browser may refuse to focus: the page still opens
        }
        if (note.sessionId !== null) {
          void navigator?.push({ name: 'recordings', query: { session: note.sessionId } });
        }
        notification.close();
      };
      shown.push(note);
    } catch (error) {
      // e.g. Chrome on Android allows notifications only from a service worker
      console.warn('A notification could not be shown:', error);
    }
  }

  function onSession(session: SessionDto, navigator: NotificationNavigator | undefined): void {
    const previous = seen.get(session.id);
    seen.set(session.id, session);
    if (!active.value) return;
    const settingsStore = useSettingsStore();
    const streams = useStreamsStore();
    const stream = streams.byId.get(session.streamId);
    const destination = stream?.destinationId
      ? useDestinationsStore().byId.get(stream.destinationId)
      : undefined;
    const note = decideNotification({
      previous,
      session,
      streamName: stream?.name ?? null,
      destination: destination ? { name: destination.name } : null,
      settings: { ...NOTIFICATION_SETTING_DEFAULTS, ...settingsStore.settings },
    });
    if (note) show(note, navigator);
  }

  /** An alert no session change tells (dead air, a failed check, a low disk): the same decision. */
  function onAlert(alert: AlertPayload, navigator: NotificationNavigator | undefined): void {
    if (!active.value) return;
    const note = decideNotification({
      alert,
      settings: { ...NOTIFICATION_SETTING_DEFAULTS, ...useSettingsStore().settings },
    });
    if (note) show(note, navigator);
  }

  /**
   * Watches `session` and `alert` events while logged in (the authenticated layout calls it); clicks open
   * the recording through `navigator`. A no-op in the desktop build and without the API.
   */
  function subscribe(navigator?: NotificationNavigator): Unsubscribe {
    if (!supported) return () => undefined;
    refreshPermission();
    // what the page already knows is not news
    for (const session of Object.values(useSessionsStore().byId)) {
      if (!seen.has(session.id)) seen.set(session.id, session);
    }
    const settingsStore = useSettingsStore();
    prepare();
    return unsubscribeAll([
      client.on('session', (session) => onSession(session, navigator)),
      client.on('alert', (alert) => onAlert(alert, navigator)),
      // the server announces `system` when its settings change: the switches may have moved
      client.on('system', () => {
        if (active.value) void settingsStore.load();
      }),
    ]);
  }

  return {
    supported,
    permission,
    optedIn,
    active,
    enable,
    disable,
    refreshPermission,
    subscribe,
    /** The notifications shown since the page opened (for tests and diagnostics). */
    shown,
  };
});
