import { z } from 'zod';
import { resourceOperations } from '../operation';
import {
  blankableText,
  idInput,
  idSchema,
  instant,
  pickKeys,
  queryOptional,
  wholeNumber,
} from './common';
import { cronExpressionSchema, timeZoneSchema } from './cron';

export const MAX_DURATION_MINUTES = 1440;
export const MAX_PAD_SECONDS = 3600;
export const MAX_SCHEDULE_RETRIES = 20;
export const DEFAULT_SCHEDULE_RETRIES = 3;
export const MAX_SCHEDULE_NAME = 100;

/** A zone name; null or '' mean "the app's zone" (null), missing stays undefined. */
const optionalTimeZone = z.preprocess(
  (value) => (value === '' ? null : value),
  timeZoneSchema.nullable().optional(),
);

/** A schedule's own name ("Morning show"); blank or null: none (the UI then says what and when). */
const scheduleNameSchema = blankableText(MAX_SCHEDULE_NAME)
  .nullable()
  .transform((value) => (value ? value : null));

const scheduleFields = {
  streamId: idSchema,
  /** 5 fields or a nickname (no seconds field); checked by the core (field cronExpression). */
  cronExpression: cronExpressionSchema,
  /** IANA zone the expression is read in; null, empty or missing: the app's (TZ). */
  timezone: optionalTimeZone.transform((value) => value ?? null),
  durationMinutes: wholeNumber(1, MAX_DURATION_MINUTES),
  /** Start this many seconds before the scheduled time. */
  padBeforeSeconds: wholeNumber(0, MAX_PAD_SECONDS),
  /** Go on this many seconds after the scheduled end. */
  padAfterSeconds: wholeNumber(0, MAX_PAD_SECONDS),
  isActive: z.boolean({ error: 'must be true or false' }),
  /** A run that fails before its window ended is tried again (for the rest of it) this often. */
  maxRetries: wholeNumber(0, MAX_SCHEDULE_RETRIES),
};

/** `POST /api/schedules`. */
export const createScheduleInput = z.object({
  name: scheduleNameSchema.optional().transform((value) => value ?? null),
  streamId: scheduleFields.streamId,
  cronExpression: scheduleFields.cronExpression,
  timezone: scheduleFields.timezone,
  durationMinutes: scheduleFields.durationMinutes,
  padBeforeSeconds: scheduleFields.padBeforeSeconds.default(0),
  padAfterSeconds: scheduleFields.padAfterSeconds.default(0),
  isActive: scheduleFields.isActive.default(true),
  maxRetries: scheduleFields.maxRetries.default(DEFAULT_SCHEDULE_RETRIES),
});

/** The names of a schedule's settings: what create takes. */
export type ScheduleSettingKey = keyof typeof createScheduleInput.shape;
export const SCHEDULE_SETTING_KEYS = Object.keys(createScheduleInput.shape) as ScheduleSettingKey[];

/** A schedule's settings alone (no id, last run or times): of a stored row or a backup's entry. */
export function scheduleSettingsOf<T extends Partial<Record<ScheduleSettingKey, unknown>>>(
  schedule: T,
): Pick<T, ScheduleSettingKey & keyof T> {
  return pickKeys(schedule, SCHEDULE_SETTING_KEYS);
}

/**
 * `PUT /api/schedules/:id`: the fields to change; those omitted keep their values (so
 * `{"isActive": false}` pauses a schedule). `timezone: null` goes back to the app's zone.
 */
export const updateScheduleInput = z.object({
  id: idSchema,
  /** Omitted: kept; null or blank: removed. */
  name: scheduleNameSchema.optional(),
  streamId: scheduleFields.streamId.optional(),
  cronExpression: scheduleFields.cronExpression.optional(),
  timezone: optionalTimeZone,
  durationMinutes: scheduleFields.durationMinutes.optional(),
  padBeforeSeconds: scheduleFields.padBeforeSeconds.optional(),
  padAfterSeconds: scheduleFields.padAfterSeconds.optional(),
  isActive: scheduleFields.isActive.optional(),
  maxRetries: scheduleFields.maxRetries.optional(),
});

export const listSchedulesInput = z.object({
  streamId: queryOptional(idSchema),
});

export type CreateScheduleInput = z.input<typeof createScheduleInput>;
export type UpdateScheduleInput = z.input<typeof updateScheduleInput>;

export const scheduleDtoSchema = z.strictObject({
  id: z.string(),
  /** The schedule's own name, or null. */
  name: z.string().nullable(),
  streamId: z.string(),
  cronExpression: z.string(),
  /** null: the app's time zone. */
  timezone: z.string().nullable(),
  durationMinutes: z.number().int(),
  padBeforeSeconds: z.number().int(),
  padAfterSeconds: z.number().int(),
  isActive: z.boolean(),
  maxRetries: z.number().int(),
  /** The next scheduled time (ISO-8601 UTC; the recording starts padBeforeSeconds earlier), or
   * null when paused. */
  nextRunTime: instant.nullable(),
  /** The scheduled time of the last run started (ISO-8601 UTC), or null. */
  lastRunTime: instant.nullable(),
  createdAt: instant,
  updatedAt: instant,
});
export type ScheduleDto = z.output<typeof scheduleDtoSchema>;

const schedulesOperations = resourceOperations('schedules', '/api/schedules', scheduleDtoSchema, {
  list: {
    input: listSchedulesInput,
    summary: 'Lists the schedules (of one stream with ?streamId=), oldest first.',
  },
  get: { input: idInput, summary: 'One schedule, with nextRunTime and lastRunTime.' },
  create: {
    input: createScheduleInput,
    summary:
      'Creates a schedule and arms it at once (streamId must exist; cronExpression and timezone are checked).',
  },
  update: {
    input: updateScheduleInput,
    summary:
      'Changes a schedule (omitted fields keep their values; isActive=false pauses it) and re-arms it at once. A recording in progress goes on.',
  },
  delete: {
    input: idInput,
    summary:
      'Deletes a schedule; its sessions stay (scheduleId becomes null). A recording in progress goes on.',
  },
});
export const {
  list: listSchedules,
  get: getSchedule,
  create: createSchedule,
  update: updateSchedule,
  delete: deleteSchedule,
} = schedulesOperations;

export const scheduleOperationSpecs = [
  listSchedules,
  getSchedule,
  createSchedule,
  updateSchedule,
  deleteSchedule,
] as const;
