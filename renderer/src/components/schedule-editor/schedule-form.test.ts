import { describe, expect, it } from 'vitest';
import {
  draftOf,
  expressionOf,
  formFieldOf,
  newDraft,
  toCreateInput,
  toUpdateInput,
  validateDraft,
  withMode,
} from './schedule-form';
import { scheduleDto } from '@contract/testing/schedule-fixtures';

const existing = scheduleDto('sch-1', {
  streamId: 'stream-1',
  cronExpression: '30 6 * * 1-5',
  timezone: null,
  durationMinutes: 90,
  padBeforeSeconds: 10,
  padAfterSeconds: 20,
});

describe('schedule form', () => {
  it('a new draft is daily at 06:00 for an hour in the given zone, and valid once a stream is chosen', () => {
    const draft = newDraft({ timezone: 'Europe/Berlin' });
    expect(expressionOf(draft)).toBe('0 6 * * *');
    expect(validateDraft(draft)).toEqual({ streamId: 'Choose the stream to record.' });
    expect(toCreateInput({ ...draft, streamId: 's' })).toEqual({
      name: null,
      streamId: 's',
      cronExpression: '0 6 * * *',
      timezone: 'Europe/Berlin',
      durationMinutes: 60,
      padBeforeSeconds: 0,
      padAfterSeconds: 0,
      maxRetries: 3,
      isActive: true,
    });
  });

  it('opens an existing schedule with its preset; the server zone is ""', () => {
    const draft = draftOf(existing);
    expect(draft).toMatchObject({ mode: 'weekdays', time: '06:30', timezone: '' });
    expect(draftOf({ ...existing, cronExpression: '*/15 * * * *' }).mode).toBe('custom');
  });

  it('switching modes keeps what was chosen', () => {
    const weekdays = draftOf(existing);
    const custom = withMode(weekdays, 'custom');
    expect(custom.custom).toBe('30 6 * * 1-5');
    const edited = { ...custom, custom: '45 7 * * 3' };
    expect(withMode(edited, 'weekly')).toMatchObject({ mode: 'weekly', time: '07:45', weekday: 3 });
    // an expression that is no preset keeps the last preset time
    expect(withMode({ ...custom, custom: '*/5 * * * *' }, 'daily')).toMatchObject({
      mode: 'daily',
      time: '06:30',
    });
  });

  it('checks each field with the contract schemas', () => {
    const draft = { ...newDraft({ timezone: 'Mars/Olympus', streamId: 's' }) };
    expect(validateDraft(draft).timezone).toMatch(/^The time zone is not a known IANA time zone/);
    expect(validateDraft({ ...draft, timezone: '', durationMinutes: 0 })).toEqual({
      durationMinutes: 'Must be a whole number from 1 to 1440.',
    });
    expect(validateDraft({ ...draft, timezone: '', durationMinutes: 1441 }).durationMinutes).toBe(
      'Must be a whole number from 1 to 1440.',
    );
    expect(validateDraft({ ...draft, timezone: '', durationMinutes: null }).durationMinutes).toBe(
      'Enter how many minutes to record.',
    );
    expect(validateDraft({ ...draft, timezone: '', maxRetries: 21 }).maxRetries).toBe(
      'Must be a whole number from 0 to 20.',
    );
    expect(validateDraft({ ...draft, timezone: '', padBeforeSeconds: 2.5 }).padBeforeSeconds).toBe(
      'Must be a whole number from 0 to 3600.',
    );
    expect(validateDraft({ ...draft, timezone: '', time: null }).cronExpression).toBe(
      'Choose the time to start recording.',
    );
    expect(
      validateDraft({ ...draft, timezone: '', mode: 'custom', custom: '   ' }).cronExpression,
    ).toBe('Enter a cron expression.');
  });

  it("refuses a seconds field and runs that overlap themselves, with the server's own rules", () => {
    const custom = { ...newDraft({ timezone: '', streamId: 's' }), mode: 'custom' as const };
    expect(validateDraft({ ...custom, custom: '0 30 6 * * *' }).cronExpression).toBe(
      'The cron expression has 6 fields: the first is seconds, and schedules start on the ' +
        'minute. Use the 5 fields minute hour day-of-month month day-of-week: write it as ' +
        '"30 6 * * *".',
    );
    const every30 = { ...custom, custom: '*/30 * * * *' };
    expect(validateDraft({ ...every30, durationMinutes: 30 })).toEqual({});
    expect(validateDraft({ ...every30, durationMinutes: 31 }).durationMinutes).toMatch(
      /^A run of 31 minutes is longer than the shortest time between two runs of "\*\/30 \* \* \* \*": 30 minutes/,
    );
    // a daily preset runs every 24 hours: a whole day fits
    expect(
      validateDraft({ ...newDraft({ timezone: '', streamId: 's' }), durationMinutes: 1440 }),
    ).toEqual({});
  });

  it('an update sends only what changed; "" for the zone is null (the server zone)', () => {
    const draft = draftOf(existing);
    expect(toUpdateInput(draft, existing)).toEqual({ id: 'sch-1' });
    expect(
      toUpdateInput({ ...draft, time: '07:00', timezone: 'Asia/Tokyo', isActive: false }, existing),
    ).toEqual({
      id: 'sch-1',
      cronExpression: '0 7 * * 1-5',
      timezone: 'Asia/Tokyo',
      isActive: false,
    });
    const zoned = { ...existing, timezone: 'Asia/Tokyo' };
    expect(toUpdateInput({ ...draftOf(zoned), timezone: '' }, zoned)).toEqual({
      id: 'sch-1',
      timezone: null,
    });
  });

  it('maps server fields to form fields', () => {
    expect(formFieldOf('expression')).toBe('cronExpression');
    expect(formFieldOf('cronExpression')).toBe('cronExpression');
    expect(formFieldOf('durationMinutes')).toBe('durationMinutes');
    expect(formFieldOf('count')).toBeNull();
    expect(formFieldOf(undefined)).toBeNull();
  });
});
