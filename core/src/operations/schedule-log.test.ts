import { describe, expect, it } from 'vitest';
import { scheduleRecord } from '../scheduler/schedule-fixtures';
import { scheduleChangeLine, scheduleLabel } from './schedule-log';

const base = scheduleRecord({
  id: '262ed520-0000-4000-8000-000000000000',
  cronExpression: '0 6 * * 1-5',
  timezone: 'Europe/Berlin',
});

describe('schedule log lines', () => {
  it('name the schedule by its stream and times, never by its id', () => {
    expect(scheduleLabel(base, 'Morning Show')).toBe(
      'the schedule of “Morning Show” (0 6 * * 1-5)',
    );
    const line = scheduleChangeLine(base, { ...base, isActive: false }, 'Morning Show');
    expect(line).toBe('The schedule of “Morning Show” (0 6 * * 1-5) turned off.');
    expect(line).not.toContain(base.id);
    expect(line).not.toContain('isActive');
  });

  it('name a named schedule by its name and stream, and say when the name changed', () => {
    const named = { ...base, name: 'Breakfast' };
    expect(scheduleLabel(named, 'Morning Show')).toBe('the schedule “Breakfast” of “Morning Show”');
    expect(scheduleChangeLine(named, { ...named, name: 'Early' }, 'Morning Show')).toBe(
      'The schedule “Early” of “Morning Show” changed: name.',
    );
  });

  it('say which settings changed, in the form’s words', () => {
    expect(
      scheduleChangeLine(
        base,
        { ...base, durationMinutes: 90, padBeforeSeconds: 30, updatedAt: 'later' },
        'Morning Show',
      ),
    ).toBe('The schedule of “Morning Show” (0 6 * * 1-5) changed: length, start early.');
    expect(
      scheduleChangeLine({ ...base, isActive: false }, { ...base, isActive: true }, null),
    ).toBe('The schedule (0 6 * * 1-5) turned on.');
    expect(
      scheduleChangeLine({ ...base, isActive: false }, { ...base, isActive: false }, 'X'),
    ).toBe('The schedule of “X” (0 6 * * 1-5) saved without changes (it is off).');
  });
});
