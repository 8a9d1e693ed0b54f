import type { Clock } from '../ports/clock';

/** How a recording window ended. */
/** The longest single wait of the window timer. */
const WINDOW_CHECK_MS = 2000;

export type WindowEnd = 'end' | 'abort';

export interface WindowTimer {
  /** Aborts when the window is over: at `windowEnd` by the clock, or when `signal` aborts. */
  readonly signal: AbortSignal;
  /** Resolves with the reason once the window is over. */
  readonly ended: Promise<WindowEnd>;
  /** Wall-clock ms at which the window ended (undefined while it runs). */
  readonly endedAt: number | undefined;
  readonly reason: WindowEnd | undefined;
  /** The window's end as it stands (wall-clock ms). */
  readonly windowEnd: number;
  /**
   * Moves the window's end (a manual run's window follows its audio): later or earlier; an end
   * already past ends the window now, dated at that end. No effect once the window is over.
   */
  moveEnd(windowEnd: number): void;
  /** Releases the timer (always call it, also after the window ended). */
  dispose(): void;
}

/**
 * The wall-clock deadline of a recording window. Only the clock decides when the window is over,
 * never ffmpeg's media time; an abort of `signal` ("stop now") ends it early.
 */
export function startWindowTimer(
  clock: Clock,
  initialEnd: number,
  signal?: AbortSignal,
): WindowTimer {
  const over = new AbortController();
  const timerCancel = new AbortController();
  let windowEnd = initialEnd;
  // ends the current wait: the end moved, or the timer is released
  let wake = new AbortController();
  timerCancel.signal.addEventListener('abort', () => wake.abort(), { once: true });
  let endedAt: number | undefined;
  let reason: WindowEnd | undefined;
  let resolveEnded!: (r: WindowEnd) => void;
  const ended = new Promise<WindowEnd>((r) => (resolveEnded = r));
  const finish = (why: WindowEnd) => {
    if (reason) return;
    reason = why;
    endedAt = why === 'end' ? windowEnd : Math.min(clock.now(), windowEnd);
    timerCancel.abort();
    signal?.removeEventListener('abort', onAbort);
    over.abort(why);
    resolveEnded(why);
  };
  const onAbort = () => finish('abort');
  if (signal?.aborted) finish('abort');
  else {
    signal?.addEventListener('abort', onAbort, { once: true });
    // in steps, re-reading the wall clock: timers stand still while a computer sleeps, and a
    // run must never outlive its window when it wakes
    void (async () => {
      while (clock.now() < windowEnd) {
        if (timerCancel.signal.aborted) return;
        wake = new AbortController();
        await clock
          .sleep(Math.min(WINDOW_CHECK_MS, windowEnd - clock.now()), wake.signal)
          .catch(() => undefined);
      }
      if (!timerCancel.signal.aborted) finish('end');
    })().catch(() => undefined);
  }
  return {
    signal: over.signal,
    ended,
    get endedAt() {
      return endedAt;
    },
    get reason() {
      return reason;
    },
    get windowEnd() {
      return windowEnd;
    },
    moveEnd(end: number) {
      if (reason) return;
      windowEnd = end;
      wake.abort();
    },
    dispose() {
      timerCancel.abort();
      signal?.removeEventListener('abort', onAbort);
    },
  };
}

/** Sleeps `ms` on `clock`, returning early (without throwing) when `signal` aborts. */
export async function sleepUnlessAborted(
  clock: Clock,
  ms: number,
  signal: AbortSignal,
): Promise<void> {
  if (ms <= 0 || signal.aborted) return;
  await clock.sleep(ms, signal).catch(() => undefined);
}
