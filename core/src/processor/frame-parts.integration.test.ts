import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { computeTagValues } from '../../contract/naming/tag-values';
import { readId3WithMutagen } from '../../test-support/mutagen';
import { locateFfmpeg } from '../ffmpeg/locate';
import { runToCompletion, spawnRunner } from '../ffmpeg/process';
import { memoryLogger } from '../ports/logger';
import type { CapturedPart } from '../recorder/types';
import { mp3FrameInfo } from '../audio-frames/mp3-frame-header';
import { processRecording, type ProcessRecordingInput } from './process-recording';

/*
 * Native captures' parts (bare frames, no container) through processing, checked with programs
 * that are not ours: ffprobe and ffmpeg (length, chapters, decode, seeking) and mutagen (tags).
 * The parts are made by Debian's ffmpeg (`-f mp3` without ID3/Xing, `-f adts`) and cut at byte
 * positions inside frames, as a connection that ends anywhere would.
 */

const { ffmpeg, ffprobe } = locateFfmpeg();
const runner = spawnRunner;
const windowStart = '2026-12-02T20:00:00.000Z';
const at = (s: number) => new Date(Date.parse(windowStart) + s * 1000).toISOString();
const tracks = [
  { at: at(-20), title: 'Opening "Theme"' },
  { at: at(6), title: 'Björk – Jóga\u0007' },
  { at: at(13.5), title: '<script>x</script>' },
];
const tags = computeTagValues({
  streamName: 'Night Shift',
  artist: 'Radio X',
  album: 'Nights',
  albumArtist: 'Radio X',
  startTime: new Date(windowStart),
  timeZone: 'UTC',
});

let root: string;
let cover: Buffer;
let caseNo = 0;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'frame-parts-'));
  cover = await sharp({ create: { width: 32, height: 32, channels: 3, background: '#884422' } })
    .jpeg()
    .toBuffer();
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

async function run(bin: string, args: string[]) {
  return runToCompletion(runner, bin, args, { timeoutMs: 120_000 });
}

/**
 * 20 s as bare frames, cut into two parts inside a frame: 8 s of digital silence, then noise, so
 * that VBR frames are small, then large (a TOC that is not the file's own would seek wrong).
 */
async function makeParts(dir: string, encode: string[], ext: 'mp3' | 'aac'): Promise<string[]> {
  const whole = join(dir, `whole.${ext}`);
  const src =
    "anoisesrc=d=20:a=0.5:sample_rate=44100:seed=7,volume='if(lt(t,8),0,1)':eval=frame," +
    'aformat=channel_layouts=stereo';
  const out =
    ext === 'mp3' ? ['-f', 'mp3', '-id3v2_version', '0', '-write_xing', '0'] : ['-f', 'adts'];
  const made = await run(ffmpeg, [
    '-v',
    'error',
    '-f',
    'lavfi',
    '-i',
    src,
    ...encode,
    ...out,
    '-y',
    whole,
  ]);
  expect(made.stderr).toBe('');
  const bytes = await readFile(whole);
  const cut = Math.floor(bytes.length * 0.45);
  const paths = [join(dir, `p1.${ext}`), join(dir, `p2.${ext}`)];
  await writeFile(paths[0]!, bytes.subarray(0, cut)); // ends inside a frame
  await writeFile(paths[1]!, bytes.subarray(cut - 40)); // starts inside the same frame
  return paths;
}

function part(path: string): CapturedPart {
  return { path, url: 'http://radio.test/live', codec: 'mp3', startedAt: 0, endedAt: 0 };
}

async function processCase(encode: string[], ext: 'mp3' | 'aac', deadAirSeconds = 0) {
  const dir = join(root, `case-${++caseNo}`);
  await mkdir(dir, { recursive: true });
  const paths = await makeParts(dir, encode, ext);
  const input: ProcessRecordingInput = {
    parts: paths.map(part),
    workDir: dir,
    outputDir: join(dir, 'out'),
    fileName: 'Night Shift.mp3',
    bitrateKbps: 96,
    tags,
    artworkJpeg: cover,
    ffmpegPath: ffmpeg,
    ffprobePath: ffprobe,
    runner,
    logger: memoryLogger(),
    deadAirSeconds,
    tracks,
    windowStart,
    writeCueSheet: true,
  };
  return processRecording(input);
}

/** Our own walk of the output: the offset and time of every audio frame after the Xing frame. */
function framesOf(file: Buffer) {
  const tagSize = 10 + ((file[6]! << 21) | (file[7]! << 14) | (file[8]! << 7) | file[9]!);
  const first = mp3FrameInfo(file, tagSize)!;
  const offsets: number[] = [];
  for (let pos = tagSize + first.length; pos < file.length;) {
    const info = mp3FrameInfo(file, pos);
    if (!info) throw new Error(`no frame at ${pos}`);
    offsets.push(pos);
    pos += info.length;
  }
  return { offsets, frameSeconds: first.samples / first.sampleRate };
}

async function probeJson(args: string[], file: string) {
  const out = await run(ffprobe, ['-v', 'error', ...args, '-of', 'json', file]);
  expect(out.code).toBe(0);
  return JSON.parse(out.stdout) as Record<
    string,
    Record<string, string | Record<string, string>>[]
  > & {
    format: Record<string, string>;
  };
}

