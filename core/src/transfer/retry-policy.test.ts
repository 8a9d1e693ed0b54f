import { describe, expect, it } from 'vitest';
import {
  MAX_TRANSFER_ATTEMPTS,
  RETRY_BASE_DELAY_MS,
  RETRY_MAX_DELAY_MS,
  RETRY_MIN_DELAY_MS,
  attemptsExhausted,
  isWorthRetrying,
  nextRetryDelayMs,
} from './retry-policy';

describe('nextRetryDelayMs', () => {
  it('doubles the ceiling per failure, from 30 s', () => {
    const top = () => 1;
    expect(nextRetryDelayMs(1, top)).toBe(RETRY_BASE_DELAY_MS);
    expect(nextRetryDelayMs(2, top)).toBe(2 * RETRY_BASE_DELAY_MS);
    expect(nextRetryDelayMs(3, top)).toBe(4 * RETRY_BASE_DELAY_MS);
    expect(nextRetryDelayMs(7, top)).toBe(64 * RETRY_BASE_DELAY_MS);
  });

  it('is capped at one hour, also for absurd attempt counts', () => {
    expect(nextRetryDelayMs(8, () => 1)).toBe(RETRY_MAX_DELAY_MS);
    expect(nextRetryDelayMs(5000, () => 1)).toBe(RETRY_MAX_DELAY_MS);
  });

  it('draws uniformly below the ceiling (full jitter), never below the floor', () => {
    expect(nextRetryDelayMs(4, () => 0.5)).toBe(4 * RETRY_BASE_DELAY_MS);
    expect(nextRetryDelayMs(4, () => 0)).toBe(RETRY_MIN_DELAY_MS);
    expect(nextRetryDelayMs(1, () => 0.01)).toBe(RETRY_MIN_DELAY_MS);
  });

  it('tolerates odd inputs: attempt 0, NaN, a random() outside [0, 1]', () => {
    expect(nextRetryDelayMs(0, () => 1)).toBe(RETRY_BASE_DELAY_MS);
    expect(nextRetryDelayMs(Number.NaN, () => 1)).toBe(RETRY_BASE_DELAY_MS);
    expect(nextRetryDelayMs(1, () => 7)).toBe(RETRY_BASE_DELAY_MS);
  });

  it('spreads real random delays over the window', () => {
    const delays = Array.from({ length: 200 }, () => nextRetryDelayMs(6));
    expect(Math.min(...delays)).toBeGreaterThanOrEqual(RETRY_MIN_DELAY_MS);
    expect(Math.max(...delays)).toBeLessThanOrEqual(32 * RETRY_BASE_DELAY_MS);
    expect(new Set(delays).size).toBeGreaterThan(100);
  });
});

describe('attemptsExhausted / isWorthRetrying', () => {
  it('gives up after MAX_TRANSFER_ATTEMPTS failures', () => {
    expect(MAX_TRANSFER_ATTEMPTS).toBe(10);
    expect(attemptsExhausted(9)).toBe(false);
    expect(attemptsExhausted(10)).toBe(true);
    expect(attemptsExhausted(2, 2)).toBe(true);
  });

  it('does not retry a host key mismatch automatically', () => {
    expect(isWorthRetrying('HOST_KEY_MISMATCH')).toBe(false);
    expect(isWorthRetrying('SSH_UNREACHABLE')).toBe(true);
    expect(isWorthRetrying('TRANSFER_SIZE_MISMATCH')).toBe(true);
  });
});
