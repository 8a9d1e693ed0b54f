import { rm } from 'node:fs/promises';
import { partsDirOf, type Settings } from '../config/settings';
import type { SessionRecord } from '../db/records';
import type { Logger } from '../ports/logger';
import { isInside } from './paths';

/**
 * Deletes a session's local MP3 and its raw parts folder. Only paths inside RECORDINGS_DIR and
 * the parts folder are touched; anything else is left alone and logged.
 */
export async function removeSessionFiles(
  session: Pick<SessionRecord, 'id' | 'outputFilePath' | 'partsDir'>,
  settings: Pick<Settings, 'dataDir' | 'recordingsDir'>,
  logger: Logger,
): Promise<void> {
  const targets: [string | null, string][] = [
    [session.outputFilePath, settings.recordingsDir],
    [session.partsDir, partsDirOf(settings)],
  ];
  for (const [path, folder] of targets) {
    if (!path) continue;
    if (!isInside(folder, path)) {
      logger.warn(`Kept ${path}: it is outside ${folder}.`, { sessionId: session.id });
      continue;
    }
    try {
      await rm(path, { recursive: true, force: true });
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      logger.warn(`Could not delete ${path}: ${message}`, { sessionId: session.id });
    }
  }
}
