import { describe, expect, it } from 'vitest';
import { dueAt, loopbackAddresses } from './load';

describe('open-loop schedule', () => {
  it('spaces requests evenly at the rate', () => {
    expect(dueAt(0, 500)).toBe(0);
    expect(dueAt(1, 500)).toBe(2);
    expect(dueAt(500, 500)).toBe(1000);
  });

  it('uses enough loopback source addresses to stay under a per-address limit', () => {
    expect(loopbackAddresses(200, 500)).toEqual(['127.0.0.2']);
    expect(loopbackAddresses(10_000, 500)).toHaveLength(20);
    expect(loopbackAddresses(10_001, 500).at(-1)).toBe('127.0.0.22');
    expect(() => loopbackAddresses(1_000_000, 10)).toThrow(/too many/);
  });
});
