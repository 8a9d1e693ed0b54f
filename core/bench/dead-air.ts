// Dead air: what silencedetect, folded into the processor's validating decode pass, adds to
// processing one hour of MP3 (goal: at most 10 %). The app's processor (worker running
// processRecording, as the pipeline does) with detection on (deadAirSeconds 60) against the
// same processor with it off (0); and, as evidence, the decode pass alone with and without the
// filter.
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { DEFAULT_DEAD_AIR_SECONDS, DEFAULT_SILENCE_THRESHOLD_DB } from '../contract/dead-air';
import { decodeArgs } from '../src/processor/validate';
import { bareTimed, type Timed } from './harness/bare';
import type { Benchmark } from './harness/context';
import { makeTone } from './harness/media';
import { fastest, ratioOf } from './harness/stats';
import { fmt, type Row } from './harness/table';
import { startWorker } from './harness/workers';
import { secondsWithin110 } from './harness/ratio-row';
import type { ProcessFileCommand } from './workers/process-file';

const BITRATE = 192;

/** The least CPU of the runs (taken on its own: on a shared machine wall and CPU vary apart). */
function leastCpu(runs: readonly Timed[]): number {
  return Math.min(...runs.map((r) => r.cpuSeconds));
}

interface Processed extends Timed {
  outputPath: string;
}

async function processOnce(command: ProcessFileCommand): Promise<Processed> {
  const worker = await startWorker('process-file', command);
  try {
    const done = await worker.next<{
      event: 'done';
      wallMs: number;
      selfCpuDuringSeconds: number;
      usage: { childrenCpuSeconds: number };
      result: { path: string };
    }>('done');
    return {
      wallSeconds: done.wallMs / 1000,
      cpuSeconds: done.selfCpuDuringSeconds + done.usage.childrenCpuSeconds,
      peakRssBytes: 0,
      outputPath: done.result.path,
    };
  } finally {
    await worker.stop();
  }
}

export const deadAir: Benchmark = {
  name: 'dead-air',
  title: 'Dead-air detection folded into the decode pass: processing with and without it',
  async run(ctx) {
    const hour = ctx.quick ? 60 : 3600;
    const media = join(ctx.tmp, 'dead-air');
    await mkdir(media, { recursive: true });
    const part = join(media, 'source-mp3.mka');
    const genStart = Date.now();
    await makeTone(part, 'mp3', hour, BITRATE);
    ctx.log(`  test media generated in ${((Date.now() - genStart) / 1000).toFixed(0)} s`);
    const H = fmt.length(hour);

    let n = 0;
    const run = (deadAirSeconds: number) =>
      processOnce({
        partPath: part,
        codec: 'mp3',
        workDir: join(media, 'work'),
        outputDir: join(media, 'out'),
        fileName: `run-${++n}.mp3`,
        bitrateKbps: BITRATE,
        deadAirSeconds,
      });
    // ABBA (off, on, on, off, ...): a busy moment on this shared machine falls on both sides;
    // the best run of each side is compared
    const reps = ctx.quick ? 1 : 3;
    const off: Processed[] = [];
    const on: Processed[] = [];
    for (let k = 1; k <= reps; k++) {
      if (k % 2 === 1) {
        off.push(await run(0));
        on.push(await run(DEFAULT_DEAD_AIR_SECONDS));
      } else {
        on.push(await run(DEFAULT_DEAD_AIR_SECONDS));
        off.push(await run(0));
      }
    }
    const appOn = fastest(on);
    const appOff = fastest(off);

    // the decode pass alone, on the processed file, exactly as validateMp3 runs it
    const silence = { thresholdDb: DEFAULT_SILENCE_THRESHOLD_DB, minSeconds: 10 };
    const decodeOff: Timed[] = [];
    const decodeOn: Timed[] = [];
    const passOnce = async (on: boolean) => {
      const args = on
        ? decodeArgs(appOff.outputPath, silence, 44100)
        : decodeArgs(appOff.outputPath);
      (on ? decodeOn : decodeOff).push(await bareTimed({ bin: 'ffmpeg', args }));
    };
    for (let k = 1; k <= reps; k++) {
      await passOnce(k % 2 === 0);
      await passOnce(k % 2 === 1);
    }
    const passOn = fastest(decodeOn);
    const passOff = fastest(decodeOff);

    const s = 'dead-air';
    const best = reps > 1 ? `, best of ${reps}` : '';
    const cpuOn = leastCpu(on);
    const cpuOff = leastCpu(off);
    const rCpu = ratioOf(cpuOn, cpuOff);
    const rPass = ratioOf(passOn.wallSeconds, passOff.wallSeconds);
    const rPassCpu = ratioOf(leastCpu(decodeOn), leastCpu(decodeOff));
    const rows: Row[] = [
      secondsWithin110(
        s,
        `${H} MP3 → tagged MP3, dead-air detection on vs off: wall time${best}`,
        appOn.wallSeconds,
        appOff.wallSeconds,
        2,
      ),
      {
        section: s,
        measure: `${H} MP3 → tagged MP3, dead-air detection on vs off: CPU${best}`,
        app: fmt.seconds(cpuOn, 2),
        baseline: fmt.seconds(cpuOff, 2),
        ratio: fmt.ratio(rCpu),
        goal: '—',
        met: null,
        values: { app: cpuOn, baseline: cpuOff, ratio: rCpu, unit: 'cpu-s' },
      },
      {
        section: s,
        measure: `${H} MP3 decode pass alone, with silencedetect vs without: wall time${best}`,
        app: fmt.seconds(passOn.wallSeconds, 2),
        baseline: fmt.seconds(passOff.wallSeconds, 2),
        ratio: fmt.ratio(rPass),
        goal: '—',
        met: null,
        values: {
          app: passOn.wallSeconds,
          baseline: passOff.wallSeconds,
          ratio: rPass,
          unit: 's',
        },
      },
      {
        section: s,
        measure: `${H} MP3 decode pass alone, with silencedetect vs without: CPU${best}`,
        app: fmt.seconds(leastCpu(decodeOn), 2),
        baseline: fmt.seconds(leastCpu(decodeOff), 2),
        ratio: fmt.ratio(rPassCpu),
        goal: '—',
        met: null,
        values: {
          app: leastCpu(decodeOn),
          baseline: leastCpu(decodeOff),
          ratio: rPassCpu,
          unit: 'cpu-s',
        },
      },
    ];
    return {
      rows,
      raw: {
        seconds: hour,
        bitrateKbps: BITRATE,
        reps,
        processing: { on, off },
        decodePass: { on: decodeOn, off: decodeOff },
      },
    };
  },
};
