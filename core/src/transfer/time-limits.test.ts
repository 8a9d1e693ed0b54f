import { describe, expect, it, vi } from 'vitest';
import { TestClock } from '../ports/test-clock';
import { OperationTimeoutError, withStallTimeout, withTimeout } from './time-limits';

// time is the test clock's: nothing here depends on how fast the machine is
const never = () => new Promise<never>(() => undefined);
const after = <T>(clock: TestClock, ms: number, value: T) => clock.sleep(ms).then(() => value);

describe('withTimeout', () => {
  it('passes a result through', async () => {
    const clock = new TestClock(0);
    const result = withTimeout(after(clock, 5, 'ok'), 500, 'op', clock);
    await expect(clock.runUntil(result)).resolves.toBe('ok');
    expect(clock.now()).toBe(5);
  });

  it('passes a rejection through', async () => {
    const clock = new TestClock(0);
    await expect(withTimeout(Promise.reject(new Error('boom')), 500, 'op', clock)).rejects.toThrow(
      'boom',
    );
  });

  it('rejects with OperationTimeoutError and calls onTimeout when the work hangs', async () => {
    const clock = new TestClock(0);
    const onTimeout = vi.fn();
    const outcome = withTimeout(never(), 30, 'stat /x', clock, onTimeout).catch((e) => e);
    await clock.advance(29);
    expect(onTimeout).not.toHaveBeenCalled();
    await clock.advance(1);
    const err = await outcome;
    expect(err).toBeInstanceOf(OperationTimeoutError);
    expect(err).toMatchObject({ operation: 'stat /x', ms: 30 });
    expect(onTimeout).toHaveBeenCalledOnce();
  });

  it('does not call onTimeout when the work finished in time, and leaves no timer behind', async () => {
    const clock = new TestClock(0);
    const onTimeout = vi.fn();
    await clock.runUntil(withTimeout(after(clock, 29, 1), 30, 'op', clock, onTimeout));
    expect(clock.pending).toBe(0);
    await clock.advance(1_000);
    expect(onTimeout).not.toHaveBeenCalled();
  });
});

describe('withStallTimeout', () => {
  it('keeps going while there is progress, longer than the limit in total', async () => {
    const clock = new TestClock(0);
    const result = withStallTimeout(
      async (touch) => {
        for (let i = 0; i < 6; i++) {
          await clock.sleep(35);
          touch();
        }
        return 'done';
      },
      40,
      'upload',
      clock,
    );
    await expect(clock.runUntil(result)).resolves.toBe('done');
    // 6 × 35 ms: five times the limit in total
    expect(clock.now()).toBe(210);
  });

  it('gives up once progress stops, the limit after the last progress', async () => {
    const clock = new TestClock(0);
    const outcome = withStallTimeout(
      async (touch) => {
        await clock.sleep(10);
        touch();
        return never();
      },
      40,
      'upload',
      clock,
    ).catch((e) => e);
    const err = await clock.runUntil(outcome);
    expect(err).toBeInstanceOf(OperationTimeoutError);
    expect(clock.now()).toBe(50);
  });
});
