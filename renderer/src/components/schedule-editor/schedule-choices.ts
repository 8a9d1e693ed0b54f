// What the schedule editor offers to choose from and the words around its fields, as plain data.
import type { SelectOption } from 'naive-ui';
import {
  parseTime,
  WEEKDAY_NAMES,
  WEEKDAYS_MONDAY_FIRST,
  type ScheduleMode,
} from '../../cron/presets';
import { timeZoneLabel, timeZoneNames } from '../../cron/time-zones';
import { formatDuration } from '../../format/format';
import type { ScheduleDraft } from './schedule-form';

export const MODE_OPTIONS: { value: ScheduleMode; label: string }[] = [
  { value: 'daily', label: 'Daily at' },
  { value: 'weekdays', label: 'Weekdays at' },
  { value: 'weekly', label: 'Weekly on' },
  { value: 'custom', label: 'Custom (cron)' },
];

export const WEEKDAY_OPTIONS: SelectOption[] = WEEKDAYS_MONDAY_FIRST.map((day) => ({
  value: day,
  label: WEEKDAY_NAMES[day],
}));

/** The streams by name; the chosen one first when the list does not hold it (deleted, loading). */
export function streamOptions(
  streams: readonly { id: string; name: string }[],
  current: string | null,
  nameOf: (id: string) => string,
): SelectOption[] {
  const options: SelectOption[] = [...streams]
    .sort((a, b) => a.name.localeCompare(b.name))
    .map((s) => ({ value: s.id, label: s.name }));
  if (current && !options.some((o) => o.value === current)) {
    options.unshift({ value: current, label: nameOf(current) });
  }
  return options;
}

/** The server's zone (''), then every zone; the user's marked, the schedule's own kept. */
export function zoneOptions(
  serverZone: string | null,
  userZone: string,
  scheduleZone: string | null | undefined,
): SelectOption[] {
  return [
    {
      value: '',
      label: serverZone
        ? `The server's time zone (${serverZone.replace(/_/g, ' ')})`
        : "The server's time zone",
    },
    ...timeZoneNames([userZone, scheduleZone]).map((zone) => ({
      value: zone,
      label: zone === userZone ? `${timeZoneLabel(zone)} · yours` : timeZoneLabel(zone),
    })),
  ];
}

/** Finds "new york", "New_York", "berlin", "utc+01". */
export function zoneFilter(pattern: string, option: SelectOption): boolean {
  const norm = (s: string) => s.toLowerCase().replace(/[_\s]+/g, ' ');
  const p = norm(pattern.trim());
  return norm(String(option.label ?? '')).includes(p) || norm(String(option.value)).includes(p);
}

/** "Records 1 h 30 min: 06:00 to 07:30." under the duration (its length alone for cron). */
export function durationHint(draft: ScheduleDraft): string | undefined {
  const minutes = draft.durationMinutes;
  if (minutes === null) return undefined;
  const length = formatDuration(minutes * 60);
  const start = draft.mode !== 'custom' && draft.time ? parseTime(draft.time) : null;
  if (!start) return `Records ${length}.`;
  const end = (start.hour * 60 + start.minute + minutes) % 1440;
  const two = (n: number) => String(n).padStart(2, '0');
  const endText = `${two(Math.floor(end / 60))}:${two(end % 60)}`;
  const nextDay = start.hour * 60 + start.minute + minutes >= 1440 ? ' the next day' : '';
  return `Records ${length}: ${draft.time} to ${endText}${nextDay}.`;
}

export const TIME_LABEL = 'Time of day (HH:MM, 24 h)';

/**
 * NTimePicker takes no inputProps: its input (and the wrapper that holds the focus until the
 * input is activated) get their accessible name here (a function ref).
 */
export function labelTimePicker(instance: unknown): void {
  const root = (instance as { $el?: unknown } | null)?.$el;
  if (!(root instanceof Element)) return;
  for (const node of root.querySelectorAll('input, .n-input[tabindex]')) {
    node.setAttribute('aria-label', TIME_LABEL);
  }
}
