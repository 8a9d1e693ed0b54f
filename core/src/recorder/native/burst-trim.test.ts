import { describe, expect, it } from 'vitest';
import { trimByFrames } from './burst-trim';

const frame = 1152 / 44100;

describe('trimByFrames', () => {
  it('leaves out the burst: the frames beyond the wall-clock time covered', () => {
    // 10 s of burst + 60 s live; the part covered 60 s of the window
    const frames = Math.round(70 / frame);
    const t = trimByFrames(frames, frames * frame, 60);
    expect(t.skipFrames).toBe(frames - Math.round(60 / frame));
    expect(Math.abs(t.keepSeconds - 60)).toBeLessThanOrEqual(frame / 2);
  });

  it('keeps everything when the part covered more than it holds, nothing when it covered none', () => {
    expect(trimByFrames(100, 100 * frame, 99)).toEqual({ skipFrames: 0, keepSeconds: 100 * frame });
    expect(trimByFrames(100, 100 * frame, 0)).toEqual({ skipFrames: 100, keepSeconds: 0 });
    expect(trimByFrames(0, 0, 5)).toEqual({ skipFrames: 0, keepSeconds: 0 });
  });
});
