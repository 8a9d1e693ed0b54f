import { AppError } from '../../contract';
import type { Database } from '../db/database';
import type { EventBus } from '../events/event-bus';
import type { SessionStore } from '../pipeline/session-store';
import type { Clock } from '../ports/clock';
import type { Logger } from '../ports/logger';
import type { RuntimeSettings } from '../settings/runtime-settings';
import { cronerCalendar, type CronCalendar } from '../../contract/cron/cron-calendar';
import { planDueRuns } from './due-runs';
import { describeRunTime, reportMissedRun } from './missed-runs';
import type { RecordingGate } from './recording-gate';
import type { RecordingSlots } from './recording-slots';
import { fireTime, runWindow } from './run-window';
import { turnTaker } from '../event-loop/turns';
import {
  capital,
  databaseScheduleSource,
  scheduleWords,
  type ScheduleSource,
  type ScheduleSpec,
} from './schedule-spec';
import type { SchedulerControl } from './scheduler-control';
import { runOccurrence, type ScheduledRunDeps } from './scheduled-run';
import { watchWallClock } from './wake-detector';

export interface SchedulerTuning {
  /** Start a run this long before its window opens (default 5 s; the recorder connects 2 s early). */
  leadMs?: number;
  /** Wall-clock check for waking from sleep: every `wakeCheckMs` (30 s), jumps > `wakeJumpMs` (60 s). */
  wakeCheckMs?: number;
  wakeJumpMs?: number;
  /** At most this many missed runs of one schedule are listed at once (default 10). */
  maxReportedMissed?: number;
  /** Missed runs are counted up to this many (default 1000). */
  missedCountCap?: number;
  /** Longest single timer (default 1 h; setTimeout cannot wait more than 24.8 days). */
  maxTimerMs?: number;
  /** Pause before retry number n (default 5 s × n, at most 30 s). */
  retryDelayMs?: (attempt: number) => number;
  /** A run or retry with less than this left of its window is not started (default 5 s). */
  minRemainingMs?: number;
}

export interface SchedulerDeps {
  db: Database;
  sessions: SessionStore;
  events: EventBus;
  clock: Clock;
  logger: Logger;
  runtime: Pick<RuntimeSettings, 'get' | 'onChange'>;
  /** The app's time zone (TZ): schedules without one use it. */
  timeZone: string;
  /** Where runs take a recording slot and start (shared with "record now"). */
  gate: RecordingGate;
  calendar?: CronCalendar;
  /** Where schedules come from (default: the database). */
  source?: ScheduleSource;
  tuning?: SchedulerTuning;
}

type Mode = 'start' | 'wake' | 'timer' | 'reload';

interface Job {
  spec: ScheduleSpec;
  /** Runs scheduled at or before this were dealt with (started, missed or skipped). */
  handledUpTo: number;
  /** The next scheduled instant, or null. */
  next: number | null;
  /** When the run at `next` is started (its window start − leadMs), or null. */
  fireAt: number | null;
  /** Jobs due at the same time are handled in this order (schedules created first, first). */
  seq: number;
}

interface InFlight {
  spec: ScheduleSpec;
  scheduledAt: number;
}

const MISSED_BECAUSE: Record<Mode, string> = {
  start: 'the app was not running at that time.',
  wake: 'the computer was asleep (or its clock jumped) at that time.',
  timer: 'it came due while the app could not act (the computer was asleep or overloaded).',
  reload: 'it came due while the app could not act.',
};

const LATE_BECAUSE: Partial<Record<Mode, string>> = {
  start: 'caught up after the app started',
  wake: 'caught up after the computer woke from sleep',
  timer: 'the timer fired late: was the computer asleep?',
};

/**
 * Runs the schedules: one job per active schedule holding its next run time (croner computes
 * the run times in the schedule's IANA zone; see CRON_OPTIONS for DST), and one timer for the
 * earliest job. A job fires `leadMs` before the run's window (scheduled time − padBefore …
 * + duration + padAfter) opens and starts the run through the shared recording slots; jobs due
 * together are handled in a stable order (oldest schedule first). Runs of one schedule never
 * overlap (croner's `protect`, done here: overlapping pads are fine). Runs that cannot record are
 * listed as missed (FAILED sessions, "Missed: ..."). Catches up at start and after the computer
 * wakes from sleep. Every job and run handles its own errors: nothing here rejects unobserved.
 *
 * Why not croner's own timers: a croner job fires at the scheduled instant, but a run must start
 * padBefore + a few seconds earlier so that the first audio byte is on disk at the scheduled
 * instant; and one timer for all jobs keeps simultaneous runs in a stable order.
 */
