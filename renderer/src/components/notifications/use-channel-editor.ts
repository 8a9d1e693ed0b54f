import type { NotificationChannelDto } from '@contract/alerts';
import { computed, reactive, ref, shallowRef } from 'vue';
import { useForm } from '../../composables/use-form';
import { useNotificationChannelsStore } from '../../stores/notification-channels';
import {
  CHANNEL_FIELDS,
  emptyChannelForm,
  formFromChannel,
  keepsStoredSecret,
  toCreateInput,
  toUpdateInput,
  validateChannelForm,
  type ChannelField,
  type ChannelForm,
} from './channel-form';

/** The form's values each field's problem depends on: changing one marks the field as touched. */
const DEPENDS: Record<ChannelField, (keyof ChannelForm)[]> = {
  name: ['name'],
  kind: ['kind'],
  enabled: ['enabled'],
  events: ['events'],
  url: ['webhookUrl', 'ntfyServer', 'ntfyTopic'],
  secret: ['secret'],
  priority: ['priority'],
  token: ['token', 'removeToken'],
  host: ['host'],
  port: ['port'],
  security: ['security'],
  username: ['username'],
  password: ['password', 'removePassword'],
  from: ['from'],
  to: ['to'],
};

/**
 * The state and the save of the channel form: what is typed (secrets are write-only: never
 * prefilled; a stored one is kept unless replaced or removed), checked as it changes with the
 * contract's schemas, and the server's refusals on the field they name.
 */
export function useChannelEditor() {
  const store = useNotificationChannelsStore();
  const values = reactive<ChannelForm>(emptyChannelForm());
  /** The channel being edited; undefined: a new one. */
  const existing = shallowRef<NotificationChannelDto | undefined>(undefined);
  const initial = ref(JSON.stringify(values));

  const localErrors = computed(() => validateChannelForm(values, existing.value));
  const hasLocalErrors = computed(() => Object.keys(localErrors.value).length > 0);
  const form = useForm<ChannelField>({
    fields: CHANNEL_FIELDS,
    problems: () => localErrors.value,
  });
  for (const field of CHANNEL_FIELDS) {
    form.follow(
      field,
      DEPENDS[field].map((key) => () => values[key]),
    );
  }

  const dirty = computed(() => JSON.stringify(values) !== initial.value);
  /** A secret (webhook secret, ntfy token, SMTP password) is stored and kept unless replaced. */
  const secretStored = computed(
    () => existing.value !== undefined && keepsStoredSecret(existing.value, values.kind),
  );

  /** Starts editing `target`, or a new channel. */
  function open(target: NotificationChannelDto | 'new'): void {
    form.reset(() => {
      existing.value = target === 'new' ? undefined : target;
      Object.assign(values, target === 'new' ? emptyChannelForm() : formFromChannel(target));
    });
    initial.value = JSON.stringify(values);
  }

  /**
   * Saves the channel (creates it the first time). Answers it, or null when something was
   * refused: the form keeps what was typed and says what is wrong.
   */
  async function save(): Promise<NotificationChannelDto | null> {
    return form.submit(
      () => hasLocalErrors.value,
      async () => {
        const c = existing.value;
        const saved = c
          ? await store.update(toUpdateInput(values, c))
          : await store.create(toCreateInput(values));
        initial.value = JSON.stringify(values);
        return saved;
      },
    );
  }

  return {
    values,
    existing,
    saving: form.saving,
    dirty,
    secretStored,
    submitted: form.submitted,
    formError: form.formError,
    hasLocalErrors,
    errorOf: (field: ChannelField) => form.errorOf(field),
    open,
    save,
  };
}

export type ChannelEditorState = ReturnType<typeof useChannelEditor>;
