import { AppError } from '../../contract';

/** A taken slot; release() is idempotent. */
export interface SlotLease {
  release(): void;
}

interface Waiter {
  grant: (lease: SlotLease) => void;
  fail: (reason: unknown) => void;
}

/**
 * The recording slots: at most `limit()` recordings at once (read on every decision, so a
 * changed maxConcurrentRecordings applies at once; call `pump()` after it changes). Shared by
 * scheduled runs (which wait, first come first served) and manual ones (which take a free slot
 * or are refused).
 */
export class RecordingSlots {
  private used = 0;
  private readonly queue: Waiter[] = [];

  constructor(private readonly limit: () => number) {}

  get inUse(): number {
    return this.used;
  }

  get waiting(): number {
    return this.queue.length;
  }

  get capacity(): number {
    return Math.max(1, this.limit());
  }

  /** A slot now, or null when all are taken or others wait already. */
  tryAcquire(): SlotLease | null {
    if (this.queue.length > 0 || this.used >= this.capacity) return null;
    return this.lease();
  }

  /** A slot as soon as one is free (in order of asking); rejects with the reason of `signal`. */
  acquire(signal?: AbortSignal): Promise<SlotLease> {
    const now = this.tryAcquire();
    if (now) return Promise.resolve(now);
    return new Promise<SlotLease>((resolve, reject) => {
      if (signal?.aborted) return reject(signal.reason);
      const waiter: Waiter = {
        grant: (lease) => {
          signal?.removeEventListener('abort', onAbort);
          resolve(lease);
        },
        fail: reject,
      };
      const onAbort = () => {
        const i = this.queue.indexOf(waiter);
        if (i >= 0) this.queue.splice(i, 1);
        reject(signal?.reason);
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.queue.push(waiter);
    });
  }

  /** Hands free slots to waiters (after a release or a higher limit). */
  pump(): void {
    while (this.queue.length > 0 && this.used < this.capacity) {
      this.queue.shift()!.grant(this.lease());
    }
  }

  /** Refuses every waiter (shutting down). */
  rejectAll(reason: unknown = new AppError('CONFLICT', 'The scheduler stopped.')): void {
    for (const w of this.queue.splice(0)) w.fail(reason);
  }

  private lease(): SlotLease {
    this.used += 1;
    let released = false;
    return {
      release: () => {
        if (released) return;
        released = true;
        this.used -= 1;
        this.pump();
      },
    };
  }
}
