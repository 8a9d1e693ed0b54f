import { describe, expect, it } from 'vitest';
import { decodeEncodedWords, parseMail } from './alert-receivers';

describe('decodeEncodedWords', () => {
  it('decodes B and Q words and joins adjacent ones', () => {
    const b = Buffer.from('Café ☕').toString('base64');
    expect(decodeEncodedWords(`=?UTF-8?B?${b}?=`)).toBe('Café ☕');
    expect(decodeEncodedWords('Dead air: =?utf-8?Q?Caf=C3=A9_Show?=')).toBe('Dead air: Café Show');
    expect(decodeEncodedWords('=?UTF-8?Q?a?= =?UTF-8?Q?b?=')).toBe('ab');
    expect(decodeEncodedWords('plain')).toBe('plain');
  });
});

describe('parseMail', () => {
  it('unfolds headers and undoes quoted-printable', () => {
    const raw = [
      'From: a@example.com',
      'Subject: =?UTF-8?Q?Recording_failed:_Fr=C3=BChst=C3=BCck?=',
      ' =?UTF-8?Q?sradio?=',
      'Content-Type: text/plain; charset=utf-8',
      'Content-Transfer-Encoding: quoted-printable',
      '',
      'Fr=C3=BChst=C3=BCck failed: a long line that is soft=',
      ' broken.',
      '',
    ].join('\r\n');
    const mail = parseMail(raw);
    expect(mail.subject).toBe('Recording failed: Frühstücksradio');
    expect(mail.headers.get('from')).toBe('a@example.com');
    expect(mail.text).toBe('Frühstück failed: a long line that is soft broken.\n');
  });

  it('refuses a multipart message (the alerts are plain text)', () => {
    expect(() => parseMail('Content-Type: multipart/alternative; boundary=x\r\n\r\n--x')).toThrow(
      /text\/plain/,
    );
  });
});
