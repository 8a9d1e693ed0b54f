export interface RetryPolicyOptions {
  /** First delay after a failed attempt (default 500 ms); it doubles with each further failure. */
  baseDelayMs?: number;
  /** Upper bound of the delay (default 10 s). */
  maxDelayMs?: number;
  /** Consecutive failures on one URL before moving to the next (default 3). */
  maxFailuresPerUrl?: number;
}

export interface RetryDecision {
  /** Index (into the URL list) of the URL to try next. */
  urlIndex: number;
  /** How long to wait before that try. */
  delayMs: number;
  /** True when this decision moved to another URL (a failover, or back to the primary). */
  switched: boolean;
  /** True when the move went past the last URL back to the first. */
  wrapped: boolean;
}

/**
 * Reconnect and failover decisions for one recording window. Exponential backoff per URL
 * (0.5 s, 1 s, 2 s, ... capped), reset by a part that ran well; after `maxFailuresPerUrl`
 * consecutive failures on a URL it moves to the next (quickly), wrapping around to the primary;
 * every full round without success doubles the starting delay of the next round.
 */
export class RetryPolicy {
  private index = 0;
  private failuresOnUrl = 0;
  private rounds = 0;
  private readonly base: number;
  private readonly max: number;
  private readonly perUrl: number;

  constructor(
    private readonly urlCount: number,
    options: RetryPolicyOptions = {},
  ) {
    if (urlCount < 1) throw new Error('RetryPolicy needs at least one URL');
    this.base = options.baseDelayMs ?? 500;
    this.max = options.maxDelayMs ?? 10_000;
    this.perUrl = Math.max(1, options.maxFailuresPerUrl ?? 3);
  }

  get urlIndex(): number {
    return this.index;
  }

  /** Consecutive failures on the current URL. */
  get failures(): number {
    return this.failuresOnUrl;
  }

  private delay(level: number): number {
    return Math.min(this.max, this.base * 2 ** level);
  }

  /** After a part that ran well and then ended: reconnect to the same URL at once. */
  succeeded(): RetryDecision {
    this.failuresOnUrl = 0;
    this.rounds = 0;
    return { urlIndex: this.index, delayMs: 0, switched: false, wrapped: false };
  }

  /** After an attempt that failed (no audio, or ended too soon). */
  failed(): RetryDecision {
    this.failuresOnUrl += 1;
    if (this.failuresOnUrl < this.perUrl) {
      return {
        urlIndex: this.index,
        delayMs: this.delay(this.failuresOnUrl - 1 + this.rounds),
        switched: false,
        wrapped: false,
      };
    }
    this.failuresOnUrl = 0;
    const next = (this.index + 1) % this.urlCount;
    const wrapped = next === 0;
    if (wrapped) this.rounds += 1;
    const switched = next !== this.index;
    this.index = next;
    return { urlIndex: next, delayMs: this.delay(this.rounds), switched, wrapped };
  }
}
