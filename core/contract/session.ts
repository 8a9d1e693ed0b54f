import { z } from 'zod';
import { instant } from './operations/common';

export const SESSION_STATUSES = [
  'SCHEDULED',
  'RECORDING',
  'PROCESSING',
  'COMPLETED',
  'FAILED',
] as const;
export type SessionStatus = (typeof SESSION_STATUSES)[number];

export const TRANSFER_STATUSES = [
  'PENDING',
  'IN_PROGRESS',
  'COMPLETED',
  'FAILED',
  'SKIPPED',
] as const;
export type TransferStatus = (typeof TRANSFER_STATUSES)[number];

/** A stretch of the window that holds no audio: `at` is ISO-8601 UTC, `seconds` its length. */
export const gapSchema = z.strictObject({ at: instant, seconds: z.number().nonnegative() });
export type Gap = z.output<typeof gapSchema>;

/**
 * A silence in the recorded audio, placed in the window like a gap: `at` is ISO-8601 UTC (where
 * it began on the wall clock), `seconds` its length (see core/contract/dead-air.ts).
 */
export const silenceSchema = z.strictObject({ at: instant, seconds: z.number().nonnegative() });
export type SessionSilence = z.output<typeof silenceSchema>;

/**
 * A title the station sent (ICY `StreamTitle`, native captures): `at` is ISO-8601 UTC (where it
 * began on the wall clock), `title` plain text, control characters removed (core/contract/tracks.ts).
 */
export const trackSchema = z.strictObject({ at: instant, title: z.string() });
export type SessionTrack = z.output<typeof trackSchema>;

/** The session as the contract (shared/spec/api.md) describes it. */
/**
 * Why a session's recording ended (or never began), stored on the session (`stopReason`) so that
 * nothing reads it from the error message:
 * - `window-end`: recorded until its window ended;
 * - `user`: stopped by request (Stop, or Ctrl-C in `npm run record`);
 * - `shutdown`: the app was shutting down;
 * - `disk-full`: the disk guard stopped it, or it did not start for lack of space;
 * - `source-failed`: no audio could be recorded from the stream or its fallbacks;
 * - `error`: it could not record for another reason (the error message says which);
 * - `interrupted`: the app was killed or crashed before the session ended (salvaged at restart);
 * - `missed`: a scheduled run that never recorded.
 * Null while the session has not ended its recording, and for older sessions whose reason could
 * not be told (migration 0004).
 */
export const STOP_REASONS = [
  'window-end',
  'user',
  'shutdown',
  'disk-full',
  'source-failed',
  'error',
  'interrupted',
  'missed',
] as const;
export type StopReason = (typeof STOP_REASONS)[number];

/** Reasons that end a recording before its window ended; what was captured is still processed. */
const EARLY_STOPS: readonly StopReason[] = ['user', 'shutdown', 'disk-full'];

/** Whether the recording was stopped before its window ended (user, shutdown, disk guard). */
export function isEarlyStop(reason: StopReason | null): boolean {
  return reason !== null && EARLY_STOPS.includes(reason);
}

export const sessionDtoSchema = z.strictObject({
  id: z.string(),
  streamId: z.string(),
  scheduleId: z.string().nullable(),
  status: z.enum(SESSION_STATUSES),
  transferStatus: z.enum(TRANSFER_STATUSES),
  startTime: instant,
  endTime: instant.nullable(),
  plannedDurationSeconds: z.number().nonnegative(),
  durationSeconds: z.number().nonnegative().nullable(),
  title: z.string().nullable(),
  trackNumber: z.number().int().nullable(),
  outputFilePath: z.string().nullable(),
  remotePath: z.string().nullable(),
  fileSizeBytes: z.number().int().nonnegative().nullable(),
  gaps: z.array(gapSchema),
  partial: z.boolean(),
  attempts: z.number().int().nonnegative(),
  errorMessage: z.string().nullable(),
  /** Why the recording ended; null while it has not, and for old sessions that did not say. */
  stopReason: z.enum(STOP_REASONS).nullable(),
  /** Silences found while processing (the longest MAX_LISTED_SILENCES), in time order. */
  silences: z.array(silenceSchema),
  /** True when a silence reached the stream's `deadAirSeconds` (never when detection is off). */
  deadAir: z.boolean(),
  /** The station's titles in the window, in time order ([] for ffmpeg captures and old sessions). */
  tracks: z.array(trackSchema),
  /**
   * When the transfer is tried next (PENDING: due now or after a failed attempt's back-off);
   * null when no transfer waits. A UI says it as "in 3 min", never inside a message.
   */
  nextTransferAt: instant.nullable(),
});
export type SessionDto = z.output<typeof sessionDtoSchema>;

/** What a session holds before it has run: no end, no file, no problems, nothing found yet. */
export function notYetRun(): Pick<
  SessionDto,
  | 'endTime'
  | 'durationSeconds'
  | 'title'
  | 'trackNumber'
  | 'outputFilePath'
  | 'remotePath'
  | 'fileSizeBytes'
  | 'gaps'
  | 'partial'
  | 'attempts'
  | 'errorMessage'
  | 'stopReason'
  | 'silences'
  | 'deadAir'
  | 'tracks'
  | 'nextTransferAt'
> {
  return {
    endTime: null,
    durationSeconds: null,
    title: null,
    trackNumber: null,
    outputFilePath: null,
    remotePath: null,
    fileSizeBytes: null,
    gaps: [],
    partial: false,
    attempts: 0,
    errorMessage: null,
    stopReason: null,
    silences: [],
    deadAir: false,
    tracks: [],
    nextTransferAt: null,
  };
}

/** Reasons a recording ended normally (its window was measured when it went to processing). */
const MEASURED_ENDS: readonly StopReason[] = ['window-end', 'user', 'shutdown'];

/**
 * Whether a session's window was measured — its gaps, and whether it is partial, tell something:
 * it recorded (RECORDING and later), or it failed only after its recording ended (while
 * processing). A session that failed without recording (no audio from the source, missed, no
 * space to start, an error) has no gaps to speak of: it received no audio at all.
 */
export function windowMeasured(session: Pick<SessionDto, 'status' | 'stopReason'>): boolean {
  if (session.status !== 'FAILED') return session.status !== 'SCHEDULED';
  return session.stopReason !== null && MEASURED_ENDS.includes(session.stopReason);
}
