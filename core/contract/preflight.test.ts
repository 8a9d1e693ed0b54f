import { describe, expect, it } from 'vitest';
import { buildAlert } from './alerts';
import {
  DEFAULT_PREFLIGHT_MINUTES,
  isPreflightOn,
  preflightFailed,
  preflightMinutesField,
  type PreflightFindings,
} from './preflight';

const at = Date.parse('2026-11-24T05:50:00.000Z');
const stream = { id: 'stream-1', name: 'Morning Show' };
const schedule = {
  id: 'sched-1',
  cronExpression: '0 7 * * *',
  timezone: 'Europe/Berlin',
  runAt: '2026-11-24T06:00:00.000Z',
};
const dead = { ok: false, problem: { kind: 'http', status: 404, serverError: false } } as const;
const answers = { ok: true } as const;

function message(preflight: PreflightFindings): string {
  return buildAlert({
    event: 'preflight.failed',
    at,
    timeZone: 'Europe/Berlin',
    stream,
    schedule,
    preflight,
  }).message;
}

describe('preflightMinutes', () => {
  it('defaults to 10, takes 0 (off) to 720 whole minutes', () => {
    expect(DEFAULT_PREFLIGHT_MINUTES).toBe(10);
    expect(preflightMinutesField.parse(undefined)).toBe(10);
    expect(preflightMinutesField.parse(0)).toBe(0);
    expect(preflightMinutesField.parse(720)).toBe(720);
    for (const bad of [-1, 721, 2.5, '10']) {
      expect(preflightMinutesField.safeParse(bad).success, String(bad)).toBe(false);
    }
    expect(preflightMinutesField.safeParse(721).error?.issues[0]?.message).toBe(
      'must be at most 720 minutes (12 hours)',
    );
    expect(isPreflightOn(0)).toBe(false);
    expect(isPreflightOn(10)).toBe(true);
  });
});

describe('preflightFailed', () => {
  it('fails when any URL or the destination fails', () => {
    expect(preflightFailed({ urls: [answers, answers], destination: null })).toBe(false);
    expect(preflightFailed({ urls: [answers], destination: { ok: true, where: 'h:22' } })).toBe(
      false,
    );
    expect(preflightFailed({ urls: [answers, dead], destination: null })).toBe(true);
    expect(
      preflightFailed({
        urls: [answers],
        destination: { ok: false, where: 'h:22', code: 'SSH_AUTH_FAILED', error: 'x' },
      }),
    ).toBe(true);
  });
});

describe('the preflight.failed words', () => {
  it('the stream answers 404, the fallback answers', () => {
    expect(
      message({ urls: [dead, answers], destination: { ok: true, where: 'sftp.example:22' } }),
    ).toBe(
      "Morning Show starts at 07:00: the stream answers 404; the fallback answers. Check the stream's URLs before then: a recording moves to a fallback only after the URL before it failed several times.",
    );
  });

  it('every URL down: nothing is recorded unless one answers', () => {
    expect(
      message({
        urls: [
          { ok: false, problem: { kind: 'refused' } },
          { ok: false, problem: { kind: 'http', status: null, serverError: true } },
          { ok: false, problem: { kind: 'timeout' } },
        ],
        destination: null,
      }),
    ).toBe(
      "Morning Show starts at 07:00: the stream refuses the connection; fallback 1 answers with a server error (5xx); fallback 2 does not answer. Check the stream's URLs before then: unless one answers, nothing is recorded.",
    );
    expect(
      message({ urls: [{ ok: false, problem: { kind: 'unknown-host' } }], destination: null }),
    ).toBe(
      "Morning Show starts at 07:00: the stream names a host that cannot be found. Check the stream's URL before then: unless it answers, nothing is recorded.",
    );
  });

  it('the destination refused the key; the stream is not mentioned when it answers', () => {
    expect(
      message({
        urls: [answers],
        destination: {
          ok: false,
          where: 'sftp.example:22',
          code: 'SSH_AUTH_FAILED',
          error: 'The SSH server at sftp.example:22 refused the key for user “rec”.',
        },
      }),
    ).toBe(
      'Morning Show starts at 07:00: the destination sftp.example:22 refused the key. Check the destination before then: until it works, recordings stay on the recorder.',
    );
  });

  it('host key, unreachable, and other destination failures in their own words', () => {
    const dest = (code: 'HOST_KEY_MISMATCH' | 'SSH_UNREACHABLE' | 'TRANSFER_FAILED', error = 'x') =>
      message({ urls: [answers], destination: { ok: false, where: 'h:2222', code, error } });
    expect(dest('HOST_KEY_MISMATCH')).toContain(
      ': the destination h:2222 shows another host key than the one pinned.',
    );
    expect(dest('SSH_UNREACHABLE')).toContain(': the destination h:2222 cannot be reached.');
    expect(
      dest(
        'TRANSFER_FAILED',
        'Writing a test file to /srv on h:2222 failed: Permission denied (permission denied).',
      ),
    ).toContain(
      ': the destination h:2222 failed its test: Writing a test file to /srv on h:2222 failed: Permission denied (permission denied). Check the destination',
    );
  });

  it('both a stream and the destination: both problems and both pieces of advice', () => {
    expect(
      message({
        urls: [
          { ok: false, problem: { kind: 'invalid-url' } },
          { ok: false, problem: { kind: 'unreadable' } },
        ],
        destination: { ok: false, where: 'h:22', code: 'SSH_UNREACHABLE', error: 'x' },
      }),
    ).toBe(
      "Morning Show starts at 07:00: the stream is not an address that can be recorded; the fallback answers, but not with audio the recorder can read; the destination h:22 cannot be reached. Check the stream's URLs before then: unless one answers, nothing is recorded. Check the destination before then: until it works, recordings stay on the recorder.",
    );
  });

  it('a run on another day names its date', () => {
    const alert = buildAlert({
      event: 'preflight.failed',
      at: Date.parse('2026-11-24T22:00:00.000Z'), // 23:00 Berlin
      timeZone: 'Europe/Berlin',
      stream,
      schedule: { ...schedule, runAt: '2026-11-25T05:00:00.000Z' },
      preflight: { urls: [dead], destination: null },
    });
    expect(alert.message).toMatch(
      /^Morning Show starts at 2026-11-25 06:00: the stream answers 404\./,
    );
    expect(alert).toMatchObject({
      event: 'preflight.failed',
      stream,
      schedule: { runAt: '2026-11-25T05:00:00.000Z' },
    });
  });
});
