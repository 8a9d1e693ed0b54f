import { silenceSummary } from '@contract/dead-air';
import type { SessionDto } from '@contract';

/** One stretch of the window marked on the bar: no audio (a gap) or silent audio (a silence). */
export interface TimelineMark {
  kind: 'gap' | 'silence';
  /** ISO-8601 UTC: where it begins. */
  at: string;
  seconds: number;
  /** Its place on the bar, in per cent of the window (clipped to the bar). */
  left: number;
  width: number;
}

export interface Timeline {
  /** Window start and end (ISO-8601 UTC); the end is planned while the session has none. */
  start: string;
  end: string;
  windowSeconds: number;
  /** Gaps and silences in time order (a gap first when both begin together). */
  marks: TimelineMark[];
  /** Seconds without audio, and seconds of silence, in all. */
  gapSeconds: number;
  silentSeconds: number;
}

/** Narrowest mark drawn (per cent), so that a few seconds in a long window stay visible. */
export const MIN_MARK_PERCENT = 0.4;

/** The session's window with its gaps and silences placed on it (pure). */
export function timelineOf(
  session: Pick<
    SessionDto,
    'startTime' | 'endTime' | 'plannedDurationSeconds' | 'gaps' | 'silences'
  >,
): Timeline {
  const summary = silenceSummary(session);
  const startMs = Date.parse(session.startTime);
  const windowMs = summary.windowSeconds * 1000;
  const place = (kind: TimelineMark['kind'], at: string, seconds: number): TimelineMark => {
    const from = windowMs > 0 ? ((Date.parse(at) - startMs) / windowMs) * 100 : 0;
    const left = Math.min(100, Math.max(0, from));
    const right = windowMs > 0 ? Math.min(100, from + ((seconds * 1000) / windowMs) * 100) : 0;
    const width = Math.max(MIN_MARK_PERCENT, right - left);
    return { kind, at, seconds, left, width: Math.min(width, 100 - left) };
  };
  const marks = [
    ...session.gaps.map((g) => place('gap', g.at, g.seconds)),
    ...session.silences.map((s) => place('silence', s.at, s.seconds)),
  ].sort((a, b) => Date.parse(a.at) - Date.parse(b.at) || (a.kind === 'gap' ? -1 : 1));
  return {
    start: session.startTime,
    end: new Date(startMs + windowMs).toISOString(),
    windowSeconds: summary.windowSeconds,
    marks,
    gapSeconds: session.gaps.reduce((sum, g) => sum + g.seconds, 0),
    silentSeconds: summary.totalSeconds,
  };
}
