import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import NodeID3 from 'node-id3';
import { describe, expect, it } from 'vitest';
import { tempDirEachTest } from '../../test-support/temp-dir';
import { AppError } from '../../contract';
import { memoryLogger } from '../ports/logger';
import {
  durationTolerance,
  processRecording,
  type ProcessRecordingInput,
} from './process-recording';
import type { TagValues } from '../../contract/naming/tag-values';
import { fakeRunner, lastArg, probeJson, type FakeCall } from './test-fakes';

let workDir: string;
let outputDir: string;
tempDirEachTest('process-', (d) => {
  workDir = join(d, 'work');
  outputDir = join(d, 'out');
});

const tags: TagValues = {
  title: '2026-11-24 Show',
  trackNumber: 2519,
  date: '2026-11-24',
  year: '2026',
  artist: 'A',
  album: 'B',
  albumArtist: 'C',
};

const AUDIO = Buffer.from('FAKE-MP3-FRAMES');

/** Fake tools: parts last 10 s; the joined and the final MP3 last `joined` / `final` seconds. */
function tools(durations: { joined?: number; final?: number } = {}) {
  return fakeRunner(async (call: FakeCall) => {
    const target = lastArg(call);
    if (call.bin === 'ffprobe') {
      if (target.endsWith('.mka')) return { stdout: probeJson({ duration: 10 }) };
      const seconds = target.startsWith(outputDir)
        ? (durations.final ?? durations.joined ?? 10)
        : (durations.joined ?? 10);
      return { stdout: probeJson({ formatName: 'mp3', duration: seconds, bitRate: 128000 }) };
    }
    if (target !== '-') await writeFile(target, AUDIO);
    return {};
  });
}

async function setup(runner = tools(), extra: Partial<ProcessRecordingInput> = {}) {
  await rm(workDir, { recursive: true, force: true });
  await mkdir(workDir, { recursive: true });
  const part = join(workDir, 'part-001.mka');
  await writeFile(part, 'raw capture');
  const logger = memoryLogger();
  const input: ProcessRecordingInput = {
    parts: [{ path: part, url: 'http://x/', codec: 'mp3', startedAt: 0, endedAt: 0 }],
    workDir,
    outputDir,
    fileName: '2026-11-24 Show.mp3',
    bitrateKbps: 192,
    tags,
    ffmpegPath: 'ffmpeg',
    ffprobePath: 'ffprobe',
    runner,
    logger,
    sessionId: 's-1',
    ...extra,
  };
  return { input, logger, runner };
}

