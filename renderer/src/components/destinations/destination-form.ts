import { enterMessage, issueMessage, type FieldWords } from '@contract/field-messages';
import {
  createDestinationInput,
  PRIVATE_KEY_MAX_LENGTH,
  updateDestinationInput,
  type CreateDestinationInput,
  type DestinationDto,
  type UpdateDestinationInput,
} from '@contract/operations';

/** Where the private key comes from: stored by the app (uploaded or pasted), or a file on the server. */
export type KeySource = 'stored' | 'path';

/** What the destination editor holds while the user types. Secrets are never prefilled. */
export interface DestinationForm {
  name: string;
  host: string;
  port: number | null;
  username: string;
  remoteDir: string;
  keySource: KeySource;
  /** The PEM text, uploaded from a file or pasted (write-only). */
  privateKey: string;
  /** The name of the file the key was read from, when it was uploaded. */
  keyFileName: string | null;
  privateKeyPath: string;
  /** Editing a destination with a stored key: true once the user chose to replace it. */
  replaceKey: boolean;
  passphrase: string;
  /** Editing: remove the stored passphrase (without a new key). */
  removePassphrase: boolean;
  hostKeyFingerprint: string;
  /** The web address the remote folder is served under ('' none). */
  publicBaseUrl: string;
}

/** The fields the editor shows errors on (the contract's input names). */
export type DestinationField =
  | 'name'
  | 'host'
  | 'port'
  | 'username'
  | 'remoteDir'
  | 'privateKey'
  | 'privateKeyPath'
  | 'passphrase'
  | 'hostKeyFingerprint'
  | 'publicBaseUrl';

export const DESTINATION_FIELDS: readonly DestinationField[] = [
  'name',
  'host',
  'port',
  'username',
  'remoteDir',
  'privateKey',
  'privateKeyPath',
  'passphrase',
  'hostKeyFingerprint',
  'publicBaseUrl',
];

export type FieldErrors = Partial<Record<DestinationField, string>>;

export function emptyForm(): DestinationForm {
  return {
    name: '',
    host: '',
    port: 22,
    username: '',
    remoteDir: '',
    keySource: 'stored',
    privateKey: '',
    keyFileName: null,
    privateKeyPath: '',
    replaceKey: false,
    passphrase: '',
    removePassphrase: false,
    hostKeyFingerprint: '',
    publicBaseUrl: '',
  };
}

/** The editor's values for an existing destination: everything but its secrets. */
export function formFromDestination(d: DestinationDto): DestinationForm {
  return {
    ...emptyForm(),
    name: d.name,
    host: d.host,
    port: d.port,
    username: d.username,
    remoteDir: d.remoteDir,
    keySource: d.privateKeyPath !== null && !d.hasPrivateKey ? 'path' : 'stored',
    privateKeyPath: d.privateKeyPath ?? '',
    hostKeyFingerprint: d.hostKeyFingerprint ?? '',
    publicBaseUrl: d.publicBaseUrl ?? '',
  };
}

/** True when the form sends a new stored key (create, or "replace" when one is stored). */
export function sendsNewStoredKey(form: DestinationForm, existing?: DestinationDto): boolean {
  if (form.keySource !== 'stored') return false;
  if (!existing || !existing.hasPrivateKey) return true;
  return form.replaceKey;
}

/**
 * The operation's input from the form. Creating: everything typed. Updating: an untouched
 * stored key and passphrase are left out (the server keeps them); the pinned fingerprint is
 * always sent (left out, the server would unpin).
 */
export function toCreateInput(form: DestinationForm): CreateDestinationInput {
  const stored = form.keySource === 'stored';
  return {
    name: form.name,
    host: form.host,
    ...(form.port === null ? {} : { port: form.port }),
    username: form.username,
    remoteDir: form.remoteDir,
    ...(stored ? { privateKey: form.privateKey } : { privateKeyPath: form.privateKeyPath }),
    ...(form.passphrase ? { passphrase: form.passphrase } : {}),
    hostKeyFingerprint: form.hostKeyFingerprint,
    publicBaseUrl: form.publicBaseUrl,
  };
}

