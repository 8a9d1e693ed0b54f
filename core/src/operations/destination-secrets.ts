import { readFile } from 'node:fs/promises';
import { AppError } from '../../contract';
import type { DestinationRecord } from '../db/records';
import { validateDestinationKey } from './destination-validation';
import {
  readPassphrase,
  removeKeyFile,
  stageKey,
  stagePassphrase,
  type StagedKey,
} from './key-store';
import { assertPrivateKey, readKeyFile } from './private-key';
import type { StagedFiles } from './stored-resource';

/**
 * The secrets of a destination when it is created or updated: which key and passphrase the
 * request asks for (checked before anything changes), and their files, written beside their place
 * and moved in only once the row is saved, so that the row never points at a file that is not
 * there and a refused change leaves the old files as they were. The handlers keep the queries.
 */

/** The secret fields of a destination row: where its key and passphrase are. */
export type SecretFields = Pick<
  DestinationRecord,
  'privateKeyPath' | 'storedKeyFile' | 'passphraseFile'
>;

/** What a create or update request gives of the key and passphrase. */
export interface SecretsInput {
  privateKey?: string | undefined;
  privateKeyPath: string | null;
  passphrase?: string | null | undefined;
}

/**
 * Checks the key and passphrase of a new destination, then writes their files (0600): answers the
 * secret fields of its row and remove(), which deletes those files again when the row cannot be
 * saved.
 */
export async function storeNewSecrets(
  configDir: string,
  id: string,
  input: SecretsInput,
): Promise<{ fields: SecretFields; remove(): Promise<void> }> {
  const passphrase = input.passphrase || null;
  await validateDestinationKey(configDir, {
    privateKey: input.privateKey,
    privateKeyPath: input.privateKeyPath,
    passphrase,
  });
  let storedKeyFile: string | null = null;
  let passphraseFile: string | null = null;
  try {
    if (input.privateKey !== undefined) {
      storedKeyFile = await (await stageKey(configDir, id, input.privateKey)).commit();
    }
    if (passphrase) {
      passphraseFile = await (await stagePassphrase(configDir, id, passphrase)).commit();
    }
  } catch (error) {
    await removeKeyFile(configDir, storedKeyFile);
    throw error;
  }
  return {
    fields: {
      privateKeyPath: storedKeyFile ? null : input.privateKeyPath,
      storedKeyFile,
      passphraseFile,
    },
    async remove() {
      await removeKeyFile(configDir, storedKeyFile);
      await removeKeyFile(configDir, passphraseFile);
    },
  };
}

/** The stored passphrase of a destination; one whose file is gone counts as none. */
async function storedPassphrase(d: DestinationRecord): Promise<string | null> {
  try {
    return await readPassphrase(d);
  } catch {
    return null;
  }
}

/** The current key of a destination, to check a new passphrase against it. */
async function currentKey(
  configDir: string,
  d: DestinationRecord,
): Promise<{ key: Buffer; field: 'privateKey' | 'privateKeyPath' }> {
  if (d.storedKeyFile) {
    try {
      return { key: await readFile(d.storedKeyFile), field: 'privateKey' };
    } catch {
      throw new AppError(
        'VALIDATION_FAILED',
        'The stored private key of this destination is missing: upload it again.',
        { field: 'privateKey' },
      );
    }
  }
  if (d.privateKeyPath)
    return { key: await readKeyFile(configDir, d.privateKeyPath), field: 'privateKeyPath' };
  throw new AppError(
    'VALIDATION_FAILED',
    'This destination has no private key: give privateKey or privateKeyPath.',
    { field: 'privateKey' },
  );
}

/**
 * The secrets of an update, staged: the row's new fields, then commit() (moves the new files in
 * and deletes the ones they replace; after the row is saved) or discard() (drops the new files;
 * the current ones stay).
 */
export interface StagedSecrets extends StagedFiles {
  fields: SecretFields;
  /** Whether a new key (uploaded, or another path) replaces the current one. */
  newKey: boolean;
}

/**
 * Checks the key and passphrase an update asks for against `current` and stages their files.
 * The same path sent back (as the form does) is not a new key; a new key brings its own
 * passphrase; otherwise an omitted passphrase is kept, and a changed one must open the current key.
 */
export async function stageSecretChanges(
  configDir: string,
  current: DestinationRecord,
  input: SecretsInput,
): Promise<StagedSecrets> {
  const newPath =
    input.privateKeyPath !== null && input.privateKeyPath !== current.privateKeyPath
      ? input.privateKeyPath
      : null;
  const newKey = input.privateKey !== undefined || newPath !== null;
  const currentPassphrase = await storedPassphrase(current);
  const passphrase =
    newKey || input.passphrase !== undefined ? input.passphrase || null : currentPassphrase;
  if (newKey) {
    await validateDestinationKey(configDir, {
      privateKey: input.privateKey,
      privateKeyPath: newPath,
      passphrase,
    });
  } else if (passphrase !== currentPassphrase) {
    const { key, field } = await currentKey(configDir, current);
    await assertPrivateKey(key, passphrase, field);
  }

  const staged: StagedKey[] = [];
  let stagedKey: StagedKey | undefined;
  let passphraseFile = passphrase === null ? null : current.passphraseFile;
  const discard = () => Promise.all(staged.map((f) => f.discard())).then(() => undefined);
  try {
    if (input.privateKey !== undefined) {
      stagedKey = await stageKey(configDir, current.id, input.privateKey);
      staged.push(stagedKey);
    }
    if (passphrase !== null && (passphrase !== currentPassphrase || !passphraseFile)) {
      const file = await stagePassphrase(configDir, current.id, passphrase);
      staged.push(file);
      passphraseFile = file.path;
    }
  } catch (error) {
    await discard();
    throw error;
  }
  const storedKeyFile = stagedKey
    ? stagedKey.path
    : newPath !== null
      ? null
      : current.storedKeyFile;
  return {
    fields: {
      privateKeyPath: stagedKey ? null : (newPath ?? current.privateKeyPath),
      storedKeyFile,
      passphraseFile,
    },
    newKey,
    async commit() {
      for (const file of staged) await file.commit();
      if (current.storedKeyFile && current.storedKeyFile !== storedKeyFile) {
        await removeKeyFile(configDir, current.storedKeyFile);
      }
      if (current.passphraseFile && current.passphraseFile !== passphraseFile) {
        await removeKeyFile(configDir, current.passphraseFile);
      }
    },
    discard,
  };
}

/** Deletes the key and passphrase files of a deleted destination. */
export async function removeSecrets(configDir: string, d: SecretFields): Promise<void> {
  await removeKeyFile(configDir, d.storedKeyFile);
  await removeKeyFile(configDir, d.passphraseFile);
}
