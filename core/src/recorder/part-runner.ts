import { rmSync, writeFileSync } from 'node:fs';
import type { ExitInfo, ProcessRunner } from '../ffmpeg/process';
import { createProgressParser, type ProgressReport } from '../ffmpeg/progress';
import type { Clock } from '../ports/clock';
import { sleepUnlessAborted } from './window';

/** An exit this long after media last advanced is dated back to that last advance. */
const EXIT_STALE_MS = 1500;
/** Progress resuming after a pause this long is checked for audio the server skipped. */
const PAUSE_MS = 2000;
/** How long after the resume the media's lead over the wall clock is measured again. */
const SETTLE_MS = 1500;
/** Smaller losses are jitter. */
const MIN_LOSS_SECONDS = 1;
/** Progress this close before an exit may be ffmpeg flushing what it had, not new audio. */
const FLUSH_MS = 200;

/** Why a part ended. */
export type PartEndReason =
  /** The window ended or was stopped: `q` was sent. */
  | 'stopped'
  /** ffmpeg ended by itself (the source dropped, an error, its own I/O timeout). */
  | 'exited'
  /** Audio had been arriving, then no progress for `stallTimeoutMs`. */
  | 'stalled'
  /** No audio arrived within `connectTimeoutMs`. */
  | 'no-audio';

export interface PartRunOptions {
  runner: ProcessRunner;
  ffmpegPath: string;
  args: readonly string[];
  clock: Clock;
  /** Aborts when the part must end (window over or stop requested). */
  stop: AbortSignal;
  /** No audio within this long after the start: give up (default 15 s). */
  connectTimeoutMs?: number;
  /** Media time not advancing for this long: a stall (default 8 s). */
  stallTimeoutMs?: number;
  /** Grace after `q` before SIGTERM, and after SIGTERM before SIGKILL (default 2 s). */
  stopGraceMs?: number;
  /** How often the watchdog looks at the progress (default 250 ms). */
  watchIntervalMs?: number;
  onProgress?: (report: ProgressReport) => void;
  /**
   * Detect audio lost inside the part: progress that pauses and resumes with less media than
   * the wall-clock time that passed (the server skipped what it could not deliver). Off for HLS,
   * whose media arrives a segment at a time. Default true.
   */
  detectLoss?: boolean;
  /** Holds ffmpeg's pid while it runs (removed once it exited), for crash recovery. */
  pidFile?: string;
}

export interface PartRun {
  reason: PartEndReason;
  /** Wall-clock ms when the ffmpeg process was started. */
  spawnedAt: number;
  /** Wall-clock ms of the first progress report with media time > 0 (undefined: no audio). */
  audioStartedAt?: number;
  /**
   * Wall-clock ms at which the part stopped covering the window: when the stop was requested,
   * when ffmpeg ended, or, after a stall, when media last advanced.
   */
  endedAt: number;
  /** Last media time ffmpeg reported, in seconds. */
  reportedSeconds: number;
  /** Last output size ffmpeg reported, in bytes. */
  reportedBytes: number;
  exit: ExitInfo;
  /** The last lines of ffmpeg's stderr. */
  stderrTail: string;
  /** Audio lost inside the part: where the pause began (wall-clock ms) and how much was lost. */
  losses: PartLoss[];
}

export interface PartLoss {
  at: number;
  seconds: number;
}

/**
 * Runs one ffmpeg capture until it ends by itself, stalls, gets no audio in time, or `stop`
 * aborts; in the last three cases it is stopped cleanly (`q`, then one SIGTERM, then SIGKILL)
 * so that the Matroska file is finalized.
 */
