import { AppError } from '../../contract';
import type { Settings } from '../config/settings';
import type { SessionRecord, StreamRecord } from '../db/records';
import type { StreamDependents } from '../db/stream-repository';
import type { Logger } from '../ports/logger';
import { removeArtworkFile } from './artwork-store';
import { plural } from './plural';
import { removeSessionFiles } from './session-files';

/**
 * Deleting a stream, apart from its rows: the rules that may refuse it, and the files and log
 * line that follow once its rows are gone. streams.delete finds and deletes the rows in one write.
 */

/** A stream with what depends on it: found, then deleted in the same write. */
export type StreamRemoval = StreamDependents & { stream: StreamRecord };

/** A session whose files or row must not be deleted now. */
function isBusy(
  s: Pick<SessionRecord, 'id' | 'status' | 'transferStatus'>,
  active: ReadonlySet<string>,
): boolean {
  return (
    s.status === 'RECORDING' ||
    s.status === 'PROCESSING' ||
    s.transferStatus === 'IN_PROGRESS' ||
    active.has(s.id)
  );
}

/**
 * Refuses (CONFLICT) to delete a stream that has schedules or sessions unless `cascade` asks for
 * them too, and any stream with a session recording, processing or transferring now (`active`:
 * the sessions running in this process).
 */
export function assertStreamDeletable(
  { stream, schedules, sessions }: StreamRemoval,
  cascade: boolean | undefined,
  active: ReadonlySet<string>,
): void {
  if (!cascade && (schedules.length > 0 || sessions.length > 0)) {
    throw new AppError(
      'CONFLICT',
      `Stream "${stream.name}" has ${plural(schedules.length, 'schedule', 'schedules')} and ${plural(sessions.length, 'session', 'sessions')}: delete them first, or delete the stream with cascade=true to delete them too.`,
      { field: 'id' },
    );
  }
  const busy = sessions.filter((s) => isBusy(s, active));
  if (busy.length > 0) {
    throw new AppError(
      'CONFLICT',
      `Stream "${stream.name}" has ${plural(busy.length, 'session', 'sessions')} recording, processing or transferring now: stop ${busy.length === 1 ? 'it' : 'them'} or wait, then delete the stream.`,
      { field: 'id' },
    );
  }
}

/** After the rows are gone: deletes the sessions' recordings and parts, then the artwork. */
export async function removeStreamFiles(
  { stream, sessions }: StreamRemoval,
  settings: Pick<Settings, 'dataDir' | 'recordingsDir' | 'artworkDir'>,
  logger: Logger,
): Promise<void> {
  for (const session of sessions) await removeSessionFiles(session, settings, logger);
  await removeArtworkFile(settings.artworkDir, stream.artworkFile);
}

/** The log line of a deleted stream. */
export function removalMessage({ stream, schedules, sessions }: StreamRemoval): string {
  return schedules.length + sessions.length > 0
    ? `Stream "${stream.name}" deleted with ${plural(schedules.length, 'schedule', 'schedules')} and ${plural(sessions.length, 'session', 'sessions')}.`
    : `Stream "${stream.name}" deleted.`;
}
