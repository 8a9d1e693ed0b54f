import { describe, expect, it } from 'vitest';
import {
  decideNotification,
  formatDuration,
  NOTIFICATION_BODY_MAX,
  NOTIFICATION_KIND_OF_ALERT,
  NOTIFICATION_TITLE_MAX,
  notificationKind,
  plainText,
  type NotificationInput,
} from './notifications';
import { buildAlert } from './alerts';
import { NOTIFICATION_SETTING_DEFAULTS } from './operations/settings';
import type { SessionDto } from './session';
import { deliveredMorningShow, recordedMorningShow, sessionDto } from './testing/session-fixtures';

const base = sessionDto({ scheduleId: 'sched-1', plannedDurationSeconds: 5400 });
const s = (patch: Partial<SessionDto>): SessionDto => ({ ...base, ...patch });
const allOn = {
  notifyRecordingStarted: true,
  notifyRecordingCompleted: true,
  notifyRecordingFailed: true,
  notifyTransferFailed: true,
};
const decide = (
  previous: SessionDto | undefined,
  session: SessionDto,
  extra: Partial<NotificationInput> = {},
) =>
  decideNotification({
    previous,
    session,
    streamName: 'Morning Show',
    destination: { name: 'Archive' },
    settings: allOn,
    ...extra,
  });

const recording = s({ status: 'RECORDING' });
const recorded = s(recordedMorningShow());
const delivered = s(deliveredMorningShow());

describe('notificationKind', () => {
  it('follows a session through a whole delivery: started, then completed once delivered', () => {
    const steps: SessionDto[] = [
      s({}),
      recording,
      s({ status: 'PROCESSING' }),
      recorded,
      { ...recorded, transferStatus: 'IN_PROGRESS' },
      delivered,
      { ...delivered, outputFilePath: null },
    ];
    const kinds = steps.map((session, i) => notificationKind(steps[i - 1], session));
    expect(kinds).toEqual([null, 'started', null, null, null, 'completed', null]);
  });

  it('without a destination, a recording is complete once recorded (transfer SKIPPED)', () => {
    const kept = { ...recorded, transferStatus: 'SKIPPED' as const };
    expect(notificationKind(s({ status: 'PROCESSING' }), kept)).toBe('completed');
    expect(notificationKind(kept, { ...kept, outputFilePath: null })).toBeNull();
  });

  it('a retried transfer attempt is not a failure; giving up is, once', () => {
    const retrying = { ...recorded, transferStatus: 'PENDING' as const, attempts: 2 };
    expect(notificationKind({ ...recorded, transferStatus: 'IN_PROGRESS' }, retrying)).toBeNull();
    const gaveUp = { ...recorded, transferStatus: 'FAILED' as const, attempts: 5 };
    expect(notificationKind({ ...recorded, transferStatus: 'IN_PROGRESS' }, gaveUp)).toBe(
      'transfer-failed',
    );
    expect(notificationKind(gaveUp, { ...gaveUp, errorMessage: 'x' })).toBeNull();
    // retried by hand and delivered: completed after all
    expect(notificationKind({ ...gaveUp, transferStatus: 'IN_PROGRESS' }, delivered)).toBe(
      'completed',
    );
  });

  it('a failed recording, once; a session first seen already failed counts', () => {
    const failed = s({ status: 'FAILED', transferStatus: 'SKIPPED', errorMessage: 'Gone' });
    expect(notificationKind(recording, failed)).toBe('failed');
    expect(notificationKind(failed, failed)).toBeNull();
    expect(notificationKind(undefined, failed)).toBe('failed');
    expect(notificationKind(undefined, recording)).toBe('started');
  });
});

