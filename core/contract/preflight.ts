import { z } from 'zod';
import type { ErrorCode } from './errors';

// Pre-flight checks (issue 13, item 4): `preflightMinutes` before a scheduled run the stream
// (its URL and each fallback) is probed and the destination tested; a failure is the
// `preflight.failed` alert. Pure: the settings schema, the engine (core/src/preflight) and the
// alert's words (buildAlert in ./alerts) take the rule and the findings' shape from here.

/** Minutes before a scheduled run its check is made, unless the setting says otherwise. */
export const DEFAULT_PREFLIGHT_MINUTES = 10;
/** The longest lead a check may have: 12 hours. */
export const PREFLIGHT_MINUTES_MAX = 720;

/** The setting `preflightMinutes`: whole minutes from 0 (off) to 720, default 10. */
export const preflightMinutesField = z
  .number({ error: 'must be a number (minutes)' })
  .int('must be a whole number of minutes')
  .min(0, 'must be 0 (off) or more')
  .max(PREFLIGHT_MINUTES_MAX, `must be at most ${PREFLIGHT_MINUTES_MAX} minutes (12 hours)`)
  .default(DEFAULT_PREFLIGHT_MINUTES);

/** True when checks are made at all (`preflightMinutes` above 0). */
export function isPreflightOn(minutes: number): boolean {
  return Number.isFinite(minutes) && minutes > 0;
}

/**
 * What is wrong with one stream URL. `http`: the server answered with an error status (`status`
 * when the answer named it exactly, else null and `serverError` tells 5xx from 4xx).
 */
export type StreamUrlProblem =
  | { kind: 'http'; status: number | null; serverError: boolean }
  | { kind: 'refused' }
  | { kind: 'unknown-host' }
  | { kind: 'timeout' }
  | { kind: 'invalid-url' }
  | { kind: 'unreadable' };

/** One stream URL's check: `ok` when it answered with audio. */
export type StreamUrlFinding = { ok: true } | { ok: false; problem: StreamUrlProblem };

/** The destination's check (connect, host key, remote folder writable). */
export type DestinationFinding =
  | { ok: true; where: string }
  | {
      ok: false;
      /** `host:port`, as the other messages name a destination. */
      where: string;
      code: ErrorCode;
      /** The destination test's own sentence (what happened and what to check). */
      error: string;
    };

/** What a check found: the stream URL first, then its fallbacks in order; the destination. */
export interface PreflightFindings {
  urls: readonly StreamUrlFinding[];
  /** Null when the stream has no destination (nothing to test). */
  destination: DestinationFinding | null;
}

/** True when anything the check found is wrong (then `preflight.failed` is sent). */
export function preflightFailed(findings: PreflightFindings): boolean {
  return findings.urls.some((u) => !u.ok) || findings.destination?.ok === false;
}
