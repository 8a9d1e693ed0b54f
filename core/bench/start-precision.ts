// Start and length precision: scheduled runs of the real scheduler (the built server, schedules
// created through the API, cron read in the schedule's time zone) against a live Icecast mount.
// Lateness = when the first audio reached the disk − the scheduled instant (negative: early;
// the run connects early by design). Length = ffprobe's duration of the tagged MP3 − the window.
// Baseline: what cron + bare ffmpeg does, `ffmpeg -i URL -c copy -t 60` started exactly at the
// instant by a timer, at the same boundaries; with the recorder's own probe and flush flags (so
// that bytes reach the disk as they arrive, as in the app), and, for the JSON only, with
// ffmpeg's defaults (which probe 128 KB and buffer 5 s clusters before writing).
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { SessionDto } from '../contract';
import { spawnTracked, type TrackedChild } from '../test-support/processes';
import { sleep } from '../test-support/wait';
import type { BenchContext, Benchmark } from './harness/context';
import { durationOf } from './harness/media';
import { expectOk, startAppServer } from './harness/server';
import { summarize } from './harness/stats';
import { planInstants } from './harness/plan';
import { fmt, type Row } from './harness/table';
import { watchFirstAudio } from './harness/watch-parts';

const ZONE = 'Europe/Berlin';
const WINDOW_SECONDS = 60; // the contract's smallest schedule duration: one minute

type BareVariant = 'flags' | 'defaults';

/**
 * `ffmpeg -i URL -c copy -t 60` into Matroska. `flags`: with the recorder's format probe size
 * and packet flushing (core/src/ffmpeg/capture-args.ts), so bytes reach the disk when they
 * arrive; `defaults`: as a user would type it.
 */
export function bareArgs(url: string, file: string, variant: BareVariant): string[] {
  const flags = variant === 'flags' ? ['-formatprobesize', '32768'] : [];
  const flush = variant === 'flags' ? ['-cluster_time_limit', '1000', '-flush_packets', '1'] : [];
  return [
    ...['-hide_banner', '-nostdin', '-loglevel', 'error', ...flags, '-i', url],
    ...['-map', '0:a:0', '-c', 'copy', '-t', String(WINDOW_SECONDS), ...flush],
    ...['-f', 'matroska', file],
  ];
}

