import { formatWall, offsetChangesNear, type OffsetChange } from '../../contract/dst';

function hhmm(utcFields: number): string {
  const d = new Date(utcFields);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${p(d.getUTCHours())}:${p(d.getUTCMinutes())}`;
}

function describeChange(timeZone: string, change: OffsetChange): string {
  // the wall clock just before the change reads `from`; just after, `to`
  const from = hhmm(change.at + change.offsetBefore * 60_000);
  const to = hhmm(change.at + change.offsetAfter * 60_000);
  const day = formatWall(timeZone, change.at).slice(0, 10);
  if (change.offsetAfter > change.offsetBefore) {
    return (
      `on ${day} the clocks in ${timeZone} go forward from ${from} to ${to}, so times from ` +
      `${from} to ${to} do not exist that day: a fixed-time schedule in that gap runs once, at ` +
      `${to}; an interval schedule skips the missing times`
    );
  }
  return (
    `on ${day} the clocks in ${timeZone} go back from ${from} to ${to}, so times from ${to} to ` +
    `${from} happen twice that day: a fixed-time schedule runs once, on the first pass; an ` +
    `interval schedule runs on both passes`
  );
}

/**
 * One warning per run that falls in or next to a daylight-saving change of `timeZone` (within
 * the size of the shift, e.g. one hour, of the change): the skipped or repeated hour. Only the
 * hours around each run are looked at (shifts are at most 3 hours), so the cost grows with the
 * number of runs, not with the years between them.
 */
export function dstWarnings(timeZone: string, runs: readonly number[]): string[] {
  if (runs.length === 0) return [];
  const changes = offsetChangesNear(timeZone, runs, 3 * 3_600_000);
  const warnings: string[] = [];
  for (const run of runs) {
    const change = changes.find((c) => {
      const shift = Math.abs(c.offsetAfter - c.offsetBefore) * 60_000;
      return run >= c.at - shift && run <= c.at + shift;
    });
    if (!change) continue;
    warnings.push(
      `The run at ${formatWall(timeZone, run)} (${new Date(run).toISOString()}) is at a ` +
        `daylight-saving change: ${describeChange(timeZone, change)}.`,
    );
  }
  return warnings;
}
