import { describe, expect, it } from 'vitest';
import { SESSION_STATUSES, TRANSFER_STATUSES } from '../../contract';
import { assertMove, assertTransferMove, canMove, canMoveTransfer } from './session-state';

describe('session state machine', () => {
  it('allows the pipeline path and its failure exits', () => {
    expect(canMove('SCHEDULED', 'RECORDING')).toBe(true);
    expect(canMove('RECORDING', 'PROCESSING')).toBe(true);
    expect(canMove('PROCESSING', 'COMPLETED')).toBe(true);
    for (const s of ['SCHEDULED', 'RECORDING', 'PROCESSING'] as const)
      expect(canMove(s, 'FAILED')).toBe(true);
  });

  it('lets a failed session be processed again (salvage) but a completed one stays completed', () => {
    expect(canMove('FAILED', 'PROCESSING')).toBe(true);
    for (const to of SESSION_STATUSES) expect(canMove('COMPLETED', to)).toBe(false);
  });

  it('refuses skipping steps, with a CONFLICT error naming the field', () => {
    expect(canMove('SCHEDULED', 'COMPLETED')).toBe(false);
    expect(canMove('RECORDING', 'COMPLETED')).toBe(false);
    expect(() => assertMove('SCHEDULED', 'PROCESSING')).toThrowError(
      expect.objectContaining({ code: 'CONFLICT', field: 'status' }),
    );
  });

  it('moves transfers PENDING → IN_PROGRESS → COMPLETED, back to PENDING on a retry, and never out of COMPLETED', () => {
    expect(canMoveTransfer('PENDING', 'IN_PROGRESS')).toBe(true);
    expect(canMoveTransfer('IN_PROGRESS', 'COMPLETED')).toBe(true);
    expect(canMoveTransfer('IN_PROGRESS', 'PENDING')).toBe(true);
    expect(canMoveTransfer('FAILED', 'PENDING')).toBe(true);
    for (const to of TRANSFER_STATUSES) expect(canMoveTransfer('COMPLETED', to)).toBe(false);
    expect(() => assertTransferMove('PENDING', 'COMPLETED')).toThrowError(
      expect.objectContaining({ code: 'CONFLICT' }),
    );
  });
});
