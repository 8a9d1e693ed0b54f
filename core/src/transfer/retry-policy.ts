import type { ErrorCode } from '../../contract';

/** The first retry waits up to this long (30 s); each further failure doubles the ceiling. */
export const RETRY_BASE_DELAY_MS = 30_000;
/** No retry waits longer than an hour. */
export const RETRY_MAX_DELAY_MS = 60 * 60_000;
/** Floor of every delay, so that a random draw near 0 never turns into a tight loop. */
export const RETRY_MIN_DELAY_MS = 5_000;
/**
 * After this many failed attempts the transfer is FAILED (it can still be retried by hand).
 * With the values above the ceilings are 30 s, 1, 2, 4, 8, 16, 32 min, then 1 h: nine waits of
 * at most about 3 h 4 min in total (about half that on average).
 */
export const MAX_TRANSFER_ATTEMPTS = 10;

/**
 * Delay before the next attempt after `attempt` failures so far (1-based): exponential backoff
 * with "full jitter" (AWS architecture blog, "Exponential Backoff And Jitter"): a uniform draw
 * between 0 and min(cap, base · 2^(attempt−1)), floored at RETRY_MIN_DELAY_MS. The jitter spreads
 * the retries of many transfers that failed together (one destination down) over the window.
 */
export function nextRetryDelayMs(attempt: number, random: () => number = Math.random): number {
  const failures = Number.isFinite(attempt) ? Math.max(1, Math.floor(attempt)) : 1;
  // 2^(failures-1) overflows to Infinity for large counts; min() with the cap keeps it finite
  const ceiling = Math.min(RETRY_MAX_DELAY_MS, RETRY_BASE_DELAY_MS * 2 ** (failures - 1));
  const draw = Math.min(1, Math.max(0, random()));
  return Math.max(RETRY_MIN_DELAY_MS, Math.round(draw * ceiling));
}

/** True when `attempts` failures used up the automatic retries: the transfer becomes FAILED. */
export function attemptsExhausted(attempts: number, max = MAX_TRANSFER_ATTEMPTS): boolean {
  return attempts >= max;
}

/**
 * Whether an automatic retry can help. A changed host key needs a person (clear the pinned
 * fingerprint, or find out why it changed): retrying would only repeat the refusal. Everything
 * else (server down, auth fixed on the server side, disk full there) may clear up by itself.
 */
export function isWorthRetrying(code: ErrorCode): boolean {
  return code !== 'HOST_KEY_MISMATCH';
}
