// Dead air found by the processor's own decode pass, with Debian's ffmpeg on real MP3 files.
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { locateFfmpeg } from '../ffmpeg/locate';
import { runToCompletion, spawnRunner } from '../ffmpeg/process';
import { memoryLogger } from '../ports/logger';
import { processRecording } from './process-recording';
import { computeTagValues } from './tag-values';
import { validateMp3 } from './validate';

const { ffmpeg, ffprobe } = locateFfmpeg();
let root: string;

/**
 * `seconds` of a 440 Hz tone, silent from `from` to `to` (s), over a hiss of `hissAmplitude`
 * (peak, 0.001 ≈ -60 dBFS; 0 = digital silence), encoded with LAME as `format`.
 */
async function makeAudio(
  name: string,
  o: {
    seconds: number;
    from: number;
    to: number;
    hissAmplitude?: number;
    format: 'mp3' | 'matroska';
  },
): Promise<string> {
  const path = join(root, name);
  const tone = `sine=frequency=440:sample_rate=44100:duration=${o.seconds},volume=enable='between(t,${o.from},${o.to})':volume=0`;
  const graph = o.hissAmplitude
    ? `${tone}[a];anoisesrc=d=${o.seconds}:a=${o.hissAmplitude}:c=white:r=44100[n];[a][n]amix=inputs=2:normalize=0,aformat=channel_layouts=stereo`
    : `${tone},aformat=channel_layouts=stereo`;
  const run = await runToCompletion(
    spawnRunner,
    ffmpeg,
    [
      ...['-hide_banner', '-nostdin', '-loglevel', 'error', '-y', '-filter_complex', graph],
      ...['-c:a', 'libmp3lame', '-b:a', '128k', '-f', o.format, path],
    ],
    { timeoutMs: 120_000 },
  );
  if (run.code !== 0) throw new Error(`ffmpeg could not make ${name}: ${run.stderr}`);
  return path;
}

const validate = (file: string, silence?: { thresholdDb: number; minSeconds: number }) =>
  validateMp3(file, {
    runner: spawnRunner,
    ffmpegPath: ffmpeg,
    ffprobePath: ffprobe,
    expectedSeconds: 120,
    toleranceSeconds: 0.5,
    ...(silence ? { silence } : {}),
  });

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'asr-dead-air-it-'));
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('dead air in the validating decode pass (real ffmpeg)', () => {
  it('finds one silence of 70 s at 25 s in a 2-minute MP3 (tone, 70 s of silence, tone)', async () => {
    const file = await makeAudio('gap.mp3', { seconds: 120, from: 25, to: 95, format: 'mp3' });
    const facts = await validate(file, { thresholdDb: -50, minSeconds: 10 });
    expect(facts.durationSeconds).toBeCloseTo(120, 0);
    expect(facts.decodeErrors).toBe(0);
    expect(facts.silences).toHaveLength(1);
    const [silence] = facts.silences!;
    expect(Math.abs(silence!.at - 25)).toBeLessThanOrEqual(2);
    expect(Math.abs(silence!.seconds - 70)).toBeLessThanOrEqual(2);
  });

  it('measures against the threshold: a hiss at -60 dBFS is silence at -50 dB, not at -70 dB', async () => {
    const file = await makeAudio('hiss.mp3', {
      seconds: 120,
      from: 25,
      to: 95,
      hissAmplitude: 0.001,
      format: 'mp3',
    });
    const loose = await validate(file, { thresholdDb: -50, minSeconds: 10 });
    expect(loose.silences).toHaveLength(1);
    expect(Math.abs(loose.silences![0]!.seconds - 70)).toBeLessThanOrEqual(2);
    const strict = await validate(file, { thresholdDb: -70, minSeconds: 10 });
    expect(strict.silences).toEqual([]);
  });

  it('closes a silence that lasts to the end of the file at the end', async () => {
    const file = await makeAudio('tail.mp3', { seconds: 120, from: 90, to: 200, format: 'mp3' });
    const facts = await validate(file, { thresholdDb: -50, minSeconds: 10 });
    expect(facts.silences).toHaveLength(1);
    const [silence] = facts.silences!;
    expect(Math.abs(silence!.at - 90)).toBeLessThanOrEqual(2);
    expect(Math.abs(silence!.at + silence!.seconds - facts.durationSeconds)).toBeLessThanOrEqual(
      0.1,
    );
  });

  it('processRecording delivers the file and reports deadAir; 0 turns it off', async () => {
    const part = await makeAudio('part-001.mka', {
      seconds: 120,
      from: 25,
      to: 95,
      format: 'matroska',
    });
    const run = (name: string, deadAirSeconds: number) =>
      processRecording({
        parts: [
          { path: part, url: 'http://radio.test/live', codec: 'mp3', startedAt: 0, endedAt: 0 },
        ],
        workDir: join(root, `work-${name}`),
        outputDir: join(root, 'out'),
        fileName: `${name}.mp3`,
        bitrateKbps: 128,
        tags: computeTagValues({
          streamName: 'Quiet Show',
          artist: 'Radio X',
          album: 'Mornings',
          albumArtist: 'Radio X',
          genre: 'Talk',
          startTime: new Date('2026-11-24T05:00:00Z'),
          timeZone: 'Europe/Berlin',
        }),
        ffmpegPath: ffmpeg,
        ffprobePath: ffprobe,
        runner: spawnRunner,
        logger: memoryLogger(),
        silenceThresholdDb: -50,
        deadAirSeconds,
      });

    const result = await run('dead-air', 60);
    expect(result.copied).toBe(true);
    expect((await stat(result.path)).size).toBe(result.sizeBytes);
    expect(result.deadAir).toBe(true);
    expect(result.silences).toHaveLength(1);
    expect(Math.abs(result.silences[0]!.at - 25)).toBeLessThanOrEqual(2);
    expect(Math.abs(result.silences[0]!.seconds - 70)).toBeLessThanOrEqual(2);

    const longer = await run('under-threshold', 90);
    expect(longer.deadAir).toBe(false);
    expect(longer.silences).toHaveLength(1);

    const off = await run('off', 0);
    expect(off).toMatchObject({ deadAir: false, silences: [] });
  });
});
