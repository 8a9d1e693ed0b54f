import { describe, expect, it } from 'vitest';
import { FakeClock } from './test-fakes';
import { sleepUnlessAborted, startWindowTimer } from './window';

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
