import { describe, expect, it } from 'vitest';
import { computeGaps, coverageOf, mergeGaps } from './gaps';

const W = Date.UTC(2026, 10, 24, 6, 0, 0);
const iso = (ms: number) => new Date(W + ms).toISOString();

describe('coverageOf', () => {
  it('tiles the window: each part covers from the previous end (or the window start)', () => {
    const c = coverageOf(
      [{ endedAt: W + 3000 }, { endedAt: W + 8000 }, { endedAt: W + 10_000 }],
      W,
    );
    expect(c).toEqual([
      { coverStart: W, keepSeconds: 3 },
      { coverStart: W + 3000, keepSeconds: 5 },
      { coverStart: W + 8000, keepSeconds: 2 },
    ]);
  });

  it('gives nothing to a part that ended before the window opened', () => {
    const c = coverageOf([{ endedAt: W - 500 }, { endedAt: W + 4000 }], W);
    expect(c).toEqual([
      { coverStart: W, keepSeconds: -0.5 },
      { coverStart: W, keepSeconds: 4 },
    ]);
  });
});

describe('computeGaps', () => {
  it('finds no gap when the media fills every coverage (bursts make it longer)', () => {
    const gaps = computeGaps(
      [
        { endedAt: W + 3000, mediaSeconds: 7 },
        { endedAt: W + 8000, mediaSeconds: 5.2 },
      ],
      W,
      W + 8000,
    );
    expect(gaps).toEqual([]);
  });

  it('places a shortfall at the start of the coverage (where the outage was)', () => {
    const gaps = computeGaps(
      [
        { endedAt: W + 3000, mediaSeconds: 7 },
        { endedAt: W + 12_000, mediaSeconds: 4 },
      ],
      W,
      W + 12_000,
    );
    expect(gaps).toEqual([{ at: iso(3000), seconds: 5 }]);
  });

  it('records time after the last part, and the whole window without parts', () => {
    expect(computeGaps([{ endedAt: W + 6000, mediaSeconds: 9 }], W, W + 10_000)).toEqual([
      { at: iso(6000), seconds: 4 },
    ]);
    expect(computeGaps([], W, W + 10_000)).toEqual([{ at: iso(0), seconds: 10 }]);
  });

  it('a late first part leaves a gap at the window start', () => {
    expect(computeGaps([{ endedAt: W + 10_000, mediaSeconds: 8.5 }], W, W + 10_000)).toEqual([
      { at: iso(0), seconds: 1.5 },
    ]);
  });

  it('ignores shortfalls under half a second', () => {
    expect(computeGaps([{ endedAt: W + 10_000, mediaSeconds: 9.6 }], W, W + 10_000)).toEqual([]);
  });

  it('skips parts that ended before the window', () => {
    expect(
      computeGaps(
        [
          { endedAt: W - 1000, mediaSeconds: 3 },
          { endedAt: W + 5000, mediaSeconds: 6 },
        ],
        W,
        W + 5000,
      ),
    ).toEqual([]);
  });
});

describe('mergeGaps', () => {
  it('merges touching spans, sorts, and drops short ones after merging', () => {
    expect(
      mergeGaps([
        { start: W + 5000, end: W + 5300 },
        { start: W + 1000, end: W + 1300 },
        { start: W + 1320, end: W + 1600 },
        { start: W + 9000, end: W + 9100 },
        { start: W + 4000, end: W + 3000 },
      ]),
    ).toEqual([{ at: iso(1000), seconds: 0.6 }]);
  });
});

describe('losses inside a part', () => {
  it('shorten keepSeconds and become gaps where they happened', () => {
    const parts = [
      { endedAt: W + 12_000, mediaSeconds: 13, losses: [{ at: W + 4000, seconds: 3 }] },
    ];
    expect(coverageOf(parts, W)).toEqual([{ coverStart: W, keepSeconds: 9 }]);
    expect(computeGaps(parts, W, W + 12_000)).toEqual([{ at: iso(4000), seconds: 3 }]);
  });

  it('count only the part of a loss inside the coverage', () => {
    const parts = [
      { endedAt: W + 10_000, mediaSeconds: 20, losses: [{ at: W - 2000, seconds: 3 }] },
    ];
    expect(coverageOf(parts, W)).toEqual([{ coverStart: W, keepSeconds: 9 }]);
    expect(computeGaps(parts, W, W + 10_000)).toEqual([{ at: iso(0), seconds: 1 }]);
  });

  it('add up with shortfalls to the window', () => {
    const parts = [
      { endedAt: W + 5000, mediaSeconds: 8, losses: [{ at: W + 1000, seconds: 2 }] },
      { endedAt: W + 10_000, mediaSeconds: 3 },
    ];
    const gaps = computeGaps(parts, W, W + 10_000);
    expect(gaps).toEqual([
      { at: iso(1000), seconds: 2 },
      { at: iso(5000), seconds: 2 },
    ]);
    const kept = coverageOf(parts, W).reduce(
      (s, c, i) => s + Math.min(c.keepSeconds, parts[i]!.mediaSeconds),
      0,
    );
    expect(kept + gaps.reduce((s, g) => s + g.seconds, 0)).toBe(10);
  });
});
