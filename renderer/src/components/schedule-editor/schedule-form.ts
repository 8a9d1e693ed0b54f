// The schedule editor's form as plain data: the draft the user edits, its checks (the contract's
// own zod schemas and schedule rules, so the form says what the server would), and the inputs it
// becomes.
import {
  createScheduleInput,
  cronExpressionSchema,
  DEFAULT_SCHEDULE_RETRIES,
  timeZoneSchema,
  type CreateScheduleInput,
  type ScheduleDto,
  type UpdateScheduleInput,
} from '@contract/operations';
import { selfOverlapProblem } from '@contract/cron/run-interval';
import { enterMessage, issueMessage, type FieldWords } from '@contract/field-messages';
import type { z } from 'zod';
import {
  cronToPreset,
  parseTime,
  presetToCron,
  type ScheduleMode,
  type Weekday,
} from '../../cron/presets';

export type FieldName =
  | 'name'
  | 'streamId'
  | 'cronExpression'
  | 'timezone'
  | 'durationMinutes'
  | 'padBeforeSeconds'
  | 'padAfterSeconds'
  | 'maxRetries'
  | 'isActive';

export const FIELD_NAMES: readonly FieldName[] = [
  'name',
  'streamId',
  'cronExpression',
  'timezone',
  'durationMinutes',
  'padBeforeSeconds',
  'padAfterSeconds',
  'maxRetries',
  'isActive',
];

export type FieldErrors = Partial<Record<FieldName, string>>;

export interface ScheduleDraft {
  /** Its own name ('' : none). */
  name: string;
  streamId: string | null;
  mode: ScheduleMode;
  /** The preset's local time, `HH:MM`. */
  time: string | null;
  /** The `weekly` preset's day (0 Sunday … 6 Saturday). */
  weekday: Weekday;
  /** The free cron text of the `custom` mode. */
  custom: string;
  /** IANA zone; '' is the server's zone (the app's TZ). */
  timezone: string;
  durationMinutes: number | null;
  padBeforeSeconds: number | null;
  padAfterSeconds: number | null;
  maxRetries: number | null;
  isActive: boolean;
}

export const DEFAULT_TIME = '06:00';
export const DEFAULT_DURATION_MINUTES = 60;

/** A new schedule: daily at 06:00 for an hour, in the given zone (the user's). */
export function newDraft(options: { streamId?: string | null; timezone: string }): ScheduleDraft {
  return {
    name: '',
    streamId: options.streamId ?? null,
    mode: 'daily',
    time: DEFAULT_TIME,
    weekday: 1,
    custom: '',
    timezone: options.timezone,
    durationMinutes: DEFAULT_DURATION_MINUTES,
    padBeforeSeconds: 0,
    padAfterSeconds: 0,
    maxRetries: DEFAULT_SCHEDULE_RETRIES,
    isActive: true,
  };
}

/** The draft of an existing schedule: its preset when its expression is one, else custom. */
export function draftOf(schedule: ScheduleDto): ScheduleDraft {
  const preset = cronToPreset(schedule.cronExpression);
  return {
    name: schedule.name ?? '',
    streamId: schedule.streamId,
    mode: preset?.kind ?? 'custom',
    time: preset?.time ?? DEFAULT_TIME,
    weekday: preset?.weekday ?? 1,
    custom: schedule.cronExpression,
    timezone: schedule.timezone ?? '',
    durationMinutes: schedule.durationMinutes,
    padBeforeSeconds: schedule.padBeforeSeconds,
    padAfterSeconds: schedule.padAfterSeconds,
    maxRetries: schedule.maxRetries,
    isActive: schedule.isActive,
  };
}

/** The cron expression the draft stands for ('' while a preset has no valid time). */
export function expressionOf(draft: ScheduleDraft): string {
  if (draft.mode === 'custom') return draft.custom.trim().replace(/\s+/g, ' ');
  if (!draft.time || !parseTime(draft.time)) return '';
  return presetToCron({ kind: draft.mode, time: draft.time, weekday: draft.weekday });
}

/**
 * The draft in another mode, keeping what the user chose: to custom, the expression so far (to
 * adjust); from custom to a preset, the time and day of an expression that has that shape.
 */
export function withMode(draft: ScheduleDraft, mode: ScheduleMode): ScheduleDraft {
  if (mode === draft.mode) return draft;
  if (mode === 'custom') {
    const current = expressionOf(draft);
    return { ...draft, mode, custom: current || draft.custom };
  }
  if (draft.mode === 'custom') {
    const preset = cronToPreset(draft.custom);
    if (preset) return { ...draft, mode, time: preset.time, weekday: preset.weekday };
  }
  return { ...draft, mode };
}

/**
 * How the form names its fields in its messages (`@contract/field-messages`): what to enter when
 * one is empty, and the subject of a rule that needs one ("The cron expression has 6 fields").
 */
