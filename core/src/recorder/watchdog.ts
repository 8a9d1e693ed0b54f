import type { Clock } from '../ports/clock';

/** How often the shared watchdog looks at the parts it watches. */
export const WATCH_INTERVAL_MS = 250;

/** One watched part: looks at it at `now`; true when it needs no more looks. */
export type WatchCheck = (now: number) => boolean;

/**
 * One timer for every running part of a clock (ffmpeg or native): every `intervalMs` it calls
 * each watched part's check, instead of one timer per recording. The timer runs only while
 * something is watched, so nothing is left behind once the last part ended.
 */
export class Watchdog {
  private readonly checks = new Set<WatchCheck>();
  private running = false;
  /** Ends the current wait when the last part is no longer watched. */
  private idle = new AbortController();

  constructor(
    private readonly clock: Clock,
    readonly intervalMs = WATCH_INTERVAL_MS,
  ) {}

  /** How many parts are watched now. */
  get size(): number {
    return this.checks.size;
  }

  /** Watches until `check` answers true or the returned function is called. */
  watch(check: WatchCheck): () => void {
    this.checks.add(check);
    if (!this.running) void this.loop();
    return () => {
      this.checks.delete(check);
      if (this.checks.size === 0) this.idle.abort();
    };
  }

  private async loop(): Promise<void> {
    this.running = true;
    try {
      while (this.checks.size > 0) {
        if (this.idle.signal.aborted) this.idle = new AbortController();
        const slept = await this.clock.sleep(this.intervalMs, this.idle.signal).then(
          () => true,
          () => false,
        );
        // woken because nothing is watched any more (unless a part came since)
        if (!slept) continue;
        const now = this.clock.now();
        for (const check of [...this.checks]) {
          if (this.checks.has(check) && check(now)) this.checks.delete(check);
        }
      }
    } finally {
      this.running = false;
    }
  }
}

const shared = new WeakMap<Clock, Watchdog>();

/** The one watchdog of `clock` (the system clock's serves every recording of the process). */
export function watchdogFor(clock: Clock): Watchdog {
  let dog = shared.get(clock);
  if (!dog) {
    dog = new Watchdog(clock);
    shared.set(clock, dog);
  }
  return dog;
}
