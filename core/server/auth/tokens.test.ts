import { describe, expect, it } from 'vitest';
import { randomToken, safeEqual, sha256 } from './tokens';

describe('tokens', () => {
  it('compares secrets exactly, whatever their lengths', () => {
    expect(safeEqual('abc', 'abc')).toBe(true);
    expect(safeEqual('abc', 'abd')).toBe(false);
    expect(safeEqual('abc', 'abcd')).toBe(false);
    expect(safeEqual('', 'abc')).toBe(false);
  });

  it('makes random url-safe tokens and stable hashes', () => {
    expect(randomToken()).not.toBe(randomToken());
    expect(randomToken(32)).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(sha256('x')).toBe(sha256('x'));
    expect(sha256('x')).not.toBe(sha256('y'));
  });
});
