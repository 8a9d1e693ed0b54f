import { rm } from 'node:fs/promises';
import { AppError } from '../../contract';
import { tracklist } from '../../contract/tracks';
import { detectCapabilities, type FfmpegCapabilities } from '../ffmpeg/capabilities';
import { computeGaps, coverageOf, type PartSpan } from './gaps';
import { inspectPart, type PartMedia } from './inspect-part';
import { ManualWindow } from './manual-window';
import { trimByFrames } from './native/burst-trim';
import { runNativePart } from './native/native-part';
import { nextPartPath } from './part-files';
import { resolveStreamUrl } from './playlist';
import { ReconnectLoop, recorderTimings } from './reconnect-loop';
import type { Captured, RecorderDeps, RecordWindowOptions } from './recorder-options';
import type { CapturedPart, RecordingResult } from './types';
import { assertNetworkUrl } from './url-policy';
import { sleepUnlessAborted, startWindowTimer } from './window';

export type {
  RecorderDeps,
  RecorderTuning,
  RecordWindowOptions,
  RunKind,
} from './recorder-options';

/**
 * How late a scheduled run may start and still record its window from the planned start (the
 * server's connect burst covers it).
 */
export const LATE_START_COVERED_MS = 2000;

function defaultDeps(o: RecordWindowOptions): RecorderDeps {
  return {
    capabilities: detectCapabilities,
    resolve: (url, opts) => resolveStreamUrl(url, { ...opts, timeoutMs: 5000 }),
    nextPartPath,
    inspect: (path) => inspectPart(o.runner, o.ffprobePath, path),
    nativePart: runNativePart,
    removeFile: (path) => rm(path, { force: true }),
  };
}

function fieldFor(index: number): string {
  return index === 0 ? 'streamUrl' : `fallbackUrls.${index - 1}`;
}

/**
 * Records one window of a stream into part files (`part-001.mka`, ...), one per connection.
 * The wall clock alone ends the window: ffmpeg is never given `-t`. Drops and stalls lead to
 * new parts after a backoff; repeated failures on a URL fail over to the next one (wrapping
 * around); this goes on until the window ends or `signal` aborts. Every part is stopped with
 * `q` (then one SIGTERM, then SIGKILL) so its file is finalized. A stalled connection is ended by
 * ffmpeg's own I/O timeout (a clean exit), with the recorder's watchdog as the backstop.
 *
 * A scheduled window is wall-clock time: a start up to LATE_START_COVERED_MS late keeps the
 * planned start (the burst covers it), a later one records what is left. A manual window holds
 * N seconds of audio: when the audio starts later than the burst covers, its start and end move
 * with the audio (ManualWindow).
 *
 * Each part's `keepSeconds` is the wall-clock time it covered inside the window (less audio the
 * server skipped during a pause), which trims the connect-time burst. Gaps are the stretches no
 * part's media can fill, and the skipped audio. Throws STREAM_UNREACHABLE
 * when the whole window passed without audio; when stopped early without audio it returns no
 * parts (`stoppedEarly`).
 */
export async function recordWindow(o: RecordWindowOptions): Promise<RecordingResult> {
  const { clock } = o;
  const { preconnectMs, connectTimeoutMs } = recorderTimings(o);
  const deps: RecorderDeps = { ...defaultDeps(o), ...o.deps };
  const urls = checkWindow(o);
  const caps = capabilitiesFor(o, deps);
  // a run through ffmpeg alone learns what its build can do before anything starts (and fails
  // at once without ffmpeg); with the native reader a part waits for it only when it goes to
  // ffmpeg (HLS, RTMP/RTSP, a stream the reader cannot read): a native capture connects at once
  if (o.nativeCapture === false) await caps;

  const manual =
    o.kind === 'manual' ? new ManualWindow(o.windowStart, o.windowEnd - o.windowStart) : undefined;
  const timer = startWindowTimer(
    clock,
    manual ? manual.firstAudioDeadline(clock.now(), connectTimeoutMs) : o.windowEnd,
    o.signal,
  );
  let loop: ReconnectLoop;
  try {
    await sleepUnlessAborted(clock, o.windowStart - preconnectMs - clock.now(), timer.signal);
    // a scheduled run a moment late is covered by the server's connect-time burst, so the window
    // keeps its start; one that starts later than that (it waited for a slot) records what is
    // left of its window. A manual run's window follows its audio (ManualWindow).
    const lateMs = clock.now() - o.windowStart;
    const windowStart =
      manual || lateMs <= LATE_START_COVERED_MS
        ? o.windowStart
        : Math.max(o.windowStart, Math.min(clock.now(), o.windowEnd));
    loop = new ReconnectLoop({ o, deps, caps, urls, timer, manual, windowStart });
    await loop.run();
  } finally {
    timer.dispose();
  }

  if (manual?.anchored && manual.start > o.windowStart) {
    o.logger.info(
      `The audio began ${((manual.start - o.windowStart) / 1000).toFixed(1)} s after the request (connecting took longer than the server's burst covers): its window was moved ${((manual.start - o.windowStart) / 1000).toFixed(1)} s later, to hold the ${manual.lengthMs / 1000} s asked for.`,
      { sessionId: o.sessionId },
    );
  }
  const stoppedEarly = timer.reason === 'abort';
  const windowEnd = timer.endedAt ?? Math.min(clock.now(), timer.windowEnd);
  // stopped before the window opened: an empty window
  const windowStart = Math.min(loop.windowStart, windowEnd);
  const { captured, lastError, attempts } = loop;
  return finish({ o, deps, captured, windowStart, windowEnd, stoppedEarly, lastError, attempts });
}