/** ffprobe's first packet after seeking to `seconds`: where it landed and what time it says. */
async function seek(file: string, seconds: number, extra: string[] = []) {
  const out = await probeJson(
    [
      ...extra,
      '-select_streams',
      'a:0',
      '-read_intervals',
      `${seconds}%+#1`,
      '-show_entries',
      'packet=pts_time,pos',
    ],
    file,
  );
  const packet = out.packets![0] as Record<string, string>;
  return { pos: Number(packet.pos), pts: Number(packet.pts_time) };
}

async function checkFile(path: string, durationSeconds: number) {
  const bytes = await readFile(path);
  const { offsets, frameSeconds } = framesOf(bytes);
  // the length is the frame count × samples / rate, and ffprobe reads exactly that
  expect(durationSeconds).toBeCloseTo(offsets.length * frameSeconds, 6);
  const probed = await probeJson(['-show_format', '-show_chapters'], path);
  expect(Number(probed.format.duration)).toBeCloseTo(durationSeconds, 3);
  expect(
    (probed.chapters as { start_time: string; end_time: string; tags: { title: string } }[]).map(
      (c) => [Number(c.start_time), Number(c.end_time), c.tags.title],
    ),
  ).toEqual([
    [0, 6, 'Opening "Theme"'],
    [6, 13.5, 'Björk – Jóga'],
    [13.5, Math.floor(durationSeconds * 1000) / 1000, '<script>x</script>'],
  ]);
  // a reader that is not ours
  const id3 = await readId3WithMutagen(path);
  expect(id3.title).toBe(tags.title);
  expect(id3.pictures).toEqual([{ type: 3, bytes: cover.length }]);
  expect(id3.ctoc).toEqual([{ id: 'toc', flags: 3, children: ['ch1', 'ch2', 'ch3'] }]);
  expect(id3.chap.map((c) => [c.start, c.end, c.title])).toEqual([
    [0, 6000, 'Opening "Theme"'],
    [6000, 13_500, 'Björk – Jóga'],
    [13_500, Math.floor(durationSeconds * 1000), '<script>x</script>'],
  ]);
  // decodes without a single error
  const decoded = await run(ffmpeg, ['-v', 'error', '-i', path, '-f', 'null', '-']);
  expect(decoded.code).toBe(0);
  expect(decoded.stderr).toBe('');
  // seeking: where ffmpeg lands (by the Xing TOC with -usetoc 1) is the time it says it is
  for (const extra of [[], ['-usetoc', '1']]) {
    for (const target of [5, 12.3]) {
      const landed = await seek(path, target, extra);
      const index = offsets.indexOf(landed.pos);
      expect(index, `a frame starts at ${landed.pos}`).toBeGreaterThanOrEqual(0);
      expect(Math.abs(index * frameSeconds - landed.pts)).toBeLessThan(0.1);
      if (extra.length === 0) expect(Math.abs(index * frameSeconds - target)).toBeLessThan(0.1);
    }
  }
  const cue = await readFile(path.replace(/\.mp3$/, '.cue'), 'utf8');
  expect(cue).toContain('FILE "Night Shift.mp3" MP3\r\n');
  expect(cue).toContain(`TRACK 01 AUDIO\r\n    TITLE "Opening 'Theme'"\r\n    INDEX 01 00:00:00`);
  expect(cue).toContain('TRACK 02 AUDIO\r\n    TITLE "Björk – Jóga"\r\n    INDEX 01 00:06:00');
  expect(cue).toContain(
    'TRACK 03 AUDIO\r\n    TITLE "<script>x</script>"\r\n    INDEX 01 00:13:37',
  );
}

describe('frame-only parts to a tagged MP3 with chapters', () => {
  it.each([
    ['MPEG-1 44.1 kHz CBR', ['-ar', '44100', '-c:a', 'libmp3lame', '-b:a', '128k']],
    ['MPEG-1 44.1 kHz VBR', ['-ar', '44100', '-c:a', 'libmp3lame', '-q:a', '4']],
    ['MPEG-2 22.05 kHz CBR', ['-ar', '22050', '-c:a', 'libmp3lame', '-b:a', '32k']],
    ['MPEG-2 22.05 kHz VBR', ['-ar', '22050', '-ac', '1', '-c:a', 'libmp3lame', '-q:a', '6']],
  ])(
    '%s: one pass, no decode errors, chapters read by ffprobe and mutagen, TOC honoured',
    async (_, encode) => {
      const out = await processCase(encode, 'mp3');
      expect(out.copied).toBe(true);
      // two parts cut inside one frame: at most that frame and the one with its head are lost
      expect(out.durationSeconds).toBeGreaterThan(20 - 0.1);
      expect(out.durationSeconds).toBeLessThanOrEqual(20.1);
      await checkFile(out.path, out.durationSeconds);
    },
    180_000,
  );

  it('with the dead-air pass on: the one decode finds no dead air', async () => {
    const out = await processCase(
      ['-ar', '44100', '-c:a', 'libmp3lame', '-b:a', '128k'],
      'mp3',
      60,
    );
    expect(out.deadAir).toBe(false);
    expect(out.silences).toEqual([]);
  }, 180_000);

  it('ADTS AAC parts: one libmp3lame encode, then the same file layout', async () => {
    const out = await processCase(['-ar', '44100', '-c:a', 'aac', '-b:a', '64k'], 'aac');
    expect(out.copied).toBe(false);
    expect(Math.abs(out.durationSeconds - 20)).toBeLessThan(0.2);
    await checkFile(out.path, out.durationSeconds);
  }, 180_000);
});
