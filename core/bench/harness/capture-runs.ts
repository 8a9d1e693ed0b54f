// N recordings at once of live MP3 mounts: through the built server (POST
// /api/streams/:id/record), or as N bare `ffmpeg -c copy` captures of the same mounts for the same
// wall-clock time (stopped with `q`, as the recorder stops its ffmpeg). CPU seconds and peak
// RSS/PSS of the whole process tree (/proc), for the recording itself and for the whole run.
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { SessionDto } from '../../contract';
import { sleep } from '../../test-support/wait';
import type { BenchContext } from './context';
import { durationOf } from './media';
import { TreeSampler, type SelfUsage } from './proc';
import { expectOk, startAppServer, type AppServer } from './server';
import { startWorker } from './workers';
import type { BareCommandsInput } from '../workers/bare-commands';

/** The most recordings one server runs at once (MAX_CONCURRENT_RECORDINGS allows 1..100). */
export const MAX_PER_SERVER = 100;

export interface Measured {
  /** CPU of the tree(s) over the recording window (see recordingWindow). */
  recordingCpuSeconds: number;
  /** How long that window really was (from just before the first capture started). */
  recordingWindowSeconds: number;
  /** From just before the first capture started until all had (POSTs answered; spawned). */
  startSeconds: number;
  wholeCpuSeconds: number;
  /** The app's node process(es) alone (the rest is their ffmpeg/ffprobe children); 0 for bare. */
  recordingNodeCpuSeconds: number;
  wholeNodeCpuSeconds: number;
  peakRssBytes: number;
  peakPssBytes: number;
  /** The most processes in the measured tree(s) until the windows ended. */
  recordingPeakProcesses: number;
  wallSeconds: number;
}

export interface Delivered {
  id: string;
  status: string;
  gaps: number;
  error: string | null | undefined;
  planned: number;
  ffprobeSeconds: number;
}

/** `count` live 128 kb/s MP3 mounts (`/c1.mp3`, ...) on the shared Icecast. */
export async function mountsFor(ctx: BenchContext, count: number): Promise<string[]> {
  const urls: string[] = [];
  for (let i = 1; i <= count; i++) {
    const ice = await ctx.mount(`/c${i}.mp3`, {
      codec: 'mp3',
      bitrateKbps: 128,
      frequency: 300 + 100 * i,
    });
    urls.push(ice.url(`/c${i}.mp3`));
  }
  return urls;
}

/** The recording window ends this long before the captures' planned end. */
export const WINDOW_MARGIN_MS = 300;

/**
 * The window "CPU while recording" is read over, the same for the app and the bare captures:
 * from just before the first capture is started (`startedAt`, Date.now(): the app's first
 * POST /record, the wrapper's first spawn) to WINDOW_MARGIN_MS before the captures' planned end,
 * while every capture still runs. Sleeps until then and reads the sampler; throws when the
 * reading is not a measurement (a measured root had exited: its reaped children's CPU left
 * with it, which once read as 0.0 s).
 */
export async function recordingWindow(
  sampler: Pick<TreeSampler, 'sinceStart'>,
  startedAt: number,
  seconds: number,
  now: () => number = Date.now,
) {
  await sleep(startedAt + seconds * 1000 - WINDOW_MARGIN_MS - now());
  const reading = sampler.sinceStart();
  const windowSeconds = (now() - startedAt) / 1000;
  if (reading.rootsGone.length > 0 || !Number.isFinite(reading.cpuSeconds)) {
    throw new Error(
      `CPU while recording: process(es) ${reading.rootsGone.join(', ')} exited before the ` +
        `window ended (${windowSeconds.toFixed(1)} s): their children's CPU cannot be read`,
    );
  }
  return { ...reading, windowSeconds };
}

/** Polls GET /api/sessions until every session in `ids` is COMPLETED or FAILED. */
async function waitSettled(
  server: AppServer,
  ids: Set<string>,
  timeoutMs: number,
): Promise<SessionDto[]> {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    const list = expectOk(await server.api('GET', '/api/sessions?limit=500'), 'list sessions');
    const done = list
      .json<{ items: SessionDto[] }>()
      .items.filter((s) => ids.has(s.id) && (s.status === 'COMPLETED' || s.status === 'FAILED'));
    if (done.length === ids.size) return done;
    if (performance.now() > deadline) {
      throw new Error(`only ${done.length} of ${ids.size} recordings finished in time`);
    }
    await sleep(1000);
  }
}

