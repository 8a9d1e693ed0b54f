import { readFile } from 'node:fs/promises';
import { AppError } from '../../contract';
import type { DestinationRecord } from '../db/entities/records';
import type { SftpDestination } from '../transfer/connection';

/** The destination as the uploader needs it, with its private key read from disk. */
export async function toSftpDestination(d: DestinationRecord): Promise<SftpDestination> {
  const keyFile = d.storedKeyFile ?? d.privateKeyPath;
  if (!keyFile) {
    throw new AppError(
      'SSH_AUTH_FAILED',
      `Destination ${d.name} has no private key: upload one or give its path.`,
      {
        field: 'privateKey',
      },
    );
  }
  let privateKey: Buffer;
  try {
    privateKey = await readFile(keyFile);
  } catch {
    throw new AppError(
      'SSH_AUTH_FAILED',
      `The private key file of destination ${d.name} cannot be read (${keyFile}).`,
      {
        field: 'privateKeyPath',
      },
    );
  }
  return {
    id: d.id,
    host: d.host,
    port: d.port,
    username: d.username,
    remoteDir: d.remoteDir,
    privateKey,
    passphrase: d.passphrase,
    hostKeyFingerprint: d.hostKeyFingerprint,
    transferMode: d.transferMode,
  };
}
