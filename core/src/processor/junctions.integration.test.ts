import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAdtsServer, type AdtsServer } from '../../test-support/adts-server';
import { startFaultServer, type FaultServer } from '../../test-support/fault-server';
import { startIcecast, type Feeder, type IcecastServer } from '../../test-support/icecast';
import { sleep } from '../../test-support/wait';
import { decodeErrors } from '../../test-support/decode';
import { radioXTags } from '../../test-support/test-tags';
import { realWindow } from '../../test-support/record-window';
import { detectCapabilities } from '../ffmpeg/capabilities';
import { locateFfmpeg } from '../ffmpeg/locate';
import { probe } from '../ffmpeg/probe';
import { spawnRunner } from '../ffmpeg/process';
import { memoryLogger, type Logger } from '../ports/logger';
import { recordWindow, type RecordWindowOptions } from '../recorder/recorder';
import type { RecordingResult } from '../recorder/types';
import { processRecording } from './process-recording';

/*
 * Where parts meet: a source drop ends a part (its connection closed wherever the server was in
 * its data), a reconnect begins the next. The delivered MP3 must decode without a single error.
 */

const { ffmpeg, ffprobe } = locateFfmpeg();
const tags = radioXTags('Junction Test');

let root: string;
let fault: FaultServer;
let adts: AdtsServer;
let ice: IcecastServer;
let mp3Feeder: Feeder;
let aacFeeder: Feeder;
let counter = 0;

/*
 * The first and last tests are about ffmpeg's captures (Matroska parts): they keep the native
 * reader out. Native captures across the same faults: recorder/native/native-capture.integration.
 */
const FFMPEG_ONLY: Partial<RecordWindowOptions> = {
  deps: { nativePart: async () => ({ fallback: 'this test records through ffmpeg' }) },
};

/** Junction test `n`'s window: `url` from `windowStart` to `windowEnd`, parts in `parts-<n>`. */
function junctionWindow(
  n: number,
  url: string,
  windowStart: number,
  windowEnd: number,
  logger: Logger,
): RecordWindowOptions {
  const partsDir = join(root, `parts-${n}`);
  return realWindow({
    sessionId: `junction-${n}`,
    urls: [url],
    windowStart,
    windowEnd,
    partsDir,
    logger,
  });
}

/**
 * Records `url` until two parts have held audio for a while: once audio has arrived for 3 s,
 * `drop` makes the source go away; once the next part has recorded 3 s, the run is stopped.
 * Timed by the recording's own progress, not by the clock: on a busy machine connecting and a
 * source's restart take what they take. Then processes the parts.
 */
async function recordAcrossADrop(
  url: string,
  drop: () => Promise<void>,
  extra: Partial<RecordWindowOptions> = {},
): Promise<{ path: string; parts: number; log: string[] }> {
  const n = ++counter;
  const logger = memoryLogger();
  const stop = new AbortController();
  const windowStart = Date.now() + 2500;
  let firstAudio!: () => void;
  const arriving = new Promise<void>((resolve) => (firstAudio = resolve));
  let secondAudio!: () => void;
  const backAgain = new Promise<void>((resolve) => (secondAudio = resolve));
  const recording = recordWindow({
    // a long window, ended by `stop`
    ...junctionWindow(n, url, windowStart, windowStart + 300_000, logger),
    signal: stop.signal,
    ...extra,
    onProgress: (p) => {
      if (p.state !== 'recording' || p.elapsedSeconds <= 0) return;
      if (p.parts === 1) firstAudio();
      if (p.parts >= 2) secondAudio();
    },
  });
  const log = () => logger.entries.map((e) => `${e.level} ${e.message}`).join('\n');
  let stage = 'waiting for the first audio';
  const steps = arriving
    .then(() => sleep(3000))
    .then(() => ((stage = 'dropping the source'), drop()))
    .then(() => ((stage = 'waiting for audio after the drop'), backAgain))
    .then(() => sleep(3000));
  // a recording that ends on its own, or never gets audio again, fails with its log: not a hang
  let stepsDone = false;
  const endedEarly = recording.then((r) => {
    if (!stepsDone)
      throw new Error(`the recording ended (${r.parts.length} part(s)) while ${stage}:\n${log()}`);
  });
  let guard: NodeJS.Timeout | undefined;
  const tooLong = new Promise<never>((_, reject) => {
    guard = setTimeout(() => reject(new Error(`still ${stage} after 90 s:\n${log()}`)), 90_000);
  });
  try {
    await Promise.race([steps.then(() => (stepsDone = true)), endedEarly, tooLong]);
  } finally {
    clearTimeout(guard);
    stop.abort();
  }
  const result = await recording;
  await endedEarly;
  const processed = await processJunction(n, result.parts, logger);
  return {
    path: processed.path,
    parts: result.parts.length,
    log: log().split('\n'),
  };
}

