import { z } from 'zod';
import { errorCodeSchema } from '../errors';
import { operationAt, resourceOperations } from '../operation';
import { publicBaseUrlSchema } from '../public-base-url';
import { idInput, idSchema, instant, optionalText, requiredText } from './common';

/** Longest private key text accepted (a 16384-bit RSA key in PEM is about 13 KB). */
export const PRIVATE_KEY_MAX_LENGTH = 65_536;
/**
 * Most bcrypt rounds an encrypted OpenSSH key may ask for (`ssh-keygen -a`; 16 by default, 100 in
 * hardening guides). Each round costs about 15 ms of CPU, paid at every check and every use.
 */
export const PRIVATE_KEY_MAX_KDF_ROUNDS = 128;
export const PASSPHRASE_MAX_LENGTH = 1024;
export const REMOTE_DIR_MAX_LENGTH = 1024;
export const KEY_PATH_MAX_LENGTH = 4096;

const SHA256_FINGERPRINT = /^SHA256:[A-Za-z0-9+/]{43}$/;

/**
 * A pinned host key fingerprint as typed or pasted (`SHA256:` + 43 base64 characters, as
 * `ssh-keygen -lf` prints it): blanks, `=` padding and a lower-case or missing `sha256:` prefix
 * are tolerated and normalised. Missing, null or blank: none (the first transfer pins).
 */
export const hostKeyFingerprint = z
  .string({ error: 'must be text or null' })
  .trim()
  .transform((value) => {
    if (value === '') return null;
    const bare = value.replace(/=+$/, '');
    return `SHA256:${/^sha256:/i.test(bare) ? bare.slice('sha256:'.length) : bare}`;
  })
  .refine(
    (value) => value === null || SHA256_FINGERPRINT.test(value),
    'must be a SHA-256 fingerprint like SHA256:kvoQMJTedD1giukp6v7FCtFUl4A1DbhQrqXKecBz/X4',
  )
  .nullish()
  .transform((value) => value ?? null);

/**
 * A host name, IPv4 or IPv6 address: no blanks, slashes or other characters URLs use, and not
 * starting with "-" (which an SSH command line would read as an option).
 */
export const hostSchema = requiredText(253)
  .refine(
    (host) => /^[A-Za-z0-9._:%[\]-]+$/.test(host),
    'must be a host name or IP address (letters, digits, dots, dashes; IPv6 allowed)',
  )
  .refine((host) => !host.startsWith('-'), 'must not start with "-"');

const usernameSchema = requiredText(100).refine(
  (name) => !/\s/.test(name),
  'must not contain blanks',
);

/** PEM text of a private key (write-only). Kept exactly as given but for surrounding blanks. */
const privateKeySchema = z
  .string({ error: 'must be the private key as text (PEM)' })
  .trim()
  .min(1, 'must not be empty')
  .max(PRIVATE_KEY_MAX_LENGTH, `must be at most ${PRIVATE_KEY_MAX_LENGTH} characters`)
  .nullish()
  .transform((value) => value ?? undefined);

/** The passphrase of the key (write-only). Not trimmed: blanks may belong to it. */
const passphraseSchema = z
  .string({ error: 'must be text or null' })
  .max(PASSPHRASE_MAX_LENGTH, `must be at most ${PASSPHRASE_MAX_LENGTH} characters`)
  .refine((value) => !value.includes('\0'), 'must not contain NUL characters')
  .nullish();

const destinationFields = {
  name: requiredText(100),
  host: hostSchema,
  port: z
    .number({ error: 'must be a port number' })
    .int('must be a whole number from 1 to 65535')
    .min(1, 'must be a whole number from 1 to 65535')
    .max(65535, 'must be a whole number from 1 to 65535')
    .default(22),
  username: usernameSchema,
  remoteDir: requiredText(REMOTE_DIR_MAX_LENGTH),
  privateKey: privateKeySchema,
  privateKeyPath: optionalText(KEY_PATH_MAX_LENGTH),
  passphrase: passphraseSchema,
  hostKeyFingerprint,
  /** Where the remote folder is served on the web (podcast enclosures and feed.xml), or null. */
  publicBaseUrl: publicBaseUrlSchema,
};

/**
 * The choice of key: never both `privateKey` and `privateKeyPath`; one of them when `required`
 * (a new destination; an edit keeps the stored key when it gives none).
 */
function checkKeyChoice(
  value: { privateKey?: string | undefined; privateKeyPath: string | null },
  ctx: z.RefinementCtx,
  required: boolean,
): void {
  if (required && value.privateKey === undefined && value.privateKeyPath === null) {
    ctx.addIssue({
      code: 'custom',
      path: ['privateKey'],
      message: 'give either privateKey (the key as PEM text) or privateKeyPath (a key file)',
    });
  } else if (value.privateKey !== undefined && value.privateKeyPath !== null) {
    ctx.addIssue({
      code: 'custom',
      path: ['privateKeyPath'],
      message: 'give privateKey or privateKeyPath, not both',
    });
  }
}

