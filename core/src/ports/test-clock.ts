/**
 * Test-only: a clock whose timers run only when the test moves time (shared by the recorder's,
 * the scheduler's and other unit tests), plus `jump()` for a computer waking from sleep (the wall clock moved on, but timers,
 * which count monotonic time, did not run meanwhile).
 */
import type { Clock } from './clock';

interface Timer {
  /** Monotonic ms at which it is due. */
  at: number;
  seq: number;
  fire: () => void;
}

/** Lets promise chains (and the in-memory database's async work) run. */
export async function settle(rounds = 30): Promise<void> {
  for (let i = 0; i < rounds; i++) await new Promise<void>((r) => setImmediate(r));
}

export class TestClock implements Clock {
  private mono = 0;
  private wallOffset: number;
  private seq = 0;
  private timers: Timer[] = [];

  constructor(start: number) {
    this.wallOffset = start;
  }

  now(): number {
    return this.mono + this.wallOffset;
  }

  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      if (signal?.aborted) return reject(signal.reason);
      const timer: Timer = {
        at: this.mono + Math.max(0, ms),
        seq: this.seq++,
        fire: () => {
          signal?.removeEventListener('abort', onAbort);
          resolve();
        },
      };
      const onAbort = () => {
        this.timers = this.timers.filter((x) => x !== timer);
        reject(signal?.reason);
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.timers.push(timer);
    });
  }

  get pending(): number {
    return this.timers.length;
  }

  /** Moves time forward by `ms`, firing due timers in order and letting async work run. */
  async advance(ms: number): Promise<void> {
    const target = this.mono + ms;
    for (;;) {
      await settle();
      const due = this.timers
        .filter((x) => x.at <= target)
        .sort((a, b) => a.at - b.at || a.seq - b.seq)[0];
      if (!due) break;
      this.timers = this.timers.filter((x) => x !== due);
      this.mono = Math.max(this.mono, due.at);
      due.fire();
    }
    this.mono = Math.max(this.mono, target);
    await settle();
  }

  /** Moves to the wall-clock time `at` (see advance). */
  advanceTo(at: number): Promise<void> {
    return this.advance(Math.max(0, at - this.now()));
  }

  /** Advances until `promise` settles (or `limitMs` of fake time passed) and returns its outcome. */
  async runUntil<T>(promise: Promise<T>, limitMs = 3_600_000): Promise<T> {
    let settled = false;
    promise.then(
      () => (settled = true),
      () => (settled = true),
    );
    const limit = this.now() + limitMs;
    for (;;) {
      await settle();
      if (settled || this.now() >= limit) break;
      const next = this.timers.map((x) => x.at - this.mono + this.now()).sort((a, b) => a - b)[0];
      await this.advanceTo(next === undefined ? limit : Math.min(next, limit));
    }
    return promise;
  }

  /** The computer slept `ms`: the wall clock jumps, no timer fires; they are late by `ms` now. */
  jump(ms: number): void {
    this.wallOffset += ms;
  }
}
