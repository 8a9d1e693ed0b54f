import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  becameDeadAir,
  DEFAULT_DEAD_AIR_SECONDS,
  DEFAULT_SILENCE_THRESHOLD_DB,
  deadAirSecondsField,
  isDeadAir,
  placeSilences,
  silenceMinSeconds,
  silenceSummary,
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

describe('placeSilences', () => {
  const start = '2026-11-24T06:00:00.000Z';
  it('places a silence at the window start plus its offset when there are no gaps', () => {
    expect(placeSilences([{ at: 1500, seconds: 480 }], start, [])).toEqual([
      { at: '2026-11-24T06:25:00.000Z', seconds: 480 },
    ]);
  });

  it('adds the gaps that came before it, not those after', () => {
    const gaps = [
      { at: '2026-11-24T06:00:00.000Z', seconds: 30 }, // a late start
      { at: '2026-11-24T06:10:00.000Z', seconds: 60 }, // an outage
      { at: '2026-11-24T06:50:00.000Z', seconds: 120 },
    ];
    // 100 s of audio: after the first gap; 600 s: 570 s of audio before the outage, then 30 s
    expect(
      placeSilences(
        [
          { at: 100, seconds: 20 },
          { at: 600, seconds: 70.5 },
        ],
        start,
        gaps,
      ),
    ).toEqual([
      { at: '2026-11-24T06:02:10.000Z', seconds: 20 },
      { at: '2026-11-24T06:11:30.000Z', seconds: 70.5 },
    ]);
  });

  it('a silence right where a gap begins is placed after the gap (the audio resumes there)', () => {
    const gaps = [{ at: '2026-11-24T06:01:00.000Z', seconds: 10 }];
    expect(placeSilences([{ at: 60, seconds: 5 }], start, gaps)).toEqual([
      { at: '2026-11-24T06:01:10.000Z', seconds: 5 },
    ]);
  });
});

describe('silenceSummary and becameDeadAir', () => {
  it('totals the silences against the window, and finds the longest (the first of equals)', () => {
    const session = {
      startTime: '2026-11-24T06:00:00.000Z',
      endTime: '2026-11-24T07:00:00.000Z',
      plannedDurationSeconds: 3600,
      silences: [
        { at: '2026-11-24T06:10:00.000Z', seconds: 90 },
        { at: '2026-11-24T06:20:00.000Z', seconds: 300 },
        { at: '2026-11-24T06:40:00.000Z', seconds: 300 },
      ],
    };
    expect(silenceSummary(session)).toEqual({
      totalSeconds: 690,
      windowSeconds: 3600,
      percent: 19,
      longest: { at: '2026-11-24T06:20:00.000Z', seconds: 300 },
    });
    expect(
      silenceSummary({ ...session, endTime: null, plannedDurationSeconds: 7200 }),
    ).toMatchObject({
      windowSeconds: 7200,
      percent: 10,
    });
    expect(silenceSummary({ ...session, silences: [] })).toMatchObject({
      totalSeconds: 0,
      percent: 0,
      longest: null,
    });
  });

  it('dead air is told when a known session becomes dead air, once', () => {
    expect(becameDeadAir({ deadAir: false }, { deadAir: true })).toBe(true);
    expect(becameDeadAir({ deadAir: true }, { deadAir: true })).toBe(false);
    expect(becameDeadAir(undefined, { deadAir: true })).toBe(false);
    expect(becameDeadAir({ deadAir: false }, { deadAir: false })).toBe(false);
  });
});