export class Scheduler implements SchedulerControl {
  private readonly calendar: CronCalendar;
  private readonly source: ScheduleSource;
  private readonly leadMs: number;
  private readonly maxTimerMs: number;
  private readonly jobs = new Map<string, Job>();
  private readonly inFlight = new Map<string, Set<InFlight>>();
  private readonly background = new Set<Promise<unknown>>();
  private readonly lifetime = new AbortController();
  private readonly runDeps: ScheduledRunDeps;
  private state: 'new' | 'running' | 'stopped' = 'new';
  private seq = 0;
  /** The one timer, set for the earliest fireAt of all jobs. */
  private timer: { at: number; abort: AbortController } | null = null;
  private unsubscribe: (() => void) | undefined;
  /** Counts re-reads of single schedules; changedAt: the count at each schedule's last one. */
  private changes = 0;
  private readonly changedAt = new Map<string, number>();

  constructor(private readonly deps: SchedulerDeps) {
    const t = deps.tuning ?? {};
    this.calendar = deps.calendar ?? cronerCalendar;
    this.source = deps.source ?? databaseScheduleSource(deps.db, deps.timeZone);
    this.leadMs = t.leadMs ?? 5000;
    this.maxTimerMs = t.maxTimerMs ?? 3_600_000;
    this.runDeps = {
      clock: deps.clock,
      logger: deps.logger,
      gate: deps.gate,
      reportMissed: async (spec, scheduledAt, reason) => {
        await this.reportMissed(spec, scheduledAt, reason);
      },
      retryDelayMs: t.retryDelayMs ?? ((n) => Math.min(5000 * n, 30_000)),
      minRemainingMs: t.minRemainingMs ?? 5000,
    };
  }

  /** The recording slots runs wait for (the gate's). */
  get slots(): RecordingSlots {
    return this.deps.gate.slots;
  }

  private get tuning(): SchedulerTuning {
    return this.deps.tuning ?? {};
  }

  /** Arms every active schedule, catches up on open and missed runs, watches for wake-ups. */
  async start(): Promise<void> {
    if (this.state !== 'new') return;
    this.state = 'running';
    this.unsubscribe = this.deps.runtime.onChange(() => this.slots.pump());
    const specs = await this.source.active();
    for (const spec of specs) {
      const job = this.newJob(spec, baseline(spec));
      this.jobs.set(spec.id, job);
      this.process(job, 'start');
    }
    this.armTimer();
    void watchWallClock(
      this.deps.clock,
      this.deps.logger,
      (jumpMs) => this.onClockJump(jumpMs),
      this.lifetime.signal,
      { checkMs: this.tuning.wakeCheckMs, jumpMs: this.tuning.wakeJumpMs },
    ).catch((error: unknown) => this.fail('The wake-up watch', error));
    this.deps.logger.info(`Scheduler started with ${specs.length} active schedule(s).`);
  }

  /** No more runs, retries or waiting; recordings in progress go on (the core stops those). */
  async stop(): Promise<void> {
    if (this.state === 'stopped') return;
    this.state = 'stopped';
    this.lifetime.abort(new AppError('CONFLICT', 'The scheduler stopped.'));
    this.timer?.abort.abort();
    this.timer = null;
    this.jobs.clear();
    this.slots.rejectAll();
    this.unsubscribe?.();
  }

  /** Settles when the runs and reports started so far have ended (for tests and shutdown). */
  async idle(): Promise<void> {
    while (this.background.size > 0) await Promise.allSettled([...this.background]);
  }

  /**
   * Re-reads one schedule, or all (after a restore). Reading all can mean thousands of
   * schedules, each some cron arithmetic: the event loop gets a turn between them, and a schedule
   * re-read on its own meanwhile (it changed) keeps that newer reading.
   */
  async reload(scheduleId?: string): Promise<void> {
    if (this.state !== 'running') return;
    if (scheduleId === undefined) {
      const since = this.changes;
      const changed = (id: string) => (this.changedAt.get(id) ?? 0) > since;
      const specs = await this.source.active();
      if (this.state !== 'running') return;
      const ids = new Set(specs.map((s) => s.id));
      for (const id of [...this.jobs.keys()]) {
        if (!ids.has(id) && !changed(id)) this.remove(id, false);
      }
      const turn = turnTaker();
      for (const spec of specs) {
        await turn();
        if (this.state !== 'running') return;
        if (!changed(spec.id)) this.upsert(spec, false);
      }
      for (const [id, at] of this.changedAt) if (at <= since) this.changedAt.delete(id);
      this.armTimer();
      return;
    }
    this.changedAt.set(scheduleId, ++this.changes);
    const spec = await this.source.get(scheduleId);
    if (!spec || !spec.isActive) this.remove(scheduleId);
    else this.upsert(spec);
  }

