import { describe, expect, it } from 'vitest';
import { AppError } from '../../contract';
import { destinationFinding, probeProblem, streamUrlFinding } from './findings';
import { failedProbe, OK_PROBE } from './test-fakes';

const URL = 'http://127.0.0.1:4711/404.mp3';

describe('probeProblem', () => {
  it('reads ffprobe’s words (as Debian’s ffprobe prints them) and the probe’s own', () => {
    const cases: [string, unknown][] = [
      [
        `ffprobe could not read ${URL}: ${URL}: Server returned 404 Not Found`,
        { kind: 'http', status: 404, serverError: false },
      ],
      [
        `${URL}: Server returned 403 Forbidden (access denied)`,
        { kind: 'http', status: 403, serverError: false },
      ],
      [
        `${URL}: Server returned 5XX Server Error reply`,
        { kind: 'http', status: null, serverError: true },
      ],
      [
        `${URL}: Server returned 4XX Client Error, but not one of 40{0,1,3,4}`,
        { kind: 'http', status: null, serverError: false },
      ],
      [
        'The playlist http://x.example/a.pls answered HTTP 503. Check the URL.',
        { kind: 'http', status: 503, serverError: true },
      ],
      [
        '[tcp @ 0x5] Connection to tcp://127.0.0.1:1 failed: Connection refused http://127.0.0.1:1/x.mp3: Connection refused',
        { kind: 'refused' },
      ],
      [
        '[tcp @ 0x5] Failed to resolve hostname nonexistent.invalid: Name or service not known http://nonexistent.invalid/x.mp3: Input/output error',
        { kind: 'unknown-host' },
      ],
      ['The stream did not answer within 10 s. Check the URL.', { kind: 'timeout' }],
      ['The stream carries no audio.', { kind: 'unreadable' }],
      ['Invalid data found when processing input', { kind: 'unreadable' }],
    ];
    for (const [text, problem] of cases) expect(probeProblem(text), text).toEqual(problem);
  });
});

describe('streamUrlFinding', () => {
  it('ok when the probe found audio; the problem otherwise', () => {
    expect(streamUrlFinding({ probe: OK_PROBE })).toEqual({ ok: true });
    expect(streamUrlFinding({ probe: failedProbe('Server returned 404 Not Found') })).toEqual({
      ok: false,
      problem: { kind: 'http', status: 404, serverError: false },
    });
  });

  it('a URL the URL policy refuses is not an address that can be recorded', () => {
    const thrown = new AppError('UNSUPPORTED_URL_SCHEME', '"file:" URLs cannot be recorded.');
    expect(streamUrlFinding({ thrown })).toEqual({ ok: false, problem: { kind: 'invalid-url' } });
    expect(streamUrlFinding({ thrown: new Error('spawn ffprobe ENOENT') })).toEqual({
      ok: false,
      problem: { kind: 'unreadable' },
    });
  });
});

describe('destinationFinding', () => {
  it('keeps the test’s code and sentence', () => {
    expect(destinationFinding('h:22', { result: { ok: true } })).toEqual({
      ok: true,
      where: 'h:22',
    });
    expect(
      destinationFinding('h:22', {
        result: {
          ok: false,
          code: 'SSH_AUTH_FAILED',
          error: 'The SSH server at h:22 refused the key.',
        },
      }),
    ).toEqual({
      ok: false,
      where: 'h:22',
      code: 'SSH_AUTH_FAILED',
      error: 'The SSH server at h:22 refused the key.',
    });
    expect(destinationFinding('h:22', { thrown: new Error('boom') })).toEqual({
      ok: false,
      where: 'h:22',
      code: 'TRANSFER_FAILED',
      error: 'boom',
    });
  });
});
