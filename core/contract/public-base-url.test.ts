import { describe, expect, it } from 'vitest';
import { publicBaseUrlSchema, publicUrlOf, PUBLIC_BASE_URL_MAX_LENGTH } from './public-base-url';

const parse = (value: unknown) => publicBaseUrlSchema.safeParse(value);
const message = (value: unknown) => {
  const result = parse(value);
  return result.success ? null : result.error.issues[0]?.message;
};

describe('publicBaseUrlSchema', () => {
  it('keeps an http(s) address, without its trailing slashes', () => {
    expect(parse('https://example.org/shows/').data).toBe('https://example.org/shows');
    expect(parse('  http://192.0.2.7:8080/ab/ ').data).toBe('http://192.0.2.7:8080/ab');
    expect(parse('https://example.org').data).toBe('https://example.org');
    expect(parse('https://example.org///').data).toBe('https://example.org');
  });

  it('takes missing, null and blank as none', () => {
    expect(parse(undefined).data).toBeNull();
    expect(parse(null).data).toBeNull();
    expect(parse('   ').data).toBeNull();
  });

  it('refuses what a podcast app cannot fetch, saying why', () => {
    expect(message('example.org/shows')).toMatch(/web address like https:\/\/example.org/);
    expect(message('ftp://example.org/shows')).toMatch(/http or https/);
    expect(message('https://user:pw@example.org/')).toMatch(/user name or password/);
    expect(message('https://example.org/?a=1')).toMatch(/query/);
    expect(message('https://example.org/#top')).toMatch(/fragment/);
    expect(message('https://example.org/a b')).toMatch(/no blanks/);
    expect(message(`https://example.org/${'a'.repeat(PUBLIC_BASE_URL_MAX_LENGTH)}`)).toMatch(
      /at most/,
    );
    expect(message(42)).toMatch(/or null/);
  });
});

describe('publicUrlOf', () => {
  it('encodes each segment of the path under the base', () => {
    expect(publicUrlOf('https://example.org/shows', 'Morning Show #1.mp3')).toBe(
      'https://example.org/shows/Morning%20Show%20%231.mp3',
    );
    expect(publicUrlOf('https://example.org/shows/', 'a/ü?.mp3')).toBe(
      'https://example.org/shows/a/%C3%BC%3F.mp3',
    );
  });
});
