import { describe, expect, it } from 'vitest';
import { AppError } from '../../contract';
import type { FfmpegCapabilities } from '../ffmpeg/capabilities';
import { memoryLogger } from '../ports/logger';
import type { ResolvedStream } from './playlist';
import { recordWindow, type RecorderDeps, type RecordWindowOptions } from './recorder';
import { FakeClock, FakeRunner, type FakeBehaviour } from './test-fakes';
import type { RecordingProgress } from './types';

const CAPS: FfmpegCapabilities = {
  version: '5.1.9',
  httpOptions: new Set(['reconnect', 'reconnect_streamed', 'reconnect_on_network_error']),
  tcpOptions: new Set(['timeout']),
  rtmpOptions: new Set(),
  rtspOptions: new Set(),
  inputProtocols: new Set(['http', 'https']),
  rwTimeout: true,
  statsPeriod: true,
  formatProbeSize: true,
  clusterTimeLimit: true,
};

const A = 'http://primary.example/live.mp3';
const B = 'http://fallback.example/live.mp3';

interface Setup {
  clock: FakeClock;
  runner: FakeRunner;
  removed: string[];
  logger: ReturnType<typeof memoryLogger>;
  ws: number;
  run(overrides?: Partial<RecordWindowOptions>): Promise<Awaited<ReturnType<typeof recordWindow>>>;
  start(
    overrides?: Partial<RecordWindowOptions>,
  ): Promise<Awaited<ReturnType<typeof recordWindow>>>;
}

function setup(
  script: (n: number, args: readonly string[]) => FakeBehaviour,
  options: {
    startInMs?: number;
    windowMs?: number;
    resolve?: RecorderDeps['resolve'];
    nativePart?: RecorderDeps['nativePart'];
    capabilities?: RecorderDeps['capabilities'];
  } = {},
): Setup {
  const clock = new FakeClock();
  const runner = new FakeRunner(clock, script);
  const removed: string[] = [];
  const logger = memoryLogger();
  const ws = clock.now() + (options.startInMs ?? 5000);
  let n = 0;
  const deps: Partial<RecorderDeps> = {
    capabilities: options.capabilities ?? (async () => CAPS),
    resolve: options.resolve ?? (async (url): Promise<ResolvedStream> => ({ url, kind: 'direct' })),
    nextPartPath: async (dir) => `${dir}/part-${String(++n).padStart(3, '0')}.mka`,
    inspect: async (path) => {
      const spawn = runner.spawns.find((s) => s.args[s.args.length - 1] === path);
      return spawn && spawn.proc.mediaSeconds > 0
        ? { codec: 'mp3', seconds: spawn.proc.mediaSeconds }
        : undefined;
    },
    removeFile: async (p) => {
      removed.push(p);
    },
    // ffmpeg records unless a test gives a native reader
    nativePart: options.nativePart ?? (async () => ({ fallback: 'the test runs ffmpeg' })),
  };
  const start = (overrides: Partial<RecordWindowOptions> = {}) =>
    recordWindow({
      sessionId: 'sess-1',
      urls: [A],
      kind: 'scheduled',
      windowStart: ws,
      windowEnd: ws + (options.windowMs ?? 8000),
      partsDir: '/parts',
      ffmpegPath: 'ffmpeg',
      ffprobePath: 'ffprobe',
      runner,
      clock,
      logger,
      deps,
      ...overrides,
    });
  return {
    clock,
    runner,
    removed,
    logger,
    ws,
    start,
    run: (overrides) => clock.runUntil(start(overrides)),
  };
}

const healthy: FakeBehaviour = { audioAfterMs: 300, burstSeconds: 4 };

