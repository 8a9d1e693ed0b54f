/*
 * Finds the whole MP3 frames of a part file (a native capture's `.mp3`: frames only, no
 * container) by their headers, without decoding: a frame counts when its header is valid, it is
 * complete, and another header of the same format follows it (or the file ends). Bytes that are
 * not such a frame (a partial frame at the head or tail, a damaged stretch) are skipped.
 */
import { open } from 'node:fs/promises';
import {
  mp3FormatKey,
  mp3FrameFormat,
  mp3FrameInfo,
  mp3FrameLengthIf,
  type Mp3FrameFormat,
} from '../audio-frames/mp3-frame-header';
import { isXingFrame } from './xing-header';

/** Bytes read at a time, into one buffer reused for the whole part (no allocation per read). */
const CHUNK = 1024 * 1024;
/** More than the longest Layer III frame (1441 bytes) plus the next header. */
const LOOKAHEAD = 4096;

/** Contiguous frames of a part: the first frame's index and its byte offset in the file. */
export interface FrameRun {
  firstFrame: number;
  offset: number;
}

export interface ScannedMp3Part {
  path: string;
  /** The format of the part's first frame; every frame counted has its version, rate and mono-ness. */
  format: Mp3FrameFormat;
  sampleRate: number;
  /** Samples per frame (1152 MPEG-1, 576 MPEG-2/2.5). */
  samples: number;
  /** Frame lengths in order (frames.length is the count). */
  lengths: Uint16Array;
  /** Where each stretch of contiguous frames starts (one run unless bytes were skipped). */
  runs: FrameRun[];
  /** Bit i set when a frame of bitrate index i was seen. */
  bitrateMask: number;
  /** Bytes that were not part of a frame. */
  skippedBytes: number;
  /** True when a Xing/Info/VBRI frame at the head was left out. */
  droppedTagFrame: boolean;
}

/** Same stream format: version, sample rate and mono or not (stereo modes may alternate). */
export function sameMp3Format(a: Mp3FrameFormat, b: Mp3FrameFormat): boolean {
  return (
    a.versionBits === b.versionBits &&
    a.rateIndex === b.rateIndex &&
    (a.channelMode === 3) === (b.channelMode === 3)
  );
}

class Lengths {
  data = new Uint16Array(4096);
  count = 0;
  push(n: number): void {
    if (this.count === this.data.length) {
      const grown = new Uint16Array(this.data.length * 2);
      grown.set(this.data);
      this.data = grown;
    }
    this.data[this.count++] = n;
  }
}

/**
 * The part's frames, or undefined when it holds no whole MP3 frame. Reads the file once, in
 * CHUNK-sized reads into one buffer: the unscanned tail (under LOOKAHEAD bytes) moves to its front
 * before the next read, so a frame across two reads is seen whole.
 */
export async function scanMp3Part(path: string): Promise<ScannedMp3Part | undefined> {
  const handle = await open(path, 'r');
  try {
    const size = (await handle.stat()).size;
    const state = newScan();
    const buf = Buffer.allocUnsafe(Math.min(CHUNK, size) + LOOKAHEAD);
    let len = 0; // bytes of data in buf
    let base = 0; // file offset of buf[0]
    let read = 0;
    let pos = 0;
    for (;;) {
      if (len - pos < LOOKAHEAD && read < size) {
        buf.copyWithin(0, pos, len);
        base += pos;
        len -= pos;
        pos = 0;
        const want = Math.min(buf.length - len, size - read);
        const { bytesRead } = await handle.read(buf, len, want, read);
        read += bytesRead;
        len += bytesRead;
        if (bytesRead === 0) break;
        continue;
      }
      const step = scanStep(state, buf, pos, len, base, read >= size);
      if (step === undefined) break;
      pos = step;
    }
    state.skipped += len - pos;
    return state.format ? resultOf(path, state) : undefined;
  } finally {
    await handle.close();
  }
}

interface ScanState {
  format?: Mp3FrameFormat;
  /** mp3FormatKey of the part's format. */
  key: number;
  sampleRate: number;
  samples: number;
  lengths: Lengths;
  runs: FrameRun[];
  nextOffset: number;
  /** File offset of the last header read ahead (-1: none), and its frame length (0: not a frame). */
  peekAt: number;
  peekLength: number;
  mask: number;
  skipped: number;
  droppedTag: boolean;
}

