import { isAppError } from '../../contract';

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

/** The reason of a recording that failed with `error`. */
export function failureReason(error: unknown): StopReason {
  if (!isAppError(error)) return 'error';
  if (error.code === 'DISK_FULL') return 'disk-full';
  if (error.code === 'STREAM_UNREACHABLE') return 'source-failed';
  return 'error';
}
