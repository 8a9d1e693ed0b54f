/*
 * Counts the whole ADTS (AAC) frames of a part file (a native capture's `.aac`: frames only) by
 * their headers, without decoding: enough to know its playing time, so that its head can be cut
 * to the seconds that belong to the window.
 */
import { open } from 'node:fs/promises';

const RATES = [
  96000, 88200, 64000, 48000, 44100, 32000, 24000, 22050, 16000, 12000, 11025, 8000, 7350,
];
const CHUNK = 1024 * 1024;
/** More than the longest ADTS frame (8191 bytes) plus the next header. */
const LOOKAHEAD = 8192 + 7;

export interface AdtsFrameInfo {
  length: number;
  sampleRate: number;
  /** PCM samples per channel: 1024 per raw data block. */
  samples: number;
}

/** The ADTS frame whose header starts at `offset`, or undefined when there is none. */
export function adtsFrameInfo(buf: Uint8Array, offset = 0): AdtsFrameInfo | undefined {
  if (offset < 0 || offset + 7 > buf.length) return undefined;
  if (buf[offset] !== 0xff || (buf[offset + 1]! & 0xf6) !== 0xf0) return undefined;
  const b2 = buf[offset + 2]!;
  const sampleRate = RATES[(b2 >> 2) & 0xf];
  const length =
    ((buf[offset + 3]! & 0x3) << 11) | (buf[offset + 4]! << 3) | (buf[offset + 5]! >> 5);
  const protection = (buf[offset + 1]! & 0x1) === 0 ? 2 : 0;
  if (!sampleRate || length < 7 + protection) return undefined;
  return { length, sampleRate, samples: 1024 * ((buf[offset + 6]! & 0x3) + 1) };
}

export interface AdtsScan {
  frames: number;
  sampleRate: number;
  /** Playing time of the whole frames. */
  seconds: number;
}

/** The whole ADTS frames of a file (each followed by another header or the file's end). */
export async function scanAdtsPart(path: string): Promise<AdtsScan | undefined> {
  const handle = await open(path, 'r');
  try {
    const size = (await handle.stat()).size;
    let buf = Buffer.alloc(0);
    let read = 0;
    let pos = 0;
    let frames = 0;
    let samples = 0;
    let sampleRate = 0;
    for (;;) {
      if (buf.length - pos < LOOKAHEAD && read < size) {
        const chunk = Buffer.allocUnsafe(Math.min(CHUNK, size - read));
        const { bytesRead } = await handle.read(chunk, 0, chunk.length, read);
        read += bytesRead;
        buf = Buffer.concat([buf.subarray(pos), chunk.subarray(0, bytesRead)]);
        pos = 0;
        if (bytesRead === 0) break;
        continue;
      }
      const info = adtsFrameInfo(buf, pos);
      if (!info || (sampleRate && info.sampleRate !== sampleRate)) {
        if (pos + 7 > buf.length) break;
        pos++;
        continue;
      }
      const end = pos + info.length;
      if (end > buf.length) break;
      if (end + 7 <= buf.length ? !adtsFrameInfo(buf, end) : read < size) {
        pos++;
        continue;
      }
      sampleRate = info.sampleRate;
      frames++;
      samples += info.samples;
      pos = end;
    }
    return frames > 0 ? { frames, sampleRate, seconds: samples / sampleRate } : undefined;
  } finally {
    await handle.close();
  }
}
