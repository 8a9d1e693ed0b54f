/*
 * One pass from MP3 frame parts (native captures: whole frames, no container) to the finished
 * MP3: `<ID3v2 tag><Xing/Info frame><the kept frames of each part, in order>`, streamed from the
 * parts into the file (no remux, no intermediate copy, no decode). Frames are checked by their
 * headers (mp3-part-scan); a part's head is trimmed to its `keepSeconds` in whole frames.
 */
import { open, type FileHandle } from 'node:fs/promises';
import { basename } from 'node:path';
import { AppError } from '../../contract';
import { placeNewFile, type AssembleResult } from './assemble';
import type { Mp3FrameFormat } from '../audio-frames/mp3-frame-header';
import { byteRangesFrom, sameMp3Format, scanMp3Part, type ScannedMp3Part } from './mp3-part-scan';
import { buildXingFrame, xingFrameSize, xingToc } from './xing-header';

export interface FramePart {
  path: string;
  /** Seconds at the part's end that belong to the window (undefined: keep all). */
  keepSeconds?: number;
}

/** What goes into the file, worked out before a byte is written. */
export interface OnePassPlan {
  parts: { scan: ScannedMp3Part; firstFrame: number }[];
  format: Mp3FrameFormat;
  sampleRate: number;
  samples: number;
  /** Audio frames kept, in order (the Xing/Info frame not counted). */
  frames: number;
  audioBytes: number;
  vbr: boolean;
  /** frames × samples / sampleRate. */
  durationSeconds: number;
  /** What the scan found worth logging (skipped bytes, trimmed heads, dropped tag frames). */
  notes: string[];
}

export type PlanResult = { plan: OnePassPlan } | { mixed: string };

/** Frames to leave out at the head of a part of `frames` so that `keepSeconds` remain. */
export function headFramesToDrop(
  frames: number,
  frameSeconds: number,
  keepSeconds?: number,
): number {
  if (keepSeconds === undefined || !Number.isFinite(keepSeconds)) return 0;
  const keep = Math.round(Math.max(0, keepSeconds) / frameSeconds);
  return Math.max(0, frames - keep);
}

/**
 * Scans the parts and plans the file. Answers `mixed` (with the reason) when the parts are not
 * all one MP3 format (version, sample rate, mono/stereo): such audio cannot be one stream of
 * frames. Throws RECORDING_EMPTY when no part holds a frame inside the window.
 */
export async function planOnePass(parts: readonly FramePart[]): Promise<PlanResult> {
  const planned: OnePassPlan['parts'] = [];
  const notes: string[] = [];
  let first: ScannedMp3Part | undefined;
  for (const part of parts) {
    const scan = await scanMp3Part(part.path);
    if (!scan) {
      notes.push(`${basename(part.path)} holds no whole MP3 frame: skipped`);
      continue;
    }
    first ??= scan;
    if (!sameMp3Format(first.format, scan.format)) {
      return { mixed: `${basename(part.path)} is in another MP3 format than the parts before it` };
    }
    const frameSeconds = scan.samples / scan.sampleRate;
    const firstFrame = headFramesToDrop(scan.lengths.length, frameSeconds, part.keepSeconds);
    notes.push(...notesOf(scan, firstFrame, frameSeconds));
    if (firstFrame < scan.lengths.length) planned.push({ scan, firstFrame });
  }
  if (!first || planned.length === 0) {
    throw new AppError('RECORDING_EMPTY', 'The captured parts hold no audio inside the window.');
  }
  let frames = 0;
  let audioBytes = 0;
  let mask = 0;
  for (const { scan, firstFrame } of planned) {
    frames += scan.lengths.length - firstFrame;
    for (let i = firstFrame; i < scan.lengths.length; i++) audioBytes += scan.lengths[i]!;
    mask |= scan.bitrateMask;
  }
  return {
    plan: {
      parts: planned,
      format: first.format,
      sampleRate: first.sampleRate,
      samples: first.samples,
      frames,
      audioBytes,
      vbr: (mask & (mask - 1)) !== 0, // more than one bitrate seen
      durationSeconds: (frames * first.samples) / first.sampleRate,
      notes,
    },
  };
}

function notesOf(scan: ScannedMp3Part, firstFrame: number, frameSeconds: number): string[] {
  const name = basename(scan.path);
  const notes: string[] = [];
  if (scan.skippedBytes > 0) {
    notes.push(`${name}: ${scan.skippedBytes} byte(s) outside whole frames left out`);
  }
  if (scan.droppedTagFrame) notes.push(`${name}: its Xing/Info frame left out`);
  if (firstFrame > 0) {
    notes.push(`${name}: ${(firstFrame * frameSeconds).toFixed(3)} s cut from the head`);
  }
  return notes;
}

/** The Xing/Info frame of the planned audio (exact counts and TOC). */
export function xingFrameOf(plan: OnePassPlan): Buffer {
  const lengths = new Uint16Array(plan.frames);
  let at = 0;
  for (const { scan, firstFrame } of plan.parts) {
    lengths.set(scan.lengths.subarray(firstFrame), at);
    at += scan.lengths.length - firstFrame;
  }
  return buildXingFrame(plan.format, {
    frames: plan.frames,
    audioBytes: plan.audioBytes,
    vbr: plan.vbr,
    toc: xingToc(lengths, xingFrameSize(plan.format)),
  });
}

/** Bytes copied at a time, through one buffer reused for the whole file. */
const COPY_CHUNK = 1024 * 1024;

/** Writes all of buf[0, length) at the handle's position (a write may take less at once). */
async function writeFully(out: FileHandle, buf: Buffer, length = buf.length): Promise<void> {
  let done = 0;
  while (done < length) {
    const { bytesWritten } = await out.write(buf, done, length - done, null);
    done += bytesWritten;
  }
}

/** Appends bytes [start, end) of `source` (the part at `path`) to `out` through `buf`. */
async function copyRange(
  path: string,
  source: FileHandle,
  out: FileHandle,
  start: number,
  end: number,
  buf: Buffer,
): Promise<void> {
  for (let at = start; at < end;) {
    const { bytesRead } = await source.read(buf, 0, Math.min(buf.length, end - at), at);
    if (bytesRead === 0) {
      throw new AppError('INTERNAL', `${basename(path)} ended before its frames.`);
    }
    await writeFully(out, buf, bytesRead);
    at += bytesRead;
  }
}

/**
 * Writes `<tag><Xing/Info frame><frames>` to `finalPath` (new file; temp name, fsync, atomic
 * move, as assembleMp3). The frames go in large sequential reads and writes of the parts' byte
 * ranges through one reused buffer. Throws AppError DISK_FULL, CONFLICT or INTERNAL.
 */
export async function writeOnePass(
  plan: OnePassPlan,
  tag: Buffer,
  finalPath: string,
): Promise<AssembleResult> {
  const xing = xingFrameOf(plan);
  return placeNewFile(finalPath, async (tmp) => {
    const out = await open(tmp, 'wx', 0o644);
    try {
      await writeFully(out, Buffer.concat([tag, xing]));
      const buf = Buffer.allocUnsafe(Math.min(COPY_CHUNK, Math.max(1, plan.audioBytes)));
      for (const { scan, firstFrame } of plan.parts) {
        const source = await open(scan.path, 'r');
        try {
          for (const [start, end] of byteRangesFrom(scan, firstFrame)) {
            await copyRange(scan.path, source, out, start, end, buf);
          }
        } finally {
          await source.close();
        }
      }
      await out.sync();
    } finally {
      await out.close();
    }
    return tag.length + xing.length + plan.audioBytes;
  });
}
