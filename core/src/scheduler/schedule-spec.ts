import type { Database } from '../db/database';
import type { ScheduleRecord } from '../db/entities/records';
import { ScheduleEntity } from '../db/entities/schemas';

/** A schedule as the scheduler uses it: times in ms, the zone resolved, duration in seconds. */
export interface ScheduleSpec {
  id: string;
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

export function toScheduleSpec(r: ScheduleRecord, appTimeZone: string): ScheduleSpec {
  return {
    id: r.id,
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

export function databaseScheduleSource(db: Database, appTimeZone: string): ScheduleSource {
  return {
    async active() {
      const rows = await db.reader.find(ScheduleEntity, {
        where: { isActive: true },
        order: { createdAt: 'ASC', id: 'ASC' },
      });
      return rows.map((r) => toScheduleSpec(r, appTimeZone));
    },
    async get(id) {
      const row = await db.reader.findOneBy(ScheduleEntity, { id });
      return row ? toScheduleSpec(row, appTimeZone) : null;
    },
    async markRun(id, scheduledAt) {
      const at = new Date(scheduledAt).toISOString();
      await db.write((m) =>
        m
          .createQueryBuilder()
          .update(ScheduleEntity)
          .set({ lastRunTime: at })
          .where('id = :id AND ("lastRunTime" IS NULL OR "lastRunTime" < :at)', { id, at })
          .execute(),
      );
    },
  };
}
