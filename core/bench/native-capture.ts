// Native capture (issue 16): N recordings at once through the built server with NATIVE_CAPTURE
// on (the native ICY reader, no ffmpeg while recording; MP3 parts written in one pass with the
// dead-air pass off), against N bare `ffmpeg -c copy` captures of the same mounts for the same
// wall-clock time. The whole run (capture + processing) is compared with bare ffmpeg's capture
// alone. A run in which the reader fell back to ffmpeg, or that delivered nothing, fails.
import { appRun, bareRun, MAX_PER_SERVER, mountsFor } from './harness/capture-runs';
import type { Benchmark } from './harness/context';
import { ratioOf } from './harness/stats';
import { fmt, type Row } from './harness/table';

export const GOALS = { recordingCpu: 0.5, wholeRun: 1.2, pss: 0.3 } as const;
/** A delivered file's length (ffprobe, from its Xing frame) against its window. */
const LENGTH_TOLERANCE_SECONDS = 0.5;

type AppResult = Awaited<ReturnType<typeof appRun>>;
type BareResult = Awaited<ReturnType<typeof bareRun>>;

function ratioRow(
  measure: string,
  a: number,
  b: number,
  goal: number | undefined,
  format: (v: number) => string,
  unit: string,
): Row {
  const r = ratioOf(a, b);
  return {
    section: 'native',
    measure,
    app: format(a),
    baseline: format(b),
    ratio: fmt.ratio(r),
    goal: goal === undefined ? '—' : `≤ ${goal.toFixed(2)}×`,
    met: goal === undefined ? null : r !== undefined && r <= goal,
    values: { app: a, baseline: b, ratio: r, unit },
  };
}

/** Throws when the case is broken (not merely slow): ffmpeg recorded, or nothing delivered. */
export function assertNativeRan(
  n: number,
  app: Pick<AppResult, 'measured' | 'servers' | 'lengths'>,
) {
  const children = app.measured.recordingPeakProcesses - app.servers;
  if (children > 0) {
    throw new Error(
      `native capture of ${n} streams: ${children} child process(es) ran while recording ` +
        '(the reader fell back to ffmpeg?)',
    );
  }
  if (!app.lengths.some((l) => l.status === 'COMPLETED')) {
    throw new Error(`native capture of ${n} streams: no recording completed`);
  }
}

export function rowsFor(
  n: number,
  seconds: number,
  largest: boolean,
  app: Pick<AppResult, 'measured' | 'lengths'>,
  bare: Pick<BareResult, 'measured' | 'exitedOk'>,
): Row[] {
  const at = `native, ${n} at once`;
  const cpu = (v: number) => fmt.seconds(v, 1);
  const ok = app.lengths.filter(
    (l) =>
      l.status === 'COMPLETED' &&
      Math.abs(l.ffprobeSeconds - l.planned) <= LENGTH_TOLERANCE_SECONDS,
  ).length;
  const maxErr = Math.max(...app.lengths.map((l) => Math.abs(l.ffprobeSeconds - l.planned)));
  return [
    ratioRow(
      `${at}: CPU while recording (${seconds} s)`,
      app.measured.recordingCpuSeconds,
      bare.measured.recordingCpuSeconds,
      GOALS.recordingCpu,
      cpu,
      'cpu-s',
    ),
    ratioRow(
      `${at}: CPU, whole run incl. processing (dead air off) vs bare capture alone`,
      app.measured.wholeCpuSeconds,
      bare.measured.wholeCpuSeconds,
      GOALS.wholeRun,
      cpu,
      'cpu-s',
    ),
    ratioRow(
      `${at}: peak PSS, summed over the process tree`,
      app.measured.peakPssBytes,
      bare.measured.peakPssBytes,
      largest ? GOALS.pss : undefined,
      (v) => fmt.mb(v),
      'bytes',
    ),
    {
      section: 'native',
      measure: `${at}: delivered, length within ±${LENGTH_TOLERANCE_SECONDS} s`,
      app: `${ok}/${n} (max ${Number.isFinite(maxErr) ? maxErr.toFixed(3) : 'n/a'} s)`,
      baseline: `${bare.exitedOk}/${n} exited 0`,
      ratio: '—',
      goal: 'all',
      met: ok === n,
    },
  ];
}

export const nativeCapture: Benchmark = {
  name: 'native',
  title: 'Native capture (NATIVE_CAPTURE) against bare ffmpeg -c copy of the same mounts',
  async run(ctx) {
    // 200 at once runs on two servers (MAX_CONCURRENT_RECORDINGS allows at most MAX_PER_SERVER,
    // 100), measured together; quick mode (CI) runs every case once at a small size, its 3 on two
    // servers of 2 and 1, so that path runs too
    const counts = ctx.quick ? [3] : [10, 50, 200];
    const perServer = ctx.quick ? 2 : MAX_PER_SERVER;
    const seconds = ctx.quick ? 10 : 60;
    const urls = await mountsFor(ctx, ctx.quick ? 1 : 5);
    const rows: Row[] = [];
    const raw: Record<string, unknown> = {
      seconds,
      mounts: urls.length,
      maxPerServer: MAX_PER_SERVER,
    };
    const errors: string[] = [];
    for (const n of counts) {
      ctx.log(`  ${n} native recordings of ${seconds} s: the app, then bare ffmpeg`);
      try {
        const app = await appRun(ctx, `native-${n}`, n, seconds, urls, {
          env: { NATIVE_CAPTURE: 'true' },
          stream: { deadAirSeconds: 0 },
          perServer,
        });
        const bare = await bareRun(ctx, 'bare-native', n, seconds, urls);
        raw[`n${n}`] = { app, bare };
        assertNativeRan(n, app);
        rows.push(...rowsFor(n, seconds, n === counts.at(-1), app, bare));
      } catch (error) {
        // the next size still runs; the run fails at its end (BenchOutcome.error)
        errors.push(`${n} at once: ${error instanceof Error ? error.message : String(error)}`);
        ctx.log(`  FAILED at ${n}: ${errors.at(-1)}`);
      }
    }
    if (errors.length > 0) return { rows, raw, error: errors.join('; ') };
    return { rows, raw };
  },
};
