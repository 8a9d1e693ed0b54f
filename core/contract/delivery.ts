import type { SessionDto, TransferStatus } from './session';

/**
 * A failed transfer attempt is retried automatically (up to MAX_TRANSFER_ATTEMPTS, then FAILED);
 * from this many failed attempts on, a transfer that still waits is a problem people should see
 * (coloured as one on the recordings list and the stream's card), not routine back-off.
 */
export const DELIVERY_TROUBLE_ATTEMPTS = 5;

/**
 * Where a finished recording's delivery stands — the recordings filter's `delivery` states:
 * - `waiting`: not tried yet (due now);
 * - `retrying`: failed fewer than DELIVERY_TROUBLE_ATTEMPTS times, tried again automatically;
 * - `failing`: failed DELIVERY_TROUBLE_ATTEMPTS times or more and still retried (a problem);
 * - `delivering`: the transfer runs;
 * - `delivered`: the destination confirmed it;
 * - `failed`: the automatic retries gave up (or cannot help): a person must act;
 * - `kept-locally`: the stream has no destination.
 */
export const DELIVERY_STATES = [
  'waiting',
  'retrying',
  'failing',
  'delivering',
  'delivered',
  'failed',
  'kept-locally',
] as const;
export type DeliveryState = (typeof DELIVERY_STATES)[number];

/**
 * Each state as a condition on the stored fields (the one rule: `deliveryState` reads it, and the
 * database query of `sessions.list?delivery=` is built from it): a COMPLETED recording whose
 * transfer is `transferStatus`, with failed attempts in [minAttempts, maxAttempts].
 */
export const DELIVERY_CONDITIONS: Record<
  DeliveryState,
  { transferStatus: TransferStatus; minAttempts?: number; maxAttempts?: number }
> = {
  waiting: { transferStatus: 'PENDING', maxAttempts: 0 },
  retrying: {
    transferStatus: 'PENDING',
    minAttempts: 1,
    maxAttempts: DELIVERY_TROUBLE_ATTEMPTS - 1,
  },
  failing: { transferStatus: 'PENDING', minAttempts: DELIVERY_TROUBLE_ATTEMPTS },
  delivering: { transferStatus: 'IN_PROGRESS' },
  delivered: { transferStatus: 'COMPLETED' },
  failed: { transferStatus: 'FAILED' },
  'kept-locally': { transferStatus: 'SKIPPED' },
};

/** The delivery state of a session; null before its recording is finished (or when it failed). */
export function deliveryState(
  session: Pick<SessionDto, 'status' | 'transferStatus' | 'attempts'>,
): DeliveryState | null {
  if (session.status !== 'COMPLETED') return null;
  for (const state of DELIVERY_STATES) {
    const c = DELIVERY_CONDITIONS[state];
    if (c.transferStatus !== session.transferStatus) continue;
    if (c.minAttempts !== undefined && session.attempts < c.minAttempts) continue;
    if (c.maxAttempts !== undefined && session.attempts > c.maxAttempts) continue;
    return state;
  }
  return null;
}

/** Whether a delivery state is a problem to show as one (red), not routine. */
export function isDeliveryProblem(state: DeliveryState | null): boolean {
  return state === 'failing' || state === 'failed';
}

/** The words of each state, the same in the filter, the tags and the cards. */
export const DELIVERY_LABELS: Record<DeliveryState, string> = {
  waiting: 'Transfer waiting',
  retrying: 'Transfer retrying',
  failing: 'Transfer keeps failing',
  delivering: 'Transferring',
  delivered: 'Delivered',
  failed: 'Transfer failed',
  'kept-locally': 'Kept locally',
};
