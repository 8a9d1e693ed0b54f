import { mp3FrameInfo, mp3FrameLength } from '../src/audio-frames/mp3-frame-header';

export { mp3FrameInfo, mp3FrameLength };

/** Playing time of one whole frame (as returned by Mp3FrameSplitter), in milliseconds. */
export function mp3FrameDurationMs(frame: Uint8Array): number {
  const info = mp3FrameInfo(frame, 0);
  return info ? (info.samples * 1000) / info.sampleRate : 0;
}

/**
 * Splits a byte stream into whole MP3 frames. Feed it chunks as they come; it returns the
 * complete frames found so far and keeps the rest. Bytes that do not start a frame followed by
 * another frame header (or the end of the data) are skipped, so a frame is never cut.
 */
export class Mp3FrameSplitter {
  private pending: Buffer = Buffer.alloc(0);

  push(chunk: Buffer): Buffer[] {
    const buf = this.pending.length ? Buffer.concat([this.pending, chunk]) : chunk;
    const frames: Buffer[] = [];
    let pos = 0;
    while (pos + 4 <= buf.length) {
      const len = mp3FrameLength(buf, pos);
      if (len === undefined) {
        pos++;
        continue;
      }
      if (pos + len > buf.length) break; // incomplete: wait for more
      // a real frame is followed by another header; when the next one is not yet here, trust it
      if (pos + len + 4 <= buf.length && mp3FrameLength(buf, pos + len) === undefined) {
        pos++;
        continue;
      }
      frames.push(buf.subarray(pos, pos + len));
      pos += len;
    }
    this.pending = Buffer.from(buf.subarray(pos));
    return frames;
  }
}
