// Desktop notifications for the session events (core/contract/notifications.ts decides which and
// what they say): recording started, completed (title and where it was delivered), failed, and
// transfer failed after its retries; and for the `alert` events no session change tells: dead
// air, a failed check before a scheduled run, a low disk. A click opens that recording (or the
// app). Each kind can be switched off in Settings.
import type { AlertPayload } from '../../core/contract/alerts';
import {
  decideNotification,
  notificationKind,
  type NotificationSettingName,
  type RecordingNotification,
} from '../../core/contract/notifications';
import type { SessionDto } from '../../core/contract/session';
import { remember } from './problems';

/** The part of Electron's Notification used here. */
export interface NotificationLike {
  on(event: 'click' | 'close' | 'failed', listener: () => void): unknown;
  show(): void;
}

export interface NotificationOptionsLike {
  title: string;
  body: string;
  icon?: string;
  /** Linux: a failure stays until dismissed. */
  urgency?: 'normal' | 'critical' | 'low';
}

export interface SessionContext {
  streamName: string | null;
  destination: { name: string } | null;
}

export interface NotifierDeps {
  isSupported: () => boolean;
  create: (options: NotificationOptionsLike) => NotificationLike;
  settings: () => Record<NotificationSettingName, boolean>;
  /** The stream's name and its destination, for the text. */
  describe: (session: SessionDto) => Promise<SessionContext>;
  onClick: (sessionId: string) => void;
  /** A click on a notification that is about no recording (a low disk). */
  onOpenApp?: () => void;
  platform: NodeJS.Platform;
  icon?: string;
  log?: (message: string) => void;
}

/**
 * Linux notification servers that announce `body-markup` read the body as a small subset of
 * HTML, so a file name like `<b>.mp3` or `a & b` would be taken as markup: the body is escaped
 * there. The title (the summary) is never markup; macOS and Windows show text as it is.
 */
export function notificationBody(text: string, platform: NodeJS.Platform): string {
  if (platform !== 'linux') return text;
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export class Notifier {
  private readonly previous = new Map<string, SessionDto>();
  /** Shown notifications are kept referenced until closed, so their click still arrives. */
  private readonly shown = new Set<NotificationLike>();

  constructor(private readonly deps: NotifierDeps) {}

  /** Follows a `session` event; answers what was shown (null: nothing). */
  async handle(session: SessionDto): Promise<RecordingNotification | null> {
    const previous = this.previous.get(session.id);
    // remembered before anything is awaited, so that quick successive events compare in order
    remember(this.previous, session);
    const kind = notificationKind(previous, session);
    if (kind === null) return null;
    const settings = this.deps.settings();
    if (!decideNotification({ previous, session, settings })) return null; // switched off
    if (!this.deps.isSupported()) return null;
    let context: SessionContext = { streamName: null, destination: null };
    try {
      context = await this.deps.describe(session);
    } catch (error) {
      this.deps.log?.(`Could not look up the stream of session ${session.id}: ${String(error)}`);
    }
    const notification = decideNotification({ previous, session, settings, ...context });
    if (!notification) return null;
    this.show(notification);
    return notification;
  }

  /** Follows an `alert` event; answers what was shown (null: nothing, or told by a session). */
  handleAlert(alert: AlertPayload): RecordingNotification | null {
    const notification = decideNotification({ alert, settings: this.deps.settings() });
    if (!notification || !this.deps.isSupported()) return null;
    this.show(notification);
    return notification;
  }

  private show(notification: RecordingNotification): void {
    const failure = notification.kind !== 'started' && notification.kind !== 'completed';
    const shown = this.deps.create({
      title: notification.title,
      body: notificationBody(notification.body, this.deps.platform),
      ...(this.deps.icon === undefined ? {} : { icon: this.deps.icon }),
      ...(this.deps.platform === 'linux' && failure ? { urgency: 'critical' as const } : {}),
    });
    this.shown.add(shown);
    const forget = () => this.shown.delete(shown);
    shown.on('click', () => {
      forget();
      if (notification.sessionId !== null) this.deps.onClick(notification.sessionId);
      else this.deps.onOpenApp?.();
    });
    shown.on('close', forget);
    shown.on('failed', forget);
    shown.show();
  }

  /** Notifications shown and not yet closed. */
  get openCount(): number {
    return this.shown.size;
  }
}

/**
 * The stream's name and destination of a session, through the operation table, cached for a
 * minute (a burst of events for one stream asks once).
 */
export function createSessionDescriber(
  invoke: (name: string, input: unknown) => Promise<unknown>,
  now: () => number = Date.now,
): (session: SessionDto) => Promise<SessionContext> {
  const cache = new Map<string, { at: number; value: SessionContext }>();
  return async (session) => {
    const hit = cache.get(session.streamId);
    if (hit && now() - hit.at < 60_000) return hit.value;
    let value: SessionContext = { streamName: null, destination: null };
    try {
      const stream = (await invoke('streams.get', { id: session.streamId })) as {
        name: string;
        destinationId: string | null;
      };
      value = { streamName: stream.name, destination: null };
      if (stream.destinationId) {
        const destination = (await invoke('destinations.get', {
          id: stream.destinationId,
        })) as { name: string };
        value = { ...value, destination: { name: destination.name } };
      }
    } catch {
      /* a deleted stream or destination: the text says less */
    }
    cache.set(session.streamId, { at: now(), value });
    return value;
  };
}
