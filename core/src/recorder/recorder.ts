import { rm } from 'node:fs/promises';
import { AppError } from '../../contract';
import { detectCapabilities, type FfmpegCapabilities } from '../ffmpeg/capabilities';
import { buildCaptureArgs } from '../ffmpeg/capture-args';
import type { ProcessRunner } from '../ffmpeg/process';
import type { Clock } from '../ports/clock';
import type { Logger } from '../ports/logger';
import { computeGaps, coverageOf, type PartSpan } from './gaps';
import { inspectPart, type PartMedia } from './inspect-part';
import { ManualWindow } from './manual-window';
import { nextPartPath, pidFileFor } from './part-files';
import { runPart, type PartLoss, type PartRun } from './part-runner';
import { resolveStreamUrl, type ResolvedStream } from './playlist';
import { RetryPolicy } from './retry-policy';
import type { CapturedPart, RecordingProgress, RecordingResult } from './types';
import { assertNetworkUrl } from './url-policy';
import { sleepUnlessAborted, startWindowTimer } from './window';

/** Timings of the recorder; the defaults suit real stations. */
export interface RecorderTuning {
  /** Connect this long before the window opens, when called early enough (default 2 s). */
  preconnectMs?: number;
  /** An attempt with no audio after this long is given up (default 15 s). */
  connectTimeoutMs?: number;
  /** Media time standing still this long is a stall (default 8 s; HLS: 2.5 segments at least). */
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
 * How late a scheduled run may start and still record its window from the planned start (the
 * server's connect burst covers it).
 */
export const LATE_START_COVERED_MS = 2000;

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
  deps?: Partial<RecorderDeps>;
}

interface Captured {
  path: string;
  url: string;
  startedAt: number;
  endedAt: number;
  losses: PartLoss[];
}

function defaultDeps(o: RecordWindowOptions): RecorderDeps {
  return {
    capabilities: detectCapabilities,
    resolve: (url, opts) => resolveStreamUrl(url, { ...opts, timeoutMs: 5000 }),
    nextPartPath,
    inspect: (path) => inspectPart(o.runner, o.ffprobePath, path),
    removeFile: (path) => rm(path, { force: true }),
  };
}

function fieldFor(index: number): string {
  return index === 0 ? 'streamUrl' : `fallbackUrls.${index - 1}`;
}

function describeEnd(run: PartRun): string {
  const tail = run.stderrTail.trim().split('\n').slice(-3).join(' | ');
  const exit =
    run.exit.signal !== null ? `signal ${run.exit.signal}` : `exit code ${run.exit.code ?? '?'}`;
  switch (run.reason) {
    case 'stalled':
      return `no audio arrived for a while (stalled)${tail ? `; ffmpeg: ${tail}` : ''}`;
    case 'no-audio':
      return `no audio arrived after connecting${tail ? `; ffmpeg: ${tail}` : ''}`;
    default:
      return `ffmpeg ended (${exit})${tail ? `: ${tail}` : ''}`;
  }
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
  const { clock, sessionId } = o;
  const t = o.tuning ?? {};
  const preconnectMs = t.preconnectMs ?? 2000;
  const stopGraceMs = t.stopGraceMs ?? 2000;
  const healthyPartMs = t.healthyPartMs ?? 5000;
  const connectTimeoutMs = t.connectTimeoutMs ?? 15_000;
  const stallTimeoutMs = t.stallTimeoutMs ?? 8000;
  const deps: RecorderDeps = { ...defaultDeps(o), ...o.deps };
  const meta = { sessionId };

  if (o.urls.length === 0) {
    throw new AppError('INVALID_URL', 'The stream has no URL to record.', { field: 'streamUrl' });
  }
  const urls = o.urls.map((u, i) => assertNetworkUrl(u, fieldFor(i)));
  if (!(o.windowEnd > o.windowStart)) {
    throw new AppError('VALIDATION_FAILED', 'The recording window ends before it starts.');
  }
  if (clock.now() >= o.windowEnd) {
    throw new AppError(
      'VALIDATION_FAILED',
      `The recording window already ended at ${new Date(o.windowEnd).toISOString()}.`,
    );
  }
  const caps = await deps.capabilities(o.runner, o.ffmpegPath);

  const manual =
    o.kind === 'manual' ? new ManualWindow(o.windowStart, o.windowEnd - o.windowStart) : undefined;
  const timer = startWindowTimer(
    clock,
    manual ? manual.firstAudioDeadline(clock.now(), connectTimeoutMs) : o.windowEnd,
    o.signal,
  );
  const captured: Captured[] = [];
  let lastError: string | undefined;
  let attempts = 0;
  let doneBytes = 0;
  let windowStart = o.windowStart;
  try {
    await sleepUnlessAborted(clock, o.windowStart - preconnectMs - clock.now(), timer.signal);
    // a scheduled run a moment late is covered by the server's connect-time burst, so the window
    // keeps its start; one that starts later than that (it waited for a slot) records what is
    // left of its window. A manual run's window follows its audio (ManualWindow).
    const lateMs = clock.now() - o.windowStart;
    windowStart =
      manual || lateMs <= LATE_START_COVERED_MS
        ? o.windowStart
        : Math.max(o.windowStart, Math.min(clock.now(), o.windowEnd));
    const policy = new RetryPolicy(urls.length, {
      maxFailuresPerUrl: o.maxFailuresPerUrl,
      baseDelayMs: t.baseDelayMs,
      maxDelayMs: t.maxDelayMs,
    });
    const resolved = new Map<number, ResolvedStream>();
    const progress = (state: RecordingProgress['state'], url: string, bytes = 0) =>
      o.onProgress?.({
        state,
        url,
        parts: captured.length + (state === 'recording' ? 1 : 0),
        bytes: doneBytes + bytes,
        elapsedSeconds: Math.max(0, (clock.now() - windowStart) / 1000),
      });

    while (!timer.signal.aborted) {
      const index = policy.urlIndex;
      const sourceUrl = urls[index]!;
      let target = resolved.get(index);
      if (!target) {
        try {
          target = await deps.resolve(sourceUrl, { signal: timer.signal, userAgent: o.userAgent });
          if (!target.unverified) resolved.set(index, target);
        } catch (err) {
          if (timer.signal.aborted) break;
          lastError = (err as Error).message;
          const decision = policy.failed();
          o.logger.warn(
            `Could not resolve ${sourceUrl}: ${lastError}; trying ${urls[decision.urlIndex]} in ${decision.delayMs / 1000} s.`,
            meta,
          );
          progress('waiting', sourceUrl);
          await sleepUnlessAborted(clock, decision.delayMs, timer.signal);
          continue;
        }
      }
      const isHls = target.kind === 'hls';
      const hlsFloorMs = (target.hlsTargetSeconds ?? 10) * 2500;
      const path = await deps.nextPartPath(o.partsDir);
      const args = buildCaptureArgs({
        url: target.url,
        caps,
        outputPath: path,
        userAgent: o.userAgent,
        ioTimeoutSeconds: t.ioTimeoutSeconds,
      });
      attempts += 1;
      o.logger.info(`Connecting to ${target.url} (attempt ${attempts}, ${path}).`, meta);
      progress('connecting', target.url);
      let announced = false;
      // the first part with audio places a manual window
      const placesWindow = manual !== undefined && captured.length === 0;
      const run = await runPart({
        runner: o.runner,
        ffmpegPath: o.ffmpegPath,
        args,
        clock,
        stop: timer.signal,
        connectTimeoutMs: isHls ? Math.max(connectTimeoutMs, hlsFloorMs) : connectTimeoutMs,
        stallTimeoutMs: isHls ? Math.max(stallTimeoutMs, hlsFloorMs) : stallTimeoutMs,
        stopGraceMs,
        detectLoss: !isHls,
        pidFile: pidFileFor(path),
        onProgress: (report) => {
          if (report.outTimeSeconds <= 0) return;
          if (placesWindow) {
            manual.observe(clock.now(), report.outTimeSeconds);
            windowStart = manual.start;
            if (manual.end !== timer.windowEnd) timer.moveEnd(manual.end);
          }
          if (!announced) o.logger.info(`Audio is arriving from ${target.url}.`, meta);
          announced = true;
          progress('recording', target.url, report.totalSize);
        },
      });
      const endedAt = Math.min(run.endedAt, timer.endedAt ?? Infinity, timer.windowEnd);
      for (const loss of run.losses) {
        o.logger.warn(
          `The stream paused at ${new Date(loss.at).toISOString()} and ${loss.seconds} s of audio never arrived.`,
          meta,
        );
      }
      if (run.audioStartedAt !== undefined) {
        const startedAt = run.audioStartedAt;
        captured.push({ path, url: target.url, startedAt, endedAt, losses: run.losses });
        doneBytes += run.reportedBytes;
      } else {
        await deps.removeFile(path);
      }
      if (run.reason === 'stopped' || timer.signal.aborted) break;

      const why = describeEnd(run);
      lastError = why;
      // counted from the spawn: the first progress report comes only after ffmpeg has probed
      // the format, which can take a few seconds of audio
      const ranMs = run.audioStartedAt === undefined ? 0 : endedAt - run.spawnedAt;
      const healthy = ranMs >= healthyPartMs;
      if (!healthy && target.kind === 'entry') resolved.delete(index);
      const decision = healthy ? policy.succeeded() : policy.failed();
      const nextUrl = urls[decision.urlIndex]!;
      if (decision.switched) {
        o.logger.warn(
          `${sourceUrl} failed ${o.maxFailuresPerUrl ?? 3} times in a row (${why}); switching to ${decision.wrapped ? 'the primary URL' : 'fallback URL'} ${nextUrl} in ${decision.delayMs / 1000} s.`,
          meta,
        );
      } else {
        o.logger.warn(
          `${run.audioStartedAt === undefined ? 'Connection failed' : 'Stream dropped'}: ${why}; reconnecting to ${nextUrl} in ${decision.delayMs / 1000} s.`,
          meta,
        );
      }
      progress('waiting', nextUrl);
      await sleepUnlessAborted(clock, decision.delayMs, timer.signal);
    }
  } finally {
    timer.dispose();
  }

  if (manual?.anchored && manual.start > o.windowStart) {
    o.logger.info(
      `The audio began ${((manual.start - o.windowStart) / 1000).toFixed(1)} s after the request (connecting took longer than the server's burst covers): its window was moved to end at ${new Date(manual.end).toISOString()}, to hold the ${manual.lengthMs / 1000} s asked for.`,
      meta,
    );
  }
  const stoppedEarly = timer.reason === 'abort';
  const windowEnd = timer.endedAt ?? Math.min(clock.now(), timer.windowEnd);
  // stopped before the window opened: an empty window
  if (windowEnd < windowStart) windowStart = windowEnd;
  return finish({ o, deps, captured, windowStart, windowEnd, stoppedEarly, lastError, attempts });
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
    const media = await deps.inspect(c.path);
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
    parts.push({
      path: part.path,
      url: part.url,
      codec: part.codec,
      startedAt: part.startedAt,
      endedAt: part.endedAt,
      keepSeconds,
    });
    spans.push({ endedAt: part.endedAt, mediaSeconds: part.seconds, losses: part.losses });
  }
  const gaps = computeGaps(spans, windowStart, windowEnd);
  const result: RecordingResult = { parts, gaps, windowStart, windowEnd, stoppedEarly };
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
