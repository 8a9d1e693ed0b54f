import { describe, expect, it } from 'vitest';
import { runPart } from './part-runner';
import { FakeClock, FakeRunner } from './test-fakes';
import { Watchdog, watchdogFor, WATCH_INTERVAL_MS } from './watchdog';

describe('Watchdog', () => {
  it('looks at every watched part on one timer, until each says it is done', async () => {
    const clock = new FakeClock();
    const dog = new Watchdog(clock, 250);
    const seen: string[] = [];
    const t0 = clock.now();
    dog.watch((now) => {
      seen.push(`a@${now - t0}`);
      return now - t0 >= 500;
    });
    dog.watch((now) => {
      seen.push(`b@${now - t0}`);
      return true;
    });
    // one timer for both
    expect(clock.pending).toBe(1);
    await clock.advance(1000);
    expect(seen).toEqual(['a@250', 'b@250', 'a@500']);
    // nothing watched: no timer left
    expect(dog.size).toBe(0);
    expect(clock.pending).toBe(0);
  });

  it('releases its timer at once when the last part is unwatched, and starts again for a new one', async () => {
    const clock = new FakeClock();
    const dog = new Watchdog(clock, 250);
    const unwatch = dog.watch(() => false);
    expect(clock.pending).toBe(1);
    unwatch();
    await clock.advance(0);
    expect(clock.pending).toBe(0);
    let looks = 0;
    dog.watch(() => ++looks >= 2);
    await clock.advance(600);
    expect(looks).toBe(2);
    expect(clock.pending).toBe(0);
  });

  it('is one per clock: every ffmpeg part on a clock shares it', async () => {
    const clock = new FakeClock();
    expect(watchdogFor(clock)).toBe(watchdogFor(clock));
    expect(watchdogFor(new FakeClock())).not.toBe(watchdogFor(clock));
    const runner = new FakeRunner(clock, () => ({ audioAfterMs: 300, burstSeconds: 2 }));
    const stop = new AbortController();
    const parts = [1, 2, 3].map(() =>
      runPart({ runner, ffmpegPath: 'ffmpeg', args: ['out.mka'], clock, stop: stop.signal }),
    );
    await clock.advance(WATCH_INTERVAL_MS * 4);
    expect(watchdogFor(clock).size).toBe(3);
    stop.abort();
    const runs = await clock.runUntil(Promise.all(parts));
    expect(runs.map((r) => r.reason)).toEqual(['stopped', 'stopped', 'stopped']);
    expect(watchdogFor(clock).size).toBe(0);
  });
});
