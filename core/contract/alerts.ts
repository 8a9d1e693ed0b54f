import { z } from 'zod';
import { silenceSummary } from './dead-air';
import { localDateTime } from './naming/local-time';
import { formatDuration, plainText } from './notifications';
import { idSchema, isSingleLine, networkUrlProblem, requiredText } from './operations/common';
import { hostSchema } from './operations/destinations';
import type { DestinationFinding, PreflightFindings, StreamUrlProblem } from './preflight';
import type { SessionDto } from './session';

// Alerts sent to the user's own channels (webhook, ntfy, e-mail): the event names, the payload
// every channel carries, the channels' schemas and the words of each alert. Pure: the UI builds
// its forms from these schemas. (core/contract/notifications.ts is the desktop and browser
// notification decision; this is the other way the app tells the user.)

/** The events a channel can pick. */
export const ALERT_EVENTS = [
  'recording.failed',
  'recording.missed',
  'recording.dead-air',
  'transfer.failed',
  'preflight.failed',
  'disk.low',
  'recording.completed',
] as const;
export type AlertEvent = (typeof ALERT_EVENTS)[number];

/** What a new channel picks when it names no events: everything but `recording.completed`. */
export const DEFAULT_ALERT_EVENTS: readonly AlertEvent[] = ALERT_EVENTS.filter(
  (event) => event !== 'recording.completed',
);

/** Words for each event, for the UI's event picker. */
export const ALERT_EVENT_LABELS: Readonly<Record<AlertEvent, string>> = {
  'recording.failed': 'A recording failed',
  'recording.missed': 'A scheduled recording did not start',
  'recording.dead-air': 'A recording holds dead air (silence)',
  'transfer.failed': 'A delivery failed for good',
  'preflight.failed': 'The check before a scheduled recording failed',
  'disk.low': 'Disk space is low',
  'recording.completed': 'A recording completed',
};

/**
 * The alerts the dashboard lists from `alerts.recent` and the `alert` event: those that no
 * session's state shows. A failed or missed recording and a failed delivery are the sessions'
 * own state, which the dashboard reads from the sessions (so it sees them resolved too).
 */
export const DASHBOARD_ALERT_EVENTS: readonly AlertEvent[] = ['preflight.failed', 'disk.low'];

/** Whether the dashboard lists an alert of `event` from the recent alerts. */
export function isDashboardAlert(event: AlertEvent): boolean {
  return DASHBOARD_ALERT_EVENTS.includes(event);
}

/** How many alerts `alerts.recent` keeps (the newest), and for how long. */
export const RECENT_ALERTS_MAX = 50;
export const RECENT_ALERTS_HOURS = 24;

/** The stream an alert is about: its id and name (never its URL, which may hold credentials). */
export interface AlertStreamRef {
  id: string;
  name: string;
}

/** The schedule an alert is about. */
export interface AlertScheduleRef {
  id: string;
  cronExpression: string;
  timezone: string | null;
  /** The run the alert is about (ISO-8601 UTC): when it was to start. */
  runAt?: string;
}

/** What every channel carries (a webhook's JSON body as is; ntfy and e-mail as words). */
export interface AlertPayload {
  event: AlertEvent;
  /** When it happened, ISO-8601 UTC. */
  at: string;
  /** Plain words, one paragraph, at most ALERT_MESSAGE_MAX characters. */
  message: string;
  session?: SessionDto;
  stream?: AlertStreamRef;
  schedule?: AlertScheduleRef;
  /** The session in the web UI, when PUBLIC_URL is set. */
  url?: string;
}

export const ALERT_MESSAGE_MAX = 1000;
export const ALERT_TITLE_MAX = 120;

// ---------------------------------------------------------------------------------------------
// Channels

export const CHANNEL_KINDS = ['webhook', 'ntfy', 'email'] as const;
export type ChannelKind = (typeof CHANNEL_KINDS)[number];

