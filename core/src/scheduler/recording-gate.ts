import { AppError } from '../../contract';
import type { SessionRecord } from '../db/records';
import type { RunRequest } from '../pipeline/run-session';
import { RecordingSlots, type SlotLease } from './recording-slots';

/** A started session: at once; `recorded` settles when it stops recording, `done` when finished. */
export interface StartedRun {
  session: SessionRecord;
  /** Settles when the session stopped recording (PROCESSING or FAILED); without it, `done`. */
  recorded?: Promise<unknown>;
  done: Promise<SessionRecord>;
}

/** Starts a recording session (the pipeline's startSession). */
export type StartRun = (request: RunRequest) => Promise<StartedRun>;

/**
 * The one way a recording starts, for "record now" and the scheduler alike: a run holds one of
 * the recording slots (at most `limit()` at once) from its start until it stops recording, and
 * the slot is freed then (or when it could not start). Every run started here is tracked, so that
 * shutdown can wait for them (`idle()`).
 */
export class RecordingGate {
  readonly slots: RecordingSlots;
  private readonly running = new Set<Promise<unknown>>();

  constructor(
    private readonly startRun: StartRun,
    limit: () => number,
  ) {
    this.slots = new RecordingSlots(limit);
  }

  /**
   * A manual "record now": takes a free recording slot, or is refused (409 CONFLICT) when all are
   * busy or scheduled runs wait for one — it never waits, because the caller is answered at once.
   */
  async recordNow(request: RunRequest): Promise<StartedRun> {
    const lease = this.slots.tryAcquire();
    if (!lease) {
      const { capacity, inUse, waiting } = this.slots;
      const running = inUse === 1 ? '1 recording is running' : `${inUse} recordings are running`;
      const queued = waiting > 0 ? `; ${waiting} scheduled run(s) wait for one` : '';
      throw new AppError(
        'CONFLICT',
        `All ${capacity} recording slots are in use (${running}${queued}). Stop a recording or raise maxConcurrentRecordings in Settings.`,
      );
    }
    return this.start(request, lease);
  }

  /** Starts a run in the slot `lease` (taken from `slots`); the slot is freed when it stops recording. */
  async start(request: RunRequest, lease: SlotLease): Promise<StartedRun> {
    const starting = this.startRun(request);
    // tracked from the start: shutdown also waits for a run that is still starting
    const whole = starting.then((run) => run.done);
    this.running.add(whole);
    void whole.finally(() => this.running.delete(whole)).catch(() => undefined);
    let run: StartedRun;
    try {
      run = await starting;
    } catch (error) {
      lease.release();
      throw error;
    }
    const release = () => lease.release();
    (run.recorded ?? run.done).then(release, release);
    run.done.then(release, release);
    return run;
  }

  /** Settles when every run started so far has finished (a run starting meanwhile included). */
  async idle(): Promise<void> {
    while (this.running.size > 0) await Promise.allSettled([...this.running]);
  }
}