describe('decideNotification', () => {
  it('started: the stream and the planned length', () => {
    expect(decide(s({}), recording)).toEqual({
      kind: 'started',
      title: 'Recording Morning Show',
      body: 'Started, for 1 h 30 min.',
      sessionId: 'sess-1',
    });
  });

  it('completed: the title and where it was delivered', () => {
    expect(decide({ ...recorded, transferStatus: 'IN_PROGRESS' }, delivered)).toEqual({
      kind: 'completed',
      title: 'Recorded Morning Show',
      body: '2026-11-24 Morning Show: delivered to Archive, /srv/radio/2026-11-24 Morning Show.mp3.',
      sessionId: 'sess-1',
    });
  });

  it('completed without a destination: where it is kept; gaps and early stops are said', () => {
    const kept = {
      ...recorded,
      transferStatus: 'SKIPPED' as const,
      gaps: [{ at: '2026-11-24T06:10:00.000Z', seconds: 4 }],
      errorMessage: 'Stopped early: DISK_FULL: less than 500 MB free',
      stopReason: 'disk-full' as const,
    };
    expect(decide(s({ status: 'PROCESSING' }), kept, { destination: null })?.body).toBe(
      '2026-11-24 Morning Show (with gaps, stopped early): saved on this computer, /rec/2026-11-24 Morning Show.mp3.',
    );
  });

  it('failed and missed: the reason', () => {
    const failed = s({ status: 'FAILED', errorMessage: 'STREAM_UNREACHABLE: 404 Not Found' });
    expect(decide(recording, failed)).toMatchObject({
      kind: 'failed',
      title: 'Recording failed: Morning Show',
      body: 'STREAM_UNREACHABLE: 404 Not Found',
    });
    const missed = s({
      status: 'FAILED',
      errorMessage: 'Missed: the app was not running.',
      stopReason: 'missed',
    });
    expect(decide(undefined, missed)?.title).toBe('Recording missed: Morning Show');
    expect(decide(recording, s({ status: 'FAILED' }))?.body).toBe(
      'The recording failed; the log says why.',
    );
  });

  it('transfer failed: after how many attempts, and why', () => {
    const gaveUp = {
      ...recorded,
      transferStatus: 'FAILED' as const,
      attempts: 5,
      errorMessage:
        'Transfer failed: SSH_AUTH_FAILED. Fix the destination, then retry the transfer.',
    };
    expect(decide(recorded, gaveUp)).toEqual({
      kind: 'transfer-failed',
      title: 'Delivery failed: Morning Show',
      body: '2026-11-24 Morning Show was not delivered to Archive after 5 attempts. Transfer failed: SSH_AUTH_FAILED. Fix the destination, then retry the transfer.',
      sessionId: 'sess-1',
    });
  });

  it('each kind can be switched off; the defaults leave only "started" off', () => {
    const off = (name: keyof typeof allOn) => ({ settings: { ...allOn, [name]: false } });
    expect(decide(s({}), recording, off('notifyRecordingStarted'))).toBeNull();
    expect(decide(recorded, delivered, off('notifyRecordingCompleted'))).toBeNull();
    expect(decide(recording, s({ status: 'FAILED' }), off('notifyRecordingFailed'))).toBeNull();
    const gaveUp = { ...recorded, transferStatus: 'FAILED' as const };
    expect(decide(recorded, gaveUp, off('notifyTransferFailed'))).toBeNull();
    // the other switches do not matter
    expect(decide(recorded, gaveUp, off('notifyRecordingFailed'))?.kind).toBe('transfer-failed');

    const defaults = { settings: NOTIFICATION_SETTING_DEFAULTS };
    expect(decide(s({}), recording, defaults)).toBeNull();
    expect(decide(recorded, delivered, defaults)?.kind).toBe('completed');
  });

  it('an unknown stream and destination still make a sentence', () => {
    expect(
      decide(recorded, { ...delivered, title: null }, { streamName: null, destination: undefined }),
    ).toMatchObject({
      title: 'Recorded A stream',
      body: 'A stream: delivered, /srv/radio/2026-11-24 Morning Show.mp3.',
    });
  });

  it('text from the outside is made plain and short', () => {
    const hostile = s({
      status: 'FAILED',
      errorMessage: `bad\u0000thing\u001b[31m <b>bold</b> \u202egnp.exe\n${'x'.repeat(1000)}`,
    });
    const n = decide(recording, hostile, { streamName: 'Radio\r\n\u0007Evil\u2066' });
    expect(n?.title).toBe('Recording failed: Radio Evil');
    expect(n?.body.startsWith('bad thing [31m <b>bold</b> gnp.exe xxx')).toBe(true);
    expect(n?.body).toHaveLength(NOTIFICATION_BODY_MAX);
    expect(n?.body.endsWith('…')).toBe(true);
    // eslint-disable-next-line no-control-regex
    expect(n?.body).not.toMatch(/[\u0000-\u001f\u202e]/);
  });
});