export async function runPart(options: PartRunOptions): Promise<PartRun> {
  const { clock, stop } = options;
  const connectTimeoutMs = options.connectTimeoutMs ?? 15_000;
  const stallTimeoutMs = options.stallTimeoutMs ?? 8_000;
  const watchIntervalMs = options.watchIntervalMs ?? 250;

  const spawnedAt = clock.now();
  let audioStartedAt: number | undefined;
  let lastAdvanceAt = spawnedAt;
  // the latest resume of progress after a pause of PAUSE_MS or more
  let resume: { pausedAt: number; resumedAt: number } | undefined;
  let reportedSeconds = 0;
  let reportedBytes = 0;
  const losses: PartLoss[] = [];
  // media seconds ahead of the wall clock since audio started (the burst makes it positive)
  const lead = (media: number, at: number) => media - (at - (audioStartedAt ?? at)) / 1000;
  let pending: { pauseAt: number; leadBefore: number; checkAt: number } | undefined;
  const settleLoss = (now: number) => {
    if (!pending) return;
    const loss = pending.leadBefore - lead(reportedSeconds, now);
    if (loss >= MIN_LOSS_SECONDS) {
      losses.push({ at: pending.pauseAt, seconds: Math.round(loss * 1000) / 1000 });
    }
    pending = undefined;
  };
  const parse = createProgressParser((report) => {
    const now = clock.now();
    reportedBytes = Math.max(reportedBytes, report.totalSize);
    if (report.outTimeSeconds > reportedSeconds) {
      const paused = audioStartedAt !== undefined && now - lastAdvanceAt >= PAUSE_MS;
      if (paused) resume = { pausedAt: lastAdvanceAt, resumedAt: now };
      if (paused && options.detectLoss !== false) {
        settleLoss(lastAdvanceAt);
        pending = {
          pauseAt: lastAdvanceAt,
          leadBefore: lead(reportedSeconds, lastAdvanceAt),
          checkAt: now + SETTLE_MS,
        };
      }
      reportedSeconds = report.outTimeSeconds;
      lastAdvanceAt = now;
      audioStartedAt ??= now;
      if (pending && now >= pending.checkAt) settleLoss(now);
    }
    options.onProgress?.(report);
  });
  const proc = options.runner.start(options.ffmpegPath, options.args, { onStdout: parse });
  if (options.pidFile && proc.pid !== undefined) {
    try {
      writeFileSync(options.pidFile, `${proc.pid}\n`);
    } catch {
      // best effort: without it, recovery cannot find an ffmpeg that outlives a crash
    }
  }

  let exited = false;
  void proc.exited.then(() => (exited = true));
  const watch = new AbortController();
  const onStop = () => watch.abort();
  stop.addEventListener('abort', onStop, { once: true });
  void proc.exited.then(() => watch.abort());

  let reason: PartEndReason | undefined;
  let endedAt = spawnedAt;
  try {
    while (!reason) {
      if (exited || proc.hasExited) {
        reason = 'exited';
        const now = clock.now();
        endedAt = now;
        if (audioStartedAt !== undefined) {
          if (resume && now - resume.resumedAt <= FLUSH_MS) {
            // ffmpeg's own I/O timeout after a stall: its last reports flushed what it had
            endedAt = resume.pausedAt;
            pending = undefined;
          } else if (now - lastAdvanceAt > EXIT_STALE_MS) {
            // it ended well after audio stopped: the part ended back then
            endedAt = lastAdvanceAt;
          }
        }
        break;
      }
      const now = clock.now();
      if (stop.aborted) {
        reason = 'stopped';
        endedAt = now;
      } else if (audioStartedAt === undefined && now - spawnedAt >= connectTimeoutMs) {
        reason = 'no-audio';
        endedAt = now;
      } else if (audioStartedAt !== undefined && now - lastAdvanceAt >= stallTimeoutMs) {
        reason = 'stalled';
        endedAt = lastAdvanceAt;
      } else {
        await sleepUnlessAborted(clock, watchIntervalMs, watch.signal);
      }
    }
    if (reason !== 'exited') await proc.stop({ graceMs: options.stopGraceMs ?? 2000 });
    const exit = await proc.exited;
    if (options.pidFile) rmSync(options.pidFile, { force: true });
    settleLoss(Math.min(endedAt, lastAdvanceAt));
    const run: PartRun = {
      reason,
      spawnedAt,
      endedAt,
      reportedSeconds,
      reportedBytes,
      exit,
      stderrTail: proc.stderr.lastLines(6),
      losses: losses.filter((l) => l.at < endedAt),
    };
    if (audioStartedAt !== undefined) run.audioStartedAt = audioStartedAt;
    return run;
  } finally {
    stop.removeEventListener('abort', onStop);
  }
}
