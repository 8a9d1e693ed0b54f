import type { Database } from '../db/database';
import type { ScheduleRecord } from '../db/records';
import { createRepositories } from '../db/repositories';
import type { ScheduleRepository } from '../db/schedule-repository';

/** A schedule as the scheduler uses it: times in ms, the zone resolved, duration in seconds. */
export interface ScheduleSpec {
  id: string;
  /** The name the user gave it, if any (log lines name the schedule by it). */
  name?: string | null;
  streamId: string;
  cronExpression: string;
  /** The schedule's zone, or the app's when it has none. */
  timeZone: string;
  durationSeconds: number;
  padBeforeSeconds: number;
  padAfterSeconds: number;
  maxRetries: number;
  isActive: boolean;
  /** Scheduled instant of the last run started, or null. */
  lastRunTime: number | null;
  /** Last change by the user (runs before it are not "missed"). */
  updatedAt: number;
}

/**
 * How a log line names a schedule: by its name (`schedule “Morning Show”`), else by its times
 * (`schedule “0 6 * * 1-5”`), never by its id.
 */
export function scheduleWords(spec: Pick<ScheduleSpec, 'name' | 'cronExpression'>): string {
  return `schedule “${spec.name || spec.cronExpression}”`;
}

/** `text` with its first letter capital (a log line that starts with it). */
export function capital(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

export function toScheduleSpec(r: ScheduleRecord, appTimeZone: string): ScheduleSpec {
  return {
    id: r.id,
    name: r.name,
    streamId: r.streamId,
    cronExpression: r.cronExpression,
    timeZone: r.timezone ?? appTimeZone,
    durationSeconds: r.durationMinutes * 60,
    padBeforeSeconds: r.padBeforeSeconds,
    padAfterSeconds: r.padAfterSeconds,
    maxRetries: r.maxRetries,
    isActive: r.isActive,
    lastRunTime: r.lastRunTime ? Date.parse(r.lastRunTime) : null,
    updatedAt: Date.parse(r.updatedAt),
  };
}

/** Where the scheduler reads schedules and notes their runs (the database; tests may wrap it). */
export interface ScheduleSource {
  /** The active schedules. */
  active(): Promise<ScheduleSpec[]>;
  /** One schedule, or null when it does not exist. */
  get(id: string): Promise<ScheduleSpec | null>;
  /** Sets lastRunTime to `scheduledAt` unless it is already later. */
  markRun(id: string, scheduledAt: number): Promise<void>;
}

/** The schedules of the repository, as the scheduler uses them. */
export function repositoryScheduleSource(
  schedules: Pick<ScheduleRepository, 'active' | 'get' | 'markRun'>,
  appTimeZone: string,
): ScheduleSource {
  return {
    async active() {
      return (await schedules.active()).map((r) => toScheduleSpec(r, appTimeZone));
    },
    async get(id) {
      const row = await schedules.get(id);
      return row ? toScheduleSpec(row, appTimeZone) : null;
    },
    async markRun(id, scheduledAt) {
      await schedules.markRun(id, new Date(scheduledAt).toISOString());
    },
  };
}

/** The schedules of the database (repositoryScheduleSource over its schedule repository). */
export function databaseScheduleSource(db: Database, appTimeZone: string): ScheduleSource {
  return repositoryScheduleSource(createRepositories(db).schedules, appTimeZone);
}
