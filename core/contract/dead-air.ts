import { z } from 'zod';

// Dead air (issue 13, item 3): silence found while the processor decodes a recording. Pure: the
// stream schema, the processor, the alert and the renderer take the rule from here.

/** Audio below this level (dBFS) counts as silence, unless the stream sets its own. */
export const DEFAULT_SILENCE_THRESHOLD_DB = -50;
export const SILENCE_THRESHOLD_DB_MIN = -90;
export const SILENCE_THRESHOLD_DB_MAX = -10;

/** A silence this long (seconds) makes a recording dead air; 0 turns detection off. */
export const DEFAULT_DEAD_AIR_SECONDS = 60;
export const DEAD_AIR_SECONDS_MAX = 3600;

/**
 * Silences shorter than this (seconds) are not listed; when `deadAirSeconds` is shorter, it is
 * the floor instead (see silenceMinSeconds).
 */
export const SILENCE_LIST_MIN_SECONDS = 10;
/** A session lists at most this many silences (the longest ones, in time order). */
export const MAX_LISTED_SILENCES = 200;

/** The stream's `silenceThresholdDb`: whole dBFS from -90 to -10, default -50. */
export const silenceThresholdDbField = z
  .number({ error: 'must be a number (dB)' })
  .int('must be a whole number of dB')
  .min(SILENCE_THRESHOLD_DB_MIN, `must be at least ${SILENCE_THRESHOLD_DB_MIN} dB`)
  .max(SILENCE_THRESHOLD_DB_MAX, `must be at most ${SILENCE_THRESHOLD_DB_MAX} dB`)
  .default(DEFAULT_SILENCE_THRESHOLD_DB);

/** The stream's `deadAirSeconds`: whole seconds from 0 (off) to 3600, default 60. */
export const deadAirSecondsField = z
  .number({ error: 'must be a number (seconds)' })
  .int('must be a whole number of seconds')
  .min(0, 'must be 0 (off) or more')
  .max(DEAD_AIR_SECONDS_MAX, `must be at most ${DEAD_AIR_SECONDS_MAX} seconds`)
  .default(DEFAULT_DEAD_AIR_SECONDS);

/** A silence in a recording: `at` seconds from the start of the file, lasting `seconds`. */
export interface Silence {
  at: number;
  seconds: number;
}

/** The shortest silence listed for a stream: 0 when detection is off. */
export function silenceMinSeconds(deadAirSeconds: number): number {
  if (!(deadAirSeconds > 0)) return 0;
  return Math.min(deadAirSeconds, SILENCE_LIST_MIN_SECONDS);
}

/** True when detection is on and a silence reaches `deadAirSeconds`. */
export function isDeadAir(silences: readonly Silence[], deadAirSeconds: number): boolean {
  return deadAirSeconds > 0 && silences.some((s) => s.seconds >= deadAirSeconds);
}

/** Seconds of silence in all: what the dead-air alert reports. */
export function silentSeconds(silences: readonly { seconds: number }[]): number {
  return silences.reduce((sum, s) => sum + s.seconds, 0);
}

/** A stretch of the window without audio (the session's `gaps`): `at` ISO-8601 UTC. */
interface WindowGap {
  at: string;
  seconds: number;
}

/** A silence placed in the window (the session's `silences`): `at` ISO-8601 UTC. */
export interface PlacedSilence {
  at: string;
  seconds: number;
}

/**
 * The silences of a recording placed on the wall clock of its window, as a session lists them:
 * the file holds the window's audio without its gaps, so `at` seconds into the file is the window
 * start plus `at` plus every gap that began before that point. `seconds` stays as measured.
 */
export function placeSilences(
  silences: readonly Silence[],
  windowStart: string,
  gaps: readonly WindowGap[],
): PlacedSilence[] {
  const start = Date.parse(windowStart);
  const sorted = [...gaps]
    .map((g) => ({ at: Date.parse(g.at), ms: g.seconds * 1000 }))
    .sort((a, b) => a.at - b.at);
  return silences.map((s) => {
    let wall = start;
    let left = s.at * 1000;
    for (const gap of sorted) {
      const audioBefore = Math.max(0, gap.at - wall);
      // a silence that starts exactly where a gap starts is placed after the gap
      if (left < audioBefore) break;
      left -= audioBefore;
      wall = Math.max(wall, gap.at + gap.ms);
    }
    return { at: new Date(Math.round(wall + left)).toISOString(), seconds: s.seconds };
  });
}

/** What a dead-air alert and the session details say about a session's silences. */
export interface SilenceSummary {
  /** Seconds of silence in all. */
  totalSeconds: number;
  /** The window's length in seconds (start to end, or the planned length while it has no end). */
  windowSeconds: number;
  /** Share of the window that was silent, 0..100 (rounded to whole per cent). */
  percent: number;
  /** The longest silence (the first of equals), or null when there is none. */
  longest: PlacedSilence | null;
}

/** Totals of a session's silences against its window. */
export function silenceSummary(session: {
  startTime: string;
  endTime: string | null;
  plannedDurationSeconds: number;
  silences: readonly PlacedSilence[];
}): SilenceSummary {
  const totalSeconds = silentSeconds(session.silences);
  const windowSeconds =
    session.endTime !== null
      ? Math.max(0, (Date.parse(session.endTime) - Date.parse(session.startTime)) / 1000)
      : session.plannedDurationSeconds;
  const percent = windowSeconds > 0 ? Math.min(100, (totalSeconds / windowSeconds) * 100) : 0;
  let longest: PlacedSilence | null = null;
  for (const s of session.silences) if (!longest || s.seconds > longest.seconds) longest = s;
  return { totalSeconds, windowSeconds, percent: Math.round(percent), longest };
}

/**
 * Whether a change of a session is the moment to tell of its dead air: it became `deadAir` (set
 * when processing completes). A session first seen already dead air (the app restarted since) is
 * not told again.
 */
export function becameDeadAir(
  previous: { deadAir: boolean } | undefined,
  session: { deadAir: boolean },
): boolean {
  return session.deadAir && previous !== undefined && !previous.deadAir;
}
