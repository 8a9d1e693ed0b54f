import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { calendarDtoSchema, type CalendarDto } from '../../contract/operations/calendar';
import { textAnswer } from '../../contract/operations/common';
import { seedStream } from '../pipeline/test-fixtures';
import { calendarOperations } from './calendar';
import { createTestContext, seedSchedule, type TestContext } from './resource-test-context';

let t: TestContext;

beforeEach(async () => {
  // TEST_NOW is Tuesday 24 November 2026, 06:00 UTC; the app's zone is UTC
  t = await createTestContext(calendarOperations);
  await seedStream(t.db, { id: 'stream-1', name: 'Jazz; "late", night' });
  await seedStream(t.db, { id: 'stream-2', name: 'News' });
  await seedSchedule(t.db, {
    streamId: 'stream-1',
    cronExpression: '0 20 * * *',
    durationMinutes: 120,
    padBeforeSeconds: 60,
  });
  await seedSchedule(t.db, {
    streamId: 'stream-1',
    cronExpression: '0 21 * * 5',
    durationMinutes: 30,
  });
  await seedSchedule(t.db, {
    streamId: 'stream-2',
    name: 'Evening News',
    cronExpression: '30 20 * * *',
    durationMinutes: 15,
  });
  await seedSchedule(t.db, {
    streamId: 'stream-2',
    cronExpression: '0 7 * * *',
    durationMinutes: 15,
    isActive: false,
  });
  t.runtime.maxConcurrentRecordings = 2;
});

afterEach(async () => {
  await t.close();
});

describe('calendar.upcoming', () => {
  it('lists the runs of the active schedules in the span, with windows and clashes', async () => {
    const answer = calendarDtoSchema.parse(
      await t.invoke('calendar.upcoming', { days: 7 }),
    ) as CalendarDto;
    expect(answer.from).toBe('2026-11-24T06:00:00.000Z');
    expect(answer.to).toBe('2026-12-01T06:00:00.000Z');
    expect(answer.maxConcurrentRecordings).toBe(2);
    expect(answer.truncated).toBe(false);
    // 7 evening runs of each daily schedule, Friday's extra run; the paused one is not listed
    expect(answer.items).toHaveLength(15);
    const first = answer.items[0]!;
    expect(first).toMatchObject({
      streamId: 'stream-1',
      title: 'Jazz; "late", night',
      streamName: 'Jazz; "late", night',
      scheduledAt: '2026-11-24T20:00:00.000Z',
      start: '2026-11-24T19:59:00.000Z',
      end: '2026-11-24T22:00:00.000Z',
      sameStreamClash: false,
      overLimit: false,
    });
    // Friday 27 November: 20:00–22:00 and 21:00–21:30 of one stream overlap, and with News at
    // 20:30 that is not yet three at once (News ends 20:45, before 21:00)
    const friday = answer.items.filter((r) => r.scheduledAt.startsWith('2026-11-27'));
    expect(
      friday.map((r) => [r.scheduledAt.slice(11, 16), r.sameStreamClash, r.overLimit]),
    ).toEqual([
      ['20:00', true, false],
      ['20:30', false, false],
      ['21:00', true, false],
    ]);
  });

  it('judges clashes against the recording limit of now', async () => {
    t.runtime.maxConcurrentRecordings = 1;
    const answer = (await t.invoke('calendar.upcoming', { days: 1 })) as CalendarDto;
    expect(answer.items.map((r) => [r.title, r.streamName, r.overLimit])).toEqual([
      ['Jazz; "late", night', 'Jazz; "late", night', true],
      ['Evening News', 'News', true],
    ]);
  });

  it('refuses a span over 31 days, naming the field, and answers nothing', async () => {
    await expect(t.invoke('calendar.upcoming', { days: 32 })).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
      field: 'days',
    });
  });
});

describe('calendar.ics', () => {
  it('answers an iCalendar document of the same runs', async () => {
    const answer = textAnswer.parse(await t.invoke('calendar.ics', { days: 7 }));
    expect(answer.contentType).toBe('text/calendar; charset=utf-8');
    const events = answer.text.split('BEGIN:VEVENT').length - 1;
    expect(events).toBe(15);
    expect(answer.text).toContain('SUMMARY:Recording: Jazz\\; "late"\\, night');
    expect(answer.text).toContain('DTSTART:20261124T195900Z');
    // a named schedule's runs are called by its name
    expect(answer.text).toContain('SUMMARY:Recording: Evening News');
    expect(answer.text).not.toContain('SUMMARY:Recording: News');
  });
});
