import { describe, expect, it } from 'vitest';
import { transferPercent } from './transfer-percent';

describe('transferPercent', () => {
  it('rounds to whole percents, at most 100, and is unknown without a size', () => {
    expect(transferPercent({ sessionId: 's', bytes: 1, totalBytes: 3 })).toBe(33);
    expect(transferPercent({ sessionId: 's', bytes: 5, totalBytes: 4 })).toBe(100);
    expect(transferPercent({ sessionId: 's', bytes: 0, totalBytes: 0 })).toBeNull();
    expect(transferPercent(undefined)).toBeNull();
  });
});