export const EMAIL_SECURITY = ['tls', 'starttls', 'none'] as const;
export type EmailSecurity = (typeof EMAIL_SECURITY)[number];

export const WEBHOOK_SECRET_MIN_LENGTH = 16;
export const SECRET_MAX_LENGTH = 1024;
export const MAX_EMAIL_RECIPIENTS = 20;
const EMAIL_MAX_LENGTH = 254;
/** ntfy's topic names: letters, digits, `-` and `_`, at most 64. */
const NTFY_TOPIC = /^[-_A-Za-z0-9]{1,64}$/;

/**
 * What is wrong with `url` as the address of a webhook or an ntfy server, or undefined when it
 * is fine: the stream URL rules (no blanks or controls, a host) and http or https only. User
 * name and password in the URL are refused: they belong in the channel's secret or token.
 */
export function httpUrlProblem(url: string): string | undefined {
  const problem = networkUrlProblem(url);
  const scheme = /^([A-Za-z][A-Za-z0-9+.-]*):/.exec(url)?.[1]?.toLowerCase();
  if (scheme !== undefined && scheme !== 'http' && scheme !== 'https') {
    return `"${scheme}:" URLs are not allowed here: use an http:// or https:// address`;
  }
  if (problem) return problem;
  const parsed = new URL(url);
  if (parsed.username || parsed.password) {
    return 'must not hold a user name or password (give them as the secret or token instead)';
  }
  return undefined;
}

const httpUrl = z
  .string({ error: 'must be a URL (text)' })
  .trim()
  .superRefine((url, ctx) => {
    const problem = httpUrlProblem(url);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });

/** An ntfy topic URL: the server's address and the topic as its last path segment. */
const ntfyUrl = httpUrl.superRefine((url, ctx) => {
  if (httpUrlProblem(url)) return;
  const parsed = new URL(url);
  const topic = ntfyTopicOf(url);
  if (parsed.search || parsed.hash || !NTFY_TOPIC.test(topic)) {
    ctx.addIssue({
      code: 'custom',
      message:
        'must be the server and the topic, e.g. https://ntfy.sh/my-recorder (topic: letters, digits, - and _, at most 64)',
    });
  }
});

/** The topic of an ntfy URL (its last path segment). */
export function ntfyTopicOf(url: string): string {
  const path = new URL(url).pathname.replace(/\/+$/, '');
  return decodeURIComponent(path.slice(path.lastIndexOf('/') + 1));
}

const emailAddress = z
  .string({ error: 'must be an e-mail address (text)' })
  .trim()
  .max(EMAIL_MAX_LENGTH, `must be at most ${EMAIL_MAX_LENGTH} characters`)
  .pipe(z.email({ error: 'must be an e-mail address like recorder@example.com' }));

/** One address or several: a list, or one text with commas or semicolons between them. */
const emailRecipients = z.preprocess(
  (value) =>
    typeof value === 'string'
      ? value
          .split(/[,;]/)
          .map((part) => part.trim())
          .filter(Boolean)
      : value,
  z
    .array(emailAddress, { error: 'must be a list of e-mail addresses' })
    .min(1, 'needs at least one address')
    .max(MAX_EMAIL_RECIPIENTS, `must hold at most ${MAX_EMAIL_RECIPIENTS} addresses`),
);

/** A secret as typed: not trimmed (blanks may belong to it), one line, no NUL. */
function secretText(min: number) {
  return z
    .string({ error: 'must be text' })
    .min(min, min > 1 ? `must be at least ${min} characters` : 'must not be empty')
    .max(SECRET_MAX_LENGTH, `must be at most ${SECRET_MAX_LENGTH} characters`)
    .refine(isSingleLine, 'must be one line without control characters');
}

/** An optional write-only secret: omitted keeps the stored one (update), null or "" removes it. */
const optionalSecret = z.preprocess(
  (value) => (value === '' ? null : value),
  secretText(1).nullish(),
);

