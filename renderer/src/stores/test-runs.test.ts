import { describe, expect, it } from 'vitest';
import { useTestRuns } from './test-runs';

describe('useTestRuns', () => {
  it('marks a row as testing while its test runs, then keeps the outcome', async () => {
    const runs = useTestRuns<string>();
    let finish: (outcome: string) => void = () => {};
    const running = runs.run('a', () => new Promise<string>((resolve) => (finish = resolve)));
    expect(runs.testing.value).toEqual({ a: true });
    finish('ok');
    await expect(running).resolves.toBe('ok');
    expect(runs.testing.value).toEqual({});
    expect(runs.tests.value).toEqual({ a: 'ok' });
  });

  it('keeps the last outcome when a test fails, and is no longer testing', async () => {
    const runs = useTestRuns<string>();
    runs.record('a', 'before');
    await expect(runs.run('a', () => Promise.reject(new Error('down')))).rejects.toThrow('down');
    expect(runs.tests.value).toEqual({ a: 'before' });
    expect(runs.testing.value).toEqual({});
  });

  it('forgets one row’s outcome', () => {
    const runs = useTestRuns<number>();
    runs.record('a', 1);
    runs.record('b', 2);
    runs.forget('a');
    expect(runs.tests.value).toEqual({ b: 2 });
  });
});
