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
  /** Releases the timer (always call it, also after the window ended). */
  dispose(): void;
}

/**
 * The wall-clock deadline of a recording window. Only the clock decides when the window is over,
 * never ffmpeg's media time; an abort of `signal` ("stop now") ends it early.
 */
export function startWindowTimer(
  clock: Clock,
  windowEnd: number,
  signal?: AbortSignal,
): WindowTimer {
  const over = new AbortController();
  const timerCancel = new AbortController();
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
        await clock.sleep(Math.min(WINDOW_CHECK_MS, windowEnd - clock.now()), timerCancel.signal);
      }
      finish('end');
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
