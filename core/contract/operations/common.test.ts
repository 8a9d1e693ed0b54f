import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  answerKind,
  idSchema,
  pickKeys,
  networkUrl,
  networkUrlProblem,
  optionalText,
  queryFlag,
  queryInteger,
  requiredText,
} from './common';
import { createDestinationInput, hostKeyFingerprint } from './destinations';
import {
  MP3_BITRATES,
  STREAM_SETTING_KEYS,
  createStreamInput,
  getStreamArtwork,
  recordStream,
  streamSettingsOf,
} from './streams';
import { listSessionsInput, sessionAudio } from './sessions';
import { calendarIcs } from './calendar';

const issue = (schema: z.ZodType, value: unknown) => {
  const result = schema.safeParse(value);
  return result.success ? undefined : result.error.issues[0];
};

describe('text pieces', () => {
  it('requiredText trims, refuses blank, too long and multi-line text', () => {
    expect(requiredText(5).parse('  abc ')).toBe('abc');
    expect(issue(requiredText(5), '   ')?.message).toBe('must not be empty');
    expect(issue(requiredText(5), 'abcdef')?.message).toBe('must be at most 5 characters');
    expect(issue(requiredText(5), 'a\nb')?.message).toBe('must not contain control characters');
    expect(issue(requiredText(5), 5)?.message).toBe('is required (text)');
  });

  it('optionalText maps missing, null and blank to null', () => {
    const s = z.object({ v: optionalText(10) });
    expect(s.parse({})).toEqual({ v: null });
    expect(s.parse({ v: null })).toEqual({ v: null });
    expect(s.parse({ v: '  ' })).toEqual({ v: null });
    expect(s.parse({ v: ' Jazz ' })).toEqual({ v: 'Jazz' });
    expect(s.safeParse({ v: 3 }).success).toBe(false);
  });

  it('idSchema wants a short one-line text', () => {
    expect(idSchema.parse(' 3f1c ')).toBe('3f1c');
    expect(idSchema.safeParse('').success).toBe(false);
    expect(idSchema.safeParse('x'.repeat(101)).success).toBe(false);
    expect(idSchema.safeParse(12).success).toBe(false);
  });
});

describe('query pieces', () => {
  const page = z.object({ limit: queryInteger(1, 500, 50) });

  it('queryInteger takes numbers and digit strings, defaults when missing or empty', () => {
    expect(page.parse({})).toEqual({ limit: 50 });
    expect(page.parse({ limit: '' })).toEqual({ limit: 50 });
    expect(page.parse({ limit: '20' })).toEqual({ limit: 20 });
    expect(page.parse({ limit: 500 })).toEqual({ limit: 500 });
    for (const bad of [0, 501, 2.5, '-1', '1e2', ' 5', 'ten', true, null]) {
      expect(issue(page, { limit: bad })?.message, String(bad)).toBe(
        'must be a whole number from 1 to 500',
      );
    }
  });

  it('queryFlag reads true/false/1/0; missing is false; anything else is refused', () => {
    const s = z.object({ cascade: queryFlag });
    expect(s.parse({})).toEqual({ cascade: false });
    expect(s.parse({ cascade: 'true' })).toEqual({ cascade: true });
    expect(s.parse({ cascade: '1' })).toEqual({ cascade: true });
    expect(s.parse({ cascade: 'false' })).toEqual({ cascade: false });
    expect(s.parse({ cascade: true })).toEqual({ cascade: true });
    expect(issue(s, { cascade: 'yes' })?.message).toBe('must be true or false');
  });

  it('sessions.list input: filters and pages', () => {
    expect(listSessionsInput.parse({ status: '', streamId: '' })).toEqual({ limit: 50, offset: 0 });
    expect(issue(listSessionsInput, { status: 'done' })?.path).toEqual(['status']);
  });
});

describe('network URLs', () => {
  it('accepts network schemes, case-insensitively', () => {
    for (const url of [
      'http://radio.example/live',
      'HTTPS://radio.example:8443/live.m3u8',
      'icecast://radio.example:8000/mount',
      'icy://radio.example/mount',
      'rtmp://radio.example/app/stream',
      'rtmps://radio.example/app',
      'rtsp://[::1]:554/audio',
      'rtsps://radio.example/audio',
    ]) {
      expect(networkUrlProblem(url), url).toBeUndefined();
    }
  });

  it('refuses local, composite and malformed URLs with a reason', () => {
    expect(networkUrlProblem('file:///etc/passwd')).toMatch(/"file:" URLs are not allowed/);
    expect(networkUrlProblem('concat:a.mp3|b.mp3')).toMatch(/"concat:" URLs are not allowed/);
    expect(networkUrlProblem('pipe:0')).toMatch(/"pipe:"/);
    expect(networkUrlProblem('data:,x')).toMatch(/"data:"/);
    expect(networkUrlProblem('hls+file:///x')).toMatch(/"hls\+file:"/);
    expect(networkUrlProblem('radio.example/live')).toMatch(/needs a scheme/);
    expect(networkUrlProblem('http://')).toBeDefined();
    expect(networkUrlProblem('http://a b/')).toMatch(/spaces/);
    expect(networkUrlProblem('')).toBe('must not be empty');
    expect(networkUrlProblem(`http://a/${'x'.repeat(4096)}`)).toMatch(/at most 4096/);
  });

  it('the schema trims and reports the problem as its message', () => {
    expect(networkUrl.parse('  http://radio.example/live ')).toBe('http://radio.example/live');
    expect(issue(networkUrl, 'file:///x')?.message).toMatch(/not allowed/);
  });
});

