import { describe, expect, it, vi } from 'vitest';
import { systemClock } from '../ports/clock';
import { OperationTimeoutError, withStallTimeout, withTimeout } from './time-limits';

const never = () => new Promise<never>(() => undefined);
const delay = <T>(ms: number, value: T) => new Promise<T>((r) => setTimeout(() => r(value), ms));

describe('withTimeout', () => {
  it('passes a result through', async () => {
    await expect(withTimeout(delay(5, 'ok'), 500, 'op', systemClock)).resolves.toBe('ok');
  });

  it('passes a rejection through', async () => {
    await expect(
      withTimeout(Promise.reject(new Error('boom')), 500, 'op', systemClock),
    ).rejects.toThrow('boom');
  });

  it('rejects with OperationTimeoutError and calls onTimeout when the work hangs', async () => {
    const onTimeout = vi.fn();
    const err = await withTimeout(never(), 30, 'stat /x', systemClock, onTimeout).catch((e) => e);
    expect(err).toBeInstanceOf(OperationTimeoutError);
    expect(err).toMatchObject({ operation: 'stat /x', ms: 30 });
    expect(onTimeout).toHaveBeenCalledOnce();
  });

  it('does not call onTimeout when the work finished in time', async () => {
    const onTimeout = vi.fn();
    await withTimeout(delay(1, 1), 30, 'op', systemClock, onTimeout);
    await delay(50, 0);
    expect(onTimeout).not.toHaveBeenCalled();
  });
});

describe('withStallTimeout', () => {
  it('keeps going while there is progress, longer than the limit in total', async () => {
    const result = await withStallTimeout(
      async (touch) => {
        for (let i = 0; i < 6; i++) {
          await delay(15, 0);
          touch();
        }
        return 'done';
      },
      40,
      'upload',
      systemClock,
    );
    expect(result).toBe('done');
  });

  it('gives up once progress stops', async () => {
    const started = Date.now();
    const err = await withStallTimeout(
      async (touch) => {
        await delay(10, 0);
        touch();
        return never();
      },
      40,
      'upload',
      systemClock,
    ).catch((e) => e);
    expect(err).toBeInstanceOf(OperationTimeoutError);
    expect(Date.now() - started).toBeGreaterThanOrEqual(45);
  });
});
