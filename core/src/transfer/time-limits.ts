import type { Clock } from '../ports/clock';

/** A network call that did not finish (or made no progress) within its time limit. */
export class OperationTimeoutError extends Error {
  constructor(
    readonly operation: string,
    readonly ms: number,
  ) {
    super(`${operation} timed out after ${Math.round(ms / 100) / 10} s`);
    this.name = 'OperationTimeoutError';
  }
}

/**
 * Runs `start(touch)` and rejects with OperationTimeoutError when `touch` is not called for `ms`
 * (calls made by `start` count as progress). `onTimeout` runs first: it should tear the
 * connection down so that the abandoned call ends too. The work's own late result is ignored.
 */
export async function withStallTimeout<T>(
  start: (touch: () => void) => Promise<T>,
  ms: number,
  operation: string,
  clock: Clock,
  onTimeout?: () => void,
): Promise<T> {
  let last = clock.now();
  const touch = () => {
    last = clock.now();
  };
  const stop = new AbortController();
  const watchdog = (async (): Promise<never> => {
    for (;;) {
      const remaining = last + ms - clock.now();
      if (remaining <= 0) break;
      await clock.sleep(remaining, stop.signal);
    }
    onTimeout?.();
    throw new OperationTimeoutError(operation, ms);
  })();
  // once the work settled, the watchdog's sleep is aborted: that rejection means nothing
  watchdog.catch(() => undefined);
  try {
    return await Promise.race([start(touch), watchdog]);
  } finally {
    stop.abort();
  }
}

/** `work` bounded by `ms`, as withStallTimeout without progress. */
export function withTimeout<T>(
  work: Promise<T>,
  ms: number,
  operation: string,
  clock: Clock,
  onTimeout?: () => void,
): Promise<T> {
  return withStallTimeout(() => work, ms, operation, clock, onTimeout);
}