const eventsSchema = z
  .array(z.enum(ALERT_EVENTS, { error: `must be one of ${ALERT_EVENTS.join(', ')}` }), {
    error: 'must be a list of event names',
  })
  .transform((events) => ALERT_EVENTS.filter((event) => events.includes(event)))
  .default([...DEFAULT_ALERT_EVENTS]);

const portSchema = z
  .number({ error: 'must be a port number' })
  .int('must be a whole number from 1 to 65535')
  .min(1, 'must be a whole number from 1 to 65535')
  .max(65535, 'must be a whole number from 1 to 65535');

const commonFields = {
  name: requiredText(100),
  enabled: z.boolean({ error: 'must be true or false' }).default(true),
  events: eventsSchema,
};

const webhookFields = {
  kind: z.literal('webhook'),
  url: httpUrl,
};
const ntfyFields = {
  kind: z.literal('ntfy'),
  url: ntfyUrl,
  /** ntfy's 1 (min) to 5 (max) for every alert; null: by event (4 for problems, 3 otherwise). */
  priority: z
    .number({ error: 'must be 1 (min) to 5 (max) or null' })
    .int('must be 1 (min) to 5 (max) or null')
    .min(1, 'must be 1 (min) to 5 (max) or null')
    .max(5, 'must be 1 (min) to 5 (max) or null')
    .nullish()
    .transform((value) => value ?? null),
  /** An ntfy access token (`tk_…`), write-only. Omitted: kept (update); null or "": none. */
  token: z.preprocess(
    (value) => (value === '' ? null : value),
    secretText(1)
      .refine(
        (token) => /^[\x21-\x7e]+$/.test(token),
        'must be letters, digits and signs, no blanks',
      )
      .nullish(),
  ),
};
const emailFields = {
  kind: z.literal('email'),
  host: hostSchema,
  /** TLS: 465, STARTTLS: 587, none: 25 when omitted. */
  port: portSchema.optional(),
  security: z.enum(EMAIL_SECURITY, { error: 'must be tls, starttls or none' }),
  username: z
    .string({ error: 'must be text or null' })
    .trim()
    .max(EMAIL_MAX_LENGTH, `must be at most ${EMAIL_MAX_LENGTH} characters`)
    .refine(isSingleLine, 'must not contain control characters')
    .nullish()
    .transform((value) => (value ? value : null)),
  /** Write-only. Omitted: kept (update); null or "": none. */
  password: optionalSecret,
  from: emailAddress,
  to: emailRecipients,
};

/** The usual port of each kind of SMTP security. */
export const DEFAULT_SMTP_PORT: Readonly<Record<EmailSecurity, number>> = {
  tls: 465,
  starttls: 587,
  none: 25,
};

/** An e-mail channel without a port gets its security's usual one. */
function withDefaultPort<T extends { kind: ChannelKind }>(
  value: T,
): T extends { kind: 'email'; port?: number } ? Omit<T, 'port'> & { port: number } : T;
function withDefaultPort(value: { kind: ChannelKind; port?: number; security?: EmailSecurity }) {
  return value.kind === 'email' && value.security
    ? { ...value, port: value.port ?? DEFAULT_SMTP_PORT[value.security] }
    : value;
}

/**
 * `POST /api/notification-channels`. A webhook needs its `secret` (at least 16 characters; the
 * HMAC key of `X-Recorder-Signature`); ntfy's `token` and e-mail's `password` are optional.
 * Secrets are stored and used, never answered (`hasSecret`, `hasToken`, `hasPassword`).
 */
export const createChannelInput = z
  .discriminatedUnion(
    'kind',
    [
      z.object({
        ...commonFields,
        ...webhookFields,
        secret: secretText(WEBHOOK_SECRET_MIN_LENGTH),
      }),
      z.object({ ...commonFields, ...ntfyFields }),
      z.object({ ...commonFields, ...emailFields }),
    ],
    { error: 'kind must be webhook, ntfy or email' },
  )
  .transform(withDefaultPort);

