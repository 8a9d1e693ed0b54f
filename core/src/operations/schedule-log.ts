import type { ScheduleRecord } from '../db/records';

/** How a schedule's fields read in a log line ("length", not `durationMinutes`). */
const FIELD_WORDS: Partial<Record<keyof ScheduleRecord, string>> = {
  streamId: 'stream',
  cronExpression: 'times',
  timezone: 'time zone',
  name: 'name',
  durationMinutes: 'length',
  padBeforeSeconds: 'start early',
  padAfterSeconds: 'go on after',
  maxRetries: 'retries',
};

/**
 * A schedule as people know it: by its name when it has one (`the schedule “Breakfast” of
 * “Morning Show”`), else by its stream and times (`the schedule of “Morning Show” (0 6 * * 1-5)`).
 */
export function scheduleLabel(
  schedule: Pick<ScheduleRecord, 'cronExpression'> & { name?: string | null },
  streamName: string | null,
): string {
  const of = streamName ? ` of “${streamName}”` : '';
  if (schedule.name) return `the schedule “${schedule.name}”${of}`;
  return `the schedule${of} (${schedule.cronExpression})`;
}

/**
 * The log line of a schedule update, by name and in words: "Schedule of “Morning Show”
 * (0 6 * * 1-5) turned off.", "… changed: length, start early." Fields that kept their value are
 * not named.
 */
export function scheduleChangeLine(
  before: ScheduleRecord,
  after: ScheduleRecord,
  streamName: string | null,
): string {
  const label = scheduleLabel(after, streamName);
  const parts: string[] = [];
  const changed = (Object.keys(FIELD_WORDS) as (keyof ScheduleRecord)[]).filter(
    (key) => before[key] !== after[key],
  );
  if (changed.length > 0) {
    parts.push(`changed: ${changed.map((key) => FIELD_WORDS[key]).join(', ')}`);
  }
  if (before.isActive !== after.isActive) parts.push(after.isActive ? 'turned on' : 'turned off');
  const said = parts.length > 0 ? parts.join('; ') : 'saved without changes';
  const paused = !after.isActive && before.isActive === after.isActive ? ' (it is off)' : '';
  return `${label.charAt(0).toUpperCase()}${label.slice(1)} ${said}${paused}.`;
}
