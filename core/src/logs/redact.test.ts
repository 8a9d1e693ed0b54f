import { describe, expect, it } from 'vitest';
import { redactEntry, redactSecrets } from './redact';

const pem = [
  '-----BEGIN OPENSSH PRIVATE KEY-----',
  'b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZW',
  'QyNTUxOQAAACBSECRETSECRETSECRET',
  '-----END OPENSSH PRIVATE KEY-----',
].join('\n');

describe('redactSecrets', () => {
  it('replaces a PEM block, keeping the text around it', () => {
    const out = redactSecrets(`key was ${pem} and more`);
    expect(out).toBe('key was [redacted OPENSSH PRIVATE KEY] and more');
    expect(out).not.toContain('SECRET');
  });

  it('replaces a PEM block with escaped newlines (as inside JSON) and several blocks', () => {
    const json = JSON.stringify({ privateKey: pem, other: pem.replace(/OPENSSH/g, 'RSA') });
    const out = redactSecrets(`body ${json}`);
    expect(out).toBe(
      'body {"privateKey":"[redacted OPENSSH PRIVATE KEY]","other":"[redacted RSA PRIVATE KEY]"}',
    );
  });

  it('replaces a PEM block cut off before its END line, to the end of the message', () => {
    const out = redactSecrets(`partial: ${pem.slice(0, 80)}`);
    expect(out).toBe('partial: [redacted OPENSSH PRIVATE KEY]');
  });

  it.each([
    ['passphrase=hunter2 rest', 'passphrase=[redacted] rest'],
    ['ssh -o passphrase=hunter2&x=1', 'ssh -o passphrase=[redacted]&x=1'],
    ['Passphrase: "two words" ok', 'Passphrase: [redacted] ok'],
    ['{"passphrase":"s3cr\\"et","port":22}', '{"passphrase":[redacted],"port":22}'],
    ["password='pw' done", 'password=[redacted] done'],
    ['X-Api-Key: abcdef123', 'X-Api-Key: [redacted]'],
    ['apiKey=abc, next', 'apiKey=[redacted], next'],
  ])('%s → %s', (input, expected) => {
    expect(redactSecrets(input)).toBe(expected);
  });

  it('removes the credentials of URLs', () => {
    expect(
      redactSecrets('ffmpeg: http://dj:on-air@radio.example:8000/live: 401 Unauthorized'),
    ).toBe('ffmpeg: http://[redacted]@radio.example:8000/live: 401 Unauthorized');
  });

  it('leaves ordinary messages alone', () => {
    const message = 'Transfer of 2026-11-24 Radio.mp3 to sftp://host:22/upload done (12 MB).';
    expect(redactSecrets(message)).toBe(message);
    expect(redactSecrets('the passphrase is wrong')).toBe('the passphrase is wrong');
  });

  it('redactEntry keeps the entry when nothing was secret', () => {
    const entry = { time: 't', level: 'info' as const, message: 'hello', sessionId: 's' };
    expect(redactEntry(entry)).toBe(entry);
    expect(redactEntry({ ...entry, message: 'passphrase=x' })).toEqual({
      ...entry,
      message: 'passphrase=[redacted]',
    });
  });
});
