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
import type { ScheduleRecord } from '../db/entities/records';
import { ScheduleEntity, StreamEntity } from '../db/entities/schemas';
import { cronerCalendar } from '../scheduler/cron-calendar';
import type { OperationContext } from './context';
import { implement } from './operation-table';

export function toScheduleDto(r: ScheduleRecord, nextRunTime: string | null): ScheduleDto {
  return {
    id: r.id,
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

function notFound(id: string): AppError {
  return new AppError('NOT_FOUND', `Schedule ${id} does not exist.`, { field: 'id' });
}

const dto = (ctx: OperationContext, r: ScheduleRecord) =>
  toScheduleDto(r, ctx.scheduler.nextRunTime(r.id));

/** Re-arms the schedule now; the change is saved either way, so a failure is only logged. */
async function rearm(ctx: OperationContext, id: string): Promise<void> {
  try {
    await ctx.scheduler.reload(id);
  } catch (error) {
    ctx.logger.error(
      `Schedule ${id} was saved but could not be re-armed: ${(error as Error).message}`,
    );
  }
}

/** What the schedule rules look at. */
export type ScheduleRules = Pick<
  ScheduleRecord,
  'cronExpression' | 'timezone' | 'durationMinutes' | 'padBeforeSeconds' | 'padAfterSeconds'
>;

/**
 * The checks of a schedule beyond its schema, in one place for schedules.create,
 * schedules.update and restore: the expression in its zone (the app's, `appTimeZone`, when it
 * has none), by the scheduler's own rules. VALIDATION_FAILED names the field.
 */
export function validateSchedule(schedule: ScheduleRules, appTimeZone: string): void {
  cronerCalendar.validate(schedule.cronExpression, schedule.timezone ?? appTimeZone);
}

function unknownStream(id: string): AppError {
  return new AppError('VALIDATION_FAILED', `There is no stream with id ${id}.`, {
    field: 'streamId',
  });
}

/**
 * The schedule operations. Every change is re-read by the scheduler at once (reload), so
 * nextRunTime in the answer is already the new one.
 */
export const scheduleOperations = [
  implement(
    listSchedules,
    async (input, ctx: OperationContext): Promise<ListResult<ScheduleDto>> => {
      const rows = await ctx.db.reader.find(ScheduleEntity, {
        where: input.streamId ? { streamId: input.streamId } : {},
        order: { createdAt: 'ASC', id: 'ASC' },
      });
      return { items: rows.map((r) => dto(ctx, r)), total: rows.length };
    },
  ),

  implement(getSchedule, async (input, ctx: OperationContext): Promise<ScheduleDto> => {
    const row = await ctx.db.reader.findOneBy(ScheduleEntity, { id: input.id });
    if (!row) throw notFound(input.id);
    return dto(ctx, row);
  }),

  implement(createSchedule, async (input, ctx: OperationContext): Promise<ScheduleDto> => {
    validateSchedule(input, ctx.settings.timeZone);
    const now = new Date(ctx.clock.now()).toISOString();
    const row: ScheduleRecord = {
      id: randomUUID(),
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
    await ctx.db.write(async (m) => {
      if (!(await m.existsBy(StreamEntity, { id: input.streamId }))) {
        throw unknownStream(input.streamId);
      }
      await m.insert(ScheduleEntity, row);
    });
    ctx.logger.info(
      `Schedule ${row.id} created: "${row.cronExpression}" (${row.timezone ?? ctx.settings.timeZone}), ${row.durationMinutes} min of stream ${row.streamId}${row.isActive ? '' : ', paused'}.`,
    );
    await rearm(ctx, row.id);
    return dto(ctx, row);
  }),

  implement(updateSchedule, async (input, ctx: OperationContext): Promise<ScheduleDto> => {
    const { id, ...patch } = input;
    const changes = Object.fromEntries(
      Object.entries(patch).filter(([, value]) => value !== undefined),
    ) as Partial<ScheduleRecord>;
    const saved = await ctx.db.write(async (m) => {
      const current = await m.findOneBy(ScheduleEntity, { id });
      if (!current) throw notFound(id);
      const next: ScheduleRecord = {
        ...current,
        ...changes,
        updatedAt: new Date(ctx.clock.now()).toISOString(),
      };
      if (next.streamId !== current.streamId) {
        if (!(await m.existsBy(StreamEntity, { id: next.streamId }))) {
          throw unknownStream(next.streamId);
        }
      }
      validateSchedule(next, ctx.settings.timeZone);
      await m.save(ScheduleEntity, next);
      return next;
    });
    ctx.logger.info(
      `Schedule ${id} changed (${Object.keys(changes).join(', ') || 'nothing'})${saved.isActive ? '' : '; it is paused'}.`,
    );
    await rearm(ctx, id);
    return dto(ctx, saved);
  }),

  implement(deleteSchedule, async (input, ctx: OperationContext): Promise<void> => {
    await ctx.db.write(async (m) => {
      const current = await m.findOneBy(ScheduleEntity, { id: input.id });
      if (!current) throw notFound(input.id);
      await m.delete(ScheduleEntity, { id: input.id });
    });
    ctx.logger.info(`Schedule ${input.id} deleted.`);
    await rearm(ctx, input.id);
  }),
];
