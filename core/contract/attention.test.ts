import { describe, expect, it } from 'vitest';
import { attentionOf } from './attention';
import { sessionDto } from './testing/session-fixtures';

const done = sessionDto({ status: 'COMPLETED', transferStatus: 'COMPLETED' });

describe('attentionOf', () => {
  it('names what is wrong with a session, the most urgent first', () => {
    expect(attentionOf(done)).toBeNull();
    expect(attentionOf({ ...done, transferStatus: 'SKIPPED' })).toBeNull();
    expect(attentionOf({ ...done, status: 'RECORDING', transferStatus: 'PENDING' })).toBeNull();
    expect(attentionOf({ ...done, transferStatus: 'PENDING', attempts: 0 })).toBeNull();
    expect(attentionOf({ ...done, status: 'FAILED', stopReason: 'missed' })).toBe('missed');
    // the reason decides, not the words of the message
    const worded = sessionDto({ status: 'FAILED', stopReason: 'error', errorMessage: 'Missed: x' });
    expect(attentionOf(worded)).toBe('failed');
    expect(attentionOf({ ...done, transferStatus: 'FAILED' })).toBe('transfer-failed');
    expect(attentionOf({ ...done, transferStatus: 'PENDING', attempts: 2 })).toBe('transfer-retry');
    expect(attentionOf({ ...done, deadAir: true })).toBe('dead-air');
    expect(attentionOf({ ...done, deadAir: true, transferStatus: 'SKIPPED' })).toBe('dead-air');
    // a failed delivery is more urgent than the silence in what it delivers
    expect(attentionOf({ ...done, deadAir: true, transferStatus: 'FAILED' })).toBe(
      'transfer-failed',
    );
  });
});
