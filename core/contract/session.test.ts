import { describe, expect, it } from 'vitest';
import { notYetRun, windowMeasured } from './session';

describe('windowMeasured', () => {
  it('is false for a failed recording that received no audio', () => {
    for (const stopReason of ['source-failed', 'missed', 'error', 'disk-full', null] as const) {
      expect(windowMeasured({ status: 'FAILED', stopReason })).toBe(false);
    }
  });

  it('is true once a recording ended normally, also when processing failed afterwards', () => {
    expect(windowMeasured({ status: 'FAILED', stopReason: 'window-end' })).toBe(true);
    expect(windowMeasured({ status: 'FAILED', stopReason: 'user' })).toBe(true);
    expect(windowMeasured({ status: 'COMPLETED', stopReason: 'window-end' })).toBe(true);
    expect(windowMeasured({ status: 'RECORDING', stopReason: null })).toBe(true);
    expect(windowMeasured({ status: 'SCHEDULED', stopReason: null })).toBe(false);
  });
});

describe('notYetRun', () => {
  it('has no end, file, problems or findings, and fresh lists each time', () => {
    const a = notYetRun();
    expect(a).toMatchObject({ endTime: null, outputFilePath: null, attempts: 0, partial: false });
    expect(a.gaps).toEqual([]);
    expect(a.gaps).not.toBe(notYetRun().gaps);
  });
});