describe('processRecording', () => {
  it('joins, validates and writes the tagged file; keeps the parts', async () => {
    const { input, logger } = await setup();
    const result = await processRecording(input);
    expect(result).toEqual({
      path: join(outputDir, '2026-11-24 Show.mp3'),
      durationSeconds: 10,
      sizeBytes: (await readFile(result.path)).length,
      copied: true,
      chapters: [],
      silences: [],
      deadAir: false,
    });
    const bytes = await readFile(result.path);
    expect(bytes.toString('latin1', 0, 3)).toBe('ID3');
    expect(bytes.subarray(bytes.length - AUDIO.length).equals(AUDIO)).toBe(true);
    expect(NodeID3.read(bytes).title).toBe('2026-11-24 Show');
    expect(await readdir(workDir)).toEqual(['part-001.mka']);
    expect(logger.entries.some((e) => e.level === 'info' && e.message.startsWith('Wrote'))).toBe(
      true,
    );
  });

  it('leaves out artwork that is not a JPEG, with a warning', async () => {
    const { input, logger } = await setup(tools(), { artworkJpeg: Buffer.from('GIF89a....') });
    const result = await processRecording(input);
    expect(
      (NodeID3.read(await readFile(result.path)).raw as Record<string, unknown>).APIC,
    ).toBeUndefined();
    expect(logger.entries.some((e) => e.level === 'warn' && e.message.includes('not a JPEG'))).toBe(
      true,
    );
  });

  it('refuses a file name that is not a plain .mp3 name before doing anything', async () => {
    for (const fileName of ['../escape.mp3', 'sub/dir.mp3', 'x.wav', '.mp3']) {
      const { input, runner } = await setup(tools(), { fileName });
      await expect(processRecording(input)).rejects.toSatisfy(
        (e) => e instanceof AppError && e.code === 'VALIDATION_FAILED' && e.field === 'fileName',
      );
      expect(runner.calls).toEqual([]);
    }
  });

  it('fails validation when the joined audio is too short; nothing is left but the parts', async () => {
    const { input } = await setup(tools({ joined: 4 }));
    await expect(processRecording(input)).rejects.toSatisfy(
      (e) => e instanceof AppError && e.code === 'VALIDATION_OF_OUTPUT_FAILED',
    );
    expect(await readdir(workDir)).toEqual(['part-001.mka']);
    expect(await readdir(outputDir)).toEqual([]);
  });

  it('removes the final file when it does not read back as the joined audio', async () => {
    const { input } = await setup(tools({ joined: 10, final: 7 }));
    await expect(processRecording(input)).rejects.toSatisfy(
      (e) => e instanceof AppError && e.code === 'VALIDATION_OF_OUTPUT_FAILED',
    );
    expect(await readdir(outputDir)).toEqual([]);
    expect(await readdir(workDir)).toEqual(['part-001.mka']);
  });

  it("warns of the decoder's errors while encoding, and only of those", async () => {
    const runner = fakeRunner(async (call: FakeCall) => {
      const target = lastArg(call);
      if (call.bin === 'ffprobe') {
        if (target.endsWith('.mka')) return { stdout: probeJson({ duration: 10, codec: 'aac' }) };
        return { stdout: probeJson({ formatName: 'mp3', duration: 10, bitRate: 192000 }) };
      }
      if (target !== '-') await writeFile(target, AUDIO);
      const encoding = call.args.includes('libmp3lame');
      return encoding
        ? { stderr: '[aac @ 0x1] Reserved bit set.\nError while decoding stream\n' }
        : {};
    });
    const { input, logger } = await setup(runner);
    const result = await processRecording({
      ...input,
      parts: input.parts.map((p) => ({ ...p, codec: 'aac' })),
    });
    expect(result.copied).toBe(false);
    const warnings = logger.entries.filter((e) => e.level === 'warn').map((e) => e.message);
    expect(warnings).toEqual([
      'Decoding the received audio for encoding gave 2 decoder warning(s) (glitches as received).',
    ]);
  });

  it('finds dead air in the validating decode pass: one decode, silences, deadAir', async () => {
    const silent = (stderr: string) =>
      fakeRunner(async (call: FakeCall) => {
        const target = lastArg(call);
        if (call.bin === 'ffprobe') {
          return {
            stdout: probeJson({
              formatName: target.endsWith('.mka') ? undefined : 'mp3',
              duration: 120,
            }),
          };
        }
        if (target !== '-') {
          await writeFile(target, AUDIO);
          return {};
        }
        return { stderr };
      });
    const log =
      '[silencedetect @ 0x1] [info] silence_start: 25\n' +
      '[silencedetect @ 0x1] [info] silence_end: 95 | silence_duration: 70\n' +
      '[silencedetect @ 0x1] [info] silence_start: 105\n' +
      '[silencedetect @ 0x1] [info] silence_end: 117 | silence_duration: 12\n';

    const on = await setup(silent(log), { silenceThresholdDb: -60, deadAirSeconds: 60 });
    const result = await processRecording(on.input);
    expect(result.silences).toEqual([
      { at: 25, seconds: 70 },
      { at: 105, seconds: 12 },
    ]);
    expect(result.deadAir).toBe(true);
    const decodes = on.runner.calls.filter((c) => c.bin === 'ffmpeg' && lastArg(c) === '-');
    expect(decodes).toHaveLength(1);
    expect(decodes[0]!.args).toContain(
      'aresample=11025:filter_size=1,silencedetect=noise=-60dB:d=10',
    );
    expect(
      on.logger.entries.some((e) => e.level === 'warn' && /Dead air.*70 s/.test(e.message)),
    ).toBe(true);

    // a longer threshold: the same silences, no dead air
    await rm(outputDir, { recursive: true, force: true });
    const longer = await setup(silent(log), { deadAirSeconds: 120 });
    const calm = await processRecording(longer.input);
    expect(calm.deadAir).toBe(false);
    expect(calm.silences).toHaveLength(2);
    const args = longer.runner.calls.find((c) => c.bin === 'ffmpeg' && lastArg(c) === '-')!.args;
    expect(args).toContain('aresample=11025:filter_size=1,silencedetect=noise=-50dB:d=10');

    // 0 turns it off: no filter, nothing listed
    await rm(outputDir, { recursive: true, force: true });
    const off = await setup(silent(log), { deadAirSeconds: 0 });
    const none = await processRecording(off.input);
    expect(none).toMatchObject({ silences: [], deadAir: false });
    const plain = off.runner.calls.find((c) => c.bin === 'ffmpeg' && lastArg(c) === '-')!.args;
    expect(plain.join(' ')).not.toContain('silencedetect');
  });

  it('allows more drift for longer recordings with more parts', () => {
    expect(durationTolerance(60, 1)).toBeCloseTo(0.72);
    expect(durationTolerance(7200, 3)).toBeCloseTo(15.2);
  });
});
