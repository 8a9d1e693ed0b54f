import type { FfmpegCapabilities } from '../ffmpeg/capabilities';
import { buildCaptureArgs } from '../ffmpeg/capture-args';
import type { ProgressReport } from '../ffmpeg/progress';
import type { ManualWindow } from './manual-window';
import { PROGRESS_PERIOD_MS } from './part-progress';
import { pidFileFor } from './part-files';
import { runPart, type PartRun } from './part-runner';
import type { ResolvedStream } from './playlist';
import type { Captured, RecorderDeps, RecordWindowOptions } from './recorder-options';
import { RetryPolicy } from './retry-policy';
import type { RecordingProgress } from './types';
import { sleepUnlessAborted, type WindowTimer } from './window';

/** The shortest stall timeout of an ffmpeg part: longer than its progress period, with margin. */
export const STALL_FLOOR_MS = PROGRESS_PERIOD_MS + 1500;

/** The recorder's timings, defaults applied. */
export interface RecorderTimings {
  preconnectMs: number;
  stopGraceMs: number;
  healthyPartMs: number;
  connectTimeoutMs: number;
  stallTimeoutMs: number;
}

export function recorderTimings(o: RecordWindowOptions): RecorderTimings {
  const t = o.tuning ?? {};
  return {
    preconnectMs: t.preconnectMs ?? 2000,
    stopGraceMs: t.stopGraceMs ?? 2000,
    healthyPartMs: t.healthyPartMs ?? 5000,
    connectTimeoutMs: t.connectTimeoutMs ?? 15_000,
    stallTimeoutMs: t.stallTimeoutMs ?? 8000,
  };
}

export interface ReconnectLoopSetup {
  o: RecordWindowOptions;
  deps: RecorderDeps;
  /** ffmpeg's capabilities: awaited only when ffmpeg records a part. */
  caps: Promise<FfmpegCapabilities>;
  /** The checked URLs (the stream URL, then its fallbacks). */
  urls: readonly string[];
  timer: WindowTimer;
  /** Set for a manual run: its window follows the audio. */
  manual: ManualWindow | undefined;
  /** Where the window starts (a manual window's start moves with its first audio). */
  windowStart: number;
}

/** What one part's ffmpeg run left, with the end it covered inside the window. */
interface PartOutcome {
  run: PartRun;
  endedAt: number;
}

