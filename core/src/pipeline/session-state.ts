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

/**
 * The moves a state table allows: `can(from, to)`, and `assert(from, to)`, which refuses any
 * other move with a CONFLICT that names `what` and the field.
 */
function movesOf<S extends string>(table: Record<S, readonly S[]>, what: string, field: string) {
  const can = (from: S, to: S): boolean => table[from].includes(to);
  const assert = (from: S, to: S): void => {
    if (!can(from, to)) {
      throw new AppError('CONFLICT', `${what} cannot go from ${from} to ${to}.`, { field });
    }
  };
  return { can, assert };
}

export const { can: canMove, assert: assertMove } = movesOf(next, 'A session', 'status');
export const { can: canMoveTransfer, assert: assertTransferMove } = movesOf(
  nextTransfer,
  'A transfer',
  'transferStatus',
);
