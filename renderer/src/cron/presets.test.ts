import { describe, expect, it } from 'vitest';
import { cronToPreset, modeOf, parseTime, presetToCron, type Preset } from './presets';

describe('presets', () => {
  it.each<[Preset, string]>([
    [{ kind: 'daily', time: '06:30', weekday: 1 }, '30 6 * * *'],
    [{ kind: 'weekdays', time: '06:30', weekday: 1 }, '30 6 * * 1-5'],
    [{ kind: 'weekly', time: '18:05', weekday: 0 }, '5 18 * * 0'],
    [{ kind: 'weekly', time: '00:00', weekday: 6 }, '0 0 * * 6'],
    [{ kind: 'daily', time: '23:59', weekday: 1 }, '59 23 * * *'],
  ])('%j is %s, and reads back as the same preset', (preset, expression) => {
    expect(presetToCron(preset)).toBe(expression);
    const back = cronToPreset(expression);
    expect(back).toMatchObject({ kind: preset.kind, time: preset.time });
    if (preset.kind === 'weekly') expect(back?.weekday).toBe(preset.weekday);
  });

  it('refuses a time that is not a time of day', () => {
    expect(() => presetToCron({ kind: 'daily', time: '24:00', weekday: 1 })).toThrow(/HH:MM/);
    expect(() => presetToCron({ kind: 'daily', time: '6.30', weekday: 1 })).toThrow();
    expect(parseTime('7:05')).toEqual({ hour: 7, minute: 5 });
    expect(parseTime('07:60')).toBeNull();
  });

  it('recognizes other spellings of the same shapes', () => {
    expect(cronToPreset('  30   06 * * MON-FRI ')).toEqual({
      kind: 'weekdays',
      time: '06:30',
      weekday: 1,
    });
    expect(cronToPreset('0 7 ? * *')).toMatchObject({ kind: 'daily', time: '07:00' });
    expect(cronToPreset('0 7 * * 7')).toMatchObject({ kind: 'weekly', weekday: 0 });
    expect(cronToPreset('0 7 * * sat')).toMatchObject({ kind: 'weekly', weekday: 6 });
  });

  it.each([
    '*/15 * * * *',
    '0 6,18 * * *',
    '0 6 1 * *',
    '0 6 * 1 *',
    '0 6 * * 1-4',
    '0 6 * * 1,3',
    '0 30 6 * * *',
    '@daily',
    '0 24 * * *',
    '60 6 * * *',
    '',
  ])('%j is custom', (expression) => {
    expect(cronToPreset(expression)).toBeNull();
    expect(modeOf(expression)).toBe('custom');
  });
});