/**
 * `PUT /api/notification-channels/:id`: the whole channel again. An omitted secret keeps the
 * stored one (a webhook's `secret` can only be replaced; ntfy's `token` and e-mail's `password`
 * are removed by null or ""). A channel that changes its kind has no secret to keep: the core
 * refuses a webhook without one.
 */
export const updateChannelInput = z
  .discriminatedUnion(
    'kind',
    [
      z.object({
        id: idSchema,
        ...commonFields,
        ...webhookFields,
        secret: secretText(WEBHOOK_SECRET_MIN_LENGTH)
          .nullish()
          .transform((value) => value ?? undefined),
      }),
      z.object({ id: idSchema, ...commonFields, ...ntfyFields }),
      z.object({ id: idSchema, ...commonFields, ...emailFields }),
    ],
    { error: 'kind must be webhook, ntfy or email' },
  )
  .transform(withDefaultPort);

export type CreateChannelInput = z.input<typeof createChannelInput>;
export type UpdateChannelInput = z.input<typeof updateChannelInput>;
export type CreateChannelValues = z.output<typeof createChannelInput>;
export type UpdateChannelValues = z.output<typeof updateChannelInput>;

interface ChannelDtoBase {
  id: string;
  name: string;
  enabled: boolean;
  /** In ALERT_EVENTS order. */
  events: AlertEvent[];
  createdAt: string;
  updatedAt: string;
}

export interface WebhookChannelDto extends ChannelDtoBase {
  kind: 'webhook';
  url: string;
  /** True when a secret is stored (always, for a webhook); it is never returned. */
  hasSecret: boolean;
}

export interface NtfyChannelDto extends ChannelDtoBase {
  kind: 'ntfy';
  /** Server and topic, e.g. https://ntfy.sh/my-recorder. */
  url: string;
  priority: number | null;
  /** True when an access token is stored; it is never returned. */
  hasToken: boolean;
}

export interface EmailChannelDto extends ChannelDtoBase {
  kind: 'email';
  host: string;
  port: number;
  security: EmailSecurity;
  username: string | null;
  /** True when a password is stored; it is never returned. */
  hasPassword: boolean;
  from: string;
  to: string[];
}

/** A channel as answered: secrets are never returned. */
export type NotificationChannelDto = WebhookChannelDto | NtfyChannelDto | EmailChannelDto;

/** The answer of `POST /api/notification-channels/:id/test`. */
export interface ChannelTestDto {
  ok: boolean;
  /** When it was delivered: what the receiver answered (`HTTP 200`, the SMTP server's reply). */
  answer?: string;
  /** What went wrong, in plain words (the receiver's answer when it gave one). */
  error?: string;
  /**
   * What went wrong, as the software below said it (error codes and messages, an SMTP reply),
   * when that says more than `error`; never a secret.
   */
  details?: string;
}

/** The longest `answer` and `details` of a channel test. */
export const CHANNEL_TEST_TEXT_MAX = 2000;

// ---------------------------------------------------------------------------------------------
// The words of each alert

/** Facts an alert is made of; which ones matter depends on the event. */
export interface AlertFacts {
  event: AlertEvent;
  /** When it happened (ms since the epoch or a Date). */
  at: number | Date;
  /** The zone times in the message are told in (the app's TZ). */
  timeZone: string;
  /** PUBLIC_URL: the base of the web UI; the alert links to its session there. */
  publicUrl?: string | null;
  session?: SessionDto | null;
  stream?: AlertStreamRef | null;
  schedule?: AlertScheduleRef | null;
  /** transfer.failed, recording.completed: where it goes. */
  destinationName?: string | null;
  /** recording.missed: why the run did not start. */
  reason?: string | null;
  /** preflight.failed: what the check found (worded here, see preflightSentences). */
  preflight?: PreflightFindings | null;
  /** preflight.failed without findings: what failed, in plain words ("the stream answers 404"). */
  problems?: readonly string[];
  /** disk.low: the folder and its free space. */
  disk?: { path: string; freeBytes: number; minFreeBytes?: number | null } | null;
}

