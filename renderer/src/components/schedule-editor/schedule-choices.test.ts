import { describe, expect, it } from 'vitest';
import { durationHint, streamOptions, zoneFilter, zoneOptions } from './schedule-choices';
import { newDraft } from './schedule-form';

describe('schedule choices', () => {
  it('says how long a schedule records, and until when for a preset', () => {
    const draft = { ...newDraft({ timezone: 'UTC' }), time: '23:30', durationMinutes: 90 };
    expect(durationHint(draft)).toBe('Records 1 h 30 min: 23:30 to 01:00 the next day.');
    expect(durationHint({ ...draft, time: '06:00' })).toBe('Records 1 h 30 min: 06:00 to 07:30.');
    expect(durationHint({ ...draft, mode: 'custom' })).toBe('Records 1 h 30 min.');
    expect(durationHint({ ...draft, durationMinutes: null })).toBeUndefined();
  });

  it('lists streams by name, keeping a chosen one the list does not hold', () => {
    const items = [
      { id: 'b', name: 'Jazz' },
      { id: 'a', name: 'Blues' },
    ];
    expect(streamOptions(items, 'a', () => '?').map((o) => o.label)).toEqual(['Blues', 'Jazz']);
    expect(streamOptions(items, 'gone', () => 'Deleted').map((o) => o.value)).toEqual([
      'gone',
      'a',
      'b',
    ]);
  });

  it("offers the server's zone first and marks the user's", () => {
    const options = zoneOptions('America/New_York', 'Europe/Berlin', null);
    expect(options[0]).toEqual({
      value: '',
      label: "The server's time zone (America/New York)",
    });
    expect(options.find((o) => o.value === 'Europe/Berlin')?.label).toMatch(/· yours$/);
    expect(zoneOptions(null, 'UTC', null)[0]?.label).toBe("The server's time zone");
  });

  it('finds zones by words, whatever the case and underscores', () => {
    const option = { value: 'America/New_York', label: 'America/New York (UTC−05:00)' };
    expect(zoneFilter('new york', option)).toBe(true);
    expect(zoneFilter('New_York', option)).toBe(true);
    expect(zoneFilter('berlin', option)).toBe(false);
  });
});
