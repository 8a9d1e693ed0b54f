import type { FfmpegCapabilities } from '../ffmpeg/capabilities';
import type { ProcessRunner } from '../ffmpeg/process';
import type { Clock } from '../ports/clock';
import type { Logger } from '../ports/logger';
import type { PartMedia } from './inspect-part';
import type { TrackMark } from '../../contract/tracks';
import type { NativeOutcome, NativePartOptions } from './native/native-part';
import type { PartLoss } from './part-progress';
import type { ResolvedStream } from './playlist';
import type { RecordingProgress } from './types';

/** Timings of the recorder; the defaults suit real stations. */
export interface RecorderTuning {
  /** Connect this long before the window opens, when called early enough (default 2 s). */
  preconnectMs?: number;
  /** An attempt with no audio after this long is given up (default 15 s). */
  connectTimeoutMs?: number;
  /**
   * Media time standing still this long is a stall (default 8 s; an ffmpeg part: at least
   * STALL_FLOOR_MS, its progress comes every 2 s; HLS: 2.5 segments at least).
   */
  stallTimeoutMs?: number;
  /** Grace after `q` before one SIGTERM, and after it before SIGKILL (default 2 s). */
  stopGraceMs?: number;
  /** A part with at least this much audio ran well: its end resets the backoff (default 5 s). */
  healthyPartMs?: number;
  /** Backoff between failed attempts: first delay and cap (default 0.5 s, 10 s). */
  baseDelayMs?: number;
  maxDelayMs?: number;
  /** ffmpeg's own I/O timeout (default 5 s): a stalled connection ends by itself, cleanly. */
  ioTimeoutSeconds?: number;
}

/**
 * `scheduled`: the window is wall-clock time (a show from 06:00 to 07:00); a run that starts
 * late records what is left of it. `manual`: "record now for N seconds": N seconds of audio,
 * the window following the audio when connecting took long (see ManualWindow).
 */
export type RunKind = 'manual' | 'scheduled';

/** Side effects the recorder uses besides running programs; tests replace them. */
export interface RecorderDeps {
  capabilities(runner: ProcessRunner, ffmpegPath: string): Promise<FfmpegCapabilities>;
  resolve(
    url: string,
    options: { signal: AbortSignal; userAgent?: string },
  ): Promise<ResolvedStream>;
  nextPartPath(dir: string): Promise<string>;
  inspect(path: string): Promise<PartMedia | undefined>;
  /** Records one part natively (native/native-part.ts), or says to use ffmpeg. */
  nativePart(o: NativePartOptions): Promise<NativeOutcome>;
  removeFile(path: string): Promise<void>;
}

export interface RecordWindowOptions {
  sessionId: string;
  /** The stream URL, then its fallbacks, in the order to try them. */
  urls: readonly string[];
  /** How the window is kept (see RunKind). */
  kind: RunKind;
  /** The window in wall-clock ms (manual: the request, and the request + N seconds). */
  windowStart: number;
  windowEnd: number;
  /** Where the part files go (created if missing). */
  partsDir: string;
  ffmpegPath: string;
  ffprobePath: string;
  runner: ProcessRunner;
  clock: Clock;
  logger: Logger;
  /** Aborting it stops the recording now; what was captured is returned. */
  signal?: AbortSignal;
  onProgress?: (progress: RecordingProgress) => void;
  /** Consecutive failures on one URL before failing over to the next (default 3). */
  maxFailuresPerUrl?: number;
  userAgent?: string;
  tuning?: RecorderTuning;
  /**
   * Try the native ICY reader for HTTP(S) streams (default true); false records every stream
   * through ffmpeg (the NATIVE_CAPTURE setting).
   */
  nativeCapture?: boolean;
  deps?: Partial<RecorderDeps>;
}

/** One part that received audio, before its media is inspected. */
export interface Captured {
  path: string;
  url: string;
  startedAt: number;
  endedAt: number;
  losses: PartLoss[];
  /** A native part: its codec and exact seconds (from its frames; no ffprobe needed). */
  media?: PartMedia;
  /** A native part: how many frames its file holds. */
  frames?: number;
  /** A native part: the titles the station sent while it ran. */
  titles?: TrackMark[];
}