/**
 * ffmpeg's capabilities, asked for now (detectCapabilities caches them): awaited before an
 * ffmpeg part is spawned. A failure is the run's only when it needs ffmpeg.
 */
function capabilitiesFor(o: RecordWindowOptions, deps: RecorderDeps): Promise<FfmpegCapabilities> {
  const caps = deps.capabilities(o.runner, o.ffmpegPath);
  caps.catch(() => undefined);
  return caps;
}

/** Checks the URLs and the window before anything starts; returns the URLs as checked. */
function checkWindow(o: RecordWindowOptions): string[] {
  if (o.urls.length === 0) {
    throw new AppError('INVALID_URL', 'The stream has no URL to record.', { field: 'streamUrl' });
  }
  const urls = o.urls.map((u, i) => assertNetworkUrl(u, fieldFor(i)));
  if (!(o.windowEnd > o.windowStart)) {
    throw new AppError('VALIDATION_FAILED', 'The recording window ends before it starts.');
  }
  if (o.clock.now() >= o.windowEnd) {
    throw new AppError(
      'VALIDATION_FAILED',
      `The recording window already ended ${Math.round((o.clock.now() - o.windowEnd) / 1000)} s ago.`,
    );
  }
  return urls;
}

async function finish(input: {
  o: RecordWindowOptions;
  deps: RecorderDeps;
  captured: Captured[];
  windowStart: number;
  windowEnd: number;
  stoppedEarly: boolean;
  lastError: string | undefined;
  attempts: number;
}): Promise<RecordingResult> {
  const { o, deps, windowStart, windowEnd, stoppedEarly, lastError } = input;
  const meta = { sessionId: o.sessionId };
  const withMedia: (Captured & PartMedia)[] = [];
  for (const c of input.captured) {
    const media = c.media ?? (await deps.inspect(c.path));
    if (media) withMedia.push({ ...c, ...media });
    else {
      o.logger.warn(`Part ${c.path} holds no audio; it is deleted.`, meta);
      await deps.removeFile(c.path);
    }
  }
  const coverage = coverageOf(withMedia, windowStart);
  const parts: CapturedPart[] = [];
  const spans: PartSpan[] = [];
  for (const [i, part] of withMedia.entries()) {
    const { keepSeconds } = coverage[i]!;
    if (keepSeconds <= 0) {
      // it ended before the window opened
      await deps.removeFile(part.path);
      continue;
    }
    parts.push(capturedPart(part, keepSeconds));
    spans.push({ endedAt: part.endedAt, mediaSeconds: part.seconds, losses: part.losses });
  }
  const gaps = computeGaps(spans, windowStart, windowEnd);
  const titles = input.captured.flatMap((c) => c.titles ?? []);
  const tracks = tracklist(titles, windowStart, windowEnd);
  const result: RecordingResult = { parts, gaps, windowStart, windowEnd, stoppedEarly, tracks };
  if (lastError !== undefined) result.lastError = lastError;

  if (parts.length === 0 && !stoppedEarly) {
    const tried = o.urls.join(', ');
    throw new AppError(
      'STREAM_UNREACHABLE',
      `No audio was received from ${tried} during the whole window (${input.attempts} attempts). ` +
        `Last error: ${lastError ?? 'none reported'}. Check the stream URL and that the station is on air.`,
    );
  }
  const gapSeconds = gaps.reduce((s, g) => s + g.seconds, 0);
  o.logger.info(
    `Recording window done: ${parts.length} part(s), ${gaps.length} gap(s) totalling ${gapSeconds.toFixed(1)} s${stoppedEarly ? ', stopped early' : ''}.`,
    meta,
  );
  return result;
}

/** A part as the processor gets it; a native part's burst is trimmed by frame count. */
function capturedPart(part: Captured & PartMedia, keepSeconds: number): CapturedPart {
  const out: CapturedPart = {
    path: part.path,
    url: part.url,
    codec: part.codec,
    startedAt: part.startedAt,
    endedAt: part.endedAt,
    keepSeconds,
  };
  if (part.frames !== undefined) {
    const trim = trimByFrames(part.frames, part.seconds, keepSeconds);
    out.mediaSeconds = part.seconds;
    out.frames = part.frames;
    out.skipFrames = trim.skipFrames;
    out.keepSeconds = trim.keepSeconds;
  }
  return out;
}
