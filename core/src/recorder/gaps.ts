import type { Gap } from '../../contract';

/** Audio lost inside a part: from wall-clock ms `at`, `seconds` long. */
export interface Loss {
  at: number;
  seconds: number;
}

/** A part as far as window coverage is concerned. */
export interface PartSpan {
  /** Wall-clock ms when the part stopped. */
  endedAt: number;
  /** Seconds of media the part file holds. */
  mediaSeconds: number;
  /** Audio the server skipped while the part ran (a stall that resumed). */
  losses?: readonly Loss[];
}

export interface Coverage {
  /** Wall-clock ms from which this part covers the window: max(windowStart, previous end). */
  coverStart: number;
  /**
   * Seconds of audio this part holds for the window (its `keepSeconds`): the wall-clock time it
   * covered minus what was lost inside it; <= 0 means none.
   */
  keepSeconds: number;
}

/** Gaps shorter than this are noise (progress jitter, frame boundaries) and are not recorded. */
export const MIN_GAP_SECONDS = 0.5;

const round3 = (n: number) => Math.round(n * 1000) / 1000;

/** The parts of `losses` inside [start, end], as wall-clock spans. */
function lossSpans(losses: readonly Loss[] | undefined, start: number, end: number): Span[] {
  const spans: Span[] = [];
  for (const loss of losses ?? []) {
    const s = Math.max(start, loss.at);
    const e = Math.min(end, loss.at + loss.seconds * 1000);
    if (e > s) spans.push({ start: s, end: e });
  }
  return spans;
}

/**
 * The stretch of the window each part covers, in order: from the later of the window start and
 * the previous part's end, to this part's end. Consecutive coverages tile the window, so a
 * recording without gaps adds up to the window's length.
 */
export function coverageOf(
  parts: readonly Pick<PartSpan, 'endedAt' | 'losses'>[],
  windowStart: number,
): Coverage[] {
  let previousEnd = windowStart;
  return parts.map((part) => {
    const coverStart = Math.max(windowStart, previousEnd);
    previousEnd = Math.max(previousEnd, part.endedAt);
    const lostMs = lossSpans(part.losses, coverStart, part.endedAt).reduce(
      (sum, s) => sum + s.end - s.start,
      0,
    );
    return { coverStart, keepSeconds: round3((part.endedAt - coverStart - lostMs) / 1000) };
  });
}

interface Span {
  start: number;
  end: number;
}

/** Sorts, merges spans that touch (within `toleranceMs`), and drops those under MIN_GAP_SECONDS. */
export function mergeGaps(spans: readonly Span[], toleranceMs = 50): Gap[] {
  const sorted = [...spans].filter((s) => s.end > s.start).sort((a, b) => a.start - b.start);
  const merged: Span[] = [];
  for (const span of sorted) {
    const last = merged[merged.length - 1];
    if (last && span.start <= last.end + toleranceMs) last.end = Math.max(last.end, span.end);
    else merged.push({ ...span });
  }
  return merged
    .map((s) => ({
      at: new Date(s.start).toISOString(),
      seconds: round3((s.end - s.start) / 1000),
    }))
    .filter((g) => g.seconds >= MIN_GAP_SECONDS);
}

/**
 * Where the window holds no audio: for each part, the audio lost inside it, and the part of its
 * coverage its media cannot fill (media shorter than keepSeconds; placed at the coverage's start,
 * which is where the outage was); and the time after the last part up to the window's end.
 * Without parts the whole window is a gap.
 */
export function computeGaps(
  parts: readonly PartSpan[],
  windowStart: number,
  windowEnd: number,
): Gap[] {
  const spans: Span[] = [];
  const coverage = coverageOf(parts, windowStart);
  let lastEnd = windowStart;
  parts.forEach((part, i) => {
    const { coverStart, keepSeconds } = coverage[i]!;
    if (part.endedAt <= coverStart) return;
    spans.push(...lossSpans(part.losses, coverStart, part.endedAt));
    const missing = keepSeconds - Math.max(0, part.mediaSeconds);
    if (missing > 0) spans.push({ start: coverStart, end: coverStart + missing * 1000 });
    lastEnd = Math.max(lastEnd, part.endedAt);
  });
  if (lastEnd < windowEnd) spans.push({ start: lastEnd, end: windowEnd });
  return mergeGaps(spans);
}
