// Concurrency: N recordings at once of live MP3 mounts through the built server (POST
// /api/streams/:id/record), against N bare `ffmpeg -c copy` captures of the same mounts for the
// same wall-clock time (stopped with `q`, as the recorder stops its ffmpeg). CPU seconds and peak
// RSS of the whole process tree (/proc), for the recording itself and for the whole run (the app
// then also joins, validates and tags each recording, which bare ffmpeg does not do).
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { SessionDto } from '../contract';
import { sleep } from '../test-support/wait';
import type { BenchContext, Benchmark } from './harness/context';
import { durationOf } from './harness/media';
import { TreeSampler, type SelfUsage } from './harness/proc';
import { expectOk, startAppServer, type AppServer } from './harness/server';
import { ratioOf } from './harness/stats';
import { fmt, type Row } from './harness/table';
import { startWorker } from './harness/workers';
import type { BareCommandsInput } from './workers/bare-commands';

const GOAL = 1.1;

interface Measured {
  recordingCpuSeconds: number;
  wholeCpuSeconds: number;
  /** The app's node process alone (the rest is its ffmpeg/ffprobe children); 0 for bare. */
  recordingNodeCpuSeconds: number;
  wholeNodeCpuSeconds: number;
  peakRssBytes: number;
  peakPssBytes: number;
  wallSeconds: number;
}

async function mountsFor(ctx: BenchContext, count: number): Promise<string[]> {
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
    await sleep(500);
  }
}

async function appRun(ctx: BenchContext, n: number, seconds: number, urls: string[]) {
  const server = await startAppServer(join(ctx.tmp, `concurrency-${n}`), {
    MAX_CONCURRENT_RECORDINGS: String(n),
  });
  try {
    const ids: string[] = [];
    for (let i = 0; i < n; i++) {
      const stream = expectOk(
        await server.api('POST', '/api/streams', {
          name: `Concurrent ${i + 1}`,
          streamUrl: urls[i % urls.length],
          artist: 'Bench',
          album: 'Concurrency',
          albumArtist: 'Bench',
        }),
        'create a stream',
      ).json<{ id: string }>();
      ids.push(stream.id);
    }
    // steady state: one short recording first, so the once-per-process ffmpeg capability
    // detection (8 `ffmpeg -h …` runs, ~0.4 CPU s) is not counted as per-recording work
    const warm = expectOk(
      await server.api('POST', `/api/streams/${ids[0]}/record`, { durationSeconds: 2 }),
      'warm-up recording',
    ).json<SessionDto>();
    await waitSettled(server, new Set([warm.id]), 60_000);
    const sampler = new TreeSampler(server.pid, 'all').start();
    const t0 = performance.now();
    const sessions = await Promise.all(
      ids.map(async (id) =>
        expectOk(
          await server.api('POST', `/api/streams/${id}/record`, { durationSeconds: seconds }),
          'record now',
        ).json<SessionDto>(),
      ),
    );
    await sleep(t0 + seconds * 1000 - 300 - performance.now());
    const recording = sampler.sinceStart();
    const done = await waitSettled(server, new Set(sessions.map((x) => x.id)), 300_000);
    const whole = sampler.stop();
    const wallSeconds = (performance.now() - t0) / 1000;
    const lengths = await Promise.all(
      done.map(async (s) => ({
        id: s.id,
        status: s.status,
        gaps: s.gaps.length,
        error: s.errorMessage,
        planned: s.plannedDurationSeconds,
        ffprobeSeconds: s.outputFilePath ? await durationOf(s.outputFilePath) : Number.NaN,
      })),
    );
    const measured: Measured = {
      recordingCpuSeconds: recording.cpuSeconds,
      wholeCpuSeconds: whole.cpuSeconds,
      recordingNodeCpuSeconds: recording.rootCpuSeconds,
      wholeNodeCpuSeconds: whole.rootCpuSeconds,
      peakRssBytes: whole.peakRssBytes,
      peakPssBytes: whole.peakPssBytes,
      wallSeconds,
    };
    return { measured, lengths, peakProcesses: whole.peakProcesses };
  } finally {
    await server.stop();
  }
}

