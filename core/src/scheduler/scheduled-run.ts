import { isAppError } from '../../contract';
import type { SessionRecord } from '../db/records';
import type { Clock } from '../ports/clock';
import type { Logger } from '../ports/logger';
import type { RecordingGate, StartedRun } from './recording-gate';
import { runWindow } from './run-window';
import { capital, scheduleWords, type ScheduleSpec } from './schedule-spec';

export interface ScheduledRunDeps {
  clock: Clock;
  logger: Logger;
  /** The recording slots: a run waits for one, then starts through the gate. */
  gate: Pick<RecordingGate, 'slots' | 'start'>;
  /** Lists a run that cannot record as missed (a FAILED session). */
  reportMissed(spec: ScheduleSpec, scheduledAt: number, reason: string): Promise<void>;
  /** Pause before retry number `attempt` (1, 2, ...). */
  retryDelayMs(attempt: number): number;
  /** A run (or retry) that would have less than this left of its window is not started. */
  minRemainingMs: number;
}

export interface Occurrence {
  spec: ScheduleSpec;
  scheduledAt: number;
  /** Why this run starts after its window opened (catch-up), for the session's log. */
  lateBecause?: string;
}

const seconds = (ms: number) => Math.max(0, Math.round(ms / 1000));

/** Sleeps until `until` on `clock` or until `signal` aborts; answers whether the time came. */
async function sleepUntil(clock: Clock, until: number, signal: AbortSignal): Promise<boolean> {
  try {
    await clock.sleep(until - clock.now(), signal);
    return true;
  } catch {
    return false;
  }
}

/**
 * One run of a schedule: takes a recording slot (waiting for one if all are busy, as long as its
 * window lasts), starts the session for the window — the recorder records what is left of it
 * when it starts late — and, when the session fails while the window still has time, tries
 * again for the rest of it, up to maxRetries times. A run that never gets to record is reported
 * missed. `current()` answers the schedule as it is now (null when paused or deleted: no more
 * retries); `signal` aborts waiting (shutdown), never a recording.
 */
export async function runOccurrence(
  deps: ScheduledRunDeps,
  occurrence: Occurrence,
  signal: AbortSignal,
  current: () => ScheduleSpec | null,
): Promise<void> {
  const { clock, logger } = deps;
  const { slots } = deps.gate;
  const { spec, scheduledAt } = occurrence;
  const { windowStart, windowEnd } = runWindow(spec, scheduledAt);
  const fullSeconds = seconds(windowEnd - windowStart);
  const attempts = spec.maxRetries + 1;

  for (let attempt = 1; attempt <= attempts; attempt++) {
    if (signal.aborted) return;
    const asked = clock.now();
    let lease = slots.tryAcquire();
    if (!lease) {
      logger.info(
        `All ${slots.capacity} recording slots are busy: the run of ${scheduleWords(spec)} waits for one (its window ends in ${Math.max(0, Math.round((windowEnd - asked) / 1000))} s).`,
      );
      const gaveUp = new AbortController();
      const stopWaiting = () => gaveUp.abort('stopped');
      signal.addEventListener('abort', stopWaiting, { once: true });
      const deadline = new AbortController();
      void sleepUntil(clock, windowEnd - deps.minRemainingMs, deadline.signal).then((due) => {
        if (due) gaveUp.abort('window');
      });
      try {
        lease = await slots.acquire(gaveUp.signal);
      } catch {
        if (signal.aborted) return;
        await deps.reportMissed(
          spec,
          scheduledAt,
          `no recording slot became free before its window ended (at most ${slots.capacity} recordings at once; see Settings).`,
        );
        return;
      } finally {
        deadline.abort();
        signal.removeEventListener('abort', stopWaiting);
      }
    }
    const startAt = clock.now();
    const waited = startAt - asked;
    if (windowEnd - startAt < deps.minRemainingMs) {
      lease.release();
      if (attempt === 1) {
        await deps.reportMissed(spec, scheduledAt, 'its window ended before it could start.');
      }
      return;
    }

    let run: StartedRun;
    try {
      const request = { streamId: spec.streamId, scheduleId: spec.id, windowStart, windowEnd };
      run = await deps.gate.start({ ...request, timeZone: spec.timeZone }, lease);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      logger.error(`The run of ${scheduleWords(spec)} could not start: ${message}`);
      if (isAppError(error) && (error.code === 'NOT_FOUND' || error.code === 'VALIDATION_FAILED')) {
        return;
      }
      if (!(await pauseBeforeRetry(deps, spec, attempt, attempts, windowEnd, signal, current))) {
        return;
      }
      continue;
    }
    const meta = { sessionId: run.session.id };
    const lateMs = startAt - windowStart;
    if (lateMs >= 1000) {
      const why = [
        occurrence.lateBecause && attempt === 1 ? occurrence.lateBecause : undefined,
        waited >= 1000 ? `waited ${seconds(waited)} s for a free recording slot` : undefined,
        attempt > 1 ? `attempt ${attempt} of ${attempts}` : undefined,
      ]
        .filter(Boolean)
        .join('; ');
      logger.info(
        `Started ${seconds(lateMs)} s after the window opened${why ? ` (${why})` : ''}; recording the remaining ${seconds(windowEnd - startAt)} s of the ${fullSeconds} s window.`,
        meta,
      );
    } else if (waited >= 1000) {
      logger.info(`Waited ${seconds(waited)} s for a free recording slot.`, meta);
    }

    const result = await run.done;
    if (result.status !== 'FAILED' || result.partial) return;
    if (
      !(await pauseBeforeRetry(deps, spec, attempt, attempts, windowEnd, signal, current, result))
    ) {
      return;
    }
  }
}

/** After failed attempt `attempt`: waits and answers true when another attempt should follow. */
async function pauseBeforeRetry(
  deps: ScheduledRunDeps,
  spec: ScheduleSpec,
  attempt: number,
  attempts: number,
  windowEnd: number,
  signal: AbortSignal,
  current: () => ScheduleSpec | null,
  failed?: SessionRecord,
): Promise<boolean> {
  const meta = failed ? { sessionId: failed.id } : undefined;
  if (signal.aborted) return false;
  if (!current()?.isActive) {
    deps.logger.info(
      `${capital(scheduleWords(spec))} was paused or deleted: the failed run is not retried.`,
      meta,
    );
    return false;
  }
  if (attempt >= attempts) {
    deps.logger.error(
      `The run of ${scheduleWords(spec)} failed ${attempts} time(s); no retries left (maxRetries ${spec.maxRetries}).`,
      meta,
    );
    return false;
  }
  const delay = deps.retryDelayMs(attempt);
  const left = windowEnd - deps.clock.now() - delay;
  if (left < deps.minRemainingMs) {
    deps.logger.warn(
      `The run of ${scheduleWords(spec)} failed with too little of its window left to try again.`,
      meta,
    );
    return false;
  }
  deps.logger.warn(
    `The run of ${scheduleWords(spec)} failed${failed?.errorMessage ? ` (${failed.errorMessage})` : ''}; trying again in ${seconds(delay)} s (attempt ${attempt + 1} of ${attempts}) for the remaining ${seconds(left)} s of its window.`,
    meta,
  );
  if (!(await sleepUntil(deps.clock, deps.clock.now() + delay, signal))) return false;
  if (!current()?.isActive) {
    deps.logger.info(
      `${capital(scheduleWords(spec))} was paused or deleted: the failed run is not retried.`,
      meta,
    );
    return false;
  }
  return true;
}
