import { describe, expect, it } from 'vitest';
import { familyOf, NETWORK_URL_SCHEMES, readNetworkUrl, URL_MAX_LENGTH } from './url-policy';

describe('readNetworkUrl (the one URL policy of the forms, the schemas and the recorder)', () => {
  it('accepts each network scheme, with its family and the URL as it is opened', () => {
    expect(NETWORK_URL_SCHEMES).toEqual([
      'http',
      'https',
      'icecast',
      'icy',
      'rtmp',
      'rtmps',
      'rtsp',
      'rtsps',
    ]);
    expect(readNetworkUrl('icy://radio.example.com:8000/')).toEqual({
      ok: true,
      href: 'http://radio.example.com:8000/',
      family: 'http',
    });
    expect(readNetworkUrl('RTSPS://cam.example.com/a')).toMatchObject({ ok: true, family: 'rtsp' });
    expect(familyOf('rtmps://a/x')).toBe('rtmp');
    expect(familyOf('file:///x')).toBeNull();
    // a name Object.prototype has is no scheme of ours
    expect(familyOf('constructor://a/')).toBeNull();
    expect(readNetworkUrl('constructor://a/')).toMatchObject({ code: 'UNSUPPORTED_URL_SCHEME' });
  });

  it('answers each refusal with its code, as a phrase for a field and as a sentence', () => {
    expect(readNetworkUrl('file:///etc/passwd')).toMatchObject({
      ok: false,
      code: 'UNSUPPORTED_URL_SCHEME',
      problem: expect.stringMatching(/^"file:" URLs are not allowed/),
      message: expect.stringMatching(/^"file:" URLs are not allowed.*\.$/),
    });
    expect(readNetworkUrl('')).toMatchObject({
      code: 'INVALID_URL',
      problem: 'must not be empty',
      message: 'The stream URL is empty.',
    });
    expect(readNetworkUrl(`http://a/${'x'.repeat(URL_MAX_LENGTH)}`)).toMatchObject({
      code: 'INVALID_URL',
      problem: `must be at most ${URL_MAX_LENGTH} characters`,
    });
    expect(readNetworkUrl('http://a b/')).toMatchObject({ code: 'INVALID_URL' });
    expect(readNetworkUrl('radio.example/live')).toMatchObject({ code: 'INVALID_URL' });
    expect(readNetworkUrl('http://')).toMatchObject({
      code: 'INVALID_URL',
      problem: 'is not a valid URL',
    });
  });
});
