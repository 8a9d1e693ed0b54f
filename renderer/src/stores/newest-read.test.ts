import { describe, expect, it, vi } from 'vitest';
import { ref } from 'vue';
import { newestRead } from './newest-read';

/** A read that answers (or fails) when the test says so. */
function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (reason: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

function reads() {
  const loading = ref(false);
  const error = ref<string | null>('an old failure');
  return { loading, error, ...newestRead(loading, error) };
}

describe('newestRead', () => {
  it('is loading until the read settles, applies its answer and clears the error', async () => {
    const { loading, error, run } = reads();
    const answer = deferred<string>();
    const apply = vi.fn();
    const settled = vi.fn();
    const done = run(() => answer.promise, apply, settled);
    expect(loading.value).toBe(true);
    answer.resolve('rows');
    await done;
    expect(apply).toHaveBeenCalledWith('rows');
    expect(error.value).toBeNull();
    expect(loading.value).toBe(false);
    expect(settled).toHaveBeenCalledTimes(1);
  });

  it('keeps the message of a failed read (a failing apply too)', async () => {
    const { loading, error, run } = reads();
    await run(() => Promise.reject(new Error('The server is away.')), vi.fn());
    expect(error.value).toContain('The server is away.');
    expect(loading.value).toBe(false);
    await run(
      () => Promise.resolve(1),
      () => {
        throw new Error('Could not show it.');
      },
    );
    expect(error.value).toContain('Could not show it.');
  });

  it('drops an older call: its answer, its failure and its end of loading', async () => {
    const { loading, error, run } = reads();
    const older = deferred<string>();
    const newer = deferred<string>();
    const apply = vi.fn();
    const settled = vi.fn();
    const first = run(() => older.promise, apply, settled);
    const second = run(() => newer.promise, apply, settled);
    older.reject(new Error('late failure'));
    await first;
    expect(error.value).toBe('an old failure');
    expect(loading.value).toBe(true);
    expect(settled).not.toHaveBeenCalled();
    newer.resolve('newest');
    await second;
    expect(apply.mock.calls).toEqual([['newest']]);
    expect(loading.value).toBe(false);
  });

  it('cancel makes the read on its way stale', async () => {
    const { loading, run, cancel } = reads();
    const answer = deferred<string>();
    const apply = vi.fn();
    const done = run(() => answer.promise, apply);
    cancel();
    answer.resolve('too late');
    await done;
    expect(apply).not.toHaveBeenCalled();
    expect(loading.value).toBe(true); // whoever cancelled sets what loading shows
  });
});
