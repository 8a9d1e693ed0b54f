// Concurrency: N recordings at once of live MP3 mounts through the built server (POST
// /api/streams/:id/record), against N bare `ffmpeg -c copy` captures of the same mounts for the
// same wall-clock time (stopped with `q`, as the recorder stops its ffmpeg). CPU seconds and peak
// RSS of the whole process tree (/proc), for the recording itself and for the whole run (the app
// then also joins, validates and tags each recording, which bare ffmpeg does not do).
import { appRun, bareRun, mountsFor, type Measured } from './harness/capture-runs';
import type { Benchmark } from './harness/context';
import { ratioOf } from './harness/stats';
import { fmt, type Row } from './harness/table';

const GOAL = 1.1;

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
      const app = await appRun(ctx, `concurrency-${n}`, n, seconds, urls);
      const bare = await bareRun(ctx, 'bare', n, seconds, urls);
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
      const memory = (label: string, key: keyof Measured & `peak${string}Bytes`): Row => {
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
