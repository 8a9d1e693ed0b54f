import { describe, expect, it } from 'vitest';
import { firstOverlap, overlapWarning, runSpan, type RunShape } from './schedule-overlap';

const hour = 3_600_000;
const t0 = Date.UTC(2026, 11, 7, 7, 0);
const oneHour: RunShape = { durationMinutes: 60, padBeforeSeconds: 0, padAfterSeconds: 0 };

describe('runSpan', () => {
  it('reaches from the early start to the end of "go on after"', () => {
    expect(
      runSpan({ durationMinutes: 60, padBeforeSeconds: 30, padAfterSeconds: 120 }, t0),
    ).toEqual({
      start: t0 - 30_000,
      end: t0 + hour + 120_000,
    });
  });
});

describe('firstOverlap', () => {
  it('finds the first run of the schedule that meets a run of another', () => {
    const mine = { shape: oneHour, runs: [t0 + 24 * hour, t0, t0 + 48 * hour] };
    const others = [
      { shape: oneHour, runs: [t0 + 24 * hour + 30 * 60_000], ref: 'special' },
      { shape: oneHour, runs: [t0 + 5 * hour], ref: 'evening' },
    ];
    expect(firstOverlap(mine, others)).toEqual({
      other: 'special',
      at: t0 + 24 * hour,
      otherAt: t0 + 24 * hour + 30 * 60_000,
    });
  });

  it('does not count runs that only touch (one ends as the other starts)', () => {
    const mine = { shape: oneHour, runs: [t0] };
    expect(firstOverlap(mine, [{ shape: oneHour, runs: [t0 + hour, t0 - hour], ref: 'x' }])).toBe(
      null,
    );
  });

  it('counts the pads: an early start that reaches into the previous run is an overlap', () => {
    const mine = { shape: { ...oneHour, padBeforeSeconds: 60 }, runs: [t0 + hour] };
    expect(firstOverlap(mine, [{ shape: oneHour, runs: [t0], ref: 'before' }])).toMatchObject({
      other: 'before',
    });
    const after = { shape: { ...oneHour, padAfterSeconds: 1 }, runs: [t0] };
    expect(firstOverlap(after, [{ shape: oneHour, runs: [t0 + hour], ref: 'next' }])).toMatchObject(
      { other: 'next', at: t0 },
    );
  });

  it('answers null without other schedules or runs', () => {
    expect(firstOverlap({ shape: oneHour, runs: [t0] }, [])).toBeNull();
    expect(
      firstOverlap({ shape: oneHour, runs: [] }, [{ shape: oneHour, runs: [t0], ref: 1 }]),
    ).toBeNull();
  });
});

describe('overlapWarning', () => {
  it('names the other schedule and the first time', () => {
    expect(overlapWarning('“Breakfast”', 'Mon 7 Dec, 07:30')).toBe(
      'Its runs overlap those of another schedule of this stream (“Breakfast”), first on Mon 7 Dec, 07:30: both would record the same audio, each in a recording slot.',
    );
  });
});
