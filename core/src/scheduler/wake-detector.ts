import type { Clock } from '../ports/clock';
import type { Logger } from '../ports/logger';

export interface WakeDetectorOptions {
  /** How often to look at the wall clock (default 30 s). */
  checkMs?: number;
  /** A jump larger than this (either way) counts (default 60 s). */
  jumpMs?: number;
}

/**
 * Notices the computer waking from sleep (or the wall clock being set): timers do not run while
 * it sleeps, so a check due every `checkMs` sees the wall clock moved much further. Calls
 * `onJump(ms)` (positive: forward) and goes on until `signal` aborts.
 */
export function watchWallClock(
  clock: Clock,
  logger: Logger,
  onJump: (jumpMs: number) => void,
  signal: AbortSignal,
  options: WakeDetectorOptions = {},
): Promise<void> {
  const checkMs = options.checkMs ?? 30_000;
  const jumpMs = options.jumpMs ?? 60_000;
  return (async () => {
    let last = clock.now();
    while (!signal.aborted) {
      try {
        await clock.sleep(checkMs, signal);
      } catch {
        return;
      }
      const now = clock.now();
      const drift = now - last - checkMs;
      last = now;
      if (Math.abs(drift) <= jumpMs) continue;
      try {
        onJump(drift);
      } catch (error) {
        logger.error(`Handling a wall-clock jump failed: ${(error as Error).message}`);
      }
    }
  })();
}
