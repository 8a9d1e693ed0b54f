import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import type { SessionDto } from '@contract';
import {
  CRON_PREVIEW_MAX,
  type CreateScheduleInput,
  type CronPreviewDto,
  type CronPreviewInput,
  type ScheduleDto,
  type UpdateScheduleInput,
} from '@contract/operations';
import { useClient } from '../api/client';
import { errorMessage } from '../api/error-messages';
import type { Unsubscribe } from '../api/transport';
import { unsubscribeAll, whenReopened } from './follow';
import { newestRead } from './newest-read';
import { UPCOMING_HORIZON_MS, type UpcomingRun } from '../cron/upcoming';

/**
 * Runs asked first per schedule for the dashboard: a daily schedule has at most 8 in 7 days, so
 * most schedules need one small preview; those that run more often are asked again for the most
 * the preview gives (50).
 */
export const UPCOMING_FIRST_COUNT = 8;

/** A burst of events (several scheduled runs starting together) reloads once, this much later. */
const RELOAD_DELAY_MS = 300;

/** A session a schedule started (its run has begun: the schedule's next run moved on). */
function isScheduledStart(session: SessionDto): boolean {
  return (
    session.scheduleId !== null &&
    (session.status === 'SCHEDULED' || session.status === 'RECORDING')
  );
}

/**
 * The recording schedules, and the runs of the active ones in the coming week (the dashboard's
 * "Next runs", computed by the server's own calendar through `cron.preview`).
 */
