import { createWriteStream, type WriteStream } from 'node:fs';
import { finished } from 'node:stream/promises';
import { FrameScanner, type FrameKind } from '../../audio-frames/frame-scanner';
import { IcyDemuxer } from './icy-demuxer';
import { streamTitleOf } from './icy-title';
import { FRAME_FILES } from './stream-kind';

/** A title as received: when, and after how much audio of the part. */
export interface TitleSeen {
  receivedAt: number;
  mediaSeconds: number;
  title: string;
}

export interface CaptureSinkOptions {
  /** The part's path as numbered (`part-003.mka`): the file gets the framing's extension. */
  basePath: string;
  kinds: readonly FrameKind[];
  /** `icy-metaint` of the answer (0: no metadata). */
  metaint: number;
  /** Audio bytes without a lock, before any frame, after which the stream is not ours to read. */
  maxUnlockedBytes: number;
  now: () => number;
}

/**
 * Where the bytes of one native connection go: ICY metadata split off (titles kept with their
 * time), whole frames found (FrameScanner) and appended to the part file, which is created with
 * the first frame (`.mp3` or `.aac`: frames only, no container). `failure` says why the part
 * cannot go on: no frames found (`no-lock`), another format, or a write error.
 */
export class CaptureSink {
  frames = 0;
  mediaSeconds = 0;
  bytes = 0;
  readonly titles: TitleSeen[] = [];
  path: string | undefined;
  failure: string | undefined;
  private readonly scanner: FrameScanner;
  private readonly demuxer: IcyDemuxer;
  private file: WriteStream | undefined;
  /** Seconds of audio before the last metadata block. */
  private lastBlockAt: number | undefined;

  constructor(private readonly o: CaptureSinkOptions) {
    this.scanner = new FrameScanner(o.kinds);
    this.demuxer = new IcyDemuxer(
      o.metaint,
      (audio) => this.audio(audio),
      (block) => this.metadata(block),
    );
  }

  get kind(): FrameKind | undefined {
    return this.scanner.kind;
  }

  push(chunk: Buffer): void {
    if (this.failure === undefined) this.demuxer.push(chunk);
  }

  /**
   * A title arrives in the first block after it changed: it began somewhere in the audio since
   * the block before, so it is placed in the middle of that audio (off by at most half of it).
   */
  private metadata(block: Buffer): void {
    const previous = this.lastBlockAt;
    this.lastBlockAt = this.mediaSeconds;
    const title = streamTitleOf(block);
    if (title === undefined) return;
    const mediaSeconds =
      previous === undefined ? this.mediaSeconds : (previous + this.mediaSeconds) / 2;
    this.titles.push({ receivedAt: this.o.now(), mediaSeconds, title });
  }

  private audio(audio: Buffer): void {
    if (this.failure !== undefined) return;
    const { frames, formatChanged } = this.scanner.push(audio);
    for (const frame of frames) {
      this.frames += 1;
      this.mediaSeconds += frame.samples / frame.sampleRate;
    }
    // one write for the frames of a chunk (a connect burst is ~150 frames), not one per frame
    if (frames.length > 0) this.write(Buffer.concat(frames.map((f) => f.data)));
    if (formatChanged) this.failure = 'the stream changed its audio format';
    else if (this.frames === 0 && this.scanner.skippedBytes > this.o.maxUnlockedBytes) {
      this.failure = 'no-lock';
    }
  }

  private write(data: Buffer): void {
    if (!this.file) {
      this.path = this.o.basePath.replace(/\.mka$/, '') + FRAME_FILES[this.scanner.kind!].ext;
      this.file = createWriteStream(this.path, { flags: 'wx' });
      this.file.on('error', (err) => (this.failure ??= `cannot write the part: ${err.message}`));
    }
    this.file.write(data);
    this.bytes += data.length;
  }

  /** Ends the file (all frames written). */
  async close(): Promise<void> {
    const file = this.file;
    if (!file) return;
    file.end();
    await finished(file).catch(() => undefined);
  }
}
