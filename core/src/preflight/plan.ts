import type { ScheduleSpec } from '../scheduler/schedule-spec';
import { defaultCalendar, upcomingRuns, type NextRunTime, type UpcomingRun } from './upcoming-runs';

/**
 * The most runs of one schedule looked at in one pass. Cron has minute precision and the lead is
 * at most 720 minutes, so no schedule has more runs due at once than this.
 */
export const MAX_RUNS_PER_SCHEDULE = 1000;

/** A run to check, with its schedule as it was when the check was planned. */
export interface PlannedCheck {
  /** Schedule id + scheduled instant: each run is checked once. */
  key: string;
  spec: ScheduleSpec;
  run: UpcomingRun;
}

export interface PreflightPlan {
  /** Runs whose check is due and not made yet, earliest start first. */
  due: PlannedCheck[];
  /** When the next check comes due (the earliest checkAt still ahead), or null. */
  nextCheckAt: number | null;
  /** Schedules whose run times could not be computed, with why. */
  errors: { scheduleId: string; message: string }[];
}

/** The key of one run: its schedule and its scheduled instant. */
export function runKey(scheduleId: string, scheduledAt: number): string {
  return `${scheduleId}@${new Date(scheduledAt).toISOString()}`;
}

/**
 * Which runs of `specs` need their check at `now`: those that have not started recording, whose
 * check time (window start − `leadMs`) has come — a run whose check time passed while the app was
 * not running is due at once — and whose key is not in `checked`. Pure.
 */
export function planChecks(
  specs: readonly ScheduleSpec[],
  now: number,
  leadMs: number,
  checked: ReadonlySet<string>,
  calendar: NextRunTime = defaultCalendar,
): PreflightPlan {
  const plan: PreflightPlan = { due: [], nextCheckAt: null, errors: [] };
  for (const spec of specs) addRunsOf(plan, spec, now, leadMs, checked, calendar);
  return sortedPlan(plan);
}

/**
 * `planChecks` with a turn of the event loop whenever `turn` says the budget is spent: each
 * schedule costs some cron arithmetic, and two thousand of them hold the loop for half a second.
 */
export async function planChecksInTurns(
  specs: readonly ScheduleSpec[],
  now: number,
  leadMs: number,
  checked: ReadonlySet<string>,
  calendar: NextRunTime,
  turn: () => Promise<void>,
): Promise<PreflightPlan> {
  const plan: PreflightPlan = { due: [], nextCheckAt: null, errors: [] };
  for (const spec of specs) {
    addRunsOf(plan, spec, now, leadMs, checked, calendar);
    await turn();
  }
  return sortedPlan(plan);
}

/** Adds the checks of one schedule's runs to `plan`. */
function addRunsOf(
  plan: PreflightPlan,
  spec: ScheduleSpec,
  now: number,
  leadMs: number,
  checked: ReadonlySet<string>,
  calendar: NextRunTime,
): void {
  if (!spec.isActive) return;
  let runs: UpcomingRun[];
  try {
    runs = upcomingRuns(spec, now, leadMs, MAX_RUNS_PER_SCHEDULE, calendar);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    plan.errors.push({ scheduleId: spec.id, message });
    return;
  }
  for (const run of runs) {
    if (run.checkAt > now) {
      plan.nextCheckAt = Math.min(plan.nextCheckAt ?? Infinity, run.checkAt);
      continue;
    }
    const key = runKey(spec.id, run.scheduledAt);
    if (!checked.has(key)) plan.due.push({ key, spec, run });
  }
}

function sortedPlan(plan: PreflightPlan): PreflightPlan {
  plan.due.sort((a, b) => a.run.windowStart - b.run.windowStart || a.key.localeCompare(b.key));
  return plan;
}
