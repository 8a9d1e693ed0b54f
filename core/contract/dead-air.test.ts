import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  DEFAULT_DEAD_AIR_SECONDS,
  DEFAULT_SILENCE_THRESHOLD_DB,
  deadAirSecondsField,
  isDeadAir,
  silenceMinSeconds,
  silenceThresholdDbField,
  silentSeconds,
} from './dead-air';

const schema = z.object({
  silenceThresholdDb: silenceThresholdDbField,
  deadAirSeconds: deadAirSecondsField,
});

function issues(value: unknown) {
  const r = schema.safeParse(value);
  return r.success ? [] : r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
}

describe('dead-air fields', () => {
  it('default to -50 dB and 60 s', () => {
    expect(schema.parse({})).toEqual({
      silenceThresholdDb: DEFAULT_SILENCE_THRESHOLD_DB,
      deadAirSeconds: DEFAULT_DEAD_AIR_SECONDS,
    });
    expect(DEFAULT_SILENCE_THRESHOLD_DB).toBe(-50);
    expect(DEFAULT_DEAD_AIR_SECONDS).toBe(60);
  });

  it('accept the bounds and 0 (off)', () => {
    expect(schema.parse({ silenceThresholdDb: -90, deadAirSeconds: 0 })).toEqual({
      silenceThresholdDb: -90,
      deadAirSeconds: 0,
    });
    expect(schema.parse({ silenceThresholdDb: -10, deadAirSeconds: 3600 })).toEqual({
      silenceThresholdDb: -10,
      deadAirSeconds: 3600,
    });
  });

  it('refuse values out of range, fractions and text, naming the field', () => {
    expect(issues({ silenceThresholdDb: -91 })).toEqual([
      'silenceThresholdDb: must be at least -90 dB',
    ]);
    expect(issues({ silenceThresholdDb: -9 })).toEqual([
      'silenceThresholdDb: must be at most -10 dB',
    ]);
    expect(issues({ silenceThresholdDb: -50.5 })).toEqual([
      'silenceThresholdDb: must be a whole number of dB',
    ]);
    expect(issues({ deadAirSeconds: -1 })).toEqual(['deadAirSeconds: must be 0 (off) or more']);
    expect(issues({ deadAirSeconds: 3601 })).toEqual([
      'deadAirSeconds: must be at most 3600 seconds',
    ]);
    expect(issues({ deadAirSeconds: '60' })).toEqual([
      'deadAirSeconds: must be a number (seconds)',
    ]);
  });
});

describe('dead-air rule', () => {
  const silences = [
    { at: 10, seconds: 12 },
    { at: 100, seconds: 59.99 },
  ];

  it('is dead air when a silence reaches deadAirSeconds, never when off', () => {
    expect(isDeadAir(silences, 60)).toBe(false);
    expect(isDeadAir([...silences, { at: 300, seconds: 60 }], 60)).toBe(true);
    expect(isDeadAir(silences, 12)).toBe(true);
    expect(isDeadAir(silences, 0)).toBe(false);
    expect(isDeadAir([], 60)).toBe(false);
  });

  it('lists silences from 10 s, or from deadAirSeconds when shorter; none when off', () => {
    expect(silenceMinSeconds(60)).toBe(10);
    expect(silenceMinSeconds(5)).toBe(5);
    expect(silenceMinSeconds(0)).toBe(0);
  });

  it('adds up the silent seconds', () => {
    expect(silentSeconds(silences)).toBeCloseTo(71.99, 5);
    expect(silentSeconds([])).toBe(0);
  });
});