/** Processes the parts of junction test `n` into `out/junction-<n>.mp3` (128 kb/s, `tags`). */
function processJunction(n: number, parts: RecordingResult['parts'], logger: Logger) {
  return processRecording({
    parts,
    workDir: join(root, `parts-${n}`),
    outputDir: join(root, 'out'),
    fileName: `junction-${n}.mp3`,
    bitrateKbps: 128,
    tags,
    ffmpegPath: ffmpeg,
    ffprobePath: ffprobe,
    runner: spawnRunner,
    logger,
  });
}

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'asr-junctions-it-'));
  // detected once, before any window: on a busy machine it takes seconds
  await detectCapabilities(spawnRunner, ffmpeg);
  // ffmpeg's first connection gets a burst that starts with a false frame header
  let ffmpegConnections = 0;
  const firstFfmpeg = (_n: number, userAgent: string) =>
    userAgent.startsWith('Lavf') && ++ffmpegConnections === 1;
  // one after the other: whatever started is stopped by afterAll, even when a later one fails
  fault = await startFaultServer();
  ice = await startIcecast();
  adts = await startAdtsServer({ falseHeaderOn: firstFfmpeg });
  [mp3Feeder, aacFeeder] = await Promise.all([
    ice.addMount('/drop.mp3', { codec: 'mp3' }),
    ice.addMount('/drop.aac', { codec: 'aac' }),
  ]);
  // let the mounts fill Icecast's 64 KB burst (~4 s at 128 kb/s)
  await sleep(4000);
});

afterAll(async () => {
  await Promise.all([fault?.stop(), ice?.stop(), adts?.stop()]);
  if (root) await rm(root, { recursive: true, force: true });
});

describe('no broken frame where parts meet', () => {
  it('a connection cut inside a frame (fault server): the MP3 decodes without an error', async () => {
    const rec = await recordAcrossADrop(
      fault.url('/drop.mp3'),
      async () => fault.dropFor(1, { insideFrame: true }),
      FFMPEG_ONLY,
    );
    expect(rec.parts, rec.log.join('\n')).toBeGreaterThanOrEqual(2);
    expect(await decodeErrors(ffmpeg, rec.path)).toBe('');
    expect(rec.log.filter((l) => l.includes('decoder warning'))).toEqual([]);
    // the first part did end inside a frame, and that frame was left out
    expect(rec.log.join('\n')).toMatch(/part-001\.mka: it ends with an incomplete MP3 frame/);
  });

  it('an Icecast source killed mid-stream (MP3 and AAC): the MP3 decodes without an error', async () => {
    const killAndRestart = (feeder: Feeder) => async () => {
      // Icecast drops the mount and its listeners at once
      await feeder.stop();
      await sleep(1000);
      await feeder.start();
    };
    const [mp3, aac] = await Promise.all([
      recordAcrossADrop(ice.url('/drop.mp3'), killAndRestart(mp3Feeder)),
      recordAcrossADrop(ice.url('/drop.aac'), killAndRestart(aacFeeder)),
    ]);
    for (const rec of [mp3, aac]) {
      expect(rec.parts, rec.log.join('\n')).toBeGreaterThanOrEqual(2);
      expect(await decodeErrors(ffmpeg, rec.path)).toBe('');
      // AAC is encoded: the decoder's errors while encoding are counted too
      expect(rec.log.filter((l) => l.includes('decoder warning'))).toEqual([]);
    }
  });

  it('an AAC burst that starts with a false frame header: the part keeps its configuration', async () => {
    const n = ++counter;
    const logger = memoryLogger();
    const windowStart = Date.now() + 2500;
    const result = await recordWindow({
      ...junctionWindow(n, adts.url, windowStart, windowStart + 8000, logger),
      ...FFMPEG_ONLY,
    });
    const log = () => logger.entries.map((e) => `${e.level} ${e.message}`).join('\n');
    // ffmpeg did get a burst that starts with a false frame header (22050 Hz, 3 channels)
    expect(adts.falseHeadersSent).toBe(1);
    expect(result.parts.length, log()).toBe(1);
    const info = await probe(spawnRunner, ffprobe, result.parts[0]!.path);
    expect(info.streams[0]).toMatchObject({ codec_name: 'aac', sample_rate: '44100', channels: 2 });
    const processed = await processJunction(n, result.parts, logger);
    expect(await decodeErrors(ffmpeg, processed.path)).toBe('');
    expect(log()).not.toMatch(/decoder warning/);
    expect(result.gaps).toEqual([]);
    expect(Math.abs(processed.durationSeconds - 8)).toBeLessThanOrEqual(0.3);
  });
});
