import {
  calendarIcs as calendarIcsSpec,
  upcomingRuns as upcomingRunsSpec,
  type CalendarDto,
} from '../../contract/operations/calendar';
import type { Repositories } from '../db/repositories';
import { calendarIcs } from '../calendar/ics';
import { upcomingRuns } from '../calendar/upcoming-runs';
import { toScheduleSpec } from '../scheduler/schedule-spec';
import type { OperationContext } from './context';
import { implement } from './operation-table';

/** What the calendar operations use. */
export type CalendarOpsContext = Pick<OperationContext, 'settings' | 'clock'> & {
  runtime: Pick<OperationContext['runtime'], 'get'>;
  repos: {
    schedules: Pick<Repositories['schedules'], 'active'>;
    streams: Pick<Repositories['streams'], 'all'>;
  };
};

const DAY_MS = 86_400_000;
/** The domain part of every event's UID (schedule ids are UUIDs, so UIDs are unique). */
const UID_DOMAIN = 'audio-stream-recorder';

const DELETED_STREAM = 'A deleted stream';

/** What a run is called: its schedule's name when it has one, else its stream's. */
export function runTitle(scheduleName: string | null, streamName: string | undefined): string {
  return scheduleName || streamName || DELETED_STREAM;
}

/** The runs of the active schedules in the next `days` days, with their clashes. */
async function calendarOf(ctx: CalendarOpsContext, days: number): Promise<CalendarDto> {
  const now = ctx.clock.now();
  const to = now + days * DAY_MS;
  const [schedules, streams] = await Promise.all([
    ctx.repos.schedules.active(),
    ctx.repos.streams.all(),
  ]);
  const names = new Map(streams.map((s) => [s.id, s.name]));
  const titles = new Map(schedules.map((s) => [s.id, s.name]));
  const maxConcurrent = ctx.runtime.get().maxConcurrentRecordings;
  const { runs, truncated } = await upcomingRuns(
    schedules.map((r) => toScheduleSpec(r, ctx.settings.timeZone)),
    { from: now, to },
    maxConcurrent,
  );
  const iso = (ms: number) => new Date(ms).toISOString();
  return {
    from: iso(now),
    to: iso(to),
    timezone: ctx.settings.timeZone,
    maxConcurrentRecordings: maxConcurrent,
    truncated,
    items: runs.map((run) => ({
      scheduleId: run.scheduleId,
      streamId: run.streamId,
      title: runTitle(titles.get(run.scheduleId) ?? null, names.get(run.streamId)),
      streamName: names.get(run.streamId) ?? DELETED_STREAM,
      scheduledAt: iso(run.scheduledAt),
      start: iso(run.start),
      end: iso(run.end),
      sameStreamClash: run.sameStreamClash,
      overLimit: run.overLimit,
    })),
  };
}

/** The calendar of upcoming runs, as JSON for the UI and as iCalendar for calendar apps. */
export const calendarOperations = [
  implement(upcomingRunsSpec, async (input, ctx: CalendarOpsContext) =>
    calendarOf(ctx, input.days),
  ),
  implement(calendarIcsSpec, async (input, ctx: CalendarOpsContext) => {
    const calendar = await calendarOf(ctx, input.days);
    return {
      text: calendarIcs(calendar.items, {
        now: ctx.clock.now(),
        hostName: UID_DOMAIN,
        maxConcurrent: calendar.maxConcurrentRecordings,
      }),
      contentType: 'text/calendar; charset=utf-8',
    };
  }),
];