async function run(ctx: BenchContext) {
  const perBoundary = ctx.quick ? 2 : 4;
  const boundaries = ctx.quick ? 1 : 5;
  const expected = perBoundary * boundaries;
  const ice = await ctx.mount('/start.mp3', { codec: 'mp3', bitrateKbps: 128 });
  const url = ice.url('/start.mp3');
  const dataDir = join(ctx.tmp, 'start-data');
  // runs of one boundary start while those of the previous one are still finishing
  const server = await startAppServer(dataDir, {
    MAX_CONCURRENT_RECORDINGS: String(2 * perBoundary),
  });
  const watcher = watchFirstAudio(join(dataDir, 'parts'));
  const bare: {
    variant: BareVariant;
    at: number;
    spawnedAt: number;
    file: string;
    proc: TrackedChild;
  }[] = [];
  const timers: NodeJS.Timeout[] = [];
  try {
    const streamIds: string[] = [];
    for (let i = 1; i <= perBoundary; i++) {
      const stream = expectOk(
        await server.api('POST', '/api/streams', {
          name: `Start Show ${i}`,
          streamUrl: url,
          artist: 'Bench',
          album: 'Start precision',
          albumArtist: 'Bench',
        }),
        'create a stream',
      ).json<{ id: string }>();
      streamIds.push(stream.id);
    }
    const plan = planInstants(Date.now(), ctx.quick, boundaries, ctx.quick ? 9000 : 15_000, ZONE);
    ctx.log(
      `  ${expected} runs: ${perBoundary} schedules "${plan.cron}" (${ZONE}), first at ` +
        `${new Date(plan.instants[0]!).toISOString()}, ${WINDOW_SECONDS} s windows`,
    );
    const scheduleIds = new Set<string>();
    for (const streamId of streamIds) {
      const schedule = expectOk(
        await server.api('POST', '/api/schedules', {
          streamId,
          cronExpression: plan.cron,
          timezone: ZONE,
          durationMinutes: WINDOW_SECONDS / 60,
          maxRetries: 0,
        }),
        'create a schedule',
      ).json<{ id: string; nextRunTime: string | null }>();
      if (schedule.nextRunTime !== new Date(plan.instants[0]!).toISOString()) {
        throw new Error(
          `schedule ${schedule.id} runs next at ${schedule.nextRunTime}, not at the planned instant`,
        );
      }
      scheduleIds.add(schedule.id);
    }
    // the baseline: cron + bare ffmpeg, started by a timer at each instant
    for (const [k, at] of plan.instants.entries()) {
      timers.push(
        setTimeout(
          () => {
            for (const variant of ['flags', 'defaults'] as const) {
              const file = join(ctx.tmp, `start-bare-${variant}-${k + 1}.mka`);
              const proc = spawnTracked('ffmpeg', bareArgs(url, file, variant));
              bare.push({ variant, at, spawnedAt: Date.now(), file, proc });
              watcher.watchFile(`bare-${variant}-${k + 1}`, file);
            }
          },
          Math.max(0, at - Date.now()),
        ),
      );
    }

    const last = plan.instants.at(-1)!;
    await sleep(Math.max(0, last + WINDOW_SECONDS * 1000 - Date.now()));
    let ours: SessionDto[] = [];
    const deadline = performance.now() + 180_000;
    for (;;) {
      const list = expectOk(await server.api('GET', '/api/sessions?limit=500'), 'list sessions');
      ours = list
        .json<{ items: SessionDto[] }>()
        .items.filter((s) => s.scheduleId && scheduleIds.has(s.scheduleId));
      const settled = ours.filter((s) => s.status === 'COMPLETED' || s.status === 'FAILED');
      if (ours.length >= expected && settled.length === ours.length) break;
      if (performance.now() > deadline) {
        throw new Error(`only ${settled.length} of ${expected} scheduled runs finished in time`);
      }
      await sleep(1000);
    }
    await Promise.all(bare.map((b) => b.proc.exited));

    const runs = await Promise.all(
      ours.map(async (s) => {
        const instant = Date.parse(s.startTime);
        const windowSeconds = s.endTime ? (Date.parse(s.endTime) - instant) / 1000 : Number.NaN;
        const audioAt = watcher.firstAudio.get(s.id);
        const seconds = s.outputFilePath ? await durationOf(s.outputFilePath) : Number.NaN;
        return {
          id: s.id,
          status: s.status,
          instant: s.startTime,
          latenessSeconds: audioAt === undefined ? Number.NaN : (audioAt - instant) / 1000,
          windowSeconds,
          ffprobeSeconds: seconds,
          lengthErrorSeconds: seconds - windowSeconds,
          gaps: s.gaps.length,
          errorMessage: s.errorMessage,
        };
      }),
    );
    const bareRuns = await Promise.all(
      bare.map(async (b) => {
        const k = plan.instants.indexOf(b.at);
        const audioAt = watcher.firstAudio.get(`bare-${b.variant}-${k + 1}`);
        const seconds = await durationOf(b.file);
        return {
          variant: b.variant,
          instant: new Date(b.at).toISOString(),
          timerLateMs: b.spawnedAt - b.at,
          latenessSeconds: audioAt === undefined ? Number.NaN : (audioAt - b.at) / 1000,
          ffprobeSeconds: seconds,
          lengthErrorSeconds: seconds - WINDOW_SECONDS,
          exitCode: b.proc.child.exitCode,
        };
      }),
    );
    return { plan, perBoundary, boundaries, runs, bareRuns };
  } finally {
    for (const t of timers) clearTimeout(t);
    watcher.stop();
    await Promise.all(bare.map((b) => b.proc.stop()));
    await server.stop();
  }
}