/** The link to a session in the web UI (the recordings page with the session open). */
export function sessionPageUrl(publicUrl: string, sessionId: string): string {
  return `${publicUrl.trim().replace(/\/+$/, '')}/recordings?session=${encodeURIComponent(sessionId)}`;
}

/** `07:00` when `instant` is on the same local day as `today`, else `2026-11-24 07:00`. */
export function localClockTime(instant: Date, timeZone: string, today?: Date): string {
  const t = localDateTime(instant, timeZone);
  const two = (n: number) => String(n).padStart(2, '0');
  const time = `${two(t.hour)}:${two(t.minute)}`;
  if (today) {
    const d = localDateTime(today, timeZone);
    if (d.year === t.year && d.month === t.month && d.day === t.day) return time;
  }
  return `${t.year}-${two(t.month)}-${two(t.day)} ${time}`;
}

/** `today`, `yesterday` or `2026-11-24`: the local day of `instant` seen from `now`. */
export function localDayWord(instant: Date, timeZone: string, now: Date): string {
  const t = localDateTime(instant, timeZone);
  const n = localDateTime(now, timeZone);
  const two = (v: number) => String(v).padStart(2, '0');
  const key = (y: number, m: number, d: number) => `${y}-${two(m)}-${two(d)}`;
  const day = key(t.year, t.month, t.day);
  if (day === key(n.year, n.month, n.day)) return 'today';
  const before = new Date(Date.UTC(n.year, n.month - 1, n.day - 1));
  if (day === key(before.getUTCFullYear(), before.getUTCMonth() + 1, before.getUTCDate())) {
    return 'yesterday';
  }
  return day;
}

/**
 * The words of a dead-air alert: "Morning Show, today 07:00–09:00: 12 min of silence (10 % of
 * the window), longest 8 min at 07:41." — the window in `timeZone`, from the session's silences.
 */
export function deadAirWords(
  session: SessionDto,
  name: string,
  timeZone: string,
  now: Date,
): string {
  return `${name}, ${deadAirWindowWords(session, timeZone, now)}`;
}

/**
 * The same words without the stream's name, as a sentence of their own (where the name stands
 * beside them already): "Today 07:00–09:00: 12 min of silence (10 % of the window), longest
 * 8 min at 07:41."
 */
export function deadAirSentence(session: SessionDto, timeZone: string, now: Date): string {
  const words = deadAirWindowWords(session, timeZone, now);
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** "today 07:00–09:00: 12 min of silence (10 % of the window), longest 8 min at 07:41." */
function deadAirWindowWords(session: SessionDto, timeZone: string, now: Date): string {
  const start = new Date(session.startTime);
  const end = session.endTime
    ? new Date(session.endTime)
    : new Date(start.getTime() + session.plannedDurationSeconds * 1000);
  const clock = (d: Date) => localClockTime(d, timeZone, d);
  const sum = silenceSummary(session);
  const share = sum.percent < 1 && sum.totalSeconds > 0 ? 'under 1 %' : `${sum.percent} %`;
  const longest = sum.longest
    ? `${session.silences.length > 1 ? `, longest ${formatDuration(sum.longest.seconds)}` : ''} at ${clock(new Date(sum.longest.at))}`
    : '';
  return (
    `${localDayWord(start, timeZone, now)} ${clock(start)}–${clock(end)}: ` +
    `${formatDuration(sum.totalSeconds)} of silence (${share} of the window)${longest}.`
  );
}

/** `1.2 GB`, `350 MB`, `900 KB`, `12 B` (powers of 1000). */
export function formatBytes(bytes: number): string {
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let value = Math.max(0, bytes);
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit++;
  }
  const digits = unit === 0 || value >= 10 ? 0 : 1;
  return `${value.toFixed(digits)} ${units[unit]}`;
}

