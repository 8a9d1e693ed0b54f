import { describe, expect, it } from 'vitest';
import { PartProgress } from './part-progress';

const report = (outTimeSeconds: number, totalSize = 0) =>
  ({ outTimeSeconds, totalSize, progress: 'continue' }) as const;

/** Audio from 1000 ms (a 3 s burst), advancing 1 s a second up to 5000 ms, then a 5 s pause. */
function pausedPart(detectLoss: boolean): PartProgress {
  const p = new PartProgress(0, detectLoss);
  for (let at = 1000, media = 3; at <= 5000; at += 1000, media += 1) p.observe(report(media), at);
  // progress resumes at 10 s with 1 s more media: 4 s of audio never arrived
  p.observe(report(8), 10_000);
  p.observe(report(9.5), 11_500);
  return p;
}

describe('PartProgress', () => {
  it('dates audio start and last advance, and keeps the largest size reported', () => {
    const p = new PartProgress(0, true);
    p.observe(report(0, 100), 500);
    expect(p.audioStartedAt).toBeUndefined();
    p.observe(report(2, 4000), 1200);
    p.observe(report(2, 3000), 1800);
    // it began after the report at 500 ms, which had none
    expect(p.audioStartedAt).toBe(500);
    expect(p.lastAdvanceAt).toBe(1200);
    expect(p.reportedSeconds).toBe(2);
    expect(p.reportedBytes).toBe(4000);
  });

  it('measures the audio a pause lost, once the lead has settled', () => {
    const p = pausedPart(true);
    expect(p.lossesBefore(Infinity)).toEqual([{ at: 5000, seconds: 4 }]);
    expect(p.lossesBefore(5000)).toEqual([]);
  });

  it('dates the last advance where the new media ended, when audio was flowing', () => {
    const p = new PartProgress(0, true);
    p.observe(report(4), 1000);
    p.observe(report(6), 3000);
    expect(p.lastAdvanceAt).toBe(3000);
    // the audio stopped 0.5 s after the report at 3 s; the next report tells it at 5 s
    p.observe(report(6.5), 5000);
    expect(p.lastAdvanceAt).toBe(3500);
    p.observe(report(6.5), 7000);
    expect(p.lastAdvanceAt).toBe(3500);
    // resumed after the pause: now
    p.observe(report(7), 9000);
    expect(p.lastAdvanceAt).toBe(9000);
  });

  it('dates the first audio between the report before it and its own length before', () => {
    const p = new PartProgress(0, true);
    p.observe(report(0), 1000);
    p.observe(report(1.5), 3000);
    expect(p.audioStartedAt).toBe(1500);
    const q = new PartProgress(0, true);
    q.observe(report(6), 2000);
    expect(q.audioStartedAt).toBe(2000);
  });

  it('takes a report every 2 s for audio flowing, not for a pause', () => {
    const p = new PartProgress(0, true);
    for (let at = 1000, media = 3; at <= 21_000; at += 2000, media += 2) {
      p.observe(report(media), at);
    }
    expect(p.lossesBefore(Infinity)).toEqual([]);
  });

  it('finds no loss when detection is off', () => {
    expect(pausedPart(false).lossesBefore(Infinity)).toEqual([]);
  });

  it('dates an exit: now, back to the last advance when stale, back to the pause when flushing', () => {
    const p = new PartProgress(0, true);
    expect(p.exitedEnd(3000)).toBe(3000);
    p.observe(report(3), 1000);
    p.observe(report(4), 2000);
    expect(p.exitedEnd(3000)).toBe(3000);
    // a report comes every 2 s: 2.9 s without one is not yet stale
    expect(p.exitedEnd(4900)).toBe(4900);
    expect(p.exitedEnd(5100)).toBe(2000);
    // progress resumed after a 3 s pause and ffmpeg exited right after: it flushed what it had
    p.observe(report(5), 5000);
    expect(p.exitedEnd(5100)).toBe(2000);
  });
});
