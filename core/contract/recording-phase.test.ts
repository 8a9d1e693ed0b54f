import { describe, expect, it } from 'vitest';
import { PHASE_LABELS, phaseShowsWindowProgress, sessionPhase } from './recording-phase';

describe('sessionPhase', () => {
  it('takes a recording’s phase from what the recorder published, connecting until it did', () => {
    const recording = { status: 'RECORDING', transferStatus: 'PENDING' } as const;
    expect(sessionPhase(recording, undefined)).toBe('connecting');
    expect(sessionPhase(recording, { phase: 'retrying' })).toBe('retrying');
    expect(sessionPhase(recording, { phase: 'receiving' })).toBe('receiving');
  });

  it('names the states around the recording', () => {
    expect(sessionPhase({ status: 'SCHEDULED', transferStatus: 'PENDING' }, null)).toBe('starting');
    expect(sessionPhase({ status: 'PROCESSING', transferStatus: 'PENDING' }, null)).toBe(
      'processing',
    );
    expect(sessionPhase({ status: 'COMPLETED', transferStatus: 'IN_PROGRESS' }, null)).toBe(
      'delivering',
    );
    expect(sessionPhase({ status: 'COMPLETED', transferStatus: 'COMPLETED' }, null)).toBe('done');
    // a stale live state of a recording that ended says nothing
    expect(
      sessionPhase({ status: 'FAILED', transferStatus: 'SKIPPED' }, { phase: 'retrying' }),
    ).toBe('done');
  });

  it('shows the window’s progress only while audio arrives, and labels every phase', () => {
    expect(phaseShowsWindowProgress('receiving')).toBe(true);
    expect(phaseShowsWindowProgress('connecting')).toBe(false);
    expect(phaseShowsWindowProgress('retrying')).toBe(false);
    expect(PHASE_LABELS.retrying).toBe('Retrying');
  });
});
