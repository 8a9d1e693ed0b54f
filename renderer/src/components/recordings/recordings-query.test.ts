import { describe, expect, it } from 'vitest';
import {
  dayOf,
  filtersOf,
  parseRecordingsQuery,
  pickerRange,
  startOfDay,
  toLocationQuery,
} from './recordings-query';

describe('the Recordings URL', () => {
  it('?status=FAILED sets the status filter; unknown values are ignored', () => {
    expect(parseRecordingsQuery({ status: 'FAILED' })).toEqual({
      streamId: null,
      status: 'FAILED',
      delivery: null,
      fromDay: null,
      toDay: null,
      search: null,
      page: 1,
      session: null,
    });
    expect(filtersOf(parseRecordingsQuery({ status: 'FAILED' }))).toEqual({ status: 'FAILED' });
    expect(parseRecordingsQuery({ status: 'failed' }).status).toBe('FAILED');
    expect(parseRecordingsQuery({ status: 'DONE' }).status).toBeNull();
    expect(parseRecordingsQuery({ status: ['RECORDING', 'FAILED'] }).status).toBe('RECORDING');
  });

  it('?q= is the search, kept in the URL and given to the list as q', () => {
    const q = parseRecordingsQuery({ q: '  morning show ', status: 'COMPLETED' });
    expect(q.search).toBe('morning show');
    expect(filtersOf(q)).toEqual({ status: 'COMPLETED', q: 'morning show' });
    expect(toLocationQuery(q)).toEqual({ status: 'COMPLETED', q: 'morning show' });
    expect(parseRecordingsQuery({ q: ' ' }).search).toBeNull();
  });

  it('?session=<id> names the session to open; stream and page are read too', () => {
    const q = parseRecordingsQuery({ session: 'abc-123', stream: 'stream-1', page: '3' });
    expect(q).toMatchObject({ session: 'abc-123', streamId: 'stream-1', page: 3 });
    expect(parseRecordingsQuery({ page: '0' }).page).toBe(1);
    expect(parseRecordingsQuery({ page: 'two' }).page).toBe(1);
    expect(parseRecordingsQuery({ page: '1.5' }).page).toBe(1);
  });

  it('writes only what differs from the defaults, and reads back the same', () => {
    const q = parseRecordingsQuery({ status: 'COMPLETED', from: '2026-11-01', to: '2026-11-24' });
    expect(toLocationQuery(q)).toEqual({
      status: 'COMPLETED',
      from: '2026-11-01',
      to: '2026-11-24',
    });
    expect(toLocationQuery(parseRecordingsQuery({}))).toEqual({});
    expect(toLocationQuery({ ...q, page: 2, session: 's1' })).toMatchObject({
      page: '2',
      session: 's1',
    });
  });

  it('?delivery=failing sets the delivery filter, as sessions.list takes it', () => {
    const q = parseRecordingsQuery({ delivery: 'failing' });
    expect(q.delivery).toBe('failing');
    expect(filtersOf(q)).toEqual({ delivery: 'failing' });
    expect(toLocationQuery(q)).toEqual({ delivery: 'failing' });
    expect(parseRecordingsQuery({ delivery: 'stuck' }).delivery).toBeNull();
  });

  it('ignores days that do not exist and puts a backwards range right', () => {
    expect(parseRecordingsQuery({ from: '2026-02-30', to: 'soon' })).toMatchObject({
      fromDay: null,
      toDay: null,
    });
    expect(parseRecordingsQuery({ from: '2026-11-24', to: '2026-11-01' })).toMatchObject({
      fromDay: '2026-11-01',
      toDay: '2026-11-24',
    });
  });
});

describe('days in the user time zone become instants', () => {
  it('from is the first day’s local midnight, to the midnight after the last day', () => {
    const filters = filtersOf(parseRecordingsQuery({ from: '2026-11-23', to: '2026-11-24' }));
    const from = new Date(filters.from as string);
    const to = new Date(filters.to as string);
    // local midnights, whatever the time zone of the machine running the test
    expect([from.getFullYear(), from.getMonth(), from.getDate(), from.getHours()]).toEqual([
      2026, 10, 23, 0,
    ]);
    expect([to.getFullYear(), to.getMonth(), to.getDate(), to.getHours()]).toEqual([
      2026, 10, 25, 0,
    ]);
    expect(from.getMinutes() + to.getMinutes()).toBe(0);
  });

  it('a single day ends at the next local midnight (also across a month end)', () => {
    const filters = filtersOf(parseRecordingsQuery({ from: '2026-11-30', to: '2026-11-30' }));
    const to = new Date(filters.to as string);
    expect([to.getMonth(), to.getDate(), to.getHours()]).toEqual([11, 1, 0]);
    expect(filtersOf(parseRecordingsQuery({ from: '2026-11-30' }))).toEqual({
      from: new Date(2026, 10, 30).toISOString(),
    });
  });

  it('the picker’s timestamps and the URL days go both ways', () => {
    const start = startOfDay('2026-03-29') as number;
    expect(dayOf(start)).toBe('2026-03-29');
    expect(dayOf(start + 22 * 3600_000)).toBe('2026-03-29');
    expect(startOfDay('2026-13-01')).toBeNull();
    expect(pickerRange(parseRecordingsQuery({ from: '2026-03-01', to: '2026-03-29' }))).toEqual([
      startOfDay('2026-03-01'),
      start,
    ]);
    expect(pickerRange(parseRecordingsQuery({}))).toBeNull();
  });
});
