// Dead air end to end through the engine's recorder and processor: a real Icecast mount that
// goes silent for 70 s inside a 2-minute window (issue 13: "one silence of 70 ± 2 s at the right
// offset, deadAir true, the file delivered" — delivery and the alert come with the wiring).
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startIcecast, type IcecastServer } from '../../test-support/icecast';
import { locateFfmpeg } from '../ffmpeg/locate';
import { spawnRunner } from '../ffmpeg/process';
import { systemClock } from '../ports/clock';
import { memoryLogger } from '../ports/logger';
import { recordWindow } from '../recorder/recorder';
import { processRecording } from './process-recording';
import { computeTagValues } from './tag-values';

const { ffmpeg, ffprobe } = locateFfmpeg();
const WINDOW_SECONDS = 120;
const SILENCE_AT = 25;
const SILENCE_SECONDS = 70;
/** From the feeder's start to the window's start: the mount is up and its burst full by then. */
const LEAD_MS = 12_000;

let root: string;
let ice: IcecastServer;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'asr-dead-air-icecast-'));
  ice = await startIcecast();
});

afterAll(async () => {
  await ice?.stop();
  await rm(root, { recursive: true, force: true });
});

describe('dead air on a live Icecast mount (real Icecast, ffmpeg, recorder, processor)', () => {
  it('a mount silent for 70 s inside a 2-minute window: one silence of 70 ± 2 s at its offset (25 s planned) ± 2 s, deadAir', async () => {
    // the feeder's clock starts with it (-re): silence from window start + 25 s, for 70 s
    const feederStart = Date.now();
    const windowStart = feederStart + LEAD_MS;
    const from = LEAD_MS / 1000 + SILENCE_AT;
    await ice.addMount('/quiet.mp3', {
      codec: 'mp3',
      silence: { fromSeconds: from, toSeconds: from + SILENCE_SECONDS },
    });
    expect(Date.now(), 'the mount came up too late for the planned window').toBeLessThan(
      windowStart - 1000,
    );

    const logger = memoryLogger();
    const recording = await recordWindow({
      sessionId: 'dead-air-1',
      urls: [ice.url('/quiet.mp3')],
      kind: 'scheduled',
      windowStart,
      windowEnd: windowStart + WINDOW_SECONDS * 1000,
      partsDir: join(root, 'parts'),
      ffmpegPath: ffmpeg,
      ffprobePath: ffprobe,
      runner: spawnRunner,
      clock: systemClock,
      logger,
    });
    expect(recording.gaps, 'a gap would shift the offsets in the file').toEqual([]);
    // the planned window, give or take a late start on a busy machine
    expect(recording.windowStart - windowStart).toBeLessThan(5000);

    const result = await processRecording({
      parts: recording.parts,
      workDir: join(root, 'work'),
      outputDir: join(root, 'out'),
      fileName: 'Quiet Show.mp3',
      bitrateKbps: 128,
      tags: computeTagValues({
        streamName: 'Quiet Show',
        artist: 'Radio X',
        album: 'Mornings',
        albumArtist: 'Radio X',
        genre: 'Talk',
        startTime: new Date(windowStart),
        timeZone: 'Europe/Berlin',
      }),
      ffmpegPath: ffmpeg,
      ffprobePath: ffprobe,
      runner: spawnRunner,
      logger,
      sessionId: 'dead-air-1',
      silenceThresholdDb: -50,
      deadAirSeconds: 60,
    });

    // the file is still made (and would be delivered): nothing is lost
    expect((await stat(result.path)).size).toBe(result.sizeBytes);
    // on a busy machine the recorder may start a little late: offsets count from the window it
    // recorded (result.windowStart), which the file's first second is
    const recorded = (recording.windowEnd - recording.windowStart) / 1000;
    expect(Math.abs(result.durationSeconds - recorded)).toBeLessThanOrEqual(1);
    const expectedAt = (feederStart + from * 1000 - recording.windowStart) / 1000;
    expect(result.deadAir).toBe(true);
    expect(result.silences).toHaveLength(1);
    const [silence] = result.silences;
    expect(
      Math.abs(silence!.at - expectedAt),
      `silence at ${silence!.at} s, not ${expectedAt} s`,
    ).toBeLessThanOrEqual(2);
    expect(
      Math.abs(silence!.seconds - SILENCE_SECONDS),
      `silence of ${silence!.seconds} s`,
    ).toBeLessThanOrEqual(2);
    expect(logger.entries.some((e) => e.level === 'warn' && e.message.startsWith('Dead air'))).toBe(
      true,
    );
  }, 300_000);
});