describe('recordWindow', () => {
  it('connects 2 s early, records one part, and stops it with q exactly at the window end', async () => {
    const s = setup(() => healthy);
    const result = await s.run();
    expect(s.runner.spawns).toHaveLength(1);
    const spawn = s.runner.spawns[0]!;
    expect(spawn.at).toBe(s.ws - 2000);
    expect(spawn.args).not.toContain('-t');
    expect(spawn.proc.stopCalls).toBe(1);
    expect(spawn.proc.stopRequestedAt).toBe(s.ws + 8000);
    expect(s.clock.now()).toBe(s.ws + 8000);
    expect(result).toMatchObject({
      windowStart: s.ws,
      windowEnd: s.ws + 8000,
      stoppedEarly: false,
      gaps: [],
    });
    expect(result.parts).toHaveLength(1);
    expect(result.parts[0]).toMatchObject({
      path: '/parts/part-001.mka',
      url: A,
      codec: 'mp3',
      endedAt: s.ws + 8000,
      keepSeconds: 8,
    });
    // the raw part holds the burst too: longer than the window, trimmed by keepSeconds
    expect(spawn.proc.mediaSeconds).toBeGreaterThan(8 + 4);
    expect(s.logger.entries.every((e) => e.sessionId === 'sess-1')).toBe(true);
  });

  it('starts the window when called late and never runs past its end', async () => {
    const s = setup(() => healthy, { startInMs: -3000 });
    const result = await s.run();
    expect(s.runner.spawns[0]!.at).toBe(s.ws + 3000);
    expect(result.windowStart).toBe(s.ws + 3000);
    expect(result.parts[0]!.keepSeconds).toBe(5);
    expect(result.gaps).toEqual([]);
  });

  it('reconnects after a drop with backoff and records the gap the burst cannot fill', async () => {
    const s = setup((n) =>
      n === 0
        ? { ...healthy, exitAfterMs: 8000, stderr: 'Stream ends prematurely' }
        : n < 3
          ? { exitAfterMs: 100, stderr: 'Server returned 404 Not Found' }
          : { audioAfterMs: 200, burstSeconds: 0.5 },
    );
    const result = await s.run({ windowEnd: s.ws + 12_000 });
    const at = s.runner.spawns.map((x) => x.at - s.ws);
    // healthy part ended at +6 s: reconnect at once; then 0.5 s and 1 s backoff after failures
    expect(at).toEqual([-2000, 6000, 6600, 7700]);
    expect(result.parts.map((p) => p.keepSeconds)).toEqual([6, 6]);
    const media2 = s.runner.spawns[3]!.proc.mediaSeconds;
    expect(media2).toBeCloseTo(0.5 + (12_000 - 7900 - 100) / 1000, 3);
    expect(result.gaps).toHaveLength(1);
    expect(result.gaps[0]!.at).toBe(new Date(s.ws + 6000).toISOString());
    expect(result.gaps[0]!.seconds).toBeCloseTo(6 - media2, 3);
    // the failed attempts' files are deleted
    expect(s.removed).toEqual(['/parts/part-002.mka', '/parts/part-003.mka']);
    const warns = s.logger.entries.filter((e) => e.level === 'warn').map((e) => e.message);
    expect(warns[0]).toMatch(/Stream dropped.*Stream ends prematurely.*reconnecting .* in 0 s/);
    expect(warns[1]).toMatch(/Connection failed.*404.*in 0\.5 s/);
  });

  it('detects a stall, ends the part when audio stopped, and starts a new part', async () => {
    const s = setup(
      (n) =>
        n === 0 ? { ...healthy, stallAfterMs: 4000 } : { audioAfterMs: 200, burstSeconds: 3 },
      { windowMs: 20_000 },
    );
    const result = await s.run();
    const [first, second] = s.runner.spawns;
    expect(first!.proc.stopCalls).toBe(1);
    // last advance at +2 s; stall detected 8 s later, within one watch interval
    expect(first!.proc.stopRequestedAt! - s.ws).toBeGreaterThanOrEqual(10_000);
    expect(first!.proc.stopRequestedAt! - s.ws).toBeLessThanOrEqual(10_250);
    expect(second!.at - first!.proc.stopRequestedAt!).toBe(500);
    expect(result.parts).toHaveLength(2);
    expect(result.parts[0]!.endedAt).toBe(s.ws + 2000);
    expect(result.parts[0]!.keepSeconds).toBe(2);
    expect(result.parts[1]!.keepSeconds).toBe(18);
    expect(result.gaps[0]!.at).toBe(new Date(s.ws + 2000).toISOString());
    const media2 = second!.proc.mediaSeconds;
    expect(result.gaps[0]!.seconds).toBeCloseTo(18 - media2, 2);
    expect(s.logger.entries.some((e) => /stalled/.test(e.message))).toBe(true);
  });

  it('fails over to the fallback after maxFailuresPerUrl failures, then wraps around', async () => {
    const s = setup(
      (_n, args) =>
        args.includes(A) ? { exitAfterMs: 50, stderr: 'Connection refused' } : { exitAfterMs: 50 },
      { windowMs: 30_000 },
    );
    await expect(s.run({ urls: [A, B] })).rejects.toMatchObject({ code: 'STREAM_UNREACHABLE' });
    expect(s.runner.inputs.slice(0, 9)).toEqual([A, A, A, B, B, B, A, A, A]);
    const at = s.runner.spawns.map((x) => x.at - s.runner.spawns[0]!.at);
    // failures at +100: 0.5 s, 1 s, then a quick switch (0.5 s); after a full round 1 s
    expect(at.slice(0, 7)).toEqual([0, 600, 1700, 2300, 2900, 4000, 5100]);
    const warns = s.logger.entries.filter((e) => /switching to/.test(e.message));
    expect(warns[0]!.message).toMatch(/switching to fallback URL http:\/\/fallback/);
    expect(warns[1]!.message).toMatch(/switching to the primary URL/);
  });

  it('records from the fallback when the primary refuses connections', async () => {
    const s = setup((_n, args) =>
      args.includes(A) ? { exitAfterMs: 50, stderr: 'Connection refused' } : healthy,
    );
    const result = await s.run({ urls: [A, B], maxFailuresPerUrl: 2 });
    expect(s.runner.inputs).toEqual([A, A, B]);
    expect(result.parts).toHaveLength(1);
    expect(result.parts[0]!.url).toBe(B);
    expect(result.lastError).toMatch(/Connection refused/);
  });

  it('stops at once when the signal aborts and reports the window as stopped early', async () => {
    const s = setup(() => healthy);
    const controller = new AbortController();
    void s.clock.sleep(5000 + 3000).then(() => controller.abort());
    const result = await s.run({ signal: controller.signal });
    expect(result.stoppedEarly).toBe(true);
    expect(result.windowEnd).toBe(s.ws + 3000);
    expect(result.parts[0]!.keepSeconds).toBe(3);
    expect(s.runner.spawns[0]!.proc.stopCalls).toBe(1);
    expect(s.clock.now()).toBe(s.ws + 3000);
  });

  it('returns no parts when stopped before any audio arrived', async () => {
    const s = setup(() => ({}));
    const controller = new AbortController();
    void s.clock.sleep(5000 + 1000).then(() => controller.abort());
    const result = await s.run({ signal: controller.signal });
    expect(result.parts).toEqual([]);
    expect(result.stoppedEarly).toBe(true);
    expect(s.removed).toEqual(['/parts/part-001.mka']);
  });

  it('throws STREAM_UNREACHABLE with the last ffmpeg error when no audio came all window', async () => {
    const s = setup(() => ({
      exitAfterMs: 100,
      stderr: 'http://x: Server returned 404 Not Found',
    }));
    const err = await s.run().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect(err).toMatchObject({ code: 'STREAM_UNREACHABLE' });
    expect((err as Error).message).toMatch(/404 Not Found/);
    expect((err as Error).message).toMatch(/Check the stream URL/);
    expect(s.removed).toHaveLength(s.runner.spawns.length);
    expect(s.clock.now()).toBe(s.ws + 8000);
  });

  it('gives up an attempt without audio after the connect timeout', async () => {
    const s = setup((n) => (n === 0 ? {} : healthy), { windowMs: 20_000 });
    const result = await s.run({ tuning: { connectTimeoutMs: 4000 } });
    const [first, second] = s.runner.spawns;
    expect(first!.proc.stopRequestedAt! - first!.at).toBeGreaterThanOrEqual(4000);
    expect(first!.proc.stopRequestedAt! - first!.at).toBeLessThan(4300);
    expect(second!.at - first!.proc.stopRequestedAt!).toBe(500);
    expect(result.parts).toHaveLength(1);
    expect(result.parts[0]!.keepSeconds).toBe(20);
  });

  it('drops a part that ended before the window opened', async () => {
    const s = setup((n) =>
      n === 0 ? { audioAfterMs: 100, burstSeconds: 4, exitAfterMs: 1500 } : healthy,
    );
    const result = await s.run();
    expect(s.runner.spawns.map((x) => x.at - s.ws)).toEqual([-2000, 0]);
    expect(result.parts).toHaveLength(1);
    expect(result.parts[0]!.keepSeconds).toBe(8);
    expect(s.removed).toEqual(['/parts/part-001.mka']);
  });

  it('leaves a stop that q does not end to the process wrapper (one stop call)', async () => {
    const s = setup(() => ({ ...healthy, ignoreQ: true }));
    const result = await s.run({ tuning: { stopGraceMs: 1500 } });
    const proc = s.runner.spawns[0]!.proc;
    expect(proc.stopCalls).toBe(1);
    expect(proc.signals).toEqual(['SIGTERM']);
    expect(s.clock.now()).toBe(s.ws + 8000 + 1500);
    expect(result.parts[0]!.keepSeconds).toBe(8);
  });

  it('refuses local URLs before starting anything', async () => {
    const s = setup(() => healthy);
    const err = await s.run({ urls: [A, 'file:///etc/passwd'] }).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'UNSUPPORTED_URL_SCHEME', field: 'fallbackUrls.0' });
    expect(s.runner.spawns).toHaveLength(0);
  });

  it('refuses a window that is already over', async () => {
    const s = setup(() => healthy, { startInMs: -10_000 });
    await expect(s.run()).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
  });

  it('records the playlist entry the resolver picked, and re-resolves after failures', async () => {
    let resolves = 0;
    const s = setup((n) => (n === 0 ? { exitAfterMs: 100 } : healthy), {
      resolve: async (url) => {
        resolves += 1;
        return { url: `${url.replace(/\.mp3$/, '')}-entry${resolves}.mp3`, kind: 'entry' };
      },
    });
    const result = await s.run();
    expect(s.runner.inputs).toEqual([
      'http://primary.example/live-entry1.mp3',
      'http://primary.example/live-entry2.mp3',
    ]);
    expect(result.parts[0]!.url).toBe('http://primary.example/live-entry2.mp3');
  });

  it('counts a URL that cannot be resolved as a failed attempt', async () => {
    const s = setup(() => healthy, {
      resolve: async (url) => {
        if (url === A) throw new AppError('STREAM_UNREACHABLE', 'The playlist lists no streams');
        return { url, kind: 'direct' };
      },
    });
    const result = await s.run({ urls: [A, B], maxFailuresPerUrl: 2 });
    expect(s.runner.inputs).toEqual([B]);
    expect(result.parts[0]!.url).toBe(B);
    expect(s.logger.entries.some((e) => /lists no streams/.test(e.message))).toBe(true);
  });

  it('tolerates the segment rhythm of HLS before calling it a stall', async () => {
    const s = setup((n) => (n === 0 ? { ...healthy, stallAfterMs: 4000 } : healthy), {
      windowMs: 30_000,
      resolve: async (url) => ({ url, kind: 'hls', hlsTargetSeconds: 6 }),
    });
    await s.run();
    const first = s.runner.spawns[0]!;
    // 2.5 target durations = 15 s after the last advance (+2 s), not 8 s
    expect(first.proc.stopRequestedAt! - s.ws).toBeGreaterThanOrEqual(17_000);
    expect(first.proc.stopRequestedAt! - s.ws).toBeLessThan(17_300);
  });

  it('reports progress: connecting, recording with bytes, waiting', async () => {
    const s = setup((n) => (n === 0 ? { ...healthy, exitAfterMs: 3000 } : healthy));
    const seen: RecordingProgress[] = [];
    await s.run({ onProgress: (p) => seen.push(p) });
    const states = seen.map((p) => p.state).filter((v, i, a) => a[i - 1] !== v);
    expect(states).toEqual(['connecting', 'recording', 'waiting', 'connecting', 'recording']);
    const last = seen[seen.length - 1]!;
    expect(last.parts).toBe(2);
    expect(last.bytes).toBeGreaterThan(0);
    expect(last.elapsedSeconds).toBeGreaterThan(7);
  });

  it('tells the attempt, when the next one starts, the bit rate and why the last one ended', async () => {
    const s = setup((n) => (n === 0 ? { ...healthy, exitAfterMs: 3000 } : healthy));
    const seen: { p: RecordingProgress; at: number }[] = [];
    await s.run({ onProgress: (p) => seen.push({ p, at: s.clock.now() }) });
    const first = seen.find((e) => e.p.state === 'connecting')!.p;
    expect(first).toMatchObject({ attempt: 1, lastError: undefined });
    const receiving = seen.find((e) => e.p.state === 'recording' && e.p.bitRateKbps)!.p;
    expect(receiving.attempt).toBe(1);
    expect(receiving.bitRateKbps).toBeGreaterThan(0);
    const waiting = seen.find((e) => e.p.state === 'waiting')!;
    expect(waiting.p.attempt).toBe(2);
    expect(waiting.p.nextAttemptAt).toBeGreaterThan(waiting.at);
    expect(waiting.p.lastError).toMatch(/ffmpeg ended/);
    // (a stream the native reader hands to ffmpeg says "connecting" twice in its attempt)
    const second = seen.find((e) => e.p.state === 'connecting' && e.p.attempt !== 1)!;
    expect(second.p.attempt).toBe(2);
    expect(second.at).toBe(waiting.p.nextAttemptAt);
  });
});

