/**
 * Test support: a schedule as the core answers it (ScheduleDto), for the renderer's tests (through
 * the @contract alias) and the contract's. A test passes in `patch` only what it is about. Not
 * exported from the contract's index.
 */
import type { ScheduleDto } from '../operations/schedules';

/** An active daily schedule of `st-1` at 06:30 Tokyo time, for an hour, with no run planned. */
export function scheduleDto(id: string, patch: Partial<ScheduleDto> = {}): ScheduleDto {
  return {
    id,
    name: null,
    streamId: 'st-1',
    cronExpression: '30 6 * * *',
    timezone: 'Asia/Tokyo',
    durationMinutes: 60,
    padBeforeSeconds: 0,
    padAfterSeconds: 0,
    isActive: true,
    maxRetries: 3,
    nextRunTime: null,
    lastRunTime: null,
    createdAt: '2026-11-01T00:00:00.000Z',
    updatedAt: '2026-11-01T00:00:00.000Z',
    ...patch,
  };
}
