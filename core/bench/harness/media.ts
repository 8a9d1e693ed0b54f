// Test media made with ffmpeg's lavfi sine source, and cover art made with sharp.
import { writeFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import sharp from 'sharp';
import { probe } from '../../src/ffmpeg/probe';
import { runToCompletion, spawnRunner } from '../../src/ffmpeg/process';
import { normalizeArtwork } from '../../src/processor/artwork';

export type ToneCodec = 'aac' | 'mp3';

const ENCODER: Record<ToneCodec, string[]> = {
  aac: ['-c:a', 'aac'],
  mp3: ['-c:a', 'libmp3lame'],
};

async function ffmpeg(args: string[], what: string): Promise<void> {
  const run = await runToCompletion(spawnRunner, 'ffmpeg', [
    ...['-hide_banner', '-nostdin', '-nostats', '-loglevel', 'error', '-y'],
    ...args,
  ]);
  if (run.code !== 0) throw new Error(`ffmpeg could not ${what}: ${run.stderr.slice(-500)}`);
}

/**
 * A sine tone of `seconds` (44.1 kHz stereo at `bitrateKbps`) in Matroska, as the recorder
 * stores a captured part. Long files are made of up to 10-minute pieces joined by stream copy
 * (encoding an hour would take minutes).
 */
export async function makeTone(
  path: string,
  codec: ToneCodec,
  seconds: number,
  bitrateKbps = 128,
): Promise<void> {
  const piece = Math.min(seconds, 600);
  const encode = (out: string, length: number) =>
    ffmpeg(
      [
        ...['-f', 'lavfi', '-i', `sine=frequency=440:sample_rate=44100`, '-t', String(length)],
        ...['-ac', '2', ...ENCODER[codec], '-b:a', `${bitrateKbps}k`, '-f', 'matroska', out],
      ],
      `encode ${length} s of ${codec}`,
    );
  if (piece === seconds) return encode(path, seconds);
  const whole = Math.floor(seconds / piece);
  const rest = seconds - whole * piece;
  const pieceFile = `${path}.piece.mka`;
  const restFile = `${path}.rest.mka`;
  const listFile = `${path}.ffconcat`;
  await encode(pieceFile, piece);
  if (rest > 0) await encode(restFile, rest);
  const entries = [...Array<string>(whole).fill(pieceFile), ...(rest > 0 ? [restFile] : [])];
  await writeFile(
    listFile,
    `ffconcat version 1.0\n${entries.map((f) => `file '${f}'`).join('\n')}\n`,
  );
  try {
    await ffmpeg(
      ['-f', 'concat', '-safe', '0', '-i', listFile, '-c', 'copy', '-f', 'matroska', path],
      'join the pieces',
    );
  } finally {
    await Promise.all([pieceFile, restFile, listFile].map((f) => rm(f, { force: true })));
  }
}

/** A 1600×1600 PNG made JPEG by the app's own artwork normalizer (square, ≤ 1400 px). */
/**
 * The MP3 audio of `source` as a native capture writes a part: bare MPEG frames, no container, no
 * ID3 tag, no Xing frame (a stream copy).
 */
export async function makeMp3Frames(source: string, path: string): Promise<void> {
  await ffmpeg(
    [
      ...['-i', source, '-map', '0:a:0', '-c:a', 'copy'],
      ...['-f', 'mp3', '-id3v2_version', '0', '-write_id3v1', '0', '-write_xing', '0', path],
    ],
    'extract the MP3 frames',
  );
}

export async function makeArtwork(dir: string): Promise<string> {
  const png = await sharp({
    create: { width: 1600, height: 1600, channels: 3, background: '#3a6' },
  })
    .png()
    .toBuffer();
  const path = join(dir, 'cover.jpg');
  await writeFile(path, await normalizeArtwork(png));
  return path;
}

/** ffprobe's duration of a file, in seconds (NaN when it cannot be read). */
export async function durationOf(file: string): Promise<number> {
  try {
    return Number((await probe(spawnRunner, 'ffprobe', file)).format.duration);
  } catch {
    return Number.NaN;
  }
}

/** ffprobe's audio codec and bit rate of a file. */
export async function audioOf(file: string): Promise<{ codec?: string; bitRate?: number }> {
  const info = await probe(spawnRunner, 'ffprobe', file);
  const a = info.streams.find((s) => s.codec_type === 'audio');
  return { codec: a?.codec_name, bitRate: Number(a?.bit_rate) };
}
