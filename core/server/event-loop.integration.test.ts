// No request stalls the recorder (issue 11, item 1). The engine (createCore) and the HTTP server
// (buildServer) run IN this process, so perf_hooks.monitorEventLoopDelay measures their own event
// loop. While a real "record now" run records from a real Icecast mount fed by ffmpeg, the most
// expensive requests (the worst cron previews and the largest allowed restore) and 20
// ordinary API calls are under way together, round after round from shortly before the
// recording's window ends until it has (sent from a process of their own,
// core/test-support/request-rounds.ts); meanwhile /api/health is asked every 20 ms from here.
// Then: health answered within 100 ms at p99, the recording was told to stop within 0.5 s of its
// window's end, and the loop never stalled for 200 ms.
//
// The machine is shared (2 cores, other engineers' suites): the time the loop's thread spent
// waiting for a CPU (its run-queue wait, core/test-support/thread-time.ts) is the machine's, not
// the code's, and is taken out of each measure; the raw wall-clock values are printed beside.
// Before the fix one preview of `0 0 29 2 *` ran ~10 s on the CPU (no waiting explains that):
// this test then holds the loop for minutes at its first round and fails.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SessionDto } from '../contract';
import type { BackupDocument } from '../contract/operations/backup';
import { largestRestoreDocument } from '../src/backup/test-support';
import { loadSettings } from '../src/config/settings';
import { createCore, type Core } from '../src/create-core';
import { spawnRunner, type ProcessRunner, type RunningProcess } from '../src/ffmpeg/process';
import { startIcecast, type IcecastServer } from '../test-support/icecast';
import { spawnTracked } from '../test-support/processes';
import type { RoundRequest } from '../test-support/request-rounds';
import { mainThreadTime, type ThreadTime } from '../test-support/thread-time';
import { sleep } from '../test-support/wait';
import { buildServer } from './build-server';

const API_KEY = 'event-loop-api-key-0123456789';
const HEADERS = { 'x-api-key': API_KEY };
// the window: long enough to connect and to start the rounds' process on a busy machine (the
// warm-up of every request, which took minutes at a load average of 77, comes before it)
const RECORD_SECONDS = 30;
/** The rounds start this long before the recording's window ends, and go on until it has. */
const LOAD_BEFORE_END_MS = 1500;

const repoRoot = resolve(import.meta.dirname, '../..');

/** One request of a round and the status it must get. */
type ApiCall = RoundRequest;

const preview = (expression: string, timezone: string): ApiCall => ({
  name: `preview ${expression} (${timezone})`,
  method: 'GET',
  path: `/api/cron/preview?${new URLSearchParams({ expression, timezone, count: '50' })}`,
  status: 200,
});

/**
 * The worst cron previews found (README, "Contract additions"): 50 runs of sparse expressions,
 * which once spanned two centuries and a clock-change scan of every hour between them (`0 0 29 2
 * *` held the loop ~10 s), dense ones, and ones with a DST warning at every run.
 */
const WORST_PREVIEWS: ApiCall[] = [
  preview('0 0 29 2 *', 'Europe/Berlin'),
  preview('0 0 29 2 *', 'Australia/Lord_Howe'),
  preview('0 0 29 2 1#5', 'America/New_York'),
  preview('0 0 29 2 +1', 'Europe/Berlin'),
  preview('0 0 L 2 *', 'Europe/Berlin'),
  preview('0 0 31 12 *', 'Asia/Tehran'),
  preview('0 2 * 3,10 0', 'Europe/Berlin'),
  preview('30 2 * 3,10 0', 'Australia/Lord_Howe'),
  preview('* * * * *', 'America/New_York'),
];

/**
 * "The largest allowed restore" (issue 11, item 1): POST /api/restore with the biggest document
 * the restore limits allow (largestRestoreDocument: every bound filled, ~62 MB with covers), built
 * around the server's own backup so that it is accepted (200) and runs every check, writes every
 * row and reloads every schedule. Its schedules run on a day of the month far from today, so no
 * run of theirs starts during the test. The body goes to the rounds' process as a file.
 */
