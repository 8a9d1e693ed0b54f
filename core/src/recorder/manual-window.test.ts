import { describe, expect, it } from 'vitest';
import { ManualWindow } from './manual-window';

const REQUEST = Date.UTC(2026, 10, 24, 6, 0, 0);

describe('ManualWindow', () => {
  it('keeps the requested window while no audio was seen', () => {
    const w = new ManualWindow(REQUEST, 20_000);
    expect(w.anchored).toBe(false);
    expect([w.start, w.end]).toEqual([REQUEST, REQUEST + 20_000]);
  });

  it('keeps the request as its start when the burst reaches back to it', () => {
    const w = new ManualWindow(REQUEST, 20_000);
    // audio after 3 s, with 4 s of burst: it holds audio from 1 s before the request
    w.observe(REQUEST + 3000, 4);
    expect(w.anchored).toBe(true);
    expect([w.start, w.end]).toEqual([REQUEST, REQUEST + 20_000]);
  });

  it('starts where the audio begins when the burst does not reach back, and moves the end', () => {
    const w = new ManualWindow(REQUEST, 15_000);
    // audio after 6 s, with 4 s of burst: it begins 2 s after the request
    w.observe(REQUEST + 6000, 4);
    expect([w.start, w.end]).toEqual([REQUEST + 2000, REQUEST + 17_000]);
  });

  it('takes the earliest reading: progress lags what arrived, never leads it', () => {
    const w = new ManualWindow(REQUEST, 10_000);
    w.observe(REQUEST + 6000, 1.5); // the burst not all written yet
    expect(w.start).toBe(REQUEST + 4500);
    w.observe(REQUEST + 6500, 4.5);
    expect(w.start).toBe(REQUEST + 2000);
    w.observe(REQUEST + 9000, 6.9); // later readings lag a little: no effect
    w.observe(REQUEST + 9500, 0); // nothing written: ignored
    expect([w.start, w.end]).toEqual([REQUEST + 2000, REQUEST + 12_000]);
  });

  it('waits for the first audio N seconds, or one connect timeout when N is shorter', () => {
    const long = new ManualWindow(REQUEST, 60_000);
    expect(long.firstAudioDeadline(REQUEST + 500, 15_000)).toBe(REQUEST + 60_000);
    const short = new ManualWindow(REQUEST, 5000);
    // counted from when it starts connecting (setting the run up took 2 s)
    expect(short.firstAudioDeadline(REQUEST + 2000, 15_000)).toBe(REQUEST + 17_000);
  });
});
