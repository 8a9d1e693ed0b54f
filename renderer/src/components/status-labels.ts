import type { SessionStatus, TransferStatus } from '@contract';

export type TagType = 'default' | 'info' | 'success' | 'warning' | 'error';

/** How a session's recording status reads, and its colour. */
export const SESSION_STATUS_VIEW: Record<SessionStatus, { label: string; type: TagType }> = {
  SCHEDULED: { label: 'Scheduled', type: 'default' },
  RECORDING: { label: 'Recording', type: 'info' },
  PROCESSING: { label: 'Processing', type: 'info' },
  COMPLETED: { label: 'Recorded', type: 'success' },
  FAILED: { label: 'Failed', type: 'error' },
};

/** How a session's transfer status reads (SKIPPED: the stream has no destination). */
export const TRANSFER_STATUS_VIEW: Record<TransferStatus, { label: string; type: TagType }> = {
  PENDING: { label: 'Transfer waiting', type: 'default' },
  IN_PROGRESS: { label: 'Transferring', type: 'info' },
  COMPLETED: { label: 'Delivered', type: 'success' },
  FAILED: { label: 'Transfer failed', type: 'error' },
  SKIPPED: { label: 'Kept locally', type: 'default' },
};