export interface AppRunOptions {
  /** Environment for the server (e.g. NATIVE_CAPTURE). */
  env?: Record<string, string>;
  /** Stream fields beyond name, URL and tags (e.g. deadAirSeconds: 0). */
  stream?: Record<string, unknown>;
  /** Recordings per server (default MAX_PER_SERVER); quick mode lowers it to run two. */
  perServer?: number;
}

/** One server's share: its streams, created, and one short warm-up recording run. */
async function prepareServer(
  ctx: BenchContext,
  label: string,
  urls: readonly string[],
  first: number,
  count: number,
  o: AppRunOptions,
): Promise<{ server: AppServer; streamIds: string[] }> {
  const server = await startAppServer(join(ctx.tmp, label), {
    MAX_CONCURRENT_RECORDINGS: String(count),
    ...o.env,
  });
  try {
    const streamIds: string[] = [];
    for (let i = first; i < first + count; i++) {
      const stream = expectOk(
        await server.api('POST', '/api/streams', {
          name: `Concurrent ${i + 1}`,
          streamUrl: urls[i % urls.length],
          artist: 'Bench',
          album: 'Concurrency',
          albumArtist: 'Bench',
          ...o.stream,
        }),
        'create a stream',
      ).json<{ id: string }>();
      streamIds.push(stream.id);
    }
    // steady state: one short recording first, so once-per-process work (ffmpeg capability
    // detection, ~0.4 CPU s) is not counted as per-recording work
    const warm = expectOk(
      await server.api('POST', `/api/streams/${streamIds[0]}/record`, { durationSeconds: 2 }),
      'warm-up recording',
    ).json<SessionDto>();
    await waitSettled(server, new Set([warm.id]), 60_000);
    return { server, streamIds };
  } catch (error) {
    await server.stop();
    throw error;
  }
}

/** Each session's outcome and its file's length (ffprobe), 8 files at a time. */
async function lengthsOf(done: readonly SessionDto[]): Promise<Delivered[]> {
  const out: Delivered[] = [];
  for (let i = 0; i < done.length; i += 8) {
    const batch = done.slice(i, i + 8).map(async (s) => ({
      id: s.id,
      status: s.status,
      gaps: s.gaps.length,
      error: s.errorMessage,
      planned: s.plannedDurationSeconds,
      ffprobeSeconds: s.outputFilePath ? await durationOf(s.outputFilePath) : Number.NaN,
    }));
    out.push(...(await Promise.all(batch)));
  }
  return out;
}

/**
 * `n` recordings of `seconds` at once through the built server; above MAX_PER_SERVER through
 * as many servers as that takes, measured together (their trees summed).
 */
export async function appRun(
  ctx: BenchContext,
  label: string,
  n: number,
  seconds: number,
  urls: readonly string[],
  o: AppRunOptions = {},
) {
  const per = o.perServer ?? MAX_PER_SERVER;
  const shares = Array.from({ length: Math.ceil(n / per) }, (_, k) => Math.min(per, n - k * per));
  const servers: { server: AppServer; streamIds: string[] }[] = [];
  try {
    for (const [k, count] of shares.entries()) {
      servers.push(await prepareServer(ctx, `${label}-${k}`, urls, k * per, count, o));
    }
    const sampler = new TreeSampler(
      servers.map((s) => s.server.pid),
      'all',
    ).start();
    const t0 = performance.now();
    const startedAt = Date.now();
    // the window ends at the same time after the first start however long the starts take
    const window = recordingWindow(sampler, startedAt, seconds);
    window.catch(() => undefined); // awaited below; not unhandled if a start fails first
    const started = await Promise.all(
      servers.map(({ server, streamIds }) =>
        Promise.all(
          streamIds.map(async (id) => {
            const answer = await server.api('POST', `/api/streams/${id}/record`, {
              durationSeconds: seconds,
            });
            return expectOk(answer, 'record now').json<SessionDto>();
          }),
        ),
      ),
    );
    const startSeconds = (Date.now() - startedAt) / 1000;
    const recording = await window;
    const done = await Promise.all(
      servers.map(({ server }, k) =>
        waitSettled(server, new Set(started[k]!.map((x) => x.id)), 300_000 + n * 3000),
      ),
    );
    const whole = sampler.stop();
    const wallSeconds = (performance.now() - t0) / 1000;
    const measured: Measured = {
      recordingCpuSeconds: recording.cpuSeconds,
      recordingWindowSeconds: recording.windowSeconds,
      startSeconds,
      wholeCpuSeconds: whole.cpuSeconds,
      recordingNodeCpuSeconds: recording.rootCpuSeconds,
      wholeNodeCpuSeconds: whole.rootCpuSeconds,
      peakRssBytes: whole.peakRssBytes,
      peakPssBytes: whole.peakPssBytes,
      recordingPeakProcesses: recording.peakProcesses,
      wallSeconds,
    };
    return {
      measured,
      servers: servers.length,
      lengths: await lengthsOf(done.flat()),
      peakProcesses: whole.peakProcesses,
    };
  } finally {
    for (const s of servers) await s.server.stop();
  }
}

