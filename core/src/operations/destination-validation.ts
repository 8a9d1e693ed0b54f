import type { DestinationRecord } from '../db/records';
import { assertPrivateKey, readKeyFile } from './private-key';

/** The row's fields that create, update and restore take from the input as given (no secrets). */
export type DestinationPlainFields = Pick<
  DestinationRecord,
  'name' | 'host' | 'port' | 'username' | 'remoteDir' | 'hostKeyFingerprint' | 'publicBaseUrl'
>;

/** Picks a destination's plain fields (name, address, folder, pinned host key, web address). */
export function destinationFieldsOf(input: DestinationPlainFields): DestinationPlainFields {
  return {
    name: input.name,
    host: input.host,
    port: input.port,
    username: input.username,
    remoteDir: input.remoteDir,
    hostKeyFingerprint: input.hostKeyFingerprint,
    publicBaseUrl: input.publicBaseUrl,
  };
}

/** A destination's key as it is given to create, update or restore. */
export interface DestinationKeyInput {
  /** PEM text of a key to store (write-only); undefined or null: none given. */
  privateKey?: string | null | undefined;
  /** A key file on the machine running the app; null: none given. */
  privateKeyPath: string | null;
  /** The passphrase of an encrypted key; null: none. */
  passphrase: string | null;
}

/**
 * The checks of a destination that its schema cannot make, in one place for destinations.create,
 * destinations.update and restore: a key file path must name a readable file inside CONFIG_DIR
 * (readKeyFile: one refusal whatever the path is), and the key, pasted or read from that file,
 * must be an SSH private key that opens with the passphrase. Refuses with VALIDATION_FAILED naming
 * the field (privateKey, privateKeyPath or passphrase); changes nothing.
 */
export async function validateDestinationKey(
  configDir: string,
  input: DestinationKeyInput,
): Promise<void> {
  if (input.privateKey !== undefined && input.privateKey !== null) {
    await assertPrivateKey(input.privateKey, input.passphrase, 'privateKey');
  } else if (input.privateKeyPath !== null) {
    const key = await readKeyFile(configDir, input.privateKeyPath);
    await assertPrivateKey(key, input.passphrase, 'privateKeyPath');
  }
}