export function toUpdateInput(
  form: DestinationForm,
  existing: DestinationDto,
): UpdateDestinationInput {
  const newStoredKey = sendsNewStoredKey(form, existing);
  const input: UpdateDestinationInput = {
    id: existing.id,
    name: form.name,
    host: form.host,
    ...(form.port === null ? {} : { port: form.port }),
    username: form.username,
    remoteDir: form.remoteDir,
    hostKeyFingerprint: form.hostKeyFingerprint,
    publicBaseUrl: form.publicBaseUrl, // left out, the server would remove it
  };
  if (newStoredKey) input.privateKey = form.privateKey;
  if (form.keySource === 'path') input.privateKeyPath = form.privateKeyPath;
  const newKey =
    newStoredKey ||
    (form.keySource === 'path' && form.privateKeyPath.trim() !== (existing.privateKeyPath ?? ''));
  if (form.passphrase) input.passphrase = form.passphrase;
  else if (!newKey && form.removePassphrase) input.passphrase = null;
  return input;
}

const FIELD_SET = new Set<string>(DESTINATION_FIELDS);

/** How the form names its fields in its messages ("Enter the host name or address."). */
export const DESTINATION_FIELD_WORDS: Readonly<Record<DestinationField, FieldWords>> = {
  name: { enter: 'a name' },
  host: { enter: 'the host name or address' },
  port: { enter: 'the port (22 for SSH)' },
  username: { enter: 'the user name' },
  remoteDir: { enter: 'the folder on the server' },
  privateKey: {},
  privateKeyPath: { enter: 'the path of the key file on the server' },
  passphrase: {},
  hostKeyFingerprint: {},
  publicBaseUrl: {},
};

/**
 * The first problem of each field, by the contract's own schema (what the server would say), in
 * the forms' one voice (`@contract/field-messages`).
 */
export function validateForm(form: DestinationForm, existing?: DestinationDto): FieldErrors {
  const options = { reportInput: true } as const;
  const result = existing
    ? updateDestinationInput.safeParse(toUpdateInput(form, existing), options)
    : createDestinationInput.safeParse(toCreateInput(form), options);
  const errors: FieldErrors = {};
  if (result.success) return errors;
  for (const issue of result.error.issues) {
    const field = String(issue.path[0] ?? '');
    if (!FIELD_SET.has(field)) continue;
    errors[field as DestinationField] ??= issueMessage(
      issue,
      DESTINATION_FIELD_WORDS[field as DestinationField],
    );
  }
  // the schema's "give either..." speaks of the API; the form has its own words
  if (errors.privateKey && form.keySource === 'stored' && form.privateKey.trim() === '') {
    errors.privateKey = 'Upload the private key file or paste the key.';
  }
  if (form.keySource === 'path') {
    // the key is the file's: the stored-key field is not shown
    delete errors.privateKey;
    if (form.privateKeyPath.trim() === '') {
      errors.privateKeyPath = enterMessage(DESTINATION_FIELD_WORDS.privateKeyPath.enter ?? '');
    }
  } else {
    delete errors.privateKeyPath;
  }
  return errors;
}

/**
 * What is wrong with a file picked as a private key, before it is sent: too big, a public key,
 * or not a key at all. Undefined when it looks like a private key (the server checks it).
 */
export function keyFileProblem(text: string): string | undefined {
  const trimmed = text.trim();
  if (trimmed === '') return 'The file is empty.';
  if (text.length > PRIVATE_KEY_MAX_LENGTH) {
    return `The file is too big for a private key (at most ${PRIVATE_KEY_MAX_LENGTH} characters).`;
  }
  if (/^(ssh-|ecdsa-sha2-|sk-)\S+ AAAA/.test(trimmed) || /BEGIN SSH2 PUBLIC KEY/.test(trimmed)) {
    return 'This is a public key. Upload the private key (the file without .pub).';
  }
  if (!/-----BEGIN [A-Z0-9 ]*PRIVATE KEY-----/.test(trimmed)) {
    return 'This does not look like a private key (PEM or OpenSSH text starting with "-----BEGIN … PRIVATE KEY-----").';
  }
  return undefined;
}
