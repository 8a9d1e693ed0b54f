// Test-only: a results-table row for the harness tests, with `over` changed.
import type { Row } from './table';

/** Section `s`, measure `m`, app `1` against baseline `2`, no goal, and `over`. */
export function testRow(over: Partial<Row>): Row {
  return {
    section: 's',
    measure: 'm',
    app: '1',
    baseline: '2',
    ratio: '—',
    goal: '—',
    met: null,
    ...over,
  };
}
