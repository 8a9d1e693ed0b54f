import { describe, expect, it } from 'vitest';
import type { Measured } from './harness/capture-runs';
import { assertNativeRan, rowsFor } from './native-capture';

const measured = (over: Partial<Measured>): Measured => ({
  recordingCpuSeconds: 1,
  recordingWindowSeconds: 59.7,
  startSeconds: 1,
  wholeCpuSeconds: 1,
  recordingNodeCpuSeconds: 0,
  wholeNodeCpuSeconds: 0,
  peakRssBytes: 1,
  peakPssBytes: 1,
  recordingPeakProcesses: 1,
  wallSeconds: 60,
  ...over,
});
const length = (ffprobeSeconds: number, status = 'COMPLETED') => ({
  id: 'x',
  status,
  gaps: 0,
  error: null,
  planned: 60,
  ffprobeSeconds,
});

describe('rowsFor', () => {
  const app = {
    measured: measured({ recordingCpuSeconds: 2, wholeCpuSeconds: 6, peakPssBytes: 100 }),
    lengths: [length(60.01), length(60.9)],
  };
  const bare = {
    measured: measured({ recordingCpuSeconds: 5, wholeCpuSeconds: 5, peakPssBytes: 1000 }),
    exitedOk: 2,
  };

  it('compares CPU while recording, the whole run and PSS with their goals', () => {
    const rows = rowsFor(2, 60, true, app, bare);
    expect(rows.map((r) => [r.ratio, r.goal, r.met])).toEqual([
      ['0.40×', '≤ 0.50×', true],
      ['1.20×', '≤ 1.20×', true],
      ['0.10×', '≤ 0.30×', true],
      ['—', 'all', false],
    ]);
    expect(rows[3]!.app).toBe('1/2 (max 0.900 s)');
  });

  it('sets the PSS goal only for the largest count', () => {
    const pss = rowsFor(2, 60, false, app, bare)[2]!;
    expect([pss.goal, pss.met]).toEqual(['—', null]);
  });
});

describe('assertNativeRan', () => {
  const ok = {
    servers: 2,
    lengths: [length(60)],
    measured: measured({ recordingPeakProcesses: 2 }),
  };

  it('passes when only the servers ran while recording and something was delivered', () => {
    expect(() => assertNativeRan(3, ok)).not.toThrow();
  });

  it('fails when a child process ran while recording (a fallback to ffmpeg)', () => {
    const run = { ...ok, measured: measured({ recordingPeakProcesses: 3 }) };
    expect(() => assertNativeRan(3, run)).toThrow(/1 child process/);
  });

  it('fails when nothing was delivered', () => {
    expect(() => assertNativeRan(3, { ...ok, lengths: [length(NaN, 'FAILED')] })).toThrow(
      /no recording completed/,
    );
  });
});
