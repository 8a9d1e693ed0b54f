import { adtsFrameInfo } from './adts-frame-header';
import type { FrameInfo } from './frame-info';
import { mp3FrameInfo } from './mp3-frame-header';

/** The framings the native capture reads: MPEG audio Layer III, and AAC in ADTS. */
export type FrameKind = 'mp3' | 'adts';

const readers: Record<FrameKind, (buf: Uint8Array, offset: number) => FrameInfo | undefined> = {
  mp3: mp3FrameInfo,
  adts: adtsFrameInfo,
};

/** Consecutive headers of one format, each where the previous frame ends, that lock the sync. */
export const LOCK_FRAMES = 3;

export interface ScannedFrame {
  data: Buffer;
  /** Samples per channel and sample rate: the frame plays samples / sampleRate seconds. */
  samples: number;
  sampleRate: number;
}

export interface ScanResult {
  frames: ScannedFrame[];
  /** The stream locked again onto another format (rate, channels, codec): a new part is due. */
  formatChanged?: boolean;
}

/**
 * Finds whole frames in a byte stream that arrives in chunks of any size. It locks onto a
 * format only where LOCK_FRAMES headers of that format follow each other exactly (a stray
 * 0xFFF in the audio or a tag is not a frame), then hands out each frame once all its bytes are
 * here; a header that does not fit breaks the lock, and the bytes until the next lock are
 * skipped (counted in `skippedBytes`). A frame cut by the end of the data is never handed out.
 */
export class FrameScanner {
  kind: FrameKind | undefined;
  format: string | undefined;
  /** Bytes that were not part of a frame. */
  skippedBytes = 0;
  /** Times the lock was lost after it held. */
  lostSync = 0;
  private locked = false;
  private pending: Buffer = Buffer.alloc(0);

  constructor(private readonly kinds: readonly FrameKind[] = ['mp3', 'adts']) {}

  push(chunk: Buffer): ScanResult {
    const buf = this.pending.length ? Buffer.concat([this.pending, chunk]) : chunk;
    const frames: ScannedFrame[] = [];
    let pos = 0;
    let formatChanged = false;
    while (pos < buf.length) {
      if (this.locked) {
        const step = this.next(buf, pos, frames);
        if (step === 'wait') break;
        if (step === 'lost') {
          this.locked = false;
          this.lostSync += 1;
        } else pos = step;
        continue;
      }
      const lock = this.tryLock(buf, pos);
      if (lock === 'wait') break;
      if (lock === 'none') {
        pos += 1;
        this.skippedBytes += 1;
        continue;
      }
      if (this.format !== undefined && lock.format !== this.format) {
        formatChanged = true;
        break;
      }
      this.kind = lock.kind;
      this.format = lock.format;
      this.locked = true;
    }
    this.pending = Buffer.from(buf.subarray(pos));
    return formatChanged ? { frames, formatChanged } : { frames };
  }

  /** The frame at `pos` while locked: the position after it, or why there is none yet. */
  private next(buf: Buffer, pos: number, frames: ScannedFrame[]): number | 'wait' | 'lost' {
    const info = readers[this.kind!](buf, pos);
    if (!info) return buf.length - pos < 9 ? 'wait' : 'lost';
    if (info.format !== this.format) return 'lost';
    if (pos + info.length > buf.length) return 'wait';
    frames.push({
      data: buf.subarray(pos, pos + info.length),
      samples: info.samples,
      sampleRate: info.sampleRate,
    });
    return pos + info.length;
  }

  /** Whether LOCK_FRAMES frames of one format start at `pos`, for any of the kinds. */
  private tryLock(buf: Buffer, pos: number): { kind: FrameKind; format: string } | 'wait' | 'none' {
    let wait = false;
    for (const kind of this.kinds) {
      const found = chainAt(readers[kind], buf, pos);
      if (found === 'wait') wait = true;
      else if (found) return { kind, format: found };
    }
    return wait ? 'wait' : 'none';
  }
}

/** The format of LOCK_FRAMES chained frames at `pos`, 'wait' when the bytes are not all here. */
function chainAt(
  read: (buf: Uint8Array, offset: number) => FrameInfo | undefined,
  buf: Buffer,
  pos: number,
): string | 'wait' | undefined {
  let at = pos;
  let format: string | undefined;
  for (let i = 0; i < LOCK_FRAMES; i++) {
    const info = read(buf, at);
    // a header cut by the end of the data may still turn out valid
    if (!info) return buf.length - at < 9 ? 'wait' : undefined;
    if (format !== undefined && info.format !== format) return undefined;
    format = info.format;
    at += info.length;
  }
  return format;
}

/** Seconds of audio in `frames`. */
export function framesSeconds(frames: readonly ScannedFrame[]): number {
  return frames.reduce((s, f) => s + f.samples / f.sampleRate, 0);
}