async function largestAllowedRestore(): Promise<ApiCall> {
  const backup = (await send({ method: 'GET', path: '/api/backup' })).json as BackupDocument;
  const doc = await largestRestoreDocument({ base: backup });
  const own = new Set(backup.schedules.map((s) => s.id));
  const day = ((new Date().getUTCDate() + 10) % 28) + 1;
  doc.schedules = doc.schedules.map((s) =>
    own.has(s.id)
      ? s
      : { ...s, cronExpression: s.cronExpression.replace(/^(\S+ \S+) .*$/, `$1 ${day} * *`) },
  );
  const bodyFile = join(dir, 'largest-restore.json');
  writeFileSync(bodyFile, JSON.stringify(doc));
  return { name: 'largest restore', method: 'POST', path: '/api/restore', bodyFile, status: 200 };
}

/** 20 ordinary API calls of every kind (reads, writes, refusals), sent with each round. */
function ordinaryCalls(ids: { stream: string; schedule: string; session: string }) {
  const day = new Date().toISOString().slice(0, 10);
  const calls: ApiCall[] = [
    { name: 'streams', method: 'GET', path: '/api/streams', status: 200 },
    { name: 'stream', method: 'GET', path: `/api/streams/${ids.stream}`, status: 200 },
    { name: 'no artwork', method: 'GET', path: `/api/streams/${ids.stream}/artwork`, status: 404 },
    { name: 'schedules', method: 'GET', path: '/api/schedules', status: 200 },
    {
      name: 'schedules of the stream',
      method: 'GET',
      path: `/api/schedules?streamId=${ids.stream}`,
      status: 200,
    },
    { name: 'schedule', method: 'GET', path: `/api/schedules/${ids.schedule}`, status: 200 },
    {
      name: 'create a schedule',
      method: 'POST',
      path: '/api/schedules',
      body: { streamId: ids.stream, cronExpression: '0 3 1 1 *', durationMinutes: 60 },
      status: 201,
    },
    {
      name: 'update a schedule',
      method: 'PUT',
      path: `/api/schedules/${ids.schedule}`,
      body: { durationMinutes: 45 },
      status: 200,
    },
    {
      name: 'a self-overlapping schedule (refused)',
      method: 'POST',
      path: '/api/schedules',
      body: { streamId: ids.stream, cronExpression: '*/30 * * * *', durationMinutes: 45 },
      status: 400,
    },
    {
      name: 'a seconds field (refused)',
      method: 'POST',
      path: '/api/schedules',
      body: { streamId: ids.stream, cronExpression: '0 30 6 * * *', durationMinutes: 60 },
      status: 400,
    },
    { name: 'sessions', method: 'GET', path: '/api/sessions', status: 200 },
    {
      name: 'sessions of a day',
      method: 'GET',
      path: `/api/sessions?from=${day}T00:00:00Z&to=${day}T23:59:59Z`,
      status: 200,
    },
    { name: 'session', method: 'GET', path: `/api/sessions/${ids.session}`, status: 200 },
    { name: 'destinations', method: 'GET', path: '/api/destinations', status: 200 },
    { name: 'settings', method: 'GET', path: '/api/settings', status: 200 },
    { name: 'system', method: 'GET', path: '/api/system', status: 200 },
    { name: 'logs', method: 'GET', path: '/api/logs', status: 200 },
    { name: 'backup', method: 'GET', path: '/api/backup', status: 200 },
    preview('0 6 * * 1-5', 'Europe/Berlin'),
    preview('*/5 * * * *', 'UTC'),
  ];
  return calls;
}

let dir: string;
let icecast: IcecastServer;
let core: Core;
let app: FastifyInstance;
let base: string;

/** A moment: wall clock (ms) and the loop thread's time so far. */
interface Stamp {
  at: number;
  thread: ThreadTime;
}

function stamp(): Stamp {
  const thread = mainThreadTime();
  if (!thread)
    throw new Error('this test needs Linux schedstat (/proc/<pid>/task/<pid>/schedstat)');
  return { at: Date.now(), thread };
}

/** Wall-clock ms from `a` to `b`, less the time the loop's thread waited for a CPU meanwhile. */
const ownMs = (a: Stamp, b: Stamp) => b.at - a.at - (b.thread.waitingMs - a.thread.waitingMs);

