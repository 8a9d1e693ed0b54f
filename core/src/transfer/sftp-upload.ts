import { toSftpDestination } from '../pipeline/destination-key';
import type { Clock } from '../ports/clock';
import type { Logger } from '../ports/logger';
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
