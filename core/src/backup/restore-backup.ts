import { rm } from 'node:fs/promises';
import type { EntityManager } from 'typeorm';
import { AppError } from '../../contract';
import type { BackupDocument, RestoreSummaryDto } from '../../contract/operations/backup';
import { SETTING_NAMES } from '../../contract/operations/settings';
import type { Database } from '../db/database';
import type { DestinationRecord, ScheduleRecord, StreamRecord } from '../db/entities/records';
import {
  DestinationEntity,
  ScheduleEntity,
  SessionEntity,
  StreamEntity,
} from '../db/entities/schemas';
import { artworkFilePath } from '../operations/artwork-store';
import { keyFilePath, keysDir, passphraseFilePath } from '../operations/key-store';
import { isInside } from '../operations/paths';
import type { Logger } from '../ports/logger';
import type { SchedulerControl } from '../scheduler/scheduler-control';
import type { RuntimeSettings } from '../settings/runtime-settings';
import { writeStoredSettings } from '../settings/stored-settings';
import { checkBackup } from './check-backup';
import { configLock } from './config-lock';
import { commitStaged, discardStaged, stageFile, type StagedFile } from './staged-files';

export interface RestoreDeps {
  db: Database;
  runtime: RuntimeSettings;
  scheduler: SchedulerControl;
  logger: Logger;
  /** Keys and passphrases go where destinations.* puts them: `<configDir>/keys/<id>.pem` and `<id>.passphrase` (0600). */
  configDir: string;
  /** Artwork goes where streams.* puts it: `<artworkDir>/<id>.jpg`. */
  artworkDir: string;
}

/**
 * Streams that have sessions (history) but are not in the backup. Sessions are never deleted by a
 * restore, and a session must keep its stream, so such a restore is refused: the user decides
 * (delete those sessions, or restore a backup that has the stream).
 */
async function refuseOrphanedSessions(m: EntityManager, doc: BackupDocument): Promise<void> {
  const keep = new Set(doc.streams.map((s) => s.id));
  const rows = (await m
    .createQueryBuilder(SessionEntity, 'session')
    .select('DISTINCT session.streamId', 'streamId')
    .getRawMany()) as { streamId: string }[];
  const lost = rows.map((r) => r.streamId).filter((id) => !keep.has(id));
  if (lost.length === 0) return;
  const streams = await m.findBy(
    StreamEntity,
    lost.map((id) => ({ id })),
  );
  const names = lost
    .map((id) => {
      const s = streams.find((x) => x.id === id);
      return s ? `"${s.name}" (${id})` : id;
    })
    .sort();
  throw new AppError(
    'CONFLICT',
    `The backup lacks ${names.length === 1 ? 'stream' : 'streams'} ${names.join(', ')}, which recorded sessions that a restore keeps. Delete those sessions first, or restore a backup that includes ${names.length === 1 ? 'it' : 'them'}.`,
    { field: 'streams' },
  );
}

async function staleIds(
  m: EntityManager,
  entity: typeof DestinationEntity | typeof StreamEntity | typeof ScheduleEntity,
  keep: ReadonlySet<string>,
): Promise<string[]> {
  const rows = (await m.find(entity, { select: { id: true } })) as { id: string }[];
  return rows.map((r) => r.id).filter((id) => !keep.has(id));
}

/**
 * Replaces destinations, streams, schedules and run-time settings with `doc` (which passed
 * backupDocumentSchema). Checked whole first (checkBackup), then: key and artwork files written
 * under temporary names, all rows changed in ONE transaction, and only after it committed the
 * files renamed into place (on failure they are removed and nothing has changed). Rows keep their
 * ids, so sessions (kept: they are history) keep their stream and schedule. Files of replaced
 * rows that the backup no longer needs are removed. Then settings and scheduler reload.
 */
export function restoreBackup(deps: RestoreDeps, doc: BackupDocument): Promise<RestoreSummaryDto> {
  return configLock(deps.db).run(() => restore(deps, doc));
}

