// THE rule on schedules of one stream whose runs overlap (issue 15): two schedules of the same
// stream that record at the same time make two recordings of the same audio, each taking a slot.
// That is allowed (a special on top of the daily show may be meant) but warned about: the
// schedule editor shows the warning before saving, and the server logs it when a schedule is
// saved. A schedule's runs overlapping *themselves* is another rule, refused when saved
// (`core/contract/cron/run-interval.ts`).
//
// Pure: the run times are given (the server computes them with its calendar, the editor has them
// from the server's previews), so the rule needs no cron library.

/** How long a run takes, and its pads. */
export interface RunShape {
  durationMinutes: number;
  padBeforeSeconds: number;
  padAfterSeconds: number;
}

/** A schedule's planned runs (scheduled instants in ms, any order) with what it is. */
export interface PlannedRuns<T> {
  shape: RunShape;
  runs: readonly number[];
  ref: T;
}

/** Where a run of the schedule being checked meets a run of another. */
export interface RunOverlap<T> {
  /** The other schedule. */
  other: T;
  /** The scheduled instant of the checked schedule's run. */
  at: number;
  /** The scheduled instant of the other schedule's run. */
  otherAt: number;
}

/** How far ahead the server looks for overlaps (the editor looks as far as its previews go). */
export const OVERLAP_HORIZON_MS = 7 * 24 * 3_600_000;

/** The wall-clock span a run records: from its early start to the end of its "go on after". */
export function runSpan(shape: RunShape, at: number): { start: number; end: number } {
  return {
    start: at - shape.padBeforeSeconds * 1000,
    end: at + shape.durationMinutes * 60_000 + shape.padAfterSeconds * 1000,
  };
}

/**
 * The earliest run of `mine` whose span overlaps a run of one of `others` (spans that only touch,
 * one ending when the other starts, do not overlap), or null. Callers pass only the *other active*
 * schedules of the same stream.
 */
export function firstOverlap<T>(
  mine: { shape: RunShape; runs: readonly number[] },
  others: readonly PlannedRuns<T>[],
): RunOverlap<T> | null {
  const sorted = [...mine.runs].sort((a, b) => a - b);
  for (const at of sorted) {
    const a = runSpan(mine.shape, at);
    let best: RunOverlap<T> | null = null;
    for (const other of others) {
      for (const otherAt of other.runs) {
        const b = runSpan(other.shape, otherAt);
        if (a.start < b.end && b.start < a.end && (!best || otherAt < best.otherAt)) {
          best = { other: other.ref, at, otherAt };
        }
      }
    }
    if (best) return best;
  }
  return null;
}

/**
 * The warning in words: `other` names the other schedule ("“Breakfast”" or "daily at 07:00"),
 * `when` the first run that overlaps, as the reader's clock says it ("Mon 7 Dec, 07:30").
 */
export function overlapWarning(other: string, when: string): string {
  return `Its runs overlap those of another schedule of this stream (${other}), first on ${when}: both would record the same audio, each in a recording slot.`;
}