/** `n` bare `ffmpeg -c copy` captures of the same mounts for the same wall-clock time. */
export async function bareRun(
  ctx: BenchContext,
  label: string,
  n: number,
  seconds: number,
  urls: readonly string[],
) {
  const input: BareCommandsInput & { delayMs: number } = {
    delayMs: 300, // lets the sampler read the tree before the children start (nothing to count)
    commands: Array.from({ length: n }, (_, i) => ({
      bin: 'ffmpeg',
      args: [
        ...['-hide_banner', '-loglevel', 'error', '-i', urls[i % urls.length]!],
        ...['-map', '0:a:0', '-c', 'copy', '-f', 'matroska'],
        join(ctx.tmp, `${label}-${n}-${i + 1}.mka`),
      ],
      stopAfterMs: seconds * 1000,
    })),
  };
  const worker = await startWorker('bare-commands', input);
  // the wrapper stays alive after `done` until stopped (bare-commands), so its cutime/cstime
  // still hold the reaped ffmpegs' CPU at every reading, however late
  const sampler = new TreeSampler(worker.pid, 'children').start();
  try {
    const starting = await worker.next<{ event: 'starting'; at: number }>('starting', 60_000);
    const t0 = performance.now();
    // spawning 200 ffmpeg processes on a loaded 2-core machine took over 30 s (~100 s at a load
    // average of 20+): the window ends at the same time after the first start regardless
    const [recording, started] = await Promise.all([
      recordingWindow(sampler, starting.at, seconds),
      worker.next<{ event: 'started'; at: number }>('started', 60_000 + n * 1000),
    ]);
    const done = await worker.next<{
      event: 'done';
      results: { code: number | null; wallMs: number }[];
      usage: SelfUsage;
    }>('done', (seconds + 120 + n) * 1000);
    const sampled = sampler.stop();
    const measured: Measured = {
      recordingCpuSeconds: recording.cpuSeconds,
      recordingWindowSeconds: recording.windowSeconds,
      startSeconds: (started.at - starting.at) / 1000,
      // exact: getrusage(RUSAGE_CHILDREN) of the wrapper once every ffmpeg was reaped
      wholeCpuSeconds: done.usage.childrenCpuSeconds,
      recordingNodeCpuSeconds: 0,
      wholeNodeCpuSeconds: 0,
      peakRssBytes: sampled.peakRssBytes,
      peakPssBytes: sampled.peakPssBytes,
      recordingPeakProcesses: recording.peakProcesses,
      wallSeconds: (performance.now() - t0) / 1000,
    };
    return {
      measured,
      exitedOk: done.results.filter((r) => r.code === 0).length,
      // how long the ffmpegs ran in all (n × seconds when the spawns were quick; more when they
      // were slow, as the first ones wait for the last): the whole run's CPU covers this much
      captureSeconds: done.results.reduce((sum, r) => sum + r.wallMs, 0) / 1000,
    };
  } finally {
    sampler.stop();
    await worker.stop();
  }
}
