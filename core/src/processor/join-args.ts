import { AppError } from '../../contract';

/*
 * Argument builders for joining captured parts into one audio-only MP3. Pure: no I/O.
 *
 * Why the head trim is a separate stream-copy step and not an ffconcat `inpoint`: the concat
 * demuxer seeks to the inpoint but still emits every packet from the seek point on, and Matroska
 * seeks land on a cluster start (clusters hold seconds of audio). With `inpoint 4` on a 10 s part
 * the whole part came through (measured with ffmpeg 5.1: 15.07 s out instead of 8.5 s). An
 * output-side `-ss` reads and drops the packets before it instead, exact to one packet (~20-90 ms
 * depending on the codec), without relying on an index, and it stays a stream copy.
 *
 *   1. trimArgs: each part with something to cut (its head; an incomplete last frame, see
 *      part-ends) → a trimmed Matroska segment (stream copy);
 *   2. one of
 *      - joinCopyArgs: every segment MP3 with the same sample rate and channels → concat demuxer,
 *        stream copy (never re-encoded);
 *      - joinEncodeArgs: every segment the same codec/profile/rate/channels → concat demuxer,
 *        encoded once with libmp3lame;
 *      - joinMixedEncodeArgs: segments differ (a fallback URL with another codec or rate) → one
 *        input per segment into the concat filter (each decoded by its own decoder; the filter
 *        graph converts rates and layouts), encoded once.
 * Every output is an MP3 with no metadata from the source (no ID3v2, no ID3v1, no chapters) and a
 * Xing/LAME header, written to a seekable file so that players see the right duration.
 */

/** Nothing of the source's metadata or chapters goes into an output. */
const NO_SOURCE_METADATA: readonly string[] = ['-map_metadata', '-1', '-map_chapters', '-1'];

export const MP3_OUTPUT_ARGS: readonly string[] = [
  ...NO_SOURCE_METADATA,
  '-f',
  'mp3',
  '-id3v2_version',
  '0',
  '-write_id3v1',
  '0',
  '-write_xing',
  '1',
];

const COMMON: readonly string[] = ['-hide_banner', '-nostats', '-loglevel', 'error'];
/** Before each input: local files only, also for the files an ffconcat list names. */
const LOCAL_ONLY: readonly string[] = ['-protocol_whitelist', 'file'];

/** Seconds to skip at a part's head: media duration minus the seconds to keep (never negative). */
export function inpointFor(mediaSeconds: number, keepSeconds: number | undefined): number {
  if (keepSeconds === undefined || !Number.isFinite(keepSeconds)) return 0;
  if (!Number.isFinite(mediaSeconds)) return 0;
  return Math.max(0, mediaSeconds - Math.max(0, keepSeconds));
}

/** Seconds as ffmpeg reads them: plain decimal, millisecond precision. */
export function formatSeconds(seconds: number): string {
  return Math.max(0, seconds).toFixed(3);
}

/**
 * A path for an ffconcat `file` line: single-quoted, a quote inside written as `'\''`. Line
 * breaks and NUL cannot be expressed in the list and are refused.
 */
export function quoteFfconcatPath(path: string): string {
  if (/[\n\r\0]/.test(path)) {
    throw new AppError('INTERNAL', 'A part path contains a line break and cannot be joined.');
  }
  return `'${path.replace(/'/g, "'\\''")}'`;
}

/** An ffconcat list of absolute paths, in order. */
export function ffconcatList(paths: readonly string[]): string {
  return ['ffconcat version 1.0', ...paths.map((p) => `file ${quoteFfconcatPath(p)}`), ''].join(
    '\n',
  );
}

/**
 * Stream-copies `input`'s first audio stream from `inpoint` seconds on into Matroska `output`;
 * with `outpoint`, only the packets before it (seconds from the input's start: the packet that
 * starts there and those after it are left out, exactly, as a stream copy compares each packet's
 * time).
 */
export function trimArgs(
  input: string,
  inpoint: number,
  output: string,
  outpoint?: number,
): string[] {
  return [
    ...COMMON,
    ...LOCAL_ONLY,
    '-i',
    input,
    '-ss',
    formatSeconds(inpoint),
    ...(outpoint === undefined ? [] : ['-to', formatSeconds(outpoint)]),
    '-map',
    '0:a:0',
    '-c:a',
    'copy',
    ...NO_SOURCE_METADATA,
    '-f',
    'matroska',
    '-n',
    output,
  ];
}

