import { mkdir, mkdtemp, readdir, readFile, rm, stat, truncate, writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../contract';
import { detectCapabilities, type FfmpegCapabilities } from '../ffmpeg/capabilities';
import { buildCaptureArgs } from '../ffmpeg/capture-args';
import { locateFfmpeg } from '../ffmpeg/locate';
import { probe, type ProbeResult } from '../ffmpeg/probe';
import { runToCompletion, spawnRunner } from '../ffmpeg/process';
import { memoryLogger } from '../ports/logger';
import type { CapturedPart } from '../recorder/types';
import { normalizeArtwork } from './artwork';
import { assembleMp3 } from './assemble';
import { processRecording, type ProcessRecordingInput } from './process-recording';
import { mp3FrameLength } from '../audio-frames/mp3-frame-header';
import { computeTagValues } from '../../contract/naming/tag-values';

const { ffmpeg, ffprobe } = locateFfmpeg();
const runner = spawnRunner;

let root: string;
let cover: Buffer;
let caps: FfmpegCapabilities | undefined;
let caseNo = 0;

const tags = computeTagValues({
  streamName: 'Morning Show',
  artist: 'Radio X',
  album: 'Mornings',
  albumArtist: 'Radio X Network',
  genre: 'Talk',
  startTime: new Date('2026-11-24T05:00:00Z'),
  timeZone: 'Europe/Berlin',
});

async function sh(bin: string, args: string[]): Promise<string> {
  const run = await runToCompletion(runner, bin, args, { timeoutMs: 60_000 });
  if (run.code !== 0) throw new Error(`${bin} ${args.join(' ')} failed: ${run.stderr}`);
  return run.stdout;
}

/** A Matroska part as the recorder makes it: audio stream-copied as received. */
async function makePart(
  dir: string,
  name: string,
  seconds: number,
  codecArgs: string[],
  source = `anoisesrc=duration=${seconds}:sample_rate=44100:amplitude=0.3:seed=${name.length * 7919}`,
): Promise<string> {
  const path = join(dir, name);
  await sh(ffmpeg, [
    '-v',
    'error',
    '-f',
    'lavfi',
    '-i',
    source,
    ...codecArgs,
    '-f',
    'matroska',
    '-y',
    path,
  ]);
  return path;
}

/** ffmpeg's arguments for a stereo part in `codec` at `bitrate` (`128k`). */
const stereo = (codec: string, bitrate: string) => ['-ac', '2', '-c:a', codec, '-b:a', bitrate];
const MP3_128 = stereo('libmp3lame', '128k');

function part(path: string, keepSeconds?: number, codec = 'mp3'): CapturedPart {
  const p: CapturedPart = { path, url: 'http://radio.test/live', codec, startedAt: 0, endedAt: 0 };
  if (keepSeconds !== undefined) p.keepSeconds = keepSeconds;
  return p;
}

async function newCase(): Promise<{ dir: string; workDir: string; outputDir: string }> {
  const dir = join(root, `case-${++caseNo}`);
  const workDir = join(dir, 'parts');
  const outputDir = join(dir, 'out');
  await mkdir(workDir, { recursive: true });
  return { dir, workDir, outputDir };
}

function input(
  c: { workDir: string; outputDir: string },
  parts: CapturedPart[],
  extra: Partial<ProcessRecordingInput> = {},
): ProcessRecordingInput {
  return {
    parts,
    workDir: c.workDir,
    outputDir: c.outputDir,
    fileName: '2026-11-24 Morning Show.mp3',
    bitrateKbps: 192,
    tags,
    ffmpegPath: ffmpeg,
    ffprobePath: ffprobe,
    runner,
    logger: memoryLogger(),
    sessionId: 's-1',
    ...extra,
  };
}

function audioOf(info: ProbeResult) {
  const audio = info.streams.filter((s) => s.codec_type === 'audio');
  expect(audio).toHaveLength(1);
  return audio[0]!;
}

async function duration(file: string): Promise<number> {
  return Number((await probe(runner, ffprobe, file)).format.duration);
}

/**
 * md5 of every audio packet's data, in order (stream copy: the frames exactly as stored). The
 * sixth framemd5 column is the data's hash; later columns hash side data (e.g. skip samples).
 */
async function packetHashes(file: string): Promise<string[]> {
  const out = await sh(ffmpeg, [
    '-v',
    'error',
    '-i',
    file,
    '-map',
    '0:a:0',
    '-c',
    'copy',
    '-f',
    'framemd5',
    '-',
  ]);
  return out
    .split('\n')
    .filter((l) => l && !l.startsWith('#'))
    .map((l) => l.split(',')[5]!.trim());
}

/** Length of the ADTS (AAC) frame at `offset`, or undefined. */
function adtsFrameLength(buf: Buffer, offset: number): number | undefined {
  if (offset + 7 > buf.length || buf[offset] !== 0xff || (buf[offset + 1]! & 0xf6) !== 0xf0) {
    return undefined;
  }
  return ((buf[offset + 3]! & 0x03) << 11) | (buf[offset + 4]! << 3) | (buf[offset + 5]! >> 5);
}

/** `bytes` cut 60 % into the frame that starts `framesFromEnd` whole frames before the end. */
function cutInsideFrame(
  bytes: Buffer,
  frameLength: (b: Buffer, at: number) => number | undefined,
  framesFromEnd = 10,
): Buffer {
  const starts: number[] = [];
  for (let at = 0, len; (len = frameLength(bytes, at)) !== undefined; at += len) starts.push(at);
  const start = starts[starts.length - framesFromEnd]!;
  const length = frameLength(bytes, start)!;
  return bytes.subarray(0, start + Math.floor(length * 0.6));
}

/**
 * A part as the recorder captures it (its own ffmpeg arguments) from a server that sends `bytes`
 * and closes the connection, like a station whose source dropped.
 */
async function captureFromDroppingServer(
  bytes: Buffer,
  contentType: string,
  path: string,
): Promise<void> {
  const server = createServer((_req, res) => {
    res.useChunkedEncodingByDefault = false;
    res.writeHead(200, { 'Content-Type': contentType, Connection: 'close' });
    res.end(bytes);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  try {
    const { port } = server.address() as { port: number };
    caps ??= await detectCapabilities(runner, ffmpeg);
    const args = buildCaptureArgs({ url: `http://127.0.0.1:${port}/live`, caps, outputPath: path });
    const run = await runToCompletion(runner, ffmpeg, args, { timeoutMs: 60_000 });
    if (run.code !== 0) throw new Error(`capture failed: ${run.stderr}`);
  } finally {
    server.closeAllConnections();
    await new Promise<void>((r) => server.close(() => r()));
  }
}

/** A live-like source: noise encoded as a raw stream (MP3 or ADTS AAC), `seconds` long. */
async function encodeStream(codec: 'mp3' | 'aac', seconds: number, seed: number): Promise<Buffer> {
  const file = join(root, `source-${codec}-${seed}.${codec}`);
  await sh(ffmpeg, [
    ...['-v', 'error', '-y', '-f', 'lavfi'],
    ...['-i', `anoisesrc=duration=${seconds}:sample_rate=44100:amplitude=0.3:seed=${seed}`],
    ...['-ac', '2', '-b:a', '128k'],
    ...(codec === 'mp3'
      ? ['-c:a', 'libmp3lame', '-id3v2_version', '0', '-write_xing', '0', '-f', 'mp3']
      : ['-c:a', 'aac', '-f', 'adts']),
    file,
  ]);
  return readFile(file);
}

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'processor-it-'));
  const png = await sharp({
    create: { width: 3000, height: 2000, channels: 3, background: '#cc3322' },
  })
    .png()
    .toBuffer();
  cover = await normalizeArtwork(png);
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('processRecording with real ffmpeg', () => {
  it('(a) stream-copies MP3 parts, trims their heads, tags them and embeds the cover', async () => {
    const c = await newCase();
    const p1 = await makePart(c.workDir, 'part-001.mka', 6, MP3_128);
    const p2 = await makePart(c.workDir, 'part-002.mka', 5, MP3_128);
    const d1 = await duration(p1);
    const d2 = await duration(p2);

    const result = await processRecording(
      input(c, [part(p1, 4), part(p2)], { artworkJpeg: cover }),
    );

    expect(result.copied).toBe(true);
    expect(result.path).toBe(join(c.outputDir, '2026-11-24 Morning Show.mp3'));
    expect(result.sizeBytes).toBe((await stat(result.path)).size);
    const expected = Math.min(d1, 4) + d2;
    expect(Math.abs(result.durationSeconds - expected)).toBeLessThanOrEqual(0.2);

    const info = await probe(runner, ffprobe, result.path);
    expect(info.format.format_name).toBe('mp3');
    const audio = audioOf(info);
    expect(audio.codec_name).toBe('mp3');
    // the source's 128 kb/s, not the 192 kb/s an encode would have produced
    expect(audio.bit_rate).toBe('128000');
    expect(Math.abs(Number(info.format.duration) - result.durationSeconds)).toBeLessThan(0.05);

    // no re-encode: the output's frames are the source frames, byte for byte, in order
    const src1 = await packetHashes(p1);
    const src2 = await packetHashes(p2);
    const out = await packetHashes(result.path);
    expect(new Set(src1).size).toBe(src1.length); // noise: every frame differs
    const tail1 = src1.slice(src1.length - (out.length - src2.length));
    expect(out).toEqual([...tail1, ...src2]);
    expect(Math.abs(tail1.length * 0.026122 - 4)).toBeLessThan(0.1);

    expect(info.format.tags).toMatchObject({
      title: '2026-11-24 Morning Show',
      track: '2519',
      artist: 'Radio X',
      album: 'Mornings',
      album_artist: 'Radio X Network',
      genre: 'Talk',
      date: '2026-11-24',
    });
    const pictures = info.streams.filter((s) => s.disposition?.attached_pic === 1);
    expect(pictures).toHaveLength(1);
    const pic = pictures[0] as (typeof pictures)[0] & { width?: number; height?: number };
    expect(pic.codec_name).toBe('mjpeg');
    expect(pic.width).toBe(1400);
    expect(pic.height).toBe(1400);

    // parts are kept (the caller deletes them), temp files are gone
    expect((await readdir(c.workDir)).sort()).toEqual(['part-001.mka', 'part-002.mka']);
    expect(await readdir(c.outputDir)).toEqual(['2026-11-24 Morning Show.mp3']);
  });

  it('(b) encodes AAC parts once to MP3 at the stream bitrate', async () => {
    const c = await newCase();
    const p1 = await makePart(c.workDir, 'part-001.mka', 5, stereo('aac', '96k'));
    const p2 = await makePart(c.workDir, 'part-002.mka', 4, stereo('aac', '96k'));
    const result = await processRecording(
      input(c, [part(p1, 3, 'aac'), part(p2, undefined, 'aac')], { bitrateKbps: 192 }),
    );
    expect(result.copied).toBe(false);
    const info = await probe(runner, ffprobe, result.path);
    const audio = audioOf(info);
    expect(audio.codec_name).toBe('mp3');
    expect(Number(audio.bit_rate)).toBe(192000);
    expect(Math.abs(result.durationSeconds - (3 + (await duration(p2))))).toBeLessThanOrEqual(0.2);
    expect(info.format.tags?.title).toBe('2026-11-24 Morning Show');
    expect(info.streams.some((s) => s.disposition?.attached_pic === 1)).toBe(false);
  });

  it('(c) encodes Opus and FLAC (96 kHz 5.1) parts, and a mix of codecs', async () => {
    const c = await newCase();
    const opus = await makePart(c.workDir, 'opus.mka', 4, stereo('libopus', '64k'));
    const flac = await makePart(
      c.workDir,
      'flac.mka',
      4,
      ['-c:a', 'flac'],
      'anoisesrc=duration=4:sample_rate=96000:amplitude=0.3,pan=5.1|c0=c0|c1=c0|c2=c0|c3=c0|c4=c0|c5=c0',
    );
    const mp3 = await makePart(c.workDir, 'mp3.mka', 3, MP3_128);

    const fromOpus = await processRecording(
      input(c, [part(opus, undefined, 'opus')], { fileName: 'opus.mp3', bitrateKbps: 128 }),
    );
    const fromFlac = await processRecording(
      input(c, [part(flac, undefined, 'flac')], { fileName: 'flac.mp3', bitrateKbps: 128 }),
    );
    // a fallback URL with another codec: MP3 part, then Opus, then FLAC → encoded once
    const mixed = await processRecording(
      input(c, [part(mp3, 2), part(opus, 3, 'opus'), part(flac, undefined, 'flac')], {
        fileName: 'mixed.mp3',
        bitrateKbps: 128,
      }),
    );

    for (const [result, seconds] of [
      [fromOpus, 4],
      [fromFlac, 4],
      [mixed, 2 + 3 + 4],
    ] as const) {
      expect(result.copied).toBe(false);
      const audio = audioOf(await probe(runner, ffprobe, result.path));
      expect(audio.codec_name).toBe('mp3');
      expect(Number(audio.bit_rate)).toBe(128000);
      expect(audio.channels).toBeLessThanOrEqual(2);
      expect(Number(audio.sample_rate)).toBeLessThanOrEqual(48000);
      expect(Math.abs(result.durationSeconds - seconds)).toBeLessThanOrEqual(0.2);
    }
  });

  it('(d) lasts the sum of the kept seconds when each part starts with a burst', async () => {
    const c = await newCase();
    // each connection delivered 4 s of buffered audio up front: media runs 4 s ahead of the clock
    const p1 = await makePart(c.workDir, 'part-001.mka', 9, MP3_128);
    const p2 = await makePart(c.workDir, 'part-002.mka', 7, MP3_128);
    const result = await processRecording(input(c, [part(p1, 5), part(p2, 3)]));
    expect(result.copied).toBe(true);
    expect(Math.abs(result.durationSeconds - 8)).toBeLessThanOrEqual(0.2);
    expect(Math.abs((await duration(result.path)) - 8)).toBeLessThanOrEqual(0.2);
  });

  it('(e) a corrupt part fails the run, keeps the parts and leaves no output or temp file', async () => {
    const c = await newCase();
    const good = await makePart(c.workDir, 'part-001.mka', 3, MP3_128);
    const bad = join(c.workDir, 'part-002.mka');
    await writeFile(bad, Buffer.alloc(64 * 1024, 0x5a));
    let error: unknown;
    try {
      await processRecording(input(c, [part(good), part(bad)]));
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('FFMPEG_FAILED');
    expect((error as AppError).message).toContain('part-002.mka');
    expect((await readdir(c.workDir)).sort()).toEqual(['part-001.mka', 'part-002.mka']);
    expect(await readdir(c.outputDir)).toEqual([]);
  });

  it('(e) a truncated part fails validation and leaves nothing behind', async () => {
    const c = await newCase();
    const p = await makePart(c.workDir, 'part-001.mka', 10, MP3_128);
    // cut the file in half: the header still claims 10 s
    await truncate(p, Math.floor((await stat(p)).size / 2));
    await expect(processRecording(input(c, [part(p)]))).rejects.toSatisfy(
      (e) => e instanceof AppError && e.code === 'VALIDATION_OF_OUTPUT_FAILED',
    );
    expect(await readdir(c.workDir)).toEqual(['part-001.mka']);
    expect(await readdir(c.outputDir)).toEqual([]);
  });

  it.each(['mp3', 'aac'] as const)(
    '(g) %s: a part whose connection closed inside a frame joins without a broken frame',
    async (codec) => {
      const c = await newCase();
      const frameLength = codec === 'mp3' ? mp3FrameLength : adtsFrameLength;
      const type = codec === 'mp3' ? 'audio/mpeg' : 'audio/aac';
      const paths = [join(c.workDir, 'part-001.mka'), join(c.workDir, 'part-002.mka')];
      for (const [i, path] of paths.entries()) {
        const source = cutInsideFrame(await encodeStream(codec, 6, 11 + i), frameLength);
        await captureFromDroppingServer(source, type, path);
      }
      const logger = memoryLogger();
      const result = await processRecording(
        input(c, [part(paths[0]!, undefined, codec), part(paths[1]!, undefined, codec)], {
          logger,
          fileName: `${codec}.mp3`,
        }),
      );

      // the delivered file decodes without a single error, and decoding the parts gave none
      const decode = await runToCompletion(runner, ffmpeg, [
        ...['-v', 'error', '-i', result.path, '-f', 'null', '-'],
      ]);
      expect(decode.code).toBe(0);
      expect(decode.stderr.trim()).toBe('');
      const messages = logger.entries.map((e) => e.message);
      expect(messages.filter((m) => m.includes('decoder warning'))).toEqual([]);
      // because both parts ended inside a frame, and that frame was left out of the join
      const notes = messages.filter((m) => /incomplete MP3 frame|does not decode/.test(m));
      expect(notes, messages.join('\n')).toHaveLength(2);
      const parts = (await duration(paths[0]!)) + (await duration(paths[1]!));
      expect(Math.abs(result.durationSeconds - parts)).toBeLessThan(0.2);
    },
  );

  it('refuses to overwrite an existing recording', async () => {
    const c = await newCase();
    const p = await makePart(c.workDir, 'part-001.mka', 2, MP3_128);
    await mkdir(c.outputDir, { recursive: true });
    await writeFile(join(c.outputDir, 'taken.mp3'), 'precious');
    await expect(
      processRecording(input(c, [part(p)], { fileName: 'taken.mp3' })),
    ).rejects.toSatisfy((e) => e instanceof AppError && e.code === 'CONFLICT');
    expect(await readdir(c.outputDir)).toEqual(['taken.mp3']);
    expect(await readdir(c.workDir)).toEqual(['part-001.mka']);
  });

  it('(f) assembles a 200 MB file without memory growing with its length', async () => {
    const c = await newCase();
    const audio = join(c.workDir, 'big.mp3');
    await writeFile(audio, '');
    await truncate(audio, 200 * 1024 * 1024); // sparse: fast to make, read back as zeros
    const tag = Buffer.alloc(400 * 1024, 1);
    await mkdir(c.outputDir, { recursive: true });
    const finalPath = join(c.outputDir, 'big.mp3');

    global.gc?.();
    const before = process.memoryUsage().rss;
    let peak = before;
    const sampler = setInterval(() => {
      peak = Math.max(peak, process.memoryUsage().rss);
    }, 5);
    try {
      const result = await assembleMp3({ tag, audioPath: audio, finalPath });
      expect(result.sizeBytes).toBe(tag.length + 200 * 1024 * 1024);
    } finally {
      clearInterval(sampler);
    }
    peak = Math.max(peak, process.memoryUsage().rss);
    expect((await stat(finalPath)).size).toBe(tag.length + 200 * 1024 * 1024);
    expect(peak - before).toBeLessThan(50 * 1024 * 1024);
  });
});