function describeEnd(run: PartRun): string {
  if (run.endMessage !== undefined) {
    // a native part: no process, its reason in words
    const why = run.endMessage ? ` (${run.endMessage})` : '';
    if (run.reason === 'stalled') return 'no audio arrived for a while (stalled)';
    if (run.reason === 'no-audio') return `no audio arrived after connecting${why}`;
    return run.endMessage || 'the connection ended';
  }
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

/** The bit rate of what a part received so far (kb/s), when ffmpeg told media time and size. */
function bitRateKbps(report: ProgressReport): number | undefined {
  if (report.outTimeSeconds <= 0 || report.totalSize <= 0) return undefined;
  return Math.round((report.totalSize * 8) / 1000 / report.outTimeSeconds);
}

/**
 * The connect / capture / reconnect loop of one recording window, and the state it keeps: the
 * parts captured so far, the last error, the attempts, the resolved URLs and the retry policy.
 * It runs until the window timer aborts or a part was stopped.
 */
export class ReconnectLoop {
  readonly captured: Captured[] = [];
  lastError: string | undefined;
  attempts = 0;
  windowStart: number;
  private doneBytes = 0;
  private readonly resolved = new Map<number, ResolvedStream>();
  /** URLs the native reader cannot read: ffmpeg records them for the rest of the window. */
  private readonly ffmpegOnly = new Set<string>();
  private readonly policy: RetryPolicy;
  private readonly timings: RecorderTimings;
  private readonly meta: { sessionId: string };

  constructor(private readonly s: ReconnectLoopSetup) {
    const t = s.o.tuning ?? {};
    this.windowStart = s.windowStart;
    this.timings = recorderTimings(s.o);
    this.meta = { sessionId: s.o.sessionId };
    this.policy = new RetryPolicy(s.urls.length, {
      maxFailuresPerUrl: s.o.maxFailuresPerUrl,
      baseDelayMs: t.baseDelayMs,
      maxDelayMs: t.maxDelayMs,
    });
  }

  async run(): Promise<void> {
    const { timer } = this.s;
    while (!timer.signal.aborted) {
      const index = this.policy.urlIndex;
      const target = await this.resolve(index);
      if (target === 'aborted') break;
      if (target === 'retry') continue;
      const outcome = await this.capture(target);
      if (outcome.run.reason === 'stopped' || timer.signal.aborted) break;
      await this.reconnect(index, target, outcome);
    }
  }

  private progress(
    state: RecordingProgress['state'],
    url: string,
    more: Pick<RecordingProgress, 'nextAttemptAt' | 'bitRateKbps'> & { bytes?: number } = {},
  ): void {
    const { bytes = 0, ...rest } = more;
    this.s.o.onProgress?.({
      state,
      url,
      parts: this.captured.length + (state === 'recording' ? 1 : 0),
      bytes: this.doneBytes + bytes,
      elapsedSeconds: Math.max(0, (this.s.o.clock.now() - this.windowStart) / 1000),
      attempt: state === 'waiting' ? this.attempts + 1 : Math.max(1, this.attempts),
      lastError: this.lastError,
      ...rest,
    });
  }

  /** The URL to connect to (resolved once, playlists included); after a failure, waits. */
  private async resolve(index: number): Promise<ResolvedStream | 'retry' | 'aborted'> {
    const { o, deps, urls, timer } = this.s;
    const sourceUrl = urls[index]!;
    const known = this.resolved.get(index);
    if (known) return known;
    try {
      const target = await deps.resolve(sourceUrl, {
        signal: timer.signal,
        userAgent: o.userAgent,
      });
      if (!target.unverified) this.resolved.set(index, target);
      return target;
    } catch (err) {
      if (timer.signal.aborted) return 'aborted';
      this.lastError = (err as Error).message;
      const decision = this.policy.failed();
      o.logger.warn(
        `Could not resolve ${sourceUrl}: ${this.lastError}; trying ${urls[decision.urlIndex]} in ${decision.delayMs / 1000} s.`,
        this.meta,
      );
      this.progress('waiting', sourceUrl, { nextAttemptAt: o.clock.now() + decision.delayMs });
      await sleepUnlessAborted(o.clock, decision.delayMs, timer.signal);
      return 'retry';
    }
  }

  /**
   * Runs one part on `target`, natively when it is an HTTP(S) stream of MP3 or ADTS AAC (see
   * native/), else (or when the native reader cannot lock onto it) through ffmpeg.
   */
  private async capture(target: ResolvedStream): Promise<PartOutcome> {
    const path = await this.s.deps.nextPartPath(this.s.o.partsDir);
    const native = this.s.o.nativeCapture !== false;
    if (
      native &&
      target.kind !== 'hls' &&
      /^https?:/.test(target.url) &&
      !this.ffmpegOnly.has(target.url)
    ) {
      const native = await this.captureNative(target, path);
      if (native) return native;
    }
    return this.captureFfmpeg(target, path);
  }

  /** One native part; undefined when the stream is left to ffmpeg (said once in the log). */
  private async captureNative(
    target: ResolvedStream,
    path: string,
  ): Promise<PartOutcome | undefined> {
    const { o, deps, timer } = this.s;
    this.attempts += 1;
    o.logger.info(
      `Connecting to ${target.url} (attempt ${this.attempts}, native capture).`,
      this.meta,
    );
    this.progress('connecting', target.url);
    const outcome = await deps.nativePart({
      url: target.url,
      partPath: path,
      userAgent: o.userAgent,
      clock: o.clock,
      stop: timer.signal,
      connectTimeoutMs: this.timings.connectTimeoutMs,
      stallTimeoutMs: this.timings.stallTimeoutMs,
      ioTimeoutMs: (o.tuning?.ioTimeoutSeconds ?? 5) * 1000,
      onProgress: this.watchAudio(target.url),
    });
    if ('fallback' in outcome) {
      this.attempts -= 1;
      this.ffmpegOnly.add(target.url);
      o.logger.info(
        `The native reader cannot read ${target.url} (${outcome.fallback}): ffmpeg records it.`,
        this.meta,
      );
      return undefined;
    }
    const { run } = outcome;
    const endedAt = Math.min(run.endedAt, timer.endedAt ?? Infinity, timer.windowEnd);
    this.logLosses(run);
    if (run.audioStartedAt !== undefined && run.path !== undefined && run.codec !== undefined) {
      this.captured.push({
        path: run.path,
        url: target.url,
        startedAt: run.audioStartedAt,
        endedAt,
        losses: run.losses,
        media: { codec: run.codec, seconds: run.mediaSeconds },
        frames: run.frames,
        titles: run.titles,
      });
      this.doneBytes += run.reportedBytes;
    } else if (run.path !== undefined) {
      await deps.removeFile(run.path);
    }
    return { run, endedAt };
  }

  private logLosses(run: PartRun): void {
    for (const loss of run.losses) {
      this.s.o.logger.warn(
        `The stream paused ${Math.max(0, Math.round((loss.at - this.windowStart) / 1000))} s into the window and ${loss.seconds} s of audio never arrived.`,
        this.meta,
      );
    }
  }

  /** Runs one ffmpeg part on `target`; keeps it when audio arrived, deletes its file otherwise. */
  private async captureFfmpeg(target: ResolvedStream, path: string): Promise<PartOutcome> {
    const { o, deps, timer } = this.s;
    const { connectTimeoutMs, stallTimeoutMs } = this.timings;
    const isHls = target.kind === 'hls';
    const hlsFloorMs = (target.hlsTargetSeconds ?? 10) * 2500;
    // ffmpeg reports every PROGRESS_PERIOD_MS: a stall shows only once a report is overdue
    const stallMs = Math.max(stallTimeoutMs, STALL_FLOOR_MS);
    const args = buildCaptureArgs({
      url: target.url,
      caps: await this.s.caps,
      outputPath: path,
      userAgent: o.userAgent,
      ioTimeoutSeconds: o.tuning?.ioTimeoutSeconds,
    });
    this.attempts += 1;
    o.logger.info(`Connecting to ${target.url} (attempt ${this.attempts}, ${path}).`, this.meta);
    this.progress('connecting', target.url);
    const run = await runPart({
      runner: o.runner,
      ffmpegPath: o.ffmpegPath,
      args,
      clock: o.clock,
      stop: timer.signal,
      connectTimeoutMs: isHls ? Math.max(connectTimeoutMs, hlsFloorMs) : connectTimeoutMs,
      stallTimeoutMs: isHls ? Math.max(stallMs, hlsFloorMs) : stallMs,
      stopGraceMs: this.timings.stopGraceMs,
      detectLoss: !isHls,
      pidFile: pidFileFor(path),
      onProgress: this.watchAudio(target.url),
    });
    const endedAt = Math.min(run.endedAt, timer.endedAt ?? Infinity, timer.windowEnd);
    this.logLosses(run);
    if (run.audioStartedAt !== undefined) {
      const startedAt = run.audioStartedAt;
      this.captured.push({ path, url: target.url, startedAt, endedAt, losses: run.losses });
      this.doneBytes += run.reportedBytes;
    } else {
      await deps.removeFile(path);
    }
    return { run, endedAt };
  }

  /** The progress handler of one part: announces its audio, places a manual window. */
  private watchAudio(url: string): (report: ProgressReport) => void {
    const { o, manual, timer } = this.s;
    let announced = false;
    // the first part with audio places a manual window
    const placesWindow = manual !== undefined && this.captured.length === 0;
    return (report) => {
      if (report.outTimeSeconds <= 0) return;
      if (placesWindow) {
        manual.observe(o.clock.now(), report.outTimeSeconds);
        this.windowStart = manual.start;
        if (manual.end !== timer.windowEnd) timer.moveEnd(manual.end);
      }
      if (!announced) o.logger.info(`Audio is arriving from ${url}.`, this.meta);
      announced = true;
      this.progress('recording', url, {
        bytes: report.totalSize,
        bitRateKbps: bitRateKbps(report),
      });
    };
  }

  /** After a part ended by itself: backs off or fails over (RetryPolicy), says so, and waits. */
  private async reconnect(
    index: number,
    target: ResolvedStream,
    { run, endedAt }: PartOutcome,
  ): Promise<void> {
    const { o, urls, timer } = this.s;
    const sourceUrl = urls[index]!;
    const why = describeEnd(run);
    this.lastError = why;
    // counted from the spawn: the first progress report comes only after ffmpeg has probed
    // the format, which can take a few seconds of audio
    const ranMs = run.audioStartedAt === undefined ? 0 : endedAt - run.spawnedAt;
    const healthy = ranMs >= this.timings.healthyPartMs;
    if (!healthy && target.kind === 'entry') this.resolved.delete(index);
    const decision = healthy ? this.policy.succeeded() : this.policy.failed();
    const nextUrl = urls[decision.urlIndex]!;
    if (decision.switched) {
      o.logger.warn(
        `${sourceUrl} failed ${o.maxFailuresPerUrl ?? 3} times in a row (${why}); switching to ${decision.wrapped ? 'the primary URL' : 'fallback URL'} ${nextUrl} in ${decision.delayMs / 1000} s.`,
        this.meta,
      );
    } else {
      o.logger.warn(
        `${run.audioStartedAt === undefined ? 'Connection failed' : 'Stream dropped'}: ${why}; reconnecting to ${nextUrl} in ${decision.delayMs / 1000} s.`,
        this.meta,
      );
    }
    this.progress('waiting', nextUrl, { nextAttemptAt: o.clock.now() + decision.delayMs });
    await sleepUnlessAborted(o.clock, decision.delayMs, timer.signal);
  }
}
