import type { ListResult } from '../../core/contract/operation';
import type { ScheduleDto } from '../../core/contract/operations/schedules';

type Invoke = (name: string, input: unknown) => Promise<unknown>;

/**
 * "Pause all schedules": pauses every active schedule through the operation table
 * (`schedules.update {isActive: false}`, as the UI does) and answers the ids it paused, which the
 * app keeps so that "Resume" wakes exactly those (a schedule paused by hand stays paused).
 * Recordings in progress go on.
 */
export async function pauseAllSchedules(invoke: Invoke): Promise<string[]> {
  const { items } = (await invoke('schedules.list', {})) as ListResult<ScheduleDto>;
  const paused: string[] = [];
  for (const schedule of items) {
    if (!schedule.isActive) continue;
    await invoke('schedules.update', { id: schedule.id, isActive: false });
    paused.push(schedule.id);
  }
  return paused;
}

/** Resumes the schedules `pauseAllSchedules` paused (those since deleted are skipped). */
export async function resumeSchedules(invoke: Invoke, ids: readonly string[]): Promise<number> {
  const { items } = (await invoke('schedules.list', {})) as ListResult<ScheduleDto>;
  const wanted = new Set(ids);
  let resumed = 0;
  for (const schedule of items) {
    if (!wanted.has(schedule.id) || schedule.isActive) continue;
    await invoke('schedules.update', { id: schedule.id, isActive: true });
    resumed += 1;
  }
  return resumed;
}
