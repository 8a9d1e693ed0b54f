import type { AlertEvent, AlertPayload } from './alerts';
import type { SettingsValues } from './operations/settings';
import { isEarlyStop, type SessionDto } from './session';

/**
 * Which notification a change of a session, or an alert, calls for: shared by the desktop app
 * (Electron's Notification) and the browser UI (opt-in Web Notifications), so both say the same
 * thing at the same moments. Pure: the caller keeps the previous version of each session it saw.
 */

/** What a session's change tells. */
export type SessionNotificationKind = 'started' | 'completed' | 'failed' | 'transfer-failed';
/** ...and what only alerts tell. */
export type NotificationKind =
  SessionNotificationKind | 'dead-air' | 'preflight-failed' | 'disk-low';

export interface RecordingNotification {
  kind: NotificationKind;
  /** Plain text (no markup), one line, at most NOTIFICATION_TITLE_MAX characters. */
  title: string;
  /** Plain text (no markup), one line, at most NOTIFICATION_BODY_MAX characters. */
  body: string;
  /** The recording a click on the notification opens; null: not about one (the app opens). */
  sessionId: string | null;
}

export type NotificationSettingName =
  | 'notifyRecordingStarted'
  | 'notifyRecordingCompleted'
  | 'notifyRecordingFailed'
  | 'notifyTransferFailed';

/** The setting that switches each kind on or off. */
export const NOTIFICATION_SETTING_OF: Readonly<Record<NotificationKind, NotificationSettingName>> =
  {
    started: 'notifyRecordingStarted',
    completed: 'notifyRecordingCompleted',
    failed: 'notifyRecordingFailed',
    'transfer-failed': 'notifyTransferFailed',
    // problems with recordings to come or made follow the "recording failed" switch
    'dead-air': 'notifyRecordingFailed',
    'preflight-failed': 'notifyRecordingFailed',
    'disk-low': 'notifyRecordingFailed',
  };

/**
 * The kind of notification of each alert event. A session's change tells `recording.failed`,
 * `recording.missed`, `transfer.failed` and `recording.completed` (notificationKind), so an
 * alert of those events notifies nothing more (no second notification); the others come only
 * as alerts (the `alert` event): dead air, a failed check before a run, a low disk.
 */
export const NOTIFICATION_KIND_OF_ALERT: Readonly<
  Record<AlertEvent, { kind: NotificationKind; fromSession: boolean }>
> = {
  'recording.failed': { kind: 'failed', fromSession: true },
  'recording.missed': { kind: 'failed', fromSession: true },
  'transfer.failed': { kind: 'transfer-failed', fromSession: true },
  'recording.completed': { kind: 'completed', fromSession: true },
  'recording.dead-air': { kind: 'dead-air', fromSession: false },
  'preflight.failed': { kind: 'preflight-failed', fromSession: false },
  'disk.low': { kind: 'disk-low', fromSession: false },
};

/** An alert (the `alert` event) to decide a notification for. */
export interface AlertNotificationInput {
  alert: Pick<AlertPayload, 'event' | 'message' | 'session' | 'stream'>;
  settings: Pick<SettingsValues, NotificationSettingName>;
}

const ALERT_TITLE: Readonly<Partial<Record<NotificationKind, string>>> = {
  'dead-air': 'Dead air',
  'preflight-failed': 'Check before recording failed',
  'disk-low': 'Disk space low',
};

/** The notification of an alert that no session change tells (see NOTIFICATION_KIND_OF_ALERT). */
function decideAlertNotification(input: AlertNotificationInput): RecordingNotification | null {
  const { alert, settings } = input;
  const { kind, fromSession } = NOTIFICATION_KIND_OF_ALERT[alert.event];
  if (fromSession || !settings[NOTIFICATION_SETTING_OF[kind]]) return null;
  const name = alert.stream?.name.trim();
  const base = ALERT_TITLE[kind] ?? alert.event;
  return {
    kind,
    title: plainText(name ? `${base}: ${name}` : base, NOTIFICATION_TITLE_MAX),
    body: plainText(alert.message, NOTIFICATION_BODY_MAX),
    sessionId: alert.session?.id ?? null,
  };
}

export const NOTIFICATION_TITLE_MAX = 80;
export const NOTIFICATION_BODY_MAX = 240;

export interface NotificationInput {
  /** The session as last seen (undefined: first seen now). */
  previous: SessionDto | undefined;
  /** The session as the `session` event announced it. */
  session: SessionDto;
  /** The stream's name (undefined or null when unknown, e.g. deleted). */
  streamName?: string | null;
  /** The stream's destination (null or undefined when it has none or it is unknown). */
  destination?: { name: string } | null;
  settings: Pick<SettingsValues, NotificationSettingName>;
}