/** A sentence's end: the text with one full stop (or its own ! or ?). */
function sentence(text: string): string {
  const t = text.trim();
  return /[.!?…]$/.test(t) ? t : `${t}.`;
}

/** The alert of `facts`: the payload every channel sends (message in plain words, link). */
export function buildAlert(facts: AlertFacts): AlertPayload {
  const at = new Date(facts.at);
  const { session, stream, schedule } = facts;
  const tz = facts.timeZone;
  const streamName = stream?.name.trim() || 'A stream';
  const recording = session?.title?.trim() || streamName;
  const started = session ? localClockTime(new Date(session.startTime), tz, at) : undefined;
  const runAt = schedule?.runAt ? localClockTime(new Date(schedule.runAt), tz, at) : undefined;
  const error = session?.errorMessage?.trim();
  let message: string;
  switch (facts.event) {
    case 'recording.failed':
      message = `${recording}${started ? ` (started ${started})` : ''} failed: ${sentence(
        error || 'the log says why',
      )}`;
      break;
    case 'recording.missed': {
      const why = facts.reason?.trim() || error?.replace(/^Missed:\s*/, '');
      message = `${streamName} was to start recording${runAt ? ` at ${runAt}` : ''} but did not start${
        why ? `: ${sentence(why)}` : '.'
      }`;
      break;
    }
    case 'recording.dead-air':
      message = `${
        session
          ? deadAirWords(session, stream?.name.trim() || recording, tz, at)
          : `${streamName}: dead air.`
      } The recording is kept and delivered as usual; check the station.`;
      break;
    case 'transfer.failed': {
      const where = facts.destinationName?.trim() ? ` to ${facts.destinationName.trim()}` : '';
      const attempts = session?.attempts ?? 0;
      const tries =
        attempts > 0 ? ` after ${attempts === 1 ? '1 attempt' : `${attempts} attempts`}` : '';
      message = `${recording}${started ? ` (recorded ${started})` : ''} was not delivered${where}${tries}: ${sentence(
        error || 'the log says why',
      )} The file is kept; retry the delivery from the recordings page.`;
      break;
    }
    case 'preflight.failed': {
      const worded = facts.preflight ? preflightSentences(facts.preflight) : null;
      const problems = (worded?.problems ?? facts.problems ?? [])
        .map((p) => p.trim())
        .filter(Boolean);
      message = `${streamName} starts${runAt ? ` at ${runAt}` : ' soon'}: ${sentence(
        problems.length > 0 ? problems.join('; ') : 'the check before recording failed',
      )}${worded?.advice.length ? ` ${worded.advice.join(' ')}` : ''}`;
      break;
    }
    case 'disk.low': {
      const disk = facts.disk;
      message = disk
        ? `Only ${formatBytes(disk.freeBytes)} free for ${disk.path}${
            disk.minFreeBytes ? ` (less than ${formatBytes(disk.minFreeBytes)})` : ''
          }: recordings may fail. Free up space or delete old recordings.`
        : 'Disk space is low: recordings may fail. Free up space or delete old recordings.';
      break;
    }
    case 'recording.completed': {
      const seconds = session?.durationSeconds ?? session?.plannedDurationSeconds;
      const notes = [session?.partial || (session?.gaps.length ?? 0) > 0 ? 'with gaps' : ''].filter(
        Boolean,
      );
      const where =
        session?.transferStatus === 'COMPLETED'
          ? `delivered${facts.destinationName?.trim() ? ` to ${facts.destinationName.trim()}` : ''}${
              session.remotePath ? `, ${session.remotePath}` : ''
            }`
          : 'saved on the recorder';
      message = `${recording}${started ? ` (started ${started})` : ''} recorded${
        seconds ? `, ${formatDuration(seconds)}` : ''
      }${notes.length ? ` (${notes.join(', ')})` : ''}: ${where}.`;
      break;
    }
  }
  const payload: AlertPayload = {
    event: facts.event,
    at: at.toISOString(),
    message: plainText(message, ALERT_MESSAGE_MAX),
  };
  if (session) payload.session = session;
  if (stream) payload.stream = { id: stream.id, name: stream.name };
  if (schedule) payload.schedule = { ...schedule };
  if (session && facts.publicUrl?.trim()) payload.url = sessionPageUrl(facts.publicUrl, session.id);
  return payload;
}

