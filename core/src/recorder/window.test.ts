import { describe, expect, it } from 'vitest';
import { FakeClock } from './test-fakes';
import { sleepUnlessAborted, startWindowTimer } from './window';

/**
 * A 10 s window timer started now (`t`) whose end, `movedAfter` ms later, is moved to
 * `t + newEnd`.
 */
async function movedTimer(clock: FakeClock, movedAfter: number, newEnd: number) {
  const timer = startWindowTimer(clock, clock.now() + 10_000);
  const t = clock.now();
  await clock.advance(movedAfter);
  timer.moveEnd(t + newEnd);
  return { timer, t };
}

describe('startWindowTimer', () => {
  it('ends at the window end by the clock', async () => {
    const clock = new FakeClock();
    const end = clock.now() + 5000;
    const timer = startWindowTimer(clock, end);
    await clock.advance(4999);
    expect(timer.signal.aborted).toBe(false);
    await clock.advance(1);
    expect(timer.signal.aborted).toBe(true);
    expect(await timer.ended).toBe('end');
    expect(timer.endedAt).toBe(end);
    expect(timer.reason).toBe('end');
    timer.dispose();
    expect(clock.pending).toBe(0);
  });

  it('ends early when the signal aborts, and at once when it already was', async () => {
    const clock = new FakeClock();
    const controller = new AbortController();
    const timer = startWindowTimer(clock, clock.now() + 5000, controller.signal);
    await clock.advance(1200);
    controller.abort();
    expect(await timer.ended).toBe('abort');
    expect(timer.endedAt).toBe(clock.now());
    expect(clock.pending).toBe(0);

    const already = startWindowTimer(clock, clock.now() + 5000, AbortSignal.abort());
    expect(already.reason).toBe('abort');
    already.dispose();
  });

  it('moves its end later, earlier, and to a time already past', async () => {
    const clock = new FakeClock();
    const start = clock.now();
    const later = startWindowTimer(clock, start + 5000);
    await clock.advance(1000);
    later.moveEnd(start + 9000);
    expect(later.windowEnd).toBe(start + 9000);
    await clock.advance(7999);
    expect(later.signal.aborted).toBe(false);
    await clock.advance(1);
    expect(later.endedAt).toBe(start + 9000);

    // earlier: the wait in progress (up to 2 s) does not delay the new end
    const { timer: earlier, t: t0 } = await movedTimer(clock, 500, 1200);
    await clock.advance(699);
    expect(earlier.signal.aborted).toBe(false);
    await clock.advance(1);
    expect(await earlier.ended).toBe('end');
    expect(earlier.endedAt).toBe(t0 + 1200);

    // already past: over now, dated at that end
    const { timer: past, t: t1 } = await movedTimer(clock, 3000, 2000);
    await clock.advance(0);
    expect(await past.ended).toBe('end');
    expect(past.endedAt).toBe(t1 + 2000);
    // once over, the end stays
    past.moveEnd(t1 + 50_000);
    expect(past.windowEnd).toBe(t1 + 2000);
    for (const t of [later, earlier, past]) t.dispose();
    expect(clock.pending).toBe(0);
  });

  it('dispose releases the clock timer', () => {
    const clock = new FakeClock();
    const timer = startWindowTimer(clock, clock.now() + 5000);
    expect(clock.pending).toBe(1);
    timer.dispose();
    expect(clock.pending).toBe(0);
    expect(timer.reason).toBeUndefined();
  });
});

describe('sleepUnlessAborted', () => {
  it('returns early without throwing when the signal aborts', async () => {
    const clock = new FakeClock();
    const controller = new AbortController();
    let done = false;
    void sleepUnlessAborted(clock, 10_000, controller.signal).then(() => (done = true));
    await clock.advance(100);
    expect(done).toBe(false);
    controller.abort();
    await clock.advance(0);
    expect(done).toBe(true);
    await sleepUnlessAborted(clock, -5, controller.signal);
  });
});
