import type { CronPreviewDto } from '@contract/operations';
import { onScopeDispose, ref } from 'vue';
import { isApiError } from '../../api/api-error';
import { refusalMessage } from '@contract/field-messages';
import { errorMessage } from '../../api/error-messages';
import { useSchedulesStore } from '../../stores/schedules';
import { formFieldOf, SCHEDULE_FIELD_WORDS, type FieldErrors } from './schedule-form';

/** The preview waits this long after the last keystroke. */
export const PREVIEW_DEBOUNCE_MS = 300;
/** How many next runs the editor shows. */
export const PREVIEW_COUNT = 5;

/**
 * The next runs of the expression being edited, from the server's own calendar (`cron.preview`),
 * asked once the typing pauses; only the newest question's answer counts. A refusal that names
 * the expression or the zone lands on that field; another says why the runs cannot be shown.
 */
export function useCronPreview() {
  const schedules = useSchedulesStore();
  const preview = ref<CronPreviewDto | null>(null);
  const loading = ref(false);
  /** Why the runs cannot be shown (not the expression's fault: that shows on its field). */
  const failure = ref<string | null>(null);
  /** What the preview said about the expression or the zone, by field. */
  const errors = ref<FieldErrors>({});
  /** The server's zone, learnt from a preview asked without one. */
  const serverZone = ref<string | null>(null);
  let timer: ReturnType<typeof setTimeout> | undefined;
  let generation = 0;

  /** Forgets what was shown and any question on its way. */
  function clear(): void {
    clearTimeout(timer);
    generation += 1;
    preview.value = null;
    errors.value = {};
    failure.value = null;
    loading.value = false;
  }

  /**
   * Asks for the runs of `expression` in `zone` ('' is the server's) after the pause; with
   * nothing valid to ask (empty or locally refused), shows nothing.
   */
  function ask(expression: string, zone: string, askable: boolean): void {
    if (!expression || !askable) {
      clear();
      return;
    }
    clearTimeout(timer);
    const asked = ++generation;
    loading.value = true;
    timer = setTimeout(async () => {
      try {
        const answer = await schedules.preview({
          expression,
          ...(zone ? { timezone: zone } : {}),
          count: PREVIEW_COUNT,
        });
        if (asked !== generation) return;
        preview.value = answer;
        if (!zone) serverZone.value = answer.timezone;
        errors.value = {};
        failure.value = null;
      } catch (e) {
        if (asked !== generation) return;
        preview.value = null;
        const field = isApiError(e) ? formFieldOf(e.field) : null;
        // the server's refusal of the expression or zone, in the form's own words
        errors.value = field
          ? {
              [field]: refusalMessage(
                isApiError(e) ? e.field : undefined,
                errorMessage(e),
                SCHEDULE_FIELD_WORDS[field].subject,
              ),
            }
          : {};
        failure.value = field ? null : `The next runs cannot be shown: ${errorMessage(e)}`;
      } finally {
        if (asked === generation) loading.value = false;
      }
    }, PREVIEW_DEBOUNCE_MS);
  }

  onScopeDispose(() => clearTimeout(timer));

  return { preview, loading, failure, errors, serverZone, ask, clear };
}
