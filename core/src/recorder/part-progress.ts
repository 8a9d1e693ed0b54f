import type { ProgressReport } from '../ffmpeg/progress';

/**
 * How often ffmpeg reports its progress (`-stats_period`): reading it costs the node process
 * CPU, so not more often. The thresholds below are longer than this, so that a report simply
 * coming later than the audio is not taken for a pause.
 */
export const PROGRESS_PERIOD_MS = 2000;
/** An exit this long after media last advanced is dated back to that last advance. */
const EXIT_STALE_MS = PROGRESS_PERIOD_MS + 1000;
/** Progress resuming after a pause this long is checked for audio the server skipped. */
const PAUSE_MS = PROGRESS_PERIOD_MS + 1000;
/** How long after the resume the media's lead over the wall clock is measured again. */
const SETTLE_MS = 1500;
/** Smaller losses are jitter. */
const MIN_LOSS_SECONDS = 1;
/** Progress this close before an exit may be ffmpeg flushing what it had, not new audio. */
const FLUSH_MS = 200;

/** Audio lost inside a part: where the pause began (wall-clock ms) and how much was lost. */
export interface PartLoss {
  at: number;
  seconds: number;
}

/**
 * What one part's progress reports told so far: when audio started and last advanced, the media
 * time and size reported, and the audio the server skipped during pauses (when `detectLoss`).
 */
export class PartProgress {
  audioStartedAt: number | undefined;
  lastAdvanceAt: number;
  reportedSeconds = 0;
  reportedBytes = 0;
  // the latest resume of progress after a pause of PAUSE_MS or more
  private resume: { pausedAt: number; resumedAt: number } | undefined;
  private pending: { pauseAt: number; leadBefore: number; checkAt: number } | undefined;
  private readonly losses: PartLoss[] = [];
  /** The previous report: when it came, and whether media had advanced in it. */
  private lastReport: { at: number; advanced: boolean } | undefined;

  constructor(
    spawnedAt: number,
    private readonly detectLoss: boolean,
  ) {
    this.lastAdvanceAt = spawnedAt;
  }

  /** Media seconds ahead of the wall clock since audio started (the burst makes it positive). */
  private lead(media: number, at: number): number {
    return media - (at - (this.audioStartedAt ?? at)) / 1000;
  }

  /** Measures the loss of the pending pause (if any) at `now`, and records it when it counts. */
  settleLoss(now: number): void {
    if (!this.pending) return;
    const loss = this.pending.leadBefore - this.lead(this.reportedSeconds, now);
    if (loss >= MIN_LOSS_SECONDS) {
      this.losses.push({ at: this.pending.pauseAt, seconds: Math.round(loss * 1000) / 1000 });
    }
    this.pending = undefined;
  }

  /** Takes one progress report received at `now`. */
  observe(report: ProgressReport, now: number): void {
    this.reportedBytes = Math.max(this.reportedBytes, report.totalSize);
    const previous = this.lastReport;
    const advanced = report.outTimeSeconds > this.reportedSeconds;
    this.lastReport = { at: now, advanced };
    if (!advanced) return;
    const paused = this.audioStartedAt !== undefined && now - this.lastAdvanceAt >= PAUSE_MS;
    if (paused) this.resume = { pausedAt: this.lastAdvanceAt, resumedAt: now };
    if (paused && this.detectLoss) {
      this.settleLoss(this.lastAdvanceAt);
      this.pending = {
        pauseAt: this.lastAdvanceAt,
        leadBefore: this.lead(this.reportedSeconds, this.lastAdvanceAt),
        checkAt: now + SETTLE_MS,
      };
    }
    const newMs = (report.outTimeSeconds - this.reportedSeconds) * 1000;
    // the first media began after the report before it (which had none), and no later than its
    // own length before now: a report can come up to a period after the audio began
    this.audioStartedAt ??= previous ? Math.max(previous.at, now - newMs) : now;
    // audio flowing since the previous report arrived in real time from it on: it last advanced
    // when the new media had arrived (a report can come up to a period after the audio stopped)
    const flowing = !paused && previous?.advanced === true;
    this.lastAdvanceAt = flowing ? Math.min(now, previous.at + newMs) : now;
    this.reportedSeconds = report.outTimeSeconds;
    if (this.pending && now >= this.pending.checkAt) this.settleLoss(now);
  }

  /** Where a part whose ffmpeg ended by itself at `now` stopped covering the window. */
  exitedEnd(now: number): number {
    if (this.audioStartedAt === undefined) return now;
    if (this.resume && now - this.resume.resumedAt <= FLUSH_MS) {
      // ffmpeg's own I/O timeout after a stall: its last reports flushed what it had
      this.pending = undefined;
      return this.resume.pausedAt;
    }
    // it ended well after audio stopped: the part ended back then
    if (now - this.lastAdvanceAt > EXIT_STALE_MS) return this.lastAdvanceAt;
    return now;
  }

  /** The losses that began before `endedAt`. */
  lossesBefore(endedAt: number): PartLoss[] {
    return this.losses.filter((l) => l.at < endedAt);
  }
}
