import type { DestinationDto } from '@contract/operations';
import { computed, ref, watch } from 'vue';
import { useDestinationsStore } from '../../stores/destinations';
import { useResourceForm } from '../resource/use-resource-form';
import { useDestinationDraftTest } from './use-destination-draft-test';
import {
  DESTINATION_FIELDS,
  emptyForm,
  formFromDestination,
  keyFileProblem,
  sendsNewStoredKey,
  toCreateInput,
  toUpdateInput,
  validateForm,
  type DestinationField,
  type DestinationForm,
} from './destination-form';

/** The form's values each field's problem depends on: changing one marks the field as touched. */
const DEPENDS: Record<DestinationField, (keyof DestinationForm)[]> = {
  name: ['name'],
  host: ['host'],
  port: ['port'],
  username: ['username'],
  remoteDir: ['remoteDir'],
  privateKey: ['privateKey', 'keyFileName', 'keySource', 'replaceKey'],
  privateKeyPath: ['privateKeyPath', 'keySource'],
  passphrase: ['passphrase', 'removePassphrase'],
  hostKeyFingerprint: ['hostKeyFingerprint'],
  publicBaseUrl: ['publicBaseUrl'],
};

/** The inputs of the form (DestinationForm, DestinationKeyFields) and the fields they edit. */
const FIELDS_BY_TEST_ID: Readonly<Record<string, DestinationField>> = {
  'destination-name': 'name',
  'destination-host': 'host',
  'destination-port': 'port',
  'destination-username': 'username',
  'destination-remote-dir': 'remoteDir',
  'destination-public-base-url': 'publicBaseUrl',
  'destination-fingerprint-input': 'hostKeyFingerprint',
  'destination-private-key': 'privateKey',
  'destination-private-key-path': 'privateKeyPath',
  'destination-passphrase': 'passphrase',
};

/**
 * The state and the save of the destination form: what is typed (secrets are write-only: never
 * prefilled, a stored key or passphrase is kept unless replaced), checked as it changes with the
 * contract's schemas, a key file read and checked before it is sent, and the server's refusals
 * on the field they name. Nothing typed is reset by an error.
 */
export function useDestinationEditor() {
  const store = useDestinationsStore();
  const editor = useResourceForm<DestinationDto, DestinationForm, DestinationField>({
    fields: DESTINATION_FIELDS,
    depends: DEPENDS,
    empty: emptyForm,
    formOf: formFromDestination,
    validate: validateForm,
    fieldsByTestId: FIELDS_BY_TEST_ID,
    create: (values) => store.create(toCreateInput(values)),
    update: (values, d) => store.update(toUpdateInput(values, d)),
  });
  const { values, existing, form, hasLocalErrors } = editor;
  /** What is wrong with the key file picked last (it was not taken). */
  const keyFileError = ref<string | null>(null);
  watch(
    () => values.keySource,
    () => {
      keyFileError.value = null;
    },
  );

  const draft = useDestinationDraftTest(
    values,
    existing,
    form,
    () => hasLocalErrors.value || Boolean(keyFileError.value),
  );

  /** What to show under a field: the server's refusal, a refused key file, the local problem. */
  function errorOf(field: DestinationField): string | undefined {
    if (form.serverErrors.value[field]) return form.serverErrors.value[field];
    if (field === 'privateKey' && keyFileError.value) return keyFileError.value;
    return form.problemOf(field);
  }

  const storedKeyKept = computed(
    () =>
      existing.value?.hasPrivateKey === true && values.keySource === 'stored' && !values.replaceKey,
  );
  const newKey = computed(() => {
    const d = existing.value;
    if (sendsNewStoredKey(values, d)) return true;
    return (
      values.keySource === 'path' && values.privateKeyPath.trim() !== (d?.privateKeyPath ?? '')
    );
  });
  const passphraseKept = computed(
    () => existing.value?.hasPassphrase === true && !newKey.value && !values.removePassphrase,
  );

  const fingerprintHint = computed(() => {
    if (values.hostKeyFingerprint.trim() !== '') {
      return 'Only a server presenting this key is accepted; another key refuses the transfer.';
    }
    if (existing.value?.hostKeyFingerprint) {
      return 'Saving with this empty unpins the host key: the next successful test or transfer pins the key the server then presents.';
    }
    return 'Leave empty and the first successful test or transfer pins the key the server presents. To check it yourself, paste what ssh-keygen -lf /etc/ssh/ssh_host_ed25519_key.pub prints on the server.';
  });
  const passphraseHint = computed(() => {
    if (passphraseKept.value) return 'A passphrase is stored: leave this empty to keep it.';
    if (existing.value?.hasPassphrase && newKey.value) {
      return 'A new key replaces the stored passphrase: type the new key’s passphrase, if it has one.';
    }
    return 'Only if the key has one. Stored by the app, never shown.';
  });

  /** Starts editing `target`, or a new destination. */
  function open(target: DestinationDto | 'new'): void {
    editor.open(target);
    keyFileError.value = null;
    draft.draftTest.value = null;
  }

  /** Takes a picked key file when it looks like a private key; says why not otherwise. */
  async function pickKeyFile(file: File): Promise<void> {
    const text = await file.text();
    const problem = keyFileProblem(text);
    form.touch('privateKey');
    if (problem) {
      keyFileError.value = `${file.name}: ${problem}`;
      return;
    }
    keyFileError.value = null;
    values.privateKey = text;
    values.keyFileName = file.name;
  }

  function clearKeyFile(): void {
    values.privateKey = '';
    values.keyFileName = null;
    keyFileError.value = null;
  }

  function keepStoredKey(): void {
    values.replaceKey = false;
    clearKeyFile();
  }

  /**
   * Saves the destination (creates it the first time). Answers it, or null when something was
   * refused or a save is on its way: the form keeps what was typed and says what is wrong.
   */
  function save(): Promise<DestinationDto | null> {
    return editor.save(() => hasLocalErrors.value || Boolean(keyFileError.value));
  }

  return {
    values,
    existing,
    saving: form.saving,
    dirty: editor.dirty,
    submitted: form.submitted,
    formError: form.formError,
    hasLocalErrors,
    storedKeyKept,
    newKey,
    passphraseKept,
    fingerprintHint,
    passphraseHint,
    errorOf,
    leave: form.leave,
    open,
    pickKeyFile,
    clearKeyFile,
    keepStoredKey,
    save,
    ...draft,
  };
}

export type DestinationEditorState = ReturnType<typeof useDestinationEditor>;
