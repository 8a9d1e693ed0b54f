// Test support: the session the stores' tests start from. Never imported by the app.
import type { SessionDto } from '@contract';
import { sessionDto } from '@contract/testing/session-fixtures';

/** `id`: a one-minute recording, finished, kept locally (not sent), after one attempt. */
export function completedSession(id: string, patch: Partial<SessionDto> = {}): SessionDto {
  return sessionDto({
    id,
    status: 'COMPLETED',
    transferStatus: 'SKIPPED',
    plannedDurationSeconds: 60,
    attempts: 1,
    ...patch,
  });
}
