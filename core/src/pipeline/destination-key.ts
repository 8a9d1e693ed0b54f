import { readFile } from 'node:fs/promises';
import { AppError } from '../../contract';
import type { DestinationRecord } from '../db/records';
import { readPassphrase } from '../operations/key-store';
import { readKeyFile } from '../operations/private-key';
import type { SftpDestination } from '../transfer/connection';

/**
 * The destination as the uploader needs it, with its private key read from disk: the key the app
 * stored, or the key file it points at, which must still be inside CONFIG_DIR (readKeyFile).
 */
export async function toSftpDestination(
  d: DestinationRecord,
  configDir: string,
): Promise<SftpDestination> {
  if (!d.storedKeyFile && !d.privateKeyPath) {
    throw new AppError(
      'SSH_AUTH_FAILED',
      `Destination ${d.name} has no private key: upload one or give its path.`,
      {
        field: 'privateKey',
      },
    );
  }
  let privateKey: Buffer;
  if (d.storedKeyFile) {
    try {
      privateKey = await readFile(d.storedKeyFile);
    } catch {
      throw new AppError(
        'SSH_AUTH_FAILED',
        `The stored private key of destination ${d.name} is missing: upload it again.`,
        { field: 'privateKey' },
      );
    }
  } else {
    try {
      privateKey = await readKeyFile(configDir, d.privateKeyPath as string);
    } catch (error) {
      const why = error instanceof Error ? error.message : String(error);
      throw new AppError('SSH_AUTH_FAILED', `Destination ${d.name}: ${why}`, {
        field: 'privateKeyPath',
      });
    }
  }
  let passphrase: string | null;
  try {
    passphrase = await readPassphrase(d);
  } catch {
    throw new AppError(
      'SSH_AUTH_FAILED',
      `The stored passphrase of destination ${d.name} is missing: enter it again.`,
      { field: 'passphrase' },
    );
  }
  return {
    id: d.id,
    host: d.host,
    port: d.port,
    username: d.username,
    remoteDir: d.remoteDir,
    privateKey,
    passphrase,
    hostKeyFingerprint: d.hostKeyFingerprint,
    transferMode: d.transferMode,
  };
}