/** What changed, whatever the settings say: the kind of notification the change calls for. */
export function notificationKind(
  previous: SessionDto | undefined,
  session: SessionDto,
): SessionNotificationKind | null {
  if (session.status === 'FAILED' && previous?.status !== 'FAILED') return 'failed';
  // FAILED is set only when the transfer queue gives up (after its retries, or at once when
  // retrying cannot help); a failed attempt that will be retried goes back to PENDING
  if (session.transferStatus === 'FAILED' && previous?.transferStatus !== 'FAILED') {
    return 'transfer-failed';
  }
  if (session.status === 'COMPLETED') {
    // with a destination: once delivered; without one (SKIPPED): once recorded
    const delivered =
      session.transferStatus === 'COMPLETED' && previous?.transferStatus !== 'COMPLETED';
    const keptLocally =
      session.transferStatus === 'SKIPPED' &&
      !(previous?.status === 'COMPLETED' && previous.transferStatus === 'SKIPPED');
    if (delivered || keptLocally) return 'completed';
    return null;
  }
  if (session.status === 'RECORDING' && previous?.status !== 'RECORDING') return 'started';
  return null;
}

/**
 * The notification to show for a change of a session, or for an alert (`{alert, settings}`), or
 * null (nothing to say, told by the other, or switched off).
 */
export function decideNotification(
  input: NotificationInput | AlertNotificationInput,
): RecordingNotification | null {
  if ('alert' in input) return decideAlertNotification(input);
  const { previous, session, settings } = input;
  const kind = notificationKind(previous, session);
  if (kind === null || !settings[NOTIFICATION_SETTING_OF[kind]]) return null;
  const stream = input.streamName?.trim() || 'A stream';
  const recording = session.title?.trim() || stream;
  let title: string;
  let body: string;
  switch (kind) {
    case 'started':
      title = `Recording ${stream}`;
      body = `Started, for ${formatDuration(session.plannedDurationSeconds)}.`;
      break;
    case 'completed': {
      title = `Recorded ${stream}`;
      const notes = [
        session.partial || session.gaps.length > 0 ? 'with gaps' : '',
        isEarlyStop(session.stopReason) ? 'stopped early' : '',
      ].filter(Boolean);
      const what = notes.length > 0 ? `${recording} (${notes.join(', ')})` : recording;
      if (session.transferStatus === 'COMPLETED') {
        const where = input.destination?.name ? ` to ${input.destination.name}` : '';
        body = `${what}: delivered${where}${session.remotePath ? `, ${session.remotePath}` : ''}.`;
      } else {
        body = `${what}: saved on this computer${session.outputFilePath ? `, ${session.outputFilePath}` : ''}.`;
      }
      break;
    }
    case 'failed':
      if (session.stopReason === 'missed') {
        title = `Recording missed: ${stream}`;
      } else {
        title = `Recording failed: ${stream}`;
      }
      body = session.errorMessage?.trim() || 'The recording failed; the log says why.';
      break;
    case 'transfer-failed': {
      const where = input.destination?.name ? ` to ${input.destination.name}` : '';
      const tries = session.attempts === 1 ? '1 attempt' : `${session.attempts} attempts`;
      title = `Delivery failed: ${stream}`;
      body = `${recording} was not delivered${where} after ${tries}. ${session.errorMessage?.trim() || ''}`;
      break;
    }
  }
  return {
    kind,
    title: plainText(title, NOTIFICATION_TITLE_MAX),
    body: plainText(body, NOTIFICATION_BODY_MAX),
    sessionId: session.id,
  };
}

/** `1 h 30 min`, `45 min`, `30 s`. */
export function formatDuration(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return `${s} s`;
  const minutes = Math.round(s / 60);
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  if (h === 0) return `${m} min`;
  return m === 0 ? `${h} h` : `${h} h ${m} min`;
}

// C0 and C1 controls, DEL, bidirectional overrides and isolates, zero-width characters, line and
// paragraph separators: none belongs in a one-line notification (and bidi controls can make a
// file name read as something else)
// eslint-disable-next-line no-control-regex
const UNWANTED = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]/g;

/**
 * Text as a notification shows it: control and invisible formatting characters become spaces,
 * runs of white space one space, and a text longer than `max` ends with `…` (never cutting a
 * surrogate pair). The result is plain text: a host that renders markup must escape it.
 */
export function plainText(text: string, max: number): string {
  const clean = text.replace(UNWANTED, ' ').replace(/\s+/g, ' ').trim();
  const chars = Array.from(clean);
  if (chars.length <= max) return clean;
  return `${chars
    .slice(0, Math.max(0, max - 1))
    .join('')
    .trimEnd()}…`;
}
