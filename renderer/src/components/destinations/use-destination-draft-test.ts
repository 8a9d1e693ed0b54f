import type { DestinationDto, DestinationTestDto } from '@contract/operations';
import { computed, ref, watch, type Ref, type ShallowRef } from 'vue';
import type { FormState } from '../../composables/use-form';
import { useDestinationsStore } from '../../stores/destinations';
import { toCreateInput, toUpdateInput, type DestinationForm } from './destination-form';

/** What a test of the unsaved form says about the server's host key. */
export type DraftKeyState = 'matches' | 'mismatch' | 'not-pinned' | 'unseen';

/** The last test of what the form holds, as the form shows it. */
export interface DraftTest {
  result: DestinationTestDto;
  /** When it ran (ISO-8601). */
  at: string;
}

/**
 * The destination form's "Test connection": tests what is typed, before it is saved
 * (destinations.testDraft), after the same checks a save makes (a problem shows on its field, as
 * when saving). The answer stays until something else than the pin is changed; "Pin this key"
 * puts the key the server presented into the form's pin.
 */
export function useDestinationDraftTest(
  values: DestinationForm,
  existing: Readonly<ShallowRef<DestinationDto | undefined>>,
  form: Pick<FormState, 'submitted' | 'formError' | 'refuse'>,
  blocked: () => boolean,
) {
  const store = useDestinationsStore();
  const last = ref<DraftTest | null>(null) as Ref<DraftTest | null>;
  const testing = ref(false);

  // what was tested is no longer what the form holds: its answer goes (the pin is judged live)
  watch(
    () => JSON.stringify({ ...values, hostKeyFingerprint: '' }),
    () => {
      last.value = null;
    },
  );

  const keyState = computed<DraftKeyState>(() => {
    const result = last.value?.result;
    const seen = result?.hostKeyFingerprint;
    if (!result || !seen) return result?.code === 'HOST_KEY_MISMATCH' ? 'mismatch' : 'unseen';
    const pinned = values.hostKeyFingerprint.trim();
    if (pinned === '') return 'not-pinned';
    return pinned === seen && result.code !== 'HOST_KEY_MISMATCH' ? 'matches' : 'mismatch';
  });

  /** Tests the form's values; a refusal lands on its field, as a save's does. */
  async function testConnection(): Promise<DraftTest | null> {
    if (testing.value) return null;
    form.submitted.value = true;
    if (blocked()) return null;
    testing.value = true;
    form.formError.value = null;
    try {
      const d = existing.value;
      const input = d ? toUpdateInput(values, d) : toCreateInput(values);
      const result = await store.testDraft(input);
      last.value = { result, at: new Date().toISOString() };
      return last.value;
    } catch (error) {
      form.refuse(error);
      return null;
    } finally {
      testing.value = false;
    }
  }

  /** Pins the key the last test saw (in the form: saved with it). */
  function pinTested(): void {
    const seen = last.value?.result.hostKeyFingerprint;
    if (seen) values.hostKeyFingerprint = seen;
  }

  return { draftTest: last, testingDraft: testing, keyState, testConnection, pinTested };
}
