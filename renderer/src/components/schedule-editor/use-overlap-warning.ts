import type { ScheduleDto } from '@contract/operations';
import {
  firstOverlap,
  OVERLAP_HORIZON_MS,
  overlapWarning,
  type PlannedRuns,
} from '@contract/schedule-overlap';
import { describeCron } from '@contract/cron/describe';
import { computed, shallowRef, watch, type Ref } from 'vue';
import { formatDateTime } from '../../format/format';
import { useSchedulesStore } from '../../stores/schedules';
import type { ScheduleDraft } from './schedule-form';

/** How the warning names another schedule: its name, else what its expression means. */
function labelOf(s: ScheduleDto): string {
  if (s.name) return `“${s.name}”`;
  const d = describeCron(s.cronExpression);
  return d.ok ? d.text.toLowerCase() : `“${s.cronExpression}”`;
}

/**
 * The contract's overlap rule in the editor (core/contract/schedule-overlap.ts, the one the
 * server logs): the draft's next runs (the preview's) against the coming week's runs of the
 * stream's other active schedules (the server's calendar, through cron.preview). A warning, not a
 * refusal: it says which schedule and when.
 */
export function useOverlapWarning(
  draft: Ref<ScheduleDraft>,
  editing: Ref<ScheduleDto | null>,
  draftRuns: () => readonly string[] | null,
) {
  const schedules = useSchedulesStore();
  const others = shallowRef<PlannedRuns<ScheduleDto>[]>([]);
  let generation = 0;

  const siblings = computed(() =>
    schedules.items.filter(
      (s) => s.streamId === draft.value.streamId && s.isActive && s.id !== editing.value?.id,
    ),
  );

  watch(
    siblings,
    async (list) => {
      const mine = ++generation;
      const now = Date.now();
      const planned = await Promise.all(
        list.map(async (s) => {
          try {
            const runs = await schedules.runsOf(s, now, now + OVERLAP_HORIZON_MS);
            return { shape: s, runs: runs.map((r) => Date.parse(r.at)), ref: s };
          } catch {
            return { shape: s, runs: [], ref: s };
          }
        }),
      );
      if (mine === generation) others.value = planned;
    },
    { immediate: true },
  );

  return computed(() => {
    const runs = draftRuns();
    const d = draft.value;
    if (!runs || !d.isActive || others.value.length === 0 || d.durationMinutes === null)
      return null;
    const found = firstOverlap(
      {
        shape: {
          durationMinutes: d.durationMinutes,
          padBeforeSeconds: d.padBeforeSeconds ?? 0,
          padAfterSeconds: d.padAfterSeconds ?? 0,
        },
        runs: runs.map((iso) => Date.parse(iso)),
      },
      others.value.filter((o) => o.ref.streamId === d.streamId),
    );
    if (!found) return null;
    return overlapWarning(labelOf(found.other), formatDateTime(new Date(found.at).toISOString()));
  });
}