describe('recordWindow for a manual run (record now for N seconds)', () => {
  const N = 15_000;
  const manual = (script: (n: number) => FakeBehaviour, windowMs = N) => {
    const s = setup(script, { startInMs: 0, windowMs });
    return { s, run: () => s.run({ kind: 'manual' }) };
  };

  it('keeps the requested window when the burst covers a slow connection (audio after 3 s)', async () => {
    const { s, run } = manual(() => ({ audioAfterMs: 3000, burstSeconds: 4 }));
    const result = await run();
    expect(s.runner.spawns[0]!.at).toBe(s.ws);
    expect(result).toMatchObject({ windowStart: s.ws, windowEnd: s.ws + N, gaps: [] });
    expect(result.parts[0]!.keepSeconds).toBe(15);
    expect(s.runner.spawns[0]!.proc.mediaSeconds).toBeGreaterThanOrEqual(15);
  });

  it('moves the window with audio that begins after the burst reaches (audio after 6 s)', async () => {
    const { s, run } = manual(() => ({ audioAfterMs: 6000, burstSeconds: 4 }));
    const result = await run();
    // the audio holds from 2 s after the request: 15 s from there
    expect(result).toMatchObject({ windowStart: s.ws + 2000, windowEnd: s.ws + 17_000, gaps: [] });
    expect(s.runner.spawns[0]!.proc.stopRequestedAt).toBe(s.ws + 17_000);
    expect(result.parts[0]!.keepSeconds).toBe(15);
    // the part holds them (to the fake ffmpeg's 100 ms progress step)
    expect(s.runner.spawns[0]!.proc.mediaSeconds).toBeGreaterThanOrEqual(14.9);
    expect(s.logger.entries.map((e) => e.message)).toContain(
      `The audio began 2.0 s after the request (connecting took longer than the server's burst covers): its window was moved 2.0 s later, to hold the 15 s asked for.`,
    );
  });

  it('a scheduled window with the same late audio keeps its clock times and records the gap', async () => {
    const s = setup(() => ({ audioAfterMs: 6000, burstSeconds: 4 }), {
      startInMs: 0,
      windowMs: N,
    });
    const result = await s.run({ kind: 'scheduled' });
    expect(result).toMatchObject({ windowStart: s.ws, windowEnd: s.ws + N });
    expect(result.gaps).toHaveLength(1);
    // the 2 s before the audio begins (to one progress interval)
    expect(result.gaps[0]!.seconds).toBeGreaterThanOrEqual(2);
    expect(result.gaps[0]!.seconds).toBeLessThanOrEqual(2.2);
  });

  it('still records N seconds when the source answers after N seconds have passed', async () => {
    const { s, run } = manual(() => ({ audioAfterMs: 8000, burstSeconds: 1 }), 5000);
    const result = await run();
    expect(result).toMatchObject({ windowStart: s.ws + 7000, windowEnd: s.ws + 12_000, gaps: [] });
    expect(result.parts[0]!.keepSeconds).toBe(5);
  });

  it('the reconnect after an early failure places the window with its audio', async () => {
    const { s, run } = manual((n) =>
      n === 0
        ? { exitAfterMs: 2500, stderr: 'Connection reset' }
        : { audioAfterMs: 2000, burstSeconds: 1 },
    );
    const result = await run();
    // second attempt at +3 s (0.5 s backoff), audio at +5 s reaching back 1 s
    expect(s.runner.spawns.map((x) => x.at - s.ws)).toEqual([0, 3000]);
    expect(result).toMatchObject({ windowStart: s.ws + 4000, windowEnd: s.ws + 19_000, gaps: [] });
    expect(result.parts.map((p) => p.keepSeconds)).toEqual([15]);
  });

  it('gives up after N seconds (at least one connect timeout) when no audio comes', async () => {
    const { s, run } = manual(() => ({ exitAfterMs: 100, stderr: 'Connection refused' }), 5000);
    await expect(run()).rejects.toMatchObject({ code: 'STREAM_UNREACHABLE' });
    expect(s.clock.now()).toBe(s.ws + 15_000);
  });
});

