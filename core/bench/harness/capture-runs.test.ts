import { describe, expect, it } from 'vitest';
import { recordingWindow, WINDOW_MARGIN_MS } from './capture-runs';

const reading = (cpuSeconds: number, rootsGone: number[] = []) => ({
  cpuSeconds,
  rootCpuSeconds: 0,
  peakProcesses: 3,
  peakPssBytes: 0,
  rootsGone,
});

describe('recordingWindow', () => {
  it('reads the sampler once the window (start + seconds - margin) is over', async () => {
    let t = 1_000_000;
    let readAt = 0;
    const sampler = {
      sinceStart: () => {
        readAt = t;
        return reading(4.2);
      },
    };
    // the clock is already past the window's end: no wait
    t = 1_000_000 + 60_000;
    const r = await recordingWindow(sampler, 1_000_000, 60, () => t);
    expect(readAt).toBe(t);
    expect(r).toMatchObject({ cpuSeconds: 4.2, windowSeconds: 60 });
    expect(WINDOW_MARGIN_MS).toBeLessThan(1000);
  });

  it('throws instead of reporting a tree whose root had exited (it once printed 0.0 s)', async () => {
    const sampler = { sinceStart: () => reading(Number.NaN, [4242]) };
    await expect(recordingWindow(sampler, 0, 60, () => 60_000)).rejects.toThrow(
      /4242 exited before the window ended/,
    );
  });
});