  nextRunTime(scheduleId: string): string | null {
    const next = this.jobs.get(scheduleId)?.next;
    return next === null || next === undefined ? null : new Date(next).toISOString();
  }

  /** (Re)arms one job; `arm` false: the caller arms the timer once after many. */
  private upsert(spec: ScheduleSpec, arm = true): void {
    const old = this.jobs.get(spec.id);
    const job = this.newJob(spec, Math.max(old?.handledUpTo ?? -Infinity, baseline(spec)));
    if (old) job.seq = old.seq;
    this.jobs.set(spec.id, job);
    this.process(job, 'reload');
    if (arm) this.armTimer();
  }

  private newJob(spec: ScheduleSpec, handledUpTo: number): Job {
    return { spec, handledUpTo, next: null, fireAt: null, seq: this.seq++ };
  }

  private remove(id: string, arm = true): void {
    const job = this.jobs.get(id);
    if (!job) return;
    this.jobs.delete(id);
    if (arm) this.armTimer();
    this.deps.logger.info(
      `${capital(scheduleWords(job.spec))} is paused or deleted: no more runs are planned.`,
    );
  }

  private onClockJump(jumpMs: number): void {
    if (this.state !== 'running') return;
    this.deps.logger.info(
      `The wall clock jumped ${jumpMs > 0 ? 'forward' : 'back'} by ${Math.round(Math.abs(jumpMs) / 1000)} s${jumpMs > 0 ? ' (woke from sleep?)' : ''}: checking the schedules again.`,
    );
    for (const job of this.ordered([...this.jobs.values()])) {
      this.process(job, jumpMs > 0 ? 'wake' : 'timer');
    }
    this.armTimer(true);
  }

  private ordered(jobs: Job[]): Job[] {
    return jobs.sort((a, b) => (a.fireAt ?? 0) - (b.fireAt ?? 0) || a.seq - b.seq);
  }

  /** Deals with every run of `job` that came due, then finds its next run (call armTimer after). */
  private process(job: Job, mode: Mode): void {
    if (this.state !== 'running' || this.jobs.get(job.spec.id) !== job) return;
    const { spec } = job;
    try {
      const now = this.deps.clock.now();
      const plan = planDueRuns(this.calendar, spec, job.handledUpTo, now, {
        leadMs: this.leadMs,
        maxReported: this.tuning.maxReportedMissed ?? 10,
        countCap: this.tuning.missedCountCap ?? 1000,
        reopenLatest: mode === 'start' || mode === 'wake',
      });
      job.handledUpTo = plan.handledUpTo;
      if (plan.missedTotal > plan.missed.length) {
        this.deps.logger.warn(
          `${capital(scheduleWords(spec))} missed ${plan.missedCapped ? 'more than ' : ''}${plan.missedTotal} runs: ${MISSED_BECAUSE[mode]} The last ${plan.missed.length} are listed as missed sessions.`,
        );
      }
      const missed = [
        ...plan.missed.map((s) => [s, MISSED_BECAUSE[mode]] as const),
        ...plan.superseded.map(
          (s) =>
            [
              s,
              'a later run of the same schedule was due at the same time; runs of one schedule do not overlap.',
            ] as const,
        ),
      ];
      if (missed.length > 0) {
        this.track(
          (async () => {
            for (const [s, reason] of missed) await this.reportMissed(spec, s, reason);
          })(),
        );
      }
      if (plan.start !== null) this.launch(spec, plan.start, plan.reopened, mode, now);
      this.arm(job);
    } catch (error) {
      job.next = null;
      job.fireAt = null;
      this.fail(
        `${capital(scheduleWords(spec))} (${spec.cronExpression}, ${spec.timeZone})`,
        error,
      );
    }
  }

  private arm(job: Job): void {
    const { spec } = job;
    const next = this.calendar.next(spec.cronExpression, spec.timeZone, job.handledUpTo);
    job.next = next;
    job.fireAt = next === null ? null : fireTime(spec, next, this.leadMs);
  }

  /**
   * (Re)sets the one timer for the earliest job. When it fires, every job due by then is handled,
   * in order, so runs due at the same time take the recording slots in a stable order.
   */
  private armTimer(force = false): void {
    if (this.state !== 'running') return;
    const times = [...this.jobs.values()].flatMap((j) => (j.fireAt === null ? [] : [j.fireAt]));
    const at = times.length > 0 ? Math.min(...times) : null;
    if (!force && this.timer && this.timer.at === at) return;
    this.timer?.abort.abort();
    this.timer = null;
    if (at === null) return;
    const abort = new AbortController();
    const timer = { at, abort };
    this.timer = timer;
    const { clock } = this.deps;
    void (async () => {
      // in steps: a timer cannot wait longer than 24.8 days, and the wall clock may be set
      for (let wait = at - clock.now(); wait > 0; wait = at - clock.now()) {
        await clock.sleep(Math.min(wait, this.maxTimerMs), abort.signal);
      }
      if (abort.signal.aborted) return;
      this.timer = null;
      const now = clock.now();
      const due = [...this.jobs.values()].filter((j) => j.fireAt !== null && j.fireAt <= now);
      for (const job of this.ordered(due)) this.process(job, 'timer');
      this.armTimer();
    })().catch((error: unknown) => {
      if (abort.signal.aborted) return;
      this.fail('The scheduler timer', error);
      if (this.timer === timer) this.timer = null;
      this.armTimer();
    });
  }

