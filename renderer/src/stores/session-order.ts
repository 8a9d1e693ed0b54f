import type { SessionDto, SessionStatus, TransferStatus } from '@contract';

/** Newest first, by start time (the order of `GET /api/sessions`). */
export function newestFirst(a: SessionDto, b: SessionDto): number {
  return b.startTime.localeCompare(a.startTime) || b.id.localeCompare(a.id);
}

const STATUS_RANK: Record<SessionStatus, number> = {
  SCHEDULED: 0,
  RECORDING: 1,
  PROCESSING: 2,
  COMPLETED: 3,
  FAILED: 3,
};
const TRANSFER_RANK: Record<TransferStatus, number> = {
  PENDING: 0,
  IN_PROGRESS: 1,
  COMPLETED: 2,
  FAILED: 2,
  SKIPPED: 2,
};

/**
 * How far along a session is: a session only moves forward through its states (the one way
 * back, a transfer retried, is announced by an event of its own). Used to tell which of two
 * copies of a session is the later one when a list answer and an event cross.
 */
export function progressRank(session: SessionDto): number {
  return STATUS_RANK[session.status] * 10 + TRANSFER_RANK[session.transferStatus];
}

/** A session is in progress from its creation (starting) while it records and is processed. */
export function isInProgress(session: SessionDto): boolean {
  return (
    session.status === 'SCHEDULED' ||
    session.status === 'RECORDING' ||
    session.status === 'PROCESSING'
  );
}
