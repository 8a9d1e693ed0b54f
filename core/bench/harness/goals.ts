// "By how much": one line for each row whose goal was missed, printed under the results table.
import type { Row } from './table';

/** `≤ 0.50×`, `≤ 3× cp`, `close to cp (≤ 2×)`, `≥ 0.80×`: the bound of a ratio goal, or undefined for other goals. */
export function ratioGoal(goal: string): { op: '≤' | '≥'; bound: number } | undefined {
  const m = /(≤|≥)\s*(\d+(?:\.\d+)?)×/.exec(goal);
  return m ? { op: m[1] as '≤' | '≥', bound: Number(m[2]) } : undefined;
}

/**
 * How far a missed row is from its goal: for a ratio goal `0.62× against ≤ 0.50×: 1.24 times
 * the goal (24 % over)`; otherwise what was measured against the goal. Undefined when the row met
 * its goal or has none.
 */
export function missedBy(row: Row): string | undefined {
  if (row.met !== false) return undefined;
  const goal = ratioGoal(row.goal);
  const ratio = row.values?.ratio;
  if (!goal || ratio === undefined || !Number.isFinite(ratio)) {
    return `${row.measure}: ${row.app} against ${row.goal}`;
  }
  const times = goal.op === '≤' ? ratio / goal.bound : goal.bound / ratio;
  const pct = Math.round((times - 1) * 100);
  const side = goal.op === '≤' ? 'over' : 'under';
  return (
    `${row.measure}: ${ratio.toFixed(2)}× against ${row.goal}: ` +
    `${times.toFixed(2)} times the goal (${pct} % ${side})`
  );
}

/** The "Goals missed" lines for a table (empty when every goal was met). */
export function missedLines(rows: readonly Row[]): string[] {
  return rows.map(missedBy).filter((l): l is string => l !== undefined);
}
