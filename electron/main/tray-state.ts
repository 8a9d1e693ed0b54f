import type { ListResult } from '../../core/contract/operation';
import type { ScheduleDto } from '../../core/contract/operations/schedules';
import type { StreamDto } from '../../core/contract/operations/streams';
import type { SessionDto } from '../../core/contract/session';
import type { Problem } from './problems';

/** What the tray shows, read from the core (never kept as a second copy of its truth). */
export interface TrayState {
  recordings: { sessionId: string; streamName: string; endsAt: string }[];
  nextRun: { streamName: string; at: string } | null;
  streams: { id: string; name: string }[];
  /** Active schedules (those that would run). */
  activeSchedules: number;
  /** The schedules "Pause all schedules" paused, still paused. */
  pausedByApp: number;
  problems: Problem[];
  /** null: this platform cannot start the app at login. */
  openAtLogin: boolean | null;
  stopping: boolean;
}

export interface TrayStateDeps {
  invoke: (name: string, input: unknown) => Promise<unknown>;
  problems: () => Problem[];
  pausedScheduleIds: () => readonly string[];
  openAtLogin: () => boolean | null;
  stopping: () => boolean;
}

/** Reads the tray's state through the operation table. */
export async function loadTrayState(deps: TrayStateDeps): Promise<TrayState> {
  const [streams, schedules, recording] = (await Promise.all([
    deps.invoke('streams.list', {}),
    deps.invoke('schedules.list', {}),
    deps.invoke('sessions.list', { status: 'RECORDING', limit: 100 }),
  ])) as [ListResult<StreamDto>, ListResult<ScheduleDto>, ListResult<SessionDto>];
  return trayStateOf({
    streams: streams.items,
    schedules: schedules.items,
    recording: recording.items,
    problems: deps.problems(),
    pausedScheduleIds: deps.pausedScheduleIds(),
    openAtLogin: deps.openAtLogin(),
    stopping: deps.stopping(),
  });
}

export function trayStateOf(input: {
  streams: readonly StreamDto[];
  schedules: readonly ScheduleDto[];
  recording: readonly SessionDto[];
  problems: Problem[];
  pausedScheduleIds: readonly string[];
  openAtLogin: boolean | null;
  stopping: boolean;
}): TrayState {
  const nameOf = new Map(input.streams.map((s) => [s.id, s.name]));
  const streamName = (id: string) => nameOf.get(id) ?? 'Unknown stream';
  const recordings = input.recording
    .filter((s) => s.status === 'RECORDING')
    .map((s) => ({
      sessionId: s.id,
      streamName: streamName(s.streamId),
      endsAt: new Date(Date.parse(s.startTime) + s.plannedDurationSeconds * 1000).toISOString(),
    }))
    .sort((a, b) => a.endsAt.localeCompare(b.endsAt));
  let nextRun: TrayState['nextRun'] = null;
  for (const schedule of input.schedules) {
    if (!schedule.isActive || !schedule.nextRunTime) continue;
    if (!nextRun || schedule.nextRunTime < nextRun.at) {
      nextRun = { streamName: streamName(schedule.streamId), at: schedule.nextRunTime };
    }
  }
  const paused = new Set(input.pausedScheduleIds);
  return {
    recordings,
    nextRun,
    streams: [...input.streams]
      .map((s) => ({ id: s.id, name: s.name }))
      .sort((a, b) => a.name.localeCompare(b.name)),
    activeSchedules: input.schedules.filter((s) => s.isActive).length,
    pausedByApp: input.schedules.filter((s) => !s.isActive && paused.has(s.id)).length,
    problems: input.problems,
    openAtLogin: input.openAtLogin,
    stopping: input.stopping,
  };
}
