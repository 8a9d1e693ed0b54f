import { describe, expect, it } from 'vitest';
import { fastest, median, percentile, ratioOf, summarize } from './stats';

describe('percentile (nearest rank)', () => {
  const hundred = Array.from({ length: 100 }, (_, i) => i + 1); // 1..100

  it('returns measured values: p50, p95, p99, p100 of 1..100', () => {
    expect(percentile(hundred, 50)).toBe(50);
    expect(percentile(hundred, 95)).toBe(95);
    expect(percentile(hundred, 99)).toBe(99);
    expect(percentile(hundred, 100)).toBe(100);
  });

  it('does not depend on the input order and does not sort the input', () => {
    const shuffled = [5, 1, 4, 2, 3];
    expect(percentile(shuffled, 50)).toBe(3);
    expect(shuffled).toEqual([5, 1, 4, 2, 3]);
  });

  it('p99 of 1000 values is the 990th smallest', () => {
    const thousand = Array.from({ length: 1000 }, (_, i) => 1000 - i);
    expect(percentile(thousand, 99)).toBe(990);
  });

  it('small samples: p95 of 20 values is the 19th, of 2 values the larger', () => {
    const twenty = Array.from({ length: 20 }, (_, i) => i + 1);
    expect(percentile(twenty, 95)).toBe(19);
    expect(percentile([3, 7], 95)).toBe(7);
    expect(percentile([3, 7], 50)).toBe(3);
    expect(percentile([42], 1)).toBe(42);
  });

  it('handles negative values (early starts) and ignores NaN', () => {
    expect(percentile([-1.3, -1.2, Number.NaN, -1.5], 50)).toBe(-1.3);
  });

  it('NaN for no values; refuses p outside (0, 100]', () => {
    expect(percentile([], 50)).toBeNaN();
    expect(() => percentile([1], 0)).toThrow(RangeError);
    expect(() => percentile([1], 101)).toThrow(RangeError);
  });
});

describe('summarize, median, ratioOf', () => {
  it('summarizes', () => {
    expect(summarize([4, 1, 3, 2])).toEqual({
      count: 4,
      min: 1,
      p50: 2,
      p95: 4,
      p99: 4,
      max: 4,
      mean: 2.5,
    });
    expect(summarize([]).count).toBe(0);
    expect(summarize([]).mean).toBeNaN();
    expect(median([9, 1, 5])).toBe(5);
  });

  it('ratio of app to baseline, undefined when the baseline is not positive', () => {
    expect(ratioOf(11, 10)).toBeCloseTo(1.1);
    expect(ratioOf(1, 0)).toBeUndefined();
    expect(ratioOf(Number.NaN, 1)).toBeUndefined();
    expect(ratioOf(-1, 1)).toBeUndefined();
  });
});

describe('fastest', () => {
  it('picks the run with the least wall time, the first of equals', () => {
    const runs = [
      { id: 'a', wallSeconds: 3 },
      { id: 'b', wallSeconds: 1 },
      { id: 'c', wallSeconds: 1 },
    ];
    expect(fastest(runs).id).toBe('b');
    expect(fastest([runs[0]!]).id).toBe('a');
  });
});
