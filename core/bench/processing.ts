// Processing: the app's processor (worker running processRecording on a captured part, as the
// pipeline does after a recording) against the bare tools: `ffmpeg -c:a libmp3lame` for an AAC
// source, `cp` for an MP3 source (which the app must not re-encode), `cp` for a native capture's
// bare MP3 frames (the one-pass writer: tag + Xing frame + frames, dead-air pass off), and the
// app itself on a short file for the memory of tagging a long one.
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { BenchContext, Benchmark } from './harness/context';
import { audioOf, makeArtwork, makeMp3Frames, makeTone } from './harness/media';
import type { SelfUsage } from './harness/proc';
import { fastest, ratioOf } from './harness/stats';
import { fmt, type Row } from './harness/table';
import { runSampled } from './harness/workers';
import { secondsWithin110 } from './harness/ratio-row';
import { bareTimed, QUIET as quiet, type Timed } from './harness/bare';
import type { ProcessFileCommand } from './workers/process-file';

const BITRATE = 192; // the stream's default mp3BitrateKbps

interface AppTimed extends Timed {
  /** The node process's own peak RSS (VmHWM). */
  nodePeakRssBytes: number;
  copied: boolean;
  outputPath: string;
  durationSeconds: number;
}

async function appProcess(
  ctx: BenchContext,
  name: string,
  part: string,
  codec: string,
  art: string,
  deadAirSeconds?: number,
): Promise<AppTimed> {
  const outputDir = join(ctx.tmp, 'processed');
  const command: ProcessFileCommand = {
    partPath: part,
    codec,
    workDir: join(ctx.tmp, 'work'),
    outputDir,
    fileName: `${name}.mp3`,
    bitrateKbps: BITRATE,
    artworkPath: art,
    ...(deadAirSeconds === undefined ? {} : { deadAirSeconds }),
  };
  const { done, peakRssBytes } = await runSampled<{
    event: 'done';
    wallMs: number;
    selfCpuDuringSeconds: number;
    usage: SelfUsage;
    result: { path: string; durationSeconds: number; copied: boolean };
  }>('process-file', command);
  return {
    wallSeconds: done.wallMs / 1000,
    cpuSeconds: done.selfCpuDuringSeconds + done.usage.childrenCpuSeconds,
    peakRssBytes,
    nodePeakRssBytes: done.usage.maxRssBytes,
    copied: done.result.copied,
    outputPath: done.result.path,
    durationSeconds: done.result.durationSeconds,
  };
}

