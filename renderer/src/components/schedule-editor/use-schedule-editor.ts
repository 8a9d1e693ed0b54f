import type { ScheduleDto } from '@contract/operations';
import { computed, ref, shallowRef, watch } from 'vue';
import { CHECK_FIELDS_MESSAGE, REFUSED_FIELD_MESSAGE, useForm } from '../../composables/use-form';
import { describeCron } from '@contract/cron/describe';
import { dstWarnings } from '@contract/cron/dst-warnings';
import { browserTimeZone } from '../../cron/time-zones';
import { useSchedulesStore } from '../../stores/schedules';
import { useStreamsStore } from '../../stores/streams';
import { durationHint, streamOptions, zoneOptions } from './schedule-choices';
import {
  draftOf,
  expressionOf,
  FIELD_NAMES,
  formFieldOf,
  newDraft,
  toCreateInput,
  toUpdateInput,
  validateDraft,
  withMode,
  type FieldErrors,
  type FieldName,
  type ScheduleDraft,
} from './schedule-form';
import { useCronPreview } from './use-cron-preview';
import { useOverlapWarning } from './use-overlap-warning';

/** The inputs of the form (ScheduleForm, ScheduleWhen) and the fields they edit. */
const FIELDS_BY_TEST_ID: Readonly<Record<string, FieldName>> = {
  'schedule-name-input': 'name',
  'schedule-stream': 'streamId',
  'schedule-time': 'cronExpression',
  'schedule-cron': 'cronExpression',
  'schedule-timezone': 'timezone',
  'schedule-duration': 'durationMinutes',
  'schedule-pad-before': 'padBeforeSeconds',
  'schedule-pad-after': 'padAfterSeconds',
  'schedule-max-retries': 'maxRetries',
};

/**
 * The state and the save of the schedule form: the draft (a preset or a cron expression), checked
 * as it changes with the contract's schemas and schedule rules, the next runs from the server's
 * calendar, what the expression means in words and around clock changes, and the server's
 * refusals on the field they name. Nothing typed is reset by an error.
 */
