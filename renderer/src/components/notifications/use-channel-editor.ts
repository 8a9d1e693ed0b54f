import type { NotificationChannelDto } from '@contract/alerts';
import { computed } from 'vue';
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
import { useResourceForm } from '../resource/use-resource-form';

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

/** The inputs of the form (ChannelForm and the fields of each kind) and the fields they edit. */
const FIELDS_BY_TEST_ID: Readonly<Record<string, ChannelField>> = {
  'channel-name': 'name',
  'channel-webhook-url': 'url',
  'channel-secret': 'secret',
  'channel-ntfy-server': 'url',
  'channel-ntfy-topic': 'url',
  'channel-priority': 'priority',
  'channel-token': 'token',
  'channel-host': 'host',
  'channel-port': 'port',
  'channel-username': 'username',
  'channel-password': 'password',
  'channel-from': 'from',
  'channel-to': 'to',
};

/**
 * The state and the save of the channel form: what is typed (secrets are write-only: never
 * prefilled; a stored one is kept unless replaced or removed), checked as it changes with the
 * contract's schemas, and the server's refusals on the field they name.
 */
export function useChannelEditor() {
  const store = useNotificationChannelsStore();
  const editor = useResourceForm<NotificationChannelDto, ChannelForm, ChannelField>({
    fields: CHANNEL_FIELDS,
    depends: DEPENDS,
    empty: emptyChannelForm,
    formOf: formFromChannel,
    validate: validateChannelForm,
    fieldsByTestId: FIELDS_BY_TEST_ID,
    create: (values) => store.create(toCreateInput(values)),
    update: (values, c) => store.update(toUpdateInput(values, c)),
  });
  const { values, existing, form } = editor;

  /** A secret (webhook secret, ntfy token, SMTP password) is stored and kept unless replaced. */
  const secretStored = computed(
    () => existing.value !== undefined && keepsStoredSecret(existing.value, values.kind),
  );

  return {
    values,
    existing,
    saving: form.saving,
    dirty: editor.dirty,
    secretStored,
    submitted: form.submitted,
    formError: form.formError,
    hasLocalErrors: editor.hasLocalErrors,
    errorOf: (field: ChannelField) => form.errorOf(field),
    leave: form.leave,
    open: editor.open,
    /**
     * Saves the channel (creates it the first time). Answers it, or null when something was
     * refused: the form keeps what was typed and says what is wrong.
     */
    save: () => editor.save(),
  };
}

export type ChannelEditorState = ReturnType<typeof useChannelEditor>;
