import { describe, expect, it } from 'vitest';
import { serializeJson } from './json-serializer';

describe('serializeJson', () => {
  it('escapes markup characters so a stored <script> stays data', () => {
    const value = { name: '<script>alert("x")</script> & \u2028' };
    const text = serializeJson(value);
    expect(text).not.toMatch(/[<>&\u2028]/);
    expect(text).toContain('\\u003cscript\\u003e');
    expect(JSON.parse(text)).toEqual(value);
  });

  it('serializes undefined as null', () => {
    expect(serializeJson(undefined)).toBe('null');
  });
});
