/**
 * Test support: a session as the core announces it (SessionDto), for the contract's, the desktop
 * host's and the renderer's tests (the renderer reaches it through the @contract alias). A test
 * passes in `patch` only what it is about. Not exported from the contract's index.
 */
import { notYetRun, type SessionDto } from '../session';

/** A scheduled, one-hour session `sess-1` of `stream-1`, not started. */
export function sessionDto(patch: Partial<SessionDto> = {}): SessionDto {
  return {
    id: 'sess-1',
    streamId: 'stream-1',
    scheduleId: null,
    status: 'SCHEDULED',
    transferStatus: 'PENDING',
    startTime: '2026-11-24T06:00:00.000Z',
    plannedDurationSeconds: 3600,
    ...notYetRun(),
    ...patch,
  };
}
