import { rm } from 'node:fs/promises';
import type { EntityManager } from 'typeorm';
import { AppError } from '../../contract';
import type { BackupEnvelope, RestoreSummaryDto } from '../../contract/operations/backup';
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
import { turnTaker } from '../event-loop/turns';
import { configLock } from './config-lock';
import { commitStaged, discardStaged, stageFile, type StagedFile } from './staged-files';
import { validateBackup, type ValidBackup } from './validate-backup';

export interface RestoreDeps {
  db: Database;
  runtime: RuntimeSettings;
  scheduler: SchedulerControl;
  logger: Logger;
  /** Keys and passphrases go where destinations.* puts them: `<configDir>/keys/<id>.pem` and `<id>.passphrase` (0600). */
  configDir: string;
  /** Artwork goes where streams.* puts it: `<artworkDir>/<id>.jpg`. */
  artworkDir: string;
  /** The app's time zone (TZ), which schedules without a zone are checked in. */
  timeZone: string;
}

/**
 * Streams that have sessions (history) but are not in the backup. Sessions are never deleted by a
 * restore, and a session must keep its stream, so such a restore is refused: the user decides
 * (delete those sessions, or restore a backup that has the stream).
 */
async function refuseOrphanedSessions(m: EntityManager, doc: ValidBackup): Promise<void> {
  const keep = new Set(doc.streams.map((s) => s.record.id));
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
  const rows = (await m.createQueryBuilder(entity, 'e').select('e.id', 'id').getRawMany()) as {
    id: string;
  }[];
  return rows.map((r) => r.id).filter((id) => !keep.has(id));
}

type ConfigEntity = typeof DestinationEntity | typeof StreamEntity | typeof ScheduleEntity;

/** Rows per statement: well under SQLite's limit of bound values. */
const ROWS_PER_STATEMENT = 200;

type Statement = [sql: string, parameters: unknown[]];

/**
 * The statements that insert the rows, or update those whose id exists (an existing row is
 * updated in place, never deleted and inserted again: sessions keep their links), a few hundred
 * rows per statement. Built before the transaction, giving the event loop turns: inside it only
 * SQLite works (building them there held the event loop for a large backup).
 */
async function upsertStatements(
  db: Database,
  entity: ConfigEntity,
  rows: readonly object[],
  turn: () => Promise<void>,
): Promise<Statement[]> {
  const m = db.reader;
  const columns = m.connection
    .getMetadata(entity)
    .columns.map((c) => c.databaseName)
    .filter((name) => name !== 'id');
  const statements: Statement[] = [];
  for (let i = 0; i < rows.length; i += ROWS_PER_STATEMENT) {
    await turn();
    statements.push(
      m
        .createQueryBuilder()
        .insert()
        .into(entity)
        .values(rows.slice(i, i + ROWS_PER_STATEMENT) as never[])
        .orUpdate(columns, ['id'])
        .getQueryAndParameters(),
    );
  }
  return statements;
}

async function removeAll(m: EntityManager, entity: ConfigEntity, ids: readonly string[]) {
  for (let i = 0; i < ids.length; i += ROWS_PER_STATEMENT) {
    await m.delete(entity, ids.slice(i, i + ROWS_PER_STATEMENT));
  }
}

/**
 * Replaces destinations, streams, schedules and run-time settings with `doc` (whose envelope
 * passed backupEnvelopeSchema). Every entry is checked first as its create operation checks it
 * (validateBackup). Then: key and artwork files written under temporary
 * names, all rows changed in ONE transaction, and only after it committed the files renamed into
 * place (on failure they are removed and nothing has changed). Rows keep their ids, so sessions
 * (kept: they are history) keep their stream and schedule. Files of replaced rows that the
 * backup no longer needs are removed. Then settings and scheduler reload.
 */
export function restoreBackup(deps: RestoreDeps, doc: BackupEnvelope): Promise<RestoreSummaryDto> {
  // restores apply in the order they were asked for
  return configLock(deps.db).run(async () => restore(deps, await validateBackup(doc, deps)));
}

async function restore(deps: RestoreDeps, doc: ValidBackup): Promise<RestoreSummaryDto> {
  const staged: StagedFile[] = [];
  const destinations: DestinationRecord[] = [];
  const streams: StreamRecord[] = [];
  let previous: { keys: (string | null)[]; artwork: (string | null)[] };
  try {
    for (const d of doc.destinations) {
      let storedKeyFile: string | null = null;
      let passphraseFile: string | null = null;
      if (d.privateKey !== null) {
        const file = await stageFile(keyFilePath(deps.configDir, d.record.id), d.privateKey, {
          mode: 0o600,
          dirMode: 0o700,
        });
        staged.push(file);
        storedKeyFile = file.final;
      }
      if (d.passphrase !== null) {
        const file = await stageFile(
          passphraseFilePath(deps.configDir, d.record.id),
          d.passphrase,
          {
            mode: 0o600,
            dirMode: 0o700,
          },
        );
        staged.push(file);
        passphraseFile = file.final;
      }
      destinations.push({ ...d.record, storedKeyFile, passphraseFile });
    }
    for (const s of doc.streams) {
      let artworkFile: string | null = null;
      if (s.artwork !== null) {
        const file = await stageFile(artworkFilePath(deps.artworkDir, s.record.id), s.artwork);
        staged.push(file);
        artworkFile = file.final;
      }
      streams.push({ ...s.record, artworkFile });
    }
    const schedules: ScheduleRecord[] = doc.schedules;
    // parents before children when adding, children before parents when removing: the
    // foreign keys hold at every statement
    const turn = turnTaker();
    const upserts = [
      ...(await upsertStatements(deps.db, DestinationEntity, destinations, turn)),
      ...(await upsertStatements(deps.db, StreamEntity, streams, turn)),
      ...(await upsertStatements(deps.db, ScheduleEntity, schedules, turn)),
    ];

    previous = await deps.db.write(async (m) => {
      await refuseOrphanedSessions(m, doc);
      const files = async (entity: ConfigEntity, column: string) =>
        (
          (await m.createQueryBuilder(entity, 'e').select(`e.${column}`, 'file').getRawMany()) as {
            file: string | null;
          }[]
        ).map((r) => r.file);
      const before = {
        keys: [
          ...(await files(DestinationEntity, 'storedKeyFile')),
          ...(await files(DestinationEntity, 'passphraseFile')),
        ],
        artwork: await files(StreamEntity, 'artworkFile'),
      };
      for (const [sql, parameters] of upserts) await m.query(sql, parameters);
      const removed = {
        schedules: await staleIds(m, ScheduleEntity, new Set(schedules.map((s) => s.id))),
        streams: await staleIds(m, StreamEntity, new Set(streams.map((s) => s.id))),
        destinations: await staleIds(m, DestinationEntity, new Set(destinations.map((d) => d.id))),
      };
      await removeAll(m, ScheduleEntity, removed.schedules);
      await removeAll(m, StreamEntity, removed.streams);
      await removeAll(m, DestinationEntity, removed.destinations);
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
