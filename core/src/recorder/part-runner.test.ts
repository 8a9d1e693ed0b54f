import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runPart, type PartRunOptions } from './part-runner';
import { FakeClock, FakeRunner, type FakeBehaviour } from './test-fakes';

function start(behaviour: FakeBehaviour, options: Partial<PartRunOptions> = {}) {
  const clock = new FakeClock();
  const runner = new FakeRunner(clock, () => behaviour);
  const stop = new AbortController();
  const t0 = clock.now();
  const run = runPart({
    runner,
    ffmpegPath: 'ffmpeg',
    args: ['-i', 'http://a/x', 'out.mka'],
    clock,
    stop: stop.signal,
    ...options,
  });
  return { clock, runner, stop, t0, run, proc: () => runner.spawns[0]!.proc };
}

/** Lets the part run for `ms`, then aborts it; answers what the run reported. */
async function stopAfter(s: ReturnType<typeof start>, ms: number) {
  await s.clock.advance(ms);
  s.stop.abort();
  return s.clock.runUntil(s.run);
}

describe('runPart', () => {
  it('runs until stop aborts, then stops ffmpeg once and reports the audio', async () => {
    const s = start({ audioAfterMs: 300, burstSeconds: 4, stderr: 'warning: x\n' });
    const run = await stopAfter(s, 5000);
    expect(run).toMatchObject({
      reason: 'stopped',
      spawnedAt: s.t0,
      audioStartedAt: s.t0 + 300,
      endedAt: s.t0 + 5000,
      exit: { code: 0, signal: null },
      stderrTail: 'warning: x',
    });
    expect(run.reportedSeconds).toBeCloseTo(8.7, 5);
    expect(run.reportedBytes).toBeGreaterThan(0);
    expect(s.proc().stopCalls).toBe(1);
  });

  it('reports an exit by itself as exited, without calling stop', async () => {
    const s = start({ audioAfterMs: 300, exitAfterMs: 2000, exitCode: 1 });
    const run = await s.clock.runUntil(s.run);
    expect(run).toMatchObject({ reason: 'exited', endedAt: s.t0 + 2000, exit: { code: 1 } });
    expect(s.proc().stopCalls).toBe(0);
  });

  it("dates an exit by ffmpeg's own I/O timeout back to when audio stopped", async () => {
    const s = start(
      { audioAfterMs: 300, stallAfterMs: 2000, exitAfterMs: 12_000 },
      { stallTimeoutMs: 15_000 },
    );
    const run = await s.clock.runUntil(s.run);
    expect(run).toMatchObject({ reason: 'exited', endedAt: s.t0 + 2000 });
    // the same with ffmpeg's last reports flushing buffered packets at its exit
    const f = start({
      audioAfterMs: 300,
      stallAfterMs: 2000,
      exitAfterMs: 7000,
      flushOnExitSeconds: 0.03,
    });
    expect(await f.clock.runUntil(f.run)).toMatchObject({
      reason: 'exited',
      endedAt: f.t0 + 2000,
      losses: [],
    });
    // an exit right after audio (a drop) is dated when it happened
    const d = start({ audioAfterMs: 300, stallAfterMs: 2000, exitAfterMs: 3500 });
    expect(await d.clock.runUntil(d.run)).toMatchObject({ endedAt: d.t0 + 3500 });
  });

  it('gives up without audio after the connect timeout', async () => {
    const s = start({}, { connectTimeoutMs: 3000 });
    const run = await s.clock.runUntil(s.run);
    expect(run.reason).toBe('no-audio');
    expect(run.audioStartedAt).toBeUndefined();
    expect(run.endedAt).toBe(s.t0 + 3000);
    expect(s.proc().stopCalls).toBe(1);
  });

  it('calls a stall when media stops advancing, dated to the last advance', async () => {
    const s = start({ audioAfterMs: 100, stallAfterMs: 1500 }, { stallTimeoutMs: 2000 });
    const run = await s.clock.runUntil(s.run);
    expect(run.reason).toBe('stalled');
    expect(run.endedAt).toBe(s.t0 + 1500);
    expect(s.proc().stopRequestedAt! - s.t0).toBeGreaterThanOrEqual(3500);
  });

  it('passes progress reports on', async () => {
    const seen: number[] = [];
    const s = start(
      { audioAfterMs: 100, exitAfterMs: 600 },
      {
        onProgress: (r) => seen.push(r.outTimeSeconds),
      },
    );
    await s.clock.runUntil(s.run);
    expect(seen.length).toBeGreaterThanOrEqual(4);
    expect(seen[seen.length - 1]).toBeCloseTo(0.4, 5);
  });

  it('keeps the pid in a pid file while ffmpeg runs, and removes it once it exited', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'asr-pid-'));
    try {
      const pidFile = join(dir, 'part-001.pid');
      const s = start({ audioAfterMs: 100 }, { pidFile });
      expect(readFileSync(pidFile, 'utf8')).toBe('4242\n');
      await s.clock.advance(1000);
      expect(existsSync(pidFile)).toBe(true);
      s.stop.abort();
      await s.clock.runUntil(s.run);
      expect(existsSync(pidFile)).toBe(false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('runPart loss detection', () => {
  it('records audio the server skipped during a pause, dated when the pause began', async () => {
    const s = start({
      audioAfterMs: 300,
      burstSeconds: 4,
      pause: { atMs: 3000, forMs: 3000, skipped: true },
    });
    const run = await stopAfter(s, 10_000);
    expect(run.losses).toHaveLength(1);
    expect(run.losses[0]!.at).toBe(s.t0 + 3000);
    expect(run.losses[0]!.seconds).toBeCloseTo(3, 1);
  });

  it('does not count a pause whose audio arrived late, nor short hiccups', async () => {
    const late = start({
      audioAfterMs: 300,
      burstSeconds: 4,
      pause: { atMs: 3000, forMs: 3000, skipped: false },
    });
    expect((await stopAfter(late, 10_000)).losses).toEqual([]);
    const hiccup = start({ audioAfterMs: 300, pause: { atMs: 3000, forMs: 1500, skipped: true } });
    expect((await stopAfter(hiccup, 10_000)).losses).toEqual([]);
  });

  it('measures a loss even when the part ends right after the resume; not for HLS', async () => {
    const s = start({
      audioAfterMs: 300,
      pause: { atMs: 3000, forMs: 4000, skipped: true },
      exitAfterMs: 7500,
    });
    const run = await s.clock.runUntil(s.run);
    expect(run.losses).toHaveLength(1);
    expect(run.losses[0]!.seconds).toBeCloseTo(4, 1);
    const hls = start(
      { audioAfterMs: 300, pause: { atMs: 3000, forMs: 4000, skipped: true }, exitAfterMs: 9000 },
      { detectLoss: false },
    );
    expect((await hls.clock.runUntil(hls.run)).losses).toEqual([]);
  });
});
