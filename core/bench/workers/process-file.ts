// Worker: the app's processor (processRecording: join, encode or stream copy, validate, ID3 tag
// with cover, read-back check) on one captured part, as the pipeline runs it after a recording.
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { locateFfmpeg } from '../../src/ffmpeg/locate';
import { spawnRunner } from '../../src/ffmpeg/process';
import { silentLogger } from '../../src/ports/logger';
import { processRecording } from '../../src/processor/process-recording';
import { computeTagValues } from '../../contract/naming/tag-values';
import { runWorker } from './protocol';

export interface ProcessFileCommand {
  /** A part as the recorder writes it (Matroska; `.mp3`/`.aac`: a native capture's bare frames). */
  partPath: string;
  codec: string;
  workDir: string;
  outputDir: string;
  fileName: string;
  bitrateKbps: number;
  /** A normalized JPEG cover. */
  artworkPath?: string;
  /** Dead-air detection in the decode pass: 0 turns it off (default: the app's default). */
  deadAirSeconds?: number;
}

runWorker<ProcessFileCommand>(async (c) => {
  const ffmpeg = locateFfmpeg();
  const startTime = new Date();
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  const result = await processRecording({
    parts: [
      { path: c.partPath, url: 'http://bench.invalid/', codec: c.codec, startedAt: 0, endedAt: 0 },
    ],
    workDir: c.workDir,
    outputDir: c.outputDir,
    fileName: c.fileName,
    bitrateKbps: c.bitrateKbps,
    tags: computeTagValues({
      streamName: 'Bench Show',
      artist: 'Bench Artist',
      album: 'Bench Album',
      albumArtist: 'Bench Station',
      genre: 'Talk',
      startTime,
      timeZone: 'Europe/Berlin',
    }),
    ...(c.artworkPath ? { artworkJpeg: readFileSync(c.artworkPath) } : {}),
    ffmpegPath: ffmpeg.ffmpeg,
    ffprobePath: ffmpeg.ffprobe,
    runner: spawnRunner,
    logger: silentLogger,
    ...(c.deadAirSeconds === undefined ? {} : { deadAirSeconds: c.deadAirSeconds }),
  });
  const wallMs = performance.now() - started;
  const cpu = process.cpuUsage(cpuBefore);
  // the node process's own CPU while processing (module loading at start left out)
  return { wallMs, selfCpuDuringSeconds: (cpu.user + cpu.system) / 1e6, result };
});
