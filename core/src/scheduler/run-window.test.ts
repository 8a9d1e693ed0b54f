import { describe, expect, it } from 'vitest';
import { fireTime, runWindow } from './run-window';

describe('runWindow', () => {
  it('widens the window by the pads and fires a lead before it opens', () => {
    const spec = { durationSeconds: 3600, padBeforeSeconds: 60, padAfterSeconds: 120 };
    const s = Date.parse('2026-11-24T06:00:00Z');
    expect(runWindow(spec, s)).toEqual({
      windowStart: s - 60_000,
      windowEnd: s + 3_720_000,
    });
    expect(fireTime(spec, s, 5000)).toBe(s - 65_000);
  });
});