/** When the recorder asked each capture ffmpeg to stop. */
const captureStops: Stamp[] = [];

/** spawnRunner, noting when a capture (an ffmpeg writing into the parts folder) is told to stop. */
function timedRunner(partsDir: string): ProcessRunner {
  return {
    start(bin, args, options) {
      const proc = spawnRunner.start(bin, args, options);
      if (!args.some((a) => a.startsWith(partsDir))) return proc;
      const timed: RunningProcess = {
        get pid() {
          return proc.pid;
        },
        get exited() {
          return proc.exited;
        },
        get stderr() {
          return proc.stderr;
        },
        get hasExited() {
          return proc.hasExited;
        },
        stop(stopOptions) {
          captureStops.push(stamp());
          return proc.stop(stopOptions);
        },
        kill: () => proc.kill(),
      };
      return timed;
    },
  };
}

async function send(call: Pick<ApiCall, 'method' | 'path' | 'body' | 'bodyFile'>) {
  const body =
    call.bodyFile !== undefined
      ? readFileSync(call.bodyFile)
      : call.body === undefined
        ? undefined
        : JSON.stringify(call.body);
  const res = await fetch(`${base}${call.path}`, {
    method: call.method,
    headers: body === undefined ? HEADERS : { ...HEADERS, 'content-type': 'application/json' },
    body,
  });
  const text = await res.text();
  return { status: res.status, json: (text ? JSON.parse(text) : undefined) as unknown };
}

/** Every `everyMs`: how late the loop came back, less the CPU waiting in between. */
function watchLoop(everyMs = 10) {
  const samples: Stamp[] = [stamp()];
  let ownMax = 0;
  let rawMax = 0;
  let waitMax = 0;
  const timer = setInterval(() => {
    const previous = samples.at(-1)!;
    const now = stamp();
    samples.push(now);
    rawMax = Math.max(rawMax, now.at - previous.at - everyMs);
    ownMax = Math.max(ownMax, ownMs(previous, now) - everyMs);
    waitMax = Math.max(waitMax, now.thread.waitingMs - previous.thread.waitingMs);
  }, everyMs);
  return {
    stop: () => clearInterval(timer),
    /** When the watch began. */
    startedAt: samples[0]!.at,
    /**
     * The last sample at or before `at`; undefined when the watch began after it (a later
     * sample's CPU waiting would be taken out of time before it was waited).
     */
    before: (at: number): Stamp | undefined => samples.filter((s) => s.at <= at).at(-1),
    get ownMaxMs() {
      return ownMax;
    },
    get rawMaxMs() {
      return rawMax;
    },
    /** The longest wait for a CPU between two samples. */
    get waitMaxMs() {
      return waitMax;
    },
  };
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'asr-event-loop-'));
  icecast = await startIcecast();
  await icecast.addMount('/live.mp3', { codec: 'mp3', bitrateKbps: 128, name: 'Loop FM' });
  const settings = loadSettings({
    DATA_DIR: join(dir, 'data'),
    TZ: 'Europe/Berlin',
    API_KEY,
    ADMIN_PASSWORD: 'event loop password',
    LOG_LEVEL: 'info',
    // the capture is ffmpeg's: the test times when the recorder tells it to stop
    NATIVE_CAPTURE: 'false',
  });
  core = await createCore(settings, {
    runner: timedRunner(join(settings.dataDir, 'parts')),
    env: { MIN_FREE_DISK_MB: '0' },
  });
  app = await buildServer(core, {
    rendererDir: join(dir, 'no-ui'),
    // health every 20 ms and rounds of ~30 requests: far above the default per-client limit
    requestsPerMinute: 1_000_000,
  });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  if (address === null || typeof address === 'string') throw new Error('no TCP address');
  base = `http://127.0.0.1:${address.port}`;
});

afterAll(async () => {
  await app?.close();
  await core?.stop();
  await icecast?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** The `p`-quantile (0..1) of `values`. */
function quantile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)]!;
}

interface Round {
  round: number;
  startedAt: number;
  endedAt: number;
  wrong: string[];
}