async function restore(deps: RestoreDeps, doc: BackupDocument): Promise<RestoreSummaryDto> {
  await checkBackup(doc);
  const staged: StagedFile[] = [];
  const destinations: DestinationRecord[] = [];
  const streams: StreamRecord[] = [];
  let previous: { keys: (string | null)[]; artwork: (string | null)[] };
  try {
    for (const d of doc.destinations) {
      const { privateKey, passphrase, ...rest } = d;
      let storedKeyFile: string | null = null;
      let passphraseFile: string | null = null;
      if (privateKey !== null) {
        const file = await stageFile(keyFilePath(deps.configDir, d.id), privateKey, {
          mode: 0o600,
          dirMode: 0o700,
        });
        staged.push(file);
        storedKeyFile = file.final;
      }
      if (passphrase) {
        const file = await stageFile(passphraseFilePath(deps.configDir, d.id), passphrase, {
          mode: 0o600,
          dirMode: 0o700,
        });
        staged.push(file);
        passphraseFile = file.final;
      }
      destinations.push({ ...rest, storedKeyFile, passphraseFile });
    }
    for (const s of doc.streams) {
      const { artwork, ...rest } = s;
      let artworkFile: string | null = null;
      if (artwork !== null) {
        const file = await stageFile(
          artworkFilePath(deps.artworkDir, s.id),
          Buffer.from(artwork, 'base64'),
        );
        staged.push(file);
        artworkFile = file.final;
      }
      streams.push({ ...rest, fallbackUrls: [...rest.fallbackUrls], artworkFile });
    }
    const schedules: ScheduleRecord[] = doc.schedules.map((s) => ({ ...s }));

    previous = await deps.db.write(async (m) => {
      await refuseOrphanedSessions(m, doc);
      const before = {
        keys: (await m.find(DestinationEntity)).flatMap((d) => [d.storedKeyFile, d.passphraseFile]),
        artwork: (await m.find(StreamEntity)).map((s) => s.artworkFile),
      };
      // parents before children when adding, children before parents when removing: the
      // foreign keys hold at every statement
      for (const d of destinations) await m.save(DestinationEntity, d);
      for (const s of streams) await m.save(StreamEntity, s);
      for (const s of schedules) await m.save(ScheduleEntity, s);
      const removed = {
        schedules: await staleIds(m, ScheduleEntity, new Set(schedules.map((s) => s.id))),
        streams: await staleIds(m, StreamEntity, new Set(streams.map((s) => s.id))),
        destinations: await staleIds(m, DestinationEntity, new Set(destinations.map((d) => d.id))),
      };
      if (removed.schedules.length) await m.delete(ScheduleEntity, removed.schedules);
      if (removed.streams.length) await m.delete(StreamEntity, removed.streams);
      if (removed.destinations.length) await m.delete(DestinationEntity, removed.destinations);
      await writeStoredSettings(m, doc.settings);
      return before;
    });
  } catch (error) {
    await discardStaged(staged);
    throw error;
  }

  const failed = await commitStaged(staged);
  const inPlace = new Set(staged.map((f) => f.final));
  const obsolete = [
    ...previous.keys.filter((p) => p && isInside(keysDir(deps.configDir), p)),
    ...previous.artwork.filter((p) => p && isInside(deps.artworkDir, p)),
  ].filter((p): p is string => p !== null && !inPlace.has(p));
  await Promise.all(obsolete.map((p) => rm(p, { force: true }).catch(() => undefined)));

  const summary: RestoreSummaryDto = {
    destinations: destinations.length,
    streams: streams.length,
    schedules: doc.schedules.length,
    settings: SETTING_NAMES.length,
  };
  deps.logger.info(
    `Restored the backup of ${doc.createdAt}: ${summary.destinations} destinations, ${summary.streams} streams, ${summary.schedules} schedules, ${summary.settings} settings.`,
  );
  await deps.runtime.reload();
  try {
    await deps.scheduler.reload();
  } catch (error) {
    deps.logger.error(
      `The backup was restored, but the schedules could not be re-armed (${error instanceof Error ? error.message : String(error)}): restart the app.`,
    );
  }
  if (failed.length > 0) {
    await discardStaged(failed);
    throw new AppError(
      'INTERNAL',
      `The backup was restored, but ${failed.map((f) => f.final).join(', ')} could not be put in place: check the folder's permissions and restore again.`,
    );
  }
  return summary;
}