describe('recordWindow with a pause inside a part', () => {
  it('records the lost audio as a gap and keeps only the audio of the window', async () => {
    const s = setup(() => ({ ...healthy, pause: { atMs: 4000, forMs: 3000, skipped: true } }), {
      windowMs: 12_000,
    });
    const result = await s.run();
    expect(result.parts).toHaveLength(1);
    expect(result.gaps).toHaveLength(1);
    expect(result.gaps[0]!.at).toBe(new Date(s.ws + 2000).toISOString());
    expect(result.gaps[0]!.seconds).toBeCloseTo(3, 1);
    expect(result.parts[0]!.keepSeconds).toBeCloseTo(9, 1);
    const paused = s.logger.entries.find((e) => /s of audio never arrived/.test(e.message));
    // placed in the window in seconds, not as UTC text
    expect(paused?.message).toMatch(
      /^The stream paused 2 s into the window and 3(\.\d+)? s of audio never arrived\.$/,
    );
    expect(s.logger.entries.filter((e) => /\d{4}-\d\d-\d\dT/.test(e.message))).toEqual([]);
  });
});

describe('recordWindow stopped before the window opened', () => {
  it('returns an empty window without parts', async () => {
    const s = setup(() => healthy, { startInMs: 10_000 });
    const controller = new AbortController();
    void s.clock.sleep(1000).then(() => controller.abort());
    const result = await s.run({ signal: controller.signal });
    expect(s.runner.spawns).toHaveLength(0);
    expect(result).toMatchObject({ parts: [], gaps: [], stoppedEarly: true });
    expect(result.windowStart).toBe(result.windowEnd);
  });
});

