import { describe, expect, it } from 'vitest';
import { MAX_HEAD_BYTES, parseResponseHead } from './response-head';

describe('parseResponseHead', () => {
  it("accepts Shoutcast's ICY status line and LF-only heads", () => {
    const raw = Buffer.from('ICY 200 OK\nicy-metaint:8192\nContent-Type: audio/mpeg\n\nAUDIO');
    const head = parseResponseHead(raw);
    if (head === 'incomplete') throw new Error('incomplete');
    expect(head.protocol).toBe('ICY');
    expect(head.status).toBe(200);
    expect(head.headers.get('icy-metaint')).toBe('8192');
    expect(raw.subarray(head.bodyOffset).toString()).toBe('AUDIO');
  });

  it('reads an HTTP head and waits for its end', () => {
    const text = 'HTTP/1.0 302 Found\r\nLocation: /live\r\n\r\n';
    expect(parseResponseHead(Buffer.from(text.slice(0, 20)))).toBe('incomplete');
    const head = parseResponseHead(Buffer.from(text));
    expect(head).toMatchObject({ protocol: 'HTTP/1.0', status: 302, bodyOffset: text.length });
  });

  it('refuses what is not HTTP, and endless heads', () => {
    expect(() => parseResponseHead(Buffer.from('SSH-2.0-OpenSSH\r\n'))).toThrow('not HTTP');
    expect(() => parseResponseHead(Buffer.from('HTTP/1.1 2000\r\n\r\n'))).toThrow('not HTTP');
    const big = Buffer.from('HTTP/1.1 200 OK\r\n' + 'x: y\r\n'.repeat(MAX_HEAD_BYTES / 4));
    expect(() => parseResponseHead(big)).toThrow('no end');
  });
});
