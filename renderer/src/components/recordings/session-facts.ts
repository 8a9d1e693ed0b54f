import { fileNameOf, type SessionDto } from '@contract';

/** Where the server hands out a session's MP3 (with Range); give it to fileUrl(). */
export function audioPath(id: string): string {
  return `/api/sessions/${encodeURIComponent(id)}/audio`;
}

/** The local MP3 is still kept (not yet cleaned up after delivery, nor deleted). */
export function isPlayable(session: SessionDto): boolean {
  return session.status === 'COMPLETED' && session.outputFilePath !== null;
}

/** A completed recording whose transfer failed or waits, with its file still here. */
export function canRetryTransfer(session: SessionDto): boolean {
  return (
    session.status === 'COMPLETED' &&
    session.outputFilePath !== null &&
    (session.transferStatus === 'FAILED' || session.transferStatus === 'PENDING')
  );
}

/** The server refuses to delete a session while it records, is saved or is transferred. */
export function canDelete(session: SessionDto): boolean {
  return (
    session.status !== 'RECORDING' &&
    session.status !== 'PROCESSING' &&
    session.transferStatus !== 'IN_PROGRESS'
  );
}

/** How long it lasted, or (not recorded yet, or never) how long it was planned to. */
export function lengthText(session: SessionDto, format: (seconds: number) => string): string {
  return session.durationSeconds !== null
    ? format(session.durationSeconds)
    : `planned ${format(session.plannedDurationSeconds)}`;
}

/** How the recording came about: from a schedule, or started by hand ("Record now"). */
export function originText(session: Pick<SessionDto, 'scheduleId'>): string {
  return session.scheduleId ? 'Scheduled' : 'Manual';
}

/**
 * The recording's file name: the delivered copy's (where it lives now), else the local MP3's;
 * null while there is none yet (or it was never made).
 */
export function fileNameText(session: Pick<SessionDto, 'remotePath' | 'outputFilePath'>) {
  return fileNameOf(session.remotePath) ?? fileNameOf(session.outputFilePath);
}
