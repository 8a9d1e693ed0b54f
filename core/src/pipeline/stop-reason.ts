import { isAppError, type StopReason } from '../../contract';

/** The reason of a recording that failed with `error`. */
export function failureReason(error: unknown): StopReason {
  if (!isAppError(error)) return 'error';
  if (error.code === 'DISK_FULL') return 'disk-full';
  if (error.code === 'STREAM_UNREACHABLE') return 'source-failed';
  return 'error';
}