/** Concatenates the segments of an ffconcat list into one MP3 with the given audio codec args. */
function concatArgs(listPath: string, output: string, codecArgs: readonly string[]): string[] {
  return [
    ...COMMON,
    ...LOCAL_ONLY,
    '-f',
    'concat',
    '-safe',
    '0',
    '-i',
    listPath,
    '-map',
    '0:a:0',
    ...codecArgs,
    ...MP3_OUTPUT_ARGS,
    '-n',
    output,
  ];
}

/** Concatenates the listed MP3 segments into `output` without re-encoding. */
export function joinCopyArgs(listPath: string, output: string): string[] {
  return concatArgs(listPath, output, ['-c:a', 'copy']);
}

function encoderArgs(bitrateKbps: number): string[] {
  return ['-c:a', 'libmp3lame', '-b:a', `${bitrateKbps}k`];
}

/** Concatenates the listed segments (all the same format) and encodes them once to MP3. */
export function joinEncodeArgs(listPath: string, output: string, bitrateKbps: number): string[] {
  return concatArgs(listPath, output, encoderArgs(bitrateKbps));
}

/** Joins the audio of `count` inputs with the concat filter and encodes it once to MP3. */
function concatFilterEncodeArgs(count: number, bitrateKbps: number): string[] {
  const pads = Array.from({ length: count }, (_, i) => `[${i}:a:0]`).join('');
  return [
    '-filter_complex',
    `${pads}concat=n=${count}:v=0:a=1[joined]`,
    '-map',
    '[joined]',
    ...encoderArgs(bitrateKbps),
  ];
}

/** Joins segments of differing formats with the concat filter and encodes them once to MP3. */
export function joinMixedEncodeArgs(
  inputs: readonly string[],
  output: string,
  bitrateKbps: number,
): string[] {
  return [
    ...COMMON,
    ...inputs.flatMap((input) => [...LOCAL_ONLY, '-i', input]),
    ...concatFilterEncodeArgs(inputs.length, bitrateKbps),
    ...MP3_OUTPUT_ARGS,
    '-n',
    output,
  ];
}

/** What ffprobe says about a part's audio, as far as joining cares. */
export interface SegmentFormat {
  codec: string;
  profile?: string;
  sampleRate?: number;
  channels?: number;
}

export type JoinMode = 'copy' | 'encode' | 'encode-mixed';

/**
 * Stream copy when every segment is MP3 with the same sample rate and channel count (an MP3 file
 * cannot change either midway; bitrates may differ); otherwise encode once, through the concat
 * demuxer when all segments share one format, else through the concat filter.
 */
export function chooseJoinMode(formats: readonly SegmentFormat[]): JoinMode {
  const first = formats[0];
  if (!first) throw new AppError('RECORDING_EMPTY', 'There is no audio to join.');
  const same = (a: SegmentFormat, b: SegmentFormat) =>
    a.codec === b.codec &&
    (a.profile ?? '') === (b.profile ?? '') &&
    a.sampleRate === b.sampleRate &&
    a.channels === b.channels;
  const uniform = formats.every((f) => same(f, first));
  if (uniform && first.codec === 'mp3' && first.sampleRate !== undefined) return 'copy';
  return uniform ? 'encode' : 'encode-mixed';
}

/** libmp3lame's range; odd values are snapped by the encoder to the nearest standard rate. */
export function assertBitrate(bitrateKbps: number): void {
  if (!Number.isInteger(bitrateKbps) || bitrateKbps < 8 || bitrateKbps > 320) {
    throw new AppError(
      'VALIDATION_FAILED',
      'The MP3 bitrate must be a whole number of kb/s from 8 to 320.',
      {
        field: 'mp3BitrateKbps',
      },
    );
  }
}

/**
 * Encodes frame-only AAC parts (native captures) once to an MP3 of bare frames (no ID3, no Xing:
 * the one-pass writer adds both): each part read from `inpoint` seconds on (an input `-ss`, made
 * exact by decoding), joined by the concat filter.
 */
export function encodeFramePartsArgs(
  inputs: readonly { path: string; inpoint: number }[],
  output: string,
  bitrateKbps: number,
): string[] {
  return [
    ...COMMON,
    ...inputs.flatMap((input) => [
      ...LOCAL_ONLY,
      '-ss',
      formatSeconds(input.inpoint),
      '-f',
      'aac',
      '-i',
      input.path,
    ]),
    ...concatFilterEncodeArgs(inputs.length, bitrateKbps),
    ...MP3_OUTPUT_ARGS.slice(0, -1),
    '0',
    '-n',
    output,
  ];
}
