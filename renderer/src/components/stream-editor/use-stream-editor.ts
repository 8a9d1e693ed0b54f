import type { StreamDto } from '@contract/operations';
import { computed, ref, shallowRef } from 'vue';
import { errorMessage } from '../../api/error-messages';
import { CHECK_FIELDS_MESSAGE, REFUSED_FIELD_MESSAGE, useForm } from '../../composables/use-form';
import { useStreamsStore } from '../../stores/streams';
import {
  draftFromStream,
  emptyDraft,
  fieldMessage,
  toInput,
  validateDraft,
  type StreamDraft,
  type StreamField,
} from './stream-draft';

/** What saving does with the artwork: nothing, upload a picked file, or remove the stored one. */
export type ArtworkChange = { kind: 'keep' } | { kind: 'set'; file: File } | { kind: 'remove' };

/** The key under which artwork problems are shown (not a field of the stream's input). */
export const ARTWORK_FIELD = 'artwork';

const FIELDS = Object.keys(emptyDraft()) as StreamField[];

/**
 * The state and the save of the stream form: the draft as typed, checked as it changes with the
 * contract's schema (a field shows its problem once it was edited, or after a save attempt), the
 * server's refusals on the field they name, and the artwork picked, uploaded after the stream is
 * saved. Nothing typed is reset by an error.
 */
export function useStreamEditor() {
  const streams = useStreamsStore();
  /** The saved stream being edited; null while a new one was never saved. */
  const stream = shallowRef<StreamDto | null>(null);
  const draft = ref<StreamDraft>(emptyDraft());
  const initial = ref(JSON.stringify(toInput(draft.value)));
  const artwork = shallowRef<ArtworkChange>({ kind: 'keep' });
  const saving = ref(false);

  const localErrors = computed(() => validateDraft(draft.value));
  const form = useForm<StreamField>({ fields: FIELDS, problems: () => localErrors.value });
  const { formError, errorOf, touch } = form;
  const valid = computed(() => Object.keys(localErrors.value).length === 0);
  const dirty = computed(
    () => JSON.stringify(toInput(draft.value)) !== initial.value || artwork.value.kind !== 'keep',
  );

  // an edit marks its field (its problems show from now on) and retires the server's verdict on it
  for (const field of FIELDS) form.follow(field, () => JSON.stringify(draft.value[field]));

  /** Starts editing `existing`, or a new stream when null. */
  function open(existing: StreamDto | null): void {
    form.reset(() => {
      stream.value = existing;
      draft.value = existing ? draftFromStream(existing) : emptyDraft();
    });
    initial.value = JSON.stringify(toInput(draft.value));
    artwork.value = { kind: 'keep' };
  }

  function setArtwork(change: ArtworkChange): void {
    artwork.value = change;
    form.clearServerErrors(ARTWORK_FIELD);
  }

  /** A refusal of the stream's fields: on the field it names, else above the form. */
  function showError(error: unknown): void {
    const field = form.refuse(error, { message: (key, e) => fieldMessage(key, e.message) });
    if (field) formError.value = REFUSED_FIELD_MESSAGE;
  }

  async function applyArtwork(saved: StreamDto): Promise<StreamDto> {
    const change = artwork.value;
    if (change.kind === 'set') {
      const bytes = new Uint8Array(await change.file.arrayBuffer());
      return streams.setArtwork(saved.id, bytes);
    }
    if (change.kind === 'remove') return streams.deleteArtwork(saved.id);
    return saved;
  }

  /**
   * Saves the stream (creates it the first time), then uploads or removes the artwork. Answers
   * the saved stream, or null when something was refused: the form keeps what was typed and
   * says what is wrong. A new stream that was created before its artwork failed stays created:
   * saving again updates it and retries the artwork.
   */
  async function save(): Promise<StreamDto | null> {
    form.submitted.value = true;
    formError.value = null;
    if (!valid.value) {
      formError.value = CHECK_FIELDS_MESSAGE;
      return null;
    }
    saving.value = true;
    try {
      let saved: StreamDto;
      try {
        const input = toInput(draft.value);
        const current = stream.value;
        saved = current
          ? await streams.update({ id: current.id, ...input })
          : await streams.create(input);
        stream.value = saved;
        initial.value = JSON.stringify(input);
      } catch (error) {
        showError(error);
        return null;
      }
      try {
        saved = await applyArtwork(saved);
        stream.value = saved;
        artwork.value = { kind: 'keep' };
      } catch (error) {
        form.serverErrors.value = {
          ...form.serverErrors.value,
          [ARTWORK_FIELD]: errorMessage(error),
        };
        formError.value =
          'The stream is saved, but its artwork is not: see the message at the artwork.';
        return null;
      }
      return saved;
    } finally {
      saving.value = false;
    }
  }

  return {
    stream,
    draft,
    artwork,
    formError,
    saving,
    valid,
    dirty,
    open,
    errorOf,
    touch,
    setArtwork,
    save,
  };
}

export type StreamEditorState = ReturnType<typeof useStreamEditor>;
