import { AppError, type SessionStatus, type TransferStatus } from '../../contract';

/** SCHEDULED → RECORDING → PROCESSING → COMPLETED / FAILED. A crash may send RECORDING or
 * PROCESSING back to PROCESSING (salvage, or processing again). */
const next: Record<SessionStatus, readonly SessionStatus[]> = {
  SCHEDULED: ['RECORDING', 'FAILED'],
  RECORDING: ['PROCESSING', 'FAILED'],
  PROCESSING: ['PROCESSING', 'COMPLETED', 'FAILED'],
  COMPLETED: [],
  FAILED: ['PROCESSING'],
};

const nextTransfer: Record<TransferStatus, readonly TransferStatus[]> = {
  PENDING: ['IN_PROGRESS', 'SKIPPED', 'FAILED'],
  IN_PROGRESS: ['COMPLETED', 'PENDING', 'FAILED'],
  COMPLETED: [],
  FAILED: ['PENDING'],
  SKIPPED: ['PENDING'],
};

export function canMove(from: SessionStatus, to: SessionStatus): boolean {
  return next[from].includes(to);
}

export function assertMove(from: SessionStatus, to: SessionStatus): void {
  if (!canMove(from, to)) {
    throw new AppError('CONFLICT', `A session cannot go from ${from} to ${to}.`, {
      field: 'status',
    });
  }
}

export function canMoveTransfer(from: TransferStatus, to: TransferStatus): boolean {
  return nextTransfer[from].includes(to);
}

export function assertTransferMove(from: TransferStatus, to: TransferStatus): void {
  if (!canMoveTransfer(from, to)) {
    throw new AppError('CONFLICT', `A transfer cannot go from ${from} to ${to}.`, {
      field: 'transferStatus',
    });
  }
}
