import { describe, expect, it } from 'vitest';
import { AppError } from './errors';
import { redactUrlCredentials } from './redact';

describe('redactUrlCredentials', () => {
  it.each([
    ['http://user:pw@host:8000/live', 'http://[redacted]@host:8000/live'],
    ['https://token@radio.example/stream.mp3', 'https://[redacted]@radio.example/stream.mp3'],
    ['icecast://u:p@ss@host/m', 'icecast://[redacted]@host/m'],
    ['RTMP://a%40b:c%3Ad@h/app', 'RTMP://[redacted]@h/app'],
    [
      "[http @ 0x55d] Opening 'http://u:s3cr3t@127.0.0.1:9/m' for reading",
      "[http @ 0x55d] Opening 'http://[redacted]@127.0.0.1:9/m' for reading",
    ],
    [
      'tried http://a:1@h1/x, then (http://b:2@h2/y)',
      'tried http://[redacted]@h1/x, then (http://[redacted]@h2/y)',
    ],
    ['{"url":"http://u:p@h/x"}', '{"url":"http://[redacted]@h/x"}'],
  ])('%s → %s', (input, expected) => {
    expect(redactUrlCredentials(input)).toBe(expected);
  });

  it.each([
    'http://host:8000/live.mp3',
    'http://host/path/with@sign',
    'http://host/?mail=a@b.example',
    'mail me at radio@example.org',
    'Destination "Archive" (radio@sftp.example:22) created.',
  ])('leaves %s alone', (text) => {
    expect(redactUrlCredentials(text)).toBe(text);
  });

  it('every AppError message is made without the credentials', () => {
    const error = new AppError(
      'STREAM_UNREACHABLE',
      'http://listener:hunter2@radio.example/live answered 401.',
      { field: 'streamUrl' },
    );
    expect(error.message).toBe('http://[redacted]@radio.example/live answered 401.');
    expect(JSON.stringify(error.toBody())).not.toContain('hunter2');
  });
});
