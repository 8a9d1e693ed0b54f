import { randomUUID } from 'node:crypto';
import { AppError } from '../../contract';
import type { ListResult } from '../../contract/operation';
import {
  createSchedule,
  deleteSchedule,
  getSchedule,
  listSchedules,
  updateSchedule,
  type ScheduleDto,
} from '../../contract/operations/schedules';
import type { ScheduleRecord } from '../db/records';
import { scheduleChangeLine, scheduleLabel } from './schedule-log';
import type { Repositories } from '../db/repositories';
import { assertScheduleRules } from '../scheduler/schedule-rules';
import type { OperationContext } from './context';
import { scheduleOverlapWarning } from './schedule-overlap-check';
import { implement } from './operation-table';
import { notFoundOf } from './stored-resource';

/** What the schedule operations use. */
export type ScheduleOpsContext = Pick<
  OperationContext,
  'settings' | 'clock' | 'logger' | 'scheduler'
> & {
  repos: Pick<Repositories, 'schedules' | 'streams' | 'write'>;
};

export function toScheduleDto(r: ScheduleRecord, nextRunTime: string | null): ScheduleDto {
  return {
    id: r.id,
    name: r.name,
    streamId: r.streamId,
    cronExpression: r.cronExpression,
    timezone: r.timezone,
    durationMinutes: r.durationMinutes,
    padBeforeSeconds: r.padBeforeSeconds,
    padAfterSeconds: r.padAfterSeconds,
    isActive: r.isActive,
    maxRetries: r.maxRetries,
    nextRunTime: r.isActive ? nextRunTime : null,
    lastRunTime: r.lastRunTime,
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
  };
}

const notFound = (id: string): AppError => notFoundOf('Schedule', id);

const dto = (ctx: ScheduleOpsContext, r: ScheduleRecord) =>
  toScheduleDto(r, ctx.scheduler.nextRunTime(r.id));

/** Re-arms the schedule now; the change is saved either way, so a failure is only logged. */
async function rearm(ctx: ScheduleOpsContext, schedule: ScheduleRecord): Promise<void> {
  try {
    await ctx.scheduler.reload(schedule.id);
  } catch (error) {
    const label = scheduleLabel(schedule, null);
    ctx.logger.error(
      `${label.charAt(0).toUpperCase()}${label.slice(1)} was saved but could not be re-armed: ${(error as Error).message}`,
    );
  }
}

function unknownStream(_id: string): AppError {
  return new AppError(
    'VALIDATION_FAILED',
    'The chosen stream does not exist (any more): choose another one.',
    { field: 'streamId' },
  );
}

/** Logs a warning when the saved schedule's runs overlap another schedule's of its stream. */
async function warnOverlap(ctx: ScheduleOpsContext, saved: ScheduleRecord): Promise<void> {
  const siblings = await ctx.repos.schedules.list(saved.streamId);
  const warning = scheduleOverlapWarning(saved, siblings, ctx.settings.timeZone, ctx.clock.now());
  if (!warning) return;
  const label = scheduleLabel(saved, null);
  ctx.logger.warn(`${label.charAt(0).toUpperCase()}${label.slice(1)}: ${warning}`);
}

/**
 * The schedule operations. Every change is re-read by the scheduler at once (reload), so
 * nextRunTime in the answer is already the new one.
 */
export const scheduleOperations = [
  implement(
    listSchedules,
    async (input, ctx: ScheduleOpsContext): Promise<ListResult<ScheduleDto>> => {
      const rows = await ctx.repos.schedules.list(input.streamId);
      return { items: rows.map((r) => dto(ctx, r)), total: rows.length };
    },
  ),

  implement(getSchedule, async (input, ctx: ScheduleOpsContext): Promise<ScheduleDto> => {
    const row = await ctx.repos.schedules.get(input.id);
    if (!row) throw notFound(input.id);
    return dto(ctx, row);
  }),

  implement(createSchedule, async (input, ctx: ScheduleOpsContext): Promise<ScheduleDto> => {
    assertScheduleRules(input, ctx.settings.timeZone);
    const now = new Date(ctx.clock.now()).toISOString();
    const row: ScheduleRecord = {
      id: randomUUID(),
      name: input.name,
      streamId: input.streamId,
      cronExpression: input.cronExpression,
      timezone: input.timezone,
      durationMinutes: input.durationMinutes,
      padBeforeSeconds: input.padBeforeSeconds,
      padAfterSeconds: input.padAfterSeconds,
      isActive: input.isActive,
      maxRetries: input.maxRetries,
      lastRunTime: null,
      createdAt: now,
      updatedAt: now,
    };
    await ctx.repos.write(async (tx) => {
      if (!(await tx.streams.exists(input.streamId))) throw unknownStream(input.streamId);
      await tx.schedules.insert(row);
    });
    const streamName = (await ctx.repos.streams.get(row.streamId))?.name ?? null;
    ctx.logger.info(
      `Schedule${row.name ? ` “${row.name}”` : ''}${streamName ? ` of “${streamName}”` : ''} created: "${row.cronExpression}" (${row.timezone ?? ctx.settings.timeZone}), ${row.durationMinutes} min${row.isActive ? '' : ', turned off'}.`,
    );
    await rearm(ctx, row);
    await warnOverlap(ctx, row);
    return dto(ctx, row);
  }),

  implement(updateSchedule, async (input, ctx: ScheduleOpsContext): Promise<ScheduleDto> => {
    const { id, ...patch } = input;
    const changes = Object.fromEntries(
      Object.entries(patch).filter(([, value]) => value !== undefined),
    ) as Partial<ScheduleRecord>;
    let before: ScheduleRecord | undefined;
    const saved = await ctx.repos.write(async (tx) => {
      const current = await tx.schedules.get(id);
      before = current ?? undefined;
      if (!current) throw notFound(id);
      const next: ScheduleRecord = {
        ...current,
        ...changes,
        updatedAt: new Date(ctx.clock.now()).toISOString(),
      };
      if (next.streamId !== current.streamId && !(await tx.streams.exists(next.streamId))) {
        throw unknownStream(next.streamId);
      }
      // the record as it will be saved: a stored schedule with a seconds field (from before the
      // 5-field rule) runs on, but any change to it asks for a 5-field expression
      assertScheduleRules(next, ctx.settings.timeZone);
      await tx.schedules.save(next);
      return next;
    });
    const streamName = (await ctx.repos.streams.get(saved.streamId))?.name ?? null;
    ctx.logger.info(scheduleChangeLine(before ?? saved, saved, streamName));
    await rearm(ctx, saved);
    await warnOverlap(ctx, saved);
    return dto(ctx, saved);
  }),

  implement(deleteSchedule, async (input, ctx: ScheduleOpsContext): Promise<void> => {
    const removed = await ctx.repos.write(async (tx) => {
      const current = await tx.schedules.get(input.id);
      if (!current) throw notFound(input.id);
      await tx.schedules.remove(input.id);
      return current;
    });
    const streamName = (await ctx.repos.streams.get(removed.streamId))?.name ?? null;
    const label = scheduleLabel(removed, streamName);
    ctx.logger.info(`${label.charAt(0).toUpperCase()}${label.slice(1)} deleted.`);
    await rearm(ctx, removed);
  }),
];
