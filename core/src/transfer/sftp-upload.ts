import { toSftpDestination } from '../pipeline/destination-key';
import type { Clock } from '../ports/clock';
import type { Logger } from '../ports/logger';
import type { DestinationRecord } from '../db/records';
import { replaceRemoteFiles, type RemoteFile } from './replace-remote-files';
import { createSftpClientFactory } from './sftp-client';
import type { QueuedUpload, UploadOutcome } from './transfer-queue';
import { uploadFile } from './uploader';

/** How the transfer queue uploads: over SFTP, the destination's key read from CONFIG_DIR. */
export function sftpUpload(
  configDir: string,
  logger: Logger,
  clock: Clock,
): (request: QueuedUpload) => Promise<UploadOutcome> {
  const clientFactory = createSftpClientFactory(logger);
  return async (r) =>
    uploadFile(
      {
        destination: await toSftpDestination(r.destination, configDir),
        localPath: r.localPath,
        fileName: r.fileName,
        onProgress: r.onProgress,
      },
      { clientFactory, logger, clock },
    );
}

/** How the feed publisher replaces files (feed.xml) in a destination's remote folder, over SFTP. */
export function sftpReplace(
  configDir: string,
  logger: Logger,
  clock: Clock,
): (destination: DestinationRecord, files: RemoteFile[]) => Promise<string[]> {
  const clientFactory = createSftpClientFactory(logger);
  return async (d, files) =>
    replaceRemoteFiles(await toSftpDestination(d, configDir), files, {
      clientFactory,
      logger,
      clock,
    });
}
