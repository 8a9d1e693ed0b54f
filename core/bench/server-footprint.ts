// Server footprint: the built headless server (`node dist/server/main.js`) with 1000 sessions in
// its database: cold start to healthy, idle memory, and GET /api/sessions under an open-loop load
// of 500 requests/s. Baseline: Node's own http server answering the same bytes (what Node alone
// costs, without framework, database or engine).
import { statSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { SessionRecord } from '../src/db/records';
import { SessionEntity } from '../src/db/entities/schemas';
import { Database } from '../src/db/database';
import { sessionRecord } from '../src/pipeline/session-fixtures';
import { seedStream } from '../src/pipeline/test-fixtures';
import { freePort } from '../test-support/free-port';
import { sleep } from '../test-support/wait';
import type { BenchContext, Benchmark } from './harness/context';
import { loopbackAddresses, runLoad, type LoadResult } from './harness/load';
import { TreeSampler } from './harness/proc';
import {
  BENCH_API_KEY,
  buildServerBundle,
  startAppServer,
  waitHealthy,
  type ProcessUnderTest,
} from './harness/server';
import { median, ratioOf } from './harness/stats';
import { fmt, type Row } from './harness/table';
import { bundleWorkers, startWorker } from './harness/workers';

const SESSIONS = 1000;
const RATE = 500;
/** The server allows 600 API calls a minute per client address: stay under it per address. */
const PER_ADDRESS = 500;

/** 1000 finished sessions of one stream, written through the database layer (migrations run). */
export async function seedSessions(dataDir: string, count: number): Promise<void> {
  const db = await Database.open({ path: join(dataDir, 'recorder.sqlite') });
  try {
    const now = Date.now();
    const stamp = new Date(now).toISOString();
    const stream = await seedStream(db, {
      id: 'bench-stream',
      name: 'Morning Show',
      streamUrl: 'http://radio.invalid/live.mp3',
      createdAt: stamp,
      updatedAt: stamp,
    });
    const sessions: SessionRecord[] = Array.from({ length: count }, (_, i) => {
      const start = now - (i + 1) * 8 * 3_600_000;
      const failed = i % 50 === 7;
      const date = new Date(start).toISOString().slice(0, 10);
      return sessionRecord({
        id: `bench-session-${String(i).padStart(4, '0')}`,
        streamId: stream.id,
        status: failed ? 'FAILED' : 'COMPLETED',
        transferStatus: failed ? 'SKIPPED' : 'COMPLETED',
        startTime: new Date(start).toISOString(),
        endTime: new Date(start + 3_600_000).toISOString(),
        durationSeconds: failed ? null : 3600.02,
        title: `${date} Morning Show`,
        trackNumber: 2000 + i,
        remotePath: failed ? null : `/srv/shows/${date} Morning Show.mp3`,
        fileSizeBytes: failed ? null : 86_500_000,
        gaps: i % 10 === 3 ? [{ at: new Date(start + 600_000).toISOString(), seconds: 4.2 }] : [],
        attempts: failed ? 0 : 1,
        errorMessage: failed ? 'STREAM_UNREACHABLE: the stream could not be reached.' : null,
        stopReason: failed ? 'source-failed' : 'window-end',
        createdAt: new Date(start).toISOString(),
        updatedAt: new Date(start + 3_700_000).toISOString(),
      });
    });
    await db.write(async (m) => {
      for (let i = 0; i < sessions.length; i += 100) {
        await m.insert(SessionEntity, sessions.slice(i, i + 100));
      }
    });
  } finally {
    await db.close();
  }
}

async function startBare(bodyFile: string): Promise<ProcessUnderTest> {
  await bundleWorkers();
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const started = performance.now();
  const worker = await startWorker('bare-http', { port, bodyFile });
  const coldStartMs = await waitHealthy(base, worker.proc, started);
  return { proc: worker.proc, pid: worker.pid, port, base, coldStartMs, stop: () => worker.stop() };
}

async function measure(
  ctx: BenchContext,
  server: ProcessUnderTest,
  count: number,
  headers: Record<string, string>,
) {
  await sleep(ctx.quick ? 2000 : 10_000); // idle: nothing asked of it
  const idle = new TreeSampler(server.pid, 'all').snapshot();
  const url = `${server.base}/api/sessions`;
  // warm-up from other addresses than the measured run (not counted)
  const warmup = Math.min(250, count);
  await runLoad({
    url,
    headers,
    rate: 250,
    count: warmup,
    localAddresses: loopbackAddresses(warmup, PER_ADDRESS).map((a) =>
      a.replace('127.0.0.', '127.0.1.'),
    ),
  });
  const sampler = new TreeSampler(server.pid, 'all').start();
  const load: LoadResult = await runLoad({
    url,
    headers,
    rate: RATE,
    count,
    localAddresses: loopbackAddresses(count, PER_ADDRESS),
  });
  const during = sampler.stop();
  const after = new TreeSampler(server.pid, 'all').snapshot();
  return {
    idleRssBytes: idle.rssBytes,
    afterLoadRssBytes: after.rssBytes,
    load,
    loadCpuSeconds: during.cpuSeconds,
    loadPeakRssBytes: during.peakRssBytes,
  };
}

/**
 * Starts a server `starts` times for its cold start: each but the last is stopped at once; the
 * last is answered still serving, with every cold start (ms) in order.
 */
async function afterColdStarts<S extends { coldStartMs: number; stop(): Promise<void> }>(
  starts: number,
  start: () => Promise<S>,
): Promise<{ server: S; coldStarts: number[] }> {
  const coldStarts: number[] = [];
  for (let i = 1; i < starts; i++) {
    const s = await start();
    coldStarts.push(s.coldStartMs);
    await s.stop();
  }
  const server = await start();
  coldStarts.push(server.coldStartMs);
  return { server, coldStarts };
}

export const serverFootprint: Benchmark = {
  name: 'server',
  title: 'Server footprint (1000 sessions in the database)',
  async run(ctx) {
    const buildMs = await buildServerBundle();
    const starts = ctx.quick ? 1 : 3;
    const count = ctx.quick ? 200 : RATE * 20;
    const dataDir = join(ctx.tmp, 'server-data');
    await seedSessions(dataDir, SESSIONS);

    const { server: app, coldStarts: appStarts } = await afterColdStarts(starts, () =>
      startAppServer(dataDir),
    );
    const bodyFile = join(ctx.tmp, 'sessions-body.json');
    let appResult;
    try {
      const page = await app.api('GET', '/api/sessions');
      if (page.status !== 200) throw new Error(`GET /api/sessions answered ${page.status}`);
      const total = page.json<{ total: number; items: unknown[] }>();
      if (total.total !== SESSIONS)
        throw new Error(`the server lists ${total.total} sessions, not ${SESSIONS}`);
      await writeFile(bodyFile, page.text);
      appResult = await measure(ctx, app, count, { 'x-api-key': BENCH_API_KEY });
    } finally {
      await app.stop();
    }

    const { server: bare, coldStarts: bareStarts } = await afterColdStarts(starts, () =>
      startBare(bodyFile),
    );
    let bareResult;
    try {
      bareResult = await measure(ctx, bare, count, {});
    } finally {
      await bare.stop();
    }

    const s = 'server';
    const coldApp = median(appStarts);
    const coldBare = median(bareStarts);
    const la = appResult.load;
    const lb = bareResult.load;
    const errors = la.sent - la.ok;
    const rIdle = ratioOf(appResult.idleRssBytes, bareResult.idleRssBytes);
    const rCold = ratioOf(coldApp, coldBare);
    const rAfter = ratioOf(appResult.afterLoadRssBytes, bareResult.afterLoadRssBytes);
    const rTp = ratioOf(la.throughput, lb.throughput);
    const rP50 = ratioOf(la.latencyMs.p50, lb.latencyMs.p50);
    const rP99 = ratioOf(la.latencyMs.p99, lb.latencyMs.p99);
    const perK = (cpu: number, ok: number) => (cpu * 1000) / Math.max(1, ok);
    const cpuApp = perK(appResult.loadCpuSeconds, la.ok);
    const cpuBare = perK(bareResult.loadCpuSeconds, lb.ok);
    const rCpu = ratioOf(cpuApp, cpuBare);
    const n = `${count} requests at ${RATE}/s`;
    const rows: Row[] = [
      {
        section: s,
        measure: 'idle memory (RSS)',
        app: fmt.mb(appResult.idleRssBytes),
        baseline: `${fmt.mb(bareResult.idleRssBytes)} (node:http)`,
        ratio: fmt.ratio(rIdle, 1),
        goal: '< 150 MB',
        met: appResult.idleRssBytes < 150 * 1_048_576,
        values: {
          app: appResult.idleRssBytes,
          baseline: bareResult.idleRssBytes,
          ratio: rIdle,
          unit: 'bytes',
        },
      },
      {
        section: s,
        measure: `memory after the ${count} requests (RSS)`,
        app: fmt.mb(appResult.afterLoadRssBytes),
        baseline: fmt.mb(bareResult.afterLoadRssBytes),
        ratio: fmt.ratio(rAfter, 1),
        goal: '—',
        met: null,
        values: {
          app: appResult.afterLoadRssBytes,
          baseline: bareResult.afterLoadRssBytes,
          ratio: rAfter,
          unit: 'bytes',
        },
      },
      {
        section: s,
        measure: `cold start to healthy${starts > 1 ? `, median of ${starts}` : ''}`,
        app: fmt.ms(coldApp, 0),
        baseline: fmt.ms(coldBare, 0),
        ratio: fmt.ratio(rCold, 1),
        goal: '< 2 s',
        met: coldApp < 2000,
        values: { app: coldApp, baseline: coldBare, ratio: rCold, unit: 'ms' },
      },
      {
        section: s,
        measure: `GET /api/sessions, ${n}: answered/s (errors)`,
        app: `${la.throughput.toFixed(0)}/s (${errors})`,
        baseline: `${lb.throughput.toFixed(0)}/s (${lb.sent - lb.ok})`,
        ratio: fmt.ratio(rTp),
        goal: `${RATE}/s, no errors`,
        met: errors === 0 && la.throughput >= RATE * 0.97,
        values: { app: la.throughput, baseline: lb.throughput, ratio: rTp, unit: 'req/s' },
      },
      {
        section: s,
        measure: 'GET /api/sessions: p50 latency',
        app: fmt.ms(la.latencyMs.p50, 2),
        baseline: fmt.ms(lb.latencyMs.p50, 2),
        ratio: fmt.ratio(rP50, 1),
        goal: '—',
        met: null,
        values: { app: la.latencyMs.p50, baseline: lb.latencyMs.p50, ratio: rP50, unit: 'ms' },
      },
      {
        section: s,
        measure: 'GET /api/sessions: p99 latency',
        app: fmt.ms(la.latencyMs.p99, 2),
        baseline: fmt.ms(lb.latencyMs.p99, 2),
        ratio: fmt.ratio(rP99, 1),
        goal: '< 20 ms',
        met: la.latencyMs.count > 0 && la.latencyMs.p99 < 20,
        values: { app: la.latencyMs.p99, baseline: lb.latencyMs.p99, ratio: rP99, unit: 'ms' },
      },
      {
        section: s,
        measure: 'GET /api/sessions: server CPU per 1000 requests',
        app: fmt.seconds(cpuApp, 2),
        baseline: fmt.seconds(cpuBare, 2),
        ratio: fmt.ratio(rCpu, 1),
        goal: '—',
        met: null,
        values: { app: cpuApp, baseline: cpuBare, ratio: rCpu, unit: 'cpu-s' },
      },
    ];
    return {
      rows,
      raw: {
        buildMs,
        sessions: SESSIONS,
        responseBytes: statSync(bodyFile).size,
        coldStartMs: { app: appStarts, bare: bareStarts },
        app: appResult,
        bare: bareResult,
      },
    };
  },
};
