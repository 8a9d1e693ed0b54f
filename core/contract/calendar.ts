// THE rule on which upcoming runs clash, for the calendar view, its iCalendar feed and anyone
// else who lists runs side by side. Pure: runs in, the same runs with their clashes out.

/** An upcoming run: when its window opens and closes (wall-clock ms). */
export interface PlannedRun {
  scheduleId: string;
  streamId: string;
  /** The cron time of the run (ms). */
  scheduledAt: number;
  /** The window's start (scheduledAt − pad before), ms. */
  start: number;
  /** The window's end (scheduledAt + duration + pad after), ms. */
  end: number;
}

/** A run with what it clashes with. */
export interface PlannedRunWithClashes extends PlannedRun {
  /** Another run of the same stream overlaps this one (two recordings of one station). */
  sameStreamClash: boolean;
  /**
   * At some moment of this run's window more runs would record than the recording limit allows:
   * the later ones wait for a slot (and lose the start of their window).
   */
  overLimit: boolean;
}

/** Windows that touch end-to-start (one ends at 10:00, the next starts at 10:00) do not clash. */
function overlaps(a: PlannedRun, b: PlannedRun): boolean {
  return a.start < b.end && b.start < a.end;
}

/**
 * Marks each run's clashes: same-stream overlaps, and the runs that are open together at a moment
 * when more than `maxConcurrent` are. Runs come back in start order (ties by scheduleId).
 * A sweep over the starts: each run is compared only with the runs still open when it starts.
 */
export function markClashes(
  runs: readonly PlannedRun[],
  maxConcurrent: number,
): PlannedRunWithClashes[] {
  const sorted = [...runs]
    .sort((a, b) => a.start - b.start || a.scheduleId.localeCompare(b.scheduleId))
    .map((run) => ({ ...run, sameStreamClash: false, overLimit: false }));
  let open: PlannedRunWithClashes[] = [];
  for (const run of sorted) {
    open = open.filter((other) => overlaps(other, run));
    for (const other of open) {
      if (other.streamId === run.streamId) {
        other.sameStreamClash = true;
        run.sameStreamClash = true;
      }
    }
    open.push(run);
    if (open.length > maxConcurrent) {
      for (const other of open) other.overLimit = true;
    }
  }
  return sorted;
}
