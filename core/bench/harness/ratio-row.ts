// A row of the results table for seconds the app takes against a baseline, goal a ratio bound.
import { ratioOf } from './stats';
import { fmt, type Row } from './table';

/**
 * `app` seconds against `baseline` seconds (shown with `digits` after the point); the goal is at
 * most 1.10× the baseline, met only when the ratio could be taken.
 */
export function secondsWithin110(
  section: string,
  measure: string,
  app: number,
  baseline: number,
  digits: number,
): Row {
  const ratio = ratioOf(app, baseline);
  return {
    section,
    measure,
    app: fmt.seconds(app, digits),
    baseline: fmt.seconds(baseline, digits),
    ratio: fmt.ratio(ratio),
    goal: '≤ 1.10×',
    met: ratio !== undefined && ratio <= 1.1,
    values: { app, baseline, ratio, unit: 's' },
  };
}
