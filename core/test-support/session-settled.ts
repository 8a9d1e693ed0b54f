// Test-only: waiting for a session of a running core to come to an end.
import type { SessionRecord } from '../src/db/records';
import { waitUntil } from './wait';

/**
 * Waits (up to `timeoutMs`, looking every 250 ms) until session `id` is COMPLETED or FAILED in
 * `field` (the recording's status, or its transfer's) and answers it; `what` names the wait in a
 * timeout's message.
 */
export function sessionSettled(
  sessions: { get(id: string): Promise<SessionRecord> },
  id: string,
  field: 'status' | 'transferStatus',
  what: string,
  timeoutMs: number,
): Promise<SessionRecord> {
  return waitUntil(
    what,
    async () => {
      const s = await sessions.get(id);
      return s[field] === 'COMPLETED' || s[field] === 'FAILED' ? s : undefined;
    },
    { timeoutMs, intervalMs: 250 },
  );
}
