import { describe, expect, it } from 'vitest';
import { RecordingSlots } from './recording-slots';

describe('RecordingSlots', () => {
  it('hands out at most limit() slots; release frees one for the next waiter in order', async () => {
    const slots = new RecordingSlots(() => 2);
    const a = slots.tryAcquire()!;
    const b = slots.tryAcquire()!;
    expect(slots.tryAcquire()).toBeNull();
    const order: string[] = [];
    const c = slots.acquire().then((l) => (order.push('c'), l));
    const d = slots.acquire().then((l) => (order.push('d'), l));
    expect(slots.waiting).toBe(2);
    // a manual run does not jump the queue
    a.release();
    a.release(); // idempotent
    await c;
    expect(order).toEqual(['c']);
    expect(slots.inUse).toBe(2);
    expect(slots.tryAcquire()).toBeNull();
    b.release();
    (await d).release();
    (await c).release();
    expect(slots.inUse).toBe(0);
  });

  it('reads the limit on every decision; pump() applies a raised limit', async () => {
    let limit = 1;
    const slots = new RecordingSlots(() => limit);
    slots.tryAcquire();
    const waiting = slots.acquire();
    limit = 2;
    slots.pump();
    await expect(waiting).resolves.toBeDefined();
    expect(slots.inUse).toBe(2);
    limit = 1; // lowered: running ones go on, new ones wait
    expect(slots.tryAcquire()).toBeNull();
  });

  it('a waiter can give up (abort) and rejectAll refuses the rest', async () => {
    const slots = new RecordingSlots(() => 1);
    const held = slots.tryAcquire()!;
    const ac = new AbortController();
    const gaveUp = slots.acquire(ac.signal);
    const other = slots.acquire();
    ac.abort(new Error('window over'));
    await expect(gaveUp).rejects.toThrow('window over');
    expect(slots.waiting).toBe(1);
    slots.rejectAll(new Error('stop'));
    await expect(other).rejects.toThrow('stop');
    held.release();
    expect(slots.inUse).toBe(0);
    await expect(slots.acquire(AbortSignal.abort(new Error('x')))).resolves.toBeDefined();
  });
});
