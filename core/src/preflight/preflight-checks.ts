import { isPreflightOn } from '../../contract/preflight';
import type { Clock } from '../ports/clock';
import type { Logger } from '../ports/logger';
import { scheduleWords, type ScheduleSpec } from '../scheduler/schedule-spec';
import { turnTaker } from '../event-loop/turns';
import { planChecksInTurns, type PlannedCheck } from './plan';
import type { PreflightPorts } from './ports';
import { checkRun } from './run-check';
import { defaultCalendar, isRunOf, type NextRunTime } from './upcoming-runs';

export interface PreflightOptions {
  ports: PreflightPorts;
  clock: Clock;
  logger: Logger;
  /** The app's time zone (TZ): alerts tell start times in it. */
  timeZone: string;
  /** The setting `preflightMinutes` (0: off), read at every planning pass. */
  minutes(): number;
  calendar?: NextRunTime;
  /** Checks made at the same time (default 2): each probe is an ffprobe, each test an SSH login. */
  concurrency?: number;
  /**
   * Longest single wait (default 60 s): after the computer slept through a check time, the check
   * is made within this long of waking, if its run has not started yet.
   */
  maxTimerMs?: number;
}

/**
 * Pre-flight checks: `preflightMinutes` before each scheduled run starts recording (its window
 * start), the stream's URLs are probed and its destination is tested; a failure is one
 * `preflight.failed` alert. Each run (schedule id + scheduled instant) is checked once; a run
 * whose check time passed but whose recording has not started (the app started late, the
 * schedule was just made) is checked at once. One timer, for the earliest check ahead.
 */
export class PreflightChecks {
  private state: 'new' | 'running' | 'stopped' = 'new';
  private specs: readonly ScheduleSpec[] = [];
  /** Runs checked (or being checked): key → window start, forgotten once the window opened. */
  private readonly checked = new Map<string, number>();
  private readonly queue: PlannedCheck[] = [];
  private readonly running = new Set<Promise<void>>();
  private timer: AbortController | null = null;
  private readings = 0;
  private passes = 0;
  private wasOn: boolean | undefined;
  private readonly reported = new Set<string>();
  private readonly calendar: NextRunTime;
  private readonly concurrency: number;
  private readonly maxTimerMs: number;

  constructor(private readonly options: PreflightOptions) {
    this.calendar = options.calendar ?? defaultCalendar;
    this.concurrency = Math.max(1, options.concurrency ?? 2);
    this.maxTimerMs = Math.max(1000, options.maxTimerMs ?? 60_000);
  }

  /** Reads the schedules and plans; runs whose check is due are checked at once. */
  async start(): Promise<void> {
    if (this.state !== 'new') return;
    this.state = 'running';
    await this.replan();
  }

  /**
   * Reads the schedules again and plans anew: call it when a schedule was created, changed,
   * paused or deleted (or all were restored) and when `preflightMinutes` changed. Runs already
   * checked are not checked again; a moved run is a new run.
   */
  async replan(): Promise<void> {
    if (this.state !== 'running') return;
    const reading = ++this.readings;
    let specs: readonly ScheduleSpec[];
    try {
      specs = await this.options.ports.schedules();
    } catch (error) {
      this.options.logger.error(
        `Pre-flight: the schedules could not be read (${error instanceof Error ? error.message : String(error)}); planning with the ones read before.`,
      );
      if (reading === this.readings) await this.pass();
      return;
    }
    if (this.state !== 'running' || reading !== this.readings) return; // a newer reading wins
    this.specs = specs;
    await this.pass();
  }

  /** Clears the timer and drops the checks not begun; resolves when the running ones ended. */
  async stop(): Promise<void> {
    if (this.state === 'stopped') return;
    this.state = 'stopped';
    this.disarm();
    this.queue.length = 0;
    await Promise.allSettled([...this.running]);
  }

  /** Resolves when no check is waiting or running (for tests). */
  async idle(): Promise<void> {
    while (this.running.size > 0) await Promise.allSettled([...this.running]);
  }

  /** True while the timer is set (for tests). */
  get armed(): boolean {
    return this.timer !== null;
  }

  /** Plans anew (a newer pass, begun while this one computes, wins) and arms the timer. */
  private async pass(): Promise<void> {
    this.disarm();
    if (this.state !== 'running') return;
    const pass = ++this.passes;
    const { clock, logger } = this.options;
    const now = clock.now();
    for (const [key, windowStart] of this.checked) {
      if (windowStart <= now) this.checked.delete(key);
    }
    const minutes = this.options.minutes();
    const on = isPreflightOn(minutes);
    if (on !== this.wasOn) {
      logger.info(
        on
          ? `Pre-flight checks are made ${minutes} minute(s) before each scheduled recording.`
          : 'Pre-flight checks are off (preflightMinutes is 0).',
      );
      this.wasOn = on;
    }
    if (!on) return;
    const plan = await planChecksInTurns(
      this.specs,
      now,
      minutes * 60_000,
      new Set(this.checked.keys()),
      this.calendar,
      turnTaker(),
    );
    if (this.state !== 'running' || pass !== this.passes) return;
    for (const { scheduleId, message } of plan.errors) {
      const key = `${scheduleId}\n${message}`;
      if (this.reported.has(key)) continue;
      this.reported.add(key);
      const spec = this.specs.find((s) => s.id === scheduleId);
      const which = spec ? scheduleWords(spec) : 'a schedule';
      logger.warn(`Pre-flight: the runs of ${which} cannot be computed: ${message}`);
    }
    for (const check of plan.due) {
      this.checked.set(check.key, check.run.windowStart);
      this.queue.push(check);
    }
    this.pump();
    if (plan.nextCheckAt === null) return;
    const wait = plan.nextCheckAt - clock.now();
    this.arm(Math.max(0, Math.min(wait, this.maxTimerMs)));
  }

  private pump(): void {
    while (this.state === 'running' && this.running.size < this.concurrency) {
      const check = this.queue.shift();
      if (!check) return;
      const done: Promise<void> = checkRun(check, {
        ports: this.options.ports,
        clock: this.options.clock,
        logger: this.options.logger,
        timeZone: this.options.timeZone,
        stillPlanned: (c) => this.stillPlanned(c),
      })
        .catch((error: unknown) =>
          this.options.logger.error(
            `Pre-flight: a check failed unexpectedly: ${error instanceof Error ? error.message : String(error)}`,
          ),
        )
        .finally(() => {
          this.running.delete(done);
          this.pump();
        });
      this.running.add(done);
    }
  }

  /** The run's schedule is still active, records the same stream and still runs then. */
  private stillPlanned(check: PlannedCheck): boolean {
    if (this.state !== 'running') return false;
    const spec = this.specs.find((s) => s.id === check.spec.id);
    if (!spec?.isActive || spec.streamId !== check.spec.streamId) return false;
    if (!isPreflightOn(this.options.minutes())) return false;
    return isRunOf(spec, check.run.scheduledAt, this.calendar);
  }

  private arm(delayMs: number): void {
    const abort = new AbortController();
    this.timer = abort;
    this.options.clock.sleep(delayMs, abort.signal).then(
      () => {
        if (this.timer !== abort) return;
        this.timer = null;
        this.pass().catch((error: unknown) =>
          this.options.logger.error(
            `Pre-flight: a planning pass failed: ${error instanceof Error ? error.message : String(error)}`,
          ),
        );
      },
      () => undefined, // disarmed
    );
  }

  private disarm(): void {
    this.timer?.abort();
    this.timer = null;
  }
}