export const SCHEDULE_FIELD_WORDS: Readonly<Record<FieldName, FieldWords>> = {
  name: {},
  streamId: {},
  cronExpression: { enter: 'a cron expression', subject: 'The cron expression' },
  timezone: { subject: 'The time zone' },
  durationMinutes: { enter: 'how many minutes to record' },
  padBeforeSeconds: { enter: '0 or more seconds' },
  padAfterSeconds: { enter: '0 or more seconds' },
  maxRetries: { enter: '0 or more retries' },
  isActive: {},
};

/** The first problem `schema` finds with `value`, in the forms' one voice; undefined: none. */
function problemOf(field: FieldName, schema: z.ZodType, value: unknown): string | undefined {
  const result = schema.safeParse(value, { reportInput: true });
  const issue = result.success ? undefined : result.error.issues[0];
  return issue ? issueMessage(issue, SCHEDULE_FIELD_WORDS[field]) : undefined;
}

function numberProblem(
  field: 'durationMinutes' | 'padBeforeSeconds' | 'padAfterSeconds' | 'maxRetries',
  value: number | null,
): string | undefined {
  if (value === null || value === undefined) {
    return enterMessage(SCHEDULE_FIELD_WORDS[field].enter ?? 'a number');
  }
  return problemOf(field, createScheduleInput.shape[field], value);
}

/** What is wrong with the draft, by field, in the words of the contract's schemas. */
export function validateDraft(draft: ScheduleDraft): FieldErrors {
  const errors: FieldErrors = {};
  const name = problemOf('name', createScheduleInput.shape.name, draft.name);
  if (name) errors.name = name;
  if (!draft.streamId) errors.streamId = 'Choose the stream to record.';
  if (draft.mode !== 'custom') {
    if (!draft.time) errors.cronExpression = 'Choose the time to start recording.';
    else if (!parseTime(draft.time)) errors.cronExpression = 'Enter the time as HH:MM (24 h).';
  } else {
    const cron = problemOf('cronExpression', cronExpressionSchema, draft.custom);
    if (cron) errors.cronExpression = cron;
  }
  if (draft.timezone) {
    const zone = problemOf('timezone', timeZoneSchema, draft.timezone);
    if (zone) errors.timezone = zone;
  }
  const problems = {
    durationMinutes: numberProblem('durationMinutes', draft.durationMinutes),
    padBeforeSeconds: numberProblem('padBeforeSeconds', draft.padBeforeSeconds),
    padAfterSeconds: numberProblem('padAfterSeconds', draft.padAfterSeconds),
    maxRetries: numberProblem('maxRetries', draft.maxRetries),
  };
  for (const [field, problem] of Object.entries(problems)) {
    if (problem) errors[field as FieldName] = problem;
  }
  if (!errors.cronExpression && !errors.durationMinutes && draft.durationMinutes !== null) {
    // the server's own rule: a run may not outlast the time to the next one
    const overlap = selfOverlapProblem(expressionOf(draft), draft.durationMinutes);
    if (overlap) errors.durationMinutes = overlap;
  }
  return errors;
}

/** `POST /api/schedules` from a valid draft. */
export function toCreateInput(draft: ScheduleDraft): CreateScheduleInput {
  return {
    name: draft.name.trim() || null,
    streamId: draft.streamId ?? '',
    cronExpression: expressionOf(draft),
    timezone: draft.timezone || null,
    durationMinutes: draft.durationMinutes ?? 0,
    padBeforeSeconds: draft.padBeforeSeconds ?? 0,
    padAfterSeconds: draft.padAfterSeconds ?? 0,
    maxRetries: draft.maxRetries ?? 0,
    isActive: draft.isActive,
  };
}

/** `PUT /api/schedules/:id` with only what changed (the rest keeps its value on the server). */
export function toUpdateInput(draft: ScheduleDraft, original: ScheduleDto): UpdateScheduleInput {
  const input: UpdateScheduleInput = { id: original.id };
  const full = toCreateInput(draft);
  if ((full.name ?? null) !== original.name) input.name = full.name ?? null;
  if (full.streamId !== original.streamId) input.streamId = full.streamId;
  if (full.cronExpression !== original.cronExpression.trim().replace(/\s+/g, ' ')) {
    input.cronExpression = full.cronExpression;
  }
  if ((full.timezone ?? null) !== original.timezone) input.timezone = full.timezone ?? null;
  if (full.durationMinutes !== original.durationMinutes) {
    input.durationMinutes = full.durationMinutes;
  }
  if (full.padBeforeSeconds !== original.padBeforeSeconds) {
    input.padBeforeSeconds = full.padBeforeSeconds;
  }
  if (full.padAfterSeconds !== original.padAfterSeconds) {
    input.padAfterSeconds = full.padAfterSeconds;
  }
  if (full.maxRetries !== original.maxRetries) input.maxRetries = full.maxRetries;
  if (full.isActive !== original.isActive) input.isActive = full.isActive;
  return input;
}

/**
 * The form field a server error names: the schedule operations name their inputs, the preview
 * names the expression `expression`.
 */
export function formFieldOf(serverField: string | undefined): FieldName | null {
  if (!serverField) return null;
  if (serverField === 'expression') return 'cronExpression';
  return (FIELD_NAMES as readonly string[]).includes(serverField)
    ? (serverField as FieldName)
    : null;
}