async function bareRun(ctx: BenchContext, n: number, seconds: number, urls: string[]) {
  const input: BareCommandsInput & { delayMs: number } = {
    delayMs: 300, // lets the sampler read the tree before the children start
    commands: Array.from({ length: n }, (_, i) => ({
      bin: 'ffmpeg',
      args: [
        ...['-hide_banner', '-loglevel', 'error', '-i', urls[i % urls.length]!],
        ...[
          '-map',
          '0:a:0',
          '-c',
          'copy',
          '-f',
          'matroska',
          join(ctx.tmp, `bare-${n}-${i + 1}.mka`),
        ],
      ],
      stopAfterMs: seconds * 1000,
    })),
  };
  const worker = await startWorker('bare-commands', input);
  const sampler = new TreeSampler(worker.pid, 'children').start();
  try {
    await worker.next('started', 30_000);
    const t0 = performance.now();
    await sleep(t0 + seconds * 1000 - 300 - performance.now());
    const recordingCpuSeconds = sampler.sinceStart().cpuSeconds;
    const done = await worker.next<{
      event: 'done';
      results: { code: number | null }[];
      usage: SelfUsage;
    }>('done', (seconds + 120) * 1000);
    const sampled = sampler.stop();
    const measured: Measured = {
      recordingCpuSeconds,
      // exact: getrusage(RUSAGE_CHILDREN) of the wrapper once every ffmpeg was reaped
      wholeCpuSeconds: done.usage.childrenCpuSeconds,
      recordingNodeCpuSeconds: 0,
      wholeNodeCpuSeconds: 0,
      peakRssBytes: sampled.peakRssBytes,
      peakPssBytes: sampled.peakPssBytes,
      wallSeconds: (performance.now() - t0) / 1000,
    };
    return { measured, exitedOk: done.results.filter((r) => r.code === 0).length };
  } finally {
    sampler.stop();
    await worker.stop();
  }
}

export const concurrency: Benchmark = {
  name: 'concurrency',
  title: 'Concurrent recordings (CPU and memory against bare ffmpeg -c copy)',
  async run(ctx) {
    const counts = ctx.quick ? [2] : [10, 25, 50];
    const seconds = ctx.quick ? 10 : 60;
    const urls = await mountsFor(ctx, ctx.quick ? 1 : 5);
    const rows: Row[] = [];
    const raw: Record<string, unknown> = { seconds, mounts: urls.length };
    for (const n of counts) {
      ctx.log(`  ${n} recordings of ${seconds} s: the app, then bare ffmpeg`);
      const app = await appRun(ctx, n, seconds, urls);
      const bare = await bareRun(ctx, n, seconds, urls);
      const ok = app.lengths.filter(
        (l) => l.status === 'COMPLETED' && Math.abs(l.ffprobeSeconds - l.planned) <= 0.5,
      ).length;
      const maxErr = Math.max(...app.lengths.map((l) => Math.abs(l.ffprobeSeconds - l.planned)));
      raw[`n${n}`] = { app, bare };
      const s = 'concurrency';
      const cpu = (label: string, a: number, b: number): Row => {
        const r = ratioOf(a, b);
        return {
          section: s,
          measure: `${n} at once: CPU, ${label}`,
          app: fmt.seconds(a, 1),
          baseline: fmt.seconds(b, 1),
          ratio: fmt.ratio(r),
          goal: `≤ ${GOAL.toFixed(2)}×`,
          met: r !== undefined && r <= GOAL,
          values: { app: a, baseline: b, ratio: r, unit: 'cpu-s' },
        };
      };
      const memory = (label: string, key: 'peakRssBytes' | 'peakPssBytes'): Row => {
        const r = ratioOf(app.measured[key], bare.measured[key]);
        return {
          section: s,
          measure: `${n} at once: ${label}`,
          app: fmt.mb(app.measured[key]),
          baseline: fmt.mb(bare.measured[key]),
          ratio: fmt.ratio(r),
          goal: `≤ ${GOAL.toFixed(2)}×`,
          met: r !== undefined && r <= GOAL,
          values: { app: app.measured[key], baseline: bare.measured[key], ratio: r, unit: 'bytes' },
        };
      };
      rows.push(
        cpu(
          `recording (${seconds} s)`,
          app.measured.recordingCpuSeconds,
          bare.measured.recordingCpuSeconds,
        ),
        cpu(
          'whole run (app: + join, check, tag)',
          app.measured.wholeCpuSeconds,
          bare.measured.wholeCpuSeconds,
        ),
        memory('peak RSS, summed over the process tree', 'peakRssBytes'),
        memory('peak PSS (shared libraries split), summed', 'peakPssBytes'),
        {
          section: s,
          measure: `${n} at once: completed, length within ±0.5 s`,
          app: `${ok}/${n} (max ${maxErr.toFixed(2)} s)`,
          baseline: `${bare.exitedOk}/${n} exited 0`,
          ratio: '—',
          goal: 'all',
          met: ok === n,
        },
      );
    }
    return { rows, raw };
  },
};
