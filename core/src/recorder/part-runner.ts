import { rmSync, writeFileSync } from 'node:fs';
import type { ExitInfo, ProcessRunner } from '../ffmpeg/process';
import { createProgressParser, type ProgressReport } from '../ffmpeg/progress';
import type { Clock } from '../ports/clock';
import { PartProgress, type PartLoss } from './part-progress';
import { watchdogFor } from './watchdog';

export type { PartLoss } from './part-progress';

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
  /** A native part: why it ended, in words (instead of an exit code and stderr). */
  endMessage?: string;
  /** Audio lost inside the part: where the pause began (wall-clock ms) and how much was lost. */
  losses: PartLoss[];
}

/**
 * Runs one ffmpeg capture until it ends by itself, stalls, gets no audio in time, or `stop`
 * aborts; in the last three cases it is stopped cleanly (`q`, then one SIGTERM, then SIGKILL)
 * so that the Matroska file is finalized.
 */
export async function runPart(options: PartRunOptions): Promise<PartRun> {
  const { clock, stop } = options;
  const spawnedAt = clock.now();
  const progress = new PartProgress(spawnedAt, options.detectLoss !== false);
  const parse = createProgressParser((report) => {
    progress.observe(report, clock.now());
    options.onProgress?.(report);
  });
  const proc = options.runner.start(options.ffmpegPath, options.args, { onStdout: parse });
  writePidFile(options.pidFile, proc.pid);

  let exited = false;
  void proc.exited.then(() => (exited = true));
  const watch = new AbortController();
  const onStop = () => watch.abort();
  stop.addEventListener('abort', onStop, { once: true });
  void proc.exited.then(() => watch.abort());

  try {
    const { reason, endedAt } = await watchPart({
      options,
      progress,
      spawnedAt,
      exited: () => exited || proc.hasExited,
      wake: watch.signal,
    });
    if (reason !== 'exited') await proc.stop({ graceMs: options.stopGraceMs ?? 2000 });
    const exit = await proc.exited;
    if (options.pidFile) rmSync(options.pidFile, { force: true });
    progress.settleLoss(Math.min(endedAt, progress.lastAdvanceAt));
    const run: PartRun = {
      reason,
      spawnedAt,
      endedAt,
      reportedSeconds: progress.reportedSeconds,
      reportedBytes: progress.reportedBytes,
      exit,
      stderrTail: proc.stderr.lastLines(6),
      losses: progress.lossesBefore(endedAt),
    };
    if (progress.audioStartedAt !== undefined) run.audioStartedAt = progress.audioStartedAt;
    return run;
  } finally {
    stop.removeEventListener('abort', onStop);
  }
}

function writePidFile(pidFile: string | undefined, pid: number | undefined): void {
  if (!pidFile || pid === undefined) return;
  try {
    writeFileSync(pidFile, `${pid}\n`);
  } catch {
    // best effort: without it, recovery cannot find an ffmpeg that outlives a crash
  }
}

/** What the watchdog of a part needs to know (an ffmpeg part's options, or a native part's). */
export type PartWatchOptions = Pick<
  PartRunOptions,
  'clock' | 'stop' | 'connectTimeoutMs' | 'stallTimeoutMs'
>;

/** Where a part stands at `now`: ended (why, and where it stopped covering), or running on. */
function verdict(
  w: Parameters<typeof watchPart>[0],
  now: number,
): { reason: PartEndReason; endedAt: number } | undefined {
  const { options, progress } = w;
  if (w.exited()) return { reason: 'exited', endedAt: progress.exitedEnd(now) };
  const audio = progress.audioStartedAt !== undefined;
  if (options.stop.aborted) return { reason: 'stopped', endedAt: now };
  if (!audio && now - w.spawnedAt >= (options.connectTimeoutMs ?? 15_000)) {
    return { reason: 'no-audio', endedAt: now };
  }
  if (audio && now - progress.lastAdvanceAt >= (options.stallTimeoutMs ?? 8_000)) {
    return { reason: 'stalled', endedAt: progress.lastAdvanceAt };
  }
  return undefined;
}

/**
 * The watchdog of one part (ffmpeg or native): waits until the capture ends by itself, `stop`
 * aborts, no audio came within the connect timeout, or media stood still for the stall timeout;
 * says which, and where the part stopped covering the window. The timeouts are looked at by the
 * clock's one shared watchdog (watchdog.ts); an end or a stop is seen at once.
 */
export function watchPart(w: {
  options: PartWatchOptions;
  progress: PartProgress;
  spawnedAt: number;
  exited: () => boolean;
  /** Aborts when the capture ended or `stop` aborted: looked at at once. */
  wake: AbortSignal;
}): Promise<{ reason: PartEndReason; endedAt: number }> {
  const { clock } = w.options;
  return new Promise((resolve) => {
    let unwatch = () => {};
    const look = (now: number): boolean => {
      const v = verdict(w, now);
      if (!v) return false;
      unwatch();
      w.wake.removeEventListener('abort', onWake);
      resolve(v);
      return true;
    };
    const onWake = () => void look(clock.now());
    if (look(clock.now())) return;
    unwatch = watchdogFor(clock).watch(look);
    w.wake.addEventListener('abort', onWake, { once: true });
    // an end that came between the first look and listening
    if (w.wake.aborted) onWake();
  });
}