/**
 * Rounds of `calls`, all at once, from a process of its own (request-rounds.ts) from `startAt`
 * until stopped: the rounds reported so far, and `stop()`.
 */
function startRounds(calls: readonly ApiCall[], startAt: number) {
  const rounds: Round[] = [];
  let buffer = '';
  const child = spawnTracked(
    process.execPath,
    [
      ...['--import', 'tsx', join(repoRoot, 'core/test-support/request-rounds.ts')],
      ...[base, JSON.stringify(HEADERS), JSON.stringify(calls), String(startAt)],
    ],
    {
      cwd: repoRoot,
      onStdout: (chunk) => {
        buffer += chunk.toString('utf8');
        const lines = buffer.split('\n');
        buffer = lines.pop() ?? '';
        for (const line of lines.filter((l) => l.trim())) rounds.push(JSON.parse(line) as Round);
      },
    },
  );
  return {
    rounds,
    failed: () => (child.hasExited ? `the rounds ended: ${child.log()}` : undefined),
    /** Ends after the round under way. */
    stop: () => child.stop(30_000),
  };
}

/** The recording `session`: when audio arrives, and when its window has ended. */
function followRecording(sessionId: string) {
  let hasEnded = false;
  const ended = new Promise<SessionDto>((resolve) => {
    const off = core.events.on('session', (s) => {
      if (s.id === sessionId && s.status !== 'SCHEDULED' && s.status !== 'RECORDING') {
        off();
        hasEnded = true;
        resolve(s);
      }
    });
  });
  const audio = new Promise<void>((resolve, reject) => {
    const off = core.events.on('log', (entry) => {
      if (entry.sessionId === sessionId && entry.message.startsWith('Audio is arriving')) {
        off();
        resolve();
      }
    });
    void ended.then((s) =>
      reject(new Error(`the recording ended without audio: ${s.errorMessage}`)),
    );
  });
  return {
    ended,
    audio,
    get hasEnded() {
      return hasEnded;
    },
  };
}

/** /api/health every 20 ms until `stop()`: each answer's time, raw and less the CPU waits. */
function probeHealth() {
  const times: { rawMs: number; ownMs: number }[] = [];
  let stopping = false;
  const done = (async () => {
    while (!stopping) {
      const started = stamp();
      const res = await fetch(`${base}/api/health`, { headers: HEADERS });
      await res.arrayBuffer();
      const answered = stamp();
      if (res.status !== 200) throw new Error(`health answered ${res.status}`);
      times.push({ rawMs: answered.at - started.at, ownMs: ownMs(started, answered) });
      await sleep(20);
    }
  })();
  return {
    times,
    stop: () => {
      stopping = true;
      return done;
    },
  };
}