describe('destination and stream inputs', () => {
  it('normalises a pasted fingerprint and refuses other formats', () => {
    const fp = 'kvoQMJTedD1giukp6v7FCtFUl4A1DbhQrqXKecBz/X4';
    const s = z.object({ f: hostKeyFingerprint });
    expect(s.parse({ f: ` sha256:${fp}= ` })).toEqual({ f: `SHA256:${fp}` });
    expect(s.parse({ f: fp })).toEqual({ f: `SHA256:${fp}` });
    expect(s.parse({ f: '' })).toEqual({ f: null });
    expect(s.parse({})).toEqual({ f: null });
    expect(s.safeParse({ f: 'MD5:12:34' }).success).toBe(false);
    expect(s.safeParse({ f: `SHA256:${fp}x` }).success).toBe(false);
  });

  it('a destination needs exactly one of privateKey and privateKeyPath', () => {
    const base = { name: 'n', host: 'h', username: 'u', remoteDir: '/d' };
    expect(issue(createDestinationInput, base)?.path).toEqual(['privateKey']);
    expect(
      issue(createDestinationInput, { ...base, privateKey: 'k', privateKeyPath: '/k' })?.path,
    ).toEqual(['privateKeyPath']);
    expect(createDestinationInput.parse({ ...base, privateKeyPath: '/k' }).port).toBe(22);
  });

  it('a stream takes only MP3 bit rates; fallback URL issues name their index', () => {
    const base = { name: 'n', streamUrl: 'http://a/x', artist: 'a', album: 'b', albumArtist: 'c' };
    expect(MP3_BITRATES).toContain(128);
    expect(createStreamInput.parse({ ...base, mp3BitrateKbps: 128 }).mp3BitrateKbps).toBe(128);
    expect(issue(createStreamInput, { ...base, mp3BitrateKbps: 129 })?.path).toEqual([
      'mp3BitrateKbps',
    ]);
    expect(
      issue(createStreamInput, { ...base, fallbackUrls: ['http://ok/', 'file:///x'] })?.path,
    ).toEqual(['fallbackUrls', 1]);
  });

  it('a manual recording lasts 1 s to 24 h', () => {
    expect(recordStream.input.safeParse({ id: 'a', durationSeconds: 86_400 }).success).toBe(true);
    expect(recordStream.input.safeParse({ id: 'a', durationSeconds: 86_401 }).success).toBe(false);
    expect(recordStream.input.safeParse({ id: 'a', durationSeconds: 0 }).success).toBe(false);
  });
});

describe('answerKind', () => {
  it('decides by the declared answer schema, not by what an answer looks like', () => {
    expect(answerKind(sessionAudio)).toBe('file');
    expect(answerKind(calendarIcs)).toBe('text');
    expect(answerKind(getStreamArtwork)).toBe('file');
    expect(answerKind(recordStream)).toBe('json');
    // an answer schema of the same shape is still JSON: only the contract's own pieces count
    expect(
      answerKind({ output: z.strictObject({ filePath: z.string(), contentType: z.string() }) }),
    ).toBe('json');
  });
});

describe('streamSettingsOf', () => {
  it('keeps exactly the settings create and update take', () => {
    expect(STREAM_SETTING_KEYS).toEqual(Object.keys(createStreamInput.shape));
    const settings = streamSettingsOf({ id: 'x', name: 'A', artwork: 'b64', createdAt: 't' });
    expect(Object.keys(settings)).toEqual(STREAM_SETTING_KEYS);
    expect(settings).toMatchObject({ name: 'A' });
    expect(settings).not.toHaveProperty('id');
  });
});

describe('pickKeys', () => {
  it('keeps the named keys only, each present (undefined where missing), in their order', () => {
    const picked = pickKeys(
      { b: 2, a: 1, id: 'x' } as { a?: number; b: number; c?: string; id: string },
      ['a', 'b', 'c'] as const,
    );
    expect(picked).toEqual({ a: 1, b: 2, c: undefined });
    expect(Object.keys(picked)).toEqual(['a', 'b', 'c']);
    expect(picked).not.toHaveProperty('id');
  });
});