export const useSchedulesStore = defineStore('schedules', () => {
  const client = useClient();
  const items = ref<ScheduleDto[]>([]);
  const loaded = ref(false);
  const loading = ref(false);
  const error = ref<string | null>(null);
  /** Schedules whose active switch is being saved (by id). */
  const toggling = ref<Record<string, boolean>>({});

  const upcoming = ref<UpcomingRun[]>([]);
  const upcomingLoaded = ref(false);
  const upcomingLoading = ref(false);
  const upcomingError = ref<string | null>(null);

  const reads = newestRead(loading, error);
  let upcomingGeneration = 0;

  const byId = computed(() => new Map(items.value.map((s) => [s.id, s])));
  const active = computed(() => items.value.filter((s) => s.isActive));

  /** The schedules of each stream (oldest first, as the server lists them). */
  const byStream = computed(() => {
    const map = new Map<string, ScheduleDto[]>();
    for (const s of items.value) {
      const list = map.get(s.streamId);
      if (list) list.push(s);
      else map.set(s.streamId, [s]);
    }
    return map;
  });

  /**
   * Changes whenever the runs of the active schedules may have changed: a schedule added,
   * edited, paused or deleted, or a run started (lastRunTime). The dashboard watches it.
   */
  const upcomingKey = computed(() =>
    active.value
      .map((s) => `${s.id}|${s.cronExpression}|${s.timezone ?? ''}|${s.lastRunTime ?? ''}`)
      .join('\n'),
  );

  async function load(): Promise<void> {
    await reads.run(
      () => client.invoke('schedules.list'),
      (answer) => {
        items.value = answer.items;
        loaded.value = true;
      },
    );
  }

  async function ensureLoaded(): Promise<void> {
    if (!loaded.value && !loading.value) await load();
  }

  function put(schedule: ScheduleDto): void {
    const index = items.value.findIndex((s) => s.id === schedule.id);
    if (index >= 0) items.value.splice(index, 1, schedule);
    else items.value.push(schedule);
  }

  /** Creates a schedule (armed at once); rejects with the ApiError (`field` names the input). */
  async function create(input: CreateScheduleInput): Promise<ScheduleDto> {
    const created = await client.invoke('schedules.create', input);
    put(created);
    return created;
  }

  /** Changes the given fields of a schedule (the others keep their values). */
  async function update(input: UpdateScheduleInput): Promise<ScheduleDto> {
    const updated = await client.invoke('schedules.update', input);
    put(updated);
    return updated;
  }

  /**
   * Pauses or resumes a schedule. The switch moves at once and goes back when the server
   * refuses (then this rejects with the ApiError).
   */
  async function setActive(id: string, isActive: boolean): Promise<ScheduleDto> {
    const before = byId.value.get(id);
    if (before) put({ ...before, isActive, nextRunTime: isActive ? before.nextRunTime : null });
    toggling.value = { ...toggling.value, [id]: true };
    try {
      return await update({ id, isActive });
    } catch (e) {
      const now = byId.value.get(id);
      if (before && now && now.isActive === isActive) put(before);
      throw e;
    } finally {
      const { [id]: _done, ...rest } = toggling.value;
      toggling.value = rest;
    }
  }

  /** Deletes a schedule; its recordings stay. */
  async function remove(id: string): Promise<void> {
    await client.invoke('schedules.delete', { id });
    items.value = items.value.filter((s) => s.id !== id);
  }

  /** The next runs of an expression in a zone (the scheduler's calendar), or its 400. */
  function preview(input: CronPreviewInput): Promise<CronPreviewDto> {
    return client.invoke('cron.preview', input);
  }

  async function runsOf(s: ScheduleDto, now: number, until: number): Promise<UpcomingRun[]> {
    const ask = (count: number) =>
      preview({
        expression: s.cronExpression,
        ...(s.timezone ? { timezone: s.timezone } : {}),
        count,
      });
    let answer = await ask(UPCOMING_FIRST_COUNT);
    const last = answer.nextRuns.at(-1);
    if (answer.nextRuns.length === UPCOMING_FIRST_COUNT && last && Date.parse(last) <= until) {
      answer = await ask(CRON_PREVIEW_MAX);
    }
    // a run that has started (its session is under way) is no longer "next"
    const after = Math.max(now, s.lastRunTime ? Date.parse(s.lastRunTime) : 0);
    return answer.nextRuns
      .filter((iso) => {
        const t = Date.parse(iso);
        return t > after && t <= until;
      })
      .map((at) => ({
        scheduleId: s.id,
        streamId: s.streamId,
        at,
        durationMinutes: s.durationMinutes,
        timezone: s.timezone,
      }));
  }

  /**
   * Computes the runs of every active schedule in the next `horizonMs` (7 days). The newest call
   * wins; a schedule whose preview fails is left out and the failure is told in upcomingError.
   */
  async function loadUpcoming(horizonMs = UPCOMING_HORIZON_MS): Promise<void> {
    const generation = ++upcomingGeneration;
    const now = Date.now();
    const schedules = active.value;
    upcomingLoading.value = true;
    try {
      const results = await Promise.allSettled(
        schedules.map((s) => runsOf(s, now, now + horizonMs)),
      );
      if (generation !== upcomingGeneration) return;
      const runs: UpcomingRun[] = [];
      let failure: unknown;
      for (const result of results) {
        if (result.status === 'fulfilled') runs.push(...result.value);
        else failure ??= result.reason;
      }
      upcoming.value = runs.sort((a, b) => a.at.localeCompare(b.at));
      upcomingError.value = failure === undefined ? null : errorMessage(failure);
      upcomingLoaded.value = true;
    } finally {
      if (generation === upcomingGeneration) upcomingLoading.value = false;
    }
  }

  let reloadTimer: ReturnType<typeof setTimeout> | undefined;
  function reloadSoon(): void {
    clearTimeout(reloadTimer);
    reloadTimer = setTimeout(() => void load(), RELOAD_DELAY_MS);
  }

  let subscribers = 0;
  let stopFollowing: (() => void) | undefined;

  /**
   * Follows what changes the schedules on the server: a scheduled run starting (its schedule's
   * nextRunTime and lastRunTime move on; the `session` events the sessions store gets too), and
   * the event stream reopening (events may have been missed). Loads when nothing is loaded.
   * Views call it while they are shown; it is counted, so two views follow once.
   */
  function subscribe(): Unsubscribe {
    subscribers += 1;
    if (subscribers === 1) {
      const started = new Set<string>();
      const stopListening = unsubscribeAll([
        client.on('session', (session) => {
          if (!isScheduledStart(session) || started.has(session.id)) return;
          started.add(session.id);
          reloadSoon();
        }),
        whenReopened(client, () => {
          if (loaded.value) void load();
        }),
      ]);
      stopFollowing = () => {
        stopListening();
        clearTimeout(reloadTimer);
      };
    }
    if (!loaded.value && !loading.value) void load();
    let done = false;
    return () => {
      if (done) return;
      done = true;
      subscribers -= 1;
      if (subscribers === 0) {
        stopFollowing?.();
        stopFollowing = undefined;
      }
    };
  }

  return {
    runsOf,
    items,
    loaded,
    loading,
    error,
    toggling,
    upcoming,
    upcomingLoaded,
    upcomingLoading,
    upcomingError,
    byId,
    active,
    byStream,
    upcomingKey,
    load,
    ensureLoaded,
    create,
    update,
    setActive,
    remove,
    preview,
    loadUpcoming,
    subscribe,
  };
});