export function useScheduleEditor() {
  const schedules = useSchedulesStore();
  const streams = useStreamsStore();
  const userZone = browserTimeZone();
  /** The schedule being edited; null: a new one. */
  const schedule = shallowRef<ScheduleDto | null>(null);
  const draft = ref<ScheduleDraft>(newDraft({ timezone: userZone }));
  const initial = ref('');
  const saving = ref(false);
  /** Open: the draft is being edited (a closed editor asks and picks nothing). */
  let isOpen = false;
  const expression = computed(() => expressionOf(draft.value));
  const snapshot = () => JSON.stringify(toCreateInput(draft.value));
  const dirty = computed(() => snapshot() !== initial.value);

  /** With one stream only, a new schedule is for it (an untouched draft stays untouched). */
  function pickOnlyStream(): void {
    const items = streams.items;
    if (schedule.value || draft.value.streamId || items.length !== 1) return;
    const pristine = !dirty.value;
    draft.value.streamId = items[0]!.id;
    if (pristine) initial.value = snapshot();
  }
  watch(
    () => streams.items,
    () => isOpen && pickOnlyStream(),
  );

  // ---- checks: the contract's schemas as you type, the server's verdicts on their fields ----

  const localErrors = computed(() => validateDraft(draft.value));
  const form = useForm<FieldName>({
    fields: FIELD_NAMES,
    problems: () => localErrors.value,
    fieldsByTestId: FIELDS_BY_TEST_ID,
  });
  const fieldValues: Record<FieldName, () => unknown> = {
    name: () => draft.value.name,
    streamId: () => draft.value.streamId,
    cronExpression: () => [
      draft.value.mode,
      draft.value.time,
      draft.value.custom,
      expression.value,
    ],
    timezone: () => draft.value.timezone,
    durationMinutes: () => draft.value.durationMinutes,
    padBeforeSeconds: () => draft.value.padBeforeSeconds,
    padAfterSeconds: () => draft.value.padAfterSeconds,
    maxRetries: () => draft.value.maxRetries,
    isActive: () => draft.value.isActive,
  };
  for (const field of FIELD_NAMES) form.follow(field, fieldValues[field]);

  const preview = useCronPreview();
  function askPreview(): void {
    if (!isOpen) return;
    const local = localErrors.value;
    preview.ask(expression.value, draft.value.timezone, !local.cronExpression && !local.timezone);
  }
  watch([expression, () => draft.value.timezone], askPreview, { flush: 'sync' });

  /** What shows under each field: the server's refusal, the preview's, else the local problem. */
  const errors = computed(() => {
    const out: FieldErrors = {};
    for (const field of FIELD_NAMES) {
      const error =
        form.serverErrors.value[field] || preview.errors.value[field] || form.problemOf(field);
      if (error) out[field] = error;
    }
    return out;
  });

  // ---- what the draft means ----

  /** The zone the schedule runs in: its own, or the server's. */
  const scheduleZone = computed(
    () =>
      draft.value.timezone || preview.preview.value?.timezone || preview.serverZone.value || null,
  );

  const description = computed(() => {
    if (!expression.value || errors.value.cronExpression) return null;
    const d = describeCron(expression.value);
    return d.ok ? d.text : (preview.preview.value?.description ?? null);
  });

  /** DST warnings for the coming year (computed here), else the preview's for its runs. */
  const dstMessages = computed(() => {
    if (!expression.value || errors.value.cronExpression || errors.value.timezone) return [];
    const zone = scheduleZone.value;
    if (!zone) return [];
    const check = dstWarnings(expression.value, zone);
    if (check.analyzable) return check.warnings.map((w) => w.message);
    return preview.preview.value?.warnings ?? [];
  });

  const overlap = useOverlapWarning(draft, schedule, () => preview.preview.value?.nextRuns ?? null);

  const duration = computed(() =>
    errors.value.durationMinutes ? undefined : durationHint(draft.value),
  );
  const streamChoices = computed(() =>
    streamOptions(streams.items, draft.value.streamId, streams.nameOf),
  );
  const zoneChoices = computed(() =>
    zoneOptions(preview.serverZone.value, userZone, schedule.value?.timezone),
  );

  function setMode(mode: ScheduleDraft['mode']): void {
    draft.value = withMode(draft.value, mode);
  }

  // ---- open and save ----

  /** Starts editing `existing`, or a new schedule (for `streamId` when given). */
  function open(existing: ScheduleDto | null, streamId: string | null = null): void {
    void streams.ensureLoaded();
    isOpen = false;
    form.reset(() => {
      schedule.value = existing;
      draft.value = existing ? draftOf(existing) : newDraft({ streamId, timezone: userZone });
      pickOnlyStream();
    });
    isOpen = true;
    initial.value = snapshot();
    askPreview();
  }

  /** Stops asking for next runs (the editor closed). */
  function close(): void {
    isOpen = false;
    preview.clear();
  }

  /**
   * Saves the schedule (creates it the first time). Answers it, and whether it was created, or
   * null when something was refused: the form keeps what was typed and says what is wrong.
   */
  async function save(): Promise<{ saved: ScheduleDto; created: boolean } | null> {
    form.submitted.value = true;
    form.formError.value = null;
    if (Object.keys(errors.value).length > 0) {
      form.formError.value = CHECK_FIELDS_MESSAGE;
      return null;
    }
    saving.value = true;
    try {
      const current = schedule.value;
      const saved = current
        ? await schedules.update(toUpdateInput(draft.value, current))
        : await schedules.create(toCreateInput(draft.value));
      initial.value = snapshot();
      return { saved, created: !current };
    } catch (e) {
      if (form.refuse(e, { fieldOf: formFieldOf })) form.formError.value = REFUSED_FIELD_MESSAGE;
      return null;
    } finally {
      saving.value = false;
    }
  }
  // the "check the fields" note goes once they are fixed
  watch(errors, (now) => {
    if (form.formError.value && Object.keys(now).length === 0 && !saving.value) {
      form.formError.value = null;
    }
  });

  return {
    schedule,
    draft,
    expression,
    userZone,
    saving,
    dirty,
    formError: form.formError,
    errors,
    preview: preview.preview,
    previewLoading: preview.loading,
    previewFailure: preview.failure,
    scheduleZone,
    description,
    dstMessages,
    overlapWarning: overlap,
    durationHint: duration,
    streamOptions: streamChoices,
    zoneOptions: zoneChoices,
    setMode,
    leave: form.leave,
    open,
    close,
    save,
  };
}

export type ScheduleEditorState = ReturnType<typeof useScheduleEditor>;
