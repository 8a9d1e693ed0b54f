export interface FailureLimiterOptions {
  /** Failures in a row that cost nothing (typing mistakes). */
  freeFailures: number;
  /** The wait after the first failure past them; it doubles with each further failure. */
  firstDelayMs: number;
  /** The longest wait: an owner who shares the address gets in again after at most this. */
  maxDelayMs: number;
  /** A client's failures are forgotten after this long without a new one. */
  forgetAfterMs: number;
  now?: () => number;
  /** At most this many clients are tracked (oldest dropped): memory stays bounded. */
  maxClients?: number;
}

/** 5 free failures, then 1, 2, 4, 8, 16 s and 30 s per further failure; forgotten after 15 min. */
export const DEFAULT_FAILURE_LIMITS: FailureLimiterOptions = {
  freeFailures: 5,
  firstDelayMs: 1000,
  maxDelayMs: 30_000,
  forgetAfterMs: 15 * 60_000,
};

interface ClientFailures {
  count: number;
  last: number;
  /** No attempt is looked at before this time. */
  until: number;
}

/**
 * Counts failures (wrong passwords, wrong API keys) per client and makes the client wait a short,
 * growing delay between further attempts: brute force is slowed to a few guesses a minute, while
 * the owner sharing that client's address waits at most `maxDelayMs`. A success forgets the
 * client. The key is the client's address as the server sees it (the forwarded one behind a
 * trusted proxy, see TRUST_PROXY).
 */
export class FailureLimiter {
  private readonly clients = new Map<string, ClientFailures>();

  constructor(private readonly options: FailureLimiterOptions = DEFAULT_FAILURE_LIMITS) {}

  private now(): number {
    return (this.options.now ?? Date.now)();
  }

  private current(key: string): ClientFailures | undefined {
    const entry = this.clients.get(key);
    if (entry && this.now() - entry.last > this.options.forgetAfterMs) {
      this.clients.delete(key);
      return undefined;
    }
    return entry;
  }

  /** Seconds `key` must wait before its next attempt is looked at, or 0. */
  blockedForSeconds(key: string): number {
    const entry = this.current(key);
    const left = (entry?.until ?? 0) - this.now();
    return left > 0 ? Math.ceil(left / 1000) : 0;
  }

  recordFailure(key: string): void {
    const now = this.now();
    const entry = this.current(key) ?? { count: 0, last: now, until: 0 };
    entry.count += 1;
    entry.last = now;
    const past = entry.count - this.options.freeFailures;
    if (past > 0) {
      const delay = this.options.firstDelayMs * 2 ** Math.min(past - 1, 30);
      entry.until = now + Math.min(this.options.maxDelayMs, delay);
    }
    // most recently failed last, so the oldest are dropped first
    this.clients.delete(key);
    this.clients.set(key, entry);
    const max = this.options.maxClients ?? 10_000;
    while (this.clients.size > max) {
      const first = this.clients.keys().next().value;
      if (first === undefined) break;
      this.clients.delete(first);
    }
  }

  /** Forgets the failures of `key` (after a success). */
  reset(key: string): void {
    this.clients.delete(key);
  }
}