describe('the event loop under the most expensive requests', () => {
  it(
    'health answers within 100 ms (p99), the recording ends on time, the loop never stalls 200 ms',
    { timeout: 240_000 },
    async () => {
      const created = await send({
        method: 'POST',
        path: '/api/streams',
        body: {
          name: 'Loop FM',
          streamUrl: icecast.url('/live.mp3'),
          artist: 'Artist',
          album: 'Album',
          albumArtist: 'Album Artist',
        },
      });
      const stream = created.json as { id: string };
      const schedule = (
        await send({
          method: 'POST',
          path: '/api/schedules',
          body: { streamId: stream.id, cronExpression: '0 4 1 1 *', durationMinutes: 60 },
        })
      ).json as { id: string };
      // the expensive requests sent together in every round
      const heavy = [...WORST_PREVIEWS, await largestAllowedRestore()];
      // a server that has answered before: the first call of each kind compiles code once
      // (before the fix, this is where the worst previews held the loop for minutes). Done
      // before the recording starts: however long it takes on a busy machine, it cannot use up
      // the window (a session not there yet: its one call answers 404 here)
      const ids = { stream: stream.id, schedule: schedule.id };
      for (const call of [...heavy, ...ordinaryCalls({ ...ids, session: 'none' })]) {
        await send(call);
      }
      const recording = await send({
        method: 'POST',
        path: `/api/streams/${stream.id}/record`,
        body: { durationSeconds: RECORD_SECONDS },
      });
      expect(recording.status).toBe(202);
      const session = recording.json as SessionDto;
      const plannedEnd = Date.parse(session.startTime) + session.plannedDurationSeconds * 1000;
      const followed = followRecording(session.id);
      const calls = [...heavy, ...ordinaryCalls({ ...ids, session: session.id })];
      // started now, it is ready when its rounds are due (spawning is not what is measured)
      const rounds = startRounds(calls, plannedEnd - LOAD_BEFORE_END_MS);
      await followed.audio;

      await sleep(plannedEnd - LOAD_BEFORE_END_MS - Date.now());
      const loop = monitorEventLoopDelay({ resolution: 10 });
      loop.enable();
      const watch = watchLoop();
      const health = probeHealth();
      try {
        // until the window has ended and a round is done; a minute at most (a round that holds
        // the loop far longer fails below, with the numbers)
        const giveUp = Date.now() + 60_000;
        while ((!followed.hasEnded || rounds.rounds.length < 1) && Date.now() < giveUp) {
          const failed = rounds.failed();
          if (failed) throw new Error(failed);
          await sleep(50);
        }
      } finally {
        await rounds.stop();
        await health.stop();
        loop.disable();
        watch.stop();
      }

      const finished = await followed.ended;
      const windowEnd = Date.parse(finished.endTime!);
      const stop = captureStops.at(-1);
      const stopLateMs = stop ? stop.at - windowEnd : NaN;
      // the CPU waiting from the window's end to the stop: read from the last sample before the
      // end (a sample taken after the stop made this 84728 ms against 680 ms raw: the watch had
      // begun after the window's end, and its waiting was subtracted backwards)
      const atEnd = watch.before(windowEnd);
      const stopOwnLateMs = stop && atEnd ? ownMs({ ...atEnd, at: windowEnd }, stop) : NaN;
      const p99 = quantile(
        health.times.map((h) => h.ownMs),
        0.99,
      );
      const rawP99 = quantile(
        health.times.map((h) => h.rawMs),
        0.99,
      );
      const before = rounds.rounds.filter((r) => r.startedAt <= windowEnd).length;
      const after = rounds.rounds.filter((r) => r.endedAt >= windowEnd).length;
      console.log(
        `${rounds.rounds.length} rounds of ${heavy.length} heavy requests + 20 calls ` +
          `(${before} started before the window's end, ${after} ended after it), ` +
          `${health.times.length} health ` +
          `checks. Less the waiting for a CPU (raw wall clock in brackets): health p99 ` +
          `${p99.toFixed(0)} ms (${rawP99.toFixed(0)}); loop stalls at most ` +
          `${watch.ownMaxMs.toFixed(0)} ms (${watch.rawMaxMs.toFixed(0)}; monitorEventLoopDelay ` +
          `max ${(loop.max / 1e6).toFixed(0)}); capture told to stop ` +
          `${stopOwnLateMs.toFixed(0)} ms (${stopLateMs.toFixed(0)}) after the window's end`,
      );

      // the loop was watched from before the window's end, and so was the stop
      expect(watch.startedAt, 'the watch began after the window had ended').toBeLessThan(windowEnd);
      expect(rounds.rounds.flatMap((r) => r.wrong)).toEqual([]);
      // round after round was being answered around the window's end
      expect(before).toBeGreaterThan(0);
      expect(after).toBeGreaterThan(0);
      expect(finished.status).toBe('PROCESSING');
      expect(finished.plannedDurationSeconds).toBe(RECORD_SECONDS);
      // the recorder told ffmpeg to stop within 0.5 s after the window's end (never before it)
      expect(stopLateMs).toBeGreaterThanOrEqual(0);
      expect(stopOwnLateMs).toBeLessThanOrEqual(500);
      expect(health.times.length).toBeGreaterThanOrEqual(20);
      expect(p99).toBeLessThan(100);
      expect(watch.ownMaxMs).toBeLessThan(200);
      // the same by perf_hooks' own monitor (10 ms resolution), allowing the longest wait for a
      // CPU that the loop's thread had between two samples
      expect(loop.max / 1e6).toBeLessThan(200 + watch.waitMaxMs + 10);
    },
  );
});
