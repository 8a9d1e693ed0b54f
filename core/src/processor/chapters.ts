/*
 * The station's tracklist as chapters of the recording: each title from the moment it was seen
 * to the next title (or the file's end), in ms from the file's first audio (the window start).
 */
import { plainTitle, type TrackMark } from '../../contract/tracklist';

export { plainTitle, type TrackMark };

/** A stretch of the window that holds no audio (the session's gaps). */
export interface WindowGapMark {
  at: string;
  seconds: number;
}

export interface Chapter {
  title: string;
  /** ms from the file's first audio. */
  startMs: number;
  /** ms from the file's first audio; the next chapter's start or the file's length. */
  endMs: number;
}

/** ID3v2's CTOC counts its entries in one byte. */
export const MAX_CHAPTERS = 255;

/**
 * ms into the file of wall-clock time `wallMs`: the file holds the window's audio without its
 * gaps, so a gap that ended before `wallMs` does not count, and a time inside a gap is where the
 * gap sits in the file (the inverse of placeSilences).
 */
export function fileOffsetMs(
  wallMs: number,
  windowStartMs: number,
  gaps: readonly WindowGapMark[],
): number {
  let offset = wallMs - windowStartMs;
  for (const gap of gaps) {
    const from = Date.parse(gap.at);
    const to = from + gap.seconds * 1000;
    if (!Number.isFinite(from) || from >= wallMs) continue;
    offset -= Math.min(wallMs, to) - Math.max(from, windowStartMs);
  }
  return Math.max(0, offset);
}

/**
 * The chapters of a file of `durationMs` from the tracklist: titles made plain, empty ones and
 * repeats of the title before left out; a title seen before the window opened starts at 0 (the
 * last such one wins); titles after the file's end are left out; at most MAX_CHAPTERS (the
 * last ones are merged into the one before).
 */
export function chaptersOf(
  tracks: readonly TrackMark[],
  windowStart: string,
  durationMs: number,
  gaps: readonly WindowGapMark[] = [],
): Chapter[] {
  const startMs = Date.parse(windowStart);
  const length = Math.max(0, Math.floor(durationMs));
  if (!Number.isFinite(startMs) || length === 0) return [];
  const starts: { title: string; startMs: number }[] = [];
  const ordered = tracks
    .map((t) => ({ wall: Date.parse(t.at), title: plainTitle(t.title) }))
    .filter((t) => Number.isFinite(t.wall) && t.title !== '')
    .sort((a, b) => a.wall - b.wall);
  for (const track of ordered) {
    const at = Math.min(length, Math.round(fileOffsetMs(track.wall, startMs, gaps)));
    if (at >= length) break;
    const last = starts.at(-1);
    if (last?.title === track.title) continue;
    if (last && last.startMs === at) starts.pop();
    if (starts.at(-1)?.title === track.title) continue;
    starts.push({ title: track.title, startMs: at });
  }
  const kept = starts.slice(0, MAX_CHAPTERS);
  return kept.map((c, i) => ({ ...c, endMs: kept[i + 1]?.startMs ?? length }));
}
