import { Mp3FrameSplitter, mp3FrameDurationMs } from './mp3-frames';
import { spawnTracked } from './processes';
import { waitUntil } from './wait';

export interface Mp3BroadcastOptions {
  /** Sine tone frequency in Hz (default 440). */
  frequency?: number;
  /** MP3 bitrate (default 128). */
  bitrateKbps?: number;
  /** Audio kept for the connect-time burst, in bytes (default 65536, Icecast's default). */
  burstBytes?: number;
}

/** One live MP3 stream, paced to the wall clock, shared by any number of listeners. */
export interface Mp3Broadcast {
  /** The most recent whole frames, up to `burstBytes`: what a new listener gets first. */
  burst(): Buffer;
  /** Calls `onFrame` with each new frame as it goes live; returns the unsubscribe function. */
  subscribe(onFrame: (frame: Buffer) => void): () => void;
  stop(): Promise<void>;
}

const tickMs = 20;
const queueHigh = 512 * 1024;
const queueLow = 128 * 1024;

/**
 * Runs ONE ffmpeg encoding a sine tone to MP3 (44.1 kHz stereo CBR, no ID3/Xing header) as fast
 * as the pipe takes it, cut into whole frames, and releases the frames at real-time pace. The
 * first `burstBytes` are released at once, so the burst is full from the start, as on an Icecast
 * mount that has been live for a while (a plain `-re` would need ~4 s to fill it). Resolves once
 * the burst is full.
 */
export async function startMp3Broadcast(options: Mp3BroadcastOptions = {}): Promise<Mp3Broadcast> {
  const burstBytes = options.burstBytes ?? 65536;
  const splitter = new Mp3FrameSplitter();
  const queue: Buffer[] = [];
  let queued = 0;
  const ring: Buffer[] = [];
  let ringBytes = 0;
  const listeners = new Set<(frame: Buffer) => void>();
  let startedAt: number | undefined;
  let releasedMs = 0;
  let stopped = false;

  const ffmpeg = spawnTracked(
    'ffmpeg',
    [
      ...['-hide_banner', '-nostdin', '-loglevel', 'error'],
      ...['-f', 'lavfi', '-i', `sine=frequency=${options.frequency ?? 440}:sample_rate=44100`],
      ...['-ac', '2', '-c:a', 'libmp3lame', '-b:a', `${options.bitrateKbps ?? 128}k`],
      ...['-id3v2_version', '0', '-write_xing', '0', '-f', 'mp3', 'pipe:1'],
    ],
    {
      onStdout: (chunk) => {
        if (stopped) return; // drained and dropped, so that the pipe can close
        for (const frame of splitter.push(chunk)) {
          queue.push(frame);
          queued += frame.length;
        }
        if (queued > queueHigh) ffmpeg.child.stdout?.pause();
      },
    },
  );

  const keep = (frame: Buffer) => {
    ring.push(frame);
    ringBytes += frame.length;
    while (ringBytes > burstBytes) ringBytes -= ring.shift()!.length;
  };
  const take = (): Buffer => {
    const frame = queue.shift()!;
    queued -= frame.length;
    return frame;
  };

  const timer = setInterval(() => {
    if (startedAt === undefined) {
      // fill the burst at once, then start the clock
      while (queue.length > 0 && ringBytes + queue[0]!.length <= burstBytes) keep(take());
      if (queue.length > 0) startedAt = performance.now();
    } else {
      const elapsed = performance.now() - startedAt;
      while (queue.length > 0 && releasedMs <= elapsed) {
        const frame = take();
        releasedMs += mp3FrameDurationMs(frame);
        keep(frame);
        for (const listener of listeners) listener(frame);
      }
    }
    if (queued < queueLow) ffmpeg.child.stdout?.resume();
  }, tickMs);

  const stop = async () => {
    stopped = true;
    clearInterval(timer);
    listeners.clear();
    ffmpeg.child.stdout?.resume();
    await ffmpeg.stop();
  };

  try {
    await waitUntil(
      'the MP3 encoder to fill the burst',
      () => {
        if (ffmpeg.hasExited) throw new Error(`ffmpeg exited: ${ffmpeg.log()}`);
        return startedAt !== undefined;
      },
      { timeoutMs: 15_000, intervalMs: 50 },
    );
  } catch (err) {
    await stop();
    throw err;
  }

  return {
    burst: () => Buffer.concat(ring),
    subscribe(onFrame) {
      listeners.add(onFrame);
      return () => listeners.delete(onFrame);
    },
    stop,
  };
}
