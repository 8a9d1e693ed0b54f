// The station's tracklist of a recording (issue 16): titles as plain text, one rule for the
// processor (chapters, cue sheet) and the UI (session details).

/** A title the station announced (StreamTitle) and when: `at` ISO-8601 wall-clock time. */
export interface TrackMark {
  at: string;
  title: string;
}

/** Station text as a plain title: control characters removed, spaces collapsed, trimmed. */
export function plainTitle(title: string): string {
  return title
    .replace(/\p{Cc}/gu, ' ')
    .replace(/\s+/gu, ' ')
    .trim();
}

/** The tracks of a session-like object (none when it has no `tracks`), in time order, titles plain. */
export function tracklistOf(session: object): TrackMark[] {
  const tracks = (session as { tracks?: readonly TrackMark[] | null }).tracks ?? [];
  return tracks
    .map((t) => ({ at: t.at, title: plainTitle(t.title) }))
    .filter((t) => t.title !== '' && Number.isFinite(Date.parse(t.at)))
    .sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
}
