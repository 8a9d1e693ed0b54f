import type { Clock } from '../ports/clock';

export type ProgressCallback = (bytes: number, totalBytes: number) => void;

export interface ProgressReporter {
  /** Bytes sent so far in the current try; never reported backwards (a fallback restarts at 0). */
  report(bytes: number): void;
  /** Reports totalBytes if that was not reported yet. */
  finish(): void;
}

/**
 * Turns an upload's raw progress into calls that only go forward and come at most every
 * `intervalMs` (except the first and the last), so that a 1 GB upload in 32 KiB steps does not
 * flood the event stream.
 */
export function createProgressReporter(
  callback: ProgressCallback | undefined,
  totalBytes: number,
  clock: Clock,
  intervalMs = 200,
): ProgressReporter {
  let reported = -1;
  let reportedAt = Number.NEGATIVE_INFINITY;
  const emit = (bytes: number) => {
    reported = bytes;
    reportedAt = clock.now();
    callback?.(bytes, totalBytes);
  };
  return {
    report(bytes) {
      const value = Math.min(Math.max(0, bytes), totalBytes);
      if (value <= reported) return;
      if (value < totalBytes && clock.now() - reportedAt < intervalMs) return;
      emit(value);
    },
    finish() {
      if (reported < totalBytes) emit(totalBytes);
    },
  };
}