export const startPrecision: Benchmark = {
  name: 'start',
  title: 'Start and length precision (scheduled runs)',
  async run(ctx) {
    const r = await run(ctx);
    const late = summarize(r.runs.map((x) => x.latenessSeconds));
    const flagged = r.bareRuns.filter((x) => x.variant === 'flags');
    const bareLate = summarize(flagged.map((x) => x.latenessSeconds));
    const bareDefaultLate = summarize(
      r.bareRuns.filter((x) => x.variant === 'defaults').map((x) => x.latenessSeconds),
    );
    const lenAbs = summarize(r.runs.map((x) => Math.abs(x.lengthErrorSeconds)));
    const bareLenAbs = summarize(flagged.map((x) => Math.abs(x.lengthErrorSeconds)));
    const completed = r.runs.filter((x) => x.status === 'COMPLETED').length;
    const n = r.runs.length;
    const withGaps = r.runs.filter((x) => x.gaps > 0).length;
    const s = 'start';
    const lateRow = (label: 'p50' | 'p95' | 'max', goal: string, met: boolean | null): Row => ({
      section: s,
      measure: `start: first audio on disk − scheduled instant, ${label} (n=${n})`,
      app: fmt.seconds(late[label], 2, true),
      baseline: `${fmt.seconds(bareLate[label], 2, true)}${label === 'p50' ? ' (cron + ffmpeg)' : ''}`,
      ratio: fmt.delta(late[label] - bareLate[label]),
      goal,
      met,
      values: { app: late[label], baseline: bareLate[label], unit: 's' },
    });
    const rows: Row[] = [
      lateRow('p50', '—', null),
      lateRow('p95', 'p95 < 1 s', late.count === n && late.p95 < 1),
      lateRow('max', '—', null),
      {
        section: s,
        measure: `length: |ffprobe − window|, p50 (${r.runs[0]?.windowSeconds ?? 60} s windows)`,
        app: fmt.seconds(lenAbs.p50, 3),
        baseline: fmt.seconds(bareLenAbs.p50, 3),
        ratio: fmt.delta(lenAbs.p50 - bareLenAbs.p50, 3),
        goal: '—',
        met: null,
        values: { app: lenAbs.p50, baseline: bareLenAbs.p50, unit: 's' },
      },
      {
        section: s,
        measure: 'length: |ffprobe − window|, max',
        app: fmt.seconds(lenAbs.max, 3),
        baseline: fmt.seconds(bareLenAbs.max, 3),
        ratio: fmt.delta(lenAbs.max - bareLenAbs.max, 3),
        goal: '≤ 0.5 s (no gaps)',
        met: lenAbs.count === n && lenAbs.max <= 0.5,
        values: { app: lenAbs.max, baseline: bareLenAbs.max, unit: 's' },
      },
      {
        section: s,
        measure: 'scheduled runs completed (with gaps)',
        app: `${completed}/${n} (${withGaps})`,
        baseline: `${flagged.filter((b) => b.exitCode === 0).length}/${flagged.length}`,
        ratio: '—',
        goal: 'all',
        met: completed === n && n === r.perBoundary * r.boundaries,
      },
    ];
    return {
      rows,
      raw: {
        design: `${r.perBoundary} schedules × ${r.boundaries} boundaries, cron "${r.plan.cron}" in ${ZONE}`,
        instants: r.plan.instants.map((t) => new Date(t).toISOString()),
        lateness: late,
        bareLateness: bareLate,
        bareLatenessWithFfmpegDefaults: bareDefaultLate,
        lengthError: lenAbs,
        bareLengthError: bareLenAbs,
        runs: r.runs,
        bareRuns: r.bareRuns,
      },
    };
  },
};
