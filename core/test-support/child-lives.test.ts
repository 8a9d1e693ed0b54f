import { describe, expect, it } from 'vitest';
import { answeringRunner } from '../src/ffmpeg/fake-runner';
import { childLives, ownMs, type Moment } from './child-lives';

const m = (at: number, waitingMs = 0): Moment => ({ at, waitingMs });

describe('ownMs', () => {
  it('is the wall-clock time with no child running, less the CPU waiting in it', () => {
    const from = m(1000, 100);
    const to = m(5000, 900);
    // no children: all of it, less 800 ms of waiting
    expect(ownMs([], from, to)).toBe(3200);
    // a child from 1500 to 3000 (waiting 200 -> 600 meanwhile, not counted twice)
    const child = { started: m(1500, 200), exited: m(3000, 600) };
    expect(ownMs([child], from, to)).toBe(500 - 100 + (2000 - 300));
  });

  it('joins overlapping children, clips them to the stretch, and runs one not seen to exit to the end', () => {
    const lives = [
      { started: m(500, 0), exited: m(1500, 50) },
      { started: m(1200, 40), exited: m(2500, 90) },
      { started: m(2000, 60), exited: m(2200, 70) },
      { started: m(3000, 100) },
    ];
    // own: 2500 -> 3000 only, less its 10 ms of waiting
    expect(ownMs(lives, m(1000, 20), m(4000, 200))).toBe(490);
  });
});

describe('childLives', () => {
  it('notes when each child started and when its exit was seen', async () => {
    const children = childLives(answeringRunner(() => ({})).runner);
    const proc = children.runner.start('ffprobe', ['-version']);
    await proc.exited;
    await Promise.resolve();
    expect(children.lives).toHaveLength(1);
    const [life] = children.lives;
    expect(life!.exited!.at).toBeGreaterThanOrEqual(life!.started.at);
  });
});