/** A stream URL's place in the words: "the stream", "the fallback" or "fallback 2". */
function streamUrlLabel(index: number, count: number): string {
  if (index === 0) return 'the stream';
  return count === 2 ? 'the fallback' : `fallback ${index}`;
}

function streamUrlProblemWords(problem: StreamUrlProblem): string {
  switch (problem.kind) {
    case 'http':
      if (problem.status !== null) return `answers ${problem.status}`;
      return problem.serverError
        ? 'answers with a server error (5xx)'
        : 'answers with an error (4xx)';
    case 'refused':
      return 'refuses the connection';
    case 'unknown-host':
      return 'names a host that cannot be found';
    case 'timeout':
      return 'does not answer';
    case 'invalid-url':
      return 'is not an address that can be recorded';
    case 'unreadable':
      return 'answers, but not with audio the recorder can read';
  }
}

function destinationProblemWords(d: Extract<DestinationFinding, { ok: false }>): string {
  const it = `the destination ${d.where}`;
  switch (d.code) {
    case 'SSH_AUTH_FAILED':
      return `${it} refused the key`;
    case 'HOST_KEY_MISMATCH':
      return `${it} shows another host key than the one pinned`;
    case 'SSH_UNREACHABLE':
      return `${it} cannot be reached`;
    default:
      return `${it} failed its test: ${d.error.trim().replace(/\.$/, '')}`;
  }
}

/**
 * The words of a pre-flight check's findings: one problem per stream URL (every URL, answering
 * ones included, when any of them failed: the user sees which one the recording can fall back
 * to) and for the destination when it failed; then what to do about them.
 */
export function preflightSentences(findings: PreflightFindings): {
  problems: string[];
  advice: string[];
} {
  const problems: string[] = [];
  const advice: string[] = [];
  const { urls, destination } = findings;
  if (urls.some((u) => !u.ok)) {
    urls.forEach((u, i) => {
      const label = streamUrlLabel(i, urls.length);
      problems.push(`${label} ${u.ok ? 'answers' : streamUrlProblemWords(u.problem)}`);
    });
    const several = urls.length > 1;
    advice.push(
      urls.some((u) => u.ok)
        ? `Check the stream's URLs before then: a recording moves to a fallback only after the URL before it failed several times.`
        : `Check the stream's ${several ? 'URLs' : 'URL'} before then: unless ${several ? 'one answers' : 'it answers'}, nothing is recorded.`,
    );
  }
  if (destination && !destination.ok) {
    problems.push(destinationProblemWords(destination));
    advice.push(
      'Check the destination before then: until it works, recordings stay on the recorder.',
    );
  }
  return { problems, advice };
}

const TITLE_OF: Readonly<Record<AlertEvent, string>> = {
  'recording.failed': 'Recording failed',
  'recording.missed': 'Recording missed',
  'recording.dead-air': 'Dead air',
  'transfer.failed': 'Delivery failed',
  'preflight.failed': 'Check before recording failed',
  'disk.low': 'Disk space low',
  'recording.completed': 'Recorded',
};

/** A one-line title for an alert (ntfy's title, the e-mail's subject). */
export function alertTitle(payload: Pick<AlertPayload, 'event' | 'stream'>): string {
  const base = TITLE_OF[payload.event];
  const name = payload.stream?.name.trim();
  return plainText(name ? `${base}: ${name}` : base, ALERT_TITLE_MAX);
}

/** True for the events that mean something is wrong (ntfy priority high, a warning tag). */
export function isProblemEvent(event: AlertEvent): boolean {
  return event !== 'recording.completed';
}