/**
 * `POST /api/destinations`. Exactly one of `privateKey` (PEM text, stored by the app with 0600
 * permissions, never returned) and `privateKeyPath` (a key file on the machine running the app).
 */
export const createDestinationInput = z
  .object(destinationFields)
  .superRefine((value, ctx) => checkKeyChoice(value, ctx, true));

/**
 * `PUT /api/destinations/:id`: the whole destination again. Omitted (or null) `privateKey` and
 * `privateKeyPath` keep the current key. A new key replaces the passphrase too (omitted: none).
 * Without a new key, an omitted passphrase is kept, `null` or `""` removes it. An omitted
 * `hostKeyFingerprint` unpins the host key (the next transfer pins again).
 */
export const updateDestinationInput = z
  .object({ id: idSchema, ...destinationFields })
  .superRefine((value, ctx) => checkKeyChoice(value, ctx, false));

/**
 * `POST /api/destinations/test`: a destination as a form holds it, not saved. Without `id`, the
 * key is given as for create; with `id` (editing that destination), what update would keep is
 * used: an omitted key keeps the stored one, an omitted passphrase the stored one.
 */
export const testDestinationDraftInput = z
  .object({ id: idSchema.optional(), ...destinationFields })
  .superRefine((value, ctx) => checkKeyChoice(value, ctx, value.id === undefined));

export type CreateDestinationInput = z.input<typeof createDestinationInput>;
export type UpdateDestinationInput = z.input<typeof updateDestinationInput>;
export type TestDestinationDraftInput = z.input<typeof testDestinationDraftInput>;

/** A destination as answered: secrets are never returned. */
export const destinationDtoSchema = z.strictObject({
  id: z.string(),
  name: z.string(),
  host: z.string(),
  port: z.number().int(),
  username: z.string(),
  remoteDir: z.string(),
  /** True when a private key was uploaded (stored by the app); its text is never returned. */
  hasPrivateKey: z.boolean(),
  /** The key file the user pointed at (a path is not a secret), or null. */
  privateKeyPath: z.string().nullable(),
  /** True when a passphrase is stored; it is never returned. */
  hasPassphrase: z.boolean(),
  /** The pinned host key (`SHA256:…`), or null until the user pins it or the first successful transfer does. */
  hostKeyFingerprint: z.string().nullable(),
  /** The web address the remote folder is served under (no trailing slash), or null. */
  publicBaseUrl: z.string().nullable(),
  /** `put` when the server refused pipelined `fastPut` before. */
  transferMode: z.enum(['fastPut', 'put']),
  createdAt: instant,
  updatedAt: instant,
});
export type DestinationDto = z.output<typeof destinationDtoSchema>;

/** The answer of `POST /api/destinations/:id/test`. */
export const destinationTestDtoSchema = z.strictObject({
  ok: z.boolean(),
  hostKeyFingerprint: z.string().optional(),
  error: z.string().optional(),
  /** The error's code, for the UI. */
  code: errorCodeSchema.optional(),
});
export type DestinationTestDto = z.output<typeof destinationTestDtoSchema>;

const destinationsOperations = resourceOperations(
  'destinations',
  '/api/destinations',
  destinationDtoSchema,
  {
    list: { input: z.object({}), summary: 'Lists the SFTP destinations, by name.' },
    get: { input: idInput, summary: 'One destination (never its private key or passphrase).' },
    create: {
      input: createDestinationInput,
      summary:
        'Creates a destination. Give privateKey (PEM text; stored with 0600 permissions, never returned) or privateKeyPath.',
    },
    update: {
      input: updateDestinationInput,
      summary:
        'Replaces a destination. Omitted privateKey/privateKeyPath keep the current key; an omitted passphrase is kept unless a new key is given.',
    },
    delete: {
      input: idInput,
      summary:
        'Deletes a destination and its stored key; refused (409) while a stream still delivers to it.',
    },
  },
);
export const {
  list: listDestinations,
  get: getDestination,
  create: createDestination,
  update: updateDestination,
  delete: deleteDestination,
} = destinationsOperations;

export const testDestination = operationAt('POST /api/destinations/:id/test', 'destinations.test', {
  input: idInput,
  output: destinationTestDtoSchema,
  summary:
    'Connects, checks that remoteDir is writable and answers {ok, hostKeyFingerprint?, error?}; it shows the host key but never pins it (the user pins it with PUT hostKeyFingerprint, or the first transfer does).',
});

export const testDestinationDraft = operationAt(
  'POST /api/destinations/test',
  'destinations.testDraft',
  {
    input: testDestinationDraftInput,
    output: destinationTestDtoSchema,
    summary:
      'Tests a destination before it is saved (the values of its form; with id, the stored key and passphrase stand in for omitted ones): the same check and answer as POST /api/destinations/:id/test; nothing is stored or pinned.',
  },
);

export const destinationOperationSpecs = [
  listDestinations,
  getDestination,
  createDestination,
  updateDestination,
  deleteDestination,
  testDestination,
  testDestinationDraft,
] as const;