function newScan(): ScanState {
  return {
    key: -1,
    sampleRate: 0,
    samples: 0,
    lengths: new Lengths(),
    runs: [],
    nextOffset: -1,
    peekAt: -1,
    peekLength: 0,
    mask: 0,
    skipped: 0,
    droppedTag: false,
  };
}

/**
 * Looks at `pos` (the data is buf[0, len)): answers where to look next, or undefined when the
 * data is used up.
 */
function scanStep(
  state: ScanState,
  buf: Buffer,
  pos: number,
  len: number,
  base: number,
  eof: boolean,
): number | undefined {
  if (pos + 4 > len) return undefined;
  if (!state.format) return firstFrame(state, buf, pos, len, eof);
  // the header here was read as the previous frame's follower: its length is known
  const length =
    base + pos === state.peekAt ? state.peekLength : mp3FrameLengthIf(buf, pos, state.key);
  if (length === 0) {
    state.skipped++;
    return pos + 1;
  }
  const end = pos + length;
  if (end > len) return undefined; // incomplete at the end of the file
  const next = end + 4 <= len ? mp3FrameLengthIf(buf, end, state.key) : -1;
  state.peekAt = next === -1 ? -1 : base + end;
  state.peekLength = next;
  const followed = next === -1 ? eof : next > 0;
  if (!followed) {
    state.skipped++;
    return pos + 1;
  }
  if (base + pos !== state.nextOffset) {
    state.runs.push({ firstFrame: state.lengths.count, offset: base + pos });
  }
  state.lengths.push(length);
  state.mask |= 1 << (buf[pos + 2]! >> 4);
  state.nextOffset = base + end;
  return end;
}

/**
 * Before the first frame: a valid header whose frame is complete and followed by a header of the
 * same format sets the part's format (a Xing/Info/VBRI frame there is left out).
 */
function firstFrame(
  state: ScanState,
  buf: Buffer,
  pos: number,
  len: number,
  eof: boolean,
): number | undefined {
  const format = mp3FrameFormat(buf, pos);
  const info = format && mp3FrameInfo(buf, pos);
  if (!format || !info) {
    state.skipped++;
    return pos + 1;
  }
  const key = mp3FormatKey(buf, pos);
  const end = pos + info.length;
  if (end > len) return undefined;
  const followed = end + 4 <= len ? mp3FrameLengthIf(buf, end, key) > 0 : eof;
  if (!followed) {
    state.skipped++;
    return pos + 1;
  }
  state.format = format;
  state.key = key;
  state.sampleRate = info.sampleRate;
  state.samples = info.samples;
  if (isXingFrame(buf, pos, format)) {
    state.droppedTag = true;
    state.nextOffset = -1;
    return end;
  }
  return pos; // counted by scanStep, now that the format is known
}

function resultOf(path: string, state: ScanState): ScannedMp3Part | undefined {
  if (!state.format || state.lengths.count === 0) return undefined;
  return {
    path,
    format: state.format,
    sampleRate: state.sampleRate,
    samples: state.samples,
    lengths: state.lengths.data.subarray(0, state.lengths.count),
    runs: state.runs,
    bitrateMask: state.mask,
    skippedBytes: state.skipped,
    droppedTagFrame: state.droppedTag,
  };
}

/**
 * The byte ranges [start, end) in the part file of its frames from index `first` on, one per
 * run of contiguous frames.
 */
export function byteRangesFrom(part: ScannedMp3Part, first: number): [number, number][] {
  const ranges: [number, number][] = [];
  const count = part.lengths.length;
  for (const [i, run] of part.runs.entries()) {
    const runEnd = part.runs[i + 1]?.firstFrame ?? count;
    if (runEnd <= first) continue;
    let start = run.offset;
    let frame = run.firstFrame;
    for (; frame < Math.max(first, run.firstFrame); frame++) start += part.lengths[frame]!;
    let end = start;
    for (; frame < runEnd; frame++) end += part.lengths[frame]!;
    ranges.push([start, end]);
  }
  return ranges;
}
