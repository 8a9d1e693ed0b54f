// The station's tracklist (issue 16): the titles an ICY stream sent (`StreamTitle`), each with the
// wall-clock time it began. Titles are station text: kept as plain text, never markup.

/** The longest title kept (characters); longer ones are cut. */
export const MAX_TRACK_TITLE_LENGTH = 500;
/** A session keeps at most this many titles (the first ones). */
export const MAX_TRACKS = 2000;

// C0 and C1 control characters, DEL, and the line/paragraph separators
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g;

/**
 * A title as the station sent it, made safe to keep: control characters removed, runs of spaces
 * folded, trimmed, at most MAX_TRACK_TITLE_LENGTH characters. '' when nothing is left.
 */
export function cleanTrackTitle(raw: string): string {
  return raw
    .replace(CONTROL, ' ')
    .replace(/\s{2,}/g, ' ')
    .trim()
    .slice(0, MAX_TRACK_TITLE_LENGTH)
    .trim();
}

/** One title in the window: where it began (ms since the epoch) and what it said. */
export interface TrackMark {
  at: number;
  title: string;
}

/**
 * The tracklist of a window from the titles received (in any order, from several connections):
 * titles cleaned and empty ones dropped, in time order, a title equal to the one before it left
 * out (a reconnect repeats the current title), titles before the window start moved to it (the
 * last one of them is what was playing when the window opened), titles after its end left out.
 */
export function tracklist(
  marks: readonly TrackMark[],
  windowStart: number,
  windowEnd: number,
): TrackMark[] {
  const sorted = [...marks]
    .sort((a, b) => a.at - b.at)
    .map((m) => ({ at: Math.max(m.at, windowStart), title: cleanTrackTitle(m.title) }))
    .filter((m) => m.title !== '' && m.at < windowEnd);
  const out: TrackMark[] = [];
  for (const mark of sorted) {
    const last = out[out.length - 1];
    if (last && last.title === mark.title) continue;
    // several titles moved to the window start: the latest one was playing
    if (last && last.at === mark.at) out.pop();
    if (out.length < MAX_TRACKS) out.push(mark);
  }
  return out;
}