  /** Starts the run of `spec` scheduled at `scheduledAt`, unless one like it is under way. */
  private launch(
    spec: ScheduleSpec,
    scheduledAt: number,
    reopened: boolean,
    mode: Mode,
    now: number,
  ): void {
    const running = this.inFlight.get(spec.id) ?? new Set<InFlight>();
    if ([...running].some((r) => r.scheduledAt === scheduledAt)) return;
    const previous = [...running].find(
      (r) =>
        r.scheduledAt < scheduledAt && r.scheduledAt + r.spec.durationSeconds * 1000 > scheduledAt,
    );
    if (previous) {
      this.track(
        this.reportMissed(
          spec,
          scheduledAt,
          `the previous run (planned for ${describeRunTime(spec, previous.scheduledAt)}) is still recording; runs of one schedule do not overlap (its duration is longer than the time between its runs).`,
        ),
      );
      return;
    }
    const entry: InFlight = { spec, scheduledAt };
    running.add(entry);
    this.inFlight.set(spec.id, running);
    const { windowStart } = runWindow(spec, scheduledAt);
    const lateBecause = windowStart < now ? LATE_BECAUSE[mode] : undefined;
    this.track(
      (async () => {
        if (reopened && (await this.alreadyRecorded(spec, scheduledAt, mode))) return;
        await this.source
          .markRun(spec.id, scheduledAt)
          .catch((error: unknown) => this.fail(`Noting the run of ${scheduleWords(spec)}`, error));
        this.deps.logger.info(
          `${capital(scheduleWords(spec))}: starting the run planned for ${describeRunTime(spec, scheduledAt)}.`,
        );
        await runOccurrence(
          this.runDeps,
          { spec, scheduledAt, lateBecause },
          this.lifetime.signal,
          () => this.jobs.get(spec.id)?.spec ?? null,
        );
      })()
        .catch((error: unknown) => this.fail(`The run of ${scheduleWords(spec)}`, error))
        .finally(() => {
          running.delete(entry);
          if (running.size === 0 && this.inFlight.get(spec.id) === running) {
            this.inFlight.delete(spec.id);
          }
        }),
    );
  }

  /**
   * Catch-up only: was the window of this run recorded already? After waking, by a session that
   * finished; after a start, by one that reached the window's end (a session cut off by a crash
   * is not enough: the rest of the window is recorded again).
   */
  private async alreadyRecorded(
    spec: ScheduleSpec,
    scheduledAt: number,
    mode: Mode,
  ): Promise<boolean> {
    const { windowStart, windowEnd } = runWindow(spec, scheduledAt);
    const rows = await this.deps.sessions.ofScheduleBetween(spec.id, windowStart, windowEnd, [
      'COMPLETED',
      'PROCESSING',
    ]);
    if (mode === 'wake') return rows.length > 0;
    // recorded to its end, or stopped by the user (who does not want the rest after a restart)
    return rows.some(
      (r) =>
        (r.endTime !== null && Date.parse(r.endTime) >= windowEnd - 1000) ||
        r.stopReason === 'user',
    );
  }

  private async reportMissed(spec: ScheduleSpec, scheduledAt: number, reason: string) {
    try {
      await reportMissedRun(this.deps, spec, scheduledAt, reason);
    } catch (error) {
      this.fail(
        `Listing the missed run of ${scheduleWords(spec)} (${describeRunTime(spec, scheduledAt)})`,
        error,
      );
    }
  }

  private track(promise: Promise<unknown>): void {
    const p = promise.catch((error: unknown) => this.fail('A scheduler task', error));
    this.background.add(p);
    void p.finally(() => this.background.delete(p));
  }

  private fail(what: string, error: unknown): void {
    const message = error instanceof Error ? error.message : String(error);
    this.deps.logger.error(`${what} failed: ${message}`);
  }
}

/** Runs scheduled at or before this are not due: the last run, or the last change by the user. */
function baseline(spec: ScheduleSpec): number {
  return Math.max(spec.lastRunTime ?? -Infinity, spec.updatedAt);
}
