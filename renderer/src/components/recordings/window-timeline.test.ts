import { describe, expect, it } from 'vitest';
import { sessionDto } from '@contract/testing/session-fixtures';
import { MIN_MARK_PERCENT, timelineOf } from './window-timeline';

const hour = sessionDto({
  startTime: '2026-11-24T06:00:00.000Z',
  endTime: '2026-11-24T07:00:00.000Z',
  plannedDurationSeconds: 3600,
});

describe('timelineOf', () => {
  it('places gaps and silences on the window in time order, in per cent', () => {
    const t = timelineOf({
      ...hour,
      gaps: [{ at: '2026-11-24T06:30:00.000Z', seconds: 360 }],
      silences: [
        { at: '2026-11-24T06:06:00.000Z', seconds: 720 },
        { at: '2026-11-24T06:30:00.000Z', seconds: 60 },
      ],
    });
    expect(t).toMatchObject({
      start: '2026-11-24T06:00:00.000Z',
      end: '2026-11-24T07:00:00.000Z',
      windowSeconds: 3600,
      gapSeconds: 360,
      silentSeconds: 780,
    });
    expect(t.marks.map((m) => [m.kind, m.left, +m.width.toFixed(3)])).toEqual([
      ['silence', 10, 20],
      ['gap', 50, 10],
      ['silence', 50, 1.667],
    ]);
  });

  it('keeps a short mark visible, clips marks to the bar, and uses the planned end while running', () => {
    const t = timelineOf({
      ...hour,
      endTime: null,
      plannedDurationSeconds: 7200,
      gaps: [{ at: '2026-11-24T07:59:00.000Z', seconds: 600 }],
      silences: [{ at: '2026-11-24T06:00:00.000Z', seconds: 1 }],
    });
    expect(t.end).toBe('2026-11-24T08:00:00.000Z');
    expect(t.marks[0]).toMatchObject({ kind: 'silence', left: 0, width: MIN_MARK_PERCENT });
    expect(t.marks[1]!.left + t.marks[1]!.width).toBeCloseTo(100, 6);
  });
});
