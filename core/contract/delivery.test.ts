import { describe, expect, it } from 'vitest';
import {
  DELIVERY_STATES,
  DELIVERY_TROUBLE_ATTEMPTS,
  deliveryState,
  isDeliveryProblem,
} from './delivery';

const done = (
  transferStatus: 'PENDING' | 'IN_PROGRESS' | 'COMPLETED' | 'FAILED' | 'SKIPPED',
  attempts = 0,
) => ({ status: 'COMPLETED', transferStatus, attempts }) as const;

describe('deliveryState', () => {
  it('tells routine back-off from a transfer that keeps failing', () => {
    expect(deliveryState(done('PENDING'))).toBe('waiting');
    expect(deliveryState(done('PENDING', 1))).toBe('retrying');
    expect(deliveryState(done('PENDING', DELIVERY_TROUBLE_ATTEMPTS - 1))).toBe('retrying');
    expect(deliveryState(done('PENDING', DELIVERY_TROUBLE_ATTEMPTS))).toBe('failing');
    expect(deliveryState(done('PENDING', 9))).toBe('failing');
  });

  it('names the other transfer states, and none before the recording is finished', () => {
    expect(deliveryState(done('IN_PROGRESS', 6))).toBe('delivering');
    expect(deliveryState(done('COMPLETED', 1))).toBe('delivered');
    expect(deliveryState(done('FAILED', 10))).toBe('failed');
    expect(deliveryState(done('SKIPPED'))).toBe('kept-locally');
    expect(deliveryState({ status: 'RECORDING', transferStatus: 'PENDING', attempts: 0 })).toBe(
      null,
    );
    expect(deliveryState({ status: 'FAILED', transferStatus: 'SKIPPED', attempts: 0 })).toBe(null);
  });

  it('colours only failing and failed as problems', () => {
    expect(DELIVERY_STATES.filter(isDeliveryProblem)).toEqual(['failing', 'failed']);
  });
});
