import { AppError } from '../../contract';
import type { z } from 'zod';
import type { testDestinationDraftInput } from '../../contract/operations/destinations';
import type { DestinationRecord } from '../db/records';
import { toSftpDestination } from '../pipeline/destination-key';
import type { SftpDestination } from '../transfer/connection';
import { assertPrivateKey, readKeyFile } from './private-key';

/** The draft as the operation receives it (parsed by its schema). */
export type DestinationDraft = z.output<typeof testDestinationDraftInput>;

/**
 * The key and passphrase a draft asks for, by the rules of create (no `current`) and update
 * (`current`: the destination being edited): the same path sent back is not a new key, a new key
 * brings its own passphrase, otherwise an omitted passphrase keeps the stored one. The key is
 * checked as a save checks it (assertPrivateKey: VALIDATION_FAILED naming the field).
 */
async function draftKey(
  configDir: string,
  draft: DestinationDraft,
  current: DestinationRecord | undefined,
): Promise<{ privateKey: Buffer | string; passphrase: string | null }> {
  const newPath =
    draft.privateKeyPath !== null && draft.privateKeyPath !== current?.privateKeyPath
      ? draft.privateKeyPath
      : null;
  if (draft.privateKey !== undefined || newPath !== null || !current) {
    const passphrase = draft.passphrase || null;
    if (draft.privateKey !== undefined) {
      await assertPrivateKey(draft.privateKey, passphrase, 'privateKey');
      return { privateKey: draft.privateKey, passphrase };
    }
    if (newPath === null) {
      throw new AppError('VALIDATION_FAILED', 'Give the private key or the path of a key file.', {
        field: 'privateKey',
      });
    }
    const key = await readKeyFile(configDir, newPath);
    await assertPrivateKey(key, passphrase, 'privateKeyPath');
    return { privateKey: key, passphrase };
  }
  const stored = await toSftpDestination(current, configDir);
  const passphrase =
    draft.passphrase !== undefined ? draft.passphrase || null : (stored.passphrase ?? null);
  if (passphrase !== (stored.passphrase ?? null)) {
    const field = current.storedKeyFile ? 'privateKey' : 'privateKeyPath';
    await assertPrivateKey(stored.privateKey, passphrase, field);
  }
  return { privateKey: stored.privateKey, passphrase };
}

/**
 * The destination a form holds, not saved, as the connection test needs it: its own host, folder
 * and pin, and the key and passphrase it gives or (editing `current`) keeps. Nothing is written.
 */
export async function draftSftpDestination(
  configDir: string,
  draft: DestinationDraft,
  current: DestinationRecord | undefined,
): Promise<SftpDestination> {
  const { privateKey, passphrase } = await draftKey(configDir, draft, current);
  return {
    id: current?.id ?? 'draft',
    host: draft.host,
    port: draft.port,
    username: draft.username,
    remoteDir: draft.remoteDir,
    privateKey,
    passphrase,
    hostKeyFingerprint: draft.hostKeyFingerprint,
    transferMode: current?.transferMode ?? 'fastPut',
  };
}
