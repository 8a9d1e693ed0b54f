export interface AlertBackoffOptions {
  /** The wait after the first failed attempt (default 30 s); it doubles with each further one. */
  baseMs?: number;
  /** The longest wait (default 15 min). */
  maxMs?: number;
}

export const ALERT_RETRY_BASE_MS = 30_000;
export const ALERT_RETRY_MAX_MS = 15 * 60_000;

/** How long to wait after `failures` failed attempts (1, 2, ...): 30 s, 1 min, 2 min ... 15 min. */
export function alertRetryDelayMs(failures: number, options: AlertBackoffOptions = {}): number {
  const base = options.baseMs ?? ALERT_RETRY_BASE_MS;
  const max = options.maxMs ?? ALERT_RETRY_MAX_MS;
  const exponent = Math.min(Math.max(0, failures - 1), 30);
  return Math.min(max, base * 2 ** exponent);
}
