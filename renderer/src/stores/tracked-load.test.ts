import { describe, expect, it } from 'vitest';
import { trackedLoad } from './tracked-load';

describe('trackedLoad', () => {
  it('is loading while a read runs, keeps the message of a failed read and clears it after', async () => {
    const { loading, error, track } = trackedLoad();
    let seenLoading = false;
    await track(async () => {
      seenLoading = loading.value;
      throw new Error('The server is away.');
    });
    expect(seenLoading).toBe(true);
    expect(loading.value).toBe(false);
    expect(error.value).toContain('The server is away.');
    await track(async () => undefined);
    expect(error.value).toBeNull();
  });
});