describe('recordWindow with the native reader', () => {
  const frame = 1152 / 44100;
  /** A native part that gets 4 s of burst at once, then live audio, until the window ends. */
  const nativeRun =
    (clock: FakeClock, calls: string[]): RecorderDeps['nativePart'] =>
    async (o) => {
      calls.push(o.partPath);
      const audioStartedAt = clock.now() + 300;
      await clock.sleep(300);
      o.onProgress?.({ outTimeSeconds: 4, totalSize: 1000, progress: 'continue' });
      await new Promise((r) => o.stop.addEventListener('abort', r, { once: true }));
      const endedAt = clock.now();
      const mediaSeconds = 4 + (endedAt - audioStartedAt) / 1000;
      const frames = Math.round(mediaSeconds / frame);
      return {
        run: {
          reason: 'stopped',
          spawnedAt: audioStartedAt - 300,
          audioStartedAt,
          endedAt,
          reportedSeconds: frames * frame,
          reportedBytes: frames * 417,
          exit: { code: 0, signal: null },
          stderrTail: '',
          endMessage: '',
          losses: [],
          path: o.partPath.replace(/\.mka$/, '.mp3'),
          codec: 'mp3',
          frames,
          mediaSeconds: frames * frame,
          titles: [
            { at: audioStartedAt - 4000, title: 'Before the window' },
            { at: endedAt - 3000, title: 'Song\u0000 two' },
          ],
        },
      };
    };

  it('records natively: frames trimmed by count, tracks in the window, no ffmpeg', async () => {
    const calls: string[] = [];
    const s: { clock: FakeClock } & ReturnType<typeof setup> = setup(() => healthy, {
      nativePart: (o) => nativeRun(s.clock, calls)(o),
    });
    const result = await s.run();
    expect(s.runner.spawns).toHaveLength(0);
    expect(calls).toEqual(['/parts/part-001.mka']);
    const part = result.parts[0]!;
    expect(part).toMatchObject({ path: '/parts/part-001.mp3', codec: 'mp3' });
    // 8 s of window kept, a whole number of frames, the burst and the preconnect left out
    expect(part.frames! - part.skipFrames!).toBe(Math.round(8 / frame));
    expect(part.keepSeconds).toBeCloseTo(Math.round(8 / frame) * frame, 9);
    expect(result.tracks).toEqual([
      { at: s.ws, title: 'Before the window' },
      { at: s.ws + 5000, title: 'Song two' },
    ]);
  });

  it("connects without waiting for ffmpeg's capabilities, which only an ffmpeg part needs", async () => {
    const calls: string[] = [];
    const connectedAt: number[] = [];
    let asked = 0;
    const s: { clock: FakeClock } & ReturnType<typeof setup> = setup(() => healthy, {
      nativePart: (o) => {
        connectedAt.push(s.clock.now());
        return nativeRun(s.clock, calls)(o);
      },
      // still being learnt all window (a busy machine), and then failing: not this run's concern
      capabilities: async () => {
        asked += 1;
        await s.clock.sleep(60_000);
        throw new AppError('FFMPEG_NOT_FOUND', 'no ffmpeg');
      },
    });
    const result = await s.run();
    expect(asked).toBe(1);
    expect(connectedAt).toEqual([s.ws - 2000]);
    expect(result.parts.map((p) => p.path)).toEqual(['/parts/part-001.mp3']);
  });

  it('a part that goes to ffmpeg waits for its capabilities, and fails with them', async () => {
    const s = setup(() => healthy, {
      nativePart: async () => ({ fallback: 'it sends application/ogg' }),
      capabilities: async () => {
        await s.clock.sleep(1000);
        throw new AppError('FFMPEG_NOT_FOUND', 'no ffmpeg');
      },
    });
    await expect(s.run()).rejects.toMatchObject({ code: 'FFMPEG_NOT_FOUND' });
    expect(s.runner.spawns).toHaveLength(0);
  });

  it('leaves a stream it cannot read to ffmpeg, and says so once', async () => {
    let asked = 0;
    const s = setup((n) => (n === 0 ? { ...healthy, exitAfterMs: 3000 } : healthy), {
      nativePart: async () => {
        asked += 1;
        return { fallback: 'it sends application/ogg' };
      },
    });
    const result = await s.run();
    expect(asked).toBe(1);
    expect(s.runner.spawns.length).toBe(2);
    expect(result.parts.map((p) => p.path)).toEqual(['/parts/part-001.mka', '/parts/part-002.mka']);
    const said = s.logger.entries.filter((e) => e.message.includes('cannot read'));
    expect(said.map((e) => e.message)).toEqual([
      `The native reader cannot read ${A} (it sends application/ogg): ffmpeg records it.`,
    ]);
  });
});
