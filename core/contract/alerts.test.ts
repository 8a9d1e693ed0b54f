import { describe, expect, it } from 'vitest';
import { EVERY_ALERT_EVENT } from './testing/alert-fixtures';
import {
  ALERT_EVENTS,
  ALERT_MESSAGE_MAX,
  alertTitle,
  buildAlert,
  createChannelInput,
  deadAirSentence,
  deadAirWords,
  DEFAULT_ALERT_EVENTS,
  formatBytes,
  httpUrlProblem,
  localClockTime,
  ntfyTopicOf,
  sessionPageUrl,
  updateChannelInput,
  type AlertFacts,
} from './alerts';
import type { SessionDto } from './session';
import { deadAirMorningShow, sessionDto } from './testing/session-fixtures';

const session = sessionDto({
  id: 'sess 1',
  scheduleId: 'sched-1',
  status: 'FAILED',
  attempts: 3,
  errorMessage: 'The stream answered 404 on every URL',
  stopReason: 'source-failed',
});
const stream = { id: 'stream-1', name: 'Morning Show' };
/** A daily 07:00 schedule (in the server's zone), its run at `runAt`. */
const daily7 = (id: string, runAt: string) => ({
  id,
  cronExpression: '0 7 * * *',
  timezone: null,
  runAt,
});
const at = Date.parse('2026-11-24T06:30:00.000Z');
const tz = 'Europe/Berlin';
/** buildAlert at `at`, in Berlin time. */
const alertOf = (facts: Omit<AlertFacts, 'at' | 'timeZone'>) =>
  buildAlert({ at, timeZone: tz, ...facts });

function issues(result: { success: boolean; error?: { issues: { path: PropertyKey[] }[] } }) {
  return result.success ? [] : (result.error?.issues.map((i) => i.path.join('.')) ?? []);
}

/** The fields an ntfy channel "P" to https://ntfy.sh/t is refused for, with `fields` over it. */
const ntfyIssues = (fields: Record<string, unknown>) =>
  issues(
    createChannelInput.safeParse({ name: 'P', kind: 'ntfy', url: 'https://ntfy.sh/t', ...fields }),
  );

describe('alert events', () => {
  it('names the seven events; recording.completed is off by default', () => {
    expect(ALERT_EVENTS).toEqual(EVERY_ALERT_EVENT);
    expect(DEFAULT_ALERT_EVENTS).not.toContain('recording.completed');
    expect(DEFAULT_ALERT_EVENTS).toHaveLength(6);
  });
});