export const processing: Benchmark = {
  name: 'processing',
  title: 'Processing (tagged MP3 with cover) against bare ffmpeg and cp',
  async run(ctx) {
    const hour = ctx.quick ? 60 : 3600;
    const long = ctx.quick ? 120 : 7200;
    const short = ctx.quick ? 30 : 60;
    const media = join(ctx.tmp, 'media');
    await mkdir(media, { recursive: true });
    await mkdir(join(ctx.tmp, 'baseline'), { recursive: true });
    const aac = join(media, 'source-aac.mka');
    const mp3 = join(media, 'source-mp3.mka');
    const mp3Long = join(media, 'source-mp3-long.mka');
    const mp3Short = join(media, 'source-mp3-short.mka');
    const genStart = Date.now();
    await makeTone(aac, 'aac', hour);
    await makeTone(mp3, 'mp3', hour);
    await makeTone(mp3Long, 'mp3', long);
    await makeTone(mp3Short, 'mp3', short);
    const frames = join(media, 'source-frames.mp3');
    await makeMp3Frames(mp3, frames);
    const art = await makeArtwork(media);
    ctx.log(`  test media generated in ${((Date.now() - genStart) / 1000).toFixed(0)} s`);
    const H = fmt.length(hour);

    // ABBA order in full mode (baseline, app, app, baseline): a busy moment on this shared
    // machine does not fall on one side only; the best run of each side is compared
    const reps = ctx.quick ? 1 : 2;
    const abba = async <A extends Timed, B extends Timed>(
      app: (k: number) => Promise<A>,
      bare: (k: number) => Promise<B>,
    ) => {
      const apps: A[] = [];
      const bares: B[] = [];
      for (let k = 1; k <= reps; k++) {
        if (k % 2 === 1) {
          bares.push(await bare(k));
          apps.push(await app(k));
        } else {
          apps.push(await app(k));
          bares.push(await bare(k));
        }
      }
      return { app: fastest(apps), bare: fastest(bares), apps, bares };
    };
    // 1. AAC → MP3: the app encodes once (and checks and tags); bare ffmpeg only encodes
    const aacRuns = await abba(
      (k) => appProcess(ctx, `from-aac-${k}`, aac, 'aac', art),
      (k) =>
        bareTimed({
          bin: 'ffmpeg',
          args: [
            ...[...quiet, '-i', aac, '-map', '0:a:0'],
            ...['-c:a', 'libmp3lame', '-b:a', `${BITRATE}k`, '-f', 'mp3'],
            join(ctx.tmp, 'baseline', `aac-${k}.mp3`),
          ],
        }),
    );
    const appAac = aacRuns.app;
    const bareAac = aacRuns.bare;
    // 2. MP3 → MP3: stream copy, against a plain file copy
    const mp3Runs = await abba(
      (k) => appProcess(ctx, `from-mp3-${k}`, mp3, 'mp3', art),
      (k) => bareTimed({ bin: 'cp', args: [mp3, join(ctx.tmp, 'baseline', `copy-${k}.mka`)] }),
    );
    const appMp3 = mp3Runs.app;
    const cp = mp3Runs.bare;
    const source = await audioOf(mp3);
    const output = await audioOf(appMp3.outputPath);
    // evidence for the timings: what the app's full decode check alone costs on these outputs
    const decodeCheck = (file: string) =>
      bareTimed({
        bin: 'ffmpeg',
        args: [...quiet, '-i', file, '-map', '0:a:0', '-f', 'null', '-'],
      });
    const decodeAac = await decodeCheck(appAac.outputPath);
    const decodeMp3 = await decodeCheck(appMp3.outputPath);
    // 3. a native capture's bare MP3 frames → tagged MP3 in one pass (dead-air pass off), against cp
    const frameRuns = await abba(
      (k) => appProcess(ctx, `from-frames-${k}`, frames, 'mp3', art, 0),
      (k) => bareTimed({ bin: 'cp', args: [frames, join(ctx.tmp, 'baseline', `frames-${k}.mp3`)] }),
    );
    const rFrames = ratioOf(frameRuns.app.wallSeconds, frameRuns.bare.wallSeconds);
    // 4. memory of tagging: twice the length (and a short file, for the JSON)
    const appLong = await appProcess(ctx, 'long', mp3Long, 'mp3', art);
    const appShort = await appProcess(ctx, 'short', mp3Short, 'mp3', art);

    const s = 'processing';
    const best = reps > 1 ? `, best of ${reps}` : '';
    const rAacCpu = ratioOf(appAac.cpuSeconds, bareAac.cpuSeconds);
    const rCp = ratioOf(appMp3.wallSeconds, cp.wallSeconds);
    // doubling the length must not raise the peak (a short file's run ends before the streaming
    // buffers reach their steady state: it is kept in the JSON, not compared)
    const rMem = ratioOf(appLong.nodePeakRssBytes, appMp3.nodePeakRssBytes);
    const sameBitrate =
      source.bitRate !== undefined &&
      output.bitRate !== undefined &&
      Math.abs(source.bitRate - output.bitRate) < 2000;
    const rows: Row[] = [
      secondsWithin110(
        s,
        `${H} AAC → tagged MP3 with cover: wall time${best}`,
        appAac.wallSeconds,
        bareAac.wallSeconds,
        1,
      ),
      {
        section: s,
        measure: `${H} AAC → tagged MP3 with cover: CPU`,
        app: fmt.seconds(appAac.cpuSeconds, 1),
        baseline: fmt.seconds(bareAac.cpuSeconds, 1),
        ratio: fmt.ratio(rAacCpu),
        goal: '—',
        met: null,
        values: {
          app: appAac.cpuSeconds,
          baseline: bareAac.cpuSeconds,
          ratio: rAacCpu,
          unit: 'cpu-s',
        },
      },
      {
        section: s,
        measure: `${H} MP3 → tagged MP3: audio stream-copied`,
        app: `${appMp3.copied ? 'copy' : 're-encoded'}, ${Math.round((output.bitRate ?? 0) / 1000)} kb/s`,
        baseline: `source ${Math.round((source.bitRate ?? 0) / 1000)} kb/s`,
        ratio: '—',
        goal: 'no re-encode',
        met: appMp3.copied && sameBitrate,
      },
      {
        section: s,
        measure: `${H} MP3 → tagged MP3: wall time${best}`,
        app: fmt.seconds(appMp3.wallSeconds, 2),
        baseline: fmt.seconds(cp.wallSeconds, 2),
        ratio: fmt.ratio(rCp, 1),
        goal: 'close to cp (≤ 2×)',
        met: rCp !== undefined && rCp <= 2,
        values: { app: appMp3.wallSeconds, baseline: cp.wallSeconds, ratio: rCp, unit: 's' },
      },
      {
        section: s,
        measure: `${H} MP3 frames (native capture) → tagged MP3 with cover, one pass: wall time${best}`,
        app: fmt.seconds(frameRuns.app.wallSeconds, 2),
        baseline: fmt.seconds(frameRuns.bare.wallSeconds, 2),
        ratio: fmt.ratio(rFrames, 1),
        goal: '≤ 3× cp',
        met: rFrames !== undefined && rFrames <= 3,
        values: {
          app: frameRuns.app.wallSeconds,
          baseline: frameRuns.bare.wallSeconds,
          ratio: rFrames,
          unit: 's',
        },
      },
      {
        section: s,
        measure: `peak RSS of the app process: ${fmt.length(long)} file vs ${H}`,
        app: fmt.mb(appLong.nodePeakRssBytes),
        baseline: fmt.mb(appMp3.nodePeakRssBytes),
        ratio: fmt.ratio(rMem),
        goal: 'flat (≤ 1.10×)',
        met: rMem !== undefined && rMem <= 1.1,
        values: {
          app: appLong.nodePeakRssBytes,
          baseline: appMp3.nodePeakRssBytes,
          ratio: rMem,
          unit: 'bytes',
        },
      },
    ];
    return {
      rows,
      raw: {
        seconds: { hour, long, short },
        bitrateKbps: BITRATE,
        reps,
        aac: { runs: aacRuns, decodeCheckOfOutput: decodeAac },
        mp3: { runs: mp3Runs, decodeCheckOfOutput: decodeMp3, source, output },
        frames: { runs: frameRuns },
        tagging: { long: appLong, short: appShort },
      },
    };
  },
};
