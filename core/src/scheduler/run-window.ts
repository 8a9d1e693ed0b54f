import type { ScheduleSpec } from './schedule-spec';

export interface RunWindow {
  /** Wall-clock ms: scheduled instant − padBefore. */
  windowStart: number;
  /** Wall-clock ms: scheduled instant + duration + padAfter. */
  windowEnd: number;
}

type Timing = Pick<ScheduleSpec, 'durationSeconds' | 'padBeforeSeconds' | 'padAfterSeconds'>;

/** The window a run of `spec` scheduled at `scheduledAt` records. */
export function runWindow(spec: Timing, scheduledAt: number): RunWindow {
  return {
    windowStart: scheduledAt - spec.padBeforeSeconds * 1000,
    windowEnd: scheduledAt + (spec.durationSeconds + spec.padAfterSeconds) * 1000,
  };
}

/**
 * When the scheduler starts a run: `leadMs` before its window opens, so that the session exists
 * and the recorder is waiting to connect (it connects ~2 s early) when the window opens.
 */
export function fireTime(spec: Timing, scheduledAt: number, leadMs: number): number {
  return runWindow(spec, scheduledAt).windowStart - leadMs;
}
