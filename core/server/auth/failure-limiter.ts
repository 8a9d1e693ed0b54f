/**
 * Counts failures (wrong passwords, wrong API keys) per client in a sliding window. Once a client
 * has `maxFailures` in the window, it is blocked until the oldest of them leaves the window. With
 * the defaults, the 10th attempt after 9 failures within a minute is refused (429).
 */
export class FailureLimiter {
  private readonly failures = new Map<string, number[]>();

  constructor(
    private readonly options: {
      maxFailures: number;
      windowMs: number;
      now?: () => number;
      /** At most this many clients are tracked (oldest dropped): memory stays bounded. */
      maxClients?: number;
    } = { maxFailures: 9, windowMs: 60_000 },
  ) {}

  private now(): number {
    return (this.options.now ?? Date.now)();
  }

  private recent(key: string): number[] {
    const since = this.now() - this.options.windowMs;
    const kept = (this.failures.get(key) ?? []).filter((t) => t > since);
    if (kept.length) this.failures.set(key, kept);
    else this.failures.delete(key);
    return kept;
  }

  /** Seconds until `key` may try again, or 0 when it is not blocked. */
  blockedForSeconds(key: string): number {
    const recent = this.recent(key);
    if (recent.length < this.options.maxFailures) return 0;
    const oldest = recent[recent.length - this.options.maxFailures]!;
    return Math.max(1, Math.ceil((oldest + this.options.windowMs - this.now()) / 1000));
  }

  recordFailure(key: string): void {
    const recent = this.recent(key);
    recent.push(this.now());
    this.failures.delete(key);
    this.failures.set(key, recent.slice(-this.options.maxFailures));
    const max = this.options.maxClients ?? 10_000;
    while (this.failures.size > max) {
      const first = this.failures.keys().next().value;
      if (first === undefined) break;
      this.failures.delete(first);
    }
  }

  /** Forgets the failures of `key` (after a success). */
  reset(key: string): void {
    this.failures.delete(key);
  }
}
