// Pure statistics for the benchmarks: percentiles (nearest rank), summaries and ratios.

export interface Summary {
  count: number;
  min: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  mean: number;
}

/**
 * The p-th percentile (0 < p <= 100) by the nearest-rank method: the smallest value such that at
 * least p % of the values are at or below it (p99 of 1000 values is the 990th smallest). NaN
 * for no values. Latency reports use nearest rank: it is always a value that was measured.
 */
export function percentile(values: readonly number[], p: number): number {
  if (!(p > 0 && p <= 100)) throw new RangeError(`percentile must be in (0, 100], got ${p}`);
  const finite = values.filter((v) => Number.isFinite(v));
  if (finite.length === 0) return Number.NaN;
  const sorted = [...finite].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1]!;
}

/** count, min, p50, p95, p99, max and mean of the finite values (NaN fields when none). */
export function summarize(values: readonly number[]): Summary {
  const finite = values.filter((v) => Number.isFinite(v));
  const n = finite.length;
  return {
    count: n,
    min: n ? Math.min(...finite) : Number.NaN,
    p50: percentile(finite, 50),
    p95: percentile(finite, 95),
    p99: percentile(finite, 99),
    max: n ? Math.max(...finite) : Number.NaN,
    mean: n ? finite.reduce((a, b) => a + b, 0) / n : Number.NaN,
  };
}

/** The run with the least wall time (the first of equals); there must be one. */
export function fastest<T extends { wallSeconds: number }>(runs: readonly T[]): T {
  return runs.reduce((a, b) => (b.wallSeconds < a.wallSeconds ? b : a));
}

/** app / baseline, or undefined when either is not a positive finite number. */
export function ratioOf(app: number, baseline: number): number | undefined {
  if (!Number.isFinite(app) || !Number.isFinite(baseline) || baseline <= 0 || app < 0) {
    return undefined;
  }
  return app / baseline;
}

/** The median of the values (nearest rank), NaN for none. */
export function median(values: readonly number[]): number {
  return percentile(values, 50);
}
