import type { ProgressReport } from '../../ffmpeg/progress';
import type { TrackMark } from '../../../contract/tracks';
import { PartProgress } from '../part-progress';
import { watchPart, type PartEndReason, type PartRun, type PartWatchOptions } from '../part-runner';
import { CaptureSink } from './capture-sink';
import { openIcyStream, type IcyResponse } from './icy-request';
import { FRAME_FILES, frameKindsFor } from './stream-kind';

/** Audio bytes read without finding frames before the stream is left to ffmpeg. */
export const MAX_UNLOCKED_BYTES = 64 * 1024;
/** Progress is reported at most this often... */
export const PROGRESS_EVERY_MS = 2000;
/** ...but every 250 ms in the first seconds of audio, where a manual window finds its start. */
const EARLY_PROGRESS_MS = 3000;
const EARLY_PROGRESS_EVERY_MS = 250;

export interface NativePartOptions extends PartWatchOptions {
  url: string;
  /** The numbered part path (`part-003.mka`); the file is written as `.mp3` or `.aac`. */
  partPath: string;
  userAgent?: string;
  onProgress?: (report: ProgressReport) => void;
  /** No byte for this long ends the part, as ffmpeg's own I/O timeout does (default 5 s). */
  ioTimeoutMs?: number;
}

/** A native part as it ended: what any part reports, and what only frames tell. */
export interface NativePartRun extends PartRun {
  /** The file written (undefined: no frame arrived, nothing written). */
  path: string | undefined;
  /** ffprobe's name of the codec: mp3 or aac. */
  codec: string | undefined;
  frames: number;
  /** Exact seconds of audio in the file (from the frames). */
  mediaSeconds: number;
  /** The titles the station sent, dated on the wall clock. */
  titles: TrackMark[];
}

/** A native part, or why this stream is left to ffmpeg. */
export type NativeOutcome = { run: NativePartRun } | { fallback: string };

/**
 * Records one part natively: one request with `Icy-MetaData: 1` (icy-request), whole frames to
 * the part file (capture-sink), watched like an ffmpeg part (the same watchdog: no audio in time,
 * stalls, stop). Answers `fallback` when the stream is not MP3 or ADTS AAC (its content type, or
 * no frames found in its first MAX_UNLOCKED_BYTES): ffmpeg records it instead.
 */
export async function runNativePart(o: NativePartOptions): Promise<NativeOutcome> {
  const spawnedAt = o.clock.now();
  const connection = new AbortController();
  const onStop = () => connection.abort();
  o.stop.addEventListener('abort', onStop, { once: true });
  let response: IcyResponse;
  try {
    response = await openIcyStream(o.url, {
      signal: connection.signal,
      userAgent: o.userAgent,
      timeoutMs: o.connectTimeoutMs ?? 15_000,
    });
  } catch (err) {
    const reason = o.stop.aborted ? 'stopped' : 'exited';
    return { run: emptyRun(spawnedAt, o.clock.now(), reason, (err as Error).message) };
  } finally {
    o.stop.removeEventListener('abort', onStop);
  }
  const { head, socket } = response;
  if (head.status !== 200) {
    socket.destroy();
    return { run: emptyRun(spawnedAt, o.clock.now(), 'exited', `HTTP ${head.status}`) };
  }
  const contentType = head.headers.get('content-type');
  const kinds = frameKindsFor(contentType);
  if (!kinds) {
    socket.destroy();
    return { fallback: `it sends ${contentType ?? 'no content type'}` };
  }
  const sink = new CaptureSink({
    basePath: o.partPath,
    kinds,
    metaint: Number(head.headers.get('icy-metaint')) || 0,
    maxUnlockedBytes: MAX_UNLOCKED_BYTES,
    now: () => o.clock.now(),
  });
  const run = await capture(o, response, sink, spawnedAt);
  if (sink.failure === 'no-lock') {
    return { fallback: `no MP3 or ADTS frames in its first ${MAX_UNLOCKED_BYTES / 1024} KiB` };
  }
  return { run };
}

/** Reads the answer's body into `sink` until the part ends; the run as it ended. */
async function capture(
  o: NativePartOptions,
  response: IcyResponse,
  sink: CaptureSink,
  spawnedAt: number,
): Promise<NativePartRun> {
  const { clock } = o;
  const { socket } = response;
  const progress = new PartProgress(spawnedAt, true);
  const wake = new AbortController();
  let endMessage: string | undefined;
  let ended = false;
  const end = (message: string) => {
    if (ended) return;
    ended = true;
    endMessage = message;
    wake.abort();
  };
  let reportedAt = -Infinity;
  const take = (chunk: Buffer) => {
    sink.push(chunk);
    if (sink.failure !== undefined) return end(sink.failure);
    const now = clock.now();
    const report: ProgressReport = {
      outTimeSeconds: sink.mediaSeconds,
      totalSize: sink.bytes,
      progress: 'continue',
    };
    progress.observe(report, now);
    const early = now - (progress.audioStartedAt ?? now) < EARLY_PROGRESS_MS;
    const every = early ? EARLY_PROGRESS_EVERY_MS : PROGRESS_EVERY_MS;
    if (sink.frames > 0 && now - reportedAt >= every) {
      reportedAt = now;
      o.onProgress?.(report);
    }
  };
  const onStop = () => wake.abort();
  o.stop.addEventListener('abort', onStop, { once: true });
  socket.on('data', take);
  socket.on('error', (err) => end(err.message));
  socket.on('close', () => end('the server closed the connection'));
  const ioTimeoutMs = o.ioTimeoutMs ?? 5000;
  socket.setTimeout(ioTimeoutMs, () =>
    end(`Connection timed out: no data for ${ioTimeoutMs / 1000} s`),
  );
  try {
    take(response.firstBytes);
    socket.resume();
    const { reason, endedAt } = await watchPart({
      options: o,
      progress,
      spawnedAt,
      exited: () => ended,
      wake: wake.signal,
    });
    socket.destroy();
    await sink.close();
    progress.settleLoss(Math.min(endedAt, progress.lastAdvanceAt));
    const run = emptyRun(spawnedAt, endedAt, reason, endMessage);
    run.reportedSeconds = sink.mediaSeconds;
    run.reportedBytes = sink.bytes;
    run.losses = progress.lossesBefore(endedAt);
    if (progress.audioStartedAt !== undefined) run.audioStartedAt = progress.audioStartedAt;
    run.path = sink.path;
    run.codec = sink.kind && FRAME_FILES[sink.kind].codec;
    run.frames = sink.frames;
    run.mediaSeconds = sink.mediaSeconds;
    // a title is dated where its audio was live: the part's end less the audio after it
    run.titles = sink.titles.map((t) => ({
      at: Math.min(t.receivedAt, endedAt - (sink.mediaSeconds - t.mediaSeconds) * 1000),
      title: t.title,
    }));
    return run;
  } finally {
    o.stop.removeEventListener('abort', onStop);
    socket.destroy();
  }
}

function emptyRun(
  spawnedAt: number,
  endedAt: number,
  reason: PartEndReason,
  endMessage: string | undefined,
): NativePartRun {
  const run: NativePartRun = {
    reason,
    spawnedAt,
    endedAt,
    reportedSeconds: 0,
    reportedBytes: 0,
    exit: { code: 0, signal: null },
    stderrTail: '',
    losses: [],
    path: undefined,
    codec: undefined,
    frames: 0,
    mediaSeconds: 0,
    titles: [],
  };
  run.endMessage = endMessage ?? '';
  return run;
}
