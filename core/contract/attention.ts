import type { SessionDto } from './session';

/**
 * Which sessions call for the user's attention on the dashboard, and why: one rule for every
 * screen that lists problems. Pure.
 */
export type AttentionKind = 'missed' | 'failed' | 'transfer-failed' | 'transfer-retry' | 'dead-air';

/**
 * What is wrong with a session, if anything, the most urgent first: the run was missed or the
 * recording failed (by its `stopReason`, not its message), its delivery failed for good, its
 * delivery failed and waits for the next attempt (PENDING after at least one attempt), or it was
 * recorded but holds dead air (a silence of the stream's `deadAirSeconds` or more).
 */
export function attentionOf(
  session: Pick<SessionDto, 'status' | 'transferStatus' | 'attempts' | 'stopReason' | 'deadAir'>,
): AttentionKind | null {
  if (session.status === 'FAILED') return session.stopReason === 'missed' ? 'missed' : 'failed';
  if (session.transferStatus === 'FAILED') return 'transfer-failed';
  if (session.transferStatus === 'PENDING' && session.attempts > 0) return 'transfer-retry';
  if (session.status === 'COMPLETED' && session.deadAir) return 'dead-air';
  return null;
}