describe('decideNotification for alerts (the `alert` event)', () => {
  const settings = NOTIFICATION_SETTING_DEFAULTS;
  const at = Date.parse('2026-11-24T06:50:00.000Z');
  const stream = { id: 'st-1', name: 'Morning Show' };

  it('dead air, a failed check before a run and a low disk are shown, worded by the alert', () => {
    const check = buildAlert({
      event: 'preflight.failed',
      at,
      timeZone: 'UTC',
      stream,
      schedule: {
        id: 'k1',
        cronExpression: '0 7 * * *',
        timezone: 'UTC',
        runAt: '2026-11-24T07:00:00.000Z',
      },
      problems: ['the stream answers 404'],
    });
    expect(decideNotification({ alert: check, settings })).toEqual({
      kind: 'preflight-failed',
      title: 'Check before recording failed: Morning Show',
      body: 'Morning Show starts at 07:00: the stream answers 404.',
      sessionId: null,
    });
    const session = sessionDto({
      id: 'sess-9',
      durationSeconds: 3600,
      plannedDurationSeconds: 3600,
      title: '2026-11-24 Morning Show',
      silences: [
        { at: '2026-11-24T06:10:00.000Z', seconds: 300 },
        { at: '2026-11-24T06:40:00.000Z', seconds: 300 },
      ],
      deadAir: true,
    });
    const deadAir = buildAlert({
      event: 'recording.dead-air',
      at,
      timeZone: 'UTC',
      session,
      stream,
    });
    expect(decideNotification({ alert: deadAir, settings })).toMatchObject({
      kind: 'dead-air',
      title: 'Dead air: Morning Show',
      body: expect.stringContaining('10 min of silence (17 % of the window)') as string,
      sessionId: 'sess-9',
    });
    const disk = buildAlert({
      event: 'disk.low',
      at,
      timeZone: 'UTC',
      disk: { path: '/rec', freeBytes: 200e6, minFreeBytes: 500e6 },
    });
    expect(decideNotification({ alert: disk, settings })).toMatchObject({
      kind: 'disk-low',
      title: 'Disk space low',
      sessionId: null,
    });
  });

  it('they follow the "recording failed" switch', () => {
    const disk = buildAlert({ event: 'disk.low', at, timeZone: 'UTC' });
    expect(
      decideNotification({ alert: disk, settings: { ...settings, notifyRecordingFailed: false } }),
    ).toBeNull();
  });

  it('what a session change tells (failed, missed, delivery failed, completed) is not told again by its alert', () => {
    for (const event of [
      'recording.failed',
      'recording.missed',
      'transfer.failed',
      'recording.completed',
    ] as const) {
      expect(NOTIFICATION_KIND_OF_ALERT[event].fromSession).toBe(true);
      const alert = buildAlert({ event, at, timeZone: 'UTC', session: sessionDto(), stream });
      expect(
        decideNotification({ alert, settings: { ...settings, notifyRecordingStarted: true } }),
      ).toBeNull();
    }
    expect(NOTIFICATION_KIND_OF_ALERT['transfer.failed'].kind).toBe('transfer-failed');
  });
});

describe('plainText', () => {
  it('caps at max characters without splitting a surrogate pair', () => {
    expect(plainText('🎙'.repeat(100), 10)).toBe(`${'🎙'.repeat(9)}…`);
    expect(plainText('a'.repeat(NOTIFICATION_TITLE_MAX), NOTIFICATION_TITLE_MAX)).toHaveLength(
      NOTIFICATION_TITLE_MAX,
    );
    expect(plainText('  two   words\t', 20)).toBe('two words');
  });
});

describe('formatDuration', () => {
  it.each([
    [30, '30 s'],
    [60, '1 min'],
    [2700, '45 min'],
    [3600, '1 h'],
    [5400, '1 h 30 min'],
  ])('%d s is %s', (seconds, text) => expect(formatDuration(seconds)).toBe(text));
});
