import { describe, expect, it } from 'vitest';
import { assertNetworkUrl, protocolWhitelist, sourceFamily } from './url-policy';

describe('assertNetworkUrl', () => {
  it.each([
    ['http://radio.example.com/live.mp3', 'http://radio.example.com/live.mp3'],
    [
      'https://radio.example.com:8443/hls/live.m3u8?token=a',
      'https://radio.example.com:8443/hls/live.m3u8?token=a',
    ],
    ['  HTTP://Radio.Example.com/x  ', 'http://radio.example.com/x'],
    ['icecast://radio.example.com:8000/live', 'http://radio.example.com:8000/live'],
    ['icy://radio.example.com:8000/', 'http://radio.example.com:8000/'],
    ['rtmp://media.example.com/live/stream', 'rtmp://media.example.com/live/stream'],
    ['rtmps://media.example.com/live/stream', 'rtmps://media.example.com/live/stream'],
    ['rtsp://cam.example.com:554/audio', 'rtsp://cam.example.com:554/audio'],
    ['rtsps://cam.example.com/audio', 'rtsps://cam.example.com/audio'],
  ])('accepts %s', (input, expected) => {
    expect(assertNetworkUrl(input)).toBe(expected);
  });

  it.each([
    'file:///etc/passwd',
    'FILE:/etc/passwd',
    'concat:http://a/x.mp3|file:/etc/passwd',
    'pipe:0',
    'data:audio/mpeg;base64,AAAA',
    'subfile:,start,0,end,10,:/etc/passwd',
    'crypto:http://a/x',
    'crypto+http://a/x',
    'async:http://a/x',
    'cache:http://a/x',
    'hls+http://a/x.m3u8',
    'tcp://a:80',
    'udp://a:1234',
    'ftp://a/x.mp3',
    'sftp://a/x.mp3',
    'gopher://a/',
    'javascript:alert(1)',
  ])('refuses %s with UNSUPPORTED_URL_SCHEME', (input) => {
    expect(() => assertNetworkUrl(input, 'fallbackUrls.1')).toThrowError(
      expect.objectContaining({ code: 'UNSUPPORTED_URL_SCHEME', field: 'fallbackUrls.1' }),
    );
  });

  it.each([
    ['', /empty/],
    ['   ', /empty/],
    ['/etc/passwd', /needs a scheme/],
    ['radio.example.com/live', /needs a scheme/],
    ['-i', /needs a scheme/],
    ['http://exa mple.com/', /spaces or control/],
    ['http://example.com/\nx', /spaces or control/],
    ['http://', /not a valid URL/],
    [`http://a/${'x'.repeat(5000)}`, /longer than/],
  ])('refuses %j with INVALID_URL', (input, message) => {
    expect(() => assertNetworkUrl(input)).toThrowError(
      expect.objectContaining({
        code: 'INVALID_URL',
        field: 'streamUrl',
        message: expect.stringMatching(message),
      }),
    );
  });

  it('refuses non-string input as INVALID_URL', () => {
    expect(() => assertNetworkUrl(undefined as unknown as string)).toThrowError(
      expect.objectContaining({ code: 'INVALID_URL' }),
    );
  });
});

describe('protocolWhitelist', () => {
  it('allows only network protocols, per family', () => {
    expect(protocolWhitelist('http://a/x')).toBe('http,https,tls,tcp,crypto,httpproxy');
    expect(protocolWhitelist('https://a/x.m3u8')).toBe('http,https,tls,tcp,crypto,httpproxy');
    expect(protocolWhitelist('rtmp://a/live/x')).toBe('rtmp,rtmps,tls,tcp');
    expect(protocolWhitelist('rtmps://a/live/x')).toBe('rtmp,rtmps,tls,tcp');
    expect(protocolWhitelist('rtsp://a/x')).toBe('rtp,srtp,udp,tcp,tls,http,https');
    for (const url of ['http://a/', 'rtmp://a/', 'rtsp://a/']) {
      const list = protocolWhitelist(url).split(',');
      for (const local of ['file', 'pipe', 'concat', 'data', 'subfile', 'async', 'cache', 'fd']) {
        expect(list).not.toContain(local);
      }
    }
  });

  it('refuses what the policy refuses', () => {
    expect(() => protocolWhitelist('file:///x')).toThrowError(
      expect.objectContaining({ code: 'UNSUPPORTED_URL_SCHEME' }),
    );
    expect(sourceFamily('RTSP://a/')).toBe('rtsp');
  });
});