describe('httpUrlProblem', () => {
  it.each([
    ['https://hooks.example.com/recorder', undefined],
    ['http://127.0.0.1:8080/x', undefined],
  ])('accepts %s', (url, expected) => expect(httpUrlProblem(url)).toBe(expected));

  it.each([
    ['', /empty/],
    ['ftp://example.com/x', /http:\/\/ or https:\/\//],
    ['file:///etc/passwd', /http:\/\/ or https:\/\//],
    ['rtmp://example.com/live', /http:\/\/ or https:\/\//],
    ['example.com/hook', /scheme/],
    ['https://user:pw@example.com/hook', /user name or password/],
    ['https://exa mple.com', /spaces/],
  ])('refuses %s', (url, message) => expect(httpUrlProblem(url)).toMatch(message));
});

describe('createChannelInput', () => {
  it('takes a webhook with its secret and the default events', () => {
    const value = createChannelInput.parse({
      name: ' Ops ',
      kind: 'webhook',
      url: ' https://hooks.example.com/r ',
      secret: 'a-secret-of-16-chars',
    });
    expect(value).toEqual({
      name: 'Ops',
      kind: 'webhook',
      url: 'https://hooks.example.com/r',
      secret: 'a-secret-of-16-chars',
      enabled: true,
      events: [...DEFAULT_ALERT_EVENTS],
    });
  });

  it('refuses a webhook without a secret or with a short one, naming the field', () => {
    const base = { name: 'Ops', kind: 'webhook', url: 'https://hooks.example.com/r' };
    expect(issues(createChannelInput.safeParse(base))).toEqual(['secret']);
    expect(issues(createChannelInput.safeParse({ ...base, secret: 'short' }))).toEqual(['secret']);
  });

  it('refuses an unknown kind and an unknown event', () => {
    expect(createChannelInput.safeParse({ name: 'x', kind: 'sms' }).success).toBe(false);
    const result = createChannelInput.safeParse({
      name: 'x',
      kind: 'ntfy',
      url: 'https://ntfy.sh/abc',
      events: ['recording.failed', 'recording.exploded'],
    });
    expect(issues(result)).toEqual(['events.1']);
  });

  it('keeps events in contract order without duplicates', () => {
    const value = createChannelInput.parse({
      name: 'x',
      kind: 'ntfy',
      url: 'https://ntfy.sh/abc',
      events: ['disk.low', 'recording.failed', 'disk.low'],
    });
    expect(value.events).toEqual(['recording.failed', 'disk.low']);
  });

  it('takes an ntfy topic URL, an optional token and priority', () => {
    const value = createChannelInput.parse({
      name: 'Phone',
      kind: 'ntfy',
      url: 'https://ntfy.example.com/sub/path/my_topic-1',
      token: 'tk_abc',
      priority: 5,
    });
    expect(value).toMatchObject({ token: 'tk_abc', priority: 5 });
    expect(ntfyTopicOf('https://ntfy.example.com/sub/path/my_topic-1')).toBe('my_topic-1');
    const bare = createChannelInput.parse({ name: 'P', kind: 'ntfy', url: 'https://ntfy.sh/t' });
    expect(bare).toMatchObject({ priority: null });
    expect(bare).not.toHaveProperty('token', 'tk_abc');
  });

  it.each([
    'https://ntfy.sh/',
    'https://ntfy.sh/bad%20topic',
    'https://ntfy.sh/t?x=1',
    'https://ntfy.sh/' + 'a'.repeat(65),
  ])('refuses the ntfy URL %s', (url) => {
    expect(ntfyIssues({ url })).toEqual(['url']);
  });

  it('refuses an ntfy token with blanks or letters HTTP headers cannot carry', () => {
    for (const token of ['tk abc', 'tk_é']) expect(ntfyIssues({ token })).toEqual(['token']);
  });

  it('refuses an ntfy priority outside 1..5', () => {
    expect(ntfyIssues({ priority: 6 })).toEqual(['priority']);
  });

  it('takes an e-mail channel: the port follows the security, recipients from one text', () => {
    const value = createChannelInput.parse({
      name: 'Mail',
      kind: 'email',
      host: 'smtp.example.com',
      security: 'starttls',
      username: 'rec',
      password: ' pw with blanks ',
      from: 'recorder@example.com',
      to: 'a@example.com; b@example.com',
    });
    expect(value).toMatchObject({
      port: 587,
      username: 'rec',
      password: ' pw with blanks ',
      to: ['a@example.com', 'b@example.com'],
    });
    expect(createChannelInput.parse({ ...value, security: 'tls', port: undefined })).toMatchObject({
      port: 465,
    });
    expect(createChannelInput.parse({ ...value, port: 2525 })).toMatchObject({ port: 2525 });
  });

  it('refuses bad e-mail fields, naming each', () => {
    const result = createChannelInput.safeParse({
      name: 'Mail',
      kind: 'email',
      host: '-oProxyCommand',
      security: 'ssl',
      from: 'not an address',
      to: [],
      password: 'line\nbreak',
    });
    expect(issues(result).sort()).toEqual(['from', 'host', 'password', 'security', 'to']);
  });

  it('refuses a recipient with a header injection', () => {
    const result = createChannelInput.safeParse({
      name: 'Mail',
      kind: 'email',
      host: 'smtp.example.com',
      security: 'none',
      from: 'a@example.com',
      to: ['b@example.com\r\nBcc: c@example.com'],
    });
    expect(result.success).toBe(false);
  });
});

describe('updateChannelInput', () => {
  it('an omitted secret is kept (undefined); null and "" remove a token or password', () => {
    const webhook = updateChannelInput.parse({
      id: 'c1',
      name: 'Ops',
      kind: 'webhook',
      url: 'https://hooks.example.com/r',
    });
    expect(webhook).toMatchObject({ id: 'c1' });
    expect((webhook as { secret?: string }).secret).toBeUndefined();
    const ntfy = { id: 'c2', name: 'P', kind: 'ntfy', url: 'https://ntfy.sh/t' } as const;
    expect((updateChannelInput.parse(ntfy) as { token?: unknown }).token).toBeUndefined();
    expect((updateChannelInput.parse({ ...ntfy, token: '' }) as { token?: unknown }).token).toBe(
      null,
    );
    expect((updateChannelInput.parse({ ...ntfy, token: null }) as { token?: unknown }).token).toBe(
      null,
    );
  });

  it('still refuses a short new webhook secret', () => {
    const result = updateChannelInput.safeParse({
      id: 'c1',
      name: 'Ops',
      kind: 'webhook',
      url: 'https://hooks.example.com/r',
      secret: 'short',
    });
    expect(issues(result)).toEqual(['secret']);
  });
});

describe('buildAlert', () => {
  it('recording.failed: the recording, its local start time and the error; a link with PUBLIC_URL', () => {
    const alert = alertOf({
      event: 'recording.failed',
      publicUrl: 'https://rec.example.com/',
      session,
      stream,
    });
    expect(alert).toEqual({
      event: 'recording.failed',
      at: '2026-11-24T06:30:00.000Z',
      message: 'Morning Show (started 07:00) failed: The stream answered 404 on every URL.',
      session,
      stream,
      url: 'https://rec.example.com/recordings?session=sess%201',
    });
  });

  it('has no url without PUBLIC_URL or without a session', () => {
    expect(alertOf({ event: 'recording.failed', session })).not.toHaveProperty('url');
    expect(alertOf({ event: 'disk.low', publicUrl: 'https://rec.example.com' })).not.toHaveProperty(
      'url',
    );
  });

  it('recording.missed: when it was to start and why', () => {
    const alert = alertOf({
      event: 'recording.missed',
      stream,
      schedule: daily7('sched-1', '2026-11-24T06:00:00.000Z'),
      reason: 'the computer was asleep',
    });
    expect(alert.message).toBe(
      'Morning Show was to start recording at 07:00 but did not start: the computer was asleep.',
    );
    expect(alert.schedule?.runAt).toBe('2026-11-24T06:00:00.000Z');
  });

  it('recording.dead-air: how much of the window was silent, the longest silence and when, in plain words', () => {
    // 07:00–09:00 Berlin; 12 min of silence: 8 min from 07:41, 4 min from 08:30
    const deadAir = sessionDto({ status: 'COMPLETED', ...deadAirMorningShow() });
    // the alert of `told` as built at `now`, in Berlin time
    const deadAirAlert = (now: string, told: SessionDto) =>
      buildAlert({
        event: 'recording.dead-air',
        at: Date.parse(now),
        timeZone: tz,
        stream,
        session: told,
      });
    const alert = deadAirAlert('2026-11-24T08:01:00.000Z', deadAir);
    expect(alert.message).toBe(
      'Morning Show, today 07:00–09:00: 12 min of silence (10 % of the window), longest 8 min at 07:41. The recording is kept and delivered as usual; check the station.',
    );
    // one silence, told the next day
    const one = deadAirAlert('2026-11-25T08:00:00.000Z', {
      ...deadAir,
      silences: [{ at: '2026-11-24T06:41:00.000Z', seconds: 70 }],
    });
    expect(one.message).toMatch(
      /^Morning Show, yesterday 07:00–09:00: 1 min of silence \(1 % of the window\) at 07:41\./,
    );
    // days further back by their date; a share under 1 % is not called 0 %
    const older = deadAirAlert('2026-11-30T08:00:00.000Z', {
      ...deadAir,
      silences: [{ at: '2026-11-24T06:41:00.000Z', seconds: 61 }],
      endTime: '2026-11-24T12:00:00.000Z',
    });
    expect(older.message).toMatch(
      /^Morning Show, 2026-11-24 07:00–13:00: 1 min of silence \(under 1 % of the window\)/,
    );
  });

  it('transfer.failed: where to, after how many attempts, and what to do', () => {
    const alert = alertOf({
      event: 'transfer.failed',
      stream,
      session: { ...session, title: 'Morning Show 2026-11-24', errorMessage: 'Host key changed' },
      destinationName: 'Archive',
    });
    expect(alert.message).toBe(
      'Morning Show 2026-11-24 (recorded 07:00) was not delivered to Archive after 3 attempts: Host key changed. The file is kept; retry the delivery from the recordings page.',
    );
  });

  it('preflight.failed: the start time and each problem in plain words', () => {
    const alert = alertOf({
      event: 'preflight.failed',
      stream,
      schedule: daily7('s', '2026-11-25T06:00:00.000Z'),
      problems: ['the stream answers 404', 'the fallback answers'],
    });
    expect(alert.message).toBe(
      'Morning Show starts at 2026-11-25 07:00: the stream answers 404; the fallback answers.',
    );
  });

  it('disk.low: the free space and the folder', () => {
    const alert = alertOf({
      event: 'disk.low',
      disk: { path: '/app/recordings', freeBytes: 850_000_000, minFreeBytes: 2_000_000_000 },
    });
    expect(alert.message).toBe(
      'Only 850 MB free for /app/recordings (less than 2.0 GB): recordings may fail. Free up space or delete old recordings.',
    );
  });

  it('recording.completed: how long and where it went', () => {
    const alert = alertOf({
      event: 'recording.completed',
      stream,
      destinationName: 'Archive',
      session: {
        ...session,
        status: 'COMPLETED',
        transferStatus: 'COMPLETED',
        durationSeconds: 3600,
        remotePath: '/shows/morning.mp3',
        errorMessage: null,
      },
    });
    expect(alert.message).toBe(
      'Morning Show (started 07:00) recorded, 1 h: delivered to Archive, /shows/morning.mp3.',
    );
  });

  it('keeps the message one line and bounded', () => {
    const alert = alertOf({
      event: 'recording.failed',
      session: { ...session, errorMessage: `line one\nline two ${'x'.repeat(2000)}` },
    });
    expect(alert.message).not.toMatch(/\n/);
    expect(Array.from(alert.message).length).toBeLessThanOrEqual(ALERT_MESSAGE_MAX);
    expect(alert.message.startsWith('A stream (started 07:00) failed: line one line two')).toBe(
      true,
    );
  });
});

describe('helpers', () => {
  it('alertTitle names the event and the stream', () => {
    expect(alertTitle({ event: 'recording.failed', stream })).toBe(
      'Recording failed: Morning Show',
    );
    expect(alertTitle({ event: 'disk.low' })).toBe('Disk space low');
  });

  it('deadAirSentence: the dead-air words without the stream’s name, as a sentence of their own', () => {
    const session = sessionDto({
      startTime: '2026-11-24T06:00:00.000Z',
      endTime: '2026-11-24T08:00:00.000Z',
      plannedDurationSeconds: 7200,
      deadAir: true,
      silences: [{ at: '2026-11-24T06:41:00.000Z', seconds: 480 }],
    });
    const now = new Date('2026-11-24T08:01:00.000Z');
    expect(deadAirSentence(session, tz, now)).toBe(
      'Today 07:00–09:00: 8 min of silence (7 % of the window) at 07:41.',
    );
    expect(deadAirWords(session, 'Morning Show', tz, now)).toBe(
      'Morning Show, today 07:00–09:00: 8 min of silence (7 % of the window) at 07:41.',
    );
    expect(deadAirSentence(session, tz, new Date('2026-11-30T08:00:00.000Z'))).toMatch(
      /^2026-11-24 07:00–09:00: /,
    );
  });

  it('localClockTime gives the date only when the day differs', () => {
    const instant = new Date('2026-11-24T23:30:00.000Z');
    expect(localClockTime(instant, tz, new Date('2026-11-25T08:00:00.000Z'))).toBe('00:30');
    expect(localClockTime(instant, 'UTC', new Date('2026-11-25T08:00:00.000Z'))).toBe(
      '2026-11-24 23:30',
    );
  });

  it('sessionPageUrl and formatBytes', () => {
    expect(sessionPageUrl('https://r.example.com/base//', 'a/b')).toBe(
      'https://r.example.com/base/recordings?session=a%2Fb',
    );
    expect(formatBytes(12)).toBe('12 B');
    expect(formatBytes(1_234_567_890)).toBe('1.2 GB');
  });
});
